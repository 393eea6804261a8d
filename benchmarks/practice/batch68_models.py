"""Batch-68 quantisation-aware / low-precision training scripts (keyword options are the
faults, the defaults the healthy choice): a fake-quantised MLP (8-bit weights and
activations, straight-through estimator) on a generated sensor table in raw units, a
binarised MLP (sign weights with clipped latent weights, BatchNorm before a sign activation,
first and last layers in full precision) on the 8 x 8 digits, and a ternary-weight CNN with a
learned scale on the digit images. The quantisers are custom layers written as practitioners
write them (`x + keras.ops.stop_gradient(round(x) - x)`), each with a `get_config`. Each
script calls `kit.fit`.
"""

from __future__ import annotations

from typing import Any

import keras
import numpy as np
from keras import layers, ops

from benchmarks.practice.batch68_data import digits_split, sensor_table
from benchmarks.practice.kit import Kit

PACKAGE = "practice68"


def _ste_round(x: Any, ste: bool) -> Any:
    """round(x) forward; identity backward with `ste` (else round's own gradient: none)."""
    return x + ops.stop_gradient(ops.round(x) - x) if ste else ops.round(x)


@keras.saving.register_keras_serializable(package=PACKAGE)
class ClipLatent(keras.constraints.Constraint):
    """Keeps the latent real-valued weights of a binary layer in [-limit, limit]."""

    def __init__(self, limit: float = 1.0) -> None:
        self.limit = limit

    def __call__(self, w: Any) -> Any:
        return ops.clip(w, -self.limit, self.limit)

    def get_config(self) -> dict[str, Any]:
        return {"limit": self.limit}


@keras.saving.register_keras_serializable(package=PACKAGE)
class FakeQuant(layers.Layer):
    """k-bit uniform fake quantisation on a fixed range [lo, hi] (the TF-Lite style
    activation quantiser): clip, round to 2^k - 1 steps, straight-through gradient inside
    the range."""

    def __init__(self, bits: int = 8, lo: float = 0.0, hi: float = 6.0, ste: bool = True,
                 **kwargs: Any) -> None:  # fmt: skip
        super().__init__(**kwargs)
        self.bits, self.lo, self.hi, self.ste = bits, lo, hi, ste

    def call(self, x: Any) -> Any:
        step = (self.hi - self.lo) / (2**self.bits - 1)
        clipped = ops.clip(x, self.lo, self.hi)
        return _ste_round((clipped - self.lo) / step, self.ste) * step + self.lo

    def get_config(self) -> dict[str, Any]:
        return {**super().get_config(), "bits": self.bits, "lo": self.lo, "hi": self.hi,
                "ste": self.ste}  # fmt: skip


