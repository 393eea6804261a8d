"""Batch-76 hypernetwork scripts (keyword options are the faults, the defaults the healthy
choice): a hypernetwork that outputs the kernels and biases of a small target MLP per sample
(applied by einsum) on a family of sine tasks, a hypernetwork producing low-rank factors U and
V of the target's middle kernel on the same family, FiLM on a task id for a family of cubic
polynomials, conditional LayerNorm / BatchNorm whose scale and shift come from a context id
on a context-dependent classification, and a CondConv-style dynamic convolution (kernels mixed
from a bank by a softmax router) on the digits. Each script calls `kit.fit` once.
"""

from __future__ import annotations

from typing import Any

import keras
import numpy as np
from keras import layers, ops

from benchmarks.practice.batch76_data import context_rules, digits_images, poly_tasks, sine_tasks
from benchmarks.practice.kit import Kit


def _optimizer(name: str, lr: float) -> keras.optimizers.Optimizer:
    return keras.optimizers.SGD(lr, momentum=0.9) if name == "sgd" else keras.optimizers.Adam(lr)


def _sine_inputs(scaling: str, x_units: str) -> list[np.ndarray]:
    """The sine rows with the task code scaled ("unit": A / 3 and p / pi; "degrees": A as is,
    p in degrees, 0..180) and x in radians or degrees."""
    code, x, y, codeval, xval, yval = sine_tasks()

    def scale(c: np.ndarray) -> np.ndarray:
        if scaling == "degrees":
            return np.stack([c[:, 0], np.degrees(c[:, 1])], axis=1).astype("float32")
        return (c / np.array([3.0, np.pi], dtype="float32")).astype("float32")

    def units(v: np.ndarray) -> np.ndarray:
        return np.degrees(v).astype("float32") if x_units == "degrees" else v

    return [scale(code), units(x), y, scale(codeval), units(xval), yval]


class TargetMLP(layers.Layer):
    """The target network 1 -> `hidden` -> 1 run with generated weights: `params` (batch,
    3 * hidden + 1) holds W1, b1, W2, b2 for each sample; y = act(x W1 + b1) . W2 + b2 by
    einsum. `per="batch"`: the generated weights averaged over the batch first (one target
    net for the whole batch, as in a per-task hypernet)."""

    def __init__(self, hidden: int = 32, activation: str = "tanh", per: str = "sample",
                 **kwargs: Any) -> None:  # fmt: skip
        super().__init__(**kwargs)
        self.hidden, self.activation_name, self.per = hidden, activation, per
        self.activation = keras.activations.get(activation)

    def call(self, inputs: list[Any]) -> Any:
        params, x = inputs
        if self.per == "batch":
            params = ops.mean(params, axis=0, keepdims=True) + ops.zeros_like(params)
        n = self.hidden
        w1, b1 = params[:, :n], params[:, n:2 * n]
        w2, b2 = params[:, 2 * n:3 * n], params[:, 3 * n:]
        h = self.activation(ops.einsum("bi,bj->bj", x, w1) + b1)
        return ops.einsum("bj,bj->b", h, w2)[:, None] + b2

    def get_config(self) -> dict[str, Any]:
        return {**super().get_config(), "hidden": self.hidden,
                "activation": self.activation_name, "per": self.per}  # fmt: skip


