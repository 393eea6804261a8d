"""The data's ceiling: a network as far below the constant predictor as an off-the-shelf model
gets on the same rows has not converged slowly, whatever the share.

Slow convergence's "learned next to nothing" is a fixed share of the way below the constant
predictor (`sc_progress`). A task whose inputs carry less than that (a monthly churn hazard, a
click model near its base rate, a low-R^2 regression) stalls below it when healthy: practice
batch 33's churn hazard (val loss 0.218 against 0.234, AUC 0.74) and batch 32's click model
(0.582 against 0.634) were both called slow. `history.reference_progress` is how far a
gradient-boosted tree ensemble fitted on the same rows gets on held-out rows
(`measure.reference_fit`): below sc_progress too, and the network about as far along, the
network is at the data's ceiling. Measured lazily (`detect_with_ceiling`): only when a
slow-convergence finding is due.
"""

from __future__ import annotations

from collections.abc import Callable

from autotrainer_keras.config.detection import DefaultThresholds
from autotrainer_keras.detect.detector import Detector
from autotrainer_keras.detect.signals import LossSignals
from autotrainer_keras.measure.history import TrainingHistory
from autotrainer_keras.problems import Finding, Problem


def at_data_ceiling(history: TrainingHistory, sig: LossSignals, t: DefaultThresholds) -> bool:
    """The reference gets at least sc_ceiling_signal of the way below the constant predictor
    and the network's progress (the one slow convergence judges), below sc_progress, is at
    least sc_ceiling_share of the reference's: the reference itself is then below
    sc_progress / sc_ceiling_share, a low ceiling (pure; False while the reference is
    unknown). Not for the slow-convergence paths above sc_progress (steps too small from the
    start; training rows memorised while the validation loss stays at the constant
    predictor's: held-out validation sequences given reversed read 0.8 below it on their
    training rows): there the level is not what is judged."""
    reference = history.reference_progress
    if reference is None or sig.baseline_is_start or reference < t.sc_ceiling_signal:
        return False
    if sig.progress >= t.sc_progress:  # slow by its steps or its memorised rows, not its level
        return False
    return sig.progress >= t.sc_ceiling_share * reference


def detect_with_ceiling(
    detector: Detector, history: TrainingHistory, reference: Callable[[], float | None] | None
) -> Finding | None:
    """`detector.detect(history)`; when that is slow convergence and the history has no
    reference yet, the reference measured (`reference()`, once: it keeps its reading) into
    the history and the detector asked again."""
    finding = detector.detect(history)
    if (finding is None or finding.problem is not Problem.SLOW_CONVERGENCE or reference is None
            or history.reference_progress is not None):  # fmt: skip
        return finding
    history.reference_progress = reference()
    return finding if history.reference_progress is None else detector.detect(history)
