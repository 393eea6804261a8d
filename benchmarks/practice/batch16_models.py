"""Batch-16 scripts, models as the Keras guides write them: a VAE subclass with its own
`train_step` / `test_step` and Mean trackers, a functional subclass whose `train_step` uses
`compute_loss` under `jit_compile` and `steps_per_execution`, mixed_float16 (an MLP with
Rescaling, and a custom `train_step` with `optimizer.scale_loss`). Each script calls
`kit.fit`; keyword options are the faults of `cases.py` (each default is the healthy
choice); each docstring names the kind of public report a fault follows.
"""

from __future__ import annotations

from typing import Any

import keras
import tensorflow as tf
from keras import layers, ops

from benchmarks.practice.batch16_data import (
    digits_images,
    digits_standardised,
    digits_unit,
)
from benchmarks.practice.kit import Kit


@keras.saving.register_keras_serializable(package="practice16")
class Sampling16(layers.Layer):
    """z = mean + exp(log_var / 2) * eps (the guide's sampling layer)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.noise = keras.random.SeedGenerator(0)

    def call(self, inputs: list[Any]) -> Any:
        mean, log_var = inputs
        eps = keras.random.normal(ops.shape(mean), seed=self.noise)
        return mean + ops.exp(0.5 * log_var) * eps


class VAE(keras.Model):
    """Encoder and decoder sub-models; train_step / test_step with loss, reconstruction and KL
    trackers. `decoder_updated=False` applies the gradients to the encoder's weights only."""

    def __init__(self, encoder: keras.Model, decoder: keras.Model, decoder_updated: bool = True,
                 **kwargs: Any) -> None:  # fmt: skip
        super().__init__(**kwargs)
        self.encoder, self.decoder, self.decoder_updated = encoder, decoder, decoder_updated
        self.trackers = [keras.metrics.Mean(name=n) for n in ("loss", "reconstruction", "kl")]

    @property
    def metrics(self) -> list[Any]:
        return self.trackers

    def call(self, x: Any, training: bool = False) -> Any:
        return self.decoder(self.encoder(x, training=training)[2], training=training)

    def terms(self, x: Any, training: bool) -> tuple[Any, Any, Any]:
        mean, log_var, z = self.encoder(x, training=training)
        recon = self.decoder(z, training=training)
        rec = ops.mean(64.0 * keras.losses.binary_crossentropy(x, recon))
        kl = ops.mean(-0.5 * ops.sum(1 + log_var - ops.square(mean) - ops.exp(log_var), -1))
        return rec + kl, rec, kl

    def _report(self, values: tuple[Any, Any, Any]) -> dict[str, Any]:
        for tracker, value in zip(self.trackers, values, strict=True):
            tracker.update_state(value)
        return {t.name: t.result() for t in self.trackers}

    def train_step(self, data: Any) -> dict[str, Any]:
        x = data[0] if isinstance(data, tuple) else data
        with tf.GradientTape() as tape:
            values = self.terms(x, True)
        weights = self.encoder.trainable_weights + (
            self.decoder.trainable_weights if self.decoder_updated else [])  # fmt: skip
        self.optimizer.apply(tape.gradient(values[0], weights), weights)
        return self._report(values)

    def test_step(self, data: Any) -> dict[str, Any]:
        return self._report(self.terms(data[0] if isinstance(data, tuple) else data, False))


def vae_trackers(kit: Kit, *, decoder_updated: bool = True, epochs: int = 25) -> Any:
    """VAE on digits in [0, 1] (the guide's layout): encoder Dense 128 -> mean, log-variance of
    8 latents -> Sampling; decoder Dense 128 -> Dense(64, sigmoid); summed pixel BCE + KL;
    Adam(1e-3), batch 64. Fault: gradients applied to `self.encoder.trainable_weights` only
    (a GAN-style two-optimizer step cut down to one; Stack Overflow "custom train_step:
    decoder weights never change")."""
    x, _, xv, _ = digits_unit()
    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input((64,))
    h = layers.Dense(128, activation="relu")(inputs)
    mean, log_var = layers.Dense(8)(h), layers.Dense(8)(h)
    encoder = keras.Model(inputs, [mean, log_var, Sampling16()([mean, log_var])])
    decoder = keras.Sequential([keras.Input((8,)), layers.Dense(128, activation="relu"),
                                layers.Dense(64, activation="sigmoid")])  # fmt: skip
    model = VAE(encoder, decoder, decoder_updated)
    model.compile(keras.optimizers.Adam(1e-3))
    return kit.fit(model, x, x, probe_data=(x, x), epochs=epochs, batch_size=64,
                   validation_data=(xv, xv))  # fmt: skip


