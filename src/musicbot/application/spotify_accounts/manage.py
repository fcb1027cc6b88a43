"""`/spotify status`, `/spotify disconnect` and `/forgetme`: what is linked, and deleting it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from musicbot.application.spotify_accounts.pending import PendingLinks
from musicbot.application.spotify_accounts.ports import LinkedAccounts, MemberData, TasteProfiles
from musicbot.domain.ids import UserId

# What /forgetme leaves, said to the member: it is the server's, not theirs alone.
KEPT = (
    "songs you added to the server's saved playlists (they belong to the server's playlists)",
    "songs you queued that are still in a queue (until they play or the queue is cleared)",
)


@dataclass(frozen=True, slots=True, kw_only=True)
class LinkStatus:
    linked: bool
    account_id: str | None = None
    display_name: str | None = None
    linked_at: datetime | None = None
    scopes: frozenset[str] = frozenset()
    profile_refreshed_at: datetime | None = None
    profile_artists: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Forgotten:
    deleted: dict[str, int]  # rows by kind
    kept: tuple[str, ...] = KEPT


class ShowLinkStatus:
    def __init__(self, accounts: LinkedAccounts, profiles: TasteProfiles) -> None:
        self._accounts = accounts
        self._profiles = profiles

    async def execute(self, user_id: UserId) -> LinkStatus:
        account = await self._accounts.get(user_id)
        if account is None:
            return LinkStatus(linked=False)
        profile = await self._profiles.get(user_id)
        return LinkStatus(
            linked=True,
            account_id=account.account_id,
            display_name=account.display_name,
            linked_at=account.linked_at,
            scopes=account.tokens.scopes,
            profile_refreshed_at=profile.refreshed_at if profile else None,
            profile_artists=profile.artists[:5] if profile else (),
        )


class Disconnect:
    """Deletes the tokens and everything derived from them (the taste profile); the history of plays stays."""

    def __init__(self, data: MemberData, pending: PendingLinks) -> None:
        self._data = data
        self._pending = pending

    async def execute(self, user_id: UserId) -> dict[str, int]:
        self._pending.forget(user_id)
        return await self._data.delete_spotify(user_id)


class ForgetMember:
    """Everything about a member: the Spotify link and profile, their plays in every server, their sign-ins in
    progress, and what rate limits remember of them (`forget_limits`, one per limiter)."""

    def __init__(
        self, data: MemberData, pending: PendingLinks, forget_limits: tuple[Callable[[UserId], bool], ...] = ()
    ) -> None:
        self._data = data
        self._pending = pending
        self._forget_limits = forget_limits

    async def execute(self, user_id: UserId) -> Forgotten:
        deleted = dict(await self._data.delete_all(user_id))
        deleted["sign-ins in progress"] = self._pending.forget(user_id)
        deleted["records in memory (rate limits, last recommendations)"] = sum(
            1 for forget in self._forget_limits if forget(user_id)
        )
        return Forgotten(deleted=deleted)
