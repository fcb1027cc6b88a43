"""The recommendation history over the storage's history repository, on every backend: what radio and the
history candidates read is what the storage recorded.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from musicbot.adapters.sql import create_database, unit_of_work_factory
from musicbot.application.recommendation.history_candidates import HistoryCandidates
from musicbot.application.recommendation.intent import MusicIntent
from musicbot.application.recommendation.ports import Audience
from musicbot.application.recommendation.stored_history import StoredListeningHistory
from musicbot.domain.ids import GuildId, UserId
from musicbot.domain.track import SourceKind, Track
from tests.fakes.clock import ManualClock
from tests.integration.test_sql_backends import Storage, storage_fixture

storage = storage_fixture()
GUILD, OTHER = GuildId(2**62 + 5), GuildId(12)
ALICE, BOB = UserId(2**60 + 1), UserId(6)
T0 = datetime(2025, 4, 1, 20, 0, tzinfo=UTC)


def song(title: str, artist: str | None = None, *, url: str | None = None) -> Track:
    return Track(
        title=title,
        artist=artist,
        page_url=url or f"https://example.com/{title.replace(' ', '-')}",
        source=SourceKind.YOUTUBE,
        duration=200.0,
    )


async def play_all(history: StoredListeningHistory, plays: list[tuple[UserId, Track]], guild: GuildId = GUILD) -> None:
    for n, (user, track) in enumerate(plays):
        await history.record(guild, user, track, T0 + timedelta(minutes=n))


async def test_recent_plays_come_back_newest_first_without_streams(storage: Storage) -> None:
    history = StoredListeningHistory(storage.uow, clock=ManualClock())
    streamed = replace(song("s0"), stream_url="https://cdn/x", http_headers=(("a", "b"),))
    await play_all(history, [(ALICE, streamed), (BOB, song("s1")), (ALICE, song("s2"))])
    await play_all(history, [(BOB, song("elsewhere"))], guild=OTHER)

    recent = await history.recent(GUILD, 2)

    assert [(play.track.title, play.user_id) for play in recent] == [("s2", ALICE), ("s1", BOB)]
    assert recent[0].played_at == T0 + timedelta(minutes=2) and recent[0].guild_id == GUILD
    assert (await history.recent(GUILD, 5))[-1].track == song("s0")  # stored without its stream
    assert await history.recent(GUILD, 0) == [] and await history.recent(GuildId(99), 3) == []


async def test_songs_played_together_are_counted_by_song_within_the_window(storage: Storage) -> None:
    history = StoredListeningHistory(storage.uow, clock=ManualClock(), together_window=1)
    a, b, c = song("Song A", "X"), song("Song B", "Y"), song("Song C", "Z")
    b_again = song("Y - Song B (Official Video)", "Y VEVO", url="https://youtu.be/other")
    await play_all(history, [(ALICE, t) for t in (a, b, c, a, b_again, c, c)])

    together = await history.played_together(GUILD, [a], 10)

    assert [(t.title, n) for t, n in together] == [("Y - Song B (Official Video)", 2), ("Song C", 1)]
    assert await history.played_together(GUILD, [], 10) == []


async def test_favourites_of_some_users_or_of_everyone(storage: Storage) -> None:
    history = StoredListeningHistory(storage.uow, clock=ManualClock())
    plays = [(ALICE, "a"), (ALICE, "a"), (BOB, "b"), (BOB, "b"), (BOB, "b"), (ALICE, "c")]
    await play_all(history, [(user, song(title)) for user, title in plays])

    assert [(t.title, n) for t, n in await history.played_by(GUILD, frozenset({ALICE}), 5)] == [("a", 2), ("c", 1)]
    assert [t.title for t, _ in await history.played_by(GUILD, frozenset(), 5)] == ["b", "a", "c"]
    assert [t.title for t, _ in await history.played_by(GUILD, frozenset(), 1)] == ["b"]


async def test_only_the_last_plays_count(storage: Storage) -> None:
    history = StoredListeningHistory(storage.uow, clock=ManualClock(), plays=3)
    await play_all(history, [(ALICE, song("old")), (ALICE, song("old")), (BOB, song("x")), (BOB, song("y"))])
    await play_all(history, [(BOB, song("z"))], guild=OTHER)

    assert sorted(t.title for t, _ in await history.played_by(GUILD, frozenset(), 10)) == ["old", "x", "y"]


async def test_history_candidates_read_what_the_storage_recorded(storage: Storage) -> None:
    history = StoredListeningHistory(storage.uow, clock=ManualClock())
    daft = [song(f"Daft Punk - Track {n}", "Daft Punk") for n in range(3)]
    await play_all(history, [(ALICE, daft[0]), (BOB, song("Something else")), (ALICE, daft[1]), (ALICE, daft[2])])

    found = await HistoryCandidates(history).candidates(
        MusicIntent(seed_artists=("Daft Punk",)), limit=10, audience=Audience(guild_id=GUILD)
    )

    assert {candidate.track.title for candidate in found} >= {track.title for track in daft}
    assert all(0 <= candidate.score <= 1 and candidate.source == "history" for candidate in found)


async def test_storage_that_fails_reads_as_nothing_played(tmp_path: Path) -> None:
    database = create_database(f"sqlite+aiosqlite:///{tmp_path / 'never-migrated.db'}")
    try:
        history = StoredListeningHistory(unit_of_work_factory(database), clock=ManualClock())

        assert await history.recent(GUILD, 5) == []
        assert await history.played_by(GUILD, frozenset(), 5) == []
        assert await history.played_together(GUILD, [song("a")], 5) == []
    finally:
        await database.dispose()


async def test_a_guilds_window_is_read_once_per_few_seconds(storage: Storage) -> None:
    clock = ManualClock()
    history = StoredListeningHistory(storage.uow, clock=clock, window_ttl=5.0)
    await play_all(history, [(ALICE, song("a"))])
    assert [t.title for t, _ in await history.played_by(GUILD, frozenset(), 5)] == ["a"]

    await play_all(history, [(BOB, song("b")), (BOB, song("b"))])
    stale = [t.title for t, _ in await history.played_by(GUILD, frozenset(), 5)]
    clock.advance(5.1)
    fresh = [t.title for t, _ in await history.played_by(GUILD, frozenset(), 5)]

    assert stale == ["a"] and fresh == ["b", "a"]
    assert [play.track.title for play in await history.recent(GUILD, 1)] == ["b"]  # recent plays: never cached
