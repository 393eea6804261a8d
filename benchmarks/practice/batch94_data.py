"""Data for the batch-94 cases (astronomical light curves): generated periodic variables (RRab,
RRc, Cepheid, detached eclipsing binary EA, contact binary EW) observed irregularly in g, r, i
with magnitude errors that grow toward the faint end, and generated multi-band transients
(SN Ia, SN Ibc, SN II-P, superluminous) as difference fluxes in FLUXCAL units (zero point
27.5) with sky + Poisson errors, time dilation by 1 + z and survey cadence gaps.
Data seeds 9400, 9401, 9402; no downloads; cached.
"""

from __future__ import annotations

from functools import cache

import numpy as np

VARIABLE_CLASSES = ("RRab", "RRc", "Cepheid", "EA", "EW")
TRANSIENT_CLASSES = ("SN Ia", "SN Ibc", "SN II-P", "SLSN")
BANDS = ("g", "r", "i")


def _cadence(rng: np.random.Generator, n_obs: int, baseline: float = 200.0) -> np.ndarray:
    """Sorted observation times (days from the first night) over `baseline` days with one
    seasonal gap of 40..70 days, nightly jitter within 0.3 days."""
    gap_start, gap = rng.uniform(0.2, 0.6) * baseline, rng.uniform(40.0, 70.0)
    nights = rng.uniform(0.0, baseline - gap, size=n_obs)
    nights = np.where(nights > gap_start, nights + gap, nights)
    return np.sort(np.floor(nights) + rng.uniform(0.0, 0.3, size=n_obs))


def _delta_mag(kind: int, phase: np.ndarray, p: dict[str, float]) -> np.ndarray:
    """The magnitude offset from the mean (positive = fainter) of each class at `phase` in
    [0, 1) (maximum light at phase 0 for the pulsators, primary eclipse at 0 for binaries)."""
    if kind in (0, 2):  # RRab / Cepheid: fast rise, slow decline
        rise = p["rise"]
        ph = (phase + rise) % 1.0
        s = np.where(ph < rise, ph / rise, 1.0 - (ph - rise) / (1.0 - rise))
        if kind == 2:
            s = s * s * (3.0 - 2.0 * s)
        return p["amp"] * (0.5 - s)
    if kind == 1:  # RRc: nearly sinusoidal
        return -p["amp"] * (0.5 * np.cos(2 * np.pi * phase) + 0.06 * np.cos(4 * np.pi * phase))
    if kind == 3:  # EA: flat with a primary and a secondary eclipse
        d1 = np.minimum(phase, 1.0 - phase)
        d2 = np.abs(phase - 0.5)
        w = p["width"]
        primary, secondary = np.exp(-0.5 * (d1 / w) ** 2), np.exp(-0.5 * (d2 / w) ** 2)
        return p["amp"] * (primary + p["ratio"] * secondary)
    # EW: continuous variation, two unequal minima per period
    wave = 0.5 - 0.5 * np.cos(4 * np.pi * phase)
    return p["amp"] * wave * (1.0 + 0.12 * np.cos(2 * np.pi * phase))


def _variable(rng: np.random.Generator, kind: int) -> dict[str, float]:
    if kind == 0:
        p = dict(period=rng.uniform(0.45, 0.85), amp=rng.uniform(0.6, 1.2),
                 rise=rng.uniform(0.1, 0.18), gr=rng.normal(0.25, 0.08), ratio_r=0.75,
                 ratio_i=0.6)  # fmt: skip
    elif kind == 1:
        p = dict(period=rng.uniform(0.25, 0.42), amp=rng.uniform(0.3, 0.55),
                 gr=rng.normal(0.15, 0.08), ratio_r=0.78, ratio_i=0.62)  # fmt: skip
    elif kind == 2:
        p = dict(period=float(np.exp(rng.uniform(np.log(3.0), np.log(30.0)))),
                 amp=rng.uniform(0.4, 1.0), rise=rng.uniform(0.28, 0.4),
                 gr=rng.normal(0.6, 0.12), ratio_r=0.7, ratio_i=0.55)  # fmt: skip
    elif kind == 3:
        p = dict(period=float(np.exp(rng.uniform(np.log(0.6), np.log(8.0)))),
                 amp=rng.uniform(0.3, 1.0), width=rng.uniform(0.02, 0.06),
                 ratio=rng.uniform(0.1, 0.5), gr=rng.uniform(0.1, 0.9), ratio_r=1.0,
                 ratio_i=0.98)  # fmt: skip
    else:
        p = dict(period=rng.uniform(0.25, 0.6), amp=rng.uniform(0.2, 0.6),
                 gr=rng.uniform(0.3, 0.7), ratio_r=0.97, ratio_i=0.95)  # fmt: skip
    p["ri"] = 0.4 * p["gr"] + rng.normal(0.0, 0.03)
    p["g"] = rng.uniform(14.5, 19.5)
    p["epoch"] = rng.uniform(0.0, 1.0)
    return p


