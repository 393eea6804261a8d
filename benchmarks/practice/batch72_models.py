"""Batch-72 weight-sharing scripts (keyword options are the faults, the defaults the healthy
choice): one residual block applied N times (ALBERT / recurrent-depth style) on the digits, a
universal transformer (one shared attention block applied N times) on a token-counting task,
a deep-equilibrium-style fixed-point layer unrolled a fixed number of steps, a siamese
same / different net with one shared encoder, an autoencoder whose decoder uses the encoder's
transposed kernels, and a next-token model with a factorised embedding tied to its output
projection. Each script calls `kit.fit` once.
"""

from __future__ import annotations

from typing import Any

import keras
from keras import layers, ops

from benchmarks.practice.batch72_data import (
    digit_pairs,
    digits_flat,
    markov_corpus,
    token_counts,
)
from benchmarks.practice.kit import Kit


def _optimizer(name: str, lr: float) -> keras.optimizers.Optimizer:
    return keras.optimizers.SGD(lr, momentum=0.9) if name == "sgd" else keras.optimizers.Adam(lr)


def shared_block_digits(kit: Kit, *, steps: int = 6, norm: bool = True,
                        residual: str = "plain", share: bool = True, bias_init: float = 0.0,
                        stop_gradient: bool = False, optimizer: str = "adam",
                        lr: float = 1e-3, epochs: int = 30,
                        batch_size: int = 32) -> Any:  # fmt: skip
    """Digits (64 pixels / 16, 1200 train, 597 validate): Dense 64 -> one block
    [LayerNormalization -> Dense 128 ReLU -> Dense 64] applied `steps` = 6 times with the same
    weights, h = h + block(h) -> softmax 10, sparse CE, Adam(1e-3), batch 32, 30 epochs.
    Options: `norm` (the shared LayerNormalization; False: none), `residual` ("plain";
    "none": h = block(h), a 2 x `steps` deep stack of the same two kernels), `share` (False:
    a fresh block each step), `bias_init` of the block's ReLU layer, `stop_gradient` (the
    block's output wrapped in ops.stop_gradient, as left from a "no backprop through the
    refinement" experiment: the block never learns), the optimizer ("adam"; "sgd" with
    momentum 0.9), rate, epochs and batch size."""
    x, xval, y, yval = digits_flat()
    keras.utils.set_random_seed(kit.seed)

    def block() -> list[layers.Layer]:
        return [layers.LayerNormalization(),
                layers.Dense(128, activation="relu",
                             bias_initializer=keras.initializers.Constant(bias_init)),
                layers.Dense(64)]  # fmt: skip

    inputs = keras.Input((64,))
    h = layers.Dense(64)(inputs)
    shared = block()
    for _ in range(steps):
        ln, up, down = shared if share else block()
        u = down(up(ln(h) if norm else h))
        if stop_gradient:
            u = ops.stop_gradient(u)
        h = h + u if residual == "plain" else u
    outputs = layers.Dense(10, activation="softmax")(h)
    model = keras.Model(inputs, outputs)
    model.compile(_optimizer(optimizer, lr), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval))  # fmt: skip


