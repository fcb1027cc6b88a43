"""At start, the console takes up the queue it had when it was closed (the same data directory)."""

from __future__ import annotations

from collections.abc import Callable

from musicbot.application.saved_queues.resume import ResumeQueueResult
from musicbot.application.support.timecode import format_duration
from musicbot.domain.errors import MusicBotError
from musicbot.entrypoints.console.commands import ConsoleIdentity
from musicbot.entrypoints.formatting import song_label, songs
from musicbot.entrypoints.messages import friendly_error
from musicbot.entrypoints.storage import Storage


async def resume_saved_queue(storage: Storage, identity: ConsoleIdentity, say: Callable[[str], None]) -> bool:
    """Resume the console guild's saved queue, if there is one; True when it was."""
    saved = next((s for s in await storage.saved_queues() if s.guild_id == identity.guild_id), None)
    if saved is None:
        return False
    try:
        result = await storage.resume(saved, voice_channel_id=identity.channel_id)
    except MusicBotError as error:
        say(f"✖ Could not take up the saved queue: {friendly_error(error, command_prefix='')}")
        return False
    if result.resumed:
        say(resumed_text(result))
    return result.resumed


def resumed_text(result: ResumeQueueResult) -> str:
    more = f"; {result.queued} more queued" if result.queued else ""
    dropped = f" ({result.dropped} did not fit in the queue)" if result.dropped else ""
    if result.playing is None:
        return f"⏯ Took up the saved queue: {songs(result.queued)} queued{dropped}."
    state = "paused" if result.paused else "playing"
    at = f" at {format_duration(result.position)}" if result.position >= 1 else ""
    return f"⏯ Took up the saved queue: {song_label(result.playing)} {state}{at}{more}{dropped}."
