"""Loading and checking the training data (`.npz` with x_train, y_train[, x_val, y_val]).

A model with several inputs or outputs takes one array per input / output name:
`x_train__<input name>` and `y_train__<output name>` (likewise `x_val__...`, `y_val__...`),
read into dicts keyed by those names, as `keras.Model.fit` takes them. One key may not be
given both ways (`x_train` next to `x_train__a`).
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from difflib import get_close_matches
from pathlib import Path

import numpy as np

from autotrainer_keras.errors import InputError
from autotrainer_keras.io.arrays import SEPARATOR, Arrays, items, label, n_rows, take
from autotrainer_keras.io.npz_sizes import check_declared_sizes

REQUIRED_KEYS = ("x_train", "y_train")
OPTIONAL_KEYS = ("x_val", "y_val")
ALLOWED_KEYS = REQUIRED_KEYS + OPTIONAL_KEYS
NPY_MAGIC = b"\x93NUMPY"
"""The first bytes of a single `.npy` array (`numpy.save`), which `numpy.load` reads too."""
FLOAT32_MAX = float(np.finfo(np.float32).max)
"""Keras trains in float32: every value must be finite there, not only in the file's dtype."""


@dataclass(frozen=True)
class Dataset:
    """Training and validation arrays.

    Attributes:
        x_train, y_train: Training inputs and targets: arrays, or dicts of arrays keyed by
            the model's input / output names (a multi-input or multi-output model).
        x_val, y_val: Validation inputs and targets, in the same form.
        split_from_train: True when validation was split off the training arrays.
        sample_weight, val_sample_weight: One weight per training / validation row (or, for
            several outputs, one such array per output name: `fit_weights`), or None.
        class_weight: Keras' `class_weight` ({class index: weight}), or None.
        stream, stream_batch: The caller's finite `tf.data.Dataset` the training rows were
            read from, and its batch size: a training at that batch size iterates it anew
            every epoch as Keras' `fit` does, so a random augmentation in its pipeline
            (a mixup, a crop) is drawn again each epoch instead of frozen into the rows read
            once (practice batch 53: labels mixed once, 0.835 against 0.921). None: arrays,
            or a dataset whose rows alone are trained on (`fit_inputs.fit_data`).
    """

    x_train: Arrays
    y_train: Arrays
    x_val: Arrays
    y_val: Arrays
    split_from_train: bool = False
    sample_weight: Arrays | None = None
    val_sample_weight: Arrays | None = None
    class_weight: dict[int, float] | None = None
    stream: object = None
    stream_batch: int | None = None

    @property
    def n_train(self) -> int:
        return n_rows(self.x_train)


def _check_array(name: str, array: np.ndarray, origin: str) -> np.ndarray:
    real = np.issubdtype(array.dtype, np.number) and not np.issubdtype(
        array.dtype, np.complexfloating
    )
    is_input = name == "x" or name.startswith(("x_", f"x{SEPARATOR}"))
    if _is_text(array) and is_input:  # a model that starts with a text layer
        return _checked_text(name, array, origin)
    if _is_text(array):
        raise InputError(
            f"{origin}: '{name}' must be real numbers, got text (dtype {array.dtype}): encode "
            "the labels as class indices 0..K-1"
        )
    if array.dtype == object or not (real or array.dtype == bool):
        raise InputError(f"{origin}: '{name}' must be real numbers, got dtype {array.dtype}")
    if array.ndim == 0 or len(array) == 0:
        raise InputError(f"{origin}: '{name}' has no rows")
    if array.size == 0:
        raise InputError(
            f"{origin}: '{name}' rows hold no values (shape {array.shape}); each row needs "
            "at least one feature"
        )
    if np.issubdtype(array.dtype, np.floating) and not np.isfinite(array).all():
        bad = int(np.size(array) - np.count_nonzero(np.isfinite(array)))
        if np.isinf(array).any():  # NaN inputs: a model may impute them itself, and NaN
            # targets a loss of the user's own may leave out, which the engine tries once it
            # has the model (`engine.missing_inputs`, `engine.missing_targets`)
            raise InputError(f"{origin}: '{name}' contains {bad} NaN/Inf values; clean them first")
    if np.issubdtype(array.dtype, np.floating) and array.dtype.itemsize > 4:
        beyond = int(np.count_nonzero(np.abs(array) > FLOAT32_MAX))
        if beyond:
            raise InputError(
                f"{origin}: '{name}' has {beyond} values beyond float32's range "
                f"(|x| > {FLOAT32_MAX:.3g}), which become Inf in training; scale them first"
            )
    return array


