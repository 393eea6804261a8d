"""Batch-96 dialogue language-understanding scripts (keyword options are the faults, the
defaults the healthy choice): joint intent detection and slot filling from one encoder (two
outputs, `intent` with one softmax per utterance and `slots` with one BIO tag per token, each
with its own sparse cross-entropy and loss weight): a BiLSTM / BiGRU / Conv1D tagger on
pre-tokenised ids (a frequency-ranked word index, 0 padding, 1 out-of-vocabulary), and a
small Transformer encoder over raw strings through an in-model `TextVectorization`; and a
multi-intent (multi-label) Conv1D classifier with a sigmoid per intent. Token accuracy of the
slots is counted on real tokens only (the padding tag 0 left out). Each script calls
`kit.fit` once.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import keras
import numpy as np
from keras import layers, ops

from benchmarks.practice.batch96_data import INTENTS, multi_intent, single_intent
from benchmarks.practice.kit import Kit


def _optimizer(name: str, lr: float) -> keras.optimizers.Optimizer:
    if name == "sgd":
        return keras.optimizers.SGD(lr, momentum=0.9)
    if name == "sgd_plain":
        return keras.optimizers.SGD(lr)
    if name == "rmsprop":
        return keras.optimizers.RMSprop(lr)
    return keras.optimizers.Adam(lr)


class TagAccuracy(keras.metrics.Metric):
    """Slot-tag accuracy over real tokens (tag id 0 is the padding), whatever the mask."""

    def __init__(self, name: str = "tag_acc", **kwargs: Any) -> None:
        super().__init__(name=name, **kwargs)
        self.hits = self.add_variable(shape=(), initializer="zeros", name="hits")
        self.real = self.add_variable(shape=(), initializer="zeros", name="real")

    def update_state(self, y_true: Any, y_pred: Any, sample_weight: Any = None) -> None:
        y_true = ops.cast(ops.reshape(y_true, ops.shape(y_pred)[:-1]), "int32")
        guess = ops.cast(ops.argmax(y_pred, axis=-1), "int32")
        real = ops.cast(ops.not_equal(y_true, 0), "float32")
        self.hits.assign_add(ops.sum(ops.cast(ops.equal(guess, y_true), "float32") * real))
        self.real.assign_add(ops.sum(real))

    def result(self) -> Any:
        return self.hits / ops.maximum(self.real, 1.0)

    def reset_state(self) -> None:
        self.hits.assign(0.0)
        self.real.assign(0.0)


def _word_index(rows: list, num_words: int = 0) -> dict[str, int]:
    """Words ranked by training frequency (ties by first appearance), ids from 2: 0 pads, 1 is
    the out-of-vocabulary id; `num_words` keeps only the most frequent (as Keras' Tokenizer)."""
    counts = Counter(w for tokens, _, _ in rows for w in tokens)
    words = [w for w, _ in counts.most_common()]
    if num_words:
        words = words[:num_words - 2]
    return {w: i + 2 for i, w in enumerate(words)}


def _tag_index(rows: list) -> dict[str, int]:
    """Tags in order of first appearance, 0 the padding tag."""
    index = {"<pad>": 0}
    for _, tags, _ in rows:
        for t in tags:
            index.setdefault(t, len(index))
    return index


def _pad(seqs: list[list[int]], maxlen: int, padding: str, truncating: str = "post"
         ) -> np.ndarray:  # fmt: skip
    return keras.utils.pad_sequences(seqs, maxlen=maxlen, padding=padding,
                                     truncating=truncating, value=0).astype("int32")  # fmt: skip


def _capitalised(rows: list) -> list:
    """Utterances as users type them: the first word and the names (cities, artists) with a
    capital letter."""
    out = []
    for tokens, tags, intent in rows:
        new = [w.capitalize() if (i == 0 or t[2:].endswith("city") or t[2:] == "artist") else w
               for i, (w, t) in enumerate(zip(tokens, tags, strict=True))]  # fmt: skip
        out.append((new, tags, intent))
    return out


def joint_bilstm(kit: Kit, *, encoder: str = "bilstm", units: int = 64, intent_from: str = "state",
                 mask_zero: bool = True, slot_activation: str = "softmax",
                 intent_activation: str = "softmax", from_logits: bool = False,
                 slot_weight: float = 1.0, intent_weight: float = 1.0, slot_loss: bool = True,
                 token_padding: str = "post", tag_padding: str = "post", bos: bool = False,
                 tag_vocab: str = "train", word_vocab: str = "train", num_words: int = 0,
                 val_case: str = "lower", shuffle_intents: bool = False, maxlen: int = 20,
                 truncating: str = "post", dropout: float = 0.2, optimizer: str = "adam",
                 lr: float = 1e-3, epochs: int = 8, batch_size: int = 32) -> Any:  # fmt: skip
    """Joint intent + slot model on pre-tokenised ids (2400 train, 600 validate, 8 intents, 23
    BIO tags + padding): Embedding(64, mask_zero) -> Bidirectional(LSTM(64,
    return_sequences, return_state)); slots: Dropout 0.2 -> Dense(tags, softmax) per token;
    intent: the two final hidden states concatenated -> Dropout 0.2 -> Dense 64 ReLU -> Dense
    8 softmax; sparse CE on each (weights 1, 1), intent accuracy and slot token accuracy,
    Adam(1e-3), batch 32, 8 epochs. Options: `encoder` ("bigru", "conv1d": two Conv1D 128
    k3 ReLU, the intent from a global max pool), `intent_from` ("avg": a masked average of the
    sequence; "last": the sequence's last time step), `mask_zero`, the heads' activations and
    `from_logits`, the loss weights, `slot_loss` (False: no loss on the slot output),
    `token_padding` / `tag_padding` ("pre" or "post", each on its own), `bos` (a "<s>" token
    put before every utterance, the tags not shifted), `tag_vocab` ("refit": the tag index
    built again, in order of first appearance, on the validation rows), `word_vocab` ("refit":
    the word index built again on the validation rows), `num_words` (the vocabulary capped),
    `val_case` ("raw": validation utterances capitalised as typed, not lower-cased),
    `shuffle_intents` (the intent labels shuffled apart from their utterances), `maxlen`,
    `truncating`, dropout, optimizer, rate, epochs and batch size."""
    train, val = single_intent()
    if val_case == "raw":
        val = _capitalised(val)
    words = _word_index(train, num_words)
    tags_of = _tag_index(train)
    intent_of = {name: i for i, name in enumerate(sorted(set(r[2] for r in train)))}

    def encode(rows: list, words: dict[str, int], tags_of: dict[str, int]) -> tuple:
        ids = [([words["<s>"]] if bos else []) + [words.get(w, 1) for w in tokens]
               for tokens, _, _ in rows]  # fmt: skip
        tags = [[tags_of.get(t, 1) for t in tags] for _, tags, _ in rows]
        x = _pad(ids, maxlen, token_padding, truncating)
        y = _pad(tags, maxlen, tag_padding, truncating)
        return x, np.array([intent_of[r[2]] for r in rows], "int32"), y

    if bos:
        words["<s>"] = len(words) + 2
    x, yi, ys = encode(train, words, tags_of)
    val_words = words
    if word_vocab == "refit":
        val_words = _word_index(val, num_words)
        if bos:
            val_words["<s>"] = len(val_words) + 2
    val_tags = _tag_index(val) if tag_vocab == "refit" else tags_of
    xv, yiv, ysv = encode(val, val_words, val_tags)
    keras.utils.set_random_seed(kit.seed)
    if shuffle_intents:
        yi = yi[np.random.default_rng(kit.seed).permutation(len(yi))]
    vocab = max(max(words.values()), max(val_words.values())) + 1
    inputs = keras.Input((maxlen,), dtype="int32", name="tokens")
    h = layers.Embedding(vocab, 64, mask_zero=mask_zero)(inputs)
    if encoder == "conv1d":
        seq = layers.Conv1D(128, 3, padding="same", activation="relu")(h)
        seq = layers.Conv1D(128, 3, padding="same", activation="relu")(seq)
        state = layers.GlobalMaxPooling1D()(seq)
    else:
        cell = layers.GRU if encoder == "bigru" else layers.LSTM
        outs = layers.Bidirectional(cell(units, return_sequences=True, return_state=True))(h)
        seq = outs[0]
        half = (len(outs) - 1) // 2
        state = layers.Concatenate()([outs[1], outs[1 + half]])
    if intent_from == "avg":
        state = layers.GlobalAveragePooling1D()(seq)
    elif intent_from == "last":
        state = layers.Lambda(lambda t: t[:, -1, :])(seq)
    s = layers.Dropout(dropout)(seq)
    slots = layers.Dense(len(tags_of), activation=slot_activation, name="slots")(s)
    g = layers.Dropout(dropout)(state)
    g = layers.Dense(64, activation="relu")(g)
    intent = layers.Dense(len(intent_of), activation=intent_activation, name="intent")(g)
    model = keras.Model(inputs, {"intent": intent, "slots": slots})
    loss = {"intent": keras.losses.SparseCategoricalCrossentropy(from_logits=from_logits)}
    if slot_loss:
        loss["slots"] = keras.losses.SparseCategoricalCrossentropy(from_logits=from_logits)
    model.compile(_optimizer(optimizer, lr), loss=loss,
                  loss_weights={k: {"intent": intent_weight, "slots": slot_weight}[k]
                                for k in loss},
                  metrics={"intent": ["accuracy"], "slots": [TagAccuracy()]})  # fmt: skip
    y = {"intent": yi, "slots": ys}
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xv, {"intent": yiv, "slots": ysv}))  # fmt: skip


