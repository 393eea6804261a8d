"""One training under watch: the original, or one repair candidate."""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import keras
import numpy as np

from autotrainer_keras.config import AutotrainerConfig
from autotrainer_keras.detect.ceiling import detect_with_ceiling
from autotrainer_keras.detect.detector import Detector
from autotrainer_keras.detect.ended_early import (
    at_chance_at_the_end,
    cut_while_falling,
    ended_early_finding,
)
from autotrainer_keras.engine.compiled import is_own_loss, loss_name
from autotrainer_keras.engine.keras_arrays import keras_ready
from autotrainer_keras.engine.setup import LOSS_TASKS
from autotrainer_keras.engine.training_state import build_training_state
from autotrainer_keras.engine.validated import validated_metrics
from autotrainer_keras.io.arrays import Arrays, one_output, take
from autotrainer_keras.io.data import Dataset
from autotrainer_keras.measure.baselines import (
    baseline_loss,
    chance_accuracy,
    class_count,
    class_indices,
    class_row_weights,
    combined_baseline_loss,
    is_multi_label,
    loss_floor,
    output_chance,
    row_weights,
    smoothed_labels,
    sparse_ids,
)
from autotrainer_keras.measure.history import CheckRecord, Task, TrainingHistory
from autotrainer_keras.measure.keras_monitor import TrainingWatch, WatchedModel
from autotrainer_keras.measure.log_names import canonical_logs
from autotrainer_keras.measure.loss_weights import label_smoothing
from autotrainer_keras.measure.reference_fit import LazyReference
from autotrainer_keras.measure.stride import fixed_stride
from autotrainer_keras.problems import Finding
from autotrainer_keras.record.recorder import Recorder
from autotrainer_keras.repair.spec import TrainingSpec


@dataclass
class AttemptResult:
    """What one training produced.

    Attributes:
        name: "original" or "repair-<k>-<solution>".
        spec: The spec that was trained.
        history: Everything measured.
        findings: Detections, first one first (at most one per problem).
        model: The trained model (the user's graph, not the watched wrapper).
        seconds: Wall time of the training.
        interrupted: True when a signal stopped it.
        cpu_seconds: This process's CPU time over the training (all threads): what the
            repair budget is measured in, since other processes' load does not change it.
    """

    name: str
    spec: TrainingSpec
    history: TrainingHistory
    findings: list[Finding]
    model: keras.Model
    seconds: float
    interrupted: bool = False
    extra: dict[str, Any] = field(default_factory=dict)
    cpu_seconds: float = 0.0

    @property
    def epochs_run(self) -> int:
        return self.history.epochs_done

    def _last(self, key: str) -> float | None:
        values = [v for v in self.history.series(key) if not math.isnan(v)]
        return values[-1] if values else None

    @property
    def val_loss(self) -> float | None:
        """Validation loss of the model as returned (evaluated), else of the last epoch."""
        final = self.extra.get("final_metrics", {})
        return final["loss"] if "loss" in final else self._last("val_loss")

    @property
    def val_accuracy(self) -> float | None:
        if not self.history.task.has_accuracy:
            return None
        final = self.extra.get("final_metrics", {})
        return final["accuracy"] if "accuracy" in final else self._last("val_accuracy")

    @property
    def score(self) -> float:
        """Higher is better: validation accuracy, or minus validation loss for regression."""
        if self.history.task.has_accuracy:
            value = self.val_accuracy
            return -math.inf if value is None or not math.isfinite(value) else value
        loss = self.val_loss
        return -math.inf if loss is None or not math.isfinite(loss) else -loss

    @property
    def best_score(self) -> float:
        if not self.history.task.has_accuracy:
            return -self.best_val_loss
        values = [v for v in self.history.series("val_accuracy") if math.isfinite(v)]
        return max(values) if values else -math.inf

    @property
    def best_val_loss(self) -> float:
        """The lowest finite validation loss of the training (inf: none)."""
        values = [v for v in self.history.series("val_loss") if math.isfinite(v)]
        return min(values) if values else math.inf


