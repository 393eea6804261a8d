"""Assertions that a scripted job (jobs.py) is stored in MLflow exactly as sent."""

from __future__ import annotations

import json
from pathlib import Path

from mlflow import MlflowClient

from autotrainer_keras.record import mlflow_keys as keys
from autotrainer_keras.record.lineage import lineage_tree

from .jobs import CHECKS_PER_EPOCH, EPOCHS, FINDING, REPAIR, STEPS_PER_CHECK, ScriptedJob


def history(client: MlflowClient, run_id: str, key: str) -> list[tuple[int, float]]:
    points = client.get_metric_history(run_id, key)
    return sorted((p.step, p.value) for p in points)


def attempt_runs(client: MlflowClient, job: ScriptedJob) -> dict[str, str]:
    parent = client.get_run(job.result["run_id"])
    runs = client.search_runs(
        [parent.info.experiment_id],
        filter_string=f"tags.`{keys.MLFLOW_PARENT_RUN_ID}` = '{parent.info.run_id}'",
    )
    return {run.info.run_name: run.info.run_id for run in runs}


def assert_runs(client: MlflowClient, job: ScriptedJob, tmp: Path) -> None:
    """Parent and nested runs: names, statuses, params, tags, metrics, artifacts."""
    block = job.result
    assert block["degraded"] is False and block["errors"] == [] and block["spool"] is None
    parent = client.get_run(block["run_id"])
    assert parent.info.status == "FINISHED"
    assert parent.info.experiment_id == block["experiment_id"]
    tags, params = parent.data.tags, parent.data.params
    assert tags[keys.TAG_MODEL_FILE] == "churn model.keras"
    assert tags[keys.TAG_MODEL_SHA256] == job.sha256
    assert tags[keys.TAG_RUN_KIND] == keys.RUN_KIND_JOB
    assert tags[keys.TAG_PROBLEM] == "exploding_gradient"
    assert tags[keys.TAG_JOB_STATUS] == "FINISHED"
    # the parent run summarises the job: outcome, before/after, description, dataset, source
    assert tags[keys.TAG_JOB_OUTCOME] == "repaired" and tags[keys.TAG_SOLUTION] == "clip_gradients"
    assert tags["mlflow.note.content"].startswith("## autotrainer: REPAIRED")
    assert tags["mlflow.user"] and tags["mlflow.source.type"]
    summary = parent.data.metrics
    assert summary["val_accuracy_before"] == 0.55 and summary["val_accuracy_after"] == 0.9
    assert abs(summary["val_accuracy_gain"] - 0.35) < 1e-9 and summary["repaired"] == 1.0
    [used] = parent.inputs.dataset_inputs
    assert used.dataset.name == "churn" and len(used.dataset.digest) == 16
    assert json.loads(used.dataset.profile)["arrays"]["x_train"] == {
        "shape": [8, 3], "dtype": "float32"
    }  # fmt: skip
    assert [(t.key, t.value) for t in used.tags] == [("mlflow.data.context", "training")]
    experiment = client.get_experiment(parent.info.experiment_id)
    assert experiment.tags[keys.EXPERIMENT_KIND_TAG] == keys.EXPERIMENT_KIND_TRAINING
    assert params["training.epochs"] == "3"
    assert params["training.optimizer.name"] == "sgd"
    assert params["detection.thresholds.max_grad_norm"] == "1000.0"
    assert len(params["long.value"]) == keys.MAX_PARAM_VALUE_LENGTH
    assert params["long.value"].endswith("...")

    runs = attempt_runs(client, job)
    assert runs == block["attempt_run_ids"]
    assert set(runs) == {"original", REPAIR}
    original, repair = client.get_run(runs["original"]), client.get_run(runs[REPAIR])
    for run in (original, repair):
        assert run.info.status == "FINISHED"
        assert run.data.tags[keys.TAG_RUN_KIND] == keys.RUN_KIND_ATTEMPT
    assert original.data.tags[keys.TAG_PROBLEM] == "exploding_gradient"
    assert original.data.tags[keys.TAG_OUTCOME] == "detected"
    assert repair.data.tags[keys.TAG_OUTCOME] == "solved"
    assert repair.data.tags[keys.TAG_SOLUTION] == "clip_gradients"
    assert keys.TAG_PROBLEM not in repair.data.tags
    assert repair.data.params == {"solution": "clip_gradients", "try": "1", "param.clipnorm": "1.0"}

    # per epoch: the Keras logs at step = epoch
    run_id = original.info.run_id
    assert history(client, run_id, "loss") == [(e, 1.0 / (e + 1)) for e in range(EPOCHS)]
    # (the last epoch's value once more: the logged model's own metric, linked by model id)
    assert [s for s, _ in history(client, run_id, "val_accuracy")] == [*range(EPOCHS), EPOCHS - 1]
    # per check: <stat>/<layer> at step = check.step; the odd layer name is cleaned
    steps = [(i + 1) * STEPS_PER_CHECK for i in range(EPOCHS * CHECKS_PER_EPOCH)]
    assert history(client, run_id, "grad_norm/dense_in") == [(s, float(s)) for s in steps]
    assert history(client, run_id, "grad_norm/odd_layer_name_1") == [(s, s + 1.0) for s in steps]
    for stat in ("kernel_grad_norm", "zero_grad_fraction", "weight_norm", "update_ratio"):
        assert [s for s, _ in history(client, run_id, f"{stat}/odd_layer_name_1")] == steps
    assert history(client, run_id, "dead_fraction/dense_in") == [(s, 0.25) for s in steps]
    assert history(client, run_id, "dead_fraction/odd_layer_name_1") == []
    assert history(client, run_id, keys.MODEL_NONFINITE) == [(s, 0.0) for s in steps]
    # summary numbers at the last epoch step; val_loss differs from the last epoch's, so the
    # attempt's latest value is the summary's
    assert history(client, run_id, "epochs_run") == [(EPOCHS - 1, 3.0)]
    assert history(client, run_id, "seconds") == [(EPOCHS - 1, 1.5)]
    assert original.data.metrics["val_loss"] == 0.8
    assert len(history(client, run_id, "val_accuracy")) == EPOCHS + 1  # 0.55 == last: once (+model)
    assert history(client, repair.info.run_id, "epochs_run") == [(1, 2.0)]

    # the finding as a JSON artifact of the attempt run
    local = client.download_artifacts(run_id, "findings/exploding_gradient-epoch1.json", str(tmp))
    assert json.loads(Path(local).read_text()) == FINDING.to_dict()
    # the job's output files on the parent run
    top = {a.path for a in client.list_artifacts(parent.info.run_id)}
    assert top == {"report.json", "plots"}  # the files the job wrote, not its folder (.env)
    assert [a.path for a in client.list_artifacts(parent.info.run_id, "plots")] == [
        "plots/loss.png"
    ]


