"""The Keras adapter of the measure layer: a watched model and the callback that runs checks.

`WatchedModel` is a functional model over the user's own layers (weights are shared, so the
user's model object is trained in place) trained by Keras' own train step, except every
N-th step, which also returns its gradient statistics; the buffer (`StepStatsBuffer`) keeps
those rows and each step's loss as device tensors. `TrainingWatch` reads the buffer once per
check, adds the weights' norms and update ratios (reduced on the device) and the dead units,
appends a `CheckRecord` to the `TrainingHistory` and hands it to `on_check`, which may stop
training. With a time budget it also sets N from the measured step time (`StrideControl`).
Per step the host does a counter comparison, keeps a reference to the step's loss tensor and
reads a clock; the callback has no `on_train_batch_end`, so Keras keeps dispatching
batch-end callbacks asynchronously. The monitor measures; it never judges.

Under `tf.distribute.MirroredStrategy` the statistics are those of the global batch
(`WatchedModel`); the probes run in the strategy's cross-replica context on the mirrored
weights (`measure.probes`). The model must be built and compiled under `strategy.scope()`.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from typing import Any

import keras
import numpy as np
import tensorflow as tf

from autotrainer_keras.io.arrays import Arrays
from autotrainer_keras.measure.activation_probe import ActivationProbe
from autotrainer_keras.measure.current_rate import current_rate
from autotrainer_keras.measure.history import CheckRecord, EpochRecord, TrainingHistory
from autotrainer_keras.measure.layer_graph import bypassed_layers
from autotrainer_keras.measure.layer_map import graph_ends, map_layers
from autotrainer_keras.measure.log_names import canonical_logs
from autotrainer_keras.measure.mode_losses import ModeLossProbe, has_batch_norm
from autotrainer_keras.measure.probes import DeadUnitProbe, ProbeGradients
from autotrainer_keras.measure.reductions import LayerSlot, reduce_check
from autotrainer_keras.measure.seed_state import kept_seed_state, seed_states
from autotrainer_keras.measure.stats_cost import measured_statistics_seconds
from autotrainer_keras.measure.step_stats import (
    StepStatsBuffer,
    StepWindow,
    gradient_row,
    summed_over_replicas,
)
from autotrainer_keras.measure.stride_control import StrideControl
from autotrainer_keras.measure.weight_sums import DeviceWeightSquares

CheckDue = Callable[[int, bool], bool]  # (epoch, at_epoch_end) -> run a check now?
OnCheck = Callable[[CheckRecord], bool]  # check -> stop training?


ROW_KEY = "autotrainer_gradient_row"
"""The log key under which the sampled train step returns its statistics (removed before
Keras' callbacks see the logs)."""


class WatchedModel(keras.Model):
    """The user's model graph, trained by Keras' own train step, with gradient statistics
    taken every N-th step.

    Two traced train steps: Keras' own, run at every step that is not sampled (nothing is
    added to it), and one that also returns the step's gradient statistics, run at the
    sampled steps. The train function picks one on the host from a step counter, and keeps
    the loss Keras' step returns (`StepStatsBuffer`): no per-step device op of its own.

    Under a `tf.distribute` strategy (build the user's model, and this wrapper, under
    `strategy.scope()`), the sampled step sums the replicas' gradients (one all-reduce) before
    taking their statistics, so they are those of the global batch, as on one device; the
    loss is Keras' own, reduced over the replicas.
    """

    train_function: Any  # Keras' attribute: what `fit` calls once per step (or execution)
    plain_traced = False  # Keras' own step has run (so it is traced): a stride costs no trace

    def __init__(
        self,
        model: keras.Model,
        ring_size: int,
        stats_every: int = 1,
        gradient_rows: int | None = None,
    ) -> None:
        inputs, outputs = graph_ends(model)
        super().__init__(inputs=inputs, outputs=outputs, name=f"watched_{model.name}")
        self.step_stats = StepStatsBuffer(
            [int(np.prod(v.shape)) for v in self.trainable_variables],
            ring_size,
            every=stats_every,
            gradient_rows=gradient_rows,
        )

    def reset_metrics(self) -> None:
        """Keras' reset (each epoch, each evaluation); the loss it reports restarts its mean."""
        super().reset_metrics()
        self.step_stats.epoch_begins()

    def make_train_function(self, force: bool = False):  # type: ignore[no-untyped-def]
        """Keras' train function, and a second one whose step also measures the gradients;
        the returned function runs the second at the sampled steps."""
        if self.train_function is not None and not force:
            return self.train_function
        super().make_train_function(force=True)
        plain = self.train_function
        self.train_step = self._sampled_train_step  # type: ignore[method-assign]
        try:  # Keras wraps `self.train_step` as it is when the function is made
            super().make_train_function(force=True)
        finally:
            del self.train_step
        sampled = self.train_function
        stats = self.step_stats
        stats.overflow_skips = isinstance(self.optimizer, keras.optimizers.LossScaleOptimizer)
        self.plain_traced = False

        def train_function(iterator):  # type: ignore[no-untyped-def]
            if stats.sample_due:
                logs = dict(sampled(iterator))
                row = logs.pop(ROW_KEY)
            else:
                logs, row = plain(iterator), None
                if not self.plain_traced:  # once: a Keras attribute set is not free per step
                    self.plain_traced = True
            stats.add(logs.get("loss"), row, steps=self.steps_per_execution)
            return logs

        self.train_function = train_function
        return train_function

    def _sampled_train_step(self, data):  # type: ignore[no-untyped-def]
        """Keras' train step that also returns its gradients' statistics (`ROW_KEY`)."""
        x, y, sample_weight = keras.utils.unpack_x_y_sample_weight(data)
        with tf.GradientTape() as tape:
            y_pred = self(x, training=True)
            loss = self.compute_loss(
                x=x, y=y, y_pred=y_pred, sample_weight=sample_weight, training=True
            )
            scaled = self.optimizer.scale_loss(loss)
        variables = self.trainable_variables
        gradients = tape.gradient(scaled, variables)
        # statistics of the unscaled gradients (a loss scale multiplies them under mixed
        # precision); the optimizer gets the scaled ones, as Keras' own train step does.
        # Without a loss scale the gradients are measured as they are (no copy of them).
        measured = gradients
        if isinstance(self.optimizer, keras.optimizers.LossScaleOptimizer):
            unscale = 1.0 / tf.cast(self.optimizer.scale_loss(tf.constant(1.0)), tf.float32)
            measured = [None if g is None else _unscaled(g, unscale) for g in gradients]
        row = gradient_row(summed_over_replicas(measured), variables)
        self.optimizer.apply(gradients, variables)  # reduced over replicas by the optimizer
        batch = tf.shape(tf.nest.flatten(x)[0])[0]
        replicas = tf.distribute.get_strategy().num_replicas_in_sync  # Keras' loss scaling
        for metric in self.metrics:
            if metric.name == "loss":
                metric.update_state(loss * replicas, sample_weight=batch)
        logs = self.compute_metrics(x, y, y_pred, sample_weight=sample_weight)
        return {**logs, ROW_KEY: row}


def _unscaled(gradient: tf.Tensor | tf.IndexedSlices, factor: tf.Tensor) -> object:
    """A gradient times `factor` in float32 (sparse gradients stay sparse)."""
    if isinstance(gradient, tf.IndexedSlices):
        return tf.IndexedSlices(
            tf.cast(gradient.values, tf.float32) * factor, gradient.indices, gradient.dense_shape
        )
    return tf.cast(gradient, tf.float32) * factor


def _check_every(steps: int, checks: int) -> int:
    """Steps between mid-epoch check points (0: the epoch end only)."""
    return max(1, math.ceil(steps / checks)) if checks > 1 else 0


class TrainingWatch(keras.callbacks.Callback):
    """Runs the checks of one training and records epochs and checks into a history.

    Args:
        model: The WatchedModel being trained.
        history: Receives epoch records, step losses and checks.
        check_due: Decides whether a check runs at a check point.
        on_check: Gets each new check; returns True to stop training.
        gradient_source: "steps" (training-step statistics since the previous check) or
            "probe" (gradients on the fixed probe batch, inference mode: the paper's way).
        x_probe, y_probe: The fixed probe batch (dead units; probe gradients).
        checks_per_epoch: Check points per epoch; the last is at the epoch end.
        first_epoch_checks: Check points in the first epoch of a training (at least
            `checks_per_epoch`).
        on_epoch: Gets each epoch's logs (for progress and tracking).
        activations: Also measure hidden activations and outputs on the probe batch (for
            detectors that read them: the `default` profile; models with one input and one
            output only), and, at epoch ends, a BatchNormalization model's probe loss in
            training and in inference mode (`measure.mode_losses`).
        stats_budget: Fraction of the step time the per-step gradient statistics may take:
            their stride is chosen from the measured step time. None: keep the model's stride.
            With "probe" gradients the step statistics are not recorded at all.
    """

    keeps_weights = True  # it measures, never sets weights (`engine.validated`)

    def __init__(
        self,
        model: WatchedModel,
        history: TrainingHistory,
        check_due: CheckDue,
        on_check: OnCheck,
        gradient_source: str,
        x_probe: Arrays,
        y_probe: Arrays,
        checks_per_epoch: int = 1,
        first_epoch_checks: int = 1,
        on_epoch: Callable[[int, dict[str, float]], None] | None = None,
        activations: bool = False,
        stats_budget: float | None = None,
    ) -> None:
        super().__init__()
        self._watched = model
        self._history = history
        self._check_due = check_due
        self._on_check = on_check
        self._source = gradient_source
        self._slots: list[LayerSlot] = map_layers(model)
        self._bypassed = bypassed_layers(model)
        self._seeds = seed_states(model)
        self._dead = DeadUnitProbe(model, x_probe)
        self._probe_grads = (
            ProbeGradients(model, x_probe, y_probe) if gradient_source == "probe" else None
        )
        self._activations: ActivationProbe | None = None
        single = isinstance(x_probe, np.ndarray) and isinstance(y_probe, np.ndarray)
        if activations and single and len(model.outputs) == 1:  # one input, one output only
            assert isinstance(x_probe, np.ndarray) and isinstance(y_probe, np.ndarray)
            self._activations = ActivationProbe(model, x_probe, y_probe)
        self._modes: ModeLossProbe | None = None
        if activations and has_batch_norm(model):  # read by the inference-mismatch rule
            self._modes = ModeLossProbe(model, x_probe, y_probe)
        steps = max(1, history.steps_per_epoch)
        self._every = _check_every(steps, checks_per_epoch)
        self._first_every = _check_every(steps, max(checks_per_epoch, first_epoch_checks))
        # the stride's bound: every check, the first epoch's too, sees a sampled step
        self._steps_per_check = self._first_every or self._every or steps
        self._on_epoch = on_epoch
        self._epoch = 0
        self._weights = DeviceWeightSquares(model.trainable_variables)
        self._nonfinite_pending = False
        self._budget = stats_budget
        self.stride: StrideControl | None = None
        if gradient_source == "probe":
            model.step_stats.set_every(0)  # the probe measures gradients; steps keep losses

    def on_train_begin(self, logs=None) -> None:
        if self._budget is None or self._source == "probe":
            return
        if self.stride is None:  # the cost of the statistics: measured once
            stats = self._watched.step_stats
            self.stride = StrideControl(
                measured_statistics_seconds(self._watched.trainable_variables),
                self._budget,
                self._steps_per_check,
                stats.gradient_rows,
                time.perf_counter,
            )
        steps, epochs = (self.params or {}).get("steps"), (self.params or {}).get("epochs")
        left = (
            None
            if steps is None or epochs is None
            else steps * (epochs - self._history.epochs_done)
        )
        self.stride.fit_begins(left, self._watched.plain_traced)
        self._watched.step_stats.set_every(self.stride.stride)

    def on_epoch_begin(self, epoch: int, logs=None) -> None:
        self._epoch = epoch

    def on_train_batch_begin(self, batch: int, logs=None) -> None:
        # Batch *begin*: a batch-end hook would make Keras call every callback synchronously.
        if self.stride is not None:
            self._set_stride(self.stride.step_begins(batch))
        every = self._first_every if self._epoch == 0 else self._every
        if every and batch > 0 and batch % every == 0:
            self._check_point(at_epoch_end=False)

    def on_epoch_end(self, epoch: int, logs=None) -> None:
        clean = {key: float(value) for key, value in (logs or {}).items()}
        self._history.epochs.append(  # canonical names: `val_acc` is read as `val_accuracy`
            EpochRecord(epoch, self._watched.step_stats.steps_recorded, canonical_logs(clean))
        )
        rate = current_rate(self._watched)
        if rate is not None:
            self._history.learning_rates.append(rate)
        if self._on_epoch is not None:
            self._on_epoch(epoch, clean)
        self._check_point(at_epoch_end=True)

    def _set_stride(self, stride: int | None) -> None:
        if stride is not None:
            self._watched.step_stats.set_every(stride)

    def _check_point(self, at_epoch_end: bool) -> None:
        if self.stride is not None:
            if self._watched.plain_traced:  # a stride above 1 costs no trace any more
                self.stride.plain_traced()
            self._set_stride(self.stride.stride_now())
        try:
            self._check(at_epoch_end)
        finally:
            if self.stride is not None:
                self.stride.check_done()

    def _check(self, at_epoch_end: bool) -> None:
        window = self._watched.step_stats.read()
        self._history.step_losses.extend(float(v) for v in window.losses)
        self._nonfinite_pending |= window.nonfinite
        if not self._check_due(self._epoch, at_epoch_end):
            return
        with kept_seed_state(self._seeds):  # the probes' passes draw no training randomness
            record = self._record(window, at_epoch_end)
        if record is None:
            return
        record.nonfinite = record.nonfinite or self._nonfinite_pending
        self._nonfinite_pending = False
        self._history.checks.append(record)
        if self._on_check(record):
            self._watched.stop_training = True

    def _record(self, window: StepWindow, at_epoch_end: bool) -> CheckRecord | None:
        """The check's record from the step window and the probes (None: no gradients)."""
        if self._source == "probe" and self._probe_grads is not None:
            grad_sq, zeros, counted, nonfinite = self._probe_grads.measure()
            grad_sq_rows, zeros_rows = grad_sq[None, :], zeros[None, :]
            counted_rows, gradless = counted[None, :], self._probe_grads.gradless
        else:
            grad_sq_rows, zeros_rows, nonfinite = window.grad_sq, window.zeros, False
            counted_rows = window.counted
            # a left-out (None) gradient counts no entry at any step (a sparse one counts the
            # rows it touches): known when the sampled step is traced
            gradless = counted_rows.sum(axis=0) == 0 if len(counted_rows) else None
        if len(grad_sq_rows) == 0:
            return None
        steps_in_window = max(1, len(window.losses))  # every step, past the ring's bound too
        record = self._build_record(
            grad_sq_rows, zeros_rows, counted_rows, steps_in_window, gradless
        )
        if at_epoch_end and self._modes is not None:  # the activation probe's outputs: reused
            act = self._activations
            record.mode_losses = self._modes.measure(None if act is None else act.predictions)
        record.nonfinite = record.nonfinite or nonfinite
        return record

    def _build_record(
        self,
        grad_sq: np.ndarray,
        zeros: np.ndarray,
        counted: np.ndarray,
        steps: int,
        gradless: Any = None,
    ) -> CheckRecord:
        # first: the dead units are read from its pass
        measured = self._activations.measure() if self._activations is not None else None
        record = reduce_check(
            grad_sq, zeros, self._weights.measure(), self._slots,
            self._dead.measure(self._activations), steps, epoch=self._epoch,
            step=self._history.steps_done, source=self._source, counted=counted,
            gradless=gradless, bypassed=self._bypassed,
        )  # fmt: skip
        if self._activations is not None and measured is not None:
            record.activations, record.output = measured
            record.input_scale = self._activations.input_scale
        return record
