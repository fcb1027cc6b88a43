"""The web callback: Spotify sends the member's browser to the bot's own `/spotify/callback` (an aiohttp app on
port 0, as the operations server mounts it), with the services built from settings as `musicbot run` builds them.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest
from aiohttp import web
from cryptography.fernet import Fernet

from musicbot.adapters.sql.migrate import upgrade_async
from musicbot.application.spotify_accounts.errors import AccountsDisabled, InvalidLinkState
from musicbot.domain.ids import GuildId, UserId
from musicbot.entrypoints.composition.core import database_url
from musicbot.entrypoints.console.commands import ConsoleIdentity
from musicbot.entrypoints.console.spotify_commands import SpotifyCommands
from musicbot.entrypoints.container import Container
from musicbot.entrypoints.settings import Settings
from musicbot.entrypoints.spotify_accounts import SpotifyAccountServices, build_spotify_accounts
from musicbot.entrypoints.web.spotify_callback import mount_spotify_callback
from tests.fakes.events import RecordingEvents
from tests.fakes.voice import FakeVoiceGateway
from tests.support.spotify_accounts_fake import SpotifyAccountsFake

ALICE = UserId(42)


@pytest.fixture
def fake() -> Iterator[SpotifyAccountsFake]:
    with SpotifyAccountsFake() as running:
        running.add_user("alice-account", "Alice <b>")
        yield running


def settings_for(fake: SpotifyAccountsFake, tmp_path: Path, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "data_dir": tmp_path,
        "spotify_client_id": fake.client_id,
        "spotify_accounts_url": fake.base_url,
        "spotify_api_url": fake.api_url,
        "secret_key": Fernet.generate_key().decode(),
        "spotify_redirect_uri": "https://bot.example.org/spotify/callback",
    }
    return Settings(_env_file=None, **{**values, **overrides})  # type: ignore[call-arg]


@pytest.fixture
async def served(
    fake: SpotifyAccountsFake, tmp_path: Path
) -> AsyncIterator[tuple[SpotifyAccountServices, str, Container]]:
    settings = settings_for(fake, tmp_path)
    await upgrade_async(database_url(settings))
    container = Container(settings=settings, gateway=FakeVoiceGateway(), events=RecordingEvents())
    services = build_spotify_accounts(container)
    app = web.Application()
    assert mount_spotify_callback(app, services) == "/spotify/callback"
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    yield services, f"http://127.0.0.1:{port}", container
    await runner.cleanup()
    await services.aclose()
    await container.core.database().dispose()


async def test_the_browser_lands_on_the_bot_and_the_member_is_linked(
    served: tuple[SpotifyAccountServices, str, Container],
) -> None:
    services, base, _ = served
    linking = services.require()
    assert linking.web_callback  # a public https:// address: the bot's page finishes the link
    sign_in = linking.start.execute(ALICE, GuildId(1))
    async with httpx.AsyncClient() as client:
        landed = (await client.get(sign_in.url)).headers["Location"]
        assert landed.startswith("https://bot.example.org/spotify/callback?")
        local = base + landed.removeprefix("https://bot.example.org")  # what the reverse proxy forwards
        page = await client.get(local)
        assert page.status_code == 200 and "is linked" in page.text
        assert "Alice &lt;b&gt;" in page.text  # escaped
        assert page.headers["Cache-Control"] == "no-store"
        again = await client.get(local)  # the same state twice: refused
        assert again.status_code == 400 and "not valid any more" in again.text
        forged = await client.get(base + "/spotify/callback?code=x&state=forged")
        assert forged.status_code == 400
        missing = await client.get(base + "/spotify/callback?code=x")
        assert missing.status_code == 400
    status = await linking.status.execute(ALICE)
    assert status.linked and status.account_id == "alice-account"


async def test_a_member_who_declines_is_told_nothing_was_linked(
    served: tuple[SpotifyAccountServices, str, Container], fake: SpotifyAccountsFake
) -> None:
    services, base, _ = served
    fake.deny = True
    sign_in = services.require().start.execute(ALICE, None)
    async with httpx.AsyncClient() as client:
        landed = (await client.get(sign_in.url)).headers["Location"]
        page = await client.get(base + landed.removeprefix("https://bot.example.org"))
    assert page.status_code == 400 and "did not allow" in page.text


@pytest.mark.parametrize(
    ("overrides", "reason"),
    [
        ({"secret_key": None}, "MUSICBOT_SECRET_KEY"),
        ({"spotify_client_id": None}, "MUSICBOT_SPOTIFY_CLIENT_ID"),
        ({"secret_key": "not-a-key"}, "Fernet keys"),
        ({"spotify_redirect_uri": "http://localhost:8080/cb"}, "127.0.0.1"),
    ],
)
async def test_without_what_linking_needs_the_feature_is_off_and_says_why(
    fake: SpotifyAccountsFake, tmp_path: Path, overrides: dict[str, object], reason: str
) -> None:
    container = Container(
        settings=settings_for(fake, tmp_path, **overrides), gateway=FakeVoiceGateway(), events=RecordingEvents()
    )
    services = build_spotify_accounts(container)
    with pytest.raises(AccountsDisabled, match=reason):
        services.require()
    assert mount_spotify_callback(web.Application(), services) is None
    await container.core.database().dispose()


async def test_the_console_links_by_the_pasted_address(
    served: tuple[SpotifyAccountServices, str, Container],
) -> None:
    services, _, _ = served
    commands = SpotifyCommands(services, ConsoleIdentity())
    printed = await commands.spotify("connect")
    url = next(line for line in printed.splitlines() if line.startswith("http"))
    async with httpx.AsyncClient() as client:
        landed = (await client.get(url)).headers["Location"]
    assert await commands.spotify(f"finish {landed}") == "Linked to Spotify as Alice <b>."
    assert "linked as Alice" in await commands.spotify("status")
    with pytest.raises(InvalidLinkState):
        await commands.spotify(f"finish {landed}")
    assert "Unlinked" in await commands.spotify("disconnect")
    assert "not linked" in await commands.spotify("status")
    forgot = await commands.forget("")
    assert "Spotify link: 0" in forgot and "Kept: songs you added" in forgot
