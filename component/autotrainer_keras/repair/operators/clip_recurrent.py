"""`clip_rnn`: gradient-norm clipping for recurrent models (default profile, exploding
gradients).

Exploding gradients in SimpleRNN/LSTM/GRU models come from the product of recurrent Jacobians
over time steps; the standard cure is clipping the gradient norm (Pascanu, Mikolov and Bengio,
"On the difficulty of training recurrent neural networks", 2013), not a smaller step for
every step. The operator sets `global_clipnorm` to `CLIP_NORM` (rescales the whole gradient
when its norm is larger: the direction is kept, unlike `clipvalue`). It applies only to a
model with a recurrent layer (also inside Bidirectional/TimeDistributed or a nested model)
whose optimizer does not clip yet; anything else is skipped at no cost.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from autotrainer_keras.errors import ModelSpecError
from autotrainer_keras.repair import model_config as mc
from autotrainer_keras.repair.operators.base import CLIP_KEYS, RepairOperator, Result
from autotrainer_keras.repair.spec import TrainingSpec

CLIP_NORM = 1.0


def recurrent_layers(model: dict[str, Any]) -> list[str]:
    """Names of the recurrent layers, nested models walked into (pure)."""
    found: list[str] = []
    for layer in mc.layers(model):
        if mc.is_model(layer):
            try:
                found += recurrent_layers(layer)
            except ModelSpecError:  # a subclassed model: opaque
                continue
        elif mc.is_recurrent(layer):
            found.append(mc.layer_name(layer))
    return found


def _clip_rnn(spec: TrainingSpec, try_index: int, rng: np.random.Generator) -> Result:
    try:
        layers = recurrent_layers(spec.model)
    except ModelSpecError:
        layers = []
    if not layers:
        raise ModelSpecError("clip_rnn: the model has no recurrent layer")
    existing = {k: spec.optimizer[k] for k in CLIP_KEYS if spec.optimizer.get(k) is not None}
    if existing:
        raise ModelSpecError(f"clip_rnn: the optimizer already clips gradients: {existing}")
    optimizer = {**spec.optimizer, "global_clipnorm": CLIP_NORM}
    return spec.evolve(optimizer=optimizer), {"global_clipnorm": CLIP_NORM, "layers": layers}


OPERATORS = (
    RepairOperator(
        id="clip_rnn",
        family="clipping",
        max_tries=1,
        transform=_clip_rnn,
        sentence=lambda p: (
            f"Clipped the global gradient norm to {p['global_clipnorm']} (recurrent layers: "
            f"{', '.join(p['layers'][:4])})."
        ),
    ),
)
