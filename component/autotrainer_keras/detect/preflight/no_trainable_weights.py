"""A model with no trainable weight: training cannot change what it predicts."""

from __future__ import annotations

from autotrainer_keras.config.preflight import PreflightThresholds
from autotrainer_keras.detect.preflight.base import setup_finding
from autotrainer_keras.measure.setup_facts import SetupFacts
from autotrainer_keras.problems import Finding, SetupProblem


def no_trainable_weights(facts: SetupFacts, t: PreflightThresholds) -> Finding | None:
    """Fires when the model holds weights but none is trainable (`trainable = False` on the
    whole model, or on every layer, instead of on the part meant to stay fixed)."""
    m = facts.model
    if m.trainable_params != 0 or m.frozen_params <= 0:
        return None
    layers = ", ".join(f"'{name}'" for name in m.frozen_layers[:5])
    more = f" and {len(m.frozen_layers) - 5} more" if len(m.frozen_layers) > 5 else ""
    return setup_finding(
        SetupProblem.NO_TRAINABLE_WEIGHTS,
        f"none of the model's {m.frozen_params} weights is trainable (frozen: {layers}{more}): "
        "training cannot change what it predicts; set trainable = True on the layers meant "
        "to learn (e.g. the head on a frozen base) before compiling",
        {"trainable_params": 0.0, "frozen_params": float(m.frozen_params)},
    )
