"""Members' Spotify accounts built from settings: what `/spotify`, `/forgetme`, `/recommend for:` and the web
callback use. Without a client id or a secret key the feature is off and every command says which setting is
missing; `/forgetme` works either way.
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
from dataclasses import dataclass, field
from datetime import timedelta
from urllib.parse import urlsplit

from musicbot.adapters.crypto import FernetTokenCipher, InvalidSecretKey
from musicbot.adapters.spotify.accounts import HttpxSpotifyAuthorization
from musicbot.adapters.spotify.member_api import HttpxSpotifyMemberApi
from musicbot.adapters.sql.spotify_accounts import (
    SqlAlchemyLinkedAccounts,
    SqlAlchemyMemberData,
    SqlAlchemyTasteProfiles,
)
from musicbot.application.recommendation.combiner import CombinedCandidates
from musicbot.application.recommendation.heard import PlayerQueueHeard
from musicbot.application.recommendation.picker import SongPicker
from musicbot.application.spotify_accounts.connect import FinishLink, StartLink
from musicbot.application.spotify_accounts.errors import AccountsDisabled
from musicbot.application.spotify_accounts.last_cards import LastCards
from musicbot.application.spotify_accounts.manage import Disconnect, ForgetMember, ShowLinkStatus
from musicbot.application.spotify_accounts.pending import PendingLinks
from musicbot.application.spotify_accounts.personal import RecommendFor
from musicbot.application.spotify_accounts.save import SaveToSpotify
from musicbot.application.spotify_accounts.taste import RefreshTaste, TasteRefresher
from musicbot.application.spotify_accounts.taste_candidates import TasteCandidates
from musicbot.application.spotify_accounts.tokens import MemberTokens
from musicbot.domain.errors import MusicBotError
from musicbot.domain.ids import UserId
from musicbot.entrypoints.container import Container
from musicbot.entrypoints.settings import Settings

CALLBACK_PATH = "/spotify/callback"
log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True, kw_only=True)
class LinkingServices:
    start: StartLink
    finish: FinishLink
    status: ShowLinkStatus
    disconnect: Disconnect
    recommend_for: RecommendFor
    save: SaveToSpotify
    refresh: RefreshTaste
    refresher: TasteRefresher
    redirect_uri: str
    web_callback: bool  # a public https:// redirect: the bot's own page finishes the link
    accounts: SqlAlchemyLinkedAccounts
    closers: tuple[object, ...] = ()


@dataclass(slots=True, kw_only=True)
class SpotifyAccountServices:
    forget: ForgetMember
    last_cards: LastCards
    linking: LinkingServices | None = None
    off_reason: str = ""  # why `linking` is None
    _started: bool = field(default=False, repr=False)
    _tasks: set[asyncio.Task[None]] = field(default_factory=set, repr=False)

    def require(self) -> LinkingServices:
        if self.linking is None:
            raise AccountsDisabled(self.off_reason)
        return self.linking

    def start(self) -> None:
        if self.linking is not None and not self._started:
            self._started = True
            self.linking.refresher.start()

    def refresh_soon(self, user_id: UserId) -> None:
        """A newly linked member's taste, read in the background so /recommend for:me has it ready."""
        linking = self.linking
        if linking is None:
            return

        async def refresh() -> None:
            try:
                await linking.refresh.execute(user_id)
            except MusicBotError as error:
                log.info("first taste refresh failed: %s", error)

        task = asyncio.create_task(refresh(), name="spotify-first-taste")
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def aclose(self) -> None:
        for task in list(self._tasks):  # before the HTTP clients they use close
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        if self.linking is not None:
            await self.linking.refresher.stop()
            for closer in self.linking.closers:
                await closer.aclose()  # type: ignore[attr-defined]


def default_redirect_uri(settings: Settings) -> str:
    return f"http://127.0.0.1:{settings.http_port or 8080}{CALLBACK_PATH}"


