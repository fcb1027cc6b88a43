from dataclasses import dataclass

from musicbot.application.playlists.ports import PlaylistUnitOfWorkFactory
from musicbot.domain.errors import InvalidPlaylistName
from musicbot.domain.ids import GuildId
from musicbot.domain.playlist import PlaylistName

DISCORD_CHOICES = 25  # the most choices Discord shows


@dataclass(frozen=True, slots=True, kw_only=True)
class AutocompleteQuery:
    guild_id: GuildId
    prefix: str
    limit: int = DISCORD_CHOICES


class AutocompletePlaylists:
    """Names of the guild's playlists that start with what was typed, ignoring case; one indexed query."""

    def __init__(self, uow_factory: PlaylistUnitOfWorkFactory) -> None:
        self._uow_factory = uow_factory

    async def execute(self, query: AutocompleteQuery) -> list[str]:
        if query.limit < 1:
            return []
        if query.prefix.strip():
            try:
                key_prefix = PlaylistName(query.prefix.lstrip()).key
            except InvalidPlaylistName:
                return []  # no name can start with it
        else:
            key_prefix = ""
        async with self._uow_factory() as uow:
            return await uow.playlists.names_starting_with(query.guild_id, key_prefix, limit=query.limit)
