"""register_repaired against a real MLflow server: a logged candidate becomes a version with
lineage tags and the `repaired` alias."""

from __future__ import annotations

import pytest
from mlflow import MlflowClient

from autotrainer_keras.config.tracking import TrackingConfig
from autotrainer_keras.engine.scaleout import register_repaired
from autotrainer_keras.problems import Finding, Problem
from autotrainer_keras.record import mlflow_keys as keys
from autotrainer_keras.record.summary import AttemptSummary, RepairChoice

pytestmark = pytest.mark.slow


def test_the_selected_candidate_is_registered_with_lineage(mlflow_server):
    import keras

    from autotrainer_keras.record.mlflow_models import log_keras_model

    client = MlflowClient(mlflow_server)
    experiment = client.create_experiment("kfp-register")
    original_run = client.create_run(experiment, run_name="original").info.run_id
    candidate_job = client.create_run(experiment, run_name="candidate").info.run_id
    attempt_run = client.create_run(experiment, run_name="repair-1-lr_down").info.run_id
    model = keras.Sequential([keras.Input((2,)), keras.layers.Dense(1)])
    uri, _ = log_keras_model(
        client, uri=mlflow_server, experiment_id=experiment, run_id=attempt_run, model=model,
        name="repaired_model", signature=None,
    )  # fmt: skip
    finding = Finding(Problem.EXPLODING_GRADIENT, 1, 8, "dense", {"g": 1e6}, {"g": 1e3}, "Big.")
    detection = {
        "model_file": {"path": "/in/faulty.keras", "sha256": "ab" * 32},
        "mlflow": {"run_id": "detect", "attempt_run_ids": {"original": original_run}},
        "original": AttemptSummary("original", 0.5, 0.7, 2, 1.0, (finding,)).to_dict(),
    }
    choice = RepairChoice(1, "exploding_gradient", "lr_down", 0, 0, {}, "", ("lr_down",))
    repaired = AttemptSummary("repair-1-lr_down", 0.9, 0.3, 2, 1.0, (), "solved", choice)
    best = {
        "index": 1,
        **repaired.to_dict(),
        "mlflow": {
            "run_id": candidate_job, "model_uris": {"repaired": uri},
            "attempt_run_ids": {"repair-1-lr_down": attempt_run},
        },
    }  # fmt: skip
    tracking = TrackingConfig(tracking_uri=mlflow_server, registered_model_name="kfp-register")
    version = register_repaired(tracking, detection, best)
    assert version == "1"
    stored = client.get_model_version("kfp-register", version)
    assert stored.run_id == attempt_run
    assert stored.tags["autotrainer.role"] == "repaired"
    assert stored.tags["autotrainer.solution"] == "lr_down"
    assert stored.tags[keys.TAG_PROBLEMS] == "exploding_gradient"
    assert stored.tags[keys.TAG_VAL_ACCURACY_BEFORE] == "0.5"
    assert "- val_accuracy: 0.5000 -> 0.9000 (+0.4000)" in stored.description
    assert stored.tags["autotrainer.repaired_from_run_id"] == original_run
    assert stored.tags["autotrainer.model_file"] == "faulty.keras"
    assert client.get_model_version_by_alias("kfp-register", "repaired").version == version
    untracked = TrackingConfig(tracking_uri=mlflow_server)
    assert register_repaired(untracked, detection, best) is None  # no name: no registry
