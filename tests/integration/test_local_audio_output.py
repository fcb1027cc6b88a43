"""The local audio output against real FFmpeg and real media: what ends up in the file is what a user hears."""

from __future__ import annotations

import asyncio
import os
import signal
import time
import wave
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import numpy as np
import pytest

from musicbot.adapters.audio import LocalAudioOutput, NullSink, WavFileSink
from musicbot.adapters.audio.ffmpeg_decoder import FFmpegDecoder, decoder_command
from musicbot.adapters.audio.ffmpeg_process import failure_reason
from musicbot.adapters.audio.pcm import FRAME_SIZE, SAMPLE_RATE
from musicbot.adapters.audio.sinks import AudioSinkError, FfplaySink, ffplay_available
from musicbot.adapters.ffmpeg_binary import find_ffmpeg
from musicbot.application.errors import NotConnected, PlaybackFailed
from musicbot.application.playback.ports import PlaybackRequest
from musicbot.domain.ids import ChannelId, GuildId
from tests.conftest import MEDIA_SECONDS
from tests.support.audio_analysis import dominant_frequency, read_wav, rms
from tests.support.media import make_tone
from tests.support.media_server import MediaServer
from tests.support.playback_ends import Ends
from tests.support.processes import child_pids, open_fds

GUILD = GuildId(1)
CHANNEL = ChannelId(10)


# --- helpers ---------------------------------------------------------------------------------------------
def seconds(samples: np.ndarray) -> float:
    return len(samples) / SAMPLE_RATE


@pytest.fixture(scope="module")
def tones(tmp_path_factory: pytest.TempPathFactory) -> Callable[..., str]:
    folder = tmp_path_factory.mktemp("tones")

    def tone(frequency: float, duration: float, ext: str = "wav", amplitude: float = 0.5) -> str:
        path = folder / f"{frequency:g}-{duration:g}-{amplitude:g}.{ext}"
        if not path.exists():
            make_tone(path, frequency=frequency, seconds=duration, amplitude=amplitude)
        return str(path)

    return tone


@pytest.fixture
def wav_path(tmp_path: Path) -> Path:
    return tmp_path / "session.wav"


@pytest.fixture
async def output(wav_path: Path) -> AsyncIterator[LocalAudioOutput]:
    out = LocalAudioOutput(WavFileSink(wav_path))
    await out.connect(GUILD, CHANNEL)
    yield out
    await out.aclose()
    assert not child_pids()


@pytest.fixture
async def fast_output(wav_path: Path) -> AsyncIterator[LocalAudioOutput]:
    out = LocalAudioOutput(WavFileSink(wav_path), realtime=False)
    await out.connect(GUILD, CHANNEL)
    yield out
    await out.aclose()
    assert not child_pids()


@pytest.fixture
def mp3_tone(tones: Callable[..., str]) -> bytes:
    return Path(tones(440, 1.0, "mp3")).read_bytes()


