"""`lyrics` at the console against a local fake of LRCLIB: the song playing, free words, none, the service down."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from tests.e2e.conftest import Run
from tests.support.lrclib_fake import LrclibFake
from tests.support.media_server import MediaServer

pytestmark = pytest.mark.slow


@pytest.fixture
def lrclib() -> Iterator[LrclibFake]:
    with LrclibFake() as fake:
        fake.add("tone440", "Test Tones", duration=3, plain="Sine all day\nsine all night")
        yield fake


def test_lyrics_of_the_song_playing_then_cached_then_by_words(
    run_musicbot: Callable[..., Run], media_server: MediaServer, lrclib: LrclibFake
) -> None:
    script = f"play {media_server.url('/media/tone440.wav')}\nlyrics\nlyrics\nlyrics nothing known\nstop\n"
    result = run_musicbot("console", "--null", stdin=script, env={"MUSICBOT_LRCLIB_URL": lrclib.base_url})

    assert result.returncode == 0, result.stderr
    assert result.stdout.count("Lyrics: Test Tones – tone440") == 2
    assert "Sine all day\nsine all night" in result.stdout
    assert "I found no lyrics for “nothing known”." in result.stdout
    assert lrclib.paths() == ["/api/search", "/api/search"]  # the second `lyrics` came from the database
    assert all(r.user_agent.startswith("musicbot/") for r in lrclib.requests)


def test_the_service_down_is_one_friendly_line_and_music_goes_on(
    run_musicbot: Callable[..., Run], media_server: MediaServer, lrclib: LrclibFake
) -> None:
    lrclib.down = True
    script = f"play {media_server.url('/media/tone440.wav')}\nlyrics\nnp\n"
    result = run_musicbot("console", "--null", stdin=script, env={"MUSICBOT_LRCLIB_URL": lrclib.base_url})

    assert result.returncode == 0, result.stderr
    assert "I can't reach the lyrics service right now; try again in a while." in result.stdout
    assert "Traceback" not in result.stdout + result.stderr
    assert "tone440" in result.stdout.split("try again in a while.")[1]  # np still answers
