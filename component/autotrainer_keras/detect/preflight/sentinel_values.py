"""Missing values filled with a far-off sentinel (-999): scaling squashes the real values."""

from __future__ import annotations

from autotrainer_keras.config.preflight import PreflightThresholds
from autotrainer_keras.detect.preflight.base import setup_finding
from autotrainer_keras.detect.text import num
from autotrainer_keras.measure.setup_facts import SetupFacts
from autotrainer_keras.problems import Finding, SetupProblem

SHOWN = 4
"""Columns a reason names."""


def sentinel_values(facts: SetupFacts, t: PreflightThresholds) -> Finding | None:
    """Fires for tabular inputs with a column whose most frequent value fills at least
    `sentinel_share` of the sampled rows, lies outside the range of the others, and whose
    other values spread over at most `sentinel_spread` of their distance from it
    (`measure.sentinel_values`): scaled as a whole, the column's real values are squashed
    into a sliver of a unit. Not judged on inputs the model reads as ids or maps before its
    first weights."""
    m = facts.model
    if m.token_input or m.transforms_input:
        return None
    hits = [c for c in facts.data.sentinel_columns
            if c.share >= t.sentinel_share and c.spread <= t.sentinel_spread]  # fmt: skip
    if not hits:
        return None
    worst = hits[0]
    named = ", ".join(f"{c.column} ({num(c.value)} in {c.share:.0%} of the rows)"
                      for c in hits[:SHOWN])  # fmt: skip
    more = f" and {len(hits) - SHOWN} more" if len(hits) > SHOWN else ""
    columns, hold = ("columns", "hold") if len(hits) > 1 else ("column", "holds")
    return setup_finding(
        SetupProblem.SENTINEL_VALUES,
        f"input {columns} {named}{more} {hold} "
        f"one far-off value where the others spread over only {num(worst.spread)} of their "
        "distance from it: a stand-in for missing values (fillna(-999)) that takes the "
        "column's whole scale, so the real values are squashed together; impute them (the "
        "median) and add a 0/1 was-missing column instead",
        {"columns": float(len(hits)), "column": float(worst.column), "value": worst.value,
         "share": worst.share, "spread": worst.spread},
        {"sentinel_share": t.sentinel_share, "sentinel_spread": t.sentinel_spread},
    )
