"""What `keras.Model.fit` accepts, turned into the in-memory arrays a job trains from.

Arrays pass through; a finite `tf.data.Dataset` or `keras.utils.PyDataset` (elements `(x, y)`
or `(x, y, sample_weight)`) is read once into memory, because every repair candidate retrains
from the same data. Validation comes, as in Keras, from `validation_data` (a pair, a triple
with sample weights, or a dataset), else `validation_split` (the last fraction of the rows,
before any shuffling, as Keras does), else the config's seeded split.
"""

from __future__ import annotations

import itertools
import math
import os
import sys
from dataclasses import dataclass
from typing import Any

import numpy as np

from autotrainer_keras.errors import InputError
from autotrainer_keras.fit_weights import checked_weights
from autotrainer_keras.io.arrays import Arrays, concatenate, n_rows, take
from autotrainer_keras.io.data import Dataset, dataset_from_arrays, split_indices

SUPPORTED = "numpy arrays, a finite tf.data.Dataset or a keras.utils.PyDataset"


@dataclass(frozen=True)
class Rows:
    """Samples read from one `fit` argument.

    Attributes:
        x, y: Inputs and targets.
        sample_weight: One weight per row (or one array per output), or None.
        batch_size: Rows of the first batch when the source was batched, else None.
    """

    x: Arrays
    y: Arrays
    sample_weight: Arrays | None = None
    batch_size: int | None = None


def _is_tf_dataset(data: Any) -> bool:
    return type(data).__module__.startswith("tensorflow") and hasattr(data, "as_numpy_iterator")


def _is_py_dataset(data: Any) -> bool:
    if "keras" not in sys.modules:  # no Keras imported: no PyDataset can exist
        return False
    import keras

    return isinstance(data, keras.utils.PyDataset)


def _unpack(element: Any, origin: str) -> tuple[Any, Any, Any]:
    if not isinstance(element, tuple | list) or len(element) not in (2, 3):
        raise InputError(
            f"{origin}: each dataset element must be (x, y) or (x, y, sample_weight), "
            f"got {type(element).__name__}"
        )
    return element[0], element[1], element[2] if len(element) == 3 else None


def _batches(data: Any, origin: str, steps: int | None = None) -> list[Any]:
    """The elements of a dataset or PyDataset (`steps`: only its first `steps`, as Keras'
    `steps_per_epoch` reads one epoch of an infinite one), or `steps` of a generator."""
    if callable(getattr(data, "__next__", None)):  # a generator: read_rows needs `steps`
        return list(itertools.islice(data, steps))
    if _is_tf_dataset(data):
        import tensorflow as tf

        if steps is not None:
            _whole_epochs(int(data.cardinality()), steps, origin)
            return list(data.take(steps).as_numpy_iterator())
        if int(data.cardinality()) == int(tf.data.INFINITE_CARDINALITY):
            raise InputError(
                f"{origin}: the tf.data.Dataset is infinite (repeat()); pass a finite one, or "
                "steps_per_epoch (validation_steps) to read that many batches of it"
            )
        return list(data.as_numpy_iterator())
    try:
        count = data.num_batches
    except NotImplementedError:
        count = None
    if count is None and steps is None:
        raise InputError(
            f"{origin}: the PyDataset is infinite (num_batches is None); pass steps_per_epoch "
            "(validation_steps) to read that many batches of it"
        )
    if steps is not None and count is not None:
        _whole_epochs(int(count), steps, origin)
    return [data[i] for i in range(min(c for c in (count, steps) if c is not None))]


def _whole_epochs(batches: int, steps: int, origin: str) -> None:
    """Refuse `steps` fewer than a finite dataset's batches: Keras would then spread its
    rows over several epochs, while every training of the job runs whole epochs over the
    rows it read (`batches` < 0: unknown or infinite, read `steps` of it)."""
    if 0 <= steps < batches:
        raise InputError(
            f"{origin}: steps_per_epoch (validation_steps) {steps} is fewer than the dataset's "
            f"{batches} batches; the job runs whole epochs over the rows it reads: leave it at "
            "None for a finite dataset (it is for an endless one or a generator)"
        )


