"""Per-step gradient statistics kept on the device and read once per check.

The loss is kept for every step; gradient statistics for every `every`-th step (1: all; the
stride is a variable, so it changes during training without retracing: `measure.stride`).

`StepStatsBuffer.record` runs inside the compiled train step; nothing in it syncs with the
host. `StepStatsBuffer.read` is called by the check (once per check) and returns the steps
recorded since the previous read.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import tensorflow as tf


@dataclass
class StepWindow:
    """The steps recorded since the previous read (host copies).

    Attributes:
        losses: Training loss of each step, oldest first.
        grad_sq: Squared gradient L2 norm per (sampled step, trainable variable).
        zeros: Count of exactly-zero gradient entries per (sampled step, trainable variable).
        counted: Gradient entries counted per (sampled step, trainable variable): the
            variable's size, the rows a sparse gradient touched, 0 for no gradient.
        nonfinite: True when a loss or gradient was NaN/Inf in any of these steps.
        dropped: Steps that overflowed the ring before this read (their statistics are lost).
    """

    losses: np.ndarray
    grad_sq: np.ndarray
    zeros: np.ndarray
    counted: np.ndarray
    nonfinite: bool
    dropped: int


def _measure(
    gradient: tf.Tensor | tf.IndexedSlices | None,
) -> tuple[tf.Tensor, tf.Tensor, tf.Tensor]:
    """Squared L2 norm, nonzero count and entries counted of one variable's gradient.

    None (not connected to the loss) counts nothing. A sparse gradient (an Embedding's
    `IndexedSlices`) is judged on the rows it touches, duplicates summed as the optimizer
    applies them: the untouched rows of the table are not "zero gradients".
    """
    if gradient is None:
        zero = tf.constant(0.0)
        return zero, zero, zero
    if isinstance(gradient, tf.IndexedSlices):
        unique, position = tf.unique(gradient.indices)
        values = tf.math.unsorted_segment_sum(gradient.values, position, tf.shape(unique)[0])
    else:
        values = tf.convert_to_tensor(gradient)
    values = tf.cast(values, tf.float32)
    nonzero = tf.cast(tf.math.count_nonzero(values), tf.float32)
    return 2.0 * tf.nn.l2_loss(values), nonzero, tf.cast(tf.size(values), tf.float32)


class StepStatsBuffer:
    """Rings of per-step statistics held in tf.Variables (not tracked as model weights).

    Memory is fixed at construction: `ring_size` losses and `gradient_rows` x 3 x variables
    gradient statistics, whatever the number of steps per epoch.

    Args:
        sizes: Number of entries of each trainable variable, in the model's order.
        ring_size: Step losses kept between two reads (more are dropped, oldest first).
        every: Record gradient statistics every `every` steps (the loss: every step); 0: never.
            Changed during training with `set_every` (a variable: no retracing).
        gradient_rows: Sampled steps kept between two reads (default: `ring_size`).
    """

    def __init__(
        self, sizes: list[int], ring_size: int, every: int = 1, gradient_rows: int | None = None
    ) -> None:
        n_variables = len(sizes)
        self.ring_size = ring_size
        self.gradient_rows = gradient_rows or ring_size
        self._losses = tf.Variable(tf.zeros([ring_size]), trainable=False)
        # One row per sampled step: squared norms, zero counts, entries counted.
        self._rows = tf.Variable(tf.zeros([self.gradient_rows, 3, n_variables]), trainable=False)
        self._nonfinite = tf.Variable(False, trainable=False)  # in sampled gradients
        self._count = tf.Variable(0, dtype=tf.int64, trainable=False)
        self._samples = tf.Variable(0, dtype=tf.int64, trainable=False)
        self._every = tf.Variable(max(0, every), dtype=tf.int64, trainable=False)
        self._next = tf.Variable(0 if every > 0 else -1, dtype=tf.int64, trainable=False)
        self._read_upto = 0
        self._samples_read_upto = 0

    @property
    def every(self) -> int:
        """The current stride of the gradient statistics (0: not recorded)."""
        return int(self._every.numpy())

    def set_every(self, every: int) -> None:
        """Record gradient statistics every `every` steps from now on (0: stop recording).

        The next sampled step stays where the previous stride put it (the next step when
        recording was off).
        """
        every = max(0, int(every))
        self._every.assign(every)
        if every == 0:
            self._next.assign(-1)
        elif int(self._next.numpy()) < 0:
            self._next.assign(self._count.value())

    @property
    def steps_recorded(self) -> int:
        """Steps recorded since the buffer was made (one host sync)."""
        return int(self._count.numpy())

    def record(
        self, loss: tf.Tensor, gradients: list, variables: list, overflow_skips: bool = False
    ) -> None:
        """Store one step's loss, and its gradient statistics every `every` steps (graph code).

        Few ops per step (each costs its dispatch on small models): the loss is checked for
        NaN/Inf on the host when the ring is read, and a sampled step is found by comparing
        the step count with the next sampled step's.

        `overflow_skips`: the optimizer skips steps whose gradients overflow and lowers its
        loss scale (a `LossScaleOptimizer` under mixed precision). Such a step is normal: its
        non-finite gradients are neither recorded nor flagged (the loss still is).
        """
        slot = tf.reshape(self._count % self.ring_size, [1, 1])
        self._losses.scatter_nd_update(slot, tf.reshape(tf.cast(loss, tf.float32), [1]))
        tf.cond(
            tf.equal(self._count, self._next),
            lambda: self._record_gradients(gradients, variables, overflow_skips),
            lambda: tf.constant(False),
        )
        self._count.assign_add(1)

    def _record_gradients(
        self, gradients: list, variables: list, overflow_skips: bool = False
    ) -> tf.Tensor:
        row = gradient_row(gradients, variables)
        bad = tf.logical_not(tf.reduce_all(tf.math.is_finite(row[0])))
        self._next.assign_add(self._every)
        if overflow_skips:  # a skipped overflow step: keep no row, raise no flag
            return tf.cond(bad, lambda: tf.constant(False), lambda: self._write_row(row))
        self._nonfinite.assign(tf.logical_or(self._nonfinite, bad))
        self._write_row(row)
        return bad

    def _write_row(self, row: tf.Tensor) -> tf.Tensor:
        slot = tf.reshape(self._samples % self.gradient_rows, [1, 1])
        self._rows.scatter_nd_update(slot, tf.expand_dims(row, 0))
        self._samples.assign_add(1)
        return tf.constant(False)

    def read(self) -> StepWindow:
        """Copy the steps since the last read to the host (one sync) and reset the NaN flag."""
        count, samples = self.steps_recorded, int(self._samples.numpy())
        steps = _ring_order(count, self._read_upto, self.ring_size)
        sampled = _ring_order(samples, self._samples_read_upto, self.gradient_rows)
        rows = self._rows.numpy()[sampled] if sampled else np.zeros((0, 3, self._rows.shape[2]))
        losses = self._losses.numpy()[steps]
        window = StepWindow(
            losses=losses,
            grad_sq=rows[:, 0, :],
            zeros=rows[:, 1, :],
            counted=rows[:, 2, :],
            nonfinite=bool(self._nonfinite.numpy()) or not np.isfinite(losses).all(),
            dropped=max(0, count - self._read_upto - self.ring_size),
        )
        self._nonfinite.assign(False)
        self._read_upto, self._samples_read_upto = count, samples
        return window


def gradient_row(gradients: list, variables: list) -> tf.Tensor:
    """One step's statistics as a [3, variables] tensor: squared norms, zeros, entries.

    Few fused ops per variable: the per-op dispatch cost dominates on small layers.
    """
    measured = [_measure(g) for g, _ in zip(gradients, variables, strict=True)]
    grad_sq = tf.stack([m[0] for m in measured])
    counted = tf.stack([m[2] for m in measured])
    zeros = counted - tf.stack([m[1] for m in measured])
    return tf.stack([grad_sq, zeros, counted])


def _ring_order(count: int, read_upto: int, size: int) -> list[int]:
    kept = min(count - read_upto, size)
    return [(count - kept + i) % size for i in range(kept)]
