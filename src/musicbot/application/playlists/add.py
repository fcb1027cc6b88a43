from dataclasses import dataclass

from musicbot.application.playlists.common import load_target
from musicbot.application.playlists.ports import PlaylistUnitOfWorkFactory
from musicbot.application.source_ports import TrackResolver
from musicbot.application.storage_errors import NoActivePlaylist
from musicbot.application.support.requests import clean_request
from musicbot.domain.errors import PlaylistFull, PlaylistNotFound
from musicbot.domain.ids import GuildId
from musicbot.domain.track import Track


@dataclass(frozen=True, slots=True, kw_only=True)
class AddToPlaylistCommand:
    guild_id: GuildId
    query: str  # a link or search words, resolved before anything is saved
    playlist: str | None = None  # None: the active playlist


@dataclass(frozen=True, slots=True, kw_only=True)
class AddToPlaylistResult:
    playlist: str
    track: Track  # as saved: without its stream
    position: int


class AddToPlaylist:
    """Resolve a song (so that only playable songs are saved), then append it to a playlist.

    The playlist is checked before resolving too, so a missing or full playlist is said at once rather than
    after a slow lookup; the lookup runs outside any transaction, so it holds up no other guild.
    """

    def __init__(
        self, uow_factory: PlaylistUnitOfWorkFactory, resolver: TrackResolver, *, max_query_length: int
    ) -> None:
        self._uow_factory = uow_factory
        self._resolver = resolver
        self._max_query_length = max_query_length

    async def execute(self, command: AddToPlaylistCommand) -> AddToPlaylistResult:
        query = clean_request(
            command.query, max_length=self._max_query_length, missing="tell me what to add: a link or some search words"
        )
        async with self._uow_factory() as uow:
            summary = await uow.playlists.summary(command.guild_id, command.playlist)
        if summary is None:
            raise NoActivePlaylist if command.playlist is None else PlaylistNotFound(command.playlist.strip())
        if summary.size >= summary.max_size:
            raise PlaylistFull(summary.max_size)
        track = (await self._resolver.resolve(query)).without_stream()
        async with self._uow_factory() as uow:
            playlists, playlist = await load_target(uow.playlists, command.guild_id, command.playlist)
            position = playlist.add(track)
            await uow.playlists.save(playlists)
            await uow.commit()
        return AddToPlaylistResult(playlist=playlist.name.value, track=track, position=position)
