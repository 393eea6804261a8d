"""Data for the batch-100 cases (EEG / brain-computer-interface decoding): generated multichannel
EEG in microvolts at 128 Hz, as an epoched recording would give it (trials x channels x
samples). Motor imagery: 16 channels over the sensorimotor strip, 6 subjects x 120 trials of
three classes (left hand, right hand, feet), 2 s per trial with the cue at 0.5 s; a mu (9-12
Hz) and beta (~20 Hz) rhythm per channel whose amplitude drops (event-related
desynchronisation) after the cue over the channels of the imagined limb (C4 side for the left
hand, C3 side for the right, the midline for the feet), spatially mixed 1/f background noise,
subject-specific channel gains and mu frequency, 50 Hz line noise, eye blinks on the frontal
channels and muscle bursts. P300 oddball: 8 channels, 6 subjects x 300 epochs of 0.75 s (one
target in five), evoked N1 / P2 in every epoch and a P300 (300-450 ms, parietal-central)
in the targets, per-epoch electrode offsets (no baseline correction yet), 1/f noise and alpha.
Data seeds 10000-10001; no downloads; cached; float32.
"""

from __future__ import annotations

from functools import cache

import numpy as np

FS = 128
MI_CHANNELS = ("Fp1", "Fp2", "F3", "Fz", "F4", "FC3", "FCz", "FC4",
               "C3", "Cz", "C4", "CP3", "CPz", "CP4", "P3", "P4")  # fmt: skip
# rough 2-D scalp positions (x: left -> right, y: back -> front)
_POS = {"Fp1": (-0.3, 1.0), "Fp2": (0.3, 1.0), "F3": (-0.5, 0.6), "Fz": (0.0, 0.6),
        "F4": (0.5, 0.6), "FC3": (-0.5, 0.3), "FCz": (0.0, 0.3), "FC4": (0.5, 0.3),
        "C3": (-0.5, 0.0), "Cz": (0.0, 0.0), "C4": (0.5, 0.0), "CP3": (-0.5, -0.3),
        "CPz": (0.0, -0.3), "CP4": (0.5, -0.3), "P3": (-0.5, -0.6), "P4": (0.5, -0.6),
        "Pz": (0.0, -0.6), "Oz": (0.0, -1.0), "PO7": (-0.6, -0.85), "PO8": (0.6, -0.85)}
MI_CLASSES = ("left_hand", "right_hand", "feet")
# the channels whose mu / beta rhythm desynchronises for each class (centre, then neighbours)
_ERD = {0: ("C4", "FC4", "CP4"), 1: ("C3", "FC3", "CP3"), 2: ("Cz", "FCz", "CPz")}
ERP_CHANNELS = ("Fz", "Cz", "Pz", "Oz", "P3", "P4", "PO7", "PO8")


def _pink(rng: np.random.Generator, shape: tuple[int, ...], exponent: float = 1.0
          ) -> np.ndarray:  # fmt: skip
    """1/f^exponent noise along the last axis, unit standard deviation."""
    n = shape[-1]
    spectrum = np.fft.rfft(rng.normal(size=shape), axis=-1)
    freqs = np.fft.rfftfreq(n, 1.0 / FS)
    freqs[0] = freqs[1]
    spectrum = spectrum / freqs ** (exponent / 2.0)
    noise = np.fft.irfft(spectrum, n=n, axis=-1)
    return noise / noise.std(axis=-1, keepdims=True)


def _band(rng: np.random.Generator, shape: tuple[int, ...], low: float, high: float
          ) -> np.ndarray:  # fmt: skip
    """Band-limited Gaussian noise (low..high Hz) along the last axis, unit standard
    deviation: a rhythm whose amplitude and phase wander, as a real mu / alpha rhythm."""
    n = shape[-1]
    spectrum = np.fft.rfft(rng.normal(size=shape), axis=-1)
    freqs = np.fft.rfftfreq(n, 1.0 / FS)
    spectrum[..., (freqs < low) | (freqs > high)] = 0.0
    rhythm = np.fft.irfft(spectrum, n=n, axis=-1)
    return rhythm / rhythm.std(axis=-1, keepdims=True)


