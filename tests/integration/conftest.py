"""Fixtures the integration tests share."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path

import pytest

from musicbot.adapters.spotify import SpotipyCatalog
from tests.support.redis_server import RedisServer, redis_binary
from tests.support.spotify_fake import SpotifyFake

CatalogFactory = Callable[..., SpotipyCatalog]


@pytest.fixture
async def make_catalog(fake: SpotifyFake) -> AsyncIterator[CatalogFactory]:
    """SpotipyCatalogs pointed at the module's `fake` Spotify (options override), closed after the test."""
    made: list[SpotipyCatalog] = []

    def make(**options: object) -> SpotipyCatalog:
        settings: dict[str, object] = {
            "client_id": fake.client_id,
            "client_secret": fake.client_secret,
            "api_url": fake.api_url,
            "token_url": fake.token_url,
            "timeout": 5.0,
            "request_timeout": 2.0,
        }
        catalog = SpotipyCatalog(**{**settings, **options})  # type: ignore[arg-type]
        made.append(catalog)
        return catalog

    yield make
    for catalog in made:
        catalog.close()


@pytest.fixture
def catalog(make_catalog: CatalogFactory) -> SpotipyCatalog:
    return make_catalog()


@pytest.fixture
def redis_server(tmp_path: Path) -> Iterator[RedisServer]:
    """A redis-server of the test's own on a free port (skipped only where the binary is missing; CI installs it)."""
    if redis_binary() is None:
        pytest.skip("redis-server is not installed (apt-get install redis-server)")
    server = RedisServer(tmp_path)
    server.start()
    try:
        yield server
    finally:
        server.stop()
