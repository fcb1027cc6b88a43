"""A real HTTP server on 127.0.0.1 that serves generated media the way the web does, for integration tests.

yt-dlp and FFmpeg talk to it exactly as they would to a website: Content-Type by extension, HEAD, byte
ranges (FFmpeg seeks with `Range: bytes=a-` to find an Ogg's duration and to honour `-ss`), and the failure
modes a music bot meets in the wild. Routes (every `<file>` is a path inside the served directory):

    /media/<file>                  the file itself; `Range: bytes=a-b`, `bytes=a-` and `bytes=-n` honoured
    /page/audio/<file>?title=T     an HTML page holding `<audio src="/media/<file>">` (`&absolute=1`: the src is a
                                   full http://127.0.0.1:PORT/... URL, so the page can be fetched under another name;
                                   `&expire=E`: the src carries `?expire=E`, as signed stream URLs do)
    /page/video/<file>?title=T     an HTML page holding `<video><source src="/media/<file>" type=...></video>`
    /page/empty?title=T            an HTML page with nothing playable on it
    /feed.rss?files=a.mp3,b.ogg    a podcast feed whose items enclose those URLs (absolute paths and URLs with a
                                   scheme kept as given); `&delay=S` on any feed waits S seconds first
    /feed.rss?count=N&file=a.wav   a feed of N items enclosing /media/a.wav?n=1 ... ?n=N (distinct URLs, one file)
    /page/list?count=N&file=a.wav  an HTML page holding N `<audio>` elements (/media/a.wav?n=i), titled "Audio list"
    /status/<code>                 an empty-ish response with that HTTP status (404, 429, 500, 503...)
    /slow/<file>?delay=S           waits S seconds (default `slow_delay`) before serving /media/<file>
    /truncated/<file>?bytes=N      announces the whole file's Content-Length, sends N bytes (default half), closes
    /stall/<file>?delay=S          FFmpeg's requests (they ask for ICY metadata) wait S seconds before the first byte,
                                   then get the file (`&then=close`: the connection is closed instead);
                                   `&skip=K` lets FFmpeg's first K requests of that URL through, `&times=N` stalls
                                   only the N after them. yt-dlp (another User-Agent) is always served at once.

Use it as a context manager (or `start()`/`stop()`); `url("/media/tone440.wav")` builds absolute URLs and
`requests` records what was asked (method, path, Range header) for assertions.
"""

from __future__ import annotations

import contextlib
import html
import mimetypes
import re
import threading
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from types import TracebackType
from urllib.parse import parse_qs, quote, unquote, urlsplit

from tests.support.local_http import LocalHttpServer

# Python's mimetypes table varies between machines; players rely on these being exact.
_CONTENT_TYPES = {
    ".wav": "audio/wav",
    ".mp3": "audio/mpeg",
    ".ogg": "audio/ogg",
    ".opus": "audio/ogg",
    ".webm": "audio/webm",
    ".m4a": "audio/mp4",
    ".flac": "audio/flac",
    ".html": "text/html; charset=utf-8",
}
_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")
_CHUNK = 64 * 1024


@dataclass(frozen=True, slots=True)
class RecordedRequest:
    method: str
    path: str
    range: str | None


def content_type(path: Path) -> str:
    return _CONTENT_TYPES.get(path.suffix.lower()) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"


class MediaServer:
    """Serves `root` on 127.0.0.1 (an ephemeral port) from a background thread."""

    def __init__(self, root: Path, *, slow_delay: float = 5.0) -> None:
        self.root = root.resolve()
        self.slow_delay = slow_delay
        self.requests: list[RecordedRequest] = []
        self.ffmpeg_requests: dict[str, int] = {}  # /stall/ URL -> FFmpeg requests seen
        self._lock = threading.Lock()
        self._http = LocalHttpServer("media-server")
        self._stopping = self._http.stopping  # wakes slow responses so shutdown does not wait for them

    @property
    def base_url(self) -> str:
        return self._http.base_url

    def url(self, path: str) -> str:
        return self.base_url + (path if path.startswith("/") else "/" + path)

    def start(self) -> MediaServer:
        self._http.start(_MediaHandler, server_ref=self)
        return self

    def stop(self) -> None:
        self._http.stop()

    def __enter__(self) -> MediaServer:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    def paths_requested(self) -> list[str]:
        with self._lock:
            return [r.path for r in self.requests]

    def _record(self, request: RecordedRequest) -> None:
        with self._lock:
            self.requests.append(request)

    def _count_ffmpeg(self, path: str) -> int:
        """How many FFmpeg requests of `path` came before this one."""
        with self._lock:
            seen = self.ffmpeg_requests.get(path, 0)
            self.ffmpeg_requests[path] = seen + 1
            return seen


