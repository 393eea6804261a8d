"""Batch-99 long-document classification scripts (keyword options are the faults, the defaults
the healthy choice): Hierarchical Attention Networks over documents stored as [sentences x
words] ids. A word encoder (Embedding + BiGRU + word attention, or Conv1D + max pool, or a
masked mean of the embeddings) is shared over the sentences by `TimeDistributed`; a sentence
BiGRU and sentence attention read the sentence vectors; a head classifies the document: six
topics (softmax), six tags (multi-label, sigmoid) or a ticket's outcome, fixed by the order of
its problem and fix sentences (sigmoid). Each script calls `kit.fit` once.
"""

from __future__ import annotations

from typing import Any

import keras
import numpy as np
from keras import layers, ops

from benchmarks.practice.batch99_data import MAX_SENTENCES, MAX_WORDS, VOCAB, documents
from benchmarks.practice.kit import Kit


@keras.saving.register_keras_serializable(package="practice99")
class AttentionPooling(layers.Layer):
    """Additive attention pooling over time (Yang et al. 2016): u_t = tanh(W h_t + b), a_t =
    softmax(u_t . u_w) over the time steps the mask keeps, out = sum_t a_t h_t."""

    def __init__(self, units: int = 32, softmax_axis: int = 1, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.units = units
        self.softmax_axis = softmax_axis
        self.supports_masking = True

    def build(self, input_shape: Any) -> None:
        dim = input_shape[-1]
        self.w = self.add_weight(shape=(dim, self.units), initializer="glorot_uniform", name="w")
        self.b = self.add_weight(shape=(self.units,), initializer="zeros", name="b")
        self.context = self.add_weight(shape=(self.units, 1), initializer="glorot_uniform",
                                       name="context")  # fmt: skip

    def call(self, h: Any, mask: Any = None) -> Any:
        u = ops.tanh(ops.matmul(h, self.w) + self.b)
        scores = ops.matmul(u, self.context)  # (batch, time, 1)
        if mask is not None:
            scores = ops.where(ops.expand_dims(mask, -1), scores, -1e9)
        weights = ops.softmax(scores, axis=self.softmax_axis)
        return ops.sum(weights * h, axis=1)

    def compute_mask(self, inputs: Any, mask: Any = None) -> Any:
        return None

    def compute_output_shape(self, input_shape: Any) -> Any:
        return (input_shape[0], input_shape[-1])

    def get_config(self) -> dict[str, Any]:
        return {**super().get_config(), "units": self.units, "softmax_axis": self.softmax_axis}


def _optimizer(name: str, lr: float) -> keras.optimizers.Optimizer:
    if name == "sgd":
        return keras.optimizers.SGD(lr, momentum=0.9)
    if name == "sgd_plain":
        return keras.optimizers.SGD(lr)
    if name == "rmsprop":
        return keras.optimizers.RMSprop(lr)
    return keras.optimizers.Adam(lr)


def _prepare(x: np.ndarray, max_sentences: int, max_words: int, truncating: str,
             sentence_padding: str) -> np.ndarray:  # fmt: skip
    """Cut each document to `max_sentences` sentences and each sentence to `max_words` words
    (keeping the first ones, or with truncating "pre" the last real ones), and move the empty
    sentences to the front with `sentence_padding` "pre"."""
    x = x.copy()
    if sentence_padding == "pre" or truncating == "pre":
        real = (x > 0).any(axis=-1)
        out = np.zeros_like(x)
        for i in range(len(x)):
            kept = x[i][real[i]]
            out[i, MAX_SENTENCES - len(kept):] = kept
        x = out
        if truncating == "pre":
            x = x[:, MAX_SENTENCES - max_sentences:]
            if sentence_padding != "pre":  # back to post-padding after the cut
                real = (x > 0).any(axis=-1)
                out = np.zeros_like(x)
                for i in range(len(x)):
                    kept = x[i][real[i]]
                    out[i, :len(kept)] = kept
                x = out
    if truncating != "pre":
        x = x[:, :max_sentences]
    return x[:, :, :max_words]


def _word_encoder(max_words: int, kind: str, embed_dim: int, units: int, mask_zero: bool,
                  softmax_axis: int, frozen_embedding: bool) -> keras.Model:  # fmt: skip
    """The sentence encoder shared over the sentences (one sentence of word ids -> a vector)."""
    words = keras.Input((max_words,), dtype="int32")
    embedding = layers.Embedding(VOCAB, embed_dim, mask_zero=kind in ("bigru", "mean_masked"),
                                 trainable=not frozen_embedding)  # fmt: skip
    e = embedding(words)
    if kind == "conv1d":
        h = layers.Conv1D(2 * units, 3, padding="same", activation="relu")(e)
        v = layers.GlobalMaxPooling1D()(h)
    elif kind in ("mean", "mean_masked"):  # "mean": the padding's embedding averaged in
        v = layers.GlobalAveragePooling1D()(e)
    else:
        h = layers.Bidirectional(layers.GRU(units, return_sequences=True))(e)
        v = AttentionPooling(units, softmax_axis=softmax_axis)(h)
    return keras.Model(words, v, name="word_encoder")


def _han(max_sentences: int, max_words: int, *, word_encoder: str, sentence_encoder: str,
         doc_pool: str, embed_dim: int, units: int, mask_zero: bool, softmax_axis: int,
         frozen_embedding: bool, dropout: float) -> tuple[Any, Any]:  # fmt: skip
    """Document ids (sentences x words) -> the document vector."""
    doc = keras.Input((max_sentences, max_words), dtype="int32", name="document")
    encoder = _word_encoder(max_words, word_encoder, embed_dim, units, mask_zero, softmax_axis,
                            frozen_embedding)  # fmt: skip
    s = layers.TimeDistributed(encoder)(doc)  # (batch, sentences, dim)
    if mask_zero:
        s = layers.Masking(0.0)(s)  # the empty sentences encode to zero vectors
    if sentence_encoder == "bigru":
        s = layers.Bidirectional(layers.GRU(units, return_sequences=doc_pool != "last"))(s)
    if doc_pool == "attention":
        d = AttentionPooling(units, softmax_axis=softmax_axis)(s)
    elif doc_pool == "average":
        d = layers.GlobalAveragePooling1D()(s)
    elif doc_pool == "max":
        d = layers.GlobalMaxPooling1D()(s)
    else:
        d = s
    if dropout:
        d = layers.Dropout(dropout)(d)
    return doc, d


class ExactMatch(keras.metrics.Metric):
    """Multi-label subset accuracy: the share of documents whose tags are all right at 0.5."""

    def __init__(self, name: str = "exact_acc", **kwargs: Any) -> None:
        super().__init__(name=name, **kwargs)
        self.hits = self.add_variable(shape=(), initializer="zeros", name="hits")
        self.count = self.add_variable(shape=(), initializer="zeros", name="count")

    def update_state(self, y_true: Any, y_pred: Any, sample_weight: Any = None) -> None:
        right = ops.all(ops.equal(ops.cast(y_pred > 0.5, "float32"),
                                  ops.cast(y_true, "float32")), axis=-1)  # fmt: skip
        self.hits.assign_add(ops.sum(ops.cast(right, "float32")))
        self.count.assign_add(ops.cast(ops.shape(y_true)[0], "float32"))

    def result(self) -> Any:
        return self.hits / ops.maximum(self.count, 1.0)

    def reset_state(self) -> None:
        self.hits.assign(0.0)
        self.count.assign(0.0)


def han_topics(kit: Kit, *, word_encoder: str = "conv1d", sentence_encoder: str = "bigru",
               doc_pool: str = "attention", embed_dim: int = 48, units: int = 24,
               mask_zero: bool = True, softmax_axis: int = 1, frozen_embedding: bool = False,
               max_sentences: int = MAX_SENTENCES, max_words: int = MAX_WORDS,
               truncating: str = "post", sentence_padding: str = "post",
               output: str = "softmax", loss: str = "sparse", from_logits: bool = False,
               shuffle_labels: bool = False, dropout: float = 0.0, optimizer: str = "adam",
               lr: float = 1e-3, epochs: int = 4, batch_size: int = 32) -> Any:  # fmt: skip
    """HAN topic classifier (six topics, 1600 train, 400 validate; documents of 9..20
    sentences of 5..12 words, the topic in two key sentences): TimeDistributed(Embedding 48
    -> Conv1D(48, 3, ReLU) -> global max pool) -> Masking -> BiGRU(24) -> sentence attention
    -> Dense 6 softmax; sparse CE, accuracy, Adam(1e-3), batch 32, 4 epochs. Options: the
    word encoder ("conv1d"; "bigru": Embedding(mask_zero) -> BiGRU -> word attention; "mean":
    the unmasked mean of the embeddings; "mean_masked": the masked mean), the sentence
    encoder ("bigru", "none"), the
    document pooling ("attention", "average", "max", "last"), sizes, the masks, the
    attention's softmax axis, a frozen embedding, the sentences / words kept and from which
    end, the empty sentences' side, the head, loss and `from_logits`, labels shuffled apart,
    dropout, optimizer, rate, epochs and batch size."""
    x, y, _, _, xval, yval, _, _ = documents()
    x = _prepare(x, max_sentences, max_words, truncating, sentence_padding)
    xval = _prepare(xval, max_sentences, max_words, truncating, sentence_padding)
    keras.utils.set_random_seed(kit.seed)
    if shuffle_labels:
        y = y[np.random.default_rng(kit.seed).permutation(len(y))]
    metrics: list[Any] = ["accuracy"]
    if loss == "categorical":
        y, yval = keras.utils.to_categorical(y, 6), keras.utils.to_categorical(yval, 6)
        lossfn: Any = keras.losses.CategoricalCrossentropy(from_logits=from_logits)
    else:
        lossfn = keras.losses.SparseCategoricalCrossentropy(from_logits=from_logits)
    doc, d = _han(max_sentences, max_words, word_encoder=word_encoder,
                  sentence_encoder=sentence_encoder, doc_pool=doc_pool, embed_dim=embed_dim,
                  units=units, mask_zero=mask_zero, softmax_axis=softmax_axis,
                  frozen_embedding=frozen_embedding, dropout=dropout)  # fmt: skip
    outputs = layers.Dense(6, activation=output)(d)
    model = keras.Model(doc, outputs)
    model.compile(_optimizer(optimizer, lr), lossfn, metrics=metrics)
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval))  # fmt: skip


