"""The scale-out pipeline's MLflow writes, through the record layer's guard and spool.

The select task registers the chosen candidate's logged model (lineage tags, description, the
`repaired` alias); a candidate task nests its job run under the detect task's run. Every call
is retried and bounded (`record.retry.Guard`); a registration that cannot be made goes to
`<output_dir>/mlflow-spool.jsonl` for `autotrainer-keras replay`, as in a single-step job.
"""

from __future__ import annotations

from pathlib import Path

from autotrainer_keras.config.tracking import TrackingConfig
from autotrainer_keras.record import mlflow_keys as keys
from autotrainer_keras.record.mlflow_registry import (
    Origin,
    description,
    ensure_registered_model,
    version_tags,
)
from autotrainer_keras.record.retry import Guard
from autotrainer_keras.record.spool import Spool
from autotrainer_keras.record.summary import AttemptSummary


def _guard(tracking: TrackingConfig, uri: str, spool: Spool | None) -> Guard:
    return Guard(
        uri=uri,
        retries=tracking.retries,
        wait_seconds=tracking.retry_wait_seconds,
        strict=tracking.strict,
        http_timeout_seconds=tracking.http_timeout_seconds,
        http_max_retries=tracking.http_max_retries,
        spool_hint=str(spool.path) if spool else "",
    )


def register_version(
    tracking: TrackingConfig,
    *,
    model_uri: str,
    run_id: str | None,
    summary: AttemptSummary,
    original: AttemptSummary,
    model_file: str | None,
    model_sha256: str | None,
    job_run_id: str | None,
    origin_run_id: str | None,
    output_dir: Path,
) -> str | None:
    """Register `model_uri` as a repaired version of `tracking.registered_model_name` and
    point the `repaired` alias at it (`summary`: the selected candidate; `original`: the
    training it repairs, as the detect task described it). Returns the version, None when it
    could not be made (spooled for `autotrainer-keras replay`) or when no name is configured."""
    name = tracking.registered_model_name
    if not name:
        return None
    from mlflow import MlflowClient

    uri = tracking.resolved_tracking_uri()
    client = MlflowClient(tracking_uri=uri, registry_uri=uri)
    spool = Spool(Path(output_dir) / keys.SPOOL_FILE)
    guard = _guard(tracking, uri, spool)
    origin = Origin(version=None, run_id=origin_run_id)
    tags = version_tags(
        keys.ROLE_REPAIRED, summary, original, model_file=model_file, model_sha256=model_sha256,
        job_run_id=job_run_id, origin=origin,
    )  # fmt: skip
    text = description(keys.ROLE_REPAIRED, summary, original, origin, model_file)
    ok, _ = guard.call("registered model", lambda: ensure_registered_model(client, name))
    version = None
    if ok:
        ok, version = guard.call(
            "model version repaired",
            lambda: client.create_model_version(
                name=name, source=model_uri, run_id=run_id, tags=tags, description=text,
                model_id=model_uri.removeprefix("models:/"),
            ),
        )  # fmt: skip
    if not ok or version is None:
        spool.write({"op": "register", "role": keys.ROLE_REPAIRED, "name": name,
                     "model_uri": model_uri, "tags": tags, "description": text})  # fmt: skip
        return None
    number = str(version.version)
    guard.call(
        "alias", lambda: client.set_registered_model_alias(name, keys.ALIAS_REPAIRED, number)
    )
    return number


def nest_run(tracking: TrackingConfig, uri: str, child: str, parent: str) -> bool:
    """Show run `child` as a child of run `parent` in MLflow (True when it was set)."""
    from mlflow import MlflowClient

    client = MlflowClient(uri)
    ok, _ = _guard(tracking, uri, None).call(
        "nest run", lambda: client.set_tag(child, keys.MLFLOW_PARENT_RUN_ID, parent)
    )
    return ok
