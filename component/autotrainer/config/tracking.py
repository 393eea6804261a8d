"""`tracking:` where MLflow records go."""

from __future__ import annotations

from pydantic import Field

from autotrainer.config.base import Section


class TrackingConfig(Section):
    """MLflow settings. With no URI (here or in MLFLOW_TRACKING_URI): sqlite:///mlflow.db."""

    enabled: bool = True
    tracking_uri: str | None = None
    experiment: str = Field(default="autotrainer", min_length=1)
    registered_model_name: str | None = None
    strict: bool = Field(
        default=False, description="Raise on tracking errors instead of going on (tests)"
    )
    retries: int = Field(default=3, ge=0, le=20)
    retry_wait_seconds: float = Field(default=1.0, ge=0, le=60)
