"""Batch-44 attention scripts (keyword options are the faults, the defaults the healthy
choice): a small Transformer encoder classifying marker-token sequences (order or count),
an encoder over right-padded reviews with `mask_zero`, an encoder-decoder Transformer on
copy / reverse / sort with teacher forcing, and a hand-written scaled dot-product attention
on key-value retrieval. Each script calls `kit.fit`.
"""

from __future__ import annotations

import math
from typing import Any

import keras
import numpy as np
from keras import layers, ops

from benchmarks.practice.batch44_data import marker_tokens, padded_reviews, retrieval, seq2seq_pairs
from benchmarks.practice.kit import Kit


class TokenAndPosition(layers.Layer):
    """Token embedding plus a position signal: "learned" (an Embedding of the positions),
    "sinusoid" (the fixed sine / cosine table) or "none"; the token Embedding's mask (with
    `mask_zero`) is passed on."""

    def __init__(self, vocab: int, maxlen: int, dim: int, positions: str = "learned",
                 mask_zero: bool = False, **kwargs: Any) -> None:  # fmt: skip
        super().__init__(**kwargs)
        self.positions = positions
        self.tokens = layers.Embedding(vocab, dim, mask_zero=mask_zero)
        self.places = layers.Embedding(maxlen, dim) if positions == "learned" else None
        angle = np.arange(maxlen)[:, None] / 10000 ** (np.arange(0, dim, 2)[None] / dim)
        table = np.zeros((maxlen, dim), dtype="float32")
        table[:, 0::2], table[:, 1::2] = np.sin(angle), np.cos(angle)
        self.table = table

    def call(self, x: Any) -> Any:
        h = self.tokens(x)
        length = ops.shape(x)[-1]
        if self.places is not None:
            h = h + self.places(ops.arange(length))
        elif self.positions == "sinusoid":
            h = h + ops.convert_to_tensor(self.table)[:length]
        return h

    def compute_mask(self, x: Any, mask: Any = None) -> Any:
        return self.tokens.compute_mask(x)


class AttentionPooling(layers.Layer):
    """Attention pooling: a score per position (Dense 1), softmax over the positions (the
    masked ones left out), the weighted sum of the positions."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.supports_masking = True
        self.score = layers.Dense(1)

    def call(self, h: Any, mask: Any = None) -> Any:
        scores = self.score(h)[..., 0]
        if mask is not None:
            scores = ops.where(mask, scores, -1e9)
        weights = ops.softmax(scores, axis=-1)
        return ops.sum(h * weights[..., None], axis=1)

    def compute_mask(self, h: Any, mask: Any = None) -> Any:
        return None


class DotAttention(layers.Layer):
    """Hand-written single-head self-attention: q, k, v projections, logits q k^T (divided by
    sqrt(dim) when `scale`), softmax over `axis` (-1: over the keys), the weighted values."""

    def __init__(self, dim: int, scale: bool = True, axis: int = -1, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.dim, self.scale, self.axis = dim, scale, axis
        self.q, self.k, self.v = layers.Dense(dim), layers.Dense(dim), layers.Dense(dim)

    def call(self, x: Any) -> Any:
        q, k, v = self.q(x), self.k(x), self.v(x)
        logits = ops.matmul(q, ops.transpose(k, (0, 2, 1)))
        if self.scale:
            logits = logits / math.sqrt(self.dim)
        return ops.matmul(ops.softmax(logits, axis=self.axis), v)


def _block(h: Any, *, heads: int, key_dim: int, ff: int, norm: str, causal: bool,
           attn_dropout: float, dropout: float, attention_mask: Any = None,
           context: Any = None) -> Any:  # fmt: skip
    """One Transformer block (self-attention [+ cross-attention over `context`] + a ReLU
    feed-forward), pre-norm ("pre") or post-norm ("post", the 2017 paper's order)."""
    dim = h.shape[-1]

    def attend(x: Any, value: Any, use_causal: bool, mask: Any) -> Any:
        mha = layers.MultiHeadAttention(heads, key_dim, dropout=attn_dropout)
        return layers.Dropout(dropout)(mha(x, value, attention_mask=mask,
                                           use_causal_mask=use_causal))  # fmt: skip

    def feed(x: Any) -> Any:
        return layers.Dropout(dropout)(layers.Dense(dim)(layers.Dense(ff, activation="relu")(x)))

    subs = [lambda x: attend(x, x, causal, attention_mask)]
    if context is not None:
        subs.append(lambda x: attend(x, context, False, None))
    subs.append(feed)
    for sub in subs:
        if norm == "pre":
            h = layers.Add()([h, sub(layers.LayerNormalization()(h))])
        elif norm == "post":
            h = layers.LayerNormalization()(layers.Add()([h, sub(h)]))
        else:  # no normalisation
            h = layers.Add()([h, sub(h)])
    return h


def marker_encoder(kit: Kit, *, task: str = "order", positions: str = "learned",
                   pooling: str = "mean", causal: bool = False, depth: int = 1,
                   d_model: int = 32, heads: int = 2, key_dim: int = 16,
                   attn_dropout: float = 0.0, lr: float = 1e-3, batch_size: int = 64,
                   epochs: int = 12) -> Any:  # fmt: skip
    """Marker-token sequences (24 tokens, 2000 train, 1000 validate): [CLS] + tokens ->
    token + learned position embedding (32) -> 1 pre-norm Transformer block (2 heads,
    key_dim 16, feed-forward 64) -> LayerNorm -> mean pooling -> sigmoid, binary CE,
    Adam(1e-3), batch 64, 12 epochs. Options: `task` ("order": is A before B; "count": more
    A's than B's), `positions` ("learned" / "sinusoid" / "none"), `pooling` ("mean"; "cls":
    the first position's vector; "attention": AttentionPooling), `causal` (the blocks'
    `use_causal_mask`, as in a GPT block), depth, width, heads, key_dim, the attention's
    dropout, the rate, batch size and epochs."""
    x, xval, y, yval = marker_tokens(task)
    x, xval = (np.pad(a, ((0, 0), (1, 0)), constant_values=2) for a in (x, xval))  # [CLS] = 2
    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input((x.shape[1],), dtype="int32")
    h = TokenAndPosition(32, x.shape[1], d_model, positions)(inputs)
    for _ in range(depth):
        h = _block(h, heads=heads, key_dim=key_dim, ff=2 * d_model, norm="pre", causal=causal,
                   attn_dropout=attn_dropout, dropout=0.0)  # fmt: skip
    h = layers.LayerNormalization()(h)
    if pooling == "cls":
        h = h[:, 0]
    elif pooling == "attention":
        h = AttentionPooling()(h)
    else:
        h = layers.GlobalAveragePooling1D()(h)
    outputs = layers.Dense(1, activation="sigmoid")(h)
    model = keras.Model(inputs, outputs)
    model.compile(keras.optimizers.Adam(lr), "binary_crossentropy", metrics=["accuracy"])
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval))  # fmt: skip


