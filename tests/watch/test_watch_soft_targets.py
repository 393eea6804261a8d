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