def assert_registry(client: MlflowClient, job: ScriptedJob, name: str, uri: str) -> None:
    """Two versions with every lineage tag, the alias, and the lineage tree text."""
    block = job.result
    runs = attempt_runs(client, job)
    assert block["registered_model_name"] == name
    assert (block["original_version"], block["repaired_version"]) == ("1", "2")
    assert job.model_uris["original"] and job.model_uris["original"].startswith("models:/m-")
    assert block["model_uris"] == job.model_uris
    logged = client.get_logged_model(job.model_uris["original"].split("/", 1)[1])
    assert logged.source_run_id == runs["original"]
    assert logged.name == keys.MODEL_NAMES["original"]
    # the logged models link to their versions and carry their own params and metrics
    assert json.loads(logged.tags[keys.MODEL_VERSIONS_TAG]) == [{"name": name, "version": "1"}]
    assert logged.params["role"] == "original"
    assert {m.key: m.value for m in logged.metrics or []}["val_accuracy"] == 0.55
    fixed = client.get_logged_model(str(job.model_uris["repaired"]).split("/", 1)[1])
    assert json.loads(fixed.tags[keys.MODEL_VERSIONS_TAG]) == [{"name": name, "version": "2"}]
    assert fixed.params["solutions"] == "clip_gradients"
    assert {m.key: m.value for m in fixed.metrics or []}["val_accuracy"] == 0.9

    v1 = client.get_model_version(name, "1")
    assert v1.run_id == runs["original"]
    assert v1.tags[keys.TAG_ROLE] == "original"
    assert v1.tags[keys.TAG_STATUS] == "faulty"
    assert v1.tags[keys.TAG_PROBLEMS] == "exploding_gradient"
    assert v1.tags[keys.TAG_MODEL_SHA256] == job.sha256
    assert v1.tags[keys.TAG_VAL_ACCURACY] == "0.55"
    assert "exploding_gradient" in v1.description

    v2 = client.get_model_version(name, "2")
    assert v2.run_id == runs[REPAIR]
    expected = {
        keys.TAG_ROLE: "repaired",
        keys.TAG_REPAIRED_FROM_VERSION: "1",
        keys.TAG_REPAIRED_FROM_RUN_ID: runs["original"],
        keys.TAG_SOLUTION: "clip_gradients",
        keys.TAG_PROBLEMS: "exploding_gradient",
        keys.TAG_VAL_ACCURACY_BEFORE: "0.55",
        keys.TAG_VAL_ACCURACY_AFTER: "0.9",
        keys.TAG_VAL_LOSS_BEFORE: "0.8",
        keys.TAG_VAL_LOSS_AFTER: "0.3",
        keys.TAG_JOB_RUN_ID: block["run_id"],
    }
    assert {k: v2.tags.get(k) for k in expected} == expected
    assert "### What was wrong" in v2.description
    assert "exploding_gradient" in v2.description and "`clip_gradients`" in v2.description
    assert "val_accuracy: 0.5500 -> 0.9000 (+0.3500)" in v2.description
    assert str(client.get_model_version_by_alias(name, keys.ALIAS_REPAIRED).version) == "2"

    tree = lineage_tree(name, uri)
    lines = tree.splitlines()
    assert lines[0] == f"registered model '{name}' at {uri}: 2 versions, alias repaired -> v2"
    assert lines[1].startswith("└── v1 original, faulty, problems: exploding_gradient")
    assert lines[2].startswith("    └── v2 repaired with clip_gradients, fixed: exploding_gradient")
    assert "val_accuracy 0.5500 -> 0.9000 (+0.3500)" in lines[2]
    assert "val_loss 0.8000 -> 0.3000 (-0.5000)" in lines[2]
    assert lines[2].endswith("[repaired]")
