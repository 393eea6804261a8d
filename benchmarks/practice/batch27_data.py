"""Data for the batch-27 cases: generated recommendation, ranking and metric-learning data
(data seed 0; sklearn's bundled digits for the metric-learning pairs, no downloads).

Batch 27 is recommenders, rankers and embeddings as practitioners meet them: explicit star
ratings (1-5) from a latent-factor model with user and item biases (as MovieLens-style
logs: integer user and item ids, one row per rating); implicit feedback (which items each
user interacted with: positives only, the negatives are the script's own); query-document
tables with graded relevance (0-4) and features in their raw units (counts, milliseconds,
a link score in the millions) for pairwise learning to rank; and 8x8 digit images for a
siamese / triplet encoder. Each function returns the data as a script receives it; centring,
scaling, negative sampling and pairing are the script's own.
"""

from __future__ import annotations

from functools import cache

import numpy as np

from benchmarks.practice.batch2_data import DATA_SEED

USERS, ITEMS = 600, 400


@cache
def _factors() -> tuple[np.ndarray, ...]:
    """The hidden taste model: 6 latent factors, a user bias and an item bias."""
    rng = np.random.default_rng(DATA_SEED)
    pu = rng.normal(0, 0.55, size=(USERS, 6))
    qi = rng.normal(0, 0.55, size=(ITEMS, 6))
    bu = rng.normal(0, 0.8, size=USERS)
    bi = rng.normal(0, 0.7, size=ITEMS)
    return pu, qi, bu, bi


@cache
def star_ratings(per_user: int = 50) -> tuple[np.ndarray, ...]:
    """Explicit ratings: each of 600 users rates 50 of 400 items (the items a user rates are
    drawn with the items' popularity); rating = round(3.5 + b_u + b_i + p_u . q_i + noise
    0.5), clipped to 1..5 (mean ~3.5). Rows in random order; the first 80 % train.
    Returns x, xval (n, 2) int32 [user id, item id] (as the Keras collaborative-filtering
    tutorial stacks them), y, yval float32 stars."""
    pu, qi, bu, bi = _factors()
    rng = np.random.default_rng(DATA_SEED + 1)
    popularity = np.exp(rng.normal(0, 1.0, size=ITEMS))
    popularity /= popularity.sum()
    users, items = [], []
    for u in range(USERS):
        chosen = rng.choice(ITEMS, size=per_user, replace=False, p=popularity)
        users += [u] * per_user
        items += list(chosen)
    u, i = np.array(users), np.array(items)
    score = 3.5 + bu[u] + bi[i] + (pu[u] * qi[i]).sum(axis=1) + rng.normal(0, 0.5, len(u))
    stars = np.clip(np.round(score), 1, 5).astype(np.float32)
    order = rng.permutation(len(u))
    x = np.stack([u, i], axis=1)[order].astype(np.int32)
    y = stars[order]
    cut = int(len(y) * 0.8)
    return x[:cut], x[cut:], y[:cut], y[cut:]


@cache
def implicit_feedback(per_user: int = 24, held_out: int = 4,
                      negatives: int = 1) -> tuple[np.ndarray, ...]:  # fmt: skip
    """Implicit feedback: each user interacted with 24 items, drawn with probability
    proportional to exp(3 * their hidden affinity) (so the interactions carry the taste);
    the last 4 of each user are held out. Training positives come as a log sorted by user
    (as exported). Validation: the held-out positives, each with one item the user never
    touched (uniform), in random order (balanced). Returns pos (m, 2) int32 [user, item] sorted by
    user, seen (USERS, ITEMS) bool (every interaction, for negative sampling), xval (k, 2)
    int32, yval float32 0/1."""
    pu, qi, bu, bi = _factors()
    rng = np.random.default_rng(DATA_SEED + 2)
    affinity = bi[None, :] + pu @ qi.T
    seen = np.zeros((USERS, ITEMS), dtype=bool)
    train, val, val_y = [], [], []
    for u in range(USERS):
        p = np.exp(3.0 * affinity[u])
        chosen = rng.choice(ITEMS, size=per_user, replace=False, p=p / p.sum())
        seen[u, chosen] = True
        train += [(u, int(i)) for i in chosen[:-held_out]]
        for i in chosen[-held_out:]:
            val.append((u, int(i)))
            val_y.append(1.0)
            unseen = np.flatnonzero(~seen[u])
            for j in rng.choice(unseen, size=negatives, replace=False):
                val.append((u, int(j)))
                val_y.append(0.0)
    order = rng.permutation(len(val))
    xval = np.array(val, dtype=np.int32)[order]
    yval = np.array(val_y, dtype=np.float32)[order]
    return np.array(train, dtype=np.int32), seen, xval, yval


@cache
def ranking_queries(queries: int = 400, docs: int = 20) -> tuple[np.ndarray, ...]:
    """Query-document features for learning to rank: 400 queries x 20 candidate documents,
    6 features in their logged units: term matches (0-30), BM25-like score (0-40), page
    views (0-2e5, heavy-tailed), dwell time in ms (1e3-2e5), a link score (0-5e6) and the
    document age in days (0-3000). Relevance 0-4 from a hidden non-linear mix of the
    log-scaled features plus noise. The first 320 queries train. Returns f, fval (q, docs, 6)
    float32 raw, g, gval (q, docs) int32 grades."""
    rng = np.random.default_rng(DATA_SEED + 3)
    z = rng.normal(size=(queries, docs, 6))
    z[:, :, 0] += rng.normal(size=(queries, 1))  # queries differ in how much matches
    matches = np.clip(np.round(8 + 5 * z[:, :, 0]), 0, 30)
    bm25 = np.clip(12 + 6 * (0.7 * z[:, :, 0] + 0.7 * z[:, :, 1]), 0, 40)
    views = np.exp(7 + 1.5 * z[:, :, 2])
    dwell = np.exp(9.5 + 0.8 * z[:, :, 3])
    links = np.exp(11 + 1.5 * z[:, :, 4])
    age = np.clip(900 + 600 * z[:, :, 5], 0, 3000)
    hidden = (0.8 * z[:, :, 1] + 0.5 * z[:, :, 0] + 0.6 * np.tanh(z[:, :, 2])
              + 0.5 * z[:, :, 3] * (z[:, :, 4] > 0) - 0.3 * z[:, :, 5]
              + rng.normal(0, 0.4, size=(queries, docs)))  # fmt: skip
    grades = np.digitize(hidden, [-0.8, 0.2, 0.9, 1.6]).astype(np.int32)
    f = np.stack([matches, bm25, views, dwell, links, age], axis=-1).astype(np.float32)
    cut = int(queries * 0.8)
    return f[:cut], f[cut:], grades[:cut], grades[cut:]


@cache
def digit_images() -> tuple[np.ndarray, ...]:
    """sklearn's bundled 8x8 digits (1797): x, xval (n, 64) float32 in 0..16 (as loaded),
    y, yval; the first 1400 (after a seeded shuffle) train."""
    from sklearn.datasets import load_digits

    data = load_digits()
    order = np.random.default_rng(DATA_SEED).permutation(len(data.target))
    x = data.data[order].astype(np.float32)
    y = data.target[order].astype(np.int32)
    return x[:1400], x[1400:], y[:1400], y[1400:]
