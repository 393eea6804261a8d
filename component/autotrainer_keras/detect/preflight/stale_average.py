"""An optimizer's moving average of the weights that cannot follow the training in its
budget (`use_ema` with an `ema_momentum` for a far longer run): validation through a
`SwapEMAWeights` callback, and the model `fit` leaves behind, read mostly the initial
weights (practice batch 19's 0.9999 over ~700 steps: 93 % initial, 0.18 against 0.97)."""

from __future__ import annotations

from autotrainer_keras.config.preflight import PreflightThresholds
from autotrainer_keras.detect.preflight.base import setup_finding
from autotrainer_keras.detect.text import num
from autotrainer_keras.measure.setup_facts import SetupFacts
from autotrainer_keras.problems import Finding, SetupProblem


def stale_average(facts: SetupFacts, t: PreflightThresholds) -> Finding | None:
    """Fires when the initial weights still make up at least `ema_initial_share` of the
    average at the end of the budget (`ModelFacts.ema_initial_share`: momentum ** steps,
    Keras' EMA having no bias correction)."""
    return stale_average_of(facts.model.ema_initial_share, facts.model.ema_momentum, t)


def stale_average_of(share: float, momentum: float, t: PreflightThresholds) -> Finding | None:
    """The finding of an average that keeps `share` of the initial weights at the end of
    the budget (`momentum` ** steps), or None. `keras.Watch` reads it off the user's
    optimizer and `fit` budget."""
    if share < t.ema_initial_share:
        return None
    return setup_finding(
        SetupProblem.STALE_AVERAGE,
        f"the optimizer's moving average of the weights (use_ema, ema_momentum "
        f"{num(momentum)}) still holds {share:.0%} of the initial weights at "
        "the end of the budget's steps (Keras' average has no bias correction): validation "
        "through SwapEMAWeights, and the model fit leaves behind, read a near-initial "
        "model; use a momentum for this many steps (Keras' default 0.99)",
        {"ema_initial_share": share, "ema_momentum": momentum},
        {"ema_initial_share": t.ema_initial_share},
    )
