"""The voice engine with real FFmpeg on generated tones, sending to fake connections that record every packet."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import threading
import time
from collections.abc import AsyncIterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import discord
import pytest

from musicbot.adapters.discord_voice import VoiceEngine
from musicbot.adapters.discord_voice.hooks import LOST
from musicbot.adapters.ffmpeg_binary import find_ffmpeg
from musicbot.application.errors import NotConnected
from musicbot.application.playback.ports import PlaybackRequest
from musicbot.domain.ids import GuildId
from tests.integration.conftest import VOICE_GUILD
from tests.integration.test_discord_voice_fakes import FakeVoiceConnection, longest_explained_interval, until
from tests.support.audio_analysis import dominant_frequency
from tests.support.media import make_tone
from tests.support.playback_ends import Ends
from tests.support.processes import child_pids

GUILD = VOICE_GUILD  # where the `connection` fixture (conftest.py) is attached
VOICE, QUIET = discord.SpeakingState.voice, discord.SpeakingState.none


@pytest.fixture(scope="module")
def media(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("voice-media")
    make_tone(folder / "a440.ogg", frequency=440, seconds=1.0)
    make_tone(folder / "b880.ogg", frequency=880, seconds=1.0)
    make_tone(folder / "a440.wav", frequency=440, seconds=1.0)
    make_tone(folder / "long440.ogg", frequency=440, seconds=2.0)
    make_tone(folder / "blip.ogg", frequency=440, seconds=0.2)
    make_tone(folder / "ten_seconds.ogg", frequency=440, seconds=10.0)  # more than the server lets through
    tone = "sine=frequency=440:sample_rate=48000:duration=0.6"
    for name, codec in {"vorbis.webm": ["libvorbis"], "opus60.ogg": ["libopus", "-frame_duration", "60"]}.items():
        subprocess.run(
            [find_ffmpeg(), "-loglevel", "error", "-f", "lavfi", "-i", tone, "-ac", "2", "-c:a", *codec, folder / name],
            check=True,
        )
    return folder


@pytest.fixture
def threaded() -> bool:
    """The sender runs in its own thread (the default); tests that matter for both drivers override this."""
    return True


both_drivers = pytest.mark.parametrize("threaded", [True, False], ids=["thread", "task"])


@pytest.fixture
async def engine(threaded: bool) -> AsyncIterator[VoiceEngine]:
    voice = VoiceEngine(threaded=threaded, reconnect_timeout=0.4)
    yield voice
    await voice.aclose()
    assert not child_pids()
    assert voice.task_count == 0


def song(media: Path, name: str, seconds: float | None = 1.0, **options: float) -> PlaybackRequest:
    return PlaybackRequest(stream_url=str(media / name), duration=seconds, **options)


# --- pacing -----------------------------------------------------------------------------------------------
@both_drivers
async def test_packets_leave_every_20_ms_and_the_end_is_told_once(
    engine: VoiceEngine, connection: FakeVoiceConnection, media: Path
) -> None:
    ends = Ends()
    asked = time.perf_counter()
    await engine.play(GUILD, song(media, "a440.ogg"), ends)
    source = engine.current_source(GUILD)
    assert source is not None
    assert source.copy  # Ogg Opus at 100 %: not re-encoded

    assert await ends.wait() is None  # told with the last 100 ms still to send: the next song goes behind them
    await until(connection.settled)
    audio = connection.audio()
    assert len(audio) == 51  # the file's encoder warm-up (its pre-skip) is a packet more, played as it is
    assert audio[0][0] > asked
    intervals = sorted(connection.intervals())
    assert intervals[len(intervals) // 2] == pytest.approx(0.020, abs=0.002)
    assert intervals[-1] <= longest_explained_interval(engine, GUILD)  # no slot without its packet
    assert abs(dominant_frequency(connection.decode()) - 440) <= 3
    await until(lambda: connection.ws.states == [VOICE, QUIET])  # speaking, then not once the silence is out
    await asyncio.sleep(0.1)
    assert ends.reasons == [None]
    stats = engine.stats(GUILD)
    assert stats is not None
    assert (stats.packets, stats.silence, stats.gaps, stats.send_errors) == (51, 5, 0, 0)


async def test_other_codecs_are_transcoded(engine: VoiceEngine, connection: FakeVoiceConnection, media: Path) -> None:
    ends = Ends()
    await engine.play(GUILD, song(media, "a440.wav"), ends)
    source = engine.current_source(GUILD)
    assert source is not None
    assert not source.copy
    assert await ends.wait() is None
    await until(connection.settled)
    assert len(connection.audio()) == 51  # FFmpeg's encoder adds its 6.5 ms of warm-up too
    assert abs(dominant_frequency(connection.decode()) - 440) <= 3


@both_drivers
async def test_guilds_that_start_one_after_another_each_wake_the_idle_sender(engine: VoiceEngine, media: Path) -> None:
    for number in range(1, 5):  # four guilds: one in each phase of the sender's 20 ms
        connection, ends = FakeVoiceConnection(), Ends()
        engine.attach(GuildId(number), connection)
        await engine.play(GuildId(number), song(media, "blip.ogg", 0.2), ends)
        assert await ends.wait(2.0) is None
        await until(connection.settled, within=2.0)
        assert len(connection.audio()) == 11
        await engine.detach(GuildId(number))


@pytest.mark.parametrize("name", ["vorbis.webm", "opus60.ogg"])
async def test_a_copy_that_is_not_20_ms_opus_is_transcoded_instead(
    engine: VoiceEngine, connection: FakeVoiceConnection, media: Path, name: str
) -> None:
    ends = Ends()
    await engine.play(GUILD, song(media, name, 0.6), ends)
    source = engine.current_source(GUILD)
    assert source is not None
    assert (source.fell_back, source.copy) == (True, False)
    assert await ends.wait() is None
    await until(connection.settled)
    assert len(connection.audio()) == 31
    assert abs(dominant_frequency(connection.decode()) - 440) <= 3


# --- pause, stop, replace -----------------------------------------------------------------------------------
@both_drivers
async def test_pause_stops_the_packets_and_resume_goes_on_where_it_was(
    engine: VoiceEngine, connection: FakeVoiceConnection, media: Path
) -> None:
    ends = Ends()
    await engine.play(GUILD, song(media, "a440.ogg"), ends)
    await asyncio.sleep(0.3)
    await engine.pause(GUILD)
    assert engine.is_paused(GUILD)
    await asyncio.sleep(0.15)
    position, sent = engine.elapsed(GUILD), len(connection.packets)
    await asyncio.sleep(0.2)
    assert (engine.elapsed(GUILD), len(connection.packets)) == (position, sent)  # nothing, not even silence
    assert connection.silence_count() == 5
    await engine.resume(GUILD)
    assert await ends.wait() is None
    await until(connection.settled)
    assert len(connection.audio()) == 51  # not one packet lost or repeated
    await until(lambda: connection.ws.states == [VOICE, QUIET, VOICE, QUIET])


async def test_stop_ends_without_on_end_and_leaves_no_process(
    engine: VoiceEngine, connection: FakeVoiceConnection, media: Path
) -> None:
    ends = Ends()
    await engine.play(GUILD, song(media, "long440.ogg", 2.0), ends)
    await asyncio.sleep(0.2)
    await engine.stop(GUILD)
    assert engine.elapsed(GUILD) is None
    assert not child_pids()
    await asyncio.sleep(0.2)
    assert ends.reasons == []
    assert connection.silence_count() == 5
    assert connection.packets[-1][1] == b"\xf8\xff\xfe"


async def test_play_replaces_what_plays_without_its_on_end(
    engine: VoiceEngine, connection: FakeVoiceConnection, media: Path
) -> None:
    first, second = Ends(), Ends()
    await engine.play(GUILD, song(media, "long440.ogg", 2.0), first)
    first_pid = engine.ffmpeg_pid(GUILD)
    await asyncio.sleep(0.2)
    await engine.play(GUILD, song(media, "b880.ogg"), second)
    assert first_pid not in child_pids()
    assert await second.wait() is None
    await until(connection.settled)
    assert first.reasons == []
    assert connection.silence_count() == 5  # the first played until the second had a packet: no break


# --- failures ---------------------------------------------------------------------------------------------
async def test_a_stream_ffmpeg_cannot_open_ends_with_a_reason(
    engine: VoiceEngine, connection: FakeVoiceConnection, media: Path
) -> None:
    ends = Ends()
    await engine.play(GUILD, song(media, "missing.ogg"), ends)
    reason = await ends.wait()
    assert reason is not None
    assert "No such file" in reason
    assert connection.audio() == []


async def test_ffmpeg_dying_mid_song_fails_that_song_only(engine: VoiceEngine, media: Path) -> None:
    other_guild, healthy = GuildId(2), FakeVoiceConnection()
    engine.attach(GUILD, FakeVoiceConnection())
    engine.attach(other_guild, healthy)
    broken, fine = Ends(), Ends()
    with TricklingServer(media / "ten_seconds.ogg", first_bytes=30_000) as server:  # ~1 s out, then it stalls
        await engine.play(GUILD, PlaybackRequest(stream_url=server.url, duration=60.0), broken)
        await engine.play(other_guild, song(media, "a440.ogg"), fine)
        await asyncio.sleep(0.3)
        pid = engine.ffmpeg_pid(GUILD)
        assert pid is not None
        os.kill(pid, signal.SIGKILL)
        reason = await broken.wait()  # once what FFmpeg had written was sent
    assert reason is not None
    assert "broke off" in reason
    assert await fine.wait() is None
    await until(healthy.settled)
    assert len(healthy.audio()) == 51
    again = Ends()
    await engine.play(GUILD, song(media, "a440.ogg"), again)  # the guild plays on
    assert await again.wait() is None


class TricklingServer:
    """Serves the first bytes of a file over HTTP, then holds the connection open without sending more."""

    def __init__(self, path: Path, *, first_bytes: int) -> None:
        data, release = path.read_bytes(), threading.Event()
        self.release = release

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "audio/ogg")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data[:first_bytes])
                self.wfile.flush()
                release.wait(10)

            def log_message(self, format: str, *args: object) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}/ten_seconds.ogg"
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05})

    def __enter__(self) -> TricklingServer:
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.release.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(5)


# --- the next song --------------------------------------------------------------------------------------
async def test_a_preloaded_song_follows_without_a_gap(
    engine: VoiceEngine, connection: FakeVoiceConnection, media: Path
) -> None:
    following = song(media, "b880.ogg")
    second, pids = Ends(), []

    async def play_next() -> None:  # what the player does in on_end
        await engine.play(GUILD, following, second)
        pids.append(engine.ffmpeg_pid(GUILD))

    first = Ends(then=play_next)
    await engine.play(GUILD, song(media, "a440.ogg"), first)
    await engine.preload(GUILD, following)
    await until(lambda: engine.preloaded_pid(GUILD) is not None)  # 1 s left: within the lead, opened at once
    ahead = engine.preloaded_pid(GUILD)
    assert await second.wait() is None
    assert pids == [ahead]  # play() took the FFmpeg opened ahead
    await until(connection.settled)

    assert len(connection.audio()) == 102
    assert connection.silence_count() == 5  # only after the second song
    assert max(connection.intervals()) <= longest_explained_interval(engine, GUILD)  # no slot missed at the change
    stats = engine.stats(GUILD)
    assert stats is not None
    assert stats.gaps == 0
    samples = connection.decode()
    assert abs(dominant_frequency(samples[: 48_000 - 2_400]) - 440) <= 3
    assert abs(dominant_frequency(samples[48_000 + 2_400 :]) - 880) <= 3


# --- voice connection drops -------------------------------------------------------------------------------
@both_drivers
async def test_nothing_is_sent_while_offline_and_the_song_goes_on_where_it_was(
    engine: VoiceEngine, connection: FakeVoiceConnection, media: Path
) -> None:
    ends = Ends()
    await engine.play(GUILD, song(media, "a440.ogg"), ends)
    await asyncio.sleep(0.3)
    connection.connected = False
    await asyncio.sleep(0.05)
    position, sent = engine.elapsed(GUILD), len(connection.packets)
    await asyncio.sleep(0.25)  # below the 0.4 s reconnect timeout
    assert (engine.elapsed(GUILD), len(connection.packets)) == (position, sent)
    connection.connected = True
    assert await ends.wait() is None
    await until(connection.settled)
    assert connection.sent_offline <= 1
    assert len(connection.audio()) == 51
    assert connection.ws.states[:2] == [VOICE, VOICE]  # spoken again on the new voice websocket
    stats = engine.stats(GUILD)
    assert stats is not None
    assert stats.offline_time == pytest.approx(0.3, abs=0.06)


async def test_a_connection_that_does_not_come_back_ends_the_song(
    engine: VoiceEngine, connection: FakeVoiceConnection, media: Path
) -> None:
    ends = Ends()
    await engine.play(GUILD, song(media, "long440.ogg", 2.0), ends)
    await asyncio.sleep(0.1)
    connection.connected = False
    assert await ends.wait() == LOST
    await until(lambda: not child_pids())
    with pytest.raises(NotConnected):
        await engine.play(GUILD, song(media, "a440.ogg"), Ends())
    connection.connected = True  # discord.py got it back after all
    await until(lambda: not engine.is_lost(GUILD))
    again = Ends()
    await engine.play(GUILD, song(media, "a440.ogg"), again)
    assert await again.wait() is None
