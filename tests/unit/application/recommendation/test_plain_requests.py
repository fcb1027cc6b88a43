"""`looks_like_request`: music requests in plain chat, and chat that is not one."""

from __future__ import annotations

import pytest

from musicbot.application.recommendation.plain_requests import looks_like_request

REQUESTS = [
    "need rock for my workout",
    "play some 90s hip hop",
    "any songs like Daft Punk?",
    "lofi beats to study to",
    "something chill for studying, 90s hip hop vibes",
    "sad songs",
    "put on some jazz",
    "party music",
    "songs by Queen",
    "80s pop classics please",
    "give me something like Taylor Swift",
    "k-pop playlist",
    "romantic dinner songs",
    "música para dormir",
    "pon algo de rock para el gym",
    "musik zum lernen",
    "mets de la musique calme",
    "lagu galau dong",
    "anything but country",
]
CHAT = [
    "I need to go to work",
    "rock on!",
    "happy birthday",
    "lol",
    "what time is it",
    "https://youtube.com/watch?v=x",
    "check this https://example.com/jazz-songs",
    "I like you",
    "I had a sad day",
    "the party was fun",
    "are you coming to the gym?",
    "the new jazz bar is nice",
    "i feel like going home",
    "thanks, great song!",
    "gracias amigo",
    "je suis fatigué",
    "ich gehe jetzt schlafen",
    "",
    "```python\nprint('play some jazz')\n```",
    "play " + "very " * 40 + "long jazz",
]


@pytest.mark.parametrize("text", REQUESTS)
def test_requests_are_recognised(text: str) -> None:
    assert looks_like_request(text)


@pytest.mark.parametrize("text", CHAT)
def test_chat_is_left_alone(text: str) -> None:
    assert not looks_like_request(text)