def _mixing(channels: tuple[str, ...], width: float = 0.35) -> np.ndarray:
    """Volume conduction: each channel sees its neighbours' sources, exp(-distance / width),
    rows normalised to unit power."""
    xy = np.array([_POS[c] for c in channels])
    d = np.sqrt(((xy[:, None] - xy[None]) ** 2).sum(-1))
    m = np.exp(-d / width)
    return m / np.sqrt((m**2).sum(1, keepdims=True))


@cache
def motor_imagery(n_subjects: int = 6, trials: int = 120) -> list[np.ndarray]:
    """Motor-imagery trials (seed 10000): returns x (n, 16, 256) in microvolts (2 s at 128 Hz,
    the cue at sample 64), y (n,) class ids 0..2 (left hand, right hand, feet; balanced in
    each subject) and subject (n,) ids 0..n_subjects-1, trials ordered by subject."""
    rng = np.random.default_rng(10000)
    n_ch, n_t, cue = len(MI_CHANNELS), 2 * FS, FS // 2
    mix = _mixing(MI_CHANNELS)
    t = np.arange(n_t) / FS
    # the desynchronisation sets in over ~0.25 s after the cue
    onset = 1.0 / (1.0 + np.exp(-(np.arange(n_t) - cue - 16) / 4.0))
    index = {c: i for i, c in enumerate(MI_CHANNELS)}
    xs, ys, ss = [], [], []
    for s in range(n_subjects):
        gain = rng.uniform(0.6, 1.6) * rng.lognormal(0.0, 0.25, size=n_ch)
        mu_f = rng.uniform(9.0, 12.0)
        mu_amp = rng.uniform(6.0, 10.0) * rng.uniform(0.7, 1.3, size=n_ch)
        beta_amp = 0.5 * mu_amp
        line_amp = rng.uniform(2.0, 10.0)
        depth = rng.uniform(0.45, 0.65)  # how far the rhythm drops on the imagined side
        y = np.repeat(np.arange(3), trials // 3)
        y = y[rng.permutation(len(y))]
        background = 10.0 * np.einsum("ij,njt->nit", mix, _pink(rng, (len(y), n_ch, n_t)))
        mu = _band(rng, (len(y), n_ch, n_t), mu_f - 1.5, mu_f + 1.5)
        beta = _band(rng, (len(y), n_ch, n_t), 18.0, 24.0)
        modulation = np.ones((len(y), n_ch, n_t))
        for k, chans in _ERD.items():
            for j, name in enumerate(chans):
                drop = depth if j == 0 else 0.5 * depth
                modulation[y == k, index[name]] *= 1.0 - drop * onset
        # the ipsilateral side rebounds slightly (event-related synchronisation)
        modulation[y == 0, index["C3"]] *= 1.0 + 0.15 * onset
        modulation[y == 1, index["C4"]] *= 1.0 + 0.15 * onset
        rhythm = modulation * (mu_amp[:, None] * mu + beta_amp[:, None] * beta)
        line = line_amp * np.sin(2 * np.pi * 50.0 * t + rng.uniform(0, 2 * np.pi, (len(y), 1, 1)))
        x = gain[:, None] * (background + rhythm) + line
        # eye blinks: a ~0.3 s positive bump on Fp1 / Fp2, weaker further back
        for i in np.flatnonzero(rng.random(len(y)) < 0.12):
            centre = rng.uniform(0.2, 1.8)
            bump = rng.uniform(80.0, 150.0) * np.exp(-0.5 * ((t - centre) / 0.07) ** 2)
            weights = np.array([max(0.0, _POS[c][1] - 0.2) ** 2 for c in MI_CHANNELS])
            x[i] += weights[:, None] * bump / weights.max()
        # muscle bursts: 0.4 s of high-frequency noise on one channel
        for i in np.flatnonzero(rng.random(len(y)) < 0.05):
            ch, start = rng.integers(n_ch), rng.integers(0, n_t - 52)
            x[i, ch, start:start + 52] += rng.normal(0.0, 25.0, 52)
        xs.append(x)
        ys.append(y)
        ss.append(np.full(len(y), s))
    return [np.concatenate(xs).astype("float32"), np.concatenate(ys).astype("int64"),
            np.concatenate(ss).astype("int64")]  # fmt: skip


@cache
def p300_oddball(n_subjects: int = 6, epochs: int = 300) -> list[np.ndarray]:
    """P300 oddball epochs (seed 10001): returns x (n, 8, 96) in microvolts (0..0.75 s after the
    stimulus at 128 Hz, no baseline correction: each epoch carries its own electrode offsets),
    y (n,) 1 for a target (one in five), 0 otherwise, and subject (n,), ordered by subject."""
    rng = np.random.default_rng(10001)
    n_ch, n_t = len(ERP_CHANNELS), 96
    t = np.arange(n_t) / FS
    mix = _mixing(ERP_CHANNELS, 0.5)
    xy = np.array([_POS[c] for c in ERP_CHANNELS])
    # scalp weights: P300 parietal-central, N1 / P2 occipital-parietal
    p3_w = np.exp(-((xy[:, 0] / 0.6) ** 2 + ((xy[:, 1] + 0.4) / 0.5) ** 2))
    vis_w = np.exp(-((xy[:, 0] / 0.8) ** 2 + ((xy[:, 1] + 0.9) / 0.4) ** 2))
    xs, ys, ss = [], [], []
    for s in range(n_subjects):
        gain = rng.uniform(0.6, 1.6) * rng.lognormal(0.0, 0.2, size=n_ch)
        p3_amp, p3_lat = rng.uniform(8.0, 12.0), rng.uniform(0.32, 0.42)
        y = (rng.permutation(epochs) < epochs // 5).astype("int64")
        n = len(y)
        jitter = p3_lat + rng.normal(0.0, 0.03, size=(n, 1, 1))
        scale = rng.uniform(0.5, 1.3, size=(n, 1, 1))
        p300 = y[:, None, None] * scale * p3_amp * p3_w[None, :, None] * np.exp(
            -0.5 * ((t - jitter) / 0.06) ** 2)
        n1 = -4.0 * np.exp(-0.5 * ((t - 0.17) / 0.025) ** 2) + 3.0 * np.exp(
            -0.5 * ((t - 0.24) / 0.03) ** 2)
        evoked = vis_w[None, :, None] * n1[None, None, :] * rng.uniform(0.6, 1.4, (n, 1, 1))
        background = 6.0 * np.einsum("ij,njt->nit", mix, _pink(rng, (n, n_ch, n_t)))
        alpha = 5.0 * _band(rng, (n, n_ch, n_t), 8.0, 12.0)
        offsets = rng.normal(0.0, 25.0, size=(n, n_ch, 1))
        x = gain[:, None] * (background + alpha + evoked + p300) + offsets
        xs.append(x)
        ys.append(y)
        ss.append(np.full(n, s))
    return [np.concatenate(xs).astype("float32"), np.concatenate(ys),
            np.concatenate(ss).astype("int64")]  # fmt: skip


BANDS = {"theta": (4.0, 8.0), "mu": (8.0, 13.0), "beta": (13.0, 30.0), "gamma": (30.0, 45.0)}


@cache
def mi_band_power(start: int = 64, length: int = 128) -> list[np.ndarray]:
    """Band power of the motor-imagery trials (Welch, 64-sample Hann segments, half overlap)
    in theta / mu / beta / gamma per channel over samples start..start+length: returns power
    (n, 64) in microvolts squared (not logged), y and subject."""
    from scipy.signal import welch

    x, y, subject = motor_imagery()
    freqs, psd = welch(x[..., start:start + length], fs=FS, nperseg=64, axis=-1)
    power = np.stack([psd[..., (freqs >= lo) & (freqs < hi)].mean(-1)
                      for lo, hi in BANDS.values()], axis=-1)  # fmt: skip
    return [power.reshape(len(x), -1).astype("float32"), y, subject]
