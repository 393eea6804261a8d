"""Batch-60 robustness and in-model ensemble scripts (keyword options are the faults, the
defaults the healthy choice): FGSM / PGD adversarial training in a custom `train_step`,
GaussianNoise / GaussianDropout on a sensor table, label smoothing against noisy digit
labels, stochastic weight averaging and snapshot schedules through callbacks, a multi-head
ensemble in one functional model, Monte-Carlo dropout, max-norm constrained layers and input
noise on Friedman #1. Each script calls `kit.fit`.
"""

from __future__ import annotations

from typing import Any

import keras
import numpy as np
import tensorflow as tf
from keras import layers

from benchmarks.practice.batch2_data import DATA_SEED
from benchmarks.practice.batch60_data import (
    digits_flat,
    friedman_split,
    noisy_digit_labels,
    sensor_table,
)
from benchmarks.practice.kit import Kit


class AdversarialModel(keras.Model):
    """A functional model whose `train_step` trains on a mix of clean and adversarial rows:
    FGSM (`steps=1`, step `epsilon`) or PGD (`steps` steps of `alpha` inside the `epsilon`
    ball), as the "adversarial training in Keras" tutorials write it."""

    def __init__(self, *args: Any, epsilon: float = 0.05, steps: int = 1,
                 alpha: float | None = None, mix: float = 0.5, direction: float = 1.0,
                 clip: bool = True, **kwargs: Any) -> None:  # fmt: skip
        super().__init__(*args, **kwargs)
        self.epsilon, self.steps, self.mix = epsilon, steps, mix
        self.alpha = epsilon if alpha is None else alpha
        self.direction, self.clip = direction, clip

    def _perturb(self, x: Any, y: Any) -> Any:
        x_adv = x
        for _ in range(self.steps):
            with tf.GradientTape() as tape:
                tape.watch(x_adv)
                loss = keras.losses.sparse_categorical_crossentropy(
                    y, self(x_adv, training=False))
            grad = tape.gradient(loss, x_adv)
            x_adv = x_adv + self.direction * self.alpha * tf.sign(grad)
            x_adv = tf.clip_by_value(x_adv, x - self.epsilon, x + self.epsilon)
            if self.clip:
                x_adv = tf.clip_by_value(x_adv, 0.0, 1.0)
        return tf.stop_gradient(x_adv)

    def train_step(self, data):  # type: ignore[no-untyped-def]
        x, y = data[0], data[1]
        x_adv = self._perturb(x, y)
        with tf.GradientTape() as tape:
            y_pred = self(x, training=True)
            y_adv = self(x_adv, training=True)
            loss = ((1.0 - self.mix) * self.compute_loss(x=x, y=y, y_pred=y_pred)
                    + self.mix * self.compute_loss(x=x_adv, y=y, y_pred=y_adv))  # fmt: skip
        grads = tape.gradient(loss, self.trainable_variables)
        self.optimizer.apply(grads, self.trainable_variables)
        for metric in self.metrics:
            if metric.name == "loss":
                metric.update_state(loss)
            else:
                metric.update_state(y, y_pred)
        return {m.name: m.result() for m in self.metrics}


