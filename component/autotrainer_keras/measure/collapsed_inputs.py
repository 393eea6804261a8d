"""Preprocessing layers inside a model that throw most of a varying input away.

Keras' preprocessing layers never complain about values they were not set up for:

- `Discretization` with bin boundaries in other units than its input (boundaries in years
  on a standardised age) puts every row into one bin: the feature is a constant;
- `CategoryEncoding` gives codes at or above its `num_tokens` an all-zero vector (a
  `num_tokens` copied from another column): those rows all look alike.

- a `Normalization` adapted on other data than its input (another column, the targets:
  practice batch 47's square feet scaled by the price's mean and spread) squashes the
  feature to a near-constant (spread 0.01 where an adapted layer gives 1);
- an `Embedding` whose ids are one and the same in every row (ids written in another form
  than a lookup's vocabulary, all mapped to its out-of-vocabulary row; a wrong column):
  every row looks up one row of the table (practice batch 27's "user_12" ids against a
  vocabulary of "user_0012": the user factors carried nothing).

A `Hashing` layer with far fewer bins than values merges them too (batch 19's 8 bins for 120
merchants: 93 % of the values share a bucket), but so does the hashing trick on purpose
(batch 12's healthy 256 bins for 1500 users: about half): not read.

Read on the first training rows through the model's own graph (the layer's input and output
for the same rows): per such layer, the share of rows in its most frequent output bin
(`one_bin`, only when its input takes more than one value), the share of rows encoded as
nothing (`dropped`) and a Normalization's largest spread (standard deviation) over its
output features (`squashed`). Healthy set-ups: bins spread the values, codes fit `num_tokens`. The
ids of each Embedding a weightless path leads to from the inputs (a slice, a lookup) are
read on rows spread over the training data (`one_id`: the first rows of data sorted by user
may well share one), and reported when a single id fills them all.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from typing import Any

import keras
import numpy as np

SAMPLE_ROWS = 512
"""Training rows read through the layers."""

COLLAPSING = (keras.layers.Discretization, keras.layers.CategoryEncoding)
SQUASHING = (keras.layers.Normalization,)
"""Read on rows spread over the training data: the first rows of a series sorted in time
spread less than the whole."""


@dataclass(frozen=True)
class Collapse:
    """One reading of one preprocessing layer.

    Attributes:
        layer: The layer's name.
        kind: `one_bin` (Discretization), `dropped` (CategoryEncoding), `squashed`
            (Normalization), `one_id` (Embedding) or `merged` (Hashing,
            `measure.merged_levels`).
        share: The share described in the module docstring (0..1; `squashed`: the largest
            spread of an output feature; `merged`: the share of the values' signal the
            buckets keep).
        values: Distinct input values among the rows read (`one_id`: the id itself).
        mean, variance: `squashed`: the mean and variance of the layer's input over the rows
            read, per position of the axes it keeps, flattened (what `adapt` on those rows
            gives: the statistics `adapt_normalization` restates the layer with); () else.
        signal: `merged`: the share of the targets' variance the input's values explain
            beyond chance (`code_columns.level_signal`); 0 else.
    """

    layer: str
    kind: str
    share: float
    values: int
    mean: tuple[float, ...] = ()
    variance: tuple[float, ...] = ()
    signal: float = 0.0


def input_statistics(
    axis: tuple[int, ...], inputs: np.ndarray
) -> tuple[tuple[float, ...], tuple[float, ...]]:
    """The mean and variance of a Normalization's input `inputs` (a batch, as the layer
    takes it) over every axis but the kept ones `axis` (the layer's `axis`; () keeps none:
    one scalar), flattened: what the layer's `adapt` computes (pure)."""
    values = inputs.astype(np.float64)
    kept = {a % values.ndim for a in axis}
    reduced = tuple(a for a in range(values.ndim) if a not in kept)
    mean = values.mean(axis=reduced).reshape(-1)
    variance = values.var(axis=reduced).reshape(-1)
    return tuple(map(float, mean)), tuple(map(float, variance))


def as_tensors(x: Any) -> Any:
    """Rows as the model takes them, every array a tensor: a model called on named inputs
    that mix tensors and arrays (string columns Keras converted, numbers it did not) raises
    "you cannot mix tensors and non-tensors"."""
    return keras.tree.map_structure(keras.ops.convert_to_tensor, x)


