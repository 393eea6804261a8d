"""Batch-34 scripts: subclassed Keras 3 models, custom layers and custom training logic as
practitioners write them (TensorFlow backend; keyword options are the faults, the defaults
the healthy choice): a residual block layer with its own `build` / `add_weight`, a
`keras.Model` subclass with Dropout and BatchNormalization and `call(x, training=False)`, a
model of its own class overriding `train_step` (GradientTape, `compute_loss`, the metrics
updated as the Keras 3 guide does), an `add_loss` activity regulariser, a hand-written
LayerNorm, an activation with a `tf.custom_gradient`, a `LearningRateSchedule` subclass, a
learned positional embedding and a custom self-attention layer, a gated linear unit. The
custom classes are registered (package "practice_batch34") with a `get_config`. Each script
calls `kit.fit`.
"""

from __future__ import annotations

from typing import Any

import keras
import numpy as np
import tensorflow as tf
from keras import layers, ops

from benchmarks.practice.batch34_data import (
    SEQ_LEN,
    VOCAB,
    marker_order,
    regression_surface,
    tabular_classes,
)
from benchmarks.practice.kit import Kit

PACKAGE = "practice_batch34"


def _standardise(x: np.ndarray, xval: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    mean, sd = x.mean(axis=0), x.std(axis=0) + 1e-12
    return (x - mean) / sd, (xval - mean) / sd


def _table() -> tuple[np.ndarray, ...]:
    d = tabular_classes()
    x, xval = _standardise(d["x"], d["val_x"])
    return x, d["y"], xval, d["val_y"]


# --- 1. a residual block layer with its own weights ---------------------------------------


@keras.saving.register_keras_serializable(package=PACKAGE)
class ResidualDense(keras.layers.Layer):
    """out = relu(x + W2 relu(W1 x + b1) + b2), the weights made in `build` with
    `add_weight`. `variant="add_twice"`: the skip added before the activation and again
    after it (relu(x + f(x)) + x); `kernel_init`: the kernels' initializer."""

    def __init__(self, variant: str = "post_act", kernel_init: str = "he_normal",
                 **kwargs: Any) -> None:  # fmt: skip
        super().__init__(**kwargs)
        self.variant = variant
        self.kernel_init = kernel_init

    def build(self, input_shape: Any) -> None:
        d = int(input_shape[-1])
        self.w1 = self.add_weight(shape=(d, d), initializer=self.kernel_init, name="w1")
        self.b1 = self.add_weight(shape=(d,), initializer="zeros", name="b1")
        self.w2 = self.add_weight(shape=(d, d), initializer=self.kernel_init, name="w2")
        self.b2 = self.add_weight(shape=(d,), initializer="zeros", name="b2")

    def call(self, x: Any) -> Any:
        h = ops.relu(ops.matmul(x, self.w1) + self.b1)
        h = ops.matmul(h, self.w2) + self.b2
        out = ops.relu(x + h)
        if self.variant == "add_twice":
            out = out + x
        return out

    def get_config(self) -> dict[str, Any]:
        return {**super().get_config(), "variant": self.variant, "kernel_init": self.kernel_init}


@keras.saving.register_keras_serializable(package=PACKAGE)
class MyDense(keras.layers.Layer):
    """A Dense layer as the subclassing guide writes it: `add_weight` in `build`."""

    def __init__(self, units: int, activation: str | None = None,
                 kernel_init: str = "glorot_uniform", **kwargs: Any) -> None:  # fmt: skip
        super().__init__(**kwargs)
        self.units = units
        self.activation = keras.activations.get(activation)
        self.kernel_init = kernel_init

    def build(self, input_shape: Any) -> None:
        self.w = self.add_weight(shape=(int(input_shape[-1]), self.units),
                                 initializer=self.kernel_init, name="kernel")  # fmt: skip
        self.b = self.add_weight(shape=(self.units,), initializer="zeros", name="bias")

    def call(self, x: Any) -> Any:
        return self.activation(ops.matmul(x, self.w) + self.b)

    def get_config(self) -> dict[str, Any]:
        return {**super().get_config(), "units": self.units,
                "activation": keras.activations.serialize(self.activation),
                "kernel_init": self.kernel_init}  # fmt: skip


def residual_tabular(kit: Kit, *, variant: str = "post_act", kernel_init: str = "he_normal",
                     stem_init: str = "glorot_uniform", blocks: int = 3,
                     epochs: int = 10) -> Any:  # fmt: skip
    """Three-class table (16 standardised features): MyDense(64, relu) stem -> 3
    ResidualDense blocks -> Dense(3, softmax); sparse CE, Adam(1e-3), batch 64, 10 epochs.
    Options: `variant="add_twice"` (the skip added twice), `kernel_init` of the blocks,
    `stem_init="zeros"` (the stem's kernel initializer copied from the bias line)."""
    x, y, xval, yval = _table()
    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input((x.shape[1],))
    h = MyDense(64, "relu", kernel_init=stem_init)(inputs)
    for _ in range(blocks):
        h = ResidualDense(variant, kernel_init)(h)
    model = keras.Model(inputs, layers.Dense(3, activation="softmax")(h))
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=64,
                   validation_data=(xval, yval))  # fmt: skip


