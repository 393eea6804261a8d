"""Layers made trainable after the model was compiled and fitted, for `Watch`.

Keras traces the training step once per `compile` and builds the optimizer on the variables
trainable at its first step: a `base.trainable = True` set between one `fit` and the next
without a new `compile` leaves those variables out of both, so they keep their values (the
transfer-learning guide's "call compile() again after changing trainable"; practice batch
17's `unfrozen_without_recompile`: the pretrained base never fine-tuned, 0.57 against 0.97).
Read off the model before the first step: the optimizer was built, and some of the model's
trainable variables are not among those it updates. Not for `autotrainer_keras.fit`, whose
trainings compile the model afresh.
"""

from __future__ import annotations

import keras

from autotrainer_keras.detect.preflight.base import setup_finding
from autotrainer_keras.problems import Finding, SetupProblem


def untracked_layers(model: keras.Model) -> tuple[list[str], int]:
    """The names of the layers (outermost first, in model order) holding trainable variables
    that the model's built optimizer does not update, and how many values they hold; ([], 0)
    when the optimizer is not built yet (a fresh `compile`: it builds on the first step)."""
    optimizer = getattr(model, "optimizer", None)
    tracked = list(getattr(optimizer, "_trainable_variables", None) or [])
    if not tracked or not getattr(optimizer, "built", False):
        return [], 0
    ids = {id(v) for v in tracked}
    stale = [v for v in model.trainable_variables if id(v) not in ids]
    if not stale:
        return [], 0
    stale_ids = {id(v) for v in stale}
    names = [layer.name for layer in model.layers
             if any(id(v) in stale_ids for v in layer.trainable_variables)]  # fmt: skip
    return names, int(sum(int(v.size) if hasattr(v, "size") else 0 for v in stale))


def stale_compile_findings(model: keras.Model) -> list[Finding]:
    """A `no_gradient` finding when trainable weights were left out of the compiled step."""
    try:
        names, values = untracked_layers(model)
    except Exception:  # noqa: BLE001 - a model this cannot read never stops its fit
        return []
    if not names:
        return []
    listed = ", ".join(f"'{n}'" for n in names[:4]) + (" and more" if len(names) > 4 else "")
    return [setup_finding(
        SetupProblem.NO_GRADIENT,
        f"layer(s) {listed} hold {values} trainable values that the optimizer does not update: "
        "they were made trainable after the model was compiled and fitted (base.trainable = "
        "True for fine-tuning?), and Keras keeps the training step and the optimizer's "
        "variables of the last compile, so they keep their values; call model.compile(...) "
        "again after changing trainable",
        {"untracked_values": float(values), "layers": float(len(names))},
        layer=names[0],
    )]  # fmt: skip
