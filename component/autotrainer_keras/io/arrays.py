"""One model input or target as data: a single array, or a dict of arrays by name.

A single-input, single-output model trains from arrays. A model with several inputs takes a
dict keyed by its input names, one with several outputs a dict keyed by its output names,
as `keras.Model.fit` does. These helpers treat both alike: row count, row selection, the
arrays one by one.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import numpy as np

Arrays = np.ndarray | dict[str, np.ndarray]
"""An input or a target: one array, or one array per model input / output name."""

SEPARATOR = "__"
"""In an `.npz`: `x_train__<input name>`, `y_train__<output name>` (and `x_val__`, `y_val__`)."""


def is_named(arrays: Any) -> bool:
    """True when `arrays` is a dict of arrays by input or output name."""
    return isinstance(arrays, dict)


def items(arrays: Arrays) -> Iterator[tuple[str, np.ndarray]]:
    """`(name, array)` pairs; a single array is named `""`."""
    if isinstance(arrays, dict):
        yield from arrays.items()
    else:
        yield "", arrays


def n_rows(arrays: Arrays) -> int:
    """Rows of the first array (all arrays of one `Arrays` have the same number; 0 for a
    scalar, which the data checks refuse)."""
    array = np.asarray(next(items(arrays))[1])
    return int(len(array)) if array.ndim else 0


def take(arrays: Arrays, index: Any) -> Arrays:
    """The rows `index` (a slice or index array) of every array."""
    if isinstance(arrays, dict):
        return {name: array[index] for name, array in arrays.items()}
    return arrays[index]


def first(arrays: Arrays) -> np.ndarray:
    """The single array, or the first array by name order of the dict."""
    return next(items(arrays))[1]


def label(key: str, name: str) -> str:
    """How errors name one array: `x_train` or `x_train__image`."""
    return f"{key}{SEPARATOR}{name}" if name else key


def concatenate(parts: list[Arrays], pad: bool = False) -> Arrays:
    """Batches joined row-wise, per name when they are dicts; `pad`: batches whose rows differ
    in length along some axis (a `padded_batch` dataset pads each batch to its own longest
    sequence) are first padded with zeros at the end to the longest, as `padded_batch` pads.

    Raises:
        ValueError: The batches' ranks, shapes (without `pad`) or names do not match.
    """
    if isinstance(parts[0], dict):
        names = list(parts[0])
        if any(not isinstance(p, dict) or list(p) != names for p in parts):
            raise ValueError("batches name different inputs or outputs")
        return {n: _joined([np.asarray(p[n]) for p in parts], pad) for n in names}  # type: ignore[index]
    return _joined([np.asarray(p) for p in parts], pad)


def _joined(arrays: list[np.ndarray], pad: bool) -> np.ndarray:
    if pad and len({a.ndim for a in arrays}) == 1 and len({a.shape[1:] for a in arrays}) > 1:
        longest = np.max([a.shape[1:] for a in arrays], axis=0)
        arrays = [np.pad(a, [(0, 0), *((0, int(n - s)) for n, s in zip(longest, a.shape[1:],
                                                                       strict=True))])
                  for a in arrays]  # fmt: skip
    return np.concatenate(arrays)


def output_weights(weights: Arrays | None, name: str) -> np.ndarray | None:
    """Sample weights of output `name`: its own array, or the one array every output
    shares (Keras' `fit` takes either)."""
    if isinstance(weights, dict):
        return weights.get(name)
    return weights


def one_output(weights: Arrays | None) -> np.ndarray | None:
    """Sample weights of one output's data: never a dict (`fit_weights.checked_weights`
    takes weights by output name only for targets by output name)."""
    assert not isinstance(weights, dict), "weights by output name for one output's data"
    return weights
