"""Joining a voice channel: each attempt under a timeout, a hung or failed attempt cleaned up, then retried.

The one place that performs "join with timeout and retries": `DiscordVoiceGateway.connect`, the supervisor's
own reconnect and (through them) the start-up resume all come here, and so can a join queue.

Why attempts hang: Discord's answer lost or late, or (before `link.StateChanges`) discord.py 2.7.1's
`VoiceConnectionState._wait_for_state` missing the VOICE_SERVER_UPDATE handled a few loop turns after the
VOICE_STATE_UPDATE woke it; the join then waits for its whole timeout. A second attempt almost always works, so
attempts are short (`attempt_timeout`) and the client a failed one left registered is abandoned, else the guild
stays "already connected" to nothing. A failed attempt is dear under a burst: the retry's join waits for room
in the window the failed one's sends filled (37 s once, in a 100-server burst). Those sends are its join and ONE
leave: discord.py's connector leaves when its timeout fires (`_wrap_connect`), and `Connectable.connect`'s
`disconnect(force=True)`, which sent the same leave again, sends none (`MusicVoiceClient.disconnect`, `leaves`);
nor does `_clear` (discord.py unregistered the client; a hung attempt's client, still registered, is left once).
The leave goes in the attempt's own turn, counted by the queue as it is sent (`sends.py`): a turn of its own
would have it wait behind the whole burst inside discord.py's connector, where the attempt's timeout cancels it.
When discord.py's limiter held it past that timeout anyway (cancelled unsent, the client unregistered, the bot
still in the channel), the next attempt's join supersedes it; after the last attempt it is sent at a turn of its
own (`_leave_owed`), else the bot stayed in the channel for good.

Each attempt is one or more gateway sends (the join; a leave of what a failed one left), so each takes a `turn`
of its own in the connection's join queue, the retries too: a retry sent at once after a timeout found
discord.py's limiter full under a burst and waited inside `channel.connect()` past its timeout again (three
servers of 200 never played). The backoff between attempts is waited outside any turn.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Protocol, TypeVar

import discord

from musicbot.adapters.discord_voice.errors import VoiceConnectFailed
from musicbot.adapters.discord_voice.leaves import owes_leave
from musicbot.adapters.discord_voice.link import MusicVoiceClient, abandon

log = logging.getLogger(__name__)

T = TypeVar("T")

VocalChannel = discord.VoiceChannel | discord.StageChannel
_ABANDON_TIMEOUT = 3.0


@dataclass(frozen=True, slots=True, kw_only=True)
class JoinPolicy:
    attempts: int = 3
    attempt_timeout: float = 8.0  # seconds; a join that works takes well under one
    backoff: float = 1.0  # seconds before the second attempt, doubled before each next one

    def __post_init__(self) -> None:
        if self.attempts < 1 or self.attempt_timeout <= 0 or self.backoff < 0:
            raise ValueError("a join needs at least one attempt, a positive timeout and a backoff >= 0")

    def delay(self, failed: int) -> float:
        """Seconds to wait after `failed` attempts failed."""
        return float(self.backoff * 2 ** (failed - 1))


class Turn(Protocol):
    """Runs `work` when the gateway connection may send (`JoinQueue.run`), returning what it returns."""

    def __call__(self, work: Callable[[], Awaitable[T]], /) -> Awaitable[T]: ...


async def at_once(work: Callable[[], Awaitable[T]]) -> T:
    """No queue: send now."""
    return await work()


class VoiceJoiner:
    def __init__(
        self, policy: JoinPolicy | None = None, *, sleep: Callable[[float], Awaitable[None]] = asyncio.sleep
    ) -> None:
        self.policy = policy or JoinPolicy()
        self._sleep = sleep
        self.attempts = 0  # made since start (figures for tests and logs)
        self.failures = 0

    async def join(
        self, channel: VocalChannel, *, policy: JoinPolicy | None = None, turn: Turn = at_once
    ) -> MusicVoiceClient:
        """A connected, self-deafened voice client in `channel`; raises `VoiceConnectFailed` with a reason. Each
        attempt waits for its `turn` first; its timeout starts then."""
        policy = policy or self.policy
        reason = f"I could not join {channel.name}"
        made: list[MusicVoiceClient] = []  # the clients of the attempts, in order
        for attempt in range(1, policy.attempts + 1):
            self.attempts += 1
            try:
                voice = await turn(lambda: self._attempt(channel, policy.attempt_timeout, made))
            except TimeoutError:
                reason = f"I could not join {channel.name} in time"
            except discord.DiscordException as error:
                reason = f"I could not join {channel.name}: {error}"
            else:
                if voice is not None:
                    return voice
                reason = f"I could not join {channel.name}"
            self.failures += 1
            log.warning(
                "joining voice channel %s of guild %s failed (attempt %d of %d): %s",
                channel.id,
                channel.guild.id,
                attempt,
                policy.attempts,
                reason,
            )
            if attempt < policy.attempts:
                await self._sleep(policy.delay(attempt))
        await _leave_owed(channel.guild, made, turn)
        raise VoiceConnectFailed(f"{reason}; try again")

    @staticmethod
    async def _attempt(channel: VocalChannel, seconds: float, made: list[MusicVoiceClient]) -> MusicVoiceClient | None:
        """One attempt, from a clean slate to a clean slate: None when it ended in another channel or none. Its
        client is added to `made` (discord.py unregisters it when it gives up, and may not have left)."""
        await _clear(channel.guild)

        def client(bot: discord.Client, where: discord.abc.Connectable) -> MusicVoiceClient:
            made.append(MusicVoiceClient(bot, where))
            return made[-1]

        try:
            # discord.py's own timeout fires first and cleans up after itself; ours catches whatever hangs past it.
            async with asyncio.timeout(seconds + 1.0):
                voice = await channel.connect(timeout=seconds, reconnect=True, self_deaf=True, cls=client)
        except (TimeoutError, discord.DiscordException):
            await _clear(channel.guild)  # what a hung attempt left registered would block the next one
            raise
        if voice.is_connected() and voice.channel is not None and voice.channel.id == channel.id:
            return voice
        await _clear(channel.guild)
        return None


async def _clear(guild: discord.Guild) -> None:
    stale = guild.voice_client
    if stale is not None:
        await abandon(stale, within=_ABANDON_TIMEOUT)


async def _leave_owed(guild: discord.Guild, made: list[MusicVoiceClient], turn: Turn) -> None:
    """Every attempt failed: if the last one that sent anything joined and its leave never went out (discord.py's,
    held by its limiter, was cancelled by the attempt's timeout; the client unregistered), leave now, at a turn of
    its own, else the bot stays in the channel. Not when a newer client is registered: it would be taken out."""
    sent = [voice for voice in made if voice.left is not None]
    if not sent or not owes_leave(sent[-1]):
        return

    async def leave() -> None:
        if guild.voice_client is None:  # (looked at again: the turn may have come long after)
            await abandon(sent[-1], within=_ABANDON_TIMEOUT)

    await turn(leave)