class InputNoise(layers.Layer):
    """Additive Gaussian noise written by hand, training only (what practitioners fall back
    on when Keras 3's GaussianNoise refuses a stddev above 1)."""

    def __init__(self, stddev: float, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.stddev = stddev
        self.seeds = keras.random.SeedGenerator(DATA_SEED + 606)

    def call(self, inputs: Any, training: bool | None = None) -> Any:
        if not training:
            return inputs
        return inputs + keras.random.normal(keras.ops.shape(inputs), stddev=self.stddev,
                                            seed=self.seeds)  # fmt: skip


def digits_adversarial(kit: Kit, *, epsilon: float = 0.05, steps: int = 1,
                       alpha: float | None = None, mix: float = 0.5, direction: float = 1.0,
                       clip: bool = True, pixels: str = "unit", lr: float = 1e-3,
                       batch_size: int = 64, epochs: int = 20) -> Any:  # fmt: skip
    """sklearn digits flattened (1437 train, 360 validate, pixels / 16), Dense 128 ReLU x 2
    -> softmax 10 inside `AdversarialModel`: each batch half clean, half FGSM at epsilon
    0.05 (clipped to [0, 1]), sparse CE, Adam(1e-3), batch 64, 20 epochs; the validation
    rows clean. Options: `epsilon` (1.0: the whole input range), `steps` / `alpha` (PGD),
    `mix` (1.0: adversarial rows only), `direction` (-1: the sign flipped, a step down the
    loss), `clip`, `pixels` ("unit"; "raw": 0..16 with the unit-range epsilon)."""
    x, xval, y, yval = digits_flat()
    if pixels == "unit":
        x, xval = x / 16.0, xval / 16.0
    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input((64,))
    h = layers.Dense(128, activation="relu")(inputs)
    h = layers.Dense(128, activation="relu")(h)
    outputs = layers.Dense(10, activation="softmax")(h)
    model = AdversarialModel(inputs, outputs, epsilon=epsilon, steps=steps, alpha=alpha,
                             mix=mix, direction=direction, clip=clip)  # fmt: skip
    model.compile(keras.optimizers.Adam(lr), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval))  # fmt: skip


def table_noise(kit: Kit, *, scale: str = "normalization", noise: str = "gaussian",
                stddev: float = 0.1, rate: float = 0.1, where: str = "after",
                lr: float = 1e-3, batch_size: int = 64, epochs: int = 30) -> Any:  # fmt: skip
    """The generated 4-class sensor table (3000 train, 1000 validate, 20 columns on their own
    units): Normalization (adapted on the training rows) -> GaussianNoise(0.1) -> Dense 64
    ReLU x 2 -> softmax 4, sparse CE, Adam(1e-3), batch 64, 30 epochs. Options: `scale`
    ("normalization"; "none": no Normalization layer), `noise` ("gaussian"; "dropout":
    GaussianDropout(`rate`); "by_hand": `InputNoise(stddev)`, since Keras 3's GaussianNoise
    raises on a stddev above 1; "none"), `stddev` (10: the noise ten times the standardised
    spread), `where` ("after" the Normalization; "before": on the raw units)."""
    x, xval, y, yval = sensor_table()
    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input((20,))
    h = inputs

    def _noise(t: Any) -> Any:
        if noise == "gaussian":
            return layers.GaussianNoise(stddev)(t)
        if noise == "dropout":
            return layers.GaussianDropout(rate)(t)
        if noise == "by_hand":
            return InputNoise(stddev)(t)
        return t

    if where == "before":
        h = _noise(h)
    if scale == "normalization":
        norm = layers.Normalization()
        norm.adapt(x)
        h = norm(h)
    if where == "after":
        h = _noise(h)
    h = layers.Dense(64, activation="relu")(h)
    h = layers.Dense(64, activation="relu")(h)
    model = keras.Model(inputs, layers.Dense(4, activation="softmax")(h))
    model.compile(keras.optimizers.Adam(lr), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval))  # fmt: skip


