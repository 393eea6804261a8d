"""Batch-86 span-extraction and pointer scripts (keyword options are the faults, the defaults
the healthy choice): extractive question answering on generated reading-comprehension items
with a BiLSTM encoder and two outputs (start and end logits over the token positions) or a
small Transformer encoder with one stacked (2, positions) output, the question and padding
positions masked with a large negative logit; and a pointer network choosing the input point
nearest a query (additive attention scores over the points as the logits). Sparse
categorical cross-entropy from logits over positions; accuracy, and exact match (start and
end both right) for the stacked output. Each script calls `kit.fit` once.
"""

from __future__ import annotations

from typing import Any

import keras
import numpy as np
from keras import layers, ops

from benchmarks.practice.batch86_data import MAXLEN, Q_LEN, VOCAB, nearest_points, qa_items
from benchmarks.practice.kit import Kit


@keras.saving.register_keras_serializable(package="practice86")
class MaskPositions(layers.Layer):
    """Logits at positions the answer cannot take (the question, the padding) pushed to
    `fill`: logits + (1 - allowed) * fill, the usual masking of start / end logits.
    `how`: "add" (the default), "multiply" (logits * allowed, the masked logits left at 0),
    "inverted" (the allowed positions masked instead)."""

    def __init__(self, fill: float = -1e9, how: str = "add", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.fill = fill
        self.how = how

    def call(self, logits: Any, allowed: Any) -> Any:
        allowed = ops.cast(allowed, logits.dtype)
        if self.how == "inverted":
            allowed = 1.0 - allowed
        if self.how == "multiply":
            return logits * allowed
        return logits + (1.0 - allowed) * self.fill

    def get_config(self) -> dict[str, Any]:
        return {**super().get_config(), "fill": self.fill, "how": self.how}


@keras.saving.register_keras_serializable(package="practice86")
class TokenAndPosition(layers.Layer):
    """Token embedding plus a learned position embedding (`positions` False: tokens only)."""

    def __init__(self, vocab: int, length: int, dim: int, positions: bool = True,
                 **kwargs: Any) -> None:  # fmt: skip
        super().__init__(**kwargs)
        self.vocab, self.length, self.dim, self.positions = vocab, length, dim, positions
        self.tokens = layers.Embedding(vocab, dim)
        self.places = layers.Embedding(length, dim)

    def build(self, input_shape: Any) -> None:
        self.tokens.build(input_shape)
        self.places.build((self.length,))

    def call(self, ids: Any) -> Any:
        h = self.tokens(ids)
        if self.positions:
            h = h + self.places(ops.arange(self.length))[None, :, :]
        return h

    def get_config(self) -> dict[str, Any]:
        return {**super().get_config(), "vocab": self.vocab, "length": self.length,
                "dim": self.dim, "positions": self.positions}  # fmt: skip


def _optimizer(name: str, lr: float) -> keras.optimizers.Optimizer:
    if name == "sgd":
        return keras.optimizers.SGD(lr)
    if name == "rmsprop":
        return keras.optimizers.RMSprop(lr)
    return keras.optimizers.Adam(lr)


def exact_match(y_true: Any, y_pred: Any) -> Any:
    """1 where the start and the end are both the argmax of their logits (y_true (b, 2),
    y_pred (b, 2, positions))."""
    guess = ops.cast(ops.argmax(y_pred, axis=-1), "int32")
    right = ops.cast(ops.equal(guess, ops.cast(y_true, "int32")), "float32")
    return ops.min(right, axis=-1)


def _qa_data(padding: str, maxlen: int, shuffle_labels: bool, swap_start_end: bool,
             context_offset: bool, seed: int) -> list[np.ndarray]:  # fmt: skip
    ids, types, starts, ends, idsval, typesval, startsval, endsval = qa_items(
        padding=padding, maxlen=maxlen)  # fmt: skip
    if context_offset:  # the labels kept in context coordinates (the question length left out)
        starts, ends = starts - 6, ends - 6
        startsval, endsval = startsval - 6, endsval - 6
    if swap_start_end:
        starts, ends, startsval, endsval = ends, starts, endsval, startsval
    if shuffle_labels:
        order = np.random.default_rng(seed).permutation(len(starts))
        starts, ends = starts[order], ends[order]
    return [ids, types, starts, ends, idsval, typesval, startsval, endsval]


def qa_bilstm(kit: Kit, *, mask: str = "add", fill: float = -1e9, head: str = "linear",
              from_logits: bool = True, question_summary: bool = True, layers_n: int = 1,
              units: int = 32,
              padding: str = "post", maxlen: int = MAXLEN, shuffle_labels: bool = False,
              swap_start_end: bool = False, context_offset: bool = False,
              dropout: float = 0.0, optimizer: str = "adam", lr: float = 2e-3,
              epochs: int = 6, batch_size: int = 64) -> Any:  # fmt: skip
    """Extractive QA on the generated items (3000 train, 600 validate), DrQA-style: ids ->
    Embedding 64, the question's six embeddings flattened -> Dense 32 ReLU repeated beside
    every token -> BiLSTM 32 (return_sequences) -> Dense 1 for the start and Dense 1 for the
    end (over every position) -> the question and padding positions masked to -1e9 -> two
    outputs "start" and "end", each SparseCategoricalCrossentropy(from_logits=True) over the
    48 positions, accuracy per output, Adam(2e-3), batch 64, 6 epochs. Options: `mask`
    ("add"; "none": no masking; "multiply"; "inverted"), `fill`, `head` (the Dense 1's
    activation), `from_logits`, `question_summary` (False: no question vector beside the
    tokens, the BiLSTM must carry the question word), `layers_n`, `units`, `padding`
    ("pre": the rows pre-padded after the labels were taken), `maxlen` (rows cut, labels
    clipped), `shuffle_labels`,
    `swap_start_end`, `context_offset` (labels counted from the context's first word),
    `dropout` (after each BiLSTM), the optimizer, rate, epochs and batch size."""
    ids, types, starts, ends, idsval, typesval, startsval, endsval = _qa_data(
        padding, maxlen, shuffle_labels, swap_start_end, context_offset, kit.seed)  # fmt: skip
    keras.utils.set_random_seed(kit.seed)
    length = ids.shape[1]
    tokens = keras.Input((length,), dtype="int32", name="ids")
    allowed = keras.Input((length,), dtype="int32", name="types")
    h = layers.Embedding(VOCAB, 64)(tokens)
    if question_summary:  # DrQA-style: the question's encoding beside every token
        summary = layers.Dense(32, activation="relu")(layers.Flatten()(h[:, :Q_LEN]))
        h = layers.Concatenate()([h, layers.RepeatVector(length)(summary)])
    for _ in range(layers_n):
        h = layers.Bidirectional(layers.LSTM(units, return_sequences=True))(h)
        if dropout:
            h = layers.Dropout(dropout)(h)
    outputs = {}
    for name in ("start", "end"):
        logits = layers.Flatten()(layers.Dense(1, activation=head)(h))
        if mask != "none":
            logits = MaskPositions(fill, mask)(logits, allowed)
        outputs[name] = layers.Identity(name=name)(logits)
    model = keras.Model({"ids": tokens, "types": allowed}, outputs)
    loss = keras.losses.SparseCategoricalCrossentropy(from_logits=from_logits)
    model.compile(_optimizer(optimizer, lr), loss={"start": loss, "end": loss},
                  metrics={"start": ["accuracy"], "end": ["accuracy"]})  # fmt: skip
    x = {"ids": ids, "types": types}
    y = {"start": starts, "end": ends}
    xval = {"ids": idsval, "types": typesval}
    yval = {"start": startsval, "end": endsval}
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval))  # fmt: skip


