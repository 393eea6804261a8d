"""`tracking:` where MLflow records go."""

from __future__ import annotations

import os
import posixpath
from importlib.metadata import entry_points
from pathlib import Path
from urllib.parse import urlparse

from pydantic import Field, field_serializer, field_validator

from autotrainer_keras.config.base import Section
from autotrainer_keras.errors import InputError
from autotrainer_keras.redact import redact_uri

EMBEDDED_DB_FILE = "mlflow.db"
"""The embedded store's file, in the working directory (what `mlflow ui` started there reads)."""

URI_SCHEMES = ("file", "http", "https", "databricks", "databricks-uc", "uc")
"""Tracking URI schemes MLflow 3.17 has a store for (besides a plain path and the databases)."""
DATABASE_SCHEMES = ("sqlite", "postgresql", "mysql", "mssql")
"""Database URI schemes; a driver may follow, as in `postgresql+psycopg2://`."""
PLUGIN_GROUP = "mlflow.tracking_store"
"""Entry-point group of MLflow tracking store plugins (their schemes are accepted too)."""


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
    tags: dict[str, str] = Field(
        default_factory=dict,
        description="Tags set on every MLflow run of the job (e.g. the KFP pipeline run id)",
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

    @field_serializer("tracking_uri", when_used="json")
    def _redacted(self, value: str | None) -> str | None:
        """Every stored or shown copy (params, final_config.yaml, report) has no credentials."""
        return redact_uri(value)

    @field_validator("registered_model_name")
    @classmethod
    def _registrable(cls, value: str | None) -> str | None:
        problem = None if value is None else model_name_problem(value)
        if problem:
            raise ValueError(problem)
        return value

    @field_validator("tracking_uri")
    @classmethod
    def _known_scheme(cls, value: str | None) -> str | None:
        problem = None if value is None else uri_problem(value)
        if problem:
            raise ValueError(problem)
        return value

    @field_validator("tags")
    @classmethod
    def _valid_tags(cls, value: dict[str, str]) -> dict[str, str]:
        for key, text in value.items():
            problem = tag_problem(key, text)
            if problem:
                raise ValueError(problem)
        return value

    def resolved_tracking_uri(self, cwd: Path | None = None) -> str:
        """The URI to record to: the configured one, else MLFLOW_TRACKING_URI, else the
        embedded store `sqlite:///<absolute cwd>/mlflow.db`."""
        return resolve_tracking_uri(self.tracking_uri, cwd)


def resolve_tracking_uri(tracking_uri: str | None, cwd: Path | None = None) -> str:
    """`tracking_uri`, else MLFLOW_TRACKING_URI, else sqlite:///<absolute cwd>/mlflow.db.

    Raises:
        InputError: When the URI's scheme is not one MLflow can record to.
    """
    for uri, origin in (
        (tracking_uri, "tracking URI"),
        (os.environ.get("MLFLOW_TRACKING_URI"), "MLFLOW_TRACKING_URI"),
    ):
        if uri:
            problem = uri_problem(uri)
            if problem:
                raise InputError(f"{origin}: {problem}")
            return uri
    directory = (cwd or Path.cwd()).resolve()
    return f"sqlite:///{directory / EMBEDDED_DB_FILE}"


def uri_problem(uri: str) -> str | None:
    """Why MLflow cannot use `uri` as a tracking URI (an unknown scheme), None when it can.

    Accepted as MLflow 3.17 does: a plain path, file://, http(s)://, sqlite/postgresql/mysql/
    mssql URIs (with an optional `+driver`), databricks[-uc] and uc, plus plugin schemes.
    """
    if uri in ("databricks", "databricks-uc", "uc"):
        return None
    scheme = urlparse(uri).scheme.lower()
    if len(scheme) <= 1:  # a path (C:\\ on Windows has the one-letter "scheme" c)
        return None
    if scheme in URI_SCHEMES or scheme.split("+", 1)[0] in DATABASE_SCHEMES:
        return None
    plugins = sorted(entry.name for entry in entry_points(group=PLUGIN_GROUP))
    if scheme in plugins:
        return None
    allowed = ["a file path", *(f"{s}://" for s in (*URI_SCHEMES[:3], *DATABASE_SCHEMES))]
    allowed += [*URI_SCHEMES[3:], *(f"{p}://" for p in plugins)]
    shown = redact_uri(uri)
    return f"unsupported tracking URI scheme {scheme!r} in {shown!r}; allowed: {', '.join(allowed)}"


MAX_MODEL_NAME_LENGTH = 256
"""Longest registered model name (the column of MLflow's SQL registry)."""


def model_name_problem(name: str) -> str | None:
    """Why MLflow's registry would refuse `name`, None when it takes it.

    MLflow 3.17's rules (`mlflow.utils.validation._validate_model_name`), checked before
    any training instead of after it: not empty, no '/' or ':', not a path that resolves to
    another name ('a/../b', '.', '..x', '/x'); plus no control characters and at most 256
    characters.
    """
    shown = repr(name[:60] + ("..." if len(name) > 60 else ""))
    if not name.strip():
        return "registered model name must not be empty; pass a name such as 'churn'"
    if "/" in name or ":" in name:
        return f"registered model name {shown} cannot contain '/' or ':' (MLflow's rule)"
    norm = posixpath.normpath(name)
    if norm != name or norm == "." or norm.startswith(".."):
        return f"registered model name {shown} would resolve to {norm!r} as a path (MLflow's rule)"
    if any(ord(c) < 32 or 127 <= ord(c) < 160 for c in name):
        return f"registered model name {shown} contains control characters"
    if len(name) > MAX_MODEL_NAME_LENGTH:
        return f"registered model name is {len(name)} characters; at most {MAX_MODEL_NAME_LENGTH}"
    return None


MAX_TAG_KEY_LENGTH = 250
"""MLflow's limit on a tag key's length."""
MAX_TAG_VALUE_LENGTH = 8000
"""What this project sends of a tag value at most (MLflow servers accept at least this)."""


def tag_problem(key: str, value: str) -> str | None:
    """Why `key: value` cannot be an MLflow tag, or None when it can."""
    if not key or len(key) > MAX_TAG_KEY_LENGTH:
        return f"tag key {key!r} must have 1 to {MAX_TAG_KEY_LENGTH} characters"
    if key.startswith("mlflow.") or key.startswith("autotrainer."):
        return f"tag key {key!r} is reserved (mlflow.* and autotrainer.* are set by the job)"
    if len(value) > MAX_TAG_VALUE_LENGTH:
        return f"tag {key!r}: its value has more than {MAX_TAG_VALUE_LENGTH} characters"
    return None


def parse_tags(items: list[str] | tuple[str, ...]) -> dict[str, str]:
    """`KEY=VALUE` strings (the `--tag` flag) as a mapping.

    Raises:
        InputError: For an item without `=`, or a key or value MLflow would refuse.
    """
    tags: dict[str, str] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep:
            raise InputError(f"--tag {item!r}: expected KEY=VALUE, e.g. --tag team=vision")
        problem = tag_problem(key.strip(), value)
        if problem:
            raise InputError(f"--tag: {problem}")
        tags[key.strip()] = value
    return tags
