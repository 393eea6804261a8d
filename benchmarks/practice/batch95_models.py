"""Batch-95 network intrusion detection scripts (keyword options are the faults, the defaults
the healthy choice): a multi-class attack-type classifier and a binary attack-vs-benign
detector over flow records (log1p + Normalization on the heavy-tailed counts, IntegerLookup +
Embedding for the destination port, StringLookup one-hot for the protocol; time-ordered
split; class weights or a focal loss for the rare attacks), an autoencoder scoring benign
traffic (trained on benign flows only), and a GRU / LSTM / Conv1D over host log sessions
(event ids through an Embedding). Each script calls `kit.fit` once.
"""

from __future__ import annotations

from typing import Any

import keras
import numpy as np
from keras import layers

from benchmarks.practice.batch95_data import (
    CLASSES,
    MAXLEN,
    NUMERIC,
    VOCAB,
    flow_records,
    log_sessions,
    time_split,
)
from benchmarks.practice.kit import Kit


def _optimizer(name: str, lr: float) -> keras.optimizers.Optimizer:
    if name == "sgd":
        return keras.optimizers.SGD(lr, momentum=0.9)
    if name == "sgd_plain":
        return keras.optimizers.SGD(lr)
    if name == "rmsprop":
        return keras.optimizers.RMSprop(lr)
    return keras.optimizers.Adam(lr)


def _numeric(cols: dict[str, np.ndarray], transform: str) -> np.ndarray:
    x = np.stack([cols[k] for k in NUMERIC], axis=1).astype("float32")
    if transform == "log":
        return np.log1p(x).astype("float32")
    return x


def _flow_features(train: dict[str, np.ndarray], val: dict[str, np.ndarray], *,
                   transform: str, normalize: bool, port_as: str, proto_as: str,
                   port_dim: int) -> tuple[dict[str, Any], dict[str, Any], Any, Any]:  # fmt: skip
    """The model's inputs and the encoded feature vector: numeric counts (log1p or raw, with or
    without an adapted Normalization), the port (IntegerLookup -> Embedding, or the raw number
    as one more numeric column), the protocol (its StringLookup index, one-hot by
    CategoryEncoding or fed as a number)."""
    xnum, xnumval = _numeric(train, transform), _numeric(val, transform)
    # the protocol strings mapped to lookup indices outside the model (string arrays do not
    # go through fit): 0 out of vocabulary, 1 tcp, 2 udp, 3 icmp
    proto_lookup = layers.StringLookup(vocabulary=["tcp", "udp", "icmp"])
    proto, protoval = (np.asarray(proto_lookup(c["proto"].astype(str))).astype("int64")[:, None]
                       for c in (train, val))  # fmt: skip
    x: dict[str, Any] = {"numeric": xnum, "port": train["port"][:, None], "proto": proto}
    xval: dict[str, Any] = {"numeric": xnumval, "port": val["port"][:, None],
                            "proto": protoval}  # fmt: skip
    num_in = keras.Input((len(NUMERIC),), name="numeric")
    port_in = keras.Input((1,), name="port", dtype="int64")
    proto_in = keras.Input((1,), name="proto", dtype="int64")
    inputs = {"numeric": num_in, "port": port_in, "proto": proto_in}
    parts = []
    if normalize:
        norm = layers.Normalization()
        norm.adapt(xnum)
        parts.append(norm(num_in))
    else:
        parts.append(num_in)
    if port_as == "numeric":
        parts.append(layers.Lambda(lambda t: keras.ops.cast(t, "float32"),
                                   output_shape=(1,))(port_in))  # fmt: skip
    else:
        lookup = layers.IntegerLookup(max_tokens=64, num_oov_indices=1)
        lookup.adapt(train["port"])
        emb = layers.Embedding(lookup.vocabulary_size(), port_dim)(lookup(port_in))
        parts.append(layers.Flatten()(emb))
    if proto_as == "onehot":
        parts.append(layers.CategoryEncoding(4, output_mode="one_hot")(proto_in))
    else:
        parts.append(layers.Lambda(lambda t: keras.ops.cast(t, "float32"),
                                   output_shape=(1,))(proto_in))  # fmt: skip
    return x, xval, inputs, layers.Concatenate()(parts)


