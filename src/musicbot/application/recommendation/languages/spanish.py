"""Spanish: "música para dormir", "rock pero sin metal", "algo como Bad Bunny", "los 80"."""

from __future__ import annotations

from musicbot.application.recommendation.languages.pack import LanguagePack, term, word_set

SPANISH = LanguagePack(
    code="es",
    stopwords=word_set(
        """el la los las un una unos unas de del al a y o e u en con para pa por que algo alguna algunas algun
        alguno cualquier cosa cosas musica canciones cancion temas tema rolas rola pon ponme poner quiero quisiera
        dame necesito me mi mis tu su sus lo le les es son muy mas bien buena buenas buenos bueno tipo estilo
        ahora hoy porfa porfavor favor gracias onda ritmo para mientras cuando algo ese esa esto esta estos pero"""
    ),
    moods={
        "sad": "triste|tristes|tristeza|deprimente|para llorar|llorar|desamor|despecho|melancolica|melancolico",
        "happy": "feliz|felices|alegre|alegres|contento|contenta|buen rollo|buena vibra",
        "chill": "relajante|relajantes|relajada|relajado|relax|suave|suaves|lenta|lentas|lento|chill",
        "calm": "tranquila|tranquilas|tranquilo|tranquilos|calma|calmada|calmado|paz|pacifica",
        "romantic": "romantica|romanticas|romantico|romanticos|de amor|amor|para enamorar",
        "energetic": "animada|animadas|animado|con energia|energia|energetica|movida|movidas|movido|movidos|rapida|"
        "rapidas|prendida",
        "angry": "enojado|enojada|rabia|agresiva",
        "dark": "oscura|oscuras|oscuro",
        "uplifting": "motivacion|motivadora|motivadoras|inspiradora",
        "nostalgic": "nostalgia|nostalgica|recuerdos|viejitas|viejo|viejos|vieja|viejas",
        "summer": "verano|playa|veraniega",
        "rainy day": "lluvia|lluviosa|dia de lluvia",
    },
    activities={
        "sleep": "dormir|para dormir|sueno|siesta",
        "study": "estudiar|estudio|concentrarse|concentracion|leer",
        "work": "trabajar|trabajo|programar",
        "workout": "gimnasio|gym|entrenar|entreno|entrenamiento|ejercicio|pesas",
        "running": "correr|corriendo|trotar",
        "party": "fiesta|fiestas|fiestear|carrete|rumba|parranda|perrear|antro|previa",
        "dance": "bailar|baile|bailando",
        "driving": "manejar|conducir|carretera|viaje en carro|viaje en coche",
        "cooking": "cocinar|cocina",
        "meditation": "meditar|meditacion|yoga",
        "cleaning": "limpiar|limpieza",
        "dinner": "cena|cenar",
    },
    genres={"classical": "musica clasica|clasica", "electronic": "electronica", "latin": "latina|latino|latinas"},
    new_genres=(
        term(
            "regional mexicano",
            "corridos",
            "corridos tumbados",
            "banda",
            "norteno",
            "mariachi",
            "rancheras",
            language="es",
        ),
    ),
    languages={"espanol": "es", "en espanol": "es", "castellano": "es"},
    negations="pero sin|pero no|pero nada de|sin|nada de|menos|excepto|salvo|cualquier cosa menos|no tan|no muy|no",
    references="parecido a|parecida a|parecidas a|parecidos a|similar a|al estilo de|estilo|como",
    era_before="los|anos|decada de los|decada de|de los",
    instrumental="sin letra|sin voz|sin cantar|instrumentales",
    chat=word_set("hola gracias buenas jaja jajaja xd salta siguiente para pausa bot genial"),
    requests=word_set("pon ponme dame quiero necesito recomienda recomiendame algo musica canciones"),
)
