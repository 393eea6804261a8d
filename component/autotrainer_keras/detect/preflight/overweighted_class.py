"""Class or sample weights that turn a minority class into nearly all of the loss: the model
is pushed to predict that class everywhere (practice batch 10's `rare_weight_500`:
`class_weight={0: 1, 1: 500}` on 7 % positives, typed for the balanced 13, gave accuracy 0.19
against 0.90); or weights that leave a minority class next to none of the loss (inverted
weights)."""

from __future__ import annotations

from autotrainer_keras.config.preflight import PreflightThresholds
from autotrainer_keras.detect.preflight.base import setup_finding
from autotrainer_keras.measure.setup_facts import SetupFacts
from autotrainer_keras.problems import Finding, SetupProblem


def overweighted_class(facts: SetupFacts, t: PreflightThresholds) -> Finding | None:
    """Fires when the weights give one class at least `class_weight_share` of the training
    loss's total weight while it holds under half of that share of the rows (a majority
    class that carries most of the weight because it has most of the rows is not judged)."""
    heaviest = facts.data.heaviest_class
    if not heaviest:
        return None
    label, rows, share = heaviest
    balanced = 1.0 / max(2, facts.data.n_classes)
    if share < t.class_weight_share or rows >= share / 2:
        return _underweighted(facts, t, balanced)
    return setup_finding(
        SetupProblem.SAMPLE_WEIGHTS,
        f"the class or sample weights give class {label} {share:.0%} of the training loss's "
        f"weight, though it holds {rows:.0%} of the rows: the model is pushed to predict it "
        f"almost everywhere; balanced weights give each class {balanced:.0%} (weight "
        "n / (classes x count) per class)",
        {"class": float(label), "class_rows": rows, "class_weight_share": share,
         "threshold": t.class_weight_share},  # fmt: skip
    )


def _underweighted(facts: SetupFacts, t: PreflightThresholds, balanced: float) -> Finding | None:
    """Fires when the weights give a minority class (under half the rows) less than
    1 / `class_weight_under` of its share of the rows: the model is pushed never to predict
    it (weights inverted: the balancing ratio given to the majority class, held-out practice
    batch 33's `{0: n_neg / n_pos, 1: 1}` on 3.5 % positives, AUC 0.65 against 0.90)."""
    lightest = facts.data.lightest_class
    if not lightest:
        return None
    label, rows, share = lightest
    if rows >= 0.5 or share * t.class_weight_under > rows:
        return None
    return setup_finding(
        SetupProblem.SAMPLE_WEIGHTS,
        f"the class or sample weights give class {label} {share:.2%} of the training loss's "
        f"weight, though it holds {rows:.1%} of the rows ({rows / max(share, 1e-12):.3g} "
        "times less than with no weights): the model is pushed never to predict it (weights "
        f"inverted, the balancing ratio given to the other class?); balanced weights give "
        f"each class {balanced:.0%} (weight n / (classes x count) per class)",
        {"class": float(label), "class_rows": rows, "class_weight_share": share,
         "threshold": 1.0 / t.class_weight_under},  # fmt: skip
    )
