"""Data for the batch-74 cases (multispectral and remote-sensing rasters): generated
Sentinel-2-like patches with spatially smooth fields and band-dependent physics, in the units
a practitioner receives them (surface reflectance as integers 0..10000, a thermal band in
kelvin, elevation in metres, fill values left in): land-cover patches, land-cover
segmentation tiles, per-pixel time series over acquisition dates and biomass patches. Data
seed 0 (+ 740 .. + 743), no downloads.
"""

from __future__ import annotations

from functools import cache

import numpy as np

from benchmarks.practice.batch2_data import DATA_SEED

# Reflectance (x 10000) of B2 blue, B3 green, B4 red, B8 NIR, B11 SWIR1, B12 SWIR2 for
# water, forest, cropland, urban, bare soil.
SIGNATURES = np.array([
    [600, 500, 300, 150, 80, 50],
    [300, 500, 300, 3300, 1600, 700],
    [450, 750, 550, 3000, 2100, 1150],
    [1000, 1100, 1200, 1900, 2100, 1900],
    [1100, 1400, 1800, 2400, 3000, 2600],
], dtype="float64")
THERMAL_OFFSET = np.array([0.0, 4.0, 8.0, 16.0, 18.0])  # kelvin above the scene's base
CLASSES = ("water", "forest", "cropland", "urban", "bare")


def _smooth(rng: np.random.Generator, n: int, size: int, scale: float) -> np.ndarray:
    """`n` spatially smooth fields (size x size, unit standard deviation): white noise
    low-pass filtered with a Gaussian of `scale` pixels (periodic, by FFT)."""
    noise = rng.standard_normal((n, size, size))
    f = np.fft.fftfreq(size)
    k2 = f[:, None] ** 2 + f[None, :] ** 2
    kernel = np.exp(-k2 * (2 * np.pi * scale) ** 2 / 2)
    out = np.fft.ifft2(np.fft.fft2(noise) * kernel).real
    out -= out.mean(axis=(1, 2), keepdims=True)
    return out / (out.std(axis=(1, 2), keepdims=True) + 1e-9)


def _render(rng: np.random.Generator, class_map: np.ndarray) -> np.ndarray:
    """Reflectance (n, s, s, 6) for a class map: each patch's own signature jitter (15 % per
    band), an illumination factor 0.7..1.3 (slope, haze), a smooth within-class vigour field
    (brightness +- 12 %, NIR +- 20 %) and sensor noise (120)."""
    n, s, _ = class_map.shape
    sig = SIGNATURES[class_map]  # (n, s, s, 6)
    jitter = 1 + 0.15 * rng.standard_normal((n, 1, 1, 6))
    illum = rng.uniform(0.7, 1.3, size=(n, 1, 1, 1))
    vigour = _smooth(rng, n, s, 2.0)[..., None]
    nir_gain = np.array([0, 0, 0, 1.0, 0.3, 0])
    refl = sig * jitter * illum * (1 + 0.12 * vigour + 0.2 * vigour * nir_gain)
    refl += rng.normal(0, 120, size=refl.shape)
    return np.clip(refl, 1, 10000)


