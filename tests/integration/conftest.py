"""Fixtures the integration tests share."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable

import pytest

from musicbot.adapters.discord_voice import VoiceEngine
from musicbot.adapters.spotify import SpotipyCatalog
from musicbot.domain.ids import GuildId
from tests.integration.test_discord_voice_fakes import FakeVoiceConnection
from tests.support.processes import child_pids
from tests.support.spotify_fake import SpotifyFake

CatalogFactory = Callable[..., SpotipyCatalog]
VOICE_GUILD = GuildId(1)  # the guild `connection` is attached to


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
async def engine() -> AsyncIterator[VoiceEngine]:
    """A voice engine with its default options (a module may override it); no FFmpeg may outlive it."""
    voice = VoiceEngine()
    yield voice
    await voice.aclose()
    assert not child_pids()


@pytest.fixture
async def connection(engine: VoiceEngine) -> FakeVoiceConnection:
    """A fake voice connection of `VOICE_GUILD`, attached to the test's `engine`."""
    fake = FakeVoiceConnection()
    engine.attach(VOICE_GUILD, fake)
    return fake
