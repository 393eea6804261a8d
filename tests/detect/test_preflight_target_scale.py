"""The unscaled-target rule on real Keras models (built in milliseconds) and generated targets:
it fires on regression targets in the thousands and stays quiet on classification labels,
standardised targets, targets in [0, 1], MSLE and bounded heads."""

from __future__ import annotations

import keras
import numpy as np
import pytest

from autotrainer_keras.config.preflight import PreflightThresholds
from autotrainer_keras.detect.preflight import RULES
from autotrainer_keras.detect.preflight.target_scale import target_scale
from autotrainer_keras.io.data import Dataset
from autotrainer_keras.measure.setup_facts import SetupFacts, data_facts, model_facts
from autotrainer_keras.problems import SetupProblem

T = PreflightThresholds()
RNG = np.random.default_rng(0)
X = RNG.standard_normal((400, 4)).astype("float32")
Z = (X @ np.array([1.0, -2.0, 0.5, 0.0]) / 2.3).astype("float32").reshape(-1, 1)


def mlp(out: int = 1, out_act: str | None = None, last: keras.layers.Layer | None = None
        ) -> keras.Model:  # fmt: skip
    return keras.Sequential([keras.Input((4,)), keras.layers.Dense(8, activation="relu"),
                             keras.layers.Dense(out, activation=out_act),
                             *([last] if last else [])])  # fmt: skip


def sheet(y: np.ndarray, loss: str = "mse", model: keras.Model | None = None) -> SetupFacts:
    facts = model_facts(model or mlp(y.shape[-1] if y.ndim > 1 else 1), loss=loss,
                        optimizer="adam", learning_rate=1e-3, default_learning_rate=1e-3,
                        epochs=30, batch_size=32)  # fmt: skip
    return SetupFacts(facts, data_facts(Dataset(X, y, X, y)))


@pytest.mark.parametrize("loss", ["mse", "mean_absolute_error", "huber", "log_cosh"])
def test_prices_in_the_thousands_fire_with_their_mean_and_std(loss: str) -> None:
    prices = 3000.0 + 800.0 * Z
    finding = target_scale(sheet(prices, loss), T)
    assert finding is not None and finding.problem is SetupProblem.UNSCALED_TARGET
    assert finding.evidence["y_mean"] == pytest.approx(float(prices.mean()), rel=1e-6)
    assert finding.evidence["y_std"] == pytest.approx(float(prices.std()), rel=1e-6)
    assert finding.evidence["target_scale"] == pytest.approx(float(prices.mean()), rel=1e-6)
    assert finding.thresholds == {"target_scale": T.target_scale}
    assert finding.layer is not None and finding.layer.startswith("dense")
    assert "standardised targets" in finding.reason and loss in finding.reason


def test_a_large_spread_around_zero_fires_and_the_line_is_the_threshold() -> None:
    assert target_scale(sheet(300.0 * Z), T) is not None  # mean ~0, std 300
    at = T.target_scale / float(Z.std())
    assert target_scale(sheet(at * Z * 1.001), T) is not None
    assert target_scale(sheet(at * Z * 0.999), T) is None


@pytest.mark.parametrize(
    "y",
    [Z, (Z - Z.min()) / (Z.max() - Z.min()), 22.5 + 9.2 * Z],  # standardised, [0, 1], Boston
    ids=["standardised", "unit-interval", "boston-prices"],
)
def test_quiet_on_targets_near_unit_scale(y: np.ndarray) -> None:
    assert target_scale(sheet(y), T) is None


def test_quiet_on_classification_msle_and_bounded_heads() -> None:
    classes = RNG.integers(0, 3, 400)
    assert target_scale(sheet(classes, "sparse_categorical_crossentropy",
                              mlp(3, "softmax")), T) is None  # fmt: skip
    assert target_scale(sheet((Z > 0).astype("float32"), "mse", mlp(1, "sigmoid")), T) is None
    prices = 3000.0 + 800.0 * Z
    assert target_scale(sheet(prices, "mean_squared_logarithmic_error"), T) is None
    assert target_scale(sheet(prices, "mse", mlp(1, "relu")), T) is None


