"""The detector interface the engine uses, and the factory that picks a profile."""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from autotrainer_keras.config.detection import DetectionConfig
from autotrainer_keras.measure.history import TrainingHistory
from autotrainer_keras.problems import Finding


@runtime_checkable
class Detector(Protocol):
    """Judges a growing `TrainingHistory`; never touches the model.

    Attributes:
        gradient_source: "probe" (gradients on one fixed batch in inference mode, the paper's
            way) or "steps" (statistics of the training steps since the previous check).
    """

    gradient_source: str

    def check_due(self, history: TrainingHistory, epoch: int, at_epoch_end: bool) -> bool:
        """Whether the monitor should run a check at this check point."""
        ...

    def detect(self, history: TrainingHistory) -> Finding | None:
        """The most important problem in the history (newest check last), or None."""
        ...

    def wants_reference(self, history: TrainingHistory) -> bool:
        """Whether a rule reads the data's ceiling (`history.reference_progress`) at this
        check before any finding is due (`detect.ceiling.detect_with_ceiling`)."""
        ...


def make_detector(config: DetectionConfig) -> Detector:
    """The detector of the configured profile ("paper" or "default") with its thresholds."""
    from autotrainer_keras.detect.default import DefaultDetector
    from autotrainer_keras.detect.paper import PaperDetector

    if config.profile == "paper":
        return PaperDetector(config.paper)
    return DefaultDetector(config.default)
