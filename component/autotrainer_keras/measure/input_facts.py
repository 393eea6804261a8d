"""The input side of the fact sheet: what one input array's values say, and which of a
multi-input model's layers read a named input.

`input_fields` reads one array (a sample of rows, bounded by rows and values) into the
input fields of `DataFacts`; `branch_layers` lists the layers a named input reaches, so a
model with a dict of inputs gets the input rules once per input, each on the layers its own
values pass through (`setup_facts.input_side`).
"""

from __future__ import annotations

from typing import Any

import keras
import numpy as np

from autotrainer_keras.measure.column_order import ColumnOrder, column_order
from autotrainer_keras.measure.layer_map import parent_layers
from autotrainer_keras.measure.sample_rows import evenly_spaced, rows_within
from autotrainer_keras.measure.sentinel_values import sentinel_columns
from autotrainer_keras.measure.token_shift import TokenShift, token_shift
from autotrainer_keras.measure.unseen_values import UnseenValues, unseen_values
from autotrainer_keras.measure.validation_distance import ValidationDistance, validation_distance

UNREAD: dict[str, Any] = {
    "row_rank": 1, "max_scale": 0.0, "median_scale": 0.0, "widest_feature": 0, "x_min": 0.0,
    "x_max": 0.0, "norm_axis": None, "norm_mean": (0.0,), "norm_variance": (1.0,),
    "text_input": False, "text_words": (0.0, 0.0), "val_distance": 0.0, "val_feature_shift": 0.0,
    "val_shifted_feature": -1, "val_ks": 0.0, "val_ks_halves": 0.0, "val_outside": 0.0,
    "val_outside_feature": -1, "val_outside_halves": 0.0, "val_outside_columns": 0,
    "val_token_distance": 0.0,
    "val_token_noise": 0.0, "val_unseen": 0.0, "val_unseen_noise": 0.0, "val_moved_columns": (),
    "val_column_own": 0.0, "val_column_matched": 0.0, "val_column_chance": 0.0,
    "sentinel_columns": (),
}  # fmt: skip
"""The input fields of a sheet whose inputs are read per named input instead."""


CHANNEL_LEVELS = 4.0
"""Sequences and images get one scalar Normalization unless the overall variance is at least
this x the channels' mean own variance: then the channels sit on levels of their own (six
related random walks in the hundreds to thousands: practice batch 59, where one scalar
squeezed each walk's own moves into a spread of 0.08) and each channel gets its own."""


def _norm_stats(x: np.ndarray) -> tuple[int | None, tuple[float, ...], tuple[float, ...]]:
    """Per-feature statistics for tabular rows, one scalar for sequences and images, per
    channel (the last axis) when the channels' levels differ (`CHANNEL_LEVELS`)."""
    channels = x.reshape(-1, x.shape[-1]) if x.ndim > 2 else x
    if x.ndim == 2 or (x.ndim > 2 and _own_levels(channels)):
        mean = channels.mean(axis=0, dtype=np.float64)
        var = channels.var(axis=0, dtype=np.float64)
        var = np.where(var > 0, var, 1.0)
        return -1, tuple(float(v) for v in mean), tuple(float(v) for v in var)
    var = float(x.var(dtype=np.float64))
    return None, (float(x.mean(dtype=np.float64)),), (var if var > 0 else 1.0,)


def _own_levels(channels: np.ndarray) -> bool:
    """The overall variance of (values, channels) is `CHANNEL_LEVELS` x or more the channels'
    mean own variance (more than one channel)."""
    if channels.shape[-1] < 2 or channels.size == 0:
        return False
    own = float(np.mean(channels.var(axis=0, dtype=np.float64)))
    return float(channels.var(dtype=np.float64)) >= CHANNEL_LEVELS * own


