"""Frozen layers still at their random initialisation: `trainable=False` meant to keep
weights loaded from elsewhere, but the loading was skipped (practice batch 25's
`embedding_random_frozen`: the pretrained matrix never assigned, 0.38 / 0.72 against 1.00;
batch 3's `frozen_random_base`: the pre-training skipped, the base frozen anyway). A
suspicion: fixed random features are sometimes enough, so the job tests `unfreeze` and
withdraws it when that is no better."""

from __future__ import annotations

from autotrainer_keras.config.preflight import PreflightThresholds
from autotrainer_keras.detect.preflight.base import setup_finding
from autotrainer_keras.measure.setup_facts import SetupFacts
from autotrainer_keras.problems import Finding, SetupProblem


def frozen_random(facts: SetupFacts, t: PreflightThresholds) -> Finding | None:
    """Fires when a frozen layer's main weight is its own initializer's draw again, or
    within `frozen_init_distance` x the critical distance of a fresh draw, within
    `frozen_init_spread` of its spread and not `frozen_init_reach` past its largest value
    (`ModelFacts.frozen_at_init`)."""
    at_init = [f for f in facts.model.frozen_at_init
               if f.exact or (f.distance <= t.frozen_init_distance
                              and abs(f.spread_ratio - 1.0) <= t.frozen_init_spread
                              and f.reach_ratio <= 1.0 + t.frozen_init_reach)]  # fmt: skip
    if not at_init:
        return None
    layers = [f.layer for f in at_init]
    shown = ", ".join(repr(name) for name in layers[:4]) + (" ..." if len(layers) > 4 else "")
    one = len(layers) == 1
    return setup_finding(
        SetupProblem.FROZEN_RANDOM,
        f"layer{'' if one else 's'} {shown} {'is' if one else 'are'} frozen (trainable=False) "
        f"but still at {'its' if one else 'their'} random initialisation: the model learns on "
        "fixed random features only (weights meant to be loaded before freezing, a "
        "pretrained embedding or base, never were?); load them, or let them train",
        {"frozen_at_init": float(len(layers)), "distance": max(f.distance for f in at_init)},
        {"frozen_init_distance": t.frozen_init_distance,
         "frozen_init_spread": t.frozen_init_spread, "frozen_init_reach": t.frozen_init_reach},
        layer=layers[0],
    )