def digits_smoothing(kit: Kit, *, smoothing: float = 0.1, noisy_rate: float = 0.2,
                     target_noise: float = 0.0, lr: float = 1e-3, batch_size: int = 32,
                     epochs: int = 30) -> Any:  # fmt: skip
    """Digits (pixels / 16) with 20 % of the training labels replaced by another digit (the
    validation labels clean): one-hot targets, Dense 128 ReLU x 2 -> softmax 10,
    CategoricalCrossentropy(label_smoothing=0.1), Adam(1e-3), batch 32, 30 epochs. Options:
    `smoothing` (0.9: 0.19 on the labelled digit, 0.09 on each other one; 1.0: uniform
    targets), `noisy_rate` (0: the clean labels), `target_noise` (> 0: Gaussian noise of
    that sd added once to the one-hot targets, "noise on the labels" in place of the
    inputs)."""
    x, xval, _, yval = digits_flat()
    x, xval = x / 16.0, xval / 16.0
    y = noisy_digit_labels(noisy_rate) if noisy_rate else digits_flat()[2]
    targets = keras.utils.to_categorical(y, 10).astype("float32")
    if target_noise:
        rng = np.random.default_rng(DATA_SEED + 604)
        targets = targets + rng.normal(0, target_noise, targets.shape).astype("float32")
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((64,)), layers.Dense(128, activation="relu"),
                              layers.Dense(128, activation="relu"),
                              layers.Dense(10, activation="softmax")])  # fmt: skip
    model.compile(keras.optimizers.Adam(lr),
                  keras.losses.CategoricalCrossentropy(label_smoothing=smoothing),
                  metrics=["accuracy"])  # fmt: skip
    yval_1h = keras.utils.to_categorical(yval, 10).astype("float32")
    return kit.fit(model, x, targets, probe_data=(x, targets), epochs=epochs,
                   batch_size=batch_size, validation_data=(xval, yval_1h))  # fmt: skip


class WeightAverage(keras.callbacks.Callback):
    """Stochastic weight averaging as the blog posts write it: from epoch `start` on, keep a
    running mean of the weights after each epoch; at the end of training put the mean into
    the model (`write_back="end"`), or (`"every_epoch"`) after every epoch."""

    def __init__(self, start: int, write_back: str = "end") -> None:
        super().__init__()
        self.start, self.write_back = start, write_back
        self.mean: list[np.ndarray] | None = None
        self.count = 0

    def on_epoch_end(self, epoch: int, logs: dict[str, Any] | None = None) -> None:
        if epoch < self.start:
            return
        weights = self.model.get_weights()
        self.count += 1
        if self.mean is None:
            self.mean = [w.copy() for w in weights]
        else:
            self.mean = [m + (w - m) / self.count for m, w in zip(self.mean, weights,
                                                                  strict=True)]  # fmt: skip
        if self.write_back == "every_epoch":
            self.model.set_weights(self.mean)

    def on_train_end(self, logs: dict[str, Any] | None = None) -> None:
        if self.mean is not None:
            self.model.set_weights(self.mean)


class Snapshots(keras.callbacks.Callback):
    """Snapshot ensembling: keep a copy of the weights at the end of each cosine cycle."""

    def __init__(self, cycle: int) -> None:
        super().__init__()
        self.cycle = cycle
        self.snapshots: list[list[np.ndarray]] = []

    def on_epoch_end(self, epoch: int, logs: dict[str, Any] | None = None) -> None:
        if (epoch + 1) % self.cycle == 0:
            self.snapshots.append(self.model.get_weights())


def digits_swa(kit: Kit, *, schedule: str = "swa", lr: float = 0.05, swa_lr: float = 0.01,
               start: int = 15, write_back: str = "end", cycle: int = 6,
               cycle_unit: str = "epochs", batch_size: int = 32,
               epochs: int = 30) -> Any:  # fmt: skip
    """Digits (pixels / 16), Dense 256 ReLU -> Dense 128 ReLU -> softmax 10, SGD(momentum
    0.9), batch 32, 30 epochs. `schedule="swa"`: the rate 0.05 until epoch 15, then the
    constant SWA rate 0.01 (LearningRateScheduler) with `WeightAverage(start=15)`;
    `"snapshot"`: CosineDecayRestarts from 0.05 with `cycle` epochs a cycle and a snapshot
    kept at each cycle's end. Options: `start` (0: averaging from the first epoch), `swa_lr`
    (1.0), `write_back` ("every_epoch": the mean put back into the model after each epoch),
    `cycle_unit` ("steps": the cycle length passed as steps, not epochs)."""
    x, xval, y, yval = digits_flat()
    x, xval = x / 16.0, xval / 16.0
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((64,)), layers.Dense(256, activation="relu"),
                              layers.Dense(128, activation="relu"),
                              layers.Dense(10, activation="softmax")])  # fmt: skip
    callbacks: list[keras.callbacks.Callback]
    if schedule == "snapshot":
        steps = int(np.ceil(len(x) / batch_size))
        first = cycle * steps if cycle_unit == "epochs" else cycle
        rate: Any = keras.optimizers.schedules.CosineDecayRestarts(lr, first, t_mul=1.0)
        callbacks = [Snapshots(cycle)]
    else:
        rate = lr
        callbacks = [keras.callbacks.LearningRateScheduler(
                         lambda epoch, current: lr if epoch < start else swa_lr),
                     WeightAverage(start, write_back)]  # fmt: skip
    model.compile(keras.optimizers.SGD(rate, momentum=0.9), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval), callbacks=callbacks)  # fmt: skip


