"""The host side of the step statistics: which steps are sampled, losses decoded from Keras'
running means, fixed memory past the rings' bounds (no Keras model: tensors fed by hand)."""

from __future__ import annotations

import numpy as np
import pytest
import tensorflow as tf

from autotrainer_keras.measure.step_stats import StepStatsBuffer


def _feed(buffer: StepStatsBuffer, losses: list[float], start_mean: tuple[int, float] = (0, 0.0)
          ) -> list[int]:  # fmt: skip
    """Run `losses` as steps of one epoch (Keras reports the running mean); the sampled steps."""
    done, total = start_mean[0], start_mean[0] * start_mean[1]
    sampled = []
    for loss in losses:
        done, total = done + 1, total + loss
        row = None
        if buffer.sample_due:
            sampled.append(buffer.steps_recorded)
            row = tf.constant(np.full((3, 2), float(loss), np.float32))
        buffer.add(tf.constant(total / done, tf.float32), row)
    return sampled


def test_every_nth_step_is_sampled_and_every_loss_is_decoded() -> None:
    buffer = StepStatsBuffer([4, 2], ring_size=16, every=3)
    buffer.epoch_begins()
    losses = [2.0, 1.5, 1.25, 1.0, 0.5, 0.75, 0.25]
    assert _feed(buffer, losses) == [0, 3, 6]
    window = buffer.read()
    np.testing.assert_allclose(window.losses, losses, rtol=1e-6)
    np.testing.assert_allclose(window.grad_sq[:, 0], [2.0, 1.0, 0.25])
    assert not window.nonfinite and window.dropped == 0
    buffer.set_every(0)
    assert _feed(buffer, [0.5, 0.5], (7, sum(losses) / 7)) == []  # the same epoch goes on
    np.testing.assert_allclose(buffer.read().losses, [0.5, 0.5], rtol=1e-6)


def test_a_new_epoch_restarts_the_mean_and_a_nan_loss_is_flagged() -> None:
    buffer = StepStatsBuffer([3], ring_size=8, every=0)
    buffer.epoch_begins()
    _feed(buffer, [1.0, 3.0])
    buffer.epoch_begins()
    _feed(buffer, [5.0, float("nan")])
    window = buffer.read()
    np.testing.assert_allclose(window.losses[:3], [1.0, 3.0, 5.0])
    assert np.isnan(window.losses[3]) and window.nonfinite
    assert len(window.grad_sq) == 0


@pytest.mark.parametrize("ring", [4, 5])
def test_memory_is_fixed_and_steps_past_the_bound_get_their_span_mean(ring: int) -> None:
    buffer = StepStatsBuffer([1], ring_size=ring, every=1, gradient_rows=3)
    buffer.epoch_begins()
    losses = [float(i) for i in range(1, 11)]  # 10 steps in rings of `ring` losses, 3 rows
    _feed(buffer, losses)
    assert len(buffer._losses) == ring and len(buffer._rows) == 3  # noqa: SLF001 - the bound
    window = buffer.read()
    assert len(window.losses) == 10  # every step, the dropped ones at their span's mean
    np.testing.assert_allclose(window.losses[-(ring - 1):], losses[-(ring - 1):], rtol=1e-6)
    dropped = 10 - ring + 1
    np.testing.assert_allclose(window.losses[:dropped], np.mean(losses[:dropped]), rtol=1e-6)
    np.testing.assert_allclose(window.grad_sq[:, 0], [8.0, 9.0, 10.0])  # the latest rows
    assert window.dropped == 7
