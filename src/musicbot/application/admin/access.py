"""`OwnerPolicy`: who owns the bot. The Discord application's owner (or its team's members) once known, plus
`MUSICBOT_OWNER_IDS`; every admin use-case asks it first, so no driver can forget the rule."""

from __future__ import annotations

from collections.abc import Iterable

from musicbot.application.errors import ApplicationError
from musicbot.domain.ids import UserId


class NotOwner(ApplicationError):
    def __init__(self) -> None:
        super().__init__("only the bot's owner can use this")


class OwnerPolicy:
    def __init__(self, owners: Iterable[UserId] = (), *, everyone: bool = False) -> None:
        """`everyone`: a single-user driver (the console, whose user owns the process)."""
        self._owners = set(owners)
        self._everyone = everyone

    def add(self, owners: Iterable[UserId]) -> None:
        """The application's owner or team, learned at login."""
        self._owners.update(owners)

    @property
    def owners(self) -> frozenset[UserId]:
        return frozenset(self._owners)

    def require(self, user_id: UserId | None) -> None:
        if self._everyone:
            return
        if user_id is None or user_id not in self._owners:
            raise NotOwner
