"""/settings through the real bot: what a server manager saves is kept in the database, a new player of the guild
starts with it (as a listener hears), and members are pointed to the music channel."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from musicbot.adapters.sql import create_database, default_database_url, unit_of_work_factory
from musicbot.adapters.sql.migrate import upgrade_async
from musicbot.application.guild.settings import GuildSettingsStore
from musicbot.domain.ids import GuildId
from tests.e2e.discord.conftest import Running, start
from tests.e2e.discord.test_playback import heard
from tests.support.audio_analysis import rms
from tests.support.discord_emulator.model import Permission
from tests.support.media_server import MediaServer

pytestmark = pytest.mark.slow


async def slash(running: Running, guild: Any, member: Any, name: str, where: str = "music", **options: object) -> Any:
    """`member` types /name in the text channel `where` and waits for the bot's answer."""
    interaction = await running.emu.slash(guild, member, name, dict(options), channel=where)
    return await interaction.final(timeout=15)


async def saved_in_the_database(running: Running, guild_id: GuildId) -> Any:
    """The guild's row as a restarted bot reads it: another engine, nothing in memory."""
    database = create_database(default_database_url(running.bot.settings.data_dir))
    try:
        return await GuildSettingsStore(unit_of_work_factory(database)).load(guild_id)
    finally:
        await database.dispose()


async def migrate(running: Running) -> None:
    running.bot.settings.data_dir.mkdir(parents=True, exist_ok=True)
    await upgrade_async(default_database_url(running.bot.settings.data_dir))


async def test_a_saved_volume_is_kept_and_a_new_player_starts_at_it(
    running: Running, media_server: MediaServer
) -> None:
    emu = running.emu
    guild = emu.add_guild("Prefs", voice_channels=["General"], text_channels=["music"])
    admins = emu.add_role(guild, "Admins", permissions=Permission.ADMINISTRATOR)
    boss = emu.add_member(guild, "boss", roles=[admins], in_voice="General")
    alice = emu.add_member(guild, "alice", in_voice="General")
    await migrate(running)
    await start(running)

    refused = await slash(running, guild, alice, "settings volume", level=50)
    assert refused.ephemeral and "Manage Server" in refused.text
    reply = await slash(running, guild, boss, "settings volume", level=50)
    assert "50%" in reply.text
    assert (await saved_in_the_database(running, GuildId(guild.id))).volume.percent == 50

    await slash(running, guild, alice, "play", query=media_server.url("/media/tone550.m4a"))
    assert running.bot.services.playback.registry.get(GuildId(guild.id)).state.volume.percent == 50
    voice = emu.voice(guild)
    started = await voice.wait_for_audio(0.8)
    saved_level = rms(heard(running, guild, started + 0.2, started + 0.8))

    await slash(running, guild, alice, "volume", level=100)
    changed = asyncio.get_running_loop().time()
    await voice.wait_for_audio(1.2, since=changed)
    full = rms(heard(running, guild, changed + 0.6, changed + 1.2))
    assert saved_level / full == pytest.approx(0.5, rel=0.15)  # it started at the saved 50 %
    assert (await saved_in_the_database(running, GuildId(guild.id))).volume.percent == 100  # /volume is saved too


async def test_members_are_pointed_to_the_music_channel(running: Running) -> None:
    emu = running.emu
    guild = emu.add_guild("Channels", voice_channels=["General"], text_channels=["music", "chat"])
    admins = emu.add_role(guild, "Admins", permissions=Permission.ADMINISTRATOR)
    boss = emu.add_member(guild, "boss", roles=[admins], in_voice="General")
    alice = emu.add_member(guild, "alice", in_voice="General")
    await migrate(running)
    await start(running)
    music = guild.channel("music")

    reply = await slash(running, guild, boss, "settings musicchannel", where="chat", channel=music)
    assert f"<#{music.id}>" in reply.text
    assert (await saved_in_the_database(running, GuildId(guild.id))).music_channel_id == music.id

    elsewhere = await slash(running, guild, alice, "queue", where="chat")
    assert elsewhere.ephemeral
    assert f"Please use <#{music.id}> for my commands." in elsewhere.text
    for member, where in ((alice, "music"), (boss, "chat")):  # managers: anywhere
        assert "Please use" not in (await slash(running, guild, member, "queue", where=where)).text


async def test_a_picked_dj_role_replaces_the_role_named_dj(running: Running, media_server: MediaServer) -> None:
    emu = running.emu
    guild = emu.add_guild("DJs", voice_channels=["General"], text_channels=["music"])
    admins = emu.add_role(guild, "Admins", permissions=Permission.ADMINISTRATOR)
    mods, named_dj = emu.add_role(guild, "Mods"), emu.add_role(guild, "DJ")
    boss = emu.add_member(guild, "boss", roles=[admins], in_voice="General")
    bob = emu.add_member(guild, "bob", in_voice="General")
    carol = emu.add_member(guild, "carol", roles=[named_dj], in_voice="General")
    alice = emu.add_member(guild, "alice", roles=[mods], in_voice="General")
    await migrate(running)
    await start(running)

    assert "<@&" in (await slash(running, guild, boss, "settings djrole", role=mods)).text
    assert (await saved_in_the_database(running, GuildId(guild.id))).dj_role_id == mods.id
    for tone in ("tone440.wav", "tone880.mp3"):
        await slash(running, guild, bob, "play", query=media_server.url(f"/media/{tone}"))

    assert "Vote to skip" in (await slash(running, guild, carol, "skip")).text  # 4 listeners: 2 votes needed
    assert "by a DJ" in (await slash(running, guild, alice, "skip")).text

    await slash(running, guild, boss, "settings djrole")  # cleared: the role named DJ again
    assert "by a DJ" in (await slash(running, guild, carol, "skip")).text
