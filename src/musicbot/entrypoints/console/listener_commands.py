"""The listeners' commands at the console: filter, ... (the same use-cases and replies as on Discord)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from musicbot.application.guild.audio_filter import FilterCommand
from musicbot.application.lyrics.find import LyricsCommand
from musicbot.application.playback.common import ControlCommand
from musicbot.application.queue.queue_tracks import QueueTracksCommand
from musicbot.application.queue.tidy import FairQueueCommand
from musicbot.application.sources.search import SearchCommand
from musicbot.domain.audio_filter import AudioFilter, FilterPreset
from musicbot.domain.track import Track
from musicbot.entrypoints.console.commands import ConsoleIdentity, UsageError
from musicbot.entrypoints.formatting import song_label, songs
from musicbot.entrypoints.listener_services import ListenerServices
from musicbot.entrypoints.listener_text import fair_text, filter_text, lyrics_plain, track_label

_FILTER_USAGE = f"filter <{'|'.join(p.value for p in FilterPreset)}> [0.5-2.0 for speed and pitch]"


class ListenerCommands:
    def __init__(self, services: ListenerServices, identity: ConsoleIdentity) -> None:
        self._s = services
        self._id = identity
        self.table: dict[str, tuple[Callable[[str], Awaitable[str]], str]] = {
            "filter": (self.filter, _FILTER_USAGE),
            "lyrics": (self.lyrics, "lyrics [artist and title]: the words of the song playing, or of another"),
            "back": (self.back, "back: the song before plays again, then this one"),
            "replay": (self.replay, "replay: the song playing starts over"),
            "removedupes": (self.remove_dupes, "removedupes: songs queued twice keep their first place only"),
            "fair": (self.fair, "fair <on|off>: songs take turns by who asked for them (kept for the server)"),
            "search": (self.search, "search <words>: five songs to choose from with pick <n>"),
            "pick": (self.pick, "pick <n>: queue song n of the last search"),
        }
        self._found: tuple[Track, ...] = ()

    async def filter(self, args: str) -> str:
        words = args.split()
        if not words:
            raise UsageError(f"usage: {_FILTER_USAGE}")
        factor: float | None = None
        if len(words) > 1:
            try:
                factor = float(words[-1].lstrip("x×"))
                words = words[:-1]
            except ValueError:
                factor = None
        audio_filter = AudioFilter.parse(" ".join(words), factor)
        result = await self._s.audio_filter.execute(
            FilterCommand(guild_id=self._id.guild_id, caller=self._id.caller, audio_filter=audio_filter)
        )
        return filter_text(result.audio_filter)

    async def lyrics(self, args: str) -> str:
        result = await self._s.lyrics.execute(LyricsCommand(guild_id=self._id.guild_id, words=args.strip() or None))
        return lyrics_plain(result)

    @property
    def _control(self) -> ControlCommand:
        return ControlCommand(guild_id=self._id.guild_id, caller=self._id.caller)

    async def back(self, _: str) -> str:
        result = await self._s.back.execute(self._control)
        return f"Back to {song_label(result.song)}"

    async def replay(self, _: str) -> str:
        result = await self._s.replay.execute(self._control)
        return f"Replaying {result.song.track.title} from the start."

    async def remove_dupes(self, _: str) -> str:
        result = await self._s.remove_duplicates.execute(self._control)
        return f"Removed {songs(result.count)} queued twice."

    async def fair(self, args: str) -> str:
        mode = args.strip().lower()
        if mode not in ("on", "off"):
            raise UsageError("usage: fair <on|off>")
        result = await self._s.fair_queue.execute(
            FairQueueCommand(guild_id=self._id.guild_id, caller=self._id.caller, on=mode == "on")
        )
        return fair_text(result)

    async def search(self, args: str) -> str:
        result = await self._s.search.execute(SearchCommand(words=args))
        self._found = result.tracks
        lines = [f"{n}. {track_label(track)}" for n, track in enumerate(result.tracks, 1)]
        return "\n".join([*lines, "Queue one with pick <n>."])

    async def pick(self, args: str) -> str:
        try:
            index = int(args.strip())
        except ValueError:
            raise UsageError("usage: pick <n> (after search)") from None
        if not 1 <= index <= len(self._found):
            raise UsageError("search first, then pick one of its numbers")
        track = self._found[index - 1]
        result = await self._s.queue_tracks.execute(
            QueueTracksCommand(
                guild_id=self._id.guild_id,
                caller=self._id.caller,
                tracks=(track,),
            )
        )
        where = "playing now" if result.position == 0 else f"queued at #{result.position}"
        return f"{track.title}: {where}."
