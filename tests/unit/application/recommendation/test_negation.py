"""What a request leaves out: every negation form, in every language, never read as wanted."""

from __future__ import annotations

import pytest

from musicbot.application.recommendation.intent import EnergyLevel
from musicbot.application.recommendation.offline import parse_intent


@pytest.mark.parametrize(
    ("prompt", "wanted", "left_out"),
    [
        ("rock but not metal", ("rock",), ("metal",)),
        ("rock, no metal", ("rock",), ("metal",)),
        ("anything but country", (), ("country",)),
        ("pop except k-pop", ("pop",), ("k-pop",)),
        ("hip hop without trap", ("hip hop",), ("trap",)),
        ("hip hop w/o trap", ("hip hop",), ("trap",)),
        ("edm minus dubstep", ("edm",), ("dubstep",)),
        ("no rap or metal pls", (), ("rap", "metal")),
        ("rock pero sin metal", ("rock",), ("metal",)),
        ("cualquier cosa menos reggaeton", (), ("reggaeton",)),
        ("rock mas sem metal", ("rock",), ("metal",)),
        ("rock aber kein metal", ("rock",), ("metal",)),
        ("alles außer schlager", (), ("schlager",)),
        ("du rock mais pas de metal", ("rock",), ("metal",)),
        ("tout sauf du rap", (), ("rap",)),
        ("tutto tranne il trap", (), ("trap",)),
        ("nhạc chill nhưng không có rap", (), ("rap",)),
        ("lagu santai tapi bukan dangdut", (), ("dangdut",)),
        ("metal igai", (), ("metal",)),
        ("rock, metal janai", ("rock",), ("metal",)),
    ],
)
def test_genres_left_out_are_never_wanted(prompt: str, wanted: tuple[str, ...], left_out: tuple[str, ...]) -> None:
    intent = parse_intent(prompt)
    assert intent.genres == wanted
    assert intent.excluded_genres == left_out


@pytest.mark.parametrize(
    ("prompt", "mood"),
    [
        ("not too sad pls", "sad"),
        ("anything but sad songs", "sad"),
        ("pas trop triste", "sad"),
        ("pop ma non troppo triste", "sad"),
        ("nothing too intense", "energetic"),
        ("nothing too slow", "chill"),
    ],
)
def test_moods_left_out(prompt: str, mood: str) -> None:
    intent = parse_intent(prompt)
    assert intent.excluded_moods == (mood,) and mood not in intent.moods


def test_nothing_too_slow_keeps_the_energy_off_low() -> None:
    assert parse_intent("lofi but nothing too slow").energy_level is EnergyLevel.MEDIUM
    assert parse_intent("workout songs but nothing too slow").energy_level is EnergyLevel.HIGH


@pytest.mark.parametrize(
    ("prompt", "artist"),
    [
        ("pop but not taylor swift", "Taylor Swift"),
        ("90s hip hop except Eminem", "Eminem"),
        ("anything but Drake", "Drake"),
        ("rap sin Bad Bunny", "Bad Bunny"),
    ],
)
def test_a_name_left_out_is_an_artist_left_out(prompt: str, artist: str) -> None:
    intent = parse_intent(prompt)
    assert intent.excluded_artists == (artist,) and artist not in intent.seed_artists


@pytest.mark.parametrize(
    "prompt",
    [
        "chill beats no lyrics",
        "jazz, no vocals",
        "study music without lyrics",
        "lofi w/o vocals",
        "instrumental music for focus",
        "musica sin letra",
        "música sem letra",
        "musik ohne gesang",
        "musique sans paroles",
        "musica senza parole",
        "nhạc không lời",
        "lagu tanpa lirik",
        "kashi nashi",
    ],
)
def test_no_lyrics_is_instrumental_and_nothing_is_left_out_by_it(prompt: str) -> None:
    intent = parse_intent(prompt)
    assert intent.instrumental
    assert not intent.has_exclusions


@pytest.mark.parametrize(
    "prompt",
    ["oldies but goodies", "rock but chill", "no doubt about it, play some rock", "benkyou no ongaku", "rock no carro"],
)
def test_words_that_only_look_like_negation_leave_nothing_out(prompt: str) -> None:
    intent = parse_intent(prompt)
    assert (intent.excluded_genres, intent.excluded_moods, intent.excluded_artists) == ((), (), ())


def test_a_left_out_intent_is_described_for_users() -> None:
    assert parse_intent("rock but not metal, no lyrics").describe() == "rock, instrumental, no metal"


def test_leaving_out_a_kind_of_a_wanted_genre_leaves_out_that_kind_only() -> None:
    intent = parse_intent("jazz like miles davis but no bebop")
    assert (intent.genres, intent.excluded_genres) == (("jazz",), ("bebop",))
    assert parse_intent("rock but no heavy metal").excluded_genres == ("metal",)  # metal itself is not wanted
