"""Data for the batch-79 cases (algorithmic and arithmetic tasks): generated 3-digit addition
problems as character strings, digit sequences to sort, bracket strings to check for balance,
digit sequences with their running sums, and number vectors whose target is a fixed
signed sum (a training range and a larger validation range). Data seed 0 (+ 790 .. + 794), no
downloads.
"""

from __future__ import annotations

from functools import cache

import numpy as np

from benchmarks.practice.batch2_data import DATA_SEED

ADD_CHARS = "0123456789+ "  # the addition vocabulary: digits 0..9, '+' 10, ' ' 11


@cache
def addition_problems(n_train: int = 8000, n_val: int = 2000, digits: int = 3
                      ) -> list[np.ndarray]:  # fmt: skip
    """3-digit addition as strings (seed 790): "a+b" with a, b uniform in 0..999, written
    without leading zeros and padded with spaces on the right to 7 characters; the answer
    written with leading zeros to 4 digits ("0579"). Distinct (a, b) pairs, none in both
    sets. Returns chars, answer, charsval, answerval: chars int32 (n, 7) indices into
    `ADD_CHARS`, answer int64 (n, 4) digits, most significant first."""
    rng = np.random.default_rng(DATA_SEED + 790)
    top = 10**digits
    pairs = rng.choice(top * top, size=n_train + n_val, replace=False)
    a, b = pairs // top, pairs % top
    width = 2 * digits + 1
    lookup = {c: i for i, c in enumerate(ADD_CHARS)}
    pairs_ab = list(zip(a, b, strict=True))
    chars = np.array([[lookup[c] for c in f"{p}+{q}".ljust(width)] for p, q in pairs_ab],
                     dtype="int32")  # fmt: skip
    answer = np.array([[int(c) for c in f"{p + q:0{digits + 1}d}"] for p, q in pairs_ab],
                      dtype=np.int64)  # fmt: skip
    return [chars[:n_train], answer[:n_train], chars[n_train:], answer[n_train:]]


@cache
def sort_sequences(n_train: int = 8000, n_val: int = 2000, length: int = 8) -> list[np.ndarray]:
    """Sequences of 8 digits (0..9, uniform, repeats allowed; seed 791) and the same digits
    sorted ascending. Returns x, y, xval, yval (int32 x, int64 y; (n, 8) each)."""
    rng = np.random.default_rng(DATA_SEED + 791)
    x = rng.integers(10, size=(n_train + n_val, length))
    y = np.sort(x, axis=1)
    return [x[:n_train].astype("int32"), y[:n_train].astype(np.int64),
            x[n_train:].astype("int32"), y[n_train:].astype(np.int64)]  # fmt: skip


def _balanced(length: int, rng: np.random.Generator) -> str:
    """A random balanced bracket string of `length` (even) characters."""
    out, depth, opened = [], 0, 0
    for i in range(length):
        left = length - i
        can_open, can_close = opened < length // 2, depth > 0
        if can_open and (not can_close or rng.random() < 0.5) and depth < left:
            out.append("(")
            depth, opened = depth + 1, opened + 1
        else:
            out.append(")")
            depth -= 1
    return "".join(out)


def _near_miss(text: str, rng: np.random.Generator) -> str:
    """An unbalanced string close to a balanced one: one bracket flipped, or two adjacent
    characters swapped where that breaks the balance."""
    while True:
        chars = list(text)
        if rng.random() < 0.5:
            i = int(rng.integers(len(chars)))
            chars[i] = "(" if chars[i] == ")" else ")"
        else:
            i = int(rng.integers(len(chars) - 1))
            chars[i], chars[i + 1] = chars[i + 1], chars[i]
        out = "".join(chars)
        depth, ok = 0, True
        for c in out:
            depth += 1 if c == "(" else -1
            ok = ok and depth >= 0
        if not (ok and depth == 0):
            return out


@cache
def bracket_strings(n_train: int = 6000, n_val: int = 1500, max_len: int = 24
                    ) -> list[np.ndarray]:  # fmt: skip
    """Bracket strings (seed 792) of even length 4..24: half balanced, half a near miss of a
    balanced one (one bracket flipped or two neighbours swapped), so counting alone does not
    decide it. Tokens "(" 1, ")" 2, padded with 0 after the string to 24. Returns x, y, xval,
    yval (x int32 (n, 24), y float32 (n,) 1 = balanced)."""
    rng = np.random.default_rng(DATA_SEED + 792)
    n = n_train + n_val
    x = np.zeros((n, max_len), dtype="int32")
    y = np.zeros(n, dtype="float32")
    for row in range(n):
        text = _balanced(2 * int(rng.integers(2, max_len // 2 + 1)), rng)
        if row % 2:
            text = _near_miss(text, rng)
        else:
            y[row] = 1.0
        x[row, :len(text)] = [1 if c == "(" else 2 for c in text]
    order = rng.permutation(n)
    x, y = x[order], y[order]
    return [x[:n_train], y[:n_train], x[n_train:], y[n_train:]]


@cache
def running_sums(n_train: int = 4000, n_val: int = 1000, length: int = 20) -> list[np.ndarray]:
    """Digit sequences (0..9 uniform, 20 steps; seed 793) and their running sums (0..180,
    about 90 at the end). Returns x, y, xval, yval, float32 (n, 20, 1) each, raw units."""
    rng = np.random.default_rng(DATA_SEED + 793)
    x = rng.integers(10, size=(n_train + n_val, length, 1)).astype("float32")
    y = np.cumsum(x, axis=1)
    return [x[:n_train], y[:n_train], x[n_train:], y[n_train:]]


@cache
def signed_sums(n_train: int = 4000, n_val: int = 1000, dim: int = 10) -> list[np.ndarray]:
    """Number vectors (seed 794) with the target y = x0 + x1 - x2 + x3 (the other 6 inputs
    distractors): training x uniform in 0..1, validation x uniform in 0..5 (the
    extrapolation split neural arithmetic units are judged on). Returns x, y, xval, yval
    (float32; x (n, 10), y (n, 1))."""
    rng = np.random.default_rng(DATA_SEED + 794)
    coef = np.zeros(dim, dtype="float32")
    coef[:4] = [1.0, 1.0, -1.0, 1.0]
    x = rng.uniform(0.0, 1.0, size=(n_train, dim)).astype("float32")
    xval = rng.uniform(0.0, 5.0, size=(n_val, dim)).astype("float32")
    return [x, (x @ coef)[:, None], xval, (xval @ coef)[:, None]]