class StepModel(keras.Model):
    """The guide's `train_step`: forward pass and `compute_loss` under a GradientTape,
    `optimizer.apply`, metrics by hand. `loss_in_tape=False` computes the loss after the tape
    has closed."""

    def __init__(self, *args: Any, loss_in_tape: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.loss_in_tape = loss_in_tape

    def train_step(self, data: Any) -> dict[str, Any]:
        x, y = data
        with tf.GradientTape() as tape:
            y_pred = self(x, training=True)
            if self.loss_in_tape:
                loss = self.compute_loss(x=x, y=y, y_pred=y_pred)
        if not self.loss_in_tape:
            loss = self.compute_loss(x=x, y=y, y_pred=y_pred)
        self.optimizer.apply(tape.gradient(loss, self.trainable_variables),
                             self.trainable_variables)  # fmt: skip
        for metric in self.metrics:
            if metric.name == "loss":
                metric.update_state(loss)
            else:
                metric.update_state(y, y_pred)
        return {m.name: m.result() for m in self.metrics}


def step_model_jit(kit: Kit, *, loss_in_tape: bool = True, epochs: int = 15) -> Any:
    """Standardised digits, functional layers wrapped in a `StepModel`: Dense 128 -> Dropout
    0.2 -> Dense 64 -> softmax; sparse CE, accuracy; Adam(1e-3), `jit_compile=True`,
    `steps_per_execution=4`, batch 32. Fault: `loss = self.compute_loss(...)` one indent
    out, after the `with tf.GradientTape()` block (Stack Overflow "No gradients provided for
    any variable" in a custom train_step)."""
    x, y, xv, yv = digits_standardised()
    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input((64,))
    h = layers.Dropout(0.2)(layers.Dense(128, activation="relu")(inputs))
    outputs = layers.Dense(10, activation="softmax")(layers.Dense(64, activation="relu")(h))
    model = StepModel(inputs, outputs, loss_in_tape=loss_in_tape)
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy",
                  metrics=["accuracy"], jit_compile=True, steps_per_execution=4)  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=32,
                   validation_data=(xv, yv))  # fmt: skip


def mixed_rescaling(kit: Kit, *, epochs: int = 12) -> Any:
    """mixed_float16 policy (restored after): raw 0..16 digit images -> Rescaling(1/16) ->
    Flatten -> Dense 128 -> Dropout 0.2 -> Dense 64 -> Dense(10) -> Activation('softmax',
    dtype='float32'); sparse CE, accuracy; Adam(1e-3), batch 32."""
    x, y, xv, yv = digits_images()
    keras.mixed_precision.set_global_policy("mixed_float16")
    try:
        keras.utils.set_random_seed(kit.seed)
        model = keras.Sequential([keras.Input((8, 8, 1)), layers.Rescaling(1 / 16),
                                  layers.Flatten(), layers.Dense(128, activation="relu"),
                                  layers.Dropout(0.2), layers.Dense(64, activation="relu"),
                                  layers.Dense(10),
                                  layers.Activation("softmax", dtype="float32")])  # fmt: skip
        model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy",
                      metrics=["accuracy"])  # fmt: skip
        return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=32,
                       validation_data=(xv, yv))  # fmt: skip
    finally:
        keras.mixed_precision.set_global_policy("float32")


class ScaledStepModel(keras.Model):
    """A mixed-precision `train_step`: the loss scaled by `optimizer.scale_loss` before the
    gradient (the LossScaleOptimizer divides the gradients by the scale when it applies them).
    `scale_loss=False` takes the gradient of the unscaled loss."""

    def __init__(self, *args: Any, scale_loss: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.scale_loss = scale_loss

    def train_step(self, data: Any) -> dict[str, Any]:
        x, y = data
        with tf.GradientTape() as tape:
            y_pred = self(x, training=True)
            loss = self.compute_loss(x=x, y=y, y_pred=y_pred)
            scaled = self.optimizer.scale_loss(loss) if self.scale_loss else loss
        self.optimizer.apply(tape.gradient(scaled, self.trainable_variables),
                             self.trainable_variables)  # fmt: skip
        for metric in self.metrics:
            if metric.name == "loss":
                metric.update_state(loss)
            else:
                metric.update_state(y, y_pred)
        return {m.name: m.result() for m in self.metrics}


def mixed_step_sgd(kit: Kit, *, scale_loss: bool = True, epochs: int = 15) -> Any:
    """mixed_float16 policy (restored after), a `ScaledStepModel` over standardised digits:
    Dense 128 -> Dense 64 -> Dense(10) -> float32 softmax; SGD(0.05, momentum 0.9), batch 64.
    Fault: no `optimizer.scale_loss` in the custom train_step (a float32 train_step reused
    after switching the policy; Keras issue "mixed precision custom training loop does not
    learn / gradients divided by the loss scale")."""
    x, y, xv, yv = digits_standardised()
    keras.mixed_precision.set_global_policy("mixed_float16")
    try:
        keras.utils.set_random_seed(kit.seed)
        inputs = keras.Input((64,))
        h = layers.Dense(64, activation="relu")(layers.Dense(128, activation="relu")(inputs))
        outputs = layers.Activation("softmax", dtype="float32")(layers.Dense(10)(h))
        model = ScaledStepModel(inputs, outputs, scale_loss=scale_loss)
        model.compile(keras.optimizers.SGD(0.05, momentum=0.9),
                      "sparse_categorical_crossentropy", metrics=["accuracy"])  # fmt: skip
        return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=64,
                       validation_data=(xv, yv))  # fmt: skip
    finally:
        keras.mixed_precision.set_global_policy("float32")
