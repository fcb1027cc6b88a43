"""Japanese written in romaji: "benkyou no ongaku", "kanashii kyoku", "metal igai", "YOASOBI mitai na kyoku",
"80 nendai". Particles come after the word they mark, so negations and references here come after too.
"""

from __future__ import annotations

from musicbot.application.recommendation.languages.pack import LanguagePack, term, word_set

JAPANESE = LanguagePack(
    code="ja",
    stopwords=word_set(
        """no wo o ga wa de ni to mo ya kara made yori ongaku kyoku kyokutachi uta songu kudasai onegai onegaishimasu
        nagashite kakete kikitai hoshii tame tameno youna you na mitaina chotto nanika nani kana desu da ne yo
        sugoi totemo motto ii kanji kei demo yoru"""
    ),
    moods={
        "sad": "kanashii|setsunai|sabishii|naki|nakeru|shitsuren",
        "happy": "tanoshii|ureshii|shiawase|akarui|happi",
        "chill": "yukkuri|rirakkusu|iyashi|iyasareru|ochitsuku|ochitsuita|yasashii",
        "calm": "shizuka|shizukana|odayaka|heiwa",
        "romantic": "romanchikku|koi|renai|rabu songu",
        "energetic": "genki|moriagaru|moriagari|hageshii|hayai|aggaru|agaru|tenshon",
        "angry": "ikari|okotta",
        "dark": "kurai|kowai",
        "uplifting": "yaruki|hagemasu|ouen",
        "nostalgic": "natsukashii|nosutarujikku",
        "summer": "natsu",
        "rainy day": "ame|ame no hi",
    },
    activities={
        "sleep": "nemuru|nemureru|neru|suimin|nemuri|oyasumi",
        "study": "benkyou|benkyo|benkyouyou|shuuchuu|shuchu|dokusho",
        "work": "shigoto|sagyou|sagyo|sagyouyou",
        "workout": "toreeningu|toreningu|kintore|undou|jimu",
        "running": "ranningu|hashiru|jogingu",
        "party": "paatii|pati|paati",
        "dance": "odoru|dansu",
        "driving": "doraibu",
        "cooking": "ryouri|ryori",
        "meditation": "meisou",
        "cleaning": "souji|soji",
        "gaming": "geemu|gemu",
        "morning": "asa",
    },
    genres={"j-pop": "jpoppu|jeipoppu", "anime": "anisong|anison", "rock": "rokku", "classical": "kurashikku"},
    new_genres=(term("enka", language="ja"), term("city pop", "shitii poppu", "citypop", language="ja")),
    languages={"nihongo": "ja", "nihon": "ja", "hougaku": "ja"},
    negations_after="igai|janai|ja nai|nashi|nuki|wa iranai|iranai|wa dame|dame|irane",
    references_after="mitai na|mitaina|mitai|no you na|no youna|ppoi|kei",
    era_after="nendai|nen dai",
    instrumental="kashi nashi|utanashi|uta nashi|insuto",
    chat=word_set("konnichiwa konbanwa ohayou arigatou arigato domo doumo kusa www sukippu tsugi teishi bot"),
    requests=word_set("nagashite kakete kikitai hoshii osusume"),
)
