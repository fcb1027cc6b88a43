"""`MusicIntent` and its parts guard their values."""

from __future__ import annotations

import pytest

from musicbot.application.recommendation.errors import InvalidIntent
from musicbot.application.recommendation.intent import EnergyLevel, EraRange, MusicIntent, SeedTrack, unique


@pytest.mark.parametrize(
    "fields",
    [
        {"count": 0},
        {"count": 26},
        {"energy": 1.5},
        {"energy": float("nan")},
        {"genres": ("Rock",)},
        {"genres": ("rock", "rock")},
        {"genres": (" rock",)},
        {"genres": tuple(f"g{n}" for n in range(9))},
        {"seed_artists": ("x" * 81,)},
        {"language": "french"},
        {"language": "f1"},
    ],
)
def test_an_intent_refuses_values_that_make_no_sense(fields: dict[str, object]) -> None:
    with pytest.raises(InvalidIntent):
        MusicIntent(**fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(("start", "end"), [(1999, 1990), (1800, 1810), (2090, 2101)])
def test_an_era_runs_forward_within_bounds(start: int, end: int) -> None:
    with pytest.raises(InvalidIntent):
        EraRange(start, end)


@pytest.mark.parametrize(
    ("era", "label"),
    [
        (EraRange.decade(1990), "90s"),
        (EraRange.decade(2000), "2000s"),
        (EraRange(1994, 1994), "1994"),
        (EraRange(1990, 1995), "1990-1995"),
    ],
)
def test_an_era_is_said_as_people_search_it(era: EraRange, label: str) -> None:
    assert era.label == label


@pytest.mark.parametrize(
    ("energy", "level"), [(0.0, "low"), (0.39, "low"), (0.4, "medium"), (0.7, "medium"), (0.71, "high")]
)
def test_energy_levels(energy: float, level: str) -> None:
    assert MusicIntent(energy=energy).energy_level == EnergyLevel(level)
    assert EnergyLevel.of(EnergyLevel(level).value_hint) == EnergyLevel(level)


def test_an_intent_is_hashable_and_described_for_users() -> None:
    intent = MusicIntent(
        genres=("hip hop",),
        moods=("chill",),
        activities=("study",),
        eras=(EraRange.decade(1990),),
        seed_artists=("Nujabes",),
        seed_tracks=(SeedTrack("Aruarian Dance", "Nujabes"),),
    )
    assert {intent: 1}[intent] == 1
    assert intent.describe() == "90s hip hop chill, for study, like Nujabes, like Nujabes - Aruarian Dance"
    assert MusicIntent().describe() == "anything good"
    assert MusicIntent().is_empty and not MusicIntent(keywords=("rain",)).is_empty


def test_unique_keeps_the_first_spelling_and_drops_what_is_not_text() -> None:
    assert unique(["Daft Punk", " daft  punk ", 3, "", "Justice"]) == ("Daft Punk", "Justice")
