"""Scale-out repair: the repair loop's first round with one candidate per task (pod, GPU).

    detect -> candidates -> evaluate_candidate (one per candidate, in parallel) -> select_best
    -> register_repaired

Each step reuses the single-step code: `runner.prepare` + `job.run` to detect, the repair
policy (`repair/policy.py`: candidates, the outcome of each, the choice of the final model)
and the operators to list candidates, `runner.prepare` + `run_candidate` to train and judge
one, the policy's acceptance (`Outcome.SOLVED`: no problem and, under `default`, better than
the original's best by `accept_margin`) and its keep-the-best rule to select. Registry writes
go through the record layer (`record.mlflow_registry`: retried, spooled when MLflow is down).
What crosses task boundaries is plain JSON (the KFP layer passes it along). A candidate
draws from the same `attempt_rng(repair.seed, solution, try, round 1)` as in the single-step
loop, so its params are the same. Differences: one round only (a candidate showing another
problem is not repaired further), no shared wall-time budget (each candidate has its own pod),
and only `repair.order: plan` (the `random` baseline is the single-step loop's).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from autotrainer_keras.config import AutotrainerConfig
from autotrainer_keras.config.tracking import TrackingConfig
from autotrainer_keras.errors import InputError, Interrupted, ModelSpecError
from autotrainer_keras.io.atomic import jsonable, write_atomic, write_json_atomic
from autotrainer_keras.problems import Finding, parse_problem
from autotrainer_keras.progress import Progress
from autotrainer_keras.record.summary import AttemptSummary
from autotrainer_keras.repair import policy
from autotrainer_keras.repair.operators import attempt_rng, get_operator
from autotrainer_keras.repair.operators.lr_default import rate_to_default
from autotrainer_keras.repair.plans import (
    data_to_fix,
    evidence_for_plan,
    shuffled_first,
    suspected_first,
)
from autotrainer_keras.repair.policy import Outcome
from autotrainer_keras.repair.spec import TrainingSpec
from autotrainer_keras.repair.warm_start import InitialWeights

if TYPE_CHECKING:  # the training steps import Keras when they run; listing and selecting do not
    from autotrainer_keras.engine.attempt import AttemptResult, StopFlag
    from autotrainer_keras.engine.job import PreparedJob
    from autotrainer_keras.engine.request import JobRequest

DETECTION_FILE = "detection.json"
ORIGINAL_MODEL = "original.keras"
CANDIDATE_FILE = "candidate.json"
CANDIDATE_MODEL = "model.keras"
NOT_APPLICABLE = "not_applicable"


def detect(request: JobRequest, progress: Progress, stop_flag: StopFlag | None = None) -> dict:
    """Train the original under watch (as `autotrainer-keras detect`) and describe what was found.

    Writes the detect job's usual outputs, the trained original (`original.keras`, the
    weights at detection) and `detection.json` (the returned dict; `original`: the original's
    `AttemptSummary.to_dict()`) to the output directory.
    """
    from autotrainer_keras.engine.acceptance import acceptance_target, final_margin
    from autotrainer_keras.engine.attempt_summary import summarize
    from autotrainer_keras.engine.job import run
    from autotrainer_keras.engine.request import Mode
    from autotrainer_keras.engine.runner import prepare

    job = prepare(request.with_mode(Mode.DETECT), progress, stop_flag=stop_flag)
    result = run(job)
    original = job.ctx.original
    if original is None:  # pragma: no cover - execute sets it or raises
        raise RuntimeError("the original training did not run")
    write_atomic(job.out / ORIGINAL_MODEL, original.model.save)
    config = job.ctx.config
    detection = {
        "status": result.status,
        "problem": original.findings[0].problem.value if original.findings else None,
        "profile": config.detection.profile,
        "target": acceptance_target(original, config.repair),
        "final_margin": final_margin(original, config.repair),
        "spec": job.spec.to_dict(),
        "original": summarize(original).to_dict(),
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
        `[{"index": k, "solution": id, "try": j}, ...]`, k from 1; empty when healthy, or when
        the validation data must be fixed first (`plans.data_to_fix`).
    """
    if config.repair.order != "plan":
        raise InputError("scale-out repair follows the plan: set repair.order: plan")
    if not detection.get("problem"):
        return []
    spec = TrainingSpec.from_dict(detection["spec"])
    found: list[dict] = []
    detections = list(original_summary(detection).detections)
    if data_to_fix(detections) is not None:  # the validation rows must change first
        return []
    problem = parse_problem(detection["problem"])
    plan = shuffled_first(suspected_first(
        policy.candidates(
            problem, detection["profile"], "plan",
            config.repair.seed, ROUND, evidence_for_plan(detections),
        ),
        detections, rate_to_default(spec), config.repair.stall_rate_factor,
    ), spec.shuffle or detection["profile"] == "paper", problem)  # fmt: skip
    for solution, tries in plan:
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