def read_rows(data: Any, y: Any = None, origin: str = "fit()", steps: int | None = None,
              pad: bool = False) -> Rows:  # fmt: skip
    """Rows of `x` (and `y`) as Keras' `fit(x, y)` would take them; `steps` (Keras'
    `steps_per_epoch` or `validation_steps`): one epoch of that many batches of a dataset, a
    PyDataset or a generator, read once (the job trains every attempt on those rows); `pad`:
    a dataset's batches of different sequence lengths are padded with zeros to the longest
    (`io.arrays.concatenate`; `Watch`'s probe rows: the job refuses them, it trains on rows).

    Raises:
        InputError: `data` is not a supported form, a dataset is infinite or empty (or a
            generator has no `steps`), its elements are not (x, y[, sample_weight]), `y` is
            given next to a dataset, or `steps` next to arrays.
    """
    if data is None:
        raise InputError(f"{origin}: x is required: {SUPPORTED}")
    if isinstance(data, str | os.PathLike):  # read as a 0-d array: "y is required"
        raise InputError(
            f"{origin}: x must be {SUPPORTED}, got the path {str(data)!r}: load the arrays "
            "first (e.g. numpy.load)"
        )
    generator = callable(getattr(data, "__next__", None))
    if generator and steps is None:
        hint = ("pass steps_per_epoch (validation_steps) and the job reads that many batches "
                "of it into memory for every attempt") if origin.startswith("fit()") else (
                "pass arrays or a finite dataset")  # fmt: skip
        raise InputError(
            f"{origin}: x must be {SUPPORTED}, got {type(data).__name__}: a generator can be "
            f"read only once; {hint}"
        )
    if _is_tf_dataset(data) or _is_py_dataset(data) or generator:
        if y is not None:
            raise InputError(f"{origin}: y must not be given when x is a dataset")
        batches = [_unpack(b, origin) for b in _batches(data, origin, steps)]
        if not batches:
            raise InputError(f"{origin}: the dataset has no elements")
        xs, ys, ws = zip(*batches, strict=True)  # elements are batches, as for Keras' fit
        _check_batched(xs[0], ys[0], origin)
        if steps is not None:  # a stream read for `steps` batches: a generator's bug
            _check_advances(xs, origin)
        try:
            x, y = concatenate(list(xs), pad), concatenate(list(ys), pad)
            rows = Rows(x, y, _weights(ws), n_rows(xs[0]))
        except (ValueError, TypeError) as error:
            raise InputError(f"{origin}: the dataset's batches cannot be joined: {error}") from None
        return rows
    if steps is not None:
        raise InputError(
            f"{origin}: steps_per_epoch (validation_steps) is for a dataset or a generator; with "
            "arrays the job runs whole epochs over them: leave it at None"
        )
    if y is None:
        raise InputError(f"{origin}: y is required when x is an array")
    return Rows(_arrays(data, origin, "x"), _arrays(y, origin, "y"))


def _check_advances(xs: tuple[Any, ...], origin: str) -> None:
    """Refuse batches that are all the first one again (a generator whose index never
    advances: practice batch 10's `generator_same_batch` trained on 64 rows, 0.59 against
    0.83): Keras trains on them without a word."""
    if len(xs) < 2:
        return
    first = [np.asarray(a) for a in _leaves(xs[0])]
    for x in xs[1:]:
        leaves = [np.asarray(a) for a in _leaves(x)]
        if len(leaves) != len(first) or not all(
            a.shape == b.shape and np.array_equal(a, b) for a, b in zip(leaves, first, strict=True)
        ):
            return
    raise InputError(
        f"{origin}: all {len(xs)} batches read are the same rows as the first: the generator "
        "or dataset does not advance (an index never incremented?); it must yield the data's "
        "batches in turn"
    )


def _check_batched(x: Any, y: Any, origin: str) -> None:
    """Refuse a dataset of single rows (no `.batch()`): Keras' fit takes batches."""
    shapes = [np.shape(array) for part in (x, y) for array in _leaves(part)]
    rows = {shape[0] if shape else None for shape in shapes}
    if None in rows or len(rows) > 1:
        raise InputError(
            f"{origin}: the dataset's elements are not batches (the first holds arrays of "
            f"shapes {', '.join(str(tuple(s)) for s in shapes)}, not one row count); batch "
            "it first, e.g. dataset.batch(32)"
        )


def _leaves(value: Any) -> list[Any]:
    if isinstance(value, dict):
        return list(value.values())
    if isinstance(value, list | tuple):
        return list(value)
    return [value]


def _arrays(value: Any, origin: str, what: str) -> Arrays:
    """An array, or a dict of arrays by input / output name; a list of arrays is refused
    (its order cannot be checked against the model's names)."""
    if isinstance(value, dict):
        return {str(name): np.asarray(array) for name, array in value.items()}
    if isinstance(value, list | tuple) and value and all(hasattr(v, "shape") for v in value):
        raise InputError(
            f"{origin}: {what} is a list of {len(value)} arrays; pass a dict of arrays by "
            f"{'input' if what == 'x' else 'output'} name"
        )
    return np.asarray(value)


