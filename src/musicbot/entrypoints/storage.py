"""Storage as a driver sees it: migrations at start, saved queues to resume, and a shutdown that loses nothing.

`start` brings the schema to the newest revision (what `musicbot db upgrade` does), or with `migrate=False`
(MUSICBOT_DATABASE_MIGRATE=check, several processes on one database) only checks it is there: `schema_problem`
says, before the bot starts, that a reachable database is behind. When the database cannot be
reached or migrated, the driver runs without persistence rather than not at all: one warning line, queues and
history are not saved, and playlist commands answer that storage is unavailable. A database URL that cannot be
understood is a configuration error instead: `url_problem` says so before anything starts.

While the bot runs, every `checkpoint_every` seconds the queues that are playing are saved again, so that a
restart after a crash resumes close to where each song was (changes are saved as they happen anyway).

Shutdown order: `suspend` (every queue saved as it is now, the saver stopped) before the players close, so that
closing them does not delete what the next start resumes; `close` (history writes finished, engine disposed)
after everything else.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable

import structlog
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from musicbot.adapters.sql import Database, async_url
from musicbot.adapters.sql.migrate import current_revision, head_revision, upgrade_async
from musicbot.application.history.recorder import PlayHistoryRecorder
from musicbot.application.playback.player import GuildPlayer
from musicbot.application.playback.registry import PlayerRegistry
from musicbot.application.saved_queues.live_queues import LiveQueues
from musicbot.application.saved_queues.restore_all import RestoreQueues
from musicbot.application.saved_queues.resume import ResumeQueue, ResumeQueueCommand, ResumeQueueResult
from musicbot.application.storage_errors import PersistenceError
from musicbot.domain.ids import ChannelId, GuildId
from musicbot.domain.queue_snapshot import QueueSnapshot

log = structlog.get_logger(__name__)


def url_problem(url: str) -> str | None:
    """What is wrong with a database URL (None: it can be used); the password is never repeated."""
    try:
        async_url(url)
    except (ArgumentError, ValueError) as error:
        return f"bad MUSICBOT_DATABASE_URL: {error}"
    return None


async def schema_problem(url: str) -> str | None:
    """When the database answers and its schema is not the newest: one line saying so (None otherwise: a
    database that cannot be reached is `Storage.start`'s warning, not a refusal to start)."""
    try:
        revision = await current_revision(url)
    except Exception:  # unreachable now: the bot starts without storage, as with migrations on
        return None
    if revision == head_revision():
        return None
    at = f"at revision {revision}" if revision else "empty"
    return (
        f"the database's schema is behind ({at}, this version needs {head_revision()}): run `musicbot db upgrade` "
        "once, then start the bot (MUSICBOT_DATABASE_MIGRATE=check)"
    )


def shown(url: str) -> str:
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "(unreadable URL)"


def one_line(error: BaseException) -> str:
    """An exception as one line: its type, the first line of its message (drivers' messages run long)."""
    text = str(getattr(error, "orig", None) or error).strip().splitlines()
    return f"{type(error).__name__}: {text[0]}" if text else type(error).__name__


class Storage:
    def __init__(
        self,
        *,
        url: str,
        database: Database,
        live_queues: LiveQueues,
        history: PlayHistoryRecorder,
        restore: RestoreQueues,
        resume: ResumeQueue,
        registry: PlayerRegistry,
        checkpoint_every: float = 0.0,
        migrate: bool = True,
    ) -> None:
        self.url = url
        self._database = database
        self._live_queues = live_queues
        self._history = history
        self._restore = restore
        self._resume = resume
        self._registry = registry
        self._checkpoint_every = checkpoint_every
        self._migrate = migrate
        self._checkpoints: asyncio.Task[None] | None = None
        self.available = False

    async def start(self, *, save_queues: bool = True) -> bool:
        """Migrate the database; False (and one warning) when it cannot be used: nothing is saved then.

        `save_queues=False`: the live queues are neither saved nor deleted (a scripted console run leaves the
        saved queue as it found it); history and playlists work as usual."""
        try:
            if self._migrate:
                await upgrade_async(self.url)
            elif await current_revision(self.url) != head_revision():
                raise RuntimeError("the schema is behind: run `musicbot db upgrade`")
        except Exception as error:  # a driver's, SQLAlchemy's, Alembic's or the OS's: all mean "not usable now"
            log.warning(
                "storage unavailable: running without saving queues, history and playlists",
                database=shown(self.url),
                error=one_line(error),
            )
            self._live_queues.disable()
            self._history.disable()
            return False
        self.available = True
        if save_queues:
            self._live_queues.enable()
        else:
            self._live_queues.disable()
        self._history.enable()
        log.info("storage ready", database=shown(self.url))
        if self._checkpoint_every > 0 and self._checkpoints is None:
            self._checkpoints = asyncio.get_running_loop().create_task(self._checkpoint(), name="queue-checkpoints")
        return True

    async def _checkpoint(self) -> None:
        while True:
            await asyncio.sleep(self._checkpoint_every)
            self._live_queues.checkpoint(self._registry.players())

    async def saved_queues(self) -> tuple[QueueSnapshot, ...]:
        """The queues saved when the bot stopped (none when storage is unavailable)."""
        if not self.available:
            return ()
        try:
            return (await self._restore.execute()).snapshots
        except PersistenceError as error:
            log.warning("could not read the saved queues", error=str(error))
            return ()

    async def saved_queue(self, guild_id: GuildId) -> QueueSnapshot | None:
        """The guild's saved queue, if any (the `SavedQueueLookup` of /join taking a saved queue up)."""
        return next((s for s in await self.saved_queues() if s.guild_id == guild_id), None)

    async def resume(self, snapshot: QueueSnapshot, *, voice_channel_id: ChannelId | None = None) -> ResumeQueueResult:
        return await self._resume.execute(ResumeQueueCommand(snapshot=snapshot, voice_channel_id=voice_channel_id))

    def forget(self, guild_id: GuildId) -> None:
        """Do not resume this guild's saved queue (the bot is no longer there)."""
        self._live_queues.forget(guild_id)

    async def flush(self) -> bool:
        return await self._live_queues.flush()

    async def suspend(self, players: Iterable[GuildPlayer]) -> None:
        """Before the players close at shutdown: save each queue as it is and stop saving."""
        if self._checkpoints is not None:
            self._checkpoints.cancel()
            await asyncio.gather(self._checkpoints, return_exceptions=True)
        await self._live_queues.suspend(players)

    async def close(self) -> None:
        """Last: finish the history writes under way, then close the database's connections."""
        if self._checkpoints is not None:
            self._checkpoints.cancel()
            await asyncio.gather(self._checkpoints, return_exceptions=True)
        await self._history.close()
        await self._database.dispose()
