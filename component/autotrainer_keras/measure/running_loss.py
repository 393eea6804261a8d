"""Per-step training losses recovered from the running epoch mean Keras puts in batch logs.

Keras' `on_train_batch_end` logs carry the mean loss since the epoch began. With equal batches
the loss of the steps since the previous call is `(k * mean_k - j * mean_j) / (k - j)`
(k, j: steps done now and then); the last, smaller batch of an epoch is slightly misweighted.
"""

from __future__ import annotations


class RunningLossDecoder:
    """Turns the running means of one epoch into per-step losses."""

    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        """Start a new epoch."""
        self._steps = 0
        self._mean = 0.0

    def update(self, steps_done: int, mean: float) -> list[float]:
        """The losses of the steps since the last update (`steps_done` counts from 1).

        Several steps at once (steps_per_execution > 1) share their mean loss.
        """
        new = steps_done - self._steps
        if new <= 0:
            return []
        total = steps_done * mean - self._steps * self._mean
        self._steps, self._mean = steps_done, mean
        return [total / new] * new
