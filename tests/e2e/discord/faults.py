"""What the fault tests share: a ladder song (its pitch says where in it playback is) and reading it back."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.e2e.discord.conftest import Running
from tests.support.audio_analysis import dominant_frequency, pcm_to_mono
from tests.support.discord_emulator import VoiceRecording
from tests.support.media import make_ladder

BASE, STEP_HZ, STEPS = 300.0, 50.0, 14  # second k of the ladder sounds at BASE + k * STEP_HZ
WINDOW = 15  # packets (0.3 s) a pitch is read over


def ladder(media_dir: Path, kind: str = "ogg") -> str:
    """The ladder's path on the media server (made once in the session's media directory)."""
    path = media_dir / f"ladder.{kind}"
    if not path.exists():
        make_ladder(path, steps=STEPS, base=BASE, step_hz=STEP_HZ)
    return f"/media/ladder.{kind}"


async def command(running: Running, guild: Any, member: Any, name: str, **options: object) -> Any:
    interaction = await running.emu.slash(guild, member, name, dict(options), channel="music")
    return await interaction.final(timeout=30)


def step_of(pcm: bytes) -> float:
    """The ladder's second that sounds in `pcm` (a fraction near a step boundary)."""
    return (dominant_frequency(pcm_to_mono(pcm)) - BASE) / STEP_HZ


def around_longest_gap(voice: VoiceRecording, since: float) -> tuple[float, float, float]:
    """(step heard just before the longest silence after `since`, step just after it, its length in s)."""
    voice.decode()
    audio = voice.audio_packets(since)
    index = max(range(1, len(audio)), key=lambda i: audio[i].arrival - audio[i - 1].arrival)
    gap = audio[index].arrival - audio[index - 1].arrival
    before = b"".join(p.pcm or b"" for p in audio[max(0, index - WINDOW) : index])
    after = b"".join(p.pcm or b"" for p in audio[index + 2 : index + 2 + WINDOW])
    return step_of(before), step_of(after), gap