def _encoder_block(h: Any, pad_mask: Any, heads: int, dim: int, ffn: int, dropout: float,
                   norm: bool) -> Any:  # fmt: skip
    attn = layers.MultiHeadAttention(heads, dim // heads, dropout=dropout)(
        h, h, attention_mask=pad_mask)  # fmt: skip
    h = layers.Add()([h, attn])
    if norm:
        h = layers.LayerNormalization()(h)
    f = layers.Dense(ffn, activation="gelu")(h)
    f = layers.Dropout(dropout)(layers.Dense(dim)(f))
    h = layers.Add()([h, f])
    if norm:
        h = layers.LayerNormalization()(h)
    return h


def qa_transformer(kit: Kit, *, positions: bool = True, blocks: int = 2, dim: int = 32,
                   norm: bool = True, mask: str = "add", fill: float = -1e9,
                   pool_head: bool = False, from_logits: bool = True,
                   padding: str = "post", maxlen: int = MAXLEN, shuffle_labels: bool = False,
                   context_offset: bool = False, dropout: float = 0.0,
                   optimizer: str = "adam", lr: float = 1e-3, epochs: int = 30,
                   batch_size: int = 64) -> Any:  # fmt: skip
    """Extractive QA with a small BERT-style encoder: token + learned position embeddings 32
    -> 2 post-norm blocks (4 heads, the padding as attention mask, GELU FFN 64, no dropout)
    -> Dense 2 (start, end) transposed to one stacked (2, 48) output -> the question and
    padding masked to -1e9; labels stacked (b, 2); SparseCategoricalCrossentropy
    (from_logits=True), accuracy and exact match, Adam(1e-3), batch 64, 30 epochs. Options:
    `positions` (False: no position embedding), `blocks`, `dim`, `norm` (the LayerNorms),
    `mask`, `fill`, `pool_head` (True: the start / end as a Dense over the flattened
    encoding instead of a per-token score), `from_logits`, the data options as `qa_bilstm`,
    `dropout`, the optimizer, rate, epochs and batch size."""
    ids, types, starts, ends, idsval, typesval, startsval, endsval = _qa_data(
        padding, maxlen, shuffle_labels, False, context_offset, kit.seed)  # fmt: skip
    y, yval = np.stack([starts, ends], 1), np.stack([startsval, endsval], 1)
    keras.utils.set_random_seed(kit.seed)
    length = ids.shape[1]
    tokens = keras.Input((length,), dtype="int32", name="ids")
    allowed = keras.Input((length,), dtype="int32", name="types")
    h = TokenAndPosition(VOCAB, length, dim, positions)(tokens)
    real = ops.not_equal(tokens, 0)
    pad_mask = ops.logical_and(real[:, :, None], real[:, None, :])
    for _ in range(blocks):
        h = _encoder_block(h, pad_mask, 4, dim, 2 * dim, dropout, norm)
    if pool_head:
        logits = layers.Reshape((2, length))(layers.Dense(2 * length)(layers.Flatten()(h)))
    else:
        logits = layers.Permute((2, 1))(layers.Dense(2)(h))
    if mask != "none":
        stacked = ops.repeat(allowed[:, None, :], 2, axis=1)
        logits = MaskPositions(fill, mask)(logits, stacked)
    model = keras.Model({"ids": tokens, "types": allowed}, logits)
    model.compile(_optimizer(optimizer, lr),
                  keras.losses.SparseCategoricalCrossentropy(from_logits=from_logits),
                  metrics=["accuracy", exact_match])  # fmt: skip
    x = {"ids": ids, "types": types}
    xval = {"ids": idsval, "types": typesval}
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval))  # fmt: skip


