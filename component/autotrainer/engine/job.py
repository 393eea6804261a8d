"""One autotrainer job: load and check inputs, train under watch, repair, write everything.

Whatever happens (bad input aside), the output directory ends up with a report.json that says
how far the job got; the user's model file is only ever read.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import keras

from autotrainer.config import AutotrainerConfig
from autotrainer.engine import outputs
from autotrainer.engine.attempt import AttemptResult, StopFlag
from autotrainer.engine.compiled import resolve_loss_config
from autotrainer.engine.context import JobContext
from autotrainer.engine.repair_loop import continued_summary, full_training_seconds, repair
from autotrainer.engine.report_builder import attempt_summary, base_report, curves
from autotrainer.engine.setup import LOSS_TASKS, check_data_fits, resolve_loss, resolve_metrics
from autotrainer.engine.setup_check import make_setup_check
from autotrainer.errors import InputError, Interrupted, ModelSpecError
from autotrainer.io.atomic import prepare_output_dir
from autotrainer.io.data import Dataset, load_dataset
from autotrainer.io.model_file import load_model, sha256_of
from autotrainer.progress import Progress
from autotrainer.record.sink import NullSink, Sink
from autotrainer.repair import keras_spec
from autotrainer.repair.spec import TrainingSpec


@dataclass(frozen=True)
class JobRequest:
    """What the CLI, the Python API or the KFP launcher asks for."""

    model_path: Path
    data_path: Path
    output_dir: Path
    config: AutotrainerConfig
    repair: bool  # False: `detect` (train and report); True: `run` (also repair)
    trust_model_code: bool = False


@dataclass
class JobResult:
    report: dict[str, Any]
    report_path: Path
    final_model: keras.Model | None


def _make_sink(config: AutotrainerConfig, output_dir: Path) -> Sink:
    if not config.tracking.enabled:
        return NullSink()
    from autotrainer.record.mlflow_sink import make_sink

    return make_sink(config.tracking, output_dir)


def _flat_params(config: AutotrainerConfig) -> dict[str, Any]:
    flat: dict[str, Any] = {}

    def walk(prefix: str, node: Any) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                walk(f"{prefix}.{key}" if prefix else str(key), value)
        else:
            flat[prefix] = node

    data = config.model_dump(mode="json")
    profile = data["detection"]["profile"]
    for section, values in data.items():
        if section == "detection":
            keep = {"profile", "stop_on_detection", profile}
            keep |= {"preflight"} if profile == "default" else set()
            values = {k: v for k, v in values.items() if k in keep}
        walk(section, values)
    return flat


@dataclass
class PreparedJob:
    """Checked inputs and collaborators, ready to train."""

    model: keras.Model
    spec: TrainingSpec
    ctx: JobContext
    report: dict[str, Any]
    out: Path
    model_file: Path


def prepare_loaded(
    model: keras.Model,
    data: Dataset,
    config: AutotrainerConfig,
    output_dir: Path,
    *,
    command: str,
    model_file: Path,
    data_file: str,
    progress: Progress,
    stop_flag: StopFlag | None = None,
    sink: Sink | None = None,
    callbacks: list[keras.callbacks.Callback] | None = None,
) -> PreparedJob:
    """Check a loaded model against loaded data and set up a job (no training yet).

    `callbacks`: the caller's Keras callbacks, passed to every training of the job.
    """
    from autotrainer.detect import make_detector

    out = prepare_output_dir(output_dir)
    if not model.built:
        model.build((None, *data.x_train.shape[1:]))
    loss = resolve_loss(model, config.training.loss, data.y_train)
    check_data_fits(model, data, loss)
    setup = make_setup_check(config, data)  # pre-flight checks (default profile only)
    task = setup.task_for(model, loss, LOSS_TASKS[loss]) if setup else LOSS_TASKS[loss]
    metrics = resolve_metrics(model, config.training.metrics, task)
    spec = keras_spec.spec_from_model(
        model, config.training, loss=loss, metrics=metrics, seed=config.training.seed,
        loss_config=resolve_loss_config(model, config.training.loss),
    )
    try:
        keras_spec.make_callbacks(spec)
    except ModelSpecError as error:
        raise InputError(f"config training.callbacks: {error}") from None
    digest = sha256_of(model_file) if model_file.is_file() else ""
    report = base_report(
        command=command,
        profile=config.detection.profile,
        task=task.value,
        model_file={"path": str(model_file), "sha256": digest},
        data_file=data_file,
    )
    report["output_dir"] = str(out)
    detector = make_detector(config.detection)
    ctx = JobContext(
        data,
        task,
        config,
        detector,
        sink or _make_sink(config, out),
        progress,
        stop_flag or StopFlag(),
        setup=setup,
        user_callbacks=list(callbacks or []),
    )
    return PreparedJob(model, spec, ctx, report, out, model_file)


def prepare_job(
    request: JobRequest,
    progress: Progress,
    stop_flag: StopFlag | None = None,
    sink: Sink | None = None,
) -> PreparedJob:
    """Load and check the request's files and set up the job."""
    config = request.config
    prepare_output_dir(request.output_dir)
    model = load_model(request.model_path, trust_code=request.trust_model_code)
    data = load_dataset(request.data_path, config.training.validation_split, config.training.seed)
    return prepare_loaded(
        model,
        data,
        config,
        request.output_dir,
        command="run" if request.repair else "detect",
        model_file=request.model_path,
        data_file=str(request.data_path),
        progress=progress,
        stop_flag=stop_flag,
        sink=sink,
    )


