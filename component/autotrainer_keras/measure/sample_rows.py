"""How many evenly spaced rows a statistic of the data reads: a row count, fewer for large rows.

The pre-flight statistics (input scales, the validation inputs' distance, the targets' mean
and spread) read a sample of rows. Counted in rows alone, a sample of images holds thousands
of times a table's values: 2000 images of 128 x 128 x 3 are 98 million (400 MB as float32,
several seconds of reductions). Bounded by entries too, every sample stays a few MB.
"""

from __future__ import annotations

import numpy as np

MIN_SAMPLE_ROWS = 32
"""Fewest rows a sample holds, however large a row (an image), when the data has them."""


def rows_within(array: np.ndarray, rows: int, entries: int | None) -> int:
    """At most `rows` rows of `array`, fewer when they would hold more than `entries` values
    (None: no such bound), never fewer than `MIN_SAMPLE_ROWS` (or all it has)."""
    per_row = int(np.prod(array.shape[1:], dtype=np.int64)) if array.ndim > 1 else 1
    if entries is not None and per_row * rows > entries:
        rows = max(entries // max(per_row, 1), MIN_SAMPLE_ROWS)
    return max(1, min(rows, len(array)))


def evenly_spaced(array: np.ndarray, rows: int) -> np.ndarray:
    """Every k-th row of `array`, k chosen so that at most `rows` rows are read (a view):
    spread over the data, which may be sorted by class or time."""
    return array[:: max(1, -(-len(array) // max(rows, 1)))]


def held_out_part(rows: int, count: int) -> np.ndarray:
    """A mask of `count` evenly spaced rows of `rows` (at most half of them): a part of the
    training rows set against the rest, to measure a statistic's own sampling noise."""
    part = np.zeros(rows, bool)
    part[np.linspace(0, rows - 1, max(0, min(count, rows // 2))).astype(int)] = True
    return part
