"""Data for the batch-51 cases: high-dimensional and sparse inputs, generated or from sklearn's
generators (data seed 0 (+510 .. +513), no downloads).

Batch 51 is the wide-input regime as practitioners meet it: `make_classification` with 1000
features, generated documents for bag-of-words / TF-IDF features (sklearn's vectorisers run
in the scripts), a p >> n expression matrix of raw read counts (5000 genes, 300 training
rows) and a square 600 x 600 panel stored probes x samples, as bioinformatics files are.
"""

from __future__ import annotations

from functools import cache

import numpy as np

from benchmarks.practice.batch2_data import DATA_SEED


@cache
def wide_split() -> list[np.ndarray]:
    """sklearn's `make_classification`: 2000 rows, 1000 features (40 informative, 40
    redundant, the rest noise), 5 classes of one cluster each, class_sep 1.5, 2 % labels
    flipped (seed 510); the first 1500 rows train, the last 500 validate. Returns x, xval
    (float32, roughly unit scale), y, yval (integer 0..4)."""
    from sklearn.datasets import make_classification

    x, y = make_classification(n_samples=2000, n_features=1000, n_informative=40,
                               n_redundant=40, n_classes=5, n_clusters_per_class=1,
                               class_sep=1.5, flip_y=0.02,
                               random_state=DATA_SEED + 510)  # fmt: skip
    x = x.astype("float32")
    return [x[:1500], x[1500:], y[:1500].astype(np.int64), y[1500:].astype(np.int64)]


def _words(rng: np.random.Generator, n: int) -> list[str]:
    consonants, vowels = list("bcdfghklmnprstvz"), list("aeiou")
    made: set[str] = set()
    while len(made) < n:
        size = int(rng.integers(2, 4))
        made.add("".join(str(rng.choice(consonants)) + str(rng.choice(vowels))
                         for _ in range(size)))  # fmt: skip
    return sorted(made, key=lambda w: rng.random())


@cache
def documents(n_train: int = 1600, n_val: int = 400) -> tuple[list[str], list[str],
                                                               np.ndarray, np.ndarray]:  # fmt: skip
    """Generated documents in 4 topics over a 3000-word pseudo-vocabulary (seed 511): each
    document 100..3000 tokens (log-normal lengths, median ~600), 45 % drawn from 25 stop
    words, 50 % from a Zipf background over the whole vocabulary, 5 % from its topic's 60
    words (the topics overlap by 20 words). Raw word counts of stop words run into the
    hundreds. Returns train texts, validation texts, y, yval (integer 0..3)."""
    rng = np.random.default_rng(DATA_SEED + 511)
    vocab = np.array(_words(rng, 3000))
    stop = np.arange(25)
    stop_p = 1.0 / np.arange(1, 26)
    stop_p /= stop_p.sum()
    back_p = 1.0 / np.arange(1, 3001) ** 1.05
    back_p /= back_p.sum()
    topic_words = [np.arange(100 + 40 * t, 160 + 40 * t) for t in range(4)]
    n = n_train + n_val
    y = rng.integers(0, 4, n)
    texts = []
    for i in range(n):
        length = int(np.clip(rng.lognormal(np.log(600), 0.8), 100, 3000))
        kinds = rng.choice(3, size=length, p=[0.45, 0.50, 0.05])
        ids = np.where(kinds == 0, rng.choice(stop, size=length, p=stop_p),
                       rng.choice(3000, size=length, p=back_p))  # fmt: skip
        ids = np.where(kinds == 2, rng.choice(topic_words[y[i]], size=length), ids)
        texts.append(" ".join(vocab[ids]))
    return texts[:n_train], texts[n_train:], y[:n_train].astype(np.int64), \
        y[n_train:].astype(np.int64)


@cache
def expression_counts(n_train: int = 300, n_val: int = 150,
                      genes: int = 5000) -> list[np.ndarray]:  # fmt: skip
    """A p >> n RNA-seq-like matrix (seed 512): `genes` genes, raw read counts (gamma-Poisson,
    gene means log-uniform 1..5000, so counts run 0..~20000), two classes; 30 genes up 2.5x
    and 30 down 2.5x in class 1; each sample's library size varies 0.5x..2x. Returns x, xval
    (float32 raw counts), y, yval (integer 0 / 1)."""
    rng = np.random.default_rng(DATA_SEED + 512)
    n = n_train + n_val
    y = rng.integers(0, 2, n)
    mean = np.exp(rng.uniform(0.0, np.log(5000.0), genes))
    fold = np.ones(genes)
    marked = rng.choice(genes, 60, replace=False)
    fold[marked[:30]], fold[marked[30:]] = 2.5, 1 / 2.5
    library = rng.uniform(0.5, 2.0, n)
    mu = library[:, None] * mean[None, :] * np.where(y[:, None] == 1, fold[None, :], 1.0)
    counts = rng.poisson(mu * rng.gamma(5.0, 1 / 5.0, size=mu.shape)).astype("float32")
    return [counts[:n_train], counts[n_train:], y[:n_train].astype(np.int64),
            y[n_train:].astype(np.int64)]


@cache
def probe_panel() -> list[np.ndarray]:
    """A square assay panel (seed 513): 600 probes x 600 samples, stored probes x samples as
    bioinformatics files are (a row per probe, a column per sample), three classes from
    `make_classification` (25 informative probes, one cluster a class, class_sep 2.0).
    Returns the panel (600 probes, 600 samples; float32, roughly unit scale) and the
    samples' labels (integer 0..2)."""
    from sklearn.datasets import make_classification

    x, y = make_classification(n_samples=600, n_features=600, n_informative=25,
                               n_redundant=10, n_classes=3, n_clusters_per_class=1,
                               class_sep=2.0, flip_y=0.02,
                               random_state=DATA_SEED + 513)  # fmt: skip
    return [np.ascontiguousarray(x.T.astype("float32")), y.astype(np.int64)]
