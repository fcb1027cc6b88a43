"""Fixtures the integration tests share."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable

import pytest

from musicbot.adapters.spotify import SpotipyCatalog
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
