"""Batch-55 gated and conditional scripts (keyword options are the faults, the defaults the
healthy choice): a mixture of experts with a softmax gate, a softmax gate over feature
groups, a highway stack, GLU blocks, FiLM conditioning on a task id, squeeze-and-excitation
blocks in a small CNN and a multiplicative interaction of two projections. Each script calls
`kit.fit`.
"""

from __future__ import annotations

from typing import Any

import keras
import numpy as np
from keras import layers, ops

from benchmarks.practice.batch55_data import order_split, regime_split, stripe_images, task_split
from benchmarks.practice.kit import Kit


def _compile_classifier(model: keras.Model, lr: float, classes: int) -> None:
    loss = "sparse_categorical_crossentropy" if classes > 2 else "binary_crossentropy"
    model.compile(keras.optimizers.Adam(lr), loss, metrics=["accuracy"])


def moe_mlp(kit: Kit, *, experts: int = 4, expert_width: int = 16, gate_bias: float = 0.0,
            gate_axis: int = -1, shared_expert: bool = False, gate_temperature: float = 1.0,
            lr: float = 1e-3, batch_size: int = 64, epochs: int = 20) -> Any:  # fmt: skip
    """The three-regime table (6000 training rows, 1500 validation rows, 12 standardised
    features): a mixture of `experts` experts, each Dense `expert_width` ReLU -> Dense 3
    logits, mixed by a gate Dense(experts) -> softmax over the experts, the mixed logits ->
    softmax 3; sparse CE, Adam(1e-3), batch 64, 20 epochs. Options: `gate_bias` (> 0: the
    gate's bias initialised to [gate_bias, 0, 0, ...], so the first expert takes everything
    at the start), `gate_axis` (0: `layers.Softmax(axis=0)`, the gate normalised over the
    batch instead of the experts), `shared_expert` (one Dense layer object called for every
    expert, as `expert = Dense(...)` built once outside the loop), `gate_temperature` (the
    gate logits divided by it), the rate, batch size and epochs."""
    x, xval, y, yval = regime_split()
    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input((12,))
    gate_init = np.zeros(experts, dtype="float32")
    gate_init[0] = gate_bias
    logits = layers.Dense(experts, bias_initializer=keras.initializers.Constant(gate_init),
                          name="gate_logits")(inputs)  # fmt: skip
    if gate_temperature != 1.0:
        logits = layers.Rescaling(1.0 / gate_temperature)(logits)
    gate = layers.Softmax(axis=gate_axis, name="gate")(logits)
    shared_hidden = layers.Dense(expert_width, activation="relu")
    shared_out = layers.Dense(3)
    outs = []
    for k in range(experts):
        if shared_expert:
            hidden, out = shared_hidden, shared_out
        else:
            hidden = layers.Dense(expert_width, activation="relu", name=f"expert{k}_hidden")
            out = layers.Dense(3, name=f"expert{k}_out")
        outs.append(out(hidden(inputs)))
    stacked = layers.Lambda(lambda t: ops.stack(t, axis=1))(outs)  # (batch, experts, 3)
    mixed = layers.Lambda(lambda t: ops.sum(t[0] * ops.expand_dims(t[1], -1), axis=1))(
        [stacked, gate])
    outputs = layers.Softmax()(mixed)
    model = keras.Model(inputs, outputs)
    _compile_classifier(model, lr, 3)
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval))  # fmt: skip


