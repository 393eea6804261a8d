"""Batch-14 scripts, model set-ups: a Conv3D classifier of tiny video-like clips, a cosine
(NormFace-style) classifier with `UnitNormalization` and unit-norm class weights, a
variational autoencoder whose KL term is an `add_loss` of a sampling layer, and a training
resumed with `model.fit(initial_epoch=...)`. Each script calls `kit.fit`; keyword options
are the faults of `cases.py` (each default is the healthy script's choice); each docstring
names the kind of public report a fault follows.
"""

from __future__ import annotations

from typing import Any

import keras
from keras import layers, ops

from benchmarks.practice.batch14_data import digits_flat, digits_unit, motion_volumes
from benchmarks.practice.kit import Kit


def conv3d_motion(kit: Kit, *, kernel: tuple[int, int, int] = (3, 3, 3),
                  epochs: int = 12) -> Any:  # fmt: skip
    """Direction of a moving square in (6, 10, 10, 1) clips: Conv3D(8, 3x3x3) -> MaxPooling3D
    (1, 2, 2) -> Conv3D(16, 3x3x3) -> GlobalAveragePooling3D -> softmax; sparse CE, accuracy;
    Adam(2e-3), batch 32. Fault: both kernels `(1, 3, 3)` (copied from a (2+1)-D block
    without its temporal convolution), so no layer looks across frames and the global
    average over time keeps the trail, not its direction (Stack Overflow "3D CNN cannot
    learn temporal order / Conv3D kernel depth 1")."""
    x, y, xv, yv = motion_volumes()
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((6, 10, 10, 1)),
                              layers.Conv3D(8, kernel, padding="same", activation="relu"),
                              layers.MaxPooling3D((1, 2, 2), padding="same"),
                              layers.Conv3D(16, kernel, padding="same", activation="relu"),
                              layers.GlobalAveragePooling3D(),
                              layers.Dense(4, activation="softmax")])  # fmt: skip
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=32,
                   validation_data=(xv, yv))  # fmt: skip


def cosine_classifier(kit: Kit, *, scale: float = 16.0, epochs: int = 15) -> Any:
    """Digits (64 standardised columns): Dense 128 (ReLU) -> Dense 64 -> UnitNormalization ->
    Dense(10, no bias, kernel constraint UnitNorm(axis=0)) = cosines -> Rescaling(scale 16)
    -> Softmax; sparse CE, accuracy; Adam(1e-3), batch 64. Fault: the scale left at 1 (the
    NormFace paper's point: cosine logits in [-1, 1] cannot make a confident softmax; GitHub
    issues "cosine softmax / ArcFace loss does not decrease without the scale s")."""
    x, y, xv, yv = digits_flat()
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((64,)), layers.Dense(128, activation="relu"),
                              layers.Dense(64), layers.UnitNormalization(),
                              layers.Dense(10, use_bias=False,
                                           kernel_constraint=keras.constraints.UnitNorm(0)),
                              layers.Rescaling(scale), layers.Softmax()])  # fmt: skip
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=64,
                   validation_data=(xv, yv))  # fmt: skip


class Sampling(layers.Layer):
    """z = mean + exp(log_var / 2) * eps; adds the KL divergence to N(0, 1) (times `kl_sign`)
    as an `add_loss`, averaged over the batch."""

    def __init__(self, kl_sign: float = 1.0, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.kl_sign = kl_sign
        self.noise = keras.random.SeedGenerator(0)

    def call(self, inputs: list[Any]) -> Any:
        mean, log_var = inputs
        kl = -0.5 * ops.sum(1 + log_var - ops.square(mean) - ops.exp(log_var), axis=-1)
        self.add_loss(self.kl_sign * ops.mean(kl))
        eps = keras.random.normal(ops.shape(mean), seed=self.noise)
        return mean + ops.exp(0.5 * log_var) * eps

    def get_config(self) -> dict[str, Any]:
        return {**super().get_config(), "kl_sign": self.kl_sign}


def digits_vae(kit: Kit, *, kl_sign: float = 1.0, epochs: int = 25) -> Any:
    """A VAE on 64-pixel digits in [0, 1]: Dense 128 -> (mean, log-variance) of 8 latents ->
    `Sampling` (KL as add_loss) -> Dense 128 -> Dense(64, sigmoid); loss binary CE summed over
    pixels (a `def`), a `def` pixel accuracy (both sides > 0.5); Adam(1e-3), batch 64.
    Fault: the KL term's sign flipped (`- kl` copied from an ELBO written as a quantity to
    maximise; Stack Overflow "VAE loss goes to minus infinity / negative KL")."""
    x, xv = digits_unit()
    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input((64,))
    h = layers.Dense(128, activation="relu")(inputs)
    z = Sampling(kl_sign)([layers.Dense(8)(h), layers.Dense(8)(h)])
    h = layers.Dense(128, activation="relu")(z)
    model = keras.Model(inputs, layers.Dense(64, activation="sigmoid")(h))

    def pixel_bce(y_true: Any, y_pred: Any) -> Any:
        return 64.0 * keras.losses.binary_crossentropy(y_true, y_pred)

    def pixel_accuracy(y_true: Any, y_pred: Any) -> Any:
        return ops.mean(ops.cast(ops.equal(y_true > 0.5, y_pred > 0.5), "float32"), axis=-1)

    model.compile(keras.optimizers.Adam(1e-3), pixel_bce, metrics=[pixel_accuracy])
    return kit.fit(model, x, x, probe_data=(x, x), epochs=epochs, batch_size=64,
                   validation_data=(xv, xv))  # fmt: skip


def resumed_fit(kit: Kit, *, epochs: int = 16) -> Any:
    """Digits MLP 64-32 (tanh) -> softmax, SGD(0.01), batch 64: a first `model.fit` of 4
    epochs (a notebook session, no Watch), then the training resumed in the same process
    with `model.fit(initial_epoch=4, epochs=16)` under Watch. Fault: `epochs=6` written as
    "6 more epochs", so the resumed fit runs epochs 4 and 5 only (Stack Overflow "resume
    training with initial_epoch: trains fewer epochs than expected / epochs is the final
    epoch, not a count")."""
    x, y, xv, yv = digits_flat()
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((64,)), layers.Dense(64, activation="tanh"),
                              layers.Dense(32, activation="tanh"),
                              layers.Dense(10, activation="softmax")])  # fmt: skip
    model.compile(keras.optimizers.SGD(0.01), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    model.fit(x, y, epochs=4, batch_size=64, verbose=0)
    return kit.fit(model, x, y, probe_data=(x, y), initial_epoch=4, epochs=epochs,
                   batch_size=64, validation_data=(xv, yv))  # fmt: skip
