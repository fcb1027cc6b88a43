from dataclasses import dataclass

from musicbot.application.errors import NoVoiceChannel
from musicbot.application.playback.registry import PlayerRegistry
from musicbot.application.playback.voice_rules import Accepted, Caller, Permission, VoiceRules, proceed
from musicbot.domain.ids import ChannelId, GuildId, UserId


@dataclass(frozen=True, slots=True, kw_only=True)
class JoinCommand:
    """Call the bot into the caller's voice channel (it may leave a channel nobody listens in; taking it away
    from listeners needs the DJ role or Manage Server)."""

    guild_id: GuildId
    caller: Caller
    listeners: frozenset[UserId] = frozenset()  # the humans in the bot's voice channel now


@dataclass(frozen=True, slots=True, kw_only=True)
class JoinResult:
    channel_id: ChannelId
    moved: bool


class JoinVoice:
    def __init__(self, registry: PlayerRegistry) -> None:
        self._registry = registry
        self._rules = VoiceRules(registry)

    def authorize(self, command: JoinCommand) -> ChannelId:
        """The rule `execute` applies, and the caller's channel it lets the bot into; for a use-case that may take a
        saved queue up there instead of joining (`saved_queues/take_up.py`)."""
        self._rules.authorize(Permission.MOVE, command.guild_id, command.caller, listeners=len(command.listeners))
        channel_id = command.caller.voice_channel_id
        if channel_id is None:  # pragma: no cover - the MOVE rule refuses a caller outside voice
            raise NoVoiceChannel
        return channel_id

    async def execute(self, command: JoinCommand, *, accepted: Accepted = proceed) -> JoinResult:
        channel_id = self.authorize(command)
        await accepted()
        _, moved = await self._registry.join(command.guild_id, channel_id)
        return JoinResult(channel_id=channel_id, moved=moved)