def group_gate_mlp(kit: Kit, *, softmax_axis: int = 1, score_activation: str = "tanh",
                   width: int = 32, lr: float = 1e-3, batch_size: int = 64,
                   epochs: int = 20) -> Any:  # fmt: skip
    """The three-regime table seen as 4 feature groups of 3 (reshaped to (batch, 4, 3)):
    each group embedded by a shared Dense 32 ReLU, scored by Dense 16 `score_activation` ->
    Dense 1, the scores softmaxed over the groups (axis 1), the weighted sum of the group
    embeddings concatenated with the flat features -> Dense 64 ReLU -> softmax 3; sparse CE,
    Adam(1e-3), batch 64, 20 epochs. Options: `softmax_axis` (-1: the softmax taken over the
    score's last axis, of size 1, so every weight is 1.0), `score_activation`, the width,
    rate, batch size and epochs."""
    x, xval, y, yval = regime_split()
    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input((12,))
    groups = layers.Reshape((4, 3))(inputs)
    embedded = layers.Dense(width, activation="relu")(groups)  # (batch, 4, width)
    scores = layers.Dense(1)(layers.Dense(16, activation=score_activation)(embedded))
    weights = layers.Softmax(axis=softmax_axis, name="group_weights")(scores)  # (batch, 4, 1)
    pooled = layers.Lambda(lambda t: ops.sum(t[0] * t[1], axis=1))([embedded, weights])
    h = layers.Dense(64, activation="relu")(layers.Concatenate()([pooled, inputs]))
    outputs = layers.Dense(3, activation="softmax")(h)
    model = keras.Model(inputs, outputs)
    _compile_classifier(model, lr, 3)
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval))  # fmt: skip


class Highway(layers.Layer):
    """y = H(x) * T(x) + x * (1 - T(x)), T = sigmoid(W_T x + b_T) (Srivastava et al. 2015)."""

    def __init__(self, units: int, transform_bias: float, activation: str, **kwargs: Any):
        super().__init__(**kwargs)
        self.h = layers.Dense(units, activation=activation)
        self.t = layers.Dense(units, activation="sigmoid",
                              bias_initializer=keras.initializers.Constant(transform_bias))

    def build(self, input_shape: Any) -> None:
        self.h.build(input_shape)
        self.t.build(input_shape)

    def call(self, inputs: Any) -> Any:
        t = self.t(inputs)
        return self.h(inputs) * t + inputs * (1.0 - t)


def highway_mlp(kit: Kit, *, depth: int = 10, width: int = 32, transform_bias: float = -2.0,
                activation: str = "relu", lr: float = 1e-3, batch_size: int = 64,
                epochs: int = 15) -> Any:  # fmt: skip
    """The three-regime table: Dense 32 ReLU -> `depth` (10) highway layers of width 32 (H ReLU,
    the transform gate T sigmoid with its bias initialised to -2, the paper's advice so the
    layers start near carry) -> softmax 3; sparse CE, Adam(1e-3), batch 64, 15 epochs.
    Options: `transform_bias` (-10: T ~ 4.5e-5, the transform never opens, every layer a
    copy of its input; +10: T ~ 1, the carry never opens, a plain deep ReLU stack),
    `activation` of H, the depth, width, rate, batch size and epochs."""
    x, xval, y, yval = regime_split()
    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input((12,))
    h = layers.Dense(width, activation="relu")(inputs)
    for _ in range(depth):
        h = Highway(width, transform_bias, activation)(h)
    outputs = layers.Dense(3, activation="softmax")(h)
    model = keras.Model(inputs, outputs)
    _compile_classifier(model, lr, 3)
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval))  # fmt: skip


