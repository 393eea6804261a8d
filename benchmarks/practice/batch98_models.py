"""Batch-98 click-through / conversion prediction scripts (keyword options are the faults, the
defaults the healthy choice) on generated ad impressions (~3.7 % clicked): Wide & Deep (a
hashed segment x category cross and one-hot context in the wide part, embeddings and
log-scaled counts in the deep part), DeepFM (a factorisation-machine interaction layer beside
an MLP over shared field embeddings), DCN-v2 (a custom `CrossLayer` with `get_config` beside a
deep tower) and an ESMM-style two-task model (pCTR and pCTCVR = pCTR x pCVR). Ids are hashed
(`Hashing`) or looked up (`IntegerLookup`, `StringLookup`) inside the model; the counts get
log1p and a `Normalization` adapted on the training rows. Binary cross-entropy (log loss) and
AUC; large batches. Each script calls `kit.fit` once.
"""

from __future__ import annotations

from typing import Any

import keras
import numpy as np
from keras import layers, ops

from benchmarks.practice.batch98_data import DENSE, DEVICES, split
from benchmarks.practice.kit import Kit

LOOKUP = ("category", "advertiser", "segment", "age", "hour", "position")


def _optimizer(name: str, lr: float) -> keras.optimizers.Optimizer:
    if name == "sgd":
        return keras.optimizers.SGD(lr)
    if name == "adagrad":
        return keras.optimizers.Adagrad(lr)
    return keras.optimizers.Adam(lr)


def _columns(rows: dict[str, np.ndarray], dense: str) -> dict[str, np.ndarray]:
    """The model's input dict: every feature column as (n, 1) (the device strings (n,)); the
    counts log1p'd unless `dense` is "raw" or "raw_norm"."""
    out = {k: v[:, None] for k, v in rows.items() if k not in ("click", "conversion")}
    out["device"] = rows["device"]  # strings stay (n,): Keras takes a 1-d object array
    if dense == "log":
        for k in DENSE:
            out[k] = np.log1p(out[k]).astype("float32")
    return out


def _features(train: dict[str, np.ndarray], *, dense: str, dim: int, hash_bins: int,
              emb_l2: float, frozen_ids: bool = False
              ) -> tuple[dict[str, Any], list[Any], Any]:  # fmt: skip
    """The inputs, one (n, dim) embedding per categorical field, and the dense counts
    ((n, 4), normalised unless `dense` is "raw")."""
    inputs: dict[str, Any] = {}
    fields = []
    reg = keras.regularizers.L2(emb_l2) if emb_l2 else None
    for name in ("user_id", "ad_id"):
        inputs[name] = keras.Input((1,), dtype="int64", name=name)
        ids = layers.Hashing(hash_bins, name=f"hash_{name}")(inputs[name])
        emb = layers.Embedding(hash_bins, dim, embeddings_regularizer=reg,
                               trainable=not frozen_ids, name=f"emb_{name}")(ids)  # fmt: skip
        fields.append(layers.Flatten()(emb))
    for name in LOOKUP:
        inputs[name] = keras.Input((1,), dtype="int64", name=name)
        lookup = layers.IntegerLookup(vocabulary=np.unique(train[name]), name=f"lookup_{name}")
        ids = lookup(inputs[name])
        emb = layers.Embedding(lookup.vocabulary_size(), dim, embeddings_regularizer=reg,
                               name=f"emb_{name}")(ids)  # fmt: skip
        fields.append(layers.Flatten()(emb))
    inputs["device"] = keras.Input((), dtype="string", name="device")
    lookup = layers.StringLookup(vocabulary=list(DEVICES), name="lookup_device")
    emb = layers.Embedding(lookup.vocabulary_size(), dim, embeddings_regularizer=reg,
                           name="emb_device")(lookup(inputs["device"]))  # fmt: skip
    fields.append(emb)
    for name in DENSE:
        inputs[name] = keras.Input((1,), dtype="float32", name=name)
    counts = layers.Concatenate(name="counts")([inputs[k] for k in DENSE])
    if dense != "raw":
        norm = layers.Normalization(name="norm_counts")
        norm.adapt(np.concatenate([train[k] for k in DENSE], axis=1))
        counts = norm(counts)
    return inputs, fields, counts


def _head(logit: Any, output: str) -> Any:
    if output == "linear":
        return logit
    return layers.Activation(output, name="ctr")(logit)


def _labels(rows: dict[str, np.ndarray], shuffle: bool, seed: int) -> np.ndarray:
    y = rows["click"]
    if shuffle:
        y = y[np.random.default_rng(seed).permutation(len(y))]
    return y


def _class_weight(y: np.ndarray, mode: str) -> dict[int, float] | None:
    if mode == "balanced":
        pos = float(y.mean())
        return {0: 0.5 / (1.0 - pos), 1: 0.5 / pos}
    return None


