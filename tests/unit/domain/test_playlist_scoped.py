"""`GuildPlaylists` loaded with the tracks of only some playlists: the others are `PlaylistInfo`s, no subclass."""

from __future__ import annotations

import pytest

from musicbot.domain.errors import DuplicatePlaylist, PlaylistNotFound, PlaylistNotLoaded
from musicbot.domain.ids import GuildId
from musicbot.domain.playlist import GuildPlaylists, Playlist, PlaylistInfo, PlaylistName
from tests.unit.domain.builders import make_track

GUILD = GuildId(10)


def scoped(*, active: str | None = "jazz") -> tuple[GuildPlaylists, Playlist]:
    """ "Rock" loaded with one track; "Jazz" (3 songs, row 7) known by its info only."""
    rock = Playlist(guild_id=GUILD, name=PlaylistName("Rock"), _tracks=[make_track("r")])
    jazz = PlaylistInfo(name=PlaylistName("Jazz"), size=3, max_size=500, ref=7)
    return GuildPlaylists.from_snapshot(GUILD, [("rock", rock)], active, [("jazz", jazz)]), rock


def test_every_playlist_is_listed_with_its_size_loaded_or_not() -> None:
    guild, rock = scoped()

    assert [(e.name.value, e.size) for e in guild.entries] == [("Jazz", 3), ("Rock", 1)]
    assert len(guild) == 2
    assert guild.entry("JAZZ").size == 3 and guild.active_entry == guild.entry("jazz")
    assert list(guild.members()) == [rock] and [i.ref for i in guild.unloaded()] == [7]


def test_tracks_of_a_playlist_not_loaded_are_refused_not_seen_empty() -> None:
    guild, rock = scoped()

    with pytest.raises(PlaylistNotLoaded, match="Jazz"):
        guild.get("jazz")
    with pytest.raises(PlaylistNotLoaded):
        _ = guild.active
    with pytest.raises(PlaylistNotLoaded):
        _ = guild.playlists
    assert guild.get("rock") is rock
    with pytest.raises(PlaylistNotFound):
        guild.entry("blues")


def test_renaming_activating_and_deleting_work_without_tracks() -> None:
    guild, rock = scoped(active=None)

    renamed = guild.rename("jazz", " Bebop ")
    assert (renamed.name.value, renamed.size, renamed.ref) == ("Bebop", 3, 7)
    assert guild.activate("BEBOP") == renamed and guild.active_entry == renamed
    with pytest.raises(DuplicatePlaylist):
        guild.rename("rock", "bebop")
    with pytest.raises(DuplicatePlaylist):
        guild.create("BEBOP")

    assert guild.delete("bebop") == renamed
    assert guild.active is None and guild.playlists == (rock,)


def test_a_loaded_playlist_renamed_is_the_same_entity() -> None:
    guild, rock = scoped()

    assert guild.rename("rock", "Classic") == PlaylistInfo.of(rock)
    assert guild.get("classic") is rock and rock.name.value == "Classic"