class _MediaHandler(BaseHTTPRequestHandler):
    server_ref: MediaServer
    protocol_version = "HTTP/1.1"  # keep-alive and exact Content-Length, as real servers do

    def do_HEAD(self) -> None:
        self._dispatch(head=True)

    def do_GET(self) -> None:
        self._dispatch(head=False)

    def handle(self) -> None:
        # A client dropping a kept-alive connection between requests (FFmpeg does) is not a server error.
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            super().handle()

    def log_message(self, format: str, *args: object) -> None:  # the base class names it `format`
        pass  # tests read `requests` instead of stderr noise

    def _dispatch(self, *, head: bool) -> None:
        parts = urlsplit(self.path)
        path = unquote(parts.path)
        query = {key: values[-1] for key, values in parse_qs(parts.query).items()}
        self.server_ref._record(RecordedRequest(self.command, self.path, self.headers.get("Range")))
        try:
            if path.startswith("/media/"):
                self._send_file(path.removeprefix("/media/"), head=head)
            elif path.startswith("/page/audio/"):
                media = "/media" + quote(path.removeprefix("/page/audio"))
                if "expire" in query:  # like YouTube's signed stream URLs: `expire=<unix time>` in the query
                    media += "?expire=" + quote(query["expire"])
                src = self.server_ref.url(media) if query.get("absolute") == "1" else media
                self._send_page(query.get("title", "Audio page"), f'<audio controls src="{src}"></audio>')
            elif path.startswith("/page/video/"):
                name = path.removeprefix("/page/video/")
                kind = content_type(Path(name)).split(";")[0]
                source = f'<source src="/media/{quote(name)}" type="{kind}">'
                self._send_page(query.get("title", "Video page"), f"<video controls>{source}</video>")
            elif path == "/page/empty":
                self._send_page(query.get("title", "Nothing here"), "<p>No media on this page.</p>")
            elif path == "/feed.rss" and self.server_ref._stopping.wait(float(query.get("delay", "0"))):
                return
            elif path == "/feed.rss" and "count" in query:
                self._send_feed(",".join(_numbered(query.get("file", "tone440.wav"), int(query["count"]))))
            elif path == "/feed.rss":
                self._send_feed(query.get("files", ""))
            elif path == "/page/list":
                names = _numbered(query.get("file", "tone440.wav"), int(query.get("count", "3")))
                body = "".join(f'<audio controls src="{html.escape(name)}"></audio>' for name in names)
                self._send_page(query.get("title", "Audio list"), body)
            elif path.startswith("/status/") and path.removeprefix("/status/").isdigit():
                self._send_status(int(path.removeprefix("/status/")))
            elif path.startswith("/slow/"):
                if self.server_ref._stopping.wait(float(query.get("delay", self.server_ref.slow_delay))):
                    return
                self._send_file(path.removeprefix("/slow/"), head=head)
            elif path.startswith("/stall/"):
                self._send_stalled(path.removeprefix("/stall/"), query, head=head)
            elif path.startswith("/truncated/"):
                self._send_truncated(path.removeprefix("/truncated/"), query.get("bytes"))
            else:
                self._send_status(404)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (FFmpeg and yt-dlp often stop reading early): not a server error

    def _resolve(self, name: str) -> Path | None:
        candidate = (self.server_ref.root / name).resolve()
        if not candidate.is_relative_to(self.server_ref.root) or not candidate.is_file():
            return None
        return candidate

    def _send_file(self, name: str, *, head: bool) -> None:
        file = self._resolve(name)
        if file is None:
            self._send_status(404)
            return
        size = file.stat().st_size
        start, end = 0, size - 1
        status = HTTPStatus.OK
        requested = self.headers.get("Range")
        if requested:
            span = _parse_range(requested, size)
            if span is None:
                self.send_response(HTTPStatus.REQUESTED_RANGE_NOT_SATISFIABLE)
                self.send_header("Content-Range", f"bytes */{size}")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            start, end = span
            status = HTTPStatus.PARTIAL_CONTENT
        self.send_response(status)
        self.send_header("Content-Type", content_type(file))
        self.send_header("Accept-Ranges", "bytes")
        self.send_header("Content-Length", str(end - start + 1))
        if status == HTTPStatus.PARTIAL_CONTENT:
            self.send_header("Content-Range", f"bytes {start}-{end}/{size}")
        self.end_headers()
        if not head:
            self._copy(file, start, end - start + 1)

    def _copy(self, file: Path, start: int, length: int) -> None:
        with file.open("rb") as source:
            source.seek(start)
            while length > 0:
                chunk = source.read(min(_CHUNK, length))
                if not chunk:
                    break
                self.wfile.write(chunk)
                length -= len(chunk)

    def _send_truncated(self, name: str, sent: str | None) -> None:
        file = self._resolve(name)
        if file is None:
            self._send_status(404)
            return
        size = file.stat().st_size
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", content_type(file))
        self.send_header("Content-Length", str(size))
        self.send_header("Connection", "close")
        self.end_headers()
        self._copy(file, 0, int(sent) if sent else size // 2)
        self.wfile.flush()
        self.close_connection = True

    def _send_stalled(self, name: str, query: dict[str, str], *, head: bool) -> None:
        # FFmpeg's HTTP client asks for ICY metadata by default; yt-dlp does not (FFmpeg may send yt-dlp's
        # User-Agent, handed on with the stream's headers, so that cannot tell them apart).
        if self.headers.get("Icy-MetaData") or self.headers.get("User-Agent", "").startswith("Lavf"):
            seen = self.server_ref._count_ffmpeg(self.path)
            skip, times = int(query.get("skip", "0")), query.get("times")
            if seen >= skip and (times is None or seen < skip + int(times)):
                if self.server_ref._stopping.wait(float(query.get("delay", self.server_ref.slow_delay))):
                    return
                if query.get("then") == "close":
                    self.close_connection = True
                    return
        self._send_file(name, head=head)

    def _send_page(self, title: str, body: str) -> None:
        page = f"<!DOCTYPE html><html><head><title>{html.escape(title)}</title></head><body>{body}</body></html>"
        self._send_bytes(page.encode(), "text/html; charset=utf-8")

    def _send_feed(self, files: str) -> None:
        items = []
        for number, name in enumerate(filter(None, files.split(",")), start=1):
            if "://" in name:
                href = html.escape(name)  # another host, or a file:// URL a hostile feed might hold
            else:
                href = html.escape(self.server_ref.url(name if name.startswith("/") else f"/media/{name}"))
            items.append(
                f"<item><title>Episode {number}</title>"
                f'<enclosure url="{href}" type="{content_type(Path(urlsplit(name).path)).split(";")[0]}" length="0"/>'
                "</item>"
            )
        channel = f"<channel><title>Test feed</title>{''.join(items)}</channel>"
        feed = f'<?xml version="1.0"?><rss version="2.0">{channel}</rss>'
        self._send_bytes(feed.encode(), "application/rss+xml")

    def _send_status(self, code: int) -> None:
        phrase = HTTPStatus(code).phrase if code in HTTPStatus._value2member_map_ else "Custom status"
        self._send_bytes(f"{code} {phrase}\n".encode(), "text/plain", status=code)

    def _send_bytes(self, body: bytes, kind: str, *, status: int = 200) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


def _numbered(name: str, count: int) -> list[str]:
    """`count` distinct URLs (`/media/<name>?n=<i>`) of one file: a big playlist without big media."""
    return [f"/media/{quote(name)}?n={number}" for number in range(1, count + 1)]


def _parse_range(header: str, size: int) -> tuple[int, int] | None:
    """The inclusive byte span a single-range `Range` header asks for, or None when it cannot be served."""
    match = _RANGE.match(header.strip())
    if match is None or size == 0:
        return None
    first, last = match.groups()
    if not first:  # `bytes=-n`: the last n bytes
        if not last or int(last) == 0:
            return None
        return max(size - int(last), 0), size - 1
    start = int(first)
    end = min(int(last), size - 1) if last else size - 1
    if start >= size or end < start:
        return None
    return start, end
