"""Scores read as probabilities behind a layer of the user's own: pre-flight
`probability_loss_head` reads the start loss's measured output range when the activation is
unknown, and `output_pair` then passes `from_logits=True` (fast: no training)."""

from __future__ import annotations

from dataclasses import replace

import keras
import numpy as np
import pytest

from autotrainer_keras.config import TrainingConfig
from autotrainer_keras.config.preflight import PreflightThresholds
from autotrainer_keras.detect.preflight.probability_loss_head import probability_loss_head
from autotrainer_keras.io.data import Dataset
from autotrainer_keras.measure.setup_facts import SetupFacts, data_facts, model_facts
from autotrainer_keras.measure.start_loss import StartLoss
from autotrainer_keras.problems import SetupProblem
from autotrainer_keras.repair import keras_spec
from autotrainer_keras.repair.operators import get_operator

T = PreflightThresholds()
RNG = np.random.default_rng(0)
X = RNG.standard_normal((64, 6)).astype("float32")
LABELS = RNG.integers(0, 6, 64)


@keras.saving.register_keras_serializable(package="tests")
class MaskPositions(keras.layers.Layer):
    """Practice batch 86's masking: invalid positions' scores set to `fill`."""

    def __init__(self, fill: float = -1e9, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self.fill = fill

    def call(self, scores, valid):
        return keras.ops.where(valid > 0, scores, self.fill)

    def get_config(self) -> dict[str, object]:
        return {**super().get_config(), "fill": self.fill}


def pointer() -> keras.Model:
    x = keras.Input((6,), name="x")
    valid = keras.Input((6,), name="valid")
    scores = keras.layers.Dense(6, name="scores")(keras.layers.Dense(8, activation="relu")(x))
    return keras.Model({"x": x, "valid": valid}, MaskPositions(name="masked")(scores, valid))


def judged(low: float, high: float, loss: str = "sparse_categorical_crossentropy",
           from_logits: bool | None = False):  # fmt: skip
    facts = model_facts(pointer(), loss=loss, optimizer="adam", learning_rate=1e-3,
                        default_learning_rate=1e-3, epochs=10, batch_size=32,
                        from_logits=from_logits)  # fmt: skip
    assert not facts.output_activation_known
    facts = replace(facts, start_loss=StartLoss(rows=16, nonfinite=0, output_min=low,
                                                output_max=high))  # fmt: skip
    return probability_loss_head(SetupFacts(facts, data_facts(Dataset(X, LABELS, X, LABELS))), T)


def test_scores_outside_zero_one_under_a_probability_loss_fire() -> None:
    finding = judged(-1e9, 2.3)
    assert finding is not None and finding.problem is SetupProblem.OUTPUT_LOSS_MISMATCH
    assert finding.layer == "masked" and "from_logits=True" in finding.reason


@pytest.mark.parametrize(("low", "high", "from_logits"), [
    (0.0, 1.0, False),  # probabilities already
    (-1e9, 2.3, True),  # read as logits
    (-1e9, 2.3, None),  # unknown loss object
])  # fmt: skip
def test_probabilities_or_a_loss_reading_logits_stay_quiet(low: float, high: float,
                                                           from_logits: bool | None) -> None:
    assert judged(low, high, from_logits=from_logits) is None


def test_unmeasured_outputs_stay_quiet() -> None:
    facts = model_facts(pointer(), loss="sparse_categorical_crossentropy", optimizer="adam",
                        learning_rate=1e-3, default_learning_rate=1e-3, epochs=10,
                        batch_size=32, from_logits=False)  # fmt: skip
    sheet = SetupFacts(facts, data_facts(Dataset(X, LABELS, X, LABELS)))
    assert probability_loss_head(sheet, T) is None


def test_output_pair_passes_from_logits_when_no_activation_can_be_set() -> None:
    model = pointer()
    model.compile(keras.optimizers.Adam())
    spec = keras_spec.spec_from_model(model, TrainingConfig(),
                                      loss="sparse_categorical_crossentropy",
                                      metrics=["accuracy"], seed=0)  # fmt: skip
    operator = get_operator("output_pair", facts=data_facts(Dataset(X, LABELS, X, LABELS)))
    new, params = operator.apply(spec, 0, np.random.default_rng(0))
    assert params["from_logits"] is True and new.loss == spec.loss
    assert new.loss_config["config"]["from_logits"] is True
    assert "from_logits=True" in operator.describe(params)
    built = keras_spec.build_model(new)
    assert built.loss.get_config()["from_logits"] is True
