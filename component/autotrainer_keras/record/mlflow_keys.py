"""Every MLflow name autotrainer writes: tags, metrics, artifacts, aliases, and key cleaning.

Runs: one parent run per job (`RUN_KIND_JOB`), one nested run per training (`RUN_KIND_ATTEMPT`)
named "original" or "repair-<k>-<solution>". Registry: versions of
`tracking.registered_model_name` carry the `VERSION_*` tags below.
"""

from __future__ import annotations

import math
import posixpath
import re

# --- run tags -------------------------------------------------------------------------------
TAG_RUN_KIND = "autotrainer.run_kind"  # RUN_KIND_JOB | RUN_KIND_ATTEMPT
RUN_KIND_JOB = "job"
RUN_KIND_ATTEMPT = "attempt"
TAG_MODEL_FILE = "autotrainer.model_file"  # the input model file's name (job run, versions)
TAG_MODEL_SHA256 = "autotrainer.model_sha256"  # its sha256 (job run, versions)
TAG_ATTEMPT = "autotrainer.attempt"  # attempt name (attempt runs)
TAG_PROBLEM = "autotrainer.problem"  # detected problem ids, comma-separated (attempt + job)
TAG_OUTCOME = "autotrainer.outcome"  # end_attempt's outcome (attempt runs)
TAG_WITHDRAWN = "autotrainer.withdrawn"  # withdrawn pre-flight suspicions (original, versions)
TAG_SOLUTION = "autotrainer.solution"  # solution id(s), comma-separated (attempts, versions)
TAG_JOB_STATUS = "autotrainer.job_status"  # end_job's status (job run)
TAG_JOB_OUTCOME = "autotrainer.outcome"  # the job's report status: healthy | repaired | ... (job)
EXPERIMENT_KIND_TAG = "mlflow.experimentKind"  # MLflow 3's experiment type: the UI's view
EXPERIMENT_KIND_TRAINING = "custom_model_development"  # (not "genai_development")
MODEL_VERSIONS_TAG = "mlflow.modelVersions"  # on a logged model: its registered versions
# MLflow's own tag that nests a run under its parent.
MLFLOW_PARENT_RUN_ID = "mlflow.parentRunId"

# --- model version tags (registry lineage) --------------------------------------------------
TAG_ROLE = "autotrainer.role"  # ROLE_ORIGINAL | ROLE_REPAIRED
ROLE_ORIGINAL = "original"
ROLE_REPAIRED = "repaired"
ROLES = (ROLE_ORIGINAL, ROLE_REPAIRED)
TAG_STATUS = "autotrainer.status"  # STATUS_HEALTHY | STATUS_FAULTY
STATUS_HEALTHY = "healthy"
STATUS_FAULTY = "faulty"
TAG_PROBLEMS = "autotrainer_keras.problems"  # problem ids, comma-separated ("" when none)
TAG_REPAIRED_FROM_VERSION = "autotrainer.repaired_from_version"
TAG_REPAIRED_FROM_RUN_ID = "autotrainer.repaired_from_run_id"
TAG_VAL_ACCURACY = "autotrainer.val_accuracy"  # the model's own (original role)
TAG_VAL_LOSS = "autotrainer.val_loss"
TAG_VAL_ACCURACY_BEFORE = "autotrainer.val_accuracy_before"
TAG_VAL_ACCURACY_AFTER = "autotrainer.val_accuracy_after"
TAG_VAL_LOSS_BEFORE = "autotrainer.val_loss_before"
TAG_VAL_LOSS_AFTER = "autotrainer.val_loss_after"
TAG_JOB_RUN_ID = "autotrainer.job_run_id"  # the parent run that produced the version
ALIAS_REPAIRED = "repaired"  # points at the newest repaired version

