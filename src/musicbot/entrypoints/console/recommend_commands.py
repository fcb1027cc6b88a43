"""The console's `recommend` and `radio`: songs from plain words, queued at once, and a queue that keeps going."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from musicbot.application.queue.queue_tracks import QueueTracksCommand
from musicbot.application.recommendation.errors import NotAMusicRequest
from musicbot.application.recommendation.radio import RadioCommand
from musicbot.application.recommendation.recommend import Recommendations, RecommendCommand
from musicbot.domain.track import Track
from musicbot.entrypoints.console.commands import ConsoleIdentity, UsageError
from musicbot.entrypoints.formatting import songs
from musicbot.entrypoints.services import RecommendationServices

DRY = "--dry"
RECOMMEND_USAGE = "recommend [--dry] <what you feel like: a genre, a mood, an activity, an artist...>"
RADIO_USAGE = "radio <on|off>"


def track_line(track: Track) -> str:
    return f"{track.artist} - {track.title}" if track.artist else track.title


def recommendations_text(found: Recommendations) -> str:
    how = "AI" if found.used_ai else "offline"
    lines = [f"Recommended for “{found.intent.describe()}” ({how}):"]
    lines += [f"{n:>3}. {track_line(track)}" for n, track in enumerate(found.tracks, start=1)]
    return "\n".join(lines)


class RecommendationCommands:
    def __init__(self, services: RecommendationServices, identity: ConsoleIdentity) -> None:
        self._s = services
        self._id = identity
        self.table: dict[str, tuple[Callable[[str], Awaitable[str]], str]] = {
            "recommend": (self.recommend, f"{RECOMMEND_USAGE}: queue songs that fit (--dry: only show them)"),
            "radio": (self.radio, f"{RADIO_USAGE}: keep the queue going with songs like what played"),
        }

    async def recommend(self, args: str) -> str:
        words = args.split()
        dry = DRY in words
        prompt = " ".join(word for word in words if word != DRY)
        if not prompt:
            raise UsageError(f"usage: {RECOMMEND_USAGE}")
        try:
            found = await self._s.recommend.execute(
                RecommendCommand(
                    guild_id=self._id.guild_id,
                    user_id=self._id.user_id,
                    prompt=prompt,
                    listeners=frozenset({self._id.user_id}),
                )
            )
        except NotAMusicRequest as chat:  # "hi bot": a question back, not an error
            return chat.question
        text = recommendations_text(found)
        if dry:
            return text + "\n(not queued: run it again without --dry to queue them)"
        result = await self._s.queue_tracks.execute(
            QueueTracksCommand(
                guild_id=self._id.guild_id,
                caller=self._id.caller,
                tracks=found.tracks,
            )
        )
        where = "the first playing now" if result.position == 0 else f"from #{result.position}"
        left = f"; {result.left_out} left out (the queue is full)" if result.left_out else ""
        return f"{text}\nQueued {songs(result.queued)}, {where}{left}."

    async def radio(self, args: str) -> str:
        mode = args.strip().lower()
        if mode not in {"on", "off"}:
            raise UsageError(f"usage: {RADIO_USAGE}")
        status = await self._s.radio.execute(
            RadioCommand(guild_id=self._id.guild_id, user_id=self._id.user_id, on=mode == "on")
        )
        if not status.on:
            return "Radio is off."
        if status.queued:
            return f"Radio is on: queued {songs(len(status.queued))} like what played lately."
        return "Radio is on: songs like what played lately will follow when the queue runs low."
