"""`SpotipyCatalog`: the `MusicCatalog` and `CatalogSearch` ports over spotipy (client credentials), off the loop."""

from __future__ import annotations

import asyncio
import functools
import logging
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

import requests
import spotipy  # type: ignore[import-untyped, unused-ignore]
from spotipy.cache_handler import MemoryCacheHandler  # type: ignore[import-untyped, unused-ignore]
from spotipy.exceptions import SpotifyException  # type: ignore[import-untyped, unused-ignore]
from spotipy.oauth2 import SpotifyClientCredentials  # type: ignore[import-untyped, unused-ignore]

from musicbot.adapters.spotify.errors import SEARCH, retry_after_of, translate_error
from musicbot.adapters.spotify.links import SpotifyLink, parse_link
from musicbot.adapters.spotify.readers import read
from musicbot.adapters.spotify.search import search_tracks
from musicbot.application.errors import TrackUnavailable
from musicbot.application.recommendation.ports import CatalogQuery
from musicbot.application.source_ports import Listing
from musicbot.domain.track import Track

logger = logging.getLogger(__name__)

T = TypeVar("T")

DEFAULT_API_URL = "https://api.spotify.com/v1/"
DEFAULT_TOKEN_URL = "https://accounts.spotify.com/api/token"  # noqa: S105 (a URL, not a secret)
DEFAULT_RATE_LIMIT_PAUSE = 60.0  # seconds searches wait after a 429 that did not say how long


def build_client(
    *,
    client_id: str,
    client_secret: str,
    api_url: str,
    token_url: str,
    request_timeout: float,
    session: requests.Session,
) -> Any:
    """A spotipy client that keeps its token in memory and leaves retrying to us.

    spotipy's defaults would write the token to a `.cache` file in the working directory, and its urllib3
    retries would sleep through `Retry-After` (minutes, on a worker thread) and report a 500 as a 429.
    """
    credentials = SpotifyClientCredentials(
        client_id=client_id,
        client_secret=client_secret,
        requests_timeout=request_timeout,
        cache_handler=MemoryCacheHandler(),
    )
    credentials.OAUTH_TOKEN_URL = token_url  # a class attribute, read through `self`: the instance's wins
    client = spotipy.Spotify(
        auth_manager=credentials,
        requests_session=session,  # a plain session: no urllib3 retry adapter
        requests_timeout=request_timeout,
        retries=0,
    )
    client.prefix = api_url if api_url.endswith("/") else api_url + "/"  # not a constructor argument
    return client


class SpotipyCatalog:
    """Reads Spotify track, album, playlist and artist links, and searches tracks for recommendations (the
    `CatalogSearch` port); a whole lookup or search is bounded by `timeout` seconds.

    After a 429, searches are refused without asking Spotify until its `Retry-After` has passed: they run in the
    background of recommendations, and asking on would only extend the ban. Links are still tried.

    Each HTTP request is bounded by `request_timeout`. Blocking spotipy calls run on a private pool of
    `max_workers` threads. Call `close()` at shutdown.
    """

    def __init__(
        self,
        *,
        client_id: str,
        client_secret: str,
        api_url: str = DEFAULT_API_URL,
        token_url: str = DEFAULT_TOKEN_URL,
        timeout: float = 20.0,
        request_timeout: float = 5.0,
        max_workers: int = 2,
    ) -> None:
        if not (client_id.strip() and client_secret.strip()):
            raise ValueError("SpotipyCatalog needs a client id and secret (use MissingCredentialsCatalog)")
        self._timeout = timeout
        self._session = requests.Session()
        self._client = build_client(
            client_id=client_id.strip(),
            client_secret=client_secret.strip(),
            api_url=api_url,
            token_url=token_url,
            request_timeout=request_timeout,
            session=self._session,
        )
        self._executor = ThreadPoolExecutor(max_workers=max_workers, thread_name_prefix="spotify")
        self._search_paused_until = 0.0  # time.monotonic(); written by worker threads, read on the loop

    def handles(self, query: str) -> bool:
        return parse_link(query) is not None

    async def lookup(self, url: str, *, limit: int) -> Listing:
        link = parse_link(url)
        if link is None:
            raise TrackUnavailable("this is not a Spotify track, album, playlist or artist link")
        return await self._run(functools.partial(self._lookup_blocking, link, limit))

    async def find_tracks(self, query: CatalogQuery, *, limit: int) -> list[Track]:
        wait = self._search_paused_until - time.monotonic()
        if wait > 0:
            raise TrackUnavailable(f"Spotify is rate-limiting the bot; try again in {wait:.0f} s", transient=True)
        return await self._run(functools.partial(self._search_blocking, query, limit))

    async def check(self) -> str:
        """For /admin health: an access token can be had (cached by spotipy until it expires), and whether
        searches are paused by a 429. Raises `TrackUnavailable` when Spotify refuses or does not answer."""

        def token() -> None:
            try:
                self._client.auth_manager.get_access_token(as_dict=False)
            except Exception as error:  # spotipy's and requests' errors alike: Spotify cannot be used now
                raise TrackUnavailable(f"no access token: {type(error).__name__}: {error}") from error

        await self._run(token)
        wait = self._search_paused_until - time.monotonic()
        return f"searches paused {wait:.0f} s more (rate limited)" if wait > 0 else "access token obtained"

    def close(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)
        self._session.close()

    async def _run(self, work: Callable[[], T]) -> T:
        loop = asyncio.get_running_loop()
        try:
            return await asyncio.wait_for(loop.run_in_executor(self._executor, work), self._timeout)
        except TimeoutError:
            # The worker runs on until its current request's own timeout (`request_timeout`) frees it.
            raise TrackUnavailable(f"Spotify did not answer within {self._timeout:g} s", transient=True) from None
        except RuntimeError as error:  # the pool was shut down: the bot is stopping
            raise TrackUnavailable("the Spotify reader is shutting down", transient=True) from error

    def _lookup_blocking(self, link: SpotifyLink, limit: int) -> Listing:
        """Runs on a worker thread. Raises only `TrackUnavailable` (or its `NoResults`)."""
        try:
            return read(self._client, link, limit)
        except TrackUnavailable:
            raise
        except Exception as error:  # spotipy lets requests' and JSON errors through as well as its own
            self._note_rate_limit(error)
            translated = translate_error(error, kind=link.kind)
            logger.info("Spotify lookup of %s failed: %r -> %s", link.url, error, translated.reason)
            raise translated from error

    def _search_blocking(self, query: CatalogQuery, limit: int) -> list[Track]:
        """Runs on a worker thread. Raises only `TrackUnavailable`."""
        try:
            return search_tracks(self._client, query, limit)
        except Exception as error:  # as for lookups
            self._note_rate_limit(error)
            translated = translate_error(error, kind=SEARCH)
            logger.info("Spotify search for %s failed: %r -> %s", query, error, translated.reason)
            raise translated from error

    def _note_rate_limit(self, error: Exception) -> None:
        if isinstance(error, SpotifyException) and error.http_status == 429:
            pause = retry_after_of(error)
            until = time.monotonic() + (DEFAULT_RATE_LIMIT_PAUSE if pause is None else pause)
            self._search_paused_until = max(self._search_paused_until, until)