def digits_heads(kit: Kit, *, heads: int = 4, trunk_trainable: bool = True,
                 head_activation: str = "softmax", combine: str = "average",
                 from_logits: bool = False, lr: float = 1e-3, batch_size: int = 32,
                 epochs: int = 25) -> Any:  # fmt: skip
    """A multi-head ensemble in one functional model on digits (pixels / 16): a shared trunk
    Dense 128 ReLU, `heads` heads of Dense 64 ReLU -> Dense 10 softmax, averaged
    (layers.Average) into the output, sparse CE, Adam(1e-3), batch 32, 25 epochs. Options:
    `trunk_trainable` (False: the trunk frozen at its random initialisation),
    `head_activation` ("linear": logit heads), `combine` ("average"; "add": the heads'
    probabilities summed; "average_softmax": the averaged heads put through a softmax),
    `from_logits` of the loss."""
    x, xval, y, yval = digits_flat()
    x, xval = x / 16.0, xval / 16.0
    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input((64,))
    trunk = layers.Dense(128, activation="relu", name="trunk")
    trunk.trainable = trunk_trainable
    shared = trunk(inputs)
    outs = [layers.Dense(10, activation=head_activation, name=f"head_{i}")(
                layers.Dense(64, activation="relu")(shared)) for i in range(heads)]  # fmt: skip
    if combine == "add":
        out = layers.Add()(outs)
    else:
        out = layers.Average()(outs)
        if combine == "average_softmax":
            out = layers.Activation("softmax")(out)
    model = keras.Model(inputs, out)
    model.compile(keras.optimizers.Adam(lr),
                  keras.losses.SparseCategoricalCrossentropy(from_logits=from_logits),
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval))  # fmt: skip


def digits_mc_dropout(kit: Kit, *, rate: float = 0.2, input_rate: float = 0.0,
                      mc: bool = True, width: int = 256, lr: float = 1e-3,
                      batch_size: int = 32, epochs: int = 30) -> Any:  # fmt: skip
    """A Monte-Carlo dropout classifier on digits (pixels / 16): [Dropout(input_rate)] ->
    Dense 256 ReLU -> Dropout(0.2) -> Dense 128 ReLU -> Dropout(0.2) -> softmax 10, every
    Dropout called with `training=True` (so it stays on at prediction for the uncertainty
    samples; the validation pass is one such sample), sparse CE, Adam(1e-3), batch 32, 30
    epochs. Options: `rate` on the hidden layers, `input_rate` on the pixels, `mc` (False:
    ordinary dropout), `width` of the first hidden layer."""
    x, xval, y, yval = digits_flat()
    x, xval = x / 16.0, xval / 16.0
    keras.utils.set_random_seed(kit.seed)
    flag = True if mc else None
    inputs = keras.Input((64,))
    h = layers.Dropout(input_rate)(inputs, training=flag) if input_rate else inputs
    h = layers.Dense(width, activation="relu")(h)
    h = layers.Dropout(rate)(h, training=flag)
    h = layers.Dense(128, activation="relu")(h)
    h = layers.Dropout(rate)(h, training=flag)
    model = keras.Model(inputs, layers.Dense(10, activation="softmax")(h))
    model.compile(keras.optimizers.Adam(lr), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval))  # fmt: skip


