"""Batch-25 natural-language and token-sequence scripts (keyword options are the faults, the
defaults the healthy choice): a `TextVectorization` review classifier, a GRU over
IMDB-style id lists, a BiLSTM per-token tagger with `mask_zero`, a character-level
next-character model, a frozen "pretrained" co-occurrence embedding, a duplicate-question
model with one shared encoder, multi-label topic tags, a Conv1D topic classifier and a small
Transformer encoder block. Each calls `kit.fit`.
"""

from __future__ import annotations

from typing import Any

import keras
import numpy as np
from keras import layers

from benchmarks.practice.batch25_data import (
    char_corpus,
    cooccurrence_embeddings,
    question_pairs,
    review_ids,
    review_strings,
    tagged_sentences,
    topic_documents,
)
from benchmarks.practice.kit import Kit


def _pad(seqs: list[Any], maxlen: int, **options: Any) -> np.ndarray:
    return keras.utils.pad_sequences(seqs, maxlen=maxlen, **options)


def review_textvec_conv(kit: Kit, *, shuffle_apart: bool = False, adapt_on_val: bool = False,
                        epochs: int = 8) -> Any:  # fmt: skip
    """Review strings -> `TextVectorization(max_tokens=600, output_sequence_length=80)`
    adapted on the training texts (outside the model, as the tutorials do) -> Embedding(600,
    32) -> Conv1D 64 (k3, ReLU: "not good" is a local pattern) -> GlobalMaxPooling1D ->
    Dense 32 -> Dense(1, sigmoid); BCE; Adam(1e-3), batch 32, 8 epochs. Fault:
    `shuffle_apart`, `rng.shuffle(texts)` and `rng.shuffle(labels)` as two calls. Mistake:
    `adapt_on_val`, the vectoriser adapted on the validation texts."""
    xt, xv, yt, yv = review_strings()
    vectorize = layers.TextVectorization(max_tokens=600, output_sequence_length=80)
    vectorize.adapt(xv if adapt_on_val else xt)
    x, xval = np.asarray(vectorize(xt)), np.asarray(vectorize(xv))
    y = np.asarray(yt)
    rng = np.random.default_rng(kit.seed)
    if shuffle_apart:
        x, y = x.copy(), y.copy()
        rng.shuffle(x)
        rng.shuffle(y)
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([
        keras.Input((80,), dtype="int64"), layers.Embedding(600, 32),
        layers.Conv1D(64, 3, activation="relu"), layers.GlobalMaxPooling1D(),
        layers.Dense(32, activation="relu"), layers.Dense(1, activation="sigmoid"),
    ])  # fmt: skip
    model.compile(keras.optimizers.Adam(1e-3), "binary_crossentropy", metrics=["accuracy"])
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=32,
                   validation_data=(xval, yv))  # fmt: skip


def review_gru(kit: Kit, *, truncating: str = "pre", learning_rate: float = 2e-3,
               epochs: int = 8) -> Any:  # fmt: skip
    """IMDB-style id lists (45-80 words, the verdict in the last few) -> `pad_sequences(
    maxlen=40)` (Keras' default truncating="pre" keeps the end) -> Embedding(vocabulary, 32,
    mask_zero=True) -> GRU(32) -> Dense(1, sigmoid); BCE; Adam(2e-3), batch 32, 8 epochs.
    Faults: `truncating="post"` (keeps the first 40 words: the verdict is cut off);
    `learning_rate=2e-5`, the rate of a BERT fine-tuning recipe on a model trained from
    scratch."""
    xt, xv, yt, yv = review_ids()
    vocab = max(max(t) for t in xt + xv) + 1
    x = _pad(xt, 40, truncating=truncating)
    xval = _pad(xv, 40, truncating=truncating)
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([
        keras.Input((40,)), layers.Embedding(vocab, 32, mask_zero=True), layers.GRU(32),
        layers.Dense(1, activation="sigmoid"),
    ])  # fmt: skip
    model.compile(keras.optimizers.Adam(learning_rate), "binary_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, yt, probe_data=(x, yt), epochs=epochs, batch_size=32,
                   validation_data=(xval, yv))  # fmt: skip


def ner_bilstm_tagger(kit: Kit, *, tags_padding: str = "post", epochs: int = 10) -> Any:
    """NER-like sentences (6-24 words) padded at the end to 24 with 0 -> Embedding(vocabulary,
    32, mask_zero=True) -> Bidirectional(LSTM(32, return_sequences=True)) -> Dense(6,
    softmax), one prediction per word; sparse CE (padded words masked); Adam(2e-3), batch
    32, 10 epochs. Fault: `tags_padding="pre"`, the tags padded with `pad_sequences`' default
    (`padding="pre"`) while the words are padded "post": each sentence's tags are shifted
    against its words by the padding length."""
    xt, xv, tt, tv, vocab = tagged_sentences()
    x, xval = _pad(xt, 24, padding="post"), _pad(xv, 24, padding="post")
    t, tval = _pad(tt, 24, padding=tags_padding), _pad(tv, 24, padding=tags_padding)
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([
        keras.Input((24,)), layers.Embedding(vocab, 32, mask_zero=True),
        layers.Bidirectional(layers.LSTM(32, return_sequences=True)),
        layers.Dense(6, activation="softmax"),
    ])  # fmt: skip
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, t, probe_data=(x, t), epochs=epochs, batch_size=32,
                   validation_data=(xval, tval))  # fmt: skip