# --- 2. a subclassed model with Dropout and BatchNormalization ----------------------------


class TabularNet(keras.Model):
    """A `keras.Model` subclass: (Dense -> BatchNormalization -> ReLU -> Dropout) x 2 ->
    Dense(3, softmax). `training`: how `call` hands its flag down ("passed", "omitted":
    the inner layers called without it, "forced_false" / "forced_true": a constant)."""

    def __init__(self, width: int = 64, dropout: float = 0.3, training: str = "passed",
                 **kwargs: Any) -> None:  # fmt: skip
        super().__init__(**kwargs)
        self.mode = training
        self.dense1 = layers.Dense(width)
        self.bn1 = layers.BatchNormalization()
        self.drop1 = layers.Dropout(dropout)
        self.dense2 = layers.Dense(width)
        self.bn2 = layers.BatchNormalization()
        self.drop2 = layers.Dropout(dropout)
        self.out = layers.Dense(3, activation="softmax")

    def call(self, x: Any, training: bool = False) -> Any:
        flag: Any = {"passed": training, "forced_false": False, "forced_true": True}.get(
            self.mode)
        for dense, bn, drop in ((self.dense1, self.bn1, self.drop1),
                                (self.dense2, self.bn2, self.drop2)):  # fmt: skip
            if self.mode == "omitted":
                x = drop(ops.relu(bn(dense(x))))
            else:
                x = drop(ops.relu(bn(dense(x), training=flag)), training=flag)
        return self.out(x)


def subclassed_bn_dropout(kit: Kit, *, training: str = "passed", raw: bool = False,
                          epochs: int = 25) -> Any:  # fmt: skip
    """The three-class table through the `TabularNet` subclass; sparse CE, Adam(1e-3),
    batch 64, 25 epochs. Options: `training` (see `TabularNet`), `raw` (the features in
    their units, the BatchNormalization layers left to scale them)."""
    d = tabular_classes()
    if raw:
        x, xval, y, yval = d["x"], d["val_x"], d["y"], d["val_y"]
    else:
        x, y, xval, yval = _table()
    keras.utils.set_random_seed(kit.seed)
    model = TabularNet(training=training)
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=64,
                   validation_data=(xval, yval))  # fmt: skip


# --- 3. a model class of its own with a custom train_step -------------------------------


@keras.saving.register_keras_serializable(package=PACKAGE)
class StepModel(keras.Model):
    """A functional model whose class overrides `train_step` as the Keras 3 guide writes
    it (TensorFlow backend), with an explicit L2 penalty on the kernels. `update`: which
    variables get gradients ("all", "first_layer": `self.trainable_variables[:2]` as a
    fine-tuning snippet slices them, "last_layer"); `penalty`: "inside" the tape or
    "outside" it (computed before the `with` block and added inside: it has no gradient)."""

    def __init__(self, *args: Any, update: str = "all", penalty: str = "inside",
                 l2: float = 1e-4, **kwargs: Any) -> None:  # fmt: skip
        super().__init__(*args, **kwargs)
        self.update = update
        self.penalty = penalty
        self.l2 = l2

    def _l2(self) -> Any:
        return self.l2 * ops.sum([ops.sum(ops.square(w)) for w in self.trainable_weights
                                  if len(w.shape) == 2])  # fmt: skip

    def train_step(self, data: Any) -> Any:
        x, y = data[0], data[1]
        outside = self._l2() if self.penalty == "outside" else 0.0
        with tf.GradientTape() as tape:
            y_pred = self(x, training=True)
            loss = self.compute_loss(x=x, y=y, y_pred=y_pred)
            loss = loss + (self._l2() if self.penalty == "inside" else outside)
        variables = self.trainable_variables
        if self.update == "first_layer":
            variables = variables[:2]
        elif self.update == "last_layer":
            variables = variables[-2:]
        grads = tape.gradient(loss, variables)
        self.optimizer.apply(grads, variables)
        for metric in self.metrics:
            if metric.name == "loss":
                metric.update_state(loss)
            else:
                metric.update_state(y, y_pred)
        return {m.name: m.result() for m in self.metrics}

    def get_config(self) -> dict[str, Any]:
        return {**super().get_config(), "update": self.update, "penalty": self.penalty,
                "l2": self.l2}  # fmt: skip


