"""Linking a member's Spotify account: `StartLink` gives the sign-in address, `FinishLink` takes what Spotify
sent back (through the web callback, or pasted by the member) and stores the tokens.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

from musicbot.application.spotify_accounts.errors import InvalidLinkState, SpotifyAccountError
from musicbot.application.spotify_accounts.model import SCOPES, LinkedAccount
from musicbot.application.spotify_accounts.pending import STATE_TTL, PendingLinks, code_challenge
from musicbot.application.spotify_accounts.ports import LinkedAccounts, SpotifyAuthorization, SpotifyMemberApi
from musicbot.application.support.clock import Clock
from musicbot.domain.ids import GuildId, UserId

MAX_PASTE = 4000


@dataclass(frozen=True, slots=True, kw_only=True)
class SignIn:
    url: str
    minutes: int


@dataclass(frozen=True, slots=True, kw_only=True)
class Callback:
    """What Spotify appended to the redirect address: a code or an error, and the state."""

    state: str
    code: str | None = None
    error: str | None = None

    @classmethod
    def from_query(cls, query: dict[str, str]) -> Callback:
        state = query.get("state", "")
        if not state:
            raise InvalidLinkState
        return cls(state=state, code=query.get("code") or None, error=query.get("error") or None)

    @classmethod
    def from_pasted(cls, text: str) -> Callback:
        """The address the member's browser ended on, as they pasted it (spaces and quotes around it forgiven)."""
        text = text.strip().strip("<>\"'")
        if not text or len(text) > MAX_PASTE:
            raise SpotifyAccountError("paste the whole address your browser showed after you agreed on Spotify")
        query = urlsplit(text).query if "?" in text else text
        values = {key: value[-1] for key, value in parse_qs(query).items()}
        if "code" not in values and "error" not in values:
            raise SpotifyAccountError(
                "that address has no sign-in code: paste the whole address your browser showed after you agreed"
            )
        return cls.from_query(values)


class StartLink:
    def __init__(self, pending: PendingLinks, authorization: SpotifyAuthorization) -> None:
        self._pending = pending
        self._authorization = authorization

    def execute(self, user_id: UserId, guild_id: GuildId | None) -> SignIn:
        link = self._pending.start(user_id, guild_id)
        url = self._authorization.authorize_url(
            state=link.state, code_challenge=code_challenge(link.verifier), scopes=SCOPES
        )
        return SignIn(url=url, minutes=int(STATE_TTL.total_seconds() // 60))


class FinishLink:
    def __init__(
        self,
        pending: PendingLinks,
        authorization: SpotifyAuthorization,
        api: SpotifyMemberApi,
        accounts: LinkedAccounts,
        clock: Clock,
    ) -> None:
        self._pending = pending
        self._authorization = authorization
        self._api = api
        self._accounts = accounts
        self._clock = clock

    async def execute(self, callback: Callback, *, user_id: UserId | None = None) -> LinkedAccount:
        """`user_id`: the member who pasted the address (None from the web callback, where `state` says who)."""
        link = self._pending.take(callback.state, user_id=user_id)  # single use, even when the rest fails
        if callback.error is not None:
            if callback.error == "access_denied":
                raise SpotifyAccountError("you did not allow the bot on Spotify, so nothing was linked")
            raise SpotifyAccountError(f"Spotify did not link the account ({callback.error[:80]})")
        if callback.code is None:
            raise InvalidLinkState
        tokens = await self._authorization.exchange(code=callback.code, code_verifier=link.verifier)
        identity = await self._api.me(tokens.access_token)  # 403 here: not on the app's user list
        account = LinkedAccount(
            user_id=link.user_id,
            account_id=identity.account_id,
            display_name=identity.display_name,
            tokens=tokens,
            linked_at=self._clock.now(),
        )
        await self._accounts.save(account)
        return account
