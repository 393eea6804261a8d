"""Abnormal data (AutoTrainer 2024 extension): inputs far off the unit scale drive hidden
activations to extreme magnitudes, or pin bounded hidden units at their bounds.

Pure: `RuleInput -> Finding | None` (detect/rule.py), on the probe batch's statistics.
"""

from __future__ import annotations

from autotrainer_keras.detect.rule import RuleInput
from autotrainer_keras.detect.text import num
from autotrainer_keras.measure.history import ActivationStats
from autotrainer_keras.problems import Finding, SetupProblem


def _extreme(stats: ActivationStats, scale: float, stuck: float) -> bool:
    if stats.stuck_fraction is not None:
        return stats.stuck_fraction >= stuck
    return stats.rms >= scale


def abnormal_data_rule(x: RuleInput) -> Finding | None:
    """Fires when some probe input feature's root mean square is at least ad_input_scale and
    a hidden layer (the first such, nearest the inputs) has activations of root mean square
    at least ad_activation_scale, or, for a bounded activation, at least ad_stuck_fraction of
    its units stuck at a bound."""
    check, t = x.check, x.thresholds
    scale = check.input_scale
    if scale is None or scale < t.ad_input_scale:
        return None
    hit = next(
        (s for s in check.activations if _extreme(s, t.ad_activation_scale, t.ad_stuck_fraction)),
        None,
    )
    if hit is None:
        return None
    if hit.stuck_fraction is not None:
        effect = (f"{num(hit.stuck_fraction)} of the {hit.activation} units of layer "
                  f"{hit.layer} are stuck at a bound for every probe sample (>= "
                  f"{num(t.ad_stuck_fraction)})")  # fmt: skip
    else:
        effect = (f"the activations of layer {hit.layer} have root mean square "
                  f"{num(hit.rms)} (>= {num(t.ad_activation_scale)})")  # fmt: skip
    evidence = {"input_scale": scale, "activation_rms": hit.rms}
    if hit.stuck_fraction is not None:
        evidence["stuck_fraction"] = hit.stuck_fraction
    return Finding(
        problem=SetupProblem.ABNORMAL_DATA,
        epoch=check.epoch,
        step=check.step,
        layer=hit.layer,
        evidence=evidence,
        thresholds={
            "ad_input_scale": t.ad_input_scale,
            "ad_activation_scale": t.ad_activation_scale,
            "ad_stuck_fraction": t.ad_stuck_fraction,
        },
        reason=(
            f"An input feature has root mean square {num(scale)} (>= {num(t.ad_input_scale)}) "
            f"and {effect}: the data is not scaled for the network."
        ),
    )
