"""Scale-out repair: the repair loop's first round with one candidate per task (pod, GPU).

    detect -> candidates -> evaluate_candidate (one per candidate, in parallel) -> select_best
    -> register_repaired

Each step reuses the single-step code: `prepare_job` + `execute` to detect, `plan_for` and
the operators to list candidates, `prepare_job` + `run_candidate` to train and judge one, the
repair loop's acceptance (`SOLVED`: no problem and, under `default`, better than the
original's best by `accept_margin`) and its keep-the-best rule to select. What crosses task
boundaries is plain JSON (the KFP layer passes it along). A candidate draws from the same
`attempt_rng(repair.seed, solution, try, round 1)` as in the single-step loop, so its params
are the same. Differences: one round only (a candidate showing another problem is not
repaired further), no shared wall-time budget (each candidate has its own pod), and only
`repair.order: plan` (the `random` baseline is the single-step loop's).
"""

from __future__ import annotations

import math
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from autotrainer.config import AutotrainerConfig
from autotrainer.config.tracking import TrackingConfig
from autotrainer.errors import InputError, Interrupted, ModelSpecError
from autotrainer.io.atomic import jsonable, write_atomic, write_json_atomic
from autotrainer.problems import Finding, Problem
from autotrainer.progress import Progress
from autotrainer.repair.operators import attempt_rng, get_operator
from autotrainer.repair.plans import plan_for
from autotrainer.repair.spec import TrainingSpec

if TYPE_CHECKING:  # the training steps import Keras when they run; listing and selecting do not
    from autotrainer.engine.attempt import AttemptResult, StopFlag
    from autotrainer.engine.job import JobRequest, PreparedJob

DETECTION_FILE = "detection.json"
ORIGINAL_MODEL = "original.keras"
CANDIDATE_FILE = "candidate.json"
CANDIDATE_MODEL = "model.keras"
NOT_APPLICABLE = "not_applicable"
SOLVED = "solved"  # engine.repair_loop.SOLVED (a test keeps them equal; importing it loads Keras)


def detect(request: JobRequest, progress: Progress, stop_flag: StopFlag | None = None) -> dict:
    """Train the original under watch (as `autotrainer detect`) and describe what was found.

    Writes the detect job's usual outputs, the trained original (`original.keras`, the
    weights at detection) and `detection.json` (the returned dict) to the output directory.
    """
    from autotrainer.engine.job import execute, prepare_job

    job = prepare_job(replace(request, repair=False), progress, stop_flag)
    result = execute(job, repair=False)
    original = job.ctx.original
    if original is None:  # pragma: no cover - execute sets it or raises
        raise RuntimeError("the original training did not run")
    write_atomic(job.out / ORIGINAL_MODEL, original.model.save)
    config = job.ctx.config
    detection = {
        "status": result.report["status"],
        "problem": original.findings[0].problem.value if original.findings else None,
        "profile": config.detection.profile,
        "target": original.best_score + config.repair.accept_margin,
        "spec": job.spec.to_dict(),
        "findings": [f.to_dict() for f in original.findings],
        "original": {
            "val_accuracy": original.val_accuracy,
            "val_loss": original.val_loss,
            "score": original.score,
            "seconds": original.seconds,
            "epochs_run": original.epochs_run,
        },
        "model_file": result.report["model_file"],
        "mlflow": result.report.get("mlflow") or {},
    }
    detection = jsonable(detection)
    write_json_atomic(job.out / DETECTION_FILE, detection)
    return detection


ROUND = 1  # scale-out runs the repair loop's first round


def _rng(config: AutotrainerConfig, candidate: dict) -> np.random.Generator:
    solution, try_index = str(candidate["solution"]), int(candidate["try"])
    return attempt_rng(config.repair.seed, solution, try_index, ROUND)


