from dataclasses import dataclass

from musicbot.application.history.model import PlayRecord
from musicbot.application.ports import UnitOfWorkFactory
from musicbot.domain.ids import GuildId, UserId

DEFAULT_LIMIT = 20
MAX_LIMIT = 100


@dataclass(frozen=True, slots=True, kw_only=True)
class RecentPlaysQuery:
    guild_id: GuildId
    user_id: UserId | None = None  # only what this user asked for
    limit: int = DEFAULT_LIMIT


class RecentPlays:
    """What was played lately in a guild (by one user when given), newest first."""

    def __init__(self, uow_factory: UnitOfWorkFactory) -> None:
        self._uow_factory = uow_factory

    async def execute(self, query: RecentPlaysQuery) -> list[PlayRecord]:
        limit = min(max(query.limit, 1), MAX_LIMIT)
        async with self._uow_factory() as uow:
            if query.user_id is None:
                return await uow.history.recent(query.guild_id, limit=limit)
            return await uow.history.by_user(query.user_id, limit=limit, guild_id=query.guild_id)
