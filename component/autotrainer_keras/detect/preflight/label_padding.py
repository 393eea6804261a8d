"""Per-step labels padded on the other side from their tokens: a tagger's words padded at
the end and its tags with `pad_sequences`' default `padding="pre"`, so each row's tags sit
shifted against its words by the padding length (practice batch 25's
`tagger_tags_pre_padded`: 0.73 against 1.00; no training symptom names it)."""

from __future__ import annotations

from autotrainer_keras.config.preflight import PreflightThresholds
from autotrainer_keras.detect.preflight.base import setup_finding
from autotrainer_keras.measure.setup_facts import SetupFacts
from autotrainer_keras.problems import Finding, SetupProblem

PADDED_ROWS = "padded_rows"
"""This finding's evidence key. A label mismatch is otherwise a secondary finding a callback
does not report (a probe batch may hold one class by chance); this one reads the same on any
rows, each row showing its own shift, so `keras.Watch` reports it."""


def label_padding(facts: SetupFacts, t: PreflightThresholds) -> Finding | None:
    """Fires when, over at least `label_pad_rows` token rows padded with 0 at one end, the
    labels are 0 on at least `label_pad_mirrored` of as many positions at the other end and
    on at most `label_pad_aligned` of the padded positions (`DataFacts.label_padding`)."""
    pad = facts.data.label_padding
    if (pad.rows < t.label_pad_rows or pad.mirrored < t.label_pad_mirrored
            or pad.aligned > t.label_pad_aligned):  # fmt: skip
        return None
    return setup_finding(
        SetupProblem.LABEL_MISMATCH,
        f"the per-step labels are padded on the other side from the tokens: over {pad.rows} "
        f"padded rows, {pad.mirrored:.0%} of the labels at the rows' other end are 0 and only "
        f"{pad.aligned:.0%} where the tokens are padding, so each row's labels are shifted "
        "against its tokens by the padding length; pad both on the same side "
        "(pad_sequences(..., padding='post') for the labels too)",
        {PADDED_ROWS: float(pad.rows), "mirrored": pad.mirrored, "aligned": pad.aligned},
    )
