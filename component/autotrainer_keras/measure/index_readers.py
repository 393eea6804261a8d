"""Lookup layers whose integer indices reach weights as numbers.

A `StringLookup`, `IntegerLookup`, `Hashing` or `TextVectorization` in `output_mode="int"`
turns categories or words into indices meant for an Embedding; cast to float and fed to a
Dense layer, the index becomes a magnitude whose order means nothing (a vocabulary sorted by
frequency, a hash): practice batch 47's neighbourhood index into the deep layers (val loss
0.064 against 0.034 one-hot).

Read off the graph: from each such layer, its consumers are followed through layers and
operations that keep values (a cast, a reshape, a concatenation, a Normalization, dropout)
until a layer with weights: an Embedding (or an attention or recurrent layer over embedded
ids) reads indices as ids; a layer with a kernel (Dense, a convolution) reads them as
numbers. Vocabularies of fewer than `MIN_VOCABULARY` entries (a flag, three levels) are
left alone.
"""

from __future__ import annotations

from typing import Any

import keras

from autotrainer_keras.measure.layer_map import parent_layers

LOOKUPS = (keras.layers.StringLookup, keras.layers.IntegerLookup, keras.layers.Hashing,
           keras.layers.TextVectorization)  # fmt: skip
MIN_VOCABULARY = 10
"""Indices a lookup must be able to give for its order to matter."""
PASSING = (keras.layers.Normalization, keras.layers.Concatenate, keras.layers.Reshape,
           keras.layers.Flatten, keras.layers.Dropout, keras.layers.Activation,
           keras.layers.Rescaling)  # fmt: skip
"""Weightless layers (or with statistics only) that pass indices on as values."""
VALUE_OPS = frozenset({"Cast", "Concatenate", "Reshape", "ExpandDims", "Squeeze"})
"""Operations (not layers) of a functional model that pass values on unchanged: indices
here, an input's values to its first weights (`setup_facts.input_side`)."""
READS_NUMBERS = (keras.layers.Dense, keras.layers.EinsumDense, keras.layers.Conv1D,
                 keras.layers.Conv2D)  # fmt: skip


def _vocabulary(layer: keras.layers.Layer) -> int:
    """How many indices the lookup gives (0: not read)."""
    if isinstance(layer, keras.layers.Hashing):
        return int(layer.num_bins)
    try:
        return int(layer.vocabulary_size())
    except Exception:  # noqa: BLE001 - a lookup never adapted: no vocabulary yet
        return 0


def _int_output(layer: keras.layers.Layer) -> bool:
    """The layer gives integer indices (a TextVectorization keeps its mode in its config
    alone)."""
    try:
        mode = layer.get_config().get("output_mode", "int")
    except Exception:  # noqa: BLE001 - a config that cannot be read: not judged
        return False
    return str(mode) == "int"


def index_readers(model: keras.Model) -> tuple[tuple[str, str, int], ...]:
    """(lookup layer, the layer that reads its indices as numbers, vocabulary size) for each
    `int`-mode lookup of `model` whose indices reach a kernel through value-keeping layers
    and operations; () for models with none (or no graph to follow)."""
    operations: list[Any] = list(getattr(model, "operations", None) or model.layers)
    consumers: dict[int, list[Any]] = {}
    for op in operations:
        for parent in parent_layers(op):
            consumers.setdefault(id(parent), []).append(op)
    found = []
    for lookup in operations:
        if not isinstance(lookup, LOOKUPS) or not _int_output(lookup):
            continue
        size = _vocabulary(lookup)
        if size < MIN_VOCABULARY:
            continue
        reader = _first_reader(lookup, consumers)
        if reader is not None:
            found.append((lookup.name, reader, size))
    return tuple(found)


def _first_reader(start: Any, consumers: dict[int, list[Any]]) -> str | None:
    """The first layer with a kernel reached from `start` through `PASSING` layers and
    `VALUE_OPS`; None when every path ends elsewhere (an Embedding)."""
    frontier, seen = list(consumers.get(id(start), [])), set()
    while frontier:
        op = frontier.pop(0)
        if id(op) in seen:
            continue
        seen.add(id(op))
        if isinstance(op, READS_NUMBERS):
            return str(op.name)
        passes = (isinstance(op, PASSING) if isinstance(op, keras.layers.Layer)
                  else type(op).__name__ in VALUE_OPS)  # fmt: skip
        if passes:
            frontier.extend(consumers.get(id(op), []))
    return None
