"""autotrainer_keras.keras.Watch on models users build: faults found, healthy left alone."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import warnings
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from watch_models import STYLES, blobs, mlp

from autotrainer_keras.problems import Finding, Problem

pytestmark = pytest.mark.medium

EPOCHS = 14  # the default rules name the 8-sigmoid VG about epoch 7: room to spare


def fit_watched(model: Any, optimizer: Any, watch: Any, epochs: int = EPOCHS) -> Any:
    x, y = blobs()
    model.compile(optimizer=optimizer, loss="sparse_categorical_crossentropy", metrics=["acc"])
    return model.fit(
        x, y, epochs=epochs, batch_size=32, validation_split=0.3, callbacks=[watch], verbose=0
    )


def watch(**kwargs: Any) -> Any:
    import autotrainer_keras.keras

    x, y = blobs()
    return autotrainer_keras.keras.Watch(probe_data=(x, y), verbose=0, **kwargs)


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_a_healthy_model_is_left_alone(style: str, seed: int) -> None:
    import keras

    w = watch(on_problem="stop")
    history = fit_watched(mlp(style, seed=seed), keras.optimizers.Adam(1e-2), w)
    assert w.findings == [], [f.reason for f in w.findings]
    assert len(history.history["loss"]) == EPOCHS  # never stopped
    assert w.report is not None and w.report["status"] == "healthy"
    assert w.report["repair"] is None
    last = w.history.epochs[-1].logs
    assert last["val_accuracy"] > 0.8 and "val_acc" not in last  # read under canonical names
    assert "val_acc" in history.history  # the user's own logs keep the compiled name


FAULTS = {
    # name: (model kwargs, optimizer, problem); every style shows them (probe gradients)
    "exploding: N(0, 1e5) kernels": (
        {"kernel": {"class_name": "RandomNormal", "config": {"stddev": 1e5}}},
        ("sgd", 0.1),
        Problem.EXPLODING_GRADIENT,
    ),
    "vanishing: 8 sigmoid layers": (
        {"width": 16, "depth": 8, "activation": "sigmoid"},
        ("sgd", 0.01),
        Problem.VANISHING_GRADIENT,
    ),
}


def _optimizer(name: str, rate: float) -> Any:
    import keras

    return keras.optimizers.get({"class_name": name, "config": {"learning_rate": rate}})


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("fault", list(FAULTS))
@pytest.mark.parametrize("seed", [0, 1])
def test_a_faulty_model_is_detected_and_stopped(style: str, fault: str, seed: int) -> None:
    kwargs, optimizer, problem = FAULTS[fault]
    w = watch(on_problem="stop")
    history = fit_watched(mlp(style, seed=seed, **kwargs), _optimizer(*optimizer), w)
    assert [f.problem for f in w.findings] == [problem], [f.reason for f in w.findings]
    assert len(history.history["loss"]) == w.findings[0].epoch + 1 < EPOCHS  # stopped there
    assert w.report is not None and w.report["stopped_by_watch"] is True


@pytest.mark.parametrize("style", ["sequential", "functional"])
def test_dead_relu_units_are_counted_on_models_with_a_graph(style: str) -> None:
    w = watch(on_problem="stop")
    bias = {"class_name": "Constant", "config": {"value": -10.0}}
    fit_watched(mlp(style, bias=bias), _optimizer("adam", 1e-3), w)
    assert [f.problem for f in w.findings] == [Problem.DYING_RELU]
    assert w.history.checks[0].layers[0].dead_fraction == 1.0


def test_a_subclassed_model_says_dead_units_were_not_measured() -> None:
    w = watch()
    fit_watched(mlp("subclassed"), _optimizer("adam", 1e-2), w, epochs=1)
    assert all(s.dead_fraction is None for s in w.history.checks[0].layers)
    assert any("dead units not measured" in note for note in w.report["notes"])


def _own_train_step_model(compiled_loss: bool) -> Any:
    """A model trained by its own `train_step` (the keras-io VAE / GAN layout): no call(),
    and compiled without a loss unless `compiled_loss`."""
    import keras
    import tensorflow as tf

    class OwnStep(keras.Model):
        def __init__(self) -> None:
            super().__init__()
            self.net = keras.Sequential([keras.Input((4,)), keras.layers.Dense(8, "relu"),
                                         keras.layers.Dense(3)])  # fmt: skip

        def train_step(self, data: Any) -> dict[str, Any]:
            x, y = data
            with tf.GradientTape() as tape:
                loss = keras.losses.sparse_categorical_crossentropy(
                    y, self.net(x), from_logits=True
                )
                loss = keras.ops.mean(loss)
            grads = tape.gradient(loss, self.net.trainable_weights)
            self.optimizer.apply_gradients(zip(grads, self.net.trainable_weights, strict=True))
            return {"loss": loss}

    model = OwnStep()
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy" if compiled_loss
                  else None)  # fmt: skip
    return model


@pytest.mark.parametrize("compiled_loss", [False, True])
def test_a_model_with_its_own_train_step_trains_on_and_says_what_was_not_measured(
    compiled_loss: bool,
) -> None:
    """Given probe data, the probe crashed the user's fit at the first epoch end (no call()
    to run, or no compiled loss to differentiate); now only the loss-curve rules run."""
    x, y = blobs()
    w = watch()
    history = _own_train_step_model(compiled_loss).fit(x, y, epochs=2, verbose=0, callbacks=[w])
    assert len(history.history["loss"]) == 2 and w.findings == []
    reason = "no call()" if compiled_loss else "no compiled loss"
    assert any(reason in note for note in w.report["notes"]), w.report["notes"]


def test_warn_goes_on_and_writes_the_report_with_the_repair(tmp_path: Path) -> None:
    kwargs, optimizer, _ = FAULTS["vanishing: 8 sigmoid layers"]
    w = watch(on_problem="warn", output_dir=tmp_path)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        history = fit_watched(mlp("functional", **kwargs), _optimizer(*optimizer), w, epochs=14)
    assert len(history.history["loss"]) == 14  # not stopped
    from autotrainer_keras.keras import TrainingProblemWarning

    messages = [str(c.message) for c in caught if c.category is TrainingProblemWarning]
    assert len(messages) == len(w.findings) >= 1
    assert "vanishing_gradient" in messages[0]
    report = json.loads((tmp_path / "report.json").read_text())
    assert report["kind"] == "autotrainer_keras.keras.Watch" and report["status"] == "detected"
    assert report["findings"][0]["problem"] == "vanishing_gradient"
    assert "autotrainer_keras.fit(model, x, y" in report["repair"]["python"]
    assert report["repair"]["cli"].startswith("autotrainer-keras run --model model.keras")
    assert len(report["curves"]["loss"]) == 14
    assert w.summary().startswith("autotrainer Watch: vanishing_gradient")


def test_without_probe_data_only_loss_rules_run_and_nan_is_still_caught() -> None:
    import autotrainer_keras.keras

    kwargs, optimizer, _ = FAULTS["exploding: N(0, 1e5) kernels"]
    w = autotrainer_keras.keras.Watch(on_problem="stop", verbose=0)
    fit_watched(mlp("sequential", **kwargs), _optimizer(*optimizer), w)
    assert [f.problem for f in w.findings] == [Problem.EXPLODING_GRADIENT]
    assert w.report["gradients_measured"] is False
    healthy = autotrainer_keras.keras.Watch(verbose=0)
    fit_watched(mlp("sequential"), _optimizer("adam", 1e-2), healthy)
    assert healthy.findings == []
    assert all(s.kernel_grad_norm is None for s in healthy.history.checks[-1].layers)


def test_step_losses_match_the_loss_keras_reports() -> None:
    """The per-step losses decoded from batch logs average to Keras' epoch loss."""
    w = watch()
    history = fit_watched(mlp("sequential"), _optimizer("adam", 1e-2), w, epochs=2)
    steps = w.history.steps_per_epoch
    assert steps == 11 and len(w.history.step_losses) == 2 * steps  # 350 rows, batch 32
    for epoch in range(2):
        losses = np.array(w.history.step_losses[epoch * steps : (epoch + 1) * steps])
        weights = np.array([32.0] * (steps - 1) + [350 - 32 * (steps - 1)])
        decoded_mean = float(np.mean(losses))  # the decoder assumes equal batches
        assert decoded_mean == pytest.approx(history.history["loss"][epoch], rel=1e-4)
        assert np.isfinite(losses).all() and weights.sum() == 350


