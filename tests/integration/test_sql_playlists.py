"""The playlist repository's contract, on the fakes, SQLite and PostgreSQL alike."""

from __future__ import annotations

import asyncio

import pytest

from musicbot.application.storage_errors import PlaylistNotLoaded
from musicbot.domain.errors import DuplicatePlaylist
from musicbot.domain.ids import GuildId
from musicbot.domain.playlist import GuildPlaylists, Playlist, PlaylistName
from musicbot.domain.track import SourceKind, Track
from tests.integration.test_sql_backends import Storage, storage_fixture

storage = storage_fixture()
GUILD, OTHER = GuildId(2**62 + 1), GuildId(7)  # snowflakes are 64-bit


def track(title: str, **fields: object) -> Track:
    values: dict[str, object] = {
        "title": title,
        "page_url": f"https://example.com/{title}",
        "source": SourceKind.YOUTUBE,
    }
    values.update(fields)
    return Track(**values)  # type: ignore[arg-type]


async def store(storage: Storage, guild_id: GuildId, **playlists: list[Track]) -> None:
    async with storage.uow() as uow:
        aggregate = await uow.playlists.get(guild_id)
        for name, tracks in playlists.items():
            created = aggregate.create(name)
            for each in tracks:
                created.add(each)
        await uow.playlists.save(aggregate)
        await uow.commit()


async def load(storage: Storage, guild_id: GuildId = GUILD) -> GuildPlaylists:
    async with storage.uow() as uow:
        return await uow.playlists.get(guild_id)


def titles(playlist: Playlist) -> list[str]:
    return [t.title for t in playlist.tracks]


async def test_a_guild_without_playlists_has_none(storage: Storage) -> None:
    loaded = await load(storage)
    assert (loaded.guild_id, loaded.playlists, loaded.active) == (GUILD, (), None)


async def test_playlists_come_back_as_saved_metadata_and_order_included(storage: Storage) -> None:
    full = track(
        "Été",
        artist="Zaz",
        duration=123.5,
        source=SourceKind.SOUNDCLOUD,
        thumbnail="https://img/1.jpg",
        stream_url="https://cdn/expiring",
        http_headers=(("A", "b"),),
    )
    bare = Track(title="words", page_url="some search words", source=SourceKind.SEARCH)
    await store(storage, GUILD, **{"Road Trip": [full, bare, track("c")], "empty": []})
    await store(storage, OTHER, mine=[track("other")])

    loaded = await load(storage)

    assert [p.name.value for p in loaded.playlists] == ["empty", "Road Trip"]
    road = loaded.get("ROAD TRIP")
    assert road.tracks == (full.without_stream(), bare, track("c"))
    assert road.tracks[0].stream_url is None
    assert titles((await load(storage, OTHER)).get("mine")) == ["other"]


async def test_nothing_is_kept_without_a_commit(storage: Storage) -> None:
    async with storage.uow() as uow:
        aggregate = await uow.playlists.get(GUILD)
        aggregate.create("draft")
        await uow.playlists.save(aggregate)

    async def fail_half_way() -> None:
        async with storage.uow() as uow:
            aggregate = await uow.playlists.get(GUILD)
            aggregate.create("doomed")
            await uow.playlists.save(aggregate)
            raise RuntimeError("the use-case failed half-way")

    with pytest.raises(RuntimeError):
        await fail_half_way()
    assert (await load(storage)).playlists == ()


async def test_changes_are_saved_adds_removals_moves_renames_and_the_active_one(storage: Storage) -> None:
    await store(storage, GUILD, a=[track("1"), track("2")], b=[track("x")], c=[])
    async with storage.uow() as uow:
        aggregate = await uow.playlists.get(GUILD)
        aggregate.get("a").add(track("3"))
        aggregate.get("b").remove(1)
        aggregate.get("b").add(track("y"))
        aggregate.get("b").add(track("z"))
        aggregate.get("b").move(2, 1)
        aggregate.rename("a", "tmp")
        aggregate.rename("c", "a")  # a name freed in the same transaction
        aggregate.rename("tmp", "c")
        aggregate.activate("b")
        await uow.playlists.save(aggregate)
        await uow.commit()

    loaded = await load(storage)

    assert [(p.name.value, titles(p)) for p in loaded.playlists] == [
        ("a", []),
        ("b", ["z", "y"]),
        ("c", ["1", "2", "3"]),
    ]
    assert loaded.active is loaded.get("b")


async def test_deleting_a_playlist_deletes_its_tracks_and_its_active_mark(storage: Storage) -> None:
    await store(storage, GUILD, a=[track("1")], b=[track("2")])
    async with storage.uow() as uow:
        aggregate = await uow.playlists.get(GUILD)
        aggregate.activate("a")
        await uow.playlists.save(aggregate)
        await uow.commit()
    async with storage.uow() as uow:
        aggregate = await uow.playlists.get(GUILD)
        aggregate.delete("A")
        aggregate.create("a")  # the same name again, empty
        await uow.playlists.save(aggregate)
        await uow.commit()

    loaded = await load(storage)

    assert [(p.name.value, titles(p)) for p in loaded.playlists] == [("a", []), ("b", ["2"])]
    assert loaded.active is None


