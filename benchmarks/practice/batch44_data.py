"""Data for the batch-44 cases: generated token tasks for attention and sequence-to-sequence
models (data seed 0 (+440 .. +443), no downloads).

Batch 44 is attention as practitioners meet it in Keras 3: small Transformer encoders and
decoders on token tasks whose answer is known, so a model's failure is the script's, not
the data's. Token 0 is padding everywhere, 1 the decoder's start token.
"""

from __future__ import annotations

from functools import cache

import numpy as np

from benchmarks.practice.batch2_data import DATA_SEED

PAD, START = 0, 1


@cache
def marker_tokens(task: str = "order", n: int = 3000, length: int = 24) -> list[np.ndarray]:
    """Sequences of `length` tokens (vocabulary 32: fillers 5..31) holding two marker tokens
    A = 3 and B = 4 (seed 440). `task` "order": one A and one B at random distinct positions,
    the label 1 when A comes before B (only the positions tell); "count": 1..5 A's and a
    different number 1..5 of B's, the label 1 when there are more A's (a bag of tokens: the
    order carries nothing). Balanced labels; 2000 train, the rest validate. Returns x, xval
    (int32), y, yval (int64 0 / 1)."""
    rng = np.random.default_rng(DATA_SEED + 440 + (task == "count"))
    x = rng.integers(5, 32, size=(n, length))
    y = np.zeros(n, dtype=np.int64)
    for i in range(n):
        if task == "order":
            a, b = rng.choice(length, 2, replace=False)
            x[i, a], x[i, b] = 3, 4
            y[i] = int(a < b)
        else:
            n_a, n_b = rng.choice(np.arange(1, 6), 2, replace=False)
            spots = rng.choice(length, n_a + n_b, replace=False)
            x[i, spots[:n_a]], x[i, spots[n_a:]] = 3, 4
            y[i] = int(n_a > n_b)
    x = x.astype("int32")
    return [x[:2000], x[2000:], y[:2000], y[2000:]]


@cache
def padded_reviews(n: int = 3000, maxlen: int = 48) -> list[np.ndarray]:
    """Variable-length "reviews" of 4..16 tokens right-padded with 0 to `maxlen` (seed 441):
    vocabulary 40, tokens 1..12 "positive", 13..24 "negative", 25..39 neutral; the label 1
    when a review holds more positive than negative tokens (no ties). Most of each row is
    padding. 2000 train, the rest validate. Returns x, xval (int32), y, yval."""
    rng = np.random.default_rng(DATA_SEED + 441)
    x = np.zeros((n, maxlen), dtype="int32")
    y = np.zeros(n, dtype=np.int64)
    for i in range(n):
        while True:
            size = int(rng.integers(4, 17))
            row = rng.integers(1, 40, size=size)
            pos, neg = int(((row >= 1) & (row <= 12)).sum()), int(((row >= 13) & (row <= 24)).sum())
            if pos != neg:
                break
        x[i, :size] = row
        y[i] = int(pos > neg)
    return [x[:2000], x[2000:], y[:2000], y[2000:]]


@cache
def seq2seq_pairs(task: str = "reverse", n: int = 4000, length: int = 10) -> list[np.ndarray]:
    """Source rows of `length` tokens 3..15 (13 symbols; seed 442) and their targets: "copy"
    (the same row), "reverse" (the row backwards) or "sort" (ascending). Teacher forcing:
    the decoder input is START followed by the target without its last token, the labels the
    target. 3000 train, the rest validate. Returns src, src_val, dec, dec_val, tgt, tgt_val
    (int32; vocabulary 16)."""
    rng = np.random.default_rng(DATA_SEED + 442)
    src = rng.integers(3, 16, size=(n, length)).astype("int32")
    tgt = {"copy": src, "reverse": src[:, ::-1], "sort": np.sort(src, axis=1)}[task].copy()
    dec = np.concatenate([np.full((n, 1), START, dtype="int32"), tgt[:, :-1]], axis=1)
    return [src[:3000], src[3000:], dec[:3000], dec[3000:], tgt[:3000], tgt[3000:]]


@cache
def retrieval(n: int = 4000, length: int = 16) -> list[np.ndarray]:
    """Key-value retrieval (seed 443): rows of `length` tokens 4..29 with one marker token 3
    at a random position before the last; the label is the token right after the marker,
    always one of the ten value tokens 4..13 (class 0..9), which also turn up elsewhere as
    distractors. Vocabulary 30; 3000 train, the rest validate. Returns x, xval (int32), y,
    yval (int64 0..9)."""
    rng = np.random.default_rng(DATA_SEED + 443)
    x = rng.integers(4, 30, size=(n, length))
    where = rng.integers(0, length - 1, size=n)
    value = rng.integers(4, 14, size=n)
    rows = np.arange(n)
    x[rows, where], x[rows, where + 1] = 3, value
    return [x[:3000].astype("int32"), x[3000:].astype("int32"),
            (value[:3000] - 4).astype(np.int64), (value[3000:] - 4).astype(np.int64)]
