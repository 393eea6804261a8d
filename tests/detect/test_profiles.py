"""Both profiles side by side: the factory, and the cases where they must differ."""

from __future__ import annotations

from autotrainer_keras.config.detection import DetectionConfig, PaperThresholds
from autotrainer_keras.detect import DefaultDetector, Detector, PaperDetector, make_detector
from autotrainer_keras.problems import Problem

from .builders import Run, accuracy_logs, new_history, noisy


def test_factory_picks_the_profile_and_its_thresholds() -> None:
    paper = make_detector(DetectionConfig(profile="paper", paper=PaperThresholds(theta=0.6)))
    assert isinstance(paper, PaperDetector) and paper.t.theta == 0.6
    assert paper.gradient_source == "probe"
    default = make_detector(DetectionConfig())
    assert isinstance(default, DefaultDetector) and default.gradient_source == "steps"
    assert isinstance(paper, Detector) and isinstance(default, Detector)


def test_single_jump_switches_paper_off_but_not_default() -> None:
    budget = 20
    paper = Run(PaperDetector(), new_history(budget=budget))
    default = Run(DefaultDetector(), new_history(budget=budget))
    for epoch in range(budget):
        acc = 0.52 if epoch == 1 else 0.5  # stuck at chance but for one 2-point jump
        losses = noisy([0.98] * 10, 0.02, seed=epoch)
        logs = accuracy_logs(acc, loss=0.98)
        paper.epoch(losses, logs=logs)
        default.epoch(losses, logs=logs)
    assert paper.first() is None
    found = default.first()
    assert found is not None and found.problem is Problem.SLOW_CONVERGENCE
    assert found.epoch == 2  # 2 epochs = 10 % of the budget, confirmed on the next check
    assert found.evidence["best_val_accuracy"] == 0.52


def test_detectors_are_pure() -> None:
    run = Run(DefaultDetector(), new_history())
    for _ in range(3):
        run.epoch(0.95)
    again = DefaultDetector().detect(run.history)
    assert again == run.findings[-1] == run.detector.detect(run.history)
