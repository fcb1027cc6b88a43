from dataclasses import dataclass

from musicbot.application.playlists.ports import PlaylistUnitOfWorkFactory
from musicbot.application.playlists.views import PlaylistSummary
from musicbot.domain.ids import GuildId

DEFAULT_PAGE_SIZE = 20


@dataclass(frozen=True, slots=True, kw_only=True)
class ListPlaylistsQuery:
    guild_id: GuildId
    page: int = 1
    page_size: int = DEFAULT_PAGE_SIZE


@dataclass(frozen=True, slots=True, kw_only=True)
class PlaylistList:
    playlists: tuple[PlaylistSummary, ...]  # by name, ignoring case
    page: int
    pages: int
    total: int
    active: str | None


class ListPlaylists:
    """The guild's playlists by name, a page at a time, read as views (no aggregate, no track loaded)."""

    def __init__(self, uow_factory: PlaylistUnitOfWorkFactory) -> None:
        self._uow_factory = uow_factory

    async def execute(self, query: ListPlaylistsQuery) -> PlaylistList:
        size = max(query.page_size, 1)
        async with self._uow_factory() as uow:
            found = await uow.playlists.summaries(query.guild_id, offset=(max(query.page, 1) - 1) * size, limit=size)
            pages = max((found.total + size - 1) // size, 1)
            page = min(max(query.page, 1), pages)
            if not found.summaries and found.total:  # past the end: the last page
                found = await uow.playlists.summaries(query.guild_id, offset=(page - 1) * size, limit=size)
        return PlaylistList(playlists=found.summaries, page=page, pages=pages, total=found.total, active=found.active)
