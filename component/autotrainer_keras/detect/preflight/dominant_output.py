"""A multi-output model's regression output whose targets' scale makes its loss term most of
the total: the shared layers are trained for that output alone (their gradients are the
total's), so the other outputs learn on features that do not serve them.

Practice batch 29's box model: the box in pixels (about 16 +- 8) under MSE beside a 3-class
head: the box term starts ~160x the cross-entropy's log 3, and the class accuracy ended at
0.43-0.64 against 0.98 with boxes / 32. Batch 28's load in kW (1200 +- 300) beside a regime
classifier. Quiet on batch 28's healthy load weight of 10 on standardised targets (~9x):
that dominance is the user's weight, not the targets' scale. Standardising the targets
(`scale_target`, which divides the output's loss weight with them) removes it.

Each output's term is what its loss is at the start, times its loss weight: a linear
regression head predicts near 0, so its squared error is the mean over target columns of
scale^2 (an absolute, Huber or log-cosh error: scale), scale being max(|mean|, std) in the
units the output layer learns (`target_scale.learned_scale`); a classifier's cross-entropy
is log(classes) (binary: log 2). Outputs with other losses are not compared.
"""

from __future__ import annotations

import math

from autotrainer_keras.config.preflight import PreflightThresholds
from autotrainer_keras.detect.preflight.base import BINARY_LOSSES, setup_finding
from autotrainer_keras.detect.preflight.target_scale import (
    SCALED_LOSSES,
    TARGET_KINDS,
    learned_scale,
)
from autotrainer_keras.detect.text import num
from autotrainer_keras.measure.setup_facts import SetupFacts
from autotrainer_keras.problems import Finding, SetupProblem

SQUARED = frozenset({"mse", "mean_squared_error"})
CLASS_LOSSES = frozenset({"categorical_crossentropy", "sparse_categorical_crossentropy"})


def regression_scale(sheet: SetupFacts) -> float | None:
    """A linear regression output's loss at the start, unweighted (None: not one)."""
    m, d = sheet.model, sheet.data
    if m.loss not in SCALED_LOSSES or d.label_kind not in TARGET_KINDS or not d.y_mean:
        return None
    if m.output_activation != "linear" or not (m.output_activation_known or m.output_factor):
        return None
    power = 2 if m.loss in SQUARED else 1
    scales = [learned_scale(m, mean, std, c) ** power
              for c, (mean, std) in enumerate(zip(d.y_mean, d.y_std, strict=True))]  # fmt: skip
    value = sum(scales) / len(scales)
    return value if math.isfinite(value) else None


def class_term(sheet: SetupFacts) -> float | None:
    """A classifier's cross-entropy at uniform predictions (None: another loss)."""
    m, d = sheet.model, sheet.data
    if m.loss in BINARY_LOSSES:
        return math.log(2.0)
    if m.loss in CLASS_LOSSES and d.n_classes >= 2:
        return math.log(float(d.n_classes))
    return None


def dominant_output(
    sheets: dict[str, SetupFacts],
    weights: dict[str, float] | None,
    t: PreflightThresholds,
) -> Finding | None:
    """Fires when some linear regression output's starting loss term (times its loss
    weight) is at least `output_dominance` x another output's, and its targets alone (its
    term without the weight) make at least `output_dominance` / 10 of that: the targets'
    scale, not a weight the user chose, makes it dominate. Pure: per output name its sheet,
    the loss weights (None: 1 each)."""
    weight = {name: float((weights or {}).get(name, 1.0)) for name in sheets}
    regression = {name: regression_scale(sheet) for name, sheet in sheets.items()}
    terms = {name: (value if value is not None else class_term(sheets[name]))
             for name, value in regression.items()}  # fmt: skip
    weighted = {name: term * weight[name] for name, term in terms.items()
                if term is not None and weight[name] > 0}  # fmt: skip
    if len(weighted) < 2:
        return None
    smallest = min(weighted, key=weighted.__getitem__)
    candidates = [name for name, value in regression.items()
                  if value is not None and name in weighted and name != smallest]  # fmt: skip
    if not candidates:
        return None
    name = max(candidates, key=weighted.__getitem__)
    ratio = weighted[name] / max(weighted[smallest], 1e-12)
    own = (regression[name] or 0.0) / max(terms[smallest] or 0.0, 1e-12)
    if ratio < t.output_dominance or own < t.output_dominance / 10:
        return None
    d, m = sheets[name].data, sheets[name].model
    widest = max(range(len(d.y_mean)),
                 key=lambda c: learned_scale(m, d.y_mean[c], d.y_std[c], c))  # fmt: skip
    which = f"target column {widest} has" if len(d.y_mean) > 1 else "its targets have"
    return setup_finding(
        SetupProblem.UNSCALED_TARGET,
        f"output '{name}': {which} mean {num(d.y_mean[widest])} and std "
        f"{num(d.y_std[widest])}, and its {m.loss} starts {num(ratio)}x the loss of "
        f"output '{smallest}' (at least {num(t.output_dominance)}x), so the shared layers "
        f"are trained for '{name}' alone and '{smallest}' learns on features that do not "
        "serve it: learn standardised targets ((y - mean) / std) and map the predictions back",
        {"output_dominance": ratio, "target_share": own, "outputs": float(len(sheets))},
        {"output_dominance": t.output_dominance},
        layer=m.output_layer,
    )
