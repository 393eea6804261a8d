"""Batch-64 sequence recognition and structured prediction scripts (keyword options are the
faults, the defaults the healthy choice): a CRNN reading glyph strips with a CTC loss, a BIO
tagger, a start / end pointer over positions, an encoder-decoder trained with teacher
forcing, and a multi-output strip reader (digit count + per-slot digit). Each script calls
`kit.fit`.
"""

from __future__ import annotations

from typing import Any

import keras
import numpy as np
from keras import layers, ops

from benchmarks.practice.batch64_data import (
    LABEL_PAD,
    MAX_DIGITS,
    SEQ_TGT,
    SPAN_LEN,
    SPAN_VOCAB,
    STRIP_WIDTH,
    TAG_LEN,
    TAG_VOCAB,
    TAGS,
    bio_sequences,
    glyph_strips,
    span_sequences,
    transduction,
)
from benchmarks.practice.kit import Kit


def ctc_loss(blank: int) -> Any:
    """The custom CTC loss of the script: labels padded with -1, every frame valid."""

    def loss(y_true: Any, y_pred: Any) -> Any:
        y_true = ops.cast(y_true, "int32")
        label_length = ops.sum(ops.cast(ops.not_equal(y_true, LABEL_PAD), "int32"), axis=-1)
        frames = ops.shape(y_pred)[1]
        logit_length = ops.full((ops.shape(y_pred)[0],), frames, dtype="int32")
        return ops.ctc_loss(y_true, y_pred, label_length, logit_length, mask_index=blank)

    return loss


def ctc_sequence_accuracy(blank: int) -> Any:
    """Greedy CTC decoding, the fraction of strips read exactly."""

    def seq_acc(y_true: Any, y_pred: Any) -> Any:
        y_true = ops.cast(y_true, "int32")
        frames = ops.shape(y_pred)[1]
        lengths = ops.full((ops.shape(y_pred)[0],), frames, dtype="int32")
        decoded = ops.ctc_decode(y_pred, lengths, strategy="greedy", mask_index=blank)[0][0]
        width = ops.shape(y_true)[1]
        padded = ops.concatenate([decoded, ops.full_like(y_true, LABEL_PAD)], axis=1)
        same = ops.all(ops.equal(padded[:, :width], y_true), axis=1)
        read = ops.sum(ops.cast(ops.not_equal(decoded, LABEL_PAD), "int32"), axis=1)
        true = ops.sum(ops.cast(ops.not_equal(y_true, LABEL_PAD), "int32"), axis=1)
        return ops.cast(ops.logical_and(same, ops.equal(read, true)), "float32")

    return seq_acc


def crnn_ctc(kit: Kit, *, blank: str = "last", head: str = "logits", width_stride: int = 4,
             transpose: bool = False, rnn: str = "bilstm", lr: float = 3e-3,
             batch_size: int = 32, epochs: int = 12) -> Any:  # fmt: skip
    """CRNN OCR on glyph strips (2000 training, 500 validation strips of 3-5 digits, the
    width first as the time axis): Conv 32 -> MaxPool (2, 2) -> Conv 64 -> MaxPool (2, 2)
    -> Reshape to (13 frames, 128) -> Dense 64 ReLU -> Bidirectional LSTM 64 -> Dense 11
    logits (10 digits + the blank, index 10), a custom CTC loss on `keras.ops.ctc_loss`
    (labels padded with -1), Adam(3e-3), batch 32, 12 epochs; the metric `seq_acc` is the
    greedy-decoded exact-read rate. Options: `blank` ("last"; "zero": blank index 0 in the
    loss and the decoder while digit 0 is label 0), `head` ("logits"; "softmax":
    probabilities passed where `ctc_loss` expects logits; "log_softmax": log-probabilities),
    `width_stride` (the width's total pooling: 4 gives 13 frames, 8 gives 6, 16 gives 3
    frames for labels of 3-5 digits), `transpose` (the (batch, frames, classes) output
    permuted to (batch, classes, frames) before the loss), `rnn` ("bilstm"; "lstm": one
    direction), the rate, batch size and epochs."""
    x, xv, y, yv = glyph_strips()
    keras.utils.set_random_seed(kit.seed)
    blank_index = 10 if blank == "last" else 0
    inputs = keras.Input((STRIP_WIDTH, 8, 1))
    h = layers.Conv2D(32, 3, padding="same", activation="relu")(inputs)
    first = min(width_stride, 4) // 2 if width_stride <= 4 else 4
    h = layers.MaxPooling2D((first, 2))(h)
    h = layers.Conv2D(64, 3, padding="same", activation="relu")(h)
    h = layers.MaxPooling2D((width_stride // first, 2))(h)
    frames = h.shape[1]
    h = layers.Reshape((frames, h.shape[2] * 64))(h)
    h = layers.Dense(64, activation="relu")(h)
    if rnn == "bilstm":
        h = layers.Bidirectional(layers.LSTM(64, return_sequences=True))(h)
    else:
        h = layers.LSTM(128, return_sequences=True)(h)
    activation = {"logits": None, "softmax": "softmax", "log_softmax": "log_softmax"}[head]
    outputs = layers.Dense(11, activation=activation)(h)
    if transpose:
        outputs = layers.Permute((2, 1))(outputs)
    model = keras.Model(inputs, outputs)
    model.compile(keras.optimizers.Adam(lr), ctc_loss(blank_index),
                  metrics=[ctc_sequence_accuracy(blank_index)])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x[:256], y[:256]), epochs=epochs,
                   batch_size=batch_size, validation_data=(xv, yv))  # fmt: skip


