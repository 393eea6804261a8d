"""Resolving how a model is trained (loss, metrics, task) and checking the data fits it."""

from __future__ import annotations

from typing import Any

import keras
import numpy as np

from autotrainer_keras.detect.text import ACCURACY_KEYS
from autotrainer_keras.engine.compiled import (
    ACCURACY_ALIASES,
    COMPILED_METRICS,
    check_metric,
    compiled_metrics,
    is_own_loss,
    loss_name,
    metric_name,
    serialised_loss,
    serialised_metric,
)
from autotrainer_keras.engine.missing_inputs import check_missing_inputs
from autotrainer_keras.errors import InputError
from autotrainer_keras.io.arrays import Arrays, is_named, items, take
from autotrainer_keras.io.data import Dataset
from autotrainer_keras.measure.baselines import is_multi_label
from autotrainer_keras.measure.history import Task
from autotrainer_keras.measure.label_facts import minus_one_coded
from autotrainer_keras.measure.rate_profile import evaluation_errors
from autotrainer_keras.measure.seed_state import quiet_call

LOSS_TASKS: dict[str, Task] = {
    "binary_crossentropy": Task.BINARY,
    "binary_focal_crossentropy": Task.BINARY,
    "categorical_crossentropy": Task.MULTICLASS,
    "sparse_categorical_crossentropy": Task.MULTICLASS,
    "categorical_focal_crossentropy": Task.MULTICLASS,
    "mse": Task.REGRESSION,
    "mean_squared_error": Task.REGRESSION,
    "mae": Task.REGRESSION,
    "mean_absolute_error": Task.REGRESSION,
    "huber": Task.REGRESSION,
    "log_cosh": Task.REGRESSION,
    "mean_squared_logarithmic_error": Task.REGRESSION,
    "mean_absolute_percentage_error": Task.REGRESSION,
    # scored by the validation loss alone (no accuracy) and, without a constant-predictor
    # baseline here, judged against the first losses of the training; cosine similarity is
    # negative (-1 is a perfect match)
    "cosine_similarity": Task.REGRESSION,
    "poisson": Task.REGRESSION,
    "kl_divergence": Task.REGRESSION,
    # margin losses read raw scores against -1/+1 labels (0/1 converted): an accuracy at
    # 0.5 means nothing for them, so they are scored by the validation loss too
    "hinge": Task.REGRESSION,
    "squared_hinge": Task.REGRESSION,
    "categorical_hinge": Task.REGRESSION,
    # overlap losses of segmentation: 0/1 masks against probabilities, as binary CE
    "dice": Task.BINARY,
    "tversky": Task.BINARY,
}


BINARY_LOSSES = frozenset(loss for loss, task in LOSS_TASKS.items() if task is Task.BINARY)


def _is_binary(y: np.ndarray) -> bool:
    return bool(np.isin(np.unique(y), (0, 1)).all())


def task_of(loss: str, y: np.ndarray) -> Task:
    """The task of `loss` on targets `y`: soft targets in [0, 1] under a binary loss (a
    denoising autoencoder's pixels) have no accuracy, so they are scored like a regression,
    by the validation loss."""
    task = LOSS_TASKS[loss]
    return Task.REGRESSION if task is Task.BINARY and not _is_binary(y) else task


CLASS_ACCURACIES = frozenset(ACCURACY_KEYS) | {
    "SparseCategoricalAccuracy", "CategoricalAccuracy", "BinaryAccuracy"}  # fmt: skip
"""Metrics that read class labels (by name, or by class when passed as objects): a model
compiled with one classifies, whatever its loss."""


