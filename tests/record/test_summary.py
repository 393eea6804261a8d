"""One attempt shape (record.summary) against report.json's schema (fast, no Keras)."""

from __future__ import annotations

import json
from importlib import resources

import jsonschema
import pytest

from autotrainer_keras.problems import Finding, Problem
from autotrainer_keras.record.summary import AttemptSummary, RepairChoice

FINDING = Finding(Problem.EXPLODING_GRADIENT, 2, 40, "dense", {"grad": 1e4}, {"b": 1.0}, "Boom.")


def _schema_of(name: str) -> dict:
    text = resources.files("autotrainer_keras").joinpath("schemas/report.schema.json").read_text()
    schema = json.loads(text)
    return {"$defs": schema["$defs"], "$ref": f"#/$defs/{name}"}


def _repair() -> AttemptSummary:
    choice = RepairChoice(
        round=1, problem="exploding_gradient", solution="gradient", try_index=0, seed=3,
        params={"clipnorm": 1.0}, description="Clip gradients.", solutions_applied=("gradient",),
    )  # fmt: skip
    return AttemptSummary(
        "repair-1-gradient", 0.9, 0.25, 5, 1.23456, (FINDING,), outcome="solved", choice=choice
    )


def test_a_repair_attempt_is_a_schema_valid_repairs_entry() -> None:
    entry = _repair().repair_dict()
    jsonschema.validate(entry, _schema_of("repair"))
    assert entry["try"] == 0 and entry["seconds"] == 1.235
    assert entry["detections"] == [FINDING.to_dict()]
    assert list(entry)[:3] == ["attempt", "round", "problem"]


def test_the_original_and_its_continuation_are_schema_valid_training_blocks() -> None:
    original = AttemptSummary("original", None, 0.5, 3, 2.0)  # regression: no accuracy
    block = {**original.training_dict(), "continued": original.continued_dict()}
    jsonschema.validate(block, _schema_of("training"))
    assert original.training_dict() == {
        "val_accuracy": None, "val_loss": 0.5, "epochs_run": 3, "seconds": 2.0
    }  # fmt: skip


def test_only_a_candidate_has_a_repairs_entry() -> None:
    with pytest.raises(ValueError, match="not a repair candidate"):
        AttemptSummary("original", 0.5, 0.7, 3, 1.0).repair_dict()
