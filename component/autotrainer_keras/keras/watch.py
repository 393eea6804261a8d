"""`Watch`: autotrainer's detection as a Keras callback on the user's own `model.fit`."""

from __future__ import annotations

import math
import os
import sys
import warnings
from pathlib import Path
from typing import Any

import keras
import numpy as np

from autotrainer_keras.config import PROFILES, AutotrainerConfig, resolve_config
from autotrainer_keras.detect import make_detector
from autotrainer_keras.detect.ceiling import detect_with_ceiling
from autotrainer_keras.detect.ended_early import (
    at_chance_at_the_end,
    cut_while_falling,
    ended_early_finding,
    few_steps_still_falling,
)
from autotrainer_keras.detect.preflight.base import OWN_LOSS
from autotrainer_keras.engine.compiled import canonical_loss, compiled_metrics, loss_name
from autotrainer_keras.engine.output_setup import (
    compiled_output_loss_configs,
    compiled_output_losses,
    is_multi_output,
)
from autotrainer_keras.engine.setup import LOSS_TASKS, accuracy_task, task_of
from autotrainer_keras.engine.setup_check import PrimaryCheck, SetupCheck
from autotrainer_keras.errors import InputError
from autotrainer_keras.io.arrays import n_rows
from autotrainer_keras.keras.backend_check import require_gradient_backend
from autotrainer_keras.keras.problem_warning import TrainingProblemWarning
from autotrainer_keras.keras.schedule_check import schedule_findings
from autotrainer_keras.keras.stale_compile import stale_compile_findings
from autotrainer_keras.keras.watch_probe import (
    WatchProbe,
    broadcast_head,
    check_probe_inputs,
    check_probe_targets,
    declares_inputs,
    inputs_by_name,
    outputs_by_name,
    probe_rows,
    unfinished_finding,
    watch_class_weight,
)
from autotrainer_keras.measure.baselines import (
    baseline_loss,
    chance_accuracy,
    class_count,
    class_row_weights,
    combined_baseline_loss,
    loss_floor,
    output_chance,
    smoothed_labels,
    sparse_ids,
)
from autotrainer_keras.measure.current_rate import current_rate
from autotrainer_keras.measure.history import EpochRecord, Task, TrainingHistory
from autotrainer_keras.measure.log_names import canonical_logs
from autotrainer_keras.measure.loss_weights import label_smoothing
from autotrainer_keras.measure.reference_fit import LazyReference
from autotrainer_keras.measure.running_loss import RunningLossDecoder
from autotrainer_keras.problems import Finding
from autotrainer_keras.record import watch_report

ON_PROBLEM = ("warn", "stop")


