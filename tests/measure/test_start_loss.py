"""A loss that is NaN or Inf at the initial weights on rows of finite data (the output leaves
the loss's domain). Measured row by row on the first training rows (fast); named before
training by `Watch` and by the job as an output/loss mismatch, repaired by `positive_output`
(medium); quiet for the same losses on outputs that stay in their domain, and for Keras's
own losses."""

from __future__ import annotations

from pathlib import Path

import keras
import numpy as np
import pytest
from keras import ops

import autotrainer_keras
from autotrainer_keras.keras import Watch
from autotrainer_keras.measure.start_loss import start_loss

RNG = np.random.default_rng(0)
X = RNG.standard_normal((400, 6)).astype("float32")
COUNTS = RNG.poisson(np.exp(0.4 * X[:, 0])).astype("float32")  # ~25 % zeros


def poisson_nll(y_true, rate):  # type: ignore[no-untyped-def]
    """The textbook Poisson NLL, as users write it: log(0) = -inf on a rate of exactly 0."""
    return rate - y_true * ops.log(rate)


def variance_nll(y_true, out):  # type: ignore[no-untyped-def]
    """A Gaussian NLL on (mean, variance): NaN where the variance column is negative."""
    mean, var = out[:, :1], out[:, 1:]
    return ops.mean(0.5 * ops.log(var) + 0.5 * ops.square(y_true - mean) / var, axis=-1)


def test_rows_outside_the_loss_domain_are_counted_and_finite_ones_are_not() -> None:
    y = np.array([0, 1, 0, 3, 2], np.float32)
    rate = np.array([[0.0], [0.5], [0.7], [0.0], [1.0]], np.float32)
    read = start_loss(poisson_nll, None, y, rate)
    assert read is not None and (read.rows, read.nonfinite) == (5, 2)  # 0 * -inf, 3 * -inf
    assert read.output_min == 0.0
    for keras_loss in ("poisson", "mse", keras.losses.Poisson(), keras.losses.Huber()):
        kept = start_loss(keras_loss, None, y, rate)  # Keras's poisson adds an epsilon
        assert kept is not None and kept.nonfinite == 0
    assert start_loss(poisson_nll, None, y, rate + 0.5).nonfinite == 0  # type: ignore[union-attr]
    pairs = np.array([[0.1, -1.0], [0.2, 0.5], [0.0, 2.0]], np.float32)
    read = start_loss(variance_nll, None, np.zeros((3, 1), np.float32), pairs)
    assert read is not None and read.nonfinite == 1


def test_rows_whose_data_or_predictions_are_not_finite_are_left_out() -> None:
    y = np.array([np.nan, 1.0, 2.0], np.float32)
    rate = np.array([[1.0], [np.inf], [1e30]], np.float32)  # NaN target, Inf, overflow
    assert start_loss(poisson_nll, None, y, rate) is None  # no row left to read
    x = np.array([[np.nan], [0.0], [0.0]], np.float32)  # the first row's input is NaN
    zero = np.zeros((3, 1), np.float32)
    read = start_loss(poisson_nll, x, np.ones(3, np.float32), zero)  # 0 - 1 * log(0) = inf
    assert read is not None and (read.rows, read.nonfinite) == (2, 2)
    assert start_loss(poisson_nll, None, np.array(["a"]), np.zeros((1, 1))) is None


def _rate_model(head: str) -> keras.Model:
    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input((6,)), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(1, activation=head)])  # fmt: skip
    model.compile(keras.optimizers.Adam(2e-3), loss=poisson_nll)
    return model


@pytest.mark.medium
def test_watch_names_a_relu_rate_before_training_and_not_a_softplus_one() -> None:
    relu = Watch(probe_data=(X, COUNTS), verbose=0)
    _rate_model("relu").fit(X, COUNTS, epochs=1, verbose=0, callbacks=[relu])
    first = relu.findings[0]
    assert (first.problem.value, first.step) == ("output_loss_mismatch", 0)
    assert first.evidence["nonfinite_rows"] >= 1 and "domain" in first.reason
    softplus = Watch(probe_data=(X, COUNTS), verbose=0)
    _rate_model("softplus").fit(X, COUNTS, epochs=1, verbose=0, callbacks=[softplus])
    assert not softplus.findings


@pytest.mark.medium
def test_the_job_names_it_before_training(tmp_path: Path) -> None:
    result = autotrainer_keras.fit(
        _rate_model("relu"), X[:300], COUNTS[:300], validation_data=(X[300:], COUNTS[300:]),
        epochs=2, batch_size=32, output_dir=tmp_path / "out", tracking=False, verbose=False,
    )  # fmt: skip
    problems = [d["problem"] for d in result.report["detections"]]
    assert problems[0] == "output_loss_mismatch"
    assert result.report["status"] == "repaired"  # a softplus rate: finite from the start
    assert result.report["final"]["solutions"] == ["positive_output"]


def test_positive_output_gives_the_head_a_softplus_and_keeps_the_loss_and_units() -> None:
    from autotrainer_keras.config import TrainingConfig
    from autotrainer_keras.errors import ModelSpecError
    from autotrainer_keras.repair import keras_spec
    from autotrainer_keras.repair.operators import get_operator
    from autotrainer_keras.repair.plans import plan_for

    def spec(model: keras.Model):  # type: ignore[no-untyped-def]
        return keras_spec.spec_from_model(model, TrainingConfig(), loss="mse", metrics=[], seed=0)

    operator = get_operator("positive_output")
    new, params = operator.apply(spec(_rate_model("relu")), 0, np.random.default_rng(0))
    last = keras_spec.build_model(new).layers[-1]
    assert (last.units, last.get_config()["activation"]) == (1, "softplus")
    assert params["from"] == "relu" and new.loss == "mse"  # the loss is kept
    with pytest.raises(ModelSpecError, match="already softplus"):
        operator.apply(spec(_rate_model("softplus")), 0, np.random.default_rng(0))
    inputs = keras.Input((6,))
    hidden = keras.layers.Dense(8, activation="tanh")(inputs)
    heads = [keras.layers.Dense(1, name=name)(hidden) for name in ("mean", "var")]
    two = keras.Model(inputs, keras.layers.Concatenate()(heads))
    two.compile("adam", loss=variance_nll)
    with pytest.raises(ModelSpecError):  # two heads: the loss must change, not one head
        operator.apply(spec(two), 0, np.random.default_rng(0))
    from autotrainer_keras.problems import Finding, SetupProblem

    measured = Finding(SetupProblem.OUTPUT_LOSS_MISMATCH, 0, 0, None, {"nonfinite_rows": 3.0})
    assert plan_for(SetupProblem.OUTPUT_LOSS_MISMATCH, "default", measured) == [
        ("positive_output", 1)
    ]
    assert plan_for(SetupProblem.OUTPUT_LOSS_MISMATCH, "default") == [("output_pair", 1)]


def test_nan_rows_are_a_finding_only_when_the_loss_is_nan_on_some() -> None:
    from autotrainer_keras.detect.preflight.nonfinite_data import nonfinite_data

    assert nonfinite_data(100, 10, 0, "targets") is None  # a loss that masks them
    assert nonfinite_data(100, 0, 0, "targets") is None
    found = nonfinite_data(100, 10, 10, "targets")
    assert found is not None and found.problem.value == "abnormal_data" and found.step == 0
    assert "10 of the 100 probe rows" in found.reason and "targets" in found.reason
