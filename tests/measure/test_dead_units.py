"""The dead-unit probe on realistic models: a backbone nested as one layer, BatchNorm models
probed in training mode without changing them, mixed-precision probe gradients."""

from __future__ import annotations

import numpy as np
import pytest

pytestmark = pytest.mark.medium


def _backbone() -> object:
    import keras

    inputs = keras.Input((6,))
    hidden = keras.layers.Dense(8, activation="relu", bias_initializer="zeros", name="inner")
    outputs = keras.layers.Dense(4, activation="relu", name="dead_inner",
                                 bias_initializer=keras.initializers.Constant(-100.0))(
        hidden(inputs))  # fmt: skip
    return keras.Model(inputs, outputs, name="backbone")


def test_nested_backbone_relu_layers_are_probed() -> None:
    import keras

    from autotrainer_keras.measure.probes import DeadUnitProbe

    keras.utils.set_random_seed(0)
    inputs = keras.Input((6,))
    features = _backbone()(inputs)
    outputs = keras.layers.Dense(1, activation="sigmoid")(features)
    model = keras.Model(inputs, outputs)
    x = np.random.default_rng(0).normal(size=(64, 6)).astype("float32")
    dead = DeadUnitProbe(model, x).measure()
    assert dead["backbone/dead_inner"] == 1.0  # a bias of -100 silences every unit
    assert dead["backbone/inner"] < 0.5


def test_a_base_reused_in_a_second_model_is_probed_in_that_model() -> None:
    """Transfer learning: a base trained inside one model, then reused in a new one
    (practice batch 3's transfer_frozen_base). Its first call's tensors belong to the
    first model's graph: the probe crashed ("not connected to inputs") building its own."""
    import keras

    from autotrainer_keras.measure.probes import DeadUnitProbe

    keras.utils.set_random_seed(0)
    base = _backbone()
    keras.Sequential([base, keras.layers.Dense(3, activation="softmax")])  # pretraining
    shared = keras.layers.Dense(5, activation="relu", name="shared")
    keras.Sequential([keras.Input((6,)), shared])  # a layer called in another model too
    inputs = keras.Input((6,))
    outputs = keras.layers.Dense(1, activation="sigmoid")(shared(inputs) + base(inputs)[:, :1])
    model = keras.Model(inputs, outputs)
    x = np.random.default_rng(0).normal(size=(64, 6)).astype("float32")
    dead = DeadUnitProbe(model, x).measure()
    assert dead["backbone/dead_inner"] == 1.0 and dead["backbone/inner"] < 0.5
    assert dead["shared"] < 0.5


def test_batch_norm_model_is_probed_in_training_mode_and_left_unchanged() -> None:
    """Inputs far from the moving averages' initial 0/1: in inference mode BatchNorm passes
    them almost as they are (all negative, so every ReLU unit reads as dead); in training mode
    it standardises them with the batch statistics and about half the units fire. The moving
    averages are the same after the probe."""
    import keras

    from autotrainer_keras.measure.probes import DeadUnitProbe

    keras.utils.set_random_seed(0)
    model = keras.Sequential([
        keras.Input((4,)),
        keras.layers.BatchNormalization(),
        keras.layers.ReLU(name="relu"),
        keras.layers.Dense(1),
    ])  # fmt: skip
    x = (np.random.default_rng(0).normal(size=(128, 4)) - 50.0).astype("float32")
    before = [np.array(v) for v in model.non_trainable_variables]
    dead = DeadUnitProbe(model, x).measure()
    assert dead["relu"] == 0.0
    for saved, variable in zip(before, model.non_trainable_variables, strict=True):
        np.testing.assert_array_equal(saved, np.array(variable))
    inference = keras.Model(model.inputs, model.get_layer("relu").output)(x, training=False)
    assert float(np.mean(np.array(inference) > 0)) == 0.0  # what inference mode would say


def test_skipped_overflow_steps_are_not_nan_gradients() -> None:
    """Under mixed precision a LossScaleOptimizer skips a step whose scaled gradients
    overflow: that step's statistics are neither kept nor flagged; without loss scaling the
    same gradients are a NaN/Inf finding's evidence."""
    import tensorflow as tf

    from autotrainer_keras.measure.step_stats import StepStatsBuffer, gradient_row

    variable = tf.Variable(tf.ones([3]))
    overflow = [tf.constant([1.0, float("inf"), 1.0])]
    healthy = [tf.constant([3.0, 4.0, 0.0])]
    for skips, flagged, rows in ((True, False, 1), (False, True, 2)):
        buffer = StepStatsBuffer([3], ring_size=8)
        buffer.overflow_skips = skips
        for gradients in (overflow, healthy):  # the running mean loss stays 0.5
            buffer.add(tf.constant(0.5), gradient_row(gradients, [variable]))
        window = buffer.read()
        assert window.nonfinite is flagged and len(window.grad_sq) == rows
        assert window.grad_sq[-1, 0] == 25.0 and list(window.losses) == [0.5, 0.5]