def _class_weight(y: np.ndarray, kind: str) -> dict[int, float] | None:
    counts = np.bincount(y, minlength=int(y.max()) + 1).astype("float64")
    if kind == "balanced":  # sklearn's compute_class_weight("balanced")
        w = len(y) / (len(counts) * counts)
    elif kind == "inverse_count":  # 1 / count, not rescaled
        w = 1.0 / counts
    elif kind == "sqrt":
        w = np.sqrt(counts.max() / counts)
    elif kind == "x100":  # every attack class weighted 100 x its imbalance
        w = 100.0 * counts.max() / counts
        w[0] = 1.0
    else:
        return None
    return {i: float(v) for i, v in enumerate(w)}


def attack_type_mlp(kit: Kit, *, transform: str = "log", normalize: bool = True,
                    port_as: str = "embedding", proto_as: str = "onehot", port_dim: int = 8,
                    units: int = 64, depth: int = 2, activation: str = "relu",
                    init: str = "glorot_uniform", batchnorm: bool = False,
                    dropout: float = 0.1, head: str = "softmax", loss: str = "sparse",
                    class_weight: str = "none", split: str = "time",
                    shuffle_labels: bool = False, label_column: str = "label",
                    optimizer: str = "adam", lr: float = 1e-3, epochs: int = 10,
                    batch_size: int = 128) -> Any:  # fmt: skip
    """Attack-type classification of generated flow records (5 classes: benign 86 %, scan,
    flood, brute force, exfiltration 1 %; 12000 earliest flows train, 3000 latest validate):
    log1p of the 8 numeric columns -> Normalization (adapted on training), port IntegerLookup
    -> Embedding(8), protocol StringLookup one-hot, concatenated -> Dense 64 ReLU -> Dropout
    0.1 -> Dense 64 ReLU -> Dense 5 softmax; sparse CE, accuracy, Adam(1e-3), batch 128, 10
    epochs. Options: `transform` ("log"; "raw": no log1p), `normalize`, `port_as`
    ("embedding"; "numeric": the port number as a float column), `proto_as` ("onehot";
    "int": the lookup index as a number), `units`, `depth`, `activation`, `init`,
    `batchnorm`, `dropout`, `head` activation, `loss` ("sparse"; "categorical" with integer
    labels; "binary"), `class_weight` ("none", "balanced", "inverse_count", "sqrt",
    "x100"), `split` ("time"; "random": a shuffled 80 / 20 split), `shuffle_labels` (the
    training labels shuffled apart from their flows), `label_column`, optimizer, rate,
    epochs and batch size."""
    cols = dict(flow_records())
    if split == "random":
        order = np.random.default_rng(9502).permutation(len(cols["label"]))
        cols = {k: v[order] for k, v in cols.items()}
    train, val = time_split(cols)
    y, yval = train[label_column], val[label_column]
    keras.utils.set_random_seed(kit.seed)
    if shuffle_labels:
        y = y[np.random.default_rng(kit.seed).permutation(len(y))]
    x, xval, inputs, h = _flow_features(train, val, transform=transform, normalize=normalize,
                                        port_as=port_as, proto_as=proto_as,
                                        port_dim=port_dim)  # fmt: skip
    for i in range(depth):
        h = layers.Dense(units, kernel_initializer=init, use_bias=not batchnorm)(h)
        if batchnorm:
            h = layers.BatchNormalization()(h)
        h = layers.Activation(activation)(h)
        if dropout and i == 0:
            h = layers.Dropout(dropout)(h)
    outputs = layers.Dense(len(CLASSES), activation=head, kernel_initializer=init)(h)
    model = keras.Model(inputs, outputs)
    losses = {"sparse": "sparse_categorical_crossentropy",
              "categorical": "categorical_crossentropy", "binary": "binary_crossentropy"}
    model.compile(_optimizer(optimizer, lr), losses[loss], metrics=["accuracy"])
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval), class_weight=_class_weight(y, class_weight))


def _focal(gamma: float, alpha: float) -> Any:
    return keras.losses.BinaryFocalCrossentropy(gamma=gamma, alpha=alpha,
                                                apply_class_balancing=True)  # fmt: skip


