"""The gateway websocket (v10, JSON text frames, no compression).

HELLO → IDENTIFY → READY → GUILD_CREATE per guild; heartbeats; RESUME replays what the bot missed; voice state
updates (op 4) answered with VOICE_STATE_UPDATE + VOICE_SERVER_UPDATE; member chunks (op 8). Everything the
emulator dispatches is filtered by the intents the session identified with.

Sharding as Discord does it: IDENTIFY's `shard` [id, count] makes a session per shard (from one process or
several), and an event about a guild goes only to the session of shard `(guild_id >> 22) % count`; an event
about no guild goes to every session. Without `shard`, one session gets everything.

Like Discord, a connection may send at most `SEND_LIMIT` frames (heartbeats included) per `SEND_WINDOW` seconds;
the frame over the limit closes it with code 4008 ("Rate limited"). The window opens with the first frame and
closes `SEND_WINDOW` s later; the next frame opens the next one (discord.py's own limiter counts the same way,
110 a window, heartbeats aside).
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import json
import secrets
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from aiohttp import WSMsgType, web

from tests.support.discord_emulator import payloads
from tests.support.discord_emulator.http_util import log
from tests.support.discord_emulator.model import JSON
from tests.support.discord_emulator.state import EmulatorState, Intent

SEND_LIMIT = 120
SEND_WINDOW = 60.0


class VoiceServer(Protocol):
    endpoint: str

    def expect(self, guild_id: int, user_id: int, session_id: str) -> str: ...

    def end(self, guild_id: int, code: int, delay: float = 0.0) -> None: ...


@dataclass(eq=False)
class _Connection:
    ws: web.WebSocketResponse
    queue: asyncio.Queue[tuple[int, str] | None] = field(default_factory=asyncio.Queue)
    sent_seq: int = 0
    window_start: float = 0.0
    window_count: int = 0

    def over_limit(self, limit: int, window: float) -> bool:
        """Counts a frame the bot sent; True when it is one too many for the window it falls in."""
        now = time.monotonic()
        if self.window_count == 0 or now >= self.window_start + window:
            self.window_start, self.window_count = now, 0
        self.window_count += 1
        return self.window_count > limit


@dataclass(eq=False)
class GatewaySession:
    id: str
    intents: int
    shard: list[int] | None
    seq: int = 0
    buffer: deque[tuple[int, str]] = field(default_factory=lambda: deque(maxlen=5000))
    connection: _Connection | None = None
    ready_seq: int = 0  # the seq of the last GUILD_CREATE sent after READY


class Gateway:
    def __init__(
        self,
        state: EmulatorState,
        voice: VoiceServer,
        *,
        url: str,
        heartbeat_interval: float,
        send_limit: int = SEND_LIMIT,
        send_window: float = SEND_WINDOW,
    ) -> None:
        self.state = state
        self.send_limit, self.send_window = send_limit, send_window
        self.rate_limit_closes = 0  # connections closed with 4008 for sending too much
        self.voice = voice
        self.url = url
        self.heartbeat_interval = heartbeat_interval
        self.sessions: dict[int, GatewaySession] = {}  # by shard id (0 without sharding)
        self.identifies = 0
        self.resumes = 0
        self.frames_received: list[JSON] = []
        self.ignored_joins: dict[int, int] = {}  # guild id -> voice joins (op 4 with a channel) left unanswered
        # guild id -> voice joins answered with a VOICE_STATE_UPDATE but no VOICE_SERVER_UPDATE
        self.withheld_servers: dict[int, int] = {}
        # guild id -> loop turns between a join's VOICE_STATE_UPDATE and its VOICE_SERVER_UPDATE (see `_voice_state`)
        self.voice_server_lag: dict[int, int] = {}
        self._lagging: set[asyncio.Task[None]] = set()
        self.routes: dict[int, int] = {}  # guild id -> shard id overriding Discord's rule (see `move_guild`)
        self._connections: set[_Connection] = set()
        # An INTERACTION_CREATE frame waiting in a connection's queue -> its interaction's id: stamped when written
        self._interaction_frames: dict[str, int] = {}
        state.dispatch = self.dispatch
        state.bot_connected = lambda: bool(self.sessions)

    # --- sending ---------------------------------------------------------------------------------------------

    @property
    def session(self) -> GatewaySession | None:
        """The first shard's session (the only one without sharding)."""
        return self.sessions[min(self.sessions)] if self.sessions else None

    def move_guild(self, guild_id: int, shard: int | None) -> None:
        """From now on the guild's events go to `shard`'s session (None: by Discord's rule again), which is sent
        the guild first: as when a guild's shard passes from one process to another (a re-split of shards)."""
        if shard is None:
            self.routes.pop(guild_id, None)
            return
        self.routes[guild_id] = shard
        guild = self.state.guilds[guild_id]
        payload = functools.partial(self.state.guild_create_payload, guild)
        self._dispatch_to(self.sessions[shard], "GUILD_CREATE", payload, Intent.GUILDS)

    def shard_of(self, guild_id: int) -> GatewaySession | None:
        """The session that serves the guild, by Discord's rule (or a test's `move_guild`)."""
        if not self.sessions:
            return None
        if guild_id in self.routes:
            return self.sessions.get(self.routes[guild_id])
        count = (self.session.shard or [0, 1])[1] if self.session else 1
        return self.sessions.get((guild_id >> 22) % count)

    def dispatch(self, event: str, data: JSON | Callable[[int], JSON], intent: int | None) -> None:
        if not self.sessions:
            return
        # The body is made once (for the first shard's intents) only to find its guild.
        probe = data(next(iter(self.sessions.values())).intents) if callable(data) else data
        guild = probe.get("guild_id") or (probe.get("id") if event.startswith("GUILD_") else None)
        targets = list(self.sessions.values()) if guild is None else [self.shard_of(int(guild))]
        for session in targets:
            if session is not None:
                self._dispatch_to(session, event, data, intent)

    def _dispatch_to(
        self, session: GatewaySession, event: str, data: JSON | Callable[[int], JSON], intent: int | None
    ) -> None:
        if intent is not None and not session.intents & intent:
            return
        body = data(session.intents) if callable(data) else data
        session.seq += 1
        frame = json.dumps({"op": 0, "t": event, "s": session.seq, "d": body})
        session.buffer.append((session.seq, frame))
        if event == "INTERACTION_CREATE" and session.connection is not None:
            self._interaction_frames[frame] = int(body["id"])
        if session.connection is not None:
            session.connection.queue.put_nowait((session.seq, frame))

    @staticmethod
    def _send(connection: _Connection, op: int, data: Any) -> None:
        connection.queue.put_nowait((0, json.dumps({"op": op, "d": data, "s": None, "t": None})))

    async def _writer(self, connection: _Connection) -> None:
        while (item := await connection.queue.get()) is not None:
            seq, frame = item
            try:
                await connection.ws.send_str(frame)
            except (ConnectionError, RuntimeError):
                return
            if seq:
                connection.sent_seq = seq
                if (interaction_id := self._interaction_frames.pop(frame, None)) is not None:
                    self._written(interaction_id)
                self.state.changed()

    def _written(self, interaction_id: int) -> None:
        interaction = self.state.interactions.get(interaction_id)
        if interaction is not None and interaction.dispatched_at is None:
            interaction.dispatched_at = time.monotonic()

    # --- test controls ---------------------------------------------------------------------------------------

    @property
    def ready(self) -> bool:
        """Every shard's session has been sent all its guilds."""
        return bool(self.sessions) and all(
            session.connection is not None and session.connection.sent_seq >= session.ready_seq > 0
            for session in self.sessions.values()
        )

    async def drop(self, code: int = 4000) -> None:
        """Close the bot's gateway connection (a resumable code makes discord.py RESUME)."""
        if self.session and self.session.connection:
            await self.session.connection.ws.close(code=code)

    def invalidate_session(self, shard: int = 0) -> None:
        """Op 9 (not resumable) to the shard's connection: discord.py forgets its session and IDENTIFYs again."""
        session = self.sessions.get(shard)
        if session is not None and session.connection is not None:
            self._send(session.connection, 9, False)

    def request_reconnect(self) -> None:
        if self.session and self.session.connection:
            self._send(self.session.connection, 7, None)

    async def close(self) -> None:
        for connection in list(self._connections):
            with contextlib.suppress(Exception):
                await connection.ws.close(code=1001)

    # --- receiving -------------------------------------------------------------------------------------------

    async def handle(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse(max_msg_size=0)
        await ws.prepare(request)
        connection = _Connection(ws)
        self._connections.add(connection)
        writer = asyncio.create_task(self._writer(connection), name="discord-emulator gateway writer")
        self._send(connection, 10, {"heartbeat_interval": int(self.heartbeat_interval * 1000)})
        session: GatewaySession | None = None
        try:
            async for msg in ws:
                if msg.type is not WSMsgType.TEXT:
                    await ws.close(code=4002, message=b"Decode error")
                    break
                frame = json.loads(msg.data)
                self.frames_received.append(frame)
                if connection.over_limit(self.send_limit, self.send_window):
                    log.error(
                        "gateway: more than %s frames in %s s; closing with 4008", self.send_limit, self.send_window
                    )
                    self.rate_limit_closes += 1
                    await ws.close(code=4008, message=b"Rate limited.")
                    break
                op, data = frame.get("op"), frame.get("d")
                if op == 1:
                    self._send(connection, 11, None)
                elif op == 2:
                    session = await self._identify(connection, data)
                elif op == 6:
                    session = await self._resume(connection, data)
                elif session is None:
                    await ws.close(code=4003, message=b"Not authenticated")
                elif op == 3:
                    self.state.presence = data
                elif op == 4:
                    self._voice_state(session, data)
                elif op == 8:
                    self._request_members(session, data)
                else:
                    log.error("gateway: unknown opcode %s: %s", op, frame)
                    await ws.close(code=4001, message=b"Unknown opcode")
        finally:
            # The socket is closed: frames still queued can go nowhere (a RESUME replays them from the buffer).
            writer.cancel()
            self._connections.discard(connection)
            if session is not None and session.connection is connection:
                session.connection = None
            await asyncio.gather(writer, return_exceptions=True)
        return ws

    async def _identify(self, connection: _Connection, data: JSON) -> GatewaySession | None:
        intents = int(data.get("intents", 0))
        shard = data.get("shard")
        if data.get("token") != self.state.token:
            await connection.ws.close(code=4004, message=b"Authentication failed")
            return None
        if intents & Intent.PRIVILEGED and not self.state.privileged_intents:
            await connection.ws.close(code=4014, message=b"Disallowed intent(s)")
            return None
        if shard and not (len(shard) == 2 and 0 <= shard[0] < shard[1]):
            await connection.ws.close(code=4010, message=b"Invalid shard")
            return None
        if shard and any((other.shard or [0, 1])[1] != shard[1] for other in self.sessions.values()):
            await connection.ws.close(code=4011, message=b"Sharding required (another shard count is in use)")
            return None
        self.identifies += 1
        session = GatewaySession(id=secrets.token_hex(16), intents=intents, shard=shard, connection=connection)
        self.sessions[shard[0] if shard else 0] = session  # a new IDENTIFY replaces the shard's session
        ready: JSON = {
            "v": 10,
            "user": payloads.bot_user(self.state.bot),
            "guilds": [{"id": str(g), "unavailable": True} for g in self.state.guilds if self._owns(shard, g)],
            "session_id": session.id,
            "session_type": "normal",
            "resume_gateway_url": self.url + "resume",
            "application": {"id": str(self.state.application_id), "flags": self.state.application_flags},
            "private_channels": [],
            "relationships": [],
            "presences": [],
            "guild_join_requests": [],
            "geo_ordered_rtc_regions": ["emulator"],
            "user_settings": {},
        }
        if shard:
            ready["shard"] = shard
        self._dispatch_to(session, "READY", ready, None)
        for guild in self.state.guilds.values():
            if self._owns(shard, guild.id):
                payload = self.state.guild_create_payload(guild, intents)
                self._dispatch_to(session, "GUILD_CREATE", payload, Intent.GUILDS)
        session.ready_seq = session.seq
        return session

    @staticmethod
    def _owns(shard: list[int] | None, guild_id: int) -> bool:
        return not shard or (guild_id >> 22) % shard[1] == shard[0]

    async def _resume(self, connection: _Connection, data: JSON) -> GatewaySession | None:
        session = next((one for one in self.sessions.values() if one.id == data.get("session_id")), None)
        if data.get("token") != self.state.token:
            await connection.ws.close(code=4004, message=b"Authentication failed")
            return None
        last = int(data.get("seq") or 0)
        missed = [item for item in session.buffer if item[0] > last] if session else []
        complete = session is not None and (not session.buffer or session.buffer[0][0] <= last + 1)
        if session is None or session.id != data.get("session_id") or not complete:
            self._send(connection, 9, False)
            return None
        self.resumes += 1
        if session.connection is not None and session.connection is not connection:
            await session.connection.ws.close(code=4009, message=b"Session resumed elsewhere")
        session.connection = connection
        for item in missed:
            connection.queue.put_nowait(item)
        self._dispatch_to(session, "RESUMED", {}, None)
        return session

    def _voice_state(self, session: GatewaySession, data: JSON) -> None:
        guild = self.state.guilds.get(int(data["guild_id"]))
        if guild is None:
            log.error("gateway: op 4 for unknown guild %s", data)
            return
        bot_id = self.state.bot.id
        previous = guild.voice_states.get(bot_id)
        if data.get("channel_id") is None:
            self.state.set_voice_state(guild, bot_id, None, session_id=session.id)
            self.voice.end(guild.id, 4014, delay=1.0)  # whatever the bot left open
            return
        if self.ignored_joins.get(guild.id, 0) > 0:
            self.ignored_joins[guild.id] -= 1
            log.info("gateway: a voice join in guild %s left unanswered (as asked)", guild.id)
            return
        channel = guild.channels.get(int(data["channel_id"]))
        if channel is None or not channel.is_voice:
            log.error("gateway: op 4 to a channel that is not a voice channel: %s", data)
            return
        moved = previous is not None and previous.channel_id != channel.id
        self.state.set_voice_state(guild, bot_id, channel, session_id=session.id)
        state = guild.voice_states[bot_id]
        state.self_mute, state.self_deaf = bool(data.get("self_mute")), bool(data.get("self_deaf"))
        if self.withheld_servers.get(guild.id, 0) > 0:
            self.withheld_servers[guild.id] -= 1
            log.info("gateway: a voice join in guild %s gets no voice server (as asked)", guild.id)
            return
        token = self.voice.expect(guild.id, bot_id, session.id)
        server = {"token": token, "guild_id": str(guild.id), "endpoint": self.voice.endpoint}
        lag = self.voice_server_lag.get(guild.id, 0)
        if lag:  # Discord's voice service answers on its own: the update often comes in a frame read after the other
            task = asyncio.create_task(self._server_update_after(lag, session, server))
            self._lagging.add(task)
            task.add_done_callback(self._lagging.discard)
        else:
            self._dispatch_to(session, "VOICE_SERVER_UPDATE", server, None)
        if moved:
            self.voice.end(guild.id, 4014, delay=0.05)

    async def _server_update_after(self, turns: int, session: GatewaySession, server: JSON) -> None:
        for _ in range(turns):
            await asyncio.sleep(0)
        self._dispatch_to(session, "VOICE_SERVER_UPDATE", server, None)

    def _request_members(self, session: GatewaySession, data: JSON) -> None:
        if not session.intents & Intent.GUILD_MEMBERS:
            log.error("gateway: member request without the GUILD_MEMBERS intent: %s", data)
            return
        guild_ids = data["guild_id"] if isinstance(data["guild_id"], list) else [data["guild_id"]]
        for guild_id in guild_ids:
            guild = self.state.guilds.get(int(guild_id))
            if guild is not None:
                self._dispatch_to(session, "GUILD_MEMBERS_CHUNK", self.state.members_chunk(guild, data), None)
