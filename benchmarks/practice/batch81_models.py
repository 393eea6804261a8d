"""Batch-81 genomics scripts (keyword options are the faults, the defaults the healthy choice):
a DeepBind-like motif detector on one-hot DNA (Conv1D -> global max pool; reverse-complement
augmentation or a strand-shared scan), a Basset-like multi-task binding-site classifier (three
sigmoid heads), a dilated residual CNN for two factors' co-binding on 200 bp, and overlapping
k-mer tokens into an Embedding for variable-length padded reads. Each script calls `kit.fit`
once.
"""

from __future__ import annotations

from typing import Any

import keras
import numpy as np
from keras import layers, ops

from benchmarks.practice.batch81_data import (
    binding_sites,
    cooperative_sites,
    multitask_sites,
    one_hot,
    variable_length_reads,
)
from benchmarks.practice.kit import Kit


def _optimizer(name: str, lr: float) -> keras.optimizers.Optimizer:
    if name == "sgd":
        return keras.optimizers.SGD(lr, momentum=0.9)
    if name == "rmsprop":
        return keras.optimizers.RMSprop(lr)
    return keras.optimizers.Adam(lr)


def reverse_complement(x: np.ndarray) -> np.ndarray:
    """One-hot (n, L, 4) in ACGT order -> its reverse complement."""
    return x[:, ::-1, ::-1]


def _augment(x: np.ndarray, y: np.ndarray, how: str) -> tuple[np.ndarray, np.ndarray]:
    """Strand augmentation: "rc" the reverse complement added, "reverse" the sequence only
    reversed, "complement" only complemented (both half-done reverse complements)."""
    if how == "none":
        return x, y
    extra = {"rc": reverse_complement(x), "reverse": x[:, ::-1, :],
             "complement": x[:, :, ::-1]}[how]  # fmt: skip
    return np.concatenate([x, extra]), np.concatenate([y, y])


class RevComp(layers.Layer):
    """The reverse complement of a one-hot batch inside the model (sequence and channel axes
    flipped)."""

    def call(self, x: Any) -> Any:
        return ops.flip(ops.flip(x, axis=1), axis=2)


def deepbind_cnn(kit: Kit, *, encoding: str = "onehot", rc_aug: str = "none",
                 rc_share: bool = False, kernel: int = 12, filters: int = 32,
                 pooling: str = "max", output: str = "sigmoid", gc_confound: bool = False,
                 val_alphabet: str = "ACGT", shuffle_labels: bool = False,
                 dropout: float = 0.0, hidden: int = 32, optimizer: str = "adam",
                 lr: float = 1e-3, epochs: int = 20, batch_size: int = 64) -> Any:  # fmt: skip
    """Peak vs background on 100 bp one-hot DNA (2000 train, 500 validate; one width-10 PWM
    site on either strand in the positives): Conv1D 32 x 12 ReLU -> GlobalMaxPooling1D ->
    Dense 32 ReLU -> Dense 1 sigmoid, binary CE, accuracy, Adam(1e-3), batch 64, 20 epochs.
    Options: `encoding` ("onehot"; "integer": the base codes 0..3 as one channel;
    "integer_scaled": the same / 3), `rc_aug` ("none", "rc", "reverse", "complement"),
    `rc_share` (one Conv1D scanning both strands, max over them), the kernel width and filters,
    `pooling` ("max"; "avg"; "flatten"), the output activation, `gc_confound` (training
    positives GC-rich, negatives AT-rich), `val_alphabet` (the validation set one-hot encoded
    in this column order), `shuffle_labels` (the training labels shuffled apart from their
    sequences), `dropout` after the pooling, `hidden` units, optimizer, rate, epochs and batch
    size."""
    tokens, y, tokens_val, y_val = binding_sites(gc_confound=gc_confound)
    if encoding == "onehot":
        x = one_hot(tokens)
        order = [val_alphabet.index(b) for b in "ACGT"]  # column of each base in val's order
        x_val = np.zeros(tokens_val.shape + (4,), dtype="float32")
        for base, column in enumerate(order):
            x_val[..., column] = tokens_val == base
    else:
        scale = 3.0 if encoding == "integer_scaled" else 1.0
        x = tokens[..., None].astype("float32") / scale
        x_val = tokens_val[..., None].astype("float32") / scale
    x, y = _augment(x, y, rc_aug)
    keras.utils.set_random_seed(kit.seed)
    if shuffle_labels:
        y = y[np.random.default_rng(kit.seed).permutation(len(y))]
    inputs = keras.Input(x.shape[1:])
    conv = layers.Conv1D(filters, kernel, activation="relu", name="motif_scan")
    h = conv(inputs)
    if rc_share:  # the same filters on the other strand, the max over both
        h = layers.Maximum()([h, conv(RevComp()(inputs))])
    if pooling == "max":
        h = layers.GlobalMaxPooling1D()(h)
    elif pooling == "avg":
        h = layers.GlobalAveragePooling1D()(h)
    else:
        h = layers.Flatten()(h)
    if dropout:
        h = layers.Dropout(dropout)(h)
    h = layers.Dense(hidden, activation="relu")(h)
    outputs = layers.Dense(1, activation=output)(h)
    model = keras.Model(inputs, outputs)
    model.compile(_optimizer(optimizer, lr), "binary_crossentropy", metrics=["accuracy"])
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(x_val, y_val))  # fmt: skip