@keras.saving.register_keras_serializable(package="practice96")
class TokenAndPositionEmbedding(layers.Layer):
    """Token embedding plus a learned position embedding; the mask is the non-zero ids."""

    def __init__(self, vocab_size: int, maxlen: int, dim: int, positions: bool = True,
                 masking: bool = True, **kwargs: Any) -> None:  # fmt: skip
        super().__init__(**kwargs)
        self.vocab_size, self.maxlen, self.dim = vocab_size, maxlen, dim
        self.positions, self.masking = positions, masking
        self.tokens = layers.Embedding(vocab_size, dim)
        self.where = layers.Embedding(maxlen, dim)

    def call(self, ids: Any) -> Any:
        h = self.tokens(ids)
        if self.positions:
            h = h + self.where(ops.arange(ops.shape(ids)[-1]))
        return h

    def compute_mask(self, ids: Any, mask: Any = None) -> Any:
        return ops.not_equal(ids, 0) if self.masking else None

    def get_config(self) -> dict[str, Any]:
        return {**super().get_config(), "vocab_size": self.vocab_size, "maxlen": self.maxlen,
                "dim": self.dim, "positions": self.positions, "masking": self.masking}


def joint_transformer(kit: Kit, *, standardize: str = "lower", max_tokens: int = 0,
                      maxlen: int = 20, positions: bool = True, masking: bool = True,
                      blocks: int = 1, heads: int = 4, dim: int = 64, norm: str = "post",
                      slot_activation: str = "softmax", from_logits: bool = False,
                      slot_weight: float = 1.0, adapt_on: str = "train",
                      optimizer: str = "adam", lr: float = 1e-3, epochs: int = 10,
                      batch_size: int = 32) -> Any:  # fmt: skip
    """Joint intent + slot model on raw utterance strings (the single-intent set): an in-model
    TextVectorization (whitespace split, lower-cased, adapted on the training strings, padded
    to 20) -> token + learned position embedding (64) -> one post-norm Transformer block (4
    heads of 16, FFN 128 ReLU, dropout 0.1) -> slots: Dense(tags, softmax) per token; intent:
    masked average -> Dense 8 softmax; sparse CE on each, intent accuracy and slot token
    accuracy, Adam(1e-3), batch 32, 10 epochs. Options: `standardize` (the
    TextVectorization's: "lower_and_strip_punctuation" is its default), `max_tokens`,
    `maxlen` (the output_sequence_length; the tags cut to it), `positions` (False: no
    position embedding), `masking` (False: padding not masked), `blocks`, `heads`, `dim`,
    `norm` ("pre", "none"), the slot head's activation and `from_logits`, the slot loss
    weight, `adapt_on` ("val": the vocabulary adapted on the validation strings), optimizer,
    rate, epochs and batch size."""
    train, val = single_intent()
    tags_of = _tag_index(train)
    intent_of = {name: i for i, name in enumerate(INTENTS)}

    def arrays(rows: list) -> tuple:
        text = np.array([" ".join(tokens) for tokens, _, _ in rows], dtype=object)
        tags = _pad([[tags_of[t] for t in tags] for _, tags, _ in rows], maxlen, "post")
        return text, np.array([intent_of[r[2]] for r in rows], "int32"), tags

    x, yi, ys = arrays(train)
    xv, yiv, ysv = arrays(val)
    keras.utils.set_random_seed(kit.seed)
    vectorize = layers.TextVectorization(
        max_tokens=max_tokens or None, standardize=standardize, split="whitespace",
        output_sequence_length=maxlen)  # fmt: skip
    vectorize.adapt(xv if adapt_on == "val" else x)
    inputs = keras.Input((), dtype="string", name="text")
    ids = vectorize(inputs)
    h = TokenAndPositionEmbedding(vectorize.vocabulary_size(), maxlen, dim, positions,
                                  masking)(ids)  # fmt: skip
    for _ in range(blocks):
        a = layers.LayerNormalization()(h) if norm == "pre" else h
        a = layers.MultiHeadAttention(heads, dim // heads, dropout=0.1)(a, a)
        h = layers.Add()([h, layers.Dropout(0.1)(a)])
        if norm == "post":
            h = layers.LayerNormalization()(h)
        f = layers.LayerNormalization()(h) if norm == "pre" else h
        f = layers.Dense(2 * dim, activation="relu")(f)
        f = layers.Dense(dim)(f)
        h = layers.Add()([h, layers.Dropout(0.1)(f)])
        if norm == "post":
            h = layers.LayerNormalization()(h)
    if norm == "pre":
        h = layers.LayerNormalization()(h)
    slots = layers.Dense(len(tags_of), activation=slot_activation, name="slots")(h)
    pooled = layers.GlobalAveragePooling1D()(h)
    intent = layers.Dense(len(intent_of), activation="softmax", name="intent")(pooled)
    model = keras.Model(inputs, {"intent": intent, "slots": slots})
    model.compile(_optimizer(optimizer, lr),
                  loss={"intent": keras.losses.SparseCategoricalCrossentropy(),
                        "slots": keras.losses.SparseCategoricalCrossentropy(
                            from_logits=from_logits)},
                  loss_weights={"intent": 1.0, "slots": slot_weight},
                  metrics={"intent": ["accuracy"], "slots": [TagAccuracy()]})  # fmt: skip
    y = {"intent": yi, "slots": ys}
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xv, {"intent": yiv, "slots": ysv}))  # fmt: skip