def layer_values(
    model: keras.Model, layers: list[keras.layers.Layer], x: Any
) -> list[tuple[Any, Any]] | None:
    """Each of `layers`' (input, output) on rows `x` (as the model takes them), in one call
    of the model's graph; None when there are no layers or rows, or the model is no graph of
    layers (subclassed, shared layers)."""
    if not layers or x is None:
        return None
    try:
        probe = keras.Model(model.inputs, [t for layer in layers
                                           for t in (layer.input, layer.output)])  # fmt: skip
        values = probe(as_tensors(x), training=False)
    except Exception:  # noqa: BLE001 - no graph to read: nothing
        return None
    return [(values[2 * i], values[2 * i + 1]) for i in range(len(layers))]


def _rows(values: Any) -> np.ndarray:
    """A layer's input or output as one row per sample (strings kept as bytes)."""
    array = np.asarray(keras.ops.convert_to_numpy(values))
    return array.reshape(len(array), -1)


def _distinct(rows: np.ndarray) -> tuple[int, float]:
    """(distinct rows, share of the most frequent one)."""
    if rows.dtype == object:  # strings: counted as tuples (np.unique has no axis for them)
        counts = np.array(list(Counter(map(tuple, rows.tolist())).values()))
    else:
        counts = np.unique(rows, axis=0, return_counts=True)[1]
    return len(counts), float(counts.max() / len(rows))


def reading(layer: keras.layers.Layer, inputs: np.ndarray, outputs: np.ndarray) -> Collapse | None:
    """The reading of one layer from its input and output rows (pure); None when the layer
    is of another kind or its input holds a single value."""
    values, _ = _distinct(inputs)
    if values < 2:
        return None
    if isinstance(layer, keras.layers.Discretization):
        return Collapse(layer.name, "one_bin", _distinct(outputs)[1], values)
    if isinstance(layer, keras.layers.CategoryEncoding):
        if layer.output_mode not in ("one_hot", "multi_hot", "count"):
            return None
        return Collapse(layer.name, "dropped", float(np.mean(~outputs.any(axis=1))), values)
    if isinstance(layer, keras.layers.Normalization) and not getattr(layer, "invert", False):
        spread = np.std(outputs.astype(np.float64), axis=0)
        return Collapse(layer.name, "squashed", float(np.max(spread)), values)
    return None


def collapses(
    model: keras.Model, x: Any, kinds: tuple[type[keras.layers.Layer], ...] = COLLAPSING
) -> tuple[Collapse, ...]:
    """Every reading of the model's top-level layers of `kinds` (Discretization and
    CategoryEncoding on the first training rows; `SQUASHING`, Normalization, on rows spread
    over them) on the rows `x`, as the model takes them; () when it has none, is no graph of
    layers (a subclassed model), or cannot read the rows."""
    layers: list[keras.layers.Layer] = [
        layer for layer in getattr(model, "layers", []) if isinstance(layer, kinds)
    ]
    values = layer_values(model, layers, x)
    if values is None:
        return ()
    found = []
    for layer, (given, made) in zip(layers, values, strict=True):
        try:
            raw = np.asarray(keras.ops.convert_to_numpy(given))
            inputs, outputs = _rows(raw), _rows(made)
        except Exception:  # noqa: BLE001 - a ragged or sparse tensor: not read
            continue
        collapse = reading(layer, inputs, outputs)
        if collapse is not None and collapse.kind == "squashed" and raw.dtype.kind in "fiub":
            mean, variance = input_statistics(tuple(layer.axis), raw)
            collapse = replace(collapse, mean=mean, variance=variance)
        if collapse is not None:
            found.append(collapse)
    return tuple(found)


def one_id_tables(model: keras.Model, x: Any) -> tuple[Collapse, ...]:
    """`one_id` readings of the model's top-level Embedding layers (tables of two rows or
    more) on the rows `x` (spread over the training data): those whose ids, computed through
    a weightless path from the inputs, are all one id; () when none is, or the model is no
    graph of layers."""
    tables = [layer for layer in getattr(model, "layers", [])
              if isinstance(layer, keras.layers.Embedding) and layer.input_dim > 1]  # fmt: skip
    found = []
    for table in tables if x is not None else []:
        try:
            path = keras.Model(model.inputs, table.input)
            if path.count_params():
                continue  # weights on the way: ids that training changes
            ids = _rows(path(as_tensors(x), training=False))
        except Exception:  # noqa: BLE001 - no graph to read (subclassed, shared layers): nothing
            continue
        if ids.size and len(ids) > 1 and np.all(ids == ids.flat[0]):
            found.append(Collapse(table.name, "one_id", 1.0, int(ids.flat[0])))
    return tuple(found)