def candidates(detection: dict, config: AutotrainerConfig) -> list[dict]:
    """The candidates to evaluate: `plan_for(problem, profile)` expanded by tries, without the
    ones whose operator does not apply to the spec, at most `repair.max_attempts`.

    Returns:
        `[{"index": k, "solution": id, "try": j}, ...]`, k from 1; empty when healthy.
    """
    if config.repair.order != "plan":
        raise InputError("scale-out repair follows the plan: set repair.order: plan")
    if not detection.get("problem"):
        return []
    spec = TrainingSpec.from_dict(detection["spec"])
    found: list[dict] = []
    for solution, tries in plan_for(Problem(detection["problem"]), detection["profile"]):
        for try_index in range(tries):
            if len(found) >= config.repair.attempt_budget(detection["profile"]):
                return found
            candidate = {"index": len(found) + 1, "solution": solution, "try": try_index}
            try:
                get_operator(solution, detection["profile"]).apply(
                    spec, try_index, _rng(config, candidate)
                )
            except ModelSpecError:
                continue
            found.append(candidate)
    return found


def _untracked_registry(config: AutotrainerConfig) -> AutotrainerConfig:
    """Candidates log their model but do not register it: only the selected one is."""
    tracking = config.tracking.model_copy(update={"registered_model_name": None})
    return config.model_copy(update={"tracking": tracking})


def _stand_in_original(job: PreparedJob, detection: dict, model_path: Path) -> AttemptResult:
    """The original attempt as the detect task left it: its spec, findings, numbers, and
    trained model (the base of a warm start), for `run_candidate`."""
    from autotrainer.engine.attempt import AttemptResult, new_history
    from autotrainer.io.model_file import load_model

    numbers = detection["original"]
    final = {"loss": numbers.get("val_loss"), "accuracy": numbers.get("val_accuracy")}
    return AttemptResult(
        name="original",
        spec=job.spec,
        history=new_history(job.ctx.task, job.spec, job.ctx.data),
        findings=[Finding.from_dict(f) for f in detection["findings"]],
        model=load_model(model_path),
        seconds=float(numbers.get("seconds") or 0.0),
        extra={"final_metrics": {k: v for k, v in final.items() if v is not None}},
    )


def evaluate_candidate(
    request: JobRequest,
    detection: dict,
    candidate: dict,
    original_model: Path,
    progress: Progress,
    stop_flag: StopFlag | None = None,
) -> dict:
    """Train and judge one candidate with `run_candidate`, as its own MLflow job run.

    Writes `candidate.json` (the returned dict) and, when it trained, `model.keras` to the
    output directory. The MLflow job run is nested under the detect job's run.

    Raises:
        Interrupted: A signal stopped it (the MLflow run is ended KILLED first).
    """
    from autotrainer.engine.job import prepare_job
    from autotrainer.engine.repair_loop import judging_context, repaired_summary, run_candidate

    config = _untracked_registry(request.config)
    job = prepare_job(replace(request, config=config, repair=True), progress, stop_flag)
    ctx, index = job.ctx, int(candidate["index"])
    solution, try_index = str(candidate["solution"]), int(candidate["try"])
    ctx.original = original = _stand_in_original(job, detection, original_model)
    ctx = judging_context(ctx)
    ctx.sink.start_job(
        model_file=job.model_file,
        model_sha256=job.report["model_file"]["sha256"],
        params={"scaleout": {"candidate": index, "solution": solution, "try": try_index}},
    )
    target = detection["target"] if detection["target"] is not None else -math.inf
    status, attempt = "FAILED", None
    result: dict[str, Any] = {"index": index, "solution": solution, "try": try_index}
    try:
        attempt = run_candidate(
            ctx,
            original,
            Problem(detection["problem"]),
            solution,
            try_index,
            _rng(config, candidate),
            index=index,
            round_no=ROUND,
            target=target,
        )
        status = "KILLED" if ctx.stop_flag.requested else "FINISHED"
    finally:
        if attempt is None:
            nothing = {"FINISHED": NOT_APPLICABLE, "KILLED": "interrupted"}
            result["outcome"] = nothing.get(status, "error")
        else:
            result.update(attempt.to_dict(), score=attempt.result.score)
            result["summary"] = repaired_summary(original, attempt.result)
        result = jsonable(result)
        write_json_atomic(job.out / CANDIDATE_FILE, result)
        ctx.sink.log_artifacts(job.out)
        block = ctx.sink.end_job(status, result)
        result["mlflow"] = jsonable(block)
        _nest_under(block, detection, ctx.config.tracking.resolved_tracking_uri())
        if attempt is not None:
            write_atomic(job.out / CANDIDATE_MODEL, attempt.result.model.save)
        write_json_atomic(job.out / CANDIDATE_FILE, result)
    if ctx.stop_flag.requested:
        raise Interrupted(f"interrupted; partial results written to {job.out}")
    return result


