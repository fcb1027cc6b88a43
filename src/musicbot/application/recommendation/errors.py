"""What recommending can raise; the entrypoints' error table turns each into a message for users."""

from __future__ import annotations

import math

from musicbot.application.errors import ApplicationError


class InvalidIntent(ApplicationError):
    """An intent's values make no sense (a count of 0, an energy of 3, a decade in the future...)."""


class IntentUnavailable(ApplicationError):
    """The AI service gave no usable intent (down, refused, slow, or answered nonsense): the caller falls back."""

    def __init__(self, reason: str, *, transient: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.transient = transient


class RateLimited(ApplicationError):
    """A user asked for recommendations too often; `retry_after_seconds` says when the next one is accepted."""

    def __init__(self, retry_after_seconds: float) -> None:
        seconds = max(1, math.ceil(retry_after_seconds))
        super().__init__(f"slow down a little: ask again in {seconds} s")
        self.retry_after_seconds = retry_after_seconds


class NotAMusicRequest(ApplicationError):
    """The request was chat or a command word ("hi bot", "thanks!", "skip"): `question` asks what to play."""

    def __init__(self, question: str) -> None:
        super().__init__(question)
        self.question = question


class NoRecommendations(ApplicationError):
    """Nothing could be found for a request (the sources are down, or the words matched nothing playable)."""

    def __init__(self) -> None:
        super().__init__("I found nothing for that right now; try other words, a genre or an artist")
