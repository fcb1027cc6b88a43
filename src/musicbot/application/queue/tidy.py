"""Tidying the upcoming songs: duplicates out (`RemoveDuplicates`), turns by requester (`SetFairQueue`)."""

from dataclasses import dataclass, replace

from musicbot.application.guild.settings import GuildSettingsStore
from musicbot.application.playback.common import ControlCommand, CountResult
from musicbot.application.playback.registry import PlayerRegistry
from musicbot.application.playback.voice_rules import Accepted, Caller, Permission, VoiceRules, proceed
from musicbot.domain.ids import GuildId
from musicbot.domain.tracklist import Tracklist


class RemoveDuplicates:
    """Songs queued twice (the same page) keep their first place only; returns how many went."""

    def __init__(self, registry: PlayerRegistry) -> None:
        self._registry = registry
        self._rules = VoiceRules(registry)

    async def execute(self, command: ControlCommand, *, accepted: Accepted = proceed) -> CountResult:
        self._rules.authorize(Permission.CONTROL, command.guild_id, command.caller)
        await accepted()
        return CountResult(count=await self._registry.get(command.guild_id).edit_queue(Tracklist.remove_duplicates))


@dataclass(frozen=True, slots=True, kw_only=True)
class FairQueueCommand:
    guild_id: GuildId
    caller: Caller  # who asks: the use-case applies the voice rules to them
    on: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class FairQueueResult:
    on: bool
    requesters: int  # people whose songs take turns now (0 when off, or nothing is queued)


class SetFairQueue:
    """On: the upcoming songs take turns by requester (one each, round after round) and every song added at the
    end goes to its requester's next turn; off: songs queue in the order they come. Kept for the guild (saved
    first, then applied)."""

    def __init__(self, registry: PlayerRegistry, settings: GuildSettingsStore) -> None:
        self._registry = registry
        self._rules = VoiceRules(registry)
        self._settings = settings

    async def execute(self, command: FairQueueCommand, *, accepted: Accepted = proceed) -> FairQueueResult:
        self._rules.authorize(Permission.CONTROL, command.guild_id, command.caller)
        await accepted()
        await self._settings.update(command.guild_id, lambda s: replace(s, fair_queue=command.on))
        player = self._registry.find(command.guild_id)
        if player is None or player.closed:
            return FairQueueResult(on=command.on, requesters=0)

        def switch(tracklist: Tracklist) -> int:
            tracklist.fair = command.on
            return tracklist.fair_order() if command.on else 0

        return FairQueueResult(on=command.on, requesters=await player.edit_queue(switch))
