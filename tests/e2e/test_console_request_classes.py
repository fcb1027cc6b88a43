"""What a member gets for each kind of request, end to end: the real program's `recommend --dry`, real yt-dlp
searching a local catalogue whose titles say honestly what each song is (tests/support/local_search.py), no AI key
(the offline reader), and Deezer's local fake for songs like a named artist.

Negation and chat are all-or-nothing: not one left-out song among the picks, not one pick for chat.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from tests.e2e.conftest import Run
from tests.support import local_search
from tests.support.deezer_fake import DeezerFake
from tests.support.media_server import MediaServer

pytestmark = pytest.mark.slow

NEGATION = ["rock but not metal", "anything but country", "rock pero sin metal", "pop but no sad songs"]
CHAT = ["hi bot", "thanks, great song!", "can you skip this", "lol", "merci beaucoup"]
OTHERS = [
    "more daft punk",
    "songs like blinding lights",
    "música para dormir",
    "los 80",
    "high energy rock for coding",
    "sum chil beats",
    "rock for my workout",
]
LEFT_OUT = {
    "rock but not metal": re.compile(r"metal|thrash", re.IGNORECASE),
    "anything but country": re.compile(r"country|honky", re.IGNORECASE),
    "rock pero sin metal": re.compile(r"metal|thrash", re.IGNORECASE),
    "pop but no sad songs": re.compile(r"\bsad\b", re.IGNORECASE),
}


def answers(result: Run, prompts: list[str]) -> dict[str, list[str]]:
    """Each prompt's answer: its picks as "Artist - Title", or its one line when it got no picks."""
    blocks = re.split(r"^(?=Recommended for |What would you like to hear\?)", result.stdout, flags=re.MULTILINE)
    blocks = [block for block in blocks if block.startswith(("Recommended for ", "What would you like"))]
    assert len(blocks) == len(prompts), result.stdout
    found = {}
    for prompt, block in zip(prompts, blocks, strict=True):
        picks = re.findall(r"^\s+\d+\. (.+)$", block, flags=re.MULTILINE)
        found[prompt] = picks or [block.splitlines()[0]]
    return found


def test_every_kind_of_request_gets_what_a_member_would_expect(
    run_musicbot: Callable[..., Run], media_server: MediaServer
) -> None:
    with DeezerFake() as deezer:
        daft = deezer.add_artist("Daft Punk")
        cassius = deezer.add_artist("Cassius")
        deezer.relate(daft, cassius)
        deezer.add_to_radio(
            daft, deezer.add_track("Around the World", daft), deezer.add_track("Feeling for You", cassius)
        )
        prompts = NEGATION + CHAT + OTHERS
        env = local_search.environment(local_search.honest_catalog(media_server)) | {
            "MUSICBOT_DEEZER_API_URL": deezer.base_url,
            "MUSICBOT_RECOMMEND_BURST": "50",
            "MUSICBOT_RECOMMEND_RATE_LIMIT": "50",
        }
        script = "".join(f"recommend --dry {prompt}\n" for prompt in prompts)
        result = run_musicbot("console", "--null", stdin=script, env=env, timeout=120)

    assert result.returncode == 0, result.stderr
    got = answers(result, prompts)
    for prompt in NEGATION:  # all or nothing: every pick, every request
        assert got[prompt] and not any(LEFT_OUT[prompt].search(pick) for pick in got[prompt]), (prompt, got[prompt])
    assert all("Rock" in pick for pick in got["rock but not metal"][:3])
    for prompt in CHAT:  # all or nothing: a question, never a pick
        assert got[prompt] == ["What would you like to hear? e.g. “chill lofi for studying”, “90s rock but no metal”, "
                               "“songs like Daft Punk”"], (prompt, got[prompt])  # fmt: skip
    assert got["more daft punk"][0].startswith("Daft Punk - ")
    assert "Cassius - Feeling for You" in got["more daft punk"]  # only Deezer knows it
    assert "Punk Rock Riot" not in " ".join(got["more daft punk"][:3])  # "more Daft Punk" is no punk
    assert not any("Blinding Lights" in pick for pick in got["songs like blinding lights"])
    assert got["música para dormir"][0] in ("Quiet Moon - Sleep Piano Lullaby", "Soft Harbor - Calm Sleep Sounds")
    assert not any("Musical" in pick for pick in got["música para dormir"][:2])
    assert got["los 80"][0] == "Retro Wave - 80s Synth Classic"
    assert got["high energy rock for coding"][0] == "Power Chord - Energetic Rock Anthem"
    assert got["sum chil beats"][0] == "Slow Tide - Chill Lofi Evening"
    assert all("Rock" in pick for pick in got["rock for my workout"][:3])
    assert "Recommended for “rock, no metal” (offline):" in result.stdout
