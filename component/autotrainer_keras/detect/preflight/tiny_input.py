"""Inputs hundreds of times below unit scale (pixels divided by 255 twice): the first layer's
outputs hardly depend on them, so training starts from a network blind to its inputs."""

from __future__ import annotations

from autotrainer_keras.config.preflight import PreflightThresholds
from autotrainer_keras.detect.preflight.base import setup_finding
from autotrainer_keras.detect.text import num
from autotrainer_keras.measure.setup_facts import SetupFacts
from autotrainer_keras.problems import Finding, SetupProblem


def tiny_input(facts: SetupFacts, t: PreflightThresholds) -> Finding | None:
    """Fires when every input feature's root mean square, times the scale of a first
    Rescaling layer (plus its offset), is below `input_tiny`, and the model does not start
    with a Normalization layer nor maps them before its first weights (a Lambda). All-zero
    inputs are not judged."""
    m, d = facts.model, facts.data
    if m.token_input or m.standardizes_input or m.transforms_input or d.max_scale <= 0:
        return None
    seen = d.max_scale * m.input_factor + m.input_offset
    if seen >= t.input_tiny:
        return None
    if m.input_factor != 1.0:
        where = (
            f"the inputs range from {num(d.x_min)} to {num(d.x_max)} and the model's first "
            f"layer multiplies them by {num(m.input_factor)}, so its weights see values of "
            f"scale {num(seen)}"
        )
    else:
        where = (
            f"the inputs range from {num(d.x_min)} to {num(d.x_max)} (largest feature scale "
            f"{num(seen)})"
        )
    return setup_finding(
        SetupProblem.UNSCALED_INPUT,
        f"{where}, {num(1 / seen)} x below the unit scale networks expect (scaled twice, "
        "e.g. divided by 255 by hand and again by a loader or Rescaling layer?): the first "
        "layer barely responds to them and training stalls; scale the inputs once",
        {"x_min": d.x_min, "x_max": d.x_max, "max_scale": d.max_scale,
         "input_factor": m.input_factor, "seen_scale": seen},  # fmt: skip
        {"input_tiny": t.input_tiny},
    )
