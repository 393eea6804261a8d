"""The model half of the MLflow sink: log a Keras model under a run, register it with lineage."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from mlflow import MlflowClient
from mlflow.entities import Metric

from autotrainer_keras.record import mlflow_keys as keys
from autotrainer_keras.record.mlflow_models import (
    log_keras_model,
    model_signature,
    tracking_uri_scope,
)
from autotrainer_keras.record.mlflow_registry import (
    Origin,
    description,
    ensure_registered_model,
    version_tags,
)
from autotrainer_keras.record.retry import Guard, warn_line
from autotrainer_keras.record.run_buffer import RunBuffer
from autotrainer_keras.record.spool import Spool
from autotrainer_keras.record.summary import AttemptSummary


@dataclass(frozen=True)
class JobIdentity:
    """What every version of this job is tagged with."""

    experiment_id: str | None
    job_run_id: str | None
    model_file: str | None
    model_sha256: str | None


class ModelRecorder:
    """Logs models and registers versions through the sink's guard; remembers the lineage.

    Attributes:
        versions: Registered version number by role.
        model_uris: Logged model URI (`models:/m-...`) by role.
        original_run_id: The run the original model was logged under.
        log_model_seconds: Wall time of each successful log (requirements and signature are
            given, so this is saving and uploading the model).
    """

    def __init__(
        self,
        *,
        client: MlflowClient,
        uri: str,
        guard: Guard,
        spool: Spool,
        registered_model_name: str | None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.client, self.uri, self.guard, self.spool = client, uri, guard, spool
        self.registered_model_name = registered_model_name
        self._clock = clock
        self.versions: dict[str, str] = {}
        self.model_uris: dict[str, str] = {}
        self.original_run_id: str | None = None
        self.log_model_seconds: list[float] = []

    def record(
        self,
        model: Any,
        role: str,
        summary: AttemptSummary,
        original: AttemptSummary | None,
        run: RunBuffer,
        job: JobIdentity,
    ) -> str | None:
        """Log `model` (the model of `summary`) under `run`, register it when a name is
        configured; return its URI. `original`: what a repaired model repairs."""
        if role == keys.ROLE_ORIGINAL:
            self.original_run_id = run.run_id
        try:
            signature = model_signature(model)
        except Exception as error:  # noqa: BLE001 - a missing signature only costs speed
            warn_line(f"no model signature ({type(error).__name__}: {error})")
            signature = None
        started = self._clock()
        ok, result = False, None
        if run.run_id is not None and job.experiment_id is not None:
            experiment_id, run_id = job.experiment_id, run.run_id
            ok, result = self.guard.call(
                f"log_model {role}",
                lambda: log_keras_model(
                    self.client, uri=self.uri, experiment_id=experiment_id, run_id=run_id,
                    model=model, name=keys.MODEL_NAMES[role], signature=signature,
                    tags={keys.TAG_ROLE: role},
                ),
            )  # fmt: skip
        if not ok or result is None:
            self.spool.write({"op": "log_model", "run": run.label, "run_id": run.run_id,
                              "role": role, "summary": summary.to_dict()})  # fmt: skip
            return None
        self.log_model_seconds.append(self._clock() - started)
        model_uri, model_id = result
        self.model_uris[role] = model_uri
        self._describe_logged_model(model_id, role, summary, run)
        if self.registered_model_name and run.run_id is not None:
            self._register(role, summary, original, run.run_id, model_uri, model_id, job)
        return model_uri

    def restate_original(
        self, summary: AttemptSummary, withdrawn: str, model_file: str | None
    ) -> None:
        """The registered original's tags and description restated from `summary` (its
        findings after some were withdrawn; `withdrawn`: their ids, comma-separated)."""
        version = self.versions.get(keys.ROLE_ORIGINAL)
        if version is None or not self.registered_model_name:
            return
        name = str(self.registered_model_name)
        tags = version_tags(keys.ROLE_ORIGINAL, summary, None, model_file=None,
                            model_sha256=None, job_run_id=None, origin=None)  # fmt: skip
        tags[keys.TAG_WITHDRAWN] = withdrawn
        for key, value in tags.items():
            self.guard.call("restate original", self._version_tagger(name, version, key, value))
        text = description(keys.ROLE_ORIGINAL, summary, None, None, model_file)
        text += f"\n\nWithdrawn after retraining: `{withdrawn}` (see report.json `withdrawn`)."
        self.guard.call(
            "restate original",
            lambda: self.client.update_model_version(name, version, description=text),
        )

    def _version_tagger(self, name: str, version: str, key: str, value: str) -> Callable[[], Any]:
        return lambda: self.client.set_model_version_tag(name, version, key, value)

    def _describe_logged_model(
        self, model_id: str, role: str, summary: AttemptSummary, run: RunBuffer
    ) -> None:
        """The logged model's own params (role, attempt, solutions) and validation metrics, so
        its page in the MLflow UI says what it is and how good it is. The metrics are the run's
        at its last epoch (MLflow 3 links a run metric to a model by its model id)."""
        run_id, step = run.run_id, run.last_epoch if run.last_epoch is not None else 0
        params = {"role": role, "attempt": summary.attempt or role}
        if summary.solutions:
            params["solutions"] = ",".join(summary.solutions)
        self.guard.call(
            "logged model params", lambda: self.client.log_model_params(model_id, params)
        )
        stamp = int(time.time() * 1000)
        values = {"val_accuracy": summary.val_accuracy, "val_loss": summary.val_loss}
        metrics = [
            Metric(name, float(value), stamp, step, model_id=model_id)
            for name, value in values.items()
            if value is not None
        ]
        if run_id is not None and metrics:
            self.guard.call(
                "logged model metrics", lambda: self.client.log_batch(run_id, metrics=metrics)
            )

    def _register(
        self,
        role: str,
        summary: AttemptSummary,
        original: AttemptSummary | None,
        run_id: str,
        model_uri: str,
        model_id: str,
        job: JobIdentity,
    ) -> None:
        name = str(self.registered_model_name)
        origin = None
        if role == keys.ROLE_REPAIRED:
            origin = Origin(
                version=self.versions.get(keys.ROLE_ORIGINAL), run_id=self.original_run_id
            )
        tags = version_tags(
            role, summary, original, model_file=job.model_file, model_sha256=job.model_sha256,
            job_run_id=job.job_run_id, origin=origin,
        )  # fmt: skip
        text = description(role, summary, original, origin, job.model_file)
        ok, _ = self.guard.call(
            "registered model", lambda: ensure_registered_model(self.client, name)
        )
        version = None
        if ok:
            # MLflow's registry store looks the logged model up through the *global* tracking
            # URI: point it at the job's store (a user's notebook may have set another one)
            with tracking_uri_scope(self.uri):
                ok, version = self.guard.call(
                    f"model version {role}",
                    lambda: self.client.create_model_version(
                        name=name, source=model_uri, run_id=run_id, tags=tags,
                        description=text, await_creation_for=0, model_id=model_id,
                    ),
                )  # fmt: skip
        if not ok or version is None:
            self.spool.write({"op": "register", "role": role, "name": name, "model_uri": model_uri,
                              "tags": tags, "description": text})  # fmt: skip
            return
        number = str(version.version)
        self.versions[role] = number
        link = json.dumps([{"name": name, "version": number}])  # as mlflow.register_model does
        self.guard.call(
            "logged model link",
            lambda: self.client.set_logged_model_tags(model_id, {keys.MODEL_VERSIONS_TAG: link}),
        )
        if role == keys.ROLE_REPAIRED:
            self.guard.call(
                "alias",
                lambda: self.client.set_registered_model_alias(name, keys.ALIAS_REPAIRED, number),
            )
