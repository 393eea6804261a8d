"""A callback of the caller's that watches a metric the wrong way round (`mode="max"` on a
loss): `ReduceLROnPlateau` then cuts the rate while training improves, `EarlyStopping` stops
it. (A `ModelCheckpoint` so keeps the worst weights in its file without changing the
training: the job warns about it, `engine.callback_modes.checkpoint_warnings`.)"""

from __future__ import annotations

from autotrainer_keras.config.preflight import PreflightThresholds
from autotrainer_keras.detect.preflight.base import setup_finding
from autotrainer_keras.measure.setup_facts import SetupFacts
from autotrainer_keras.problems import Finding, SetupProblem

EFFECTS = {
    "ReduceLROnPlateau": "cuts the learning rate while training improves",
    "EarlyStopping": "stops the training while it improves",
    "ModelCheckpoint": "keeps the worst weights",
}


def monitor_mode(facts: SetupFacts, t: PreflightThresholds) -> Finding | None:
    """Fires when one of the caller's callbacks has an explicit `mode` opposite to what its
    `monitor` needs (`min` for a loss or an error, `max` for an accuracy); the job reads its
    callbacks (`ModelFacts.monitor_mismatches`), a callback on the user's own fit cannot."""
    wrong = facts.model.monitor_mismatches
    if not wrong:
        return None
    parts = [
        f"{name}(monitor='{monitor}', mode='{mode}') "
        f"{EFFECTS.get(name, 'reads the metric the wrong way round')}"
        for name, monitor, mode in wrong
    ]
    return setup_finding(
        SetupProblem.MONITOR_MODE,
        "; ".join(parts) + ": a loss improves as it falls (mode='min'), an accuracy as it "
        "rises (mode='max'); set the mode right or leave it 'auto'",
        {"callbacks": float(len(wrong))},
    )
