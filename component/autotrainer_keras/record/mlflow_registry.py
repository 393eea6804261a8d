"""Registry lineage: which tags and description a model version gets, and registering it.

The lineage lives in version tags (stages are deprecated; over REST `model_id` is None),
so the UI, the REST API and `autotrainer-keras lineage` all read the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass

from mlflow import MlflowClient
from mlflow.exceptions import MlflowException

from autotrainer_keras.problems import Finding
from autotrainer_keras.record import mlflow_keys as keys
from autotrainer_keras.record.summary import AttemptSummary


@dataclass(frozen=True)
class Origin:
    """Where a repaired version comes from."""

    version: str | None
    run_id: str | None


def _number_tags(values: dict[str, float | None]) -> dict[str, str]:
    return {
        tag: keys.tag_number(value)
        for tag, value in values.items()
        if isinstance(value, int | float) and not isinstance(value, bool)
    }


def version_tags(
    role: str,
    summary: AttemptSummary,
    original: AttemptSummary | None,
    *,
    model_file: str | None,
    model_sha256: str | None,
    job_run_id: str | None,
    origin: Origin | None,
) -> dict[str, str]:
    """The lineage tags of a new version: of the original (`summary`), or of a repaired model
    (`summary`) repairing `original` (its problems, the numbers before)."""
    before = summary if role == keys.ROLE_ORIGINAL else original
    problems = before.problems if before is not None else ()
    tags = {keys.TAG_ROLE: role, keys.TAG_PROBLEMS: ",".join(problems)}
    if model_file:
        tags[keys.TAG_MODEL_FILE] = model_file
    if model_sha256:
        tags[keys.TAG_MODEL_SHA256] = model_sha256
    if job_run_id:
        tags[keys.TAG_JOB_RUN_ID] = job_run_id
    if role == keys.ROLE_ORIGINAL:
        tags[keys.TAG_STATUS] = keys.STATUS_FAULTY if problems else keys.STATUS_HEALTHY
        tags.update(
            _number_tags(
                {keys.TAG_VAL_ACCURACY: summary.val_accuracy, keys.TAG_VAL_LOSS: summary.val_loss}
            )
        )
        return tags
    tags[keys.TAG_SOLUTION] = ",".join(summary.solutions)
    if origin is not None and origin.version is not None:
        tags[keys.TAG_REPAIRED_FROM_VERSION] = str(origin.version)
    if origin is not None and origin.run_id is not None:
        tags[keys.TAG_REPAIRED_FROM_RUN_ID] = origin.run_id
    tags.update(
        _number_tags(
            {
                keys.TAG_VAL_ACCURACY_BEFORE: before.val_accuracy if before else None,
                keys.TAG_VAL_ACCURACY_AFTER: summary.val_accuracy,
                keys.TAG_VAL_LOSS_BEFORE: before.val_loss if before else None,
                keys.TAG_VAL_LOSS_AFTER: summary.val_loss,
            }
        )
    )
    return tags


def _change(name: str, before: float | None, after: float | None) -> str | None:
    if before is None or after is None:
        return None
    return f"- {name}: {before:.4f} -> {after:.4f} ({after - before:+.4f})"


def _finding_lines(findings: tuple[Finding, ...]) -> list[str]:
    lines = []
    for finding in findings:
        where = f" in layer `{finding.layer}`" if finding.layer else ""
        reason = f": {finding.reason}" if finding.reason else ""
        at = f" at epoch {finding.epoch + 1}"  # 1-based, as shown everywhere else
        lines.append(f"- `{finding.problem.value}`{at}, step {finding.step}{where}{reason}")
    return lines


def description(
    role: str,
    summary: AttemptSummary,
    original: AttemptSummary | None,
    origin: Origin | None,
    model_file: str | None,
) -> str:
    """Markdown: what was wrong (the original's findings) and what was done (the repaired
    model's solutions, the change of its validation numbers)."""
    before = summary if role == keys.ROLE_ORIGINAL else original
    findings = _finding_lines(before.detections) if before is not None else []
    source = f" `{model_file}`" if model_file else ""
    if role == keys.ROLE_ORIGINAL:
        head = f"Original model{source} as submitted to autotrainer."
        if not findings:
            return f"{head}\n\nNo training problem was detected."
        return f"{head}\n\n### Problems detected\n" + "\n".join(findings)
    parent = f" version {origin.version}" if origin and origin.version else ""
    lines = [f"Repaired by autotrainer from{parent or ' the original model'}{source}.", ""]
    lines += ["### What was wrong", *(findings or ["- (not given)"])]
    lines += ["", "### What was done"]
    lines += [f"- applied `{s}`" for s in summary.solutions] or ["- (not given)"]
    changes = [
        change
        for change in (
            _change("val_accuracy", before.val_accuracy if before else None, summary.val_accuracy),
            _change("val_loss", before.val_loss if before else None, summary.val_loss),
        )
        if change
    ]
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
