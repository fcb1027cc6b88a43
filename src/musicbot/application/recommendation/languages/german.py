"""German: "Musik zum Einschlafen", "Rock aber kein Metal", "was wie Rammstein", "80er"."""

from __future__ import annotations

from musicbot.application.recommendation.languages.pack import LanguagePack, Term, term, word_set

GERMAN = LanguagePack(
    code="de",
    stopwords=word_set(
        """der die das den dem des ein eine einen einem einer und oder mit fur fuer zum zur zu von vom im in am an
        auf bei nach etwas was irgendwas irgendwelche musik lieder lied songs spiel spiele spielt mach mal bitte
        ich mir mich mein meine du dein ist sind sehr mehr gut gute guten so wie bisschen paar noch auch jetzt
        heute beim wahrend wenn danke hits aber von vom"""
    ),
    moods={
        "sad": "traurig|traurige|trauriges|traurigen|melancholisch|zum weinen|liebeskummer|herzschmerz",
        "happy": "frohlich|frohliche|froehlich|glucklich|gluecklich|gute laune|gut gelaunt|lustig|lustige",
        "chill": "entspannt|entspannte|entspannend|entspannende|entspannung|chillig|gemutlich|langsam|langsame|sanft",
        "calm": "ruhig|ruhige|ruhiges|beruhigend|beruhigende|friedlich|leise",
        "romantic": "romantisch|romantische|liebeslieder|kuschelrock",
        "energetic": "energiegeladen|energiegeladene|energisch|schnell|schnelle|schneller|laut|lauter|power|"
        "mit energie|treibend|treibende",
        "angry": "wutend|wuetend|aggressiv|aggressive",
        "dark": "dunkel|dunkle|dunkler|duster",
        "uplifting": "motivierend|motivierende|motivation|aufmunternd",
        "nostalgic": "nostalgisch|nostalgie|alte",
        "summer": "sommer|sommerlich|strand",
        "rainy day": "regen|regentag|regnerisch",
    },
    activities={
        "sleep": "schlafen|einschlafen|zum einschlafen|zum schlafen|schlaf|nickerchen|schlafmusik|einschlafmusik",
        "study": "lernen|zum lernen|konzentration|konzentrieren|lesen|hausaufgaben|lernmusik",
        "work": "arbeiten|arbeit|zum arbeiten|programmieren|buro|buero",
        "workout": "training|trainieren|fitnessstudio|fitness|sport|gym|krafttraining|pumpen|trainingsmusik|sportmusik",
        "running": "laufen|joggen|rennen",
        "party": "feiern|party|fete|vorglühen|vorgluhen|vorgluehen|partymusik|partylieder",
        "dance": "tanzen|tanz",
        "driving": "autofahren|autofahrt|im auto|roadtrip|fahren",
        "cooking": "kochen|backen",
        "meditation": "meditieren|meditation|yoga",
        "cleaning": "putzen|aufraumen|aufraeumen|hausarbeit",
        "gaming": "zocken|gamen",
        "morning": "morgens|aufwachen|fruhstuck",
    },
    genres={
        "classical": "klassik|klassische musik|klassisch",
        "electronic": "elektro|elektronisch|elektronische",
        "rap": "sprechgesang",
        "folk": "volksmusik",
    },
    new_genres=(
        term("schlager", "schlagermusik", "ballermann", "apres ski", language="de"),
        Term("rap", ("deutschrap", "deutsch rap", "deutscher rap"), None, "de"),
        term("neue deutsche welle", "ndw", language="de"),
    ),
    languages={"deutsche": "de", "deutscher": "de", "deutschen": "de", "auf deutsch": "de"},
    negations="aber kein|aber keine|aber keinen|aber nicht|alles ausser|alles auser|ausser|auser|ohne|kein|keine|"
    "keinen|nicht zu|nicht so|nicht",
    references="ahnlich wie|aehnlich wie|ahnlich|so wie|im stil von|wie",
    era_after="er|er jahre|jahre|ern",
    instrumental="ohne gesang|ohne text|ohne stimme|instrumentale",
    chat=word_set("hallo moin servus danke dankeschon naja haha weiter nachste stopp pause lauter leiser bot super"),
    requests=word_set("spiel spiele spielt mach gib brauche will mochte empfiehl etwas musik lieder"),
)