def test_a_resumed_training_is_judged_on_the_epochs_left() -> None:
    import keras

    x, y = blobs()
    model = mlp("sequential")
    model.compile(optimizer=keras.optimizers.Adam(1e-2), loss="sparse_categorical_crossentropy")
    w = watch()
    model.fit(x, y, epochs=5, initial_epoch=2, callbacks=[w], verbose=0)
    assert w.history.epochs_budget == 3 and [r.epoch for r in w.history.epochs] == [0, 1, 2]
    assert w.report["epochs_budget"] == 3 and w.report["epochs_run"] == 3


def test_bad_arguments_are_refused_with_the_allowed_values() -> None:
    import autotrainer_keras.keras

    with pytest.raises(ValueError, match="on_problem must be 'warn' or 'stop', got 'halt'"):
        autotrainer_keras.keras.Watch(on_problem="halt")
    with pytest.raises(ValueError, match="profile must be one of default, paper"):
        autotrainer_keras.keras.Watch(profile="magic")
    with pytest.raises(ValueError, match="Watch probe_data: y is required"):
        autotrainer_keras.keras.Watch(probe_data=np.zeros((4, 4)))
    with pytest.raises(ValueError, match="Watch probe_data: x must be .* got the path 'd.npz'"):
        autotrainer_keras.keras.Watch(probe_data="d.npz")  # was: "y is required"


