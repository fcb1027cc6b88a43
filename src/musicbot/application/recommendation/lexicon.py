"""The English words the offline extractor knows: genres, moods and activities, with their synonyms and common
misspellings; the other languages are in `languages/`, the small words (stop words, eras, counts) in
`languages/english.py`. Data only; maintained by hand. Synonyms are written as people type them: the matcher
folds case, accents and punctuation ("Hip-Hop", "hip hop" and "hiphop" are all listed or fold together).

`energy` (0-1) is the hint a word gives about how intense the music should be; `language` an ISO 639-1 code.
"""

from __future__ import annotations

from musicbot.application.recommendation.languages.english import (
    COUNT_WORDS,
    ENGLISH,
    ERAS,
    LANGUAGE_NAMES,
    LANGUAGES,
    NEVER_FUZZY,
    STOPWORDS,
)
from musicbot.application.recommendation.languages.pack import Term, word_set
from musicbot.application.recommendation.languages.pack import term as _t

__all__ = [
    "ACTIVITIES",
    "COUNT_WORDS",
    "ENERGY_MOODS",
    "ENGLISH",
    "ERAS",
    "GENRES",
    "LANGUAGES",
    "LANGUAGE_NAMES",
    "MOODS",
    "NEVER_FUZZY",
    "STOPWORDS",
    "Term",
    "word_set",
]  # fmt: skip

# Moods that say how intense the music should be: said outright, they win over what an activity implies.
ENERGY_MOODS = frozenset({"chill", "calm", "energetic", "angry"})

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
    _t("latin", "latino", "latina", "latin music", "latin pop"),
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
    _t("happy", "cheerful", "happier", "cheerier", "joyful",
       "feel good", "feel-good", "feelgood", "good mood", "sunny", "fun", energy=0.7),
    _t("sad", "sadness", "depressing", "depressed", "crying", "cry", "tearjerker", "heartbreak", "heartbroken",
       "sadder", "breakup", "break up", "broken heart", "emotional", "melancholic", "melancholy", "gloomy",
       energy=0.25),
    _t("chill", "chilled", "chill out", "chillout", "chilling", "chillin", "relaxing", "relaxed", "relax", "laid back",
       "laid-back", "mellow", "mellower", "low energy", "low-energy", "slow", "slower", "softer", "easy listening",
       "lowkey", "low key", "cozy", "cosy", "soft", energy=0.3),
    _t("calm", "peaceful", "soothing", "serene", "tranquil", "quiet", "gentle", "calmer", "quieter", energy=0.15),
    _t("romantic", "romance", "date night", "love songs", "love song", "slow jams", "slow jam", "sensual", "sexy",
       "slow dance", "slow jamz", energy=0.35),
    _t("energetic", "energy", "high energy", "upbeat", "hype", "hyped", "pumped", "pump up", "pumping", "intense",
       "bangers", "banger", "lively", "fast", "fast paced", "uptempo", "up tempo",
       "faster", "louder", "livelier", "heavy", "heavier", "harder", energy=0.9),
    _t("angry", "rage", "aggressive", "furious", "mad", energy=0.85),
    _t("dark", "moody", "darker", "gothic", "eerie", "creepy", "spooky", "halloween"),
    _t("uplifting", "inspiring", "inspirational", "motivational", "motivating", "motivation", "empowering", "hopeful",
       "positive", energy=0.7),
    _t("nostalgic", "nostalgia", "throwback", "throwbacks", "memories", "old school", "oldschool"),
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