class TokenAccuracy(keras.metrics.Metric):
    """Accuracy over the real tokens (tag / token 0 is padding), whatever the mask."""

    def __init__(self, name: str = "token_acc", **kwargs: Any) -> None:
        super().__init__(name=name, **kwargs)
        self.hits = self.add_variable((), initializer="zeros", name="hits")
        self.count = self.add_variable((), initializer="zeros", name="count")

    def update_state(self, y_true: Any, y_pred: Any, sample_weight: Any = None) -> None:
        y_true = ops.cast(y_true, "int32")
        real = ops.cast(ops.not_equal(y_true, 0), "float32")
        guess = ops.cast(ops.argmax(y_pred, axis=-1), "int32")
        hit = ops.cast(ops.equal(guess, y_true), "float32")
        self.hits.assign_add(ops.sum(hit * real))
        self.count.assign_add(ops.sum(real))

    def result(self) -> Any:
        return self.hits / ops.maximum(self.count, 1.0)


def bio_tagger(kit: Kit, *, mask: bool = True, rnn: str = "bilstm", depth: int = 1,
               softmax_axis: int = -1, head: str = "softmax", shift: str = "none",
               dropout: float = 0.0, lr: float = 1e-3, batch_size: int = 32,
               epochs: int = 10) -> Any:  # fmt: skip
    """BIO tagger on generated sentences (3000 training, 800 validation, 8-24 tokens padded
    to 24 with 0): Embedding(100, 32, mask_zero=True) -> Bidirectional LSTM 32 (return
    sequences) -> Dense 6 -> softmax over the tags (0 PAD, 1 O, B/I-PER, B/I-LOC), sparse
    CE, Adam(1e-3), batch 32, 10 epochs; the metric `token_acc` counts the real tokens only.
    Options: `mask` (False: `mask_zero=False`, the padding positions in the loss), `rnn`
    ("bilstm"; "lstm": left to right only), `depth` (stacked recurrent layers),
    `softmax_axis` (1: Dense 6 then a softmax over axis 1, the time axis), `head` ("softmax";
    "sigmoid": per-tag sigmoids under the sparse categorical CE), `shift` ("none"; "train":
    the training labels one position to the right of their tokens, an off-by-one in the
    training pipeline's alignment only), `dropout` (after the embedding), the rate, batch
    size and epochs."""
    x, xv, y, yv = bio_sequences()
    if shift == "train":
        y = np.concatenate([np.ones_like(y[:, :1]), y[:, :-1]], axis=1) * (x != 0)
    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input((TAG_LEN,), dtype="int32")
    h = layers.Embedding(TAG_VOCAB, 32, mask_zero=mask)(inputs)
    if dropout:
        h = layers.Dropout(dropout)(h)
    for _ in range(depth):
        if rnn == "bilstm":
            h = layers.Bidirectional(layers.LSTM(32, return_sequences=True))(h)
        else:
            h = layers.LSTM(64, return_sequences=True)(h)
    if head == "sigmoid":
        outputs = layers.Dense(TAGS, activation="sigmoid")(h)
    elif softmax_axis != -1:  # "softmax over the sequence", as in an attention snippet
        outputs = layers.Activation(lambda t: ops.softmax(t, axis=softmax_axis))(
            layers.Dense(TAGS)(h))
    else:
        outputs = layers.Dense(TAGS, activation="softmax")(h)
    model = keras.Model(inputs, outputs)
    model.compile(keras.optimizers.Adam(lr), "sparse_categorical_crossentropy",
                  metrics=[TokenAccuracy()])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x[:256], y[:256]), epochs=epochs,
                   batch_size=batch_size, validation_data=(xv, yv))  # fmt: skip