def masked_bce(y_true: Any, y_pred: Any) -> Any:
    """Binary CE over the assayed labels only (-1 = not measured)."""
    mask = ops.cast(y_true >= 0, "float32")
    y_pred = ops.clip(y_pred, 1e-7, 1.0 - 1e-7)
    bce = -(y_true * ops.log(y_pred) + (1.0 - y_true) * ops.log(1.0 - y_pred))
    return ops.sum(bce * mask, axis=-1) / ops.maximum(ops.sum(mask, axis=-1), 1.0)


def basset_multitask(kit: Kit, *, output: str = "sigmoid", loss: str = "bce",
                     missing: str = "none", val_task_order: str = "same",
                     rc_aug: str = "none", batchnorm: bool = True, activation: str = "relu",
                     first_pool: int = 4, optimizer: str = "adam", lr: float = 1e-3,
                     epochs: int = 12, batch_size: int = 64) -> Any:  # fmt: skip
    """Three factors' binding sites on 150 bp (3000 train, 600 validate; each present with
    probability 0.35): Conv1D 64 x 10 -> BN -> ReLU -> MaxPool 4 -> Conv1D 64 x 6 -> BN ->
    ReLU -> GlobalMaxPool -> Dense 64 ReLU -> Dense 3 sigmoid (one per factor), binary CE,
    binary accuracy, Adam(1e-3), batch 64, 12 epochs. Options: the output activation, `loss`
    ("bce"; "cce": categorical CE; "masked": BCE over the assayed labels only), `missing`
    ("none"; "minus_one": 15 % of the training labels marked -1 for 'not assayed'),
    `val_task_order` ("same"; "rotated": the validation columns in another factor order),
    `rc_aug`, `batchnorm`, the hidden activation, `first_pool` (the first max-pool size),
    optimizer, rate, epochs and batch size."""
    tokens, y, tokens_val, y_val = multitask_sites()
    x, x_val = one_hot(tokens), one_hot(tokens_val)
    y = y.copy()
    if missing == "minus_one":
        y[np.random.default_rng(81).random(y.shape) < 0.15] = -1.0
    if val_task_order == "rotated":
        y_val = y_val[:, [1, 2, 0]]
    x, y = _augment(x, y, rc_aug)
    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input((x.shape[1], 4))
    h = inputs
    for filters, width in ((64, 10), (64, 6)):
        h = layers.Conv1D(filters, width, padding="same", use_bias=not batchnorm)(h)
        if batchnorm:
            h = layers.BatchNormalization()(h)
        h = layers.Activation(activation)(h)
        if width == 10:
            h = layers.MaxPooling1D(first_pool)(h)
    h = layers.GlobalMaxPooling1D()(h)
    h = layers.Dense(64, activation=activation)(h)
    outputs = layers.Dense(3, activation=output)(h)
    model = keras.Model(inputs, outputs)
    losses = {"bce": "binary_crossentropy", "cce": "categorical_crossentropy",
              "masked": masked_bce}  # fmt: skip
    model.compile(_optimizer(optimizer, lr), losses[loss], metrics=["binary_accuracy"])
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(x_val, y_val))  # fmt: skip


