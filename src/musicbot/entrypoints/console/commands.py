"""What each console command does: parse its words, call a use-case, say the result."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from musicbot.application.guild.repeat import RepeatCommand
from musicbot.application.guild.volume import VolumeCommand
from musicbot.application.playback.common import ControlCommand, GuildCommand
from musicbot.application.playback.join import JoinCommand
from musicbot.application.playback.leave import LeaveCommand
from musicbot.application.playback.play import PlayCommand
from musicbot.application.playback.seek import SeekCommand
from musicbot.application.playback.skip_to import SkipToCommand
from musicbot.application.playback.voice_rules import Caller
from musicbot.application.queue.load_playlist import LoadPlaylistCommand
from musicbot.application.queue.move import MoveCommand
from musicbot.application.queue.queue_tracks import QueueTracksCommand
from musicbot.application.queue.remove import RemoveCommand
from musicbot.application.queue.view import QueueQuery
from musicbot.application.support.timecode import parse_seek
from musicbot.domain.errors import MusicBotError
from musicbot.domain.ids import ChannelId, GuildId, UserId
from musicbot.domain.track import Track
from musicbot.domain.tracklist import RepeatMode
from musicbot.entrypoints.formatting import now_playing_text, song_label
from musicbot.entrypoints.services import PlaybackServices
from musicbot.entrypoints.wording import playback as said
from musicbot.entrypoints.wording.markup import PLAIN


class UsageError(MusicBotError):
    """The command's words are off; the message says how to write it."""


CONSOLE_GUILD, CONSOLE_CHANNEL, CONSOLE_USER = GuildId(1), ChannelId(1), UserId(1)


@dataclass(frozen=True, slots=True)
class ConsoleIdentity:
    """The console is one guild, one voice channel and one user."""

    guild_id: GuildId = CONSOLE_GUILD
    channel_id: ChannelId = CONSOLE_CHANNEL
    user_id: UserId = CONSOLE_USER

    @property
    def caller(self) -> Caller:
        """The one user, in the one voice channel: the use-cases' voice rules always let them through."""
        return Caller(user_id=self.user_id, voice_channel_id=self.channel_id)

    def queueing(self, tracks: tuple[Track, ...]) -> QueueTracksCommand:
        """The user's request for picked tracks (a search's, a recommendation's), as on Discord."""
        return QueueTracksCommand(
            guild_id=self.guild_id,
            caller=self.caller,
            tracks=tracks,
        )


