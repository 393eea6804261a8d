"""The repair's deadline stops a candidate that would not be accepted, and lets one that
would (its validation score beats the target) train on: the final model is never one the
clock cut half-trained. The clock is this process's CPU time, which time spent waiting on
other processes (load, here a sleep) does not advance."""

from __future__ import annotations

import time
from types import SimpleNamespace

import keras

from autotrainer_keras.engine.candidate_stops import Deadline, full_training_seconds, repair_clock


def _stops(deadline: Deadline, logs: dict[str, float]) -> bool:
    model = keras.Sequential([keras.Input((1,)), keras.layers.Dense(1)])
    model.stop_training = False
    deadline.set_model(model)
    deadline.on_epoch_end(0, logs)
    return bool(model.stop_training)


def test_past_the_deadline_only_a_candidate_on_track_trains_on() -> None:
    past = 0.0  # perf_counter() is already beyond it
    assert not _stops(Deadline(past, target=0.6), {"val_accuracy": 0.7, "val_loss": 0.5})
    assert _stops(Deadline(past, target=0.6), {"val_accuracy": 0.6, "val_loss": 0.5})
    assert _stops(Deadline(past, target=0.6), {"val_loss": 0.5})  # no accuracy: not on track
    assert _stops(Deadline(past), {"val_accuracy": 0.99})  # no target: the clock decides
    # regression: scores are minus the loss
    assert not _stops(Deadline(past, target=-1.0, by_loss=True), {"val_loss": 0.8})
    assert _stops(Deadline(past, target=-1.0, by_loss=True), {"val_loss": float("nan")})


def test_before_the_deadline_nothing_is_stopped() -> None:
    far = float("inf")
    assert not _stops(Deadline(far, target=0.6), {"val_accuracy": 0.1})


def test_the_budget_is_on_process_cpu_time_when_the_original_measured_it() -> None:
    timed = SimpleNamespace(seconds=9.0, cpu_seconds=4.0, epochs_run=2,
                            spec=SimpleNamespace(epochs=10))  # fmt: skip
    assert repair_clock(timed) is time.process_time
    assert full_training_seconds(timed, cpu=True) == 20.0
    assert full_training_seconds(timed) == 45.0  # wall time, for the report
    stand_in = SimpleNamespace(seconds=9.0, cpu_seconds=0.0, epochs_run=2,
                               spec=SimpleNamespace(epochs=10))  # fmt: skip
    assert repair_clock(stand_in) is time.perf_counter  # timed in another process


def test_waiting_does_not_spend_the_budget() -> None:
    """A second of wall time that the process spends waiting (as under other processes'
    load) leaves a CPU-time deadline half a second away untouched; the same on the wall clock
    would have passed."""
    cpu_deadline = Deadline(time.process_time() + 0.5, clock=time.process_time)
    wall_deadline = Deadline(time.perf_counter() + 0.5, clock=time.perf_counter)
    time.sleep(1.0)
    assert not _stops(cpu_deadline, {"val_accuracy": 0.1})
    assert _stops(wall_deadline, {"val_accuracy": 0.1})