def ticket_order(kit: Kit, *, word_encoder: str = "mean", sentence_encoder: str = "bigru",
                 doc_pool: str = "attention", embed_dim: int = 48, units: int = 24,
                 mask_zero: bool = True, softmax_axis: int = 1,
                 max_sentences: int = MAX_SENTENCES, sentence_shuffle: bool = False,
                 reverse_sentences: bool = False, output: str = "sigmoid",
                 loss: str = "binary_crossentropy", optimizer: str = "adam", lr: float = 1e-3,
                 epochs: int = 12, batch_size: int = 32) -> Any:  # fmt: skip
    """Support-ticket outcome (resolved: the fix sentence comes after the problem sentence;
    reopened: before; both always present, so only their order tells): the HAN of
    `han_topics` with the pooled-embedding word encoder (the unmasked mean of the
    embeddings) -> Dense 1 sigmoid, binary CE, accuracy, Adam(1e-3), batch 32, 12 epochs.
    Options: the encoders and pooling, sizes, the masks, the attention's softmax axis, the
    sentences kept, `sentence_shuffle` (each training document's real sentences shuffled as
    augmentation, the labels kept), `reverse_sentences` (training documents read last
    sentence first; validation in order), head, loss, optimizer, rate, epochs, batch size."""
    x, _, _, y, xval, _, _, yval = documents()
    x = _prepare(x, max_sentences, MAX_WORDS, "post", "post")
    xval = _prepare(xval, max_sentences, MAX_WORDS, "post", "post")
    keras.utils.set_random_seed(kit.seed)
    if sentence_shuffle or reverse_sentences:
        rng = np.random.default_rng(kit.seed)
        x = x.copy()
        for i in range(len(x)):
            n = int((x[i] > 0).any(axis=-1).sum())
            x[i, :n] = x[i, :n][::-1] if reverse_sentences else x[i, :n][rng.permutation(n)]
    doc, d = _han(max_sentences, MAX_WORDS, word_encoder=word_encoder,
                  sentence_encoder=sentence_encoder, doc_pool=doc_pool, embed_dim=embed_dim,
                  units=units, mask_zero=mask_zero, softmax_axis=softmax_axis,
                  frozen_embedding=False, dropout=0.0)  # fmt: skip
    outputs = layers.Dense(1, activation=output)(d)
    model = keras.Model(doc, outputs)
    model.compile(_optimizer(optimizer, lr), loss, metrics=["accuracy"])
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval))  # fmt: skip


