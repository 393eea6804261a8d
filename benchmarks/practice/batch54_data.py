"""Data for the batch-54 cases: coordinate and periodic inputs (generated only, no downloads;
data seed 0 (+540 .. +543)).

Batch 54 is the coordinate / periodic-input regime: a 64 x 64 image fitted from its pixel
coordinates (an implicit neural representation), hourly demand with an hour-of-day and a
day-of-week cycle, points on the globe given as latitude / longitude, and a wind direction
(an angle on the circle) read from a ring of sensors. The inputs come in their natural units
(the scripts encode them, or forget to).
"""

from __future__ import annotations

from functools import cache

import numpy as np

from benchmarks.practice.batch2_data import DATA_SEED

SIDE = 64  # the image is SIDE x SIDE samples of a 256-pixel-wide picture (every 4th pixel)


@cache
def image_split() -> list[np.ndarray]:
    """A 64 x 64 grey image (seed 540): a plane-wave grating (4, 3 cycles), a radial ripple of
    8 cycles under a Gaussian, a sharp-edged disk and a square; intensity in [0, 1]. The 4096
    pixels split at random in half: 2048 train, 2048 validate (the held-out pixels are
    interpolated). Returns uv, uvval (float32, the coordinates in [0, 1] x [0, 1]), y, yval
    (float32 intensity, shape (n, 1))."""
    grid = (np.arange(SIDE, dtype="float32") + 0.5) / SIDE
    u, v = np.meshgrid(grid, grid, indexing="ij")
    r = np.hypot(u - 0.5, v - 0.5)
    img = (0.45 + 0.18 * np.sin(2 * np.pi * (4 * u + 3 * v))
           + 0.15 * np.cos(2 * np.pi * 8 * r) * np.exp(-8 * r**2))  # fmt: skip
    img += 0.25 * (np.hypot(u - 0.3, v - 0.7) < 0.15)
    img -= 0.2 * ((np.abs(u - 0.72) < 0.12) & (np.abs(v - 0.28) < 0.12))
    img = np.clip(img, 0.0, 1.0).astype("float32")
    uv = np.stack([u.ravel(), v.ravel()], axis=1).astype("float32")
    y = img.reshape(-1, 1)
    order = np.random.default_rng(DATA_SEED + 540).permutation(len(uv))
    half = len(uv) // 2
    return [uv[order[:half]], uv[order[half:]], y[order[:half]], y[order[half:]]]


@cache
def demand_split() -> list[np.ndarray]:
    """Hourly bike-share-style demand (seed 541): 280 days x 24 hours; columns hour (0..23,
    integer valued), day of week (0..6), temperature and humidity (both scaled to [0, 1]).
    Weekdays have commute peaks at 8 and 18 h, weekends a broad afternoon hump; demand
    rises with temperature and falls with humidity; noise sd 0.25 of the signal's ~1. The
    target is standardised. Split by day at random: 224 days (5376 rows) train, 56 days
    (1344 rows) validate. Returns x, xval (float32 columns hour, dow, temp, humidity), y,
    yval (float32, shape (n, 1))."""
    rng = np.random.default_rng(DATA_SEED + 541)
    days = 280
    day = np.repeat(np.arange(days), 24)
    hour = np.tile(np.arange(24), days).astype("float32")
    dow = (day % 7).astype("float32")
    season = 0.5 + 0.35 * np.sin(2 * np.pi * day / 365.0)
    temp = np.clip(season + 0.12 * np.sin(2 * np.pi * (hour - 15) / 24)
                   + rng.normal(0, 0.08, len(day)), 0, 1)  # fmt: skip
    humid = np.clip(rng.beta(2, 2, len(day)), 0, 1)

    def bump(centre: float, width: float) -> np.ndarray:
        gap = np.abs(hour - centre)
        gap = np.minimum(gap, 24 - gap)  # a cycle: 23 h is next to 0 h
        return np.exp(-0.5 * (gap / width) ** 2)

    weekday = (dow < 5).astype("float32")
    night = bump(0.0, 2.5)
    profile = (weekday * (1.6 * bump(8, 1.2) + 1.8 * bump(18, 1.5) + 0.5 * bump(13, 3))
               + (1 - weekday) * (1.3 * bump(14, 3.5)) + 0.35 * night * (1 - weekday))  # fmt: skip
    signal = profile * (0.5 + temp) - 0.6 * humid
    y = signal + rng.normal(0, 0.25, len(day))
    x = np.stack([hour, dow, temp, humid], axis=1).astype("float32")
    perm = rng.permutation(days)
    train = np.isin(day, perm[:224])
    y = ((y - y[train].mean()) / y[train].std()).astype("float32").reshape(-1, 1)
    return [x[train], x[~train], y[train], y[~train]]


