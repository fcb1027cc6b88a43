"""The voice gateway (v8, over TLS): HELLO → IDENTIFY → READY → (UDP IP discovery) → SELECT_PROTOCOL →
SESSION_DESCRIPTION, heartbeats, SPEAKING, RESUME; DAVE is negotiated off (`dave_protocol_version: 0`).

Each voice websocket session is a `VoiceConnection`; a guild's audio from all of them is its `VoiceRecording`.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import secrets
import time
from dataclasses import dataclass, field
from typing import Any

from aiohttp import WSMsgType, web

from tests.support.discord_emulator.arrivals import ArrivalLog
from tests.support.discord_emulator.http_util import log
from tests.support.discord_emulator.model import JSON
from tests.support.discord_emulator.notify import Notifier
from tests.support.discord_emulator.recording import VoiceRecording
from tests.support.discord_emulator.rtp import UdpVoiceReceiver

MODE = "aead_xchacha20_poly1305_rtpsize"
RESUMABLE_CODES = frozenset({4015, 1006})


@dataclass(eq=False)
class VoiceConnection:
    index: int
    guild_id: int
    user_id: int
    session_id: str
    token: str
    ssrc: int
    ws: web.WebSocketResponse | None
    transport: asyncio.Transport | None = None
    max_dave_protocol_version: int = 0
    mode: str | None = None
    secret_key: bytes = b""
    client_address: tuple[str, int] | None = None
    opened_at: float = field(default_factory=time.monotonic)
    closed_at: float | None = None
    close_code: int | None = None
    resumes: int = 0
    heartbeats: int = 0
    speaking: list[tuple[float, int]] = field(default_factory=list)
    seq: int = 0

    @property
    def open(self) -> bool:
        return self.ws is not None and not self.ws.closed and self.close_code is None


@dataclass(slots=True)
class _Expected:
    user_id: int
    session_id: str
    token: str


class VoiceServerHub:
    def __init__(
        self, udp: UdpVoiceReceiver, notifier: Notifier, *, decode_on_arrival: bool, lean: bool = False
    ) -> None:
        self.udp = udp
        self.notifier = notifier
        self.decode_on_arrival = decode_on_arrival
        self.lean = lean  # guilds not in `sampled` get an ArrivalLog, not a VoiceRecording (arrivals.py)
        self.sampled: set[int] = set()
        self.arrival_logs: dict[int, ArrivalLog] = {}
        self.endpoint = ""  # "127.0.0.1:PORT", set when the TLS site listens
        self.connections: list[VoiceConnection] = []
        self.recordings: dict[int, VoiceRecording] = {}
        self.frames_received: list[JSON] = []
        self._expected: dict[int, _Expected] = {}
        self._ssrcs = itertools.count(1000)
        self._tasks: set[asyncio.Task[None]] = set()

    def recording(self, guild_id: int) -> VoiceRecording:
        if guild_id not in self.recordings:
            self.recordings[guild_id] = VoiceRecording(guild_id, self.notifier, self.decode_on_arrival)
        return self.recordings[guild_id]

    def of_guild(self, guild_id: int) -> list[VoiceConnection]:
        return [c for c in self.connections if c.guild_id == guild_id]

    # --- called by the gateway -------------------------------------------------------------------------------

    def expect(self, guild_id: int, user_id: int, session_id: str) -> str:
        token = secrets.token_hex(8)
        self._expected[guild_id] = _Expected(user_id, session_id, token)
        return token

    def end(self, guild_id: int, code: int, delay: float = 0.0) -> None:
        """Close the guild's voice connections open now, after `delay` (later ones are left alone)."""
        targets = [c for c in self.of_guild(guild_id) if c.open]
        if targets:
            task = asyncio.get_running_loop().create_task(self._close_later(targets, code, delay))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    async def _close_later(self, targets: list[VoiceConnection], code: int, delay: float) -> None:
        await asyncio.sleep(delay)
        for connection in targets:
            await self.drop(connection, code)

    async def drop(self, connection: VoiceConnection, code: int | None) -> None:
        """Close the connection's websocket with `code`, or with None cut the TCP connection (1006, abnormal)."""
        if not connection.open or connection.ws is None:
            return
        connection.close_code = 1006 if code is None else code
        if code is None and connection.transport is not None:
            connection.transport.abort()
        else:
            await connection.ws.close(code=connection.close_code)

    async def close(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        for connection in self.connections:
            with contextlib.suppress(Exception):
                await self.drop(connection, 1001)

    # --- the websocket ---------------------------------------------------------------------------------------

    async def handle(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse(max_msg_size=0)
        await ws.prepare(request)
        await ws.send_str(json.dumps({"op": 8, "d": {"heartbeat_interval": 13750.0, "v": 8}}))
        connection: VoiceConnection | None = None
        try:
            async for msg in ws:
                if msg.type is WSMsgType.BINARY:
                    log.info("voice: binary (DAVE/MLS) frame ignored, opcode %s", msg.data[2:3].hex())
                    continue
                if msg.type is not WSMsgType.TEXT:
                    break
                frame = json.loads(msg.data)
                self.frames_received.append(frame)
                try:
                    connection = await self._on_frame(ws, connection, frame["op"], frame.get("d") or {})
                except ConnectionResetError:  # the client closed while its frame was answered: Discord drops it too
                    break
                if connection is not None and connection.ws is ws:
                    connection.transport = request.transport
        finally:
            if connection is not None and connection.ws is ws:
                connection.closed_at = time.monotonic()
                if connection.close_code is None:  # closed by the client (or the network), not by drop()
                    connection.close_code = ws.close_code
                self.notifier.changed()
        return ws

    async def _on_frame(
        self, ws: web.WebSocketResponse, connection: VoiceConnection | None, op: int, data: JSON
    ) -> VoiceConnection | None:
        if op == 3:
            await ws.send_str(json.dumps({"op": 6, "d": {"t": data.get("t")}}))
            if connection is not None:
                connection.heartbeats += 1
        elif op == 0:
            return await self._identify(ws, data)
        elif op == 7:
            return await self._resume(ws, data)
        elif connection is None:
            await ws.close(code=4003, message=b"Not authenticated")
        elif op == 1:
            await self._select_protocol(connection, data)
        elif op == 5:
            connection.speaking.append((time.monotonic(), int(data.get("speaking", 0))))
            self.notifier.changed()
        elif op in (12, 23, 31):  # client connect, DAVE transition ready / invalid commit: nothing to do
            pass
        else:
            log.error("voice: unknown opcode %s: %s", op, data)
        return connection

    async def _send(self, connection: VoiceConnection, op: int, data: Any) -> None:
        connection.seq += 1
        if connection.ws is not None:
            await connection.ws.send_str(json.dumps({"op": op, "d": data, "seq": connection.seq}))

    async def _identify(self, ws: web.WebSocketResponse, data: JSON) -> VoiceConnection | None:
        guild_id = int(data.get("server_id", 0))
        expected = self._expected.get(guild_id)
        if expected is None or expected.token != data.get("token"):
            await ws.close(code=4004, message=b"Authentication failed")
            return None
        if expected.session_id != data.get("session_id") or str(expected.user_id) != str(data.get("user_id")):
            await ws.close(code=4006, message=b"Session no longer valid")
            return None
        connection = VoiceConnection(
            index=len(self.of_guild(guild_id)),
            guild_id=guild_id,
            user_id=expected.user_id,
            session_id=expected.session_id,
            token=expected.token,
            ssrc=next(self._ssrcs),
            ws=ws,
            max_dave_protocol_version=int(data.get("max_dave_protocol_version", 0)),
        )
        self.connections.append(connection)
        self.recording(guild_id)
        ready = {"ssrc": connection.ssrc, "ip": self.udp.host, "port": self.udp.port, "modes": [MODE]}
        await self._send(connection, 2, ready)
        self.notifier.changed()
        return connection

    async def _select_protocol(self, connection: VoiceConnection, data: JSON) -> None:
        details = data.get("data") or {}
        if data.get("protocol") != "udp" or details.get("mode") != MODE:
            await self.drop(connection, 4016)  # Unknown encryption mode
            return
        connection.mode = MODE
        connection.client_address = (details["address"], int(details["port"]))
        connection.secret_key = secrets.token_bytes(32)
        if self.lean and connection.guild_id not in self.sampled:
            arrivals = self.arrival_logs.setdefault(connection.guild_id, ArrivalLog(connection.guild_id))
            self.udp.route_lean(connection.ssrc, arrivals)
        else:
            recording = self.recording(connection.guild_id)
            self.udp.route(connection.ssrc, connection.secret_key, connection.index, recording.add)
        description = {
            "mode": MODE,
            "secret_key": list(connection.secret_key),
            "dave_protocol_version": 0,
            "audio_codec": "opus",
            "video_codec": "H264",
            "media_session_id": secrets.token_hex(16),
        }
        await self._send(connection, 4, description)
        self.notifier.changed()

    async def _resume(self, ws: web.WebSocketResponse, data: JSON) -> VoiceConnection | None:
        guild_id = int(data.get("server_id", 0))
        candidates = [
            c
            for c in self.of_guild(guild_id)
            if c.token == data.get("token") and c.session_id == data.get("session_id")
        ]
        connection = candidates[-1] if candidates else None
        if connection is None or connection.open or connection.close_code not in RESUMABLE_CODES:
            await ws.close(code=4006, message=b"Session no longer valid")
            return None
        connection.ws, connection.closed_at, connection.close_code = ws, None, None
        connection.resumes += 1
        await self._send(connection, 9, None)
        self.notifier.changed()
        return connection
