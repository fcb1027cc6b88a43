"""`MemberTokens`: a member's access token, refreshed shortly before it expires and stored again."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from musicbot.application.spotify_accounts.errors import LinkExpired, NotLinked
from musicbot.application.spotify_accounts.model import LinkedAccount
from musicbot.application.spotify_accounts.ports import LinkedAccounts, MemberData, SpotifyAuthorization
from musicbot.application.support.clock import Clock
from musicbot.domain.ids import UserId

REFRESH_MARGIN = timedelta(minutes=2)  # a token this close to its end is renewed first


class MemberTokens:
    def __init__(
        self, accounts: LinkedAccounts, authorization: SpotifyAuthorization, data: MemberData, clock: Clock
    ) -> None:
        self._accounts = accounts
        self._authorization = authorization
        self._data = data
        self._clock = clock
        self._locks: dict[UserId, asyncio.Lock] = {}

    async def account(self, user_id: UserId) -> LinkedAccount:
        """The member's account with a usable access token. Raises `NotLinked`, or `LinkExpired` after deleting
        a link Spotify no longer honours (its refresh token is worth nothing)."""
        lock = self._locks.setdefault(user_id, asyncio.Lock())
        async with lock:  # two commands at once refresh once
            account = await self._accounts.get(user_id)
            if account is None:
                raise NotLinked
            if not account.tokens.expires_within(self._clock.now(), REFRESH_MARGIN):
                return account
            try:
                tokens = await self._authorization.refresh(account.tokens)
            except LinkExpired:
                await self._data.delete_spotify(user_id)
                raise
            renewed = LinkedAccount(
                user_id=account.user_id,
                account_id=account.account_id,
                display_name=account.display_name,
                tokens=tokens,
                linked_at=account.linked_at,
            )
            if not await self._accounts.renew(renewed):  # unlinked while Spotify answered: nothing comes back
                raise NotLinked
            return renewed

    async def access_token(self, user_id: UserId) -> str:
        return (await self.account(user_id)).tokens.access_token
