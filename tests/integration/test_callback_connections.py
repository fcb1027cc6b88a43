"""The kept-alive connections that carry frame deferrals, against real HTTP servers on 127.0.0.1 (aiohttp's, and a
raw socket where the answer must be malformed or the timing exact)."""

from __future__ import annotations

import asyncio
import socket
import ssl
import threading
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import discord
import pytest
from aiohttp import web

from musicbot.entrypoints.discord.callback_connection import CallbackError
from musicbot.entrypoints.discord.callback_connections import CallbackConnections
from musicbot.entrypoints.discord.deferral import FirstAnswers
from musicbot.entrypoints.discord.frame_answers import FrameAnswers
from tests.support.discord_emulator.tls import EmulatorTls

PATH = "/interactions/7/token/callback"
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
Serve = Callable[..., Awaitable["Server"]]


class Server:
    """An aiohttp server recording each request and the connection (client port) it came on."""

    def __init__(self, handler: Handler | None = None) -> None:
        self.requests: list[tuple[int, str, dict[str, str], bytes]] = []
        self._handler = handler
        self.port = 0

    async def handle(self, request: web.Request) -> web.StreamResponse:
        peer = request.transport.get_extra_info("peername") if request.transport else ("", 0)
        self.requests.append((peer[1], request.path_qs, dict(request.headers), await request.read()))
        if self._handler is not None:
            return await self._handler(request)
        return web.Response(status=204)

    def connections(self) -> int:
        return len({port for port, *_ in self.requests})


@pytest.fixture
async def serve() -> AsyncIterator[Serve]:
    runners: list[web.AppRunner] = []

    async def start(handler: Handler | None = None, **options: object) -> Server:
        server = Server(handler)
        app = web.Application()
        app.router.add_post("/api/v10/interactions/{id}/{token}/callback", server.handle)
        runner = web.AppRunner(app, **options)  # type: ignore[arg-type]
        await runner.setup()
        runners.append(runner)
        site = web.TCPSite(runner, "127.0.0.1", 0, ssl_context=options.get("ssl_context"))  # type: ignore[arg-type]
        await site.start()
        server.port = runner.addresses[0][1]
        return server

    yield start
    for runner in runners:
        await runner.cleanup()


async def test_a_deferral_is_posted_as_discord_expects_and_its_connection_kept_for_the_next(serve: Serve) -> None:
    server = await serve()
    connections = CallbackConnections(f"http://127.0.0.1:{server.port}/api/v10", "DiscordBot (musicbot, 1)")
    try:
        first = await connections.post(PATH, b'{"type":5}')
        second = await connections.post("/interactions/8/other/callback", b'{"type":5,"data":{"flags":64}}')
    finally:
        await connections.aclose()
    assert (first.status, second.status) == (204, 204)
    (_, path, headers, body), (_, second_path, _, second_body) = server.requests
    assert (path, body) == ("/api/v10/interactions/7/token/callback", b'{"type":5}')
    assert (second_path, second_body) == ("/api/v10/interactions/8/other/callback", b'{"type":5,"data":{"flags":64}}')
    assert headers["User-Agent"] == "DiscordBot (musicbot, 1)"
    assert headers["Content-Type"] == "application/json"
    assert headers["Host"] == f"127.0.0.1:{server.port}"
    assert server.connections() == 1  # the second request went on the first one's connection


async def test_a_burst_opens_a_connection_per_request_under_way_and_reuses_them_afterwards(serve: Serve) -> None:
    async def slow(request: web.Request) -> web.Response:
        await asyncio.sleep(0.05)
        return web.Response(status=204)

    server = await serve(slow)
    connections = CallbackConnections(f"http://127.0.0.1:{server.port}/api/v10", "bot")
    try:
        answers = await asyncio.gather(*(connections.post(PATH, b"{}") for _ in range(20)))
        assert connections.connections == 20
        again = await asyncio.gather(*(connections.post(PATH, b"{}") for _ in range(20)))
    finally:
        await connections.aclose()
    assert {a.status for a in answers + again} == {204}
    assert server.connections() == 20


async def test_a_refusal_keeps_its_status_and_body_and_the_connection(serve: Serve) -> None:
    async def refuse(request: web.Request) -> web.Response:
        return web.json_response({"message": "Unknown interaction", "code": 10062}, status=404)

    server = await serve(refuse)
    connections = CallbackConnections(f"http://127.0.0.1:{server.port}/api/v10", "bot")
    try:
        refused = await connections.post(PATH, b'{"type":5}')
        again = await connections.post(PATH, b'{"type":5}')
    finally:
        await connections.aclose()
    assert refused.status == 404 and b"Unknown interaction" in refused.body
    assert again.status == 404
    assert server.connections() == 1


