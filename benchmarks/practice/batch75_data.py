"""Data for the batch-75 cases (memory-augmented and retrieval models): generated bAbI-style
"where is X?" stories (facts newest first, padded), sklearn's bundled 8 x 8 digits
(flattened), generated Gaussian clusters with a k-nearest-neighbour cache built from the
training set with NumPy, and a generated pointer task over a retrieved set of key / value
candidates. Data seed 0 (+ 750 .. + 753), no downloads.
"""

from __future__ import annotations

from functools import cache

import numpy as np

from benchmarks.practice.batch2_data import DATA_SEED

PERSONS = 8  # tokens 1..8
VERBS = 4  # tokens 9..12 ("went to", "moved to", "journeyed to", "travelled to")
PLACES = 10  # tokens 13..22
WHERE = 23  # the question word
VOCAB = 24  # 0 is padding
SLOTS = 10


@cache
def babi_where(n_train: int = 3000, n_val: int = 600) -> list[np.ndarray]:
    """bAbI task-1-style stories (seed 750): 3..10 facts "<person> <verb> <place>" (a person
    may move several times), stored newest first in 10 slots of 3 tokens, zero-padded after
    the last fact; the question "where <person>" about one of the story's persons; the answer
    the place of that person's newest fact (0..9). Returns stories, stories_val (int32, (n,
    10, 3)), questions, questions_val (int32, (n, 2)), y, yval."""
    rng = np.random.default_rng(DATA_SEED + 750)
    n = n_train + n_val
    stories = np.zeros((n, SLOTS, 3), dtype="int32")
    questions = np.zeros((n, 2), dtype="int32")
    answers = np.zeros(n, dtype=np.int64)
    for i in range(n):
        count = int(rng.integers(3, SLOTS + 1))
        persons = rng.integers(PERSONS, size=count)
        places = rng.integers(PLACES, size=count)
        verbs = rng.integers(VERBS, size=count)
        # slot 0 is the newest fact
        stories[i, :count, 0] = 1 + persons
        stories[i, :count, 1] = 1 + PERSONS + verbs
        stories[i, :count, 2] = 1 + PERSONS + VERBS + places
        asked = int(rng.integers(count))
        who = persons[asked]
        newest = int(np.flatnonzero(persons == who)[0])
        questions[i] = (WHERE, 1 + who)
        answers[i] = places[newest]
    return [stories[:n_train], stories[n_train:], questions[:n_train], questions[n_train:],
            answers[:n_train], answers[n_train:]]  # fmt: skip


@cache
def digits_flat() -> list[np.ndarray]:
    """sklearn's 8 x 8 digits (1797 images) in a seeded order (751), pixels / 16, flattened
    to 64 features: 1200 train, 597 validate. Returns x, xval (float32), y, yval (0..9)."""
    from sklearn.datasets import load_digits

    digits = load_digits()
    order = np.random.default_rng(DATA_SEED + 751).permutation(len(digits.target))
    x = (digits.data[order] / 16.0).astype("float32")
    y = digits.target[order].astype(np.int64)
    return [x[:1200], x[1200:], y[:1200], y[1200:]]


@cache
def clusters(n_train: int = 2400, n_val: int = 600) -> list[np.ndarray]:
    """Generated clusters (seed 752): sklearn's make_classification, 20 features (8
    informative), 4 classes of 3 clusters each, class_sep 1.0, 5 % of labels flipped;
    standardised with the training mean / std. Returns x, xval (float32), y, yval."""
    from sklearn.datasets import make_classification

    x, y = make_classification(n_samples=n_train + n_val, n_features=20, n_informative=8,
                               n_redundant=4, n_classes=4, n_clusters_per_class=3,
                               class_sep=1.0, flip_y=0.05,
                               random_state=DATA_SEED + 752)  # fmt: skip
    x = x.astype("float32")
    mean, std = x[:n_train].mean(0), x[:n_train].std(0)
    x = (x - mean) / std
    return [x[:n_train], x[n_train:], y[:n_train].astype(np.int64),
            y[n_train:].astype(np.int64)]  # fmt: skip


def knn_cache(bank: np.ndarray, queries: np.ndarray, k: int, exclude_self: bool
              ) -> tuple[np.ndarray, np.ndarray]:  # fmt: skip
    """The k nearest rows of `bank` for each query row (squared Euclidean distance, NumPy,
    a full distance matrix): indices (n, k) and distances (n, k). `exclude_self` (the
    queries are the bank itself): each row's own index is skipped (leave-one-out)."""
    d2 = ((queries**2).sum(1)[:, None] + (bank**2).sum(1)[None, :]
          - 2.0 * queries @ bank.T)  # fmt: skip
    d2 = np.maximum(d2, 0.0)
    if exclude_self:
        np.fill_diagonal(d2, np.inf)
    index = np.argsort(d2, axis=1)[:, :k]
    return index, np.take_along_axis(d2, index, axis=1).astype("float32")


@cache
def pointer_sets(n_train: int = 3000, n_val: int = 600, k: int = 8,
                 keys: int = 40) -> list[np.ndarray]:  # fmt: skip
    """A retrieved set to point into (seed 753): `k` = 8 candidates, each a (key, value) pair
    of tokens (keys 1..40 distinct within a set, values 1..40), and a query token q; the
    answer is the position of the candidate whose key is (q + 13) mod 40 + 1 (exactly one
    candidate has it). Returns cand, cand_val (int32, (n, k, 2)), query, query_val (int32,
    (n, 1)), pos, pos_val (0..k-1)."""
    rng = np.random.default_rng(DATA_SEED + 753)
    n = n_train + n_val
    cand = np.zeros((n, k, 2), dtype="int32")
    query = np.zeros((n, 1), dtype="int32")
    pos = np.zeros(n, dtype=np.int64)
    for i in range(n):
        chosen = rng.choice(keys, size=k, replace=False) + 1
        cand[i, :, 0] = chosen
        cand[i, :, 1] = rng.integers(1, keys + 1, size=k)
        at = int(rng.integers(k))
        target_key = int(chosen[at])
        query[i, 0] = (target_key - 1 - 13) % keys + 1
        pos[i] = at
    return [cand[:n_train], cand[n_train:], query[:n_train], query[n_train:], pos[:n_train],
            pos[n_train:]]  # fmt: skip
