"""The playlist use-cases over the in-memory unit of work: rules, results, and nothing saved on failure."""

from __future__ import annotations

import json

import pytest

from musicbot.application.errors import InvalidQuery, NoResults
from musicbot.application.playlists.add import AddToPlaylist, AddToPlaylistCommand
from musicbot.application.playlists.autocomplete import AutocompletePlaylists, AutocompleteQuery
from musicbot.application.playlists.common import PlaylistLimits
from musicbot.application.playlists.create import CreatePlaylist, CreatePlaylistCommand
from musicbot.application.playlists.delete import DeletePlaylist, DeletePlaylistCommand
from musicbot.application.playlists.export import ExportPlaylist, ExportPlaylistQuery
from musicbot.application.playlists.importing import ImportPlaylist, ImportPlaylistCommand
from musicbot.application.playlists.list import ListPlaylists, ListPlaylistsQuery
from musicbot.application.playlists.remove import RemoveFromPlaylist, RemoveFromPlaylistCommand
from musicbot.application.playlists.save_queue import SaveQueueAsPlaylist, SaveQueueCommand
from musicbot.application.playlists.show import ShowPlaylist, ShowPlaylistQuery
from musicbot.application.playlists.use import UsePlaylist, UsePlaylistCommand
from musicbot.application.storage_errors import InvalidPlaylistFile, NoActivePlaylist, TooManyPlaylists
from musicbot.domain.errors import (
    DuplicatePlaylist,
    InvalidPlaylistName,
    InvalidPosition,
    NothingPlaying,
    PlaylistFull,
    PlaylistNotFound,
)
from musicbot.domain.ids import GuildId
from musicbot.domain.track import SourceKind, Track
from tests.fakes.clock import ManualClock
from tests.fakes.repositories import FakeUnitOfWork
from tests.fakes.resolver import FakeTrackResolver
from tests.unit.application.wiring import GUILD, OTHER_GUILD, App


@pytest.fixture
def uow() -> FakeUnitOfWork:
    return FakeUnitOfWork()


@pytest.fixture
def resolver() -> FakeTrackResolver:
    return FakeTrackResolver(ManualClock())


async def create(uow: FakeUnitOfWork, *names: str, guild_id: GuildId = GUILD, activate: bool = False) -> None:
    for name in names:
        await CreatePlaylist(lambda: uow).execute(
            CreatePlaylistCommand(guild_id=guild_id, name=name, activate=activate)
        )


async def add(uow: FakeUnitOfWork, resolver: FakeTrackResolver, query: str, playlist: str | None = None) -> int:
    if not resolver.knows(query):
        resolver.track(query)
    use_case = AddToPlaylist(lambda: uow, resolver, max_query_length=100)
    result = await use_case.execute(AddToPlaylistCommand(guild_id=GUILD, query=query, playlist=playlist))
    return result.position


async def stored_titles(uow: FakeUnitOfWork, name: str, guild_id: GuildId = GUILD) -> list[str]:
    return [t.title for t in uow.repository.committed[guild_id].get(name).tracks]


async def test_create_trims_the_name_and_refuses_it_again_ignoring_case(uow: FakeUnitOfWork) -> None:
    result = await CreatePlaylist(lambda: uow).execute(CreatePlaylistCommand(guild_id=GUILD, name="  Chill  "))

    assert (result.name, result.active) == ("Chill", False)
    with pytest.raises(DuplicatePlaylist):
        await create(uow, "CHILL")
    with pytest.raises(InvalidPlaylistName):
        await create(uow, "bad\nname")
    await create(uow, "chill", guild_id=OTHER_GUILD)  # another guild's names are its own
    assert [p.name.value for p in uow.repository.committed[GUILD].playlists] == ["Chill"]


async def test_create_stops_at_the_guild_limit(uow: FakeUnitOfWork) -> None:
    limited = CreatePlaylist(lambda: uow, limits=PlaylistLimits(max_playlists=2))
    for name in ("a", "b"):
        await limited.execute(CreatePlaylistCommand(guild_id=GUILD, name=name))
    with pytest.raises(TooManyPlaylists):
        await limited.execute(CreatePlaylistCommand(guild_id=GUILD, name="c"))


async def test_add_resolves_first_and_saves_the_track_without_its_stream(
    uow: FakeUnitOfWork, resolver: FakeTrackResolver
) -> None:
    await create(uow, "mix", activate=True)

    assert await add(uow, resolver, "first song") == 1
    assert await add(uow, resolver, "second", playlist="MIX") == 2

    stored = uow.repository.committed[GUILD].get("mix").tracks
    assert [t.title for t in stored] == ["first song", "second"]
    assert all(t.stream_url is None and not t.http_headers for t in stored)


