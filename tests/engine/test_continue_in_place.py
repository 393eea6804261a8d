"""An original the job stopped at a detection, whose config Keras cannot build again, trains
on in place when nothing is accepted (`repair_loop.finish_original`): practice batch 58's
TabNet-like models (a lambda activation) had been left at their first epoch, 0.26 against
0.815 for plain training, as no copy of them could be built to train on."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

import autotrainer_keras


def _model_with_a_cut_branch():
    """A classifier whose `Activation` holds a lambda (its config cannot be built again)
    and one of whose Dense layers reaches the loss only through a stop_gradient (named
    `no_gradient` at the first check, a finding no candidate answers)."""
    import keras

    keras.utils.set_random_seed(3)
    inputs = keras.Input((4,))
    hidden = keras.layers.Dense(16, activation="relu")(inputs)
    hidden = keras.layers.Activation(lambda z: z * 1.0)(hidden)
    cut = keras.layers.Dense(1, name="cut")(inputs)
    cut = keras.layers.Lambda(lambda t: keras.ops.stop_gradient(t) * 0.0)(cut)
    logit = keras.layers.Add()([keras.layers.Dense(1)(hidden), cut])
    model = keras.Model(inputs, keras.layers.Activation("sigmoid")(logit))
    model.compile(keras.optimizers.Adam(1e-2), "binary_crossentropy", metrics=["accuracy"])
    return model


@pytest.mark.medium
def test_an_original_that_cannot_be_rebuilt_trains_on_in_place(tmp_path: Path) -> None:
    rng = np.random.default_rng(0)
    x = rng.standard_normal((600, 4)).astype("float32")
    y = (x[:, 0] * x[:, 1] + x[:, 2] > 0).astype("float32")
    model = _model_with_a_cut_branch()
    result = autotrainer_keras.fit(model, x[:480], y[:480], validation_data=(x[480:], y[480:]),
                                   epochs=12, batch_size=32, output_dir=tmp_path,
                                   tracking=False, verbose=False)  # fmt: skip
    report = json.loads((tmp_path / "report.json").read_text())
    assert report["detections"][0]["problem"] == "no_gradient"
    original = report["original"]
    assert original["epochs_run"] < 12  # stopped at the detection
    assert original["continued"]["epochs_run"] == 12  # then trained on to its budget
    assert report["final"]["attempt"] == "original-continued"
    assert report["final"]["val_accuracy"] > original["val_accuracy"]
    assert result.status == "unrepaired"


def test_the_weights_at_detection_come_back_when_the_original_itself_ends_the_job() -> None:
    import keras

    from autotrainer_keras.engine.repair_loop import (
        WEIGHTS_AT_DETECTION,
        RepairOutcome,
        restore_original,
    )

    model = keras.Sequential([keras.Input((2,)), keras.layers.Dense(1)])
    at_detection = model.get_weights()
    model.set_weights([w + 1.0 for w in at_detection])  # trained on in place

    class _Result:
        def __init__(self, extra: dict) -> None:
            self.model, self.extra = model, extra

    original, continued = _Result({}), _Result({WEIGHTS_AT_DETECTION: at_detection})
    restore_original(RepairOutcome(final=continued, continued=continued), original)  # type: ignore[arg-type]
    assert not np.array_equal(model.get_weights()[0], at_detection[0])  # the continuation won
    restore_original(RepairOutcome(final=original, continued=continued), original)  # type: ignore[arg-type]
    assert all(np.array_equal(a, b) for a, b in zip(model.get_weights(), at_detection, strict=True))
