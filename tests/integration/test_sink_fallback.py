"""A sink that breaks is the output's failure, never the song's: the song plays to its end into nothing."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from musicbot.adapters.audio import LocalAudioOutput
from musicbot.adapters.audio.sinks import AudioSinkError, ffplay_available, speakers_problem
from musicbot.application.playback.ports import PlaybackRequest
from musicbot.domain.ids import ChannelId, GuildId
from tests.support.media import make_tone
from tests.support.playback_ends import Ends
from tests.support.processes import child_pids

GUILD, CHANNEL = GuildId(1), ChannelId(2)


class BreakingSink:
    """Takes `frames` frames, then fails as a dead ffplay does."""

    def __init__(self, frames: int) -> None:
        self.left = frames
        self.closed = False

    def write(self, frame: bytes) -> None:
        if self.left == 0:
            raise AudioSinkError("ffplay stopped: audio open failed")
        self.left -= 1

    def close(self) -> None:
        self.closed = True


@pytest.fixture
def tone(tmp_path: Path) -> Callable[[float], str]:
    def make(seconds: float) -> str:
        path = tmp_path / f"tone-{seconds:g}.wav"
        make_tone(path, frequency=440, seconds=seconds)
        return str(path)

    return make


async def test_songs_play_to_their_end_after_the_sink_broke(tone: Callable[[float], str]) -> None:
    sink, lost = BreakingSink(frames=10), []
    output = LocalAudioOutput(sink, realtime=False, on_sink_lost=lost.append)
    await output.connect(GUILD, CHANNEL)
    try:
        for _ in range(2):  # the second song too: the output does not break again
            ends = Ends()
            await output.play(GUILD, PlaybackRequest(stream_url=tone(1.0), duration=1.0), ends)
            assert await ends.wait() is None  # the song ended normally: nothing to re-resolve, nothing dropped
    finally:
        await output.aclose()
    assert output.frames_written(GUILD) == 100  # 2 x 1 s of 20 ms frames, all paced through
    assert lost == ["ffplay stopped: audio open failed"]  # said once
    assert sink.closed
    assert not child_pids()


@pytest.mark.skipif(not ffplay_available(), reason="ffplay is not installed")
@pytest.mark.parametrize(
    ("environment", "said"),
    [
        # What a server without a sound card gives: ffplay says "audio open failed" and exits with 0.
        ({"SDL_AUDIODRIVER": "alsa", "AUDIODEV": "no_such_device"}, "audio open failed"),
        ({"SDL_AUDIODRIVER": "no-such-driver"}, "not available"),
    ],
)
def test_the_speaker_check_finds_a_missing_sound_device(
    monkeypatch: pytest.MonkeyPatch, environment: dict[str, str], said: str
) -> None:
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    problem = speakers_problem()
    assert problem is not None and problem.startswith("ffplay cannot open a sound device"), problem
    assert said in problem and "ALSA lib" not in problem


def test_the_speaker_check_passes_a_working_device(monkeypatch: pytest.MonkeyPatch) -> None:
    if not ffplay_available():
        pytest.skip("ffplay is not installed")
    monkeypatch.setenv("SDL_AUDIODRIVER", "dummy")  # a device that takes anything
    monkeypatch.delenv("AUDIODEV", raising=False)
    assert speakers_problem() is None
