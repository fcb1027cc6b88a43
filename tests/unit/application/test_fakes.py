"""The fakes keep the promises of the ports they stand for; mypy checks their shapes here too."""

from datetime import UTC, datetime, timedelta, timezone

import pytest

from musicbot.application.errors import NoResults, NotConnected, PlaybackFailed, TrackUnavailable
from musicbot.application.playback.events import PlaybackNotifier
from musicbot.application.playback.ports import PlaybackEnded, PlaybackRequest, VoiceGateway
from musicbot.application.playlists.ports import PlaylistRepository
from musicbot.application.source_ports import TrackResolver
from musicbot.application.storage import StorageUnitOfWork
from musicbot.application.support.clock import Clock
from musicbot.domain.playlist import GuildPlaylists
from musicbot.domain.song import Song
from tests.fakes.clock import ManualClock
from tests.fakes.events import RecordingEvents
from tests.fakes.repositories import FakePlaylistRepository, FakeUnitOfWork
from tests.fakes.resolver import FakeTrackResolver
from tests.fakes.voice import FakeVoiceGateway
from tests.unit.application.wiring import ALICE, CHANNEL, GUILD


def test_the_fakes_satisfy_the_ports() -> None:
    clock: Clock = ManualClock()
    resolver: TrackResolver = FakeTrackResolver(ManualClock())
    gateway: VoiceGateway = FakeVoiceGateway()
    events: PlaybackNotifier = RecordingEvents()
    repository: PlaylistRepository = FakePlaylistRepository()
    uow: StorageUnitOfWork = FakeUnitOfWork()

    assert [clock, resolver, gateway, events, repository, uow]


def test_the_clock_is_utc_and_moves_only_when_told() -> None:
    clock = ManualClock(datetime(2025, 6, 1, 14, 0, tzinfo=timezone(timedelta(hours=2))))

    assert clock.now() == clock.now() == datetime(2025, 6, 1, 12, 0, tzinfo=UTC)
    assert clock.now().tzinfo is UTC
    assert clock.advance(1.5) == datetime(2025, 6, 1, 12, 0, 1, 500000, tzinfo=UTC)
    with pytest.raises(ValueError, match="backwards"):
        clock.advance(-1)
    with pytest.raises(ValueError, match="timezone-aware"):
        ManualClock(datetime(2025, 1, 1))


async def test_the_resolver_answers_from_its_table_with_fresh_streams() -> None:
    clock = ManualClock()
    resolver = FakeTrackResolver(clock, ttl=60)
    registered = resolver.track("a", title="A", duration=10)

    first = await resolver.resolve("a")
    clock.advance(5)
    second = await resolver.refresh(first)

    assert (first.title, first.duration, first.page_url) == ("A", 10, registered.page_url)
    assert first.stream_url is not None
    assert second.stream_url not in (None, first.stream_url)
    assert first.stream_expires_at == clock.now() - timedelta(seconds=5) + timedelta(seconds=60)
    assert second.stream_expires_at == clock.now() + timedelta(seconds=60)
    assert resolver.resolve_calls == ["a"]
    assert resolver.refresh_calls == [first]
    with pytest.raises(NoResults):
        await resolver.resolve("unknown")


async def test_the_resolver_fails_as_scripted_then_recovers() -> None:
    resolver = FakeTrackResolver(ManualClock())
    resolver.track("a")
    resolver.fail_next("a", times=2)

    for _ in range(2):
        with pytest.raises(TrackUnavailable) as caught:
            await resolver.resolve("a")
        assert caught.value.transient
    assert (await resolver.resolve("a")).title == "a"
    assert resolver.answered == ["a"]


async def test_the_gateway_only_ends_the_current_playback() -> None:
    gateway = FakeVoiceGateway()
    ended: list[tuple[str, str | None]] = []

    def handler(name: str) -> PlaybackEnded:
        async def on_end(error: str | None, /, **_: object) -> None:
            ended.append((name, error))

        return on_end

    await gateway.connect(GUILD, CHANNEL)
    await gateway.play(GUILD, PlaybackRequest(stream_url="x://1"), handler("first"))
    await gateway.play(GUILD, PlaybackRequest(stream_url="x://2"), handler("second"))
    await gateway.finish(GUILD, "boom")

    assert ended == [("second", "boom")]
    with pytest.raises(LookupError):
        await gateway.finish(GUILD)

    await gateway.play(GUILD, PlaybackRequest(stream_url="x://3"), handler("third"))
    await gateway.stop(GUILD)
    with pytest.raises(LookupError):
        await gateway.finish(GUILD)
    assert ended == [("second", "boom")]
    assert [r.stream_url for r in gateway.requests(GUILD)] == ["x://1", "x://2", "x://3"]
    assert gateway.calls_for(GUILD) == ["connect", "play", "play", "play", "stop"]


async def test_the_gateway_refuses_to_play_when_told_or_not_connected() -> None:
    gateway = FakeVoiceGateway()

    async def on_end(error: str | None, /, **_: object) -> None:
        raise AssertionError("a failed play never ends")

    with pytest.raises(NotConnected):
        await gateway.play(GUILD, PlaybackRequest(stream_url="x://1"), on_end)
    await gateway.connect(GUILD, CHANNEL)
    gateway.fail_next_plays(reason="codec")
    with pytest.raises(PlaybackFailed, match="codec"):
        await gateway.play(GUILD, PlaybackRequest(stream_url="x://1"), on_end)
    assert gateway.current(GUILD) is None


async def test_the_events_record_what_users_would_be_told() -> None:
    events = RecordingEvents()
    song = Song(track=FakeTrackResolver(ManualClock()).track("a"), requester=ALICE, requested_at=ManualClock().now())

    await events.song_started(GUILD, song)
    await events.song_failed(GUILD, song, "gone")
    await events.queue_finished(GUILD)

    assert events.events == [
        ("song_started", GUILD, "a", None),
        ("song_failed", GUILD, "a", "gone"),
        ("queue_finished", GUILD, None, None),
    ]


async def test_the_unit_of_work_rolls_back_unless_committed() -> None:
    uow = FakeUnitOfWork()

    async with uow:
        playlists = await uow.playlists.get(GUILD)
        playlists.create("Road trip")
        await uow.playlists.save(playlists)

    assert not uow.committed
    assert uow.rollbacks == 1
    assert uow.repository.committed == {}
    assert (await uow.playlists.get(GUILD)).playlists == ()


async def test_the_unit_of_work_keeps_what_was_committed() -> None:
    uow = FakeUnitOfWork()

    async with uow:
        playlists = await uow.playlists.get(GUILD)
        playlists.create("Road trip")
        await uow.playlists.save(playlists)
        await uow.commit()

    assert uow.committed
    assert (uow.commits, uow.rollbacks) == (1, 0)
    async with uow:
        stored = await uow.playlists.get(GUILD)
        stored.create("Changed my mind")  # not saved, not committed
    assert [p.name.value for p in (await uow.playlists.get(GUILD)).playlists] == ["Road trip"]
    assert isinstance(uow.repository.committed[GUILD], GuildPlaylists)
