"""The Keras adapter: spec_from_model, build_model, make_callbacks, transfer_weights (medium)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from autotrainer_keras.config import OptimizerConfig, TrainingConfig
from autotrainer_keras.errors import InputError, ModelSpecError

from .helpers import apply, spec_for
from .models import load_configs, sample_batch

pytestmark = pytest.mark.medium


@pytest.fixture(scope="module")
def keras() -> Any:
    import keras

    return keras


@pytest.fixture(scope="module")
def ks() -> Any:
    from autotrainer_keras.repair import keras_spec

    return keras_spec


def mlp(keras: Any) -> Any:
    return keras.saving.deserialize_keras_object(load_configs()["seq_mlp"])


def from_model(ks: Any, model: Any, **training: Any) -> Any:
    return ks.spec_from_model(model, TrainingConfig(**training), loss="mse", metrics=["mae"],
                              seed=3)


def test_spec_from_a_compiled_model_keeps_only_non_default_optimizer_settings(
    keras: Any, ks: Any
) -> None:
    model = mlp(keras)
    model.compile(keras.optimizers.SGD(learning_rate=0.05, momentum=0.9, clipnorm=1.0), "mse")
    spec = from_model(ks, model, batch_size=64, epochs=7)
    assert spec.optimizer == {"name": "sgd", "learning_rate": 0.05, "clipnorm": 1.0,
                              "momentum": 0.9}
    assert spec.model == load_configs()["seq_mlp"]  # JSON data, no compile_config
    assert (spec.loss, spec.metrics, spec.batch_size, spec.epochs, spec.seed) == (
        "mse", ("mae",), 64, 7, 3)


def test_configured_optimizer_wins_and_adam_is_the_fallback(keras: Any, ks: Any) -> None:
    model = mlp(keras)
    assert from_model(ks, model).optimizer == {"name": "adam", "learning_rate": 0.001}
    model.compile("rmsprop", "mse")
    assert from_model(ks, model).optimizer == {"name": "rmsprop", "learning_rate": 0.001}
    configured = OptimizerConfig(name="SGD", learning_rate=0.2, nesterov=True)
    assert from_model(ks, model, optimizer=configured).optimizer == {
        "name": "sgd", "learning_rate": 0.2, "nesterov": True}
    with pytest.raises(InputError, match="nope"):
        from_model(ks, model, optimizer=OptimizerConfig(name="nope"))


def test_a_learning_rate_schedule_survives_the_round_trip_and_lr_scaling(
    keras: Any, ks: Any
) -> None:
    model = mlp(keras)
    schedule = keras.optimizers.schedules.ExponentialDecay(0.1, decay_steps=10, decay_rate=0.5)
    model.compile(keras.optimizers.Adam(schedule), "mse")
    spec = from_model(ks, model)
    assert spec.optimizer["learning_rate"]["class_name"] == "ExponentialDecay"
    lowered, _ = apply("lr_down", spec)
    rate = ks.build_model(lowered).optimizer.get_config()["learning_rate"]
    assert rate["class_name"] == "ExponentialDecay"
    assert rate["config"]["initial_learning_rate"] == pytest.approx(0.01)
    assert rate["config"]["decay_steps"] == 10


def test_build_model_is_fresh_seeded_and_honours_the_optimizer_settings(ks: Any) -> None:
    spec = spec_for("seq_mlp", optimizer={"name": "sgd", "learning_rate": 0.05, "momentum": 0.5,
                                          "clipvalue": 9.5})
    first, second = ks.build_model(spec), ks.build_model(spec)
    other = ks.build_model(spec.evolve(seed=1))
    for a, b in zip(first.get_weights(), second.get_weights(), strict=True):
        np.testing.assert_array_equal(a, b)
    assert not np.array_equal(first.get_weights()[0], other.get_weights()[0])
    optimizer = first.optimizer
    assert type(optimizer).__name__ == "SGD"
    assert (optimizer.momentum, optimizer.clipvalue) == (0.5, 9.5)
    assert float(optimizer.learning_rate) == pytest.approx(0.05)
    assert first.loss == "sparse_categorical_crossentropy"


def test_build_model_reports_a_config_keras_cannot_build(ks: Any) -> None:
    spec = spec_for("seq_mlp")
    spec.model["config"]["layers"][1]["class_name"] = "NoSuchLayer"
    with pytest.raises(ModelSpecError, match="cannot build the model"):
        ks.build_model(spec)
    with pytest.raises(ModelSpecError, match="cannot build optimizer"):
        ks.build_model(spec_for("seq_mlp", optimizer={"name": "sgd", "bogus": 1}))


def test_make_callbacks_turns_callback_data_into_keras_callbacks(keras: Any, ks: Any) -> None:
    spec, _ = apply("ReduceLR", spec_for("seq_mlp"))
    spec, _ = apply("estop", spec)
    reduce_lr, stop = ks.make_callbacks(spec)
    assert isinstance(reduce_lr, keras.callbacks.ReduceLROnPlateau)
    assert (reduce_lr.monitor, reduce_lr.factor, reduce_lr.patience, reduce_lr.min_lr) == (
        "val_loss", 0.2, 5, 0.001)
    assert isinstance(stop, keras.callbacks.EarlyStopping) and stop.patience == 3
    with pytest.raises(ModelSpecError, match="unknown callback"):
        ks.make_callbacks(spec_for("seq_mlp", callbacks=({"name": "tensorboard"},)))


def test_transfer_weights_copies_matching_layers_only(ks: Any) -> None:
    spec = spec_for("seq_mlp")
    source = ks.build_model(spec)
    target = ks.build_model(apply("bn", spec)[0].evolve(seed=9))
    assert len(ks.transfer_weights(source, target)) == 3  # h1, h2, out; the new BNs stay fresh
    for name in ("h1", "h2", "out"):
        for a, b in zip(source.get_layer(name).get_weights(),
                        target.get_layer(name).get_weights(), strict=True):
            np.testing.assert_array_equal(a, b)
    four_classes = spec_for("seq_mlp")
    four_classes.model["config"]["layers"][-1]["config"]["units"] = 4
    resized = ks.build_model(four_classes)
    fresh = resized.get_layer("out").get_weights()
    assert len(ks.transfer_weights(source, resized)) == 2  # out's shapes differ: it stays fresh
    np.testing.assert_array_equal(resized.get_layer("out").get_weights()[0], fresh[0])


def test_a_repaired_spec_trains_with_fit_and_its_callbacks(ks: Any) -> None:
    x, y, _ = sample_batch("fun_mlp", n=32)
    spec, _ = apply("gradient", spec_for("fun_mlp", batch_size=16), seed=1)
    spec, _ = apply("ReduceLR", spec)
    model = ks.build_model(spec)
    history = model.fit(x, y, batch_size=spec.batch_size, epochs=1, validation_split=0.25,
                        callbacks=ks.make_callbacks(spec), verbose=0)
    assert np.isfinite(history.history["loss"][0])
    assert model.optimizer.clipvalue == spec.optimizer["clipvalue"]


def _small_regressor(keras: Any, optimizer: Any, width: int = 2) -> Any:
    model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(width)])
    model.compile(optimizer=optimizer, loss="mse")
    return model


def test_optimizer_state_carries_over_so_training_goes_on_as_one_fit(keras: Any, ks: Any) -> None:
    """A copy with the source's weights and optimizer state takes the very step the source
    takes next (Adam's moments and bias correction, a decaying schedule's step); a fresh
    optimizer would not (batch 26's continued originals ended 1-6 % below plain training)."""
    rng = np.random.default_rng(3)
    x, y = rng.normal(size=(40, 3)), rng.normal(size=(40, 2))

    def rate() -> Any:
        return keras.optimizers.schedules.ExponentialDecay(0.05, decay_steps=2, decay_rate=0.5)

    source = _small_regressor(keras, keras.optimizers.Adam(rate()))
    source.fit(x, y, batch_size=8, epochs=1, verbose=0, shuffle=False)
    copy, fresh = (_small_regressor(keras, keras.optimizers.Adam(rate())) for _ in range(2))
    for model in (copy, fresh):
        model.set_weights(source.get_weights())
    assert ks.transfer_optimizer_state(source.optimizer, copy.optimizer, copy.trainable_variables)
    assert int(copy.optimizer.iterations) == int(source.optimizer.iterations) == 5
    for model in (source, copy, fresh):
        model.train_on_batch(x[:8], y[:8])
    for mine, theirs in zip(copy.get_weights(), source.get_weights(), strict=True):
        np.testing.assert_allclose(mine, theirs, rtol=1e-6, atol=1e-7)
    assert not np.allclose(fresh.get_weights()[0], source.get_weights()[0], atol=1e-4)


def test_optimizer_state_is_not_copied_across_classes_or_shapes(keras: Any, ks: Any) -> None:
    rng = np.random.default_rng(4)
    source = _small_regressor(keras, keras.optimizers.Adam())
    source.fit(rng.normal(size=(16, 3)), rng.normal(size=(16, 2)), batch_size=8, verbose=0)
    other_class = _small_regressor(keras, keras.optimizers.SGD())
    other_shape = _small_regressor(keras, keras.optimizers.Adam(), width=4)
    unbuilt = _small_regressor(keras, keras.optimizers.Adam())
    for target in (other_class, other_shape):
        variables = target.trainable_variables
        assert not ks.transfer_optimizer_state(source.optimizer, target.optimizer, variables)
        assert int(target.optimizer.iterations) == 0
    assert not ks.transfer_optimizer_state(unbuilt.optimizer, source.optimizer, [])
    assert int(source.optimizer.iterations) == 2
