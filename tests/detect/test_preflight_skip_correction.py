"""Pre-flight `bounded_skip_correction`: a residual output (x + f, x - f) whose correction f
ends in an activation that cannot reach what the targets need, and `output_pair` making that
correction linear (fast: facts from a built model, no training)."""

from __future__ import annotations

import keras
import numpy as np
import pytest

from autotrainer_keras.config import TrainingConfig
from autotrainer_keras.config.preflight import PreflightThresholds
from autotrainer_keras.detect.preflight.bounded_regression_head import bounded_skip_correction
from autotrainer_keras.io.data import Dataset
from autotrainer_keras.measure.output_end import skip_correction
from autotrainer_keras.measure.setup_facts import SetupFacts, data_facts, model_facts
from autotrainer_keras.problems import SetupProblem
from autotrainer_keras.repair import keras_spec
from autotrainer_keras.repair.operators import get_operator

T = PreflightThresholds()
RNG = np.random.default_rng(0)
CLEAN = RNG.uniform(0.2, 0.8, size=(400, 8)).astype("float32")
NOISE = (0.1 * RNG.standard_normal((400, 8))).astype("float32")


def residual(head: str | None, join: str = "subtract", act_layer: bool = False) -> keras.Model:
    """`x - f(x)` (or `x + f(x)`): f a Dense correction ending in `head`, given as the
    Dense's activation or as an Activation layer after it."""
    inputs = keras.Input((8,))
    hidden = keras.layers.Dense(16, activation="relu")(inputs)
    if act_layer:
        correction = keras.layers.Activation(head)(keras.layers.Dense(8, name="noise")(hidden))
    else:
        correction = keras.layers.Dense(8, activation=head, name="noise")(hidden)
    joined = (keras.layers.Subtract()([inputs, correction]) if join == "subtract"
              else keras.layers.Add()([inputs, correction]))  # fmt: skip
    return keras.Model(inputs, joined)


def judged(model: keras.Model, x: np.ndarray, y: np.ndarray):
    facts = model_facts(model, loss="mse", optimizer="adam", learning_rate=1e-3,
                        default_learning_rate=1e-3, epochs=10, batch_size=32)  # fmt: skip
    return bounded_skip_correction(SetupFacts(facts, data_facts(Dataset(x, y, x, y))), T)


@pytest.mark.parametrize("head", ["relu", "sigmoid", "softplus"])
@pytest.mark.parametrize("act_layer", [False, True])
def test_a_one_signed_noise_head_taken_away_from_noisy_inputs_fires(head: str,
                                                                    act_layer: bool) -> None:
    """Practice batch 84's denoisers: noise of both signs, a head that removes one sign."""
    finding = judged(residual(head, act_layer=act_layer), CLEAN + NOISE, CLEAN)
    assert finding is not None and finding.problem is SetupProblem.OUTPUT_LOSS_MISMATCH
    assert finding.layer == "noise" and finding.evidence["outside_share"] >= 0.4
    assert "takes away" in finding.reason


@pytest.mark.parametrize("head", [None, "tanh"])
def test_a_correction_that_reaches_both_signs_stays_quiet(head: str | None) -> None:
    assert judged(residual(head), CLEAN + NOISE, CLEAN) is None


def test_a_one_signed_correction_of_the_right_sign_stays_quiet() -> None:
    """Targets never below the inputs (a brightening): `x + relu(f)` reaches them all."""
    gain = np.abs(NOISE)
    assert judged(residual("relu", join="add"), CLEAN, CLEAN + gain) is None
    assert judged(residual("relu", join="subtract"), CLEAN, CLEAN + gain) is not None


def test_a_correction_too_small_to_matter_and_a_plain_output_stay_quiet() -> None:
    tiny = np.abs(NOISE) * 1e-3
    assert judged(residual("relu"), CLEAN + tiny, CLEAN - tiny) is None
    plain = keras.Sequential([keras.Input((8,)), keras.layers.Dense(8, activation="relu")])
    assert skip_correction(plain) is None
    assert judged(plain, CLEAN + NOISE, CLEAN) is None


def test_the_input_taken_from_the_correction_is_not_read() -> None:
    """`f - x` is no correction added to the input: unread."""
    inputs = keras.Input((8,))
    f = keras.layers.Dense(8, activation="relu")(inputs)
    assert skip_correction(keras.Model(inputs, keras.layers.Subtract()([f, inputs]))) is None


@pytest.mark.parametrize("act_layer", [False, True])
def test_output_pair_makes_the_correction_linear(act_layer: bool) -> None:
    model = residual("relu", act_layer=act_layer)
    model.compile(keras.optimizers.Adam())
    spec = keras_spec.spec_from_model(model, TrainingConfig(), loss="mse", metrics=["mae"],
                                      seed=0)  # fmt: skip
    facts = data_facts(Dataset(CLEAN + NOISE, CLEAN, CLEAN + NOISE, CLEAN))
    new, params = get_operator("output_pair", facts=facts).apply(spec, 0,
                                                                 np.random.default_rng(0))
    assert params["layer"] == "noise" and new.loss == "mse"
    built = keras_spec.build_model(new)
    assert built.get_layer("noise").get_config()["activation"] == "linear"
    assert skip_correction(built) == ("noise", "linear", -1)
    assert judged(built, CLEAN + NOISE, CLEAN) is None
