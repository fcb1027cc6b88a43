"""`PendingLinks`: the sign-ins started and not finished yet, each behind a single-use `state` (RFC 6749 10.12).

A `state` is 256 random bits, valid for `ttl` (10 minutes), for the member and server that asked; taking it
removes it, so a replayed or forged callback finds nothing. The PKCE verifier (RFC 7636, S256) stays here, on
the bot, and only its hash travels in the link. Kept in memory: a restart only means connecting again.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from musicbot.application.spotify_accounts.errors import InvalidLinkState
from musicbot.application.support.clock import Clock
from musicbot.domain.ids import GuildId, UserId

STATE_TTL = timedelta(minutes=10)
MAX_PENDING = 10_000  # a flood of /spotify connect cannot grow memory without end


def code_verifier() -> str:
    """43-128 characters from the unreserved set: 64 random bytes, base64url without padding (86 characters)."""
    return secrets.token_urlsafe(64)


def code_challenge(verifier: str) -> str:
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


@dataclass(frozen=True, slots=True, kw_only=True)
class PendingLink:
    state: str
    user_id: UserId
    guild_id: GuildId | None
    verifier: str = field(repr=False)
    expires_at: datetime


class PendingLinks:
    def __init__(self, clock: Clock, *, ttl: timedelta = STATE_TTL) -> None:
        self._clock = clock
        self._ttl = ttl
        self._pending: dict[str, PendingLink] = {}

    def start(self, user_id: UserId, guild_id: GuildId | None) -> PendingLink:
        """A new sign-in; an earlier unfinished one of the same member stops working."""
        self._drop_expired()
        self.forget(user_id)
        while len(self._pending) >= MAX_PENDING:
            self._pending.pop(next(iter(self._pending)))
        link = PendingLink(
            state=secrets.token_urlsafe(32),
            user_id=user_id,
            guild_id=guild_id,
            verifier=code_verifier(),
            expires_at=self._clock.now() + self._ttl,
        )
        self._pending[link.state] = link
        return link

    def take(self, state: str, *, user_id: UserId | None = None) -> PendingLink:
        """The sign-in `state` stands for, removed. `user_id`: who pastes it (the copy-paste flow), who must be
        the member who asked. Raises `InvalidLinkState` for an unknown, used, expired or someone else's state."""
        link = self._pending.get(state)
        if link is None or not secrets.compare_digest(link.state, state):
            raise InvalidLinkState
        if user_id is not None and link.user_id != user_id:
            raise InvalidLinkState  # someone else's link stays usable by its owner
        del self._pending[state]
        if link.expires_at <= self._clock.now():
            raise InvalidLinkState
        return link

    def forget(self, user_id: UserId) -> int:
        mine = [state for state, link in self._pending.items() if link.user_id == user_id]
        for state in mine:
            del self._pending[state]
        return len(mine)

    def __len__(self) -> int:
        return len(self._pending)

    def _drop_expired(self) -> None:
        now = self._clock.now()
        for state in [s for s, link in self._pending.items() if link.expires_at <= now]:
            del self._pending[state]