def wide_deep(kit: Kit, *, dense: str = "log", output: str = "sigmoid",
              from_logits: bool = False, wide: str = "cross", hash_bins: int = 4096,
              cross_bins: int = 512, dim: int = 8, hidden: str = "relu", emb_l2: float = 0.0,
              dropout: float = 0.0, shuffle_labels: bool = False, class_weight: str = "none",
              val_position: str = "logged", optimizer: str = "adam", lr: float = 1e-3,
              epochs: int = 4, batch_size: int = 512) -> Any:  # fmt: skip
    """Wide & Deep CTR model on the generated impressions (120000 train, 20000 validate; 3.7 %
    clicked): wide = Dense(1) over a HashedCrossing(segment x category, 512 bins, one-hot)
    and one-hot position / device / hour; deep = 8-d embeddings of the hashed user / ad ids
    (4096 bins), the looked-up ad category / advertiser / user segment / age / hour / position
    and the device string, with the four log1p + normalised counts -> Dense 128 ReLU -> Dense
    64 ReLU -> Dense 1; the two logits added -> sigmoid; BCE, AUC, Adam(1e-3), batch 512, 4
    ep. Options: `dense` ("log"; "raw_norm": normalised without the log; "raw": neither),
    `output` ("sigmoid"; "linear", "softmax", ...) with `from_logits`, `wide` ("cross"; "none":
    the deep part alone), the hash / cross bins, embedding `dim`, the `hidden` activation,
    an L2 on the embeddings, dropout, `shuffle_labels` (clicks permuted apart from their rows),
    `class_weight` ("balanced": n / (2 n_c)), `val_position` ("logged"; "first": validation
    rows scored as if shown in slot 1, as at serving), optimizer, rate, epochs, batch."""
    train, val = split()
    x, xval = _columns(train, dense), _columns(val, dense)
    if val_position == "first":
        xval["position"] = np.ones_like(xval["position"])
    y, yval = _labels(train, shuffle_labels, kit.seed), val["click"]
    keras.utils.set_random_seed(kit.seed)
    inputs, fields, counts = _features(x, dense=dense, dim=dim, hash_bins=hash_bins,
                                       emb_l2=emb_l2)  # fmt: skip
    h = layers.Concatenate()([*fields, counts])
    for units in (128, 64):
        h = layers.Dense(units, activation=hidden)(h)
        if dropout:
            h = layers.Dropout(dropout)(h)
    logit = layers.Dense(1, name="deep_logit")(h)
    if wide == "cross":
        crossed = layers.HashedCrossing(cross_bins, output_mode="one_hot")(
            (inputs["segment"], inputs["category"]))
        onehots = [layers.CategoryEncoding(11, output_mode="one_hot")(inputs["position"]),
                   layers.CategoryEncoding(24, output_mode="one_hot")(inputs["hour"]),
                   layers.StringLookup(vocabulary=list(DEVICES), output_mode="one_hot")(
                       inputs["device"])]  # fmt: skip
        wide_in = layers.Concatenate()([crossed, *onehots])
        logit = layers.Add()([logit, layers.Dense(1, name="wide_logit")(wide_in)])
    model = keras.Model(inputs, _head(logit, output))
    model.compile(_optimizer(optimizer, lr), keras.losses.BinaryCrossentropy(from_logits),
                  metrics=[keras.metrics.AUC(name="auc", from_logits=from_logits)])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), class_weight=_class_weight(y, class_weight),
                   epochs=epochs, batch_size=batch_size, validation_data=(xval, yval))  # fmt: skip