def original_summary(detection: dict) -> AttemptSummary:
    """The original training as the detect task described it."""
    return AttemptSummary.from_dict(detection["original"], "original")


def _untracked_registry(config: AutotrainerConfig) -> AutotrainerConfig:
    """Candidates log their model but do not register it: only the selected one is."""
    tracking = config.tracking.model_copy(update={"registered_model_name": None})
    return config.model_copy(update={"tracking": tracking})


def _stand_in_original(job: PreparedJob, detection: dict, model_path: Path) -> AttemptResult:
    """The original attempt as the detect task left it: its spec, findings, numbers, and
    trained model (the base of a warm start), for `run_candidate`."""
    from autotrainer_keras.engine.attempt import AttemptResult, new_history
    from autotrainer_keras.io.model_file import load_model

    numbers = original_summary(detection)
    final = {"loss": numbers.val_loss, "accuracy": numbers.val_accuracy}
    return AttemptResult(
        name="original",
        spec=job.spec,
        history=new_history(job.ctx.task, job.spec, job.ctx.data),
        findings=list(numbers.detections),
        model=load_model(model_path),
        seconds=numbers.seconds,
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
    from autotrainer_keras.engine.repair_loop import judging_context, run_candidate
    from autotrainer_keras.engine.request import Mode
    from autotrainer_keras.engine.runner import prepare

    config = _untracked_registry(request.config)
    job = prepare(replace(request, config=config, mode=Mode.REPAIR), progress, stop_flag=stop_flag)
    ctx, index = job.ctx, int(candidate["index"])
    solution, try_index = str(candidate["solution"]), int(candidate["try"])
    if config.repair.warm_start == "initial":  # the request's model is the user's, untrained
        ctx.initial = InitialWeights.of(job.model, job.spec.model)
    ctx.original = original = _stand_in_original(job, detection, original_model)
    ctx = judging_context(ctx)
    ctx.sink.start_job(
        model_file=job.model_file,
        model_sha256=job.report.header.model_sha256,
        params={"scaleout": {"candidate": index, "solution": solution, "try": try_index}},
    )
    target = detection["target"] if detection["target"] is not None else -math.inf
    status, attempt = "FAILED", None
    result: dict[str, Any] = {"index": index, "solution": solution, "try": try_index}
    try:
        attempt = run_candidate(
            ctx,
            original,
            parse_problem(detection["problem"]),
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
            result.update(attempt.summary().to_dict())
        result = jsonable(result)
        write_json_atomic(job.out / CANDIDATE_FILE, result)
        ctx.sink.log_artifacts(job.out, [CANDIDATE_FILE])
        block = ctx.sink.end_job(status, result)
        result["mlflow"] = jsonable(block)
        _nest_under(config.tracking, block, detection)
        if attempt is not None:
            write_atomic(job.out / CANDIDATE_MODEL, attempt.result.model.save)
        write_json_atomic(job.out / CANDIDATE_FILE, result)
    if ctx.stop_flag.requested:
        raise Interrupted(f"interrupted; partial results written to {job.out}")
    return result


def _nest_under(tracking: TrackingConfig, block: dict, detection: dict) -> None:
    """Show the candidate's job run as a child of the detect job's run in MLflow (at the
    configured URI: the block's own URI is redacted)."""
    parent, child = (detection.get("mlflow") or {}).get("run_id"), block.get("run_id")
    if not parent or not child or not block.get("tracking_uri"):
        return
    from autotrainer_keras.record.scaleout_registry import nest_run

    nest_run(tracking, tracking.resolved_tracking_uri(), str(child), str(parent))


def _score(item: dict) -> float:
    value = item.get("score")
    return -math.inf if value is None else float(value)


@dataclass(frozen=True)
class _Evaluated:
    """A candidate's (or the original's) result as the policy sees it."""

    item: dict | None
    name: str
    score: float
    best_score: float
    findings: list[Finding]


def _evaluated(item: dict) -> _Evaluated:
    return _Evaluated(item, str(item.get("attempt", "")), _score(item), _score(item), [])


@dataclass(frozen=True)
class _Judged:
    """A candidate's verdict as the policy sees it (`policy.Tried`)."""

    outcome: str
    result: _Evaluated


def withdrawn(detection: dict, results: list[dict]) -> list[dict]:
    """The original's findings its candidates' retraining disproved (`policy.withdraws`, as
    in the single-step job: only pre-flight suspicions about a training setting, none of the
    candidates accepted, one of them judged), as report.json `withdrawn[]` entries; empty
    when nothing is withdrawn."""
    original = original_summary(detection)
    verdicts = [_Judged(str(r.get("outcome", "")), _evaluated(r)) for r in results]
    accepted = any(v.outcome == Outcome.SOLVED for v in verdicts)
    target = detection.get("target")
    target = math.inf if target is None else float(target)
    if not policy.withdraws(list(original.detections), verdicts, accepted, "", target):
        return []
    best = max((r for r in results if r.get("outcome") in policy.VERDICTS), key=_score)
    by_accuracy = original.val_accuracy is not None  # scores: accuracy, or minus the loss
    metric, sign = ("validation accuracy", 1.0) if by_accuracy else ("validation loss", -1.0)
    theirs = "unknown" if original.score is None else f"{sign * original.score:.4g}"
    why = (
        f"training showed no problem, and retrained with `{best.get('solution')}` the model "
        f"reached a {metric} of {sign * _score(best):.4g} against the original's {theirs}: "
        "the setting was not what held it back"
    )
    return [{**f.to_dict(), "withdrawn_because": why} for f in original.detections]


def select_best(detection: dict, results: list[dict]) -> tuple[str, dict | None]:
    """The policy's choice among evaluated candidates (`policy.choose_final`).

    Returns:
        ("repaired", the best-scoring solved candidate); ("healthy", None) when the
        original's findings are withdrawn (`withdrawn`: the original is kept); else
        ("unrepaired", the best-scoring candidate, or None when it does not score more than
        `final_margin` above the original, as the repair loop keeps it; under `paper` the
        best candidate is kept even when worse).
    """
    ordered = sorted(results, key=lambda r: int(r["index"]))
    solved = [r for r in ordered if r.get("outcome") == Outcome.SOLVED]
    if solved:
        return "repaired", max(solved, key=_score)
    if withdrawn(detection, ordered):
        return "healthy", None
    trained = [
        _evaluated(r) for r in ordered if r.get("outcome") != NOT_APPLICABLE and "score" in r
    ]
    original_score = original_summary(detection).score
    score = -math.inf if original_score is None else original_score
    original = _Evaluated(None, "original", score, score, [])
    paper = detection["profile"] == "paper"
    margin = float(detection.get("final_margin", 0.0))  # absent in an older detection.json
    best = policy.choose_final(original, [original], trained, paper, margin)
    return "unrepaired", best.item


def register_repaired(
    tracking: TrackingConfig, detection: dict, best: dict, output_dir: Path | None = None
) -> str | None:
    """Register the selected candidate's logged model under `tracking.registered_model_name`
    with the registry lineage tags, and point the `repaired` alias at it (through the record
    layer: retried; spooled to `output_dir`, default the working directory, when it fails).

    Returns:
        The new version, or None when there is no name, the model was not logged, or the
        registry could not be reached.
    """
    mlflow_block = best.get("mlflow") or {}
    model_uri = (mlflow_block.get("model_uris") or {}).get("repaired")
    if not tracking.registered_model_name or not model_uri:
        return None
    from autotrainer_keras.record.scaleout_registry import register_version

    original_runs = (detection.get("mlflow") or {}).get("attempt_run_ids") or {}
    return register_version(
        tracking,
        model_uri=str(model_uri),
        run_id=(mlflow_block.get("attempt_run_ids") or {}).get(best.get("attempt", "")),
        summary=AttemptSummary.from_dict(best),
        original=original_summary(detection),
        model_file=Path(str(detection["model_file"].get("path", ""))).name or None,
        model_sha256=detection["model_file"].get("sha256") or None,
        job_run_id=mlflow_block.get("run_id"),
        origin_run_id=original_runs.get("original"),
        output_dir=output_dir or Path.cwd(),
    )