def _checked_text(name: str, array: np.ndarray, origin: str) -> np.ndarray:
    """Text inputs (a model that starts with `TextVectorization` or `StringLookup`), as the
    object array of `str`/`bytes` Keras takes (it refuses numpy's fixed-width string dtypes;
    TensorFlow reads bytes in any encoding)."""
    if array.ndim == 0 or len(array) == 0:
        raise InputError(f"{origin}: '{name}' has no rows")
    flat = array.reshape(-1)
    if not all(isinstance(v, str | bytes) for v in flat):
        raise InputError(
            f"{origin}: '{name}' mixes text with other values; every entry must be a string"
        )
    return np.array(list(flat), dtype=object).reshape(array.shape)  # bytes stay bytes


def _is_text(array: np.ndarray) -> bool:
    """Strings or bytes: numpy's own string dtypes, or objects (as tf.data yields strings)."""
    if array.dtype.kind in "US":
        return True
    if array.dtype != object or array.size == 0:
        return False
    return isinstance(array.flat[0], str | bytes)


def split_indices(n: int, fraction: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Seeded shuffle of `n` row indices, then the last `fraction` of them for validation."""
    order = np.random.default_rng(seed).permutation(n)
    n_val = max(1, int(round(n * fraction)))
    if n_val >= n:
        raise InputError(f"data: {n} rows cannot be split with validation_split={fraction}")
    return order[:-n_val], order[-n_val:]


def split_validation(
    x: Arrays, y: Arrays, fraction: float, seed: int
) -> tuple[Arrays, Arrays, Arrays, Arrays]:
    """Seeded shuffle, then the last `fraction` of rows for validation."""
    train, val = split_indices(n_rows(x), fraction, seed)
    return take(x, train), take(y, train), take(x, val), take(y, val)


def _group(arrays: Mapping[str, object], origin: str) -> dict[str, object]:
    """`x_train__a`, `x_train__b` -> `{"x_train": {"a": ..., "b": ...}}`; other keys kept."""
    grouped: dict[str, object] = {}
    for key, value in arrays.items():
        base, sep, name = key.partition(SEPARATOR)
        if not sep or base not in REQUIRED_KEYS + OPTIONAL_KEYS:
            grouped[key] = value
            continue
        if not name:
            raise InputError(f"{origin}: key {key!r} names no input or output after {SEPARATOR!r}")
        if base in arrays:
            raise InputError(
                f"{origin}: {base} is given both as one array and per name ({key}); use one form"
            )
        named = grouped.setdefault(base, {})
        assert isinstance(named, dict)
        named[name] = value
    return grouped


def _checked(key: str, value: object, origin: str) -> Arrays:
    if isinstance(value, dict):
        if not value:
            raise InputError(f"{origin}: '{key}' names no arrays")
        checked = {n: _check_array(label(key, n), np.asarray(a), origin) for n, a in value.items()}
        rows = {n: len(a) for n, a in checked.items()}
        if len(set(rows.values())) > 1:
            raise InputError(f"{origin}: the arrays of {key} have different row counts {rows}")
        return checked
    return _check_array(key, np.asarray(value), origin)


def checked_pair(x: Arrays, y: Arrays, origin: str) -> tuple[Arrays, Arrays]:
    """Inputs and targets checked as a data file's are (numbers, finite in float32, rows;
    text inputs), with as many rows each.

    Raises:
        InputError: Naming the array and what is wrong with it.
    """
    checked_x, checked_y = _checked("x", x, origin), _checked("y", y, origin)
    if n_rows(checked_x) != n_rows(checked_y):
        raise InputError(
            f"{origin}: x has {n_rows(checked_x)} rows but y has {n_rows(checked_y)}"
        )
    return checked_x, checked_y


def _row_shapes(arrays: Arrays) -> dict[str, tuple[int, ...]]:
    return {name: tuple(array.shape[1:]) for name, array in items(arrays)}


def dataset_from_arrays(
    arrays: Mapping[str, object], validation_split: float, seed: int, origin: str = "data"
) -> Dataset:
    """Check named arrays and make a Dataset (splitting validation off when not given).

    `arrays` holds x_train, y_train[, x_val, y_val], each an array or a dict of arrays by
    input / output name, or the `.npz` form `x_train__<name>` of the latter.
    """
    arrays = _group(arrays, origin)
    _check_keys(arrays, origin)
    has_val = [key in arrays for key in OPTIONAL_KEYS]
    checked = {
        key: _checked(key, arrays[key], origin)
        for key in REQUIRED_KEYS + (OPTIONAL_KEYS if all(has_val) else ())
    }
    for x_key, y_key in (("x_train", "y_train"), ("x_val", "y_val")):
        if x_key in checked and n_rows(checked[x_key]) != n_rows(checked[y_key]):
            raise InputError(
                f"{origin}: {x_key} has {n_rows(checked[x_key])} rows but {y_key} has "
                f"{n_rows(checked[y_key])}"
            )
    x, y = checked["x_train"], checked["y_train"]
    if all(has_val):
        for train_key, val_key in (("x_train", "x_val"), ("y_train", "y_val")):
            train_rows, val_rows = _row_shapes(checked[train_key]), _row_shapes(checked[val_key])
            if list(train_rows) != list(val_rows):
                raise InputError(
                    f"{origin}: {val_key} names {sorted(val_rows)} but {train_key} names "
                    f"{sorted(train_rows)}"
                )
            if train_key == "x_train" and train_rows != val_rows:
                raise InputError(
                    f"{origin}: x_val rows have shape {_shown(val_rows)} but x_train rows "
                    f"have {_shown(train_rows)}"
                )
        return Dataset(x, y, checked["x_val"], checked["y_val"])
    if n_rows(x) < 2:
        raise InputError(f"{origin}: need at least 2 rows to split off validation data")
    return Dataset(*split_validation(x, y, validation_split, seed), split_from_train=True)


def _shown(shapes: dict[str, tuple[int, ...]]) -> object:
    return shapes[""] if list(shapes) == [""] else shapes


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
        with path.open("rb") as handle:
            magic = handle.read(len(NPY_MAGIC))
    except OSError as error:
        raise InputError(f"{origin} cannot be read: {error.strerror or error}") from None
    if magic != NPY_MAGIC and not zipfile.is_zipfile(path):  # a lone .npy: numpy.load says so
        raise InputError(
            f"{origin} is not a readable .npz archive (not a zip file: a CSV or text file?); "
            "save the arrays with numpy.savez(path, x_train=..., y_train=...)"
        )
    check_declared_sizes(path, origin)
    try:
        loaded = np.load(path, allow_pickle=False)
        if not isinstance(loaded, np.lib.npyio.NpzFile):
            raise ValueError("it holds a single array; save named arrays with numpy.savez")
        with loaded as npz:
            return {key: np.empty(0) if keys_only else npz[key] for key in npz.files}
    except (OSError, ValueError, zipfile.BadZipFile, EOFError) as error:
        if "allow_pickle" in str(error):  # numpy's words name an option the user cannot pass
            raise InputError(
                f"{origin} is not a readable .npz archive: an array holds Python objects "
                "(dtype object, stored as a pickle), which is never loaded as it can run "
                "code; save numbers (or text as numpy strings), e.g. array.astype('float32')"
            ) from None
        raise InputError(f"{origin} is not a readable .npz archive ({error})") from None
    except MemoryError as error:
        raise InputError(f"{origin} does not fit in memory ({error})") from None


def _check_keys(names: Iterable[str], origin: str) -> None:
    names = {key.partition(SEPARATOR)[0] for key in names}
    missing = [key for key in REQUIRED_KEYS if key not in names]
    if missing:
        raise InputError(
            f"{origin}: missing key(s) {', '.join(missing)}; expected x_train, y_train "
            f"and optionally x_val, y_val (per input / output name: x_train__<input>, "
            f"y_train__<output>, ...); found {', '.join(sorted(names)) or 'none'}"
        )
    if len(names & set(OPTIONAL_KEYS)) == 1:
        raise InputError(f"{origin}: x_val and y_val must be given together")
    unknown = sorted(names - set(ALLOWED_KEYS))
    if unknown:  # `x_valid`, `y_test`: ignored, validation would be split off x_train instead
        close = [m for key in unknown for m in get_close_matches(key, ALLOWED_KEYS, 1, 0.6)]
        hint = f" (did you mean {', '.join(dict.fromkeys(close))}?)" if close else ""
        raise InputError(
            f"{origin}: unknown key(s) {', '.join(unknown)}{hint}; allowed: x_train, y_train, "
            "x_val, y_val (per input / output name: x_train__<input>, y_train__<output>, ...)"
        )


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
