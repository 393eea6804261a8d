"""The contract of a default-profile rule: one input, one signature, `Finding | None`.

    def my_rule(x: RuleInput) -> Finding | None: ...

A rule is pure: it reads the history, the newest check, the loss signals and the thresholds,
and never touches the model. Rules that judge the loss return None when `x.signals` is None
(too few finite step losses to smooth). `detect/rules.py` lists the rules in priority order.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from autotrainer_keras.config.detection import DefaultThresholds
from autotrainer_keras.detect.signals import LossSignals
from autotrainer_keras.measure.history import CheckRecord, LayerStats, TrainingHistory
from autotrainer_keras.problems import Finding


@dataclass(frozen=True)
class RuleInput:
    """What every rule reads at one check.

    Attributes:
        history: Everything measured so far (the newest check last).
        check: The newest check.
        signals: The smoothed loss signals, or None when there are too few step losses.
        thresholds: The default profile's thresholds.
    """

    history: TrainingHistory
    check: CheckRecord
    signals: LossSignals | None
    thresholds: DefaultThresholds


Rule = Callable[[RuleInput], Finding | None]
"""A rule: `RuleInput -> Finding | None`."""


def chosen_at_last_checks(
    checks: list[CheckRecord], chosen: Callable[[CheckRecord], set[str]], count: int = 2
) -> list[LayerStats]:
    """The newest check's layers (in model order) that `chosen` names at each of the last
    `count` checks: a reading that persisted, not one check's noise."""
    names = set.intersection(*(chosen(check) for check in checks[-count:]))
    return [layer for layer in checks[-1].layers if layer.layer in names]
