"""The `paper` profile's repair-loop decisions, as the AutoTrainer code makes them (pure).

The loop (`engine.repair_loop`) asks these; they never train or touch a model.

- Candidates are judged by the original's repair monitor, which runs with the code's default
  thresholds (Theta 0.7, ...) whatever thresholds detected the problem (`repair_detection`).
- After a round's list is spent, the next round repairs the best try of *this* round that
  showed another problem, and the chain stops when that problem was handled already
  (`next_round`).
"""

from __future__ import annotations

from collections.abc import Sequence

from autotrainer_keras.config.detection import DetectionConfig, PaperThresholds
from autotrainer_keras.problems import AnyProblem


def repair_detection(detection: DetectionConfig) -> DetectionConfig:
    """The detection config candidates are judged with under `detection.profile`.

    `paper`: the paper's default thresholds (the original's repair monitor ignores the
    thresholds the user trained the original with); `default`: unchanged.
    """
    if detection.profile != "paper":
        return detection
    return detection.model_copy(update={"paper": PaperThresholds()})


def next_round(
    round_tries: Sequence[tuple[AnyProblem | None, float]], handled: set[AnyProblem]
) -> tuple[int | None, str]:
    """Which try of the round just ended to repair next.

    Args:
        round_tries: Per try of this round, in order: the other problem it showed (None when
            it showed the round's problem, or none) and its validation score.
        handled: Problems repaired in this chain so far.

    Returns:
        The index of the try to repair next (None: stop) and, when stopping, why.
    """
    others = [(score, -i, problem) for i, (problem, score) in enumerate(round_tries) if problem]
    if not others:
        return None, "no solution left to try"
    _, negative_index, problem = max(others)
    if problem in handled:
        return None, f"the next problem ({problem.value}) was handled already"
    return -negative_index, ""