def hyper_sines(kit: Kit, *, code_scaling: str = "unit", x_units: str = "radians",
                target_act: str = "tanh", per: str = "sample", head_init: str = "glorot_uniform",
                hyper_act: str = "relu", shuffle_codes: bool = False, optimizer: str = "adam",
                lr: float = 1e-3, epochs: int = 30, batch_size: int = 64) -> Any:  # fmt: skip
    """Sine family y = A sin(x + p) (300 training tasks x 20 points, 75 new validation tasks):
    the task code (A / 3, p / pi) -> hypernet Dense 64 ReLU -> Dense 64 ReLU -> Dense 97 (the
    W1, b1, W2, b2 of a 1 -> 32 tanh -> 1 target MLP, per sample) -> `TargetMLP` on x; MSE,
    MAE metric, Adam(1e-3), batch 64, 30 epochs. Options: `code_scaling` ("unit"; "degrees":
    A as is and the phase in degrees), `x_units` ("radians"; "degrees": the target net's input
    in degrees, -286..286), `target_act` of the target MLP, `per` ("sample"; "batch": the
    generated weights averaged over the batch), `head_init` (the generator head's kernel
    initializer), `hyper_act` (the hypernet's hidden activation), `shuffle_codes` (the
    training codes shuffled apart from their rows), the optimizer, rate, epochs and batch."""
    code, x, y, codeval, xval, yval = _sine_inputs(code_scaling, x_units)
    keras.utils.set_random_seed(kit.seed)
    if shuffle_codes:
        code = code[np.random.default_rng(kit.seed).permutation(len(code))]
    code_in, x_in = keras.Input((2,), name="code"), keras.Input((1,), name="x")
    h = layers.Dense(64, activation=hyper_act)(code_in)
    h = layers.Dense(64, activation=hyper_act)(h)
    params = layers.Dense(3 * 32 + 1, kernel_initializer=head_init, name="weight_head")(h)
    outputs = TargetMLP(32, target_act, per)([params, x_in])
    model = keras.Model([code_in, x_in], outputs)
    model.compile(_optimizer(optimizer, lr), "mse", metrics=["mae"])
    return kit.fit(model, [code, x], y, probe_data=([code, x], y), epochs=epochs,
                   batch_size=batch_size, validation_data=([codeval, xval], yval))  # fmt: skip


class LowRankHyperDense(layers.Layer):
    """A Dense layer whose kernel is generated per sample as U V^T / rank (U, V: (units,
    rank) each, from the context), plus a static bias: y = act(h U V^T / rank + b)."""

    def __init__(self, units: int, rank: int = 4, activation: str = "tanh",
                 **kwargs: Any) -> None:  # fmt: skip
        super().__init__(**kwargs)
        self.units, self.rank, self.activation_name = units, rank, activation
        self.activation = keras.activations.get(activation)

    def build(self, input_shape: Any) -> None:
        self.bias = self.add_weight((self.units,), initializer="zeros", name="bias")

    def call(self, inputs: list[Any]) -> Any:
        h, u, v = inputs
        u = ops.reshape(u, (-1, h.shape[-1], self.rank))
        v = ops.reshape(v, (-1, self.units, self.rank))
        hidden = ops.einsum("bi,bir->br", h, u)
        return self.activation(ops.einsum("br,bjr->bj", hidden, v) / self.rank + self.bias)

    def get_config(self) -> dict[str, Any]:
        return {**super().get_config(), "units": self.units, "rank": self.rank,
                "activation": self.activation_name}  # fmt: skip


def lowrank_sines(kit: Kit, *, rank: int = 4, init: str = "glorot", code_scaling: str = "unit",
                  activation: str = "tanh", lr: float = 1e-3, epochs: int = 30,
                  batch_size: int = 64) -> Any:  # fmt: skip
    """The sine family: x -> Dense 32 tanh -> `LowRankHyperDense` 32 tanh whose kernel is
    U V^T / rank, U and V generated from the task code (A / 3, p / pi) by a hypernet Dense 64
    ReLU -> Dense 64 ReLU -> two heads Dense 32 x rank -> Dense 1; MSE, MAE metric,
    Adam(1e-3), batch 64, 30 epochs. Options: `rank` (4), `init` ("glorot": both heads
    Keras's default; "lora": the V head zero-initialised, the U head glorot, as LoRA does;
    "zeros": both heads zero-initialised), `code_scaling`, `activation` of the target
    layers, the rate, epochs and batch size."""
    code, x, y, codeval, xval, yval = _sine_inputs(code_scaling, "radians")
    keras.utils.set_random_seed(kit.seed)
    code_in, x_in = keras.Input((2,), name="code"), keras.Input((1,), name="x")
    c = layers.Dense(64, activation="relu")(code_in)
    c = layers.Dense(64, activation="relu")(c)
    u_init = "zeros" if init == "zeros" else "glorot_uniform"
    v_init = "glorot_uniform" if init == "glorot" else "zeros"
    u = layers.Dense(32 * rank, kernel_initializer=u_init, name="u_head")(c)
    v = layers.Dense(32 * rank, kernel_initializer=v_init, name="v_head")(c)
    h = layers.Dense(32, activation=activation)(x_in)
    h = LowRankHyperDense(32, rank, activation)([h, u, v])
    outputs = layers.Dense(1)(h)
    model = keras.Model([code_in, x_in], outputs)
    model.compile(keras.optimizers.Adam(lr), "mse", metrics=["mae"])
    return kit.fit(model, [code, x], y, probe_data=([code, x], y), epochs=epochs,
                   batch_size=batch_size, validation_data=([codeval, xval], yval))  # fmt: skip