def _constraint(kind: str, max_value: float, axis: int) -> Any:
    if kind == "maxnorm":
        return keras.constraints.MaxNorm(max_value, axis=axis)
    if kind == "unitnorm":
        return keras.constraints.UnitNorm(axis=axis)
    if kind == "nonneg":
        return keras.constraints.NonNeg()
    return None


def table_maxnorm(kit: Kit, *, constraint: str = "maxnorm", max_value: float = 3.0,
                  axis: int = 0, dropout: float = 0.3, lr: float = 0.05,
                  batch_size: int = 64, epochs: int = 30) -> Any:  # fmt: skip
    """The sensor table, the dropout paper's recipe: Normalization -> Dense 256 ReLU ->
    Dropout(0.3) -> Dense 256 ReLU -> Dropout(0.3) -> softmax 4, every kernel under
    MaxNorm(3) (per unit, axis 0), SGD(0.05, momentum 0.9), batch 64, 30 epochs. Options:
    `constraint` ("maxnorm"; "unitnorm"; "nonneg"; "none"), `max_value` (0.01), `axis`
    (1: the norm taken over each input's fan-out), `dropout`, the rate."""
    x, xval, y, yval = sensor_table()
    keras.utils.set_random_seed(kit.seed)
    norm = layers.Normalization()
    norm.adapt(x)
    inputs = keras.Input((20,))
    h = norm(inputs)
    for _ in range(2):
        h = layers.Dense(256, activation="relu",
                         kernel_constraint=_constraint(constraint, max_value, axis))(h)
        h = layers.Dropout(dropout)(h)
    outputs = layers.Dense(4, activation="softmax",
                           kernel_constraint=_constraint(constraint, max_value, axis))(h)
    model = keras.Model(inputs, outputs)
    model.compile(keras.optimizers.SGD(lr, momentum=0.9), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval))  # fmt: skip


def friedman_noise(kit: Kit, *, noise_on: str = "inputs", stddev: float = 0.1,
                   max_value: float = 0.0, lr: float = 1e-3, batch_size: int = 32,
                   epochs: int = 40) -> Any:  # fmt: skip
    """Friedman #1 (2400 train, 600 validate): the columns standardised with the training
    rows' mean / sd, the target too, GaussianNoise(0.1) -> Dense 64 ReLU x 2 -> Dense 1, MSE,
    MAE metric, Adam(1e-3), batch 32, 40 epochs. Options: `noise_on` ("inputs"; "labels":
    Gaussian noise of sd `stddev` added once to the training targets instead, no input
    noise; "none"), `stddev` (10 on the inputs: `InputNoise`, as GaussianNoise raises above
    1), `max_value` (> 0: MaxNorm on every kernel)."""
    x, xval, y, yval = friedman_split()
    mean, sd = x.mean(axis=0), x.std(axis=0)
    x, xval = (x - mean) / sd, (xval - mean) / sd
    ym, ys = y.mean(), y.std()
    y, yval = (y - ym) / ys, (yval - ym) / ys
    if noise_on == "labels":
        rng = np.random.default_rng(DATA_SEED + 605)
        y = (y + rng.normal(0, stddev, y.shape)).astype("float32")
    keras.utils.set_random_seed(kit.seed)
    limit = keras.constraints.MaxNorm(max_value) if max_value else None
    inputs = keras.Input((10,))
    h = inputs
    if noise_on == "inputs":
        h = layers.GaussianNoise(stddev)(h) if stddev <= 1 else InputNoise(stddev)(h)
    h = layers.Dense(64, activation="relu", kernel_constraint=limit)(h)
    h = layers.Dense(64, activation="relu", kernel_constraint=limit)(h)
    model = keras.Model(inputs, layers.Dense(1, kernel_constraint=limit)(h))
    model.compile(keras.optimizers.Adam(lr), "mse", metrics=["mae"])
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval))  # fmt: skip