class Watch(keras.callbacks.Callback):
    """Detect AutoTrainer's training problems in your own `model.fit` (TensorFlow, JAX, PyTorch).

    At each check (every epoch end; every 3 epochs under the paper profile) it measures the
    gradients of your compiled loss on a fixed, stratified probe batch (inference mode), the
    weights, the dead ReLU units and the loss of every step (from the batch logs), and runs
    the same detectors as `autotrainer_keras.fit`. Your model is not replaced or recompiled.
    Without `probe_data` only the loss-curve rules (NaN/Inf, divergence, oscillation, slow
    convergence) can fire. The repair rebuilds the model, so it is not done here: the
    report's `repair` entry gives the `autotrainer_keras.fit(...)` call and the CLI command.
    Under `tf.distribute.MirroredStrategy` (model built under `strategy.scope()`) it finds
    what it finds on one device: the losses come from Keras' reduced logs and the probe runs
    on the mirrored weights with the whole probe batch.

    Example:

    ```python
    import autotrainer_keras.keras
    import keras
    import numpy as np

    keras.utils.set_random_seed(0)
    x = np.random.default_rng(0).normal(size=(512, 8)).astype("float32")
    y = (x[:, 0] > 0).astype("float32")
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(16, activation="relu"),
                              keras.layers.Dense(1, activation="sigmoid")])
    model.compile(optimizer=keras.optimizers.SGD(1e4), loss="binary_crossentropy")
    watch = autotrainer_keras.keras.Watch(probe_data=(x, y), on_problem="stop")
    model.fit(x, y, epochs=5, validation_split=0.2, callbacks=[watch], verbose=0)
    print(watch.findings[0].problem)   # exploding_gradient (NaN in the first epoch)
    print(watch.report["repair"]["python"])
    ```

    Args:
        profile: Detection rules: "default" (the improved rules) or "paper".
        on_problem: "warn" (a `TrainingProblemWarning` per new problem, training goes on) or
            "stop" (`model.stop_training = True` at the first problem).
        tracking: None: no MLflow. True: log into the active MLflow run (yours, or the one
            `mlflow.autolog()` opened for this fit), else into a new run at the current
            tracking URI. A URI string: a new run there.
        output_dir: Where to write report.json at the end of training (None: nowhere).
        probe_data: `(x, y)` or `(x, y, sample_weight)` arrays (usually your training
            data; x a dict by input name, or a tuple by position, for several inputs) or a
            finite `tf.data.Dataset` / `keras.utils.PyDataset` of batches; a stratified probe
            batch of `monitor.probe_batch_size` rows is taken from it and its targets give the
            "learned nothing" baseline loss (weighted as Keras weighs the loss when you pass
            the sample weights you train with).
        validation_data: The `validation_data` you pass to `model.fit`, if any (the same
            forms as probe_data): before the first step the pre-flight checks then also
            compare it with probe_data, as `autotrainer_keras.fit` does (validation inputs
            scaled unlike the training ones, validation targets in other units, classes the
            training labels lack). Keras gives callbacks no validation data of their own.
        class_weight: The `class_weight` you pass to `model.fit` ({class index: weight}), if
            any: the probe rows are then weighted by class for the baseline, as Keras weighs
            the training loss (without it, the weighted loss is compared with an unweighted
            baseline and a healthy model can look like it learns nothing).
        log_metrics: With tracking, also log the epoch logs (as `autotrainer.<name>`) and the
            per-layer statistics of each check.
        config: Thresholds and settings as for `autotrainer_keras.fit` (object, dict or YAML path).
        verbose: 1: print the one-line summary at the end of training; 0: silent.

    Attributes:
        findings: The problems found, first one first (one per problem).
        report: The report.json document (after training; None before).
        history: Everything measured (a `TrainingHistory`).

    Raises:
        ValueError: An argument is invalid, or Keras runs a backend without gradients
            (NumPy, OpenVINO): tensorflow, jax and torch are supported.
    """

    async_safe = True
    """Batch ends only append `(batch, loss)` (decoded in order at the epoch end), so Keras may
    keep dispatching batch-end callbacks on its thread pool: no per-step wait on the host."""

    def __init__(
        self,
        profile: str = "default",
        on_problem: str = "warn",
        tracking: bool | str | None = None,
        output_dir: str | Path | None = None,
        probe_data: Any = None,
        log_metrics: bool = False,
        config: AutotrainerConfig | dict[str, Any] | str | Path | None = None,
        verbose: int = 1,
        class_weight: dict[int, float] | None = None,
        validation_data: Any = None,
    ) -> None:
        super().__init__()
        require_gradient_backend()
        if profile not in PROFILES:
            raise ValueError(
                f"Watch: profile must be one of {', '.join(PROFILES)}, got {profile!r}"
            )
        if on_problem not in ON_PROBLEM:
            raise ValueError(f"Watch: on_problem must be 'warn' or 'stop', got {on_problem!r}")
        if not (tracking is None or isinstance(tracking, bool | str)):
            raise ValueError(f"Watch: tracking must be None, True or a URI, got {tracking!r}")
        self.settings = resolve_config(config).with_overrides(detection__profile=profile)
        if isinstance(tracking, str):  # the scheme checked now, as fit() and the CLI do
            try:
                self.settings.with_overrides(origin="Watch", tracking__tracking_uri=tracking)
            except InputError as error:
                raise ValueError(str(error)) from None
        if output_dir is not None and not isinstance(output_dir, str | os.PathLike):
            raise ValueError(
                "Watch: output_dir must be a path (str or pathlib.Path) or None, got "
                f"{type(output_dir).__name__}"
            )
        if output_dir is not None and Path(output_dir).exists() and not Path(output_dir).is_dir():
            raise ValueError(f"Watch: output_dir {output_dir} is a file; pass a directory")
        self.profile = profile
        self.on_problem = on_problem
        self.output_dir = Path(output_dir) if output_dir is not None else None
        self.verbose = verbose
        self._tracking = tracking
        self._log_metrics = log_metrics
        rows = probe_rows(probe_data)
        self._probe_rows = None if rows is None else (rows[0], rows[1])
        self._probe_weights = None if rows is None else rows[2]
        self._unfinished = None if rows is None else rows.unfinished
        self._class_weight = watch_class_weight(class_weight, self._probe_weights)
        val = probe_rows(validation_data, "Watch validation_data")
        self._val_rows = None if val is None else (val[0], val[1])
        self.findings: list[Finding] = []
        self._probe_key: tuple[int, ...] = ()
        self._setup_check: tuple[tuple[Any, ...], SetupCheck] | None = None
        self.report: dict[str, Any] | None = None
        self.history: TrainingHistory | None = None

    def on_train_begin(self, logs: dict[str, Any] | None = None) -> None:
        from autotrainer_keras.record.watch_tracking import WatchTracker

        self.findings, self.report, self._stopped = [], None, False
        self._detector = make_detector(self.settings.detection)
        self._decoder = RunningLossDecoder()
        self._first_epoch: int | None = None
        self._probe_problem: str | None = None
        self._inputs_unchecked = False
        self._broadcast: Finding | None = None
        if self._probe_rows is not None:  # targets by position: by output name, now known
            x, y = self._probe_rows
            # a Sequential without keras.Input has no inputs until its first step builds it
            self._inputs_unchecked = not declares_inputs(self.model)
            x = x if self._inputs_unchecked else inputs_by_name(self.model, x)
            self._probe_rows = (x, outputs_by_name(self.model, y))
            if self._val_rows is not None:  # the same names, or no validation rows at all
                self._val_rows = self._named_val_rows(self._val_rows)
            if not self._inputs_unchecked:
                self._broadcast = self._check_probe_rows()
        self.history = self._new_history()
        self._reference = self._data_reference()
        key = _compiled_key(self.model)
        if getattr(self, "_probe", None) is None or self._probe_key != key:
            self._probe: WatchProbe = WatchProbe(self.model, self._probe_rows, self.settings)
            self._probe_key = key  # traced once: kept over later fits of the same compile
        self._probe.restart()
        self._tracker = None
        preflight = self._preflight()
        self._before_training = [*filter(None, [self._broadcast]), *preflight.findings]
        start = preflight.start
        if start is not None and math.isfinite(start.mean):
            self.history.initial_loss = start.mean  # where this fit starts (trained?)
        if self.profile == "default":
            self._before_training += schedule_findings(self.model, self.params, self.settings)
            if self.settings.detection.preflight.enabled:
                self._before_training += stale_compile_findings(self.model)
        if self._tracking is not None and self._tracking is not False:
            tracking = self.settings.tracking
            self._tracker = WatchTracker(
                self._tracking, tracking.experiment, self._log_metrics, _print_err,
                http_timeout_seconds=tracking.http_timeout_seconds,
                http_max_retries=tracking.http_max_retries,
            )  # fmt: skip
            self._tracker.start(self.model.name, {"profile": self.profile, **self._notes()})
        for finding in self._before_training:
            self._found(finding)

    def on_epoch_begin(self, epoch: int, logs: dict[str, Any] | None = None) -> None:
        if self._first_epoch is None:  # fit(initial_epoch=k): the budget is what is left
            self._first_epoch = epoch
            self._history.epochs_budget = max(1, int(self.params.get("epochs") or 1) - epoch)
        self._decoder.reset()
        self._batch_losses: list[tuple[int, float]] = []

    def on_train_batch_end(self, batch: int, logs: dict[str, Any] | None = None) -> None:
        if logs and "loss" in logs:  # possibly on a Keras worker thread: append only
            self._batch_losses.append((batch, float(logs["loss"])))
        if self._inputs_unchecked and self.model.built:  # built by its first step: check now
            self._check_deferred_inputs()

    def _check_deferred_inputs(self) -> None:
        """The probe inputs of a model built by its first step: a mismatch stops the fit at
        once (the error is raised at the epoch's end, in the fit's own thread)."""
        self._inputs_unchecked = False
        try:
            broadcast = self._check_probe_rows()
        except ValueError as error:
            self._probe_problem = str(error)
            self.model.stop_training = True
            return
        if broadcast is not None:
            self._found(broadcast)

    def _named_val_rows(self, rows: tuple[Any, Any]) -> tuple[Any, Any] | None:
        """The validation rows by input and output name, as the probe rows are; None (the
        probe rows stand in, as without validation data) when the model has not declared
        its inputs yet or the rows do not fit its inputs (Keras reports that at the first
        validation)."""
        if self._inputs_unchecked:
            return None
        try:
            x, y = inputs_by_name(self.model, rows[0]), outputs_by_name(self.model, rows[1])
            check_probe_inputs(self.model, x)
        except ValueError:
            return None
        return x, y

    def _check_probe_rows(self) -> Finding | None:
        """Probe rows the built model cannot take, refused (ValueError, one line); a one-unit
        output against targets of several columns, which Keras broadcasts and trains, is a
        finding (`broadcast_head`), returned."""
        assert self._probe_rows is not None
        x, y = self._probe_rows
        check_probe_inputs(self.model, x)
        broadcast = broadcast_head(self.model, y, _loss_name(self.model))
        if broadcast is None:
            check_probe_targets(self.model, y, _loss_name(self.model), x)
        checks = self.profile == "default" and self.settings.detection.preflight.enabled
        return broadcast if checks else None  # a set-up finding: the pre-flight checks' own

    def on_epoch_end(self, epoch: int, logs: dict[str, Any] | None = None) -> None:
        if self._inputs_unchecked:
            self._check_deferred_inputs()
        if self._probe_problem is not None:
            raise ValueError(self._probe_problem)
        for batch, mean in sorted(self._batch_losses):  # Keras flushed its batch-end calls
            self._history.step_losses.extend(self._decoder.update(batch + 1, mean))
        self._batch_losses = []
        history, index = self._history, epoch - (self._first_epoch or 0)
        if not self.params.get("steps") and index == 0:  # a dataset of unknown length
            history.steps_per_epoch = max(1, history.steps_done)
        history.epochs.append(EpochRecord(index, history.steps_done, canonical_logs(logs)))
        rate = current_rate(self.model)
        if rate is not None:
            history.learning_rates.append(rate)
        check = None
        if self._detector.check_due(history, index, True):
            check = self._probe.check(index, history.steps_done)
            history.checks.append(check)
            finding = detect_with_ceiling(self._detector, history, self._reference)
            if finding is not None and all(f.problem != finding.problem for f in self.findings):
                self._found(finding)
        if self._tracker is not None:
            self._tracker.log_epoch(epoch, canonical_logs(logs), check, self._probe.has_data)

    def on_train_end(self, logs: dict[str, Any] | None = None) -> None:
        history = self._history
        if self.profile == "default" and not self._stopped:  # ended by another callback?
            late = ended_early_finding(self._detector, history)
            if late is None and not self.findings:
                late = cut_while_falling(history, self.settings.detection.default)
            if late is None and not self.findings and self.settings.detection.preflight.enabled:
                late = few_steps_still_falling(history, self.settings.detection.default,
                                               self.settings.detection.preflight.min_steps)
            if late is None and not self.findings:
                late = at_chance_at_the_end(history, self.settings.detection.default)
            if late is not None and all(f.problem != late.problem for f in self.findings):
                self._found(late)
        self.report = watch_report.build_report(
            model_name=self.model.name,
            profile=self.profile,
            findings=self.findings,
            epochs_run=history.epochs_done,
            epochs_budget=history.epochs_budget,
            stopped=self._stopped,
            gradients_measured=self._probe.has_data,
            notes=list(self._notes().values()),
            curves={key: history.series(key) for key in _curve_keys(history)},
        )
        path = None
        if self.output_dir is not None:
            try:
                path = str(watch_report.write_report(self.output_dir, self.report))
            except OSError as error:  # the fit is over: keep its report (watch.report)
                _print_err(
                    f"autotrainer Watch: report.json not written to {self.output_dir}: "
                    f"{error.strerror or error}; watch.report holds it"
                )
        if self._tracker is not None:
            self._tracker.end(self.report["status"], path)
        if self.verbose:
            print(self.report["summary"], file=sys.stderr)

    def summary(self) -> str:
        """The one-line summary (after training)."""
        return "" if self.report is None else str(self.report["summary"])

    @property
    def _history(self) -> TrainingHistory:
        assert self.history is not None, "Watch: used before on_train_begin"
        return self.history

    def _preflight(self) -> PrimaryCheck:
        """The pre-flight checks' primary findings (`SetupCheck.primary`: a wrong output or
        loss for the labels, unscaled inputs, ...) on the probe rows, before the first step,
        and the loss the fit starts from: default profile, one output array, a built model (a
        loss of the user's own gets the checks that do not judge the loss); a multi-output
        model's findings per output (`_output_findings`). The probe rows' facts are read
        once per Watch (and output shape): ~10 ms of the overhead CNN's probe rows per fit."""
        rows, loss = self._probe_rows, _loss_name(self.model)
        nothing = PrimaryCheck([], None)
        if (self.profile != "default" or not self.settings.detection.preflight.enabled
                or rows is None or not self.model.built):  # fmt: skip
            return nothing
        if is_multi_output(self.model):
            return PrimaryCheck(self._output_findings(*rows), None)
        loss = loss or OWN_LOSS  # no output/loss rule knows it; the input checks still run
        x, y = rows
        if not (isinstance(x, np.ndarray | dict) and isinstance(y, np.ndarray)):
            return nothing  # named inputs (a dict) each get the input checks on their own
        from autotrainer_keras.io.data import Dataset

        try:  # the probe rows stand for the training data (no validation labels to compare)
            shape = tuple(self.model.output_shape)
            if self._setup_check is None or self._setup_check[0] != shape:  # once per Watch:
                w = self._probe_weights if isinstance(self._probe_weights, np.ndarray) else None
                x_val, y_val = self._val_rows or (x, y)
                data = Dataset(x, y, x_val, y_val, sample_weight=w,
                               class_weight=self._class_weight)
                check = SetupCheck(self.settings, data, shape)
                self._setup_check = (shape, check)  # the data's facts (fixed probe rows)
            epochs, steps = (self.params or {}).get("epochs"), (self.params or {}).get("steps")
            budget = int(epochs) * int(steps) if epochs and steps else None
            checked = self._setup_check[1].primary(self.model, loss, _from_logits(self.model),
                                                   budget, self._val_rows is not None)  # fmt: skip
            unfinished = unfinished_finding(self.model, self._unfinished, n_rows(y))
            if unfinished is None:
                return checked
            return PrimaryCheck([*checked.findings, unfinished], checked.start)
        except Exception:  # noqa: BLE001 - a check this model cannot give never stops its fit
            return nothing

    def _output_findings(self, x: Any, y: Any) -> list[Finding]:
        """A multi-output model's pre-flight findings, per output (`OutputChecks.primary`)
        on the probe rows: targets by output name."""
        if not isinstance(y, dict):
            return []
        from autotrainer_keras.engine.output_checks import OutputChecks
        from autotrainer_keras.io.data import Dataset

        try:
            val = self._val_rows if self._val_rows and isinstance(self._val_rows[1], dict) else None
            x_val, y_val = val or (x, y)
            data = Dataset(x, y, x_val, y_val, sample_weight=self._probe_weights)
            check = OutputChecks(self.settings, data, self.model)
            weights = compiled_output_losses(self.model)[1]
            return check.primary(self.model, compiled_output_loss_configs(self.model), weights,
                                 val is not None)  # fmt: skip
        except Exception:  # noqa: BLE001 - a check this model cannot give never stops its fit
            return []

    def _found(self, finding: Finding) -> None:
        self.findings.append(finding)
        if self._tracker is not None:
            self._tracker.log_finding(finding)
        when = "before training" if finding.step == 0 else f"at epoch {finding.epoch}"
        message = (
            f"autotrainer Watch: {finding.problem.value} {when}"
            f"{f' in layer {finding.layer}' if finding.layer else ''}: {finding.reason}"
        )
        if self.on_problem == "stop":
            self.model.stop_training = True
            self._stopped = True
            if self.verbose:
                print(f"{message} Stopping training.", file=sys.stderr)
        else:
            warnings.warn(message, TrainingProblemWarning, stacklevel=2)

    def _new_history(self) -> TrainingHistory:
        if is_multi_output(self.model):
            return self._multi_output_history()
        loss = _loss_name(self.model)
        task = LOSS_TASKS.get(loss or "", Task.REGRESSION)
        y = self._probe_rows[1] if self._probe_rows is not None else None
        sparse = isinstance(y, np.ndarray) and sparse_ids(loss, y)
        baseline = chance = None
        floor = 0.0
        if isinstance(y, np.ndarray) and loss in LOSS_TASKS:
            task = task_of(loss, y)
            w = self._probe_weights
            if self._class_weight:
                w = class_row_weights(y, self._class_weight)
            weights = w if w is not None and len(w) == len(y) else None
            targets = smoothed_labels(loss or "", y, _label_smoothing(self.model))
            baseline = baseline_loss(task, loss, targets, targets, weights, weights)
            floor = loss_floor(loss or "", targets, weights)
            chance = chance_accuracy(y, y, sparse) if task.has_accuracy else None
        elif isinstance(y, np.ndarray):  # a loss of the user's own: a class accuracy tells
            task = _own_loss_task(self.model, y)
            chance = chance_accuracy(y, y) if task.has_accuracy else None
        labels = [y] if isinstance(y, np.ndarray) else []
        return TrainingHistory(
            task=task,
            epochs_budget=int(self.params.get("epochs") or 1),
            steps_per_epoch=int(self.params.get("steps") or 1),
            baseline_loss=baseline,
            loss_floor=floor,
            baseline_rows="training",
            chance_accuracy=chance,
            classes=class_count(task, *labels, width=_output_width(self.model), sparse=sparse),
        )

    def _data_reference(self) -> LazyReference | None:
        """The data's ceiling (`measure.reference_fit`) on the probe rows, halved, for one
        output whose rows weigh alike (weights change the constant predictor's loss)."""
        rows = self._probe_rows
        if rows is None or is_multi_output(self.model) or self._probe_weights is not None:
            return None
        if self._class_weight:
            return None
        return LazyReference.halves(_loss_name(self.model), rows[0], rows[1])

    def _multi_output_history(self) -> TrainingHistory:
        """Several outputs: the rules read the total loss; its baseline is the weighted sum of
        the outputs' constant-predictor losses on the probe targets (None when one output's
        loss has none: the rules then measure from the first loss)."""
        baseline, chances = None, {}
        rows = self._probe_rows
        if rows is not None and isinstance(rows[1], dict):
            names, weights = compiled_output_losses(self.model)
            tasks = {out: _output_task(name, rows[1].get(out)) for out, name in names.items()}
            losses = {out: name or "" for out, name in names.items()}
            if set(rows[1]) >= set(names):
                w = self._probe_weights
                baseline = combined_baseline_loss(tasks, losses, weights, rows[1], rows[1], w, w)
            chances = output_chance(tasks, rows[1], rows[1], losses)
        return TrainingHistory(
            task=Task.MULTI_OUTPUT,
            epochs_budget=int(self.params.get("epochs") or 1),
            steps_per_epoch=int(self.params.get("steps") or 1),
            baseline_loss=baseline,
            baseline_rows="training",
            chance_accuracy=None,
            output_chance=chances,
        )

    def _notes(self) -> dict[str, str]:
        notes = {}
        if self._probe_rows is None:
            notes["gradients"] = "not measured: pass probe_data=(x, y) for the gradient rules"
        elif getattr(self, "_probe", None) is not None and self._probe.unprobeable:
            notes["gradients"] = (f"not measured: {self._probe.unprobeable}; the loss-curve "
                                  "rules ran on the logged loss")  # fmt: skip
        if getattr(self, "_probe", None) is not None and self._probe.dead_units_note:
            notes["dead_units"] = self._probe.dead_units_note
        return notes


