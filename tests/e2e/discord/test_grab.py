"""/grab: the song playing, sent to the member's direct messages through Discord's DM endpoints (the channel
opened by `POST /users/@me/channels`, the message posted in it), and a friendly reply when there is nothing to
send or the member does not accept direct messages."""

from __future__ import annotations

import pytest

from tests.e2e.discord.conftest import Running, music_guild, start
from tests.e2e.discord.faults import command
from tests.support.discord_emulator.model import Guild, Member
from tests.support.media_server import MediaServer

pytestmark = pytest.mark.slow


async def playing(running: Running, media_server: MediaServer) -> tuple[Guild, Member, str]:
    """The bot started in one server, where alice plays a tone: the server, alice and the tone's link."""
    guild, alice = music_guild(running.emu, "Grab")
    await start(running)
    url = media_server.url("/media/tone440.wav")
    played = await command(running, guild, alice, "play", query=url)
    assert "tone440" in played.text, played.text
    return guild, alice, url


async def test_grab_sends_the_song_playing_to_the_members_direct_messages(
    running: Running, media_server: MediaServer
) -> None:
    emu = running.emu
    guild, alice, url = await playing(running, media_server)

    reply = await command(running, guild, alice, "grab")
    assert reply.ephemeral and "Sent to your direct messages" in reply.text, reply.text
    [sent] = emu.state.direct_messages.to(alice.user)
    [card] = sent.embeds
    assert card["author"]["name"] == "🎵 Grabbed for you"
    assert "tone440" in card["description"] and url in card["description"], card


async def test_grab_with_nothing_playing_says_so_and_sends_nothing(running: Running) -> None:
    emu = running.emu
    guild, alice = music_guild(emu, "Quiet")
    await start(running)

    reply = await command(running, guild, alice, "grab")
    assert "Nothing is playing" in reply.text, reply.text
    assert emu.state.direct_messages.to(alice.user) == []


async def test_grab_to_a_member_who_closed_their_direct_messages_says_so(
    running: Running, media_server: MediaServer
) -> None:
    emu = running.emu
    guild, alice, _ = await playing(running, media_server)
    emu.state.direct_messages.close_to(alice.user)  # Discord answers 403, 50007 "Cannot send messages to this user"

    reply = await command(running, guild, alice, "grab")
    assert reply.ephemeral and "can't send you direct messages" in reply.text, reply.text
    assert emu.state.direct_messages.to(alice.user) == []
    assert emu.unknown_routes == []
