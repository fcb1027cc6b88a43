from dataclasses import dataclass

from musicbot.application.playback.voice_rules import Caller
from musicbot.domain.ids import GuildId
from musicbot.domain.song import Song


@dataclass(frozen=True, slots=True, kw_only=True)
class GuildCommand:
    """A command that needs nothing but the guild it is about."""

    guild_id: GuildId


@dataclass(frozen=True, slots=True, kw_only=True)
class SongResult:
    """The song a command acted on."""

    song: Song


@dataclass(frozen=True, slots=True, kw_only=True)
class CountResult:
    """How many songs a command touched."""

    count: int


@dataclass(frozen=True, slots=True, kw_only=True)
class ControlCommand:
    """A command that controls a guild's player: its use-case lets only a caller where it plays through."""

    guild_id: GuildId
    caller: Caller
