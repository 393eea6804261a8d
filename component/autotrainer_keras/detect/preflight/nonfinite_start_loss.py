"""A loss that is NaN or Inf at the initial weights on rows of finite data: the output leaves
the loss's domain (a hand-written Poisson NLL on a ReLU rate that is exactly 0, a Gaussian
NLL's variance form on a linear head: practice batch 21). Every batch holding such a row has
a NaN loss from the first step, which reads as exploding gradients in training although no
step was taken; no step size, optimizer or initialisation changes the domain. Measured
(`measure.start_loss`), not read off the loss's code. Any such row fires: one NaN row makes
its batch's mean loss, and the step's gradients, NaN.
"""

from __future__ import annotations

from autotrainer_keras.config.preflight import PreflightThresholds
from autotrainer_keras.detect.preflight.base import setup_finding
from autotrainer_keras.detect.text import num
from autotrainer_keras.measure.setup_facts import SetupFacts
from autotrainer_keras.problems import Finding, SetupProblem


def nonfinite_start_loss(facts: SetupFacts, t: PreflightThresholds) -> Finding | None:
    """Fires when the loss of some of the first training rows (finite inputs, targets and
    predictions) is NaN or Inf at the initial weights."""
    m = facts.model
    start = m.start_loss
    if start is None or start.nonfinite == 0:
        return None
    own = "your loss" if m.own_loss else f"the {m.loss} loss"
    return setup_finding(
        SetupProblem.OUTPUT_LOSS_MISMATCH,
        f"at the initial weights {own} is NaN or Inf on {start.nonfinite} of the first "
        f"{start.rows} training rows although their inputs and targets are finite (the "
        f"output '{m.output_layer}', {m.output_activation}, spans {num(start.output_min)} to "
        f"{num(start.output_max)} there): the output leaves the loss's domain (a log of 0 or "
        "of a negative value, a division by 0), so every batch holding such a row has a NaN "
        "loss and gradient from the first step; give the output an activation that keeps it "
        "inside the domain (softplus or exp for a rate or a variance) or write the loss on "
        "the output's scale (a log-variance, a small epsilon)",
        {
            "nonfinite_rows": float(start.nonfinite),
            "rows": float(start.rows),
            "output_min": start.output_min,
            "output_max": start.output_max,
        },
        layer=m.output_layer,
    )
