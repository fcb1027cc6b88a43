"""English: the small words around a request (stop words, negations, reference cues, chat, eras in words,
counts, language names). English's genres, moods and activities are in `lexicon.py`.
"""

from __future__ import annotations

from musicbot.application.recommendation.languages.pack import LanguagePack, word_set

# Eras written as words; digits ("90s", "1990s", "'90s", "1994", "1990-1995") are read by the extractor itself.
ERAS: dict[str, tuple[int, int]] = {
    "fifties": (1950, 1959),
    "sixties": (1960, 1969),
    "seventies": (1970, 1979),
    "eighties": (1980, 1989),
    "nineties": (1990, 1999),
    "noughties": (2000, 2009),
    "two thousands": (2000, 2009),
    "aughts": (2000, 2009),
    "twenty tens": (2010, 2019),
    "oldies": (1950, 1979),
    "golden oldies": (1950, 1979),
    "y2k": (1998, 2004),
}

LANGUAGES: dict[str, str] = {
    "english": "en",
    "french": "fr",
    "francais": "fr",
    "spanish": "es",
    "espanol": "es",
    "german": "de",
    "deutsch": "de",
    "italian": "it",
    "portuguese": "pt",
    "brazilian": "pt",
    "japanese": "ja",
    "korean": "ko",
    "chinese": "zh",
    "mandarin": "zh",
    "cantonese": "zh",
    "hindi": "hi",
    "arabic": "ar",
    "russian": "ru",
    "turkish": "tr",
    "dutch": "nl",
    "swedish": "sv",
    "polish": "pl",
    "greek": "el",
    "irish": "ga",
}

# How a language is said in a search ("fr" -> "french").
LANGUAGE_NAMES: dict[str, str] = {code: name for name, code in reversed(LANGUAGES.items()) if name.isascii()}

COUNT_WORDS: dict[str, int] = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "twenty five": 25, "a dozen": 12, "dozen": 12,
    "half a dozen": 6, "a couple": 2, "a couple of": 2, "couple": 2, "a few": 3, "few": 3, "a handful of": 5,
}  # fmt: skip

# Words that carry no wish: never a keyword, never part of a seed artist, never matched loosely.
STOPWORDS: frozenset[str] = word_set(
    """
    a about again all also am an and any anything are as at be bit can cause could do does for from get give go
    gonna good got great have having he her here hey his how i i'd i'll i'm id im in into is it it's its just keep
    kind kinda know lets let's like little lol look looking me mix mixes more most music my need needs nice
    now of off on one ones only or our out perfect play playing playlist playlists please plz pls put queue
    really recommend recommendation recommendations some something song songs sort sound sounds stuff suggest
    suggestions that the them then there these thing things this those through time to today tonight track tracks
    tune tunes type up us vibe vibes vibey want wanna was we well what whatever when while with would you your
    yo best top list lot lots hits hit bop bops jams jam beats beat listen listening tho though very so
    much many bunch hour hours minutes feel feeling mood moods style similar artists
    artist band bands singer singers by day night evening afternoon between around era decade
    sum somethin sumthin smth sth u ur af rn ya ima gotta bruh fr tbh ngl idk pls surprise random anymore
    no not but without except nothing too else other than genre genres same musik muzik gimme lemme moar throw
    """
)

# Common words a misspelling matcher would otherwise take for a lexicon word ("classics" is not "classical").
NEVER_FUZZY: frozenset[str] = word_set(
    """
    classic classics classy horse mouse songs sound sounds souls world words rapid parts paper dancer dances
    dinners stories story happen happens sturdy garage trapped folks latter letter better
    """
)

ENGLISH = LanguagePack(
    code="en",
    stopwords=STOPWORDS,
    negations=(
        "but not|but no|but nothing|anything but|anything except|anything other than|everything but|everything except|"
        "all but|except for|except|excluding|exclude|without|other than|besides|apart from|no more|nothing too|"
        "not too|not so|not very|not as|nothing|not|no|less|dont want|do not want|dont play|dont like|hate|minus|never|"
        "avoid"
    ),
    references=(
        "similar to|sounds like|sound like|in the style of|the likes of|inspired by|more like|stuff like|"
        "if u like|if you like|if ur into|if you are into|fans of|fan of|like|more"
    ),
    references_after="vibes|vibe|type beat|type music|esque|style",
    instrumental=(
        "instrumental|instrumentals|no lyrics|no vocals|without lyrics|without vocals|no words|without words|"
        "no singing|without singing|lyricless|no vocal|no voice|nothing with lyrics|nothing with words|"
        "nothing with vocals"
    ),
    chat=word_set(
        """hi hello hey heya hiya yo sup wassup howdy thanks thank thx ty tysm tyvm cheers lol lmao lmfao rofl haha
        hahaha xd nice cool awesome wow omg ok okay k kk yes yeah yep ya nope bot good bad gg skip pause resume stop
        next previous back wait volume turn down who sings singing what whats name this love loved slaps fire bye
        goodnight gn gm sorry hmm idk brb shuffle loop repeat lyrics again louder quieter great amazing welcome"""
    ),
    requests=word_set(
        """play put queue recommend suggest need want wanna gimme give more some something anything music surprise
        find got any"""
    ),
)

# Thanks in every language: thanking is chat even when it names the song ("ty that was a banger").
GRATITUDE = word_set("thanks thank thx ty tysm tyvm cheers gracias merci danke grazie obrigado obrigada makasih "
                     "arigatou arigato cam")  # fmt: skip
