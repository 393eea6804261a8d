"""An L1/L2 penalty, a norm constraint or a weight decay so strong that it outweighs what the
data asks of the weights."""

from __future__ import annotations

import math

from autotrainer_keras.config.preflight import PreflightThresholds
from autotrainer_keras.detect.preflight.base import setup_finding
from autotrainer_keras.detect.text import num
from autotrainer_keras.measure.setup_facts import SetupFacts
from autotrainer_keras.problems import Finding, SetupProblem


def high_penalty(facts: SetupFacts, t: PreflightThresholds) -> Finding | None:
    """Fires when a layer's kernel, bias, activity or recurrent regularizer has an L1/L2
    factor at or above `penalty_factor` (usual factors are 1e-5 to 1e-2), a MaxNorm /
    MinMaxNorm constraint caps a layer's unit norms at `cap_ratio` of their initial norms or
    less (`_capped`), or the optimizer's decoupled weight decay takes at least
    `decay_per_step` of each weight per step (`_decaying`)."""
    m = facts.model
    if m.max_penalty < t.penalty_factor:
        return _capped(facts, t) or _decaying(facts, t)
    return setup_finding(
        SetupProblem.HIGH_PENALTY,
        f"layer '{m.penalty_layer}' has an L1/L2 penalty factor of {num(m.max_penalty)} "
        "(usual: 1e-5 to 1e-2): the penalty outweighs the data loss, pulling the weights or "
        "activations towards zero, so the model collapses towards a constant",
        {"penalty_factor": m.max_penalty},
        {"penalty_factor": t.penalty_factor},
        layer=m.penalty_layer,
    )


def _capped(facts: SetupFacts, t: PreflightThresholds) -> Finding | None:
    m = facts.model
    if not m.cap_ratio <= t.cap_ratio:
        return None
    below = f"{1 / m.cap_ratio:.0f} times" if m.cap_ratio > 0 else "far"  # MaxNorm(0)
    return setup_finding(
        SetupProblem.HIGH_PENALTY,
        f"layer '{m.cap_layer}' has a norm constraint with max_value {num(m.cap_value)}, "
        f"{below} below its units' initial norms (median {num(m.cap_norm)}; recipes "
        "use MaxNorm(2) to MaxNorm(4)): after every step each unit's weights are scaled down "
        "to that norm, so the layer's outputs shrink towards zero and it can hardly learn (a "
        "weight-decay value typed into the constraint?)",
        {"cap_ratio": m.cap_ratio, "max_value": m.cap_value, "initial_norm": m.cap_norm},
        {"cap_ratio": t.cap_ratio},
        layer=m.cap_layer,
    )


def _decaying(facts: SetupFacts, t: PreflightThresholds) -> Finding | None:
    m = facts.model
    if m.decay_per_step < t.decay_per_step:
        return None
    half_life = math.log(2.0) / m.decay_per_step
    return setup_finding(
        SetupProblem.HIGH_PENALTY,
        f"the optimizer's weight_decay {num(m.weight_decay)} takes {num(m.decay_per_step)} of "
        f"every weight at each step (weight_decay x the learning rate; usual: 1e-6 to 1e-4): "
        f"the decay alone halves the weights in {half_life:.0f} steps, pulling them towards "
        "zero faster than the data can move them, so the model underfits or collapses to a "
        "constant (a value meant as a coupled L2 factor, or for another learning rate?)",
        {"decay_per_step": m.decay_per_step, "weight_decay": m.weight_decay},
        {"decay_per_step": t.decay_per_step},
    )
