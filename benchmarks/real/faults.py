"""Fault operators: the taxonomy of real deep-learning faults as changes to a healthy variant.

Modelled on the taxonomy of real faults in deep learning systems (Humbatova et al., ICSE 2020)
and the mutation operators built on it (DeepCrime): wrong activation, bad weight
initialisation, learning rate too high or too low, wrong optimizer or momentum, wrong loss,
inadequate batch size, missing input normalisation, normalisation layers removed, network too
deep without normalisation, dropout too high. Each operator names its taxonomy category and
the problem it is *meant* to cause (`intent`); the zoo's label comes from training, never from
the intent. An operator applies to a base only where the change means something (e.g. a bias
shift needs ReLU layers, removing BatchNorm needs BatchNorm).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from benchmarks.real.bases import Base
from benchmarks.real.spec import Knobs, Training, Variant


@dataclass(frozen=True)
class Fault:
    """One fault operator.

    Attributes:
        name: Short id, used in variant ids.
        category: The taxonomy's category.
        intent: The problem the operator is meant to cause (for stratifying and reporting).
        needs: Base traits required (all of them); `excludes`: traits that rule it out.
        knobs: New knobs from the old ones; `training`: new training from the old one.
    """

    name: str
    category: str
    intent: str
    knobs: Callable[[Knobs], Knobs] = lambda k: k
    training: Callable[[Training], Training] = lambda t: t
    needs: frozenset[str] = frozenset()
    excludes: frozenset[str] = frozenset()

    def applies(self, base: Base) -> bool:
        return self.needs <= base.traits and not self.excludes & base.traits

    def apply(self, variant: Variant) -> Variant:
        """The faulty variant of a healthy one (same base, changed knobs/training)."""
        return replace(variant, variant_id=f"{variant.base}--{self.name}", recipe=self.name,
                       category=self.category, intent=self.intent,
                       knobs=self.knobs(variant.knobs),
                       training=self.training(variant.training))  # fmt: skip


def _k(**changes: object) -> Callable[[Knobs], Knobs]:
    return lambda k: replace(k, **changes)


def _lr(factor: float) -> Callable[[Training], Training]:
    return lambda t: replace(t, learning_rate=t.learning_rate * factor)


def _normal(stddev: float) -> dict[str, object]:
    return {"class_name": "RandomNormal", "config": {"mean": 0.0, "stddev": stddev}}


EG, VG, DR = "exploding_gradient", "vanishing_gradient", "dying_relu"
SC, OL = "slow_convergence", "oscillating_loss"
RELU = frozenset({"relu"})
FAULTS: tuple[Fault, ...] = (
    Fault("act_sigmoid", "activation", VG, _k(activation="sigmoid", extra_depth=4), needs=RELU),
    Fault("act_linear", "activation", SC, _k(activation="linear"), needs=RELU),
    Fault("init_large", "initialisation", EG, _k(kernel_init=_normal(3.0)), needs=RELU),
    Fault("init_zeros", "initialisation", VG, _k(kernel_init="zeros"), needs=RELU),
    Fault("bias_negative", "initialisation", DR,
          _k(bias_init={"class_name": "Constant", "config": {"value": -3.0}}), needs=RELU),
    Fault("lr_high", "learning_rate", OL, training=_lr(30.0)),
    Fault("lr_huge", "learning_rate", EG,
          training=lambda t: replace(t, optimizer="sgd", schedule="constant", momentum=0.9,
                                     learning_rate=t.learning_rate * 1000)),  # fmt: skip
    Fault("lr_tiny", "learning_rate", SC, training=_lr(1e-3)),
    Fault("sgd_plain", "optimizer", SC,
          training=lambda t: replace(t, optimizer="sgd", momentum=0.0)),
    Fault("momentum_high", "optimizer", OL,
          training=lambda t: replace(t, optimizer="sgd", momentum=0.99, learning_rate=0.05,
                                     schedule="constant")),  # fmt: skip
    Fault("loss_from_logits", "loss", SC, training=lambda t: replace(t, loss_from_logits=True),
          excludes=frozenset({"regression"})),
    Fault("batch_full", "batch_size", SC, training=lambda t: replace(t, batch_size=0)),
    Fault("inputs_unnormalised", "missing_normalisation", EG,
          training=lambda t: replace(t, raw_inputs=True), excludes=frozenset({"tokens"})),
    Fault("no_batchnorm", "missing_normalisation", VG, _k(norm=False),
          needs=frozenset({"norm"})),
    Fault("too_deep", "too_deep_no_normalisation", VG,
          _k(extra_depth=16, norm=False, kernel_init="glorot_uniform", activation="tanh")),
    Fault("dropout_high", "regularisation", SC, _k(dropout=0.85),
          needs=frozenset({"dropout"})),
)
# Added after the first 300 runs had been labelled (2026-12-01): the realistic bases absorbed
# the recipes above meant for vanishing and exploding gradients (BatchNorm, Adam and residual
# paths), so none labelled VG and one EG. These two reproduce the mechanism as practitioners
# meet it under plain training: an old-style deep sigmoid stack trained by SGD with momentum
# (no normalisation), and unnormalised inputs (pixels 0-255, features at scales 1-1000) fed to
# SGD with momentum. They are applied to chosen bases (`catalogue.GRADIENT_PAIRS`), not along
# the diagonal, and were tried on one seed first: a recipe that killed ReLU units instead
# (raw inputs into a ReLU MLP with a cross-entropy loss) was not kept.
SGD_MOMENTUM = {"optimizer": "sgd", "momentum": 0.9, "learning_rate": 0.01, "schedule": "constant"}
GRADIENT_FAULTS: tuple[Fault, ...] = (
    Fault("deep_sigmoid_sgd", "too_deep_no_normalisation", VG,
          _k(activation="sigmoid", extra_depth=6, norm=False, kernel_init="glorot_uniform"),
          training=lambda t: replace(t, **SGD_MOMENTUM)),  # fmt: skip
    Fault("raw_inputs_sgd", "missing_normalisation", EG,
          training=lambda t: replace(t, raw_inputs=True, **SGD_MOMENTUM),
          excludes=frozenset({"tokens"})),  # fmt: skip
)
BY_NAME = {fault.name: fault for fault in FAULTS + GRADIENT_FAULTS}
