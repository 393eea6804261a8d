"""A loss going nowhere because of the task set-up, not the optimizer's pace: the predictions
collapsed to (nearly) one constant, the loss sits at the constant predictor's and will not
move within the budget, while the optimizer's steps are of a healthy size.

Slow convergence is the other reading of a flat loss; it is ruled out here by the steps
(healthy update ratio, no vanishing gradient ratio) and the collapse of the predictions.
Pure: `RuleInput -> Finding | None` (detect/rule.py).
"""

from __future__ import annotations

from collections.abc import Sequence

from autotrainer_keras.detect.gradients import gradient_summary, median_update_ratio
from autotrainer_keras.detect.rule import RuleInput
from autotrainer_keras.detect.text import num
from autotrainer_keras.measure.history import CheckRecord, OutputStats
from autotrainer_keras.problems import Finding, SetupProblem


def two_epochs_before(checks: Sequence[CheckRecord], check: CheckRecord) -> OutputStats | None:
    """The output statistics of the last check two epochs or more before `check`, or None."""
    earlier = [c.output for c in checks if c.epoch <= check.epoch - 2 and c.output is not None]
    return earlier[-1] if earlier else None


def spread_growth(checks: Sequence[CheckRecord], check: CheckRecord) -> float | None:
    """How many times the predictions' spread over the probe batch grew since the last check
    two epochs or more before `check`; None without such a check or a spread to compare."""
    earlier = two_epochs_before(checks, check)
    if check.output is None or earlier is None or earlier.spread_ratio <= 0:
        return None
    return check.output.spread_ratio / earlier.spread_ratio


def setup_stall_rule(x: RuleInput) -> Finding | None:
    """Fires after sc_patient_budget of the budget when progress < sc_progress, the
    predictions' spread over the probe batch is below stall_collapse x the labels' spread
    and they do not order the inputs like the labels (correlation below stall_correlation:
    a slow start's tiny predictions already do, and grow), nor spread out of a plateau
    (grew stall_spread_growth x or more over two epochs), the median update ratio is at
    least sc_small_update and the gradient ratio is not below beta_1. The loss's pace is
    not asked: with collapsed predictions a loss still falling falls towards the constant
    predictor's loss, which it cannot beat."""
    history, check, sig, t = x.history, x.check, x.signals, x.thresholds
    out = check.output
    if sig is None or out is None:
        return None
    if sig.epochs_trained < t.sc_patient_budget * history.epochs_budget:
        return None
    if sig.progress >= t.sc_progress:
        return None
    if out.spread_ratio >= t.stall_collapse:
        return None
    if out.label_correlation is not None and out.label_correlation >= t.stall_correlation:
        return None  # small but ordered like the labels: learning slowly, not a set-up fault
    growth = spread_growth(history.checks, check)
    if growth is not None and growth >= t.stall_spread_growth:
        return None  # spreading out of a plateau: symmetry breaking, not a collapse
    update = median_update_ratio(check)
    if update is None or update < t.sc_small_update:
        return None  # steps too small: slow convergence's reading
    grads = gradient_summary(check)
    if grads is not None and grads.ratio < t.beta_1:
        return None  # vanishing gradients' reading
    return Finding(
        problem=SetupProblem.SETUP_STALL,
        epoch=check.epoch,
        step=check.step,
        layer=None,
        evidence={
            **sig.evidence(),
            "spread_ratio": out.spread_ratio,
            **({} if out.label_correlation is None
               else {"label_correlation": out.label_correlation}),
            **({} if growth is None else {"spread_growth": growth}),
            "median_update_ratio": update,
        },  # fmt: skip
        thresholds={
            "sc_progress": t.sc_progress,
            "stall_collapse": t.stall_collapse,
            "stall_correlation": t.stall_correlation,
            "stall_spread_growth": t.stall_spread_growth,
            "sc_small_update": t.sc_small_update,
            "beta_1": t.beta_1,
            "sc_patient_budget": t.sc_patient_budget,
        },  # fmt: skip
        reason=(
            f"After {num(sig.epochs_trained)} epochs the predictions barely differ between "
            f"inputs (spread {num(out.spread_ratio)} of the labels', < {num(t.stall_collapse)}) "
            + ("" if out.label_correlation is None else
               f"nor follow the labels (correlation {num(out.label_correlation)} < "
               f"{num(t.stall_correlation)}) ")
            + f"and the loss is no better than the constant predictor's (progress "
            f"{num(sig.progress)} < {num(t.sc_progress)}) although the optimizer's "
            f"steps are healthy (median update ratio {num(update)}): the inputs, labels or "
            "output/loss give it nothing to learn, a slower or faster pace would not help."
        ),
    )
