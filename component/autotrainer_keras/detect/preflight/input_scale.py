"""Inputs far from unit scale (raw pixels 0..255, raw counts, money): saturated, slow training."""

from __future__ import annotations

from autotrainer_keras.config.preflight import PreflightThresholds
from autotrainer_keras.detect.preflight.base import setup_finding
from autotrainer_keras.detect.text import num
from autotrainer_keras.measure.setup_facts import SetupFacts
from autotrainer_keras.problems import Finding, SetupProblem


def input_scale(facts: SetupFacts, t: PreflightThresholds) -> Finding | None:
    """Fires when some input feature's root mean square exceeds `input_scale` and the model
    does not scale its inputs itself (a Normalization, Rescaling or BatchNormalization first
    layer), nor normalises
    the output of its first layer with weights (BatchNormalization right after it: the scale
    of large inputs cancels there; tiny ones are another matter, see `tiny_input`), nor maps
    them before its first weights (a `Lambda(ops.log1p)` on raw counts: the data's scale is
    not what those weights see), nor passes them through a layer of its own whose outputs are
    within `input_scale` (`own_maps_scale`)."""
    d, m = facts.data, facts.model
    if m.token_input or m.normalizes_input or m.first_kernel_normalized or m.transforms_input:
        return None  # ids (an Embedding's tokens) have no scale to judge
    if own_maps_scale(facts, t):
        return None
    if d.max_scale <= t.input_scale:
        return None
    pixels = d.x_min >= 0 and 100 < d.x_max <= 255
    what = "like raw pixel values" if pixels else "far from the unit scale networks expect"
    return setup_finding(
        SetupProblem.UNSCALED_INPUT,
        f"the inputs range from {num(d.x_min)} to {num(d.x_max)} ({what}; feature "
        f"{d.widest_feature} has scale {num(d.max_scale)}) and are not normalised: first-layer "
        "activations saturate and training is slow or stuck",
        {"x_min": d.x_min, "x_max": d.x_max, "max_scale": d.max_scale},
        {"input_scale": t.input_scale},
    )


def own_maps_scale(facts: SetupFacts, t: PreflightThresholds) -> bool:
    """Whether the inputs' first weights are a layer of the user's own whose outputs on the
    first training rows are within `input_scale` (a calibrator whose keypoints carry the raw
    units, practice batch 70): the raw scale is that layer's business, and what follows it
    sees unit-scale values. A layer that passes the raw scale on (a Dense of the user's own)
    is judged as Keras' are, and so is one whose outputs are all 0 at the start (a zero
    kernel, zero-initialised deltas): those say nothing of how it maps the inputs."""
    own = facts.model.own_first
    return own is not None and 0 < own.scale <= t.input_scale
