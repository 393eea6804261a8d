"""What `Watch` measures at a check, on the user's model as it is (TensorFlow, JAX, PyTorch)."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any, NamedTuple

import keras
import numpy as np

from autotrainer_keras.config import AutotrainerConfig
from autotrainer_keras.engine.setup import LOSS_TASKS, check_inputs_fit, computed_output_shape
from autotrainer_keras.fit_inputs import by_position, is_array
from autotrainer_keras.io.arrays import Arrays, first, is_named, n_rows, take
from autotrainer_keras.measure.history import CheckRecord
from autotrainer_keras.measure.layer_graph import bypassed_layers
from autotrainer_keras.measure.layer_map import map_layers
from autotrainer_keras.measure.probe_batch import gradient_first, stratified_rows
from autotrainer_keras.measure.reductions import LayerSlot, WeightSquares, reduce_check
from autotrainer_keras.measure.seed_state import kept_seed_state, quiet_predictions, seed_states
from autotrainer_keras.problems import Finding

if TYPE_CHECKING:
    from autotrainer_keras.measure.activation_probe import ActivationProbe
    from autotrainer_keras.measure.backend_probes import BackendDeadUnitProbe, BackendProbeGradients
    from autotrainer_keras.measure.mode_losses import ModeLossProbe
    from autotrainer_keras.measure.probe_pass import ProbePass
    from autotrainer_keras.measure.probes import DeadUnitProbe, ProbeGradients
    from autotrainer_keras.measure.weight_sums import DeviceWeightSquares


def unprobeable(model: keras.Model) -> str:
    """Why the probe cannot run on `model` ("" when it can): it measures the gradients of the
    compiled loss on a forward pass of the model, which a model trained by its own
    `train_step` (a VAE, a GAN) may have neither of."""
    if getattr(model, "loss", None) is None:
        return "the model has no compiled loss (a train_step of its own computes it)"
    if isinstance(model, keras.Model) and type(model).call is keras.Model.call:
        return "the model has no call() (a train_step of its own runs its parts)"
    return ""


class WatchProbe:
    """Probe gradients, weights and dead units of `model` at each check.

    The probe batch is a stratified sample of `rows` (`monitor.probe_batch_size` rows, seeded
    with `training.seed`); the loss gradients are measured on a stratified sample of it
    (`monitor.probe_gradient_rows`, its first rows), the activations and dead units on all of
    it. The layer map and probes are built at the first check, when the model is surely
    built. Dead units need a layer graph (Sequential or functional); a subclassed model gets
    none, and `dead_units_note` says so. On TensorFlow the probes run traced
    (`measure.probes`), in one pass with the activations where those are measured
    (`measure.probe_pass`); on JAX and PyTorch through `measure.backend_probes`.
    """

    def __init__(
        self,
        model: keras.Model,
        rows: tuple[Arrays, Arrays] | None,
        settings: AutotrainerConfig,
    ) -> None:
        self._model = model
        self.unprobeable = unprobeable(model) if rows is not None else ""
        self.has_data = rows is not None and not self.unprobeable
        rows = rows if self.has_data else None
        self.dead_units_note = ""
        self._x: Arrays | None = None
        self._gradient_rows = 0
        self._gradient_xy: tuple[Any, Arrays] | None = None
        self._y: Arrays | None = None
        if rows is not None:
            x, y = rows
            loss = getattr(model, "loss", None)
            task = LOSS_TASKS.get(loss if isinstance(loss, str) else getattr(loss, "name", ""))
            classify = task is not None and task.has_accuracy and not is_named(y)
            monitor, seed = settings.monitor, settings.training.seed
            pick = stratified_rows(  # several outputs: spread over the first one's range
                first(y), monitor.probe_batch_size, classify, seed
            )
            x, y = take(x, pick), take(y, pick)  # then the gradient rows first:
            pick = gradient_first(first(y), monitor.probe_gradient_rows, classify, seed)
            x, y = take(x, pick), take(y, pick)
            self._gradient_rows = min(monitor.probe_gradient_rows, n_rows(y))
            self._x, self._y = _model_inputs(model, x), y
            head = slice(0, self._gradient_rows)
            self._gradient_xy = (_model_inputs(model, take(x, head)), take(y, head))
        self._slots: list[LayerSlot] | None = None
        self._bypassed: frozenset[str] = frozenset()
        self._seeds: list[keras.Variable] = []
        self._previous: list[np.ndarray] | None = None
        self._device_weights: DeviceWeightSquares | None = None
        self._dead: DeadUnitProbe | BackendDeadUnitProbe | None = None
        self._gradients: ProbeGradients | BackendProbeGradients | None = None
        self._activations: ActivationProbe | None = None
        self._pass: ProbePass | None = None
        self._modes: ModeLossProbe | None = None
        self._wants_activations = settings.detection.profile == "default"
        self._last_step = 0

    def restart(self) -> None:
        """A new training (`fit`) begins: no previous check; the traced probes are kept."""
        self._previous, self._last_step = None, 0
        if self._device_weights is not None:
            self._device_weights.forget()

    def check(self, epoch: int, step: int) -> CheckRecord:
        """One check's record: per-layer statistics since the previous check (`Watch` checks
        at epoch ends only). The model's random state is as before it (`seed_state`)."""
        if self._slots is None:
            self._start()
        with kept_seed_state(self._seeds):
            return self._measure(epoch, step)

    def _measure(self, epoch: int, step: int) -> CheckRecord:
        grad_sq = zeros = counted = measured = None
        nonfinite = False
        sums = None
        if self._pass is not None:  # first: the dead units are read from its pass
            sums, measured = self._pass.measure()
        elif self._gradients is not None:
            sums = self._gradients.measure()
            if self._activations is not None:
                measured = self._activations.measure()
        if sums is not None:
            squares, zero_counts, entries, nonfinite = sums
            grad_sq, zeros, counted = squares[None, :], zero_counts[None, :], entries[None, :]
        record = reduce_check(
            grad_sq,
            zeros,
            self._weight_squares(),
            self._slots or [],
            self._dead_fractions(),
            max(1, step - self._last_step),
            epoch=epoch,
            step=step,
            source="probe",
            counted=counted,
            gradless=self._gradless(),
            bypassed=self._bypassed,
        )
        record.nonfinite = record.nonfinite or nonfinite
        if self._activations is not None and measured is not None:
            record.activations, record.output = measured
            record.input_scale = self._activations.input_scale
        if self._modes is not None:  # the activation probe's outputs: reused
            act = self._activations
            record.mode_losses = self._modes.measure(None if act is None else act.predictions)
        self._last_step = step
        return record

    def _gradless(self) -> tuple[bool, ...] | None:
        """Per trainable variable: no gradient reaches it, as the probe's traced gradients
        say (TensorFlow; None on JAX and PyTorch, and before a probe ran)."""
        source = self._pass if self._pass is not None else self._gradients
        return getattr(source, "gradless", None)

    def _dead_fractions(self) -> dict[str, float]:
        """Dead units per ReLU layer; on TensorFlow read from the activation probe's pass
        when it saw the same layers (`DeadUnitProbe.measure`)."""
        if self._dead is None:
            return {}
        if self._activations is not None:  # TensorFlow: `_dead` is a DeadUnitProbe
            return self._dead.measure(self._activations)  # type: ignore[call-arg]
        return self._dead.measure()

    def _weight_squares(self) -> WeightSquares:
        """The weights' squares now, at the previous check and of the change: reduced on the
        device with a bounded sample of the previous weights on TensorFlow
        (`measure.weight_sums`), from host copies on JAX and PyTorch."""
        if self._device_weights is not None:
            return self._device_weights.measure()
        weights = [keras.ops.convert_to_numpy(v) for v in self._model.trainable_variables]
        previous = self._previous or [np.zeros_like(w) for w in weights]  # no ratio at first
        self._previous = weights
        return WeightSquares.of_arrays(weights, previous)

    def _start(self) -> None:
        self._slots = map_layers(self._model)
        self._bypassed = bypassed_layers(self._model)
        self._seeds = seed_states(self._model)
        if keras.backend.backend() == "tensorflow":
            from autotrainer_keras.measure.weight_sums import DeviceWeightSquares

            self._device_weights = DeviceWeightSquares(self._model.trainable_variables)
            self._device_weights.forget()  # the first check has no previous one
        if self._x is None or self._y is None:
            return
        if keras.backend.backend() == "tensorflow":
            from autotrainer_keras.measure.probes import DeadUnitProbe, ProbeGradients

            gradients, dead = ProbeGradients, DeadUnitProbe
        else:
            from autotrainer_keras.measure.backend_probes import (
                BackendDeadUnitProbe,
                BackendProbeGradients,
            )

            gradients, dead = BackendProbeGradients, BackendDeadUnitProbe  # type: ignore[assignment]
        assert self._gradient_xy is not None
        self._gradients = gradients(self._model, *self._gradient_xy)
        try:
            self._dead = dead(self._model, self._x)
        except (AttributeError, ValueError):  # no layer graph: a subclassed model
            self.dead_units_note = (
                f"dead units not measured: {type(self._model).__name__} is a subclassed model "
                "without a layer graph"
            )
        self._activations = self._activation_probe()
        if self._activations is not None:
            from autotrainer_keras.measure.probe_pass import ProbePass

            assert isinstance(self._y, np.ndarray)
            self._pass = ProbePass(self._model, self._activations, self._y, self._gradient_rows)
        self._modes = self._mode_probe()

    def _mode_probe(self) -> ModeLossProbe | None:
        """A BatchNormalization model's probe loss in training and in inference mode, for
        the inference-mismatch rule (default profile, TensorFlow)."""
        if not (self._wants_activations and keras.backend.backend() == "tensorflow"):
            return None
        from autotrainer_keras.measure.mode_losses import ModeLossProbe, has_batch_norm

        if not has_batch_norm(self._model):
            return None
        assert self._x is not None and self._y is not None
        return ModeLossProbe(self._model, self._x, self._y)

    def _activation_probe(self) -> ActivationProbe | None:
        """Hidden activations and outputs on the probe batch, for the runtime set-up rules
        (abnormal data: raw pixels the pre-flight checks never saw, e.g. from a tf.data
        pipeline). Default profile, TensorFlow, one input array and one output only, as in
        `autotrainer_keras.fit`."""
        single = isinstance(self._x, np.ndarray) and isinstance(self._y, np.ndarray)
        outputs = getattr(self._model, "outputs", None) or ()
        if not (self._wants_activations and self._dead is not None and single
                and len(outputs) == 1 and keras.backend.backend() == "tensorflow"):  # fmt: skip
            return None
        from autotrainer_keras.measure.activation_probe import ActivationProbe

        assert isinstance(self._x, np.ndarray) and isinstance(self._y, np.ndarray)
        try:
            return ActivationProbe(self._model, self._x, self._y)
        except (AttributeError, ValueError):  # a layer without a symbolic output
            return None