def accuracy_task(metrics: list[str | dict[str, Any]], units: int | None, y: np.ndarray) -> Task:
    """The task a model whose loss says nothing (a function of the user's own, or a loss
    computed in `compute_loss`) trains, read from a class accuracy among its `metrics` and
    targets `y` that are class labels for an output of `units` units (None: not known);
    REGRESSION without both."""
    names = {metric_name(m) for m in metrics}
    names |= {str(m.get("class_name")) for m in metrics if isinstance(m, dict)}
    if not names & CLASS_ACCURACIES or not np.issubdtype(y.dtype, np.number):
        return Task.REGRESSION
    if y.size == 0 or not np.isfinite(y).all():
        return Task.REGRESSION
    if y.ndim == 1 or (y.ndim == 2 and y.shape[1] == 1):
        codes = np.asarray(y, np.float64)
        if not np.allclose(codes, np.rint(codes)) or codes.min() < 0:
            return Task.REGRESSION
        if units == 1:
            return Task.BINARY if _is_binary(codes) else Task.REGRESSION
        return Task.MULTICLASS if units is None or codes.max() < units else Task.REGRESSION
    one_hot = _is_binary(y) and np.allclose(y.sum(axis=-1), 1.0)
    return Task.MULTICLASS if one_hot and units in (None, y.shape[-1]) else Task.REGRESSION


def infer_loss(units: int, y: np.ndarray, output_rank: int = 2) -> str:
    """The loss an output of `units` units (and `output_rank` axes, the batch's included)
    most likely wants for targets `y`: class ids, one per row or one per step of a sequence
    output, want the sparse cross-entropy."""
    if units == 1:
        return "binary_crossentropy" if _is_binary(y) else "mse"
    one_id_each = y.ndim == output_rank - 1 or (y.ndim == output_rank and y.shape[-1] == 1)
    whole = one_id_each and bool(np.allclose(y, np.rint(y)))
    if whole and (output_rank == 2 or bool(((y >= 0) & (y < units)).all())):
        return "sparse_categorical_crossentropy"
    if y.ndim == 1 or (y.ndim == 2 and y.shape[1] == 1):
        return "mse"
    if y.shape[-1] == units and np.allclose(y.sum(axis=-1), 1.0) and _is_binary(y):
        return "categorical_crossentropy"
    return "mse"


def checked_loss_name(loss: str | dict[str, Any] | None, where: str = "") -> str | None:
    """The Keras loss name of `loss` (None: a custom loss or none), refused when the name is
    one autotrainer does not know.

    Raises:
        InputError: A Keras loss outside `LOSS_TASKS`.
    """
    name = loss_name(loss) if loss else None
    if name is not None and name not in LOSS_TASKS:
        raise InputError(
            f"loss '{name}'{where} is not supported; allowed: {', '.join(sorted(LOSS_TASKS))}"
        )
    return name


def resolve_loss(model: keras.Model, configured: str | dict[str, Any] | None, y: np.ndarray) -> str:
    """The loss name from the config, else the compiled model, else inferred from output and
    labels (also for a custom loss object, whose task the name then stands for: two classes
    only on a sigmoid or softmax output, whose outputs an accuracy at 0.5 can read; several
    classes on any output, read by their argmax).

    Raises:
        InputError: The loss is not supported.
    """
    compiled = serialised_loss(model)
    loss = checked_loss_name(configured) or checked_loss_name(compiled)
    if loss:
        return loss
    inferred = infer_loss(int(model.output_shape[-1] or 1), y, len(model.output_shape))
    if configured is None and compiled is not None and LOSS_TASKS[inferred] is Task.BINARY:
        from autotrainer_keras.measure.output_end import output_end

        if output_end(model)[0] not in ("sigmoid", "softmax"):
            return "mse"  # a user's loss on scores (a distance, a logit): no accuracy at 0.5
    return inferred


