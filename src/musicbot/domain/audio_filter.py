"""An audio filter a guild listens through: a preset, and for speed and pitch the factor.

A pure value: how a preset sounds is the audio output's business (FFmpeg's `-af` in the adapters). What the
domain knows is the one number the rest of the bot needs: `tempo`, how many seconds of the song one second of
listening covers (the position and the progress bar advance at that rate, and a song ends that much sooner).
"""

from __future__ import annotations

import enum
import math
from dataclasses import dataclass

from musicbot.domain.errors import DomainError

MIN_FACTOR = 0.5
MAX_FACTOR = 2.0
NIGHTCORE = 1.25  # faster and higher, together (the sample rate is raised)
VAPORWAVE = 0.8  # slower and lower


class FilterPreset(enum.StrEnum):
    OFF = "off"
    BASS_LOW = "bass-low"
    BASS_MEDIUM = "bass-medium"
    BASS_HIGH = "bass-high"
    NIGHTCORE = "nightcore"
    VAPORWAVE = "vaporwave"
    EIGHT_D = "8d"
    SPEED = "speed"  # tempo changes, pitch kept
    PITCH = "pitch"  # pitch changes, tempo kept
    EQ_POP = "eq-pop"
    EQ_ROCK = "eq-rock"


# Presets that take a factor (speed and pitch); the others take none.
WITH_FACTOR = frozenset({FilterPreset.SPEED, FilterPreset.PITCH})


class InvalidFilter(DomainError):
    """A preset that does not exist, or a factor out of range; the message says what fits."""


@dataclass(frozen=True, slots=True)
class AudioFilter:
    preset: FilterPreset = FilterPreset.OFF
    factor: float = 1.0  # speed or pitch factor, 0.5-2.0; 1.0 for the presets without one

    def __post_init__(self) -> None:
        if self.preset in WITH_FACTOR:
            if not math.isfinite(self.factor) or not MIN_FACTOR <= self.factor <= MAX_FACTOR:
                raise InvalidFilter(f"the {self.preset} factor goes from {MIN_FACTOR:g} to {MAX_FACTOR:g}")
        elif self.factor != 1.0:
            raise InvalidFilter(f"the {self.preset} filter takes no factor")

    @classmethod
    def parse(cls, preset: str, factor: float | None = None) -> AudioFilter:
        """From what a user typed: `bass-high`, `bass high`, `nightcore`, `speed` with 1.5 ..."""
        key = "-".join(preset.strip().lower().replace("_", "-").split())
        try:
            chosen = FilterPreset(key)
        except ValueError:
            names = ", ".join(p.value for p in FilterPreset)
            raise InvalidFilter(f"there is no filter “{preset.strip()}”; pick one of {names}") from None
        if chosen in WITH_FACTOR and factor is None:
            raise InvalidFilter(f"say how much: {chosen} 1.25 (from {MIN_FACTOR:g} to {MAX_FACTOR:g})")
        return cls(chosen) if factor is None else cls(chosen, factor)

    @property
    def is_off(self) -> bool:
        return self.preset is FilterPreset.OFF or (self.preset in WITH_FACTOR and self.factor == 1.0)

    @property
    def tempo(self) -> float:
        """Seconds of the song heard in one second of listening."""
        if self.preset is FilterPreset.NIGHTCORE:
            return NIGHTCORE
        if self.preset is FilterPreset.VAPORWAVE:
            return VAPORWAVE
        if self.preset is FilterPreset.SPEED:
            return self.factor
        return 1.0

    @property
    def label(self) -> str:
        if self.preset in WITH_FACTOR:
            return f"{self.preset} ×{self.factor:g}"
        return str(self.preset)

    def to_text(self) -> str:
        """How it is kept (a guild setting): `bass-high`, `speed:1.5`; `AudioFilter.from_text` reads it back."""
        return f"{self.preset}:{self.factor:g}" if self.preset in WITH_FACTOR else str(self.preset)

    @classmethod
    def from_text(cls, text: str | None) -> AudioFilter:
        if not text:
            return NO_FILTER
        name, _, factor = text.partition(":")
        return cls.parse(name, float(factor) if factor else None)


NO_FILTER = AudioFilter()
