"""After a restart: rejoin each saved queue's voice channel and take the queue up where it was.

Runs once, when the bot is first ready (the guilds and their channels are known then). A guild whose voice
channel is gone has its saved queue dropped; a guild the bot does not know is left alone (its queue may be the
console's, which shares the data directory). A rejoin that fails (Discord does not answer in time) is said once
in the guild's text channel and tried again with a growing delay; the queue stays saved meanwhile, until it is
taken up (by a retry, or by a member's /join: `saved_queues/take_up.py`) or replaced (a member's /play starts a
new one).
With several processes sharing a database, each takes up only the queues of the servers its own shards serve.
"""

from __future__ import annotations

import asyncio
import enum
from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

import discord
import structlog

from musicbot.application.saved_queues.resume import ResumeQueueResult
from musicbot.application.support.timecode import format_duration
from musicbot.domain.ids import GuildId
from musicbot.domain.queue_snapshot import QueueSnapshot
from musicbot.entrypoints.discord.context import humans_in
from musicbot.entrypoints.formatting import songs
from musicbot.entrypoints.storage import Storage

if TYPE_CHECKING:
    from musicbot.entrypoints.discord.dependencies import BotServices
    from musicbot.entrypoints.discord.events import DiscordPlaybackEvents


class ResumingBot(Protocol):
    """What resuming asks of the bot (`bot.MusicBot`): named here, so the bot and this module do not import each
    other."""

    @property
    def events(self) -> DiscordPlaybackEvents: ...

    @property
    def services(self) -> BotServices: ...

    def owns(self, guild_id: int) -> bool: ...

    def get_guild(self, id: int, /) -> discord.Guild | None: ...


log = structlog.get_logger(__name__)

AT_ONCE = 4  # voice connections opened together: a restart with many guilds does not flood Discord
# Seconds between rejoin attempts of a queue whose first rejoin failed; the last one repeats until it works.
RETRY_DELAYS = (10.0, 30.0, 90.0, 300.0)


class Outcome(enum.Enum):
    RESUMED = "resumed"
    SKIPPED = "skipped"  # nothing to resume here (no such guild or channel, someone plays there already)
    FAILED = "failed"  # the rejoin failed: worth another try


async def resume_saved_queues(
    bot: ResumingBot, storage: Storage, *, at_once: int = AT_ONCE, retry_delays: Sequence[float] | None = None
) -> int:
    """Resume every saved queue it can; returns how many were (retries included)."""
    delays = RETRY_DELAYS if retry_delays is None else retry_delays
    saved = [snapshot for snapshot in await storage.saved_queues() if bot.owns(snapshot.guild_id)]
    if not saved:
        return 0
    gate = asyncio.Semaphore(at_once)

    async def one(snapshot: QueueSnapshot) -> bool:
        async with gate:
            outcome, reason = await _resume(bot, storage, snapshot)
        if outcome is Outcome.FAILED:
            return await _keep_trying(bot, storage, snapshot, reason, gate, delays)
        return outcome is Outcome.RESUMED

    resumed = sum(await asyncio.gather(*(one(snapshot) for snapshot in saved)))
    log.info("saved queues taken up", resumed=resumed, saved=len(saved))
    return resumed


async def _keep_trying(
    bot: ResumingBot,
    storage: Storage,
    snapshot: QueueSnapshot,
    reason: str,
    gate: asyncio.Semaphore,
    delays: Sequence[float],
) -> bool:
    guild_id = GuildId(snapshot.guild_id)
    channel = f"<#{snapshot.voice_channel_id}>"
    count = len(snapshot.upcoming) + (snapshot.current is not None)
    await bot.events.tell(
        guild_id,
        discord.Embed(
            description=f"⚠ After a restart I could not rejoin {channel}: {discord.utils.escape_markdown(reason)}. "
            f"The queue ({songs(count)}) is saved and I keep trying; /join takes it up now."
        ),
    )
    attempt = 0
    while delays:
        await asyncio.sleep(delays[min(attempt, len(delays) - 1)])
        attempt += 1
        # Read again: taken up by a /join and left since, or replaced by a member's /play, it is not ours to resume.
        saved = await storage.saved_queue(guild_id)
        if saved is None or saved.saved_at != snapshot.saved_at:
            log.info("a saved queue was taken up or replaced meanwhile; no more rejoins", guild_id=guild_id)
            return False
        async with gate:
            outcome, reason = await _resume(bot, storage, snapshot)
        log.info("rejoin after a restart tried again", guild_id=guild_id, attempt=attempt, outcome=outcome.value)
        if outcome is not Outcome.FAILED:
            return outcome is Outcome.RESUMED
    return False


async def _resume(bot: ResumingBot, storage: Storage, snapshot: QueueSnapshot) -> tuple[Outcome, str]:
    guild_id = snapshot.guild_id
    guild = bot.get_guild(guild_id)
    if guild is None:
        log.info("a saved queue's guild is unknown to the bot; left as it is", guild_id=guild_id)
        return Outcome.SKIPPED, ""
    channel = guild.get_channel(snapshot.voice_channel_id)
    if not isinstance(channel, discord.VoiceChannel | discord.StageChannel):
        log.info("a saved queue's voice channel is gone; the queue is dropped", guild_id=guild_id)
        storage.forget(guild_id)
        return Outcome.SKIPPED, ""
    player = bot.services.playback.registry.find(GuildId(guild_id))
    if player is not None and not player.closed and len(player.tracklist):
        return Outcome.SKIPPED, ""  # a member started something meanwhile: theirs wins
    if snapshot.text_channel_id is not None:
        bot.events.remember_channel(guild_id, snapshot.text_channel_id)
    try:
        result = await storage.resume(snapshot)
    except Exception as error:  # no permission to join, Discord away: kept, and tried again
        reason = str(error) or type(error).__name__
        log.warning("could not take a saved queue up", guild_id=guild_id, error=reason)
        return Outcome.FAILED, reason
    if not result.resumed:
        return Outcome.SKIPPED, ""
    auto_leave = bot.services.rules.auto_leave
    auto_leave.listeners_changed(guild_id, len(humans_in(channel)))  # nobody there: the alone timer starts
    if result.playing is not None and not result.paused:
        auto_leave.playback_started(guild_id)
    await bot.events.tell(GuildId(guild_id), discord.Embed(description=resumed_note(result)))
    return Outcome.RESUMED, ""


def resumed_note(result: ResumeQueueResult, *, again: bool = False) -> str:
    back = "Taken up again" if again else "Back after a restart"
    more = f", {result.queued} more queued" if result.queued else ""
    if result.playing is None:
        return f"⏯ {back}: {songs(result.queued)} queued."
    state = "paused" if result.paused else "playing"
    at = f" from {format_duration(result.position)}" if result.position >= 1 else ""
    return f"⏯ {back}: **{result.playing.track.title}** {state}{at}{more}."