def char_lm_lstm(kit: Kit, *, vocab_off_by_one: bool = False, epochs: int = 6) -> Any:
    """A character stream from a small grammar; `sorted(set(text))` as the vocabulary
    (letters, space, full stop); windows of 24 characters (step 5), the next character as
    the target; the last 20 % of the text validates; Embedding(vocabulary, 16) -> LSTM(64) ->
    softmax over the characters; sparse CE; Adam(3e-3), batch 64, 6 epochs. Fault:
    `vocab_off_by_one`, `Embedding(max(ids), 16)`: the largest id taken as the vocabulary
    size, so the last character's id is out of the table's range."""
    text = char_corpus()
    chars = sorted(set(text))
    index = {c: i for i, c in enumerate(chars)}
    ids = np.array([index[c] for c in text])
    starts = np.arange(0, len(ids) - 25, 5)
    x_all = np.stack([ids[s:s + 24] for s in starts])
    y_all = ids[starts + 24]
    cut = int(len(starts) * 0.8)
    x, y, xval, yval = x_all[:cut], y_all[:cut], x_all[cut:], y_all[cut:]
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([
        keras.Input((24,)),
        layers.Embedding(int(ids.max()) if vocab_off_by_one else len(chars), 16),
        layers.LSTM(64), layers.Dense(len(chars), activation="softmax"),
    ])  # fmt: skip
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=64,
                   validation_data=(xval, yval))  # fmt: skip


def pretrained_embedding_topics(kit: Kit, *, random_frozen: bool = False,
                                fine_tune: bool = False, epochs: int = 10) -> Any:  # fmt: skip
    """Single-topic documents padded to 60 -> Embedding initialised with a "pretrained"
    16-dimensional PPMI-SVD matrix from an unlabelled corpus (`Constant` initializer),
    `trainable=False` -> GlobalAveragePooling1D -> Dense 32 -> softmax 6; sparse CE;
    Adam(2e-3), batch 32, 10 epochs. Fault: `random_frozen`, the matrix never loaded (the
    Embedding keeps its random uniform init) while still frozen. `fine_tune=True`: the
    pretrained matrix trainable from the start (and Adam(1e-3))."""
    xt, xv, yt, yv, vocab = topic_documents()
    x, xval = _pad(xt, 60), _pad(xv, 60)
    matrix = cooccurrence_embeddings()
    keras.utils.set_random_seed(kit.seed)
    init: Any = "uniform" if random_frozen else keras.initializers.Constant(matrix)
    model = keras.Sequential([
        keras.Input((60,)),
        layers.Embedding(vocab, matrix.shape[1], embeddings_initializer=init,
                         trainable=fine_tune),
        layers.GlobalAveragePooling1D(), layers.Dense(32, activation="relu"),
        layers.Dense(6, activation="softmax"),
    ])  # fmt: skip
    model.compile(keras.optimizers.Adam(1e-3 if fine_tune else 2e-3),
                  "sparse_categorical_crossentropy", metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, yt, probe_data=(x, yt), epochs=epochs, batch_size=32,
                   validation_data=(xval, yv))  # fmt: skip


def question_pair_siamese(kit: Kit, *, pad_value: int = 0, epochs: int = 10) -> Any:
    """Duplicate-question pairs padded to 12 -> one shared encoder (Embedding(vocabulary,
    32, mask_zero=True) -> GlobalAveragePooling1D -> Dense 32) applied to both questions ->
    [|a - b|, a * b] -> Dense 32 -> Dense(1, sigmoid); BCE; Adam(2e-3), batch 32, 10 epochs.
    Mistake: `pad_value=1`, `pad_sequences(..., value=1)` where id 1 is a real word."""
    at, av, bt, bv, yt, yv, vocab = question_pairs()
    a, aval = _pad(at, 12, value=pad_value), _pad(av, 12, value=pad_value)
    b, bval = _pad(bt, 12, value=pad_value), _pad(bv, 12, value=pad_value)
    keras.utils.set_random_seed(kit.seed)
    encoder = keras.Sequential([
        keras.Input((12,)), layers.Embedding(vocab, 32, mask_zero=True),
        layers.GlobalAveragePooling1D(), layers.Dense(32, activation="relu"),
    ])  # fmt: skip
    q1, q2 = keras.Input((12,), name="q1"), keras.Input((12,), name="q2")
    e1, e2 = encoder(q1), encoder(q2)
    diff = layers.Lambda(lambda t: keras.ops.abs(t[0] - t[1]))([e1, e2])
    h = layers.Dense(32, activation="relu")(layers.Concatenate()([diff,
                                                                  layers.Multiply()([e1, e2])]))
    model = keras.Model([q1, q2], layers.Dense(1, activation="sigmoid")(h))
    model.compile(keras.optimizers.Adam(2e-3), "binary_crossentropy", metrics=["accuracy"])
    return kit.fit(model, [a, b], yt, probe_data=([a, b], yt), epochs=epochs, batch_size=32,
                   validation_data=([aval, bval], yv))  # fmt: skip


