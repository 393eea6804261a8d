"""Training stopped early by another callback: the last check judged once more, with the
budget cut to the epochs trained (`detect/ended_early.py`), and the validation-only reading
of a model that memorised its training rows (`default_curves.memorised_at_chance`)."""

from __future__ import annotations

from autotrainer_keras.config.detection import DefaultThresholds
from autotrainer_keras.detect.default import DefaultDetector
from autotrainer_keras.detect.ended_early import cut_while_falling, ended_early_finding
from autotrainer_keras.measure.history import Task
from autotrainer_keras.problems import Problem, SetupProblem

from .builders import Run, new_history


def memorising_run(epochs: int, budget: int = 100, val_acc: float = 0.5) -> Run:
    """Training loss falling 1.0 -> 0.6 (rows memorised), validation loss rising above the
    constant predictor's 1.0, validation accuracy `val_acc` (chance 0.5)."""
    run = Run(DefaultDetector(DefaultThresholds()),
              new_history(task=Task.BINARY, budget=budget, steps_per_epoch=10))  # fmt: skip
    for epoch in range(epochs):
        train = 1.0 - 0.04 * epoch
        logs = {"loss": train, "val_loss": 1.05 + 0.01 * epoch, "accuracy": 0.5 + 0.02 * epoch,
                "val_accuracy": val_acc}  # fmt: skip
        run.epoch(train, logs=logs, update=1e-3)
    return run


def test_a_model_stopped_early_at_chance_is_named_when_training_ends() -> None:
    run = memorising_run(12)
    assert run.first() is None  # 12 of 100 epochs: within the patience a slow start gets
    found = ended_early_finding(run.detector, run.history)
    assert found is not None and found.problem is Problem.SLOW_CONVERGENCE
    assert found.evidence["epochs_run"] == 12 and found.evidence["epochs_budget"] == 100
    assert "memorised" in found.reason and "stopped after 12 of 100 epochs" in found.reason


def test_a_run_of_its_whole_budget_or_a_learning_model_is_not_judged_again() -> None:
    assert ended_early_finding(memorising_run(12, budget=12).detector,
                               memorising_run(12, budget=12).history) is None  # fmt: skip
    learning = memorising_run(12, val_acc=0.8)  # validation accuracy far from chance
    assert ended_early_finding(learning.detector, learning.history) is None


def test_memorising_at_chance_is_slow_convergence_once_the_patience_is_spent() -> None:
    run = memorising_run(14, budget=40)  # 30 % of 40 = 12 epochs, confirmed on the next
    found = run.first()
    assert found is not None and found.problem is Problem.SLOW_CONVERGENCE
    assert found.evidence["progress"] >= 0.1  # the training loss's progress: not the gate


def regression_run(val_losses: list[float], budget: int = 60) -> Run:
    run = Run(DefaultDetector(DefaultThresholds()),
              new_history(task=Task.REGRESSION, budget=budget, steps_per_epoch=20))  # fmt: skip
    for val_loss in val_losses:
        run.epoch(val_loss, logs={"loss": val_loss, "val_loss": val_loss}, update=1e-3)
    return run


def test_a_fit_stopped_after_two_epochs_at_a_new_best_was_cut_on_its_way_down() -> None:
    run = regression_run([0.30, 0.12])  # EarlyStopping(mode="max") on val_loss, patience 1
    found = cut_while_falling(run.history, DefaultThresholds())
    assert found is not None and found.problem is SetupProblem.SMALL_BUDGET
    assert found.evidence["epochs_run"] == 2 and found.evidence["epochs_budget"] == 60


def test_one_epoch_a_rise_or_the_whole_budget_is_no_cut() -> None:
    t = DefaultThresholds()
    assert cut_while_falling(regression_run([0.30]).history, t) is None
    assert cut_while_falling(regression_run([0.12, 0.30]).history, t) is None
    assert cut_while_falling(regression_run([0.30, 0.12], budget=2).history, t) is None


def _slow_start(val_fall: float, epochs: int = 6) -> Run:
    """Training loss 1.0 -> 0.75 in `epochs` epochs of a budget of 10, the validation loss a
    new best every epoch, falling by `val_fall` per epoch, the accuracy near chance."""
    run = Run(DefaultDetector(DefaultThresholds()),
              new_history(task=Task.BINARY, budget=10, steps_per_epoch=10))  # fmt: skip
    for epoch in range(epochs):
        train = 1.0 - 0.05 * epoch
        logs = {"loss": train, "val_loss": 1.0 - val_fall * epoch,
                "accuracy": 0.5 + 0.04 * epoch, "val_accuracy": 0.52}  # fmt: skip
        run.epoch(train, logs=logs, update=1e-3)
    return run


def test_a_validation_loss_still_falling_to_new_bests_is_a_slow_start_not_memorising() -> None:
    """Practice batch 81's dilated CNN without BatchNorm: validation loss 0.701, 0.694, 0.691,
    0.683 (0.8-1.2 % per epoch, a new best each) at accuracy 0.49-0.56, then 0.580 and 0.73;
    it had been read as training rows memorised at epoch 3 of 10. A validation loss falling
    0.2 % per epoch (an EMA of weights that barely move: practice batch 19) still is."""
    assert _slow_start(0.008).first() is None
    found = _slow_start(0.002).first()
    assert found is not None and found.problem is Problem.SLOW_CONVERGENCE
    assert "memorised" in found.reason