class FiLM(layers.Layer):
    """Feature-wise linear modulation: [h, film] -> gamma * h + beta with gamma, beta the two
    halves of `film`; `gamma="one_plus"` uses 1 + gamma (the identity at init)."""

    def __init__(self, gamma: str = "one_plus", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.gamma = gamma

    def call(self, inputs: list[Any]) -> Any:
        h, film = inputs
        gamma, beta = ops.split(film, 2, axis=-1)
        if self.gamma == "one_plus":
            gamma = 1.0 + gamma
        return gamma * h + beta

    def get_config(self) -> dict[str, Any]:
        return {**super().get_config(), "gamma": self.gamma}


def film_poly(kit: Kit, *, gamma: str = "one_plus", activation: str = "relu", depth: int = 2,
              output: str = "linear", shuffle_ids: bool = False, target_scale: float = 1.0,
              lr: float = 1e-3, epochs: int = 40, batch_size: int = 32) -> Any:  # fmt: skip
    """Cubic polynomial family (20 tasks, coefficients N(0, 1), x in -1..1; 100 training and
    30 validation points per task): the task id -> Embedding(20, 16) -> one Dense per hidden
    layer giving its FiLM gamma and beta; x -> [Dense 64 -> FiLM -> ReLU] x 2 -> Dense 1; MSE,
    MAE metric, Adam(1e-3), batch 32, 40 epochs. Options: `gamma` ("one_plus"; "raw": gamma
    straight from the Dense), `activation` and `depth` of the target MLP, `output` activation,
    `shuffle_ids` (the training task ids shuffled apart from their rows), `target_scale` (the
    targets multiplied, e.g. a unit change), the rate, epochs and batch size."""
    tid, x, y, tidval, xval, yval = poly_tasks()
    y, yval = y * target_scale, yval * target_scale
    keras.utils.set_random_seed(kit.seed)
    if shuffle_ids:
        tid = tid[np.random.default_rng(kit.seed).permutation(len(tid))]
    tid_in, x_in = keras.Input((), dtype="int32", name="task"), keras.Input((1,), name="x")
    task = layers.Embedding(20, 16)(tid_in)
    h = x_in
    for _ in range(depth):
        h = layers.Dense(64)(h)
        h = FiLM(gamma)([h, layers.Dense(2 * 64)(task)])
        h = layers.Activation(activation)(h)
    outputs = layers.Dense(1, activation=output)(h)
    model = keras.Model([tid_in, x_in], outputs)
    model.compile(keras.optimizers.Adam(lr), "mse", metrics=["mae"])
    return kit.fit(model, [tid, x], y, probe_data=([tid, x], y), epochs=epochs,
                   batch_size=batch_size, validation_data=([tidval, xval], yval))  # fmt: skip


class ConditionalNormalization(layers.Layer):
    """Conditional LayerNorm / BatchNorm: [h, cond] -> norm(h) * (1 + gamma(cond)) +
    beta(cond), the norm without its own scale and centre, gamma and beta from one Dense on
    the condition. `norm`: "layer", "batch" or "none"; `gamma="raw"`: gamma(cond) itself."""

    def __init__(self, units: int, norm: str = "layer", gamma: str = "one_plus",
                 **kwargs: Any) -> None:  # fmt: skip
        super().__init__(**kwargs)
        self.units, self.norm, self.gamma = units, norm, gamma
        self.project = layers.Dense(2 * units)
        if norm == "batch":
            self.inner = layers.BatchNormalization(center=False, scale=False)
        elif norm == "layer":
            self.inner = layers.LayerNormalization(center=False, scale=False)
        else:
            self.inner = None

    def build(self, input_shape: Any) -> None:
        h_shape, cond_shape = input_shape
        self.project.build(cond_shape)
        if self.inner is not None:
            self.inner.build(h_shape)

    def call(self, inputs: list[Any], training: bool | None = None) -> Any:
        h, cond = inputs
        gamma, beta = ops.split(self.project(cond), 2, axis=-1)
        if self.gamma == "one_plus":
            gamma = 1.0 + gamma
        if self.inner is not None:
            h = self.inner(h, training=training)
        return h * gamma + beta

    def get_config(self) -> dict[str, Any]:
        return {**super().get_config(), "units": self.units, "norm": self.norm,
                "gamma": self.gamma}  # fmt: skip


def cond_norm_rules(kit: Kit, *, norm: str = "layer", gamma: str = "one_plus",
                    context_input: str = "embedding", shuffle_context: bool = False,
                    output: str = "softmax", bias_init: float = 0.0, lr: float = 1e-3,
                    epochs: int = 20, batch_size: int = 64) -> Any:  # fmt: skip
    """Context-dependent classification (8 features, 6 contexts each with its own linear
    3-class rule; 6000 train, 1500 validate): the context -> Embedding(6, 16); x -> [Dense 64
    -> conditional LayerNorm (scale 1 + gamma(ctx), shift beta(ctx)) -> ReLU] x 2 -> softmax
    3, sparse CE, Adam(1e-3), batch 64, 20 epochs. Options: `norm` ("layer"; "batch": a
    conditional BatchNorm; "none": FiLM without a norm), `gamma` ("one_plus"; "raw"),
    `context_input` ("embedding"; "scalar": the id as one float into the gamma / beta Dense),
    `shuffle_context` (training contexts shuffled apart from their rows), `output` (the last
    activation; the loss stays sparse CE on probabilities), `bias_init` of the hidden Dense
    layers, the rate, epochs and batch size."""
    x, ctx, y, xval, ctxval, yval = context_rules()
    keras.utils.set_random_seed(kit.seed)
    if shuffle_context:
        ctx = ctx[np.random.default_rng(kit.seed).permutation(len(ctx))]
    x_in = keras.Input((8,), name="x")
    if context_input == "scalar":
        ctx, ctxval = ctx[:, None].astype("float32"), ctxval[:, None].astype("float32")
        ctx_in = keras.Input((1,), name="context")
        cond = ctx_in
    else:
        ctx_in = keras.Input((), dtype="int32", name="context")
        cond = layers.Embedding(6, 16)(ctx_in)
    h = x_in
    for _ in range(2):
        h = layers.Dense(64, bias_initializer=keras.initializers.Constant(bias_init))(h)
        h = ConditionalNormalization(64, norm, gamma)([h, cond])
        h = layers.Activation("relu")(h)
    outputs = layers.Dense(3, activation=output)(h)
    model = keras.Model([x_in, ctx_in], outputs)
    model.compile(keras.optimizers.Adam(lr), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, [x, ctx], y, probe_data=([x, ctx], y), epochs=epochs,
                   batch_size=batch_size, validation_data=([xval, ctxval], yval))  # fmt: skip


class CondConv2D(layers.Layer):
    """CondConv: a bank of `experts` kernels mixed per sample by a router on the globally
    pooled input, softmax(Dense(experts) / temperature) (or sigmoid, as the paper); by
    linearity the mix of the kernels is computed as the mix of the experts' outputs. `same`
    padding; the bank's `trainable` can be switched off."""

    def __init__(self, filters: int, kernel_size: int = 3, experts: int = 4,
                 router: str = "softmax", temperature: float = 1.0, bias_init: float = 0.0,
                 activation: str | None = None, train_bank: bool = True,
                 **kwargs: Any) -> None:  # fmt: skip
        super().__init__(**kwargs)
        self.filters, self.kernel_size, self.experts = filters, kernel_size, experts
        self.router_name, self.temperature, self.bias_init = router, temperature, bias_init
        self.activation_name, self.train_bank = activation, train_bank
        self.activation = keras.activations.get(activation)
        self.router = layers.Dense(experts)

    def build(self, input_shape: Any) -> None:
        k, cin = self.kernel_size, input_shape[-1]
        fan_in, fan_out = k * k * cin, k * k * self.filters
        limit = (6.0 / (fan_in + fan_out)) ** 0.5
        self.bank = self.add_weight((k, k, cin, self.experts * self.filters),
                                    initializer=keras.initializers.RandomUniform(-limit, limit),
                                    name="bank", trainable=self.train_bank)  # fmt: skip
        self.bias = self.add_weight((self.filters,), name="bias",
                                    initializer=keras.initializers.Constant(self.bias_init))
        self.router.build((None, cin))

    def call(self, x: Any) -> Any:
        logits = self.router(ops.mean(x, axis=(1, 2))) / self.temperature
        weights = ops.sigmoid(logits) if self.router_name == "sigmoid" else ops.softmax(logits)
        y = ops.conv(x, self.bank, padding="same")
        y = ops.reshape(y, (-1, x.shape[1], x.shape[2], self.experts, self.filters))
        return self.activation(ops.einsum("bhwef,be->bhwf", y, weights) + self.bias)

    def get_config(self) -> dict[str, Any]:
        return {**super().get_config(), "filters": self.filters,
                "kernel_size": self.kernel_size, "experts": self.experts,
                "router": self.router_name, "temperature": self.temperature,
                "bias_init": self.bias_init, "activation": self.activation_name,
                "train_bank": self.train_bank}  # fmt: skip


def condconv_digits(kit: Kit, *, experts: int = 4, router: str = "softmax",
                    temperature: float = 1.0, bias_init: float = 0.0, pixels: str = "unit",
                    train_bank: bool = True, output: str = "softmax", optimizer: str = "adam",
                    lr: float = 3e-3, epochs: int = 20, batch_size: int = 32) -> Any:  # fmt: skip
    """Digits as 8 x 8 x 1 images (pixels / 16; 1200 train, 597 validate): CondConv2D 16
    (3 x 3, 4 experts, softmax router on the pooled input) ReLU -> MaxPool 2 -> CondConv2D 32
    ReLU -> GlobalAveragePooling2D -> softmax 10, sparse CE, Adam(3e-3), batch 32, 20 epochs.
    Options: `experts`, `router` ("softmax"; "sigmoid"), `temperature`, `bias_init` of the
    CondConv layers, `pixels` ("unit"; "raw": 0..16), `train_bank` (False: the expert bank
    frozen, only the routers and the head learn), `output` activation, the optimizer, rate,
    epochs and batch size."""
    x, xval, y, yval = digits_images()
    if pixels == "raw":
        x, xval = x * 16.0, xval * 16.0
    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input((8, 8, 1))
    h = CondConv2D(16, 3, experts, router, temperature, bias_init, "relu", train_bank)(inputs)
    h = layers.MaxPooling2D(2)(h)
    h = CondConv2D(32, 3, experts, router, temperature, bias_init, "relu", train_bank)(h)
    h = layers.GlobalAveragePooling2D()(h)
    outputs = layers.Dense(10, activation=output)(h)
    model = keras.Model(inputs, outputs)
    model.compile(_optimizer(optimizer, lr), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval))  # fmt: skip
