"""The user's compiled loss reaches every training unchanged (issue 14, point 17).

A model compiled with `CategoricalCrossentropy(from_logits=True)` was recompiled by name and
trained as if its logits were probabilities. Here the job's training is compared with plain
`model.fit` of the same model on the same data, and the loss object's arguments are followed
through the spec, a rebuild, a repair and final_config.yaml.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import autotrainer_keras

pytestmark = pytest.mark.medium

EPOCHS = 12


def _digits() -> tuple[np.ndarray, ...]:
    from sklearn.datasets import load_digits

    x, y = load_digits(return_X_y=True)
    x = (x / 16.0).astype("float32")
    onehot = np.eye(10, dtype="float32")[y]
    order = np.random.default_rng(0).permutation(len(x))
    x, onehot = x[order], onehot[order]
    return x[:1300], onehot[:1300], x[1300:], onehot[1300:]


def _logits_mlp(seed: int):
    import keras

    keras.utils.set_random_seed(seed)
    model = keras.Sequential(
        [keras.Input((64,)), keras.layers.Dense(32, activation="relu"), keras.layers.Dense(10)]
    )  # no softmax: logits
    model.compile(
        keras.optimizers.Adam(1e-3),
        loss=keras.losses.CategoricalCrossentropy(from_logits=True),
        metrics=["accuracy"],
    )
    return model


@pytest.mark.parametrize("seed", [0, 1])
def test_a_logits_model_trains_in_the_job_as_well_as_with_plain_fit(
    seed: int, tmp_path: Path
) -> None:
    x, y, x_val, y_val = _digits()
    plain = _logits_mlp(seed)
    history = plain.fit(
        x, y, validation_data=(x_val, y_val), epochs=EPOCHS, batch_size=32, verbose=0
    )
    plain_accuracy = history.history["val_accuracy"][-1]
    result = autotrainer_keras.fit(
        _logits_mlp(seed), x, y, validation_data=(x_val, y_val), epochs=EPOCHS, batch_size=32,
        config={"training": {"seed": seed}, "detection": {"stop_on_detection": False}},
        repair=False, output_dir=tmp_path, tracking=False, verbose=False,
    )  # fmt: skip
    job_accuracy = result.report["original"]["val_accuracy"]
    assert plain_accuracy > 0.9, plain_accuracy
    assert job_accuracy > 0.9, job_accuracy  # by name alone (logits as probabilities): ~0.2
    assert abs(job_accuracy - plain_accuracy) < 0.04, (job_accuracy, plain_accuracy)
    trained = result.model.loss
    assert trained.get_config()["from_logits"] is True


def _fixed_batch() -> tuple[np.ndarray, np.ndarray]:
    """One-hot targets and positive predictions whose rows sum to 1: every loss below takes
    them (probabilities, logits, regression values or counts alike)."""
    _, y, _, _ = _digits()
    rng = np.random.default_rng(3)
    predictions = rng.uniform(0.05, 1.0, size=(32, 10)).astype("float32")
    return y[:32], predictions / predictions.sum(axis=1, keepdims=True)


def _loss_arguments_cases() -> list:  # type: ignore[type-arg]
    import keras

    losses = keras.losses
    return [
        losses.CategoricalCrossentropy(from_logits=True, label_smoothing=0.1),
        losses.Huber(delta=0.1, reduction="sum"),  # get_config() has no delta
        losses.MeanSquaredError(reduction="sum"),
        losses.LogCosh(),
        losses.CosineSimilarity(axis=0),  # get_config() has no axis
        losses.CategoricalFocalCrossentropy(alpha=0.5, gamma=3.0, label_smoothing=0.1),
        losses.BinaryFocalCrossentropy(alpha=0.4, gamma=1.0, apply_class_balancing=True),
        losses.BinaryCrossentropy(label_smoothing=0.2, from_logits=True),
        losses.Poisson(),
        losses.KLDivergence(reduction="sum"),
    ]


def test_every_loss_argument_survives_spec_rebuild_and_final_config(tmp_path: Path) -> None:
    """Keras 3's `Huber.get_config()` has no `delta` (CosineSimilarity's no `axis`): the job
    trained Huber(delta=0.5) as Huber(delta=1.0). Each loss is compared by the arguments it
    computes with (`_fn_kwargs`) and by its value on a fixed batch, not by `get_config()`,
    which lacks the same argument on both sides."""
    import keras
    import yaml

    from autotrainer_keras.config import TrainingConfig, config_from_dict
    from autotrainer_keras.engine.compiled import loss_name, resolve_loss_config
    from autotrainer_keras.engine.setup import resolve_loss
    from autotrainer_keras.repair.keras_spec import build_model, spec_from_model

    y, predictions = _fixed_batch()
    # the check has teeth: Huber's default delta gives another value on this batch
    default_delta = float(keras.losses.Huber(reduction="sum")(y, predictions))
    assert abs(float(keras.losses.Huber(delta=0.1, reduction="sum")(y, predictions))
               - default_delta) > 0.1  # fmt: skip
    for loss in _loss_arguments_cases():
        model = _logits_mlp(0)
        model.compile("adam", loss=loss)
        name = resolve_loss(model, None, y)
        config = resolve_loss_config(model, None)
        assert config is not None and loss_name(config) == name, (loss, config)
        spec = spec_from_model(
            model, TrainingConfig(), loss=name, metrics=[], seed=0, loss_config=config
        )
        rebuilt = build_model(spec).loss
        assert type(rebuilt) is type(loss)
        assert rebuilt._fn_kwargs == loss._fn_kwargs, (loss, rebuilt._fn_kwargs)
        assert float(rebuilt(y, predictions)) == pytest.approx(float(loss(y, predictions))), loss
        # a repair that keeps the loss keeps its arguments; one that changes it drops them
        assert spec.evolve(batch_size=64).loss_config == config
        assert spec.evolve(loss="mse").loss_config is None
        # final_config.yaml holds the object: a config from it rebuilds the same loss
        again = config_from_dict(yaml.safe_load(yaml.safe_dump({"training": {"loss": config}})))
        assert resolve_loss_config(model, again.training.loss) == config
        assert keras.losses.deserialize(again.training.loss)._fn_kwargs == loss._fn_kwargs


def test_a_loss_argument_of_one_output_survives_the_multi_output_set_up() -> None:
    """The same for a multi-output model: its losses come from `get_compile_config()`,
    which writes Huber without its delta too."""
    import keras

    from autotrainer_keras.engine.output_setup import resolve_outputs

    inputs = keras.Input((64,), name="pixels")
    two = keras.Model(inputs, {"a": keras.layers.Dense(10, name="a")(inputs),
                               "b": keras.layers.Dense(1, name="b")(inputs)})  # fmt: skip
    huber = keras.losses.Huber(delta=0.1)
    two.compile("adam", loss={"a": "categorical_crossentropy", "b": huber})
    _, y, _, _ = _digits()
    setup = resolve_outputs(two, None, None, {"a": y[:64], "b": y[:64, :1]})
    rebuilt = keras.losses.deserialize(setup.losses["b"])
    assert rebuilt._fn_kwargs == {"delta": 0.1}, setup.losses["b"]
    assert setup.names == {"a": "categorical_crossentropy", "b": "huber"}
    two.compile("adam", loss=["categorical_crossentropy", huber])  # a list in output order
    setup = resolve_outputs(two, None, None, {"a": y[:64], "b": y[:64, :1]})
    assert keras.losses.deserialize(setup.losses["b"])._fn_kwargs == {"delta": 0.1}


def test_the_job_trains_and_returns_the_users_huber_delta(tmp_path: Path) -> None:
    """autotrainer_keras.fit with Huber(delta=0.1): the returned model's loss computes with
    delta 0.1 (it was 1.0)."""
    import keras

    x, y, x_val, y_val = _digits()
    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input((64,)), keras.layers.Dense(8, activation="relu"),
                              keras.layers.Dense(1)])  # fmt: skip
    model.compile("adam", loss=keras.losses.Huber(delta=0.1))
    target, target_val = y.argmax(1).astype("float32"), y_val.argmax(1).astype("float32")
    result = autotrainer_keras.fit(
        model, x, target, validation_data=(x_val, target_val), epochs=2, repair=False,
        tracking=False, verbose=False, output_dir=tmp_path,
    )  # fmt: skip
    assert result.model.loss._fn_kwargs == {"delta": 0.1}
    expected = keras.losses.Huber(delta=0.1)(target_val, result.model.predict(x_val, verbose=0))
    assert result.report["original"]["val_loss"] == pytest.approx(float(expected), rel=1e-4)


def test_a_builtin_loss_function_needs_no_object_and_a_foreign_config_loss_is_refused() -> None:
    import keras

    from autotrainer_keras.engine.compiled import resolve_loss_config
    from autotrainer_keras.engine.setup import resolve_loss
    from autotrainer_keras.errors import InputError

    model = _logits_mlp(0)
    model.compile("adam", loss=keras.losses.categorical_crossentropy)
    assert resolve_loss(model, None, np.eye(10)[:5]) == "categorical_crossentropy"
    assert resolve_loss_config(model, None) is None
    evil = {"module": "keras_evil.losses", "class_name": "Boom", "config": {}}
    with pytest.raises(InputError, match="not a Keras loss"):
        resolve_loss_config(model, evil)


def test_the_compiled_metric_objects_reach_the_training_with_their_arguments() -> None:
    import keras

    from autotrainer_keras.config import TrainingConfig
    from autotrainer_keras.engine.setup import resolve_metrics
    from autotrainer_keras.measure.history import Task
    from autotrainer_keras.repair.keras_spec import build_model, spec_from_model

    model = _logits_mlp(0)
    auc = keras.metrics.AUC(curve="PR", from_logits=True, name="pr_auc")
    model.compile("adam", loss="categorical_crossentropy",
                  metrics=["acc", auc, keras.metrics.top_k_categorical_accuracy])  # fmt: skip
    metrics = resolve_metrics(model, None, Task.MULTICLASS)
    # under the name the user compiled (callbacks monitor "val_acc"; detectors read it
    # canonically), once
    assert metrics[0] == "acc" and "accuracy" not in metrics
    assert metrics[1]["config"]["name"] == "pr_auc"
    assert metrics[2] == "top_k_categorical_accuracy"  # a built-in function: by name
    spec = spec_from_model(
        model, TrainingConfig(), loss="categorical_crossentropy", metrics=metrics, seed=0
    )
    rebuilt = build_model(spec)
    x, y, _, _ = _digits()
    logs = rebuilt.evaluate(x[:64], y[:64], verbose=0, return_dict=True)
    assert {"acc", "pr_auc", "top_k_categorical_accuracy"} <= set(logs)
    expected = keras.metrics.AUC(curve="PR", from_logits=True)
    expected.update_state(y[:64], rebuilt.predict(x[:64], verbose=0))
    roc = keras.metrics.AUC(from_logits=True)
    roc.update_state(y[:64], rebuilt.predict(x[:64], verbose=0))
    assert abs(logs["pr_auc"] - float(expected.result())) < 1e-4  # PR on logits, as compiled
    assert abs(float(roc.result()) - float(expected.result())) > 1e-3  # ROC would differ


def _robust_mse(y_true, y_pred):  # noqa: ANN001, ANN202
    import keras

    return keras.ops.mean(keras.ops.square(y_true - y_pred), axis=-1)


def _robust_mae(y_true, y_pred):  # noqa: ANN001, ANN202 (registered in the test)
    import keras

    return keras.ops.mean(keras.ops.abs(y_true - y_pred), axis=-1)


def test_a_loss_function_of_the_users_own_is_kept_or_refused_by_name(tmp_path: Path) -> None:
    """A `def` or lambda loss (common on Stack Overflow) crashed the job in its first step
    ("Could not interpret loss identifier: __lambda__"), and a registered one was refused as
    an unsupported loss name; now a lambda is refused before training, naming the fix, an
    unregistered `def` outside the job's scope of the user's objects too (`fit` puts the
    live function there: tests/api/test_fit.py), and a registered one is compiled into every
    training."""
    import keras

    from autotrainer_keras.config import TrainingConfig
    from autotrainer_keras.engine.compiled import loss_name, resolve_loss_config
    from autotrainer_keras.errors import InputError
    from autotrainer_keras.repair.keras_spec import build_model, spec_from_model

    registered = keras.saving.register_keras_serializable(package="autotrainer_test")(_robust_mae)
    model = _logits_mlp(0)
    model.compile("adam", loss=_robust_mse)
    with pytest.raises(InputError, match="a lambda, or a function Keras cannot find.*register_"):
        resolve_loss_config(model, None)
    with keras.saving.custom_object_scope({"_robust_mse": _robust_mse}):
        assert resolve_loss_config(model, None) is not None
    x, y, _, _ = _digits()
    model.compile("adam", loss=lambda t, p: keras.ops.mean(keras.ops.abs(t - p), axis=-1))
    with pytest.raises(InputError, match="a lambda, or a function Keras cannot find"):
        resolve_loss_config(model, None)
    with pytest.raises(InputError, match="cannot rebuild"):
        autotrainer_keras.fit(model, x[:64], y[:64], epochs=1, output_dir=tmp_path,
                              tracking=False, verbose=False)  # fmt: skip
    assert not (tmp_path / "report.json").exists()
    inputs = keras.Input((64,), name="pixels")
    two = keras.Model(inputs, {"a": keras.layers.Dense(10, name="a")(inputs),
                               "b": keras.layers.Dense(1, name="b")(inputs)})  # fmt: skip
    two.compile("adam", loss={"a": lambda t, p: keras.ops.mean(t - p), "b": "mse"})
    with pytest.raises(InputError, match="the loss of output 'a' .*cannot rebuild"):
        autotrainer_keras.fit(two, x[:64], {"a": y[:64], "b": y[:64, :1]}, epochs=1,
                              output_dir=tmp_path, tracking=False, verbose=False)  # fmt: skip
    model.compile("adam", loss=registered)
    config = resolve_loss_config(model, None)
    assert config is not None and loss_name(config) is None  # a custom loss, kept as data
    spec = spec_from_model(
        model, TrainingConfig(), loss="mse", metrics=[], seed=0, loss_config=config
    )
    assert build_model(spec).loss is registered
    model.compile("adam", loss=keras.losses.mean_squared_error)  # Keras' own: by name
    assert resolve_loss_config(model, None) is None
    assert (
        loss_name(keras.losses.serialize(keras.losses.mean_squared_error)) == "mean_squared_error"
    )


def test_the_loss_names_keras_resolves_are_the_names_autotrainer_knows() -> None:
    """loss="mape", "msle", "kld", "MSE" and KLDivergence() compile in Keras but were
    refused as unsupported ('k_l_divergence' for the class)."""
    import keras

    from autotrainer_keras.engine.compiled import loss_name
    from autotrainer_keras.engine.setup import LOSS_TASKS, checked_loss_name

    given = {
        "mape": "mean_absolute_percentage_error",
        "msle": "mean_squared_logarithmic_error",
        "kld": "kl_divergence",
        "MSE": "mse",
        "MAE": "mae",
    }
    for alias, name in given.items():
        keras.losses.get(alias)  # Keras takes it
        assert checked_loss_name(alias) == name and name in LOSS_TASKS
    for loss in (keras.losses.KLDivergence(), keras.losses.MeanAbsolutePercentageError(),
                 keras.losses.kl_divergence):  # fmt: skip
        assert loss_name(keras.losses.serialize(loss)) in LOSS_TASKS, loss
    assert loss_name("hinge") == "hinge" and checked_loss_name("huber") == "huber"


def test_a_regressor_is_scored_by_mae_only_when_its_output_has_the_targets_shape() -> None:
    """Practice batch 59's quantile head: outputs (rows, 5, 3) against targets (rows, 5),
    read by its own pinball loss; the job's added "mae" raised in the first training step
    (incompatible shapes). A trailing axis of 1 still counts as the targets' shape."""
    import keras
    import numpy as np

    from autotrainer_keras.engine.setup import resolve_metrics
    from autotrainer_keras.measure.history import Task

    def head(*shape: int) -> keras.Model:
        model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(int(np.prod(shape))),
                                  keras.layers.Reshape(shape)])  # fmt: skip
        model.compile("adam", "mse")
        return model

    y = np.zeros((8, 5), "float32")
    assert resolve_metrics(head(5, 3), None, Task.REGRESSION, y) == []
    assert resolve_metrics(head(5), None, Task.REGRESSION, y) == ["mae"]
    assert resolve_metrics(head(1), None, Task.REGRESSION, np.zeros(8, "float32")) == ["mae"]
