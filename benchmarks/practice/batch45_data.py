"""Data for the batch-45 cases: generated sequences for recurrent networks (data seed 0
(+450 .. +453), no downloads).

Batch 45 is recurrent networks and sequence labelling as practitioners meet them in Keras 3:
a part-of-speech-like tagging task (token 0 and tag 0 are padding), generated waveforms to
classify, a generated series to forecast one step ahead, and noisy sines to denoise step by
step. The waveforms and the series come in their own units (the scripts scale them, or
forget to).
"""

from __future__ import annotations

from functools import cache

import numpy as np

from benchmarks.practice.batch2_data import DATA_SEED

PAD = 0


@cache
def tagging(n: int = 1500, n_val: int = 600, maxlen: int = 32, tags: int = 6,
            own: int = 30, shared: int = 30) -> list[np.ndarray]:  # fmt: skip
    """A part-of-speech-like tagging task (seed 450): tag sequences from a Markov chain over
    `tags` tags (1..tags; a sparse transition matrix), each tag emitting one of its `own`
    words (p 0.65) or one of `shared` ambiguous words it shares with one other tag (p 0.35),
    so the ambiguous words' tags are told only by their neighbours. Sentences of 6..30 words,
    post-padded with 0 to `maxlen`; tag 0 on padding. Vocabulary 1 + tags * own + shared.
    Returns x, xval (int32, (n, maxlen)), y, yval (int64 tags, (n, maxlen))."""
    rng = np.random.default_rng(DATA_SEED + 450)
    trans = rng.dirichlet(np.full(tags, 0.4), size=tags)
    start = rng.dirichlet(np.full(tags, 1.0))
    pair = {t: [] for t in range(tags)}  # shared word ids each tag may emit
    for w in range(shared):
        a, b = rng.choice(tags, size=2, replace=False)
        word = 1 + tags * own + w
        pair[int(a)].append(word)
        pair[int(b)].append(word)
    total = n + n_val
    x = np.zeros((total, maxlen), dtype=np.int32)
    y = np.zeros((total, maxlen), dtype=np.int64)
    for i in range(total):
        length = int(rng.integers(6, 31))
        t = int(rng.choice(tags, p=start))
        for j in range(length):
            if pair[t] and rng.random() < 0.35:
                word = int(rng.choice(pair[t]))
            else:
                word = 1 + t * own + int(rng.integers(own))
            x[i, j], y[i, j] = word, t + 1
            t = int(rng.choice(tags, p=trans[t]))
    return [x[:n], x[n:], y[:n], y[n:]]


def _wave(kind: int, steps: int, rng: np.random.Generator) -> np.ndarray:
    t = np.arange(steps, dtype=np.float64)
    freq = [0.05, 0.09, 0.05, 0.09][kind] * rng.uniform(0.9, 1.1)
    phase = rng.uniform(0, 2 * np.pi)
    base = np.sin(2 * np.pi * freq * t + phase)
    if kind >= 2:  # square waves of the two frequencies
        base = np.sign(base) * 0.8
    return rng.uniform(0.6, 1.4) * base + rng.normal(0, 0.35, steps)


@cache
def waves(n: int = 1600, n_val: int = 400, steps: int = 48) -> list[np.ndarray]:
    """Waveform classification (seed 451): 4 classes, sine or square at one of two
    frequencies (0.05 / 0.09 cycles a step, +-10 %), random phase and amplitude (0.6..1.4),
    Gaussian noise (sd 0.35), as a sensor logs them: 500 + 120 * signal (units ~ 300..700).
    Two channels: the signal and a second sensor reading 20 * signal + 80 (shape (n, steps,
    2)). Returns x, xval (float32, raw units), y, yval (int64 0..3)."""
    rng = np.random.default_rng(DATA_SEED + 451)
    total = n + n_val
    y = rng.integers(0, 4, total)
    s = np.stack([_wave(int(k), steps, rng) for k in y])
    x = np.stack([500 + 120 * s, 80 + 20 * s + rng.normal(0, 2, s.shape)], axis=-1)
    return [x[:n].astype("float32"), x[n:].astype("float32"), y[:n], y[n:]]


@cache
def series(length: int = 6000) -> np.ndarray:
    """A generated 'daily load' series (seed 452): 220 + 40 sin(2 pi t / 24) + 15 sin(2 pi t
    / 168) + AR(1) noise (phi 0.8, sd 4), float32, in its own units (~150..290)."""
    rng = np.random.default_rng(DATA_SEED + 452)
    t = np.arange(length, dtype=np.float64)
    noise = np.zeros(length)
    for i in range(1, length):
        noise[i] = 0.8 * noise[i - 1] + rng.normal(0, 4)
    return (220 + 40 * np.sin(2 * np.pi * t / 24) + 15 * np.sin(2 * np.pi * t / 168)
            + noise).astype("float32")  # fmt: skip


@cache
def denoise(n: int = 1200, n_val: int = 500, steps: int = 48) -> list[np.ndarray]:
    """Many-to-many denoising (seed 453): a clean sum of two sines (random frequencies 0.02..
    0.08 cycles a step, amplitudes 0.5..1.5) and the same plus noise (sd 0.4). Returns x,
    xval (noisy, (n, steps, 1)), y, yval (clean, (n, steps, 1)), float32, unit scale."""
    rng = np.random.default_rng(DATA_SEED + 453)
    total = n + n_val
    t = np.arange(steps, dtype=np.float64)
    f = rng.uniform(0.02, 0.08, (total, 2, 1))
    a = rng.uniform(0.5, 1.5, (total, 2, 1))
    p = rng.uniform(0, 2 * np.pi, (total, 2, 1))
    clean = (a * np.sin(2 * np.pi * f * t + p)).sum(axis=1)
    noisy = clean + rng.normal(0, 0.4, clean.shape)
    x, y = noisy[..., None].astype("float32"), clean[..., None].astype("float32")
    return [x[:n], x[n:], y[:n], y[n:]]