def _int(text: str, usage: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise UsageError(f"usage: {usage}") from None


class PlaybackCommands:
    """The playback commands, shared word for word with the bot's slash commands."""

    def __init__(self, services: PlaybackServices, identity: ConsoleIdentity) -> None:
        self._s = services
        self._id = identity
        self.table: dict[str, tuple[Callable[[str], Awaitable[str]], str]] = {
            "join": (self.join, "join the voice channel"),
            "leave": (self.leave, "leave and free everything"),
            "play": (self.play, "play <url or search words>"),
            "playnext": (self.play_next, "playnext <url or words>: queue it to play next"),
            "aplay": (self.load_playlist, "aplay <playlist url>: queue a whole playlist (loads in the background)"),
            "pause": (self.pause, "pause"),
            "resume": (self.resume, "resume"),
            "skip": (self.skip, "skip the current song"),
            "skipto": (self.skip_to, "skipto <position>"),
            "stop": (self.stop, "stop and clear the queue"),
            "seek": (self.seek, "seek <1:23 or seconds>, or +10 / -30 from where it is"),
            "volume": (self.volume, "volume <0-200>"),
            "repeat": (self.repeat, "repeat <off|track|queue>"),
            "shuffle": (self.shuffle, "shuffle the upcoming songs"),
            "dequeue": (self.dequeue, "dequeue <position>: remove a song from the queue"),
            "move": (self.move, "move <from> <to>"),
            "clear": (self.clear, "clear the upcoming songs"),
            "queue": (self.queue, "queue [page]"),
            "nowplaying": (self.now_playing, "nowplaying: the song, with a progress bar"),
        }

    @property
    def _guild(self) -> GuildCommand:
        return GuildCommand(guild_id=self._id.guild_id)

    @property
    def _control(self) -> ControlCommand:
        return ControlCommand(guild_id=self._id.guild_id, caller=self._id.caller)

    async def join(self, _: str) -> str:
        result = await self._s.join.execute(JoinCommand(guild_id=self._id.guild_id, caller=self._id.caller))
        return said.joined(result, PLAIN)

    async def leave(self, _: str) -> str:
        result = await self._s.leave.execute(LeaveCommand(guild_id=self._id.guild_id, caller=self._id.caller))
        return said.left(result)

    async def play(self, args: str, *, play_next: bool = False) -> str:
        if not args.strip():
            raise UsageError("usage: play <url or search words>")
        result = await self._s.play.execute(
            PlayCommand(
                guild_id=self._id.guild_id,
                caller=self._id.caller,
                query=args,
                play_next=play_next,
            )
        )
        return said.played(result, PLAIN)

    async def play_next(self, args: str) -> str:
        return await self.play(args, play_next=True)

    async def load_playlist(self, args: str) -> str:
        if not args.strip():
            raise UsageError("usage: aplay <playlist url>")
        result = await self._s.load_playlist.execute(
            LoadPlaylistCommand(
                guild_id=self._id.guild_id,
                caller=self._id.caller,
                url=args,
            )
        )
        return said.loading(result, PLAIN)

    async def pause(self, _: str) -> str:
        result = await self._s.pause.execute(self._control)
        return said.paused(result, PLAIN)

    async def resume(self, _: str) -> str:
        result = await self._s.resume.execute(self._control)
        return said.resumed(result, PLAIN)

    async def skip(self, _: str) -> str:
        result = await self._s.skip.execute(self._guild)
        return said.skipped(result.skipped, result.now_playing, PLAIN)

    async def skip_to(self, args: str) -> str:
        position = _int(args, "skipto <position>")
        result = await self._s.skip_to.execute(
            SkipToCommand(guild_id=self._id.guild_id, caller=self._id.caller, position=position)
        )
        return said.jumped_to(result, PLAIN)

    async def stop(self, _: str) -> str:
        result = await self._s.stop.execute(self._control)
        return said.stopped(result)

    async def seek(self, args: str) -> str:
        position, relative = parse_seek(args)
        result = await self._s.seek.execute(
            SeekCommand(guild_id=self._id.guild_id, caller=self._id.caller, position=position, relative=relative)
        )
        return said.seeked(result, PLAIN)

    async def volume(self, args: str) -> str:
        percent = _int(args.strip().rstrip("%"), "volume <0-200>")
        result = await self._s.volume.execute(
            VolumeCommand(guild_id=self._id.guild_id, caller=self._id.caller, percent=percent)
        )
        return said.volume_set(result)

    async def repeat(self, args: str) -> str:
        try:
            mode = RepeatMode(args.strip().lower())
        except ValueError:
            raise UsageError("usage: repeat <off|track|queue>") from None
        result = await self._s.repeat.execute(
            RepeatCommand(guild_id=self._id.guild_id, caller=self._id.caller, mode=mode)
        )
        return said.repeat_set(result)

    async def shuffle(self, _: str) -> str:
        result = await self._s.shuffle.execute(self._control)
        return said.shuffled(result)

    async def dequeue(self, args: str) -> str:
        position = _int(args, "dequeue <position>")
        result = await self._s.remove.execute(
            RemoveCommand(guild_id=self._id.guild_id, caller=self._id.caller, position=position)
        )
        return said.removed(result, PLAIN)

    async def move(self, args: str) -> str:
        words = args.split()
        if len(words) != 2:
            raise UsageError("usage: move <from> <to>")
        source, target = (_int(w, "move <from> <to>") for w in words)
        result = await self._s.move.execute(
            MoveCommand(guild_id=self._id.guild_id, caller=self._id.caller, source=source, target=target)
        )
        return said.moved(result, target, PLAIN)

    async def clear(self, _: str) -> str:
        result = await self._s.clear.execute(self._control)
        return said.cleared(result)

    async def queue(self, args: str) -> str:
        page = _int(args, "queue [page]") if args.strip() else 1
        view = await self._s.queue.execute(QueueQuery(guild_id=self._id.guild_id, page=page))
        lines = [now_playing_text(view.now_playing) if view.now_playing else said.NOTHING_PLAYING]
        if not view.entries:
            lines.append(said.queue_empty(PLAIN))
        lines += [f"{entry.position:>3}. {song_label(entry.song)}" for entry in view.entries]
        if view.total:
            lines.append(said.queue_footer(view))
        return "\n".join(lines)

    async def now_playing(self, _: str) -> str:
        return now_playing_text(await self._s.now_playing.execute(self._guild))
