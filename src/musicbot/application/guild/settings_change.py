"""A server manager changes the guild's settings: saved (answered once committed), then applied to the player
that plays now, if any (volume, repeat); the rest is read where it matters (auto-leave, DJ role, channel)."""

from __future__ import annotations

import enum
from dataclasses import dataclass, replace
from typing import Final

from musicbot.application.guild.settings import GuildSettingsStore
from musicbot.application.playback.registry import PlayerRegistry
from musicbot.application.playback.voice_rules import Accepted, Caller, VoiceRules, proceed
from musicbot.domain.guild_settings import GuildSettings, RoleId
from musicbot.domain.ids import ChannelId, GuildId
from musicbot.domain.player_state import Volume
from musicbot.domain.tracklist import RepeatMode


class Keep(enum.Enum):
    KEEP = "keep"


KEEP: Final = Keep.KEEP  # the setting is left as it is (None is a value: "no DJ role", "no music channel")


@dataclass(frozen=True, slots=True, kw_only=True)
class ChangeSettingsCommand:
    guild_id: GuildId
    caller: Caller
    volume: int | Keep = KEEP
    repeat: RepeatMode | Keep = KEEP
    always_on: bool | Keep = KEEP
    auto_leave_seconds: int | Keep = KEEP
    dj_role_id: RoleId | Keep | None = KEEP
    music_channel_id: ChannelId | Keep | None = KEEP

    def applied_to(self, current: GuildSettings) -> GuildSettings:
        """`current` with this command's values; `GuildSettings` refuses values out of range."""
        return replace(
            current,
            volume=current.volume if isinstance(self.volume, Keep) else Volume(self.volume),
            repeat=current.repeat if isinstance(self.repeat, Keep) else self.repeat,
            always_on=current.always_on if isinstance(self.always_on, Keep) else self.always_on,
            auto_leave_seconds=(
                current.auto_leave_seconds if isinstance(self.auto_leave_seconds, Keep) else self.auto_leave_seconds
            ),
            dj_role_id=current.dj_role_id if isinstance(self.dj_role_id, Keep) else self.dj_role_id,
            music_channel_id=(
                current.music_channel_id if isinstance(self.music_channel_id, Keep) else self.music_channel_id
            ),
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class ChangeSettingsResult:
    settings: GuildSettings
    applied_now: bool  # the player in voice now took the new volume or repeat mode


class ChangeGuildSettings:
    def __init__(self, settings: GuildSettingsStore, registry: PlayerRegistry) -> None:
        self._settings = settings
        self._registry = registry

    async def execute(self, command: ChangeSettingsCommand, *, accepted: Accepted = proceed) -> ChangeSettingsResult:
        VoiceRules.require_manager(command.caller, "change the server's settings")
        await accepted()
        saved = await self._settings.update(command.guild_id, command.applied_to)
        player = self._registry.find(command.guild_id)
        if player is None or player.closed:
            return ChangeSettingsResult(settings=saved, applied_now=False)
        applied = False
        if not isinstance(command.volume, Keep):
            await player.set_volume(saved.volume.percent)
            applied = True
        if not isinstance(command.repeat, Keep):
            await player.set_repeat(saved.repeat)
            applied = True
        return ChangeSettingsResult(settings=saved, applied_now=applied)
