"""Batch-82 molecular property scripts (keyword options are the faults, the defaults the healthy
choice): an activity classifier on ECFP-like bit vectors (MLP, scaffold split, ~25 % actives),
a multi-task toxicity head with missing labels under a masked binary cross-entropy, a
character-level SMILES classifier (TextVectorization -> Embedding -> Conv1D or GRU), and an
ESOL-like solubility regression on a descriptor table whose columns have very different
scales. Each script calls `kit.fit` once.
"""

from __future__ import annotations

from typing import Any

import keras
import numpy as np
from keras import layers, ops

from benchmarks.practice.batch82_data import (
    N_TASKS,
    descriptors,
    fingerprints,
    smiles,
    tox_tasks,
)
from benchmarks.practice.kit import Kit


def _optimizer(name: str, lr: float) -> keras.optimizers.Optimizer:
    if name == "sgd":
        return keras.optimizers.SGD(lr, momentum=0.9)
    if name == "rmsprop":
        return keras.optimizers.RMSprop(lr)
    return keras.optimizers.Adam(lr)


def fingerprint_mlp(kit: Kit, *, n_bits: int = 1024, encoding: str = "bits",
                    output: str = "sigmoid", loss: str = "binary_crossentropy",
                    activation: str = "relu", depth: int = 2, dropout: float = 0.2,
                    input_dropout: float = 0.0, class_weight: str = "none",
                    labels: str = "aligned", init: str = "glorot_uniform",
                    optimizer: str = "adam", lr: float = 1e-3, epochs: int = 15,
                    batch_size: int = 64) -> Any:  # fmt: skip
    """Activity from 1024-bit ECFP-like fingerprints (~2400 train, ~600 validate from held-out
    scaffold clusters; ~25 % actives): Dense 512 ReLU -> Dropout 0.2 -> Dense 128 ReLU ->
    Dropout 0.2 -> Dense 1 sigmoid, binary CE, accuracy + AUC, Adam(1e-3), batch 64, 15
    epochs. Options: `n_bits` (the fingerprint folded further by OR-ing its halves),
    `encoding` ("bits" 0/1; "bipolar" -1/+1), the output activation and loss, the hidden
    `activation`, `depth` (hidden layers; past 2 they are 128 wide), `dropout`,
    `input_dropout` (on the bits), `class_weight` ("none"; "balanced": n / (2 n_c);
    "inverted": the balanced weights given to the wrong classes), `labels` ("aligned";
    "shuffled": the training labels shuffled apart from the rows; "sorted": the activity
    table sorted by label while the fingerprints keep the order they were read in), the
    kernel initialiser, the optimizer, rate, epochs and batch size."""
    x, y, xval, yval = fingerprints()
    while x.shape[1] > n_bits:
        half = x.shape[1] // 2
        x, xval = np.maximum(x[:, :half], x[:, half:]), np.maximum(xval[:, :half], xval[:, half:])
    if encoding == "bipolar":
        x, xval = 2.0 * x - 1.0, 2.0 * xval - 1.0
    if labels == "shuffled":
        y = y[np.random.default_rng(kit.seed).permutation(len(y))]
    elif labels == "sorted":
        y = np.sort(y)
    weights = None
    if class_weight != "none":
        balanced = {c: len(y) / (2.0 * np.sum(y == c)) for c in (0, 1)}
        weights = balanced if class_weight == "balanced" else {0: balanced[1], 1: balanced[0]}
    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input((x.shape[1],), name="ecfp")
    h = layers.Dropout(input_dropout)(inputs) if input_dropout else inputs
    for i in range(depth):
        h = layers.Dense(512 if i == 0 else 128, activation=activation,
                         kernel_initializer=init)(h)  # fmt: skip
        if dropout:
            h = layers.Dropout(dropout)(h)
    outputs = layers.Dense(1, activation=output, name="active")(h)
    model = keras.Model(inputs, outputs)
    model.compile(_optimizer(optimizer, lr), loss,
                  metrics=["accuracy", keras.metrics.AUC(name="auc")])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), class_weight=weights, epochs=epochs,
                   batch_size=batch_size, validation_data=(xval, yval))  # fmt: skip


def masked_bce(y_true: Any, y_pred: Any) -> Any:
    """Binary cross-entropy over the measured labels only (missing ones written -1), averaged
    over the measured entries of each row."""
    mask = ops.cast(y_true >= 0.0, "float32")
    target = ops.where(y_true >= 0.0, y_true, 0.0)
    y_pred = ops.clip(y_pred, 1e-7, 1.0 - 1e-7)
    bce = -(target * ops.log(y_pred) + (1.0 - target) * ops.log(1.0 - y_pred))
    return ops.sum(bce * mask, axis=-1) / ops.maximum(ops.sum(mask, axis=-1), 1.0)