def dilated_cooperative(kit: Kit, *, dilations: str = "1,2,4,8,16", residual: bool = True,
                        batchnorm: bool = True, activation: str = "relu",
                        padding: str = "same", rc_aug: str = "none", filters: int = 32,
                        optimizer: str = "adam", lr: float = 1e-3, epochs: int = 10,
                        batch_size: int = 64) -> Any:  # fmt: skip
    """Cooperative binding on 200 bp (3000 train, 600 validate; label 1 when sites of both
    factors A and B are present, either strand, anywhere; the negatives hold one or none):
    Conv1D 32 x 11 ReLU (motif scan) -> residual blocks of [BN -> ReLU -> Conv1D 32 x 3
    dilated 1, 2, 4, 8, 16] (receptive field 73 bp) -> GlobalMaxPool -> Dense 1 sigmoid,
    binary CE, accuracy, Adam(1e-3), batch 64, 10 epochs. Options: `dilations`
    (comma-separated), `residual` (the skip additions), `batchnorm`, the activation,
    `padding` of the dilated convs ("same"; "causal"), `rc_aug`, filters, optimizer, rate,
    epochs and batch size."""
    tokens, y, tokens_val, y_val = cooperative_sites()
    x, x_val = one_hot(tokens), one_hot(tokens_val)
    x, y = _augment(x, y, rc_aug)
    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input((x.shape[1], 4))
    h = layers.Conv1D(filters, 11, padding="same", activation=activation)(inputs)
    for rate in (int(d) for d in dilations.split(",")):
        branch = layers.BatchNormalization()(h) if batchnorm else h
        branch = layers.Activation(activation)(branch)
        branch = layers.Conv1D(filters, 3, padding=padding, dilation_rate=rate)(branch)
        h = layers.Add()([h, branch]) if residual else branch
    h = layers.GlobalMaxPooling1D()(h)
    outputs = layers.Dense(1, activation="sigmoid")(h)
    model = keras.Model(inputs, outputs)
    model.compile(_optimizer(optimizer, lr), "binary_crossentropy", metrics=["accuracy"])
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(x_val, y_val))  # fmt: skip


def kmer_tokens(reads: list[np.ndarray], k: int, stride: int = 1, offset: int = 1
                ) -> list[list[int]]:  # fmt: skip
    """Each read -> its k-mers' ids (base-4 number of the k bases, + `offset`; 0 is the
    padding id when offset is 1), taken every `stride` bases."""
    weights = 4 ** np.arange(k - 1, -1, -1)
    out = []
    for read in reads:
        windows = np.lib.stride_tricks.sliding_window_view(read.astype(np.int64), k)[::stride]
        out.append(list(windows @ weights + offset))
    return out


def kmer_embedding(kit: Kit, *, k: int = 3, stride: int = 1, offset: int = 1,
                   maxlen: int = 160, padding: str = "post", truncating: str = "pre",
                   mask_zero: bool = False, pooling: str = "max", length_confound: bool = False,
                   embed_dim: int = 32, optimizer: str = "adam", lr: float = 1e-3,
                   epochs: int = 10, batch_size: int = 64) -> Any:  # fmt: skip
    """Variable-length reads (40..160 bp; 2500 train, 500 validate; half with one site) as
    overlapping 3-mer ids (1..64, 0 the padding) padded to 160 with `pad_sequences`:
    Embedding(65, 32) -> Conv1D 64 x 5 ReLU -> GlobalMaxPool -> Dense 32 ReLU -> Dense 1
    sigmoid, binary CE, accuracy, Adam(1e-3), batch 64, 10 epochs. Options: `k`, `stride`
    (k: non-overlapping k-mers), `offset` (0: the k-mer ids start at 0, AAA sharing the
    padding id), `maxlen`, `padding` and `truncating` of `pad_sequences`, `mask_zero`,
    `pooling` ("max"; "avg"), `length_confound` (training positives long, negatives short),
    embedding size, optimizer, rate, epochs and batch size."""
    reads, y, reads_val, y_val = variable_length_reads(length_confound=length_confound)
    pad = {"maxlen": maxlen, "padding": padding, "truncating": truncating}
    x = keras.utils.pad_sequences(kmer_tokens(reads, k, stride, offset), **pad)
    x_val = keras.utils.pad_sequences(kmer_tokens(reads_val, k, stride, offset), **pad)
    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input((maxlen,), dtype="int32")
    h = layers.Embedding(4**k + 1, embed_dim, mask_zero=mask_zero)(inputs)
    h = layers.Conv1D(64, 5, padding="same", activation="relu")(h)
    h = layers.GlobalMaxPooling1D()(h) if pooling == "max" else layers.GlobalAveragePooling1D()(h)
    h = layers.Dense(32, activation="relu")(h)
    outputs = layers.Dense(1, activation="sigmoid")(h)
    model = keras.Model(inputs, outputs)
    model.compile(_optimizer(optimizer, lr), "binary_crossentropy", metrics=["accuracy"])
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(x_val, y_val))  # fmt: skip