def _observe(rng: np.random.Generator, kind: int, p: dict[str, float], band: int, n_obs: int
             ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:  # fmt: skip
    """Times, noisy magnitudes and their errors of one band."""
    t = _cadence(rng, n_obs)
    phase = (t / p["period"] + p["epoch"]) % 1.0
    ratio = (1.0, p["ratio_r"], p["ratio_i"])[band]
    mean = p["g"] - (0.0, p["gr"], p["gr"] + p["ri"])[band]
    mag = mean + ratio * _delta_mag(kind, phase, p)
    err = 0.008 + 0.03 * 10 ** (0.4 * (mag - 19.0))
    return t, mag + rng.normal(0.0, 1.0, size=n_obs) * err, err


@cache
def irregular_curves(n_train: int = 2000, n_val: int = 600, length: int = 80
                     ) -> list[np.ndarray]:  # fmt: skip
    """Single-band (g) irregular light curves of the five variable classes (seed 9400): 30..80
    observations over 200 days with a seasonal gap, magnitudes 14.5..19.5 with errors
    0.008..0.1 mag. Returns t, mag, err (float32 (n, length), post-padded with 0), lengths
    (int), labels (int 0..4), periods (days), each split as train then validation (12 arrays:
    t, mag, err, n, y, period for train, then the same for validation)."""
    rng = np.random.default_rng(9400)
    n = n_train + n_val
    t = np.zeros((n, length), "float32")
    mag = np.zeros((n, length), "float32")
    err = np.zeros((n, length), "float32")
    lengths = rng.integers(30, length + 1, size=n)
    labels = rng.integers(0, 5, size=n)
    periods = np.zeros(n, "float32")
    for i in range(n):
        p = _variable(rng, int(labels[i]))
        k = lengths[i]
        t[i, :k], mag[i, :k], err[i, :k] = _observe(rng, int(labels[i]), p, 0, int(k))
        periods[i] = p["period"]
    out = []
    for part in (slice(0, n_train), slice(n_train, n)):
        out += [t[part], mag[part], err[part], lengths[part], labels[part], periods[part]]
    return out


@cache
def folded_curves(n_train: int = 2000, n_val: int = 600, bins: int = 32) -> list[np.ndarray]:
    """Phase-folded g, r, i light curves of the five classes (seed 9401): each band observed
    25..60 times over 200 days, folded at the catalogue period, the magnitudes averaged in
    `bins` phase bins (NaN where a bin got no observation; about a fifth of them); the fold's
    zero point is the catalogue epoch (random against maximum light). Returns binned, labels,
    binnedval, labelsval (float32 (n, bins, 3) magnitudes; int labels)."""
    rng = np.random.default_rng(9401)
    n = n_train + n_val
    binned = np.full((n, bins, 3), np.nan, "float32")
    labels = rng.integers(0, 5, size=n)
    for i in range(n):
        kind = int(labels[i])
        p = _variable(rng, kind)
        offset = rng.uniform(0.0, 1.0)  # the catalogue epoch is not maximum light
        for band in range(3):
            t, mag, _ = _observe(rng, kind, p, band, int(rng.integers(25, 61)))
            index = np.floor(((t / p["period"] + p["epoch"] + offset) % 1.0) * bins).astype(int)
            counts = np.bincount(index, minlength=bins)
            sums = np.bincount(index, weights=mag, minlength=bins)
            seen = counts > 0
            binned[i, seen, band] = sums[seen] / counts[seen]
    return [binned[:n_train], labels[:n_train], binned[n_train:], labels[n_train:]]


def _colour(level: tuple[float, ...], fade: tuple[float, ...], band: np.ndarray,
            after: np.ndarray) -> np.ndarray:  # fmt: skip
    """Each band's relative flux `level`, fading by exp(-fade * days after peak / 30)."""
    return np.array(level)[band] * np.exp(-np.array(fade)[band] * after / 30.0)


def _transient_flux(kind: int, t: np.ndarray, band: np.ndarray, p: dict[str, float]
                    ) -> np.ndarray:  # fmt: skip
    """Rest-frame-shaped flux (peak about 1) of each class at observer times `t` (days),
    stretched by 1 + z, in bands `band` (0 g, 1 r, 2 i)."""
    x = (t - p["t0"]) / (1.0 + p["z"])
    after = np.maximum(x, 0.0)
    rise = 1.0 / (1.0 + np.exp(-x / p["trise"]))
    if kind == 2:  # II-P: plateau then a drop to the radioactive tail
        drop = 1.0 / (1.0 + np.exp((x - p["plateau"]) / 4.0))
        shape = rise * (0.12 + 0.88 * drop) * np.exp(-after / 300.0)
        colour = _colour((1.0, 0.95, 0.85), (0.9, 0.3, 0.1), band, after)
    elif kind == 0:  # Ia: Bazin decline, blue fading fast, the i-band second maximum
        shape = rise * np.exp(-after / p["tfall"])
        colour = _colour((1.0, 0.9, 0.7), (0.6, 0.2, 0.0), band, after)
        colour = colour + (band == 2) * 0.35 * np.exp(-0.5 * ((x - 25.0) / 6.0) ** 2)
    elif kind == 1:  # Ibc: faster, redder
        shape = rise * np.exp(-after / p["tfall"])
        colour = _colour((0.65, 1.0, 0.9), (0.5, 0.2, 0.05), band, after)
    else:  # SLSN: slow, blue, little colour evolution
        shape = rise * np.exp(-after / p["tfall"])
        colour = np.array([1.0, 0.8, 0.6])[band]
    return shape * colour


@cache
def transients(n_train: int = 2000, n_val: int = 600, length: int = 60) -> list[np.ndarray]:
    """Multi-band transients (seed 9402) of the four classes in a 150-day window that starts
    at a random MJD 59000..60500: 20..60 observations, each in a random band of g, r, i,
    peak magnitude 19..22.5 (FLUXCAL = 10 ** (-0.4 (m - 27.5)), so peak flux 100..1600),
    sky noise 15..35 plus Poisson, z 0.05..0.5 (SLSN 0.2..1.0). Returns mjd, band (int, -1
    padded), flux, flux_err, lengths, labels for train then validation (12 arrays; float32
    (n, length) post-padded with 0 except band)."""
    rng = np.random.default_rng(9402)
    n = n_train + n_val
    mjd = np.zeros((n, length), "float64")
    band = np.full((n, length), -1, "int32")
    flux = np.zeros((n, length), "float32")
    ferr = np.zeros((n, length), "float32")
    lengths = rng.integers(20, length + 1, size=n)
    labels = rng.integers(0, 4, size=n)
    for i in range(n):
        kind = int(labels[i])
        k = int(lengths[i])
        p = {"t0": rng.uniform(15.0, 80.0),
             "z": rng.uniform(0.2, 1.0) if kind == 3 else rng.uniform(0.05, 0.5),
             "trise": (rng.uniform(1.5, 3.0), rng.uniform(1.0, 2.5), rng.uniform(1.0, 3.0),
                       rng.uniform(8.0, 20.0))[kind],
             "tfall": (rng.uniform(15.0, 30.0), rng.uniform(8.0, 16.0), 0.0,
                       rng.uniform(40.0, 90.0))[kind],
             "plateau": rng.uniform(60.0, 100.0)}  # fmt: skip
        t = np.sort(rng.uniform(0.0, 150.0, size=k))
        b = rng.integers(0, 3, size=k)
        peak = 10 ** (-0.4 * (rng.uniform(19.0, 22.5) - 27.5))
        true = peak * _transient_flux(kind, t, b, p)
        sky = rng.uniform(15.0, 35.0)
        e = np.sqrt(sky**2 + np.maximum(true, 0.0))
        start = rng.uniform(59000.0, 60500.0)
        mjd[i, :k], band[i, :k] = start + t, b
        flux[i, :k], ferr[i, :k] = true + rng.normal(0.0, 1.0, size=k) * e, e
    out = []
    for part in (slice(0, n_train), slice(n_train, n)):
        out += [mjd[part], band[part], flux[part], ferr[part], lengths[part], labels[part]]
    return out
