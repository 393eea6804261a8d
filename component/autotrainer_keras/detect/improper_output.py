"""Improper output activation or loss, seen in training (AutoTrainer 2024 extension): the
output gives every input the same value although its inputs vary, or sigmoid/softmax outputs
are pinned at 0 or 1 while the model has learned nothing.

Pure: `RuleInput -> Finding | None` (detect/rule.py), on the probe batch's statistics.
"""

from __future__ import annotations

from autotrainer_keras.detect.rule import RuleInput
from autotrainer_keras.detect.text import num
from autotrainer_keras.measure.history import Task
from autotrainer_keras.problems import Finding, SetupProblem

HIDDEN_VARIES = 1e3
"""The last hidden layer varies by at least this x `io_constant` for a constant output to be
the output layer's doing (else the hidden layers are the cause: dead or vanishing units)."""


def improper_output_rule(x: RuleInput) -> Finding | None:
    """Fires when (a) every output unit varies by at most io_constant over the probe batch
    while the last hidden layer varies by at least HIDDEN_VARIES x that, or (b) at least
    io_saturated of the sigmoid/softmax outputs sit at 0 or 1 while progress is below
    sc_progress (confidently wrong)."""
    check, sig, t = x.check, x.signals, x.thresholds
    out = check.output
    if out is None:
        return None
    last_hidden = check.activations[-1].range if check.activations else 0.0
    constant = out.range <= t.io_constant and last_hidden >= HIDDEN_VARIES * t.io_constant
    saturated = (
        out.saturated_fraction is not None
        and out.saturated_fraction >= t.io_saturated
        and sig is not None
        and sig.progress < t.sc_progress
    )
    if not (constant or saturated):
        return None
    evidence = {"output_range": out.range, "hidden_range": last_hidden}
    if out.saturated_fraction is not None:
        evidence["saturated_fraction"] = out.saturated_fraction
    if sig is not None:
        evidence["progress"] = sig.progress
    if constant:
        what = (f"the {out.activation} output gives every probe sample the same value (range "
                f"{num(out.range)} <= {num(t.io_constant)}) although the last hidden layer "
                f"varies by {num(last_hidden)}")  # fmt: skip
    else:
        assert sig is not None and out.saturated_fraction is not None
        what = (f"{out.saturated_fraction:.0%} of the {out.activation} outputs are pinned at 0 "
                f"or 1 (>= {num(t.io_saturated)}) while the loss has made progress "
                f"{num(sig.progress)} (< {num(t.sc_progress)})")  # fmt: skip
    return Finding(
        problem=SetupProblem.IMPROPER_OUTPUT,
        epoch=check.epoch,
        step=check.step,
        layer=None,
        evidence=evidence,
        thresholds={
            "io_constant": t.io_constant,
            "io_saturated": t.io_saturated,
            "sc_progress": t.sc_progress,
        },  # fmt: skip
        reason=f"In training, {what}: {_cause(x, constant)}",
    )


def _cause(x: RuleInput, constant: bool) -> str:
    """What pinned the outputs: the output activation and loss, or, when they fit the task
    (a sigmoid for a binary loss, a softmax for a multi-class one), the scale of the
    pre-activations feeding them."""
    out, task = x.check.output, x.history.task
    assert out is not None
    fits = (task is Task.BINARY and out.activation == "sigmoid") or (
        task is Task.MULTICLASS and out.activation == "softmax"
    )
    if constant or not fits:
        return "the output activation does not fit the loss and labels."
    hidden = x.check.activations[-1].range if x.check.activations else None
    spread = "" if hidden is None else f" (the last hidden layer spans {num(hidden)})"
    return (
        f"the {out.activation} output fits the {task.value} loss, so its inputs are off "
        f"scale{spread}: weights initialised at a large fixed scale, or a step too large, "
        "drove the pre-activations to extremes."
    )
