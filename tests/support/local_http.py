"""`LocalHttpServer`: a ThreadingHTTPServer on 127.0.0.1 (an ephemeral port) served from a daemon thread.

The tests' fakes (media, Spotify, OpenRouter) each bind their handler class to themselves through it.
`stopping` is set first at `stop()`, so a handler sleeping in a simulated delay wakes and shutdown never waits.
"""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class _Server(ThreadingHTTPServer):
    # socketserver's default listen backlog is 5: a burst of 100 FFmpegs connecting at once overflowed it, the
    # kernel dropped their SYNs and they retried 1, 3, 7, 15 s later ("Connection timed out"), which a benchmark
    # then read as the bot's first-audio time. A web server's backlog is in the hundreds or more.
    request_queue_size = 1024


class LocalHttpServer:
    def __init__(self, name: str) -> None:
        self.name = name
        self.stopping = threading.Event()
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def running(self) -> bool:
        return self._httpd is not None

    @property
    def base_url(self) -> str:
        """`http://127.0.0.1:<port>`."""
        if self._httpd is None:
            raise RuntimeError(f"the {self.name} is not running")
        host, port = self._httpd.server_address[:2]
        return f"http://{host!s}:{port}"

    def start(self, handler: type[BaseHTTPRequestHandler], **bound: object) -> str:
        """Serve `handler`, with `bound` as class attributes (what it serves); the base URL."""
        bound_handler = type(f"Bound{handler.__name__}", (handler,), dict(bound))
        self._httpd = _Server(("127.0.0.1", 0), bound_handler)
        self._httpd.daemon_threads = True
        self.stopping.clear()
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, name=self.name, daemon=True
        )
        self._thread.start()
        return self.base_url

    def stop(self) -> None:
        self.stopping.set()
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._httpd = None
        self._thread = None