def exact_match_acc(y_true: Any, y_pred: Any) -> Any:
    """Exact-match accuracy: every intent of the utterance right at the 0.5 threshold."""
    hit = ops.equal(ops.cast(y_pred > 0.5, "float32"), ops.cast(y_true, "float32"))
    return ops.cast(ops.all(hit, axis=-1), "float32")


def multi_intent_cnn(kit: Kit, *, head: str = "sigmoid", loss: str = "binary",
                     labels: str = "multi_hot", pooling: str = "max", maxlen: int = 36,
                     max_tokens: int = 0, mask_zero: bool = False, dropout: float = 0.3,
                     filters: int = 128, optimizer: str = "adam", lr: float = 1e-3,
                     epochs: int = 8, batch_size: int = 32) -> Any:  # fmt: skip
    """Multi-intent detection (3000 train, 600 validate; half the utterances carry two of the
    seven in-domain intents): TextVectorization (lower-cased, punctuation stripped, padded to
    36) run ahead of the model -> Embedding(64) -> Conv1D(128, 3, ReLU) -> global
    max pool -> Dropout 0.3 -> Dense 7 sigmoid; binary cross-entropy on multi-hot targets,
    exact-match (subset) accuracy and per-label binary accuracy, Adam(1e-3), batch 32, 8
    epochs. Options: `head` ("softmax"), `loss` ("categorical"), `labels` ("first": each
    utterance labelled with its first intent only), `pooling` ("avg", "flatten"), `maxlen`,
    `max_tokens`, `mask_zero`, dropout, filters, optimizer, rate, epochs and batch size."""
    train, val = multi_intent()
    domain = INTENTS[:-1]

    def targets(rows: list, first_only: bool = False) -> np.ndarray:
        y = np.zeros((len(rows), len(domain)), "float32")
        for i, (_, intents) in enumerate(rows):
            for name in intents[:1] if first_only else intents:
                y[i, domain.index(name)] = 1.0
        return y

    keras.utils.set_random_seed(kit.seed)
    vectorize = layers.TextVectorization(max_tokens=max_tokens or None,
                                         output_sequence_length=maxlen)  # fmt: skip
    vectorize.adapt([t for t, _ in train])
    x = vectorize(np.array([t for t, _ in train])).numpy()
    xv = vectorize(np.array([t for t, _ in val])).numpy()
    y, yv = targets(train, labels == "first"), targets(val)
    inputs = keras.Input((maxlen,), dtype="int64")
    h = layers.Embedding(vectorize.vocabulary_size(), 64, mask_zero=mask_zero)(inputs)
    h = layers.Conv1D(filters, 3, padding="same", activation="relu")(h)
    if pooling == "avg":
        h = layers.GlobalAveragePooling1D()(h)
    elif pooling == "flatten":
        h = layers.Flatten()(h)
    else:
        h = layers.GlobalMaxPooling1D()(h)
    h = layers.Dropout(dropout)(h)
    outputs = layers.Dense(len(domain), activation=head)(h)
    model = keras.Model(inputs, outputs)
    lossfn = "categorical_crossentropy" if loss == "categorical" else "binary_crossentropy"
    model.compile(_optimizer(optimizer, lr), lossfn,
                  metrics=[exact_match_acc, keras.metrics.BinaryAccuracy(name="label_acc")])
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xv, yv))  # fmt: skip