def custom_train_step(kit: Kit, *, update: str = "all", penalty: str = "inside",
                      epochs: int = 25) -> Any:  # fmt: skip
    """The three-class table through a `StepModel`: Dense 64 x 2 (ReLU) -> Dense(3,
    softmax), L2 1e-4 on the kernels in `train_step`; sparse CE, Adam(1e-3), batch 64, 25
    epochs. Options: `update`, `penalty` (see `StepModel`)."""
    x, y, xval, yval = _table()
    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input((x.shape[1],))
    h = layers.Dense(64, activation="relu")(inputs)
    h = layers.Dense(64, activation="relu")(h)
    out = layers.Dense(3, activation="softmax")(h)
    model = StepModel(inputs, out, update=update, penalty=penalty)
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=64,
                   validation_data=(xval, yval))  # fmt: skip


# --- 4. an add_loss activity regulariser --------------------------------------------------


@keras.saving.register_keras_serializable(package=PACKAGE)
class ActivityL2(keras.layers.Layer):
    """Passes its input through and adds rate * mean(x^2) with `add_loss` (`reduce="sum"`:
    the square summed over every element of the batch)."""

    def __init__(self, rate: float = 1e-3, reduce: str = "mean", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.rate = rate
        self.reduce = reduce

    def call(self, x: Any) -> Any:
        square = ops.square(x)
        self.add_loss(self.rate * (ops.sum(square) if self.reduce == "sum"
                                   else ops.mean(square)))  # fmt: skip
        return x

    def get_config(self) -> dict[str, Any]:
        return {**super().get_config(), "rate": self.rate, "reduce": self.reduce}


def activity_regularised(kit: Kit, *, reduce: str = "mean", rate: float = 1e-3,
                         epochs: int = 25) -> Any:  # fmt: skip
    """The three-class table: (Dense(64, relu) -> ActivityL2) x 2 -> Dense(3, softmax);
    sparse CE + the activity penalty, Adam(1e-3), batch 64, 25 epochs. Options: `reduce`,
    `rate`."""
    x, y, xval, yval = _table()
    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input((x.shape[1],))
    h = inputs
    for _ in range(2):
        h = ActivityL2(rate, reduce)(layers.Dense(64, activation="relu")(h))
    model = keras.Model(inputs, layers.Dense(3, activation="softmax")(h))
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=64,
                   validation_data=(xval, yval))  # fmt: skip


# --- 5. a hand-written LayerNorm ----------------------------------------------------------


@keras.saving.register_keras_serializable(package=PACKAGE)
class MyLayerNorm(keras.layers.Layer):
    """(x - mean) / sqrt(var + eps) * gamma + beta over `axis` (-1: the features; 0: the
    batch); `gamma_init`: the scale's initializer ("ones"; "default": add_weight's own
    default, glorot_uniform)."""

    def __init__(self, eps: float = 1e-5, axis: int = -1, gamma_init: str = "ones",
                 **kwargs: Any) -> None:  # fmt: skip
        super().__init__(**kwargs)
        self.eps = eps
        self.axis = axis
        self.gamma_init = gamma_init

    def build(self, input_shape: Any) -> None:
        d = int(input_shape[-1])
        if self.gamma_init == "default":
            self.gamma = self.add_weight(shape=(d,), name="gamma")
        else:
            self.gamma = self.add_weight(shape=(d,), initializer=self.gamma_init, name="gamma")
        self.beta = self.add_weight(shape=(d,), initializer="zeros", name="beta")

    def call(self, x: Any) -> Any:
        mean = ops.mean(x, axis=self.axis, keepdims=True)
        var = ops.var(x, axis=self.axis, keepdims=True)
        return (x - mean) / ops.sqrt(var + self.eps) * self.gamma + self.beta

    def get_config(self) -> dict[str, Any]:
        return {**super().get_config(), "eps": self.eps, "axis": self.axis,
                "gamma_init": self.gamma_init}  # fmt: skip