def attack_detector(kit: Kit, *, transform: str = "log", normalize: bool = True,
                    port_as: str = "embedding", units: int = 32, head: str = "sigmoid",
                    n_out: int = 1, loss: str = "bce", gamma: float = 2.0,
                    alpha: float = 0.75, class_weight: str = "none",
                    label_column: str = "attack", threshold_labels: bool = False,
                    drop_rare: bool = False, optimizer: str = "adam", lr: float = 1e-3,
                    epochs: int = 8, batch_size: int = 128) -> Any:  # fmt: skip
    """Binary attack-vs-benign detection on the same flows (14 % attacks; time-ordered 12000 /
    3000): the encoded features -> Dense 32 ReLU -> Dense 16 ReLU -> Dense 1 sigmoid; binary
    CE, accuracy and AUC, Adam(1e-3), batch 128, 8 epochs. Options: the feature encoding
    (`transform`, `normalize`, `port_as`), `units`, the `head` activation and its width
    `n_out`, `loss` ("bce"; "focal": BinaryFocalCrossentropy(gamma, alpha, class
    balancing); "mse"; "hinge"), `class_weight`, `label_column` ("attack"; "label": the
    0..4 attack type), `threshold_labels` (the 0 / 1 labels built as `label > 1`: scans
    counted benign), `drop_rare` (the exfiltration flows dropped from training as "too few to
    learn"), optimizer, rate, epochs and batch size."""
    train, val = time_split(flow_records())
    if drop_rare:
        keep = train["label"] != 4
        train = {k: v[keep] for k, v in train.items()}
    y, yval = train[label_column], val["attack"]
    if threshold_labels:
        y = (train["label"] > 1).astype("int64")
    keras.utils.set_random_seed(kit.seed)
    x, xval, inputs, h = _flow_features(train, val, transform=transform, normalize=normalize,
                                        port_as=port_as, proto_as="onehot",
                                        port_dim=8)  # fmt: skip
    h = layers.Dense(units, activation="relu")(h)
    h = layers.Dense(units // 2, activation="relu")(h)
    outputs = layers.Dense(n_out, activation=head)(h)
    model = keras.Model(inputs, outputs)
    losses = {"bce": "binary_crossentropy", "focal": _focal(gamma, alpha), "mse": "mse",
              "hinge": "hinge"}  # fmt: skip
    model.compile(_optimizer(optimizer, lr), losses[loss],
                  metrics=["accuracy", keras.metrics.AUC(name="auc")])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval), class_weight=_class_weight(y, class_weight))


def benign_autoencoder(kit: Kit, *, transform: str = "log", scaling: str = "standard",
                       scale_on: str = "train", output: str = "linear", hidden: str = "relu",
                       bottleneck: int = 4, train_on: str = "benign", loss: str = "mse",
                       noise: float = 0.0, optimizer: str = "adam", lr: float = 1e-3,
                       epochs: int = 15, batch_size: int = 64) -> Any:  # fmt: skip
    """Anomaly scoring by an autoencoder of benign flows: the 8 numeric columns, log1p,
    standardised with the training benign flows' mean and std (numpy), Dense 16 ReLU -> Dense
    4 ReLU -> Dense 16 ReLU -> Dense 8 linear; MSE (mae as the metric), Adam(1e-3), batch 64,
    15 epochs; trained on the earliest benign flows (~10300), validated on the latest benign
    flows (~2600). Options: `transform`, `scaling` ("standard"; "minmax"; "none"),
    `scale_on` ("train"; "each": each split standardised with its own statistics),
    `output` / `hidden` activations, `bottleneck`, `train_on` ("benign"; "all": attacks
    included in training), `loss`, `noise` (GaussianNoise on the input, a denoising AE),
    optimizer, rate, epochs and batch size."""
    train, val = time_split(flow_records())
    keep = train["label"] == 0 if train_on == "benign" else np.ones(len(train["label"]), bool)
    x, xval = _numeric(train, transform)[keep], _numeric(val, transform)[val["label"] == 0]
    ref = x[train["label"][keep] == 0]
    if scaling == "standard":
        mu, sd = ref.mean(0), ref.std(0) + 1e-6
        if scale_on == "each":
            x, xval = (x - mu) / sd, (xval - xval.mean(0)) / (xval.std(0) + 1e-6)
        else:
            x, xval = (x - mu) / sd, (xval - mu) / sd
    elif scaling == "minmax":
        lo, hi = ref.min(0), ref.max(0)
        x, xval = (x - lo) / (hi - lo + 1e-6), (xval - lo) / (hi - lo + 1e-6)
    x, xval = x.astype("float32"), xval.astype("float32")
    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input((x.shape[1],))
    h = layers.GaussianNoise(noise)(inputs) if noise else inputs
    h = layers.Dense(16, activation=hidden)(h)
    h = layers.Dense(bottleneck, activation=hidden)(h)
    h = layers.Dense(16, activation=hidden)(h)
    outputs = layers.Dense(x.shape[1], activation=output)(h)
    model = keras.Model(inputs, outputs)
    model.compile(_optimizer(optimizer, lr), loss, metrics=["mae"])
    return kit.fit(model, x, x, probe_data=(x, x), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, xval))  # fmt: skip


