"""How much of the training text a model's first lookup layer leaves unknown.

A `StringLookup`, `IntegerLookup` or `TextVectorization` maps every token outside its
vocabulary to its out-of-vocabulary index: a vocabulary cut to a tutorial's `max_tokens=6`,
or adapted on other data than the training texts, makes most tokens one and the same
"[UNK]" (practice batch 14's `lookup_max_tokens_6`: 16 of 20 letters unknown, 0.60 against
0.98). The share of a sample of training tokens (padding and mask tokens left out) mapped to
an out-of-vocabulary index; healthy word vocabularies leave the rare words unknown, a few
per cent of the tokens.
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
    if ids is None:
        return 0.0
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
