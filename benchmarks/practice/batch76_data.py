"""Data for the batch-76 cases (hypernetworks and input-dependent weights): a generated family
of sine tasks (amplitude and phase as the task code), a generated family of cubic polynomials
(a task id each), a generated context-dependent classification (the rule picked by a context
id) and sklearn's bundled 8 x 8 digits as images. Data seed 0 (+ 760 .. + 763), no downloads.
"""

from __future__ import annotations

from functools import cache

import numpy as np

from benchmarks.practice.batch2_data import DATA_SEED


def _sine_rows(n_tasks: int, per_task: int, rng: np.random.Generator
               ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:  # fmt: skip
    amplitude = rng.uniform(0.5, 3.0, size=n_tasks)
    phase = rng.uniform(0.0, np.pi, size=n_tasks)
    task = np.repeat(np.arange(n_tasks), per_task)
    x = rng.uniform(-5.0, 5.0, size=n_tasks * per_task)
    y = amplitude[task] * np.sin(x + phase[task])
    code = np.stack([amplitude[task], phase[task]], axis=1)
    order = rng.permutation(len(x))
    return (code[order].astype("float32"), x[order, None].astype("float32"),
            y[order, None].astype("float32"))  # fmt: skip


@cache
def sine_tasks() -> list[np.ndarray]:
    """The sine family y = A sin(x + p) (seed 760): A uniform in 0.5..3, p in 0..pi, x in
    -5..5. 300 training tasks x 20 points (6000 rows), 75 new validation tasks x 20 points
    (1500 rows), rows shuffled. The task code is the raw (A, p) pair (radians); scripts scale
    it. Returns code, x, y, codeval, xval, yval (float32; code (n, 2), x and y (n, 1))."""
    rng = np.random.default_rng(DATA_SEED + 760)
    code, x, y = _sine_rows(300, 20, rng)
    codeval, xval, yval = _sine_rows(75, 20, rng)
    return [code, x, y, codeval, xval, yval]


@cache
def poly_tasks(n_tasks: int = 20, per_task: int = 100, per_task_val: int = 30
               ) -> list[np.ndarray]:  # fmt: skip
    """A family of cubic polynomials (seed 761): task t has coefficients c0..c3 ~ N(0, 1),
    y = c0 + c1 x + c2 x^2 + c3 x^3 + N(0, 0.05) on x uniform in -1..1. 20 tasks; 100
    training and 30 validation points per task (new x). Returns tid, x, y, tidval, xval, yval
    (tid int32 (n,), x and y float32 (n, 1))."""
    rng = np.random.default_rng(DATA_SEED + 761)
    coef = rng.normal(size=(n_tasks, 4))

    def rows(per: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        tid = np.repeat(np.arange(n_tasks), per)
        x = rng.uniform(-1.0, 1.0, size=len(tid))
        powers = np.stack([x**k for k in range(4)], axis=1)
        y = (powers * coef[tid]).sum(axis=1) + rng.normal(0.0, 0.05, size=len(tid))
        order = rng.permutation(len(tid))
        return (tid[order].astype("int32"), x[order, None].astype("float32"),
                y[order, None].astype("float32"))  # fmt: skip

    tid, x, y = rows(per_task)
    tidval, xval, yval = rows(per_task_val)
    return [tid, x, y, tidval, xval, yval]


@cache
def context_rules(n_train: int = 6000, n_val: int = 1500, dim: int = 8, contexts: int = 6,
                  classes: int = 3) -> list[np.ndarray]:  # fmt: skip
    """Context-dependent classification (seed 762): x ~ N(0, 1) in 8 dimensions, a context id
    0..5 picks one of 6 random linear rules W_c (3 x 8); the label is argmax(W_c x), 3
    classes (without the context about 0.45 is reachable). Returns x, ctx, y, xval, ctxval,
    yval (x float32, ctx int32, y int64)."""
    rng = np.random.default_rng(DATA_SEED + 762)
    rules = rng.normal(size=(contexts, classes, dim))
    n = n_train + n_val
    x = rng.normal(size=(n, dim))
    ctx = rng.integers(contexts, size=n)
    y = np.einsum("nkd,nd->nk", rules[ctx], x).argmax(axis=1)
    x, ctx, y = x.astype("float32"), ctx.astype("int32"), y.astype(np.int64)
    return [x[:n_train], ctx[:n_train], y[:n_train], x[n_train:], ctx[n_train:], y[n_train:]]


@cache
def digits_images() -> list[np.ndarray]:
    """sklearn's 8 x 8 digits (1797) in a seeded order (763), pixels / 16, shape (8, 8, 1):
    1200 train, 597 validate. Returns x, xval (float32), y, yval (0..9)."""
    from sklearn.datasets import load_digits

    digits = load_digits()
    order = np.random.default_rng(DATA_SEED + 763).permutation(len(digits.target))
    x = (digits.images[order] / 16.0).astype("float32")[..., None]
    y = digits.target[order].astype(np.int64)
    return [x[:1200], x[1200:], y[:1200], y[1200:]]
