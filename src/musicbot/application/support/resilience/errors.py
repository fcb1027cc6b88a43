"""What the resilience layer raises, and which failures are worth another try."""

from __future__ import annotations

import math

from musicbot.application.errors import TrackUnavailable


class SourceUnavailable(TrackUnavailable):
    """A source's circuit breaker is open: the call failed fast, without reaching the source."""

    def __init__(self, source: str, retry_in: float) -> None:
        seconds = max(1, math.ceil(retry_in))
        super().__init__(f"{source} is failing right now; try again in {seconds} s", transient=True)
        self.source = source
        self.retry_in = retry_in


def is_transient(error: BaseException) -> bool:
    """A source failure that may pass when tried again: worth a retry, and counted against the source.

    A `SourceUnavailable` is transient for the user (later it may work) but is not retried: the breaker
    said no on purpose.
    """
    return isinstance(error, TrackUnavailable) and error.transient and not isinstance(error, SourceUnavailable)