def span_pointer(kit: Kit, *, softmax_axis: int = -1, mask_pad: bool = True,
                 lr: float = 1e-3, batch_size: int = 32, epochs: int = 12) -> Any:  # fmt: skip
    """Start / end pointer over positions (3000 training, 800 validation sequences of 15-30
    tokens padded to 30): Embedding(60, 32) -> Bidirectional LSTM 32 (return sequences) ->
    Dense 2 -> Permute to (2, 30) -> the padding positions' logits set to -1e9 -> softmax
    over the 30 positions, sparse CE on (start, end), Adam(1e-3), batch 32, 12 epochs;
    metric `span_acc` (the position accuracy of start and end). Options: `softmax_axis` (1:
    the softmax over the start / end pair instead of the positions), `mask_pad` (False: the
    padding positions keep their logits), the rate, batch size and epochs."""
    x, xv, y, yv = span_sequences()
    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input((SPAN_LEN,), dtype="int32")
    h = layers.Embedding(SPAN_VOCAB, 32)(inputs)
    h = layers.Bidirectional(layers.LSTM(32, return_sequences=True))(h)
    h = layers.Permute((2, 1))(layers.Dense(2)(h))
    if mask_pad:
        pad = layers.Lambda(lambda t: ops.cast(ops.equal(t, 0), "float32")[:, None, :] * -1e9
                            )(inputs)  # fmt: skip
        h = layers.Add()([h, pad])
    outputs = layers.Softmax(axis=softmax_axis)(h)
    model = keras.Model(inputs, outputs)
    model.compile(keras.optimizers.Adam(lr), "sparse_categorical_crossentropy",
                  metrics=[keras.metrics.SparseCategoricalAccuracy(name="span_acc")])
    return kit.fit(model, x, y, probe_data=(x[:256], y[:256]), epochs=epochs,
                   batch_size=batch_size, validation_data=(xv, yv))  # fmt: skip


def seq2seq(kit: Kit, *, teacher: str = "shifted", reverse_source: bool = False,
            units: int = 64, lr: float = 1e-3, batch_size: int = 64,
            epochs: int = 20) -> Any:  # fmt: skip
    """Encoder-decoder transduction (4000 training, 800 validation digit strings of 3-8
    digits; the target is the string reversed with each digit + 1 mod 10, then an end
    token): encoder Embedding(13, 32, mask_zero) -> LSTM 64 (states) -> decoder
    Embedding(13, 32, mask_zero) -> LSTM 64 from the encoder's states -> Dense 13 softmax,
    teacher forcing (the decoder reads [start] + target[:-1]), sparse CE, Adam(1e-3), batch
    64, 20 epochs; metric `token_acc` over the real target tokens. Options: `teacher`
    ("shifted"; "unshifted": the decoder reads the target itself, each step sees the token it
    must predict), `reverse_source` (the source fed reversed, Sutskever's trick), `units`,
    the rate, batch size and epochs."""
    src, srcv, tgt, tgtv = transduction()
    if reverse_source:
        src, srcv = src[:, ::-1].copy(), srcv[:, ::-1].copy()

    def decoder_input(t: np.ndarray) -> np.ndarray:
        if teacher == "unshifted":
            return t
        return np.concatenate([np.ones_like(t[:, :1]), t[:, :-1]], axis=1)

    keras.utils.set_random_seed(kit.seed)
    enc_in = keras.Input((src.shape[1],), dtype="int32", name="source")
    dec_in = keras.Input((SEQ_TGT,), dtype="int32", name="decoder_input")
    enc = layers.Embedding(13, 32, mask_zero=True)(enc_in)
    _, state_h, state_c = layers.LSTM(units, return_state=True)(enc)
    dec = layers.Embedding(13, 32, mask_zero=True)(dec_in)
    dec = layers.LSTM(units, return_sequences=True)(dec, initial_state=[state_h, state_c])
    outputs = layers.Dense(13, activation="softmax")(dec)
    model = keras.Model([enc_in, dec_in], outputs)
    model.compile(keras.optimizers.Adam(lr), "sparse_categorical_crossentropy",
                  metrics=[TokenAccuracy()])  # fmt: skip
    x = [src, decoder_input(tgt)]
    xv = [srcv, decoder_input(tgtv)]
    return kit.fit(model, x, tgt, probe_data=([src[:256], x[1][:256]], tgt[:256]),
                   epochs=epochs, batch_size=batch_size, validation_data=(xv, tgtv))