@cache
def landcover_patches(n_train: int = 1500, n_val: int = 500, size: int = 16
                      ) -> list[np.ndarray]:  # fmt: skip
    """Land-cover patches (seed 740): 16 x 16 pixels, 8 bands in their delivered units:
    B2, B3, B4, B8, B11, B12 surface reflectance (integers 1..10000), B10 brightness
    temperature (kelvin, ~280..320, a scene base that varies +- 6 K) and elevation (metres,
    0..3000). Each patch is two classes split by a smooth boundary, the label (5 classes:
    water, forest, cropland, urban, bare) the one covering 55..95 % of it. 30 % of the
    patches are cut by a swath edge: outside it every band is the fill value (reflectance and
    temperature 0, elevation -9999). Returns x, xval (float32, (n, 16, 16, 8)), y, yval."""
    rng = np.random.default_rng(DATA_SEED + 740)
    n = n_train + n_val
    y = rng.integers(0, 5, size=n)
    other = (y + rng.integers(1, 5, size=n)) % 5
    boundary = _smooth(rng, n, size, 3.0)
    share = rng.uniform(0.55, 0.95, size=n)
    cut = np.array([np.quantile(boundary[i], 1 - share[i]) for i in range(n)])
    class_map = np.where(boundary > cut[:, None, None], y[:, None, None], other[:, None, None])
    refl = _render(rng, class_map)
    base = rng.uniform(283, 295, size=(n, 1, 1))
    thermal = (base + THERMAL_OFFSET[class_map] + 1.5 * _smooth(rng, n, size, 3.0)
               + rng.normal(0, 0.5, size=class_map.shape))  # fmt: skip
    ground = rng.uniform(50, 2500, size=(n, 1, 1)) + 250 * (class_map == 1)
    elevation = ground + 120 * _smooth(rng, n, size, 4.0) - 150 * (class_map == 0)
    x = np.concatenate([np.round(refl), thermal[..., None], np.clip(elevation, 0, 3000)[..., None]],
                       axis=-1)  # fmt: skip
    edge = rng.random(n) < 0.3
    ii, jj = np.meshgrid(np.arange(size), np.arange(size), indexing="ij")
    for i in np.flatnonzero(edge):
        angle = rng.uniform(0, 2 * np.pi)
        proj = (ii - size / 2) * np.cos(angle) + (jj - size / 2) * np.sin(angle)
        outside = proj > rng.uniform(1, 6)
        x[i][outside, :7] = 0.0
        x[i][outside, 7] = -9999.0
    x = x.astype("float32")
    return [x[:n_train], x[n_train:], y[:n_train].astype(np.int64), y[n_train:].astype(np.int64)]


@cache
def segmentation_tiles(n_train: int = 400, n_val: int = 200, size: int = 32
                       ) -> list[np.ndarray]:  # fmt: skip
    """Land-cover segmentation tiles (seed 741): 32 x 32 pixels, B2, B3, B4, B8, B11, B12
    reflectance (integers 1..10000) and B10 brightness temperature (kelvin); per-pixel labels
    of 4 classes (0 water, 1 forest, 2 cropland, 3 urban) thresholded from two smooth fields,
    the bands mixed across class borders by a one-pixel blur; 400 train, 200 validate.
    Returns x, xval (float32, (n, 32, 32, 7)), y, yval ((n, 32, 32) int64)."""
    rng = np.random.default_rng(DATA_SEED + 741)
    n = n_train + n_val
    f1, f2 = _smooth(rng, n, size, 4.0), _smooth(rng, n, size, 3.0)
    class_map = np.full((n, size, size), 2)
    class_map[f1 > 0.3] = 1
    class_map[(f2 > 1.0) & (f1 <= 0.3)] = 3
    class_map[f1 < -1.1] = 0
    refl = _render(rng, class_map)
    spectrum = np.fft.fft2(refl, axes=(1, 2))
    freq = np.fft.fftfreq(size)
    blur = np.exp(-(freq[:, None] ** 2 + freq[None, :] ** 2) * (2 * np.pi * 0.7) ** 2 / 2)
    refl = np.fft.ifft2(spectrum * blur[None, :, :, None], axes=(1, 2)).real
    refl = np.clip(np.round(refl + rng.normal(0, 100, size=refl.shape)), 1, 10000)
    base = rng.uniform(283, 295, size=(n, 1, 1))
    thermal = base + THERMAL_OFFSET[class_map] + rng.normal(0, 1.0, size=class_map.shape)
    x = np.concatenate([refl, thermal[..., None]], axis=-1).astype("float32")
    y = class_map.astype(np.int64)
    return [x[:n_train], x[n_train:], y[:n_train], y[n_train:]]


def _double_logistic(t: np.ndarray, start: np.ndarray, end: np.ndarray) -> np.ndarray:
    return 1 / (1 + np.exp(-(t - start) * 1.2)) - 1 / (1 + np.exp(-(t - end) * 1.2))


