"""Categories a `Hashing` layer merges although the targets tell them apart.

A Hashing layer sends each value to one of `num_bins` buckets by a hash: values that share a
bucket reach the model as one category. With far more bins than values that is rare; with
about as many bins as values a third of them share one (practice batch 49: 50 cities in 64
bins, 0.85 against 0.93 with a lookup; in 2 bins, 0.65). The hashing trick does it on
purpose for ids too many to list (batch 12's healthy 256 bins for 1500 users), and it harms
only as far as the merged categories' targets differ.

So the reading is how the targets follow the categories before and after the layer. On rows
spread over the training data, per top-level Hashing layer whose input is one value per row
and whose output is one bucket per row (`int` or `one_hot` mode), over the values held by
`code_columns.MIN_LEVEL_ROWS` rows or more (at least `code_columns.MIN_LEVELS` of them):
the share of the targets' variance the values explain beyond chance (`signal`,
`code_columns.level_signal`) and the share of that the buckets still explain (`kept`: about 1
when few values share a bucket, or when those that do have alike targets). Ids too many for
the rows read leave too few values with enough rows, and are not read.
"""

from __future__ import annotations

from typing import Any

import keras
import numpy as np

from autotrainer_keras.measure.code_columns import (
    MEASURED_SIGNAL,
    MIN_LEVEL_ROWS,
    MIN_LEVELS,
    level_signal,
)
from autotrainer_keras.measure.collapsed_inputs import Collapse, layer_values

BUCKET_MODES = ("int", "one_hot")
"""Hashing output modes that give one bucket per row (`multi_hot` and `count` give sets)."""


def _keys(values: Any) -> np.ndarray | None:
    """One value per row as sortable keys (strings as text); None for several per row."""
    array = np.asarray(keras.ops.convert_to_numpy(values))
    rows = array.reshape(len(array), -1)
    if rows.shape[1] != 1:
        return None
    column = rows[:, 0]
    if column.dtype.kind in "OSU":
        return np.array([v.decode() if isinstance(v, bytes) else str(v) for v in column])
    return column


def _buckets(mode: str, values: Any) -> np.ndarray | None:
    """The bucket of each row from a Hashing layer's output in `mode`."""
    array = np.asarray(keras.ops.convert_to_numpy(values))
    rows = array.reshape(len(array), -1)
    if mode == "int":
        return rows[:, 0] if rows.shape[1] == 1 else None
    if not np.all(rows.sum(axis=1) == 1):
        return None
    return np.argmax(rows, axis=1)


def merged_reading(
    name: str, values: np.ndarray, buckets: np.ndarray, targets: np.ndarray
) -> Collapse | None:
    """The `merged` reading of one layer named `name` from each row's value, bucket and
    target row (pure): `share` is the share of the values' `signal` the buckets keep, with
    the signal itself in `signal`; None when too few values have rows enough, or the values
    explain less than `code_columns.MEASURED_SIGNAL` of the targets."""
    _, inverse, counts = np.unique(values, return_inverse=True, return_counts=True)
    kept = counts[inverse] >= MIN_LEVEL_ROWS
    t = targets[kept].astype(np.float64)
    _, inverse, counts = np.unique(values[kept], return_inverse=True, return_counts=True)
    if len(counts) < MIN_LEVELS or len(t) <= len(counts):
        return None
    signal = level_signal(inverse, counts, t)
    if signal < MEASURED_SIGNAL:
        return None
    _, bucket_of, bucket_rows = np.unique(buckets[kept], return_inverse=True, return_counts=True)
    if len(bucket_rows) < 2:
        share = 0.0
    else:
        share = max(0.0, level_signal(bucket_of, bucket_rows, t)) / signal
    return Collapse(name, "merged", float(min(share, 1.0)), len(counts), signal=float(signal))


def merged_tables(model: keras.Model, x: Any, targets: np.ndarray | None) -> tuple[Collapse, ...]:
    """`merged` readings of the model's top-level Hashing layers on rows `x` (as the model
    takes them, spread over the training data) and their target rows `targets` (rows,
    columns: `code_columns.target_matrix`); () when it has none, the targets are not one
    row each, or the model is no graph of layers."""
    layers = [layer for layer in getattr(model, "layers", [])
              if isinstance(layer, keras.layers.Hashing)
              and layer.output_mode in BUCKET_MODES]  # fmt: skip
    values = layer_values(model, layers, x) if targets is not None else None
    if values is None or targets is None:
        return ()
    found = []
    for layer, (given, made) in zip(layers, values, strict=True):
        try:
            keys = _keys(given)
            buckets = _buckets(layer.output_mode, made)
        except Exception:  # noqa: BLE001 - a ragged or sparse tensor: not read
            continue
        if keys is None or buckets is None or len(keys) != len(targets):
            continue
        reading = merged_reading(layer.name, keys, buckets, targets)
        if reading is not None:
            found.append(reading)
    return tuple(found)
