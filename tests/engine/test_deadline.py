"""The repair's wall-time deadline stops a candidate that would not be accepted, and lets one
that would (its validation score beats the target) train on: the final model is never one
the clock cut half-trained."""

from __future__ import annotations

import keras

from autotrainer_keras.engine.repair_loop import _Deadline


def _stops(deadline: _Deadline, logs: dict[str, float]) -> bool:
    model = keras.Sequential([keras.Input((1,)), keras.layers.Dense(1)])
    model.stop_training = False
    deadline.set_model(model)
    deadline.on_epoch_end(0, logs)
    return bool(model.stop_training)


def test_past_the_deadline_only_a_candidate_on_track_trains_on() -> None:
    past = 0.0  # perf_counter() is already beyond it
    assert not _stops(_Deadline(past, target=0.6), {"val_accuracy": 0.7, "val_loss": 0.5})
    assert _stops(_Deadline(past, target=0.6), {"val_accuracy": 0.6, "val_loss": 0.5})
    assert _stops(_Deadline(past, target=0.6), {"val_loss": 0.5})  # no accuracy: not on track
    assert _stops(_Deadline(past), {"val_accuracy": 0.99})  # no target: the clock decides
    # regression: scores are minus the loss
    assert not _stops(_Deadline(past, target=-1.0, by_loss=True), {"val_loss": 0.8})
    assert _stops(_Deadline(past, target=-1.0, by_loss=True), {"val_loss": float("nan")})


def test_before_the_deadline_nothing_is_stopped() -> None:
    far = float("inf")
    assert not _stops(_Deadline(far, target=0.6), {"val_accuracy": 0.1})