def masked_bce_unnormalised(y_true: Any, y_pred: Any) -> Any:
    """The masked BCE averaged over all the tasks (the masked entries count as zeros)."""
    mask = ops.cast(y_true >= 0.0, "float32")
    target = ops.where(y_true >= 0.0, y_true, 0.0)
    y_pred = ops.clip(y_pred, 1e-7, 1.0 - 1e-7)
    bce = -(target * ops.log(y_pred) + (1.0 - target) * ops.log(1.0 - y_pred))
    return ops.mean(bce * mask, axis=-1)


def masked_acc(y_true: Any, y_pred: Any) -> Any:
    """Accuracy at 0.5 over the measured labels (>= 0) of each row; rows without any: 0."""
    valid = y_true >= 0.0
    hit = ops.cast(ops.equal(ops.cast(y_pred > 0.5, "float32"), y_true), "float32")
    hit = ops.where(valid, hit, 0.0)
    count = ops.sum(ops.cast(valid, "float32"), axis=-1)
    return ops.sum(hit, axis=-1) / ops.maximum(count, 1.0)


def tox_multitask(kit: Kit, *, missing_as: str = "minus_one", loss: str = "masked",
                  output: str = "sigmoid", hidden: int = 256, dropout: float = 0.2,
                  batchnorm: bool = False, optimizer: str = "adam", lr: float = 1e-3,
                  epochs: int = 20, batch_size: int = 64) -> Any:  # fmt: skip
    """Eight toxicity-style assays on the 1024-bit fingerprints (Tox21-like; ~2400 train,
    ~570 validate from held-out clusters; 40 % of the labels unmeasured, written -1): Dense
    256 ReLU -> Dropout 0.2 -> Dense 128 ReLU -> Dense 8 sigmoid, the masked binary CE,
    masked accuracy, Adam(1e-3), batch 64, 20 epochs. Options: `missing_as` ("minus_one";
    "nan_left": the unmeasured labels left NaN as read from the table; "zero_filled": filled
    in as inactive),
    `loss` ("masked"; "masked_mean": the masked terms averaged over all 8 tasks; "bce":
    Keras' binary cross-entropy on the labels as stored), the output activation, `hidden`
    width, `dropout`, `batchnorm`, the optimizer, rate, epochs and batch size."""
    x, y, xval, yval = tox_tasks()
    if missing_as == "nan_left":
        y, yval = np.where(y < 0, np.nan, y), np.where(yval < 0, np.nan, yval)
    elif missing_as == "zero_filled":
        y = np.where(y < 0, 0.0, y).astype("float32")
    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input((x.shape[1],), name="ecfp")
    h = inputs
    for width in (hidden, hidden // 2):
        h = layers.Dense(width, use_bias=not batchnorm)(h)
        if batchnorm:
            h = layers.BatchNormalization()(h)
        h = layers.Activation("relu")(h)
        if dropout:
            h = layers.Dropout(dropout)(h)
    outputs = layers.Dense(N_TASKS, activation=output, name="assays")(h)
    model = keras.Model(inputs, outputs)
    losses = {"masked": masked_bce, "masked_mean": masked_bce_unnormalised,
              "bce": "binary_crossentropy"}  # fmt: skip
    model.compile(_optimizer(optimizer, lr), losses[loss], metrics=[masked_acc])
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval))  # fmt: skip