@keras.saving.register_keras_serializable(package=PACKAGE)
class LearnedScaleQuant(layers.Layer):
    """LSQ-style unsigned activation quantiser with a learned step size `scale`:
    round(clip(x / scale, 0, 2^k - 1)) * scale, straight-through on the round."""

    def __init__(self, bits: int = 8, scale_init: float = 0.05, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.bits, self.scale_init = bits, scale_init

    def build(self, input_shape: Any) -> None:
        self.scale = self.add_weight(name="scale", shape=(),
                                     initializer=keras.initializers.Constant(self.scale_init))

    def call(self, x: Any) -> Any:
        v = ops.clip(x / self.scale, 0.0, float(2**self.bits - 1))
        return _ste_round(v, True) * self.scale

    def get_config(self) -> dict[str, Any]:
        return {**super().get_config(), "bits": self.bits, "scale_init": self.scale_init}


@keras.saving.register_keras_serializable(package=PACKAGE)
class QuantDense(layers.Layer):
    """Dense with k-bit symmetric per-tensor fake-quantised weights (scale max|w| /
    (2^(k-1) - 1)), a full-precision bias, straight-through on the round."""

    def __init__(self, units: int, bits: int = 8, ste: bool = True, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.units, self.bits, self.ste = units, bits, ste

    def build(self, input_shape: Any) -> None:
        self.kernel = self.add_weight(name="kernel", shape=(input_shape[-1], self.units),
                                      initializer="glorot_uniform")  # fmt: skip
        self.bias = self.add_weight(name="bias", shape=(self.units,), initializer="zeros")

    def call(self, x: Any) -> Any:
        scale = ops.max(ops.abs(self.kernel)) / (2 ** (self.bits - 1) - 1) + 1e-8
        kernel = _ste_round(self.kernel / scale, self.ste) * scale
        return ops.matmul(x, kernel) + self.bias

    def get_config(self) -> dict[str, Any]:
        return {**super().get_config(), "units": self.units, "bits": self.bits,
                "ste": self.ste}  # fmt: skip


@keras.saving.register_keras_serializable(package=PACKAGE)
class BinaryDense(layers.Layer):
    """BinaryConnect / BNN Dense: latent real-valued weights (clipped to [-1, 1] by a
    constraint), sign(w) in the forward pass with a straight-through gradient, no bias (a
    BatchNorm follows)."""

    def __init__(self, units: int, clip: bool = True, ste: bool = True, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.units, self.clip, self.ste = units, clip, ste

    def build(self, input_shape: Any) -> None:
        self.kernel = self.add_weight(
            name="kernel", shape=(input_shape[-1], self.units), initializer="glorot_uniform",
            constraint=ClipLatent(1.0) if self.clip else None)  # fmt: skip

    def call(self, x: Any) -> Any:
        w = self.kernel
        binary = w + ops.stop_gradient(ops.sign(w) - w) if self.ste else ops.sign(w)
        return ops.matmul(x, binary)

    def get_config(self) -> dict[str, Any]:
        return {**super().get_config(), "units": self.units, "clip": self.clip,
                "ste": self.ste}  # fmt: skip


@keras.saving.register_keras_serializable(package=PACKAGE)
class SignActivation(layers.Layer):
    """sign(x) forward; backward the hard-tanh straight-through estimator (gradient 1 for
    |x| <= 1, 0 outside) or, with grad="identity", the gradient passed unclipped."""

    def __init__(self, grad: str = "htanh", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.grad = grad

    def call(self, x: Any) -> Any:
        through = ops.clip(x, -1.0, 1.0) if self.grad == "htanh" else x
        return through + ops.stop_gradient(ops.sign(x) - through)

    def get_config(self) -> dict[str, Any]:
        return {**super().get_config(), "grad": self.grad}


@keras.saving.register_keras_serializable(package=PACKAGE)
class TernaryConv2D(layers.Layer):
    """Ternary-weight Conv2D (TWN threshold 0.7 * mean|w|, trained-ternary learned scale
    `alpha`): w -> alpha * {-1, 0, +1}, straight-through on the ternarisation."""

    def __init__(self, filters: int, alpha_init: float = 1.0, ste: bool = True,
                 **kwargs: Any) -> None:  # fmt: skip
        super().__init__(**kwargs)
        self.filters, self.alpha_init, self.ste = filters, alpha_init, ste

    def build(self, input_shape: Any) -> None:
        self.kernel = self.add_weight(name="kernel",
                                      shape=(3, 3, input_shape[-1], self.filters),
                                      initializer="glorot_uniform")  # fmt: skip
        self.alpha = self.add_weight(name="alpha", shape=(),
                                     initializer=keras.initializers.Constant(self.alpha_init))

    def call(self, x: Any) -> Any:
        w = self.kernel
        delta = ops.stop_gradient(0.7 * ops.mean(ops.abs(w)))
        ternary = ops.sign(w) * ops.cast(ops.abs(w) > delta, w.dtype)
        if self.ste:
            ternary = w + ops.stop_gradient(ternary - w)
        return ops.conv(x, self.alpha * ternary, padding="same")

    def get_config(self) -> dict[str, Any]:
        return {**super().get_config(), "filters": self.filters,
                "alpha_init": self.alpha_init, "ste": self.ste}  # fmt: skip


def _scaled_table(scale: str) -> tuple[np.ndarray, ...]:
    x, xval, y, yval = sensor_table()
    if scale == "standard":
        mean, sd = x.mean(axis=0), x.std(axis=0)
        x, xval = (x - mean) / sd, (xval - mean) / sd
    elif scale == "minmax":
        lo, hi = x.min(axis=0), x.max(axis=0)
        x, xval = (x - lo) / (hi - lo), (xval - lo) / (hi - lo)
    return x, xval, y, yval


def qat_mlp(kit: Kit, *, scale: str = "standard", in_lo: float = -4.0, in_hi: float = 4.0,
            bits: int = 8, act_bits: int = 8, act: str = "fixed", act_hi: float = 6.0,
            scale_init: float = 0.05, ste: bool = True, last_bits: int = 0,
            lr: float = 1e-3, batch_size: int = 64, epochs: int = 20) -> Any:  # fmt: skip
    """Quantisation-aware MLP on the sensor table (4000 training, 1000 validation rows, 16
    features in the thousands): standardised on the training rows -> input FakeQuant 8-bit
    on [-4, 4] -> QuantDense 64 (8-bit weights) -> ReLU -> activation FakeQuant 8-bit on
    [0, 6] -> QuantDense 64 -> ReLU -> FakeQuant -> Dense 4 softmax (the last layer in full
    precision), sparse CE, Adam(1e-3), batch 64, 20 epochs. Options: `scale` ("standard";
    "minmax": to [0, 1] on the training rows; "none": the raw units), the input quantiser's
    range `in_lo` / `in_hi`, weight `bits`, `act_bits`, `act` ("fixed": FakeQuant on [0,
    `act_hi`]; "lsq": a learned step size initialised at `scale_init`), `ste` (False: round
    without the straight-through trick, in weights and activations), `last_bits` (> 0: the
    output layer a QuantDense of that many bits), the rate, batch size and epochs."""
    x, xval, y, yval = _scaled_table(scale)
    keras.utils.set_random_seed(kit.seed)

    def act_quant() -> layers.Layer:
        if act == "lsq":
            return LearnedScaleQuant(act_bits, scale_init)
        return FakeQuant(act_bits, 0.0, act_hi, ste)

    model = keras.Sequential([keras.Input((16,)), FakeQuant(8, in_lo, in_hi, ste),
                              QuantDense(64, bits, ste), layers.ReLU(), act_quant(),
                              QuantDense(64, bits, ste), layers.ReLU(), act_quant()])  # fmt: skip
    if last_bits:
        model.add(QuantDense(4, last_bits, ste))
        model.add(layers.Softmax())
    else:
        model.add(layers.Dense(4, activation="softmax"))
    model.compile(keras.optimizers.Adam(lr), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval))  # fmt: skip


def bnn_mlp(kit: Kit, *, width: int = 256, first: str = "full", last: str = "full",
            bn: bool = True, act_grad: str = "htanh", clip: bool = True, ste: bool = True,
            lr: float = 1e-3, batch_size: int = 32, epochs: int = 20) -> Any:  # fmt: skip
    """Binarised MLP on the digits (1297 training, 500 validation images, 64 pixels in [0,
    1]): Dense `width` (first layer in full precision) -> BatchNorm -> Sign -> BinaryDense
    `width` -> BatchNorm -> Sign -> BinaryDense `width` -> BatchNorm -> Sign -> Dense 10
    softmax (last layer in full precision), the sign activation's gradient the hard-tanh
    STE, latent weights clipped to [-1, 1], sparse CE, Adam(1e-3), batch 32, 20 epochs.
    Options: `first` ("full"; "binary": the first layer binarised too), `last` ("full";
    "binary": a 1-bit BinaryDense 10 straight into the softmax; "binary_bn": a BinaryDense 10
    then BatchNorm, as the BNN paper), `bn` (False: no BatchNorm before the signs),
    `act_grad` ("htanh"; "identity": the sign's gradient passed unclipped), `clip` (False:
    the latent weights never clipped), `ste` (False: sign(w) with its own zero gradient),
    the rate, batch size and epochs."""
    x, xval, y, yval = digits_split()
    x, xval = x.reshape(len(x), 64), xval.reshape(len(xval), 64)
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((64,))])
    model.add(layers.Dense(width, use_bias=False) if first == "full"
              else BinaryDense(width, clip, ste))  # fmt: skip
    for i in range(3):
        if bn:
            model.add(layers.BatchNormalization(momentum=0.9))
        model.add(SignActivation(act_grad))
        if i < 2:
            model.add(BinaryDense(width, clip, ste))
    if last == "full":
        model.add(layers.Dense(10, activation="softmax"))
    else:
        model.add(BinaryDense(10, clip, ste))
        if last == "binary_bn":
            model.add(layers.BatchNormalization(momentum=0.9))
        model.add(layers.Softmax())
    model.compile(keras.optimizers.Adam(lr), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval))  # fmt: skip


