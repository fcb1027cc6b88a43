"""How what a user typed is classified before yt-dlp sees it."""

from __future__ import annotations

from pathlib import Path

import pytest

from musicbot.adapters.ytdlp.queries import MAX_QUERY_LENGTH, QueryKind, parse_query
from musicbot.application.errors import InvalidQuery, TrackUnavailable


def parse(text: str, *, local: bool = False) -> tuple[QueryKind, str]:
    query = parse_query(text, default_search="ytsearch", allow_local_files=local)
    return query.kind, query.target


@pytest.mark.parametrize(
    "url", ["https://www.youtube.com/watch?v=abc", "http://127.0.0.1:8000/a.mp3", "HTTPS://EXAMPLE.COM/x"]
)
def test_web_links_are_extracted_as_they_are(url: str) -> None:
    assert parse(url) == (QueryKind.URL, url)


def test_a_link_in_angle_brackets_is_unwrapped() -> None:
    assert parse(" <https://example.com/a> ") == (QueryKind.URL, "https://example.com/a")


@pytest.mark.parametrize(
    ("words", "target"),
    [
        ("never gonna give you up", "ytsearch1:never gonna give you up"),
        ("Queen: Bohemian Rhapsody", "ytsearch1:Queen: Bohemian Rhapsody"),
        ("AC/DC thunderstruck", "ytsearch1:AC/DC thunderstruck"),
        ("song.mp3", "ytsearch1:song.mp3"),
    ],
)
def test_everything_else_is_search_words(words: str, target: str) -> None:
    assert parse(words) == (QueryKind.SEARCH, target)


def test_the_search_prefix_is_configurable() -> None:
    query = parse_query("lofi", default_search="scsearch", allow_local_files=False)

    assert query.target == "scsearch1:lofi"


@pytest.mark.parametrize(
    "text",
    [
        "ftp://example.com/a.mp3",
        "sftp://host/a",
        "javascript:alert(1)",
        "data:audio/wav;base64,AAAA",
        "view-source:https://example.com",
        "rtmp://live/stream",
    ],
)
def test_other_schemes_are_refused(text: str) -> None:
    with pytest.raises(InvalidQuery):
        parse(text)


@pytest.mark.parametrize("text", ["", "   ", "<>", "x" * (MAX_QUERY_LENGTH + 1), "https:///no-host"])
def test_empty_too_long_or_hostless_queries_are_refused(text: str) -> None:
    with pytest.raises(InvalidQuery):
        parse(text)


@pytest.mark.parametrize(
    "text", ["/etc/passwd", "/no/such/file.mp3", "./a.mp3", "../a.mp3", "~/a.mp3", "file:///etc/passwd"]
)
def test_local_paths_are_refused_without_looking_at_the_disk(text: str) -> None:
    with pytest.raises(InvalidQuery, match="local files can only be played from the console"):
        parse(text)


def test_local_files_become_file_urls_when_allowed(tmp_path: Path) -> None:
    song = tmp_path / "a song.mp3"
    song.write_bytes(b"\0")

    for text in (str(song), song.as_uri(), f"file://{tmp_path}/a%20song.mp3"):
        query = parse_query(text, default_search="ytsearch", allow_local_files=True)
        assert (query.kind, query.target, query.local_path) == (QueryKind.LOCAL, song.as_uri(), song)


def test_a_path_quoted_or_escaped_as_a_terminal_pastes_it_is_a_path(tmp_path: Path) -> None:
    song = tmp_path / "my song's.mp3"
    song.write_bytes(b"\0")
    escaped = str(song).replace(" ", "\\ ").replace("'", "\\'")

    for text in (f'"{song}"', f"  '{tmp_path}/my song'\\''s.mp3' ", escaped, f'"{song.as_uri()}"'):
        query = parse_query(text, default_search="ytsearch", allow_local_files=True)
        assert (query.kind, query.local_path) == (QueryKind.LOCAL, song), text


@pytest.mark.parametrize("text", ['"say my name"', "'don't stop me now", 'ac\\dc "back in black"'])
def test_quoted_search_words_stay_search_words(text: str) -> None:
    query = parse_query(text, default_search="ytsearch", allow_local_files=True)
    assert query.kind is QueryKind.SEARCH and query.target == f"ytsearch1:{text}"


def test_a_missing_local_file_is_unavailable(tmp_path: Path) -> None:
    with pytest.raises(TrackUnavailable, match="there is no file"):
        parse(str(tmp_path / "missing.mp3"), local=True)


def test_a_directory_is_not_a_playable_file(tmp_path: Path) -> None:
    with pytest.raises(TrackUnavailable):
        parse(str(tmp_path), local=True)
