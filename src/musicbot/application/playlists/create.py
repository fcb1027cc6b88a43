from dataclasses import dataclass

from musicbot.application.playlists.common import PlaylistLimits
from musicbot.application.playlists.ports import PlaylistUnitOfWorkFactory
from musicbot.application.storage_errors import TooManyPlaylists
from musicbot.domain.ids import GuildId


@dataclass(frozen=True, slots=True, kw_only=True)
class CreatePlaylistCommand:
    guild_id: GuildId
    name: str
    activate: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class CreatePlaylistResult:
    name: str  # as stored: trimmed
    active: bool


class CreatePlaylist:
    """A new empty playlist; its name follows the domain's rules and is unique in the guild ignoring case."""

    def __init__(self, uow_factory: PlaylistUnitOfWorkFactory, *, limits: PlaylistLimits | None = None) -> None:
        self._uow_factory = uow_factory
        self._limits = limits or PlaylistLimits()

    async def execute(self, command: CreatePlaylistCommand) -> CreatePlaylistResult:
        async with self._uow_factory() as uow:
            playlists = await uow.playlists.get_scoped(command.guild_id)
            if len(playlists) >= self._limits.max_playlists:
                raise TooManyPlaylists(self._limits.max_playlists)
            playlist = playlists.create(command.name, max_size=self._limits.max_tracks)
            if command.activate:
                playlists.activate(playlist.name.value)
            await uow.playlists.save(playlists)
            await uow.commit()
        return CreatePlaylistResult(name=playlist.name.value, active=command.activate)
