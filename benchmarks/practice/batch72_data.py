"""Data for the batch-72 cases (weight sharing and iterated depth): sklearn's bundled 8 x 8
digits (flattened, pairs of them for a siamese net) and two generated token sets (a counting
task for a universal transformer, a Markov-chain corpus for a tied-embedding language
model). Data seed 0 (+ 720 .. + 724), no downloads.
"""

from __future__ import annotations

from functools import cache

import numpy as np

from benchmarks.practice.batch2_data import DATA_SEED


@cache
def digits_flat() -> list[np.ndarray]:
    """sklearn's 8 x 8 digits (1797 images) in a seeded order (720), pixels / 16, flattened
    to 64 features: 1200 train, 597 validate. Returns x, xval (float32), y, yval (0..9)."""
    from sklearn.datasets import load_digits

    digits = load_digits()
    order = np.random.default_rng(DATA_SEED + 720).permutation(len(digits.target))
    x = (digits.data[order] / 16.0).astype("float32")
    y = digits.target[order].astype(np.int64)
    return [x[:1200], x[1200:], y[:1200], y[1200:]]


def _pairs(x: np.ndarray, y: np.ndarray, n: int, rng: np.random.Generator
           ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:  # fmt: skip
    """`n` pairs of rows, half the same digit (label 1), half different digits (label 0)."""
    by_class = [np.flatnonzero(y == d) for d in range(10)]
    left, right, same = [], [], []
    for i in range(n):
        a = int(rng.integers(10))
        b = a if i % 2 == 0 else int((a + rng.integers(1, 10)) % 10)
        left.append(rng.choice(by_class[a]))
        right.append(rng.choice(by_class[b]))
        same.append(1.0 if a == b else 0.0)
    order = rng.permutation(n)
    return (x[np.array(left)[order]], x[np.array(right)[order]],
            np.array(same, dtype="float32")[order])  # fmt: skip


@cache
def digit_pairs() -> list[np.ndarray]:
    """Pairs of the flattened digits for a same / different siamese net (seed 721): 4000
    training pairs drawn from the 1200 training images, 1000 validation pairs from the 597
    others; half of each set "same digit" (label 1). Returns a, b, same, aval, bval, sameval."""
    x, xval, y, yval = digits_flat()
    rng = np.random.default_rng(DATA_SEED + 721)
    a, b, same = _pairs(x, y, 4000, rng)
    aval, bval, sameval = _pairs(xval, yval, 1000, rng)
    return [a, b, same, aval, bval, sameval]


@cache
def token_counts(n_train: int = 2000, n_val: int = 500, length: int = 16,
                 vocab: int = 12) -> list[np.ndarray]:
    """Generated token sequences (seed 722): `length` ids from 1..vocab-1; the label is which
    of the tokens 1, 2, 3, 4 occurs most often (the rows with a tie are redrawn), 4 classes.
    Returns x, xval (int32), y, yval."""
    rng = np.random.default_rng(DATA_SEED + 722)
    rows: list[np.ndarray] = []
    labels: list[int] = []
    while len(rows) < n_train + n_val:
        seq = rng.integers(1, vocab, size=length)
        counts = np.array([(seq == t).sum() for t in (1, 2, 3, 4)])
        if (counts == counts.max()).sum() > 1:
            continue
        rows.append(seq)
        labels.append(int(counts.argmax()))
    x, y = np.array(rows, dtype="int32"), np.array(labels, dtype=np.int64)
    return [x[:n_train], x[n_train:], y[:n_train], y[n_train:]]


@cache
def markov_corpus(n_train: int = 3000, n_val: int = 600, length: int = 12,
                  vocab: int = 40) -> list[np.ndarray]:
    """A generated corpus for next-token prediction (seed 723): a first-order Markov chain
    over `vocab` tokens, each token followed by one of 3 successors with probabilities 0.7,
    0.2, 0.1 (the best possible accuracy is about 0.70). Returns x, xval (the first `length`
    ids of each sequence, int32) and y, yval (the next ids, shape (n, length))."""
    rng = np.random.default_rng(DATA_SEED + 723)
    successors = np.array([rng.choice(vocab, size=3, replace=False) for _ in range(vocab)])
    probs = np.array([0.7, 0.2, 0.1])
    seqs = np.empty((n_train + n_val, length + 1), dtype="int32")
    seqs[:, 0] = rng.integers(vocab, size=len(seqs))
    for t in range(length):
        pick = rng.choice(3, size=len(seqs), p=probs)
        seqs[:, t + 1] = successors[seqs[:, t], pick]
    x, y = seqs[:, :-1], seqs[:, 1:].astype(np.int64)
    return [x[:n_train], x[n_train:], y[:n_train], y[n_train:]]