@pytest.mark.parametrize(
    ("probe", "message"),
    [
        ((np.zeros((10, 4), "float32"), np.zeros(5)), "x has 10 rows but y has 5"),
        ((np.full((10, 4), np.inf, "float32"), np.zeros(10)), "'x' contains 40 NaN/Inf values"),
        ((np.zeros((0, 4), "float32"), np.zeros(0)), "'x' has no rows"),
        ((np.zeros((10, 4), "float32"), np.zeros(10), np.ones(3)), "sample_weight has 3 rows"),
        ((np.zeros((10, 4), "float32"), np.zeros(10), np.full(10, np.nan)),
         "sample_weight contains 10 NaN/Inf values"),
    ],
    ids=["rows differ", "Inf", "no rows", "weights rows", "NaN weights"],
)
def test_probe_data_is_checked_as_training_data_is(probe: tuple, message: str) -> None:
    """Before: rows that differ were taken, NaN rows named a healthy model exploding and
    unscaled, no rows stopped with numpy's 'cannot reshape array of size 0'."""
    import autotrainer_keras.keras

    with pytest.raises(ValueError) as error:
        autotrainer_keras.keras.Watch(probe_data=probe)
    assert str(error.value).startswith(f"Watch probe_data: {message}"), error.value


def test_probe_inputs_the_model_cannot_take_are_refused_before_the_first_step() -> None:
    """Before: Keras' 'Exception encountered when calling Sequential.call()' from inside."""
    import autotrainer_keras.keras

    x, y = blobs()
    model = mlp("sequential")
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
    before = [w.copy() for w in model.get_weights()]
    watch = autotrainer_keras.keras.Watch(probe_data=(x[:, :3], y), verbose=0)
    with pytest.raises(ValueError) as error:
        model.fit(x, y, epochs=2, callbacks=[watch], verbose=0)
    assert str(error.value) == (
        "Watch probe_data: x rows have shape (3,) but the model expects (4,) (None = any size)"
    )
    assert all(np.array_equal(a, b) for a, b in zip(before, model.get_weights(), strict=True))


