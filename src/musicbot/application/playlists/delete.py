from dataclasses import dataclass

from musicbot.application.playlists.ports import PlaylistUnitOfWorkFactory
from musicbot.domain.ids import GuildId


@dataclass(frozen=True, slots=True, kw_only=True)
class DeletePlaylistCommand:
    guild_id: GuildId
    name: str


@dataclass(frozen=True, slots=True, kw_only=True)
class DeletePlaylistResult:
    name: str
    size: int
    was_active: bool


class DeletePlaylist:
    """Delete a playlist and its tracks. Asking the user to confirm first is the front end's job."""

    def __init__(self, uow_factory: PlaylistUnitOfWorkFactory) -> None:
        self._uow_factory = uow_factory

    async def execute(self, command: DeletePlaylistCommand) -> DeletePlaylistResult:
        async with self._uow_factory() as uow:
            playlists = await uow.playlists.get_scoped(command.guild_id)
            active = playlists.active_entry
            deleted = playlists.delete(command.name)
            await uow.playlists.save(playlists)
            await uow.commit()
        was_active = active is not None and active.name.key == deleted.name.key
        return DeletePlaylistResult(name=deleted.name.value, size=deleted.size, was_active=was_active)