def glu_mlp(kit: Kit, *, depth: int = 3, width: int = 64, gate_bias: float = 0.0,
            gate_activation: str = "sigmoid", shared_projection: bool = False,
            lr: float = 1e-3, batch_size: int = 64, epochs: int = 20) -> Any:  # fmt: skip
    """The four-task table (8 features and the one-hot task concatenated, 12 columns): `depth`
    GLU blocks, each value = Dense 64(h), gate = Dense 64 `gate_activation`(h), h = value *
    gate (with a residual sum after the first block), -> Dense 1 sigmoid; binary CE,
    Adam(1e-3), batch 64, 20 epochs. Options: `gate_bias` (the gate Dense's bias initialiser:
    -10 shuts every gate at the start, sigmoid(-10) ~ 4.5e-5), `gate_activation` ("relu":
    ReGLU, "linear": a bilinear block), `shared_projection` (one Dense called for value and
    gate, h = d(h) * sigmoid(d(h)): SiLU, not a GLU), the depth, width, rate, batch size and
    epochs."""
    x, xval, task, taskval, y, yval = task_split()
    x, xval = np.concatenate([x, task], axis=1), np.concatenate([xval, taskval], axis=1)
    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input((12,))
    h = inputs
    for i in range(depth):
        value_layer = layers.Dense(width)
        value = value_layer(h)
        if shared_projection:
            gate = layers.Activation(gate_activation)(value_layer(h))
        else:
            gate = layers.Dense(width, activation=gate_activation,
                                bias_initializer=keras.initializers.Constant(gate_bias))(h)
        block = layers.Multiply()([value, gate])
        h = block if i == 0 else layers.Add()([h, block])
    outputs = layers.Dense(1, activation="sigmoid")(h)
    model = keras.Model(inputs, outputs)
    _compile_classifier(model, lr, 2)
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval))  # fmt: skip


def film_mlp(kit: Kit, *, condition: str = "film", gamma_init: str = "identity",
             gamma_activation: str = "linear", width: int = 64, lr: float = 1e-3,
             batch_size: int = 64, epochs: int = 20) -> Any:  # fmt: skip
    """The four-task table, two inputs (8 features, the one-hot task): Dense 64 ReLU -> FiLM
    -> Dense 64 ReLU -> FiLM -> Dense 1 sigmoid, each FiLM h = gamma(task) * h + beta(task)
    with gamma = Dense 64 (kernel zeros, bias ones: the identity at the start) and beta =
    Dense 64 (zeros); binary CE, Adam(1e-3), batch 64, 20 epochs. Options: `condition`
    ("film"; "concat": the task concatenated to the features instead, no FiLM),
    `gamma_init` ("identity"; "zeros": gamma's bias initialised to zeros too, so every
    feature is multiplied by 0 at the start; "glorot": Keras' default Dense initialisers),
    `gamma_activation` ("linear"; "sigmoid" or "relu" on gamma), the width, rate, batch size
    and epochs."""
    x, xval, task, taskval, y, yval = task_split()
    keras.utils.set_random_seed(kit.seed)
    features = keras.Input((8,), name="features")
    cond = keras.Input((4,), name="task")
    h = features
    if condition == "concat":
        h = layers.Concatenate()([features, cond])
    for _ in range(2):
        h = layers.Dense(width, activation="relu")(h)
        if condition == "film":
            if gamma_init == "glorot":
                gamma_layer = layers.Dense(width, activation=gamma_activation)
            else:
                bias = "ones" if gamma_init == "identity" else "zeros"
                gamma_layer = layers.Dense(width, activation=gamma_activation,
                                           kernel_initializer="zeros",
                                           bias_initializer=bias)  # fmt: skip
            gamma = gamma_layer(cond)
            beta = layers.Dense(width, kernel_initializer="zeros")(cond)
            h = layers.Add()([layers.Multiply()([gamma, h]), beta])
    outputs = layers.Dense(1, activation="sigmoid")(h)
    model = keras.Model([features, cond], outputs)
    _compile_classifier(model, lr, 2)
    return kit.fit(model, [x, task], y, probe_data=([x, task], y), epochs=epochs,
                   batch_size=batch_size, validation_data=([xval, taskval], yval))  # fmt: skip


