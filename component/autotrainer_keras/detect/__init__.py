"""detect layer: pure detectors that read a TrainingHistory and return a Finding or None.

`make_detector(config)` picks the profile: `paper` (AutoTrainer as published) or `default`
(the improved rules). Both are framework-free (numpy and the standard library).
"""

from autotrainer_keras.detect.default import DefaultDetector
from autotrainer_keras.detect.detector import Detector, make_detector
from autotrainer_keras.detect.paper import PaperDetector

__all__ = ["DefaultDetector", "Detector", "PaperDetector", "make_detector"]
