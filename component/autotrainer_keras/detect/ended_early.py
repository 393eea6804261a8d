"""Training ended before its budget by another callback (EarlyStopping): judged once more.

The rules give a model time in proportion to its epoch budget (slow convergence waits for
`sc_patient_budget` of it, and a loss on its way down may still make it in the epochs left).
When a callback stops training early, those epochs never come: the model the user gets is
the one at the last check. So the last check is judged again as if the budget had been the
epochs trained; a model early-stopped at chance level is then named, not passed over.
"""

from __future__ import annotations

from dataclasses import replace

from autotrainer_keras.detect.detector import Detector
from autotrainer_keras.measure.history import TrainingHistory
from autotrainer_keras.problems import Finding


def ended_early_finding(detector: Detector, history: TrainingHistory) -> Finding | None:
    """The finding at the last check with the budget cut to the epochs trained, or None when
    training ran its whole budget (every check was judged as it came) or nothing was checked."""
    done, budget = history.epochs_done, history.epochs_budget
    if not history.checks or done == 0 or done >= budget:
        return None
    finding = detector.detect(replace(history, epochs_budget=done))
    if finding is None:
        return None
    return replace(
        finding,
        evidence={**finding.evidence, "epochs_budget": float(budget), "epochs_run": float(done)},
        reason=f"{finding.reason} (Judged when training stopped after {done} of {budget} "
        "epochs.)",
    )
