"""A regression output whose targets' scale makes its loss most of the total
(`detect.preflight.dominant_output`): named before training, and quiet when the dominance is
a loss weight the user chose on standardised targets."""

from __future__ import annotations

import numpy as np
import pytest

from autotrainer_keras.config import AutotrainerConfig
from autotrainer_keras.engine.output_checks import OutputChecks
from autotrainer_keras.io.data import Dataset
from autotrainer_keras.problems import SetupProblem

from .models import two_output_data, two_output_model

pytestmark = pytest.mark.medium

LOSSES = {"label": "sparse_categorical_crossentropy", "score": "mse"}


def findings(score: np.ndarray, weights: dict[str, float]) -> list:
    x, y = two_output_data()
    y = {"label": y["label"], "score": score.astype("float32")}
    model = two_output_model()
    checks = OutputChecks(AutotrainerConfig(), Dataset(x, y, x, y), model)
    return [f for f in checks.findings(model, LOSSES, weights)
            if f.problem is SetupProblem.UNSCALED_TARGET]  # fmt: skip


def test_a_target_in_pixels_beside_a_class_head_is_named_below_the_one_output_scale() -> None:
    """Mean 16, std ~6 (a box in pixels): under `target_scale` (50) for one output, but its
    MSE starts ~230x the class head's log 3 (weight 0.5: ~115x)."""
    _, y = two_output_data()
    (finding,) = findings(16.0 + 4.0 * y["score"], {"label": 1.0, "score": 0.5})
    assert finding.layer == "score" and finding.reason.startswith("output 'score': ")
    assert 100 <= finding.evidence["output_dominance"] < 200
    assert finding.evidence["outputs"] == 2.0


@pytest.mark.parametrize("weight", [1.0, 10.0, 500.0])
def test_standardised_targets_stay_quiet_whatever_weight_the_user_gave(weight: float) -> None:
    _, y = two_output_data()
    standardised = (y["score"] - y["score"].mean()) / y["score"].std()
    assert findings(standardised, {"label": 1.0, "score": weight}) == []


def test_moderate_targets_stay_quiet() -> None:
    """Mean 5 (~25 / log 3 = 23x): dominant, but under the bar."""
    _, y = two_output_data()
    assert findings(5.0 + y["score"], {"label": 1.0, "score": 1.0}) == []
