"""`Watch` names what the compiled optimizer and the fit's steps make of the budget, before
the first step: too few updates under gradient accumulation (`small_budget`) and a clip that
caps plain SGD's steps (`learning_rate_out_of_range`); a budget or a rate alone stays the
job's suspicion to test (a callback retrains nothing)."""

from __future__ import annotations

import keras
import numpy as np
import pytest

from autotrainer_keras.keras import Watch

RNG = np.random.default_rng(0)
X = RNG.standard_normal((256, 8)).astype("float32")
Y = (X[:, :3].argmax(axis=1)).astype("int32")


def _findings(optimizer: keras.optimizers.Optimizer, epochs: int = 2) -> list:
    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(16, activation="relu"),
                              keras.layers.Dense(3, activation="softmax")])  # fmt: skip
    model.compile(optimizer, "sparse_categorical_crossentropy", metrics=["accuracy"])
    watch = Watch(probe_data=(X, Y))
    model.fit(X, Y, epochs=epochs, batch_size=32, verbose=0, callbacks=[watch])
    return watch.findings


@pytest.mark.parametrize(("optimizer", "problem", "key"), [
    (keras.optimizers.Adam(1e-3, gradient_accumulation_steps=16), "small_budget",
     "accumulation_steps"),  # 2 x 8 batches: one update
    (keras.optimizers.SGD(0.05, momentum=0.9, clipvalue=1e-4), "learning_rate_out_of_range",
     "step_reach"),  # 16 updates x 0.05 x 1e-4 x 10: 8e-4
])  # fmt: skip
def test_the_optimizer_s_arithmetic_is_named(optimizer, problem: str, key: str) -> None:
    found = [f for f in _findings(optimizer) if f.problem.value == problem]
    assert len(found) == 1 and found[0].epoch == 0 and key in found[0].evidence
    assert ("16 training steps" in found[0].reason
            or "sgd's gradient clip of 0.0001 caps every step" in found[0].reason)  # fmt: skip


@pytest.mark.parametrize("optimizer", [
    keras.optimizers.Adam(1e-3, clipvalue=1e-4),   # adaptive: the clip cancels
    keras.optimizers.SGD(0.05, clipnorm=1.0),      # a usual clip
    keras.optimizers.Adam(1e-3, gradient_accumulation_steps=2),
    keras.optimizers.SGD(5.0),  # a rate far off alone: the job's suspicion, not Watch's
], ids=["adam_clip", "usual_clip", "small_accumulation", "rate_alone"])  # fmt: skip
def test_nothing_is_named_for_usual_settings_or_a_rate_alone(optimizer) -> None:
    problems = {f.problem.value for f in _findings(optimizer, epochs=20)}
    assert not problems & {"small_budget", "learning_rate_out_of_range"}
