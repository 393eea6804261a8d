"""Regression targets far from unit scale (prices in thousands, raw counts): a linear output
starts near 0 and must grow to them in small steps, so training crawls (or diverges under
SGD, whose steps grow with the loss)."""

from __future__ import annotations

import math

from autotrainer_keras.config.preflight import PreflightThresholds
from autotrainer_keras.detect.preflight.base import REGRESSION_LOSSES, setup_finding
from autotrainer_keras.detect.text import num
from autotrainer_keras.measure.setup_facts import ModelFacts, SetupFacts
from autotrainer_keras.problems import Finding, SetupProblem

SCALED_LOSSES = REGRESSION_LOSSES - {"mean_squared_logarithmic_error"}
"""Regression losses whose gradients grow with the targets' scale (MSLE reads their log)."""
TARGET_KINDS = frozenset({"continuous", "integer"})
SKIP_SHARE = 0.5
"""An output that adds a model input (`ModelFacts.output_skip`) starts at the input's values:
targets of that scale (inputs' largest root mean square at least this share of the targets'
scale) need no growing (practice batch 84: a residual denoiser on 0-255 pixels, input scale
104 against the targets' 84, trains to 1.2x the unit-scale run's loss)."""
STEP_WITH_GRADIENT = frozenset({"sgd"})
"""Optimizers whose steps grow with the gradient, so with the targets' scale (SGD(0.01) on a
tanh MLP's raw targets of std 10-20: 0.007-0.03 of their variance, better than standardised)."""


def _at(values: tuple[float, ...], column: int, default: float) -> float:
    """A final Rescaling's value for `column` (one value broadcasts to every column)."""
    if not values:
        return default
    return values[column] if len(values) > column else values[0]


def learned_scale(m: ModelFacts, mean: float, std: float, column: int) -> float:
    """max(|mean|, std) of one target column in the units the output layer learns: as given,
    or mapped back through a final Rescaling layer (`(y - offset) / scale`)."""
    factor = abs(_at(m.output_factor, column, 1.0)) or 1.0
    offset = _at(m.output_offset, column, 0.0)
    return max(abs(mean - offset), std) / factor


def target_scale(facts: SetupFacts, t: PreflightThresholds) -> Finding | None:
    """Fires when a regression loss (not MSLE) is trained through a linear output on targets
    (continuous or integer) of which some column's max(|mean|, std), as the output layer
    learns them, is at least `target_scale` (`target_scale_bounded` when the output layer
    reads bounded values, a tanh layer's or an LSTM's, and an adaptive optimizer trains it),
    or, for a column that varies, at most `target_scale_small` (a displacement in metres,
    +-0.05; read for a vector of values per row, not a map or a sequence per row). Quiet for
    classification labels, for targets standardised or within [0, 1] at a scale above
    `target_scale_small`, and for a model whose final Rescaling layer maps unit-scale
    outputs to the targets (what the `scale_target` repair appends), or for an output that
    adds a model input of about the targets' scale (`SKIP_SHARE`)."""
    m, d = facts.model, facts.data
    if m.loss not in SCALED_LOSSES or d.label_kind not in TARGET_KINDS or not d.y_mean:
        return None
    if m.output_activation != "linear" or not (m.output_activation_known or m.output_factor):
        return None  # a bounded head is `bounded_regression_head`'s; an unknown one unjudged
    scales = [learned_scale(m, mean, std, c)
              for c, (mean, std) in enumerate(zip(d.y_mean, d.y_std, strict=True))]  # fmt: skip
    finite = [c for c, scale in enumerate(scales) if math.isfinite(scale)]
    column = max(finite, key=scales.__getitem__, default=None)
    if m.output_skip and d.max_scale >= SKIP_SHARE * max(
            (scales[c] for c in finite), default=0.0):  # fmt: skip
        return None  # the output starts at the inputs, which carry the targets' scale
    bounded = bool(m.head_input_bounded) and m.optimizer not in STEP_WITH_GRADIENT
    limit, key = ((t.target_scale_bounded, "target_scale_bounded") if bounded
                  else (t.target_scale, "target_scale"))  # fmt: skip
    if column is not None and scales[column] >= limit:
        bound = {key: limit}
        reach = (f", reading the values in [-1, 1] of '{m.head_input_bounded}' (only its own "
                 f"weights can grow to them, by {m.optimizer}'s steps of the learning rate)"
                 if bounded else "")  # fmt: skip
        why = (f"at least {num(limit)}) but the linear output '{m.output_layer}' starts near "
               f"0{reach} and learns them through the {m.loss} loss in small steps, so "
               "training crawls or diverges")  # fmt: skip
    elif d.y_rank > 2:  # a map or a sequence of small values (a density map: what it sums
        return None  # to counts; batch 29's, std 0.022 and peak 0.27, trains well)
    else:  # tiny targets: a column that varies, all of whose values are near 0
        tiny = [c for c in finite if 0 < scales[c] <= t.target_scale_small and d.y_std[c] > 0]
        column = min(tiny, key=scales.__getitem__, default=None)
        if column is None:
            return None
        bound = {"target_scale_small": t.target_scale_small}
        why = (f"at most {num(t.target_scale_small)}) but the linear output "
               f"'{m.output_layer}' starts with values of order 1 and must shrink to them, and "
               "the optimizer's steps are coarse at their scale, so the fit stays far from "
               "them")  # fmt: skip
    mean, std = d.y_mean[column], d.y_std[column]
    which = f"target column {column} has" if len(scales) > 1 else "the targets have"
    return setup_finding(
        SetupProblem.UNSCALED_TARGET,
        f"{which} mean {num(mean)} and std {num(std)} (scale {num(scales[column])}, {why}: "
        "learn standardised targets ((y - mean) / std) and map the predictions back",
        {"y_mean": mean, "y_std": std, "target_scale": scales[column],
         "target_columns": float(len(scales))},  # fmt: skip
        bound,
        layer=m.output_layer,
    )
