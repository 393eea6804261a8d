"""Data for the batch-71 cases: sklearn's bundled 8 x 8 digits split into continual-learning
tasks (data seed 0 (+171, +172), no downloads).

Batch 71 is continual / incremental learning as practitioners write it: class-incremental
tasks (digits 0-4, then 5-9), a replay buffer, a domain-incremental pair (the digits, then
the same digits with their 64 pixels permuted) for EWC / L2-SP penalties, and
task-incremental heads. Pixels are returned raw (0..16): the scripts scale them by 1 / 16,
or forget to for some of the rows.
"""

from __future__ import annotations

from functools import cache

import numpy as np

from benchmarks.practice.batch2_data import DATA_SEED


@cache
def digit_tasks() -> dict[str, np.ndarray]:
    """sklearn's digits (1797 images, 64 pixels 0..16, flattened), a seeded stratified split
    (171): 70 % train, 30 % validate; then split into two class-incremental tasks as
    split-benchmark loaders do, with task-local labels. Keys: `xa`, `ya` (task A: digits 0-4,
    labels 0..4), `xb`, `yb_local` (task B: digits 5-9, labels 0..4 local to the task),
    `xval`, `yval` (every validation image, global labels 0..9), `xval_b`, `yval_b_local`
    (task B's validation images, local labels). All x float32 raw 0..16."""
    from sklearn.datasets import load_digits
    from sklearn.model_selection import train_test_split

    digits = load_digits()
    x, xval, y, yval = train_test_split(digits.data.astype("float32"),
                                        digits.target.astype(np.int64), test_size=0.3,
                                        stratify=digits.target,
                                        random_state=DATA_SEED + 171)  # fmt: skip
    a, b = y < 5, y >= 5
    return {"xa": x[a], "ya": y[a], "xb": x[b], "yb_local": y[b] - 5, "xval": xval,
            "yval": yval, "xval_b": xval[yval >= 5],
            "yval_b_local": yval[yval >= 5] - 5}  # fmt: skip


@cache
def permuted_tasks() -> dict[str, np.ndarray]:
    """The domain-incremental pair ("permuted digits"): the 1257 training images of
    `digit_tasks` halved (seed 172), task A the first half as they are, task B the second
    half with its 64 pixels permuted by one fixed permutation; the 540 validation images
    both ways (1080 rows: original then permuted). Same 10 classes in both tasks. Keys:
    `xa`, `ya`, `xb`, `yb`, `xval`, `yval`, `xval_a`, `yval_a` (raw 0..16)."""
    from sklearn.datasets import load_digits
    from sklearn.model_selection import train_test_split

    digits = load_digits()
    x, xval, y, yval = train_test_split(digits.data.astype("float32"),
                                        digits.target.astype(np.int64), test_size=0.3,
                                        stratify=digits.target,
                                        random_state=DATA_SEED + 171)  # fmt: skip
    rng = np.random.default_rng(DATA_SEED + 172)
    order = rng.permutation(len(y))
    perm = rng.permutation(64)
    half = len(y) // 2
    ia, ib = order[:half], order[half:]
    return {"xa": x[ia], "ya": y[ia], "xb": x[ib][:, perm], "yb": y[ib],
            "xval": np.concatenate([xval, xval[:, perm]]),
            "yval": np.concatenate([yval, yval]), "xval_a": xval, "yval_a": yval}  # fmt: skip
