"""`SpotipyCatalog`: the `MusicCatalog` port over spotipy (client credentials), off the event loop."""

from __future__ import annotations

import asyncio
import functools
import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

import requests
import spotipy  # type: ignore[import-untyped, unused-ignore]
from spotipy.cache_handler import MemoryCacheHandler  # type: ignore[import-untyped, unused-ignore]
from spotipy.oauth2 import SpotifyClientCredentials  # type: ignore[import-untyped, unused-ignore]

from musicbot.adapters.spotify.errors import translate_error
from musicbot.adapters.spotify.links import SpotifyLink, parse_link
from musicbot.adapters.spotify.readers import read
from musicbot.application.errors import TrackUnavailable
from musicbot.application.ports import Listing

logger = logging.getLogger(__name__)

T = TypeVar("T")

DEFAULT_API_URL = "https://api.spotify.com/v1/"
DEFAULT_TOKEN_URL = "https://accounts.spotify.com/api/token"  # noqa: S105 (a URL, not a secret)


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
    """Reads Spotify track, album, playlist and artist links; a whole lookup is bounded by `timeout` seconds.

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

    def handles(self, query: str) -> bool:
        return parse_link(query) is not None

    async def lookup(self, url: str, *, limit: int) -> Listing:
        link = parse_link(url)
        if link is None:
            raise TrackUnavailable("this is not a Spotify track, album, playlist or artist link")
        return await self._run(functools.partial(self._lookup_blocking, link, limit))

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
            translated = translate_error(error, kind=link.kind)
            logger.info("Spotify lookup of %s failed: %r -> %s", link.url, error, translated.reason)
            raise translated from error
