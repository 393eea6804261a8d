"""How much of the training text a model's first lookup layer leaves unknown.

A `StringLookup`, `IntegerLookup` or `TextVectorization` maps every token outside its
vocabulary to its out-of-vocabulary index: a vocabulary cut to a tutorial's `max_tokens=6`,
or adapted on other data than the training texts, makes most tokens one and the same
"[UNK]" (practice batch 14's `lookup_max_tokens_6`: 16 of 20 letters unknown, 0.60 against
0.98). The share of a sample of training tokens (padding and mask tokens left out) mapped to
an out-of-vocabulary index; healthy word vocabularies leave the rare words unknown, a few
per cent of the tokens. A `TextVectorization` that encodes (`multi_hot`, `count`,
`tf_idf`) is read through a twin giving ids with its vocabulary (practice batch 49's tags
under `max_tokens=8`). A `StringLookup` or `IntegerLookup` that encodes (`one_hot`,
`multi_hot`, `count`, `tf_idf`) is read against its vocabulary instead: its out-of-vocabulary
column is no id (practice batch 22's `grade_lookup_adapted_on_purpose`, a one-hot lookup of
the grades adapted on the loan purposes: every grade unknown).
"""

from __future__ import annotations

from typing import Any

import keras
import numpy as np

SAMPLE_ROWS = 512
"""Training rows read through the layer."""


def _special_ids(layer: keras.layers.Layer) -> tuple[range, range] | None:
    """(out-of-vocabulary ids, mask ids) of a lookup layer returning ids; None otherwise."""
    if isinstance(layer, keras.layers.TextVectorization):
        if layer.get_config().get("output_mode") != "int":
            return None
        return range(1, 2), range(0, 1)  # "[UNK]" after the padding ""
    if isinstance(layer, keras.layers.StringLookup | keras.layers.IntegerLookup):
        if layer.output_mode != "int" or getattr(layer, "invert", False):
            return None
        offset = 0 if layer.mask_token is None else 1
        return range(offset, offset + int(layer.num_oov_indices)), range(0, offset)
    return None


def unknown_share(layer: keras.layers.Layer | None, rows: Any) -> float:
    """The share of the tokens in the first `SAMPLE_ROWS` of `rows` (the layer's input) that
    `layer` maps to an out-of-vocabulary id; 0 when it is no lookup layer returning ids, has
    no vocabulary yet, or cannot read the rows."""
    if layer is None or not isinstance(rows, np.ndarray) or not len(rows):
        return 0.0
    ids = _special_ids(layer)
    if ids is None and isinstance(layer, keras.layers.TextVectorization):
        twin = _as_ids(layer)  # an encoding one: its twin giving ids reads its tokens
        ids = None if twin is None else _special_ids(twin)
        if twin is None or ids is None:
            return 0.0
        layer = twin
    if ids is None:
        return _outside_vocabulary(layer, rows[:SAMPLE_ROWS])
    unknown, mask = ids
    try:
        if layer.vocabulary_size() <= unknown.stop:  # not adapted: every token is unknown
            return 0.0
        mapped = np.asarray(layer(rows[:SAMPLE_ROWS])).reshape(-1)
    except Exception:  # noqa: BLE001 - a layer that cannot read these rows: nothing measured
        return 0.0
    tokens = mapped[(mapped < mask.start) | (mapped >= mask.stop)]
    if not tokens.size:
        return 0.0
    return float(np.mean((tokens >= unknown.start) & (tokens < unknown.stop)))


def _as_ids(layer: keras.layers.TextVectorization) -> keras.layers.TextVectorization | None:
    """A TextVectorization giving ids with the vocabulary, standardisation and split of
    `layer`, which encodes (`multi_hot`, `count`, `tf_idf`: practice batch 49's tags under
    `max_tokens=8`); None when they are callables of the user's or cannot be read."""
    config = layer.get_config()
    standardize, split = config.get("standardize"), config.get("split")
    if not all(v is None or isinstance(v, str) for v in (standardize, split)):
        return None
    try:
        vocabulary = layer.get_vocabulary(include_special_tokens=False)
        if not vocabulary:
            return None
        return keras.layers.TextVectorization(
            vocabulary=[t for t in vocabulary if t], standardize=standardize, split=split,
            output_mode="int",
        )  # fmt: skip
    except Exception:  # noqa: BLE001 - not adapted, or a vocabulary this cannot restate
        return None


def _outside_vocabulary(layer: keras.layers.Layer, rows: np.ndarray) -> float:
    """The share of the tokens in `rows` (mask token left out) outside the vocabulary of a
    forward `StringLookup` or `IntegerLookup` that encodes; 0 for other layers, an empty
    vocabulary, or rows that are not tokens."""
    if not isinstance(layer, keras.layers.StringLookup | keras.layers.IntegerLookup):
        return 0.0
    if getattr(layer, "invert", False):
        return 0.0
    try:
        vocabulary = {_token(t) for t in layer.get_vocabulary(include_special_tokens=False)}
    except Exception:  # noqa: BLE001 - not adapted (no table yet): nothing measured
        return 0.0
    if not vocabulary or rows.dtype.kind not in "OUSiu":
        return 0.0
    tokens = [_token(t) for t in rows.reshape(-1)]
    mask = None if layer.mask_token is None else _token(layer.mask_token)
    tokens = [t for t in tokens if t != mask]
    if not tokens:
        return 0.0
    return float(np.mean([t not in vocabulary for t in tokens]))


def _token(value: Any) -> Any:
    """A token as the vocabulary lists it: text for strings and bytes, int for numbers."""
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    if isinstance(value, np.integer | int):
        return int(value)
    return str(value)