def resolve_metrics(
    model: keras.Model,
    configured: list[str | dict[str, Any]] | None,
    task: Task,
    y: np.ndarray | None = None,
) -> list[str | dict[str, Any]]:
    """Metrics from the config, else accuracy for classifiers and mae for regressors followed by
    the compiled model's own metrics (objects with all their arguments), each name once.
    Accuracy keeps the name it was compiled under (`metrics=["acc"]` logs `val_acc`, so a user
    callback monitoring it finds it; the detectors read it as `val_accuracy`); on multi-hot
    targets `y` it is the per-label binary accuracy (`score_metric`).

    Raises:
        InputError: A metric that is not a Keras metric or cannot be rebuilt from its config.
    """
    if configured is not None:
        for metric in configured:
            check_metric(metric, "config training.metrics")
        return list(configured)
    resolved = metrics_with_score(compiled_metrics(model), task, y)
    if task.has_accuracy or _output_like_targets(model, y):
        return resolved
    return resolved[1:]  # no "mae" of outputs shaped unlike the targets


def _output_like_targets(model: keras.Model, y: np.ndarray | None) -> bool:
    """A regressor's output has the targets' shape per row (a trailing axis of 1 aside), so
    the "mae" score can compare them: not a quantile head's (rows, 5, 3) against targets of
    (rows, 5), which its own loss reads (practice batch 59: Keras raised in the first step)."""
    shape = getattr(model, "output_shape", None)
    if y is None or not isinstance(shape, tuple) or not all(
        d is None or isinstance(d, int) for d in shape
    ):
        return True

    def squeezed(dims: tuple[int | None, ...]) -> tuple[int | None, ...]:
        return dims[:-1] if dims and dims[-1] == 1 else dims

    out, target = squeezed(tuple(shape[1:])), squeezed(tuple(y.shape[1:]))
    return len(out) == len(target) and all(
        a is None or a == b for a, b in zip(out, target, strict=True)
    )


def score_metric(task: Task, y: np.ndarray | None, name: str = "accuracy") -> str | dict[str, Any]:
    """The metric the job scores a model by, logged under `name` for a classifier: Keras'
    "accuracy", except on multi-hot targets (several labels per row), where Keras 3 resolves
    "accuracy" by shape alone to categorical accuracy (does the arg-max label hold a 1?: 0.50
    where 82 % of the labels are right): there it is the per-label `BinaryAccuracy`, the
    accuracy `chance_accuracy` gives the majority baseline of; "mae" for a regressor."""
    if not task.has_accuracy:
        return "mae"
    if y is not None and is_multi_label(y):
        return serialised_metric(keras.metrics.BinaryAccuracy(name=name))
    return name


def metrics_with_score(
    compiled: list[str | dict[str, Any]], task: Task, y: np.ndarray | None = None
) -> list[str | dict[str, Any]]:
    """The score metric (`score_metric` on targets `y`: accuracy under the alias the user
    compiled, or mae), then the compiled metrics, each name once (a multi-label model's
    compiled "accuracy" is the score's binary accuracy under that name)."""
    alias = next((m for m in compiled if isinstance(m, str) and m in ACCURACY_ALIASES), None)
    first = score_metric(task, y, alias or "accuracy")
    resolved: list[str | dict[str, Any]] = [first]
    names = {metric_name(resolved[0])}
    for metric in compiled:
        name = metric_name(metric)
        if name in names or (name in ACCURACY_ALIASES and names & ACCURACY_ALIASES):
            continue
        check_metric(metric, COMPILED_METRICS)
        resolved.append(metric)
        names.add(name)
    return resolved


