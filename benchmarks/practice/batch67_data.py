"""Data for the batch-67 cases: domain shift on sklearn-bundled and generated data (data seed
0 (+670 .. +679), no downloads).

Batch 67 is domain shift and domain adaptation as practitioners write them: a labelled source
domain, a target domain that differs (rotated and noisy digits, rotated two moons, a
covariate-shifted synthetic table), target rows unlabelled for training (or a few labelled
for fine-tuning) and labelled target rows for validation. The arrays come in their raw units
(digits pixels 0..16): the scripts scale them, or forget to.
"""

from __future__ import annotations

from functools import cache

import numpy as np

from benchmarks.practice.batch2_data import DATA_SEED


def _shift_digits(images: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """The target domain of the digits: each 8 x 8 image rotated by 15-25 degrees (either
    way), gaussian noise of sd 1.5 (pixel units 0..16) added and clipped to 0..16."""
    from scipy import ndimage

    out = np.empty_like(images)
    for i, image in enumerate(images):
        angle = rng.uniform(15.0, 25.0) * rng.choice([-1.0, 1.0])
        out[i] = ndimage.rotate(image, angle, reshape=False, order=1, mode="constant")
    out = out + rng.normal(0.0, 1.5, out.shape)
    return np.clip(out, 0.0, 16.0).astype("float32")


@cache
def digits_domains() -> list[np.ndarray]:
    """sklearn's 8 x 8 digits (1797 images) in a seeded order (670), split by image into a
    source domain of 900 labelled images (as sklearn gives them) and a target domain of the
    other 897 images, rotated 15-25 degrees and noisy (`_shift_digits`, seed 671):
    500 target images for training (their labels returned for fine-tuning scripts; DANN
    scripts do not use them) and 397 labelled target images for validation. Flattened to 64
    features in pixel units 0..16. Returns xs, ys, xt, yt, xt_val, yt_val (y integer 0..9)."""
    from sklearn.datasets import load_digits

    digits = load_digits()
    order = np.random.default_rng(DATA_SEED + 670).permutation(len(digits.target))
    images = digits.images[order].astype("float32")
    target = digits.target[order].astype(np.int64)
    shifted = _shift_digits(images[900:], np.random.default_rng(DATA_SEED + 671))
    xs, ys = images[:900].reshape(-1, 64), target[:900]
    xt_all, yt_all = shifted.reshape(-1, 64), target[900:]
    return [xs, ys, xt_all[:500], yt_all[:500], xt_all[500:], yt_all[500:]]


def _rotate(x: np.ndarray, degrees: float) -> np.ndarray:
    centre = np.array([0.5, 0.25], dtype="float32")
    theta = np.deg2rad(degrees)
    turn = np.array([[np.cos(theta), -np.sin(theta)], [np.sin(theta), np.cos(theta)]])
    return ((x - centre) @ turn.T + centre).astype("float32")


@cache
def moons_domains(degrees: float = 40.0) -> list[np.ndarray]:
    """Two moons (sklearn's `make_moons`, noise 0.1): a source domain of 800 labelled points
    (seed 672), a target domain of 800 unlabelled training points (seed 673) and 400 labelled
    validation points (seed 674), both rotated by `degrees` about the moons' centre (0.5,
    0.25). Raw coordinates (about -1.5..2.5). Returns xs, ys, xt, yt, xt_val, yt_val."""
    from sklearn.datasets import make_moons

    xs, ys = make_moons(800, noise=0.1, random_state=DATA_SEED + 672)
    xt, yt = make_moons(800, noise=0.1, random_state=DATA_SEED + 673)
    xv, yv = make_moons(400, noise=0.1, random_state=DATA_SEED + 674)
    return [xs.astype("float32"), ys.astype(np.int64), _rotate(xt, degrees), yt.astype(np.int64),
            _rotate(xv, degrees), yv.astype(np.int64)]  # fmt: skip


@cache
def covariate_shift_table() -> list[np.ndarray]:
    """A covariate-shifted binary table: `make_classification` (12000 rows, 10 features, 4
    informative, 2 clusters a class, class_sep 1.0, flip_y 0.02; seed 675), the label rule
    the same in both domains. Rows are drawn into the source with probability
    sigmoid(2.5 * (z0 + z1)) and into the target with the complement (z the standardised
    first two informative features; seed 676): a source of 2000 labelled rows, a target of
    2000 unlabelled training rows and 1000 labelled validation rows. Raw features (about
    -6..6). Returns xs, ys, xt, yt, xt_val, yt_val."""
    from sklearn.datasets import make_classification

    x, y = make_classification(12000, n_features=10, n_informative=4, n_redundant=2,
                               n_clusters_per_class=2, class_sep=1.0, flip_y=0.02,
                               random_state=DATA_SEED + 675, shuffle=False)  # fmt: skip
    x = x.astype("float32")
    rng = np.random.default_rng(DATA_SEED + 676)
    order = rng.permutation(len(y))
    x, y = x[order], y[order].astype(np.int64)
    z = (x[:, :2] - x[:, :2].mean(axis=0)) / x[:, :2].std(axis=0)
    p_source = 1.0 / (1.0 + np.exp(-2.5 * (z[:, 0] + z[:, 1])))
    draw = rng.uniform(size=len(y))
    source = np.flatnonzero(draw < p_source)[:2000]
    target = np.flatnonzero(draw >= p_source)[:3000]
    return [x[source], y[source], x[target[:2000]], y[target[:2000]], x[target[2000:]],
            y[target[2000:]]]  # fmt: skip
