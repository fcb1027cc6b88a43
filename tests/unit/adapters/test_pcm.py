import numpy as np
import pytest

from musicbot.adapters.audio.pcm import FRAME_SIZE, SAMPLES_PER_FRAME, SILENCE, apply_volume


def frame_of(*samples: int) -> bytes:
    """A frame whose interleaved samples repeat `samples`."""
    values = np.resize(np.array(samples, dtype="<i2"), FRAME_SIZE // 2)
    return values.astype("<i2").tobytes()


def samples_of(frame: bytes) -> np.ndarray:
    return np.frombuffer(frame, dtype="<i2")


def test_the_format_is_discords_20_ms_frame() -> None:
    assert SAMPLES_PER_FRAME == 960
    assert FRAME_SIZE == 3840
    assert len(SILENCE) == FRAME_SIZE


def test_full_volume_returns_the_very_same_frame() -> None:
    frame = frame_of(1000, -1000)
    assert apply_volume(frame, 1.0) is frame


def test_half_volume_halves_every_sample() -> None:
    out = samples_of(apply_volume(frame_of(1000, -1000, 3, 32767), 0.5))
    assert list(out[:4]) == [500, -500, 2, 16384]  # rounded to the nearest, half to even
    assert len(out) * 2 == FRAME_SIZE


def test_zero_volume_is_silence() -> None:
    assert apply_volume(frame_of(12345, -32768), 0.0) == SILENCE


def test_loud_volume_clips_instead_of_wrapping_around() -> None:
    out = samples_of(apply_volume(frame_of(20000, -20000, 100), 2.0))
    assert list(out[:3]) == [32767, -32768, 200]


def test_the_output_keeps_the_little_endian_16_bit_layout() -> None:
    out = apply_volume(bytes([0x10, 0x00]) * (FRAME_SIZE // 2), 2.0)
    assert out[:2] == bytes([0x20, 0x00])


@pytest.mark.parametrize("factor", [-0.1, float("nan"), float("inf")])
def test_a_volume_that_is_not_a_volume_is_refused(factor: float) -> None:
    with pytest.raises(ValueError, match="volume factor"):
        apply_volume(frame_of(1), factor)


def test_a_frame_cut_in_the_middle_of_a_sample_is_refused() -> None:
    with pytest.raises(ValueError, match="even length"):
        apply_volume(b"\x00\x01\x02", 0.5)
