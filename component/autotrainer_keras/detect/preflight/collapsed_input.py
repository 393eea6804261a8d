"""A preprocessing layer inside the model that throws most of a varying input away: a
Discretization whose boundaries are in other units (every row in one bin), a
CategoryEncoding whose `num_tokens` is below the codes (their rows encoded as nothing), an
Embedding that reads one id in every row (`measure.collapsed_inputs`; practice batches 19,
27), a Hashing layer whose collisions merge categories the targets tell apart
(`measure.merged_levels`; batch 49)."""

from __future__ import annotations

from autotrainer_keras.config.preflight import PreflightThresholds
from autotrainer_keras.detect.preflight.base import setup_finding
from autotrainer_keras.measure.collapsed_inputs import Collapse
from autotrainer_keras.measure.setup_facts import SetupFacts
from autotrainer_keras.problems import Finding, SetupProblem

KINDS = ("one_bin", "dropped", "squashed", "one_id", "merged")
"""The readings, in the order they are reported (`Collapse.kind`)."""


def _limit(kind: str, t: PreflightThresholds) -> float:
    """A reading's threshold; `one_id` has none: a single id in every row is no matter of
    degree."""
    limits = {"one_bin": t.collapse_one_bin, "dropped": t.collapse_dropped,
              "squashed": t.collapse_spread, "one_id": 1.0,
              "merged": t.collapse_merged}  # fmt: skip
    return limits[kind]


def _reached(c: Collapse, t: PreflightThresholds) -> bool:
    """A spread is squashed, and a signal merged, at or below its limit (the latter only
    where the values tell `code_signal` of the targets or more); the shares reach theirs
    from below."""
    if c.kind == "merged":
        return merged_past(c, t)
    limit = _limit(c.kind, t)
    return c.share <= limit if c.kind == "squashed" else c.share >= limit


def merged_past(c: Collapse, t: PreflightThresholds) -> bool:
    """A `merged` reading whose buckets keep `collapse_merged` or less of a signal of
    `code_signal` or more."""
    return c.share <= t.collapse_merged and c.signal >= t.code_signal


def _what(c: Collapse) -> str:
    if c.kind == "one_bin":
        return (
            f"the Discretization '{c.layer}' puts {c.share:.0%} of the sampled training rows "
            f"into one bin although its input takes {c.values} values: its bin boundaries "
            "are in other units than the input (boundaries in raw units after a scaler?), so "
            "the feature reaches the model as a constant; set the boundaries in the input's "
            "units (or adapt the layer on the training data)"
        )
    if c.kind == "squashed":
        return (
            f"the Normalization '{c.layer}' turns the sampled training rows into values "
            f"that spread by {c.share:.3g} at most (an adapted layer gives about 1): it was "
            "adapted on other data than its input (another column, the targets?), so the "
            "feature reaches the model as a near-constant; adapt it on this input's training "
            "values"
        )
    if c.kind == "merged":
        return (
            f"the Hashing '{c.layer}' merges the {c.values} values of its input into buckets "
            f"that keep {c.share:.0%} of what the values tell about the targets (the values "
            f"explain {c.signal:.0%} of their variance): hash collisions put categories whose "
            "targets differ into one bucket, which the model cannot tell apart; give it "
            "several times more bins than values, or map the values with a "
            "StringLookup/IntegerLookup"
        )
    if c.kind == "one_id":
        return (
            f"the Embedding '{c.layer}' reads id {c.values} in every sampled training row: "
            "every row looks up the same row of its table, so the ids carry nothing (ids "
            "written in another form than a lookup's vocabulary, all mapped to its "
            "out-of-vocabulary row? a wrong column?); map the ids as the vocabulary "
            "spells them"
        )
    return (
        f"the CategoryEncoding '{c.layer}' encodes {c.share:.0%} of the sampled training "
        "rows as all zeros: their codes are at or above its num_tokens, which Keras "
        "drops without a word, so those rows all look alike; set num_tokens to the "
        "number of codes (the largest code + 1)"
    )


def collapsed_input(facts: SetupFacts, t: PreflightThresholds) -> Finding | None:
    """Fires on the first of the model's preprocessing layers whose reading reaches its
    threshold (`collapse_one_bin`, `collapse_dropped`)."""
    hits = [c for kind in KINDS for c in facts.model.collapses
            if c.kind == kind and _reached(c, t)]  # fmt: skip
    if not hits:
        return None
    worst = hits[0]
    evidence = {"share": worst.share, "values": float(worst.values), "layers": float(len(hits))}
    limits = {f"collapse_{worst.kind}": _limit(worst.kind, t)}
    if worst.kind == "merged":
        evidence["signal"] = worst.signal
        limits["code_signal"] = t.code_signal
    return setup_finding(
        SetupProblem.COLLAPSED_INPUT,
        _what(worst),
        evidence,
        limits,
        layer=worst.layer,
    )


def unadapted_normalization(facts: SetupFacts, t: PreflightThresholds) -> Finding | None:
    """`unscaled_input` when a Normalization in the model leaves some output feature spread
    by `input_scale` or more (the scale raw inputs are judged by) on rows spread over the
    training data (the `squashed` reading's other side): it was never adapted (Keras then
    keeps mean 0 and variance 1: the raw values pass; practice batch 47's square feet,
    spread in the hundreds, where its never-adapted temperature, spread 8, is harmless) or
    adapted on smaller data. A model's first per-column Normalization is `feature_spread`'s
    (it reads each column)."""
    wide = [c for c in facts.model.collapses
            if c.kind == "squashed" and c.share >= t.input_scale]  # fmt: skip
    first = facts.model.normalized
    wide = [c for c in wide if first is None or c.layer != first.layer]
    if not wide:
        return None
    worst = max(wide, key=lambda c: c.share)
    return setup_finding(
        SetupProblem.UNSCALED_INPUT,
        f"the Normalization '{worst.layer}' leaves the sampled training rows spread by "
        f"{worst.share:.3g} (an adapted layer gives about 1): it was never adapted (Keras "
        "then keeps mean 0 and variance 1, so the raw values pass) or adapted on other data; "
        "call its adapt() on the training values before fit",
        {"normalized_spread": worst.share, "layers": float(len(wide))},
        {"input_scale": t.input_scale},
        layer=worst.layer,
    )
