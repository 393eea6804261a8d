"""The constant predictor's accuracy on labels of any integer codes."""

from __future__ import annotations

import numpy as np

from autotrainer_keras.measure.baselines import chance_accuracy


def test_chance_accuracy_reads_negative_codes() -> None:
    """A -1 padding code (or targets no binary loss can train on) counts as a class."""
    y = np.array([-1, -1, -1, 0, 1])
    assert chance_accuracy(y, np.array([-1, 0])) == 0.5
    assert chance_accuracy(np.array([2, 2, 0]), np.array([2, 1])) == 0.5
