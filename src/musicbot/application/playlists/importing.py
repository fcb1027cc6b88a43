from dataclasses import dataclass

from musicbot.application.playlists import file_format as playlist_file
from musicbot.application.playlists.common import PlaylistLimits
from musicbot.application.playlists.ports import PlaylistUnitOfWorkFactory
from musicbot.application.storage_errors import TooManyPlaylists
from musicbot.domain.ids import GuildId


@dataclass(frozen=True, slots=True, kw_only=True)
class ImportPlaylistCommand:
    guild_id: GuildId
    content: bytes | str  # a playlist file, as `playlist export` writes them
    name: str | None = None  # instead of the file's own name (when it is taken already)
    allow_local_files: bool = False  # the console: its user owns this computer's files


@dataclass(frozen=True, slots=True, kw_only=True)
class ImportPlaylistResult:
    name: str
    tracks: int


class ImportPlaylist:
    """A new playlist from a file, checked whole first: a bad file raises `InvalidPlaylistFile` and saves nothing."""

    def __init__(self, uow_factory: PlaylistUnitOfWorkFactory, *, limits: PlaylistLimits | None = None) -> None:
        self._uow_factory = uow_factory
        self._limits = limits or PlaylistLimits()

    async def execute(self, command: ImportPlaylistCommand) -> ImportPlaylistResult:
        document = playlist_file.decode(
            command.content, max_tracks=self._limits.max_tracks, allow_local=command.allow_local_files
        )
        async with self._uow_factory() as uow:
            playlists = await uow.playlists.get_scoped(command.guild_id)
            if len(playlists) >= self._limits.max_playlists:
                raise TooManyPlaylists(self._limits.max_playlists)
            name = command.name if command.name is not None else document.name.value
            playlist = playlists.create(name, max_size=self._limits.max_tracks)
            for track in document.tracks:
                playlist.add(track)
            await uow.playlists.save(playlists)
            await uow.commit()
        return ImportPlaylistResult(name=playlist.name.value, tracks=len(document.tracks))
