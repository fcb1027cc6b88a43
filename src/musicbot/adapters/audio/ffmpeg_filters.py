"""An `AudioFilter` (and a volume) as FFmpeg's `-af` filter chain: both outputs (Discord, console) use it.

Chains are those peer bots use (DESIGN.md). Presets that change the sample rate (nightcore, vaporwave, pitch)
resample to 48 kHz first, so the factor means the same whatever the source's rate. Every filtered chain ends in
a limiter (`alimiter`, auto-levelling off, its look-ahead compensated so a switch stays in time): a bass boost at
200 % lifts peaks far above full scale, and clipping is what listeners hear as distortion.
"""

from __future__ import annotations

from musicbot.domain.audio_filter import AudioFilter, FilterPreset

RATE = 48_000
LIMIT = 0.95  # peak level the limiter holds (-0.45 dBFS)
LIMITER = f"alimiter=limit={LIMIT}:level=disabled:latency=enabled"
_BASS = "bass=g={gain}:f=110:w=0.6"
# Peaking bands: (frequency in Hz, gain in dB), one octave wide.
_EQ: dict[FilterPreset, tuple[tuple[int, float], ...]] = {
    FilterPreset.EQ_POP: ((100, -1.0), (1000, 3.0), (3500, 2.5), (10000, 1.0)),
    FilterPreset.EQ_ROCK: ((80, 4.0), (400, -1.5), (1500, -2.0), (5000, 3.0), (12000, 4.0)),
}
_BASS_GAIN = {FilterPreset.BASS_LOW: 5, FilterPreset.BASS_MEDIUM: 10, FilterPreset.BASS_HIGH: 15}
_EIGHT_D = "aformat=channel_layouts=stereo,apulsator=hz=0.125:amount=0.85"  # the sound circles the head in 8 s


def _rate_shift(factor: float) -> list[str]:
    """Pitch and tempo together by `factor` (a record played faster), at 48 kHz out."""
    return [f"aresample={RATE}", f"asetrate={round(RATE * factor)}", f"aresample={RATE}"]


def _stages(audio_filter: AudioFilter) -> list[str]:
    preset = audio_filter.preset
    if preset in _BASS_GAIN:
        return [_BASS.format(gain=_BASS_GAIN[preset])]
    if preset in (FilterPreset.NIGHTCORE, FilterPreset.VAPORWAVE):
        return _rate_shift(audio_filter.tempo)
    if preset is FilterPreset.EIGHT_D:
        return [_EIGHT_D]
    if preset is FilterPreset.SPEED:
        return [f"atempo={audio_filter.factor:.4f}"]  # 0.5-2.0: one atempo stage does it, pitch kept
    if preset is FilterPreset.PITCH:
        return [*_rate_shift(audio_filter.factor), f"atempo={1 / audio_filter.factor:.4f}"]
    if preset in _EQ:
        return [f"equalizer=f={freq}:t=o:w=1:g={gain:g}" for freq, gain in _EQ[preset]]
    return []


def filter_chain(audio_filter: AudioFilter, volume: float) -> str | None:
    """The `-af` value for `audio_filter` at `volume` (a factor, 1.0 = 100 %); None when there is nothing to do."""
    stages = [] if audio_filter.is_off else _stages(audio_filter)
    if volume != 1.0:
        stages.append(f"volume={volume:.4f}")
    if not stages:
        return None
    if not audio_filter.is_off:
        stages.append(LIMITER)
    return ",".join(stages)