def review_encoder(kit: Kit, *, mask_zero: bool = True, pooling: str = "mean",
                   positions: str = "learned", lr: float = 1e-3, batch_size: int = 64,
                   epochs: int = 10) -> Any:  # fmt: skip
    """Right-padded reviews (4..16 tokens padded to 48; 2000 train, 1000 validate):
    Embedding(40, 32, mask_zero=True) + learned positions -> one pre-norm Transformer block
    (2 heads, key_dim 16) -> LayerNorm -> mean pooling (the mask honoured) -> sigmoid,
    binary CE, Adam(1e-3), batch 64, 10 epochs. Options: `mask_zero` (False: the padding
    attended to and averaged in), `pooling` ("mean" / "attention" / "max"), `positions`,
    the rate, batch size and epochs."""
    x, xval, y, yval = padded_reviews()
    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input((x.shape[1],), dtype="int32")
    h = TokenAndPosition(40, x.shape[1], 32, positions, mask_zero=mask_zero)(inputs)
    h = _block(h, heads=2, key_dim=16, ff=64, norm="pre", causal=False, attn_dropout=0.0,
               dropout=0.1)  # fmt: skip
    h = layers.LayerNormalization()(h)
    if pooling == "attention":
        h = AttentionPooling()(h)
    elif pooling == "max":
        h = layers.GlobalMaxPooling1D()(h)
    else:
        h = layers.GlobalAveragePooling1D()(h)
    outputs = layers.Dense(1, activation="sigmoid")(h)
    model = keras.Model(inputs, outputs)
    model.compile(keras.optimizers.Adam(lr), "binary_crossentropy", metrics=["accuracy"])
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval))  # fmt: skip


