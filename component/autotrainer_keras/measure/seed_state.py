"""The model's random-number state, kept as it was across a probe's forward passes.

Keras 3's recurrent layers draw their dropout masks at every call, inference included
(`RNN._maybe_config_dropout_masks` prepopulates them before the loop; they are used in
training only): each of a check's forward passes advances the layer's `SeedGenerator`
state, so the user's later training steps drew other recurrent-dropout masks than a plain
`fit` would (practice batch 8's `gru_tokens`, `recurrent_dropout=0.1`: val accuracy 0.952
plain, 0.935 watched). The checks only look: the state is put back after them
(`kept_seed_state`), and a model whose layers keep state across calls (a stateful recurrent
layer) is not called at all (`quiet_call`).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import keras
import numpy as np

STATE_NAME = "seed_generator_state"
"""The name Keras gives a `SeedGenerator`'s state variable."""


def seed_states(model: keras.Model) -> list[keras.Variable]:
    """The model's seed-generator state variables (layers with dropout of their own)."""
    return [v for v in model.variables if v.path.rsplit("/", 1)[-1] == STATE_NAME]


@contextmanager
def kept_seed_state(variables: list[keras.Variable]) -> Iterator[None]:
    """Run the block, then give `variables` (`seed_states`) their values from before it."""
    saved = [keras.ops.convert_to_numpy(v) for v in variables]
    try:
        yield
    finally:
        for variable, value in zip(variables, saved, strict=True):
            variable.assign(value)


def is_stateful(model: keras.Model) -> bool:
    """Some layer of the model keeps state across calls (a stateful recurrent layer): a call
    outside training moves it."""
    return any(getattr(layer, "stateful", False) for layer in _walk(model))


def quiet_call(model: keras.Model, x: Any) -> Any | None:
    """The model's outputs on `x` in inference mode, nothing of the model moved by the call:
    its seed state kept; None for a stateful model (`is_stateful`), which is not called.
    What the model raises propagates."""
    if is_stateful(model):
        return None
    with kept_seed_state(seed_states(model)):
        return model(x, training=False)


def quiet_predictions(model: keras.Model, x: Any) -> np.ndarray | None:
    """`quiet_call` of a model of one output, as a NumPy array (None: not called)."""
    output = quiet_call(model, x)
    return None if output is None else np.asarray(keras.ops.convert_to_numpy(output))


def _walk(layer: Any) -> Iterator[Any]:
    """`layer` and every layer inside it: nested models' layers, and a wrapper's (a
    Bidirectional's two directions, a TimeDistributed's layer)."""
    yield layer
    inner = [*(getattr(layer, "layers", None) or [])]
    inner += [getattr(layer, name, None) for name in ("layer", "forward_layer", "backward_layer")]
    for sub in inner:
        if isinstance(sub, keras.layers.Layer) and sub is not layer:
            yield from _walk(sub)
