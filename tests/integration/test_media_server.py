"""The test media server behaves like a real web server: other tests rely on its ranges and failure modes."""

from __future__ import annotations

import contextlib
import http.client
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.support.media_server import MediaServer


def get(url: str, headers: dict[str, str] | None = None, method: str = "GET") -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def test_files_are_served_whole_with_their_content_type(media_server: MediaServer, media_dir: Path) -> None:
    status, headers, body = get(media_server.url("/media/tone880.mp3"))

    assert status == 200
    assert headers["Content-Type"] == "audio/mpeg"
    assert headers["Accept-Ranges"] == "bytes"
    assert body == (media_dir / "tone880.mp3").read_bytes()


@pytest.mark.parametrize(
    ("header", "start", "end"), [("bytes=10-19", 10, 19), ("bytes=100-", 100, None), ("bytes=-16", -16, None)]
)
def test_byte_ranges_are_honoured(
    media_server: MediaServer, media_dir: Path, header: str, start: int, end: int | None
) -> None:
    whole = (media_dir / "tone660.ogg").read_bytes()
    expected = whole[start : end + 1 if end is not None else None]

    status, headers, body = get(media_server.url("/media/tone660.ogg"), {"Range": header})

    assert status == 206
    assert body == expected
    first = start if start >= 0 else len(whole) + start
    assert headers["Content-Range"] == f"bytes {first}-{first + len(expected) - 1}/{len(whole)}"


def test_an_unsatisfiable_range_is_416(media_server: MediaServer) -> None:
    status, headers, _ = get(media_server.url("/media/tone440.wav"), {"Range": "bytes=99999999-"})

    assert status == 416
    assert headers["Content-Range"].startswith("bytes */")


def test_head_gives_the_length_without_a_body(media_server: MediaServer, media_dir: Path) -> None:
    status, headers, body = get(media_server.url("/media/tone550.m4a"), method="HEAD")

    assert (status, body) == (200, b"")
    assert int(headers["Content-Length"]) == (media_dir / "tone550.m4a").stat().st_size
    assert headers["Content-Type"] == "audio/mp4"


@pytest.mark.parametrize("path", ["/media/nope.mp3", "/media/../../etc/passwd", "/elsewhere"])
def test_unknown_paths_are_404(media_server: MediaServer, path: str) -> None:
    assert get(media_server.url(path))[0] == 404


@pytest.mark.parametrize("code", [403, 404, 429, 500, 503])
def test_status_routes_answer_that_status(media_server: MediaServer, code: int) -> None:
    assert get(media_server.url(f"/status/{code}"))[0] == code


def test_pages_embed_the_media(media_server: MediaServer) -> None:
    audio = get(media_server.url("/page/audio/tone880.mp3?title=A%20%3Cb%3E"))[2].decode()
    video = get(media_server.url("/page/video/tone660.ogg"))[2].decode()

    assert '<audio controls src="/media/tone880.mp3">' in audio
    assert "<title>A &lt;b&gt;</title>" in audio
    assert '<source src="/media/tone660.ogg" type="audio/ogg">' in video


def test_a_slow_response_waits_before_answering(media_server: MediaServer) -> None:
    started = time.perf_counter()

    status, _, _ = get(media_server.url("/slow/tone440.wav?delay=0.3"), method="HEAD")

    assert status == 200
    assert time.perf_counter() - started >= 0.3


def test_a_truncated_body_stops_short_of_its_length(media_server: MediaServer) -> None:
    with urllib.request.urlopen(media_server.url("/truncated/tone440.wav?bytes=1000"), timeout=5) as response:
        assert int(response.headers["Content-Length"]) > 1000
        with pytest.raises(http.client.IncompleteRead) as caught:
            response.read()

    assert len(caught.value.partial) == 1000


def test_requests_are_recorded_with_their_range(own_media_server: MediaServer) -> None:
    get(own_media_server.url("/media/tone440.wav"), {"Range": "bytes=0-1"})

    assert [(r.path, r.range) for r in own_media_server.requests] == [("/media/tone440.wav", "bytes=0-1")]


def test_stopping_does_not_wait_for_slow_responses(media_dir: Path) -> None:
    server = MediaServer(media_dir, slow_delay=30).start()

    def wait_for_it() -> None:
        with contextlib.suppress(OSError, http.client.HTTPException):  # the server hangs up on stop: expected
            get(server.url("/slow/tone440.wav"))

    waiting = threading.Thread(target=wait_for_it, daemon=True)
    waiting.start()
    time.sleep(0.1)
    started = time.perf_counter()

    server.stop()

    assert time.perf_counter() - started < 2
