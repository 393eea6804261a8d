"""`tracking:` where MLflow records go."""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import Field

from autotrainer.config.base import Section

EMBEDDED_DB_FILE = "mlflow.db"
"""The embedded store's file, in the working directory (what `mlflow ui` started there reads)."""


class TrackingConfig(Section):
    """MLflow settings. With no URI (here or in MLFLOW_TRACKING_URI): sqlite:///mlflow.db.

    Failure handling: every MLflow call is tried `retries + 1` times, `retry_wait_seconds`
    apart; each try is bounded by MLflow's own HTTP settings (`http_timeout_seconds`,
    `http_max_retries`; environment variables MLFLOW_HTTP_REQUEST_TIMEOUT and
    MLFLOW_HTTP_REQUEST_MAX_RETRIES win when set). When the server stays unreachable the job
    goes on untracked and keeps what it could not send in a local spool file, unless `strict`.
    """

    enabled: bool = True
    tracking_uri: str | None = Field(
        default=None, description="None: MLFLOW_TRACKING_URI, else sqlite:///<cwd>/mlflow.db"
    )
    experiment: str = Field(default="autotrainer", min_length=1)
    registered_model_name: str | None = Field(
        default=None, description="Register original and repaired models under this name"
    )
    strict: bool = Field(
        default=False, description="Raise on tracking errors instead of going on (tests)"
    )
    retries: int = Field(default=3, ge=0, le=20)
    retry_wait_seconds: float = Field(default=1.0, ge=0, le=60)
    http_timeout_seconds: int = Field(
        default=10, ge=1, le=600, description="Connect/read timeout of one MLflow HTTP request"
    )
    http_max_retries: int = Field(
        default=0, ge=0, le=10, description="MLflow's own HTTP retries inside one try"
    )
    flush_interval_seconds: float = Field(
        default=30.0, ge=0, le=3600, description="Send buffered metrics at least this often"
    )

    def resolved_tracking_uri(self, cwd: Path | None = None) -> str:
        """The URI to record to: the configured one, else MLFLOW_TRACKING_URI, else the
        embedded store `sqlite:///<absolute cwd>/mlflow.db`."""
        return resolve_tracking_uri(self.tracking_uri, cwd)


def resolve_tracking_uri(tracking_uri: str | None, cwd: Path | None = None) -> str:
    """`tracking_uri`, else MLFLOW_TRACKING_URI, else sqlite:///<absolute cwd>/mlflow.db."""
    if tracking_uri:
        return tracking_uri
    from_env = os.environ.get("MLFLOW_TRACKING_URI")
    if from_env:
        return from_env
    directory = (cwd or Path.cwd()).resolve()
    return f"sqlite:///{directory / EMBEDDED_DB_FILE}"