class ProbeRows(NamedTuple):
    """`Watch`'s probe rows: the finite ones, and those left out (`finite_rows`)."""

    x: Arrays
    y: Arrays
    sample_weight: np.ndarray | None
    unfinished: tuple[Arrays, Arrays] | None = None
    """The rows whose numeric inputs or targets hold NaN/Inf, left out of the probe (None:
    none, or every row is so and `checked_pair` refused them)."""


def probe_rows(probe_data: Any, origin: str = "Watch probe_data") -> ProbeRows | None:
    """`Watch(probe_data=...)` as `(x, y, sample_weight or None, unfinished rows)`: from
    `(x, y[, w])` arrays or a finite dataset of `(x, y[, w])` batches, read once (also
    `Watch(validation_data=...)`, `origin` naming it in errors).

    Raises:
        ValueError: The form is not supported (the message names the allowed ones).
    """
    if probe_data is None:
        return None
    from autotrainer_keras.errors import InputError
    from autotrainer_keras.fit_inputs import read_rows
    from autotrainer_keras.fit_weights import checked_row_weights
    from autotrainer_keras.io.data import checked_pair

    try:
        if isinstance(probe_data, tuple | list) and len(probe_data) in (2, 3):
            x, y = _by_position(probe_data[0]), _by_position(probe_data[1])
            rows = read_rows(x, y, origin)
            given = probe_data[2] if len(probe_data) == 3 else None
        else:
            rows = read_rows(_positional_dataset(probe_data), None, origin, pad=True)
            given = rows.sample_weight
        what = f"{origin}: sample_weight"
        if isinstance(given, dict) or (isinstance(rows.y, dict) and isinstance(
                given, list | tuple) and all(np.ndim(entry) >= 1 for entry in given)):  # fmt: skip
            raise InputError(
                f"{what}: weights per output are not read by the probe; pass one weight per "
                "row (for every output), or probe_data without weights"
            )
        if given is not None:  # one per row, before rows with NaN are left out with theirs
            given = checked_row_weights(given, n_rows(rows.x), what)
        unfinished = unfinished_rows(rows.x, rows.y)
        rows_x, rows_y, weights = finite_rows(rows.x, rows.y, given)
        missing = sum(int(np.isnan(a).sum()) for a in _numeric(rows_y))
        if missing:  # every row has a NaN target: none to probe with
            raise InputError(f"{origin}: 'y' contains {missing} NaN values and no row is "
                             "without one; pass rows whose targets are all known")  # fmt: skip
        x, y = checked_pair(rows_x, rows_y, origin)  # NaN rows gave findings on healthy models
    except InputError as error:
        raise ValueError(str(error)) from None
    return ProbeRows(x, y, weights, unfinished)


