"""The `more_epochs` candidate on a real Keras model: a healthy training cut off while its
validation loss still falls is trained on and kept only when better; the paper profile never
tries it, nor measures the runtime set-up statistics."""

from __future__ import annotations

import numpy as np
import pytest

pytestmark = pytest.mark.medium

EPOCHS = 6


def digits_mlp(seed: int = 0):
    """An MLP on sklearn's digits (scaled to 0..1): Adam 1e-3 learns them steadily, still
    improving after EPOCHS epochs."""
    import keras
    from sklearn.datasets import load_digits

    x, y = load_digits(return_X_y=True)
    x = (x / 16.0).astype("float32")
    order = np.random.default_rng(seed).permutation(len(x))
    x, y = x[order], y[order]
    keras.utils.set_random_seed(seed)
    model = keras.Sequential([keras.Input((64,)), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(10, activation="softmax")])  # fmt: skip
    model.compile("adam", "sparse_categorical_crossentropy", metrics=["accuracy"])
    return model, (x[:1200], y[:1200]), (x[1200:], y[1200:])


def run(tmp_path, profile: str, seed: int = 0):
    import autotrainer_keras

    model, (x, y), val = digits_mlp(seed)
    return autotrainer_keras.fit(model, x, y, validation_data=val, epochs=EPOCHS, batch_size=64,
                                 profile=profile, output_dir=tmp_path / profile, tracking=False,
                                 verbose=False)  # fmt: skip


@pytest.mark.parametrize("seed", [0, 1])
def test_a_training_still_improving_gets_more_epochs_verified(tmp_path, seed):
    result = run(tmp_path, "default", seed)
    report = result.report
    assert result.status == "healthy" and result.findings == []  # no problem was found
    [attempt] = report["repairs"]
    assert attempt["solution"] == "more_epochs" and attempt["problem"] == "still_improving"
    assert attempt["params"]["extra_epochs"] == 3
    original_best = report["original"]["best_val_accuracy"]
    if attempt["outcome"] == "solved":  # accepted only when it beats the original
        assert attempt["val_accuracy"] > original_best
        assert report["final"]["attempt"] == attempt["attempt"]
        assert report["final"]["solutions"] == ["more_epochs"]
    else:
        assert report["final"]["attempt"] == "original"
    # Measured: Adam at 6 epochs of digits is far from done; 3 more epochs help on both seeds.
    assert attempt["outcome"] == "solved"
    assert report["curves"]["original"]["checks"]  # the original's checks carry on
    html = (tmp_path / "default" / "report.html").read_text()  # told in the user's terms
    assert f"your budget of {EPOCHS} epochs ended while the model was still learning" in html
    assert f"use epochs={EPOCHS + 3}" in html


def test_the_paper_profile_is_unchanged(tmp_path):
    result = run(tmp_path, "paper")
    assert result.report["repairs"] == [] and result.report["final"]["attempt"] == "original"


def test_the_paper_profile_does_not_measure_activations():
    from autotrainer_keras.config import AutotrainerConfig, DetectionConfig
    from autotrainer_keras.detect import make_detector
    from autotrainer_keras.engine.attempt import AttemptTraining
    from autotrainer_keras.io.data import Dataset
    from autotrainer_keras.measure.history import Task
    from autotrainer_keras.progress import NullProgress
    from autotrainer_keras.record.recorder import Recorder
    from autotrainer_keras.record.sink import NullSink
    from autotrainer_keras.repair import keras_spec
    from autotrainer_keras.repair.spec import TrainingSpec

    for profile, measured in (("paper", False), ("default", True)):
        model, (x, y), (xv, yv) = digits_mlp()
        spec = TrainingSpec(model={}, optimizer={"name": "adam", "learning_rate": 1e-3},
                            loss="sparse_categorical_crossentropy", metrics=("accuracy",),
                            batch_size=64, epochs=3)  # fmt: skip
        config = AutotrainerConfig(detection=DetectionConfig(profile=profile))
        result = AttemptTraining(
            "original", model, spec, Dataset(x, y, xv, yv), Task.MULTICLASS, config,
            make_detector(config.detection), Recorder(NullSink(), NullProgress()),
            compile_model=keras_spec.compile_model,
        ).run()  # fmt: skip
        checks = result.history.checks
        assert checks and all((c.output is not None) == measured for c in checks)
        assert all(bool(c.activations) == measured for c in checks)


def test_more_epochs_not_accepted_leave_the_original_as_its_training_ended(tmp_path):
    """The longer training goes on in the original's own model; when it is not accepted
    (here: a margin that asks 0.99 of a model that reaches 0.85-0.90 in 9 epochs), the
    weights are put back, and the original's record keeps its own epochs."""
    import keras

    import autotrainer_keras

    ended: list[list[np.ndarray]] = []

    class FirstTrainingEnd(keras.callbacks.Callback):
        def on_train_end(self, logs=None):
            if not ended:
                ended.append([w.copy() for w in self.model.get_weights()])

    model, (x, y), val = digits_mlp(0)
    result = autotrainer_keras.fit(
        model, x, y, validation_data=val, epochs=EPOCHS, batch_size=64,
        callbacks=[FirstTrainingEnd()], config={"repair": {"accept_margin": 0.14}},
        output_dir=tmp_path, tracking=False, verbose=False,
    )  # fmt: skip
    [attempt] = result.report["repairs"]
    assert attempt["solution"] == "more_epochs" and attempt["outcome"] == "failed"
    assert attempt["epochs_run"] > EPOCHS  # it trained on from the original's epochs
    assert result.report["original"]["epochs_run"] == EPOCHS
    assert result.report["final"]["attempt"] == "original"
    for kept, given in zip(result.model.get_weights(), ended[0], strict=True):
        np.testing.assert_array_equal(kept, given)


def test_an_original_at_full_accuracy_is_not_trained_on(tmp_path):
    """Two far-apart blobs: every validation row is right after an epoch while the loss still
    falls steeply; a longer training could not beat 1.0, so it is not tried."""
    import keras
    from sklearn.datasets import make_blobs

    import autotrainer_keras

    x, y = make_blobs(1000, centers=[[-4.0] * 4, [4.0] * 4], cluster_std=1.0, random_state=0)
    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(8, activation="relu"),
                              keras.layers.Dense(1, activation="sigmoid")])  # fmt: skip
    model.compile(keras.optimizers.SGD(0.01), "binary_crossentropy", metrics=["accuracy"])
    result = autotrainer_keras.fit(
        model, x[:700].astype("float32"), y[:700], validation_data=(x[700:], y[700:]),
        epochs=EPOCHS, batch_size=32, output_dir=tmp_path, tracking=False, verbose=False,
    )  # fmt: skip
    report = result.report
    assert report["original"]["best_val_accuracy"] == 1.0
    losses = [epoch["val_loss"] for epoch in report["curves"]["original"]["epochs"]]
    assert losses[-1] < 0.9 * losses[-3]  # still falling: more epochs would have been asked
    assert result.status == "healthy" and report["repairs"] == []
