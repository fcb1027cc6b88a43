"""Saved playlists through the real bot: slash commands, autocomplete, buttons and files against the emulator,
a real SQLite database, and what a listener hears."""

from __future__ import annotations

import json
import time
from typing import Any

import pytest

from tests.e2e.discord.conftest import Running, start
from tests.support.audio_analysis import dominant_frequency, pcm_to_mono
from tests.support.discord_emulator import UserFile
from tests.support.media_server import MediaServer

pytestmark = pytest.mark.slow


async def begin(running: Running, title: str) -> tuple[Any, Any, Any]:
    """A guild with alice in voice and bob outside it; the bot started (it migrates its database first)."""
    emu = running.emu
    guild = emu.add_guild(title, voice_channels=["General"], text_channels=["music"])
    alice = emu.add_member(guild, "alice", in_voice="General")
    bob = emu.add_member(guild, "bob")
    await start(running)
    return guild, alice, bob


async def say(running: Running, guild: Any, member: Any, command: str, /, **options: object) -> Any:
    interaction = await running.emu.slash(guild, member, command, dict(options), channel="music")
    await interaction.final(timeout=15)
    return interaction


async def public(running: Running, guild: Any, member: Any, command: str, /, **options: object) -> str:
    """The command's public answer (a refusal would be a private follow-up instead)."""
    interaction = await say(running, guild, member, command, **options)
    assert not interaction.followups, f"/{command} was refused"
    return str((await interaction.final()).text)


async def refused(running: Running, guild: Any, member: Any, command: str, /, **options: object) -> str:
    interaction = await say(running, guild, member, command, **options)
    private = await interaction.followup(0) if interaction.deferred else await interaction.final()
    assert private.ephemeral
    return str(private.text)


async def hears(running: Running, guild: Any, frequency: float, *, since: float = 0.0) -> None:
    """The tone heard in the first second of audio after `since` (monotonic)."""
    voice = running.emu.voice(guild)
    started = await voice.wait_for_audio(1.0, since=since)
    heard = pcm_to_mono(voice.pcm(since=started, until=started + 1.0))
    assert abs(dominant_frequency(heard) - frequency) < 3


async def test_create_add_list_use_and_hear_it(running: Running, media_server: MediaServer) -> None:
    guild, alice, bob = await begin(running, "Playlists")
    tone440 = media_server.url("/media/tone440.wav")

    assert "No playlist is active yet" in await refused(running, guild, alice, "add", song=tone440)
    assert "Created **Road trip**" in await public(running, guild, alice, "create", name="Road trip")
    await public(running, guild, alice, "create", name="Rock")
    assert "already exists" in await refused(running, guild, alice, "create", name="road TRIP")
    # Outside voice, /use only makes it active.
    assert "is now the active playlist" in await public(running, guild, bob, "use", playlist="Road trip")
    assert "Added tone440" in await public(running, guild, bob, "add", song=tone440)
    assert "can't play that" in await refused(running, guild, bob, "add", song=media_server.url("/status/404"))
    listing = await public(running, guild, alice, "playlists")
    assert "▶ **Road trip** · 1 song" in listing and "**Rock** · 0 songs" in listing
    assert "`  1.` tone440" in await public(running, guild, alice, "playlist", name="road trip")

    choices = await running.emu.autocomplete(guild, alice, "use", {"playlist": "RO"}, focused="playlist")
    assert [c["value"] for c in choices] == ["Road trip", "Rock"]
    choices = await running.emu.autocomplete(guild, alice, "delete", {"name": "roa"}, focused="name")
    assert [c["value"] for c in choices] == ["Road trip"]

    assert "Queued “Road trip”: 1 song, playing now" in await public(running, guild, alice, "use", playlist="Road trip")
    await hears(running, guild, 440)


async def test_a_bare_play_plays_the_active_playlist(running: Running, media_server: MediaServer) -> None:
    guild, alice, _ = await begin(running, "Bare play")

    assert "/create" in await refused(running, guild, alice, "play")
    await public(running, guild, alice, "create", name="Tones")
    await public(running, guild, alice, "addto", playlist="Tones", song=media_server.url("/media/tone880.mp3"))
    await public(running, guild, alice, "use", playlist="Tones")  # queued and playing: stopped again below
    await public(running, guild, alice, "stop")
    await running.emu.voice(guild).wait_for_silence(0.5)

    asked = time.monotonic()  # what /use played before /stop may be shorter than the second listened to
    assert "Queued “Tones”: 1 song, playing now" in await public(running, guild, alice, "play")
    await hears(running, guild, 880, since=asked)


async def test_delete_asks_and_only_its_asker_confirms(running: Running) -> None:
    guild, alice, bob = await begin(running, "Delete")
    emu = running.emu
    await public(running, guild, alice, "create", name="Old")

    asked = await say(running, guild, alice, "delete", name="old")
    question = await asked.final()
    assert "Delete **Old** and its 0 songs?" in question.text

    stranger = await emu.click(question, question.button("Delete")["custom_id"], bob)
    assert (await stranger.final()).ephemeral
    assert "**Old**" in await public(running, guild, alice, "playlists")

    press = await emu.click(question, question.button("Delete")["custom_id"], alice)
    done = await press.final()
    assert "Deleted **Old**" in done.text and done.components == ()
    assert "No playlists yet" in await public(running, guild, alice, "playlists")

    await public(running, guild, alice, "create", name="Kept")
    kept = await (await say(running, guild, alice, "delete", name="Kept")).final()
    cancel = await emu.click(kept, kept.button("Cancel")["custom_id"], alice)
    assert "nothing was deleted" in (await cancel.final()).text
    assert "**Kept**" in await public(running, guild, alice, "playlists")


async def test_export_gives_a_file_that_imports_back(running: Running, media_server: MediaServer) -> None:
    guild, alice, _ = await begin(running, "Files")
    await public(running, guild, alice, "create", name="Road trip")
    await public(running, guild, alice, "addto", playlist="Road trip", song=media_server.url("/media/tone660.ogg"))

    exported = await say(running, guild, alice, "export", name="Road trip")
    reply = await exported.final()
    assert reply.attachments == ("road-trip.musicbot.json",)
    content = reply.message.attachments[0].data
    assert json.loads(content)["tracks"][0]["title"] == "tone660"

    imported = await public(running, guild, alice, "import", file=UserFile("road-trip.json", content), name="Copy")
    assert "Imported **Copy**: 1 song" in imported
    bad = await refused(running, guild, alice, "import", file=UserFile("x.json", b"{not json"))
    assert "can't import that file: it is not JSON" in bad
    large = UserFile("big.json", b" " * (1024 * 1024 + 1))
    assert "larger than 1024 KiB" in await refused(running, guild, alice, "import", file=large)
    assert "There is no playlist named “Nope”" in await refused(running, guild, alice, "export", name="Nope")

    await public(running, guild, alice, "use", playlist="copy")
    await hears(running, guild, 660)
