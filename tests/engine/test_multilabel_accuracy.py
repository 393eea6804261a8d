"""A multi-label model is scored by its per-label binary accuracy (practice batch 3,
`multilabel_f1`: the job added "accuracy", which Keras 3 resolves by shape alone to
categorical accuracy, and reported and judged val_accuracy 0.495 where val_binary_accuracy
was 0.82). Single-label binary and multiclass models keep Keras' "accuracy"."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import autotrainer_keras

pytestmark = pytest.mark.medium


def _multilabel(rows: int = 600, labels: int = 6) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(0)
    x = rng.normal(size=(rows, 12)).astype("float32")
    weights = rng.normal(size=(12, labels))
    y = (x @ weights + rng.normal(scale=0.5, size=(rows, labels)) > 0.8).astype("float32")
    assert not np.all(y.sum(axis=1) == 1)  # multi-hot: 0 to several labels a row
    return x, y


def _mlp(units: int, activation: str, loss: str, metrics: list):  # type: ignore[type-arg]  # noqa: ANN202
    import keras

    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input((12,)), keras.layers.Dense(16, activation="relu"),
                              keras.layers.Dense(units, activation=activation)])  # fmt: skip
    model.compile("adam", loss=loss, metrics=metrics)
    return model


def test_the_score_metric_is_binary_accuracy_on_multi_hot_targets_only() -> None:
    import keras

    from autotrainer_keras.engine.compiled import metric_name
    from autotrainer_keras.engine.setup import resolve_metrics, task_of
    from autotrainer_keras.measure.history import Task

    _, multi_hot = _multilabel()
    onehot = np.eye(6, dtype="float32")[np.arange(600) % 6]
    binary = (np.arange(600) % 2).astype("float32")
    auc = keras.metrics.AUC(multi_label=True)
    for compiled in ([], ["binary_accuracy", auc], ["accuracy", auc], ["acc"]):
        model = _mlp(6, "sigmoid", "binary_crossentropy", compiled)
        task = task_of("binary_crossentropy", multi_hot)
        assert task is Task.BINARY
        metrics = resolve_metrics(model, None, task, multi_hot)
        first = metrics[0]
        assert isinstance(first, dict) and first["class_name"] == "BinaryAccuracy", metrics
        assert metric_name(first) == ("acc" if compiled == ["acc"] else "accuracy")
        names = [metric_name(m) for m in metrics]
        assert len(names) == len(set(names)) and not {"accuracy", "acc"} <= set(names)
    # unchanged: Keras' "accuracy" for one label, for one-hot classes (also under a binary
    # loss, where per-label accuracy would be inflated), and mae for a regressor
    for units, activation, loss, y in (
        (1, "sigmoid", "binary_crossentropy", binary),
        (6, "softmax", "categorical_crossentropy", onehot),
        (6, "softmax", "binary_crossentropy", onehot),
    ):
        model = _mlp(units, activation, loss, ["accuracy"])
        assert resolve_metrics(model, None, task_of(loss, y), y)[0] == "accuracy"
    regressor = _mlp(1, "linear", "mse", [])
    assert resolve_metrics(regressor, None, Task.REGRESSION, binary * 3.5)[0] == "mae"
    # softmax + categorical cross-entropy on multi-hot rows (a fault): scored per label too,
    # so a candidate that repairs it to sigmoid + binary cross-entropy is compared alike
    softmax = _mlp(6, "softmax", "categorical_crossentropy", ["accuracy"])
    task = task_of("categorical_crossentropy", multi_hot)
    assert resolve_metrics(softmax, None, task, multi_hot)[0]["class_name"] == "BinaryAccuracy"


def test_a_multi_label_job_reports_and_judges_the_per_label_accuracy(tmp_path: Path) -> None:
    x, y = _multilabel()
    model = _mlp(6, "sigmoid", "binary_crossentropy", ["binary_accuracy"])
    result = autotrainer_keras.fit(
        model, x[:450], y[:450], validation_data=(x[450:], y[450:]), epochs=8, batch_size=32,
        repair=False, tracking=False, verbose=False, output_dir=tmp_path,
    )  # fmt: skip
    logs = result.model.evaluate(x[450:], y[450:], verbose=0, return_dict=True)
    reported = result.report["original"]["val_accuracy"]
    assert reported == pytest.approx(logs["binary_accuracy"], abs=1e-6), (reported, logs)
    import keras

    categorical = keras.metrics.CategoricalAccuracy()
    categorical.update_state(y[450:], result.model.predict(x[450:], verbose=0))
    assert abs(reported - float(categorical.result())) > 0.1  # what was reported before
