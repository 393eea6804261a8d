"""The repair's deadline stops a candidate that is not on track, and lets one that is (its
validation score beats the target, or its trend reaches it in its remaining epochs) train
on: the final model is never one the clock cut half-trained. The clock is this process's
CPU time, which time spent waiting on other processes (load, here a sleep) does not
advance."""

from __future__ import annotations

import time
from types import SimpleNamespace

import keras

from autotrainer_keras.engine.candidate_stops import Deadline, full_training_seconds, repair_clock


def _stops(deadline: Deadline, *epochs: dict[str, float], of: int = 10) -> bool:
    """Whether the deadline stopped a training of `of` epochs after the epochs' logs."""
    model = keras.Sequential([keras.Input((1,)), keras.layers.Dense(1)])
    model.stop_training = False
    deadline.set_model(model)
    deadline.set_params({"epochs": of})
    for epoch, logs in enumerate(epochs):
        deadline.on_epoch_end(epoch, logs)
    return bool(model.stop_training)


def _acc(value: float) -> dict[str, float]:
    return {"val_accuracy": value, "val_loss": 0.5}


def test_past_the_deadline_only_a_candidate_on_track_trains_on() -> None:
    past = 0.0  # perf_counter() is already beyond it
    assert not _stops(Deadline(past, target=0.6), _acc(0.5), _acc(0.7))
    assert _stops(Deadline(past, target=0.6), _acc(0.6), _acc(0.6))  # flat at the target
    assert _stops(Deadline(past, target=0.6), {"val_loss": 0.5}, {"val_loss": 0.4})  # no accuracy
    assert _stops(Deadline(past), _acc(0.9), _acc(0.99))  # no target: the clock decides
    # regression: scores are minus the loss
    assert not _stops(Deadline(past, target=-1.0, by_loss=True), {"val_loss": 0.9},
                      {"val_loss": 0.8})  # fmt: skip
    assert _stops(Deadline(past, target=-1.0, by_loss=True), {"val_loss": float("nan")})
    assert Deadline(past, target=0.6).cut_after is None


def test_a_candidate_whose_trend_reaches_the_target_in_its_epochs_trains_on() -> None:
    """0.30 -> 0.40 with 8 of 10 epochs left reaches 1.2 at that rate: on track for 0.6;
    with none left it is cut, and so is a candidate gaining 0.01 an epoch."""
    past = 0.0
    assert not _stops(Deadline(past, target=0.6), _acc(0.3), _acc(0.4), of=10)
    assert _stops(Deadline(past, target=0.6), _acc(0.3), _acc(0.4), of=2)
    cut = Deadline(past, target=0.6)
    assert _stops(cut, _acc(0.30), _acc(0.31), of=10)
    assert cut.cut_after == 2


def test_the_first_epoch_is_never_cut_unless_it_diverged() -> None:
    """One score has no trend, and the first epoch paid for building and tracing the
    candidate (the digits MLP's relu candidate: 0.54 after one epoch, 0.85 after two)."""
    past = 0.0
    assert not _stops(Deadline(past, target=0.61), _acc(0.54))
    assert _stops(Deadline(past, target=0.61), _acc(float("nan")))


def test_before_the_deadline_nothing_is_stopped() -> None:
    far = float("inf")
    assert not _stops(Deadline(far, target=0.6), _acc(0.1), _acc(0.1))


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
    assert not _stops(cpu_deadline, _acc(0.1), _acc(0.1))
    assert _stops(wall_deadline, _acc(0.1), _acc(0.1))
