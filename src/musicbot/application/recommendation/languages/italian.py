"""Italian: "musica per studiare", "pop ma non troppo triste", "qualcosa come i Måneskin", "anni 80"."""

from __future__ import annotations

from musicbot.application.recommendation.languages.pack import LanguagePack, term, word_set

ITALIAN = LanguagePack(
    code="it",
    stopwords=word_set(
        """il lo la i gli le un uno una di del della dei delle degli da dal dalla e o con per in nel nella su
        qualcosa qualche cosa musica canzoni canzone brani brano pezzi pezzo metti mettimi suona voglio vorrei
        dammi mi me mio mia tu tuo e sono molto piu bene buona buone buoni buono tipo stile ora oggi perfavore
        favore grazie mentre quando questo questa che ma"""
    ),
    moods={
        "sad": "triste|tristi|malinconica|malinconiche|malinconico|depressa|da piangere|piangere",
        "happy": "felice|felici|allegra|allegre|allegro|allegri|buonumore|di buon umore",
        "chill": "rilassante|rilassanti|rilassata|rilassato|lenta|lente|soft",
        "calm": "calma|calme|calmo|serena|serene|tranquilla|tranquille|tranquillo",
        "romantic": "romantica|romantiche|romantico|d amore|amore",
        "energetic": "energica|energiche|energico|carica|carico|veloce|veloci|movimentata|movimentate|adrenalina",
        "angry": "arrabbiato|arrabbiata|rabbia|aggressiva",
        "dark": "cupa|cupe|oscura",
        "uplifting": "motivazione|motivante|motivanti",
        "nostalgic": "nostalgia|nostalgica|ricordi",
        "summer": "estate|estiva|estive|spiaggia|tormentoni",
        "rainy day": "pioggia|giornata di pioggia",
    },
    activities={
        "sleep": "dormire|per dormire|sonno|addormentarsi",
        "study": "studiare|concentrarsi|concentrazione|leggere",
        "work": "lavorare|lavoro|programmare",
        "workout": "palestra|allenamento|allenarsi|allenarmi|gym",
        "running": "correre|corsa",
        "party": "festa|feste|serata|aperitivo",
        "dance": "ballare|ballo",
        "driving": "guidare|in macchina|viaggio in macchina|macchina",
        "cooking": "cucinare|cucina",
        "meditation": "meditare|meditazione|yoga",
        "cleaning": "pulire|pulizie",
        "morning": "mattina|risveglio",
        "dinner": "cena",
    },
    genres={"classical": "musica classica|classica", "electronic": "elettronica|elettronico", "indie": "itpop"},
    new_genres=(term("cantautori", "cantautore", "musica d autore", language="it"),),
    languages={"italiana": "it", "italiane": "it", "italiano": "it", "italiani": "it"},
    negations="ma non troppo|ma senza|ma niente|ma non|tutto tranne|tranne|eccetto|senza|niente|non troppo|non",
    references="simile a|simili a|nello stile di|stile|tipo|come",
    era_before="anni|degli anni|anni '",
    instrumental="senza parole|senza voce|senza testo|strumentale|strumentali",
    chat=word_set("ciao grazie salve ahah ahahah prossima pausa stop bot bella top"),
    requests=word_set("metti mettimi suona voglio vorrei dammi consiglia qualcosa musica canzoni"),
)