def unfinished_finding(
    model: keras.Model, unfinished: tuple[Arrays, Arrays] | None, kept: int
) -> Finding | None:
    """`detect.preflight.nonfinite_data` on the probe rows left out as not finite (`kept`:
    the finite ones): the compiled loss of `model` on them, row by row, at its weights
    (inputs given by position: by the model's input names, or as a list when unnamed); None
    when there are none, the loss is not one array's (several outputs) or cannot be called."""
    from autotrainer_keras.detect.preflight.nonfinite_data import nonfinite_data
    from autotrainer_keras.measure.start_loss import nonfinite_loss_rows

    loss = getattr(model, "loss", None)
    if unfinished is None or loss is None or isinstance(loss, dict | list | tuple):
        return None
    x, y = unfinished
    if not isinstance(y, np.ndarray):
        return None
    try:
        inputs = _model_inputs(model, inputs_by_name(model, x))  # given by position: by name
        predictions = quiet_predictions(model, inputs)
        if predictions is None:  # a stateful model: a call would move its state
            return None
        target = y.astype("float32") if y.dtype.kind in "fiub" else y
        nan_loss = int(nonfinite_loss_rows(loss, target, predictions).sum())
    except Exception:  # noqa: BLE001 - a loss or model this cannot call says nothing here
        return None
    bad_x, bad_y = (any(not np.isfinite(a).all() for a in _numeric(side)) for side in (x, y))
    where = " and ".join(part for part, bad in (("inputs", bad_x), ("targets", bad_y)) if bad)
    return nonfinite_data(kept + len(y), len(y), nan_loss, where or "values")


