"""The PCM format every local output speaks (Discord's: 48 kHz, stereo, s16le, 20 ms frames) and live volume."""

from __future__ import annotations

import math

import numpy as np

SAMPLE_RATE = 48_000
CHANNELS = 2
SAMPLE_WIDTH = 2  # bytes: signed 16-bit little-endian
FRAME_DURATION = 0.020  # seconds
SAMPLES_PER_FRAME = int(SAMPLE_RATE * FRAME_DURATION)  # per channel
FRAME_SIZE = SAMPLES_PER_FRAME * CHANNELS * SAMPLE_WIDTH  # 3840 bytes
SILENCE = bytes(FRAME_SIZE)

_INT16_MIN, _INT16_MAX = -32768, 32767


def apply_volume(frame: bytes, factor: float) -> bytes:
    """`frame` (s16le) scaled by `factor`, clipped to 16 bits rather than wrapping around into loud noise."""
    if factor == 1.0:
        return frame
    if not math.isfinite(factor) or factor < 0:
        raise ValueError(f"a volume factor must be finite and >= 0, not {factor}")
    if len(frame) % SAMPLE_WIDTH:
        raise ValueError(f"a 16-bit PCM frame has an even length, not {len(frame)}")
    if factor == 0.0:
        return bytes(len(frame))
    samples = np.frombuffer(frame, dtype="<i2").astype(np.float32)
    samples *= factor
    # Rounding (not truncation toward zero) keeps the scaling unbiased for quiet signals.
    np.rint(samples, out=samples)
    np.clip(samples, _INT16_MIN, _INT16_MAX, out=samples)
    return samples.astype("<i2").tobytes()