def test_probe_inputs_of_a_sequential_built_by_its_first_step_stop_the_fit_after_it() -> None:
    """Session 14's hostile sweep: a Sequential without keras.Input has no inputs before its
    first step, so the check at the fit's start passed and Keras failed inside the first
    epoch-end check (after a whole epoch). Now the check runs once the first step built the
    model: the fit stops after that step with the same one-line error."""
    import keras

    import autotrainer_keras.keras

    x, y = blobs()
    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.layers.Dense(8, activation="relu"),
                              keras.layers.Dense(3, activation="softmax")])  # fmt: skip
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
    steps: list[int] = []
    counter = keras.callbacks.LambdaCallback(on_train_batch_end=lambda b, logs: steps.append(b))
    watch = autotrainer_keras.keras.Watch(probe_data=(x[:, :3], y), verbose=0)
    with pytest.raises(ValueError) as error:
        model.fit(x, y, epochs=3, batch_size=16, callbacks=[watch, counter], verbose=0)
    assert str(error.value) == (
        "Watch probe_data: x rows have shape (3,) but the model expects (4,) (None = any size)"
    )
    assert steps == [0], steps  # stopped after the step that built the model
    healthy = keras.Sequential([keras.layers.Dense(8, activation="relu"),
                                keras.layers.Dense(3, activation="softmax")])  # fmt: skip
    healthy.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
    good = autotrainer_keras.keras.Watch(probe_data=(x, y), verbose=0)
    healthy.fit(x, y, epochs=2, batch_size=16, callbacks=[good], verbose=0)
    assert good.report is not None and good.report["gradients_measured"]


def test_probe_targets_of_a_shape_the_output_cannot_take_are_refused_before_the_first_step(
) -> None:
    """Session 15: one-hot probe targets for a sparse loss went through to Keras' "Arguments
    `target` and `output` must have the same shape" from inside the first epoch-end check;
    labels that do not fit the loss stay the pre-flight's (a finding, not an error)."""
    import keras

    import autotrainer_keras.keras

    x, y = blobs()
    model = mlp("sequential")
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
    before = [w.copy() for w in model.get_weights()]
    one_hot = keras.utils.to_categorical(y, 3)[:, :2]  # 2 columns: no shape the loss takes
    watch = autotrainer_keras.keras.Watch(probe_data=(x, one_hot), verbose=0)
    with pytest.raises(ValueError) as error:
        model.fit(x, y, epochs=2, callbacks=[watch], verbose=0)
    assert str(error.value).startswith("Watch probe_data: y rows have shape (2,) but loss "
                                       "sparse_categorical_crossentropy"), error.value  # fmt: skip
    assert all(np.array_equal(a, b) for a, b in zip(before, model.get_weights(), strict=True))
    with pytest.raises(ValueError, match="Watch: output_dir must be a path .* got int"):
        autotrainer_keras.keras.Watch(output_dir=3)  # was: pathlib's TypeError


X4 = np.random.default_rng(0).standard_normal((256, 4)).astype("float32")


def _broadcast_finding(y: np.ndarray, units: int, name: str) -> Finding:
    """`Watch`'s first finding on a 2-epoch fit of Dense(16) -> Dense(units) against `y`
    under MSE, which Keras broadcasts and trains to its budget."""
    import keras

    import autotrainer_keras.keras

    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(16, activation="relu"),
                              keras.layers.Dense(units, name=name)])  # fmt: skip
    model.compile(optimizer="adam", loss="mse")
    watch = autotrainer_keras.keras.Watch(probe_data=(X4, y), verbose=0)
    history = model.fit(X4, y, epochs=2, callbacks=[watch], verbose=0)
    assert len(history.history["loss"]) == 2  # trained to its budget
    first = watch.findings[0]
    assert (first.problem.value, first.step, first.layer) == ("target_broadcast", 0, name)
    return first