def unfinished_rows(x: Arrays, y: Arrays) -> tuple[Arrays, Arrays] | None:
    """The rows `finite_rows` leaves out (some numeric input or target NaN/Inf, others all
    finite); None when there are none."""
    keep = _finite_mask(x, y)
    if keep is None or keep.all() or not keep.any():
        return None
    return take(x, ~keep), take(y, ~keep)


def finite_rows(x: Arrays, y: Arrays, weights: Any) -> tuple[Arrays, Arrays, Any]:
    """The rows whose numeric inputs and targets are all finite, when some are and others are
    not: labels left NaN where they are missing, under a loss that masks them (practice batch
    14's partly labelled tasks), are no probe rows, and a probe of the rest measures the same
    model; unchanged when every row is finite or none is (`checked_pair` then names it)."""
    keep = _finite_mask(x, y)
    if keep is None or keep.all() or not keep.any():
        return x, y, weights
    kept = None if weights is None else np.asarray(weights)[keep]
    return take(x, keep), take(y, keep), kept


def _finite_mask(x: Arrays, y: Arrays) -> np.ndarray | None:
    """Per row, whether all its numeric inputs and targets are finite; None for rows that do
    not match, or none (`checked_pair` names it)."""
    arrays = [*_numeric(x), *_numeric(y)]
    if not arrays or len({len(a) for a in arrays}) != 1 or not len(arrays[0]):
        return None
    keep: np.ndarray | None = None
    for array in arrays:
        finite = np.isfinite(array.reshape(len(array), -1)).all(axis=1)
        keep = finite if keep is None else keep & finite
    return keep


