from dataclasses import dataclass

from musicbot.application.playlists import file_format as playlist_file
from musicbot.application.playlists.common import load_target
from musicbot.application.playlists.ports import PlaylistUnitOfWorkFactory
from musicbot.application.support.clock import Clock
from musicbot.domain.ids import GuildId


@dataclass(frozen=True, slots=True, kw_only=True)
class ExportPlaylistQuery:
    guild_id: GuildId
    name: str | None = None  # None: the active playlist


@dataclass(frozen=True, slots=True, kw_only=True)
class ExportedPlaylist:
    name: str
    filename: str  # a suggestion for the attachment: the name is not trusted as a path anywhere
    content: str  # JSON, format version 1 (see application/playlists/file_format.py)
    tracks: int
    local_tracks: int  # files on this computer: only a console here can import and play them


class ExportPlaylist:
    def __init__(self, uow_factory: PlaylistUnitOfWorkFactory, clock: Clock) -> None:
        self._uow_factory = uow_factory
        self._clock = clock

    async def execute(self, query: ExportPlaylistQuery) -> ExportedPlaylist:
        async with self._uow_factory() as uow:
            _, playlist = await load_target(uow.playlists, query.guild_id, query.name)
        tracks = playlist.tracks
        return ExportedPlaylist(
            name=playlist.name.value,
            filename=f"{_safe_stem(playlist.name.key)}.musicbot.json",
            content=playlist_file.encode(playlist.name, tracks, exported_at=self._clock.now()),
            tracks=len(tracks),
            local_tracks=playlist_file.local_tracks(tracks),
        )


def _safe_stem(key: str) -> str:
    stem = "".join(ch if ch.isascii() and (ch.isalnum() or ch in "-_") else "-" for ch in key).strip("-")
    return stem[:40] or "playlist"
