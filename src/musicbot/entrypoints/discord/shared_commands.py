"""The commands offered both as slash commands and as text commands ("!volume 50"): one entry each, the command
built from its arguments, the use-case executed, the presenter that says the result.

The text form is made from the entry alone (`cogs/text_commands.py`: its name, aliases and the arguments of
`run`); the slash form declares its options for Discord (descriptions, ranges, choices) and calls the same
entry with `deferring(interaction)` as `accepted`. A new command both forms offer is one entry here.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import discord

from musicbot.application.guild.audio_filter import FilterCommand, FilterResult
from musicbot.application.guild.repeat import RepeatCommand, RepeatResult
from musicbot.application.guild.volume import VolumeCommand, VolumeResult
from musicbot.application.guild.vote_skip import VoteSkipCommand, VoteSkipResult
from musicbot.application.playback.common import ControlCommand, CountResult, GuildCommand, SongResult
from musicbot.application.playback.join import JoinCommand
from musicbot.application.playback.leave import LeaveCommand, LeaveResult
from musicbot.application.playback.now_playing import NowPlaying
from musicbot.application.playback.play import PlayCommand, PlayResult
from musicbot.application.playback.seek import SeekCommand, SeekResult
from musicbot.application.playback.skip_to import SkipToCommand
from musicbot.application.playback.voice_rules import Accepted, proceed
from musicbot.application.queue.view import QueuePage, QueueQuery
from musicbot.application.saved_queues.take_up import JoinOrTakeUpResult
from musicbot.application.support.timecode import parse_seek
from musicbot.domain.audio_filter import AudioFilter
from musicbot.domain.errors import MusicBotError
from musicbot.domain.tracklist import RepeatMode
from musicbot.entrypoints.discord import embeds, presenters
from musicbot.entrypoints.discord.context import Invocation
from musicbot.entrypoints.discord.dependencies import BotServices
from musicbot.entrypoints.listener_text import filter_text

R = TypeVar("R")


class Usage(MusicBotError):
    """A command's words are off: how to write it."""


@dataclass(frozen=True, slots=True)
class Asked:
    """Who asks, and what to do once the use-case accepted the command (a slash command defers; text: nothing)."""

    who: Invocation
    accepted: Accepted = proceed

    @property
    def control(self) -> ControlCommand:
        return ControlCommand(guild_id=self.who.guild_id, caller=self.who.caller)


@dataclass(frozen=True, slots=True, kw_only=True)
class SharedCommand(Generic[R]):
    name: str
    run: Callable[..., Awaitable[R]]  # (services, asked, *its arguments) -> the use-case's result
    present: Callable[[R], discord.Embed]
    aliases: tuple[str, ...] = ()
    slow: bool = False  # the text form shows "typing…" while it runs (a link to resolve)

    async def __call__(self, services: BotServices, asked: Asked, *args: Any, **kwargs: Any) -> discord.Embed:
        return self.present(await self.run(services, asked, *args, **kwargs))


async def _play(s: BotServices, asked: Asked, *, query: str) -> PlayResult:
    return await _request(s, asked, query, play_next=False)


async def _play_next(s: BotServices, asked: Asked, *, query: str) -> PlayResult:
    return await _request(s, asked, query, play_next=True)


async def _request(s: BotServices, asked: Asked, query: str, *, play_next: bool) -> PlayResult:
    who = asked.who
    command = PlayCommand(
        guild_id=who.guild_id,
        caller=who.caller,
        query=query,
        play_next=play_next,
    )
    return await s.playback.play.execute(command, accepted=asked.accepted)


async def _join(s: BotServices, asked: Asked) -> JoinOrTakeUpResult:
    """Joins the caller's channel, or takes up the queue saved when the bot was put out of voice."""
    who = asked.who
    command = JoinCommand(guild_id=who.guild_id, caller=who.caller, listeners=who.listeners)
    return await s.join.execute(command, accepted=asked.accepted)


async def _pause(s: BotServices, asked: Asked) -> SongResult:
    return await s.playback.pause.execute(asked.control, accepted=asked.accepted)


async def _resume(s: BotServices, asked: Asked) -> SongResult:
    return await s.playback.resume.execute(asked.control, accepted=asked.accepted)


async def _skip(s: BotServices, asked: Asked) -> VoteSkipResult:
    who = asked.who
    command = VoteSkipCommand(guild_id=who.guild_id, caller=who.caller, listeners=who.listeners)
    return await s.rules.vote_skip.execute(command, accepted=asked.accepted)


async def _skip_to(s: BotServices, asked: Asked, index: int) -> SongResult:
    command = SkipToCommand(guild_id=asked.who.guild_id, caller=asked.who.caller, position=index)
    return await s.playback.skip_to.execute(command, accepted=asked.accepted)


