"""`looks_like_request`: whether a plain chat message ("need rock for my workout") asks for music.

For the Discord layer, which may answer such messages in a music channel or when the bot is mentioned. It errs
towards no: a bot that jumps into conversations is worse than one that needs a command now and then.
"""

from __future__ import annotations

import re

from musicbot.application.recommendation.chat import REQUEST_WORDS, is_chat
from musicbot.application.recommendation.eras import read_eras
from musicbot.application.recommendation.lexicon import word_set
from musicbot.application.recommendation.phrases import read_seeds
from musicbot.application.recommendation.text import INDEX, tokens
from musicbot.application.recommendation.vocabulary import languages_of

MAX_WORDS = 30
_LINK = re.compile(r"https?://|www\.|<[@#:]|```", re.IGNORECASE)
_CUES = word_set(
    """play put need want wanna gimme give recommend suggest suggestions queue some something anything any
    playlist got know looking listen craving mood spin throw drop please pls"""
)
_MUSIC_WORDS = word_set(
    """music songs song tracks track tunes playlist beats bangers jams vibes bops classics hits musica musicas
    canciones cancion musik lieder musique chansons morceaux canzoni brani nhac lagu ongaku kyoku"""
)
_MATCH_CUE = re.compile(r"\b(?:some|something|anything)\s+(?:\w+\s+){0,2}?(?:like|similar|for)\b", re.IGNORECASE)


def looks_like_request(text: str) -> bool:
    """True for "need rock for my workout", "play some 90s hip hop", "any songs like Daft Punk?", "lofi beats to
    study to"; False for chat ("I need to go to work", "rock on!", "happy birthday"), links and code.
    """
    if not text.strip() or _LINK.search(text):
        return False
    words = tokens(text)
    if not words or len(words) > MAX_WORDS:
        return False
    if is_chat(text):
        return False
    cue = bool(_CUES.intersection(words) or REQUEST_WORDS.intersection(words))
    music = bool(_MUSIC_WORDS.intersection(words))
    seeds = read_seeds(text)
    eras, rest = read_eras(seeds.rest)
    matches, _ = INDEX.match(tokens(rest), languages_of(words))
    kinds = {match.entry.kind for match in matches if match.exact}
    named = bool(seeds.artists or seeds.tracks) and (music or bool(_MATCH_CUE.search(text)))
    genre = "genre" in kinds or (bool(eras) and music)
    described = bool(kinds & {"mood", "activity", "language"}) and music
    return named or (genre and (cue or music)) or (described and cue) or (described and len(words) <= 6)