def topic_multilabel(kit: Kit, *, loss: str = "binary_crossentropy", epochs: int = 10) -> Any:
    """Multi-topic documents (one to three of six topics) padded to 60 -> Embedding(
    vocabulary, 32) -> GlobalAveragePooling1D -> Dense 64 -> Dense(6, sigmoid); BCE;
    metric binary_accuracy; Adam(2e-3), batch 32, 10 epochs. Fault:
    `loss="categorical_crossentropy"` on the sigmoid multi-hot head."""
    xt, xv, yt, yv, vocab = topic_documents(multi=True)
    x, xval = _pad(xt, 60), _pad(xv, 60)
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([
        keras.Input((60,)), layers.Embedding(vocab, 32), layers.GlobalAveragePooling1D(),
        layers.Dense(64, activation="relu"), layers.Dense(6, activation="sigmoid"),
    ])  # fmt: skip
    model.compile(keras.optimizers.Adam(2e-3), loss, metrics=["binary_accuracy"])
    return kit.fit(model, x, yt, probe_data=(x, yt), epochs=epochs, batch_size=32,
                   validation_data=(xval, yv))  # fmt: skip


def topic_conv1d(kit: Kit, *, embedding_dropout: float = 0.0, one_hot: bool = False,
                 epochs: int = 8) -> Any:  # fmt: skip
    """Single-topic documents padded to 60 -> Embedding(vocabulary, 32) -> SpatialDropout1D
    (0, i.e. off) -> Conv1D 64 (k5, ReLU) -> GlobalMaxPooling1D -> Dense 32 -> softmax 6;
    sparse CE; Adam(1e-3), batch 32, 8 epochs. Mistake: `embedding_dropout=0.9`. Fault:
    `one_hot`, the labels one-hot encoded (`to_categorical`, from a categorical-CE
    tutorial) under the sparse loss."""
    xt, xv, yt, yv, vocab = topic_documents()
    if one_hot:
        yt, yv = keras.utils.to_categorical(yt, 6), keras.utils.to_categorical(yv, 6)
    x, xval = _pad(xt, 60), _pad(xv, 60)
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([
        keras.Input((60,)), layers.Embedding(vocab, 32),
        layers.SpatialDropout1D(embedding_dropout),
        layers.Conv1D(64, 5, activation="relu"), layers.GlobalMaxPooling1D(),
        layers.Dense(32, activation="relu"), layers.Dense(6, activation="softmax"),
    ])  # fmt: skip
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, yt, probe_data=(x, yt), epochs=epochs, batch_size=32,
                   validation_data=(xval, yv))  # fmt: skip


def review_transformer(kit: Kit, *, learning_rate: float = 1e-3, epochs: int = 8) -> Any:
    """Review id lists padded to 40 (default truncating keeps the end) -> token Embedding
    plus a learned position Embedding (added in the functional graph) -> one encoder block
    (MultiHeadAttention 2 heads x 16, residual + LayerNormalization, Dense 64 -> 32,
    residual + LayerNormalization) -> GlobalAveragePooling1D -> Dense(1, sigmoid); BCE;
    Adam(1e-3), batch 32, 8 epochs. Fault: `learning_rate=0.05`."""
    xt, xv, yt, yv = review_ids()
    vocab = max(max(t) for t in xt + xv) + 1
    x, xval = _pad(xt, 40), _pad(xv, 40)
    keras.utils.set_random_seed(kit.seed)
    tokens = keras.Input((40,))
    positions = keras.ops.arange(40)
    h = layers.Embedding(vocab, 32)(tokens) + layers.Embedding(40, 32)(positions)
    attended = layers.MultiHeadAttention(2, 16)(h, h)
    h = layers.LayerNormalization()(h + attended)
    ff = layers.Dense(32)(layers.Dense(64, activation="relu")(h))
    h = layers.LayerNormalization()(h + ff)
    out = layers.Dense(1, activation="sigmoid")(layers.GlobalAveragePooling1D()(h))
    model = keras.Model(tokens, out)
    model.compile(keras.optimizers.Adam(learning_rate), "binary_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, yt, probe_data=(x, yt), epochs=epochs, batch_size=32,
                   validation_data=(xval, yv))  # fmt: skip