@cache
def globe_split() -> list[np.ndarray]:
    """Points on the globe (seed 542), uniform on the sphere: latitude, longitude in degrees
    (-90..90, -180..180) and three site features in [0, 1] (elevation, forest cover, a noise
    column). Eight regions: the nearest of 8 fixed centres on the sphere (one at longitude
    175, so its region wraps across the date line), split into lowland / highland by
    elevation > 0.5 (16 classes; 5 % of labels flipped at random). 4000 train, 1000
    validate. Returns x, xval (float32 columns lat, lon, elevation, forest, noise), y, yval
    (int64 0..15)."""
    rng = np.random.default_rng(DATA_SEED + 542)
    n = 5000
    lat = np.degrees(np.arcsin(rng.uniform(-1, 1, n)))
    lon = rng.uniform(-180, 180, n)
    centres = np.array([[50, 10], [35, 105], [-15, -60], [40, -100], [0, 20], [-30, 140],
                        [10, 175], [65, -40]], dtype="float64")  # fmt: skip

    def xyz(la: np.ndarray, lo: np.ndarray) -> np.ndarray:
        la, lo = np.radians(la), np.radians(lo)
        return np.stack([np.cos(la) * np.cos(lo), np.cos(la) * np.sin(lo), np.sin(la)], -1)

    region = np.argmax(xyz(lat, lon) @ xyz(centres[:, 0], centres[:, 1]).T, axis=1)
    elevation = rng.uniform(0, 1, n)
    forest = np.clip(0.6 - 0.4 * np.abs(np.sin(np.radians(lat))) + rng.normal(0, 0.15, n), 0, 1)
    y = region * 2 + (elevation > 0.5)
    flip = rng.uniform(size=n) < 0.05
    y[flip] = rng.integers(0, 16, flip.sum())
    x = np.stack([lat, lon, elevation, forest, rng.uniform(0, 1, n)], 1).astype("float32")
    return [x[:4000], x[4000:], y[:4000].astype(np.int64), y[4000:].astype(np.int64)]


@cache
def wind_split() -> list[np.ndarray]:
    """A wind direction read from a ring of 8 pressure sensors (seed 543): direction theta
    uniform in [0, 360) degrees, speed 1..10 m/s; sensor k at 45 k degrees reads speed *
    cos(theta - 45 k) + noise (sd 0.6), divided by 10 (so in about [-1, 1]). 4000 train,
    1000 validate. Returns x, xval (float32, 8 readings), deg, degval (float32 direction in
    degrees, shape (n, 1))."""
    rng = np.random.default_rng(DATA_SEED + 543)
    n = 5000
    theta = rng.uniform(0, 360, n)
    speed = rng.uniform(1, 10, n)
    phi = np.arange(8) * 45.0
    read = speed[:, None] * np.cos(np.radians(theta[:, None] - phi)) + rng.normal(0, 0.6, (n, 8))
    x = (read / 10).astype("float32")
    deg = theta.astype("float32").reshape(-1, 1)
    return [x[:4000], x[4000:], deg[:4000], deg[4000:]]