def check_inputs_fit(model: keras.Model, x: Arrays, origin: str = "data") -> None:
    """Raise InputError when the input arrays do not match the model's inputs, or hold NaN
    the model does not map away (`check_missing_inputs`)."""
    expected = {str(t.name): tuple(t.shape[1:]) for t in getattr(model, "inputs", None) or ()}
    if not expected:
        check_missing_inputs(model, x, origin)
        return
    if is_named(x):
        names = list(expected)
        if sorted(x) != sorted(names):  # type: ignore[arg-type]
            raise InputError(
                f"{origin}: x names inputs {sorted(x)} but the model's inputs are {names} "  # type: ignore[arg-type]
                "(.npz keys x_train__<input name>)"
            )
    elif len(expected) > 1:
        raise InputError(
            f"{origin}: model '{model.name}' has {len(expected)} inputs {list(expected)}; pass x "
            "as a dict of arrays by input name (.npz keys x_train__<input name>)"
        )
    dtypes = {str(t.name): str(t.dtype) for t in model.inputs}
    for name, array in items(x):
        want = expected[name] if name else next(iter(expected.values()))
        takes = dtypes[name] if name else next(iter(dtypes.values()))
        what = f"x['{name}']" if name else "x"
        if (array.dtype == object) != (takes == "string"):
            raise InputError(
                f"{origin}: {what} is {'text' if array.dtype == object else 'numbers'} but the "
                f"model's input takes {takes}: "
                + ("start the model with a TextVectorization or StringLookup layer, or pass "
                   "token ids" if array.dtype == object else "pass the texts as strings")
            )
        got = array.shape[1:]
        if got == want[:-1] and want[-1:] == (1,):
            got = (*got, 1)  # Keras adds the missing last axis of size 1 itself
        fits = len(got) == len(want) and all(
            e is None or e == g for e, g in zip(want, got, strict=True)
        )
        if not fits:
            raise InputError(
                f"{origin}: {what} rows have shape {got} but the model expects {want} "
                "(None = any size)"
            )
    check_token_ids(model, x, origin)
    check_missing_inputs(model, x, origin)


def check_token_ids(model: keras.Model, x: Arrays, origin: str = "data") -> None:
    """Raise InputError when an input read directly by an Embedding layer holds ids outside
    its table, 0..input_dim-1: Keras raises inside the first step on CPU (an index error
    naming a gather op) and on GPU looks up zeros silently (practice batch 5's
    `embedding_input_dim_short`: store ids up to 19 into `Embedding(input_dim=15)`)."""
    for layer in model.layers:
        if not isinstance(layer, keras.layers.Embedding):
            continue
        try:
            source = layer.input
        except (AttributeError, ValueError):  # called on several tensors: no one input
            continue
        names = [str(t.name) for t in model.inputs if t is source]
        if names:
            arrays = dict(items(x))
            array = arrays.get(names[0], arrays.get("")) if is_named(x) else arrays.get("")
            what = f"x['{names[0]}']" if is_named(x) else "x"
        else:  # ids sliced or reshaped out of an input (`inputs[:, 0]`): computed
            array, what = _ids_computed(model, source, x), "x (the ids taken from it)"
        if array is None or array.dtype == object or array.size == 0:
            continue
        low, high = float(np.min(array)), float(np.max(array))
        if low < 0 or high >= layer.input_dim:
            bad = high if high >= layer.input_dim else low
            raise InputError(
                f"{origin}: {what} holds id {bad:g}, outside Embedding '{layer.name}'s table "
                f"of {layer.input_dim} rows (ids 0..{layer.input_dim - 1}): set its input_dim "
                f"to at least {int(high) + 1} (the largest id + 1) or map the ids into range"
            )


def _ids_computed(model: keras.Model, source: Any, x: Arrays) -> np.ndarray | None:
    """The values `source` takes on `x` when a weightless path leads to it from the model's
    inputs (a slice, a reshape, a cast); None otherwise (a lookup layer, weights on the way,
    or Keras cannot build the path)."""
    try:
        path = keras.Model(model.inputs, source)
        if path.count_params() or any(layer.weights for layer in path.layers):
            return None
        return np.asarray(path.predict(x, batch_size=4096, verbose=0))
    except evaluation_errors():  # only a pre-check: Keras reports what it cannot run
        return None


