"""Batch-83 causal language-modelling scripts (keyword options are the faults, the defaults the
healthy choice): a word-level LSTM / GRU language model on generated grammar stories (teacher
forcing with the targets shifted by one, post-padding masked by `mask_zero`), and small
decoder-only Transformers (token + learned position embeddings, causal self-attention, pre-norm
blocks, logits with `from_logits=True`, optionally tied input / output embeddings) at the
character level on scikit-learn's bundled dataset descriptions and at the word level on the
grammar stories. Sparse categorical cross-entropy over the vocabulary, token accuracy and a
perplexity metric. Each script calls `kit.fit` once.
"""

from __future__ import annotations

from typing import Any

import keras
import numpy as np
from keras import layers, ops

from benchmarks.practice.batch83_data import descr_chars, grammar_stories, word_vocab
from benchmarks.practice.kit import Kit


class Perplexity(keras.metrics.MeanMetricWrapper):
    """exp of the mean token cross-entropy (masked positions left out, as the loss)."""

    def __init__(self, from_logits: bool = False, name: str = "perplexity",
                 dtype: Any = None) -> None:  # fmt: skip
        super().__init__(keras.losses.sparse_categorical_crossentropy, name=name, dtype=dtype,
                         from_logits=from_logits)  # fmt: skip
        self.from_logits = from_logits

    def result(self) -> Any:
        return ops.exp(super().result())

    def get_config(self) -> dict[str, Any]:
        return {"name": self.name, "dtype": self.dtype, "from_logits": self.from_logits}


def _optimizer(name: str, lr: Any, clipnorm: float | None = None) -> keras.optimizers.Optimizer:
    if name == "sgd":
        return keras.optimizers.SGD(lr, clipnorm=clipnorm)
    if name == "adamw":
        return keras.optimizers.AdamW(lr, weight_decay=0.01, clipnorm=clipnorm)
    return keras.optimizers.Adam(lr, clipnorm=clipnorm)


def _shifted(ids: np.ndarray, shift: int) -> tuple[np.ndarray, np.ndarray]:
    """Teacher forcing: inputs ids[:, :-shift], targets ids[:, shift:] (shift 1 the right one)."""
    return ids[:, :-shift], ids[:, shift:]


def _pre_pad(ids: np.ndarray) -> np.ndarray:
    """Post-padded rows moved to the end of the row (pads first)."""
    out = np.zeros_like(ids)
    for i, row in enumerate(ids):
        tokens = row[row != 0]
        out[i, len(row) - len(tokens):] = tokens
    return out


def lstm_word_lm(kit: Kit, *, cell: str = "lstm", units: int = 128, embed_dim: int = 64,
                 mask_zero: bool = True, padding: str = "post", shift: int = 1,
                 shuffle_targets: bool = False, output: str = "softmax",
                 from_logits: bool = False, rnn_activation: str = "tanh", layers_n: int = 1,
                 go_backwards: bool = False,
                 dropout: float = 0.0, frozen_embedding: bool = False,
                 optimizer: str = "adam", lr: float = 2e-3, clipnorm: float | None = None,
                 epochs: int = 8, batch_size: int = 64) -> Any:  # fmt: skip
    """Word-level language model on the grammar stories (4000 train, 1000 validate; 49 words
    with the pad, 24 tokens a row, post-padded): inputs ids[:, :-1], targets ids[:, 1:] ->
    Embedding 64 (mask_zero) -> LSTM 128 (return_sequences) -> Dense 49 softmax; sparse CE,
    accuracy and perplexity, Adam(2e-3), batch 64, 8 epochs. Options: `cell` ("lstm"; "gru"),
    `units`, `embed_dim`, `mask_zero`, `padding` ("post"; "pre"), `shift` (the targets'
    offset), `shuffle_targets` (target rows shuffled apart from their inputs), `output`
    activation and `from_logits`, `rnn_activation`, `layers_n` stacked recurrent layers,
    `go_backwards` (the recurrent layer run right to left, its output sequence left reversed),
    `dropout` (Dropout after the recurrent layer), `frozen_embedding`, the optimizer, rate,
    `clipnorm`, epochs and batch size."""
    ids, ids_val = grammar_stories()
    if padding == "pre":
        ids, ids_val = _pre_pad(ids), _pre_pad(ids_val)
    x, y = _shifted(ids, shift)
    xval, yval = _shifted(ids_val, shift)
    keras.utils.set_random_seed(kit.seed)
    if shuffle_targets:
        y = y[np.random.default_rng(kit.seed).permutation(len(y))]
    vocab = len(word_vocab())
    inputs = keras.Input((None,), dtype="int32")
    h = layers.Embedding(vocab, embed_dim, mask_zero=mask_zero,
                         trainable=not frozen_embedding)(inputs)  # fmt: skip
    rnn = layers.GRU if cell == "gru" else layers.LSTM
    for _ in range(layers_n):
        h = rnn(units, activation=rnn_activation, return_sequences=True,
                go_backwards=go_backwards)(h)  # fmt: skip
    if dropout:
        h = layers.Dropout(dropout)(h)
    outputs = layers.Dense(vocab, activation=output)(h)
    model = keras.Model(inputs, outputs)
    model.compile(_optimizer(optimizer, lr, clipnorm),
                  keras.losses.SparseCategoricalCrossentropy(from_logits=from_logits),
                  metrics=["accuracy", Perplexity(from_logits)])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval))  # fmt: skip