def session_rnn(kit: Kit, *, model_type: str = "gru", mask_zero: bool = True,
                padding: str = "post", maxlen: int = MAXLEN, truncating: str = "post",
                ids_as: str = "embedding", embed_dim: int = 16, units: int = 32,
                head: str = "sigmoid", loss: str = "bce", class_weight: str = "none",
                shuffle_labels: bool = False, split: str = "time",
                optimizer: str = "adam", lr: float = 3e-3, epochs: int = 6,
                batch_size: int = 64) -> Any:  # fmt: skip
    """Attack detection over host log sessions (event ids 1..40, post-padded to 60; 12 %
    brute-force or exfiltration sessions; the first 3200 sessions in time train, the last 800
    validate): Embedding(41, 16, mask_zero) -> GRU(32) -> Dense 1 sigmoid; binary CE,
    accuracy, Adam(3e-3), batch 64, 6 epochs. Options: `model_type` ("gru"; "lstm";
    "conv1d": Conv1D(32, 5) ReLU x 2 -> GlobalMaxPool; "bigru"), `mask_zero`, `padding`
    ("post"; "pre": the events moved to the end), `maxlen` and `truncating` (sessions cut to
    `maxlen` events, keeping the first ("post") or the last ("pre")), `ids_as` ("embedding";
    "float": the raw event id as one float feature; "scaled": id / 40), `embed_dim`,
    `units`, the `head` activation, `loss`, `class_weight`, `shuffle_labels`, `split`,
    optimizer, rate, epochs and batch size."""
    ids, y, lengths = log_sessions()
    if padding == "pre":
        ids = np.stack([np.roll(row, MAXLEN - n) for row, n in zip(ids, lengths, strict=True)])
    if maxlen < MAXLEN:
        if truncating == "pre":
            ids = np.stack([row[max(n - maxlen, 0): max(n - maxlen, 0) + maxlen]
                            if padding == "post" else row[-maxlen:]
                            for row, n in zip(ids, lengths, strict=True)])  # fmt: skip
        else:
            ids = ids[:, :maxlen] if padding == "post" else np.stack(
                [row[MAXLEN - n: MAXLEN - n + maxlen] if n >= maxlen else row[-maxlen:]
                 for row, n in zip(ids, lengths, strict=True)])  # fmt: skip
    order = np.arange(len(y))
    if split == "random":
        order = np.random.default_rng(9503).permutation(len(y))
    cut = int(0.8 * len(y))
    x, xval = ids[order[:cut]], ids[order[cut:]]
    yt, yval = y[order[:cut]], y[order[cut:]]
    keras.utils.set_random_seed(kit.seed)
    if shuffle_labels:
        yt = yt[np.random.default_rng(kit.seed).permutation(len(yt))]
    if ids_as == "embedding":
        inputs = keras.Input((x.shape[1],), dtype="int32")
        h = layers.Embedding(VOCAB, embed_dim, mask_zero=mask_zero)(inputs)
    else:
        scale = 1.0 if ids_as == "float" else float(VOCAB - 1)
        x, xval = (x[..., None] / scale).astype("float32"), (xval[..., None] / scale
                                                             ).astype("float32")  # fmt: skip
        inputs = keras.Input((x.shape[1], 1))
        h = layers.Masking(0.0)(inputs) if mask_zero else inputs
    if model_type == "conv1d":
        h = layers.Conv1D(32, 5, padding="same", activation="relu")(h)
        h = layers.Conv1D(32, 5, padding="same", activation="relu")(h)
        h = layers.GlobalMaxPooling1D()(h)
    elif model_type == "lstm":
        h = layers.LSTM(units)(h)
    elif model_type == "bigru":
        h = layers.Bidirectional(layers.GRU(units))(h)
    else:
        h = layers.GRU(units)(h)
    outputs = layers.Dense(1, activation=head)(h)
    model = keras.Model(inputs, outputs)
    losses = {"bce": "binary_crossentropy", "focal": _focal(2.0, 0.75), "mse": "mse"}
    model.compile(_optimizer(optimizer, lr), losses[loss], metrics=["accuracy"])
    return kit.fit(model, x, yt, probe_data=(x, yt), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval), class_weight=_class_weight(yt, class_weight))