@keras.saving.register_keras_serializable(package="practice98")
class FMInteraction(layers.Layer):
    """The factorisation machine's pairwise term over stacked field embeddings (batch,
    fields, k): 0.5 x sum_k ((sum_f v_f)^2 - sum_f v_f^2), one value per row; `axis` is the
    fields' axis the sums run over."""

    def __init__(self, axis: int = 1, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.axis = axis

    def call(self, v: Any) -> Any:
        square_of_sum = ops.square(ops.sum(v, axis=self.axis))
        sum_of_square = ops.sum(ops.square(v), axis=self.axis)
        return 0.5 * ops.sum(square_of_sum - sum_of_square, axis=-1, keepdims=True)

    def get_config(self) -> dict[str, Any]:
        return {**super().get_config(), "axis": self.axis}


def deepfm(kit: Kit, *, dense: str = "log", output: str = "sigmoid", fm_axis: int = 1,
           dim: int = 8, hash_bins: int = 4096, emb_l2: float = 0.0, deep: bool = True,
           frozen_ids: bool = False, shuffle_labels: bool = False, label_shift: int = 0,
           optimizer: str = "adam", lr: float = 1e-3, epochs: int = 4,
           batch_size: int = 1024) -> Any:  # fmt: skip
    """DeepFM on the impressions: the nine categorical fields embedded (8-d; hashed user / ad
    ids, looked-up ad / user / context fields, the device string) and the four counts as
    fields of their own (log1p, normalised, each scaling a learned 8-d vector: EinsumDense);
    first order = Dense(1) over the counts and the field embeddings; FM pairwise term
    (`FMInteraction`) over the 13 stacked field vectors; deep = the flattened stack -> Dense
    200 ReLU -> Dense 200 ReLU -> Dense 1; the three logits added -> sigmoid; BCE, AUC,
    Adam(1e-3), batch 1024, 4 ep. Options: `dense`, `output`, `fm_axis` (the axis the FM sums
    over; 2: the embedding axis instead of the fields'), `dim`, `hash_bins`, `emb_l2`,
    `deep` (False: FM alone), `frozen_ids` (the id embeddings `trainable=False`),
    `shuffle_labels`, `label_shift` (the clicks rolled this many rows against the features),
    optimizer, rate, epochs, batch."""
    train, val = split()
    x, xval = _columns(train, dense), _columns(val, dense)
    y, yval = _labels(train, shuffle_labels, kit.seed), val["click"]
    if label_shift:
        y = np.roll(y, label_shift)
    keras.utils.set_random_seed(kit.seed)
    inputs, fields, counts = _features(x, dense=dense, dim=dim, hash_bins=hash_bins,
                                       emb_l2=emb_l2, frozen_ids=frozen_ids)  # fmt: skip
    count_fields = layers.EinsumDense("bf,fd->bfd", output_shape=(len(DENSE), dim),
                                      name="count_vectors")(counts)  # fmt: skip
    stacked = layers.Concatenate(axis=1)(
        [layers.Reshape((len(fields), dim))(layers.Concatenate()(fields)), count_fields])
    first = layers.Dense(1, name="first_order")(layers.Concatenate()([counts, *fields]))
    logits = [first, FMInteraction(fm_axis, name="fm")(stacked)]
    if deep:
        h = layers.Flatten()(stacked)
        for _ in range(2):
            h = layers.Dense(200, activation="relu")(h)
        logits.append(layers.Dense(1, name="deep_logit")(h))
    model = keras.Model(inputs, _head(layers.Add()(logits), output))
    model.compile(_optimizer(optimizer, lr), keras.losses.BinaryCrossentropy(),
                  metrics=[keras.metrics.AUC(name="auc")])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval))  # fmt: skip


@keras.saving.register_keras_serializable(package="practice98")
class CrossLayer(layers.Layer):
    """A DCN-v2 cross layer: x_{l+1} = x0 * (W x_l + b) + x_l (full-rank W), called on
    [x0, x_l]; `residual` False leaves the + x_l out."""

    def __init__(self, residual: bool = True, kernel_initializer: str = "glorot_uniform",
                 **kwargs: Any) -> None:  # fmt: skip
        super().__init__(**kwargs)
        self.residual = residual
        self.kernel_initializer = kernel_initializer

    def build(self, input_shape: Any) -> None:
        width = input_shape[0][-1]
        self.dense = layers.Dense(width, kernel_initializer=self.kernel_initializer)
        self.dense.build(input_shape[1])

    def call(self, inputs: Any) -> Any:
        x0, x = inputs
        out = x0 * self.dense(x)
        return out + x if self.residual else out

    def get_config(self) -> dict[str, Any]:
        return {**super().get_config(), "residual": self.residual,
                "kernel_initializer": self.kernel_initializer}  # fmt: skip


