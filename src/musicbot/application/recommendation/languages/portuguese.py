"""Portuguese (Brazil first): "música pra dormir", "mas sem funk", "tipo Anitta", "anos 90"."""

from __future__ import annotations

from musicbot.application.recommendation.languages.pack import LanguagePack, term, word_set

PORTUGUESE = LanguagePack(
    code="pt",
    stopwords=word_set(
        """o a os as um uma uns umas de do da dos das no na nos nas em e ou com pra para pro por que algo alguma
        algum qualquer coisa coisas musica musicas cancao cancoes som sons toca coloca bota quero queria me da
        manda preciso meu minha seu sua e eh muito mais bem boa boas bom bons tipo estilo agora hoje pf pfv
        porfavor favor obrigado obrigada vibe enquanto quando isso esse essa vc voce voces ai mas"""
    ),
    moods={
        "sad": "triste|tristes|tristeza|deprê|depre|sofrencia|sofrer|chorar|pra chorar|melancolica|fossa",
        "happy": "feliz|felizes|alegre|alegres|animo|pra cima|alto astral",
        "chill": "relaxante|relaxantes|relaxar|suave|suaves|lenta|lentas|de boa",
        "calm": "calma|calmas|calmo|paz|paz interior|tranquila|tranquilas|tranquilo",
        "romantic": "romantica|romanticas|romantico|de amor|apaixonado|apaixonada",
        "energetic": "animada|animadas|animado|agitada|agitadas|agitado|energia|energetica|rapida|pesada|pesadas",
        "angry": "raiva|com raiva",
        "dark": "sombria|sombrio|obscura",
        "uplifting": "motivacao|motivacional|motivadora",
        "nostalgic": "nostalgia|saudade|saudades|antigas|antiguinhas",
        "summer": "verao|praia",
        "rainy day": "chuva|dia chuvoso",
    },
    activities={
        "sleep": "dormir|pra dormir|sono|cochilo",
        "study": "estudar|estudos|estudando|concentrar|concentracao|ler|leitura",
        "work": "trabalhar|trabalho|trampo|programar",
        "workout": "treinar|treino|academia|malhar|malhacao|gym|musculacao|exercicio",
        "running": "correr|corrida|correndo",
        "party": "festa|festas|balada|rolê|role|churrasco|resenha",
        "dance": "dancar|danca|dancando",
        "driving": "dirigir|viagem de carro|estrada|viagem",
        "cooking": "cozinhar|cozinha",
        "meditation": "meditar|meditacao|yoga",
        "cleaning": "faxina|limpar|limpeza",
        "gaming": "jogar|jogando",
        "morning": "manha|cafe da manha",
    },
    genres={
        "classical": "musica classica|classica",
        "electronic": "eletronica|eletronicas|eletronico",
        "bossa nova": "mpb|samba|pagode",
    },
    new_genres=(
        term("sertanejo", "sertanejo universitario", "modao", language="pt"),
        term("forro", "piseiro", "arrocha", language="pt"),
    ),
    languages={"portugues": "pt", "brasileira": "pt", "brasileiras": "pt", "nacional": "pt", "nacionais": "pt"},
    negations="mas sem|mas nao|mas nada de|sem|nada de|menos|exceto|tirando|qualquer coisa menos|nao muito|nao tao|nao",
    references="parecido com|parecida com|parecidas com|semelhante a|no estilo de|estilo|tipo|como",
    era_before="anos|decada de|dos anos|da decada de",
    instrumental="sem letra|sem voz|sem vocal|instrumentais",
    chat=word_set("oi ola obrigado obrigada valeu vlw kkk kkkk kkkkk rs pula proxima pausa bot top massa"),
    requests=word_set("toca coloca bota quero queria manda preciso recomenda sugere algo musica musicas som"),
)
