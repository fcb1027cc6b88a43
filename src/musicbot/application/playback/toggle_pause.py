"""`TogglePause`: the ⏯ button. Pause when playing, resume when paused, as one step.

Reading the state and then acting raced: two presses at once both read "playing", both paused, and the second
failed with "already paused" (or two resumes the other way). Here the player's own guarded `pause`/`resume`
(each under its lock) act as compare-and-set: a toggle that finds the player flipped meanwhile flips it from
there, so every press is exactly one flip and two presses end where they started.
"""

from __future__ import annotations

from dataclasses import dataclass

from musicbot.application.errors import AlreadyPaused, NotPaused
from musicbot.application.playback.common import ControlCommand
from musicbot.application.playback.registry import PlayerRegistry
from musicbot.application.playback.voice_rules import Accepted, Permission, VoiceRules, proceed
from musicbot.domain.errors import NothingPlaying
from musicbot.domain.player_state import PlayerStatus
from musicbot.domain.song import Song

# Each lost race means another press flipped the player in between: a few in a row is a storm of presses.
ATTEMPTS = 8


@dataclass(frozen=True, slots=True, kw_only=True)
class ToggleResult:
    song: Song
    paused: bool  # after this press


class TogglePause:
    def __init__(self, registry: PlayerRegistry) -> None:
        self._registry = registry
        self._rules = VoiceRules(registry)

    async def execute(self, command: ControlCommand, *, accepted: Accepted = proceed) -> ToggleResult:
        self._rules.authorize(Permission.CONTROL, command.guild_id, command.caller)
        await accepted()
        found = self._registry.find(command.guild_id)
        if found is None or found.current is None:
            raise NothingPlaying
        player = self._registry.get(command.guild_id)
        for _ in range(ATTEMPTS - 1):
            try:
                return await self._flip(player.state.status is PlayerStatus.PAUSED, command)
            except (AlreadyPaused, NotPaused):
                continue  # another press got there first: flip from where it left the player
        return await self._flip(player.state.status is PlayerStatus.PAUSED, command)

    async def _flip(self, paused: bool, command: ControlCommand) -> ToggleResult:
        player = self._registry.get(command.guild_id)
        if paused:
            return ToggleResult(song=await player.resume(), paused=False)
        return ToggleResult(song=await player.pause(), paused=True)
