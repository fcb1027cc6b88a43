"""`MusicIntent`: what a listener asked for, whoever understood it (the AI service or the offline lexicon)."""

from __future__ import annotations

import enum
import math
from dataclasses import dataclass, fields

from musicbot.application.recommendation.errors import InvalidIntent

DEFAULT_COUNT = 10
MAX_COUNT = 25
MAX_TERMS = 8  # per field: more than this is a run-on request (or an AI answer gone astray)
MAX_TERM_LENGTH = 80
MIN_YEAR, MAX_YEAR = 1900, 2100


class EnergyLevel(enum.StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"

    @property
    def value_hint(self) -> float:
        """The energy (0-1) that stands for this level."""
        return _LEVEL_VALUES[self]

    @classmethod
    def of(cls, energy: float) -> EnergyLevel:
        if energy < 0.4:
            return cls.LOW
        if energy <= 0.7:
            return cls.MEDIUM
        return cls.HIGH


_LEVEL_VALUES = {EnergyLevel.LOW: 0.25, EnergyLevel.MEDIUM: 0.55, EnergyLevel.HIGH: 0.85}


@dataclass(frozen=True, slots=True, order=True)
class EraRange:
    """Years from `start` to `end`, both included: a decade (1990-1999), part of one, or a single year."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not (MIN_YEAR <= self.start <= self.end <= MAX_YEAR):
            raise InvalidIntent(f"an era runs forward between {MIN_YEAR} and {MAX_YEAR}, not {self.start}-{self.end}")

    @classmethod
    def decade(cls, start: int) -> EraRange:
        return cls(start, start + 9)

    @property
    def label(self) -> str:
        """How people say it in a search: "90s", "2000s", "1994", "1990-1995"."""
        if self.start == self.end:
            return str(self.start)
        if self.start % 10 == 0 and self.end == self.start + 9:
            return f"{self.start % 100:02d}s" if self.start < 2000 else f"{self.start}s"
        return f"{self.start}-{self.end}"


@dataclass(frozen=True, slots=True)
class SeedTrack:
    title: str
    artist: str | None = None

    def __post_init__(self) -> None:
        _check_text("seed track title", self.title)
        if self.artist is not None:
            _check_text("seed track artist", self.artist)

    @property
    def label(self) -> str:
        return f"{self.artist} - {self.title}" if self.artist else self.title


@dataclass(frozen=True, slots=True, kw_only=True)
class MusicIntent:
    """Hashable, so it can key caches. Words are lower case (genres, moods, activities, keywords); artists and
    titles keep the case they were written in. `keywords` are words no field took ("christmas", "rain"): they
    still go into searches.
    """

    genres: tuple[str, ...] = ()
    moods: tuple[str, ...] = ()
    activities: tuple[str, ...] = ()
    eras: tuple[EraRange, ...] = ()
    seed_artists: tuple[str, ...] = ()
    seed_tracks: tuple[SeedTrack, ...] = ()
    energy: float | None = None  # 0 (sleep) to 1 (a workout)
    language: str | None = None  # ISO 639-1 ("fr", "ko")
    count: int = DEFAULT_COUNT
    keywords: tuple[str, ...] = ()
    # What must not be picked ("rock but not metal", "anything but Drake", "nothing too slow" -> the mood chill),
    # and "no lyrics". Kept apart from what is wanted: searches never name them, the ranking drops their songs.
    excluded_genres: tuple[str, ...] = ()
    excluded_moods: tuple[str, ...] = ()
    excluded_artists: tuple[str, ...] = ()
    instrumental: bool = False

    def __post_init__(self) -> None:
        for field in fields(self):
            value = getattr(self, field.name)
            if isinstance(value, tuple):
                if len(value) > MAX_TERMS:
                    raise InvalidIntent(f"at most {MAX_TERMS} {field.name}, not {len(value)}")
                if len(set(value)) != len(value):
                    raise InvalidIntent(f"{field.name} repeat themselves: {value}")
                for item in value:
                    if isinstance(item, str):
                        _check_text(field.name, item)
        for name in ("genres", "moods", "activities", "keywords", "excluded_genres", "excluded_moods"):
            if any(term != term.lower() for term in getattr(self, name)):
                raise InvalidIntent(f"{name} are lower case")
        if self.energy is not None and not (math.isfinite(self.energy) and 0 <= self.energy <= 1):
            raise InvalidIntent(f"energy runs from 0 to 1, not {self.energy}")
        if self.language is not None and not (2 <= len(self.language) <= 3 and self.language.isalpha()):
            raise InvalidIntent(f"a language is an ISO 639 code such as 'fr', not {self.language!r}")
        if not 1 <= self.count <= MAX_COUNT:
            raise InvalidIntent(f"between 1 and {MAX_COUNT} songs, not {self.count}")

    @property
    def energy_level(self) -> EnergyLevel | None:
        return None if self.energy is None else EnergyLevel.of(self.energy)

    @property
    def is_empty(self) -> bool:
        """Nothing to go on but the count (and the energy): "play something"."""
        return not (
            self.genres
            or self.moods
            or self.activities
            or self.eras
            or self.seed_artists
            or self.seed_tracks
            or self.language
            or self.keywords
            or self.instrumental
            or self.has_exclusions
        )

    @property
    def has_exclusions(self) -> bool:
        return bool(self.excluded_genres or self.excluded_moods or self.excluded_artists)

    def describe(self) -> str:
        """A short line for users: "90s hip hop, chill, for study"."""
        words = [*(era.label for era in self.eras), *self.genres, *self.moods]
        parts = [" ".join(words)] if words else []
        if self.activities:
            parts.append("for " + " and ".join(self.activities))
        if self.seed_artists:
            parts.append("like " + ", ".join(self.seed_artists))
        if self.seed_tracks:
            parts.append("like " + ", ".join(seed.label for seed in self.seed_tracks))
        if self.keywords and not parts:
            parts.append(" ".join(self.keywords))
        if self.instrumental:
            parts.append("instrumental")
        excluded = (*self.excluded_genres, *self.excluded_moods, *self.excluded_artists)
        if excluded:
            parts.append("no " + ", ".join(excluded))
        return ", ".join(parts) or "anything good"


def unique(values: object) -> tuple[str, ...]:
    """Stripped, non-empty, first occurrence kept (case-insensitively), at most MAX_TERMS of them."""
    seen: set[str] = set()
    kept: list[str] = []
    for value in values if isinstance(values, list | tuple) else ():
        if not isinstance(value, str):
            continue
        text = " ".join(value.split())[:MAX_TERM_LENGTH]
        if text and text.casefold() not in seen:
            seen.add(text.casefold())
            kept.append(text)
    return tuple(kept[:MAX_TERMS])


def _check_text(what: str, text: str) -> None:
    if not text.strip() or len(text) > MAX_TERM_LENGTH or text != " ".join(text.split()):
        raise InvalidIntent(f"{what} must be a trimmed word or name of 1-{MAX_TERM_LENGTH} characters: {text!r}")
