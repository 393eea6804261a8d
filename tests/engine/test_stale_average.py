"""An optimizer's moving average of the weights that cannot follow the training in its
budget (`use_ema` with `ema_momentum` 0.9999 over a few hundred steps, practice batch 19):
the pre-flight reading `stale_average`, its repair `ema_default`, and the job on it (each
training gets its own `SwapEMAWeights`; a candidate without an average none, Keras would
raise in it)."""

from __future__ import annotations

from pathlib import Path

import keras
import numpy as np
import pytest
from sklearn.datasets import load_digits

import autotrainer_keras
from autotrainer_keras.config import AutotrainerConfig, TrainingConfig
from autotrainer_keras.engine.setup_check import SetupCheck
from autotrainer_keras.errors import ModelSpecError
from autotrainer_keras.io.data import Dataset
from autotrainer_keras.problems import SetupProblem
from autotrainer_keras.repair import keras_spec
from autotrainer_keras.repair.operators import get_operator
from autotrainer_keras.repair.plans import plan_for

L = keras.layers


def digits() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    x, y = load_digits(return_X_y=True)
    x = (x / 16.0).astype("float32")
    return x[:1200], y[:1200], x[1200:], y[1200:]


def ema_model(seed: int, momentum: float | None) -> keras.Model:
    keras.utils.set_random_seed(seed)
    model = keras.Sequential([keras.Input((64,)), L.Dense(64, activation="relu"),
                              L.Dense(10, activation="softmax")])  # fmt: skip
    ema = {} if momentum is None else {"use_ema": True, "ema_momentum": momentum}
    model.compile(keras.optimizers.AdamW(1e-3, **ema), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return model


def _spec(model: keras.Model, epochs: int = 15):
    return keras_spec.spec_from_model(
        model, TrainingConfig(epochs=epochs, batch_size=32),
        loss="sparse_categorical_crossentropy", metrics=["accuracy"], seed=0,
    )  # fmt: skip


def _stale(model: keras.Model, epochs: int = 15) -> list:
    x, y, xv, yv = digits()
    check = SetupCheck(AutotrainerConfig(), Dataset(x, y, xv, yv), (None, 10))
    return [f for f in check.check(model, _spec(model, epochs))
            if f.problem is SetupProblem.STALE_AVERAGE]  # fmt: skip


def test_an_average_for_a_far_longer_run_is_named_and_a_fitting_one_is_not() -> None:
    found = _stale(ema_model(0, 0.9999))  # 15 x 38 steps: 0.9999 ** 570 = 0.94
    assert len(found) == 1 and found[0].evidence["ema_initial_share"] > 0.9
    assert "0.99" in found[0].reason
    assert _stale(ema_model(0, 0.99)) == []  # 0.99 ** 570 = 0.003
    assert _stale(ema_model(0, None)) == []
    assert _stale(ema_model(0, 0.999), epochs=200) == []  # 0.999 ** 7600: long enough
    assert plan_for(SetupProblem.STALE_AVERAGE, "default") == [("ema_default", 1)]


def test_ema_default_sets_keras_momentum_or_switches_a_short_average_off() -> None:
    operator = get_operator("ema_default")
    rng = np.random.default_rng(0)
    new, params = operator.apply(_spec(ema_model(0, 0.9999)), 0, rng)
    assert new.optimizer["use_ema"] and new.optimizer["ema_momentum"] == 0.99
    assert params == {"from": 0.9999, "ema_momentum": 0.99}
    off, _ = operator.apply(_spec(ema_model(0, 0.98)), 0, rng)
    assert "use_ema" not in off.optimizer and "ema_momentum" not in off.optimizer
    assert not keras_spec.make_optimizer(off.optimizer).use_ema
    with pytest.raises(ModelSpecError):
        operator.apply(_spec(ema_model(0, None)), 0, rng)


@pytest.mark.medium
def test_the_job_repairs_a_stale_average_read_by_swap_ema_weights(tmp_path: Path) -> None:
    x, y, xv, yv = digits()
    result = autotrainer_keras.fit(
        ema_model(0, 0.9999), x, y, validation_data=(xv, yv), epochs=15, batch_size=32,
        callbacks=[keras.callbacks.SwapEMAWeights(swap_on_epoch=True)],
        output_dir=tmp_path, tracking=False, verbose=False,
    )  # fmt: skip
    report = result.report
    assert "stale_average" in [d["problem"] for d in report["detections"]]
    assert report["status"] == "repaired", report["repairs"]
    # the suspicion's fix first; it trains with a new SwapEMAWeights of its own (the caller's
    # instance, left swapped by the original, once put the new optimizer's slots in the model)
    assert report["final"]["solutions"] == ["ema_default"]
    assert report["final"]["val_accuracy"] > 0.85
    assert report["original"]["best_val_accuracy"] < 0.5  # validation read the average
    evaluated = result.model.evaluate(xv, yv, verbose=0, return_dict=True)["accuracy"]
    assert evaluated > 0.85  # the model handed over, the average written into it by fit


@pytest.mark.parametrize(("momentum", "named"), [(0.9999, True), (0.99, False)])
def test_watch_names_it_before_the_first_step_from_the_fit_budget(momentum: float,
                                                                   named: bool) -> None:
    x, y, xv, yv = digits()
    watch = autotrainer_keras.keras.Watch(probe_data=(x, y), on_problem="warn", verbose=0)
    model = ema_model(0, momentum)
    model.fit(x, y, validation_data=(xv, yv), epochs=4, batch_size=32, verbose=0,
              callbacks=[watch])  # fmt: skip
    stale = [f for f in watch.findings if f.problem is SetupProblem.STALE_AVERAGE]
    assert len(stale) == int(named)  # 0.9999 ** 152 = 0.985; 0.99 ** 152 = 0.22
    if named:
        assert stale[0].epoch == 0 and stale[0].step == 0
