from dataclasses import dataclass

from musicbot.application.playlists.common import load_target
from musicbot.application.playlists.ports import PlaylistUnitOfWorkFactory
from musicbot.domain.ids import GuildId
from musicbot.domain.track import Track


@dataclass(frozen=True, slots=True, kw_only=True)
class RemoveFromPlaylistCommand:
    guild_id: GuildId
    position: int  # 1-based, as `playlist show` numbers them
    playlist: str | None = None  # None: the active playlist


@dataclass(frozen=True, slots=True, kw_only=True)
class RemoveFromPlaylistResult:
    playlist: str
    track: Track
    remaining: int


class RemoveFromPlaylist:
    def __init__(self, uow_factory: PlaylistUnitOfWorkFactory) -> None:
        self._uow_factory = uow_factory

    async def execute(self, command: RemoveFromPlaylistCommand) -> RemoveFromPlaylistResult:
        async with self._uow_factory() as uow:
            playlists, playlist = await load_target(uow.playlists, command.guild_id, command.playlist)
            track = playlist.remove(command.position)
            await uow.playlists.save(playlists)
            await uow.commit()
        return RemoveFromPlaylistResult(playlist=playlist.name.value, track=track, remaining=len(playlist))
