"""What a listener would hear: the dominant frequency and loudness of recorded PCM."""

from __future__ import annotations

import wave
from pathlib import Path

import numpy as np
import numpy.typing as npt

SAMPLE_RATE = 48_000


def read_wav(path: Path) -> tuple[npt.NDArray[np.float64], int]:
    """Mono samples in [-1, 1] and the sample rate."""
    with wave.open(str(path), "rb") as wav:
        rate, channels, width = wav.getframerate(), wav.getnchannels(), wav.getsampwidth()
        raw = wav.readframes(wav.getnframes())
    assert width == 2, "16-bit PCM expected"
    samples = np.frombuffer(raw, dtype="<i2").astype(np.float64) / 32768.0
    if channels > 1:
        samples = samples.reshape(-1, channels).mean(axis=1)
    return samples, rate


def pcm_to_mono(raw: bytes, channels: int = 2) -> npt.NDArray[np.float64]:
    samples = np.frombuffer(raw, dtype="<i2").astype(np.float64) / 32768.0
    return samples.reshape(-1, channels).mean(axis=1) if channels > 1 else samples


def dominant_frequency(samples: npt.NDArray[np.float64], rate: int = SAMPLE_RATE) -> float:
    """The strongest frequency in Hz (FFT with a Hann window)."""
    assert len(samples) > rate // 10, "too little audio to analyse"
    windowed = samples * np.hanning(len(samples))
    spectrum = np.abs(np.fft.rfft(windowed))
    freqs = np.fft.rfftfreq(len(samples), 1 / rate)
    return float(freqs[int(np.argmax(spectrum[1:])) + 1])


def rms(samples: npt.NDArray[np.float64]) -> float:
    return float(np.sqrt(np.mean(samples**2))) if len(samples) else 0.0
