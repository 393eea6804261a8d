"""Category codes read as magnitudes: an id column fed to the weights as a number."""

from __future__ import annotations

from autotrainer_keras.config.preflight import PreflightThresholds
from autotrainer_keras.detect.preflight.base import setup_finding
from autotrainer_keras.detect.text import num
from autotrainer_keras.measure.setup_facts import SetupFacts
from autotrainer_keras.problems import Finding, SetupProblem

SHOWN = 4
"""Columns a reason names."""


def codes_as_numbers(facts: SetupFacts, t: PreflightThresholds) -> Finding | None:
    """Fires for tabular inputs with an integer column of 10 or more values whose levels
    explain at least `code_signal` of the targets' variance while neighbouring values' targets
    differ by at least `code_roughness` of what any two values' do (`measure.code_columns`):
    codes whose order says nothing, which a line through the column cannot separate. Not
    judged on inputs the model reads as ids or maps before its first weights."""
    m = facts.model
    if m.token_input or m.transforms_input:
        return None
    hits = [c for c in facts.data.code_columns
            if c.signal >= t.code_signal and c.roughness >= t.code_roughness]  # fmt: skip
    if not hits:
        return None
    worst = hits[0]
    named = ", ".join(f"{c.column} ({c.levels} values)" for c in hits[:SHOWN])
    more = f" and {len(hits) - SHOWN} more" if len(hits) > SHOWN else ""
    columns, hold = ("columns", "hold") if len(hits) > 1 else ("column", "holds")
    return setup_finding(
        SetupProblem.CODES_AS_NUMBERS,
        f"input {columns} {named}{more} {hold} integer codes that the model reads as one "
        f"number: the targets of neighbouring values differ {num(worst.roughness)} times as "
        "much as any two values' would by chance, so the order of the codes means nothing "
        f"(ids, label-encoded categories), yet the column explains {worst.signal:.0%} of the "
        "targets' variance; encode it (IntegerLookup with one-hot output, or an Embedding) "
        "instead of feeding the ids as a magnitude",
        {"columns": float(len(hits)), "column": float(worst.column),
         "levels": float(worst.levels), "signal": worst.signal,
         "roughness": worst.roughness},  # fmt: skip
        {"code_signal": t.code_signal, "code_roughness": t.code_roughness},
    )


def indices_as_numbers(facts: SetupFacts, t: PreflightThresholds) -> Finding | None:
    """`codes_as_numbers` read off the graph: a lookup layer in `int` mode (10 indices or
    more) whose indices reach a Dense or convolution kernel through layers and operations
    that keep values (`measure.index_readers`): an index meant for an Embedding, read as a
    magnitude."""
    if not facts.model.index_readers:
        return None
    lookup, reader, size = facts.model.index_readers[0]
    return setup_finding(
        SetupProblem.CODES_AS_NUMBERS,
        f"the lookup layer '{lookup}' gives integer indices (output_mode='int', {size} of "
        f"them) that reach the weights of '{reader}' as numbers: the order of a vocabulary's "
        "indices (by frequency, or a hash) means nothing, so a line through them cannot "
        "carve the categories out; use output_mode='one_hot' (or 'multi_hot'), or an "
        "Embedding on the indices",
        {"lookups": float(len(facts.model.index_readers)), "vocabulary": float(size)},
        {},
        layer=lookup,
    )
