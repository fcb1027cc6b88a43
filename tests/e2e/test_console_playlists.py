"""Saved playlists at the console, end to end: the real program, a real SQLite file, real yt-dlp and FFmpeg."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.e2e.conftest import Run
from tests.support.audio_analysis import dominant_frequency, read_wav
from tests.support.media_server import MediaServer

pytestmark = pytest.mark.slow


def test_a_playlist_is_built_exported_imported_and_played(
    run_musicbot: Callable[..., Run], media_server: MediaServer, tmp_path: Path
) -> None:
    out, exported = tmp_path / "x.wav", tmp_path / "road.json"
    tone440, tone880 = media_server.url("/media/tone440.wav"), media_server.url("/media/tone880.mp3")
    script = [
        "playlists",
        f"add {tone440}",
        "create Road trip",
        "create ROAD TRIP",
        "create bad\x07name",
        "use road trip",
        f"add {tone440}",
        f"addto Road trip | {tone880}",
        f"addto Road trip | {media_server.url('/status/404')}",
        "addto Road trip",
        "playlists",
        "playlist Road trip",
        "premove Road trip | 1",
        "premove Road trip | 9",
        "playlist Road trip",
        f"export Road trip | {exported}",
        f"export Road trip | {exported}",
        "delete Road trip",
        "delete Road trip | yes",
        "playlist Road trip",
        f"import {exported} | Again",
        f"import {tmp_path / 'missing.json'}",
        "use Again",
        "help",
    ]
    result = run_musicbot("console", "--output", str(out), stdin="\n".join(script) + "\n")

    said = result.stdout
    assert result.returncode == 0, result.stderr
    assert "No playlists yet" in said
    assert "No playlist is active yet: make one with create, then pick it with use." in said
    assert "Created “Road trip”" in said
    assert "A playlist named “ROAD TRIP” already exists" in said
    assert "cannot contain control characters" in said
    assert "“Road trip” is now the active playlist. It is empty: add songs with add or addto." in said
    assert "Added tone440" in said and "at #1" in said and "at #2" in said
    assert "I can't play that" in said  # the broken link was checked, and not saved
    assert "Usage: addto <playlist> | <url or search words>." in said
    assert "▶ Road trip · 2 songs" in said
    assert "Removed tone440" in said and "(1 left)" in said
    assert "There is no position 9 (valid: 1-1)." in said
    assert json.loads(exported.read_text())["tracks"][0]["title"] == "tone880"
    assert "exists already" in said  # the second export overwrote nothing
    assert "Type: delete Road trip | yes" in said
    assert "Deleted “Road trip” (1 song)." in said
    assert "There is no playlist named “Road trip”" in said
    assert "Imported “Again”: 1 song." in said
    assert "Cannot read" in said and "No such file" in said
    assert "Queued “Again”: 1 song, playing now." in said
    assert "premove" in said and "separated by |" in said  # the help
    assert "Traceback" not in said + result.stderr
    samples, _ = read_wav(out)
    assert abs(dominant_frequency(samples) - 880) < 2

    # The playlists outlive the program: a bare `play` plays the active one.
    again = run_musicbot("console", "--output", str(out), stdin="playlists\nplay\n")
    assert again.returncode == 0, again.stderr
    assert "▶ Again · 1 song" in again.stdout
    assert "Queued “Again”: 1 song, playing now." in again.stdout
    samples, _ = read_wav(out)
    assert abs(dominant_frequency(samples) - 880) < 2


def test_a_playlist_of_local_files_is_exported_and_imported_back(
    run_musicbot: Callable[..., Run], media_dir: Path, tmp_path: Path
) -> None:
    exported = tmp_path / "mine.json"
    script = [
        "create Mine",
        "use Mine",
        f"add {media_dir / 'tone880.mp3'}",
        f"export Mine | {exported}",
        f"import {exported} | Mine again",
        "playlist Mine again",
    ]
    result = run_musicbot("console", "--null", "--fast", stdin="\n".join(script) + "\n")

    said = result.stdout
    assert result.returncode == 0, result.stderr
    assert "(1 song) to" in said and "1 of them is a file on this computer" in said
    assert "Imported “Mine again”: 1 song." in said
    assert json.loads(exported.read_text())["tracks"][0]["source"] == "local"