class StopFlag(keras.callbacks.Callback):
    """Set from a signal handler: stops the current training after its current batch.

    Also a Keras callback, because `fit` resets `stop_training` when it starts: a stop
    requested just before is applied again in `on_train_begin`.
    """

    keeps_weights = True  # it only stops training (`engine.validated`)

    def __init__(self) -> None:
        super().__init__()
        self.requested = False
        self._model: keras.Model | None = None

    def watch(self, model: keras.Model | None) -> None:
        self._model = model

    def request(self) -> None:
        self.requested = True
        if self._model is not None:
            self._model.stop_training = True

    def on_train_begin(self, logs: Any = None) -> None:
        if self.requested and self._model is not None:
            self._model.stop_training = True


def spec_baseline_loss(task: Task, spec: TrainingSpec, data: Dataset) -> float | None:
    """The constant predictor's validation loss under the spec's loss (summed over a
    multi-output model's outputs with their loss weights)."""
    if spec.output_losses is None:
        if is_own_loss(spec.loss_config):
            return None  # a loss of the user's own: `spec.loss` only names its task
        assert isinstance(data.y_train, np.ndarray) and isinstance(data.y_val, np.ndarray)
        smoothing = label_smoothing(spec.loss_config)
        return baseline_loss(
            task, spec.loss, smoothed_labels(spec.loss, data.y_train, smoothing),
            smoothed_labels(spec.loss, data.y_val, smoothing), train_row_weights(data),
            one_output(data.val_sample_weight),
        )  # fmt: skip
    assert isinstance(data.y_train, dict) and isinstance(data.y_val, dict)
    names = {out: loss_name(loss) or "" for out, loss in spec.output_losses.items()}
    tasks = {out: LOSS_TASKS.get(name) for out, name in names.items()}
    return combined_baseline_loss(tasks, names, spec.loss_weights, data.y_train, data.y_val,
                                  data.sample_weight, data.val_sample_weight)


def spec_loss_floor(spec: TrainingSpec, data: Dataset) -> float:
    """The lowest validation loss any prediction gets under the spec's loss
    (`measure.baselines.loss_floor`: above 0 for soft or smoothed targets); 0 for a
    multi-output model or a loss of the user's own."""
    if spec.output_losses is not None or is_own_loss(spec.loss_config):
        return 0.0
    assert isinstance(data.y_val, np.ndarray)
    targets = smoothed_labels(spec.loss, data.y_val, label_smoothing(spec.loss_config))
    return loss_floor(spec.loss, targets, one_output(data.val_sample_weight))


def train_row_weights(data: Dataset) -> np.ndarray | None:
    """Each training row's weight in the loss of a single-output model: its sample weight,
    else its class's weight (Keras' `class_weight`, training only), else None."""
    weights = one_output(data.sample_weight)
    if weights is not None:
        return row_weights(weights)
    if data.class_weight and isinstance(data.y_train, np.ndarray):
        return class_row_weights(data.y_train, data.class_weight)
    return None


def chance_floor(data: Dataset, sparse: bool) -> float | None:
    """The validation rows' majority share (`TrainingHistory.chance_floor`); None under
    weights, or for classes per step or pixel."""
    assert isinstance(data.y_train, np.ndarray) and isinstance(data.y_val, np.ndarray)
    if data.sample_weight is not None or data.class_weight or not len(data.y_val):
        return None
    if class_indices(data.y_train[:1], sparse).size > 1 or is_multi_label(data.y_train):
        return None
    classes = class_indices(data.y_val, sparse)
    if len(classes) != len(data.y_val) or classes.min(initial=0) < 0:
        return None
    return float(np.bincount(classes).max() / len(classes))


