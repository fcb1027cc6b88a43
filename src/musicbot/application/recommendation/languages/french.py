"""French: "musique pour dormir", "du rock mais pas de metal", "un truc comme Daft Punk", "années 60"."""

from __future__ import annotations

from musicbot.application.recommendation.languages.pack import LanguagePack, term, word_set

FRENCH = LanguagePack(
    code="fr",
    stopwords=word_set(
        """le la les l un une des du de d au aux et ou avec pour par en dans sur quelque chose truc trucs un peu
        musique musiques chanson chansons son sons morceau morceaux titres titre mets met joue jouer moi je j me
        mon ma mes tu ton ta est sont tres plus bien bon bonne bons bonnes genre style type ca ce cette ces qui
        que quoi svp stp merci pendant quand vibe ambiance qq mais"""
    ),
    moods={
        "sad": "triste|tristes|deprimant|deprimante|pour pleurer|pleurer|melancolique|chagrin",
        "happy": "joyeux|joyeuse|joyeuses|heureux|heureuse|gaie|gai|bonne humeur|de bonne humeur",
        "chill": "relax|relaxant|relaxante|detente|detendu|cool|doux|douce|lent|lente|posé",
        "calm": "calme|calmes|apaisant|apaisante|paisible|zen|tranquille|tranquilles",
        "romantic": "romantique|romantiques|d amour|amoureux|amoureuse",
        "energetic": "energique|energiques|dynamique|dynamiques|qui bouge|entrainant|entrainante|rapide|rapides|"
        "qui pete|pêchu|pechu|patate",
        "angry": "enerve|vénère|venere|agressif|agressive",
        "dark": "sombre|sombres",
        "uplifting": "motivant|motivante|motivation|inspirant",
        "nostalgic": "nostalgique|nostalgie|souvenirs",
        "summer": "ete|estival|estivale|plage",
        "rainy day": "pluie|jour de pluie|pluvieux",
    },
    activities={
        "sleep": "dormir|pour dormir|sommeil|sieste|s endormir",
        "study": "etudier|reviser|revisions|concentration|se concentrer|lire|lecture|devoirs",
        "work": "travailler|travail|taf|bosser|boulot|coder",
        "workout": "muscu|musculation|salle|sport|entrainement|s entrainer|gym",
        "running": "courir|footing|jogging",
        "party": "fete|soiree|teuf|apero|faire la fete",
        "dance": "danser|danse",
        "driving": "conduire|en voiture|route|voiture",
        "cooking": "cuisiner|cuisine",
        "meditation": "mediter|meditation|yoga",
        "cleaning": "menage|ranger",
        "gaming": "jouer aux jeux|jeux video",
        "morning": "matin|reveil",
        "dinner": "diner|souper",
    },
    genres={
        "classical": "musique classique|classique",
        "electronic": "electro|electronique",
        "rap": "rap game",
    },
    new_genres=(term("variete", "varietes", "variete fr", language="fr"),),
    languages={"francais": "fr", "francaise": "fr", "francaises": "fr", "en francais": "fr"},
    negations="mais pas de|mais pas d|mais pas|mais sans|tout sauf|sauf|sans|pas de|pas d|pas trop|pas tres|aucun|"
    "aucune|pas",
    references="dans le style de|dans le genre de|ressemble a|similaire a|genre|comme",
    era_before="annees|les annees|des annees|annee",
    instrumental="sans paroles|sans voix|sans chant|instrumentale|instrumentales",
    chat=word_set("salut bonjour bonsoir coucou merci mdr ptdr lol suivant suivante pause stop bot super genial top"),
    requests=word_set("mets met joue envoie veux voudrais besoin conseille recommande propose musique chansons"),
)
