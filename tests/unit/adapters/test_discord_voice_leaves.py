"""`leaves.track`: a connection sends no leave right after a leave, and never skips one that did not go out."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from discord.voice_state import ConnectionFlowState

from musicbot.adapters.discord_voice import leaves


class Client:
    left: bool | None = None


class State:
    """The voice state sends of discord.py 2.7.1's `VoiceConnectionState`, recorded instead of sent."""

    def __init__(self) -> None:
        self.state = ConnectionFlowState.connected
        self.guild = None
        self.sent: list[str] = []
        self.stuck: asyncio.Event | None = None  # set: the next send waits on it (discord.py's limiter holding it)

    async def _send(self, what: str) -> None:
        if self.stuck is not None:
            await self.stuck.wait()
        self.sent.append(what)

    async def _voice_connect(self, *, self_deaf: bool = False, self_mute: bool = False) -> None:
        await self._send("join")

    async def _move_to(self, channel: Any) -> None:
        await self._send("move")

    async def _voice_disconnect(self) -> None:
        self.state = ConnectionFlowState.disconnected
        await self._send("leave")


def tracked() -> tuple[Client, State]:
    client, state = Client(), State()
    leaves.track(client, state)
    return client, state


async def test_a_leave_right_after_a_leave_is_not_sent_and_the_state_is_disconnected() -> None:
    client, state = tracked()
    await state._voice_connect(self_deaf=True)
    await state._voice_disconnect()  # discord.py's connector, after the attempt timed out
    state.state = ConnectionFlowState.connected  # (whatever discord.py made of it since)
    await state._voice_disconnect()  # Connectable.connect's disconnect(force=True)
    assert state.sent == ["join", "leave"]
    assert client.left and state.state is ConnectionFlowState.disconnected
    assert not leaves.owes_leave(client)


async def test_every_join_or_move_is_left_again() -> None:
    client, state = tracked()
    assert not leaves.owes_leave(client)  # nothing sent yet
    for send in (state._voice_connect, state._voice_disconnect, state._voice_connect, state._voice_disconnect):
        await send()
    await state._move_to(object())
    await state._voice_disconnect()
    assert state.sent == ["join", "leave", "join", "leave", "move", "leave"]


async def test_a_leave_that_did_not_go_out_is_sent_by_the_next_disconnect() -> None:
    client, state = tracked()
    await state._voice_connect()
    state.stuck = asyncio.Event()
    held = asyncio.create_task(state._voice_disconnect())
    await asyncio.sleep(0)
    held.cancel()  # the attempt's timeout, while discord.py's limiter held the leave
    with pytest.raises(asyncio.CancelledError):
        await held
    assert leaves.owes_leave(client)
    state.stuck = None
    await state._voice_disconnect()
    assert state.sent == ["join", "leave"]


async def test_another_discord_py_keeps_its_own_sends(caplog: pytest.LogCaptureFixture) -> None:
    class Other:
        async def _voice_disconnect(self) -> None: ...

    state = Other()
    send = state._voice_disconnect
    leaves.track(Client(), state)
    assert state._voice_disconnect == send
    assert "may leave twice" in caplog.text
