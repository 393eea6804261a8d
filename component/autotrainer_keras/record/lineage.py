"""`autotrainer-keras lineage NAME`: a registered model's versions as a tree of repairs.

Reads only version tags (record/mlflow_keys.py), so any version registered by autotrainer,
from any job, shows where it came from. Example:

    registered model 'iris' at sqlite:////work/mlflow.db: 3 versions, alias repaired -> v2
    ├── v1 original, faulty, problems: exploding_gradient; val_accuracy 0.3333 (run 1a2b3c4d)
    │   └── v2 repaired with clip_gradients; val_accuracy 0.3333 -> 0.9333 (+0.6000) [repaired]
    └── v3 original, healthy (run 9f8e7d6c)
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mlflow import MlflowClient
from mlflow.entities.model_registry import ModelVersion
from mlflow.exceptions import MlflowException

from autotrainer_keras.config.tracking import TrackingConfig, resolve_tracking_uri
from autotrainer_keras.errors import InputError, TrackingError
from autotrainer_keras.record import mlflow_keys as keys
from autotrainer_keras.record.retry import bounded_http


def _sqlite_file(uri: str) -> Path | None:
    prefix = "sqlite:///"
    return Path(uri[len(prefix) :]) if uri.startswith(prefix) else None


def _number(tags: dict[str, str], tag: str) -> float | None:
    try:
        return float(tags[tag])
    except (KeyError, ValueError):
        return None


def _change(tags: dict[str, str], name: str, before_tag: str, after_tag: str) -> str | None:
    before, after = _number(tags, before_tag), _number(tags, after_tag)
    if before is None and after is None:
        return None
    if before is None or after is None:
        shown = ["?" if value is None else f"{value:.4f}" for value in (before, after)]
        return f"{name} {shown[0]} -> {shown[1]}"
    return f"{name} {before:.4f} -> {after:.4f} ({after - before:+.4f})"


def describe_version(version: ModelVersion, aliases: list[str]) -> str:
    """One line: version, role, status/solution, problems, metric changes, run, aliases."""
    tags = dict(version.tags or {})
    role = tags.get(keys.TAG_ROLE, "unknown role")
    parts = [f"v{version.version} {role}"]
    if role == keys.ROLE_REPAIRED:
        solution = tags.get(keys.TAG_SOLUTION)
        parts[0] += f" with {solution}" if solution else ""
    if tags.get(keys.TAG_STATUS):
        parts.append(tags[keys.TAG_STATUS])
    if tags.get(keys.TAG_PROBLEMS):
        label = "fixed" if role == keys.ROLE_REPAIRED else "problems"
        parts.append(f"{label}: {tags[keys.TAG_PROBLEMS].replace(',', ', ')}")
    line = ", ".join(parts)
    numbers = [
        _change(tags, "val_accuracy", keys.TAG_VAL_ACCURACY_BEFORE, keys.TAG_VAL_ACCURACY_AFTER),
        _change(tags, "val_loss", keys.TAG_VAL_LOSS_BEFORE, keys.TAG_VAL_LOSS_AFTER),
    ]
    for name, tag in (("val_accuracy", keys.TAG_VAL_ACCURACY), ("val_loss", keys.TAG_VAL_LOSS)):
        value = _number(tags, tag)
        numbers.append(f"{name} {value:.4f}" if value is not None else None)
    shown = [n for n in numbers if n]
    if shown:
        line += "; " + ", ".join(shown)
    if version.run_id:
        line += f" (run {version.run_id[:8]})"
    if aliases:
        line += " [" + ", ".join(aliases) + "]"
    return line


def render_tree(name: str, uri: str, versions: list[ModelVersion], aliases: dict[str, str]) -> str:
    """The tree text: originals (and unknown parents) at the top, repaired ones beneath."""
    by_number = {str(v.version): v for v in versions}
    children: dict[str, list[ModelVersion]] = {}
    roots: list[ModelVersion] = []
    for version in sorted(versions, key=lambda v: int(v.version)):
        parent = (version.tags or {}).get(keys.TAG_REPAIRED_FROM_VERSION)
        if parent and parent in by_number and parent != str(version.version):
            children.setdefault(parent, []).append(version)
        else:
            roots.append(version)
    alias_of: dict[str, list[str]] = {}
    for alias, number in sorted(aliases.items()):
        alias_of.setdefault(str(number), []).append(alias)
    alias_text = ", ".join(f"{a} -> v{n}" for a, n in sorted(aliases.items()))
    count = f"{len(versions)} version{'s' if len(versions) != 1 else ''}"
    lines = [
        f"registered model '{name}' at {uri}: {count}"
        + (f", alias {alias_text}" if alias_text else "")
    ]

    def walk(version: ModelVersion, prefix: str, last: bool) -> None:
        lines.append(
            prefix
            + ("└── " if last else "├── ")
            + describe_version(version, alias_of.get(str(version.version), []))
        )
        kids = children.get(str(version.version), [])
        for index, kid in enumerate(kids):
            walk(kid, prefix + ("    " if last else "│   "), index == len(kids) - 1)

    for index, root in enumerate(roots):
        walk(root, "", index == len(roots) - 1)
    return "\n".join(lines)


def lineage_tree(name: str, tracking_uri: str | None = None) -> str:
    """The versions of registered model `name` as a tree of originals and their repairs.

    Args:
        name: The registered model name.
        tracking_uri: None: MLFLOW_TRACKING_URI, else sqlite:///<cwd>/mlflow.db.

    Raises:
        InputError: The store has no registered model `name` (or no embedded database exists).
        TrackingError: The tracking server cannot be reached.
    """
    uri = resolve_tracking_uri(tracking_uri)
    database = _sqlite_file(uri)
    if database is not None and not database.exists():
        raise InputError(
            f"no MLflow database at {database}: run where autotrainer ran, or pass --tracking-uri"
        )
    client = MlflowClient(tracking_uri=uri, registry_uri=uri)
    defaults = TrackingConfig()
    try:
        with bounded_http(defaults.http_timeout_seconds, defaults.http_max_retries):
            model = client.get_registered_model(name)
            escaped = name.replace("'", "\\'")
            versions = list(client.search_model_versions(f"name='{escaped}'"))
    except MlflowException as error:
        if error.error_code == "RESOURCE_DOES_NOT_EXIST":
            raise InputError(
                f"no registered model named '{name}' at {uri}{_known(client)}"
            ) from None
        raise TrackingError(f"MLflow at {uri}: {str(error).splitlines()[0]}") from error
    aliases: dict[str, Any] = dict(getattr(model, "aliases", {}) or {})
    return render_tree(name, uri, versions, {k: str(v) for k, v in aliases.items()})


def _known(client: MlflowClient) -> str:
    try:
        names = [m.name for m in client.search_registered_models(max_results=20)]
    except MlflowException:
        return ""
    return (
        f"; registered models there: {', '.join(names)}" if names else "; none are registered there"
    )
