"""Members' Spotify accounts through Discord: the real bot against the Discord emulator, Spotify's accounts
service and Web API faked on 127.0.0.1, search going to local media, SQLite in the test's data directory."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from cryptography.fernet import Fernet

from musicbot.entrypoints.discord.runner import build_bot
from musicbot.entrypoints.settings import Settings
from tests.e2e.discord.conftest import Running, start
from tests.support import local_search
from tests.support.audio_analysis import dominant_frequency, pcm_to_mono
from tests.support.discord_emulator import DiscordEmulator
from tests.support.discord_emulator.interactions import iter_components
from tests.support.media_server import MediaServer
from tests.support.spotify_accounts_fake import SpotifyAccountsFake, track_json

pytestmark = pytest.mark.slow

# The member's Spotify taste: songs by Mellow Owl, which the local catalogue has (tone550 and tone880).
TASTE = [track_json("s1", "Late Night Study", "Mellow Owl"), track_json("s2", "Chill Lofi Morning", "Mellow Owl")]


@pytest.fixture
async def linked_bot(
    tmp_path: Path, media_server: MediaServer, monkeypatch: pytest.MonkeyPatch
) -> AsyncIterator[tuple[Running, SpotifyAccountsFake]]:
    local_search.register()
    monkeypatch.setenv(local_search.CATALOG_ENV, local_search.catalog_json(local_search.chill_catalog(media_server)))
    with SpotifyAccountsFake() as fake:
        fake.add_user("alice-account", "Alice", top_artists=["Mellow Owl"], top_tracks=TASTE, saved=TASTE[:1])
        fake.catalog.extend(TASTE)
        fake.access_ttl = 60  # inside the bot's two-minute margin: every use of a token refreshes it first
        async with DiscordEmulator() as emu:
            emu.install()
            settings = Settings(
                _env_file=None,  # type: ignore[call-arg]
                data_dir=tmp_path / "data",
                allow_private_urls=True,
                log_format="json",
                default_search=local_search.SEARCH_KEY,
                spotify_client_id=fake.client_id,
                spotify_accounts_url=fake.base_url,
                spotify_api_url=fake.api_url,
                secret_key=Fernet.generate_key().decode(),
                deezer_api_url="",  # no internet in tests
            )
            bot = build_bot(settings, guild_ready_timeout=0.05)
            running = Running(emu, bot)
            yield running, fake
            if not bot.is_closed():
                await bot.close()
            task = getattr(bot, "_test_task", None)
            if task is not None:
                await asyncio.wait_for(task, 15)


async def connect(emu: DiscordEmulator, guild: Any, member: Any) -> str:
    """/spotify connect, open the link (the fake agrees at once), paste the address into the modal."""
    shown = await (await emu.slash(guild, member, "spotify connect", {}, channel="music")).final(timeout=10)
    assert shown.ephemeral and "works once, for you only, for 10 minutes" in shown.text
    [url] = [c["url"] for c in iter_components(shown.components) if c.get("url")]
    async with httpx.AsyncClient() as client:
        landed = (await client.get(url)).headers["Location"]
    press = await emu.click(shown, "spotify:paste", member)
    await press.modal_shown()
    done = await (await emu.submit_modal(press, {"spotify:address": landed})).final(timeout=15)
    return done.text


def database(running: Running) -> Path:
    return running.bot.settings.data_dir / "musicbot.db"


def rows_mentioning(path: Path, value: int) -> list[tuple[str, tuple[Any, ...]]]:
    """Every row of every table holding `value` in any column."""
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        names = [row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return [(name, row) for name in names for row in conn.execute(f'SELECT * FROM "{name}"') if value in row]


async def rows_appear(running: Running, user_id: int, table: str) -> None:
    """Until a row of `table` holds `user_id` (written in the background); the caller bounds the wait."""
    while True:
        if any(name == table for name, _ in rows_mentioning(database(running), user_id)):
            return
        await asyncio.sleep(0.05)


async def test_link_recommend_for_me_heard_save_to_spotify_and_refresh(
    linked_bot: tuple[Running, SpotifyAccountsFake],
) -> None:
    running, fake = linked_bot
    emu = running.emu
    guild = emu.add_guild("Taste", voice_channels=["General"], text_channels=["music"])
    alice = emu.add_member(guild, "alice", in_voice="General")
    await start(running)

    assert "Linked to Spotify as **Alice**" in await connect(emu, guild, alice)
    status = await (await emu.slash(guild, alice, "spotify status", {}, channel="music")).final(timeout=10)
    assert status.ephemeral and "Alice" in status.text

    card = await (await emu.slash(guild, alice, "recommend", {"for": "me"}, channel="music")).final(timeout=20)
    assert "Mellow Owl" in card.text and "Late Night Study" in card.text
    all_button = next(c for c in iter_components(card.components) if str(c.get("label", "")).startswith("Queue all"))
    await (await emu.click(card, all_button["custom_id"], alice)).followup(0, timeout=20)
    started = await emu.voice(guild).wait_for_audio(1.0, since=0)
    heard = dominant_frequency(pcm_to_mono(emu.voice(guild).pcm(since=started + 0.2, until=started + 1.0)))
    assert min(abs(heard - 550), abs(heard - 880)) < 3  # one of Mellow Owl's songs

    saved = await (await emu.slash(guild, alice, "spotify save", {"name": "Late study"}, channel="music")).final(
        timeout=20
    )
    [playlist] = fake.playlists.values()
    assert playlist.owner == "alice-account" and playlist.name == "Late study"
    assert {"spotify:track:s1", "spotify:track:s2"} <= set(playlist.uris)
    assert "Saved **Late study** to your Spotify" in saved.text and playlist.id in saved.text
    grants = [call.body["grant_type"] for call in fake.calls("/api/token")]
    assert grants[0] == "authorization_code" and "refresh_token" in grants[1:]

    raw = database(running).read_bytes()
    for token in [*fake.access, *fake.refresh]:
        assert token.encode() not in raw  # encrypted at rest


async def test_expired_link_disconnect_and_forgetme_leave_nothing_of_the_member(
    linked_bot: tuple[Running, SpotifyAccountsFake], media_server: MediaServer
) -> None:
    running, fake = linked_bot
    emu = running.emu
    guild = emu.add_guild("Forget", voice_channels=["General"], text_channels=["music"])
    alice = emu.add_member(guild, "alice", in_voice="General")
    await start(running)

    await connect(emu, guild, alice)
    await asyncio.wait_for(
        rows_appear(running, alice.id, "spotify_taste_profiles"), 10
    )  # the first taste refresh, in the background
    await (await emu.slash(guild, alice, "recommend", {"for": "me"}, channel="music")).final(timeout=20)
    fake.expire_refresh_tokens()  # six months on: saving that card needs a token, and Spotify refuses to renew it
    refused = await (await emu.slash(guild, alice, "spotify save", {"name": "x"}, channel="music")).final(timeout=20)
    assert refused.ephemeral and "links end six months after you connect" in refused.text
    assert "use /spotify connect again" in refused.text
    assert rows_mentioning(database(running), alice.id) == []  # the dead link went with it

    await connect(emu, guild, alice)
    gone = await (await emu.slash(guild, alice, "spotify disconnect", {}, channel="music")).final(timeout=10)
    assert "Unlinked" in gone.text
    status = await (await emu.slash(guild, alice, "spotify status", {}, channel="music")).final(timeout=10)
    assert "not linked" in status.text
    assert rows_mentioning(database(running), alice.id) == []

    await connect(emu, guild, alice)
    await (
        await emu.slash(guild, alice, "play", {"query": media_server.url("/media/tone440.wav")}, channel="music")
    ).final(timeout=15)
    await emu.voice(guild).wait_for_audio(0.5, since=0)
    await (await emu.slash(guild, alice, "stop", {}, channel="music")).final(timeout=10)

    await asyncio.wait_for(rows_appear(running, alice.id, "listening_history"), 10)  # recorded in the background
    forgot = await (await emu.slash(guild, alice, "forgetme", {}, channel="music")).final(timeout=10)
    assert forgot.ephemeral and "Spotify link: 1" in forgot.text and "listening history: 1" in forgot.text
    assert "saved playlists" in forgot.text  # what stays is said
    assert rows_mentioning(database(running), alice.id) == []


async def test_recommend_for_server_joins_the_linked_listeners_tastes(
    linked_bot: tuple[Running, SpotifyAccountsFake],
) -> None:
    running, fake = linked_bot
    fake.add_user(
        "bob-account",
        "Bob",
        top_artists=["Blue Desk"],
        top_tracks=[track_json("s3", "Chill Coffee Beats", "Blue Desk")],
    )
    emu = running.emu
    guild = emu.add_guild("Together", voice_channels=["General"], text_channels=["music"])
    alice = emu.add_member(guild, "alice", in_voice="General")
    bob = emu.add_member(guild, "bob", in_voice="General")
    await start(running)
    fake.signed_in = "alice-account"
    await connect(emu, guild, alice)
    fake.signed_in = "bob-account"
    assert "Linked to Spotify as **Bob**" in await connect(emu, guild, bob)

    card = await (await emu.slash(guild, alice, "recommend", {"for": "server"}, channel="music")).final(timeout=20)
    read_as = card.text.splitlines()[0]  # the intent: both members' top artists
    assert "Mellow Owl" in read_as and "Blue Desk" in read_as, read_as
    assert "Late Night Study" in card.text and "Chill Coffee Beats" in card.text
    mine = await (await emu.slash(guild, bob, "recommend", {"for": "me"}, channel="music")).final(timeout=20)
    assert "like Blue Desk" in mine.text and "` 1.` [Chill Coffee Beats]" in mine.text  # his taste leads
