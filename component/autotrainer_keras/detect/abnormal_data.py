"""Abnormal data (AutoTrainer 2024 extension): inputs far off the unit scale drive hidden
activations to extreme magnitudes, or pin bounded hidden units at their bounds.

Pure: `RuleInput -> Finding | None` (detect/rule.py), on the probe batch's statistics.
"""

from __future__ import annotations

from autotrainer_keras.config.detection import DefaultThresholds
from autotrainer_keras.detect.rule import RuleInput
from autotrainer_keras.detect.text import num
from autotrainer_keras.measure.history import ActivationStats, CheckRecord
from autotrainer_keras.problems import Finding, SetupProblem

NORMALIZERS = frozenset({"BatchNormalization", "LayerNormalization", "GroupNormalization"})
"""Layer kinds that rescale their inputs to about unit scale."""


def _extreme(stats: ActivationStats, scale: float, stuck: float) -> bool:
    if stats.stuck_fraction is not None:
        return stats.stuck_fraction >= stuck
    return stats.rms >= scale


def _normalized_next(check: CheckRecord, index: int) -> bool:
    """The hidden layer after `index` (model order) is a normalisation layer: it rescales
    the large unbounded outputs at `index` before any non-linearity sees them (a stem
    convolution followed by BatchNorm trains on raw pixels)."""
    kinds = {s.layer: s.kind for s in check.layers}
    after = check.activations[index + 1 : index + 2]
    return bool(after) and kinds.get(after[0].layer) in NORMALIZERS


def _reads_token_ids(check: CheckRecord) -> bool:
    """The first layer with weights is an Embedding: the inputs are token ids (indices into
    its table, 0 to the vocabulary size), not features whose scale the network sees."""
    return bool(check.layers) and check.layers[0].kind == "Embedding"


def _first_extreme(check: CheckRecord, t: DefaultThresholds) -> ActivationStats | None:
    """The first hidden layer (nearest the inputs) with extreme activations, leaving out an
    unbounded layer whose outputs the next layer normalises."""
    for index, stats in enumerate(check.activations):
        if not _extreme(stats, t.ad_activation_scale, t.ad_stuck_fraction):
            continue
        if stats.stuck_fraction is None and _normalized_next(check, index):
            continue
        return stats
    return None


def abnormal_data_rule(x: RuleInput) -> Finding | None:
    """Fires when some probe input feature's root mean square is at least ad_input_scale and
    a hidden layer (the first such, nearest the inputs) has activations of root mean square
    at least ad_activation_scale, or, for a bounded activation, at least ad_stuck_fraction of
    its units stuck at a bound. Large outputs that a normalisation layer right after rescales
    (BatchNorm after the stem) reach no non-linearity at that scale: not counted. Token ids
    into a first Embedding layer are indices, not features: no finding."""
    check, t = x.check, x.thresholds
    scale = check.input_scale
    if scale is None or scale < t.ad_input_scale or _reads_token_ids(check):
        return None
    hit = _first_extreme(check, t)
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
