"""A user's model class whose methods read an attribute set outside its config: the job's
rebuilt copies lose it, and the job says so (practice batch 10's `train_step` scripts); a
class's own `train_step` does not run in the job at all, and the job says that too (practice
batch 34)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import keras
import numpy as np
import pytest

import autotrainer_keras
from autotrainer_keras.engine.lost_state import overridden_steps, settings_outside_config


@keras.saving.register_keras_serializable(package="test_lost_state")
class ScaledStep(keras.Model):
    """A functional model whose `train_step` scales the loss by `self.factor`."""

    factor: float = 1.0

    def train_step(self, data: Any) -> dict[str, Any]:
        import tensorflow as tf

        x, y = data[0], data[1]
        with tf.GradientTape() as tape:
            y_pred = self(x, training=True)
            loss = self.compute_loss(x=x, y=y, y_pred=y_pred) * self.factor
        grads = tape.gradient(loss, self.trainable_variables)
        self.optimizer.apply_gradients(zip(grads, self.trainable_variables, strict=True))
        return self.compute_metrics(x, y, y_pred)


def _model(factor: float | None) -> keras.Model:
    keras.utils.set_random_seed(0)
    inputs = keras.Input((4,))
    model = ScaledStep(inputs, keras.layers.Dense(1, activation="sigmoid")(inputs))
    if factor is not None:
        model.factor = factor
    model.compile("adam", "binary_crossentropy", metrics=["accuracy"])
    return model


def _rebuilt(model: keras.Model) -> keras.Model:
    copy = type(model).from_config(model.get_config())
    copy.compile("adam", "binary_crossentropy")
    return copy


def test_a_setting_the_copy_loses_is_named_and_keras_state_is_not() -> None:
    x = np.zeros((8, 4), "float32")
    fitted = _model(-1.0)
    fitted.fit(x, np.zeros(8), verbose=0)  # Keras' own state set by fit is not a setting
    assert settings_outside_config(fitted, _rebuilt(fitted)) == ["factor"]
    assert settings_outside_config(_model(1.0), _rebuilt(_model(1.0))) == []  # the default
    assert settings_outside_config(_model(None), _rebuilt(_model(None))) == []


@pytest.mark.medium
def test_the_job_warns_when_its_rebuilt_model_loses_a_setting(tmp_path: Path) -> None:
    rng = np.random.default_rng(0)
    x = rng.normal(size=(200, 4)).astype("float32")
    y = (x[:, 0] > 0).astype("float32")
    with pytest.warns(UserWarning, match=r"factor=-1\.0 .*get_config"):
        result = autotrainer_keras.fit(_model(-1.0), x, y, epochs=1, validation_split=0.25,
                                       repair=False, tracking=False, verbose=False,
                                       output_dir=tmp_path / "out")  # fmt: skip
    assert any("factor=-1.0" in w for w in result.report["warnings"])
    # its own train_step does not run in the job (practice batch 34): said too
    assert any("defines its own train_step" in w for w in result.report["warnings"])


def test_a_class_s_own_step_methods_are_named_and_keras_own_are_not() -> None:
    assert overridden_steps(_model(1.0)) == ["train_step"]
    inputs = keras.Input((4,))
    assert overridden_steps(keras.Model(inputs, keras.layers.Dense(1)(inputs))) == []
    assert overridden_steps(keras.Sequential([keras.Input((4,)), keras.layers.Dense(1)])) == []
