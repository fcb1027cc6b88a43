from dataclasses import dataclass

from musicbot.application.playback.registry import PlayerRegistry
from musicbot.application.playlists.common import PlaylistLimits
from musicbot.application.playlists.ports import PlaylistUnitOfWorkFactory
from musicbot.application.storage_errors import TooManyPlaylists
from musicbot.domain.errors import NothingPlaying
from musicbot.domain.ids import GuildId


@dataclass(frozen=True, slots=True, kw_only=True)
class SaveQueueCommand:
    guild_id: GuildId
    name: str
    activate: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class SaveQueueResult:
    name: str
    saved: int
    left_out: int  # songs past the playlist's size limit


class SaveQueueAsPlaylist:
    """A new playlist of the current song and the upcoming ones, in order."""

    def __init__(
        self, uow_factory: PlaylistUnitOfWorkFactory, registry: PlayerRegistry, *, limits: PlaylistLimits | None = None
    ) -> None:
        self._uow_factory = uow_factory
        self._registry = registry
        self._limits = limits or PlaylistLimits()

    async def execute(self, command: SaveQueueCommand) -> SaveQueueResult:
        player = self._registry.find(command.guild_id)
        songs = [] if player is None else [s for s in (player.current, *player.tracklist.upcoming) if s is not None]
        if not songs:
            raise NothingPlaying
        # Taken now, before any await: the queue may change while the transaction waits its turn.
        tracks = [song.track.without_stream() for song in songs]
        kept = tracks[: self._limits.max_tracks]
        async with self._uow_factory() as uow:
            playlists = await uow.playlists.get_scoped(command.guild_id)
            if len(playlists) >= self._limits.max_playlists:
                raise TooManyPlaylists(self._limits.max_playlists)
            playlist = playlists.create(command.name, max_size=self._limits.max_tracks)
            for track in kept:
                playlist.add(track)
            if command.activate:
                playlists.activate(playlist.name.value)
            await uow.playlists.save(playlists)
            await uow.commit()
        return SaveQueueResult(name=playlist.name.value, saved=len(kept), left_out=len(tracks) - len(kept))