def _se_block(h: Any, channels: int, ratio: int, squeeze: str, excite_activation: str,
              excite_bias: float) -> Any:
    pool = layers.GlobalAveragePooling2D if squeeze == "avg" else layers.GlobalMaxPooling2D
    s = pool(keepdims=True)(h)
    s = layers.Dense(max(channels // ratio, 1), activation="relu")(s)
    s = layers.Dense(channels, activation=excite_activation,
                     bias_initializer=keras.initializers.Constant(excite_bias))(s)
    return layers.Multiply()([h, s])


def se_cnn(kit: Kit, *, se: bool = True, ratio: int = 4, squeeze: str = "avg",
           excite_activation: str = "sigmoid", excite_bias: float = 0.0,
           lr: float = 1e-3, batch_size: int = 64, epochs: int = 10) -> Any:  # fmt: skip
    """16 x 16 x 3 stripe images (3000 train, 1000 validate, 4 classes: which channel holds
    which stripes): Conv 16 3x3 ReLU -> SE -> MaxPool -> Conv 32 3x3 ReLU -> SE ->
    GlobalAveragePooling -> softmax 4, each SE block GlobalAveragePooling2D(keepdims=True) ->
    Dense C/4 ReLU -> Dense C sigmoid -> Multiply; sparse CE, Adam(1e-3), batch 64, 10
    epochs. Options: `se` (False: no SE blocks), `ratio` (the reduction), `squeeze` ("avg";
    "max"), `excite_activation` ("sigmoid"; "softmax": the channel weights sum to 1, each
    about 1 / C; "relu"), `excite_bias` (the excitation Dense's bias initialiser: -10 shuts
    every channel at the start), the rate, batch size and epochs."""
    x, xval, y, yval = stripe_images()
    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input((16, 16, 3))
    h = layers.Conv2D(16, 3, padding="same", activation="relu")(inputs)
    if se:
        h = _se_block(h, 16, ratio, squeeze, excite_activation, excite_bias)
    h = layers.MaxPooling2D()(h)
    h = layers.Conv2D(32, 3, padding="same", activation="relu")(h)
    if se:
        h = _se_block(h, 32, ratio, squeeze, excite_activation, excite_bias)
    h = layers.GlobalAveragePooling2D()(h)
    outputs = layers.Dense(4, activation="softmax")(h)
    model = keras.Model(inputs, outputs)
    _compile_classifier(model, lr, 4)
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval))  # fmt: skip


def interaction_regression(kit: Kit, *, scale: str = "normalization", interaction: bool = True,
                           width: int = 16, lr: float = 1e-3, batch_size: int = 64,
                           epochs: int = 20) -> Any:  # fmt: skip
    """Order lines (6000 training rows, 1500 validation rows, 6 columns in their own units:
    price 5..800, quantity 1..2000, ...), the target log1p(revenue in thousands): the inputs
    through an adapted Normalization, two projections Dense 16 multiplied elementwise (a
    multiplicative interaction, "revenue is price times quantity") concatenated with a Dense
    32 ReLU of the inputs -> Dense 32 ReLU -> Dense 1; MSE, MAE metric, Adam(1e-3), batch 64,
    20 epochs. Options: `scale` ("normalization"; "none": the raw columns multiplied, each
    projection in the hundreds to thousands; "log": log1p of the columns, no Normalization),
    `interaction` (False: no Multiply branch), the width, rate, batch size and epochs."""
    x, xval, y, yval = order_split()
    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input((6,))
    h = inputs
    if scale == "normalization":
        norm = layers.Normalization()
        norm.adapt(x)
        h = norm(h)
    elif scale == "log":
        h = layers.Lambda(lambda t: ops.log1p(t))(h)
    branches = [layers.Dense(32, activation="relu")(h)]
    if interaction:
        branches.append(layers.Multiply()([layers.Dense(width)(h), layers.Dense(width)(h)]))
    h = layers.Concatenate()(branches) if len(branches) > 1 else branches[0]
    h = layers.Dense(32, activation="relu")(h)
    outputs = layers.Dense(1)(h)
    model = keras.Model(inputs, outputs)
    model.compile(keras.optimizers.Adam(lr), "mse", metrics=["mae"])
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval))  # fmt: skip
