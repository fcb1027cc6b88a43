"""`is_chat`: a message that talks to the bot or about the song ("hi bot", "thanks, great song!", "can you skip
this", "lol", "merci", "cảm ơn") rather than asking for music. Such a request is answered with a question, never
with songs picked from nothing.

Chat is every word being a chat or stop word (in any language) with at least one chat word and no word that asks
for music; or a thanks with nothing asked ("ty that was a banger").
"""

from __future__ import annotations

from musicbot.application.recommendation.languages import PACKS
from musicbot.application.recommendation.languages.english import GRATITUDE
from musicbot.application.recommendation.phrases import read_seeds
from musicbot.application.recommendation.text import INDEX, tokens
from musicbot.application.recommendation.vocabulary import ALL_STOPWORDS

MAX_CHAT_WORDS = 12
CHAT_WORDS: frozenset[str] = frozenset().union(*(pack.chat for pack in PACKS))
REQUEST_WORDS: frozenset[str] = frozenset().union(*(pack.requests for pack in PACKS))

EXAMPLE_REQUESTS = ("chill lofi for studying", "90s rock but no metal", "songs like Daft Punk")
QUESTION = "What would you like to hear? e.g. " + ", ".join(f"“{example}”" for example in EXAMPLE_REQUESTS)


def is_chat(text: str) -> bool:
    words = tokens(text)
    if not words or len(words) > MAX_CHAT_WORDS or REQUEST_WORDS.intersection(words):
        return False
    if GRATITUDE.intersection(words):
        return True
    if not CHAT_WORDS.intersection(words) or not all(word in CHAT_WORDS or word in ALL_STOPWORDS for word in words):
        return False
    matches, _ = INDEX.match(words)
    if any(m.end - m.start > 1 or words[m.start] not in CHAT_WORDS for m in matches):
        return False  # "love songs", "good mood": a chat word inside a music phrase
    seeds = read_seeds(text)
    return not (seeds.artists or seeds.tracks)
