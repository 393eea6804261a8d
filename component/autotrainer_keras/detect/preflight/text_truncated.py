"""Texts cut short before the model reads them: a TextVectorization layer whose
`output_sequence_length` keeps fewer than half the words of the median text (practice batch
10's `text_cut_after_3_tokens`: a title classifier's length 3 on reviews of about 12 words,
the opinion words never reach the model: 0.51 against 1.0)."""

from __future__ import annotations

from autotrainer_keras.config.preflight import PreflightThresholds
from autotrainer_keras.detect.preflight.base import setup_finding
from autotrainer_keras.measure.setup_facts import SetupFacts
from autotrainer_keras.problems import Finding, SetupProblem


def text_truncated(facts: SetupFacts, t: PreflightThresholds) -> Finding | None:
    """Fires when a first TextVectorization layer keeps `text_length` tokens and the median
    text has at least `text_cut` x that many words."""
    length, (median, p95) = facts.model.text_length, facts.data.text_words
    if not length or median < t.text_cut * length:
        return None
    return setup_finding(
        SetupProblem.TEXT_TRUNCATED,
        f"the TextVectorization layer keeps the first {length} tokens of each text, but the "
        f"median text has {median:.0f} words (95 % have up to {p95:.0f}): most of every text "
        "is cut off before the model reads it; set output_sequence_length to cover the texts",
        {"text_length": float(length), "median_words": median, "p95_words": p95,
         "threshold": t.text_cut},  # fmt: skip
    )
