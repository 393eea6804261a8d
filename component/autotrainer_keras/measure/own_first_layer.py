"""What a layer of the user's own makes of the inputs when it is the first with weights.

`unscaled_input` judges raw inputs by what the first weights see: a Dense kernel multiplies
the raw values, and money or counts saturate what follows. A layer the user wrote (a class
outside Keras) may map the raw units itself: a piecewise-linear calibrator whose keypoints
sit at the training quantiles of each raw column puts every column on [0, 1] (practice
batch 70's credit table, income and debt in currency units, trained as well as the scaled
models). Whether it does is read, not assumed: the root mean square of its outputs on the
first training rows. A user's subclass of Dense on raw inputs still makes outputs at the
inputs' scale and is judged as before.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import keras
import numpy as np

from autotrainer_keras.measure.collapsed_inputs import layer_values
from autotrainer_keras.measure.layer_map import is_own


@dataclass(frozen=True)
class OwnFirstLayer:
    """The user's layer the inputs reach first with weights, and the scale of its outputs.

    Attributes:
        layer: The layer's name.
        scale: Its largest output feature's root mean square on the rows read.
    """

    layer: str
    scale: float


def own_first_layer(
    model: keras.Model, first: keras.layers.Layer | None, rows: Any
) -> OwnFirstLayer | None:
    """The reading on `rows` (the first training rows, as a one-input model takes them) of
    `first`, the model's first layer with weights (`setup_facts.first_weighted`), when it is
    the user's own; None when it is Keras' (or a model: a nested backbone), the model has
    several inputs, or its outputs cannot be read as finite numbers."""
    if first is None or isinstance(first, keras.Model) or not is_own(first):
        return None
    if len(getattr(model, "inputs", None) or ()) != 1:
        return None
    values = layer_values(model, [first], rows)
    if values is None:
        return None
    try:
        out = np.asarray(keras.ops.convert_to_numpy(values[0][1]), np.float64)
    except Exception:  # noqa: BLE001 - several outputs, a ragged or sparse tensor: not read
        return None
    if out.ndim < 1 or not len(out) or not np.isfinite(out).all():
        return None
    scale = float(np.sqrt(np.mean(np.square(out.reshape(len(out), -1)), axis=0)).max())
    return OwnFirstLayer(first.name, scale)