def layernorm_regression(kit: Kit, *, eps: float = 1e-5, axis: int = -1,
                         gamma_init: str = "ones", epochs: int = 30) -> Any:  # fmt: skip
    """The regression surface (8 features in [-2, 2], target sd ~1.9, not rescaled):
    (Dense(64) -> MyLayerNorm -> gelu) x 3 -> Dense(1); MSE + mae, Adam(1e-3), batch 64,
    30 epochs. Options: `eps` (0: the epsilon left out), `axis=0` (normalised over the
    batch), `gamma_init="default"` (the scale made with add_weight's default initializer)."""
    d = regression_surface()
    x, y, xval, yval = d["x"], d["y"], d["val_x"], d["val_y"]
    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input((x.shape[1],))
    h = inputs
    for _ in range(3):
        h = layers.Activation("gelu")(MyLayerNorm(eps, axis, gamma_init)(layers.Dense(64)(h)))
    model = keras.Model(inputs, layers.Dense(1)(h))
    model.compile(keras.optimizers.Adam(1e-3), "mse", metrics=["mae"])
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=64,
                   validation_data=(xval, yval))  # fmt: skip


# --- 6. an activation with a custom gradient ---------------------------------------------


@keras.saving.register_keras_serializable(package=PACKAGE)
class SmoothReLU(keras.layers.Layer):
    """softplus(x) with a hand-written gradient (`tf.custom_gradient`: d/dx = sigmoid(x));
    `sign=-1`: the derivative written with a flipped sign (-sigmoid(x))."""

    def __init__(self, sign: float = 1.0, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.sign = sign

    def call(self, x: Any) -> Any:
        sign = self.sign

        @tf.custom_gradient
        def smooth_relu(v: Any) -> Any:
            def grad(upstream: Any) -> Any:
                return upstream * sign * tf.sigmoid(v)

            return tf.nn.softplus(v), grad

        return smooth_relu(x)

    def get_config(self) -> dict[str, Any]:
        return {**super().get_config(), "sign": self.sign}


def custom_gradient_activation(kit: Kit, *, sign: float = 1.0, epochs: int = 30) -> Any:
    """The regression surface: (Dense(64) -> SmoothReLU) x 2 -> Dense(1); MSE + mae,
    Adam(1e-3), batch 64, 30 epochs. Options: `sign=-1` (the custom gradient's sign
    flipped)."""
    d = regression_surface()
    x, y, xval, yval = d["x"], d["y"], d["val_x"], d["val_y"]
    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input((x.shape[1],))
    h = inputs
    for _ in range(2):
        h = SmoothReLU(sign)(layers.Dense(64)(h))
    model = keras.Model(inputs, layers.Dense(1)(h))
    model.compile(keras.optimizers.Adam(1e-3), "mse", metrics=["mae"])
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=64,
                   validation_data=(xval, yval))  # fmt: skip


# --- 7. a LearningRateSchedule subclass --------------------------------------------------


@keras.saving.register_keras_serializable(package=PACKAGE)
class WarmupCosine(keras.optimizers.schedules.LearningRateSchedule):
    """Linear warm-up to `peak` over `warmup` steps, then a cosine decay to 5 % of it at
    `total` steps. `bug`: "step_count" (returns the step, cast, instead of the rate: a
    return line left from debugging), "per_step_decay" (an exponential decay 0.9 ** step
    where 0.9 was meant per epoch)."""

    def __init__(self, peak: float, warmup: int, total: int, bug: str = "") -> None:
        self.peak = peak
        self.warmup = warmup
        self.total = total
        self.bug = bug

    def __call__(self, step: Any) -> Any:
        step = ops.cast(step, "float32")
        if self.bug == "step_count":
            return step
        if self.bug == "per_step_decay":
            return self.peak * ops.power(0.9, step)
        warm = self.peak * (step + 1.0) / self.warmup
        progress = ops.clip((step - self.warmup) / max(self.total - self.warmup, 1), 0.0, 1.0)
        cosine = self.peak * (0.05 + 0.95 * 0.5 * (1.0 + ops.cos(np.pi * progress)))
        return ops.where(step < self.warmup, warm, cosine)

    def get_config(self) -> dict[str, Any]:
        return {"peak": self.peak, "warmup": self.warmup, "total": self.total, "bug": self.bug}