def new_history(task: Task, spec: TrainingSpec, data: Dataset) -> TrainingHistory:
    chance = classes = None
    floor = None
    if task.has_accuracy:
        assert isinstance(data.y_train, np.ndarray) and isinstance(data.y_val, np.ndarray)
        sparse = sparse_ids(spec.loss, data.y_train)
        chance = chance_accuracy(data.y_train, data.y_val, sparse)
        classes = class_count(task, data.y_train, data.y_val, sparse=sparse)
        floor = chance_floor(data, sparse)
    return TrainingHistory(
        task=task,
        epochs_budget=spec.epochs,
        steps_per_epoch=math.ceil(data.n_train / spec.batch_size),
        baseline_loss=spec_baseline_loss(task, spec, data),
        loss_floor=spec_loss_floor(spec, data),
        chance_accuracy=chance,
        chance_floor=floor,
        chance_rows=len(data.y_val) if floor is not None else None,
        output_chance=spec_output_chance(spec, data),
        classes=classes,
    )


def job_reference(spec: TrainingSpec, data: Dataset) -> LazyReference | None:
    """The data's ceiling (`measure.reference_fit`) on the training and validation rows, for
    one output whose rows weigh alike (weights change the constant predictor's loss)."""
    if spec.output_losses is not None or data.sample_weight is not None or data.class_weight:
        return None
    if data.val_sample_weight is not None:
        return None
    return LazyReference(loss_name(spec.loss), data.x_train, data.y_train, data.x_val, data.y_val)


def spec_output_chance(spec: TrainingSpec, data: Dataset) -> dict[str, float]:
    """A multi-output model's chance accuracy per classification output (empty otherwise)."""
    if spec.output_losses is None:
        return {}
    assert isinstance(data.y_train, dict) and isinstance(data.y_val, dict)
    names = {out: loss_name(loss) or "" for out, loss in spec.output_losses.items()}
    tasks = {out: LOSS_TASKS.get(name) for out, name in names.items()}
    return output_chance(tasks, data.y_train, data.y_val, names)