@pytest.mark.parametrize("ending", ["chunked", "close"])
async def test_an_answer_without_a_length_or_closing_the_connection_gives_its_status_then_a_new_connection(
    serve: Serve,
    ending: str,
) -> None:
    async def answer(request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse(status=500)
        if ending == "chunked":
            response.enable_chunked_encoding()
        else:
            response.force_close()
            response.content_length = 5
        await response.prepare(request)
        await response.write(b"oops!")
        await response.write_eof()
        return response

    server = await serve(answer)
    connections = CallbackConnections(f"http://127.0.0.1:{server.port}/api/v10", "bot")
    try:
        assert (await connections.post(PATH, b"{}")).status == 500
        assert (await connections.post(PATH, b"{}")).status == 500
    finally:
        await connections.aclose()
    assert server.connections() == 2  # neither connection was used again


async def test_a_connection_the_server_closed_while_idle_is_not_used(serve: Serve) -> None:
    server = await serve(keepalive_timeout=0.05)
    connections = CallbackConnections(f"http://127.0.0.1:{server.port}/api/v10", "bot")
    try:
        assert (await connections.post(PATH, b"{}")).status == 204
        await wait_until(lambda: connections.connections == 0)  # the server closed it
        assert (await connections.post(PATH, b"{}")).status == 204
    finally:
        await connections.aclose()
    assert server.connections() == 2


async def test_idle_connections_are_closed_after_idle_for(serve: Serve) -> None:
    server = await serve()
    connections = CallbackConnections(f"http://127.0.0.1:{server.port}/api/v10", "bot", idle_for=0.05)
    try:
        await asyncio.gather(*(connections.post(PATH, b"{}") for _ in range(3)))
        assert connections.connections == 3
        await wait_until(lambda: connections.connections == 0)
    finally:
        await connections.aclose()


async def test_tls_with_a_trusted_certificate(serve: Serve) -> None:
    tls = EmulatorTls()
    server = await serve(ssl_context=tls.server_context)
    trusted = CallbackConnections(f"https://127.0.0.1:{server.port}/api/v10", "bot", ssl_context=tls.trusting_context())
    untrusted = CallbackConnections(f"https://127.0.0.1:{server.port}/api/v10", "bot")  # the system's CAs only
    try:
        assert (await trusted.post(PATH, b"{}")).status == 204
        with pytest.raises(CallbackError, match="could not connect"):
            await untrusted.post(PATH, b"{}")
    finally:
        await trusted.aclose()
        await untrusted.aclose()
    assert len(server.requests) == 1


async def test_nothing_listening_and_no_answer_fail_the_request() -> None:
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        port = silent.getsockname()[1]  # bound, not listening: refused
        refused = CallbackConnections(f"http://127.0.0.1:{port}/api/v10", "bot")
        with pytest.raises(CallbackError, match="could not connect"):
            await refused.post(PATH, b"{}")
        await refused.aclose()
    with RawServer(answer=None) as raw:
        mute = CallbackConnections(f"http://127.0.0.1:{raw.port}/api/v10", "bot")
        with pytest.raises(CallbackError, match="no answer in time"):
            await mute.post(PATH, b"{}", timeout=0.2)
        await mute.aclose()


async def test_a_malformed_answer_fails_the_request_and_closes_its_connection() -> None:
    with RawServer(answer=b"SSH-2.0-OpenSSH_9.2\r\n\r\n") as raw:
        connections = CallbackConnections(f"http://127.0.0.1:{raw.port}/api/v10", "bot")
        with pytest.raises(CallbackError, match=r"not an HTTP/1\.1 answer"):
            await connections.post(PATH, b"{}")
        await wait_until(lambda: connections.connections == 0)
        await connections.aclose()


async def test_on_an_idle_connection_the_request_is_written_before_post_returns() -> None:
    with RawServer(answer=b"HTTP/1.1 204 No Content\r\n\r\n") as raw:
        connections = CallbackConnections(f"http://127.0.0.1:{raw.port}/api/v10", "bot")
        try:
            await connections.post(PATH, b"{}")  # opens the connection
            written = raw.requests_seen
            future = connections.post("/interactions/9/t/callback", b"{}")
            raw.wait_for_requests(written + 1, within=5)  # blocking the loop: only post() itself can have written
            assert (await future).status == 204
        finally:
            await connections.aclose()


async def test_after_aclose_a_request_fails_at_once(serve: Serve) -> None:
    server = await serve()
    connections = CallbackConnections(f"http://127.0.0.1:{server.port}/api/v10", "bot")
    await connections.post(PATH, b"{}")
    await connections.aclose()
    with pytest.raises(CallbackError, match="closed"):
        await connections.post(PATH, b"{}")
    await wait_until(lambda: connections.connections == 0)


def test_the_system_cas_are_not_loaded_when_a_pool_is_made(monkeypatch: pytest.MonkeyPatch) -> None:
    # The pool is made inside the first slash command's frame: loading the CAs there (~20 ms) blocked the loop
    # before that command's deferral was written.
    def loaded(*args: object, **kwargs: object) -> ssl.SSLContext:
        raise AssertionError("the system's CAs loaded on the event loop")

    monkeypatch.setattr(ssl, "create_default_context", loaded)
    connections = CallbackConnections("https://discord.com/api/v10", "bot")
    assert connections.base == "https://discord.com/api/v10"


def test_only_http_and_https_addresses() -> None:
    with pytest.raises(ValueError, match="not an http"):
        CallbackConnections("ws://127.0.0.1/api", "bot")


async def wait_until(condition: Callable[[], bool], within: float = 10.0) -> None:
    """`condition` polled every 10 ms (the pool's state changes on the loop, with no event to wait on)."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if condition():
            return
        await asyncio.sleep(0.01)
    raise AssertionError("the condition never held")


class RawServer:
    """One connection at a time on a thread: each request's head and body read (by Content-Length), then
    `answer` written (or nothing, when None)."""

    def __init__(self, answer: bytes | None) -> None:
        self._answer = answer
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        self.requests_seen = 0
        self._seen = threading.Condition()
        self._thread = threading.Thread(target=self._serve, daemon=True)

    def __enter__(self) -> RawServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._listener.close()

    def wait_for_requests(self, count: int, within: float) -> None:
        with self._seen:
            assert self._seen.wait_for(lambda: self.requests_seen >= count, timeout=within), "no request arrived"

    def _serve(self) -> None:
        while True:
            try:
                connection, _ = self._listener.accept()
            except OSError:
                return
            with connection:
                buffer = b""
                while True:
                    while b"\r\n\r\n" not in buffer:
                        if not (chunk := connection.recv(65536)):
                            break
                        buffer += chunk
                    if b"\r\n\r\n" not in buffer:
                        break
                    head, _, buffer = buffer.partition(b"\r\n\r\n")
                    length = int(head.lower().split(b"content-length:")[1].split(b"\r\n")[0])
                    while len(buffer) < length:
                        buffer += connection.recv(65536)
                    buffer = buffer[length:]
                    with self._seen:
                        self.requests_seen += 1
                        self._seen.notify_all()
                    if self._answer is not None:
                        connection.sendall(self._answer)


async def test_with_a_proxy_the_deferral_goes_through_it(serve: Serve, monkeypatch: pytest.MonkeyPatch) -> None:
    proxy = await serve()  # aiohttp's server takes the proxy's absolute-form request line as a path
    monkeypatch.setattr(discord.http.Route, "BASE", "http://discord.invalid/api/v10")  # resolves nowhere
    client = discord.Client(intents=discord.Intents.none(), proxy=f"http://127.0.0.1:{proxy.port}")
    answers = FrameAnswers(client, FirstAnswers(), shutting_down=lambda: False)
    try:
        answer = await answers._post(PATH, b'{"type":5}')
    finally:
        await answers.aclose()
    assert answer.status == 204
    (_, path, headers, body), *_ = proxy.requests
    assert (path, headers["Host"], body) == ("/api/v10/interactions/7/token/callback", "discord.invalid", b'{"type":5}')


async def test_a_host_name_is_looked_up_once_for_a_burst_of_new_connections(
    serve: Serve, monkeypatch: pytest.MonkeyPatch
) -> None:
    server = await serve()
    loop = asyncio.get_running_loop()
    lookups: list[str] = []
    look_up = loop.getaddrinfo

    async def counted(host: str, *args: Any, **kwargs: Any) -> Any:
        lookups.append(host)
        return await look_up(host, *args, **kwargs)

    monkeypatch.setattr(loop, "getaddrinfo", counted)
    connections = CallbackConnections(f"http://localhost:{server.port}/api/v10", "bot")  # ::1 may come first: refused
    try:
        answers = await asyncio.gather(*(connections.post(PATH, b"{}") for _ in range(10)))
    finally:
        await connections.aclose()
    assert {a.status for a in answers} == {204}
    assert lookups == ["localhost"]
    assert server.connections() == 10
    assert {headers["Host"] for _, _, headers, _ in server.requests} == {f"localhost:{server.port}"}