def _numeric(arrays: Arrays) -> list[np.ndarray]:
    values = arrays.values() if isinstance(arrays, dict) else [arrays]
    return [a for a in (np.asarray(v) for v in values) if a.dtype.kind == "f" and a.ndim >= 1]


def declares_inputs(model: keras.Model) -> bool:
    """Whether the model has its input tensors (a Sequential built without `keras.Input`
    gets them from its first training step; a subclassed model never)."""
    try:
        return bool(model.inputs)
    except (AttributeError, ValueError):
        return False


def check_probe_inputs(model: keras.Model, x: Arrays) -> None:
    """Refuse probe inputs whose rows the model cannot take (checked at the fit's start, or
    after its first step for a model built by it), instead of a Keras error from inside the
    first check.

    Raises:
        ValueError: Naming the input, the shape given and the shape the model expects.
    """
    from autotrainer_keras.errors import InputError

    if isinstance(x, dict) and any(k.startswith(POSITION) for k in x):
        return  # by position: _model_inputs checks their number
    try:
        check_inputs_fit(model, x, origin="Watch probe_data")
    except InputError as error:
        raise ValueError(str(error)) from None
    except (AttributeError, ValueError):  # no layer graph (subclassed): Keras says it itself
        return


def broadcast_head(model: keras.Model, y: Arrays, loss: str | None) -> Finding | None:
    """A one-unit output against probe targets of several columns, or an output of several
    units against one target column, under a value loss (Keras broadcasts and trains: named
    `target_broadcast` instead of refusing the probe rows); None for other shapes and
    losses."""
    from autotrainer_keras.detect.preflight.base import VALUE_LOSSES
    from autotrainer_keras.detect.preflight.target_broadcast import (
        one_column_for_units,
        one_target_for_steps,
        one_unit_for_columns,
    )

    if not isinstance(y, np.ndarray) or loss not in VALUE_LOSSES or not declares_inputs(model):
        return None
    if len(model.outputs) != 1:
        return None
    shape = tuple(model.outputs[0].shape)
    units = shape[-1]
    from autotrainer_keras.engine.output_setup import output_names

    (layer,) = output_names(model)[:1] or ("output",)
    extra = _extra_axes(shape, y.shape)
    steps = math.prod(extra) if extra and all(isinstance(d, int) for d in extra) else None
    if extra and steps != 1:  # (steps, 1) per row against one target per row
        return one_target_for_steps(layer, steps, loss)
    if y.ndim != len(shape) or tuple(y.shape[1:-1]) != tuple(shape[1:-1]):
        return None
    if units == 1 and y.shape[-1] > 1:
        return one_unit_for_columns(layer, int(y.shape[-1]), loss)
    if units is not None and units > 1 and y.shape[-1] == 1:
        return one_column_for_units(layer, int(units), loss)
    return None


