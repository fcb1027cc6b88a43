"""`CycleRepeat`: the 🔁 button, off → track → queue → off, kept for the guild's next sessions too.

The next mode is computed from the current one under the player's lock (`edit_queue` holds it): reading the mode
and then setting it raced, and two presses at once both went off → track instead of off → track → queue.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from musicbot.application.guild.settings import GuildSettingsStore
from musicbot.application.playback.common import ControlCommand
from musicbot.application.playback.registry import PlayerRegistry
from musicbot.application.playback.voice_rules import Accepted, Permission, VoiceRules, proceed
from musicbot.domain.errors import NothingPlaying
from musicbot.domain.tracklist import RepeatMode, Tracklist

NEXT_REPEAT = {RepeatMode.OFF: RepeatMode.TRACK, RepeatMode.TRACK: RepeatMode.QUEUE, RepeatMode.QUEUE: RepeatMode.OFF}


@dataclass(frozen=True, slots=True, kw_only=True)
class CycleResult:
    mode: RepeatMode  # after this press


class CycleRepeat:
    def __init__(self, registry: PlayerRegistry, settings: GuildSettingsStore) -> None:
        self._registry = registry
        self._rules = VoiceRules(registry)
        self._settings = settings

    async def execute(self, command: ControlCommand, *, accepted: Accepted = proceed) -> CycleResult:
        self._rules.authorize(Permission.CONTROL, command.guild_id, command.caller)
        await accepted()
        found = self._registry.find(command.guild_id)
        if found is None or found.current is None:
            raise NothingPlaying
        player = self._registry.get(command.guild_id)
        chosen: list[RepeatMode] = []

        def cycle(tracklist: Tracklist) -> int:
            tracklist.repeat = NEXT_REPEAT[tracklist.repeat]
            chosen.append(tracklist.repeat)
            return 0

        await player.edit_queue(cycle)
        # Saved after it applies, as the mode the player has when the save runs: of two presses saving at once,
        # the later save writes the mode both led to (the store serializes a guild's updates).
        await self._settings.update(command.guild_id, lambda s: replace(s, repeat=player.tracklist.repeat))
        return CycleResult(mode=chosen[0])
