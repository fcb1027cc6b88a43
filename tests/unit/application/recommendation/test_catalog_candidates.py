"""Catalogue (Spotify) search as a candidate source: field-filtered queries from the intent, scoring, failures."""

from __future__ import annotations

import pytest

from musicbot.application.recommendation.catalog_candidates import CatalogSearchCandidates
from musicbot.application.recommendation.catalog_queries import catalog_queries
from musicbot.application.recommendation.combiner import CombinedCandidates
from musicbot.application.recommendation.intent import EraRange, MusicIntent, SeedTrack
from musicbot.application.recommendation.offline import parse_intent
from musicbot.application.recommendation.ports import Audience, CatalogQuery
from musicbot.domain.ids import GuildId
from musicbot.domain.track import SourceKind
from tests.unit.application.recommendation.doubles import FakeCatalog, ScriptedSource, candidate

AUDIENCE = Audience(guild_id=GuildId(1))
NINETIES = EraRange.decade(1990)


# --- queries -------------------------------------------------------------------------------------------------------
def test_genres_and_eras_become_filters_not_words() -> None:
    queries = catalog_queries(parse_intent("90s hip hop"), limit=4)

    assert [(q.query, q.weight) for q in queries] == [(CatalogQuery(genre="hip hop", years=NINETIES), 0.9)]


def test_artists_come_first_then_genres_then_moods_narrowed_by_the_genre() -> None:
    intent = MusicIntent(
        seed_artists=("Daft Punk",),
        seed_tracks=(SeedTrack("Creep", "Radiohead"), SeedTrack("Untitled")),
        genres=("house", "disco"),
        moods=("happy",),
        keywords=("summer",),
        activities=("party",),
    )

    queries = [q.query for q in catalog_queries(intent, limit=10)]

    assert queries == [
        CatalogQuery(artist="Daft Punk"),
        CatalogQuery(artist="Radiohead"),  # more of the seed's artist; a seed without one gives nothing
        CatalogQuery(genre="house"),
        CatalogQuery(genre="disco"),
        CatalogQuery(words="happy", genre="house"),
        CatalogQuery(words="summer", genre="house"),
        CatalogQuery(words="party", genre="house"),
    ]
    assert len(catalog_queries(intent, limit=4)) == 4


def test_an_era_alone_is_a_year_filter_and_an_empty_intent_asks_nothing() -> None:
    only_era = catalog_queries(MusicIntent(eras=(EraRange(1994, 1994),)), limit=4)

    assert [q.query for q in only_era] == [CatalogQuery(years=EraRange(1994, 1994))]
    assert catalog_queries(MusicIntent(), limit=4) == []
    assert catalog_queries(MusicIntent(language="fr"), limit=4) == []  # a catalogue has no language field


def test_a_query_needs_words_or_a_filter() -> None:
    with pytest.raises(ValueError, match="needs words or at least one filter"):
        CatalogQuery(words="  ")


# --- the source ----------------------------------------------------------------------------------------------------
async def test_candidates_are_spotify_tracks_scored_by_query_and_position() -> None:
    catalog = FakeCatalog(per_query=3)
    source = CatalogSearchCandidates(catalog, queries=4, per_query=3)

    found = await source.candidates(parse_intent("chill rock for my workout"), limit=50, audience=AUDIENCE)

    assert [query for query, _ in catalog.calls] == [
        CatalogQuery(genre="rock"),
        CatalogQuery(words="chill", genre="rock"),
        CatalogQuery(words="workout", genre="rock"),
    ]
    assert all(limit == 3 for _, limit in catalog.calls)
    assert source.name == "spotify" and {c.source for c in found} == {"spotify"}
    assert all(c.track.source is SourceKind.SPOTIFY for c in found)
    assert found[0].score == 0.9 and found[0].track.title == "rock song 1"
    assert [c.score for c in found] == sorted((c.score for c in found), reverse=True)
    assert len(await source.candidates(parse_intent("chill rock for my workout"), limit=2, audience=AUDIENCE)) == 2


async def test_an_intent_with_nothing_to_filter_on_asks_nothing() -> None:
    catalog = FakeCatalog()

    assert await CatalogSearchCandidates(catalog).candidates(MusicIntent(), limit=10, audience=AUDIENCE) == []
    assert catalog.calls == []


async def test_some_queries_failing_are_skipped_all_failing_is_an_error() -> None:
    catalog = FakeCatalog()
    catalog.failing.add(CatalogQuery(genre="rock"))
    source = CatalogSearchCandidates(catalog)
    intent = parse_intent("chill rock")

    found = await source.candidates(intent, limit=50, audience=AUDIENCE)
    assert found and all(c.track.title.startswith("chill rock") for c in found)
    catalog.fail_all = True
    with pytest.raises(Exception, match="rate-limiting"):
        await source.candidates(intent, limit=50, audience=AUDIENCE)


async def test_a_failing_catalogue_only_loses_its_share_of_a_combination() -> None:
    catalog = FakeCatalog()
    catalog.fail_all = True
    others = ScriptedSource("search", [candidate("Song", "Band")])
    combined = CombinedCandidates([CatalogSearchCandidates(catalog), others], timeout=1.0)

    found = await combined.candidates(parse_intent("90s rock"), limit=10, audience=AUDIENCE)

    assert [c.track.title for c in found] == ["Song"]
    assert combined.failures == {"spotify": 1}


def test_at_least_one_query_and_result() -> None:
    with pytest.raises(ValueError, match="at least one"):
        CatalogSearchCandidates(FakeCatalog(), queries=0)
