"""Loading and checking the training data (`.npz` with x_train, y_train[, x_val, y_val])."""

from __future__ import annotations

import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from autotrainer_keras.errors import InputError

REQUIRED_KEYS = ("x_train", "y_train")
OPTIONAL_KEYS = ("x_val", "y_val")
FLOAT32_MAX = float(np.finfo(np.float32).max)
"""Keras trains in float32: every value must be finite there, not only in the file's dtype."""


@dataclass(frozen=True)
class Dataset:
    """Training and validation arrays.

    Attributes:
        x_train, y_train: Training inputs and targets.
        x_val, y_val: Validation inputs and targets.
        split_from_train: True when validation was split off the training arrays.
        sample_weight, val_sample_weight: One weight per training / validation row, or None.
        class_weight: Keras' `class_weight` ({class index: weight}), or None.
    """

    x_train: np.ndarray
    y_train: np.ndarray
    x_val: np.ndarray
    y_val: np.ndarray
    split_from_train: bool = False
    sample_weight: np.ndarray | None = None
    val_sample_weight: np.ndarray | None = None
    class_weight: dict[int, float] | None = None

    @property
    def n_train(self) -> int:
        return int(len(self.x_train))


def _check_array(name: str, array: np.ndarray, origin: str) -> np.ndarray:
    real = np.issubdtype(array.dtype, np.number) and not np.issubdtype(
        array.dtype, np.complexfloating
    )
    if array.dtype == object or not (real or array.dtype == bool):
        raise InputError(f"{origin}: '{name}' must be real numbers, got dtype {array.dtype}")
    if array.ndim == 0 or len(array) == 0:
        raise InputError(f"{origin}: '{name}' has no rows")
    if np.issubdtype(array.dtype, np.floating) and not np.isfinite(array).all():
        bad = int(np.size(array) - np.count_nonzero(np.isfinite(array)))
        raise InputError(f"{origin}: '{name}' contains {bad} NaN/Inf values; clean them first")
    if np.issubdtype(array.dtype, np.floating) and array.dtype.itemsize > 4:
        beyond = int(np.count_nonzero(np.abs(array) > FLOAT32_MAX))
        if beyond:
            raise InputError(
                f"{origin}: '{name}' has {beyond} values beyond float32's range "
                f"(|x| > {FLOAT32_MAX:.3g}), which become Inf in training; scale them first"
            )
    return array


def split_indices(n: int, fraction: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Seeded shuffle of `n` row indices, then the last `fraction` of them for validation."""
    order = np.random.default_rng(seed).permutation(n)
    n_val = max(1, int(round(n * fraction)))
    if n_val >= n:
        raise InputError(f"data: {n} rows cannot be split with validation_split={fraction}")
    return order[:-n_val], order[-n_val:]


def split_validation(
    x: np.ndarray, y: np.ndarray, fraction: float, seed: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Seeded shuffle, then the last `fraction` of rows for validation."""
    train, val = split_indices(len(x), fraction, seed)
    return x[train], y[train], x[val], y[val]


def dataset_from_arrays(
    arrays: dict[str, np.ndarray], validation_split: float, seed: int, origin: str = "data"
) -> Dataset:
    """Check named arrays and make a Dataset (splitting validation off when not given)."""
    _check_keys(arrays, origin)
    has_val = [key in arrays for key in OPTIONAL_KEYS]
    checked = {
        key: _check_array(key, np.asarray(arrays[key]), origin)
        for key in REQUIRED_KEYS + (OPTIONAL_KEYS if all(has_val) else ())
    }
    for x_key, y_key in (("x_train", "y_train"), ("x_val", "y_val")):
        if x_key in checked and len(checked[x_key]) != len(checked[y_key]):
            raise InputError(
                f"{origin}: {x_key} has {len(checked[x_key])} rows but {y_key} has "
                f"{len(checked[y_key])}"
            )
    x, y = checked["x_train"], checked["y_train"]
    if all(has_val):
        if checked["x_val"].shape[1:] != x.shape[1:]:
            raise InputError(
                f"{origin}: x_val rows have shape {checked['x_val'].shape[1:]} but x_train rows "
                f"have {x.shape[1:]}"
            )
        return Dataset(x, y, checked["x_val"], checked["y_val"])
    if len(x) < 2:
        raise InputError(f"{origin}: need at least 2 rows to split off validation data")
    return Dataset(*split_validation(x, y, validation_split, seed), split_from_train=True)


def _read_npz(path: Path, keys_only: bool) -> dict[str, np.ndarray]:
    """The archive's arrays by name (empty placeholders when `keys_only`)."""
    origin = f"data file {path}"
    if path.is_dir():
        raise InputError(f"{origin} is a directory; expected an .npz file")
    if not path.exists():
        raise InputError(f"{origin} not found")
    if not path.is_file():
        raise InputError(f"{origin} is not a regular file (a device, a pipe?)")
    try:
        loaded = np.load(path, allow_pickle=False)
        if not isinstance(loaded, np.lib.npyio.NpzFile):
            raise ValueError("it holds a single array; save named arrays with numpy.savez")
        with loaded as npz:
            return {key: np.empty(0) if keys_only else npz[key] for key in npz.files}
    except (OSError, ValueError, zipfile.BadZipFile, EOFError) as error:
        raise InputError(f"{origin} is not a readable .npz archive ({error})") from None


def _check_keys(names: Iterable[str], origin: str) -> None:
    names = set(names)
    missing = [key for key in REQUIRED_KEYS if key not in names]
    if missing:
        raise InputError(
            f"{origin}: missing key(s) {', '.join(missing)}; expected x_train, y_train "
            f"and optionally x_val, y_val; found {', '.join(sorted(names)) or 'none'}"
        )
    if len(names & set(OPTIONAL_KEYS)) == 1:
        raise InputError(f"{origin}: x_val and y_val must be given together")


def check_data_file(path: str | Path) -> None:
    """Check a data file fully (keys, dtypes, finite in float32, rows) before TensorFlow is
    imported, so bad data is refused in a second, not after a minute of start-up."""
    path = Path(path)
    origin = f"data file {path}"
    _check_keys(_read_npz(path, keys_only=True), origin)
    dataset_from_arrays(_read_npz(path, keys_only=False), 0.5, 0, origin=origin)


def load_dataset(path: str | Path, validation_split: float, seed: int) -> Dataset:
    """Read and check an `.npz` data file."""
    path = Path(path)
    arrays = _read_npz(path, keys_only=False)
    return dataset_from_arrays(arrays, validation_split, seed, origin=f"data file {path}")