def _nest_under(block: dict, detection: dict, uri: str) -> None:
    """Show the candidate's job run as a child of the detect job's run in MLflow (at `uri`:
    the block's own URI is redacted)."""
    parent, child = (detection.get("mlflow") or {}).get("run_id"), block.get("run_id")
    if not parent or not child or not block.get("tracking_uri"):
        return
    from mlflow import MlflowClient

    from autotrainer.record.mlflow_keys import MLFLOW_PARENT_RUN_ID

    try:
        MlflowClient(uri).set_tag(child, MLFLOW_PARENT_RUN_ID, parent)
    except Exception as error:  # noqa: BLE001 - tracking never fails a candidate
        print(f"autotrainer: warning: could not nest run {child}: {error}", flush=True)


def _score(item: dict) -> float:
    value = item.get("score")
    return -math.inf if value is None else float(value)


def select_best(detection: dict, results: list[dict]) -> tuple[str, dict | None]:
    """The repair loop's choice among evaluated candidates.

    Returns:
        ("repaired", the best-scoring solved candidate), else ("unrepaired", the best-scoring
        candidate, or None when the original scores at least as well, as the repair loop's
        `_finish` keeps it; under `paper` the best candidate is kept even when worse).
    """
    ordered = sorted(results, key=lambda r: int(r["index"]))
    solved = [r for r in ordered if r.get("outcome") == SOLVED]
    if solved:
        return "repaired", max(solved, key=_score)
    trained = [r for r in ordered if r.get("outcome") != NOT_APPLICABLE and "score" in r]
    best = max(trained, key=_score, default=None)
    if detection["profile"] == "paper" or best is None:
        return "unrepaired", best
    original = detection["original"].get("score")
    original_score = -math.inf if original is None else float(original)
    return "unrepaired", best if _score(best) > original_score else None  # a tie keeps it


def register_repaired(tracking: TrackingConfig, detection: dict, best: dict) -> str | None:
    """Register the selected candidate's logged model under `tracking.registered_model_name`
    with the registry lineage tags, and point the `repaired` alias at it.

    Returns:
        The new version, or None when there is no name or the model was not logged.
    """
    mlflow_block = best.get("mlflow") or {}
    model_uri = (mlflow_block.get("model_uris") or {}).get("repaired")
    name = tracking.registered_model_name
    if not name or not model_uri:
        return None
    from mlflow import MlflowClient

    from autotrainer.record import mlflow_keys as keys
    from autotrainer.record.mlflow_registry import (
        Origin,
        description,
        ensure_registered_model,
        version_tags,
    )

    uri = tracking.resolved_tracking_uri()
    client = MlflowClient(tracking_uri=uri, registry_uri=uri)
    original_runs = (detection.get("mlflow") or {}).get("attempt_run_ids") or {}
    origin = Origin(version=None, run_id=original_runs.get("original"))
    model_file = Path(str(detection["model_file"].get("path", ""))).name or None
    summary = best.get("summary") or {}
    tags = version_tags(
        keys.ROLE_REPAIRED,
        summary,
        model_file=model_file,
        model_sha256=detection["model_file"].get("sha256") or None,
        job_run_id=mlflow_block.get("run_id"),
        origin=origin,
    )
    ensure_registered_model(client, name)
    version = client.create_model_version(
        name=name,
        source=model_uri,
        run_id=(mlflow_block.get("attempt_run_ids") or {}).get(best.get("attempt", "")),
        tags=tags,
        description=description(keys.ROLE_REPAIRED, summary, origin, model_file),
        model_id=model_uri.removeprefix("models:/"),
    )
    client.set_registered_model_alias(name, keys.ALIAS_REPAIRED, str(version.version))
    return str(version.version)
