"""Everyday requests and the intent a person would expect the offline extractor to read from each.

Each row checks genres, moods, activities, eras, seed artists and tracks, the energy level, the language and the
count exactly (what a row leaves out must come out empty or default); keywords are not checked.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from musicbot.application.recommendation.intent import DEFAULT_COUNT, EnergyLevel, EraRange, SeedTrack
from musicbot.application.recommendation.offline import parse_intent

LOW, MEDIUM, HIGH = EnergyLevel.LOW, EnergyLevel.MEDIUM, EnergyLevel.HIGH
D90, D80, D70, D10 = (1990, 1999), (1980, 1989), (1970, 1979), (2010, 2019)


@dataclass(frozen=True)
class Expect:
    genres: set[str] = field(default_factory=set)
    moods: set[str] = field(default_factory=set)
    activities: set[str] = field(default_factory=set)
    eras: list[tuple[int, int]] = field(default_factory=list)
    artists: list[str] = field(default_factory=list)
    tracks: list[tuple[str, str | None]] = field(default_factory=list)
    energy: EnergyLevel | None = None
    language: str | None = None
    count: int = DEFAULT_COUNT


TABLE: list[tuple[str, Expect]] = [
    ("something chill for studying, 90s hip hop vibes",
     Expect({"hip hop"}, {"chill"}, {"study"}, [D90], energy=LOW)),
    ("happy and energetic", Expect(moods={"happy", "energetic"}, energy=HIGH)),
    ("rock for my workout", Expect({"rock"}, activities={"workout"}, energy=HIGH)),
    ("80s pop classics", Expect({"pop"}, eras=[D80])),
    ("romantic dinner songs", Expect(moods={"romantic"}, activities={"dinner"}, energy=LOW)),
    ("sad songs", Expect(moods={"sad"}, energy=LOW)),
    ("songs like Taylor Swift", Expect(artists=["Taylor Swift"])),
    ("songs like taylor swift but more upbeat", Expect(moods={"energetic"}, artists=["Taylor Swift"], energy=HIGH)),
    ("french rap", Expect({"rap"}, language="fr")),
    ("k-pop", Expect({"k-pop"}, language="ko")),
    ("KPOP please", Expect({"k-pop"}, language="ko")),
    ("party music", Expect(activities={"party"}, energy=HIGH)),
    ("lofi beats to sleep to", Expect({"lo-fi"}, activities={"sleep"}, energy=LOW)),
    ("classcial music", Expect({"classical"}, energy=LOW)),
    ("hiphop from the ninties", Expect({"hip hop"}, eras=[D90])),
    ("hip-hop from the nineties", Expect({"hip hop"}, eras=[D90])),
    ("something like Daft Punk", Expect(artists=["Daft Punk"])),
    ("5 upbeat songs for a road trip", Expect(moods={"energetic"}, activities={"driving"}, energy=HIGH, count=5)),
    ("a dozen jazz songs for a rainy day", Expect({"jazz"}, {"rainy day"}, energy=LOW, count=12)),
    ("r&b slow jams", Expect({"r&b"}, {"romantic"}, energy=LOW)),
    ("rnb for date night", Expect({"r&b"}, {"romantic"}, energy=LOW)),
    ("heavy metal for the gym", Expect({"metal"}, activities={"workout"}, energy=HIGH)),
    ("relaxing piano music", Expect(moods={"chill"}, energy=LOW)),
    ("music to study to", Expect(activities={"study"}, energy=LOW)),
    ("focus music for coding", Expect(activities={"study", "work"}, energy=LOW)),
    ("songs for a summer party", Expect(moods={"summer"}, activities={"party"}, energy=HIGH)),
    ("90's R&B", Expect({"r&b"}, eras=[D90])),
    ("'90s rock", Expect({"rock"}, eras=[D90], energy=HIGH)),
    ("1990s grunge", Expect({"grunge"}, eras=[D90])),
    ("late 70s disco", Expect({"disco"}, eras=[(1976, 1979)], energy=HIGH)),
    ("music from 1994", Expect(eras=[(1994, 1994)])),
    ("hits from 2000 to 2005", Expect(eras=[(2000, 2005)])),
    ("early 2000s pop punk", Expect({"punk"}, eras=[(2000, 2003)], energy=HIGH)),
    ("songs by Queen", Expect(artists=["Queen"])),
    ("music similar to Radiohead and Portishead", Expect(artists=["Radiohead", "Portishead"])),
    ("songs like Bohemian Rhapsody by Queen", Expect(tracks=[("Bohemian Rhapsody", "Queen")])),
    ('more songs like "Blinding Lights" by The Weeknd', Expect(tracks=[("Blinding Lights", "The Weeknd")])),
    ("spanish guitar", Expect(language="es")),
    ("reggaeton para la fiesta", Expect({"reggaeton"}, activities={"party"}, energy=HIGH)),
    ("bollywood songs", Expect({"bollywood"}, language="hi")),
    ("j-pop and anime openings", Expect({"j-pop", "anime"}, language="ja")),
    ("german techno", Expect({"techno"}, language="de", energy=HIGH)),
    ("country music for a long drive", Expect({"country"}, activities={"driving"}, energy=MEDIUM)),
    ("calm meditation music", Expect(moods={"calm"}, activities={"meditation"}, energy=LOW)),
    ("angry music", Expect(moods={"angry"}, energy=HIGH)),
    ("feel good oldies", Expect(moods={"happy"}, eras=[(1950, 1979)], energy=MEDIUM)),
    ("nostalgic throwbacks from the 2010s", Expect(moods={"nostalgic"}, eras=[D10])),
    ("epic movie soundtracks", Expect({"soundtrack"}, {"epic"}, energy=HIGH)),
    ("video game music for gaming", Expect({"video game"}, activities={"gaming"}, energy=HIGH)),
    ("christmas songs", Expect({"christmas"})),
    ("top 10 bangers", Expect(moods={"energetic"}, energy=HIGH, count=10)),
    ("3 songs", Expect(count=3)),
    ("play something", Expect()),
    ("reggea for the beach", Expect({"reggae"}, {"summer"}, energy=MEDIUM)),
    ("acustic covers", Expect({"acoustic"}, energy=LOW)),
    ("songs for my wedding first dance", Expect(activities={"wedding"}, energy=MEDIUM)),
    ("workout motivation", Expect(moods={"uplifting"}, activities={"workout"}, energy=HIGH)),
    ("sleepy time music", Expect(activities={"sleep"}, energy=LOW)),
    ("some chill lo-fi to code to", Expect({"lo-fi"}, {"chill"}, {"work"}, energy=LOW)),
    ("dark techno for a night drive", Expect({"techno"}, {"dark"}, {"driving"}, energy=MEDIUM)),
    ("I like rock", Expect({"rock"}, energy=HIGH)),
    ("classic rock from the seventies", Expect({"rock"}, eras=[D70], energy=HIGH)),
    ("studdying musik", Expect(activities={"study"}, energy=LOW)),
    ("greek songs", Expect(language="el")),
    ("give me a couple of sad indie songs", Expect({"indie"}, {"sad"}, energy=LOW, count=2)),
    ("twenty five techno tracks", Expect({"techno"}, energy=HIGH, count=25)),
    ("100 songs", Expect(count=25)),
    ("Need some drum & bass for running", Expect({"drum and bass"}, activities={"running"}, energy=HIGH)),
    ("chilled electornic music", Expect({"electronic"}, {"chill"}, energy=LOW)),
]  # fmt: skip


def test_the_table_is_big_enough() -> None:
    assert len(TABLE) >= 50
    assert len({prompt for prompt, _ in TABLE}) == len(TABLE)


@pytest.mark.parametrize(("prompt", "expected"), TABLE, ids=[prompt for prompt, _ in TABLE])
def test_everyday_request(prompt: str, expected: Expect) -> None:
    intent = parse_intent(prompt)

    assert set(intent.genres) == expected.genres
    assert set(intent.moods) == expected.moods
    assert set(intent.activities) == expected.activities
    assert list(intent.eras) == [EraRange(*era) for era in expected.eras]
    assert list(intent.seed_artists) == expected.artists
    assert list(intent.seed_tracks) == [SeedTrack(*seed) for seed in expected.tracks]
    assert intent.energy_level == expected.energy
    assert intent.language == expected.language
    assert intent.count == expected.count