def _extra_axes(output: tuple[Any, ...], target: tuple[int, ...]) -> tuple[Any, ...] | None:
    """The output's axes between the batch and the axes the targets share with it, when the
    output has more axes and the targets' own trail it (an output (None, 48, 1) against
    targets (n, 1) or (n,): (48,)); None otherwise."""
    kept = tuple(target[1:]) or (1,)
    if len(output) - 1 <= len(kept) or tuple(output[-len(kept):]) != kept:
        return None
    return tuple(output[1 : len(output) - len(kept)])


def check_probe_targets(
    model: keras.Model, y: Arrays, loss: str | None, x: Arrays | None = None
) -> None:
    """Refuse probe targets of a shape the model's one output and its loss cannot take (a
    Keras shape error from inside the first check otherwise), and class indices outside a
    sparse cross-entropy's classes (Keras stops at the first step; a -1 padding is named
    with `ignore_class`); what else they hold is the pre-flight checks' to name. The output's
    shape is the model's declared one; when the targets do not fit it, the shape the model
    computes on two probe rows `x` decides (a `TextVectorization` in a multi_hot, count or
    tf_idf mode declares (None, 1, vocabulary) for one string per row, and computes
    (None, vocabulary): practice batch 18).

    Raises:
        ValueError: Naming the shape given and the one the output and loss take.
    """
    from autotrainer_keras.engine.setup import LOSS_TASKS, check_target_fits
    from autotrainer_keras.errors import InputError

    if not isinstance(y, np.ndarray) or loss not in LOSS_TASKS or not declares_inputs(model):
        return
    outputs = model.outputs
    if len(outputs) != 1:
        return
    # class indices Keras cannot look up (TensorFlow stops at the first step) are refused
    # too, naming `ignore_class` for a padding value; other values are the pre-flight's
    ignored = getattr(getattr(model, "loss", None), "ignore_class", None)
    ignored = ignored if isinstance(ignored, int) else None
    shape = tuple(outputs[0].shape)
    lookups = loss == "sparse_categorical_crossentropy" and _outside_classes(
        y, int(shape[-1] or 1), ignored
    )
    try:
        check_target_fits("y", y, loss, shape, shapes_only=not lookups, ignore_class=ignored)
    except InputError as error:
        computed = computed_output_shape(model, x)
        if computed is not None and computed[1:] != shape[1:]:
            try:
                check_target_fits("y", y, loss, computed, shapes_only=not lookups,
                                  ignore_class=ignored)  # fmt: skip
                return
            except InputError:
                pass
        raise ValueError(f"Watch probe_data: {str(error).removeprefix('data: ')}") from None


def _outside_classes(y: np.ndarray, units: int, ignored: int | None) -> bool:
    """Class indices below 0 or past the output's units (but `ignored`); labels that are not
    numbers are left to the shape check and Keras."""
    if y.dtype.kind not in "biuf":
        return False
    classes = y if ignored is None else y[y != ignored]
    return bool(classes.size) and (float(classes.min()) < 0 or float(classes.max()) >= units)


def watch_class_weight(
    class_weight: Any, probe_weights: np.ndarray | None
) -> dict[int, float] | None:
    """`Watch(class_weight=...)` checked, as `{int: float}` or None.

    Raises:
        ValueError: It is not a dict of class indices to weights, or the probe data carries
            sample weights too (Keras takes one or the other).
    """
    from autotrainer_keras.errors import InputError
    from autotrainer_keras.fit_inputs import checked_class_weight

    try:
        checked = checked_class_weight(class_weight, "Watch")
    except InputError as error:
        raise ValueError(str(error)) from None
    if checked and probe_weights is not None:
        raise ValueError(
            "Watch: give class_weight or sample weights in probe_data, not both "
            "(Keras' fit takes one or the other)"
        )
    return checked