def check_data_fits(
    model: keras.Model, data: Dataset, loss: str, loss_config: dict[str, Any] | None = None
) -> None:
    """Raise InputError naming the mismatch when the data cannot train this
    single-output model. `loss_config`: the loss object it trains with (`resolve_loss_config`;
    None: the name `loss` says it all). A loss of the user's own (`loss` then only names the
    task inferred for it) may take targets of any shape: the inputs are checked only."""
    check_inputs_fit(model, data.x_train)
    check_missing_inputs(model, data.x_val, "validation data")
    if is_own_loss(loss_config):
        return
    outputs = getattr(model, "outputs", None)
    output_shape = tuple(outputs[0].shape) if outputs else model.output_shape
    ignored = ignored_class(loss_config)

    def check(shape: tuple[int | None, ...]) -> None:
        for name, y in (("y_train", data.y_train), ("y_val", data.y_val)):
            assert isinstance(y, np.ndarray)
            check_target_fits(name, y, loss, shape, ignore_class=ignored)

    try:
        check(output_shape)
    except InputError:
        computed = computed_output_shape(model, data.x_train)
        if computed is None or computed[1:] == output_shape[1:]:
            raise
        check(computed)


COMPUTED_ROWS = 2
"""Rows the model's output shape is computed on when the targets do not fit its declared one."""


def computed_output_shape(model: keras.Model, x: Any) -> tuple[int | None, ...] | None:
    """The shape of the model's one output computed on the first rows of `x` (batch axis
    None), its seed state kept; None when `x` is None or the model cannot run on them. Keras
    declares some shapes wrong: a `TextVectorization` in a multi_hot, count or tf_idf mode
    declares (None, 1, vocabulary) for one string per row and computes (None, vocabulary)
    (practice batch 18), so targets that do not fit the declared shape are checked against
    this one before they are refused."""
    if x is None:
        return None
    try:
        output = quiet_call(model, take(x, slice(0, COMPUTED_ROWS)))
        if output is None:  # a stateful model: a call would move its state
            return None
        return (None, *tuple(int(d) for d in np.shape(output)[1:]))
    except Exception:  # noqa: BLE001 - a model that cannot run here says nothing about y
        return None


def ignored_class(loss_config: dict[str, Any] | None) -> int | None:
    """The label value a serialised Keras loss skips (`ignore_class` of the sparse
    categorical cross-entropy: padding of a sequence tagger, void pixels of a segmenter)."""
    config = (loss_config or {}).get("config")
    value = config.get("ignore_class") if isinstance(config, dict) else None
    return int(value) if isinstance(value, int) else None


def _matches(shape: tuple[int, ...], expected: tuple[int | None, ...]) -> bool:
    return len(shape) == len(expected) and all(
        e is None or e == g for e, g in zip(expected, shape, strict=True)
    )