def test_a_final_rescaling_layer_is_read_through() -> None:
    prices = 3000.0 + 800.0 * Z
    mean, std = float(prices.mean()), float(prices.std())
    mapped = mlp(last=keras.layers.Rescaling(scale=[std], offset=[mean]))
    assert target_scale(sheet(prices, model=mapped), T) is None
    half = mlp(last=keras.layers.Rescaling(scale=10.0))  # 3000 / 10 = 300: still unscaled
    assert target_scale(sheet(prices, model=half), T) is not None


def test_the_worst_of_several_columns_is_named() -> None:
    two = np.concatenate([Z, 5000.0 + 100.0 * Z], axis=1)
    finding = target_scale(sheet(two), T)
    assert finding is not None and "target column 1 has mean" in finding.reason
    assert finding.evidence["target_columns"] == 2.0
    assert finding.evidence["y_mean"] == pytest.approx(float(two[:, 1].mean()), rel=1e-6)
    assert target_scale in RULES


@pytest.mark.parametrize(("mean", "std"), [(0.0, 0.02), (0.008, 0.023), (0.01, 0.0025)])
def test_tiny_targets_fire_on_the_small_side(mean: float, std: float) -> None:
    """A displacement in metres (practice batch 30's oscillator: 0.008 +- 0.023) or a
    concentration near 0: `benchmarks/target_scale.py` gives Adam a validation MSE near the
    variance's (no better than the mean) at std 0.03, against 0.028 standardised."""
    finding = target_scale(sheet(mean + std * Z / Z.std()), T)
    assert finding is not None and finding.problem is SetupProblem.UNSCALED_TARGET
    assert finding.thresholds == {"target_scale_small": T.target_scale_small}
    assert finding.evidence["target_scale"] <= T.target_scale_small
    assert "shrink to them" in finding.reason


def test_min_max_scaled_targets_and_a_constant_column_stay_quiet_on_the_small_side() -> None:
    assert target_scale(sheet(0.5 + 0.25 * Z / Z.std()), T) is None  # within [0, 1]
    assert target_scale(sheet(0.1 * Z / Z.std()), T) is None  # twice the bar
    constant = np.concatenate([Z / Z.std(), np.zeros_like(Z)], axis=1)
    assert target_scale(sheet(constant), T) is None  # a column of zeros does not vary


def test_a_map_of_small_values_stays_quiet_on_the_small_side() -> None:
    """A density map per row (practice batch 29's counting model: std 0.022, peak 0.27)
    counts by its sum and trains well: the small side reads vectors of values only."""
    maps = (np.abs(RNG.standard_normal((400, 8, 8, 1))) * 0.02).astype("float32")
    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(64),
                              keras.layers.Reshape((8, 8, 1))])  # fmt: skip
    assert target_scale(sheet(maps, model=model), T) is None
    flat = maps.reshape(400, -1)[:, :1]  # the same values, one per row
    assert target_scale(sheet(flat), T) is not None


def residual(head: str | None) -> keras.Model:
    """A super-resolution-style output: the upsampled input plus a convolution's output."""
    inputs = keras.Input((4,))
    up = keras.layers.Reshape((4, 1))(inputs)
    up = keras.layers.UpSampling1D(2)(up)
    h = keras.layers.Conv1D(8, 3, padding="same", activation="relu")(up)
    h = keras.layers.Conv1D(1, 3, padding="same", activation=head)(h)
    return keras.Model(inputs, keras.layers.Flatten()(keras.layers.Add()([up, h])))


def test_a_residual_output_of_linear_branches_is_read_as_linear() -> None:
    """Practice batch 29's super-resolution targets left in 0..255 behind `Add([upsampled
    input, linear conv])`: plain val MAE 14.6 (0.057 of the range) against 0.024. A join
    of a bounded head stays unjudged (its range is the head's)."""
    pixels = 120.0 + 60.0 * np.repeat(Z, 8, axis=1) / Z.std()
    finding = target_scale(sheet(pixels, model=residual(None)), T)
    assert finding is not None and finding.layer is not None and finding.layer.startswith("add")
    assert target_scale(sheet(pixels / 255.0, model=residual(None)), T) is None
    bounded = sheet(pixels, model=residual("sigmoid"))
    assert not bounded.model.output_activation_known
    assert target_scale(bounded, T) is None


