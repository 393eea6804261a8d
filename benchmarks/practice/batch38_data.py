"""Data for the batch-38 cases: sklearn's bundled 8 x 8 digits split into a pretraining task
and a small fine-tuning task, and generated token documents for a text encoder (data seed 0
(+80, +81), no downloads).

Batch 38 is transfer learning and fine-tuning as practitioners write it: a backbone
pretrained inside the script on a related task (digits 0-4; ten-topic documents), then
reused frozen, fine-tuned, partly unfrozen, saved and reloaded, on a new task with few
labels (digits 5-9; a binary label over the topics).
"""

from __future__ import annotations

from functools import cache

import numpy as np

from benchmarks.practice.batch2_data import DATA_SEED


@cache
def digit_tasks(n_train: int = 300) -> list[np.ndarray]:
    """sklearn's bundled 8 x 8 digits in a seeded random order, pixels on the 0..255 scale
    (the 0..16 values x 255 / 16; scripts divide by 255), shape (n, 8, 8, 1). The pretraining
    task is digits 0-4 (901 images, labels 0..4); the fine-tuning task is digits 5-9 (896
    images, labels digit - 5): the first `n_train` train, the rest validate. Returns
    x_source, y_source, x, xval, y, yval."""
    from sklearn.datasets import load_digits

    digits = load_digits()
    order = np.random.default_rng(DATA_SEED + 80).permutation(len(digits.target))
    images = (digits.images[order] * 255.0 / 16.0).astype("float32")[..., None]
    labels = digits.target[order].astype(np.int64)
    source, target = labels < 5, labels >= 5
    xt, yt = images[target], labels[target] - 5
    return [images[source], labels[source], xt[:n_train], xt[n_train:], yt[:n_train],
            yt[n_train:]]  # fmt: skip


@cache
def topic_documents(n_source: int = 3000, n_train: int = 300, n_val: int = 1000,
                    length: int = 30) -> list[np.ndarray]:  # fmt: skip
    """Generated documents of `length` token ids over a 600-word vocabulary (0 unused): ten
    topics of 40 words each (ids 1..400) and 199 common words (401..599); each token is one
    of its topic's words with probability 0.2, otherwise a common word. The pretraining task
    is the topic (ten classes, `n_source` documents); the fine-tuning task is a binary label,
    1 for topics {0, 3, 5, 6, 9}, on `n_train` training and `n_val` validation documents
    (fresh documents). Returns x_source, y_source, x, xval, y, yval (y float 0/1)."""
    rng = np.random.default_rng(DATA_SEED + 81)

    def documents(n: int) -> tuple[np.ndarray, np.ndarray]:
        topic = rng.integers(0, 10, size=n)
        words = 1 + topic[:, None] * 40 + rng.integers(0, 40, size=(n, length))
        common = rng.integers(401, 600, size=(n, length))
        tokens = np.where(rng.random((n, length)) < 0.2, words, common)
        return tokens.astype("int32"), topic.astype(np.int64)

    xs, ys = documents(n_source)
    x, topic = documents(n_train + n_val)
    y = np.isin(topic, [0, 3, 5, 6, 9]).astype("float32")
    return [xs, ys, x[:n_train], x[n_train:], y[:n_train], y[n_train:]]
