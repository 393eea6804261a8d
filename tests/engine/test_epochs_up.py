"""`epochs_up`: a budget of one or two epochs with too few steps gets enough epochs (practice
batch 20's K-fold refit for the `np.argmin` "best epoch": one epoch of 16 steps). Fast: the
operator and the plan; medium: the job, two seeds (the one-epoch digits MLP under SGD at
batch 128 ends at 0.21-0.34 validation accuracy on seeds 0-2, the raised budget 0.90-0.92)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from autotrainer_keras.errors import ModelSpecError
from autotrainer_keras.io.data import Dataset
from autotrainer_keras.measure.setup_facts import DataFacts, data_facts
from autotrainer_keras.problems import Finding, SetupProblem
from autotrainer_keras.repair.operators import attempt_rng, get_operator
from autotrainer_keras.repair.plans import plan_for
from autotrainer_keras.repair.spec import TrainingSpec


def _spec() -> TrainingSpec:
    import keras

    model = keras.Sequential([keras.Input((2,)), keras.layers.Dense(3, activation="softmax")])
    return TrainingSpec(model=keras.saving.serialize_keras_object(model),
                        optimizer={"name": "adam", "learning_rate": 1e-3},
                        loss="sparse_categorical_crossentropy", epochs=1,
                        batch_size=128)  # fmt: skip


SPEC = _spec()


def _facts(rows: int) -> DataFacts:
    x = np.zeros((rows, 2), "float32")
    y = np.arange(rows) % 3
    return data_facts(Dataset(x, y, x[:10], y[:10]))


def _apply(spec: TrainingSpec, rows: int) -> tuple[TrainingSpec, dict]:
    operator = get_operator("epochs_up", "default", _facts(rows))
    return operator.apply(spec, 0, attempt_rng(0, "epochs_up", 0))


def test_one_epoch_of_few_steps_gets_the_epochs_that_reach_the_target() -> None:
    new, params = _apply(SPEC, 2000)  # 16 steps an epoch: 500 steps would be 32 epochs
    assert new.epochs == 20 and params == {"epochs": 1, "new_epochs": 20, "steps": 320}
    new, params = _apply(SPEC.evolve(epochs=2), 10_000)  # 79 steps an epoch
    assert new.epochs == 7 and params["steps"] == 553


@pytest.mark.parametrize(("epochs", "rows"), [(3, 200), (20, 128), (1, 64_000)])
def test_more_epochs_or_enough_steps_are_left_to_batch(epochs: int, rows: int) -> None:
    with pytest.raises(ModelSpecError, match="epochs_up"):
        _apply(SPEC.evolve(epochs=epochs), rows)


def test_the_small_budget_plan_raises_the_epochs_before_the_batch() -> None:
    budget = Finding(SetupProblem.SMALL_BUDGET, 0, 0, None, {"steps": 16.0}, {}, "few steps")
    assert plan_for(SetupProblem.SMALL_BUDGET, "default", budget) == [
        ("accumulation_off", 1),  # applies only under gradient accumulation
        ("epochs_up", 1),
        ("batch", 1),
    ]


@pytest.mark.medium
@pytest.mark.parametrize("seed", [0, 1])
def test_the_job_trains_a_one_epoch_budget_long_enough(tmp_path: Path, seed: int) -> None:
    import keras
    from sklearn.datasets import load_digits

    import autotrainer_keras

    digits = load_digits()
    order = np.random.default_rng(seed).permutation(len(digits.target))
    x, y = (digits.data[order] / 16.0).astype("float32"), digits.target[order]
    keras.utils.set_random_seed(seed)
    model = keras.Sequential([keras.Input((64,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(10, activation="softmax")])  # fmt: skip
    model.compile(keras.optimizers.SGD(0.05), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    split = 1300
    result = autotrainer_keras.fit(
        model, x[:split], y[:split], validation_data=(x[split:], y[split:]), batch_size=128,
        epochs=1, output_dir=tmp_path / "out", tracking=False, verbose=False,
    )  # fmt: skip
    report = result.report
    assert [d["problem"] for d in report["detections"]] == ["small_budget"]
    assert result.status == "repaired" and report["final"]["solutions"] == ["epochs_up"]
    assert report["final"]["val_accuracy"] > 0.8 > 0.5 > report["original"]["val_accuracy"]
