"""Search that finds local media: the `localsearch` yt-dlp extractor (`ytdlp_plugins/`) and its catalogue.

Subprocesses get it as a yt-dlp plugin through `environment(...)` (PYTHONPATH and the catalogue); a test running
the bot in its own process calls `register()` and sets the catalogue with `catalog_json(...)`. Either way the
bot's setting `default_search=localsearch` sends every search there, through the real yt-dlp.
"""

from __future__ import annotations

import importlib.util
import json
import os
from dataclasses import dataclass
from pathlib import Path

import yt_dlp.globals
from yt_dlp.extractor import import_extractors

from tests.support.media_server import MediaServer

PLUGIN_ROOT = Path(__file__).parent / "ytdlp_plugins"
PLUGIN_FILE = PLUGIN_ROOT / "yt_dlp_plugins" / "extractor" / "musicbot_local_search.py"
CATALOG_ENV = "MUSICBOT_TEST_SEARCH_CATALOG"
SEARCH_KEY = "localsearch"
REPO_ROOT = Path(__file__).parents[2]


@dataclass(frozen=True, slots=True)
class Entry:
    url: str
    title: str
    artist: str


def chill_catalog(media: MediaServer) -> list[Entry]:
    """Songs a search for chill, lofi or study music finds, each a distinct URL of a tone the server plays."""
    files = ["tone440.wav", "tone660.ogg", "tone550.m4a", "tone880.mp3"]
    names = [
        ("Rainy Window", "Lofi Cat"),
        ("Chill Study Beats", "Lofi Cat"),
        ("Late Night Study", "Mellow Owl"),
        ("Chill Lofi Morning", "Mellow Owl"),
        ("Quiet Focus Beats", "Paper Lanterns"),
        ("Soft Chill Rain", "Paper Lanterns"),
        ("Study Session Lofi", "Blue Desk"),
        ("Chill Coffee Beats", "Blue Desk"),
        ("Evening Lofi Chill", "Slow Tide"),
        ("Calm Study Music", "Slow Tide"),
        ("Gentle Chill Piano", "Warm Static"),
        ("Lofi Study Break", "Warm Static"),
    ]
    return [
        Entry(url=media.url(f"/media/{files[n % len(files)]}?song={n}"), title=title, artist=artist)
        for n, (title, artist) in enumerate(names)
    ]


# Songs whose titles say honestly what they are (genre, mood, era), so a search for "rock" finds rock and a
# request that leaves metal out can be checked by reading the titles picked.
HONEST_SONGS = [
    ("Rock Highway", "Stone Riders"), ("Desert Rock Anthem", "Dune Kings"), ("Garage Rock Summer", "The Fuzz"),
    ("Energetic Rock Anthem", "Power Chord"), ("Heavy Metal Thunder", "Iron Wolves"),
    ("Rock and Metal Storm", "Iron Wolves"), ("Thrash Attack", "Skull Hammer"), ("Metal Rock Inferno", "Blade Tide"),
    ("Country Roads Again", "Dusty Boots"), ("Honky Tonk Country Rock", "Whiskey Creek"),
    ("Pop Sunshine", "Bright Lights"), ("Happy Pop Song", "Candy Cloud"), ("Sad Pop Ballad", "Grey Skies"),
    ("Sleep Piano Lullaby", "Quiet Moon"), ("Calm Sleep Sounds", "Soft Harbor"),
    ("Broadway Musical Medley", "Stage Lights"), ("Musical Theatre Showstopper", "Curtain Call"),
    ("Study Piano Instrumental", "Keys Quartet"), ("Lofi Study Beats", "Warm Static"),
    ("One More Time", "Daft Punk"), ("Around the World", "Daft Punk"), ("Punk Rock Riot", "The Snot Rockets"),
    ("Blinding Lights", "The Weeknd"), ("Save Your Tears", "The Weeknd"), ("Synthwave Night Drive", "Neon Coast"),
    ("80s Synth Classic", "Retro Wave"), ("Chill Lofi Evening", "Slow Tide"), ("Hip Hop Gym Anthem", "Big Reps"),
]  # fmt: skip


def honest_catalog(media: MediaServer) -> list[Entry]:
    files = ["tone440.wav", "tone660.ogg", "tone550.m4a", "tone880.mp3"]
    return [
        Entry(url=media.url(f"/media/{files[n % len(files)]}?honest={n}"), title=title, artist=artist)
        for n, (title, artist) in enumerate(HONEST_SONGS)
    ]


def catalog_json(entries: list[Entry]) -> str:
    return json.dumps([{"url": e.url, "title": e.title, "artist": e.artist} for e in entries])


def environment(entries: list[Entry]) -> dict[str, str]:
    """What a `musicbot` subprocess needs in its environment to search `entries` with `default_search`."""
    paths = [str(PLUGIN_ROOT), str(REPO_ROOT), os.environ.get("PYTHONPATH", "")]
    return {
        "PYTHONPATH": os.pathsep.join(path for path in paths if path),
        CATALOG_ENV: catalog_json(entries),
        "MUSICBOT_DEFAULT_SEARCH": SEARCH_KEY,
    }


def register() -> None:
    """Make yt-dlp in this process know `localsearch` (YoutubeDL objects made from now on)."""
    spec = importlib.util.spec_from_file_location("musicbot_test_local_search", PLUGIN_FILE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    import_extractors()
    current = yt_dlp.globals.extractors.value
    yt_dlp.globals.extractors.value = {"LocalSearchIE": module.LocalSearchIE, **current}
