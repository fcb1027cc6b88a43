from dataclasses import dataclass, replace

from musicbot.application.guild.settings import GuildSettingsStore
from musicbot.application.playback.registry import PlayerRegistry
from musicbot.application.playback.voice_rules import Accepted, Caller, Permission, VoiceRules, proceed
from musicbot.domain.audio_filter import AudioFilter
from musicbot.domain.ids import GuildId


@dataclass(frozen=True, slots=True, kw_only=True)
class FilterCommand:
    guild_id: GuildId
    caller: Caller  # who asks: the use-case applies the voice rules to them
    audio_filter: AudioFilter  # parse what users type with `AudioFilter.parse`


@dataclass(frozen=True, slots=True, kw_only=True)
class FilterResult:
    audio_filter: AudioFilter


class SetAudioFilter:
    """The guild's audio filter (bass boost, nightcore, speed...): heard from where the song is, without
    restarting it, and kept for the guild's next songs and sessions (saved first, then applied, as the volume)."""

    def __init__(self, registry: PlayerRegistry, settings: GuildSettingsStore) -> None:
        self._registry = registry
        self._rules = VoiceRules(registry)
        self._settings = settings

    async def execute(self, command: FilterCommand, *, accepted: Accepted = proceed) -> FilterResult:
        self._rules.authorize(Permission.CONTROL, command.guild_id, command.caller)
        await accepted()
        await self._settings.update(command.guild_id, lambda s: replace(s, audio_filter=command.audio_filter))
        player = self._registry.find(command.guild_id)
        if player is not None and not player.closed:  # else the guild's next player starts with it
            await player.set_filter(command.audio_filter)
        return FilterResult(audio_filter=command.audio_filter)
