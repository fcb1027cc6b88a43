"""Taste profiles: read from a member's Spotify (`RefreshTaste`), and kept fresh in the background.

`TasteRefresher` walks the linked members one at a time: one member's reads (about seven requests) at a time
keeps the bot far under Spotify's rolling 30-second limit, and a 429 pauses the whole walk for its Retry-After.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import timedelta

from musicbot.application.spotify_accounts.errors import SpotifyAccountError, SpotifyUnavailable
from musicbot.application.spotify_accounts.model import TasteProfile
from musicbot.application.spotify_accounts.ports import LinkedAccounts, SpotifyMemberApi, TasteProfiles
from musicbot.application.spotify_accounts.tokens import MemberTokens
from musicbot.application.support.clock import Clock
from musicbot.domain.ids import UserId
from musicbot.domain.track import Track

log = logging.getLogger(__name__)

MAX_ARTISTS = 50
MAX_TRACKS = 200


class RefreshTaste:
    def __init__(self, tokens: MemberTokens, api: SpotifyMemberApi, profiles: TasteProfiles, clock: Clock) -> None:
        self._tokens = tokens
        self._api = api
        self._profiles = profiles
        self._clock = clock

    async def execute(self, user_id: UserId) -> TasteProfile:
        token = await self._tokens.access_token(user_id)
        artists, tracks = await self._api.taste(token)
        first: dict[str, Track] = {}
        for track in tracks:  # a song in the top list and in saved songs counts once, where it ranks best
            first.setdefault(track.page_url, track)
        unique = list(first.values())
        profile = TasteProfile(
            user_id=user_id,
            artists=tuple(dict.fromkeys(artists))[:MAX_ARTISTS],
            tracks=tuple(unique[:MAX_TRACKS]),
            refreshed_at=self._clock.now(),
        )
        await self._profiles.save(profile)
        return profile


class TasteRefresher:
    """Every `every`, refreshes each linked member's profile older than `every`; `pause` between members."""

    def __init__(
        self,
        refresh: RefreshTaste,
        accounts: LinkedAccounts,
        profiles: TasteProfiles,
        clock: Clock,
        *,
        every: timedelta = timedelta(hours=12),
        pause: float = 2.0,
    ) -> None:
        self._refresh = refresh
        self._accounts = accounts
        self._profiles = profiles
        self._clock = clock
        self._every = every
        self._pause = pause
        self._task: asyncio.Task[None] | None = None
        self.refreshed = 0

    async def run_once(self) -> int:
        """Refreshes the stale profiles now; how many were refreshed."""
        count = 0
        for user_id in await self._accounts.all_users():
            refreshed_at = await self._profiles.refreshed_at(user_id)
            if refreshed_at is not None and self._clock.now() - refreshed_at < self._every:
                continue
            try:
                await self._refresh.execute(user_id)
            except SpotifyUnavailable as error:
                wait = error.retry_after if error.retry_after is not None else self._pause
                log.info("taste refresh paused for %.0f s: %s", wait, error.reason)
                await asyncio.sleep(wait)
                continue
            except SpotifyAccountError as error:  # unlinked meanwhile, link expired, not allow-listed
                log.info("taste of a member not refreshed: %s", type(error).__name__)
                continue
            count += 1
            self.refreshed += 1
            await asyncio.sleep(self._pause)
        return count

    def start(self) -> None:
        if self._task is None:
            self._task = asyncio.create_task(self._loop(), name="spotify-taste-refresh")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
            self._task = None

    async def _loop(self) -> None:
        while True:
            try:
                await self.run_once()
            except Exception:  # storage down: try again next round
                log.exception("refreshing taste profiles failed")
            await asyncio.sleep(min(self._every.total_seconds(), 3600.0))
