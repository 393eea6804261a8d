"""The benchmark's datasets, all generated offline and split train/validation with a fixed seed.

- circle: sklearn make_circles, 1000 samples, 700/300 (the paper's Circle).
- blob: sklearn make_blobs, 3 centres, std 2, 1000 samples, 700/300 (the paper's Blob).
- digits: sklearn's bundled 8x8 digits, 1000 of the 1797 samples, 700/300.
- mnist1d: MNIST-1D (the `mnist1d` package generates it), 1000 samples, 700/300.
- regression: sklearn make_regression, 10 features, 1000 samples, 700/300, targets standardised.

Arrays are float32 (labels: float32 0/1 for binary, int32 classes for multiclass) and cached
as .npz in benchmarks/.cache/data so that workers do not regenerate them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

CACHE = Path(__file__).parent / ".cache" / "data"
DATA_SEED = 0
DATA_VERSION = 2  # part of the cache file name: bump when a generator changes


@dataclass(frozen=True)
class DatasetInfo:
    """What a model builder needs to know about a dataset."""

    name: str
    task: str  # "binary", "multiclass" or "regression"
    n_outputs: int  # output units: 1 for binary and regression, classes for multiclass
    n_features: int


INFO: dict[str, DatasetInfo] = {
    "circle": DatasetInfo("circle", "binary", 1, 2),
    "blob": DatasetInfo("blob", "multiclass", 3, 2),
    "digits": DatasetInfo("digits", "multiclass", 10, 64),
    "mnist1d": DatasetInfo("mnist1d", "multiclass", 10, 40),
    "regression": DatasetInfo("regression", "regression", 1, 10),
}


def _split(x: np.ndarray, y: np.ndarray, n_train: int) -> dict[str, np.ndarray]:
    order = np.random.default_rng(DATA_SEED).permutation(len(x))
    x, y = x[order], y[order]
    return {"x_train": x[:n_train], "y_train": y[:n_train], "x_val": x[n_train:],
            "y_val": y[n_train:]}  # fmt: skip


def _subsample(x: np.ndarray, y: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    keep = np.sort(np.random.default_rng(DATA_SEED).permutation(len(x))[:n])
    return x[keep], y[keep]


def _generate(name: str) -> dict[str, np.ndarray]:
    from sklearn import datasets

    if name == "circle":
        x, y = datasets.make_circles(1000, noise=0.1, factor=0.5, random_state=DATA_SEED)
        return _split(x.astype("float32"), y.astype("float32"), 700)
    if name == "blob":
        x, y = datasets.make_blobs(1000, centers=3, cluster_std=2.0, random_state=DATA_SEED)
        x = (x - x.mean(axis=0)) / x.std(axis=0)
        return _split(x.astype("float32"), y.astype("int32"), 700)
    if name == "digits":
        x, y = datasets.load_digits(return_X_y=True)
        x, y = _subsample(x, y, 1000)
        return _split((x / 16.0).astype("float32"), y.astype("int32"), 700)
    if name == "mnist1d":
        from mnist1d.data import get_dataset_args, make_dataset

        args = get_dataset_args()
        args.num_samples = 1000
        args.train_split = 1.0
        data = make_dataset(args)
        return _split(data["x"].astype("float32"), data["y"].astype("int32"), 700)
    if name == "regression":
        x, y = datasets.make_regression(
            1000, n_features=10, n_informative=6, noise=10.0, random_state=DATA_SEED
        )
        y = (y - y.mean()) / y.std()
        return _split(x.astype("float32"), y.astype("float32").reshape(-1, 1), 700)
    raise ValueError(f"unknown dataset {name!r}; known: {', '.join(INFO)}")


@cache
def load(name: str) -> dict[str, np.ndarray]:
    """The dataset's four arrays (generated once, then read from the cache)."""
    path = CACHE / f"{name}-v{DATA_VERSION}.npz"
    if path.is_file():
        with np.load(path) as npz:
            return {key: npz[key] for key in npz.files}
    arrays = _generate(name)
    CACHE.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".{np.random.default_rng().integers(1 << 30)}.tmp.npz")
    np.savez(tmp, **arrays)
    tmp.replace(path)
    return arrays
