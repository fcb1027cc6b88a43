"""A slash command's first answer straight from its gateway frame, before discord.py builds the interaction.

discord.py's own way to a first answer: parse the frame, build the `Interaction` (member, channel, resolved
data), dispatch it through the command tree, transform its options, run the tree's check, then the callback's
POST with `?with_response=1` and the parse of the message Discord returns. Measured with a bot that does nothing
else (bench/ack_reference.py, 200 mixed commands at once on 2 cores), that path costs 0.25–0.35 ms of the event
loop per interaction, so the 200th answer left 43–62 ms after its frame whatever the bot did. Here the deferral
leaves from the frame: an 11-byte POST written on a kept-alive connection of our own while the frame is parsed
(`callback_connections.py`: aiohttp's request cost 100–170 µs of the loop, this one about 20), a 204 back, its
status all that is read; discord.py's handling of the frame (the interaction, the tree, the command) starts once
that deferral was answered, so no command's work runs between the first answers of a burst.

What is deferred here is what the commands would defer anyway (`deferral.DEFERRED_FIRST`, public "thinking…"),
and the reads answered at once (`deferral.ANSWERED_AT_ONCE`) only while `reads_from` first answers are already
under way, a burst: then their content follows as an edit, one request later. If the POST fails (Discord refused
it, the network), discord.py's handling goes on as if nothing was sent and the command defers itself (and a
deferral Discord took although its answer was lost is seen as done: `replies.defer`).

It replaces discord.py 2.7's INTERACTION_CREATE parser and sets `InteractionResponse._response_type`; with a
discord.py that has neither, nothing is installed and every answer goes discord.py's way.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import aiohttp
import discord
import structlog

from musicbot.entrypoints.discord.acks import ANSWERING, RECEIVED, acknowledged
from musicbot.entrypoints.discord.callback_connection import BODY_KEPT, Answer
from musicbot.entrypoints.discord.callback_connections import CallbackConnections
from musicbot.entrypoints.discord.deferral import (
    ANSWER_DEADLINE,
    ANSWERED_AT_ONCE,
    FirstAnswers,
    command_name,
    frame_deferral,
)
from musicbot.entrypoints.discord.replies import mark_deferred

log = structlog.get_logger(__name__)

READS_FROM = 8  # first answers under way from which a read is deferred at its frame
_FORGOTTEN_AFTER = 10.0  # seconds: an answer no command claimed (the tree found no command) is dropped

Parser = Callable[[Any], None]


@dataclass(slots=True)
class FrameAnswer:
    received: float  # perf_counter when the frame was parsed
    done: Callable[[], None]  # says its first answer left (`FirstAnswers.begin`)
    deferred: bool  # deferred here; else a read its command answers, counted as under way from its frame on
    answered: float | None = None  # perf_counter when Discord took the deferral; None while under way or failed


class FrameAnswers:
    """One per client. `install()` once the client exists; `claim()` in the tree's check; `aclose()` at close."""

    def __init__(
        self,
        client: discord.Client,
        answers: FirstAnswers,
        *,
        shutting_down: Callable[[], bool],
        reads_from: int = READS_FROM,
    ) -> None:
        self._client, self._answers, self._shutting_down = client, answers, shutting_down
        self.reads_from = reads_from  # first answers under way from which a read is deferred at its frame
        self._answered: dict[int, FrameAnswer] = {}  # by interaction id, in the order of the frames
        self._session: aiohttp.ClientSession | None = None  # only with a proxy and no session of discord.py's
        self._connections: CallbackConnections | None = None
        self._posts: set[asyncio.Future[Answer]] = set()

    def install(self) -> bool:
        """Answer from the frames from now on; False (and nothing changed) with a discord.py unlike 2.7's."""
        parsers: dict[str, Parser] | None = getattr(self._client._connection, "parsers", None)
        original = None if parsers is None else parsers.get("INTERACTION_CREATE")
        if parsers is None or original is None or "_response_type" not in discord.InteractionResponse.__slots__:
            log.warning("this discord.py has no INTERACTION_CREATE parser to wrap; first answers go its way")
            return False

        def parse(data: Any) -> None:
            try:
                answered = self._answer(data, original)
            except Exception:  # never let this cost the interaction: discord.py's way, as without us
                log.exception("could not answer an interaction from its frame")
                answered = False
            if not answered:
                original(data)

        parsers["INTERACTION_CREATE"] = parse
        return True

    def claim(self, interaction: discord.Interaction[Any]) -> bool:
        """In the tree's check, before anything else: True when this interaction was answered from its frame (its
        response is then marked deferred, as discord.py's own `defer()` would have, and its time is recorded). A
        read seen at its frame but left to its command keeps counting as a first answer under way."""
        answer = self._answered.pop(interaction.id, None)
        if answer is None:
            return False
        interaction.extras[RECEIVED] = answer.received
        if not answer.deferred:
            interaction.extras[ANSWERING] = answer.done  # `acks.answered` says it left
            return False
        if answer.answered is None:
            return False  # the POST failed: the command's own deferral tries again
        mark_deferred(interaction)
        acknowledged(interaction, at=answer.answered)
        return True

    async def aclose(self) -> None:
        """Once the deferrals under way were sent (at most Discord's 3 s): our connections (and the session of our
        own, if one was needed) closed."""
        try:
            if self._posts:
                await asyncio.wait(set(self._posts), timeout=ANSWER_DEADLINE)
        finally:
            if self._connections is not None:
                await self._connections.aclose()
                self._connections = None
            if self._session is not None:
                await self._session.close()
                self._session = None

    # --- the frame ---------------------------------------------------------------------------------------------
    def _answer(self, data: Any, original: Parser) -> bool:
        """Post the frame's deferral and hand the frame to discord.py once it is answered; False when this frame
        is not answered here (not a command deferred first, the bot stopping). A read left to its command counts
        as a first answer under way from now on."""
        name = command_name(data)
        if name is None or self._shutting_down():
            return False
        body = frame_deferral(name, under_way=self._answers.under_way(), reads_from=self.reads_from)
        if body is None and name not in ANSWERED_AT_ONCE:
            return False
        interaction_id = int(data["id"])
        self._forget_old()
        received, done = time.perf_counter(), self._answers.begin()
        answer = self._answered[interaction_id] = FrameAnswer(received, done, deferred=body is not None)
        if body is None:
            return False
        path = f"/interactions/{data['id']}/{data['token']}/callback"
        posted = self._post(path, json.dumps(body, separators=(",", ":")).encode())
        self._posts.add(posted)

        def then(finished: asyncio.Future[Answer]) -> None:
            self._posts.discard(finished)
            self._posted(finished, data, answer)
            done()
            try:
                original(data)  # discord.py builds the interaction and runs the command now
            except Exception:
                log.exception("discord.py could not handle an interaction answered from its frame")

        posted.add_done_callback(then)
        return True

    def _post(self, path: str, body: bytes) -> asyncio.Future[Answer]:
        """The deferral on its way: written on a kept-alive connection of our own before this returns when one is
        idle (`callback_connections.py`); through discord.py's session when it goes through a proxy."""
        http = self._client.http
        if http.proxy is None:
            return self._connections_now().post(path, body, timeout=ANSWER_DEADLINE)
        return asyncio.ensure_future(self._post_through_session(path, body))

    def _posted(self, finished: asyncio.Future[Answer], data: Any, answer: FrameAnswer) -> None:
        said = {"interaction_id": data["id"], "command": command_name(data), "guild_id": data.get("guild_id")}
        try:
            reply = finished.result()
        except (Exception, asyncio.CancelledError) as error:  # the network, a timeout, the bot closing
            log.warning("a deferral could not be sent", error=repr(error), **said)  # the command defers itself
            return
        if reply.status >= 300:
            refusal = reply.body.decode("utf-8", "replace")
            log.warning("Discord refused a deferral", status=reply.status, body=refusal, **said)
            return
        answer.answered = time.perf_counter()

    async def _post_through_session(self, path: str, body: bytes) -> Answer:
        http = self._client.http
        async with self._session_now().post(
            f"{discord.http.Route.BASE}{path}",
            data=body,
            headers={"User-Agent": http.user_agent, "Content-Type": "application/json"},
            proxy=http.proxy,
            proxy_auth=http.proxy_auth,
            timeout=aiohttp.ClientTimeout(total=ANSWER_DEADLINE),  # later, Discord takes no first answer
        ) as response:
            return Answer(response.status, (await response.read())[:BODY_KEPT] if response.status >= 300 else b"")

    def _connections_now(self) -> CallbackConnections:
        """Our own kept-alive connections to discord.py's API address, made at the first deferral."""
        if self._connections is None:
            self._connections = CallbackConnections(discord.http.Route.BASE, self._client.http.user_agent)
        return self._connections

    def _session_now(self) -> aiohttp.ClientSession:
        """With a proxy: discord.py's own session (its proxy settings, its warm connections). One of our own only
        if that is not there (another discord.py, or the client logged out)."""
        theirs = getattr(self._client.http, "_HTTPClient__session", None)
        if isinstance(theirs, aiohttp.ClientSession) and not theirs.closed:
            return theirs
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0))
        return self._session

    def _forget_old(self) -> None:
        expired = time.perf_counter() - _FORGOTTEN_AFTER
        while self._answered:
            interaction_id, answer = next(iter(self._answered.items()))
            if answer.received >= expired:
                return
            del self._answered[interaction_id]
            answer.done()
