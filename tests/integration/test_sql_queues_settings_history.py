"""The contracts of the queue, guild settings and listening history repositories, on every backend."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from musicbot.application.history.model import PlayRecord
from musicbot.domain.guild_settings import GuildSettings, RoleId
from musicbot.domain.ids import ChannelId, GuildId, UserId
from musicbot.domain.player_state import Volume
from musicbot.domain.queue_snapshot import QueuedTrack, QueueSnapshot
from musicbot.domain.track import SourceKind, Track
from musicbot.domain.tracklist import RepeatMode
from tests.integration.test_sql_backends import Storage, storage_fixture

storage = storage_fixture()
GUILD, OTHER = GuildId(2**62 + 3), GuildId(11)
ALICE, BOB = UserId(2**60), UserId(5)
T0 = datetime(2025, 3, 1, 20, 0, tzinfo=UTC)


def track(title: str, **fields: object) -> Track:
    values: dict[str, object] = {
        "title": title,
        "page_url": f"https://example.com/{title}",
        "source": SourceKind.YOUTUBE,
    }
    values.update(fields)
    return Track(**values)  # type: ignore[arg-type]


def queued(title: str, seconds: int = 0) -> QueuedTrack:
    return QueuedTrack(
        track=track(title, duration=200.0), requester=ALICE, requested_at=T0 + timedelta(seconds=seconds)
    )


def snapshot(guild_id: GuildId = GUILD, **fields: object) -> QueueSnapshot:
    values: dict[str, object] = {
        "guild_id": guild_id,
        "voice_channel_id": ChannelId(2**61),
        "text_channel_id": ChannelId(44),
        "current": queued("now"),
        "position": 42.5,
        "paused": True,
        "upcoming": (queued("a", 1), queued("b", 2)),
        "repeat": RepeatMode.QUEUE,
        "volume": 150,
        "saved_at": T0,
    }
    values.update(fields)
    return QueueSnapshot(**values)  # type: ignore[arg-type]


async def test_a_queue_comes_back_as_it_was_saved(storage: Storage) -> None:
    saved = snapshot(
        current=QueuedTrack(
            track=track("now", stream_url="https://cdn/x", artist="A", thumbnail="https://t"),
            requester=BOB,
            requested_at=datetime(2025, 3, 1, 22, 0, tzinfo=timezone(timedelta(hours=2))),
        )
    )
    async with storage.uow() as uow:
        await uow.queues.save(saved)
        await uow.commit()
    async with storage.uow() as uow:
        loaded = await uow.queues.get(GUILD)
        assert await uow.queues.get(OTHER) is None

    assert loaded == saved
    assert loaded is not None and loaded.current is not None
    assert loaded.current.track.stream_url is None
    assert loaded.current.requested_at == T0 and loaded.current.requested_at.tzinfo is not None


async def test_the_last_saved_queue_replaces_the_one_before_and_deletes_forget(storage: Storage) -> None:
    async with storage.uow() as uow:
        await uow.queues.save(snapshot())
        await uow.queues.save(snapshot(OTHER, current=None, upcoming=(queued("only"),), paused=False))
        await uow.commit()
    async with storage.uow() as uow:
        await uow.queues.save(snapshot(upcoming=(queued("c"),), position=0.0))
        await uow.commit()
    async with storage.uow() as uow:
        assert [s.guild_id for s in await uow.queues.all()] == sorted([GUILD, OTHER])
        assert (await uow.queues.get(GUILD)) == snapshot(upcoming=(queued("c"),), position=0.0)
        other = await uow.queues.get(OTHER)
        assert other is not None and other.current is None and other.upcoming == (queued("only"),)
        await uow.queues.delete(GUILD)
        await uow.queues.delete(GuildId(12345))  # nothing saved: nothing happens
        await uow.commit()
    async with storage.uow() as uow:
        assert [s.guild_id for s in await uow.queues.all()] == [OTHER]


async def test_guild_settings_are_defaults_until_saved(storage: Storage) -> None:
    chosen = GuildSettings(
        guild_id=GUILD,
        volume=Volume(35),
        repeat=RepeatMode.TRACK,
        always_on=True,
        auto_leave_seconds=0,
        dj_role_id=RoleId(2**62),
        music_channel_id=ChannelId(99),
    )
    async with storage.uow() as uow:
        assert await uow.guild_settings.get(GUILD) == GuildSettings(guild_id=GUILD)
        await uow.guild_settings.save(chosen)
        await uow.commit()
    async with storage.uow() as uow:
        assert await uow.guild_settings.get(GUILD) == chosen
        await uow.guild_settings.save(GuildSettings(guild_id=GUILD, volume=Volume(80)))
        await uow.commit()
    async with storage.uow() as uow:
        assert await uow.guild_settings.get(GUILD) == GuildSettings(guild_id=GUILD, volume=Volume(80))
        assert await uow.guild_settings.get(OTHER) == GuildSettings(guild_id=OTHER)


async def record(storage: Storage, *plays: tuple[GuildId, UserId, str, int]) -> None:
    async with storage.uow() as uow:
        for guild_id, user_id, title, minute in plays:
            played = PlayRecord(
                guild_id=guild_id, user_id=user_id, track=track(title), played_at=T0 + timedelta(minutes=minute)
            )
            await uow.history.record(played)
        await uow.commit()


async def test_history_newest_first_by_guild_and_counted_by_user(storage: Storage) -> None:
    await record(storage, (GUILD, ALICE, "a", 0), (GUILD, BOB, "b", 1), (OTHER, ALICE, "c", 2), (GUILD, ALICE, "d", 3))
    async with storage.uow() as uow:
        recent = await uow.history.recent(GUILD, limit=2)
        alice = await uow.history.count_by_user(ALICE)
        alice_here = await uow.history.count_by_user(ALICE, guild_id=GUILD)
        nobody = await uow.history.count_by_user(UserId(99))

    assert [(p.track.title, p.user_id, p.played_at) for p in recent] == [
        ("d", ALICE, T0 + timedelta(minutes=3)),
        ("b", BOB, T0 + timedelta(minutes=1)),
    ]
    assert (alice, alice_here, nobody) == (3, 2, 0)  # what /stats says: everywhere, here
    assert recent[0] == PlayRecord(guild_id=GUILD, user_id=ALICE, track=track("d"), played_at=T0 + timedelta(minutes=3))
