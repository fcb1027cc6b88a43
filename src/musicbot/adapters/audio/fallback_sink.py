"""`FallbackSink`: a broken sink is the output's failure, never the song's.

ffplay without a sound device, a WAV file on a full disk: re-resolving the song would not help, and counting
it as the song's failure dropped whole queues in seconds. Audio goes on into a null sink (still paced), once
said why, and every song plays to its end.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable

from musicbot.adapters.audio.sinks import AudioSink, AudioSinkError, NullSink

log = logging.getLogger(__name__)


class FallbackSink:
    def __init__(self, sink: AudioSink, *, on_lost: Callable[[str], None] | None = None) -> None:
        self._sink = sink
        self._on_lost = on_lost
        self._closed = False
        self.lost: str | None = None  # why the first sink broke; None while it works

    def write(self, frame: bytes) -> None:
        if self._closed:
            raise AudioSinkError("the audio output is closed")
        try:
            self._sink.write(frame)
        except AudioSinkError as error:
            self._lose(str(error) or type(error).__name__)

    def close(self) -> None:
        self._closed = True
        self._sink.close()

    def _lose(self, reason: str) -> None:
        broken, self._sink = self._sink, NullSink()
        self.lost = reason
        with contextlib.suppress(Exception):  # it is broken already; what matters is that it lets go
            broken.close()
        # Said once: by the driver when it listens (the console prints it), else in the log.
        level = logging.INFO if self._on_lost is not None else logging.WARNING
        log.log(level, "the audio output stopped working (%s): audio now goes nowhere", reason)
        if self._on_lost is not None:
            self._on_lost(reason)
