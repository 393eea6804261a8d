"""A weak repair accepted over an original stopped early stands only if it beats the
original trained on to its whole budget (`repair_loop.confirmed_over_original`): practice
batch 26's PointNet, `selu` accepted at 0.505 of 4 classes over an original stopped at epoch
3 of slow convergence, whose plain training reached 0.533."""

from __future__ import annotations

from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

import pytest

from autotrainer_keras.config import AutotrainerConfig
from autotrainer_keras.engine import repair_loop
from autotrainer_keras.engine.repair_loop import RepairOutcome, confirmed_over_original
from autotrainer_keras.measure.history import Task
from autotrainer_keras.problems import Finding, Problem, SetupProblem


def _found(problem: Problem | SetupProblem) -> list[Finding]:
    return [Finding(problem, epoch=2, step=30, layer=None)]


def _history(task: Task = Task.MULTICLASS, baseline: float | None = 1.386) -> Any:
    return SimpleNamespace(task=task, chance_accuracy=0.25, baseline_loss=baseline, epochs=[],
                           step_losses=[20.0, 21.0, 19.0, 20.0, 20.5, 12.0])  # fmt: skip


@dataclass
class _Result:
    best_score: float
    epochs_run: int = 12
    findings: list[Finding] = field(default_factory=lambda: _found(Problem.SLOW_CONVERGENCE))
    interrupted: bool = False
    spec: Any = field(default_factory=lambda: SimpleNamespace(epochs=12, output_losses=None))
    history: Any = field(default_factory=_history)
    extra: dict[str, Any] = field(default_factory=dict)


def _ctx() -> Any:
    return SimpleNamespace(config=AutotrainerConfig(),
                           progress=SimpleNamespace(message=lambda _: None))


def _run(monkeypatch: pytest.MonkeyPatch, accepted: float, continued: float | None,
         stopped_at: int = 3, found: Problem | SetupProblem = Problem.SLOW_CONVERGENCE,
         history: Any = None, metrics: tuple[dict[str, float], dict[str, float]] = ({}, {}),
         ) -> tuple[RepairOutcome, list[int]]:
    """`metrics`: the accepted repair's and the continued original's evaluated metrics."""
    calls: list[int] = []
    history = history or _history()

    def finish(ctx: Any, original: Any) -> Any:
        calls.append(original.epochs_run)
        if continued is None:
            return None
        return _Result(continued, history=history, extra={"final_metrics": metrics[1]})

    monkeypatch.setattr(repair_loop, "finish_original", finish)
    result = _Result(accepted, history=history, extra={"final_metrics": metrics[0]})
    attempt = SimpleNamespace(result=result, solution="selu")
    outcome = RepairOutcome(attempts=[attempt], solved=True, final=result)  # type: ignore[list-item]
    original = _Result(0.4, epochs_run=stopped_at, findings=_found(found), history=history)
    return confirmed_over_original(_ctx(), outcome, original), calls


def test_the_original_trained_on_replaces_a_weak_repair_it_matches(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    outcome, calls = _run(monkeypatch, accepted=0.505, continued=0.533)
    assert calls == [3] and not outcome.solved and outcome.final.best_score == 0.533
    assert "selu scored no better than the original trained to its whole budget" in (
        outcome.stop_reason)


def test_a_weak_repair_that_beats_it_stands_and_a_strong_one_is_not_checked(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    outcome, calls = _run(monkeypatch, accepted=0.505, continued=0.45)
    assert calls == [3] and outcome.solved and outcome.final.best_score == 0.505
    assert outcome.continued is not None  # reported as the original trained on
    strong, calls = _run(monkeypatch, accepted=1.0, continued=0.533)
    assert calls == [] and strong.solved
    whole, calls = _run(monkeypatch, accepted=0.505, continued=0.533, stopped_at=12)
    assert calls == [] and whole.solved  # the original had its budget: nothing to add


def test_an_original_whose_weights_went_wrong_is_not_trained_on(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Only a stalled original may catch up: a dying-ReLU one (the second zoo's noisy-label
    MLP with zero-initialised kernels, whose every repair is "weak" by the chance rule) is
    not continued, which had cost 40 % of its job."""
    outcome, calls = _run(monkeypatch, accepted=0.505, continued=0.533,
                          found=Problem.DYING_RELU)  # fmt: skip
    assert calls == [] and outcome.solved and outcome.final.best_score == 0.505


def test_an_original_stopped_for_unscaled_data_may_catch_up(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Practice batch 60: raw units under input noise, stopped at epoch 0 by `abnormal_data`
    (0.271), `normalize` accepted at 0.336 of 4 classes; plain training reached 0.592. Its
    weights are sound, so the original is trained on and kept."""
    outcome, calls = _run(monkeypatch, accepted=0.336, continued=0.592, stopped_at=1,
                          found=SetupProblem.ABNORMAL_DATA)  # fmt: skip
    assert calls == [1] and not outcome.solved and outcome.final.best_score == 0.592


def test_a_loss_of_the_users_own_is_judged_from_its_start_loss_and_by_the_users_metric(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Practice batch 61's distilled student (a loss of the user's own: no constant
    predictor's loss): `lr_up` accepted by its loss (13.94) over an original stopped at
    slow convergence, 8 points of hard-label accuracy below plain training. The start loss
    (median of the first steps: 20) stands in as the reference, so the repair is weak; the
    original trained on is kept when the repair leaves the user's accuracy worse than it."""
    own = _history(Task.REGRESSION, baseline=None)
    worse = ({"loss": 13.94, "hard_accuracy": 0.208}, {"loss": 14.08, "hard_accuracy": 0.289})
    outcome, calls = _run(monkeypatch, accepted=-13.94, continued=-14.08, history=own,
                          metrics=worse)  # fmt: skip
    assert calls == [3] and not outcome.solved and outcome.final.best_score == -14.08
    assert "selu left hard_accuracy worse than the original" in outcome.stop_reason
    kept = ({"loss": 13.94, "hard_accuracy": 0.3}, {"loss": 14.08, "hard_accuracy": 0.289})
    outcome, calls = _run(monkeypatch, accepted=-13.94, continued=-14.08, history=own,
                          metrics=kept)  # fmt: skip
    assert calls == [3] and outcome.solved and outcome.final.best_score == -13.94
    strong, calls = _run(monkeypatch, accepted=-5.0, continued=-14.08, history=own)
    assert calls == [] and strong.solved  # 0.75 of the way from the start loss: not weak


def test_the_start_reference_skips_steps_that_are_not_finite() -> None:
    """The start loss stands in for the constant predictor's as `detect.signals` reads it:
    the median of the first finite step losses."""
    from autotrainer_keras.detect.signals import start_reference

    assert start_reference([float("nan"), 20.0, 21.0, 19.0, 20.5, 22.0, 1.0], 5) == 20.5
    assert start_reference([float("nan")], 5) != start_reference([float("nan")], 5)  # NaN
