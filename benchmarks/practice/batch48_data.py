"""Data for the batch-48 cases: generated audio clips (no downloads; data seed 0 (+480,
+481)) and the spectrogram features practitioners compute from them.

Six sound classes in half-second clips (2048 samples at 4 kHz): a low tone (250-450 Hz), a
high tone (1100-1500 Hz), an up-chirp (300 -> 1500 Hz), a down-chirp (1500 -> 300 Hz), a
white-noise burst and a two-step "keyword" (a low tone then a high tone). Each event lasts
0.15-0.3 s at a random onset and amplitude (0.1-0.8) over background noise (sd 0.02-0.08).
The waveforms are float32 in [-1, 1]; `int16_scale` gives them as `scipy.io.wavfile.read`
returns a 16-bit file (+-32768). The spectrograms come from `tf.signal.stft` (frame 128,
step 32: 61 frames x 65 bins) projected on 32 mel-like bins (50-2000 Hz).
"""

from __future__ import annotations

from functools import cache

import numpy as np

from benchmarks.practice.batch2_data import DATA_SEED

RATE = 4000
SAMPLES = 2048
CLASSES = ("low_tone", "high_tone", "up_chirp", "down_chirp", "noise_burst", "two_step")


def _clip(rng: np.random.Generator, label: int) -> np.ndarray:
    t_all = np.arange(SAMPLES) / RATE
    wave = rng.normal(0.0, rng.uniform(0.02, 0.08), SAMPLES)
    length = int(rng.uniform(0.15, 0.3) * RATE)
    onset = int(rng.integers(0, SAMPLES - length))
    t = t_all[:length]
    amp = rng.uniform(0.1, 0.8)
    phase = rng.uniform(0, 2 * np.pi)
    if label == 0:
        event = np.sin(2 * np.pi * rng.uniform(250, 450) * t + phase)
    elif label == 1:
        event = np.sin(2 * np.pi * rng.uniform(1100, 1500) * t + phase)
    elif label in (2, 3):
        f0, f1 = rng.uniform(250, 400), rng.uniform(1300, 1600)
        if label == 3:
            f0, f1 = f1, f0
        duration = length / RATE
        event = np.sin(2 * np.pi * (f0 * t + (f1 - f0) * t * t / (2 * duration)) + phase)
    elif label == 4:
        event = rng.normal(0.0, 0.6, length)
    else:
        half = length // 2
        low = np.sin(2 * np.pi * rng.uniform(250, 450) * t[:half] + phase)
        high = np.sin(2 * np.pi * rng.uniform(1100, 1500) * t[:length - half] + phase)
        event = np.concatenate([low, high])
    window = np.hanning(length) ** 0.25  # soft edges
    wave[onset:onset + length] += amp * event * window
    return np.clip(wave, -1.0, 1.0).astype("float32")


@cache
def waveforms(n_train: int = 1800, n_val: int = 600) -> list[np.ndarray]:
    """Balanced generated clips (seed +480): x (n_train, 2048), xval (n_val, 2048) float32 in
    [-1, 1], y, yval (integer 0..5, shuffled)."""
    rng = np.random.default_rng(DATA_SEED + 480)
    n = n_train + n_val
    labels = rng.permutation(np.arange(n) % len(CLASSES))
    x = np.stack([_clip(rng, int(k)) for k in labels])
    return [x[:n_train], x[n_train:], labels[:n_train].astype(np.int64),
            labels[n_train:].astype(np.int64)]  # fmt: skip


def int16_scale(wave: np.ndarray) -> np.ndarray:
    """The clip as `scipy.io.wavfile.read` returns a 16-bit PCM file: int16 values
    (+-32767), here as float32 (what `np.asarray(data, "float32")` gives)."""
    return np.round(wave * 32767.0).astype(np.int16).astype("float32")


@cache
def _mel_matrix() -> np.ndarray:
    import tensorflow as tf

    return tf.signal.linear_to_mel_weight_matrix(
        num_mel_bins=32, num_spectrogram_bins=65, sample_rate=RATE, lower_edge_hertz=50.0,
        upper_edge_hertz=2000.0).numpy()  # fmt: skip


def _magnitude(wave: np.ndarray) -> np.ndarray:
    import tensorflow as tf

    stft = tf.signal.stft(wave, frame_length=128, frame_step=32, fft_length=128)
    return np.abs(stft.numpy()).astype("float32")  # (n, 61, 65)


@cache
def spectrograms(kind: str = "log_mel") -> list[np.ndarray]:
    """Spectrogram features of `waveforms()`, shape (n, 61 frames, 32 mel bins): x, xval,
    y, yval. `kind`: "log_mel" (log(mel power + 1e-6) of the [-1, 1] clip, about -11..7),
    "db" (10 log10(mel power + 1e-10), about -47..32), "linear" (the mel magnitude of the
    clip read at int16 scale, no log: 150 to 1.3e6, mean 3.4e4), "linear_float" (the mel
    magnitude of the [-1, 1] clip, no log: 0.005 to 41, mean 1.0)."""
    x, xval, y, yval = waveforms()
    out = []
    for wave in (x, xval):
        if kind == "linear":
            out.append(_magnitude(int16_scale(wave)) @ _mel_matrix())
            continue
        mel = _magnitude(wave) @ _mel_matrix()
        if kind == "linear_float":
            out.append(mel)
        elif kind == "db":
            out.append(10.0 * np.log10(mel**2 + 1e-10))
        else:
            out.append(np.log(mel**2 + 1e-6))
    return [out[0].astype("float32"), out[1].astype("float32"), y, yval]
