"""After a restart: rejoin each saved queue's voice channel and take the queue up where it was.

Runs once, when the bot is first ready (the guilds and their channels are known then). A guild whose voice
channel is gone has its saved queue dropped; a guild the bot does not know is left alone (its queue may be the
console's, which shares the data directory). A rejoin that fails is logged and the queue kept for the next start.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

import discord
import structlog

from musicbot.application.persistence.snapshot import QueueSnapshot
from musicbot.application.timecode import format_duration
from musicbot.application.use_cases.queue_resume import ResumeQueueResult
from musicbot.domain.ids import GuildId
from musicbot.entrypoints.discord.context import humans_in
from musicbot.entrypoints.formatting import songs
from musicbot.entrypoints.storage import Storage

if TYPE_CHECKING:
    from musicbot.entrypoints.discord.bot import MusicBot

log = structlog.get_logger(__name__)

AT_ONCE = 4  # voice connections opened together: a restart with many guilds does not flood Discord


async def resume_saved_queues(bot: MusicBot, storage: Storage, *, at_once: int = AT_ONCE) -> int:
    """Resume every saved queue it can; returns how many were."""
    saved = await storage.saved_queues()
    if not saved:
        return 0
    gate = asyncio.Semaphore(at_once)

    async def one(snapshot: QueueSnapshot) -> bool:
        async with gate:
            return await _resume(bot, storage, snapshot)

    resumed = sum(await asyncio.gather(*(one(snapshot) for snapshot in saved)))
    log.info("saved queues taken up", resumed=resumed, saved=len(saved))
    return resumed


async def _resume(bot: MusicBot, storage: Storage, snapshot: QueueSnapshot) -> bool:
    guild_id = snapshot.guild_id
    guild = bot.get_guild(guild_id)
    if guild is None:
        log.info("a saved queue's guild is unknown to the bot; left as it is", guild_id=guild_id)
        return False
    channel = guild.get_channel(snapshot.voice_channel_id)
    if not isinstance(channel, discord.VoiceChannel | discord.StageChannel):
        log.info("a saved queue's voice channel is gone; the queue is dropped", guild_id=guild_id)
        storage.forget(guild_id)
        return False
    if snapshot.text_channel_id is not None:
        bot.events.remember_channel(guild_id, snapshot.text_channel_id)
    try:
        result = await storage.resume(snapshot)
    except Exception as error:  # no permission to join, Discord away: kept for the next start
        log.warning("could not take a saved queue up", guild_id=guild_id, error=str(error) or type(error).__name__)
        return False
    if not result.resumed:
        return False
    auto_leave = bot.services.rules.auto_leave
    auto_leave.listeners_changed(guild_id, len(humans_in(channel)))  # nobody there: the alone timer starts
    if result.playing is not None and not result.paused:
        auto_leave.playback_started(guild_id)
    await bot.events.tell(GuildId(guild_id), discord.Embed(description=resumed_note(result)))
    return True


def resumed_note(result: ResumeQueueResult) -> str:
    more = f", {result.queued} more queued" if result.queued else ""
    if result.playing is None:
        return f"⏯ Back after a restart: {songs(result.queued)} queued."
    state = "paused" if result.paused else "playing"
    at = f" from {format_duration(result.position)}" if result.position >= 1 else ""
    return f"⏯ Back after a restart: **{result.playing.track.title}** {state}{at}{more}."
