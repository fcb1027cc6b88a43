"""A guild's playlists loaded with the tracks of only the ones a command names: what happens to the others.

On the fakes, SQLite and PostgreSQL alike: each must give the same answers without having read the other
playlists' tracks.
"""

from __future__ import annotations

from musicbot.application.playlists.delete import DeletePlaylist, DeletePlaylistCommand
from musicbot.application.playlists.list import ListPlaylists, ListPlaylistsQuery
from musicbot.application.playlists.use import UsePlaylist, UsePlaylistCommand
from tests.integration.test_sql_backends import Storage, storage_fixture
from tests.integration.test_sql_playlists import GUILD, load, store, titles, track

storage = storage_fixture()


async def test_renaming_a_playlist_loaded_without_its_tracks_keeps_them(storage: Storage) -> None:
    await store(storage, GUILD, a=[track("1")], b=[track("2"), track("3")], c=[track("4")])
    async with storage.uow() as uow:
        scoped = await uow.playlists.get_scoped(GUILD, tracks_of=["a"])
        # A swap through a free name: the loaded "a" and the unloaded "b" trade names, tracks following each.
        scoped.rename("a", "tmp")
        scoped.rename("b", "a")
        scoped.rename("tmp", "b")
        scoped.rename("c", "Cee")
        scoped.activate("cee")
        await uow.playlists.save(scoped)
        await uow.commit()

    loaded = await load(storage)
    assert [(p.name.value, titles(p)) for p in loaded.playlists] == [
        ("a", ["2", "3"]),
        ("b", ["1"]),
        ("Cee", ["4"]),
    ]
    assert loaded.active is loaded.get("cee")
    listing = await ListPlaylists(storage.uow).execute(ListPlaylistsQuery(guild_id=GUILD))
    assert [(s.name, s.size, s.active) for s in listing.playlists] == [
        ("a", 2, False),
        ("b", 1, False),
        ("Cee", 1, True),
    ]


async def test_deleting_a_playlist_loaded_without_its_tracks_says_its_size_and_keeps_the_others(
    storage: Storage,
) -> None:
    await store(storage, GUILD, keep=[track("1")], gone=[track("2"), track("3"), track("4")])
    await UsePlaylist(storage.uow).execute(UsePlaylistCommand(guild_id=GUILD, name="gone"))

    deleted = await DeletePlaylist(storage.uow).execute(DeletePlaylistCommand(guild_id=GUILD, name="GONE"))

    assert (deleted.name, deleted.size, deleted.was_active) == ("gone", 3, True)
    loaded = await load(storage)
    assert [(p.name.value, titles(p)) for p in loaded.playlists] == [("keep", ["1"])]
    assert loaded.active is None
    again = await DeletePlaylist(storage.uow).execute(DeletePlaylistCommand(guild_id=GUILD, name="keep"))
    assert (again.size, again.was_active) == (1, False)


async def test_a_scoped_load_lists_every_size_and_creates_no_duplicate_of_an_unloaded_name(storage: Storage) -> None:
    await store(storage, GUILD, big=[track(str(n)) for n in range(5)], small=[])
    async with storage.uow() as uow:
        scoped = await uow.playlists.get_scoped(GUILD)
        assert [(e.name.value, e.size, e.max_size) for e in scoped.entries] == [("big", 5, 500), ("small", 0, 500)]
        assert (len(scoped), scoped.entry("BIG").size) == (2, 5)
        created = scoped.create("new")
        created.add(track("n"))
        await uow.playlists.save(scoped)
        await uow.commit()

    loaded = await load(storage)
    assert [(p.name.value, len(p)) for p in loaded.playlists] == [("big", 5), ("new", 1), ("small", 0)]