async def test_add_saves_nothing_when_the_song_cannot_be_found_or_played(
    uow: FakeUnitOfWork, resolver: FakeTrackResolver
) -> None:
    await create(uow, "mix", activate=True)
    use_case = AddToPlaylist(lambda: uow, resolver, max_query_length=10)

    with pytest.raises(NoResults):
        await use_case.execute(AddToPlaylistCommand(guild_id=GUILD, query="unknown"))
    with pytest.raises(InvalidQuery):
        await use_case.execute(AddToPlaylistCommand(guild_id=GUILD, query="   "))
    with pytest.raises(InvalidQuery, match="too long"):
        await use_case.execute(AddToPlaylistCommand(guild_id=GUILD, query="x" * 11))
    assert await stored_titles(uow, "mix") == []


async def test_add_says_what_is_wrong_with_the_playlist_before_resolving(
    uow: FakeUnitOfWork, resolver: FakeTrackResolver
) -> None:
    resolver.track("song")
    with pytest.raises(NoActivePlaylist):
        await add(uow, resolver, "song")
    with pytest.raises(PlaylistNotFound):
        await add(uow, resolver, "song", playlist="nope")
    await CreatePlaylist(lambda: uow, limits=PlaylistLimits(max_tracks=1)).execute(
        CreatePlaylistCommand(guild_id=GUILD, name="tiny", activate=True)
    )
    await add(uow, resolver, "song")
    with pytest.raises(PlaylistFull):
        await add(uow, resolver, "song")
    assert resolver.resolve_calls == ["song"]  # only the add that could succeed looked the song up


async def test_remove_takes_a_1_based_position(uow: FakeUnitOfWork, resolver: FakeTrackResolver) -> None:
    await create(uow, "mix", activate=True)
    for query in ("a", "b", "c"):
        await add(uow, resolver, query)
    remove = RemoveFromPlaylist(lambda: uow)

    result = await remove.execute(RemoveFromPlaylistCommand(guild_id=GUILD, position=2))

    assert (result.track.title, result.remaining, result.playlist) == ("b", 2, "mix")
    with pytest.raises(InvalidPosition):
        await remove.execute(RemoveFromPlaylistCommand(guild_id=GUILD, position=3, playlist="mix"))
    assert await stored_titles(uow, "mix") == ["a", "c"]


async def test_use_makes_a_playlist_active_and_returns_its_tracks(
    uow: FakeUnitOfWork, resolver: FakeTrackResolver
) -> None:
    await create(uow, "a", "b")
    await add(uow, resolver, "x", playlist="b")

    result = await UsePlaylist(lambda: uow).execute(UsePlaylistCommand(guild_id=GUILD, name="B"))

    assert (result.name, [t.title for t in result.tracks]) == ("b", ["x"])
    assert uow.repository.committed[GUILD].active is uow.repository.committed[GUILD].get("b")
    with pytest.raises(PlaylistNotFound):
        await UsePlaylist(lambda: uow).execute(UsePlaylistCommand(guild_id=GUILD, name="c"))


async def test_show_pages_a_playlist(uow: FakeUnitOfWork, resolver: FakeTrackResolver) -> None:
    await create(uow, "mix", activate=True)
    for n in range(12):
        await add(uow, resolver, f"song {n}")
    show = ShowPlaylist(lambda: uow)

    second = await show.execute(ShowPlaylistQuery(guild_id=GUILD, page=2, page_size=5))
    past_the_end = await show.execute(ShowPlaylistQuery(guild_id=GUILD, name="mix", page=9, page_size=5))

    assert [(e.position, e.track.title) for e in second.entries] == [(n + 1, f"song {n}") for n in range(5, 10)]
    assert (second.page, second.pages, second.total, second.active, second.total_duration) == (2, 3, 12, True, 2160)
    assert (past_the_end.page, len(past_the_end.entries)) == (3, 2)


async def test_list_pages_names_sizes_and_the_active_one(uow: FakeUnitOfWork, resolver: FakeTrackResolver) -> None:
    await create(uow, "b", "A", "c")
    await add(uow, resolver, "x", playlist="c")
    await UsePlaylist(lambda: uow).execute(UsePlaylistCommand(guild_id=GUILD, name="c"))

    listed = await ListPlaylists(lambda: uow).execute(ListPlaylistsQuery(guild_id=GUILD, page=1, page_size=2))
    last = await ListPlaylists(lambda: uow).execute(ListPlaylistsQuery(guild_id=GUILD, page=2, page_size=2))

    assert [(p.name, p.size, p.active) for p in listed.playlists] == [("A", 0, False), ("b", 0, False)]
    assert [(p.name, p.size, p.active) for p in last.playlists] == [("c", 1, True)]
    assert (listed.total, listed.pages, listed.active) == (3, 2, "c")