def is_array(value: Any) -> bool:
    """An array of one dimension or more (not a Python list of rows, not a NumPy scalar):
    what a list of several inputs or targets holds."""
    return hasattr(value, "shape") and len(value.shape) >= 1


def dataset_by_name(data: Any, names: list[str] | None) -> Any:
    """A `tf.data` dataset whose elements' inputs are a tuple of one tensor per model input
    (`Dataset.from_tensor_slices(((numeric, grade, purpose), y))`, as Keras' `fit` takes it
    for a model with several inputs) mapped to inputs by the model's `names`, in its order;
    anything else as it is. The job keeps several inputs by name (practice batch 22: such a
    dataset was refused, "the dataset's batches cannot be joined")."""
    if names is None or len(names) < 2 or not _is_tf_dataset(data):
        return data
    spec = data.element_spec
    if not (isinstance(spec, tuple) and len(spec) in (2, 3) and isinstance(spec[0], tuple)
            and len(spec[0]) == len(names)):  # fmt: skip
        return data
    return data.map(lambda x, *rest: (dict(zip(names, x, strict=True)), *rest))


def batches_by_name(data: Any, inputs: list[str] | None, outputs: list[str] | None) -> Any:
    """A `keras.utils.PyDataset` or a generator whose batches give the inputs (targets) by
    position, `((support, labels, query), y)` as Keras' `fit` takes them for a model with
    several inputs, read with each batch's inputs and targets by the model's names
    (`by_position`); anything else as it is (practice batch 73: a PyDataset of few-shot
    episodes was refused, "the dataset's batches cannot be joined")."""
    if inputs is None and outputs is None:
        return data

    def named(element: Any) -> Any:
        if not isinstance(element, tuple | list) or len(element) not in (2, 3):
            return element  # refused by `read_rows` with its own message
        x, y, *rest = element
        return (by_position(x, inputs, "inputs"), by_position(y, outputs, "outputs"), *rest)

    if callable(getattr(data, "__next__", None)):
        return (named(element) for element in data)
    if _is_py_dataset(data):
        from autotrainer_keras.mapped_batches import MappedBatches

        return MappedBatches(data, named)
    return data


def by_position(value: Any, names: list[str] | None, what: str, origin: str = "fit()") -> Any:
    """Arrays given by position (a list or tuple, as Keras' `fit` takes them for a model with
    several inputs or outputs) as a dict by the model's `names`, in the order the model
    declared them; a single array given as a one-item list unwrapped; anything else as it is.

    `names`: the model's input (or output) names in its own order, or None when it declared
    them as a dict (its order is then Keras' sorted keys, not the user's: refused by
    `_arrays`, which asks for a dict by name).

    Raises:
        InputError: The number of arrays is not the model's number of inputs (outputs).
    """
    arrays = isinstance(value, list | tuple) and value and all(is_array(v) for v in value)
    if not arrays or names is None:
        return value
    if len(names) == 1 and len(value) == 1:
        return value[0]
    if len(value) != len(names):
        raise InputError(
            f"{origin}: {what} holds {len(value)} arrays by position but the model has "
            f"{len(names)} ({', '.join(names)}); pass one array per {what[:-1]}, in that "
            "order, or a dict by name"
        )
    return dict(zip(names, value, strict=True))


def _weights(weights: tuple[Any, ...]) -> Arrays | None:
    if all(w is None for w in weights):
        return None
    if any(w is None for w in weights):
        raise InputError("fit(): some dataset elements have sample weights and some do not")
    return concatenate(list(weights))


@dataclass(frozen=True)
class FitData:
    """A job's data from `fit` arguments: the checked arrays, weights and batch size."""

    dataset: Dataset
    batch_size: int | None  # from a batched dataset, when `fit` was not given one


