"""References to artists and songs however they are written; a name is never read as a genre or mood."""

from __future__ import annotations

import pytest

from musicbot.application.recommendation.offline import parse_intent


@pytest.mark.parametrize(
    ("prompt", "name"),
    [
        ("more daft punk", "Daft Punk"),
        ("more Daft Punk pls", "Daft Punk"),
        ("daft punk vibes", "Daft Punk"),
        ("give me the weeknd vibes", "The Weeknd"),
        ("chill kendrick vibes", "Kendrick"),
        ("like daft punk", "Daft Punk"),
        ("similar to radiohead", "Radiohead"),
        ("if u like taylor swift", "Taylor Swift"),
        ("if u like frank ocean u will like this", "Frank Ocean"),
        ("something like what billie eilish does", "Billie Eilish"),
        ("songs like blinding lights", "Blinding Lights"),
        ("like the 1975 but chill", "The 1975"),
        ("radiohead but happier", "Radiohead"),
        ("algo como bad bunny", "Bad Bunny"),
        ("tipo anitta", "Anitta"),
        ("was wie rammstein", "Rammstein"),
        ("un truc comme daft punk", "Daft Punk"),
        ("qualcosa come i maneskin", "Maneskin"),
        ("nhạc giống Sơn Tùng", "Sơn Tùng"),
        ("lagu kayak nadin amizah", "Nadin Amizah"),
        ("yoasobi mitai na kyoku", "Yoasobi"),
    ],
)
def test_a_reference_is_read_whole_and_trimmed_to_its_name(prompt: str, name: str) -> None:
    intent = parse_intent(prompt)
    assert intent.seed_artists == (name,)
    assert "punk" not in intent.genres  # "more Daft Punk" is no punk


@pytest.mark.parametrize(
    "prompt", ["more punk", "more of that", "more energetic please", "chill vibes", "90s hip hop vibes", "like the 90s"]
)
def test_words_the_lexicon_knows_are_no_reference(prompt: str) -> None:
    assert parse_intent(prompt).seed_artists == ()


def test_more_of_a_genre_is_that_genre() -> None:
    assert parse_intent("more punk").genres == ("punk",)