def seq2seq_transformer(kit: Kit, *, task: str = "reverse", positions: str = "learned",
                        shift: bool = True, causal: str = "causal",
                        encoder_causal: bool = False, depth: int = 1, norm: str = "pre",
                        d_model: int = 64, heads: int = 4, key_dim: int = 16,
                        attn_dropout: float = 0.0, dropout: float = 0.1, lr: float = 1e-3,
                        warmup: int = 0, batch_size: int = 64,
                        epochs: int = 8) -> Any:  # fmt: skip
    """Encoder-decoder Transformer on 10-token rows (3000 train, 1000 validate; vocabulary
    16), teacher forcing: encoder (token + learned positions, `depth` pre-norm blocks) and
    decoder (START + the target shifted right, causal self-attention, cross-attention on the
    encoder), d_model 64, 4 heads of key_dim 16, feed-forward 128, dropout 0.1 -> Dense 16
    softmax per position, sparse CE, token accuracy, Adam(1e-3), batch 64, 8 epochs.
    Options: `task` ("copy" / "reverse" / "sort"), `positions` ("learned" / "sinusoid" /
    "none", both sides), `shift` (False: the decoder fed the target itself, not shifted),
    `causal` ("causal": use_causal_mask; "none"; "anti": a hand-built mask the wrong way
    round, each position sees itself and the later ones), `encoder_causal` (a causal mask in
    the encoder too), `depth`, `norm` ("pre" / "post" / "none"), width, heads, key_dim,
    the attention's and the residual dropout, the rate, `warmup` (> 0: CosineDecay from 0
    with that many warmup steps to the rate, then decaying over the run)."""
    src, src_val, dec, dec_val, tgt, tgt_val = seq2seq_pairs(task)
    if not shift:
        dec, dec_val = tgt, tgt_val
    keras.utils.set_random_seed(kit.seed)
    length = src.shape[1]
    src_in = keras.Input((length,), dtype="int32", name="source")
    dec_in = keras.Input((length,), dtype="int32", name="decoder_input")
    settings = {"heads": heads, "key_dim": key_dim, "ff": 2 * d_model, "norm": norm,
                "attn_dropout": attn_dropout, "dropout": dropout}  # fmt: skip
    h = TokenAndPosition(16, length, d_model, positions)(src_in)
    for _ in range(depth):
        h = _block(h, causal=encoder_causal, **settings)
    context = layers.LayerNormalization()(h) if norm == "pre" else h
    mask = np.triu(np.ones((1, length, length), dtype=bool)) if causal == "anti" else None
    d = TokenAndPosition(16, length, d_model, positions)(dec_in)
    for _ in range(depth):
        d = _block(d, causal=causal == "causal", attention_mask=mask, context=context,
                   **settings)  # fmt: skip
    if norm == "pre":
        d = layers.LayerNormalization()(d)
    outputs = layers.Dense(16, activation="softmax")(d)
    model = keras.Model([src_in, dec_in], outputs)
    rate: Any = lr
    if warmup:
        steps = epochs * math.ceil(len(src) / batch_size)
        rate = keras.optimizers.schedules.CosineDecay(0.0, steps - warmup, alpha=0.1,
                                                      warmup_target=lr,
                                                      warmup_steps=warmup)  # fmt: skip
    model.compile(keras.optimizers.Adam(rate), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, [src, dec], tgt, probe_data=([src, dec], tgt), epochs=epochs,
                   batch_size=batch_size,
                   validation_data=([src_val, dec_val], tgt_val))  # fmt: skip


def retrieval_attention(kit: Kit, *, scale: bool = True, softmax_axis: int = -1,
                        dim: int = 64, positions: str = "learned", layer_norm: bool = True,
                        lr: float = 1e-3, batch_size: int = 64,
                        epochs: int = 10) -> Any:  # fmt: skip
    """Key-value retrieval (16 tokens, 3000 train, 1000 validate; the class is the token
    after the marker): token + learned position embedding (64) -> LayerNorm -> hand-written
    self-attention (`DotAttention`, q k^T / sqrt(64), softmax over the keys) + residual ->
    LayerNorm -> a second `DotAttention` + residual -> AttentionPooling -> softmax 10, sparse
    CE, Adam(1e-3), batch 64, 10 epochs. Options: `scale` (False: the logits not divided by
    sqrt(dim)), `softmax_axis` (1: the softmax over the queries, not the keys), `dim`,
    `positions`, `layer_norm` (False: no LayerNorm before the attentions), the rate, batch
    size and epochs."""
    x, xval, y, yval = retrieval()
    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input((x.shape[1],), dtype="int32")
    h = TokenAndPosition(30, x.shape[1], dim, positions)(inputs)
    for _ in range(2):
        a = layers.LayerNormalization()(h) if layer_norm else h
        h = layers.Add()([h, DotAttention(dim, scale, softmax_axis)(a)])
    h = AttentionPooling()(layers.LayerNormalization()(h))
    outputs = layers.Dense(10, activation="softmax")(h)
    model = keras.Model(inputs, outputs)
    model.compile(keras.optimizers.Adam(lr), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval))  # fmt: skip