def _output_task(loss: str | None, y: object) -> Task | None:
    """One output's task, as the job reads it (`task_of`: a binary loss on targets other than
    0/1 is scored by its loss); None for a loss autotrainer does not know."""
    if loss not in LOSS_TASKS:
        return None
    return task_of(loss, y) if isinstance(y, np.ndarray) else LOSS_TASKS[loss]


def _compiled_key(model: keras.Model) -> tuple[int, ...]:
    """What the traced probes depend on: the model, its compile (optimizer and loss objects)
    and which variables train; a new fit with the same key reuses them."""
    loss = getattr(model, "loss", None)
    return id(model), id(model.optimizer), id(loss), len(model.trainable_variables)



def _loss_name(model: keras.Model) -> str | None:
    loss = getattr(model, "loss", None)
    if isinstance(loss, str):
        return canonical_loss(loss)
    if isinstance(loss, keras.losses.Loss):  # by its class: Huber's name is "huber_loss"
        return loss_name(keras.losses.serialize(loss))
    if not str(getattr(loss, "__module__", "")).startswith("keras"):
        return None  # a function of the user's own: its name says nothing of what it computes
    name = getattr(loss, "name", None) or getattr(loss, "__name__", None)
    return canonical_loss(name) if isinstance(name, str) else None


