"""The ports linking needs: Spotify's accounts service, its Web API on a member's behalf, and storage."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from musicbot.application.spotify_accounts.model import (
    CatalogTrack,
    LinkedAccount,
    SpotifyIdentity,
    SpotifyTokens,
    TasteProfile,
)
from musicbot.domain.ids import UserId
from musicbot.domain.track import Track


class SpotifyAuthorization(Protocol):
    """Spotify's accounts service (Authorization Code with PKCE)."""

    def authorize_url(self, *, state: str, code_challenge: str, scopes: tuple[str, ...]) -> str: ...

    async def exchange(self, *, code: str, code_verifier: str) -> SpotifyTokens:
        """Tokens for an authorization code. Raises `InvalidLinkState` when Spotify refuses the code."""
        ...

    async def refresh(self, tokens: SpotifyTokens) -> SpotifyTokens:
        """New tokens (the same refresh token when Spotify sends none). Raises `LinkExpired` on `invalid_grant`."""
        ...


class SpotifyMemberApi(Protocol):
    """The Web API with a member's access token. Raises `NotAllowListed` on 403 for a user not on the app's list,
    `SpotifyUnavailable` when Spotify cannot answer now (429 after its Retry-After, 5xx, unreachable)."""

    async def me(self, access_token: str) -> SpotifyIdentity: ...

    async def taste(self, access_token: str) -> tuple[list[str], list[Track]]:
        """Top artists and songs (three time ranges), recent plays and saved songs: (artist names, tracks)."""
        ...

    async def find_track(self, access_token: str, track: Track, *, isrc: str | None = None) -> CatalogTrack | None: ...

    async def create_playlist(self, access_token: str, *, name: str, description: str) -> tuple[str, str]:
        """(playlist id, its web address)."""
        ...

    async def add_items(self, access_token: str, playlist_id: str, uris: list[str]) -> None: ...


class LinkedAccounts(Protocol):
    """Linked accounts by member; the implementation keeps the tokens encrypted at rest."""

    async def get(self, user_id: UserId) -> LinkedAccount | None: ...

    async def save(self, account: LinkedAccount) -> None: ...

    async def renew(self, account: LinkedAccount) -> bool:
        """Store refreshed tokens only if the member is still linked (not unlinked meanwhile); whether they were."""
        ...

    async def linked_among(self, users: frozenset[UserId]) -> frozenset[UserId]: ...

    async def all_users(self) -> list[UserId]: ...


class TasteProfiles(Protocol):
    async def get(self, user_id: UserId) -> TasteProfile | None: ...

    async def save(self, profile: TasteProfile) -> None: ...

    async def refreshed_at(self, user_id: UserId) -> datetime | None: ...


class MemberData(Protocol):
    """Everything stored about one member, by kind, deleted in one transaction."""

    async def delete_spotify(self, user_id: UserId) -> dict[str, int]:
        """The linked account and its taste profile; rows deleted by kind."""
        ...

    async def delete_all(self, user_id: UserId) -> dict[str, int]:
        """The above and the member's listening history in every server; rows deleted by kind."""
        ...
