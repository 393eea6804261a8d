"""Key cleaning, batch cutting, lineage tags and the lineage tree text: pure, fast."""

from __future__ import annotations

import math

from mlflow.entities import Metric
from mlflow.entities.model_registry import ModelVersion, ModelVersionTag
from mlflow.utils.validation import _validate_metric_name

from autotrainer_keras.problems import Finding, Problem
from autotrainer_keras.record import mlflow_keys as keys
from autotrainer_keras.record.lineage import render_tree
from autotrainer_keras.record.mlflow_registry import Origin, description, version_tags
from autotrainer_keras.record.run_buffer import batches, flatten, param_value
from autotrainer_keras.record.summary import AttemptSummary, RepairChoice

DEAD = Finding(Problem.DYING_RELU, 1, 20, "dense", {"dead": 0.9}, {"max_dead": 0.5}, "Dead.")


def _repaired(val_accuracy: float, val_loss: float | None) -> AttemptSummary:
    choice = RepairChoice(
        round=1, problem="dying_relu", solution="batch_norm", try_index=0, seed=0, params={},
        description="", solutions_applied=("selu", "batch_norm"),
    )  # fmt: skip
    return AttemptSummary("repair-2-batch_norm", val_accuracy, val_loss, 3, 1.0, choice=choice)


def test_layer_names_become_valid_mlflow_keys() -> None:
    odd = ["dense_1", "conv2d/kernel", "a:b c", "..", ".", "", "ünï", "x" * 300, "../../etc"]
    for name in odd:
        key = keys.layer_metric(keys.GRAD_NORM, name)
        _validate_metric_name(key)  # raises on a key the server would refuse
        assert key.startswith("grad_norm/") and key.count("/") == 1
        assert len(key) <= keys.MAX_KEY_LENGTH
    assert keys.layer_metric(keys.DEAD_FRACTION, "dense_1") == "dead_fraction/dense_1"
    assert keys.clean_key("training.optimizer/learning rate") == "training.optimizer/learning_rate"
    assert keys.clean_key("a//b/") == "a/b"
    assert keys.finding_artifact("dying_relu", 3) == "findings/dying_relu-epoch3.json"
    assert [keys.tag_number(v) for v in (0.55, math.nan, -math.inf)] == ["0.55", "nan", "-inf"]


def test_batches_respect_mlflow_limits_and_lose_nothing() -> None:
    metrics = [Metric(f"m{i % 7}", float(i), 0, i) for i in range(2500)]
    params = {f"p{i}": "v" for i in range(150)}
    tags = {f"t{i}": "v" for i in range(120)}
    cut = list(batches(metrics, params, tags))
    for some_metrics, some_params, some_tags in cut:
        assert len(some_metrics) <= 1000 and len(some_params) <= 100 and len(some_tags) <= 100
        assert len(some_metrics) + len(some_params) + len(some_tags) <= 1000
    assert [m for batch in cut for m in batch[0]] == metrics
    assert sum(len(b[1]) for b in cut) == 150 and sum(len(b[2]) for b in cut) == 120
    assert list(batches([], {}, {})) == []


def test_params_are_flat_strings_within_the_length_limit() -> None:
    assert flatten({"a": {"b": 1, "c": {"d": [1, 2]}}, "e": {}}) == {
        "a.b": 1,
        "a.c.d": [1, 2],
        "e": {},
    }
    assert param_value([1, 2]) == "[1, 2]" and param_value(None) == "None"
    assert len(param_value("x" * 10_000)) == keys.MAX_PARAM_VALUE_LENGTH


