"""Catalogue queries written in Spotify's search syntax."""

from __future__ import annotations

import pytest

from musicbot.adapters.spotify.search import search_text
from musicbot.application.recommendation.intent import EraRange
from musicbot.application.recommendation.ports import CatalogQuery


@pytest.mark.parametrize(
    ("query", "text"),
    [
        (CatalogQuery(words="chill"), "chill"),
        (CatalogQuery(artist="Daft Punk"), 'artist:"Daft Punk"'),
        (CatalogQuery(genre="hip hop", years=EraRange.decade(1990)), 'genre:"hip hop" year:1990-1999'),
        (CatalogQuery(years=EraRange(1994, 1994)), "year:1994"),
        (CatalogQuery(words="summer", genre="r&b", years=EraRange(2001, 2004)), 'summer genre:"r&b" year:2001-2004'),
        (CatalogQuery(artist='The "Real" Band'), 'artist:"The Real Band"'),  # a quote would end the filter
    ],
)
def test_filters_in_spotify_syntax(query: CatalogQuery, text: str) -> None:
    assert search_text(query) == text