class AttemptTraining:
    """One training under watch that may run in segments: `fit(until)` trains on from the
    epoch the last segment ended at, with the same watched model (its traced train and test
    functions are reused, nothing is traced again), optimizer state, history, findings and
    callbacks. A screened repair candidate trains its first segment, and, if it is among the
    best, the rest (`engine.repair_loop`).

    Args:
        recorder: Gets each epoch's logs, check and new finding (the attempt is open in it).
        compile_model: Compiles a model with the spec's optimizer, loss and metrics.
        callbacks: Extra Keras callbacks (the spec's own, ...), kept for every segment.
        stop_on_detection: Overrides `config.detection.stop_on_detection` (None: keep it).
    """

    def __init__(
        self,
        name: str,
        model: keras.Model,
        spec: TrainingSpec,
        data: Dataset,
        task: Task,
        config: AutotrainerConfig,
        detector: Detector,
        recorder: Recorder,
        *,
        compile_model: Callable[[keras.Model, TrainingSpec], None],
        callbacks: list[keras.callbacks.Callback] | None = None,
        stop_flag: StopFlag | None = None,
        stop_on_detection: bool | None = None,
        references: dict[str | None, LazyReference] | None = None,
    ) -> None:
        self.name, self.model, self.spec, self.data = name, model, spec, data
        self._x_train, self._x_val = keras_ready(data.x_train), keras_ready(data.x_val)
        self._compile = compile_model
        self._stop_flag = stop_flag
        self.setup_findings: list[Finding] = []
        self.seconds = 0.0  # training time of every segment so far
        self._seconds_reported = 0.0
        self.cpu_seconds = 0.0  # the same in this process's CPU time
        self._cpu_reported = 0.0
        self._segments = 0
        self._validated: dict[str, float] | None = None  # the last segment's, if known
        stops = (
            config.detection.stop_on_detection if stop_on_detection is None else stop_on_detection
        )
        self.history = history = new_history(task, spec, data)
        self.findings: list[Finding] = []
        self._detector, self._recorder = detector, recorder
        self._judges_early_end = config.detection.profile == "default"
        self._early_end_thresholds = config.detection.default
        monitor = config.monitor
        steps_per_check = math.ceil(max(1, history.steps_per_epoch) / monitor.checks_per_epoch)
        rows = min(max(8, history.steps_per_epoch + 1), monitor.stats_max_rows)
        every = monitor.stats_every_steps
        self.watched = watched = WatchedModel(  # fixed memory: no ring grows past its bound
            model,
            ring_size=min(max(8, history.steps_per_epoch + 1), monitor.loss_max_rows),
            stats_every=fixed_stride(every or 1, steps_per_check, rows),
            gradient_rows=rows,
        )
        compile_model(watched, spec)
        build_training_state(
            watched, take(self._x_train, slice(0, 2)), take(data.y_train, slice(0, 2))
        )

        def check_due(epoch: int, at_epoch_end: bool) -> bool:
            return bool(detector.check_due(history, epoch, at_epoch_end))

        reference = job_reference(spec, data)
        if reference is not None and references is not None:  # one fit per loss in a job
            reference = references.setdefault(reference.loss, reference)
        self.reference = reference

        def on_check(check: CheckRecord) -> bool:
            recorder.check(check)
            finding = detect_with_ceiling(detector, history, reference)
            if finding is None or any(f.problem == finding.problem for f in self.findings):
                return False
            self.findings.append(finding)
            recorder.finding(finding)
            return stops

        def epoch_logged(epoch: int, logs: dict[str, float]) -> None:
            recorder.epoch(self.name, epoch, spec.epochs, logs)

        probe_n = (
            monitor.probe_batch_size if detector.gradient_source == "steps" else spec.batch_size
        )
        watch = TrainingWatch(
            watched,
            history,
            check_due,
            on_check,
            detector.gradient_source,
            take(data.x_train, slice(0, probe_n)),
            take(data.y_train, slice(0, probe_n)),
            checks_per_epoch=monitor.checks_per_epoch,
            first_epoch_checks=monitor.first_epoch_checks,
            on_epoch=epoch_logged,
            activations=bool(getattr(detector, "reads_activations", False)),
            stats_budget=monitor.stats_time_budget if every is None else None,
        )
        self._callbacks = [watch, *(callbacks or []), *([stop_flag] if stop_flag else [])]

    @property
    def epochs_done(self) -> int:
        return self.history.epochs_done

    def fit(self, until: int) -> None:
        """Train on from `epochs_done` to epoch `until` (stopped earlier by a detection, a
        callback or the stop flag)."""
        if self._segments == 0:
            keras.utils.set_random_seed(self.spec.seed)
        self._segments += 1
        data = self.data
        if self._stop_flag is not None:
            self._stop_flag.watch(self.watched)
        started, cpu_started = time.perf_counter(), time.process_time()
        self._validated = None
        first = len(self.history.epochs)
        stream = self._stream()
        rows: dict[str, Any] = (
            {"x": stream} if stream is not None else
            {"x": self._x_train, "batch_size": self.spec.batch_size,
             **weighted_targets(data.y_train, data.sample_weight, self.watched),
             "shuffle": self.spec.shuffle}
        )  # fmt: skip
        try:
            self.watched.fit(
                **rows,
                epochs=until,
                initial_epoch=self.epochs_done,
                validation_data=_validation(data, self._x_val, self.watched),
                validation_batch_size=self.spec.validation_batch_size,
                class_weight=data.class_weight,
                verbose=0,
                callbacks=self._callbacks,
            )
            self._validated = validated_metrics(
                self.history.epochs[first:],
                self._callbacks,
                self.watched.optimizer,
                self.watched.step_stats.steps_recorded,
            )
        finally:
            if self._stop_flag is not None:
                self._stop_flag.watch(None)
            self.seconds += time.perf_counter() - started
            self.cpu_seconds += time.process_time() - cpu_started

    def _stream(self) -> Any:
        """The caller's dataset when this training takes its batches as they are (its batch
        size, shuffled, no sample weights of the job's: `Dataset.stream`); None: the rows."""
        data = self.data
        if data.stream is None or data.sample_weight is not None or not self.spec.shuffle:
            return None
        return data.stream if self.spec.batch_size == data.stream_batch else None

    def judge_early_end(self) -> None:
        """When a callback of the user's (EarlyStopping) ended training before its budget with
        nothing found, judge the last check once more as if the budget had been the epochs
        trained (`detect.ended_early`): the epochs a slow start was waited for never came;
        else name a stop right after a new best validation loss still falling
        (`cut_while_falling`: small_budget, repaired by `early_stop_off`)."""
        if not self._judges_early_end or self.findings:
            return
        if self._stop_flag is not None and self._stop_flag.requested:
            return
        late = ended_early_finding(self._detector, self.history)
        if late is None:  # stopped on its way down: the epochs it still had to learn in
            late = cut_while_falling(self.history, self._early_end_thresholds)
        if late is None:  # the whole budget spent at chance: no later check to wait for
            late = at_chance_at_the_end(self.history, self._early_end_thresholds)
        if late is not None:
            self.findings.append(late)
            self._recorder.finding(late)

    def continue_as(
        self, name: str, spec: TrainingSpec, callbacks: list[keras.callbacks.Callback]
    ) -> None:
        """Make the next segments a new attempt `name` trained per `spec` (a longer budget:
        the rules read the new one) with `callbacks` added; the watched model, its traced
        functions, optimizer state and history carry on."""
        self.name, self.spec = name, spec
        self.history.epochs_budget = spec.epochs
        self._callbacks[1:1] = callbacks  # after the watch, before the caller's

    def run(self) -> AttemptResult:
        """Train the whole budget in one segment (stopped earlier by a detection, a callback
        or the stop flag) and return the result."""
        self.fit(self.spec.epochs)
        return self.result()

    @property
    def callbacks(self) -> tuple[keras.callbacks.Callback, ...]:
        """Every callback the segments train with (the watch first)."""
        return tuple(self._callbacks)

    def result(self) -> AttemptResult:
        """What the training produced so far: evaluated (or, when the last segment's weights
        are those of an epoch `fit` validated, that epoch's validation metrics:
        `engine.validated`), its model compiled for saving; its `seconds` are those trained
        since the last result (each attempt counts its own)."""
        data, spec = self.data, self.spec
        final_metrics = self._validated
        if final_metrics is None:
            # Through the watched model: its test function was traced for validation.
            final_metrics = canonical_logs(
                self.watched.evaluate(
                    self._x_val,
                    batch_size=spec.validation_batch_size or spec.batch_size,
                    **weighted_targets(data.y_val, data.val_sample_weight, self.watched),
                    verbose=0,
                    return_dict=True,
                )
            )
        self._compile(self.model, spec)  # the saved model carries the spec's compile settings
        seconds, self._seconds_reported = self.seconds - self._seconds_reported, self.seconds
        cpu_seconds, self._cpu_reported = self.cpu_seconds - self._cpu_reported, self.cpu_seconds
        return AttemptResult(
            name=self.name,
            spec=spec,
            history=self.history,
            findings=list(self.findings),
            model=self.model,
            seconds=seconds,
            interrupted=bool(self._stop_flag and self._stop_flag.requested),
            extra={"final_metrics": dict(final_metrics)},
            cpu_seconds=cpu_seconds,
        )


def _validation(data: Dataset, x_val: Any, model: keras.Model) -> tuple[Any, ...]:
    if data.val_sample_weight is None:
        return (x_val, data.y_val)
    given = weighted_targets(data.y_val, data.val_sample_weight, model)
    return (x_val, given["y"], given["sample_weight"])


def weighted_targets(y: Arrays, weights: Arrays | None, model: keras.Model) -> dict[str, Any]:
    """`fit`'s `y` and `sample_weight` as `model` takes them: with weights by output name,
    both as lists in its outputs' order (the watched model returns its outputs as a list;
    Keras matches targets by name to it, but not weights, and asks for the weights in the
    targets' structure)."""
    if not isinstance(weights, dict):
        return {"y": y, "sample_weight": weights}
    assert isinstance(y, dict)
    names = model.output_names
    return {"y": [y[name] for name in names], "sample_weight": [weights[name] for name in names]}