def test_version_tags_carry_the_lineage() -> None:
    faulty = AttemptSummary("original", 0.5, None, 3, 1.0, (DEAD,))
    original = version_tags(
        "original", faulty, None,
        model_file="m.keras", model_sha256="ab", job_run_id="job1", origin=None,
    )  # fmt: skip
    assert original == {
        keys.TAG_ROLE: "original", keys.TAG_PROBLEMS: "dying_relu", keys.TAG_STATUS: "faulty",
        keys.TAG_MODEL_FILE: "m.keras", keys.TAG_MODEL_SHA256: "ab", keys.TAG_JOB_RUN_ID: "job1",
        keys.TAG_VAL_ACCURACY: "0.5",
    }  # fmt: skip
    healthy = version_tags("original", AttemptSummary("original", None, None, 1, 0.1), None,
                           model_file=None, model_sha256=None, job_run_id=None,
                           origin=None)  # fmt: skip
    assert healthy[keys.TAG_STATUS] == "healthy" and healthy[keys.TAG_PROBLEMS] == ""
    repaired = version_tags(
        "repaired", _repaired(0.875, None), faulty,
        model_file=None, model_sha256=None, job_run_id=None, origin=Origin("3", "run9"),
    )  # fmt: skip
    assert repaired[keys.TAG_PROBLEMS] == "dying_relu"
    assert repaired[keys.TAG_SOLUTION] == "selu,batch_norm"
    assert repaired[keys.TAG_VAL_ACCURACY_BEFORE] == "0.5"
    assert repaired[keys.TAG_REPAIRED_FROM_VERSION] == "3"
    assert repaired[keys.TAG_REPAIRED_FROM_RUN_ID] == "run9"
    assert repaired[keys.TAG_VAL_ACCURACY_AFTER] == "0.875"
    assert keys.TAG_VAL_LOSS_AFTER not in repaired  # unknown numbers are left out
    text = description("repaired", _repaired(0.875, 0.25), faulty, Origin("3", "run9"),
                       "m.keras")  # fmt: skip
    assert text.startswith("Repaired by autotrainer from version 3 `m.keras`.")
    assert "- `dying_relu` at epoch 2, step 20 in layer `dense`: Dead." in text
    assert "- applied `selu`" in text and "- applied `batch_norm`" in text
    assert "- val_accuracy: 0.5000 -> 0.8750 (+0.3750)" in text
    assert "val_loss" not in text  # no loss before: no change shown
    first = description("original", faulty, None, None, "m.keras")
    line = "- `dying_relu` at epoch 2, step 20 in layer `dense`: Dead."
    assert first.endswith(f"### Problems detected\n{line}")


def version(number: int, **tags: str) -> ModelVersion:
    tag_list = [ModelVersionTag(key, value) for key, value in tags.items()]
    return ModelVersion("m", str(number), 0, tags=tag_list, run_id=f"{number:0>2}abcdef1234")


def test_tree_nests_repairs_under_their_original() -> None:
    versions = [
        version(1, **{keys.TAG_ROLE: "original", keys.TAG_STATUS: "faulty",
                      keys.TAG_PROBLEMS: "exploding_gradient,dying_relu"}),
        version(2, **{keys.TAG_ROLE: "repaired", keys.TAG_REPAIRED_FROM_VERSION: "1",
                      keys.TAG_SOLUTION: "clip", keys.TAG_VAL_ACCURACY_BEFORE: "0.5",
                      keys.TAG_VAL_ACCURACY_AFTER: "0.75"}),
        version(3, **{keys.TAG_ROLE: "original", keys.TAG_STATUS: "healthy"}),
        version(4, **{keys.TAG_ROLE: "repaired", keys.TAG_REPAIRED_FROM_VERSION: "1",
                      keys.TAG_SOLUTION: "selu", keys.TAG_VAL_LOSS_AFTER: "0.25"}),
        version(5, **{keys.TAG_ROLE: "repaired", keys.TAG_REPAIRED_FROM_VERSION: "99"}),
        version(6),  # registered by hand: no autotrainer tags
    ]  # fmt: skip
    tree = render_tree("m", "sqlite:///x.db", versions, {"repaired": "4", "champion": "3"})
    assert tree.splitlines() == [
        "registered model 'm' at sqlite:///x.db: 6 versions, alias champion -> v3, repaired -> v4",
        "├── v1 original, faulty, problems: exploding_gradient, dying_relu (run 01abcdef)",
        "│   ├── v2 repaired with clip; val_accuracy 0.5000 -> 0.7500 (+0.2500) (run 02abcdef)",
        "│   └── v4 repaired with selu; val_loss ? -> 0.2500 (run 04abcdef) [repaired]",
        "├── v3 original, healthy (run 03abcdef) [champion]",
        "├── v5 repaired (run 05abcdef)",
        "└── v6 unknown role (run 06abcdef)",
    ]