@pytest.fixture
async def http_server(mp3_tone: bytes) -> AsyncIterator[tuple[str, list[bytes]]]:
    """Serves /tone.mp3; anything else is a 404. Records each request's head."""
    body = mp3_tone
    heads: list[bytes] = []

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        head = await reader.readuntil(b"\r\n\r\n")
        heads.append(head)
        if head.startswith(b"GET /tone.mp3 "):
            writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: audio/mpeg\r\nContent-Length: %d\r\n\r\n" % len(body))
            writer.write(body)
        else:
            writer.write(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
        await writer.drain()
        writer.close()

    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    yield f"http://127.0.0.1:{port}", heads
    server.close()
    await server.wait_closed()


# --- playing ---------------------------------------------------------------------------------------------
async def test_a_tone_plays_into_the_wav_file_in_real_time(
    output: LocalAudioOutput, wav_path: Path, tones: Callable[..., str]
) -> None:
    ends = Ends()
    started = time.monotonic()
    await output.play(GUILD, PlaybackRequest(stream_url=tones(440, 1.5, "mp3")), ends)

    await asyncio.sleep(0.7)
    with wave.open(str(wav_path), "rb") as growing:  # readable mid-playback, holding what was played so far
        assert (growing.getnchannels(), growing.getsampwidth(), growing.getframerate()) == (2, 2, 48_000)
        assert 0.3 < growing.getnframes() / SAMPLE_RATE <= 0.75
    assert output.is_playing(GUILD)
    assert 0.3 < (output.elapsed(GUILD) or 0) <= 0.75

    assert await ends.wait() is None
    took = time.monotonic() - started
    await asyncio.sleep(0.1)
    assert ends.reasons == [None]
    assert not output.is_playing(GUILD)
    samples, rate = read_wav(wav_path)
    assert rate == SAMPLE_RATE
    assert abs(dominant_frequency(samples) - 440) <= 2
    assert seconds(samples) == pytest.approx(1.5, abs=0.08)  # mp3 adds a little encoder padding
    # Paced like a listener hears it: never faster; slower only by start-up and a loaded machine.
    assert seconds(samples) - 0.05 <= took < seconds(samples) + 0.5


async def test_start_at_skips_the_beginning(
    fast_output: LocalAudioOutput, wav_path: Path, tones: Callable[..., str]
) -> None:
    ends = Ends()
    await fast_output.play(GUILD, PlaybackRequest(stream_url=tones(440, 2.0), start_at=1.0), ends)
    assert await ends.wait() is None
    samples, _ = read_wav(wav_path)
    assert seconds(samples) == pytest.approx(1.0, abs=0.03)


async def test_a_playback_in_the_middle_of_a_stream_reports_its_position(
    output: LocalAudioOutput, tones: Callable[..., str]
) -> None:
    await output.play(GUILD, PlaybackRequest(stream_url=tones(440, 2.0), start_at=1.0), Ends())
    await asyncio.sleep(0.3)
    assert 1.1 < (output.elapsed(GUILD) or 0) <= 1.32


async def test_volume_changes_within_a_frame_in_the_middle_of_a_song(
    output: LocalAudioOutput, wav_path: Path, tones: Callable[..., str]
) -> None:
    ends = Ends()
    await output.play(GUILD, PlaybackRequest(stream_url=tones(440, 1.0)), ends)
    await asyncio.sleep(0.4)
    await output.set_volume(GUILD, 0.5)
    changed_at = output.frames_written(GUILD)
    assert await ends.wait() is None

    samples, _ = read_wav(wav_path)
    split = changed_at * FRAME_SIZE // 4
    before, after = samples[: split - SAMPLE_RATE // 50], samples[split + SAMPLE_RATE // 50 :]
    assert rms(after) / rms(before) == pytest.approx(0.5, rel=0.1)
    assert seconds(samples) == pytest.approx(1.0, abs=0.03)


async def test_the_requested_volume_applies_from_the_first_frame(
    fast_output: LocalAudioOutput, wav_path: Path, tones: Callable[..., str]
) -> None:
    for volume in (1.0, 0.5):
        ends = Ends()
        await fast_output.play(GUILD, PlaybackRequest(stream_url=tones(440, 0.5), volume=volume), ends)
        await ends.wait()
    samples, _ = read_wav(wav_path)
    full, half = samples[: len(samples) // 2], samples[len(samples) // 2 :]
    assert rms(half) / rms(full) == pytest.approx(0.5, rel=0.02)


async def test_pause_writes_nothing_and_resume_goes_on_where_it_stopped(
    output: LocalAudioOutput, wav_path: Path, tones: Callable[..., str]
) -> None:
    ends = Ends()
    started = time.monotonic()
    await output.play(GUILD, PlaybackRequest(stream_url=tones(440, 1.0)), ends)
    await asyncio.sleep(0.3)
    await output.pause(GUILD)
    assert output.is_paused(GUILD)
    at_pause = output.frames_written(GUILD)
    await asyncio.sleep(0.5)
    assert output.frames_written(GUILD) == at_pause
    assert not ends.reasons
    await output.resume(GUILD)
    assert await ends.wait() is None

    assert (
        1.45 <= time.monotonic() - started < 3.0
    )  # 1 s of audio plus the 0.5 s pause (upper bound: loose, machines are noisy)
    samples, _ = read_wav(wav_path)
    assert seconds(samples) == pytest.approx(1.0, abs=0.03)  # nothing lost, nothing added
    assert abs(dominant_frequency(samples) - 440) <= 2


async def test_stop_ends_playback_without_on_end_and_leaves_no_process_or_descriptor(
    output: LocalAudioOutput, tones: Callable[..., str]
) -> None:
    fds = open_fds()
    ends = Ends()
    await output.play(GUILD, PlaybackRequest(stream_url=tones(440, 2.0)), ends)
    pid = output.decoder_pid(GUILD)
    assert pid in child_pids()
    await asyncio.sleep(0.2)
    await output.stop(GUILD)
    stopped_at = output.frames_written(GUILD)

    await asyncio.sleep(0.2)
    assert ends.reasons == []
    assert output.frames_written(GUILD) == stopped_at
    assert not output.is_playing(GUILD)
    assert not child_pids()
    assert open_fds() <= fds  # another test's descriptor may close meanwhile; none of ours may stay
    await output.stop(GUILD)  # stopping nothing is fine


async def test_a_missing_file_ends_with_a_reason(fast_output: LocalAudioOutput, tmp_path: Path) -> None:
    ends = Ends()
    await fast_output.play(GUILD, PlaybackRequest(stream_url=str(tmp_path / "nope.mp3")), ends)
    assert await ends.wait() == "could not open the stream: No such file or directory"


async def test_an_http_404_ends_with_a_reason(
    fast_output: LocalAudioOutput, http_server: tuple[str, list[bytes]]
) -> None:
    base, _ = http_server
    ends = Ends()
    await fast_output.play(GUILD, PlaybackRequest(stream_url=f"{base}/gone.mp3?token=secret"), ends)
    reason = await ends.wait()
    assert reason == "could not open the stream: Server returned 404 Not Found"


async def test_an_http_stream_plays_with_its_headers(
    fast_output: LocalAudioOutput, wav_path: Path, http_server: tuple[str, list[bytes]]
) -> None:
    base, heads = http_server
    ends = Ends()
    headers = (("User-Agent", "musicbot-test"), ("X-Token", "abc\r\nInjected: yes"))
    await fast_output.play(GUILD, PlaybackRequest(stream_url=f"{base}/tone.mp3", http_headers=headers), ends)
    assert await ends.wait() is None
    assert b"\r\nUser-Agent: musicbot-test\r\n" in heads[0]
    assert b"\r\nX-Token: abc  Injected: yes\r\n" in heads[0]
    samples, _ = read_wav(wav_path)
    assert abs(dominant_frequency(samples) - 440) <= 2


async def test_a_file_without_audio_ends_with_a_reason(fast_output: LocalAudioOutput, tmp_path: Path) -> None:
    text = tmp_path / "notes.txt"
    text.write_text("not a song\n")
    ends = Ends()
    await fast_output.play(GUILD, PlaybackRequest(stream_url=str(text)), ends)
    assert await ends.wait() == "could not open the stream: Invalid data found when processing input"


# --- replacing -------------------------------------------------------------------------------------------
async def test_play_while_playing_replaces_the_song(
    output: LocalAudioOutput, wav_path: Path, tones: Callable[..., str]
) -> None:
    first, second = Ends(), Ends()
    await output.play(GUILD, PlaybackRequest(stream_url=tones(440, 1.0)), first)
    await asyncio.sleep(0.3)
    await output.play(GUILD, PlaybackRequest(stream_url=tones(880, 0.5)), second)
    switched_at = output.frames_written(GUILD)
    assert await second.wait() is None
    await asyncio.sleep(0.05)

    assert first.reasons == []
    assert second.reasons == [None]
    samples, _ = read_wav(wav_path)
    split = switched_at * FRAME_SIZE // 4
    assert abs(dominant_frequency(samples[:split]) - 440) <= 4
    assert abs(dominant_frequency(samples[split:]) - 880) <= 2
    assert seconds(samples[split:]) == pytest.approx(0.5, abs=0.03)


async def test_on_end_may_play_the_next_song_from_inside_the_callback(
    fast_output: LocalAudioOutput, wav_path: Path, tones: Callable[..., str]
) -> None:
    second = Ends()
    first = Ends(then=lambda: fast_output.play(GUILD, PlaybackRequest(stream_url=tones(880, 0.5)), second))
    await fast_output.play(GUILD, PlaybackRequest(stream_url=tones(440, 0.5)), first)
    assert await second.wait() is None
    await asyncio.sleep(0.05)

    assert first.reasons == [None]
    assert second.reasons == [None]
    samples, _ = read_wav(wav_path)
    half = len(samples) // 2
    assert seconds(samples) == pytest.approx(1.0, abs=0.01)
    assert abs(dominant_frequency(samples[:half]) - 440) <= 2
    assert abs(dominant_frequency(samples[half:]) - 880) <= 2
    assert not [task for task in asyncio.all_tasks() if task.get_name().startswith("local-audio-")]


# --- connections and lifecycle ---------------------------------------------------------------------------
async def test_playing_needs_a_connected_guild(fast_output: LocalAudioOutput, tones: Callable[..., str]) -> None:
    other = GuildId(2)
    assert fast_output.is_connected(GUILD)
    assert not fast_output.is_connected(other)
    with pytest.raises(NotConnected):
        await fast_output.play(other, PlaybackRequest(stream_url=tones(440, 0.5)), Ends())


async def test_disconnect_stops_playback_without_on_end(output: LocalAudioOutput, tones: Callable[..., str]) -> None:
    ends = Ends()
    await output.play(GUILD, PlaybackRequest(stream_url=tones(440, 1.0)), ends)
    await asyncio.sleep(0.1)
    await output.disconnect(GUILD)
    assert not output.is_connected(GUILD)
    assert not output.is_playing(GUILD)
    assert not child_pids()
    await asyncio.sleep(0.1)
    assert ends.reasons == []


async def test_aclose_stops_everything_and_closes_the_sink(tones: Callable[..., str]) -> None:
    sink = NullSink()
    out = LocalAudioOutput(sink)
    for guild in range(1, 4):
        await out.connect(GuildId(guild), CHANNEL)
        await out.play(GuildId(guild), PlaybackRequest(stream_url=tones(440, 1.0)), Ends())
    await asyncio.sleep(0.1)
    await out.aclose()
    await out.aclose()
    assert sink.closed
    assert not child_pids()
    with pytest.raises(PlaybackFailed):
        await out.play(GUILD, PlaybackRequest(stream_url=tones(440, 0.5)), Ends())


async def test_many_guilds_play_at_once_into_a_null_sink(tones: Callable[..., str]) -> None:
    sink = NullSink()
    out = LocalAudioOutput(sink, realtime=False)
    endings = [Ends() for _ in range(20)]
    for guild, ends in enumerate(endings, start=1):
        await out.connect(GuildId(guild), CHANNEL)
        await out.play(GuildId(guild), PlaybackRequest(stream_url=tones(440, 0.5)), ends)
    await asyncio.gather(*(ends.wait() for ends in endings))
    assert all(ends.reasons == [None] for ends in endings)
    assert sink.frames == 20 * 25  # 0.5 s of WAV is exactly 25 frames of 20 ms
    assert all(out.frames_written(GuildId(guild)) == 25 for guild in range(1, 21))
    await out.aclose()
    assert not child_pids()


async def test_a_sink_that_breaks_is_not_the_songs_failure(tones: Callable[..., str]) -> None:
    # Issue 11: the speakers' failure counted as the song's re-resolved and dropped every song of a queue.
    sink, lost = NullSink(), []
    out = LocalAudioOutput(sink, realtime=False, on_sink_lost=lost.append)
    await out.connect(GUILD, CHANNEL)
    sink.close()
    ends = Ends()
    await out.play(GUILD, PlaybackRequest(stream_url=tones(440, 0.5)), ends)
    assert await ends.wait() is None  # played to its end, into nothing
    assert lost == ["the null sink is closed"]
    assert out.frames_written(GUILD) == 25
    await out.aclose()
    assert not child_pids()


# --- the decoder on its own ------------------------------------------------------------------------------
async def test_the_decoder_pads_the_last_frame_and_closes_twice_safely(tmp_path: Path) -> None:
    tone = make_tone(tmp_path / "odd.wav", frequency=440, seconds=0.51)
    decoder = FFmpegDecoder(find_ffmpeg(), PlaybackRequest(stream_url=str(tone)))
    await decoder.start()
    frames = []
    while (frame := await decoder.read_frame()) is not None:
        frames.append(frame)
    assert await decoder.finish() is None
    assert len(frames) == 26
    assert all(len(frame) == FRAME_SIZE for frame in frames)
    assert frames[-1][FRAME_SIZE // 2 :] == bytes(FRAME_SIZE // 2)  # 10 ms of sound, then padding
    await asyncio.gather(decoder.close(), decoder.close())
    assert decoder.returncode == 0


async def test_a_cancelled_reader_still_leaves_no_process(tones: Callable[..., str]) -> None:
    decoder = FFmpegDecoder(find_ffmpeg(), PlaybackRequest(stream_url=tones(440, 2.0)))

    async def read_then_stall() -> None:
        try:
            await decoder.read_frame()
            await asyncio.Event().wait()  # a consumer stuck on something else (a paused song)
        finally:
            await decoder.close()

    await decoder.start()
    reader = asyncio.create_task(read_then_stall())
    await asyncio.sleep(0.1)
    reader.cancel()
    await asyncio.wait({reader})
    assert decoder.returncode is not None
    assert not child_pids()


def test_the_command_seeks_before_the_input_and_reconnects_only_over_http() -> None:
    local = decoder_command("ffmpeg", PlaybackRequest(stream_url="/music/a.mp3", start_at=12.5))
    assert local[local.index("-ss") + 1] == "12.500"
    assert local.index("-ss") < local.index("-i")
    assert "-reconnect" not in local
    assert "-headers" not in local
    assert local[-7:] == ["-f", "s16le", "-ar", "48000", "-ac", "2", "pipe:1"]

    remote = decoder_command(
        "ffmpeg", PlaybackRequest(stream_url="https://cdn.example/a", http_headers=(("Referer", "x"),))
    )
    assert remote[remote.index("-reconnect") : remote.index("-reconnect") + 6] == [
        "-reconnect", "1", "-reconnect_streamed", "1", "-reconnect_delay_max", "5",
    ]  # fmt: skip
    assert remote[remote.index("-headers") + 1] == "Referer: x\r\n"
    assert remote.index("-headers") < remote.index("-i")
    assert "-ss" not in remote


@pytest.mark.parametrize(
    ("returncode", "stderr", "frames", "reason"),
    [
        (0, b"", 100, None),
        (0, b"[mp3 @ 0x1] Header missing\n", 100, None),  # a glitch FFmpeg decoded through
        (
            0,
            b"[http @ 0x5601c9ad5980] Stream ends prematurely at 24406, should be 48812\n"
            b"[in#0/mp3 @ 0x5601c9ad4cc0] Error during demuxing: Input/output error\n",
            140,
            "the stream broke off: Input/output error",
        ),
        (0, b"", 0, "the stream has no audio"),
        (
            8,
            b"[in#0 @ 0x55] Error opening input: Server returned 403 Forbidden\n"
            b"Error opening input file https://x.example/v?sig=SECRET.\n"
            b"Error opening input files: Server returned 403 Forbidden\n",
            0,
            "could not open the stream: Server returned 403 Forbidden",
        ),
        (234, b"[out#0/s16le @ 0x55] Output file does not contain any stream\n", 0, "the stream has no audio"),
        (1, b"", 0, "could not play the stream: FFmpeg exited with code 1"),
        (
            1,
            b"[tls @ 0x1] Error in the pull function for https://x.example/v?sig=SECRET\n",
            10,
            "the stream broke off: Error in the pull function for <url>",
        ),
    ],
)
def test_failure_reasons_are_short_and_carry_no_url(
    returncode: int, stderr: bytes, frames: int, reason: str | None
) -> None:
    assert failure_reason(returncode, stderr, frames=frames) == reason


# --- sinks -----------------------------------------------------------------------------------------------
def test_an_empty_session_is_a_valid_wav_file(wav_path: Path) -> None:
    sink = WavFileSink(wav_path)
    with wave.open(str(wav_path), "rb") as empty:
        assert empty.getnframes() == 0
    sink.close()
    sink.close()
    with pytest.raises(AudioSinkError):
        sink.write(bytes(FRAME_SIZE))


def test_a_wav_file_that_cannot_be_created_is_a_sink_error(tmp_path: Path) -> None:
    with pytest.raises(AudioSinkError, match="No such file or directory"):
        WavFileSink(tmp_path / "missing-folder" / "out.wav")


@pytest.mark.skipif(not ffplay_available(), reason="ffplay is not installed")
def test_ffplay_plays_frames_and_exits(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SDL_AUDIODRIVER", "dummy")  # no sound card here
    sink = FfplaySink()
    for _ in range(10):
        sink.write(bytes(FRAME_SIZE))
    sink.close()
    sink.close()
    assert sink.pid not in child_pids()
    with pytest.raises(AudioSinkError):
        sink.write(bytes(FRAME_SIZE))


@pytest.mark.skipif(not ffplay_available(), reason="ffplay is not installed")
def test_ffplay_that_died_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SDL_AUDIODRIVER", "dummy")
    sink = FfplaySink()
    os.kill(sink.pid, signal.SIGKILL)
    with pytest.raises(AudioSinkError, match="ffplay stopped"):
        write_frames(sink, 100)  # more than the pipe holds: the write that meets the dead reader fails
    sink.close()


def write_frames(sink: FfplaySink, count: int) -> None:
    for _ in range(count):
        sink.write(bytes(FRAME_SIZE))


# --- the next song opened ahead ---------------------------------------------------------------------------
async def test_a_preloaded_next_song_starts_from_the_decoder_opened_ahead(
    output: LocalAudioOutput, wav_path: Path, tones: Callable[..., str]
) -> None:
    first_tone, second_tone = tones(440, 4.0), tones(880, 1.0)
    following = PlaybackRequest(stream_url=second_tone, duration=1.0)
    second = Ends()
    first = Ends(then=lambda: output.play(GUILD, following, second))
    await output.play(GUILD, PlaybackRequest(stream_url=first_tone, duration=4.0), first)
    await output.preload(GUILD, following)

    await asyncio.sleep(0.5)
    assert output.preloaded_pid(GUILD) is None  # 3.5 s left: too early to hold a connection open
    await asyncio.sleep(1.0)
    ahead = output.preloaded_pid(GUILD)
    assert ahead is not None  # within the last 3 s
    assert await second.wait() is None

    assert output.decoder_pid(GUILD) in {ahead, None}  # None: the short second song may be over already
    samples, rate = read_wav(wav_path)
    assert seconds(samples) == pytest.approx(5.0, abs=0.05)
    assert abs(dominant_frequency(samples[int(4.1 * rate) :]) - 880) <= 2


async def test_a_preload_that_is_not_played_is_closed(fast_output: LocalAudioOutput, tones: Callable[..., str]) -> None:
    await fast_output.preload(GUILD, PlaybackRequest(stream_url=tones(880, 1.0)))
    await asyncio.sleep(0.1)
    assert fast_output.preloaded_pid(GUILD) is not None  # nothing plays: opened at once

    ends = Ends()
    await fast_output.play(GUILD, PlaybackRequest(stream_url=tones(440, 0.3)), ends)
    assert await ends.wait() is None
    assert fast_output.preloaded_pid(GUILD) is None
    await fast_output.stop(GUILD)
    assert len(child_pids()) == 0


async def test_a_server_that_cuts_every_response_short_is_not_asked_forever(
    fast_output: LocalAudioOutput, media_server: MediaServer
) -> None:
    # The truncated route ignores ranges: each reconnect starts the file over and is cut again.
    ends = Ends()
    request = PlaybackRequest(stream_url=media_server.url("/truncated/tone880.mp3"), duration=MEDIA_SECONDS)
    await fast_output.play(GUILD, request, ends)

    assert await ends.wait() is None
    assert fast_output.frames_written(GUILD) * 0.02 <= MEDIA_SECONDS + 11
    assert len([r for r in media_server.requests if r.path.startswith("/truncated/")]) < 50