class SharedEncoderBlock(layers.Layer):
    """A transformer encoder block (2 heads, key_dim 16, FFN 64) in the pre-norm ("pre"),
    post-norm ("post") or no-norm ("none") arrangement."""

    def __init__(self, dim: int, norm: str = "pre", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.norm = norm
        self.attention = layers.MultiHeadAttention(2, 16)
        self.ffn_up = layers.Dense(64, activation="relu")
        self.ffn_down = layers.Dense(dim)
        self.ln1 = layers.LayerNormalization()
        self.ln2 = layers.LayerNormalization()

    def call(self, h: Any) -> Any:
        if self.norm == "pre":
            u = self.ln1(h)
            h = h + self.attention(u, u)
            return h + self.ffn_down(self.ffn_up(self.ln2(h)))
        if self.norm == "post":
            h = self.ln1(h + self.attention(h, h))
            return self.ln2(h + self.ffn_down(self.ffn_up(h)))
        h = h + self.attention(h, h)
        return h + self.ffn_down(self.ffn_up(h))


def universal_transformer(kit: Kit, *, steps: int = 4, norm: str = "pre", share: bool = True,
                          lr: float = 1e-3, epochs: int = 8,
                          batch_size: int = 32) -> Any:  # fmt: skip
    """Token counting (16 ids from 1..11, the label which of tokens 1-4 occurs most; 2000
    train, 500 validate): Embedding(12, 32) + a learned position embedding -> one
    `SharedEncoderBlock` (pre-norm) applied `steps` = 4 times with the same weights ->
    LayerNormalization -> GlobalAveragePooling1D -> softmax 4, sparse CE, Adam(1e-3), batch 32,
    8 epochs. Options: `norm` ("pre"; "post"; "none"), `share` (False: a fresh block each
    step), the rate, epochs and batch size."""
    x, xval, y, yval = token_counts()
    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input((16,), dtype="int32")
    h = layers.Embedding(12, 32)(inputs)
    h = h + layers.Embedding(16, 32)(ops.arange(16))[None]
    shared = SharedEncoderBlock(32, norm)
    for _ in range(steps):
        h = (shared if share else SharedEncoderBlock(32, norm))(h)
    h = layers.GlobalAveragePooling1D()(layers.LayerNormalization()(h))
    outputs = layers.Dense(4, activation="softmax")(h)
    model = keras.Model(inputs, outputs)
    model.compile(keras.optimizers.Adam(lr), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval))  # fmt: skip


class FixedPointLayer(layers.Layer):
    """z_{k+1} = relu(gamma * W_hat z_k + U x + b), z_0 = 0, unrolled `iterations` times;
    W_hat = W / sigma_max(W) (power iteration, 3 steps under stop_gradient) when `spectral`,
    so gamma < 1 makes the map a contraction. `stop_gradient`: "none"; "but_last" (the
    iterations run without gradient, only the last one is differentiated: the one-step DEQ
    gradient); "all" (every iteration under stop_gradient: W, U and b get no gradient)."""

    def __init__(self, units: int, iterations: int = 12, gamma: float = 0.8,
                 spectral: bool = True, stop_gradient: str = "none",
                 bias_init: float = 0.0, **kwargs: Any) -> None:  # fmt: skip
        super().__init__(**kwargs)
        self.units, self.iterations, self.gamma = units, iterations, gamma
        self.spectral, self.stop = spectral, stop_gradient
        self.inject = layers.Dense(units, bias_initializer=keras.initializers.Constant(bias_init))

    def build(self, input_shape: Any) -> None:
        self.inject.build(input_shape)
        self.w = self.add_weight((self.units, self.units), initializer="glorot_uniform",
                                 name="w")  # fmt: skip

    def _w_hat(self) -> Any:
        w = self.w
        if not self.spectral:
            return w
        v = ops.ones((self.units, 1)) / self.units**0.5
        frozen = ops.stop_gradient(w)
        for _ in range(3):
            u = ops.matmul(frozen, v)
            u = u / (ops.norm(u) + 1e-12)
            v = ops.matmul(ops.transpose(frozen), u)
            v = v / (ops.norm(v) + 1e-12)
        sigma = ops.squeeze(ops.matmul(ops.transpose(u), ops.matmul(w, v)))
        return w / sigma

    def call(self, x: Any) -> Any:
        w = self.gamma * self._w_hat()
        injected = self.inject(x)
        z = ops.zeros_like(injected)
        for k in range(self.iterations):
            step = ops.relu(ops.matmul(z, w) + injected)
            last = k == self.iterations - 1
            if self.stop == "all" or (self.stop == "but_last" and not last):
                step = ops.stop_gradient(step)
            z = step
        return z


