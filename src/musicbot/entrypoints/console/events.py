from __future__ import annotations

from typing import TextIO

from musicbot.application.playback.events import BatchProgress
from musicbot.domain.ids import GuildId
from musicbot.domain.song import Song
from musicbot.entrypoints.formatting import song_label


class ConsoleEvents:
    """Tells the person at the terminal what the player did by itself."""

    def __init__(self, out: TextIO) -> None:
        self._out = out

    def _say(self, text: str) -> None:
        print(text, file=self._out, flush=True)

    async def song_started(self, guild_id: GuildId, song: Song) -> None:
        self._say(f"▶ Now playing: {song_label(song)}")

    async def song_failed(self, guild_id: GuildId, song: Song, reason: str) -> None:
        self._say(f"✖ Could not play {song.track.title}: {reason}")

    async def queue_finished(self, guild_id: GuildId) -> None:
        self._say("■ The queue is finished.")

    async def batch_progress(self, guild_id: GuildId, progress: BatchProgress) -> None:
        if progress.cancelled:
            self._say(f"⏹ Stopped loading {progress.title} ({progress.queued}/{progress.total} queued).")
            return
        state = "Loaded" if progress.done else "Loading"
        skipped = f", {progress.skipped} skipped" if progress.skipped else ""
        note = f" ({progress.note})" if progress.note and progress.done else ""
        self._say(f"⏬ {state} {progress.title}: {progress.queued}/{progress.total} queued{skipped}{note}")
