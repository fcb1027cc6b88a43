"""/settings over the application's fakes, the DJ role a guild picked, and the music channel gate the command tree
runs before every command."""

from __future__ import annotations

from dataclasses import dataclass, replace
from types import SimpleNamespace
from typing import Any
from unittest.mock import MagicMock

import discord
import pytest

from musicbot.domain.guild_settings import GuildSettings, RoleId
from musicbot.domain.ids import ChannelId
from musicbot.domain.tracklist import RepeatMode
from musicbot.entrypoints.discord.cogs.settings import SettingsCog
from musicbot.entrypoints.discord.context import holds_dj_role
from musicbot.entrypoints.discord.tree import admitted
from tests.fakes.guild_settings import FakeSettingsStorage
from tests.unit.application.wiring import GUILD, App
from tests.unit.entrypoints.discord.doubles import FakeInteraction, FakeReader, services_for
from tests.unit.entrypoints.discord.test_handlers import run

MUSIC, ELSEWHERE = ChannelId(801), ChannelId(802)


def text_of(interaction: FakeInteraction) -> str:
    embed = interaction.shown()
    if embed is None and interaction.followup.sent:
        embed = interaction.followup.sent[-1].embed
    assert embed is not None
    return embed.description or ""


def cog_for(app: App, storage: FakeSettingsStorage, *, manager: bool = True) -> SettingsCog:
    return SettingsCog(services_for(app, settings=storage), FakeReader(is_manager=manager))  # type: ignore[arg-type]


async def test_a_manager_sets_the_volume_it_is_saved_and_heard_now(app: App) -> None:
    storage = FakeSettingsStorage()
    cog = cog_for(app, storage)
    await app.play("a")
    interaction = FakeInteraction()

    await run(SettingsCog.volume, cog, interaction, level=40)

    assert interaction.response.deferred
    assert "40%" in text_of(interaction)
    assert storage.repository.committed[GUILD].volume.percent == 40
    assert app.player().state.volume.percent == 40


async def test_members_without_manage_server_are_refused_before_anything(app: App) -> None:
    storage = FakeSettingsStorage()
    cog = cog_for(app, storage, manager=False)
    interaction = FakeInteraction()

    await run(SettingsCog.autoleave, cog, interaction, minutes=1)

    assert not interaction.response.deferred
    [reply] = interaction.response.sent
    assert reply.ephemeral and "Manage Server" in (reply.embed.description or "")  # type: ignore[union-attr]
    assert storage.commits == 0


async def test_each_setting_is_saved_and_show_lists_them(app: App) -> None:
    storage = FakeSettingsStorage()
    cog = cog_for(app, storage)
    role = SimpleNamespace(id=55, mention="<@&55>")
    channel = SimpleNamespace(id=MUSIC, mention=f"<#{MUSIC}>")

    await run(SettingsCog.repeat, cog, FakeInteraction(), mode="queue")
    await run(SettingsCog.autoleave, cog, FakeInteraction(), minutes=0)
    await run(SettingsCog.djrole, cog, FakeInteraction(), role=role)
    await run(SettingsCog.musicchannel, cog, FakeInteraction(), channel=channel)

    assert storage.repository.committed[GUILD] == GuildSettings(
        guild_id=GUILD, repeat=RepeatMode.QUEUE, auto_leave_seconds=0, dj_role_id=RoleId(55), music_channel_id=MUSIC
    )
    shown = FakeInteraction()
    await run(SettingsCog.show, cog, shown)
    assert shown.response.sent[0].ephemeral
    text = text_of(shown)
    for line in ("Repeat: queue", "Auto-leave: never", "DJ role: <@&55>", f"Music channel: <#{MUSIC}>"):
        assert line in text

    cleared = FakeInteraction()
    await run(SettingsCog.djrole, cog, cleared, role=None)
    assert "“DJ”" in text_of(cleared)
    await run(SettingsCog.musicchannel, cog, FakeInteraction(), channel=None)
    saved = storage.repository.committed[GUILD]
    assert (saved.dj_role_id, saved.music_channel_id) == (None, None)


def test_the_dj_role_is_the_guild_s_pick_else_the_role_named_like_the_setting() -> None:
    roles: list[Any] = [SimpleNamespace(id=1, name="dj"), SimpleNamespace(id=2, name="Mods")]

    assert holds_dj_role(roles, role_id=None, name="DJ")
    assert holds_dj_role(roles, role_id=2, name="DJ")
    assert not holds_dj_role(roles, role_id=3, name="DJ")  # a picked role replaces the name
    assert not holds_dj_role(roles[1:], role_id=None, name="DJ")


@dataclass
class ChannelInteraction(FakeInteraction):
    channel_id: int = ELSEWHERE
    manager: bool = False

    @property
    def user(self) -> Any:
        member = MagicMock(spec=discord.Member)  # a discord.py member as the gateway gives it: not ours to build
        member.id = self.user_id
        member.guild_permissions = discord.Permissions(manage_guild=self.manager)
        return member


@pytest.mark.parametrize(
    ("manager", "command", "kind", "allowed"),
    [
        (False, "play", discord.InteractionType.application_command, False),
        (True, "play", discord.InteractionType.application_command, True),
        (False, "settings show", discord.InteractionType.application_command, True),
        (False, "use", discord.InteractionType.autocomplete, True),
    ],
)
async def test_commands_outside_the_music_channel_point_there(
    app: App, manager: bool, command: str, kind: discord.InteractionType, allowed: bool
) -> None:
    storage = FakeSettingsStorage()
    storage.repository.committed[GUILD] = GuildSettings(guild_id=GUILD, music_channel_id=MUSIC)
    services = services_for(app, settings=storage)
    interaction = ChannelInteraction(type=kind, command=SimpleNamespace(qualified_name=command), manager=manager)

    ok = await admitted(interaction, services.rules.music_channel)  # type: ignore[arg-type]

    assert ok is allowed
    assert services.rules.guild_settings.is_loaded(GUILD)  # read before the command runs (the DJ role)
    if not allowed:
        [reply] = interaction.response.sent
        assert reply.ephemeral and f"<#{MUSIC}>" in (reply.embed.description or "")  # type: ignore[union-attr]


async def test_in_the_music_channel_or_with_none_set_commands_run(app: App) -> None:
    storage = FakeSettingsStorage()
    services = services_for(app, settings=storage)

    assert await admitted(ChannelInteraction(), services.rules.music_channel)  # type: ignore[arg-type]
    await services.rules.guild_settings.update(GUILD, lambda s: replace(s, music_channel_id=MUSIC))
    assert await admitted(ChannelInteraction(channel_id=MUSIC), services.rules.music_channel)  # type: ignore[arg-type]