def ternary_cnn(kit: Kit, *, pixels: str = "unit", alpha_init: float = 1.0, bn: bool = True,
                ste: bool = True, act_bits: int = 4, act_hi: float = 4.0, lr: float = 1e-3,
                batch_size: int = 32, epochs: int = 10) -> Any:  # fmt: skip
    """Ternary-weight CNN on the digit images (1297 training, 500 validation, 8 x 8 x 1):
    input FakeQuant 8-bit on [0, 1] -> Conv2D 32 3x3 (first layer in full precision) ->
    BatchNorm -> ReLU -> FakeQuant `act_bits` on [0, `act_hi`] -> TernaryConv2D 32 (learned
    scale alpha) -> BatchNorm -> ReLU -> FakeQuant -> MaxPool -> TernaryConv2D 32 ->
    BatchNorm -> ReLU -> FakeQuant -> GlobalAveragePooling -> Dense 10 softmax (full
    precision), BatchNorm momentum 0.9 throughout, sparse CE, Adam(1e-3), batch 32, 10
    epochs. Options: `pixels` ("unit": / 16;
    "raw": sklearn's 0..16 counts into the [0, 1] input quantiser), `alpha_init` of the
    ternary layers' scale, `bn` (False: no BatchNorm after the ternary convolutions), `ste`
    (False: the ternarisation's own gradient, zero), the activations' bits and range, the
    rate, batch size and epochs."""
    x, xval, y, yval = digits_split()
    if pixels == "raw":
        x, xval = x * 16.0, xval * 16.0
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((8, 8, 1)), FakeQuant(8, 0.0, 1.0),
                              layers.Conv2D(32, 3, padding="same", use_bias=False),
                              layers.BatchNormalization(momentum=0.9), layers.ReLU(),
                              FakeQuant(act_bits, 0.0, act_hi)])  # fmt: skip
    for pool in (True, False):
        model.add(TernaryConv2D(32, alpha_init, ste))
        if bn:
            model.add(layers.BatchNormalization(momentum=0.9))
        model.add(layers.ReLU())
        model.add(FakeQuant(act_bits, 0.0, act_hi))
        if pool:
            model.add(layers.MaxPooling2D())
    model.add(layers.GlobalAveragePooling2D())
    model.add(layers.Dense(10, activation="softmax"))
    model.compile(keras.optimizers.Adam(lr), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval))  # fmt: skip
