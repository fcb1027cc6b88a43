"""Where local PCM frames end up: a WAV file, the speakers through ffplay, or nowhere.

Sinks are synchronous: a frame is 3,840 bytes every 20 ms, a write that returns in microseconds.
"""

from __future__ import annotations

import contextlib
import re
import shutil
import subprocess
import tempfile
import wave
from pathlib import Path
from typing import IO, Protocol

from musicbot.adapters.audio.pcm import CHANNELS, FRAME_SIZE, SAMPLE_RATE, SAMPLE_WIDTH
from musicbot.application.errors import PlaybackFailed

_WAV_HEADER_SIZE = 44
_WAV_MAX_DATA = 0xFFFF_FFFF - _WAV_HEADER_SIZE  # RIFF sizes are 32-bit: about 6.2 hours of our PCM
# Raw PCM on stdin. The pcm demuxer takes `ch_layout` since FFmpeg 5.1; its `channels` option is gone in 7+.
_FFPLAY_ARGS = (
    "-nodisp", "-autoexit", "-loglevel", "error",
    "-f", "s16le", "-ar", str(SAMPLE_RATE), "-ch_layout", "stereo", "-i", "-",
)  # fmt: skip
_FFPLAY_EXIT_WAIT = 1.0  # seconds ffplay gets to play out what it buffered before it is stopped
# A tenth of a second of silence: ffplay opens the audio device for it, or says why it cannot (~0.6 s here).
# (`-t` is not honoured for a lavfi input by ffplay: the source itself is given a duration.)
_PROBE_ARGS = ("-nodisp", "-autoexit", "-loglevel", "error", "-f", "lavfi", "-i", "anullsrc=r=48000:d=0.1")
_PROBE_TIMEOUT = 5.0
# What ffplay (SDL) says when there is no sound device; the ALSA noise before it explains nothing. ffplay 5.1
# exits with 0 after "audio open failed": its words decide, not its exit code.
_NO_DEVICE = re.compile(r"audio open failed|could not initialize sdl|audio target .* not available", re.I)
_FAILED = re.compile(r"failed to open file", re.I)  # its own summary of a failure to start


class AudioSinkError(PlaybackFailed):
    """A sink can no longer take audio (its file is full, its player exited, it was closed)."""


class AudioSink(Protocol):
    def write(self, frame: bytes) -> None:
        """Take one frame of s16le 48 kHz stereo PCM; raise `AudioSinkError` when that is no longer possible."""
        ...

    def close(self) -> None:
        """Release what the sink holds; idempotent."""
        ...


class NullSink:
    """Discards audio and counts it: for benchmarks and tests that only need the pacing."""

    def __init__(self) -> None:
        self.frames = 0
        self.bytes = 0
        self.closed = False

    def write(self, frame: bytes) -> None:
        if self.closed:
            raise AudioSinkError("the null sink is closed")
        self.frames += 1
        self.bytes += len(frame)

    def close(self) -> None:
        self.closed = True


class WavFileSink:
    """One WAV file for a whole session, songs one after another, readable at any moment while it grows.

    `wave` rewrites the RIFF and data sizes after every `writeframes`, and the file is flushed after each
    frame, so a reader opening it mid-playback sees a valid file holding everything written so far.
    """

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        try:
            self._file: IO[bytes] = self.path.open("wb")
        except OSError as error:
            raise AudioSinkError(f"cannot write {self.path}: {error.strerror or error}") from error
        try:
            self._wav = wave.open(self._file, "wb")  # noqa: SIM115 (open for the sink's lifetime, see close)
            self._wav.setnchannels(CHANNELS)
            self._wav.setsampwidth(SAMPLE_WIDTH)
            self._wav.setframerate(SAMPLE_RATE)
            self._wav.writeframes(b"")  # the header now, so even an empty session is a valid file
            self._file.flush()
        except BaseException:
            self._file.close()
            raise
        self._data_bytes = 0
        self._closed = False

    @property
    def frames(self) -> int:
        """20 ms frames written so far."""
        return self._data_bytes // FRAME_SIZE

    @property
    def seconds(self) -> float:
        return self._data_bytes / (SAMPLE_RATE * CHANNELS * SAMPLE_WIDTH)

    def write(self, frame: bytes) -> None:
        if self._closed:
            raise AudioSinkError(f"the WAV file {self.path.name} is closed")
        if self._data_bytes + len(frame) > _WAV_MAX_DATA:
            raise AudioSinkError(f"the WAV file {self.path.name} is full (a WAV file holds at most 4 GiB)")
        try:
            self._wav.writeframes(frame)
            self._file.flush()
        except OSError as error:  # a full disk, a vanished mount
            raise AudioSinkError(f"cannot write {self.path.name}: {error.strerror or error}") from error
        self._data_bytes += len(frame)

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        try:
            self._wav.close()
        finally:
            self._file.close()