def redirect_problem(uri: str) -> str | None:
    """Spotify's rules for redirect URIs (2025-11): https, or http on a loopback IP literal; never `localhost`."""
    parts = urlsplit(uri)
    if parts.scheme == "https" and parts.hostname:
        return None
    if parts.scheme == "http" and parts.hostname:
        try:
            if ipaddress.ip_address(parts.hostname).is_loopback:
                return None
        except ValueError:
            pass
        if parts.hostname == "localhost":
            return "Spotify refuses `localhost` in redirect URIs: write http://127.0.0.1:PORT/... instead"
    return "MUSICBOT_SPOTIFY_REDIRECT_URI must be https://... or http://127.0.0.1:PORT/..."


def build_spotify_accounts(container: Container) -> SpotifyAccountServices:
    settings: Settings = container.settings()
    database = container.core.database()
    data = SqlAlchemyMemberData(database)
    pending = PendingLinks(container.core.clock())
    last_cards = LastCards()
    limiter = container.recommending.recommend_limiter()
    forget = ForgetMember(data, pending, forget_limits=(limiter.forget, last_cards.forget))
    services = SpotifyAccountServices(forget=forget, last_cards=last_cards)
    redirect = settings.spotify_redirect_uri or default_redirect_uri(settings)
    off = _off_reason(settings, redirect)
    if off is not None:
        services.off_reason = off
        return services
    assert settings.secret_key is not None
    assert settings.spotify_client_id is not None
    try:
        cipher = FernetTokenCipher(settings.secret_key.get_secret_value())
    except InvalidSecretKey as error:
        services.off_reason = f"Spotify accounts are off: {error}"
        return services
    clock = container.core.clock()
    accounts = SqlAlchemyLinkedAccounts(database, cipher)
    profiles = SqlAlchemyTasteProfiles(database)
    authorization = HttpxSpotifyAuthorization(
        client_id=settings.spotify_client_id, redirect_uri=redirect, clock=clock,
        accounts_url=settings.spotify_accounts_url, timeout=settings.spotify_timeout,
    )  # fmt: skip
    api = HttpxSpotifyMemberApi(api_url=settings.spotify_api_url, timeout=settings.spotify_timeout)
    tokens = MemberTokens(accounts, authorization, data, clock)
    refresh = RefreshTaste(tokens, api, profiles, clock)
    every = timedelta(hours=settings.spotify_taste_refresh_hours)
    picker = SongPicker(
        source=CombinedCandidates(
            [TasteCandidates(profiles), container.recommending.recommendation_candidates()],
            timeout=settings.recommend_source_timeout,
        ),
        history=container.persistence.listening_history(),
        heard=PlayerQueueHeard(container.players.registry()),
        settings=container.recommending.recommendation_settings(),
    )
    services.linking = LinkingServices(
        start=StartLink(pending, authorization),
        finish=FinishLink(pending, authorization, api, accounts, clock),
        status=ShowLinkStatus(accounts, profiles),
        disconnect=Disconnect(data, pending),
        recommend_for=RecommendFor(
            extractor=container.recommending.intent_reader().extractor,
            picker=picker,
            limiter=limiter,
            accounts=accounts,
            profiles=profiles,
            refresh=refresh,
            max_prompt_length=settings.recommend_max_prompt_length,
        ),
        save=SaveToSpotify(tokens, api),
        refresh=refresh,
        refresher=TasteRefresher(refresh, accounts, profiles, clock, every=every),
        redirect_uri=redirect,
        web_callback=urlsplit(redirect).scheme == "https",
        accounts=accounts,
        closers=(authorization, api),
    )
    return services


def _off_reason(settings: Settings, redirect: str) -> str | None:
    if not settings.spotify_client_id:
        return "Spotify accounts are off: the bot's owner has not set MUSICBOT_SPOTIFY_CLIENT_ID"
    if settings.secret_key is None:
        return (
            "Spotify accounts are off: the bot's owner has not set MUSICBOT_SECRET_KEY (the key that keeps "
            "members' Spotify tokens encrypted)"
        )
    problem = redirect_problem(redirect)
    return f"Spotify accounts are off: {problem}" if problem else None