def _label_smoothing(model: keras.Model) -> float:
    """The compiled loss object's `label_smoothing` (0 for a loss by name or without one)."""
    loss = getattr(model, "loss", None)
    if not isinstance(loss, keras.losses.Loss):
        return 0.0
    return label_smoothing({"config": loss.get_config()})


def _from_logits(model: keras.Model) -> bool | None:
    """Whether the compiled loss reads logits: False for a loss by name, a Keras loss
    object's `from_logits`, None (unknown) for anything else (a function of the user's)."""
    loss = getattr(model, "loss", None)
    if isinstance(loss, str):
        return False
    if isinstance(loss, keras.losses.Loss):
        return bool(loss.get_config().get("from_logits", False))
    return None


def _curve_keys(history: TrainingHistory) -> list[str]:
    keys = history.epochs[-1].logs if history.epochs else {}
    return [k for k in ("loss", "val_loss", "accuracy", "val_accuracy") if k in keys]


def _print_err(message: str) -> None:
    print(message, file=sys.stderr)


def _own_loss_task(model: keras.Model, y: np.ndarray) -> Task:
    """`accuracy_task` of a model trained by a loss of the user's own; a regression when its
    compiled metrics cannot be read (a reading this model cannot give never stops its fit)."""
    try:
        return accuracy_task(compiled_metrics(model), _output_width(model), y)
    except Exception:  # noqa: BLE001
        return Task.REGRESSION


def _output_width(model: keras.Model) -> int | None:
    """The last axis of a single-output model's output (None when not built yet)."""
    try:
        shape = model.outputs[0].shape
    except (AttributeError, IndexError, TypeError, ValueError):
        return None
    return int(shape[-1]) if shape and shape[-1] is not None else None