def test_steps_whose_loss_itself_is_not_finite_are_kept_and_flagged() -> None:
    """A float16 output past 65504 makes every loss Inf: no skipped overflow step (whose loss
    stays finite), so the rows stay and the window is flagged (else no check was made, and a
    job with NaN losses throughout ended `healthy`: practice batch 39)."""
    import tensorflow as tf

    from autotrainer_keras.measure.step_stats import StepStatsBuffer, gradient_row

    variable = tf.Variable(tf.ones([3]))
    overflow = [tf.constant([1.0, float("nan"), 1.0])]
    buffer = StepStatsBuffer([3], ring_size=8)
    buffer.overflow_skips = True
    for _ in range(2):
        buffer.add(tf.constant(float("inf")), gradient_row(overflow, [variable]))
    window = buffer.read()
    assert window.nonfinite and len(window.grad_sq) == 2


def test_a_model_with_state_but_no_batch_norm_is_probed_in_inference_mode() -> None:
    """Dropout's seed state is a non-trainable variable too: nothing to save or restore."""
    import keras

    from autotrainer_keras.measure.probes import DeadUnitProbe

    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input((6,)), keras.layers.Dense(8, activation="relu"),
                              keras.layers.Dropout(0.5), keras.layers.Dense(1)])  # fmt: skip
    assert model.non_trainable_variables  # the seed generator's state
    x = np.random.default_rng(0).normal(size=(64, 6)).astype("float32")
    dead = DeadUnitProbe(model, x).measure()
    assert list(dead) == [model.layers[0].name] and 0.0 <= dead[model.layers[0].name] < 0.5


def _half_dead_model(batch_norm: bool = False, relu_output: bool = False) -> object:
    """Conv and Dense ReLU layers with about half their units silenced by a negative bias."""
    import keras

    def bias(units: int) -> object:
        return keras.initializers.Constant(np.where(np.arange(units) % 2 == 0, -50.0, 0.1))

    layers = [keras.Input((8, 8, 1)),
              keras.layers.Conv2D(6, 3, activation="relu", bias_initializer=bias(6), name="conv"),
              keras.layers.Flatten(),
              keras.layers.Dense(10, activation="relu", bias_initializer=bias(10), name="dense")]
    if batch_norm:
        layers += [keras.layers.BatchNormalization(), keras.layers.ReLU(name="after_bn")]
    layers.append(keras.layers.Dense(3, activation="relu" if relu_output else "softmax",
                                     name="out"))  # fmt: skip
    return keras.Sequential(layers)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_dead_units_read_from_the_activation_pass_equal_their_own_pass(seed: int) -> None:
    """Without BatchNormalization or a nested model the dead fractions come from the
    activation probe's per-unit maxima (no forward pass or graph of the dead-unit probe's
    own) and equal what its own pass measures, layer by layer."""
    import keras

    from autotrainer_keras.measure.activation_probe import ActivationProbe
    from autotrainer_keras.measure.probes import DeadUnitProbe

    keras.utils.set_random_seed(seed)
    model = _half_dead_model()
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(96, 8, 8, 1)).astype("float32")
    y = rng.integers(0, 3, size=96)
    activations = ActivationProbe(model, x, y)
    activations.measure()
    dead = DeadUnitProbe(model, x)
    read = dead.measure(activations)
    assert dead._fractions is None  # nothing of its own traced or run
    assert read == dead.measure()
    assert read["conv"] >= 0.5 and read["dense"] >= 0.5  # the silenced half, at least


@pytest.mark.parametrize(("batch_norm", "relu_output"), [(True, False), (False, True)])
def test_dead_units_fall_back_to_their_own_pass(batch_norm: bool, relu_output: bool) -> None:
    """BatchNormalization (probed in training mode) or a ReLU layer the activation probe does
    not see (the output layer): the dead-unit probe runs its own pass."""
    import keras

    from autotrainer_keras.measure.activation_probe import ActivationProbe
    from autotrainer_keras.measure.probes import DeadUnitProbe

    keras.utils.set_random_seed(0)
    model = _half_dead_model(batch_norm, relu_output)
    rng = np.random.default_rng(0)
    x = rng.normal(size=(64, 8, 8, 1)).astype("float32")
    y = rng.integers(0, 3, size=64).astype("float32")
    activations = ActivationProbe(model, x, y)
    activations.measure()
    dead = DeadUnitProbe(model, x)
    measured = dead.measure(activations)
    assert dead._fractions is not None
    assert set(measured) == {layer.name for layer in dead.layers}
