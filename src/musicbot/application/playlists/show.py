from dataclasses import dataclass

from musicbot.application.playlists.ports import PlaylistUnitOfWorkFactory
from musicbot.application.storage_errors import NoActivePlaylist
from musicbot.domain.errors import PlaylistNotFound
from musicbot.domain.ids import GuildId
from musicbot.domain.track import Track

DEFAULT_PAGE_SIZE = 10


@dataclass(frozen=True, slots=True, kw_only=True)
class ShowPlaylistQuery:
    guild_id: GuildId
    name: str | None = None  # None: the active playlist
    page: int = 1
    page_size: int = DEFAULT_PAGE_SIZE


@dataclass(frozen=True, slots=True, kw_only=True)
class PlaylistEntry:
    position: int
    track: Track


@dataclass(frozen=True, slots=True, kw_only=True)
class PlaylistPage:
    name: str
    active: bool
    entries: tuple[PlaylistEntry, ...]
    page: int
    pages: int
    total: int
    total_duration: float  # of the tracks whose length is known
    max_size: int


class ShowPlaylist:
    """A page of a playlist, read as a view; a page past the end shows the last one."""

    def __init__(self, uow_factory: PlaylistUnitOfWorkFactory) -> None:
        self._uow_factory = uow_factory

    async def execute(self, query: ShowPlaylistQuery) -> PlaylistPage:
        size = max(query.page_size, 1)
        async with self._uow_factory() as uow:
            summary = await uow.playlists.summary(query.guild_id, query.name)
            if summary is None:
                raise NoActivePlaylist if query.name is None else PlaylistNotFound(query.name.strip())
            pages = max((summary.size + size - 1) // size, 1)
            page = min(max(query.page, 1), pages)
            first = (page - 1) * size
            tracks = await uow.playlists.tracks_page(query.guild_id, summary.name, offset=first, limit=size)
        return PlaylistPage(
            name=summary.name,
            active=summary.active,
            entries=tuple(PlaylistEntry(position=first + n + 1, track=track) for n, track in enumerate(tracks)),
            page=page,
            pages=pages,
            total=summary.size,
            total_duration=summary.total_duration,
            max_size=summary.max_size,
        )