def input_fields(
    x_train: np.ndarray,
    x_val: object,
    sample_rows: int,
    sample_entries: int | None,
    column_gate: float = 0.0,
) -> dict[str, Any]:
    """The input fields of `DataFacts` for one input array: on at most `sample_rows` training
    rows, evenly spaced, fewer when they would hold more than `sample_entries` values;
    `column_gate`: `column_order`'s `least_shift` (the pre-flight's `val_column_shift`)."""
    text = x_train.dtype.kind in "OUS"  # text inputs (io.data): no magnitudes to read
    sample = evenly_spaced(x_train, rows_within(x_train, sample_rows, sample_entries))
    x = np.zeros(0, np.float32) if text else np.asarray(sample, np.float32)
    features = x.reshape(-1, x.shape[-1]) if x.ndim > 1 else x.reshape(-1, 1)
    scales = (np.zeros(0) if text
              else np.sqrt(np.mean(np.square(features), axis=0, dtype=np.float64)))  # fmt: skip
    live = scales[scales > 0]
    axis, mean, variance = (None, (0.0,), (1.0,)) if text else _norm_stats(x)
    shift = (ValidationDistance() if text
             else validation_distance(features, x_val, sample_rows, sample_entries))
    ids = TokenShift() if text else token_shift(sample, x_val, sample_rows, sample_entries)
    unseen = (unseen_values(sample, x_val, sample_rows, sample_entries) if text
              else UnseenValues())  # fmt: skip
    order = (column_order(x, x_val, sample_rows, sample_entries, column_gate)
             if x.ndim == 2 and not text
             else ColumnOrder())  # fmt: skip
    return {
        "row_rank": x_train.ndim - 1,
        "max_scale": float(scales.max()) if scales.size else 0.0,
        "median_scale": float(np.median(live)) if live.size else 0.0,
        "widest_feature": int(np.argmax(scales)) if scales.size else 0,
        "x_min": float(x.min()) if x.size else 0.0,
        "x_max": float(x.max()) if x.size else 0.0,
        "norm_axis": axis,
        "norm_mean": mean,
        "norm_variance": variance,
        "text_input": text,
        "text_words": _words(sample) if text else (0.0, 0.0),
        "val_distance": shift.median,
        "val_feature_shift": shift.worst,
        "val_shifted_feature": shift.worst_feature,
        "val_ks": shift.ks,
        "val_ks_halves": shift.ks_halves,
        "val_outside": shift.outside,
        "val_outside_feature": shift.outside_feature,
        "val_outside_halves": shift.outside_halves,
        "val_outside_columns": shift.outside_columns,
        "val_token_distance": ids.distance,
        "val_token_noise": ids.noise,
        "val_unseen": unseen.share,
        "val_unseen_noise": unseen.noise,
        "val_moved_columns": order.moved,
        "val_column_own": order.own,
        "val_column_matched": order.matched,
        "val_column_chance": order.chance,
        "sentinel_columns": () if text else sentinel_columns(x),
    }


def _words(texts: np.ndarray) -> tuple[float, float]:
    """(median, 95th percentile) of the whitespace-separated words per text, for one text
    per row ((rows,) or (rows, 1)); (0, 0) for other shapes."""
    if texts.ndim > 2 or (texts.ndim == 2 and texts.shape[1] != 1) or not texts.size:
        return 0.0, 0.0
    counts = [len((t.decode("utf-8", "replace") if isinstance(t, bytes) else str(t)).split())
              for t in texts.reshape(-1)]  # fmt: skip
    return float(np.median(counts)), float(np.percentile(counts, 95))


def branch_operations(model: keras.Model, name: str) -> list[Any]:
    """The model's own layers and operations (`ops.cast` and the like, which a functional
    model keeps apart from its layers) that the input named `name` reaches, in the model's
    (topological) order, its InputLayer left out; empty when no input has that name."""
    reached: set[int] = set()
    branch = []
    for operation in getattr(model, "operations", None) or model.layers:
        if isinstance(operation, keras.layers.InputLayer):
            if operation.name == name:
                reached.add(id(operation))
            continue
        if any(id(parent) in reached for parent in parent_layers(operation)):
            reached.add(id(operation))
            branch.append(operation)
    return branch


def branch_layers(model: keras.Model, name: str) -> list[keras.layers.Layer]:
    """The model's own layers that the input named `name` reaches (through operations too:
    batch 47's zip code cast to float before its Normalization), in the model's order."""
    return [op for op in branch_operations(model, name) if isinstance(op, keras.layers.Layer)]