def check_target_fits(
    name: str,
    y: np.ndarray,
    loss: str,
    output_shape: tuple[int | None, ...],
    shapes_only: bool = False,
    ignore_class: int | None = None,
) -> None:
    """Raise InputError when targets `y` cannot train an output of `output_shape` (batch
    axis first) under `loss`. Classes sit on the last axis, so a sequence output takes
    integer classes per time step (sparse) or one-hot rows along the last axis.
    `shapes_only`: only what Keras cannot compute the loss of (`Watch`'s probe: what the
    targets hold is the pre-flight checks' to judge). `ignore_class`: a label value the loss
    skips (not a class)."""
    task = LOSS_TASKS[loss]
    units = int(output_shape[-1] or 1)
    rows = tuple(y.shape[1:])
    if task is Task.BINARY and not shapes_only and not _in_unit_interval(y):
        missing = minus_one_coded(y)
        raise InputError(
            f"data: {name} must hold only 0 and 1 (or soft targets in [0, 1]) for loss {loss}"
            + ("; it holds -1, 0 and 1: if -1 marks a missing label, leave those entries out "
               "of the loss (a loss that masks -1); if they are three classes, shift them to "
               "0, 1 and 2 under sparse_categorical_crossentropy" if missing else "")
        )
    if loss == "kl_divergence" and not shapes_only and not _in_unit_interval(y):
        raise InputError(
            f"data: {name} must hold probabilities in [0, 1] (rows that sum to 1) for loss "
            f"{loss}; it holds {np.min(y):g} to {np.max(y):g} (log-probabilities or logits?)"
        )
    if loss == "sparse_categorical_crossentropy":
        per_step = tuple(output_shape[1:-1])
        if not (_matches(rows, per_step) or _matches(rows, (*per_step, 1))):
            if units > 1 and _matches(rows, tuple(output_shape[1:])):
                raise InputError(
                    f"data: {name} is one-hot ({y.shape[-1]} columns) but loss {loss} expects "
                    "integer classes; use categorical_crossentropy (or pass the class indices)"
                )
            raise InputError(
                f"data: {name} rows have shape {rows} but loss {loss} on an output of shape "
                f"{tuple(output_shape[1:])} takes integer classes of shape {per_step or '()'}"
            )
        classes = y if ignore_class is None else y[y != ignore_class]
        if not shapes_only and classes.size and not _integer_classes(classes, units):
            skipped = "" if ignore_class is None else f" (and {ignore_class}, ignored)"
            raise InputError(
                f"data: {name} must hold integer classes in [0, {units - 1}]{skipped} for loss "
                f"{loss} with {units} output units{_padding_hint(classes, ignore_class)}"
            )
    # one output unit under a categorical loss, labels one per row: Keras trains it (a loss of
    # 0 throughout), pre-flight `categorical_one_unit` names it and `output_pair` repairs it
    one_unit = units == 1 and _matches(rows, tuple(output_shape[1:-1]))
    if loss in ("categorical_crossentropy", "categorical_focal_crossentropy") and not (
        one_unit or _matches(rows, tuple(output_shape[1:]))
    ):
        raise InputError(
            f"data: {name} must be one-hot with {units} columns along the last axis (rows of "
            f"shape {tuple(output_shape[1:])}) for loss {loss}; got rows of shape {rows}"
        )
    elementwise = task is Task.REGRESSION or loss in BINARY_LOSSES  # y row = output row
    if elementwise and np.prod(rows, dtype=int) != np.prod(
        [d or 1 for d in output_shape[1:]], dtype=int
    ):
        broadcast = (" (Keras would broadcast the one column over every unit, each learning "
                     "the same target)" if rows[-1:] == (1,) and units > 1 else "")  # fmt: skip
        raise InputError(
            f"data: {name} rows have shape {rows} but the model outputs "
            f"{tuple(output_shape[1:])} for loss {loss}{broadcast}"
        )


FRACTIONAL_SHARE = 0.5
"""Class ids under a sparse loss may hold this share of fractional values at most: Keras
truncates each to an integer, so a few in range train (practice batch 29's masks resized
bilinearly: 2 % of the pixels, at the shapes' edges, harmless); mostly fractional values are
continuous targets under a class loss."""


def _integer_classes(classes: np.ndarray, units: int) -> bool:
    """Keras can train these class ids: each truncates to a class in [0, units), and at most
    `FRACTIONAL_SHARE` of them are fractional."""
    values = np.asarray(classes, np.float64)
    truncated = np.trunc(values)
    if truncated.min() < 0 or truncated.max() >= units:
        return False
    return float(np.mean(values != truncated)) <= FRACTIONAL_SHARE


def _padding_hint(classes: np.ndarray, ignore_class: int | None) -> str:
    """A hint when every label out of range is one negative integer (padding steps of a
    sequence tagger, void pixels of a segmenter, labelled -1 or -100)."""
    below = np.unique(classes[classes < 0])
    if ignore_class is not None or below.size != 1 or below[0] != np.rint(below[0]):
        return ""
    value = int(below[0])
    return (
        f"; if {value} marks padding or labels to skip, compile with "
        f"keras.losses.SparseCategoricalCrossentropy(ignore_class={value})"
    )


def _in_unit_interval(y: np.ndarray) -> bool:
    return bool(y.size == 0 or (np.min(y) >= 0 and np.max(y) <= 1))