async def test_a_scoped_load_has_every_name_and_size_and_only_the_tracks_asked_for(storage: Storage) -> None:
    await store(storage, GUILD, a=[track("1"), track("2")], b=[track("3")], c=[track("4")])
    async with storage.uow() as uow:
        aggregate = await uow.playlists.get(GUILD)
        aggregate.activate("c")
        await uow.playlists.save(aggregate)
        await uow.commit()

    async with storage.uow() as uow:
        scoped = await uow.playlists.get_scoped(GUILD, tracks_of=["A", "no such", "bad\x00name"], active_tracks=True)
        assert [(p.name.value, p.size) for p in scoped.entries] == [("a", 2), ("b", 1), ("c", 1)]
        assert titles(scoped.get("a")) == ["1", "2"]
        assert titles(scoped.get("c")) == ["4"]
        with pytest.raises(PlaylistNotLoaded):
            scoped.get("b").add(track("5"))
        scoped.get("a").add(track("5"))
        scoped.rename("b", "B renamed")
        scoped.create("d")
        await uow.playlists.save(scoped)
        await uow.commit()

    loaded = await load(storage)
    assert [(p.name.value, titles(p)) for p in loaded.playlists] == [
        ("a", ["1", "2", "5"]),
        ("B renamed", ["3"]),
        ("c", ["4"]),
        ("d", []),
    ]
    assert loaded.active is loaded.get("c")


async def test_an_aggregate_built_from_nothing_replaces_what_the_guild_had(storage: Storage) -> None:
    await store(storage, GUILD, old=[track("1")])
    fresh = GuildPlaylists(GUILD, [Playlist(guild_id=GUILD, name=PlaylistName("new"), _tracks=[track("2")])])
    fresh.activate("new")
    async with storage.uow() as uow:
        await uow.playlists.save(fresh)
        await uow.commit()

    loaded = await load(storage)

    assert [(p.name.value, titles(p)) for p in loaded.playlists] == [("new", ["2"])]
    assert loaded.active is loaded.get("new")


async def test_names_are_looked_up_by_key_prefix_in_key_order(storage: Storage) -> None:
    await store(storage, GUILD, **{n: [] for n in ("Rock", "rap", "ROCKABILLY", "Ärger", "jazz", "100% rock", "r_b")})
    await store(storage, OTHER, rocket=[])
    async with storage.uow() as uow:
        assert await uow.playlists.names_starting_with(GUILD, "r", limit=10) == ["r_b", "rap", "Rock", "ROCKABILLY"]
        assert await uow.playlists.names_starting_with(GUILD, "rock", limit=1) == ["Rock"]
        assert await uow.playlists.names_starting_with(GUILD, "är", limit=5) == ["Ärger"]
        assert await uow.playlists.names_starting_with(GUILD, "r%", limit=5) == []  # data, not a pattern
        assert await uow.playlists.names_starting_with(GUILD, "", limit=3) == ["100% rock", "jazz", "r_b"]


async def test_names_are_data_never_sql(storage: Storage) -> None:
    hostile = ["x'); DROP TABLE playlists; --", "../../etc/passwd", 'Robert"; --', "%_\\"]
    await store(storage, GUILD, **{name: [track(str(n))] for n, name in enumerate(hostile)})

    loaded = await load(storage)

    assert sorted(p.name.value for p in loaded.playlists) == sorted(hostile)


async def test_two_commands_on_one_guild_at_once_both_keep_their_change(storage: Storage) -> None:
    await store(storage, GUILD, shared=[])

    async def add(title: str) -> None:
        async with storage.uow() as uow:
            aggregate = await uow.playlists.get_scoped(GUILD, tracks_of=["shared"])
            await asyncio.sleep(0.01)  # both have read before either writes, unless the guild is locked
            aggregate.get("shared").add(track(title))
            await uow.playlists.save(aggregate)
            await uow.commit()

    if storage.kind == "memory":
        pytest.skip("the fakes do not lock: unit tests run one command at a time")
    await asyncio.gather(*(add(str(n)) for n in range(5)))

    assert sorted(titles((await load(storage)).get("shared"))) == ["0", "1", "2", "3", "4"]


async def test_a_duplicate_name_is_refused_by_the_aggregate(storage: Storage) -> None:
    await store(storage, GUILD, Mix=[])
    async with storage.uow() as uow:
        aggregate = await uow.playlists.get_scoped(GUILD)
        with pytest.raises(DuplicatePlaylist):
            aggregate.create("  mix ")


async def test_views_read_summaries_and_pages_of_tracks_without_the_aggregate(storage: Storage) -> None:
    await store(
        storage, GUILD, b=[track("1", duration=10.0), track("2"), track("3", duration=2.5)], A=[], c=[track("x")]
    )
    async with storage.uow() as uow:
        aggregate = await uow.playlists.get(GUILD)
        aggregate.activate("b")
        await uow.playlists.save(aggregate)
        await uow.commit()

    async with storage.uow() as uow:
        first = await uow.playlists.summaries(GUILD, offset=0, limit=2)
        rest = await uow.playlists.summaries(GUILD, offset=2, limit=2)
        none = await uow.playlists.summaries(OTHER, offset=0, limit=2)
        b, active, missing = (
            await uow.playlists.summary(GUILD, "B"),
            await uow.playlists.summary(GUILD, None),
            await uow.playlists.summary(GUILD, "nope"),
        )
        page = await uow.playlists.tracks_page(GUILD, "b", offset=1, limit=5)
        nothing = await uow.playlists.tracks_page(GUILD, "nope", offset=0, limit=5)

    assert [(s.name, s.size, s.active) for s in first.summaries] == [("A", 0, False), ("b", 3, True)]
    assert (first.total, first.active, [s.name for s in rest.summaries]) == (3, "b", ["c"])
    assert (none.summaries, none.total, none.active) == ((), 0, None)
    assert b == active and b is not None
    assert (b.name, b.size, b.max_size, b.active, b.total_duration) == ("b", 3, 500, True, 12.5)
    assert missing is None and nothing == ()
    assert [t.title for t in page] == ["2", "3"]