def scheduled_classifier(kit: Kit, *, bug: str = "", peak: float = 3e-3,
                         epochs: int = 25) -> Any:  # fmt: skip
    """The three-class table: Dense 128 x 2 (ReLU) -> Dense(3, softmax); sparse CE, Adam
    under a `WarmupCosine(3e-3, 1 epoch of warm-up, every step)`, batch 64, 25 epochs.
    Options: `bug` (see `WarmupCosine`), `peak`."""
    x, y, xval, yval = _table()
    steps = int(np.ceil(len(x) / 64))
    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input((x.shape[1],))
    h = layers.Dense(128, activation="relu")(inputs)
    h = layers.Dense(128, activation="relu")(h)
    model = keras.Model(inputs, layers.Dense(3, activation="softmax")(h))
    schedule = WarmupCosine(peak, steps, steps * epochs, bug)
    model.compile(keras.optimizers.Adam(schedule), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=64,
                   validation_data=(xval, yval))  # fmt: skip


# --- 8. a learned positional embedding and a custom attention layer -----------------------


@keras.saving.register_keras_serializable(package=PACKAGE)
class TokenAndPosition(keras.layers.Layer):
    """A token embedding plus a learned position table (`add_weight`, shape (length,
    dim)). `position`: "learned" (added), "none" (the line adding it left out), or
    "zeros_init" (the table initialised with zeros: learned from there)."""

    def __init__(self, vocab: int, length: int, dim: int, position: str = "learned",
                 **kwargs: Any) -> None:  # fmt: skip
        super().__init__(**kwargs)
        self.vocab, self.length, self.dim, self.position = vocab, length, dim, position
        self.tokens = layers.Embedding(vocab, dim)

    def build(self, input_shape: Any) -> None:
        init = "zeros" if self.position == "zeros_init" else keras.initializers.RandomNormal(
            stddev=0.05)
        self.table = self.add_weight(shape=(self.length, self.dim), initializer=init,
                                     name="positions")  # fmt: skip
        self.tokens.build(input_shape)

    def call(self, x: Any) -> Any:
        h = self.tokens(x)
        if self.position != "none":
            h = h + self.table[None]
        return h

    def get_config(self) -> dict[str, Any]:
        return {**super().get_config(), "vocab": self.vocab, "length": self.length,
                "dim": self.dim, "position": self.position}  # fmt: skip


@keras.saving.register_keras_serializable(package=PACKAGE)
class SelfAttention(keras.layers.Layer):
    """Single-head scaled dot-product self-attention with its own q, k, v, o kernels and a
    residual add; `scale=False`: the 1 / sqrt(d) factor left out; `stop_value=True`: a
    `tf.stop_gradient` left on the value branch (from a debugging session)."""

    def __init__(self, scale: bool = True, stop_value: bool = False, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.scale = scale
        self.stop_value = stop_value

    def build(self, input_shape: Any) -> None:
        d = int(input_shape[-1])
        self.wq, self.wk, self.wv, self.wo = (
            self.add_weight(shape=(d, d), initializer="glorot_uniform", name=n)
            for n in ("wq", "wk", "wv", "wo"))  # fmt: skip

    def call(self, x: Any) -> Any:
        q, k, v = ops.matmul(x, self.wq), ops.matmul(x, self.wk), ops.matmul(x, self.wv)
        if self.stop_value:
            v = tf.stop_gradient(v)
        scores = ops.matmul(q, ops.transpose(k, (0, 2, 1)))
        if self.scale:
            scores = scores / np.sqrt(int(x.shape[-1]))
        attended = ops.matmul(ops.softmax(scores, axis=-1), v)
        return x + ops.matmul(attended, self.wo)

    def get_config(self) -> dict[str, Any]:
        return {**super().get_config(), "scale": self.scale, "stop_value": self.stop_value}


def attention_marker_order(kit: Kit, *, position: str = "learned", scale: bool = True,
                           stop_value: bool = False, epochs: int = 20) -> Any:  # fmt: skip
    """Which of two marker tokens comes first (length-20 sequences, vocabulary 32):
    TokenAndPosition(32) -> SelfAttention -> Dense(64, relu) -> GlobalAveragePooling1D ->
    Dense(1, sigmoid); BCE, Adam(2e-3), batch 64, 20 epochs. Options: `position`, `scale`,
    `stop_value`."""
    d = marker_order()
    x, y, xval, yval = d["x"], d["y"], d["val_x"], d["val_y"]
    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input((SEQ_LEN,), dtype="int32")
    h = TokenAndPosition(VOCAB, SEQ_LEN, 32, position)(inputs)
    h = SelfAttention(scale, stop_value)(h)
    h = layers.Dense(64, activation="relu")(h)
    h = layers.GlobalAveragePooling1D()(h)
    model = keras.Model(inputs, layers.Dense(1, activation="sigmoid")(h))
    model.compile(keras.optimizers.Adam(2e-3), "binary_crossentropy", metrics=["accuracy"])
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=64,
                   validation_data=(xval, yval))  # fmt: skip


