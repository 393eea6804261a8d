"""The model's random-number state, kept as it was across a probe's forward passes.

Keras 3's recurrent layers draw their dropout masks at every call, inference included
(`RNN._maybe_config_dropout_masks` prepopulates them before the loop; they are used in
training only): each of a check's forward passes advances the layer's `SeedGenerator`
state, so the user's later training steps drew other recurrent-dropout masks than a plain
`fit` would (practice batch 8's `gru_tokens`, `recurrent_dropout=0.1`: val accuracy 0.952
plain, 0.935 watched). The checks only look: the state is put back after them.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import keras

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
