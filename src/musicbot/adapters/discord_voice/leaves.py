"""One leave per leaving: discord.py 2.7.1 sent two for each join attempt that timed out.

When an attempt times out, discord.py's connector leaves (`VoiceConnectionState._wrap_connect` calls its
`disconnect()`: a voice state update with no channel, op 4, then the client's clean-up, which unregisters it);
then `Connectable.connect` (`abc.py`) calls `voice.disconnect(force=True)`, whose `_voice_disconnect` sends the
same leave again and waits up to the join timeout for Discord's word on it: a word that never reaches the client
(it is unregistered: discord.py routes VOICE_STATE_UPDATE to registered clients only) and that Discord does not
send for a leave of no channel. A failed attempt was a join and two leaves, three of the 120 gateway sends a
minute, under a burst where the window is what joins wait for. A member's disconnect did the same: discord.py
leaves on the unexpected update, and our leave of the channel followed with another.

`track` wraps the connection state's voice state sends (its join, move and leave) so that the client knows
whether the last one it sent was a leave (`MusicVoiceClient.left`: None before any); while it was, a leave is
not sent again: the state only goes to "disconnected", as discord.py's leave sets it. A leave that did not go out
(cancelled while discord.py's limiter held it, or the gateway down) is not counted as sent: the client still
`owes_leave`, and the next disconnect sends it (the joiner sends it at a turn of its own after a last failed
attempt: the attempt's timeout had cancelled discord.py's, and the bot stayed in the channel). `confirmed` waits
for Discord's word on the leave where one is still to come (discord.py waits so that a late "no channel" update
does not reach the next connection while it joins), through the client's events, which every update reaches.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from typing import Any, Protocol

import discord
from discord import voice_state

log = logging.getLogger(__name__)

_DISCONNECTED: Any = getattr(getattr(voice_state, "ConnectionFlowState", None), "disconnected", None)


class Leaving(Protocol):
    """The client side: whether the last voice state update its connection sent was a leave (None: none sent)."""

    left: bool | None


def track(voice: Leaving, state: Any) -> None:
    """Wrap `state`'s voice state sends (discord.py's `VoiceConnectionState` of `voice`) to keep `voice.left`, and
    make a leave sent right after a leave a no-op. Another discord.py (none of these methods): left as it is."""
    send_join: Callable[..., Awaitable[None]] | None = getattr(state, "_voice_connect", None)
    send_move: Callable[[Any], Awaitable[None]] | None = getattr(state, "_move_to", None)
    send_leave: Callable[[], Awaitable[None]] | None = getattr(state, "_voice_disconnect", None)
    if send_join is None or send_move is None or send_leave is None or _DISCONNECTED is None:
        log.warning("this discord.py's voice connection state has other sends: a failed join may leave twice")
        return

    async def join(**options: Any) -> None:
        voice.left = False  # before the send: a join that may have gone out is left again
        await send_join(**options)

    async def move(channel: Any) -> None:
        voice.left = False
        await send_move(channel)

    async def leave() -> None:
        if voice.left:  # Discord has it already; discord.py's leave also marks the state disconnected
            state.state = _DISCONNECTED
            log.debug("a voice leave in guild %s not sent again", getattr(state.guild, "id", None))
            return
        await send_leave()
        voice.left = True  # after the send: one that did not go out is sent by the next disconnect

    state._voice_connect, state._move_to, state._voice_disconnect = join, move, leave


def owes_leave(voice: Leaving) -> bool:
    """Its last voice state update was a join or a move (it may be in a channel), and no leave went out since."""
    return voice.left is False


async def confirmed(voice: discord.VoiceClient) -> None:
    """Wait up to discord.py's timeout (the join's) for Discord's VOICE_STATE_UPDATE saying the bot is in no
    channel of `voice`'s guild, unless it came already or none is to come (the bot is in no channel as far as the
    client knows: a join that got no answer). Read from the client's events: the connection state hears only
    while it is registered."""
    state = voice._connection
    disconnected = getattr(state, "_disconnected", None)
    if isinstance(disconnected, asyncio.Event) and disconnected.is_set():
        return
    inside_runner = getattr(state, "_inside_runner", None)
    if callable(inside_runner) and inside_runner():  # discord.py does not wait from its own poll loop either
        return
    guild = voice.guild
    me = guild.me
    if me is None or me.voice is None or me.voice.channel is None:
        return

    def gone(member: discord.Member, _before: discord.VoiceState, after: discord.VoiceState) -> bool:
        return member.id == me.id and member.guild.id == guild.id and after.channel is None

    with contextlib.suppress(TimeoutError):
        await voice.client.wait_for("voice_state_update", check=gone, timeout=voice.timeout)