def doc_tags(kit: Kit, *, word_encoder: str = "conv1d", sentence_encoder: str = "none",
             doc_pool: str = "attention", embed_dim: int = 48, units: int = 32,
             mask_zero: bool = True, max_sentences: int = MAX_SENTENCES,
             max_words: int = MAX_WORDS, head: str = "sigmoid",
             loss: str = "binary_crossentropy", labels: str = "multi",
             dropout: float = 0.0, optimizer: str = "adam", lr: float = 1e-3, epochs: int = 8,
             batch_size: int = 32) -> Any:  # fmt: skip
    """Multi-label tagging (six tags, one to three per document, each carried by one sentence
    anywhere in the document): TimeDistributed(Embedding 48 -> Conv1D(64, 3, ReLU) -> global
    max pool) -> Masking -> sentence attention -> Dense 6 sigmoid; binary CE, exact-match
    accuracy at 0.5, Adam(1e-3), batch 32, 8 epochs. Options: the encoders and pooling, sizes,
    the mask, the sentences / words kept, the head, loss, `labels` ("multi"; "first": each
    training document's first tag only, one-hot), dropout, optimizer, rate, epochs, batch
    size."""
    x, _, y, _, xval, _, yval, _ = documents()
    x = _prepare(x, max_sentences, max_words, "post", "post")
    xval = _prepare(xval, max_sentences, max_words, "post", "post")
    if labels == "first":
        first = np.argmax(y, axis=1)
        y = np.eye(6, dtype="float32")[first]
    keras.utils.set_random_seed(kit.seed)
    doc, d = _han(max_sentences, max_words, word_encoder=word_encoder,
                  sentence_encoder=sentence_encoder, doc_pool=doc_pool, embed_dim=embed_dim,
                  units=units, mask_zero=mask_zero, softmax_axis=1, frozen_embedding=False,
                  dropout=dropout)  # fmt: skip
    outputs = layers.Dense(6, activation=head)(d)
    model = keras.Model(doc, outputs)
    model.compile(_optimizer(optimizer, lr), loss, metrics=[ExactMatch()])
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval))  # fmt: skip
