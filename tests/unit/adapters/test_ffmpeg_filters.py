import pytest

from musicbot.adapters.audio.ffmpeg_decoder import decoder_command
from musicbot.adapters.audio.ffmpeg_filters import LIMITER, filter_chain
from musicbot.adapters.discord_voice.ffmpeg_opus import can_copy, opus_command
from musicbot.application.playback.ports import PlaybackRequest
from musicbot.domain.audio_filter import NO_FILTER, AudioFilter, FilterPreset


def test_no_filter_at_full_volume_is_no_chain() -> None:
    assert filter_chain(NO_FILTER, 1.0) is None
    assert filter_chain(NO_FILTER, 0.5) == "volume=0.5000"  # as before filters: no limiter on plain volume


@pytest.mark.parametrize("preset", [p for p in FilterPreset if p not in (FilterPreset.OFF,)])
def test_every_filter_ends_in_the_limiter(preset: FilterPreset) -> None:
    audio_filter = (
        AudioFilter(preset, 1.5) if preset in (FilterPreset.SPEED, FilterPreset.PITCH) else AudioFilter(preset)
    )
    chain = filter_chain(audio_filter, 2.0)
    assert chain is not None
    assert chain.endswith("volume=2.0000," + LIMITER)


def test_the_presets_peers_use() -> None:
    assert (
        filter_chain(AudioFilter(FilterPreset.NIGHTCORE), 1.0)
        == f"aresample=48000,asetrate=60000,aresample=48000,{LIMITER}"
    )
    assert (
        filter_chain(AudioFilter(FilterPreset.VAPORWAVE), 1.0)
        == f"aresample=48000,asetrate=38400,aresample=48000,{LIMITER}"
    )
    assert filter_chain(AudioFilter(FilterPreset.SPEED, 2.0), 1.0) == f"atempo=2.0000,{LIMITER}"
    pitch = filter_chain(AudioFilter(FilterPreset.PITCH, 2.0), 1.0)
    assert pitch == f"aresample=48000,asetrate=96000,aresample=48000,atempo=0.5000,{LIMITER}"
    assert "bass=g=15" in (filter_chain(AudioFilter(FilterPreset.BASS_HIGH), 1.0) or "")


def test_a_filtered_song_is_never_copied() -> None:
    request = PlaybackRequest(stream_url="song.opus", audio_filter=AudioFilter(FilterPreset.EIGHT_D))
    assert not can_copy(request, 1.0)
    assert can_copy(PlaybackRequest(stream_url="song.opus"), 1.0)
    with pytest.raises(ValueError, match="filter"):
        opus_command("ffmpeg", request, copy=True, volume=1.0, start_at=0.0)
    command = opus_command("ffmpeg", request, copy=False, volume=1.0, start_at=3.0)
    assert command[command.index("-af") + 1].startswith("aformat=channel_layouts=stereo,apulsator")


def test_the_console_decoder_filters_but_leaves_the_volume_to_the_frames() -> None:
    request = PlaybackRequest(stream_url="song.mp3", volume=0.5, audio_filter=AudioFilter(FilterPreset.SPEED, 1.5))
    command = decoder_command("ffmpeg", request)
    assert command[command.index("-af") + 1] == f"atempo=1.5000,{LIMITER}"
    assert "-af" not in decoder_command("ffmpeg", PlaybackRequest(stream_url="song.mp3", volume=0.5))