# --- 9. a gated linear unit ---------------------------------------------------------------


@keras.saving.register_keras_serializable(package=PACKAGE)
class GatedUnit(keras.layers.Layer):
    """GLU: Dense(2 units) split into a value and a gate, value * sigmoid(gate).
    `stop`: "" (none), "gate" or "value" (a `tf.stop_gradient` left on that branch);
    `gate_fn`: "sigmoid" (or "tanh")."""

    def __init__(self, units: int, stop: str = "", gate_fn: str = "sigmoid",
                 **kwargs: Any) -> None:  # fmt: skip
        super().__init__(**kwargs)
        self.units, self.stop, self.gate_fn = units, stop, gate_fn
        self.proj = layers.Dense(2 * units)

    def build(self, input_shape: Any) -> None:
        self.proj.build(input_shape)

    def call(self, x: Any) -> Any:
        value, gate = ops.split(self.proj(x), 2, axis=-1)
        if self.stop == "gate":
            gate = tf.stop_gradient(gate)
        elif self.stop == "value":
            value = tf.stop_gradient(value)
        return value * (ops.sigmoid(gate) if self.gate_fn == "sigmoid" else ops.tanh(gate))

    def get_config(self) -> dict[str, Any]:
        return {**super().get_config(), "units": self.units, "stop": self.stop,
                "gate_fn": self.gate_fn}  # fmt: skip


def gated_regression(kit: Kit, *, stop: str = "", gate_fn: str = "sigmoid",
                     epochs: int = 30) -> Any:  # fmt: skip
    """The regression surface: GatedUnit(64) x 2 -> Dense(1); MSE + mae, Adam(1e-3), batch
    64, 30 epochs. Options: `stop`, `gate_fn` (see `GatedUnit`)."""
    d = regression_surface()
    x, y, xval, yval = d["x"], d["y"], d["val_x"], d["val_y"]
    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input((x.shape[1],))
    h = GatedUnit(64, stop, gate_fn)(inputs)
    h = GatedUnit(64, stop, gate_fn)(h)
    model = keras.Model(inputs, layers.Dense(1)(h))
    model.compile(keras.optimizers.Adam(1e-3), "mse", metrics=["mae"])
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=64,
                   validation_data=(xval, yval))  # fmt: skip


# --- 10. a subclassed model keeping its blocks in a container -----------------------------


class BlockStack(keras.Model):
    """A `keras.Model` subclass whose hidden layers sit in a container: "list" (a list
    attribute) or "dict" (a plain dict attribute, keyed by name)."""

    def __init__(self, container: str = "list", width: int = 64, depth: int = 3,
                 **kwargs: Any) -> None:  # fmt: skip
        super().__init__(**kwargs)
        self.container, self.width, self.depth = container, width, depth
        made = [layers.Dense(width, activation="relu") for _ in range(depth)]
        if container == "dict":
            self.blocks = {f"dense_{i}": layer for i, layer in enumerate(made)}
        else:
            self.blocks = made
        self.head = layers.Dense(1)

    def call(self, x: Any, training: bool = False) -> Any:
        hidden = list(self.blocks.values()) if self.container == "dict" else self.blocks
        for layer in hidden:
            x = layer(x)
        return self.head(x)


def subclassed_block_stack(kit: Kit, *, container: str = "list", epochs: int = 30) -> Any:
    """The regression surface through `BlockStack` (Dense 64 x 3 ReLU -> Dense(1)); MSE +
    mae, Adam(1e-3), batch 64, 30 epochs. Options: `container`."""
    d = regression_surface()
    x, y, xval, yval = d["x"], d["y"], d["val_x"], d["val_y"]
    keras.utils.set_random_seed(kit.seed)
    model = BlockStack(container)
    model.compile(keras.optimizers.Adam(1e-3), "mse", metrics=["mae"])
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=64,
                   validation_data=(xval, yval))  # fmt: skip