def deq_digits(kit: Kit, *, iterations: int = 12, gamma: float = 0.8, spectral: bool = True,
               stop_gradient: str = "none", bias_init: float = 0.0, lr: float = 1e-3,
               epochs: int = 30, batch_size: int = 32) -> Any:  # fmt: skip
    """Digits (64 pixels / 16): a `FixedPointLayer` of 128 units (gamma 0.8, spectral
    normalisation, 12 unrolled iterations) -> softmax 10, sparse CE, Adam(1e-3), batch 32, 30
    epochs. Options: `iterations`, `gamma` (the contraction factor; > 1 the iteration
    diverges), `spectral` (False: the raw glorot W, sigma_max about 2), `stop_gradient`
    ("none" / "but_last" / "all"), `bias_init` of the injection (the ReLU's pre-activation),
    the rate, epochs and batch size."""
    x, xval, y, yval = digits_flat()
    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input((64,))
    z = FixedPointLayer(128, iterations, gamma, spectral, stop_gradient, bias_init)(inputs)
    outputs = layers.Dense(10, activation="softmax")(z)
    model = keras.Model(inputs, outputs)
    model.compile(keras.optimizers.Adam(lr), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval))  # fmt: skip


def siamese_digits(kit: Kit, *, shared: bool = True, merge: str = "absdiff",
                   lr: float = 1e-3, epochs: int = 20, batch_size: int = 64) -> Any:  # fmt: skip
    """Same / different digit pairs (4000 training pairs, 1000 validation pairs, half "same"):
    one encoder (Dense 64 ReLU -> Dense 32) applied to both images, |e_a - e_b| -> Dense 1
    sigmoid, binary CE, Adam(1e-3), batch 64, 20 epochs. Options: `shared` (False: the encoder
    function called twice, building two towers with their own weights), `merge` ("absdiff";
    "concat": [e_a, e_b]; "diff": e_a - e_b, signed), the rate, epochs and batch size."""
    a, b, same, aval, bval, sameval = digit_pairs()
    keras.utils.set_random_seed(kit.seed)

    def encoder() -> keras.Model:
        return keras.Sequential([keras.Input((64,)), layers.Dense(64, activation="relu"),
                                 layers.Dense(32)])  # fmt: skip

    in_a, in_b = keras.Input((64,)), keras.Input((64,))
    tower = encoder()
    e_a, e_b = tower(in_a), (tower if shared else encoder())(in_b)
    if merge == "concat":
        merged = layers.Concatenate()([e_a, e_b])
    elif merge == "diff":
        merged = e_a - e_b
    else:
        merged = ops.abs(e_a - e_b)
    outputs = layers.Dense(1, activation="sigmoid")(merged)
    model = keras.Model([in_a, in_b], outputs)
    model.compile(keras.optimizers.Adam(lr), "binary_crossentropy", metrics=["accuracy"])
    return kit.fit(model, [a, b], same, probe_data=([a, b], same), epochs=epochs,
                   batch_size=batch_size, validation_data=([aval, bval], sameval))  # fmt: skip


class DenseTranspose(layers.Layer):
    """The decoder half of a tied autoencoder (Geron's recipe): the encoder Dense's kernel
    transposed, a bias of its own. `how="reshape"` is the kernel reshaped to the transposed
    shape instead (the shape is right, the weights land on the wrong rows and columns)."""

    def __init__(self, dense: layers.Dense, activation: str | None = None,
                 how: str = "transpose", **kwargs: Any) -> None:  # fmt: skip
        super().__init__(**kwargs)
        self.dense, self.how = dense, how
        self.activation = keras.activations.get(activation)

    def build(self, input_shape: Any) -> None:
        self.bias = self.add_weight((self.dense.kernel.shape[0],), initializer="zeros",
                                    name="bias")  # fmt: skip

    def call(self, h: Any) -> Any:
        kernel = self.dense.kernel
        if self.how == "reshape":
            tied = ops.reshape(kernel, (kernel.shape[1], kernel.shape[0]))
        else:
            tied = ops.transpose(kernel)
        return self.activation(ops.matmul(h, tied) + self.bias)


