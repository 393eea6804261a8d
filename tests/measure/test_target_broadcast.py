"""Targets one axis short of a one-unit output under a loss of the user's own: the loss
broadcasts them to (batch, batch). Measured by the loss with the targets as given against
reshaped like the output (fast); named before training by `Watch` and by the job (medium),
quiet for Keras's own losses and for targets already shaped like the output."""

from __future__ import annotations

from pathlib import Path

import keras
import numpy as np
import pytest

import autotrainer_keras
from autotrainer_keras.keras import Watch
from autotrainer_keras.measure.target_broadcast import broadcast_gap

RNG = np.random.default_rng(0)
X = RNG.standard_normal((400, 5)).astype("float32")
Y = (X @ RNG.standard_normal(5) + 0.1 * RNG.standard_normal(400)).astype("float32")


@keras.saving.register_keras_serializable(package="tests")
class HandRmse(keras.losses.Loss):
    """An RMSE written by hand, as in the Stack Overflow questions: no reshape of y_true."""

    def call(self, y_true, y_pred):  # type: ignore[no-untyped-def]
        return keras.ops.sqrt(keras.ops.mean(keras.ops.square(y_pred - y_true)))


def _model(loss: object) -> keras.Model:
    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input((5,)), keras.layers.Dense(16, activation="relu"),
                              keras.layers.Dense(1)])  # fmt: skip
    model.compile("adam", loss)
    return model


def test_a_hand_written_loss_on_flat_targets_changes_when_they_are_reshaped() -> None:
    predictions = np.asarray(_model("mse")(X[:64]))
    assert broadcast_gap(HandRmse(), Y, predictions) > 0.01
    assert broadcast_gap(HandRmse(), Y.reshape(-1, 1), predictions) == 0.0  # same shape
    assert broadcast_gap(keras.losses.MeanSquaredError(), Y, predictions) == 0.0
    assert broadcast_gap(keras.losses.get("mae"), Y, predictions) == 0.0
    counts = RNG.poisson(2.0, 64).astype("float32")
    rates = np.asarray(keras.ops.exp(predictions))
    # compile wraps a function (Keras's poisson broadcasts when called raw) to equal ranks
    assert broadcast_gap(keras.losses.get("poisson"), counts, rates) == 0.0
    assert broadcast_gap(keras.losses.Poisson(), counts, rates) == 0.0
    three = np.asarray(keras.ops.softmax(RNG.standard_normal((64, 3)).astype("float32")))
    assert broadcast_gap(HandRmse(), Y, three) == 0.0  # not a one-unit output
    assert broadcast_gap("mse", Y, predictions) == 0.0  # a name is not called


@pytest.mark.medium
def test_watch_names_it_before_training_and_stays_quiet_once_reshaped() -> None:
    flat = Watch(probe_data=(X, Y), verbose=0)
    _model(HandRmse()).fit(X, Y, epochs=1, verbose=0, callbacks=[flat])
    assert [f.problem.value for f in flat.findings][:1] == ["target_broadcast"]
    assert flat.findings[0].step == 0 and "(n, 1)" in flat.findings[0].reason
    column = Watch(probe_data=(X, Y.reshape(-1, 1)), verbose=0)
    _model(HandRmse()).fit(X, Y.reshape(-1, 1), epochs=1, verbose=0, callbacks=[column])
    builtin = Watch(probe_data=(X, Y), verbose=0)
    _model("mse").fit(X, Y, epochs=1, verbose=0, callbacks=[builtin])
    counts = RNG.poisson(np.exp(0.3 * X[:, 0])).astype("float32")  # practice batch 4's shape
    poisson = Watch(probe_data=(X, counts), verbose=0)
    _model("poisson").fit(X, counts, epochs=1, verbose=0, callbacks=[poisson])
    assert not any(f.problem.value == "target_broadcast"
                   for f in [*column.findings, *builtin.findings, *poisson.findings])  # fmt: skip


@pytest.mark.medium
def test_the_job_names_it_before_training(tmp_path: Path) -> None:
    result = autotrainer_keras.fit(
        _model(HandRmse()), X[:300], Y[:300], validation_data=(X[300:], Y[300:]), epochs=2,
        batch_size=32, output_dir=tmp_path / "out", tracking=False, verbose=False,
    )  # fmt: skip
    problems = [d["problem"] for d in result.report["detections"]]
    assert problems[0] == "target_broadcast"