def ffplay_available(ffplay: str = "ffplay") -> bool:
    return shutil.which(ffplay) is not None


def speakers_problem(ffplay: str = "ffplay", *, timeout: float = _PROBE_TIMEOUT) -> str | None:
    """Why ffplay cannot play to a sound device here (None: it can), found by playing a tenth of a second.

    Servers, containers and SSH sessions have no sound device: ffplay starts, then exits at once with
    "audio open failed". Checking once at start beats finding out from the first song.
    """
    executable = shutil.which(ffplay)
    if executable is None:
        return "ffplay is not installed"
    try:
        done = subprocess.run(
            [executable, *_PROBE_ARGS], stdin=subprocess.DEVNULL, capture_output=True, timeout=timeout, check=False
        )
    except subprocess.TimeoutExpired:
        return f"ffplay did not finish a test sound within {timeout:g} s"
    except OSError as error:
        return f"could not start ffplay: {error.strerror or error}"
    lines = [line.strip() for line in done.stderr.decode("utf-8", "replace").splitlines() if line.strip()]
    known = [line for line in lines if _NO_DEVICE.search(line)]
    if not known and done.returncode == 0 and not any(_FAILED.search(line) for line in lines):
        return None
    detail = (known or lines or [f"it exited with code {done.returncode}"])[0]
    return f"ffplay cannot open a sound device ({detail.rstrip('.')})"


class FfplaySink:
    """The speakers: frames go to the stdin of an `ffplay` process.

    Writes block when ffplay's buffer is full, so use it with a real-time `LocalAudioOutput`.
    """

    def __init__(self, ffplay: str = "ffplay") -> None:
        executable = shutil.which(ffplay)
        if executable is None:
            raise AudioSinkError("ffplay was not found: install FFmpeg's ffplay or write to a WAV file")
        # A file, not a pipe: nobody reads ffplay's errors until it fails, and a full pipe would block it.
        self._errors = tempfile.TemporaryFile()  # noqa: SIM115 (open for the sink's lifetime, see close)
        try:
            self._process = subprocess.Popen(
                [executable, *_FFPLAY_ARGS],
                stdin=subprocess.PIPE,
                stdout=subprocess.DEVNULL,
                stderr=self._errors,
                bufsize=0,  # each frame reaches ffplay now, not when an 8 KiB buffer fills
            )
        except OSError as error:
            self._errors.close()
            raise AudioSinkError(f"could not start ffplay: {error.strerror or error}") from error
        self._closed = False

    @property
    def pid(self) -> int:
        return self._process.pid

    def write(self, frame: bytes) -> None:
        if self._closed:
            raise AudioSinkError("the speaker output is closed")
        stdin = self._process.stdin
        assert stdin is not None
        try:
            stdin.write(frame)
        except (BrokenPipeError, ValueError) as error:
            raise AudioSinkError(f"ffplay stopped: {self._why_stopped()}") from error

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        try:
            if self._process.stdin is not None:
                with contextlib.suppress(BrokenPipeError):
                    self._process.stdin.close()  # end of input: ffplay (-autoexit) plays what it holds and exits
            try:
                self._process.wait(timeout=_FFPLAY_EXIT_WAIT)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
        finally:
            self._errors.close()

    def _why_stopped(self) -> str:
        returncode = self._process.poll()
        self._errors.seek(0)
        lines = [line.strip() for line in self._errors.read()[-2048:].decode("utf-8", "replace").splitlines()]
        lines = [line for line in lines if line]
        if lines:
            return lines[-1]
        return "it is still running" if returncode is None else f"it exited with code {returncode}"