def smiles_classifier(kit: Kit, *, arch: str = "cnn", standardize: str = "none",
                      max_tokens: int = 0, seq_len: int = 80, mask_zero: bool = True,
                      embed_dim: int = 32, kernel: int = 5, pooling: str = "max",
                      adapt_on: str = "train", labels: str = "aligned",
                      optimizer: str = "adam", lr: float = 1e-3, epochs: int = 6,
                      batch_size: int = 64) -> Any:  # fmt: skip
    """Activity from SMILES-like strings (3000 train, 800 validate; ~31 % actives: an aromatic
    ring and a carbonyl): TextVectorization(split="character", standardize=None,
    output_sequence_length=80) adapted on the training strings -> Embedding 32 -> Conv1D 64
    (5) ReLU -> Conv1D 64 (5) ReLU -> GlobalMaxPooling1D -> Dense 32 ReLU -> Dense 1 sigmoid,
    binary CE, accuracy, Adam(1e-3), batch 64, 6 epochs. Options: `arch` ("cnn"; "gru":
    Embedding(mask_zero) -> GRU 64 -> Dense), `standardize` ("none"; "default": the layer's
    default lower_and_strip_punctuation), `max_tokens` (0: the whole character set),
    `seq_len`, `mask_zero` (the GRU's padding mask), `embed_dim`, `kernel`, `pooling` ("max";
    "avg"), `adapt_on` ("train"; "val"), `labels` ("aligned"; "shuffled"), the optimizer,
    rate, epochs and batch size."""
    strings, y, strings_val, yval = smiles()
    if labels == "shuffled":
        y = y[np.random.default_rng(kit.seed).permutation(len(y))]
    keras.utils.set_random_seed(kit.seed)
    vectorize = layers.TextVectorization(
        max_tokens=max_tokens or None, split="character", output_mode="int",
        output_sequence_length=seq_len,
        standardize=None if standardize == "none" else "lower_and_strip_punctuation")  # fmt: skip
    vectorize.adapt(list(strings if adapt_on == "train" else strings_val))
    x = np.asarray(vectorize(np.array(list(strings))))
    xval = np.asarray(vectorize(np.array(list(strings_val))))
    vocab = vectorize.vocabulary_size()
    inputs = keras.Input((seq_len,), dtype="int32", name="smiles_ids")
    if arch == "gru":
        h = layers.Embedding(vocab, embed_dim, mask_zero=mask_zero)(inputs)
        h = layers.GRU(64)(h)
    else:
        h = layers.Embedding(vocab, embed_dim)(inputs)
        h = layers.Conv1D(64, kernel, activation="relu", padding="same")(h)
        h = layers.Conv1D(64, kernel, activation="relu", padding="same")(h)
        pool = layers.GlobalMaxPooling1D if pooling == "max" else layers.GlobalAveragePooling1D
        h = pool()(h)
    h = layers.Dense(32, activation="relu")(h)
    outputs = layers.Dense(1, activation="sigmoid")(h)
    model = keras.Model(inputs, outputs)
    model.compile(_optimizer(optimizer, lr), "binary_crossentropy", metrics=["accuracy"])
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval))  # fmt: skip


def solubility_mlp(kit: Kit, *, scaling: str = "normalization", output: str = "linear",
                   nan_rows: int = 0, rows: str = "aligned",
                   activation: str = "relu", dropout: float = 0.0, l2: float = 0.0,
                   loss: str = "mse", optimizer: str = "adam", lr: float = 1e-3,
                   epochs: int = 80, batch_size: int = 32) -> Any:  # fmt: skip
    """ESOL-like solubility (logS) from 10 descriptors with very different scales (MolWt
    100-600, BertzCT 140-2000, LogP -7..6, fractions 0..1; ~1600 train, ~400 validate from
    held-out clusters): an adapted Normalization layer -> Dense 64 ReLU -> Dense 64 ReLU ->
    Dense 1 linear, MSE, MAE, Adam(1e-3), batch 32, 80 epochs. Options: `scaling`
    ("normalization"; "none"; "not_adapted": the Normalization layer put in the model but
    never adapted; "per_split": each split standardised by its own mean / std before the
    model; "minmax": sklearn MinMaxScaler fitted on the training rows), the output
    activation, `nan_rows` (training rows where a descriptor failed to compute, left NaN),
    `rows` ("aligned"; "sorted": the descriptor table sorted by MolWt while the targets keep
    the file order), `activation`, `dropout`, `l2`, the loss, optimizer, rate, epochs and
    batch size."""
    x, y, xval, yval = descriptors()
    x, xval = x.copy(), xval.copy()
    if rows == "sorted":
        x = x[np.argsort(x[:, 0], kind="stable")]
    if nan_rows:
        picked = np.random.default_rng(8204).choice(len(x), size=nan_rows, replace=False)
        x[picked, 8] = np.nan  # BertzCT failed on these
    if scaling == "per_split":
        x = (x - x.mean(0)) / x.std(0)
        xval = (xval - xval.mean(0)) / xval.std(0)
    elif scaling == "minmax":
        from sklearn.preprocessing import MinMaxScaler

        scaler = MinMaxScaler().fit(x)
        x, xval = scaler.transform(x).astype("float32"), scaler.transform(xval).astype("float32")
    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input((x.shape[1],), name="descriptors")
    h = inputs
    if scaling in ("normalization", "not_adapted"):
        norm = layers.Normalization()
        if scaling == "normalization":
            norm.adapt(x)
        h = norm(h)
    regulariser = keras.regularizers.L2(l2) if l2 else None
    for _ in range(2):
        h = layers.Dense(64, activation=activation, kernel_regularizer=regulariser)(h)
        if dropout:
            h = layers.Dropout(dropout)(h)
    outputs = layers.Dense(1, activation=output, name="logS")(h)
    model = keras.Model(inputs, outputs)
    model.compile(_optimizer(optimizer, lr), loss, metrics=["mae"])
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval))  # fmt: skip