class TokenAndPositionEmbedding(layers.Layer):
    """Token embedding plus a position embedding ("learned": a trainable table of `max_len`
    rows; "sinusoidal": the fixed sin / cos table; "none": tokens only); `scale` multiplies
    the token embedding by sqrt(d_model) first. `reverse=True` maps hidden states back to
    vocabulary logits through the transposed token embedding (tied input / output weights).
    `mask_zero`: id 0 is padding."""

    def __init__(self, vocab: int, max_len: int, d_model: int, positions: str = "learned",
                 scale: bool = False, mask_zero: bool = False, **kwargs: Any) -> None:  # fmt: skip
        super().__init__(**kwargs)
        self.vocab, self.max_len, self.d_model = vocab, max_len, d_model
        self.positions, self.scale, self.mask_zero = positions, scale, mask_zero
        self.tokens = layers.Embedding(vocab, d_model, mask_zero=mask_zero)
        self.position_table = (layers.Embedding(max_len, d_model)
                               if positions == "learned" else None)  # fmt: skip

    def build(self, input_shape: Any) -> None:
        self.tokens.build(input_shape)
        if self.position_table is not None:
            self.position_table.build((None,))
        self.built = True

    def _sinusoids(self, length: Any) -> Any:
        pos = ops.cast(ops.arange(length), "float32")[:, None]
        i = ops.cast(ops.arange(self.d_model // 2), "float32")[None, :]
        angle = pos / ops.power(10000.0, 2.0 * i / self.d_model)
        return ops.concatenate([ops.sin(angle), ops.cos(angle)], axis=-1)

    def call(self, inputs: Any, reverse: bool = False) -> Any:
        if reverse:
            return ops.matmul(inputs, ops.transpose(self.tokens.embeddings))
        h = self.tokens(inputs)
        if self.scale:
            h = h * (self.d_model**0.5)
        length = ops.shape(inputs)[-1]
        if self.positions == "learned":
            h = h + self.position_table(ops.arange(length))[None]
        elif self.positions == "sinusoidal":
            h = h + self._sinusoids(length)[None]
        return h

    def compute_mask(self, inputs: Any, mask: Any = None, reverse: bool = False) -> Any:
        if reverse or not self.mask_zero or len(inputs.shape) != 2:  # logits keep the mask
            return mask
        return ops.not_equal(inputs, 0)

    def get_config(self) -> dict[str, Any]:
        return {**super().get_config(), "vocab": self.vocab, "max_len": self.max_len,
                "d_model": self.d_model, "positions": self.positions, "scale": self.scale,
                "mask_zero": self.mask_zero}  # fmt: skip


def _decoder_block(h: Any, d_model: int, heads: int, ff: int, dropout: float, norm: str,
                   causal: bool, activation: str) -> Any:  # fmt: skip
    """A GPT block: causal multi-head self-attention and a feed-forward net, each with a
    residual; layer norm before each ("pre"), after each residual ("post") or none."""
    def ln(t: Any) -> Any:
        return layers.LayerNormalization(epsilon=1e-5)(t)

    a = ln(h) if norm == "pre" else h
    a = layers.MultiHeadAttention(heads, d_model // heads, dropout=dropout)(
        a, a, use_causal_mask=causal)  # fmt: skip
    h = layers.Add()([h, layers.Dropout(dropout)(a)])
    if norm == "post":
        h = ln(h)
    f = ln(h) if norm == "pre" else h
    f = layers.Dense(ff, activation=activation)(f)
    f = layers.Dense(d_model)(f)
    h = layers.Add()([h, layers.Dropout(dropout)(f)])
    if norm == "post":
        h = ln(h)
    return h


def _gpt(vocab: int, max_len: int, *, d_model: int, heads: int, ff: int, depth: int,
         dropout: float, norm: str, causal: bool, positions: str, scale: bool, tied: bool,
         output: str, activation: str, mask_zero: bool) -> keras.Model:  # fmt: skip
    inputs = keras.Input((max_len,), dtype="int32")
    embedding = TokenAndPositionEmbedding(vocab, max_len, d_model, positions, scale, mask_zero,
                                          name="embed")  # fmt: skip
    h = layers.Dropout(dropout)(embedding(inputs))
    for _ in range(depth):
        h = _decoder_block(h, d_model, heads, ff, dropout, norm, causal, activation)
    if norm == "pre":
        h = layers.LayerNormalization(epsilon=1e-5)(h)
    if tied:
        logits = embedding(h, reverse=True)
        outputs = layers.Activation(output, name="next_token")(logits)
    else:
        outputs = layers.Dense(vocab, activation=output, name="next_token")(h)
    return keras.Model(inputs, outputs)


def _schedule(lr: float, warmup: int, total: int) -> Any:
    if not warmup:
        return lr
    return keras.optimizers.schedules.CosineDecay(0.0, total - warmup, warmup_target=lr,
                                                  warmup_steps=warmup)  # fmt: skip


def gpt_char_lm(kit: Kit, *, d_model: int = 64, heads: int = 4, ff: int = 128, depth: int = 2,
                dropout: float = 0.1, norm: str = "pre", causal: bool = True,
                positions: str = "learned", scale: bool = False, tied: bool = False,
                output: str = "linear", from_logits: bool = True, activation: str = "gelu",
                shift: int = 1, shuffle_targets: bool = False, val_vocab: str = "shared",
                optimizer: str = "adam", lr: float = 1e-3, warmup: int = 0,
                clipnorm: float | None = None,
                epochs: int = 6, batch_size: int = 32) -> Any:  # fmt: skip
    """Character-level decoder-only Transformer on scikit-learn's dataset descriptions (about
    2160 training windows of 65 characters, 180 validation windows from held-out blocks; 68
    ids): inputs w[:, :-1], targets w[:, 1:] -> token + learned position embeddings (64) ->
    2 pre-norm GPT blocks (4 heads of 16, causal self-attention, GELU feed-forward 128,
    dropout 0.1) -> LayerNorm -> Dense 68 logits; sparse CE from logits, accuracy and
    perplexity, Adam(1e-3), batch 32, 6 epochs. Options: the sizes, `dropout`, `norm`
    ("pre"; "post"; "none"), `causal` (the attention's causal mask), `positions` ("learned";
    "sinusoidal"; "none"), `scale` (token embeddings times sqrt(d_model)), `tied` (output
    logits through the transposed token embedding), `output` activation and `from_logits`,
    the feed-forward `activation`, `shift` (the targets' offset), `shuffle_targets`,
    `val_vocab` ("shared"; "own": the validation windows encoded by a character table built
    from the validation text alone), the
    optimizer, rate, `warmup` steps (then a cosine decay), `clipnorm`, epochs and batch
    size."""
    windows, windows_val, chars = descr_chars()
    if val_vocab == "own":  # the validation text encoded by a table built from its own chars
        text = chars[windows_val]
        own = {c: i for i, c in enumerate(["", *sorted(set(text.ravel()))])}
        windows_val = np.vectorize(own.__getitem__)(text).astype("int32")
    x, y = _shifted(windows, shift)
    xval, yval = _shifted(windows_val, shift)
    keras.utils.set_random_seed(kit.seed)
    if shuffle_targets:
        y = y[np.random.default_rng(kit.seed).permutation(len(y))]
    model = _gpt(len(chars), x.shape[1], d_model=d_model, heads=heads, ff=ff, depth=depth,
                 dropout=dropout, norm=norm, causal=causal, positions=positions, scale=scale,
                 tied=tied, output=output, activation=activation, mask_zero=False)  # fmt: skip
    steps = epochs * -(-len(x) // batch_size)
    model.compile(_optimizer(optimizer, _schedule(lr, warmup, steps), clipnorm),
                  keras.losses.SparseCategoricalCrossentropy(from_logits=from_logits),
                  metrics=["accuracy", Perplexity(from_logits)])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval))  # fmt: skip


def gpt_word_lm(kit: Kit, *, d_model: int = 64, heads: int = 4, ff: int = 128, depth: int = 2,
                dropout: float = 0.1, norm: str = "pre", causal: bool = True,
                positions: str = "learned", mask_zero: bool = True, tied: bool = True,
                output: str = "linear", from_logits: bool = True, activation: str = "gelu",
                shift: int = 1, optimizer: str = "adam", lr: float = 2e-3,
                clipnorm: float | None = None, epochs: int = 6,
                batch_size: int = 64) -> Any:  # fmt: skip
    """Word-level decoder-only Transformer on the grammar stories (4000 train, 1000 validate,
    49 words, post-padded to 24): inputs ids[:, :-1], targets ids[:, 1:] -> token (mask_zero)
    + learned position embeddings (64) -> 2 pre-norm GPT blocks (4 heads of 16, causal
    self-attention with the padding mask, GELU feed-forward 128, dropout 0.1) -> LayerNorm ->
    logits through the transposed token embedding (tied); sparse CE from logits on the
    unpadded positions, accuracy and perplexity, Adam(2e-3), batch 64, 6 epochs. Options as
    `gpt_char_lm`, plus `mask_zero`."""
    ids, ids_val = grammar_stories()
    x, y = _shifted(ids, shift)
    xval, yval = _shifted(ids_val, shift)
    keras.utils.set_random_seed(kit.seed)
    model = _gpt(len(word_vocab()), x.shape[1], d_model=d_model, heads=heads, ff=ff,
                 depth=depth, dropout=dropout, norm=norm, causal=causal, positions=positions,
                 scale=False, tied=tied, output=output, activation=activation,
                 mask_zero=mask_zero)  # fmt: skip
    model.compile(_optimizer(optimizer, lr, clipnorm),
                  keras.losses.SparseCategoricalCrossentropy(from_logits=from_logits),
                  metrics=["accuracy", Perplexity(from_logits)])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval))  # fmt: skip
