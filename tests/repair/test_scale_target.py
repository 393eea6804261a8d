"""`scale_target`: a fixed `y = mean + std * z` layer after a linear output, so the model
learns standardised targets and predicts in their units (fast: config in, rebuilt model out)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import keras
import numpy as np
import pytest

from autotrainer_keras.config import TrainingConfig
from autotrainer_keras.detect.preflight import preflight
from autotrainer_keras.detect.preflight.target_scale import SCALED_LOSSES
from autotrainer_keras.errors import ModelSpecError
from autotrainer_keras.io.data import Dataset
from autotrainer_keras.measure.setup_facts import SetupFacts, data_facts, model_facts
from autotrainer_keras.problems import SetupProblem
from autotrainer_keras.repair import keras_spec
from autotrainer_keras.repair.operators import get_operator
from autotrainer_keras.repair.operators.base import FRESH_LAYERS
from autotrainer_keras.repair.operators.scale_target import LOSS_POWER
from autotrainer_keras.repair.plans import plan_for
from autotrainer_keras.repair.spec import TrainingSpec

RNG = np.random.default_rng(0)
X = RNG.standard_normal((300, 4)).astype("float32")
PRICES = (3000.0 + 800.0 * RNG.standard_normal((300, 1))).astype("float32")
TWO = np.concatenate([PRICES, 0.5 + 0.1 * RNG.standard_normal((300, 1))], axis=1)


def mlp(out: int = 1, bias: str = "zeros") -> keras.Model:
    return keras.Sequential([keras.Input((4,)), keras.layers.Dense(8, activation="relu"),
                             keras.layers.Dense(out, bias_initializer=bias)])  # fmt: skip


def functional(out: int = 1) -> keras.Model:
    inputs = keras.Input((4,))
    hidden = keras.layers.Dense(8, activation="relu")(inputs)
    return keras.Model(inputs, keras.layers.Dense(out, name="price")(hidden))


def spec_of(model: keras.Model, loss: str = "mse", optimizer: object = None) -> TrainingSpec:
    model.compile(optimizer or keras.optimizers.Adam())
    return keras_spec.spec_from_model(model, TrainingConfig(), loss=loss, metrics=["mae"], seed=0)


def scaled(spec: TrainingSpec, y: np.ndarray) -> tuple[TrainingSpec, dict[str, object]]:
    facts = data_facts(Dataset(X, y, X, y))
    return get_operator("scale_target", facts=facts).apply(spec, 0, np.random.default_rng(0))


def z_of(model: keras.Model) -> np.ndarray:
    """What the layers before the appended Rescaling compute (the standardised prediction)."""
    return keras.Model(model.inputs, model.layers[-2].output).predict(X, verbose=0)


@pytest.mark.parametrize("build", [mlp, functional])
def test_predictions_are_mean_plus_std_times_what_the_network_learns(build) -> None:
    spec = spec_of(build())
    new, params = scaled(spec, PRICES)
    assert new.applied == ("scale_target",) and new.optimizer == spec.optimizer  # Adam: as is
    assert params[FRESH_LAYERS] == [params["output"]] and not params["bias_reset"]
    model = keras_spec.build_model(new)
    last = model.layers[-1]
    assert isinstance(last, keras.layers.Rescaling) and not last.trainable
    mean, std = float(PRICES.mean()), float(PRICES.std())
    np.testing.assert_allclose(model.predict(X, verbose=0), mean + std * z_of(model), rtol=1e-5)
    assert f"y = {mean:.4g} + {std:.4g} z" in get_operator(
        "scale_target", facts=data_facts(Dataset(X, PRICES, X, PRICES))).describe(params)


def test_each_target_column_gets_its_own_mean_and_std_and_the_model_round_trips(
    tmp_path: Path,
) -> None:
    new, params = scaled(spec_of(mlp(out=2)), TWO)
    assert params["columns"] == 2
    model = keras_spec.build_model(new)
    out = model.predict(X, verbose=0)
    np.testing.assert_allclose(out, TWO.mean(axis=0) + TWO.std(axis=0) * z_of(model), rtol=1e-5)
    model.save(tmp_path / "m.keras")
    again = keras.saving.load_model(tmp_path / "m.keras")
    np.testing.assert_allclose(again.predict(X, verbose=0), out, rtol=1e-6)


def test_the_repaired_model_is_not_named_again_and_the_original_is() -> None:
    data = data_facts(Dataset(X, PRICES, X, PRICES))

    def problems(model: keras.Model) -> list[SetupProblem]:
        facts = model_facts(model, loss="mse", optimizer="adam", learning_rate=1e-3,
                            default_learning_rate=1e-3, epochs=30, batch_size=32)  # fmt: skip
        return [f.problem for f in preflight(SetupFacts(facts, data))]

    spec = spec_of(mlp())
    assert problems(keras_spec.build_model(spec)) == [SetupProblem.UNSCALED_TARGET]
    assert problems(keras_spec.build_model(scaled(spec, PRICES)[0])) == []
    assert plan_for(SetupProblem.UNSCALED_TARGET, "default") == [("scale_target", 1)]


def test_sgd_rate_is_divided_by_the_loss_scale_adam_is_left_alone() -> None:
    std = float(PRICES.std())
    mse, p = scaled(spec_of(mlp(), optimizer=keras.optimizers.SGD(0.01, momentum=0.9)), PRICES)
    assert mse.optimizer["learning_rate"] == pytest.approx(0.01 / std**2)
    assert mse.optimizer["momentum"] == 0.9 and p["loss_power"] == 2
    mae, _ = scaled(spec_of(mlp(), "mae", keras.optimizers.SGD(0.01)), PRICES)
    assert mae.optimizer["learning_rate"] == pytest.approx(0.01 / std)
    assert "SGD's learning rate 0.01 ->" in get_operator(
        "scale_target", facts=data_facts(Dataset(X, PRICES, X, PRICES))).describe(p)
    assert set(LOSS_POWER) == SCALED_LOSSES


def test_a_non_zero_output_bias_initializer_is_reset() -> None:
    new, params = scaled(spec_of(mlp(bias="ones")), PRICES)
    assert params["bias_reset"]
    model = keras_spec.build_model(new)
    np.testing.assert_array_equal(model.layers[-2].bias.numpy(), 0.0)


def test_it_does_not_apply_twice_nor_to_classification_nor_a_bounded_head() -> None:
    new, _ = scaled(spec_of(mlp()), PRICES)
    with pytest.raises(ModelSpecError, match="already rescales"):
        scaled(new, PRICES)
    with pytest.raises(ModelSpecError, match="regression loss"):
        scaled(spec_of(mlp(), "binary_crossentropy"), PRICES)
    sigmoid = keras.Sequential([keras.Input((4,)), keras.layers.Dense(1, activation="sigmoid")])
    with pytest.raises(ModelSpecError, match="not linear"):
        scaled(spec_of(sigmoid), PRICES)


def regression(seed: int) -> tuple[np.ndarray, ...]:
    """Smooth non-linear targets ~ N(3000, 800): 700 training rows, 300 validation rows."""
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((1000, 8)).astype("float32")
    z = x @ rng.standard_normal(8) + np.sin(2 * x[:, 0]) + 0.5 * x[:, 1] * x[:, 2]
    y = (3000.0 + 800.0 * (z - z.mean()) / z.std()).astype("float32").reshape(-1, 1)
    return x[:700], y[:700], x[700:], y[700:]


@pytest.mark.medium
@pytest.mark.parametrize(("optimizer", "seed"), [("adam", 0), ("sgd", 1)])
def test_fit_names_unscaled_targets_and_the_repair_learns_them(
    optimizer: str, seed: int, tmp_path: Path
) -> None:
    """Measured: Adam 9.3e6 -> 3.0e4 (the original stalled; the targets' variance is 6.4e5),
    SGD(0.01) 1.5e27 (diverged) -> 3.4e4; the bar is far from both."""
    import autotrainer_keras

    x, y, x_val, y_val = regression(seed)
    keras.utils.set_random_seed(seed)
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(32, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.get(optimizer), "mse")
    result = autotrainer_keras.fit(
        model, x, y, validation_data=(x_val, y_val), epochs=20, output_dir=tmp_path,
        config={"training": {"seed": seed}}, tracking=False, verbose=False,
    )  # fmt: skip
    assert result.findings[0].problem is SetupProblem.UNSCALED_TARGET
    assert result.status == "repaired"
    final, original = result.report["final"], result.report["original"]
    assert final["solutions"] == ["scale_target"]
    variance = float(y_val.var())
    assert final["val_loss"] < 0.2 * variance < original["best_val_loss"] / 5
    assert isinstance(result.model.layers[-1], keras.layers.Rescaling)
    predictions = result.model.predict(x_val, verbose=0)  # in the targets' own units
    assert float(np.mean((predictions - y_val) ** 2)) == pytest.approx(final["val_loss"], rel=1e-4)
    saved = keras.saving.load_model(tmp_path / "model.keras")
    np.testing.assert_allclose(saved.predict(x_val, verbose=0), predictions, rtol=1e-5)


def q_scores() -> keras.Model:
    """Practice batch 31's fitted Q-values: one value per action, the taken action's read by
    a `Dot` with its one-hot mask (the model's output has no Dense of its own)."""
    cells, actions = keras.Input((4,), name="cell"), keras.Input((3,), name="action")
    q = keras.layers.Dense(3)(keras.layers.Dense(8, activation="relu")(cells))
    return keras.Model([cells, actions], keras.layers.Dot(axes=1)([q, actions]))


def residual() -> keras.Model:
    inputs = keras.Input((4,))
    h = keras.layers.Dense(4)(keras.layers.Dense(8, activation="relu")(inputs))
    return keras.Model(inputs, keras.layers.Add()([inputs, h]))


def wide_and_deep() -> keras.Model:
    """Practice batch 47's house model: a deep and a wide Dense(1) summed, then an
    `Activation` whose name is a knob, here linear."""
    inputs = keras.Input((4,))
    deep = keras.layers.Dense(1)(keras.layers.Dense(8, activation="relu")(inputs))
    summed = keras.layers.Add()([deep, keras.layers.Dense(1)(inputs)])
    return keras.Model(inputs, keras.layers.Activation("linear")(summed))


@pytest.mark.parametrize("build", [q_scores, residual, wide_and_deep])
def test_an_output_without_a_dense_of_its_own_is_rescaled_after_it(build, tmp_path: Path) -> None:
    spec = spec_of(build())
    y = np.repeat(PRICES, 4, axis=1) if build is residual else PRICES
    new, params = scaled(spec, y)
    assert params[FRESH_LAYERS] == [] and not params["bias_reset"]
    model = keras_spec.build_model(new)
    assert isinstance(model.layers[-1], keras.layers.Rescaling)
    x = [X, np.eye(3, dtype="float32")[RNG.integers(0, 3, len(X))]] if build is q_scores else X
    joined = keras.Model(model.inputs, model.layers[-2].output).predict(x, verbose=0)
    out = model.predict(x, verbose=0)
    np.testing.assert_allclose(out, y.mean(axis=0) + y.std(axis=0) * joined, rtol=1e-5, atol=0.01)
    model.save(tmp_path / "m.keras")
    np.testing.assert_allclose(keras.saving.load_model(tmp_path / "m.keras").predict(
        x, verbose=0), out, rtol=1e-6)  # fmt: skip


def sub_pixel() -> keras.Model:
    """Practice batch 84's ESPCN end: a linear convolution to 4 channels, then
    `depth_to_space` in a Lambda (one channel at twice the size)."""
    inputs = keras.Input((4,))
    grid = keras.layers.Reshape((2, 2, 4))(keras.layers.Dense(16, activation="relu")(inputs))
    conv = keras.layers.Conv2D(4, 1, name="sub_pixel_conv")(grid)
    return keras.Model(inputs, keras.layers.Lambda(lambda t: keras.ops.depth_to_space(t, 2),
                                                   output_shape=(4, 4, 1))(conv))  # fmt: skip


def test_a_convolution_ending_an_image_model_through_a_lambda_is_rescaled() -> None:
    """Targets of 0..255 grey levels: the convolution restarts fresh and learns z; the
    Rescaling comes after the Lambda, which still moves the values into place."""
    pixels = np.repeat(PRICES / 20.0, 16, axis=1).reshape(-1, 4, 4, 1)
    spec = dataclasses.replace(spec_of(sub_pixel()), trust_code=True)  # the Lambda's code
    new, params = scaled(spec, pixels)
    assert params["output"] == "sub_pixel_conv" and params[FRESH_LAYERS] == ["sub_pixel_conv"]
    model = keras_spec.build_model(new)
    assert isinstance(model.layers[-1], keras.layers.Rescaling)
    out = model.predict(X, verbose=0)
    assert out.shape == (len(X), 4, 4, 1)
    np.testing.assert_allclose(out, pixels.mean() + pixels.std() * z_of(model), rtol=1e-5,
                               atol=1e-3)  # fmt: skip
