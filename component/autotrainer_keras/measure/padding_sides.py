"""Token rows and their per-step labels padded on opposite sides.

A tagger's words padded at the end (`pad_sequences(..., padding="post")`) and its tags with
`pad_sequences`' default (`padding="pre"`): every row's tags are shifted against its words
by the padding length (practice batch 25's `tagger_tags_pre_padded`: 0.73 against 1.00, no
training symptom). Read on the rows whose tokens end (or start) in a run of padding ids (0):
where the tokens are padding, aligned labels hold the padding label too (0 by the same
`pad_sequences`), and a label run of the same length at the row's other end is the shift.
Only where 0 is padding: a tokenizer reserves it, so it never sits between a row's tokens.
Where it does (digits 0-9 as tokens: practice batch 3's seq2seq reversing them, whose
labels at a row's other end are its tokens' zeros by design), nothing is read.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

INTERIOR_ZEROS = 0.01
"""The largest share of rows with a 0 between their tokens (not in a run at either end) for 0
to be read as padding."""


@dataclass(frozen=True)
class PaddingSides:
    """Over the rows with padding (`rows`): `aligned`, the share of padded token positions
    whose label is 0; `mirrored`, the share of the same number of positions at the row's
    other end whose label is 0."""

    rows: int = 0
    aligned: float = 1.0
    mirrored: float = 0.0


def padding_sides(x: np.ndarray, y: np.ndarray) -> PaddingSides:
    """`PaddingSides` of token rows `x` (n, steps) of integer ids and their labels `y` (n,
    steps) or (n, steps, 1); nothing (`rows` 0) for other shapes, for rows padded on both
    sides or none, and where 0 sits between the tokens of more than `INTERIOR_ZEROS` of
    the rows."""
    if x.ndim != 2 or x.dtype.kind not in "iuf" or y.shape[:2] != x.shape:
        return PaddingSides()
    labels = y.reshape(x.shape) if y.ndim == 3 and y.shape[2] == 1 else y
    if labels.shape != x.shape:
        return PaddingSides()
    pad = x == 0
    steps = x.shape[1]
    trailing = _run_length(pad[:, ::-1])
    leading = _run_length(pad)
    interior = pad.sum(axis=1) - np.minimum(trailing + leading, steps)
    if np.mean(interior > 0) > INTERIOR_ZEROS:
        return PaddingSides()  # 0 is a token of the rows' content, not padding
    zero = labels == 0
    aligned = mirrored = padded = rows = 0
    for row in range(len(x)):
        end, start = int(trailing[row]), int(leading[row])
        if (end > 0) == (start > 0) or max(end, start) >= steps:
            continue  # no padding, padding on both sides, or an empty row
        run = max(end, start)
        own = zero[row, steps - run:] if end else zero[row, :run]
        other = zero[row, :run] if end else zero[row, steps - run:]
        aligned += int(own.sum())
        mirrored += int(other.sum())
        padded += run
        rows += 1
    if not rows:
        return PaddingSides()
    return PaddingSides(rows, aligned / padded, mirrored / padded)


def _run_length(flags: np.ndarray) -> np.ndarray:
    """Per row, how many leading entries are True."""
    first_false = np.argmin(flags, axis=1)
    return np.where(flags.all(axis=1), flags.shape[1], first_false)
