"""Sample weights that leave nothing to learn, or push the model away from the labels."""

from __future__ import annotations

from autotrainer_keras.config.preflight import PreflightThresholds
from autotrainer_keras.detect.preflight.base import setup_finding
from autotrainer_keras.measure.setup_facts import SetupFacts
from autotrainer_keras.problems import Finding, SetupProblem


def sample_weights(facts: SetupFacts, t: PreflightThresholds) -> Finding | None:
    """Fires when every training sample weight is 0 (an integer division such as
    `row // n`, a mask of the wrong rows): every row's loss is multiplied by 0, so the loss
    is 0 whatever the model predicts and no gradient reaches it; or when some weights are
    negative: those rows' losses are maximised, the model is trained away from their labels."""
    d = facts.data
    if not d.weight_rows:
        return None
    evidence = {"weight_rows": float(d.weight_rows), "zero_weights": float(d.zero_weights),
                "negative_weights": float(d.negative_weights)}  # fmt: skip
    if d.zero_weights == d.weight_rows:
        return setup_finding(
            SetupProblem.SAMPLE_WEIGHTS,
            f"every one of the {d.weight_rows} training sample weights is 0: the loss is 0 "
            "whatever the model predicts, so nothing is learned; fix the weights (an integer "
            "division, a mask of the wrong rows)",
            evidence,
        )
    if d.negative_weights:
        return setup_finding(
            SetupProblem.SAMPLE_WEIGHTS,
            f"{d.negative_weights} of the {d.weight_rows} training sample weights are "
            "negative: those rows' losses are maximised, training pushes the model away from "
            "their labels; sample weights must be 0 or more",
            evidence,
        )
    return None
