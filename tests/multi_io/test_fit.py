"""Multi-input and multi-output models end to end through `autotrainer_keras.fit`, the CLI and
the `Watch` callback (medium: seeded tiny models, a few seconds each)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

import autotrainer_keras
from autotrainer_keras.measure.history import Task

from .models import two_input_data, two_input_model, two_output_data, two_output_model

pytestmark = pytest.mark.medium


def _sgd(rate: float) -> object:
    import keras

    return keras.optimizers.SGD(rate)


def _log_names(seen: set[str]) -> object:
    """A user callback that collects the log names Keras reports to it."""
    import keras

    return keras.callbacks.LambdaCallback(on_epoch_end=lambda _, logs: seen.update(logs or {}))


def test_two_inputs_one_output_trains_healthy_under_the_compiled_metric_name(
    tmp_path: Path,
) -> None:
    x, y = two_input_data()
    seen: set[str] = set()
    result = autotrainer_keras.fit(two_input_model(), x, y, epochs=6, validation_split=0.25,
                                   callbacks=[_log_names(seen)], tracking=False,
                                   output_dir=tmp_path / "out")  # fmt: skip
    assert result.status == "healthy", result.findings
    report = result.report
    assert report["task"] == "multiclass"
    assert report["original"]["val_accuracy"] > 0.7  # chance (majority class) is ~0.5
    assert "val_acc" in seen, "the metric keeps the name it was compiled under"


def test_one_input_two_outputs_keep_losses_weights_and_per_output_metrics(
    tmp_path: Path,
) -> None:
    x, y = two_output_data()
    seen: set[str] = set()
    result = autotrainer_keras.fit(two_output_model(), x, y, epochs=5, validation_split=0.25,
                                   callbacks=[_log_names(seen)], tracking=False,
                                   output_dir=tmp_path / "out")  # fmt: skip
    assert result.status == "healthy", result.findings
    assert result.report["task"] == Task.MULTI_OUTPUT.value
    compiled = result.model.get_compile_config()
    assert compiled["loss"]["label"]["config"]["from_logits"] is True
    assert compiled["loss_weights"] == {"label": 1.0, "score": 0.5}
    for name in ("val_label_accuracy", "val_score_mae", "val_label_loss", "val_loss"):
        assert name in seen, name
    final = (tmp_path / "out" / "final_config.yaml").read_text()
    assert "loss: null" in final  # model.keras carries the per-output losses


@pytest.mark.parametrize("seed", [0, 1])
def test_vanishing_gradient_on_a_two_output_model_is_detected(seed: int, tmp_path: Path) -> None:
    x, y = two_output_data(seed=seed)
    model = two_output_model(seed, activation="sigmoid", depth=8, optimizer=_sgd(0.01))
    result = autotrainer_keras.fit(model, x, y, epochs=10, validation_split=0.3, repair=False,
                                   tracking=False, output_dir=tmp_path / "out")  # fmt: skip
    assert [f.problem.value for f in result.findings][:1] == ["vanishing_gradient"]
    evidence = result.findings[0].evidence
    assert evidence  # measured on the probe gradients of the total (weighted) loss


def test_vanishing_gradient_on_a_two_output_model_is_repaired_keeping_from_logits(
    tmp_path: Path,
) -> None:
    x, y = two_output_data()
    model = two_output_model(activation="sigmoid", depth=8, optimizer=_sgd(0.01))
    result = autotrainer_keras.fit(model, x, y, epochs=10, validation_split=0.3,
                                   tracking=False, output_dir=tmp_path / "out")  # fmt: skip
    assert result.status == "repaired", result.report.get("repairs")
    original = result.report["original"]["val_loss"]
    final = result.report["repairs"][-1]
    assert final["outcome"] == "solved"
    assert final["val_loss"] < 0.6 * original  # a wide margin: ~0.81 vs ~2.27 here
    compiled = result.model.get_compile_config()
    assert compiled["loss"]["label"]["config"]["from_logits"] is True
    assert compiled["loss_weights"] == {"label": 1.0, "score": 0.5}


def test_the_cli_runs_named_npz_arrays(run_cli, tmp_path: Path) -> None:
    x, y = two_output_data()
    model = two_output_model(activation="sigmoid", depth=8, optimizer=_sgd(0.01))
    model.save(tmp_path / "model.keras")
    np.savez(tmp_path / "data.npz", x_train__features=x, y_train__label=y["label"],
             y_train__score=y["score"])  # fmt: skip
    before = (tmp_path / "model.keras").read_bytes()
    model_file, out = tmp_path / "model.keras", tmp_path / "out"
    outcome = run_cli(
        "detect", "--model", model_file, "--data", tmp_path / "data.npz", "-o", out, "--no-tracking"
    )
    assert outcome.code == 0, outcome.err
    report = json.loads((tmp_path / "out" / "report.json").read_text())
    assert report["task"] == "multi_output" and report["original"]["epochs_run"] >= 1
    assert (tmp_path / "model.keras").read_bytes() == before
    np.savez(tmp_path / "bad.npz", x_train__features=x, y_train__label=y["label"])
    outcome = run_cli(
        "detect", "--model", model_file, "--data", tmp_path / "bad.npz", "-o", out, "--no-tracking"
    )
    assert outcome.code == 2
    assert "y_train__<output name>" in outcome.err and "['label', 'score']" in outcome.err


def test_watch_on_a_two_output_model_finds_the_vanishing_gradient() -> None:
    x, y = two_output_data()
    model = two_output_model(activation="sigmoid", depth=8, optimizer=_sgd(0.01))
    watch = autotrainer_keras.keras.Watch(probe_data=(x, y), on_problem="warn", verbose=0)
    model.fit(x, y, epochs=16, validation_split=0.3, callbacks=[watch], verbose=0)  # VG: epoch 8
    assert watch.history is not None and watch.history.task is Task.MULTI_OUTPUT
    assert watch.history.baseline_loss is not None
    found = [f.problem.value for f in watch.findings]
    # Worse than the constant predictor with tiny steps from epoch 3 (slow convergence) while
    # the probe's gradient ratio is still 1-2.5e-3, just above beta_1; vanishing by epoch 8
    assert found[0] in ("slow_convergence", "vanishing_gradient") and "vanishing_gradient" in found


def test_soft_targets_of_a_denoising_autoencoder_train_under_binary_crossentropy(
    tmp_path: Path,
) -> None:
    import keras

    rng = np.random.default_rng(0)
    clean = (rng.random((400, 16)) < 0.3) * rng.random((400, 16))  # soft pixels in [0, 1]
    noisy = np.clip(clean + rng.normal(0, 0.1, clean.shape), 0, 1).astype("float32")
    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input((16,)), keras.layers.Dense(8, activation="relu"),
                              keras.layers.Dense(16, activation="sigmoid")])  # fmt: skip
    model.compile("adam", loss="binary_crossentropy")
    result = autotrainer_keras.fit(
        model, noisy, clean.astype("float32"), epochs=2, repair=False, tracking=False,
        output_dir=tmp_path / "out",
    )
    assert result.report["task"] == "regression"  # scored by the loss: no accuracy on soft targets
    assert result.report["original"]["epochs_run"] >= 1


def test_one_hot_labels_along_a_sequence_output_train(tmp_path: Path) -> None:
    import keras

    rng = np.random.default_rng(0)
    steps, classes = 5, 4
    source = rng.integers(0, classes, (300, steps))
    x = np.eye(classes, dtype="float32")[source]
    y = np.eye(classes, dtype="float32")[source[:, ::-1]]  # (rows, time, classes)
    keras.utils.set_random_seed(0)
    inputs = keras.Input((steps, classes))
    hidden = keras.layers.LSTM(8, return_sequences=True)(inputs)
    model = keras.Model(inputs, keras.layers.Dense(classes, activation="softmax")(hidden))
    model.compile("adam", loss="categorical_crossentropy", metrics=["accuracy"])
    result = autotrainer_keras.fit(model, x, y, epochs=2, repair=False, tracking=False,
                                   output_dir=tmp_path / "out")  # fmt: skip
    assert result.report["task"] == "multiclass"
    assert result.report["original"]["val_accuracy"] is not None


def test_watch_measures_a_two_input_model_fed_by_name() -> None:
    x, y = two_input_data()
    model = two_input_model()
    watch = autotrainer_keras.keras.Watch(probe_data=(x, y), verbose=0)
    model.fit(x, y, epochs=3, validation_split=0.25, callbacks=[watch], verbose=0)
    assert watch.history is not None and watch.history.checks
    layers = {s.layer: s for s in watch.history.checks[-1].layers}
    assert {"a_dense", "b_dense", "trunk", "out"} <= set(layers)
    assert all(s.grad_norm > 0 for s in layers.values())  # probe gradients through both inputs
    assert layers["a_dense"].dead_fraction is not None  # dead units on the named inputs
    assert not [f for f in watch.findings if "gradient" in f.problem.value]