def run_job(
    request: JobRequest,
    progress: Progress,
    stop_flag: StopFlag | None = None,
    sink: Sink | None = None,
) -> JobResult:
    """Run a detect or run job end to end. Raises InputError on bad input, Interrupted on signal."""
    return execute(prepare_job(request, progress, stop_flag, sink), repair=request.repair)


def execute(job: PreparedJob, repair: bool) -> JobResult:
    """Train the original under watch, repair if asked, and write every output."""
    ctx, report, spec, progress = job.ctx, job.report, job.spec, job.ctx.progress
    sink = ctx.sink
    started = time.perf_counter()
    status = "FAILED"
    final: AttemptResult | None = None
    try:
        sink.start_job(
            model_file=job.model_file,
            model_sha256=report["model_file"]["sha256"],
            params=_flat_params(ctx.config),
        )
        progress.attempt_started("original", 0, 0, f"{spec.epochs} epochs, batch {spec.batch_size}")
        original = ctx.train("original", job.model, spec, {"attempt": "original"})
        ctx.original = original
        _record_original(report, original)
        problems = [f.problem.value for f in original.findings]
        summary = {**attempt_summary(original), "problems": problems}
        if repair:
            summary["registered_uri"] = sink.log_model(
                original.model,
                "original",
                {**summary, "status": "faulty" if problems else "healthy"},
            )
        verdict = "detected" if problems else "healthy"
        sink.end_attempt(verdict, summary)
        progress.attempt_finished("original", verdict, summary)
        final = original
        report["status"] = verdict
        if repair:
            final = _repair_phase(ctx, report, original)
            report["timing"]["full_training_seconds"] = round(full_training_seconds(original), 3)
        if ctx.setup is not None:
            report["timing"]["preflight_seconds"] = round(ctx.setup.seconds, 4)
        report["interrupted"] = ctx.stop_flag.requested
        status = "KILLED" if report["interrupted"] else "FINISHED"
    finally:
        report["timing"]["total_seconds"] = round(time.perf_counter() - started, 3)
        if status == "FAILED":
            report["status"] = "error" if report["status"] == "running" else report["status"]
        outputs.write_all(job.out, report, final, ctx, repair, status)
    if report["interrupted"]:
        raise Interrupted(f"interrupted; partial results written to {job.out}")
    return JobResult(report, job.out / outputs.REPORT, final.model if final else None)


def _record_original(report: dict[str, Any], original: AttemptResult) -> None:
    report["detections"] = [{**f.to_dict(), "attempt": "original"} for f in original.findings]
    report["original"] = {
        **attempt_summary(original),
        "best_val_accuracy": original.best_score if original.history.task.has_accuracy else None,
        "best_val_loss": None if original.history.task.has_accuracy else -original.best_score,
    }
    report["timing"]["original_seconds"] = round(original.seconds, 3)
    report["curves"]["original"] = curves(original)


def _repair_phase(
    ctx: JobContext, report: dict[str, Any], original: AttemptResult
) -> AttemptResult:
    if not original.findings:
        report["status"] = "healthy"
        return original
    if not ctx.config.repair.enabled or ctx.stop_flag.requested:
        report["status"] = "unrepaired"
        return original
    started = time.perf_counter()
    outcome = repair(ctx, original, original.findings[0])
    report["repairs"] = [attempt.to_dict() for attempt in outcome.attempts]
    for attempt in outcome.attempts:
        report["curves"][attempt.result.name] = curves(attempt.result)
    if outcome.continued is not None:
        report["original"]["continued"] = continued_summary(original, outcome.continued)
        report["curves"][outcome.continued.name] = curves(outcome.continued)
    report["status"] = "repaired" if outcome.solved else "unrepaired"
    report["repair_stop_reason"] = outcome.stop_reason
    seconds = time.perf_counter() - started
    report["timing"]["repair_seconds"] = round(seconds, 3)
    report["timing"]["repair_time_ratio"] = round(
        seconds / max(full_training_seconds(original), 1e-9), 3
    )
    return outcome.final or original
