"""Every variant of the second zoo, in a fixed order, and the order jobs run in.

Healthy variants: each base under each of its healthy recipes (the default first). Faulty
variants: fault operators applied to a base's default recipe; of the (base, operator) pairs
where the operator applies, every `FAULT_STRIDE`-th along a rotating diagonal is kept, so each
base gets several operators and each operator several bases. Every variant trains under
`SEEDS`; one job is one (variant, seed). Gradient variants (added after the first 300 runs
were labelled): the `faults.GRADIENT_FAULTS` operators on the bases of `GRADIENT_PAIRS`.
"""

from __future__ import annotations

import numpy as np

from benchmarks.real.bases import BASES
from benchmarks.real.faults import BY_NAME as FAULT_BY_NAME
from benchmarks.real.faults import FAULTS
from benchmarks.real.spec import HEALTHY, Variant

SEEDS = (11, 22, 33)
FAULT_STRIDE = 3
QUICK = ("mlp_imbalanced--default", "mlp_imbalanced--lr_tiny", "conv1d_text--default",
         "conv1d_text--lr_huge")  # fmt: skip


def healthy_variants() -> list[Variant]:
    return [Variant(f"{base.name}--{recipe}", base.name, recipe, HEALTHY, HEALTHY, knobs, training)
            for base in BASES for recipe, knobs, training in base.healthy()]  # fmt: skip


def faulty_variants() -> list[Variant]:
    defaults = {v.base: v for v in healthy_variants() if v.recipe == "default"}
    out = []
    for b, base in enumerate(BASES):
        for f, fault in enumerate(FAULTS):
            if (b + f) % FAULT_STRIDE == 0 and fault.applies(base):
                out.append(fault.apply(defaults[base.name]))
    return out


# (base, operator): each tried on one seed first (2026-12-01), kept when that seed showed the
# mechanism; the text bases' first kernel is the recurrent/conv layer's (embeddings left out).
GRADIENT_PAIRS: tuple[tuple[str, str], ...] = (
    ("mlp_imbalanced", "deep_sigmoid_sgd"), ("mlp_noisy", "deep_sigmoid_sgd"),
    ("mlp_weighted", "deep_sigmoid_sgd"), ("mlp_diabetes", "deep_sigmoid_sgd"),
    ("conv1d_text", "deep_sigmoid_sgd"), ("gru_text", "deep_sigmoid_sgd"),
    ("lstm_text", "deep_sigmoid_sgd"),
    ("vgg", "raw_inputs_sgd"), ("separable", "raw_inputs_sgd"), ("finetune", "raw_inputs_sgd"),
    ("mlp_diabetes", "raw_inputs_sgd"), ("mlp_mixed", "raw_inputs_sgd"),
)


def gradient_variants() -> list[Variant]:
    """The vanishing/exploding-gradient operators on their chosen bases' default recipes."""
    defaults = {v.base: v for v in healthy_variants() if v.recipe == "default"}
    return [FAULT_BY_NAME[fault].apply(defaults[base]) for base, fault in GRADIENT_PAIRS]


def first_variants() -> list[Variant]:
    """The variants of the first 300 runs: healthy (by base), then faulty (by base, operator)."""
    return healthy_variants() + faulty_variants()


def variants() -> list[Variant]:
    """All variants: the first ones, then the gradient variants."""
    return first_variants() + gradient_variants()


# Cheapest bases first (seconds per run measured on the shared 2-core machine).
COST_ORDER = ("mlp_imbalanced", "mlp_weighted", "mlp_sorted", "mlp_cosine", "mlp_noisy",
              "conv1d_text", "mlp_diabetes", "separable", "finetune", "resnet", "vgg",
              "lstm_text", "mlp_mixed", "transformer", "gru_text")  # fmt: skip


def job_order(chosen: list[Variant]) -> list[tuple[Variant, int]]:
    """(variant, seed) jobs: every base's default recipe first (each base checked healthy;
    every other run of a base is judged against it), then base by base in `COST_ORDER` its
    other variants in a seeded shuffle, so a run cut off by --minutes leaves whole bases
    labelled; each variant's seeds together."""
    rng = np.random.default_rng(2026)
    defaults: list[Variant] = []
    rest: list[Variant] = []
    for base in COST_ORDER:
        mine = [v for v in chosen if v.base == base]
        defaults += [v for v in mine if not v.faulty and v.recipe == "default"]
        others = [v for v in mine if v.faulty or v.recipe != "default"]
        rest += [others[i] for i in rng.permutation(len(others))]
    return [(v, s) for v in defaults + rest for s in SEEDS]