def dcn_v2(kit: Kit, *, dense: str = "log", output: str = "sigmoid", crosses: int = 3,
           residual: bool = True, cross_init: str = "glorot_uniform", structure: str = "parallel",
           dim: int = 8, hash_bins: int = 4096, hidden: str = "relu", depth: int = 2,
           batchnorm: bool = False, shuffle_labels: bool = False, optimizer: str = "adam",
           lr: float = 1e-3, epochs: int = 4, batch_size: int = 1024) -> Any:  # fmt: skip
    """DCN-v2 on the impressions: x0 = the nine 8-d field embeddings and the four log1p +
    normalised counts concatenated (76 wide) -> 3 `CrossLayer`s (x0 * (W x + b) + x) in
    parallel with a deep tower (Dense 128 ReLU -> Dense 64 ReLU), both concatenated -> Dense 1
    sigmoid; BCE, AUC, Adam(1e-3), batch 1024, 4 ep. Options: `dense`, `output`, `crosses`,
    `residual` (the cross layers' + x_l), `cross_init` (their kernels' initialiser),
    `structure` ("parallel"; "stacked": the deep tower on the cross output), `dim`,
    `hash_bins`, the tower's `hidden` activation and `depth` (Dense 64 layers after the 128),
    `batchnorm` in the tower, `shuffle_labels`, optimizer, rate, epochs, batch."""
    train, val = split()
    x, xval = _columns(train, dense), _columns(val, dense)
    y, yval = _labels(train, shuffle_labels, kit.seed), val["click"]
    keras.utils.set_random_seed(kit.seed)
    inputs, fields, counts = _features(x, dense=dense, dim=dim, hash_bins=hash_bins,
                                       emb_l2=0.0)  # fmt: skip
    x0 = layers.Concatenate()([*fields, counts])
    c = x0
    for _ in range(crosses):
        c = CrossLayer(residual, cross_init)([x0, c])
    h = c if structure == "stacked" else x0
    for units in (128, *[64] * (depth - 1)):
        h = layers.Dense(units, use_bias=not batchnorm)(h)
        if batchnorm:
            h = layers.BatchNormalization()(h)
        h = layers.Activation(hidden)(h)
    top = h if structure == "stacked" else layers.Concatenate()([c, h])
    model = keras.Model(inputs, _head(layers.Dense(1)(top), output))
    model.compile(_optimizer(optimizer, lr), keras.losses.BinaryCrossentropy(),
                  metrics=[keras.metrics.AUC(name="auc")])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval))  # fmt: skip


def esmm(kit: Kit, *, dense: str = "log", ctcvr: str = "product", cvr_head: str = "sigmoid",
         label_order: str = "aligned", ctcvr_weight: float = 1.0, dim: int = 8,
         hash_bins: int = 4096, optimizer: str = "adam", lr: float = 1e-3, epochs: int = 4,
         batch_size: int = 1024) -> Any:  # fmt: skip
    """ESMM-style multi-task model on the impressions: shared field embeddings and counts ->
    a CTR tower and a CVR tower (Dense 128 ReLU -> Dense 64 ReLU -> Dense 1 sigmoid each);
    outputs `ctr` = pCTR and `ctcvr` = pCTR x pCVR (Multiply), trained on every impression
    with the click and the click-and-convert labels (2.4 % converted); BCE each, weights 1 /
    1, AUC each, Adam(1e-3), batch 1024, 4 ep. Options: `dense`, `ctcvr` ("product"; "sum":
    pCTR + pCVR clipped to 1; "cvr": the CVR tower's output alone), `cvr_head` (the CVR
    tower's activation), `label_order` ("aligned"; "shuffled": the click-and-convert labels
    permuted apart from their rows, the click labels intact), `ctcvr_weight` (the ctcvr
    loss's weight), `dim`,
    `hash_bins`, optimizer, rate, epochs, batch."""
    train, val = split()
    x, xval = _columns(train, dense), _columns(val, dense)
    y = {"ctr": train["click"], "ctcvr": train["conversion"]}
    yval = {"ctr": val["click"], "ctcvr": val["conversion"]}
    if label_order == "shuffled":
        y["ctcvr"] = y["ctcvr"][np.random.default_rng(kit.seed).permutation(len(y["ctcvr"]))]
    keras.utils.set_random_seed(kit.seed)
    inputs, fields, counts = _features(x, dense=dense, dim=dim, hash_bins=hash_bins,
                                       emb_l2=0.0)  # fmt: skip
    shared = layers.Concatenate()([*fields, counts])

    def tower(name: str, activation: str) -> Any:
        h = shared
        for units in (128, 64):
            h = layers.Dense(units, activation="relu", name=f"{name}_{units}")(h)
        return layers.Dense(1, activation=activation, name=f"p{name}")(h)

    pctr, pcvr = tower("ctr", "sigmoid"), tower("cvr", cvr_head)
    if ctcvr == "sum":
        joint = layers.Lambda(lambda t: ops.minimum(t[0] + t[1], 1.0))([pctr, pcvr])
    elif ctcvr == "cvr":
        joint = pcvr
    else:
        joint = layers.Multiply()([pctr, pcvr])
    outputs = {"ctr": layers.Identity(name="ctr")(pctr),
               "ctcvr": layers.Identity(name="ctcvr")(joint)}  # fmt: skip
    model = keras.Model(inputs, outputs)
    model.compile(_optimizer(optimizer, lr),
                  loss={"ctr": "binary_crossentropy", "ctcvr": "binary_crossentropy"},
                  loss_weights={"ctr": 1.0, "ctcvr": ctcvr_weight},
                  metrics={"ctr": [keras.metrics.AUC(name="auc")],
                           "ctcvr": [keras.metrics.AUC(name="auc")]})  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval))  # fmt: skip
