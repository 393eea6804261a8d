"""Registry lineage: which tags and description a model version gets, and registering it.

The lineage lives in version tags (stages are deprecated; over REST `model_id` is None),
so the UI, the REST API and `autotrainer-keras lineage` all read the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from mlflow import MlflowClient
from mlflow.exceptions import MlflowException

from autotrainer_keras.record import mlflow_keys as keys


@dataclass(frozen=True)
class Origin:
    """Where a repaired version comes from."""

    version: str | None
    run_id: str | None


def as_list(value: Any) -> list[str]:
    """A list of ids from a list/tuple/set or a comma-separated string (None: empty)."""
    if value is None:
        return []
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    return [str(getattr(item, "value", item)) for item in value]


def _number_tags(summary: dict[str, Any], pairs: dict[str, str]) -> dict[str, str]:
    tags = {}
    for summary_key, tag in pairs.items():
        value = summary.get(summary_key)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            tags[tag] = keys.tag_number(value)
    return tags


def version_tags(
    role: str,
    summary: dict[str, Any],
    *,
    model_file: str | None,
    model_sha256: str | None,
    job_run_id: str | None,
    origin: Origin | None,
) -> dict[str, str]:
    """The lineage tags of a new version (see `MlflowSink.log_model` for the summary keys)."""
    problems = as_list(summary.get("problems"))
    tags = {keys.TAG_ROLE: role, keys.TAG_PROBLEMS: ",".join(problems)}
    if model_file:
        tags[keys.TAG_MODEL_FILE] = model_file
    if model_sha256:
        tags[keys.TAG_MODEL_SHA256] = model_sha256
    if job_run_id:
        tags[keys.TAG_JOB_RUN_ID] = job_run_id
    status = summary.get("status")
    if role == keys.ROLE_ORIGINAL:
        tags[keys.TAG_STATUS] = str(
            status or (keys.STATUS_FAULTY if problems else keys.STATUS_HEALTHY)
        )
        tags.update(
            _number_tags(
                summary, {"val_accuracy": keys.TAG_VAL_ACCURACY, "val_loss": keys.TAG_VAL_LOSS}
            )
        )
        return tags
    if status:
        tags[keys.TAG_STATUS] = str(status)
    tags[keys.TAG_SOLUTION] = ",".join(as_list(summary.get("solutions")))
    if origin is not None and origin.version is not None:
        tags[keys.TAG_REPAIRED_FROM_VERSION] = str(origin.version)
    if origin is not None and origin.run_id is not None:
        tags[keys.TAG_REPAIRED_FROM_RUN_ID] = origin.run_id
    tags.update(
        _number_tags(
            summary,
            {
                "val_accuracy_before": keys.TAG_VAL_ACCURACY_BEFORE,
                "val_accuracy_after": keys.TAG_VAL_ACCURACY_AFTER,
                "val_loss_before": keys.TAG_VAL_LOSS_BEFORE,
                "val_loss_after": keys.TAG_VAL_LOSS_AFTER,
            },
        )
    )
    return tags


def _change(summary: dict[str, Any], name: str) -> str | None:
    before, after = summary.get(f"{name}_before"), summary.get(f"{name}_after")
    if not isinstance(before, (int, float)) or not isinstance(after, (int, float)):
        return None
    return f"- {name}: {before:.4f} -> {after:.4f} ({after - before:+.4f})"


def _finding_lines(summary: dict[str, Any]) -> list[str]:
    lines = []
    for finding in summary.get("findings") or []:
        data = finding.to_dict() if hasattr(finding, "to_dict") else dict(finding)
        where = f" in layer `{data['layer']}`" if data.get("layer") else ""
        reason = f": {data['reason']}" if data.get("reason") else ""
        epoch = data.get("epoch")
        at = f" at epoch {int(epoch) + 1}" if isinstance(epoch, int) else ""  # 1-based, as shown
        step = f", step {data['step']}" if data.get("step") is not None else ""  # everywhere else
        lines.append(f"- `{data.get('problem')}`{at}{step}{where}{reason}")
    return lines


def description(
    role: str, summary: dict[str, Any], origin: Origin | None, model_file: str | None
) -> str:
    """Markdown: what was wrong and what was done (summary["description"] wins when given)."""
    if summary.get("description"):
        return str(summary["description"])[: keys.MAX_TAG_VALUE_LENGTH]
    problems = as_list(summary.get("problems"))
    findings = _finding_lines(summary)
    source = f" `{model_file}`" if model_file else ""
    if role == keys.ROLE_ORIGINAL:
        head = f"Original model{source} as submitted to autotrainer."
        if not problems:
            return f"{head}\n\nNo training problem was detected."
        body = "\n".join(findings) or "\n".join(f"- `{p}`" for p in problems)
        return f"{head}\n\n### Problems detected\n{body}"
    parent = f" version {origin.version}" if origin and origin.version else ""
    lines = [f"Repaired by autotrainer from{parent or ' the original model'}{source}.", ""]
    lines += [
        "### What was wrong",
        *(findings or [f"- `{p}`" for p in problems] or ["- (not given)"]),
    ]
    lines += ["", "### What was done"]
    lines += [f"- applied `{s}`" for s in as_list(summary.get("solutions"))] or ["- (not given)"]
    changes = [c for c in (_change(summary, "val_accuracy"), _change(summary, "val_loss")) if c]
    if changes:
        lines += ["", "### Effect", *changes]
    return "\n".join(lines)


def ensure_registered_model(client: MlflowClient, name: str) -> None:
    """Create the registered model `name` unless it exists."""
    try:
        client.create_registered_model(name)
    except MlflowException as error:
        if error.error_code not in ("RESOURCE_ALREADY_EXISTS", "ALREADY_EXISTS"):
            raise
