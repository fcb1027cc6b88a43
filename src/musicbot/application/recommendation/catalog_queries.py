"""Catalogue queries for an intent, most specific first: the filters a catalogue search understands.

Where web search needs phrases a person would type (`queries.py`), a catalogue is searched by field: its songs
carry artist, genre and release year, so "90s rock" is the genre rock from 1990 to 1999 and not the words. Free
words only match titles, so moods and keywords come after the filters, each narrowed by the genre asked for.
Languages are left to web search: a catalogue has no language field.
"""

from __future__ import annotations

from dataclasses import dataclass

from musicbot.application.recommendation.intent import MusicIntent
from musicbot.application.recommendation.ports import CatalogQuery


@dataclass(frozen=True, slots=True)
class WeightedQuery:
    query: CatalogQuery
    weight: float  # how good a fit its results are likely to be (0-1), as a search phrase's


def catalog_queries(intent: MusicIntent, *, limit: int) -> list[WeightedQuery]:
    """Distinct queries, at most `limit`; none for an intent that says nothing (a catalogue has no "popular")."""
    years = intent.eras[0] if intent.eras else None
    genre = intent.genres[0] if intent.genres else None
    found: list[WeightedQuery] = []
    for artist in intent.seed_artists:
        found.append(WeightedQuery(CatalogQuery(artist=artist, years=years), 0.9))
    for seed in intent.seed_tracks:
        if seed.artist:  # more of its artist; the seed itself is left out by the ranking
            found.append(WeightedQuery(CatalogQuery(artist=seed.artist, years=years), 0.7))
    for name in intent.genres[:3]:
        found.append(WeightedQuery(CatalogQuery(genre=name, years=years), 0.9 if name == genre else 0.8))
    if intent.instrumental:
        found.append(WeightedQuery(CatalogQuery(words="instrumental", genre=genre, years=years), 0.85))
    for word in (*intent.moods[:2], *intent.keywords[:2]):
        found.append(WeightedQuery(CatalogQuery(words=word, genre=genre, years=years), 0.7))
    for activity in intent.activities[:1]:
        found.append(WeightedQuery(CatalogQuery(words=activity, genre=genre, years=years), 0.6))
    if years is not None and not found:
        found.append(WeightedQuery(CatalogQuery(years=years), 0.6))
    unique: dict[CatalogQuery, WeightedQuery] = {}
    for weighted in found:
        unique.setdefault(weighted.query, weighted)
    return list(unique.values())[:limit]
