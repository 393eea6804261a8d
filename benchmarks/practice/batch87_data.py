"""Data for the batch-87 cases (audio enhancement and source separation): generated 8 kHz
clips of 4224 samples (0.53 s). A "voiced" source (a harmonic tone whose pitch glides, in two
or three syllable-like bursts) under coloured noise for enhancement; a harmonic source
(sustained notes) mixed with a percussive one (decaying broadband clicks) for two-source
separation. STFT by numpy (Hann 256, hop 128, no centring: 32 frames, 128 bins once the
Nyquist bin is dropped). Data seeds 8700, 8701; no downloads; every array float32.
"""

from __future__ import annotations

from functools import cache

import numpy as np

RATE = 8000
LENGTH = 4224  # 256 + 31 * 128: exactly 32 frames
FRAME, HOP = 256, 128


def stft_mag(x: np.ndarray) -> np.ndarray:
    """|STFT| of (n, LENGTH) waveforms: (n, 32 frames, 128 bins), float32."""
    frames = np.lib.stride_tricks.sliding_window_view(x, FRAME, axis=-1)[..., ::HOP, :]
    spec = np.fft.rfft(frames * np.hanning(FRAME).astype("float32"), axis=-1)
    return np.abs(spec[..., :-1]).astype("float32")


def _voiced(rng: np.random.Generator, t: np.ndarray) -> np.ndarray:
    """A harmonic tone (f0 90..250 Hz gliding by up to +-30 %, harmonics 1/k ** tilt up to
    3.5 kHz) gated by two or three Hann-shaped syllables of 0.08..0.2 s; RMS 0.1."""
    f0 = rng.uniform(90.0, 250.0) * (1.0 + rng.uniform(-0.3, 0.3) * t / t[-1])
    phase = 2 * np.pi * np.cumsum(f0) / RATE
    tilt = rng.uniform(0.7, 1.5)
    k_max = int(3500 / f0.max())
    wave = sum(np.sin(k * phase + rng.uniform(0, 2 * np.pi)) / k ** tilt
               for k in range(1, k_max + 1))  # fmt: skip
    envelope = np.zeros_like(t)
    for _ in range(rng.integers(2, 4)):
        width = int(rng.uniform(0.08, 0.2) * RATE)
        start = int(rng.integers(0, len(t) - width))
        envelope[start:start + width] += np.hanning(width)
    wave = wave * np.clip(envelope, 0.0, 1.0)
    return wave / (np.sqrt(np.mean(wave**2)) + 1e-8) * 0.1


def _noise(rng: np.random.Generator, n: int) -> np.ndarray:
    """White noise through a random one-pole low-pass (pole 0..0.9), unit RMS."""
    white = rng.normal(size=n)
    pole = rng.uniform(0.0, 0.9)
    out = np.empty(n)
    acc = 0.0
    for i in range(n):
        acc = pole * acc + white[i]
        out[i] = acc
    return out / np.sqrt(np.mean(out**2))


@cache
def enhancement_set(n_train: int = 1000, n_val: int = 250) -> list[np.ndarray]:
    """Voiced clips under coloured noise at an SNR of -5..5 dB (seed 8700). Returns mixture
    and clean waveforms for training and validation: mix, clean, mixval, cleanval (float32
    (n, 4224))."""
    rng = np.random.default_rng(8700)
    n = n_train + n_val
    t = np.arange(LENGTH) / RATE
    clean = np.empty((n, LENGTH), "float32")
    mix = np.empty((n, LENGTH), "float32")
    for i in range(n):
        s = _voiced(rng, t)
        snr = rng.uniform(-5.0, 5.0)
        noise = _noise(rng, LENGTH) * np.sqrt(np.mean(s**2)) / 10 ** (snr / 20)
        clean[i], mix[i] = s, s + noise
    return [mix[:n_train], clean[:n_train], mix[n_train:], clean[n_train:]]


def _harmonic_notes(rng: np.random.Generator, t: np.ndarray) -> np.ndarray:
    """Two or three sustained notes in a row (f0 110..440 Hz, 4-8 harmonics, 1/k), RMS 0.1."""
    wave = np.zeros_like(t)
    cuts = np.sort(rng.integers(len(t) // 5, 4 * len(t) // 5, size=rng.integers(1, 3)))
    edges = [0, *cuts.tolist(), len(t)]
    for a, b in zip(edges[:-1], edges[1:], strict=True):
        f0 = rng.uniform(110.0, 440.0)
        seg = t[a:b]
        note = sum(np.sin(2 * np.pi * k * f0 * seg) / k for k in range(1, rng.integers(4, 9)))
        wave[a:b] = note * np.hanning(b - a) ** 0.25
    return wave / (np.sqrt(np.mean(wave**2)) + 1e-8) * 0.1


def _clicks(rng: np.random.Generator, n: int) -> np.ndarray:
    """Four to eight decaying broadband noise bursts (decay 3..15 ms), RMS 0.1."""
    wave = np.zeros(n)
    for _ in range(rng.integers(4, 9)):
        start = int(rng.integers(0, n - 400))
        decay = rng.uniform(0.003, 0.015) * RATE
        length = min(n - start, int(6 * decay))
        burst = rng.normal(size=length) * np.exp(-np.arange(length) / decay)
        wave[start:start + length] += burst * rng.uniform(0.5, 1.0)
    return wave / (np.sqrt(np.mean(wave**2)) + 1e-8) * 0.1


@cache
def separation_set(n_train: int = 1000, n_val: int = 250) -> list[np.ndarray]:
    """Harmonic notes + percussive clicks mixed at -5..5 dB (seed 8701). Returns the mixture
    magnitude and the two sources' magnitudes (harmonic first, percussive second) for
    training and validation: mixmag, sources, mixmagval, sourcesval (float32, (n, 32, 128)
    and (n, 32, 128, 2))."""
    rng = np.random.default_rng(8701)
    n = n_train + n_val
    t = np.arange(LENGTH) / RATE
    harm = np.empty((n, LENGTH), "float32")
    perc = np.empty((n, LENGTH), "float32")
    for i in range(n):
        harm[i] = _harmonic_notes(rng, t)
        perc[i] = _clicks(rng, LENGTH) * 10 ** (rng.uniform(-5.0, 5.0) / 20)
    mix = stft_mag(harm + perc)
    sources = np.stack([stft_mag(harm), stft_mag(perc)], axis=-1)
    return [mix[:n_train], sources[:n_train], mix[n_train:], sources[n_train:]]


@cache
def enhancement_spectra(n_train: int = 1000, n_val: int = 250) -> list[np.ndarray]:
    """The enhancement set's magnitudes: mixmag, cleanmag, mixmagval, cleanmagval (float32
    (n, 32, 128))."""
    return [stft_mag(a) for a in enhancement_set(n_train, n_val)]
