"""A local Discord (REST, gateway, voice gateway over TLS, voice UDP) that the real discord.py client talks to.

    async with DiscordEmulator() as emu:
        emu.install()
        guild = emu.add_guild("Test", voice_channels=["General"], text_channels=["music"])
        alice = emu.add_member(guild, "alice", in_voice="General")
        ...start a discord.Client with emu.token...
        await emu.wait_ready()
        reply = await (await emu.slash(guild, alice, "ping")).final()

See README.md next to this file.
"""

from tests.support.discord_emulator.commands import EmulatorError
from tests.support.discord_emulator.interactions import Interaction, InteractionType, Reply, ResponseType
from tests.support.discord_emulator.model import Channel, Guild, Member, Message, MessageFlag, Permission, Role, User
from tests.support.discord_emulator.recording import Gap, VoiceRecording
from tests.support.discord_emulator.rtp import PacketKind, RtpPacket
from tests.support.discord_emulator.server import DiscordEmulator
from tests.support.discord_emulator.uploads import UserFile
from tests.support.discord_emulator.voice import VoiceConnection

__all__ = [
    "Channel",
    "DiscordEmulator",
    "EmulatorError",
    "Gap",
    "Guild",
    "Interaction",
    "InteractionType",
    "Member",
    "Message",
    "MessageFlag",
    "PacketKind",
    "Permission",
    "Reply",
    "ResponseType",
    "Role",
    "RtpPacket",
    "User",
    "UserFile",
    "VoiceConnection",
    "VoiceRecording",
]
