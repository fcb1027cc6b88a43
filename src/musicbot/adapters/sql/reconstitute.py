"""Domain objects rebuilt from rows through their snapshot constructors, as an ORM's mapper does.

What is read back was validated by the domain on its way in; validating 10,000 names and building each playlist
the domain's way again costs ~100 ms a command in a guild that large (bench/persistence.py), so the aggregates
offer `from_snapshot` constructors that trust what storage kept. No private field is written here.
"""

from __future__ import annotations

from collections.abc import Iterable

from musicbot.domain.ids import GuildId
from musicbot.domain.playlist import GuildPlaylists, Playlist, PlaylistInfo, PlaylistName
from musicbot.domain.track import Track


def stored_name(value: str) -> PlaylistName:
    return PlaylistName.from_snapshot(value)


def stored_playlist(guild_id: GuildId, name: PlaylistName, max_size: int, tracks: tuple[Track, ...]) -> Playlist:
    """A playlist whose tracks were loaded."""
    return Playlist.from_snapshot(guild_id=guild_id, name=name, max_size=max_size, tracks=tracks)


def stored_info(name: PlaylistName, max_size: int, size: int, row: int) -> PlaylistInfo:
    """A playlist whose tracks were not loaded: what is known of it, and its row (kept through renames)."""
    return PlaylistInfo(name=name, size=size, max_size=max_size, ref=row)


def stored_guild(
    guild_id: GuildId,
    keyed: Iterable[tuple[str, Playlist]],
    active_key: str | None,
    unloaded: Iterable[tuple[str, PlaylistInfo]],
) -> GuildPlaylists:
    """The aggregate over playlists keyed as the database keeps them (its unique index judged those keys)."""
    return GuildPlaylists.from_snapshot(guild_id, keyed, active_key, unloaded)
