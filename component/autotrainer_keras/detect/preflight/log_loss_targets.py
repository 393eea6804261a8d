"""Targets below 0 under the mean squared logarithmic error: Keras reads log(1 + y) with the
targets clipped at 0, so every negative target reads as 0 and the model learns to predict
0 wherever the truth lies below it (practice batch 15's `msle_standardised_target`: a
standardised target, half of it negative; validation MAE 0.233 against 0.145 under mse)."""

from __future__ import annotations

from autotrainer_keras.config.preflight import PreflightThresholds
from autotrainer_keras.detect.preflight.base import setup_finding
from autotrainer_keras.detect.text import num
from autotrainer_keras.measure.setup_facts import SetupFacts
from autotrainer_keras.problems import Finding, SetupProblem

LOG_LOSSES = frozenset({"mean_squared_logarithmic_error", "msle"})


def log_loss_targets(facts: SetupFacts, t: PreflightThresholds) -> Finding | None:
    """Fires when a log loss trains continuous targets of which a sizable part lies below 0
    (the minimum below 0, and the mean less than one standard deviation above 0: centred or
    standardised targets; a few negative outliers among positive amounts are not judged)."""
    d, m = facts.data, facts.model
    if m.loss not in LOG_LOSSES or d.label_kind != "continuous" or d.y_min >= 0:
        return None
    mean = d.y_mean[0] if d.y_mean else 0.0
    spread = d.y_std[0] if d.y_std else 0.0
    if mean >= spread:
        return None
    return setup_finding(
        SetupProblem.OUTPUT_LOSS_MISMATCH,
        f"{m.loss} reads log(1 + target) with the targets clipped at 0, but they reach "
        f"{num(d.y_min)} (mean {num(mean)}, standard deviation {num(spread)}: centred or "
        "standardised): every negative target reads as 0, so the model learns 0 wherever the "
        "truth lies below it; use mse on standardised targets, or the log loss on the raw "
        "positive amounts",
        {"y_min": d.y_min, "y_mean": mean, "y_std": spread},
        layer=m.output_layer,
    )