def tied_autoencoder(kit: Kit, *, tie: str = "transpose", output: str = "sigmoid",
                     lr: float = 1e-3, epochs: int = 40, batch_size: int = 32) -> Any:  # fmt: skip
    """Digits autoencoder (64 pixels / 16 in and out; 1200 train, 597 validate): Dense 32
    ReLU -> Dense 12 ReLU (the code) -> DenseTranspose of the second -> DenseTranspose of the
    first, sigmoid; MSE, MAE metric, Adam(1e-3), batch 32, 40 epochs. Options: `tie`
    ("transpose"; "untied": a Dense decoder of its own; "reshape": the kernels reshaped to the
    transposed shape), `output` (the last activation), the rate, epochs and batch size."""
    x, xval, _, _ = digits_flat()
    keras.utils.set_random_seed(kit.seed)
    enc1 = layers.Dense(32, activation="relu")
    enc2 = layers.Dense(12, activation="relu")
    inputs = keras.Input((64,))
    code = enc2(enc1(inputs))
    if tie == "untied":
        h = layers.Dense(32, activation="relu")(code)
        outputs = layers.Dense(64, activation=output)(h)
    else:
        h = DenseTranspose(enc2, "relu", tie)(code)
        outputs = DenseTranspose(enc1, output, tie)(h)
    model = keras.Model(inputs, outputs)
    model.compile(keras.optimizers.Adam(lr), "mse", metrics=["mae"])
    return kit.fit(model, x, x, probe_data=(x, x), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, xval))  # fmt: skip


class TiedOutput(layers.Layer):
    """Logits = h @ E^T + b with E the Embedding's matrix (vocab, factor). `how="reshape"`:
    E reshaped to (factor, vocab) instead of transposed."""

    def __init__(self, embedding: layers.Embedding, how: str = "transpose",
                 **kwargs: Any) -> None:  # fmt: skip
        super().__init__(**kwargs)
        self.embedding, self.how = embedding, how

    def build(self, input_shape: Any) -> None:
        self.bias = self.add_weight((self.embedding.input_dim,), initializer="zeros",
                                    name="bias")  # fmt: skip

    def call(self, h: Any) -> Any:
        table = self.embedding.embeddings
        if self.how == "reshape":
            tied = ops.reshape(table, (table.shape[1], table.shape[0]))
        else:
            tied = ops.transpose(table)
        return ops.matmul(h, tied) + self.bias


def tied_lm(kit: Kit, *, tie: str = "transpose", steps: int = 3, bias_init: float = 0.0,
            lr: float = 3e-3, epochs: int = 10, batch_size: int = 64) -> Any:  # fmt: skip
    """Next-token prediction on a generated Markov-chain corpus (40 tokens, 12 steps, 3000
    train, 600 validate; best accuracy about 0.70), ALBERT-style: a factorised Embedding(40,
    16) -> Dense 64 -> one shared residual block [LayerNormalization -> Dense 64 ReLU ->
    Dense 64] applied `steps` = 3 times -> Dense 16 -> logits tied to the embedding matrix
    (h @ E^T + b), sparse CE from logits, Adam(3e-3), batch 64, 10 epochs. Options: `tie`
    ("transpose"; "untied": a Dense(40) output of its own; "reshape": E reshaped to (16, 40)),
    `steps`, `bias_init` of the block's ReLU layer, the rate, epochs and batch size."""
    x, xval, y, yval = markov_corpus()
    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input((12,), dtype="int32")
    embedding = layers.Embedding(40, 16)
    h = layers.Dense(64)(embedding(inputs))
    ln = layers.LayerNormalization()
    up = layers.Dense(64, activation="relu",
                      bias_initializer=keras.initializers.Constant(bias_init))
    down = layers.Dense(64)
    for _ in range(steps):
        h = h + down(up(ln(h)))
    h = layers.Dense(16)(h)
    logits = layers.Dense(40)(h) if tie == "untied" else TiedOutput(embedding, tie)(h)
    model = keras.Model(inputs, logits)
    model.compile(keras.optimizers.Adam(lr),
                  keras.losses.SparseCategoricalCrossentropy(from_logits=True),
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval))  # fmt: skip