async def _stop(s: BotServices, asked: Asked) -> CountResult:
    return await s.playback.stop.execute(asked.control, accepted=asked.accepted)


async def _seek(s: BotServices, asked: Asked, position: str) -> SeekResult:
    seconds, relative = parse_seek(position)  # a typo is answered before anything else happens
    command = SeekCommand(guild_id=asked.who.guild_id, caller=asked.who.caller, position=seconds, relative=relative)
    return await s.playback.seek.execute(command, accepted=asked.accepted)


async def _volume(s: BotServices, asked: Asked, level: int) -> VolumeResult:
    command = VolumeCommand(guild_id=asked.who.guild_id, caller=asked.who.caller, percent=level)
    return await s.playback.volume.execute(command, accepted=asked.accepted)


async def _repeat(s: BotServices, asked: Asked, mode: str) -> RepeatResult:
    try:
        chosen = RepeatMode(mode.lower())
    except ValueError:
        raise Usage("repeat takes off, track or queue") from None
    command = RepeatCommand(guild_id=asked.who.guild_id, caller=asked.who.caller, mode=chosen)
    return await s.playback.repeat.execute(command, accepted=asked.accepted)


async def _shuffle(s: BotServices, asked: Asked) -> CountResult:
    return await s.playback.shuffle.execute(asked.control, accepted=asked.accepted)


async def _filter(s: BotServices, asked: Asked, preset: str, amount: float | None = None) -> FilterResult:
    if s.listener is None:
        raise Usage("filters are not available here")
    audio_filter = AudioFilter.parse(preset, amount)  # a missing amount is answered before anything
    command = FilterCommand(guild_id=asked.who.guild_id, caller=asked.who.caller, audio_filter=audio_filter)
    return await s.listener.audio_filter.execute(command, accepted=asked.accepted)  # a new FFmpeg starts first


async def _leave(s: BotServices, asked: Asked) -> LeaveResult:
    command = LeaveCommand(guild_id=asked.who.guild_id, caller=asked.who.caller)
    return await s.playback.leave.execute(command, accepted=asked.accepted)


async def _queue(s: BotServices, asked: Asked, page: int = 1) -> QueuePage:
    return await s.playback.queue.execute(QueueQuery(guild_id=asked.who.guild_id, page=page))


async def _now_playing(s: BotServices, asked: Asked) -> NowPlaying:
    return await s.playback.now_playing.execute(GuildCommand(guild_id=asked.who.guild_id))


def _filtered(result: FilterResult) -> discord.Embed:
    return embeds.done(filter_text(result.audio_filter))


PLAY = SharedCommand(name="play", aliases=("p",), run=_play, present=embeds.play_result, slow=True)
PLAY_NEXT = SharedCommand(name="playnext", run=_play_next, present=embeds.play_result, slow=True)
JOIN = SharedCommand(name="join", run=_join, present=presenters.joined_or_taken_up)
PAUSE = SharedCommand(name="pause", run=_pause, present=presenters.paused)
RESUME = SharedCommand(name="resume", run=_resume, present=presenters.resumed)
SKIP = SharedCommand(name="skip", aliases=("s",), run=_skip, present=embeds.vote)
SKIP_TO = SharedCommand(name="skipto", run=_skip_to, present=presenters.jumped_to)
STOP = SharedCommand(name="stop", run=_stop, present=presenters.stopped)
SEEK = SharedCommand(name="seek", run=_seek, present=presenters.seeked)
VOLUME = SharedCommand(name="volume", aliases=("vol",), run=_volume, present=presenters.volume_set)
REPEAT = SharedCommand(name="repeat", run=_repeat, present=presenters.repeat_set)
SHUFFLE = SharedCommand(name="shuffle", run=_shuffle, present=presenters.shuffled)
FILTER = SharedCommand(name="filter", run=_filter, present=_filtered)
LEAVE = SharedCommand(name="leave", run=_leave, present=presenters.left)
QUEUE = SharedCommand(name="queue", aliases=("q",), run=_queue, present=embeds.queue_page)
NOW_PLAYING = SharedCommand(name="nowplaying", aliases=("np",), run=_now_playing, present=embeds.now_playing)

# Every command a text message may run, in the order `!help`-like listings would show them.
TEXT_COMMANDS: tuple[SharedCommand[Any], ...] = (
    PLAY, PLAY_NEXT, JOIN, PAUSE, RESUME, SKIP, SKIP_TO, STOP, SEEK, VOLUME, REPEAT, SHUFFLE, FILTER, LEAVE, QUEUE,
    NOW_PLAYING,
)  # fmt: skip
