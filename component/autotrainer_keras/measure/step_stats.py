"""Per-step training statistics, kept as device tensors and read once per check.

The loss of every step is the running epoch mean Keras' train step returns anyway (no extra
op on the device: the step's own output, kept by reference, decoded into per-step losses at
the read by `measure.running_loss`); gradient statistics are taken every `every`-th step
(1: all; `measure.stride`) by a second traced train step that also returns one fused row.
Which step runs is decided on the host, by `WatchedModel`'s train function: a step that is
not sampled runs Keras' own train step and nothing else.

`StepStatsBuffer.add` keeps a step's tensors without waiting for the device;
`StepStatsBuffer.read` (once per check) copies the steps since the previous read to the host.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

import numpy as np
import tensorflow as tf

from autotrainer_keras.measure.chunked import chunked_sums
from autotrainer_keras.measure.running_loss import RunningLossDecoder


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
        dropped: Sampled rows that overflowed the gradient ring before this read (lost).
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
    square, nonzero = chunked_sums(_sums, [values])  # large gradients: slice by slice
    return square, nonzero, tf.cast(tf.size(values), tf.float32)


def _sums(values: tf.Tensor) -> list[tf.Tensor]:
    """Squared L2 norm and nonzero count of (a slice of) a gradient, in float32."""
    values = tf.cast(values, tf.float32)
    # a float32 count is exact below 2^24 entries (a slice has 2^18; count_nonzero's int64
    # temporary would be twice the slice)
    nonzero = tf.reduce_sum(tf.cast(tf.not_equal(values, 0.0), tf.float32))
    return [2.0 * tf.nn.l2_loss(values), nonzero]


class StepStatsBuffer:
    """Host-side rings of the device tensors of the steps since the previous read.

    Memory is fixed at construction: at most `ring_size` scalar loss tensors and
    `gradient_rows` rows of 3 x variables, whatever the number of steps per epoch. Past the
    loss ring's bound the oldest running means are dropped, and the steps they covered get
    the mean loss of their span (the running mean of the next kept step tells it); past the
    gradient ring's bound the oldest sampled rows are dropped.

    Args:
        sizes: Number of entries of each trainable variable, in the model's order.
        ring_size: Running-mean losses kept between two reads.
        every: Sample gradient statistics every `every` steps (the loss: every step); 0: never.
            Changed at any time with `set_every` (host state: no retracing, no device op).
        gradient_rows: Sampled steps kept between two reads (default: `ring_size`).
    """

    def __init__(
        self, sizes: list[int], ring_size: int, every: int = 1, gradient_rows: int | None = None
    ) -> None:
        self.n_variables = len(sizes)
        self.ring_size = ring_size
        self.gradient_rows = gradient_rows or ring_size
        self._losses: deque[tuple[int, int, tf.Tensor]] = deque(maxlen=ring_size)
        self._rows: deque[tf.Tensor] = deque(maxlen=self.gradient_rows)
        self._every = max(0, every)
        self._next = 0 if every > 0 else -1
        self._count = 0  # steps (train-function calls) since the buffer was made
        self._samples = 0
        self._epoch = 0
        self._epoch_step = 0
        self._decoder = RunningLossDecoder()
        self._decoded_epoch = -1
        self._samples_read_upto = 0
        self.last_window: StepWindow | None = None
        self.overflow_skips = False
        """The optimizer skips steps whose gradients overflow (a `LossScaleOptimizer` under
        mixed precision): such a sampled row is normal, dropped at the read, not flagged,
        unless the window's losses are themselves NaN/Inf."""

    @property
    def every(self) -> int:
        """The current stride of the gradient statistics (0: not recorded)."""
        return self._every

    def set_every(self, every: int) -> None:
        """Sample gradient statistics every `every` steps from now on (0: stop sampling).

        The next sampled step stays where the previous stride put it (the next step when
        sampling was off).
        """
        self._every = max(0, int(every))
        if self._every == 0:
            self._next = -1
        elif self._next < 0:
            self._next = self._count

    @property
    def steps_recorded(self) -> int:
        """Steps recorded since the buffer was made (host state: no sync)."""
        return self._count

    @property
    def samples_recorded(self) -> int:
        """Steps whose gradient statistics were sampled since the buffer was made."""
        return self._samples

    @property
    def sample_due(self) -> bool:
        """Whether the next step is one whose gradient statistics are taken."""
        return self._count == self._next

    def epoch_begins(self) -> None:
        """Keras reset its metrics (a new epoch, an evaluation): the loss mean restarts."""
        self._epoch += 1
        self._epoch_step = 0

    def add(self, loss: tf.Tensor | None, row: tf.Tensor | None, steps: int = 1) -> None:
        """Keep one train-function call's tensors (no device sync).

        Args:
            loss: The running mean loss since the epoch began, as the step returned it.
            row: The step's [3, variables] gradient statistics (`gradient_row`), if sampled.
            steps: Steps the call ran (Keras' `steps_per_execution`).
        """
        self._epoch_step += steps
        if loss is not None:
            self._losses.append((self._epoch, self._epoch_step, loss))
        if row is not None:
            self._rows.append(row)
            self._samples += 1
            self._next += self._every
        self._count += steps

    def read(self) -> StepWindow:
        """Copy the steps since the last read to the host (one sync); empty the rings."""
        losses: list[float] = []
        for epoch, step, mean in self._losses:
            if epoch != self._decoded_epoch:
                self._decoder.reset()
                self._decoded_epoch = epoch
            losses += self._decoder.update(step, float(mean))
        self._losses.clear()
        sampled = self._samples - self._samples_read_upto
        rows = (
            np.stack([np.asarray(row) for row in self._rows])
            if self._rows
            else np.zeros((0, 3, self.n_variables))
        )
        self._rows.clear()
        dropped = max(0, sampled - len(rows))
        loss_array = np.asarray(losses, dtype=np.float64)
        if self.overflow_skips and np.isfinite(loss_array).all():
            # a skipped overflow step (the scaled gradients overflowed, the loss did not):
            # keep no row, raise no flag; a loss that is itself NaN/Inf is no such step (an
            # output in float16 past 65504 makes every step one, and no row would be left)
            rows = rows[np.isfinite(rows[:, 0, :]).all(axis=1)]
        self._samples_read_upto = self._samples
        window = StepWindow(
            losses=loss_array,
            grad_sq=rows[:, 0, :],
            zeros=rows[:, 1, :],
            counted=rows[:, 2, :],
            nonfinite=not (np.isfinite(rows[:, 0, :]).all() and np.isfinite(loss_array).all()),
            dropped=dropped,
        )
        self.last_window = window
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


def summed_over_replicas(gradients: list) -> list:
    """The gradients as the optimizer applies them: summed over the replicas of a
    `tf.distribute` strategy (Keras scales each replica's loss by 1 / replicas, so the sum is
    the gradient of the global batch's mean loss); as they are on one device.

    Graph code, in the replica context of the train step; one all-reduce (the optimizer does
    its own on the unreduced gradients, so training is unchanged).
    """
    context = tf.distribute.get_replica_context()
    if context is None or context.num_replicas_in_sync == 1:
        return gradients
    present = [g for g in gradients if g is not None]
    summed = iter(context.all_reduce(tf.distribute.ReduceOp.SUM, present))
    return [None if g is None else next(summed) for g in gradients]
