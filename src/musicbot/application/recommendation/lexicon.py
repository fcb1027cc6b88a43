"""The words the offline extractor knows: genres, moods, activities, eras and languages, with their synonyms and
common misspellings. Data only; maintained by hand. Synonyms are written as people type them: the matcher folds
case, accents and punctuation ("Hip-Hop", "hip hop" and "hiphop" are all listed or fold together).

`energy` (0-1) is the hint a word gives about how intense the music should be; `language` an ISO 639-1 code.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Term:
    name: str
    synonyms: tuple[str, ...] = ()
    energy: float | None = None
    language: str | None = None


def word_set(text: str) -> frozenset[str]:
    """The words of `text`, split on white space: long word lists stay readable."""
    return frozenset(text.split())


def _t(name: str, *synonyms: str, energy: float | None = None, language: str | None = None) -> Term:
    return Term(name, (name, *synonyms), energy, language)


# fmt: off
GENRES: tuple[Term, ...] = (
    _t("pop", "pop music", "popular music", "poppy"),
    _t("rock", "rock n roll", "rock and roll", "rock'n'roll", "classic rock", "rocky", energy=0.75),
    _t("hip hop", "hiphop", "hip-hop", "hip hop music", "hippity hop"),
    _t("rap", "rapping", "rap music", "raps"),
    _t("r&b", "rnb", "r and b", "r n b", "rhythm and blues", "randb"),
    _t("soul", "neo soul", "neosoul", "motown"),
    _t("funk", "funky"),
    _t("jazz", "jazzy", "smooth jazz", "bebop", "swing", energy=0.4),
    _t("blues", "bluesy"),
    _t("classical", "classical music", "orchestral", "symphony", "symphonies", "piano classics", energy=0.3),
    _t("country", "country music", "bluegrass", "americana"),
    _t("folk", "folky", "folk music"),
    _t("electronic", "electronica", "electro", "electronic music"),
    _t("edm", "dance music", "big room", energy=0.85),
    _t("house", "house music", "deep house", "tech house"),
    _t("techno", "tekno", energy=0.85),
    _t("trance", "psytrance", energy=0.8),
    _t("drum and bass", "dnb", "d&b", "drum n bass", "drum & bass", "drum'n'bass", "jungle", energy=0.9),
    _t("dubstep", "brostep", energy=0.85),
    _t("ambient", "ambience", "ambient music", energy=0.15),
    _t("lo-fi", "lofi", "lo fi", "low fi", "lowfi", "lofi hip hop", "lo-fi hip hop", "chillhop", energy=0.25),
    _t("metal", "heavy metal", "metalcore", "death metal", "thrash", "thrash metal", "black metal", energy=0.9),
    _t("punk", "punk rock", "pop punk", "pop-punk", "hardcore punk", energy=0.85),
    _t("indie", "indie rock", "indie pop", "indie music"),
    _t("alternative", "alt rock", "alt-rock", "alternative rock"),
    _t("grunge"),
    _t("emo"),
    _t("reggae", "roots reggae", "ska reggae"),
    _t("reggaeton", "regueton", "reggaetón", "perreo"),
    _t("latin", "latino", "latin music", "latin pop"),
    _t("salsa", "bachata", "merengue", "cumbia"),
    _t("bossa nova", "bossanova", "samba", "mpb", language="pt"),
    _t("k-pop", "kpop", "k pop", "korean pop", language="ko"),
    _t("j-pop", "jpop", "j pop", "japanese pop", language="ja"),
    _t("anime", "anime songs", "anime openings", "anison", language="ja"),
    _t("bollywood", "hindi songs", "filmi", language="hi"),
    _t("afrobeats", "afrobeat", "afro beats", "amapiano", "afropop"),
    _t("disco", "nu disco", "nu-disco", energy=0.75),
    _t("gospel", "worship", "christian music", "praise"),
    _t("synthwave", "retrowave", "outrun", "vaporwave", "synth wave"),
    _t("trap", "trap music"),
    _t("drill", "uk drill"),
    _t("grime"),
    _t("ska"),
    _t("dancehall"),
    _t("opera", "operatic", "arias", energy=0.4),
    _t("soundtrack", "soundtracks", "film score", "movie soundtrack", "ost", "movie music", "film music"),
    _t("video game", "video game music", "game music", "vgm", "chiptune", "8 bit", "8-bit"),
    _t("acoustic", "unplugged", energy=0.3),
    _t("singer-songwriter", "singer songwriter"),
    _t("shoegaze", "dream pop"),
    _t("hyperpop"),
    _t("phonk", energy=0.85),
    _t("chanson", "chanson francaise", "variete francaise", language="fr"),
    _t("flamenco", language="es"),
    _t("christmas", "xmas", "christmas songs", "holiday songs", "christmas music"),
    _t("musical", "musicals", "broadway", "show tunes"),
)
# fmt: on

# fmt: off
MOODS: tuple[Term, ...] = (
    _t("happy", "cheerful", "joyful", "feel good", "feel-good", "feelgood", "good mood", "sunny", "fun", energy=0.7),
    _t("sad", "sadness", "depressing", "depressed", "crying", "cry", "tearjerker", "heartbreak", "heartbroken",
       "breakup", "break up", "broken heart", "emotional", "melancholic", "melancholy", "gloomy", energy=0.25),
    _t("chill", "chilled", "chill out", "chillout", "chilling", "chillin", "relaxing", "relaxed", "relax", "laid back",
       "laid-back", "mellow", "low energy", "low-energy", "not too intense", "slow", "slower", "easy listening",
       "lowkey", "low key", "cozy", "cosy", "soft", energy=0.3),
    _t("calm", "peaceful", "soothing", "serene", "tranquil", "quiet", "gentle", energy=0.15),
    _t("romantic", "romance", "date night", "love songs", "love song", "slow jams", "slow jam", "sensual", "sexy",
       "slow dance", energy=0.35),
    _t("energetic", "energy", "high energy", "upbeat", "hype", "hyped", "pumped", "pump up", "pumping", "intense",
       "bangers", "banger", "lively", "fast", "fast paced", "uptempo", "up tempo", energy=0.9),
    _t("angry", "rage", "aggressive", "furious", "mad", energy=0.85),
    _t("dark", "moody", "gothic", "eerie", "creepy", "spooky", "halloween"),
    _t("uplifting", "inspiring", "inspirational", "motivational", "motivating", "motivation", "empowering", "hopeful",
       "positive", energy=0.7),
    _t("nostalgic", "nostalgia", "throwback", "throwbacks", "memories"),
    _t("dreamy", "ethereal", "atmospheric", "floaty", energy=0.3),
    _t("epic", "cinematic", "powerful", "anthemic", "anthems", energy=0.8),
    _t("groovy", "groove", "grooves", energy=0.65),
    _t("lonely", "alone", "loneliness", energy=0.25),
    _t("summer", "summery", "summertime", "beach", energy=0.65),
    _t("rainy day", "rainy", "rain", "stormy", energy=0.3),
)
# fmt: on

# fmt: off
ACTIVITIES: tuple[Term, ...] = (
    _t("workout", "work out", "working out", "gym", "exercise", "exercising", "training", "lifting", "weightlifting",
       "cardio", "crossfit", "fitness", "hiit", "spin class", energy=0.9),
    _t("running", "run", "jogging", "jog", "marathon", energy=0.85),
    _t("study", "studying", "focus", "focusing", "concentration", "concentrate", "homework", "revision", "revising",
       "exam", "exams", "reading", "deep work", energy=0.3),
    _t("work", "working", "code", "coding", "programming", "office", energy=0.45),
    _t("sleep", "sleeping", "sleepy", "asleep", "fall asleep", "falling asleep", "bedtime", "nap", "napping",
       "insomnia", energy=0.1),
    _t("party", "partying", "fiesta", "parties", "club", "clubbing", "pregame", "pre-game", "pregaming", "rave",
       "house party", energy=0.85),
    _t("dance", "dancing", "dancefloor", "dance floor", energy=0.8),
    _t("driving", "drive", "road trip", "roadtrip", "car ride", "cruising", "long drive", energy=0.6),
    _t("dinner", "dinner party", "dining", "candlelight", energy=0.35),
    _t("cooking", "baking", "kitchen", energy=0.55),
    _t("meditation", "meditate", "meditating", "yoga", "mindfulness", "spa", "massage", energy=0.1),
    _t("gaming", "games", "gamer", energy=0.75),
    _t("cleaning", "chores", "housework", energy=0.7),
    _t("morning", "wake up", "waking up", "breakfast", "sunrise", energy=0.55),
    _t("commute", "commuting", "train ride", "bus ride", energy=0.5),
    _t("wedding", "first dance", "reception", energy=0.6),
    _t("walking", "walk", "hiking", "hike", energy=0.5),
    _t("christmas party", "holiday party", energy=0.7),
)
# fmt: on

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
    """
)

# Common words a misspelling matcher would otherwise take for a lexicon word ("classics" is not "classical").
NEVER_FUZZY: frozenset[str] = word_set(
    """
    classic classics classy horse mouse songs sound sounds souls world words rapid parts paper dancer dances
    dinners stories story happen happens sturdy garage trapped folks latter letter better
    """
)
