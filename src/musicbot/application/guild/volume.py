from dataclasses import dataclass, replace

from musicbot.application.guild.settings import GuildSettingsStore
from musicbot.application.playback.registry import PlayerRegistry
from musicbot.application.playback.voice_rules import Accepted, Caller, Permission, VoiceRules, proceed
from musicbot.domain.ids import GuildId
from musicbot.domain.player_state import Volume


@dataclass(frozen=True, slots=True, kw_only=True)
class VolumeCommand:
    guild_id: GuildId
    caller: Caller  # who asks: the use-case applies the voice rules to them
    percent: int


@dataclass(frozen=True, slots=True, kw_only=True)
class VolumeResult:
    percent: int


class SetVolume:
    """0-200 %; it takes effect on the song that plays, without restarting it, and is the guild's volume from
    then on (saved first: the change is answered only once it is kept)."""

    def __init__(self, registry: PlayerRegistry, settings: GuildSettingsStore) -> None:
        self._registry = registry
        self._rules = VoiceRules(registry)
        self._settings = settings

    async def execute(self, command: VolumeCommand, *, accepted: Accepted = proceed) -> VolumeResult:
        self._rules.authorize(Permission.CONTROL, command.guild_id, command.caller)
        await accepted()
        player = self._registry.get(command.guild_id)
        chosen = Volume(command.percent)
        await self._settings.update(command.guild_id, lambda s: replace(s, volume=chosen))
        volume = await player.set_volume(chosen.percent)
        return VolumeResult(percent=volume.percent)