def pointer_nearest(kit: Kit, *, scale: float = 1.0, val_scale: float | None = None,
                    mask: str = "add", fill: float = -1e9, scorer: str = "additive",
                    query: bool = True, hidden: str = "relu", shuffle_labels: bool = False,
                    from_logits: bool = True, optimizer: str = "adam", lr: float = 1e-3,
                    epochs: int = 12, batch_size: int = 64) -> Any:  # fmt: skip
    """Pointer network on generated point sets (8..16 points in the unit square padded to
    16, a query point; 4000 train, 800 validate): each point -> Dense 64 ReLU -> Dense 64,
    the query -> Dense 64 ReLU -> Dense 64, additive attention scores v . tanh(W1 e_j + W2
    q) over the points as the logits, the padding points masked to -1e9, sparse CE from
    logits over the 16 positions, accuracy, Adam(1e-3), batch 64, 12 epochs. Options:
    `scale` (the coordinates multiplied, e.g. pixels 0..1000 left unscaled), `val_scale`
    (the validation coordinates' own scale; default `scale`), `mask`, `fill`, `scorer`
    ("additive"; "dot": scaled dot product e_j . q), `query` (False: the query not fed to
    the scorer's decoder side, a zero vector instead), `hidden` activation,
    `shuffle_labels`, `from_logits`, the optimizer, rate, epochs and batch size."""
    points, valid, queries, labels, pointsval, validval, queriesval, labelsval = \
        nearest_points()
    vs = scale if val_scale is None else val_scale
    points, queries = points * scale, queries * scale
    pointsval, queriesval = pointsval * vs, queriesval * vs
    if not query:
        queries, queriesval = np.zeros_like(queries), np.zeros_like(queriesval)
    if shuffle_labels:
        labels = labels[np.random.default_rng(kit.seed).permutation(len(labels))]
    keras.utils.set_random_seed(kit.seed)
    pts = keras.Input((16, 2), name="points")
    ok = keras.Input((16,), name="valid")
    q = keras.Input((2,), name="query")
    e = layers.Dense(64)(layers.Dense(64, activation=hidden)(pts))
    d = layers.Dense(64)(layers.Dense(64, activation=hidden)(q))
    if scorer == "dot":
        scores = layers.Dot(axes=(2, 1))([e, d])
        scores = layers.Rescaling(1.0 / 8.0)(scores)
    else:
        w1 = layers.Dense(64, use_bias=False)(e)
        w2 = layers.RepeatVector(16)(layers.Dense(64, use_bias=False)(d))
        joint = layers.Activation("tanh")(layers.Add()([w1, w2]))
        scores = layers.Flatten()(layers.Dense(1, use_bias=False)(joint))
    if mask != "none":
        scores = MaskPositions(fill, mask)(scores, ok)
    model = keras.Model({"points": pts, "valid": ok, "query": q}, scores)
    model.compile(_optimizer(optimizer, lr),
                  keras.losses.SparseCategoricalCrossentropy(from_logits=from_logits),
                  metrics=["accuracy"])  # fmt: skip
    x = {"points": points, "valid": valid, "query": queries}
    xval = {"points": pointsval, "valid": validval, "query": queriesval}
    return kit.fit(model, x, labels, probe_data=(x, labels), epochs=epochs,
                   batch_size=batch_size, validation_data=(xval, labelsval))  # fmt: skip