async def test_delete_removes_a_playlist_and_says_whether_it_was_active(uow: FakeUnitOfWork) -> None:
    await create(uow, "a", activate=True)

    result = await DeletePlaylist(lambda: uow).execute(DeletePlaylistCommand(guild_id=GUILD, name="A"))

    assert (result.name, result.size, result.was_active) == ("a", 0, True)
    assert uow.repository.committed[GUILD].playlists == ()
    with pytest.raises(PlaylistNotFound):
        await DeletePlaylist(lambda: uow).execute(DeletePlaylistCommand(guild_id=GUILD, name="a"))


async def test_save_queue_keeps_the_current_song_and_the_upcoming_ones(uow: FakeUnitOfWork, app: App) -> None:
    save = SaveQueueAsPlaylist(lambda: uow, app.registry, limits=PlaylistLimits(max_tracks=3))
    with pytest.raises(NothingPlaying):
        await save.execute(SaveQueueCommand(guild_id=GUILD, name="party"))
    for query in ("now", "a", "b", "c"):
        await app.play(query)

    result = await save.execute(SaveQueueCommand(guild_id=GUILD, name="party", activate=True))

    assert (result.name, result.saved, result.left_out) == ("party", 3, 1)
    assert await stored_titles(uow, "party") == ["now", "a", "b"]
    assert all(t.stream_url is None for t in uow.repository.committed[GUILD].get("party").tracks)


async def test_export_then_import_gives_the_same_playlist(uow: FakeUnitOfWork, resolver: FakeTrackResolver) -> None:
    await create(uow, "Road trip", activate=True)
    for query in ("a", "b"):
        await add(uow, resolver, query)

    exported = await ExportPlaylist(lambda: uow, ManualClock()).execute(ExportPlaylistQuery(guild_id=GUILD))
    imported = await ImportPlaylist(lambda: uow).execute(
        ImportPlaylistCommand(guild_id=OTHER_GUILD, content=exported.content.encode())
    )

    assert (exported.name, exported.filename, exported.tracks) == ("Road trip", "road-trip.musicbot.json", 2)
    assert json.loads(exported.content)["version"] == 1
    assert (imported.name, imported.tracks) == ("Road trip", 2)
    assert (
        uow.repository.committed[OTHER_GUILD].get("road trip").tracks
        == uow.repository.committed[GUILD].get("road trip").tracks
    )
    with pytest.raises(DuplicatePlaylist):
        await ImportPlaylist(lambda: uow).execute(ImportPlaylistCommand(guild_id=GUILD, content=exported.content))
    renamed = await ImportPlaylist(lambda: uow).execute(
        ImportPlaylistCommand(guild_id=GUILD, content=exported.content, name="copy")
    )
    assert renamed.name == "copy"


async def test_local_files_go_out_counted_and_come_back_only_where_they_may(uow: FakeUnitOfWork) -> None:
    await create(uow, "Mine", activate=True)
    local = Track(title="My song", page_url="file:///home/me/song.mp3", source=SourceKind.LOCAL)
    uow.repository.committed[GUILD].get("mine").add(local)

    exported = await ExportPlaylist(lambda: uow, ManualClock()).execute(ExportPlaylistQuery(guild_id=GUILD))
    assert (exported.tracks, exported.local_tracks) == (1, 1)

    with pytest.raises(InvalidPlaylistFile, match="only at the console"):
        await ImportPlaylist(lambda: uow).execute(ImportPlaylistCommand(guild_id=OTHER_GUILD, content=exported.content))
    imported = await ImportPlaylist(lambda: uow).execute(
        ImportPlaylistCommand(guild_id=OTHER_GUILD, content=exported.content, allow_local_files=True)
    )
    assert imported.tracks == 1
    assert uow.repository.committed[OTHER_GUILD].get("mine").tracks == (local,)


async def test_a_bad_file_imports_nothing(uow: FakeUnitOfWork) -> None:
    with pytest.raises(InvalidPlaylistFile, match="not JSON"):
        await ImportPlaylist(lambda: uow).execute(ImportPlaylistCommand(guild_id=GUILD, content=b"{nope"))
    assert uow.commits == 0 and uow.repository.committed == {}


async def test_autocomplete_matches_the_start_of_names_ignoring_case(uow: FakeUnitOfWork) -> None:
    await create(uow, "Rock", "rap", "Jazz", "ROCKABILLY")
    complete = AutocompletePlaylists(lambda: uow)

    assert await complete.execute(AutocompleteQuery(guild_id=GUILD, prefix="ro")) == ["Rock", "ROCKABILLY"]
    assert await complete.execute(AutocompleteQuery(guild_id=GUILD, prefix="")) == ["Jazz", "rap", "Rock", "ROCKABILLY"]
    assert await complete.execute(AutocompleteQuery(guild_id=GUILD, prefix="R", limit=1)) == ["rap"]
    assert await complete.execute(AutocompleteQuery(guild_id=GUILD, prefix="x" * 60)) == []
    assert await complete.execute(AutocompleteQuery(guild_id=GUILD, prefix="\x07")) == []
