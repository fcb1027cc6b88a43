"""Our own voice reconnect, for when discord.py's is too slow or gives up.

discord.py reconnects a dropped voice websocket by itself, in 1-2 s when the voice server answers at once. It is
slow or stuck in two cases measured with 2.7.1: its socket-reader thread keeps waiting in `select()` on the *old*
UDP socket for up to 30 s, so the new connection's IP discovery waits too (23.7 s of silence for a plain discord.py
bot; our clients' reader, `link.PollingSocketReader`, looks again every second); and after a 4015 ("voice server
crashed") its resume waits for a connection state that Discord's answer never produces, until its timeout. So every
`CHECK_EVERY` seconds this looks at each guild's connection; one that has not been up for `takeover_after` seconds
is abandoned (discord.py's reconnect cancelled, the channel left) and joined again as a brand-new client, with a
fresh socket reader. The engine gets the new connection and plays on from where the lane stopped (a lane does not
advance while offline).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable

import discord

from musicbot.adapters.discord_voice.errors import VoiceConnectFailed
from musicbot.adapters.discord_voice.joiner import JoinPolicy, Turn, VocalChannel, VoiceJoiner, at_once
from musicbot.adapters.discord_voice.link import MusicVoiceClient, is_up
from musicbot.domain.ids import GuildId

log = logging.getLogger(__name__)

CHECK_EVERY = 0.25  # seconds
TAKEOVER_AFTER = 4.0  # seconds down before we reconnect ourselves (discord.py's own takes 1-2 s when it can)
# Our reconnect keeps trying for about half a minute, the time the engine waits before it gives the song up.
REPAIR_POLICY = JoinPolicy(attempts=5, attempt_timeout=5.0, backoff=1.0)

Attach = Callable[[GuildId, MusicVoiceClient], None]


class VoiceSupervisor:
    def __init__(
        self,
        joiner: VoiceJoiner,
        *,
        connection_of: Callable[[GuildId], object],
        attach: Attach,
        takeover_after: float = TAKEOVER_AFTER,
        policy: JoinPolicy = REPAIR_POLICY,
        turn_of: Callable[[GuildId], Turn] = lambda _guild_id: at_once,
    ) -> None:
        self._joiner = joiner
        self._turn_of = turn_of  # the join queue's turns: a repair's join and leave are gateway sends too
        self._connection_of = connection_of
        self._attach = attach
        self._takeover_after = takeover_after
        self._policy = policy
        self._down_since: dict[GuildId, float] = {}
        self._watched: set[GuildId] = set()
        self._repairs: dict[GuildId, asyncio.Task[None]] = {}
        self._loop_task: asyncio.Task[None] | None = None
        self.repaired = 0  # reconnects of ours that worked (figures for tests and logs)

    def watch(self, guild_id: GuildId) -> None:
        self._watched.add(guild_id)
        self._down_since.pop(guild_id, None)
        if self._loop_task is None or self._loop_task.done():
            self._loop_task = asyncio.get_running_loop().create_task(self._run(), name="voice-supervisor")

    async def unwatch(self, guild_id: GuildId) -> None:
        """The guild leaves on purpose: stop watching it and cancel a reconnect of ours under way."""
        self._watched.discard(guild_id)
        self._down_since.pop(guild_id, None)
        repair = self._repairs.pop(guild_id, None)
        if repair is not None and repair is not asyncio.current_task():
            repair.cancel()
            await asyncio.wait({repair})

    def repairing(self, guild_id: GuildId) -> bool:
        return guild_id in self._repairs

    async def aclose(self) -> None:
        for guild_id in list(self._repairs):
            await self.unwatch(guild_id)
        self._watched.clear()
        if self._loop_task is not None:
            self._loop_task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._loop_task

    async def _run(self) -> None:
        while self._watched:
            await asyncio.sleep(CHECK_EVERY)
            now = time.monotonic()
            for guild_id in list(self._watched):
                try:
                    self._check(guild_id, now)
                except Exception:  # one guild's oddity must not stop the others' supervision
                    log.exception("checking the voice connection of guild %s failed", guild_id)

    def _check(self, guild_id: GuildId, now: float) -> None:
        voice = self._connection_of(guild_id)
        if not isinstance(voice, MusicVoiceClient) or guild_id in self._repairs:
            return
        voice.note_drop()
        if is_up(voice):
            voice.recovered()
            self._down_since.pop(guild_id, None)
            return
        if voice.kicked:  # a member's disconnect is not ours to undo
            self._down_since.pop(guild_id, None)
            return
        since = self._down_since.setdefault(guild_id, now)
        if now - since >= self._takeover_after and isinstance(voice.channel, VocalChannel):
            task = asyncio.get_running_loop().create_task(self._repair(guild_id, voice.channel, now - since))
            self._repairs[guild_id] = task

    async def _repair(self, guild_id: GuildId, channel: VocalChannel, down_for: float) -> None:
        log.warning(
            "the voice connection of guild %s has been down for %.1f s; reconnecting it ourselves", guild_id, down_for
        )
        try:
            voice = await self._joiner.join(channel, policy=self._policy, turn=self._turn_of(guild_id))
        except VoiceConnectFailed as error:
            log.warning("our voice reconnect in guild %s failed: %s", guild_id, error)
            return
        except discord.DiscordException:
            log.exception("our voice reconnect in guild %s failed", guild_id)
            return
        finally:
            self._down_since.pop(guild_id, None)
            if self._repairs.get(guild_id) is asyncio.current_task():
                del self._repairs[guild_id]
        if guild_id not in self._watched:  # left meanwhile: the new connection is not wanted
            await voice.disconnect(force=True)
            return
        self.repaired += 1
        self._attach(guild_id, voice)
        log.info("the voice connection of guild %s is back (our reconnect)", guild_id)