def test_a_residual_output_on_inputs_of_the_targets_scale_is_quiet() -> None:
    """Practice batch 84's denoiser on 0..255 pixels, `Subtract([noisy, predicted noise])`:
    the output starts at the inputs, which carry the targets' scale (input 104, targets 84;
    1.2x the unit-scale run's loss). Inputs at unit scale under such targets still fire."""
    pixels = 120.0 + 60.0 * np.repeat(Z, 8, axis=1) / Z.std()
    model = residual(None)
    loud = (X * 60.0 + 120.0).astype("float32")
    facts = model_facts(model, loss="mse", optimizer="adam", learning_rate=1e-3,
                        default_learning_rate=1e-3, epochs=30, batch_size=32)  # fmt: skip
    assert facts.output_skip.startswith("add")
    assert target_scale(SetupFacts(facts, data_facts(Dataset(loud, pixels, loud, pixels))),
                        T) is None  # fmt: skip
    assert target_scale(SetupFacts(facts, data_facts(Dataset(X, pixels, X, pixels))),
                        T) is not None  # fmt: skip
    assert not model_facts(mlp(), loss="mse", optimizer="adam", learning_rate=1e-3,
                           default_learning_rate=1e-3, epochs=30,
                           batch_size=32).output_skip  # fmt: skip


def _sub_pixel(move: object) -> keras.Model:
    inputs = keras.Input((4,))
    h = keras.layers.Dense(8, activation="relu")(inputs)
    h = keras.layers.Dense(16)(h)
    return keras.Model(inputs, keras.layers.Lambda(move)(keras.layers.Reshape((2, 2, 4))(h)))


def test_a_lambda_that_only_moves_values_is_read_through() -> None:
    """Practice batch 84's ESPCN: a linear conv, then `Lambda(depth_to_space)`, on targets
    left in 0..255 (plain val MAE 0.038 against 0.011 of the range). A `Lambda` that changes
    values (x 255) stays unknown, and so unjudged."""
    pixels = (120.0 + 60.0 * np.repeat(Z, 16, axis=1) / Z.std()).reshape(-1, 4, 4, 1)
    shuffled = _sheet_with(_sub_pixel(lambda t: keras.ops.depth_to_space(t, 2)), pixels)
    assert shuffled.model.output_activation_known
    assert target_scale(shuffled, T) is not None
    scaled = _sheet_with(_sub_pixel(lambda t: t * 255.0), pixels)
    assert not scaled.model.output_activation_known
    assert target_scale(scaled, T) is None


def _sheet_with(model: keras.Model, y: np.ndarray, optimizer: str = "adam") -> SetupFacts:
    facts = model_facts(model, loss="mse", optimizer=optimizer, learning_rate=1e-3,
                        default_learning_rate=1e-3, epochs=30, batch_size=32)  # fmt: skip
    return SetupFacts(facts, data_facts(Dataset(X, y, X, y)))


def _bounded(kind: str) -> keras.Model:
    inputs = keras.Input((4,))
    if kind == "tanh":
        h = keras.layers.Dense(16, activation="tanh")(inputs)
    elif kind == "lstm dropout":  # a recurrent layer's outputs, through a Dropout
        h = keras.layers.Reshape((4, 1))(inputs)
        h = keras.layers.Dropout(0.1)(keras.layers.LSTM(8)(h))
    else:  # "relu": unbounded
        h = keras.layers.Dense(16, activation="relu")(inputs)
    return keras.Model(inputs, keras.layers.Dense(1)(h))


@pytest.mark.parametrize("kind", ["tanh", "lstm dropout"])
def test_targets_of_scale_twenty_behind_bounded_features_fire_under_adam_only(kind: str) -> None:
    """Batch 79's running sums (mean 45) through an LSTM: 200x the standardised error, under
    the 50 that a ReLU network's targets are judged by. SGD's steps grow with them."""
    y = 20.0 + 8.0 * Z
    found = target_scale(_sheet_with(_bounded(kind), y), T)
    assert found is not None
    assert found.thresholds == {"target_scale_bounded": T.target_scale_bounded}
    assert "values in [-1, 1]" in found.reason
    assert target_scale(_sheet_with(_bounded(kind), y, optimizer="sgd"), T) is None
    assert target_scale(_sheet_with(_bounded("relu"), y), T) is None
    assert target_scale(_sheet_with(_bounded(kind), 3.0 * Z), T) is None  # margin below 10
