"""A loss that falls without bound, seen in training: the training loss is below zero, far
below where it started, and still making new lows.

A loss a good model minimises has a floor near that model (0 for the squared error, a
cross-entropy or a pinball loss; -1 for a cosine similarity; a few units below 0 for a
Gaussian likelihood). One that keeps falling far past it is minimised by outputs running off
to infinity: the loss's sign is flipped (a user's own loss written `y_pred - y_true` and then
negated), or its targets lie outside the range it assumes (binary cross-entropy on labels
above 1). The optimiser obliges, the predictions grow without bound, and no training setting
changes where the minimum is: the loss (or the targets) must.

Pure: `RuleInput -> Finding | None` (detect/rule.py), on the smoothed step losses.
"""

from __future__ import annotations

import math

from autotrainer_keras.detect.rule import RuleInput
from autotrainer_keras.detect.signals import loss_scale
from autotrainer_keras.detect.text import num
from autotrainer_keras.problems import Finding, SetupProblem


def unbounded_loss_rule(x: RuleInput) -> Finding | None:
    """Fires when the smoothed training loss is below 0, at least ub_fall loss scales below the
    reference loss (`loss_scale` of it), and made a new low since the previous check."""
    sig, t, check = x.signals, x.thresholds, x.check
    if sig is None or not sig.current < 0:
        return None
    scale = loss_scale(sig.start)
    fall = (sig.start - sig.current) / scale
    if not (math.isfinite(fall) and fall >= t.ub_fall) or sig.floor > sig.minimum:
        return None
    return Finding(
        problem=SetupProblem.UNBOUNDED_LOSS,
        epoch=check.epoch,
        step=check.step,
        layer=None,
        evidence={
            "start_loss": sig.start,
            "current_loss": sig.current,
            "min_loss": sig.minimum,
            "loss_fall": fall,
        },
        thresholds={"ub_fall": t.ub_fall},
        reason=(
            f"The smoothed training loss has fallen to {num(sig.current)}, {num(fall)} loss "
            f"scales below where it started ({num(sig.start)}; >= {num(t.ub_fall)}), and it "
            "is still making new lows: a loss a good model minimises has a floor near it, "
            "this one is minimised by outputs running off to infinity. Its sign is flipped "
            "(a loss of your own negated), or the targets lie outside the range it assumes "
            "(labels above 1 for a binary cross-entropy). No training setting moves its "
            "minimum: fix the loss or the targets."
        ),
    )
