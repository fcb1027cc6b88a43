"""Chat and command words are told apart from requests, in any language; a request is never taken for chat."""

from __future__ import annotations

import pytest

from musicbot.application.recommendation.chat import QUESTION, is_chat

# fmt: off
CHAT = [
    "hi bot", "hello", "hey", "thanks, great song!", "ty that was a banger", "thx", "lol", "lmao",
    "can you skip this", "skip", "pause it", "stop", "next song", "volume down pls", "can u turn it up",
    "who sings this", "what is this song", "love this song", "nice one", "good bot", "ok", "wait go back", "hola",
    "gracias bot", "merci beaucoup", "danke", "obrigado!", "grazie", "cảm ơn bot", "makasih", "arigatou",
]
REQUESTS = [
    "love songs", "good mood music", "surprise me", "play something", "more of that", "rock", "chill",
    "thanks! now play some jazz", "intense music for sleeping lol", "hey, some rock for my workout",
    "songs like daft punk", "música para dormir", "no rap", "",
]
# fmt: on


@pytest.mark.parametrize("text", CHAT)
def test_chat(text: str) -> None:
    assert is_chat(text)


@pytest.mark.parametrize("text", REQUESTS)
def test_requests_are_not_chat(text: str) -> None:
    assert not is_chat(text)


def test_the_question_gives_examples() -> None:
    assert QUESTION.startswith("What would you like to hear? e.g. “")