@cache
def crop_series(n_train: int = 2000, n_val: int = 600, dates: int = 24) -> list[np.ndarray]:
    """Per-pixel time series for crop-type mapping (seed 742): 24 acquisitions over a season
    (one every ~15 days), B4 red, B8 NIR and B11 SWIR1 reflectance (integers 1..10000), stored
    as the raster stack comes, (pixels, bands, dates). Five classes from their phenology:
    winter cereal (green-up early), maize (late), soybean (late, lower and a little later),
    grassland (long and flat), fallow (little green); each pixel's start / end shifted
    +- 1.3 dates, its peak 0.75..1.15x and its soil brightness 0.7..1.3x. 25 % of the
    acquisitions are cloudy: every band set to the nodata value -9999 (the provider's cloud
    mask). Returns x, xval (int16, (n, 3, 24)), y, yval."""
    rng = np.random.default_rng(DATA_SEED + 742)
    n = n_train + n_val
    y = rng.integers(0, 5, size=n)
    #                 cereal maize  soy   grass fallow
    start = np.array([3.0, 10.0, 11.5, 4.0, 8.0])[y] + rng.normal(0, 1.3, n)
    end = np.array([12.0, 19.0, 19.5, 20.0, 14.0])[y] + rng.normal(0, 1.3, n)
    peak = np.array([0.75, 0.85, 0.7, 0.45, 0.12])[y] * rng.uniform(0.75, 1.15, n)
    floor = np.array([0.1, 0.05, 0.05, 0.3, 0.05])[y]
    t = np.arange(dates)[None, :]
    green = _double_logistic(t, start[:, None], end[:, None])
    cover = np.clip(floor[:, None] + peak[:, None] * green, 0, 1)
    soil = rng.uniform(0.7, 1.3, size=(n, 1))
    red = soil * 1800 * (1 - cover) + 350 * cover
    nir = soil * 2300 * (1 - cover) + 4200 * cover
    swir = soil * 3000 * (1 - cover) + 1500 * cover
    x = np.stack([red, nir, swir], axis=1) + rng.normal(0, 150, size=(n, 3, dates))
    x = np.clip(np.round(x), 1, 10000)
    cloudy = rng.random((n, dates)) < 0.25
    x = np.where(cloudy[:, None, :], -9999, x).astype("int16")
    y = y.astype(np.int64)
    return [x[:n_train], x[n_train:], y[:n_train], y[n_train:]]


@cache
def biomass_patches(n_train: int = 1500, n_val: int = 500, size: int = 16
                    ) -> list[np.ndarray]:  # fmt: skip
    """Above-ground biomass patches (seed 743): 16 x 16 pixels, B2, B3, B4, B8, B11, B12
    reflectance (integers 1..10000) and elevation (metres); the target is the patch's mean
    biomass in t/ha (5..350). Canopy cover saturates with biomass (1 - exp(-B / 80)), so the
    visible and NIR bands saturate; SWIR keeps falling with biomass (water content); forests
    thin out with altitude. Returns x, xval (float32, (n, 16, 16, 7)), y, yval (float32)."""
    rng = np.random.default_rng(DATA_SEED + 743)
    n = n_train + n_val
    mean = rng.uniform(5, 350, size=n)
    field = mean[:, None, None] * np.exp(0.35 * _smooth(rng, n, size, 2.5))
    cover = 1 - np.exp(-field / 80)
    soil = SIGNATURES[4] * rng.uniform(0.8, 1.2, size=(n, 1, 1, 1))
    canopy = SIGNATURES[1]
    refl = soil * (1 - cover[..., None]) + canopy * cover[..., None]
    refl[..., 4:] *= (1 - 0.0011 * np.clip(field, 0, 500))[..., None]
    illum = rng.uniform(0.8, 1.2, size=(n, 1, 1, 1))
    refl = np.clip(np.round(refl * illum + rng.normal(0, 120, size=refl.shape)), 1, 10000)
    ground = np.clip(2600 - 5 * mean + rng.normal(0, 350, size=n), 0, 3000)[:, None, None]
    elevation = np.clip(ground + 80 * _smooth(rng, n, size, 4.0), 0, 3000)
    x = np.concatenate([refl, elevation[..., None]], axis=-1).astype("float32")
    y = field.mean(axis=(1, 2)).astype("float32")
    return [x[:n_train], x[n_train:], y[:n_train], y[n_train:]]