def glyph_slots(kit: Kit, *, slot_head: str = "softmax", softmax_axis: int = -1,
                count_weight: float = 1.0, count_head: str = "softmax", lr: float = 1e-3,
                batch_size: int = 32, epochs: int = 15) -> Any:  # fmt: skip
    """Multi-output strip reader on the glyph strips: Conv 32 -> MaxPool -> Conv 64 ->
    MaxPool -> Flatten -> Dense 256 ReLU -> Dropout(0.3) -> two heads: `count` (softmax over
    0..5 digits, sparse CE) and `slots` (Dense 55 -> Reshape (5, 11) -> softmax over 10
    digits + "empty", sparse CE; metric `slot_acc`), Adam(1e-3), batch 32, 15 epochs.
    Options: `slot_head` ("softmax"; "sigmoid": per-class sigmoids under the sparse
    categorical CE), `softmax_axis` (1: the slot head's softmax over the 5 slots instead of
    the 11 classes), `count_weight` (the count loss's weight), `count_head` ("softmax";
    "regression": Dense 1 linear with MSE on the raw count), the rate, batch size and
    epochs."""
    x, xv, y, yv = glyph_strips()

    def targets(labels: np.ndarray) -> dict[str, np.ndarray]:
        count = (labels != LABEL_PAD).sum(axis=1)
        slots = np.where(labels == LABEL_PAD, 10, labels)
        return {"count": count.astype("float32" if count_head == "regression" else "int64"),
                "slots": slots}  # fmt: skip

    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input((STRIP_WIDTH, 8, 1))
    h = layers.Conv2D(32, 3, padding="same", activation="relu")(inputs)
    h = layers.MaxPooling2D(2)(h)
    h = layers.Conv2D(64, 3, padding="same", activation="relu")(h)
    h = layers.MaxPooling2D(2)(h)
    h = layers.Dropout(0.3)(layers.Dense(256, activation="relu")(layers.Flatten()(h)))
    if count_head == "regression":
        count = layers.Dense(1, name="count")(h)
        count_loss = "mse"
    else:
        count = layers.Dense(MAX_DIGITS + 1, activation="softmax", name="count")(h)
        count_loss = "sparse_categorical_crossentropy"
    slots = layers.Reshape((MAX_DIGITS, 11))(layers.Dense(MAX_DIGITS * 11)(h))
    if slot_head == "sigmoid":
        slots = layers.Activation("sigmoid", name="slots")(slots)
    else:
        slots = layers.Softmax(axis=softmax_axis, name="slots")(slots)
    model = keras.Model(inputs, {"count": count, "slots": slots})
    model.compile(keras.optimizers.Adam(lr),
                  loss={"count": count_loss, "slots": "sparse_categorical_crossentropy"},
                  loss_weights={"count": count_weight, "slots": 1.0},
                  metrics={"slots": [keras.metrics.SparseCategoricalAccuracy(name="slot_acc")]})
    t, tv = targets(y), targets(yv)
    return kit.fit(model, x, t, probe_data=(x[:256], {k: v[:256] for k, v in t.items()}),
                   epochs=epochs, batch_size=batch_size, validation_data=(xv, tv))