def test_a_one_unit_output_for_targets_of_three_columns_is_a_finding_not_a_refusal() -> None:
    """Practice batch 21: Keras's MSE broadcasts a Dense(1) against (n, 3) targets and trains
    (the unit learns their mean); `Watch` refused the probe rows and stopped that fit."""
    y = np.stack([X4[:, 0], X4[:, 1] ** 2, -X4[:, 2]], axis=1).astype("float32")
    first = _broadcast_finding(y, 1, "head")
    assert first.evidence["target_columns"] == 3.0 and "3 units" in first.reason


def test_one_target_column_for_an_output_of_four_units_is_a_finding() -> None:
    """Practice batch 31: fitted Q-values, one output per action, trained against the taken
    action's return without its mask; Keras's MSE broadcasts the (n, 1) target over the
    four units and trains, each learning the same value; `Watch` refused the probe rows
    and stopped that fit. (Targets of shape (n,) make Keras raise: still refused.)"""
    first = _broadcast_finding(X4[:, :1] - 0.5 * X4[:, 1:2], 4, "q_values")
    assert first.evidence == {"output_units": 4.0, "target_columns": 1.0}
    assert "4 units but the targets have 1 column" in first.reason

def test_categorical_cross_entropy_on_one_unit_is_a_finding_not_a_refusal() -> None:
    """Practice batch 88: `categorical_crossentropy` on a single sigmoid unit with 0/1 labels
    one per row; Keras trains it (the loss is 0 from the first step) and `Watch` had refused
    the probe rows ("must be one-hot with 1 columns") and stopped that fit."""
    import keras

    import autotrainer_keras.keras

    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(8, activation="relu"),
                              keras.layers.Dense(1, activation="sigmoid", name="up")])  # fmt: skip
    model.compile(optimizer="adam", loss="categorical_crossentropy")
    y = (X4[:, 0] > 0).astype("float32")
    watch = autotrainer_keras.keras.Watch(probe_data=(X4, y), verbose=0)
    history = model.fit(X4, y, epochs=2, callbacks=[watch], verbose=0)
    assert len(history.history["loss"]) == 2 and history.history["loss"][-1] == 0.0
    first = watch.findings[0]
    assert (first.problem.value, first.step, first.layer) == ("output_loss_mismatch", 0, "up")


def test_one_target_per_row_for_an_output_per_step_is_a_finding() -> None:
    """Practice batch 45: `return_sequences=True` left on the last LSTM before Dense(1);
    Keras's MSE broadcasts each row's (1,) target over the (12, 1) outputs and trains
    (every step learns the same value); `Watch` refused the probe rows and stopped that fit.
    An output of (1, 1) per row against (1,) is nothing to name."""
    import keras

    import autotrainer_keras.keras

    x = np.random.default_rng(0).standard_normal((128, 12, 2)).astype("float32")
    y = x[:, -1, :1] + 0.5 * x[:, 0, 1:]
    for steps, named in ((12, True), (1, False)):
        keras.utils.set_random_seed(0)
        model = keras.Sequential([keras.Input((12, 2)),
                                  keras.layers.LSTM(8, return_sequences=True),
                                  keras.layers.Lambda(lambda h, n=steps: h[:, -n:]),
                                  keras.layers.Dense(1, name="next_value")])  # fmt: skip
        model.compile(optimizer="adam", loss="mse")
        watch = autotrainer_keras.keras.Watch(probe_data=(x, y), verbose=0)
        history = model.fit(x, y, epochs=2, callbacks=[watch], verbose=0)
        assert len(history.history["loss"]) == 2  # trained to its budget
        broadcast = [f for f in watch.findings if f.problem.value == "target_broadcast"]
        assert bool(broadcast) is named, watch.findings
        if named:
            assert broadcast[0].evidence["output_steps"] == 12.0
            assert "broadcasts each row's target against all 12" in broadcast[0].reason


