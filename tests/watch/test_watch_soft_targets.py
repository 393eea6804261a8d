"""Soft targets under `Watch`: cross-entropy with label_smoothing 0.9 on ten classes cannot
go below its targets' entropy (2.266 of the constant predictor's 2.303), so a network at
2.275 is most of the way, not 0.012 of it (held-out practice batch 36's
`digits_label_smoothing_0_9`, 0.989 accurate, was called slow)."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from autotrainer_keras.config.detection import DefaultThresholds
from autotrainer_keras.detect.signals import loss_signals
from autotrainer_keras.errors import InputError
from autotrainer_keras.problems import Problem


@pytest.mark.medium
def test_label_smoothing_is_progress_measured_down_to_the_targets_entropy() -> None:
    import keras
    from sklearn.datasets import load_digits

    from autotrainer_keras.keras import Watch

    digits = load_digits()
    x = (digits.data / 16.0).astype("float32")
    y = np.eye(10, dtype="float32")[digits.target]
    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input((64,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(10, activation="softmax")])  # fmt: skip
    model.compile(keras.optimizers.Adam(1e-3),
                  keras.losses.CategoricalCrossentropy(label_smoothing=0.9),
                  metrics=["accuracy"])  # fmt: skip
    watch = Watch(probe_data=(x, y), verbose=0)
    fit = model.fit(x, y, epochs=15, batch_size=32, validation_split=0.2, callbacks=[watch],
                    verbose=0)  # fmt: skip
    assert max(fit.history["val_accuracy"]) > 0.8  # 0.894 here
    assert not [f for f in watch.findings if f.problem is Problem.SLOW_CONVERGENCE]
    history = watch.history
    assert history is not None
    entropy = -(0.19 * np.log(0.19) + 9 * 0.09 * np.log(0.09))
    assert history.loss_floor == pytest.approx(entropy, rel=1e-6)
    t = DefaultThresholds()
    signals = loss_signals(history, t)
    assert signals is not None and signals.progress > 0.5
    without_floor = loss_signals(replace(history, loss_floor=0.0), t)
    assert without_floor is not None and without_floor.progress < 0.05


def _digits_model(smoothing: float | bool):
    import keras

    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input((64,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(10, activation="softmax")])  # fmt: skip
    model.compile(keras.optimizers.Adam(1e-3),
                  keras.losses.CategoricalCrossentropy(label_smoothing=smoothing),
                  metrics=["accuracy"])  # fmt: skip
    return model


def _digits() -> tuple[np.ndarray, np.ndarray]:
    from sklearn.datasets import load_digits

    digits = load_digits()
    return (digits.data / 16.0).astype("float32"), np.eye(10, dtype="float32")[digits.target]


@pytest.mark.medium
@pytest.mark.parametrize("smoothing", [True, 0.9])
def test_label_smoothing_true_is_named_before_the_first_step(smoothing: float | bool) -> None:
    """`label_smoothing=True` is 1.0: every target 1/10 (practice batch 42's 200-way softmax
    stayed at ln 200, 0.004 accurate). 0.9 keeps the true class the largest target."""
    from autotrainer_keras.keras import Watch

    x, y = _digits()
    watch = Watch(probe_data=(x, y), verbose=0)
    _digits_model(smoothing).fit(x, y, epochs=1, batch_size=64, verbose=0, callbacks=[watch])
    named = [f for f in watch.findings if f.evidence.get("label_smoothing") is not None]
    if smoothing is True:
        assert [(f.problem.value, f.step) for f in named] == [("output_loss_mismatch", 0)]
    else:
        assert named == []


@pytest.mark.medium
def test_the_job_trains_the_labels_again_without_the_smoothing(tmp_path) -> None:
    """label_smoothing=1.0 (a bool `True` the job refuses in one line, as it does every
    argument of another type than its default's)."""
    import autotrainer_keras

    x, y = _digits()
    with pytest.raises(InputError, match="label_smoothing must be a number"):
        autotrainer_keras.fit(_digits_model(True), x, y, validation_split=0.25, epochs=1,
                              output_dir=tmp_path / "refused", tracking=False, verbose=False)
    result = autotrainer_keras.fit(_digits_model(1.0), x, y, validation_split=0.25, epochs=8,
                                   batch_size=32, output_dir=tmp_path, tracking=False,
                                   verbose=False)  # fmt: skip
    report = result.report
    assert report["detections"][0]["problem"] == "output_loss_mismatch"
    assert report["status"] == "repaired", report["repairs"]
    accepted = [a for a in report["repairs"] if a["outcome"] == "solved"]
    assert accepted[0]["params"]["label_smoothing"] == 0
    assert report["final"]["val_accuracy"] > report["original"]["val_accuracy"] + 0.5
