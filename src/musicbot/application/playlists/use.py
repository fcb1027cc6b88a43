from dataclasses import dataclass

from musicbot.application.playlists.ports import PlaylistUnitOfWorkFactory
from musicbot.domain.ids import GuildId
from musicbot.domain.track import Track


@dataclass(frozen=True, slots=True, kw_only=True)
class UsePlaylistCommand:
    guild_id: GuildId
    name: str


@dataclass(frozen=True, slots=True, kw_only=True)
class UsePlaylistResult:
    name: str
    tracks: tuple[Track, ...]  # for the caller to queue (light tracks: each is resolved when it plays)


class UsePlaylist:
    """Make a playlist the active one (where `playlist add` goes without a name) and hand back its tracks."""

    def __init__(self, uow_factory: PlaylistUnitOfWorkFactory) -> None:
        self._uow_factory = uow_factory

    async def execute(self, command: UsePlaylistCommand) -> UsePlaylistResult:
        async with self._uow_factory() as uow:
            playlists = await uow.playlists.get_scoped(command.guild_id, tracks_of=(command.name,))
            playlists.activate(command.name)
            playlist = playlists.get(command.name)  # loaded: named above
            await uow.playlists.save(playlists)
            await uow.commit()
        return UsePlaylistResult(name=playlist.name.value, tracks=playlist.tracks)