def test_a_bad_tracking_uri_or_output_file_is_refused_at_construction(tmp_path: Path) -> None:
    """Before: 'ftp://' was taken and failed at the fit's start inside MLflow; an output_dir
    that is a file raised FileExistsError after the last epoch, the report unwritten."""
    import autotrainer_keras.keras

    with pytest.raises(ValueError) as error:
        autotrainer_keras.keras.Watch(tracking="ftp://host/x")
    assert str(error.value).startswith(
        "Watch: tracking.tracking_uri: unsupported tracking URI scheme 'ftp' in 'ftp://host/x'"
    ), error.value
    blocker = tmp_path / "blocker"
    blocker.write_text("keep me\n")
    with pytest.raises(ValueError, match="Watch: output_dir .*blocker is a file; pass a dir"):
        autotrainer_keras.keras.Watch(output_dir=blocker)
    assert blocker.read_text() == "keep me\n"


def test_a_report_that_cannot_be_written_is_kept_and_the_fit_ends_normally(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:

    blocker = tmp_path / "blocker"
    blocker.write_text("keep me\n")
    w = watch(output_dir=blocker / "out")  # under a file: found only when writing
    fit_watched(mlp("sequential"), "adam", w, epochs=1)
    assert w.report is not None and w.report["epochs_run"] == 1
    err = capsys.readouterr().err
    assert f"autotrainer Watch: report.json not written to {blocker / 'out'}: " in err, err
    assert "watch.report holds it" in err
    assert blocker.read_text() == "keep me\n"


REFUSAL = (
    "import os, autotrainer_keras.keras\n"
    "try:\n"
    "    autotrainer_keras.keras.Watch()\n"
    "except ValueError as error:\n"
    "    print(error)\n"
)


def test_a_backend_without_gradients_is_refused_with_a_clear_message() -> None:
    """Keras' NumPy backend cannot train: refused at construction (JAX and PyTorch run:
    tests/watch/test_watch_backends.py)."""
    import importlib.util

    if importlib.util.find_spec("jax") is None:  # Keras' numpy backend imports jax for its fft
        pytest.skip("the jax wheel (imported by Keras' numpy backend) is not installed here")
    env = {**os.environ, "KERAS_BACKEND": "numpy"}
    done = subprocess.run(
        [sys.executable, "-c", REFUSAL], env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "needs Keras' tensorflow, jax or torch backend" in done.stdout
    assert "runs the 'numpy' backend" in done.stdout


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def test_probes_are_traced_once_over_fits_and_new_watches_do_not_warn_of_retracing() -> None:
    """The same Watch over several fits of one model traces each probe once; a new Watch per
    model (a loop of trainings) traces its own probes once each, which TensorFlow must not
    report as "triggered tf.function retracing"."""
    import keras

    records = _Records()
    logger = logging.getLogger("tensorflow")
    logger.addHandler(records)
    try:
        w = watch()
        model = mlp("sequential", seed=0)
        for _ in range(3):
            fit_watched(model, keras.optimizers.Adam(1e-2), w, epochs=2)
            probe = w._probe
            assert probe._pass._run.experimental_get_tracing_count() == 1
            # the weights' squares: read eagerly over these few checks (`EAGER_READS`)
            assert probe._device_weights._reduce.experimental_get_tracing_count() == 0
            # one pass: gradients, activations and dead units from one forward pass
            assert probe._gradients._reduce.experimental_get_tracing_count() == 0
            assert probe._activations._collect is None
            assert probe._dead._fractions is None
            assert probe is w._probe  # kept over fits of the same compiled model
        for seed in range(6):
            fit_watched(mlp("functional", seed=seed), keras.optimizers.Adam(1e-2), watch(),
                        epochs=1)  # fmt: skip
    finally:
        logger.removeHandler(records)
    assert not [m for m in records.messages if "retracing" in m], records.messages
