"""Validation inputs given in another order than the training inputs: a model of several
inputs whose validation list swaps two of them (`validation_data=([gyro_val, acc_val], y)`
while training takes `[acc, gyro]`: a list goes by position).

Each input is standardised on its own in such scripts, so every value lies where its
training twin's do, and `validation_distance` sees nothing. Their distributions do not: a
swapped input's values are distributed like the other training input's, not like its own.
Each numeric input's channels (its last axis: the sensor axes of a window, a table's
columns, an image's colour channels) are read as columns of values over rows and positions,
and `column_order` assigns the validation columns to the training columns; a column moved
onto another input's column names the pair. Inputs of one distribution (the two images of a
siamese pair) match each other by chance, their own as well, and the pre-flight's gates
(`val_column_shift`, `val_column_match`) keep them quiet.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from autotrainer_keras.measure.column_order import MAX_COLUMNS, ColumnOrder, column_order
from autotrainer_keras.measure.sample_rows import evenly_spaced

VALUES = 4096
"""Values read per column (evenly spaced over rows and positions)."""


@dataclass(frozen=True)
class InputOrder:
    """`moved`: (validation input, the training input its channels are assigned to) for
    each input whose channels move onto another input's; the distances as `ColumnOrder`'s."""

    moved: tuple[tuple[str, str], ...] = ()
    order: ColumnOrder = ColumnOrder()


def _channels(x: object) -> np.ndarray | None:
    """An input as (values, channels): rows and positions flattened, evenly spaced down to
    `VALUES`; None for a non-numeric input or one of a single value per row."""
    if not isinstance(x, np.ndarray) or x.dtype.kind not in "biuf" or x.ndim < 2:
        return None
    values = x.reshape(-1, x.shape[-1])
    return np.asarray(evenly_spaced(values, min(VALUES, len(values))), np.float64)


def input_order(x_train: object, x_val: object, least_shift: float = 0.0) -> InputOrder:
    """How the validation inputs' channels match the training inputs' (both dicts of arrays
    by input name); empty when fewer than two inputs of the same number of channels can be
    read, more than `MAX_COLUMNS` channels in all, or no channel moves between inputs."""
    if not (isinstance(x_train, dict) and isinstance(x_val, dict)):
        return InputOrder()
    train, val, owner = [], [], []
    for name, x in x_train.items():
        ours, theirs = _channels(x), _channels(x_val.get(name))
        if ours is None or theirs is None or ours.shape[1] != theirs.shape[1]:
            continue
        rows = min(len(ours), len(theirs))
        train.append(ours[:rows])
        val.append(theirs[:rows])
        owner += [name] * ours.shape[1]
    widths = [part.shape[1] for part in train]
    if len(train) < 2 or len(set(widths)) == len(widths) or len(owner) > MAX_COLUMNS:
        return InputOrder()  # no two inputs alike in width: none can stand for another
    rows = min(len(part) for part in train)
    features = np.concatenate([part[:rows] for part in train], axis=1)
    order = column_order(features, np.concatenate([part[:rows] for part in val], axis=1),
                         rows, None, least_shift)  # fmt: skip
    moved = dict.fromkeys((owner[j], owner[k]) for j, k in order.moved if owner[j] != owner[k])
    return InputOrder(tuple(moved), order)
