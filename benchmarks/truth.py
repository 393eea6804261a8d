"""Ground truth: does plain training confirm the label a model was built with?

Plain training (no autotrainer) is summarised as one behaviour, judged on its per-epoch
curves against the best constant predictor (`baseline` validation loss, `chance` accuracy):

- diverged: a non-finite loss, or the training loss grows past 10 x its start (or baseline).
- oscillating: the validation curve swings: at least 40 % of consecutive changes flip sign
  and the median change is at least 5 % of the baseline loss (or 3 accuracy points).
- stalled: learned (almost) nothing: best validation loss within 10 % of the baseline, or
  best validation accuracy within 10 % of the way from chance to perfect.
- trained: best validation loss at least 25 % below the baseline and not oscillating.
- poor: none of these (learned something, but not enough to call it healthy).

Labels are confirmed by: exploding_gradient <- diverged; vanishing_gradient, dying_relu,
slow_convergence <- stalled; oscillating_loss <- oscillating; healthy <- trained. A faulty
candidate whose plain training is `trained` is relabelled healthy; any other contradiction
drops the model from the scored set.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from benchmarks.zoo import HEALTHY

CONFIRMS = {
    "exploding_gradient": {"diverged"},
    "vanishing_gradient": {"stalled"},
    "dying_relu": {"stalled"},
    "slow_convergence": {"stalled"},
    "oscillating_loss": {"oscillating"},
    HEALTHY: {"trained"},
}


def _finite(values: list[float]) -> bool:
    return all(v is not None and math.isfinite(v) for v in values)


def _swings(values: list[float]) -> tuple[float, float]:
    """(fraction of consecutive changes that flip sign, median absolute change)."""
    diffs = np.diff(np.asarray(values, dtype=float))
    if len(diffs) < 3:
        return 0.0, 0.0
    flips = np.mean(np.sign(diffs[1:]) * np.sign(diffs[:-1]) < 0)
    return float(flips), float(np.median(np.abs(diffs)))


def behaviour(history: dict[str, list[float]], baseline: float, chance: float | None) -> str:
    """One word for how plain training went (see the module docstring)."""
    loss, val_loss = history.get("loss", []), history.get("val_loss", [])
    if not loss or not _finite(loss) or not _finite(val_loss):
        return "diverged"
    if max(loss) >= 10.0 * max(loss[0], baseline) or max(val_loss) >= 1e5:
        return "diverged"
    progress = 1.0 - min(val_loss) / baseline
    flips, change = _swings(val_loss)
    oscillating = flips >= 0.4 and change >= 0.05 * baseline
    val_acc = history.get("val_accuracy")
    if chance is not None and val_acc:
        acc_flips, acc_change = _swings(val_acc)
        oscillating = oscillating or (acc_flips >= 0.4 and acc_change >= 0.03)
    if oscillating:
        return "oscillating"
    near_chance = chance is not None and bool(val_acc) and (
        max(val_acc) <= chance + 0.1 * (1.0 - chance)
    )
    if progress < 0.1 or near_chance:
        return "stalled"
    if progress >= 0.25:
        return "trained"
    return "poor"


def judge(label: str, seen: str) -> tuple[str | None, str]:
    """(truth label or None when dropped, "confirmed" / "relabelled" / "dropped")."""
    if seen in CONFIRMS[label]:
        return label, "confirmed"
    if label != HEALTHY and seen == "trained":
        return HEALTHY, "relabelled"
    return None, "dropped"


def summarise_history(history: dict[str, Any]) -> dict[str, list[float]]:
    """Keras History.history with plain floats (NaN kept)."""
    return {key: [float(v) for v in values] for key, values in history.items()}
