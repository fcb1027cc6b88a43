"""The in-memory listening history: bounded, newest first, co-plays and favourites by song, guilds apart."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from musicbot.domain.ids import GuildId, UserId
from tests.fakes.listening_history import InMemoryListeningHistory
from tests.unit.application.recommendation.doubles import track

G1, G2 = GuildId(1), GuildId(2)
ALICE, BOB = UserId(7), UserId(8)
T0 = datetime(2025, 1, 1, tzinfo=UTC)


async def test_recent_plays_come_newest_first_without_streams() -> None:
    history = InMemoryListeningHistory(per_guild=3)
    for n in range(5):
        await history.record(G1, ALICE, replace(track(f"s{n}"), stream_url="https://cdn/x"), T0 + timedelta(seconds=n))

    recent = await history.recent(G1, 10)

    assert [record.track.title for record in recent] == ["s4", "s3", "s2"]
    assert all(record.track.stream_url is None for record in recent)
    assert recent[0].played_at == T0 + timedelta(seconds=4) and recent[0].user_id == ALICE
    assert await history.recent(G1, 0) == [] and await history.recent(G2, 5) == []


async def test_songs_played_together_are_counted_by_song_not_by_upload() -> None:
    history = InMemoryListeningHistory(together_window=1)
    a, b, c = track("Song A", "X"), track("Song B", "Y"), track("Song C", "Z")
    b_again = track("Y - Song B (Official Video)", "Y VEVO", url="https://youtu.be/other")
    for played in (a, b, c, a, b_again, c, c):
        await history.record(G1, ALICE, played, T0)

    together = await history.played_together(G1, [a], 10)

    assert [(t.title, n) for t, n in together] == [("Y - Song B (Official Video)", 2), ("Song C", 1)]


async def test_favourites_of_some_users_or_of_the_whole_guild() -> None:
    history = InMemoryListeningHistory()
    for user, title in [(ALICE, "a"), (ALICE, "a"), (BOB, "b"), (BOB, "b"), (BOB, "b"), (ALICE, "c")]:
        await history.record(G1, user, track(title), T0)

    assert [(t.title, n) for t, n in await history.played_by(G1, frozenset({ALICE}), 5)] == [("a", 2), ("c", 1)]
    assert [t.title for t, _ in await history.played_by(G1, frozenset(), 5)] == ["b", "a", "c"]
    assert [t.title for t, _ in await history.played_by(G1, frozenset(), 1)] == ["b"]


async def test_guilds_are_apart_bounded_and_can_be_forgotten() -> None:
    history = InMemoryListeningHistory(max_guilds=2)
    for guild in (G1, G2, GuildId(3)):
        await history.record(guild, ALICE, track("x"), T0)

    assert len(history) == 2 and history.plays(G1) == 0

    await history.forget_guild(G2)
    assert len(history) == 1