# --- metrics --------------------------------------------------------------------------------
# Per epoch (step = epoch): the Keras log names themselves (loss, accuracy, val_loss, ...).
# Per check (step = check.step, the global optimizer step): "<stat>/<layer>".
GRAD_NORM = "grad_norm"
KERNEL_GRAD_NORM = "kernel_grad_norm"
ZERO_GRAD_FRACTION = "zero_grad_fraction"
WEIGHT_NORM = "weight_norm"
UPDATE_RATIO = "update_ratio"
DEAD_FRACTION = "dead_fraction"
LAYER_STATS = (
    GRAD_NORM,
    KERNEL_GRAD_NORM,
    ZERO_GRAD_FRACTION,
    WEIGHT_NORM,
    UPDATE_RATIO,
    DEAD_FRACTION,
)
MODEL_ZERO_GRAD_FRACTION = "model/zero_grad_fraction"  # over all parameters, per check
MODEL_NONFINITE = "model/nonfinite"  # 1.0 when NaN/Inf was seen since the last check
# end_attempt summary numbers, logged under these names at the attempt's last epoch step.
SUMMARY_METRICS = ("val_accuracy", "val_loss", "epochs_run", "seconds")

# --- artifacts ------------------------------------------------------------------------------
FINDINGS_DIR = "findings"  # findings/<problem>-epoch<k>.json on the attempt run
MODEL_NAMES = {ROLE_ORIGINAL: "original_model", ROLE_REPAIRED: "repaired_model"}
SPOOL_FILE = "mlflow-spool.jsonl"  # in the output dir: what could not be sent

# --- limits (mlflow.utils.validation) -------------------------------------------------------
MAX_METRICS_PER_BATCH = 1000
MAX_PARAMS_TAGS_PER_BATCH = 100
MAX_ENTITIES_PER_BATCH = 1000
MAX_PARAM_VALUE_LENGTH = 6000
MAX_TAG_VALUE_LENGTH = 8000
MAX_KEY_LENGTH = 250

_NOT_IN_NAME = re.compile(r"[^A-Za-z0-9_.\-]")
_NOT_IN_KEY = re.compile(r"[^A-Za-z0-9_.\-/]")


def clean_name(name: str) -> str:
    """One path segment of a key (a layer or log name): only `A-Za-z0-9_.-`, never `.`/`..`."""
    cleaned = _NOT_IN_NAME.sub("_", str(name)) or "_"
    if set(cleaned) == {"."}:
        cleaned = cleaned.replace(".", "_")
    return cleaned[:MAX_KEY_LENGTH]


def clean_key(key: str) -> str:
    """A metric/param key MLflow accepts: `A-Za-z0-9_.-/`, and a normalised relative path."""
    cleaned = _NOT_IN_KEY.sub("_", str(key))
    segments = [clean_name(s) for s in cleaned.split("/") if s]
    result = "/".join(segments) or "_"
    if posixpath.normpath(result) != result:  # pragma: no cover - segments are already clean
        result = result.replace("/", "_")
    return result[:MAX_KEY_LENGTH]


def layer_metric(stat: str, layer: str) -> str:
    """`<stat>/<layer>`, e.g. `grad_norm/dense_1`."""
    return f"{stat}/{clean_name(layer)}"[:MAX_KEY_LENGTH]


def finding_artifact(problem: str, epoch: int) -> str:
    """`findings/<problem>-epoch<k>.json`."""
    return f"{FINDINGS_DIR}/{clean_name(problem)}-epoch{int(epoch)}.json"


def tag_number(value: float) -> str:
    """A number as a tag value: full precision, `nan`/`inf` spelled out."""
    number = float(value)
    if math.isnan(number):
        return "nan"
    if math.isinf(number):
        return "inf" if number > 0 else "-inf"
    return repr(number)


# Tags a KFP task sets on every run of its job (tracking.tags), linking MLflow to the KFP run.
TAG_KFP_RUN_ID = "kfp.pipeline_run_id"
TAG_KFP_RUN_NAME = "kfp.pipeline_run_name"
TAG_KFP_TASK_ID = "kfp.task_id"