def fit_data(
    x: Any,
    y: Any,
    *,
    validation_data: Any,
    validation_split: float | None,
    sample_weight: Any,
    class_weight: dict[int, float] | None,
    config_split: float,
    seed: int,
    steps_per_epoch: int | None = None,
    validation_steps: int | None = None,
) -> FitData:
    """Check and convert `fit`'s data arguments into a `Dataset`.

    Raises:
        InputError: An argument is of a form `fit` does not take or does not match the data.
    """
    if validation_steps is not None and validation_data is None:
        raise InputError(
            "fit(): validation_steps is for a validation dataset or generator "
            "(validation_data); validation rows split off x are evaluated whole"
        )
    train = read_rows(x, y, "fit() x", steps_per_epoch)
    if sample_weight is not None and train.sample_weight is not None:
        raise InputError("fit(): sample_weight must not be given when x yields sample weights")
    rows = n_rows(train.x)
    given = train.sample_weight if sample_weight is None else sample_weight
    weights = None if given is None else checked_weights(given, rows, "fit(): sample_weight",
                                                         targets=train.y)  # fmt: skip
    if class_weight is not None and weights is not None:
        raise InputError(
            "fit(): class_weight and sample weights cannot be given together (Keras' fit "
            "takes one or the other); fold the class weights into sample_weight"
        )
    if class_weight is not None and isinstance(train.y, dict):
        raise InputError(
            "fit(): class_weight needs a model with one output (as in Keras' fit); for "
            "several outputs pass sample_weight"
        )
    arrays: dict[str, object] = {"x_train": train.x, "y_train": train.y}
    val_weights: Arrays | None = None
    if validation_data is not None:
        val = _validation_rows(validation_data, validation_steps)
        arrays |= {"x_val": val.x, "y_val": val.y}
        val_weights = val.sample_weight
    elif validation_split is not None:
        if not 0 < validation_split < 1:
            raise InputError(f"fit(): validation_split must be in (0, 1), got {validation_split}")
        cut = rows - max(1, int(round(rows * validation_split)))
        if cut < 1:
            raise InputError(f"fit(): {rows} rows cannot be split by {validation_split}")
        head, tail = slice(0, cut), slice(cut, None)
        arrays = {
            "x_train": take(train.x, head), "y_train": take(train.y, head),
            "x_val": take(train.x, tail), "y_val": take(train.y, tail),
        }  # fmt: skip
        if weights is not None:
            weights, val_weights = take(weights, head), take(weights, tail)
    elif weights is not None:  # the config's seeded split must keep rows and weights together
        kept, held = split_indices(rows, config_split, seed)
        arrays = {
            "x_train": take(train.x, kept), "y_train": take(train.y, kept),
            "x_val": take(train.x, held), "y_val": take(train.y, held),
        }  # fmt: skip
        weights, val_weights = take(weights, kept), take(weights, held)
    dataset = dataset_from_arrays(arrays, config_split, seed, origin="fit()")
    streamed = (_is_tf_dataset(x) and steps_per_epoch is None and validation_data is not None
                and train.sample_weight is None)  # fmt: skip
    return FitData(
        Dataset(
            dataset.x_train,
            dataset.y_train,
            dataset.x_val,
            dataset.y_val,
            split_from_train=validation_data is None,
            sample_weight=weights,
            val_sample_weight=val_weights,
            class_weight=checked_class_weight(class_weight),
            stream=x if streamed else None,
            stream_batch=train.batch_size if streamed else None,
        ),  # fmt: skip
        train.batch_size,
    )


def _validation_rows(validation_data: Any, steps: int | None = None) -> Rows:
    if (_is_tf_dataset(validation_data) or _is_py_dataset(validation_data)
            or callable(getattr(validation_data, "__next__", None))):  # fmt: skip
        return read_rows(validation_data, None, "fit() validation_data", steps)
    if steps is not None:
        raise InputError(
            "fit(): validation_steps is for a validation dataset or generator; validation "
            "arrays are evaluated whole: leave it at None"
        )
    if not isinstance(validation_data, tuple | list) or len(validation_data) not in (2, 3):
        raise InputError(
            "fit(): validation_data must be a pair (x_val, y_val), a triple (x_val, y_val, "
            f"sample_weight_val) or a dataset, got {type(validation_data).__name__}"
        )
    x_val, y_val, *rest = validation_data
    rows = read_rows(x_val, y_val, "fit() validation_data")
    given = rest[0] if rest else rows.sample_weight
    what, count = "fit(): validation sample_weight", n_rows(rows.x)
    weights = None if given is None else checked_weights(given, count, what, "x_val", rows.y)
    return Rows(rows.x, rows.y, weights)


def checked_class_weight(class_weight: Any, origin: str = "fit()") -> dict[int, float] | None:
    """Keras' `class_weight` as `{int: float}`, or None.

    Raises:
        InputError: It is not a dict of class indices to finite, non-negative weights.
    """
    if class_weight is None:
        return None
    if not isinstance(class_weight, dict) or not all(
        isinstance(k, int | np.integer)
        and not isinstance(k, bool)
        and isinstance(v, int | float | np.integer | np.floating)
        and math.isfinite(v)
        and v >= 0
        for k, v in class_weight.items()
    ):
        raise InputError(
            f"{origin}: class_weight must be a dict {{class index: weight >= 0}}, "
            f"got {_brief(class_weight)}"
        )
    return {int(k): float(v) for k, v in class_weight.items()}


def _brief(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."