POSITION = "#"
"""Keys `#0`, `#1`, ... of inputs given by position (a tuple or list, as Keras' `fit` takes
for a multi-input model) while the probe rows are read; `WatchProbe` passes them back to the
model as a list."""


def _by_position(x: Any) -> Any:
    """A tuple or list of arrays as a dict by position; anything else unchanged."""
    if isinstance(x, tuple | list) and x and all(is_array(v) for v in x):
        return {f"{POSITION}{i}": np.asarray(v) for i, v in enumerate(x)}
    return x


def _positional_dataset(data: Any) -> Any:
    """A tf.data.Dataset whose inputs are a tuple per element, mapped to a dict by position."""
    spec = getattr(data, "element_spec", None)
    if not (isinstance(spec, tuple) and spec and isinstance(spec[0], tuple | list)):
        return data
    return data.map(lambda x, *rest: ({f"{POSITION}{i}": v for i, v in enumerate(x)}, *rest))


def inputs_by_name(model: keras.Model, x: Arrays) -> Arrays:
    """Inputs given by position (`#0`, `#1`, ...) as a dict by the model's input names, in
    the order it declared them, when it named each `keras.Input` (Keras then takes them by
    name, and the pre-flight checks read each input on its own, as the job does); unchanged
    otherwise (unnamed inputs: Keras takes only a list, `_model_inputs` gives it)."""
    if not (isinstance(x, dict) and x and all(k.startswith(POSITION) for k in x)):
        return x
    from autotrainer_keras.engine.output_setup import listed_inputs

    listed = listed_inputs(model)  # None: a subclassed model or a dict, nothing to map by
    if listed is None or not listed[1] or len(listed[0]) != len(x):
        return x
    names = listed[0]
    values = [x[f"{POSITION}{i}"] for i in range(len(x))]
    return values[0] if len(values) == 1 else dict(zip(names, values, strict=True))


def outputs_by_name(model: keras.Model, y: Arrays) -> Arrays:
    """Targets given by position (`#0`, `#1`, ...: a list, as Keras' `fit` takes them) as a
    dict by the model's output names, in the order it declared them (`fit_inputs.by_position`);
    others unchanged.

    Raises:
        ValueError: Their number is not the model's number of outputs, or the model declared
            its outputs as a dict (Keras orders those by sorted key, not as given).
    """
    if not (isinstance(y, dict) and y and all(k.startswith(POSITION) for k in y)):
        return y
    from autotrainer_keras.engine.output_setup import output_names
    from autotrainer_keras.errors import InputError

    names = output_names(model)
    if isinstance(getattr(model, "output", None), dict):
        raise ValueError(
            f"Watch probe_data: targets given by position but model '{model.name}' declared "
            f"its outputs as a dict ({', '.join(names)}): pass a dict of targets by output name"
        )
    values = [y[f"{POSITION}{i}"] for i in range(len(y))]
    try:
        return by_position(values, names, "targets", origin="Watch probe_data")
    except InputError as error:
        raise ValueError(str(error)) from None


def _model_inputs(model: keras.Model, x: Arrays) -> Any:
    """Inputs given by position back as a list, in order, as Keras' `fit` passes them."""
    if not (isinstance(x, dict) and x and all(k.startswith(POSITION) for k in x)):
        return x
    count = len(getattr(model, "inputs", None) or ())
    if count and count != len(x):
        raise ValueError(
            f"Watch probe_data: {len(x)} inputs given by position but model '{model.name}' "
            f"has {count} inputs"
        )
    return [x[f"{POSITION}{i}"] for i in range(len(x))]
