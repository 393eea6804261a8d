"""One autotrainer job: set up from a checked request, train under watch, repair, write.

Whatever happens (bad input aside), the output directory ends up with a report.json that says
how far the job got; the user's model file is only ever read. Callers use
`engine.runner.execute`; this module holds its two halves, `prepare_loaded` and `run`.
"""

from __future__ import annotations

import time
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import keras
import numpy as np

from autotrainer_keras.config import AutotrainerConfig
from autotrainer_keras.detect.detector import Detector, make_detector
from autotrainer_keras.engine import outputs
from autotrainer_keras.engine.attempt import AttemptResult, StopFlag
from autotrainer_keras.engine.attempt_summary import continued_summary, curves, summarize
from autotrainer_keras.engine.callback_modes import checkpoint_warnings
from autotrainer_keras.engine.candidate_stops import full_training_seconds
from autotrainer_keras.engine.compiled import is_own_loss, resolve_loss_config
from autotrainer_keras.engine.config_round_trip import unkept_settings_error
from autotrainer_keras.engine.context import JobContext
from autotrainer_keras.engine.label_map_check import label_map_finding
from autotrainer_keras.engine.lost_state import (
    is_user_subclass,
    lost_settings_warning,
    own_steps_warning,
)
from autotrainer_keras.engine.missing_targets import check_missing_targets
from autotrainer_keras.engine.more_epochs import more_epochs
from autotrainer_keras.engine.output_checks import OutputChecks, make_output_checks
from autotrainer_keras.engine.output_setup import (
    check_outputs_fit,
    is_multi_output,
    output_names,
    resolve_outputs,
    unwrap_single,
)
from autotrainer_keras.engine.rate_schedules import steering_callback_names, stopping_callback_names
from autotrainer_keras.engine.repair_loop import RepairAttempt, repair
from autotrainer_keras.engine.request import CheckedRequest, Mode
from autotrainer_keras.engine.result import JobResult
from autotrainer_keras.engine.setup import (
    check_data_fits,
    check_inputs_fit,
    check_token_ids,
    resolve_loss,
    resolve_metrics,
    task_of,
)
from autotrainer_keras.engine.setup_check import SetupCheck, make_setup_check
from autotrainer_keras.engine.withdrawal import withdraw_if_disproved
from autotrainer_keras.errors import InputError, Interrupted, ModelSpecError
from autotrainer_keras.io.arrays import first, is_named
from autotrainer_keras.io.data import Dataset, load_dataset
from autotrainer_keras.io.model_file import load_model_with_notes, sha256_of
from autotrainer_keras.measure.history import Task, TrainingHistory
from autotrainer_keras.measure.layer_map import layer_config
from autotrainer_keras.progress import Progress
from autotrainer_keras.record.recorder import Recorder
from autotrainer_keras.record.report_model import ReportBuilder, ReportHeader
from autotrainer_keras.record.sink import NullSink, Sink
from autotrainer_keras.repair import keras_spec
from autotrainer_keras.repair.spec import TrainingSpec
from autotrainer_keras.repair.warm_start import InitialWeights


def _make_sink(config: AutotrainerConfig, output_dir: Path) -> Sink:
    if not config.tracking.enabled:
        return NullSink()
    from autotrainer_keras.record.mlflow_sink import make_sink

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

    mode: Mode
    model: keras.Model
    spec: TrainingSpec
    ctx: JobContext
    report: ReportBuilder
    out: Path
    model_file: Path
    not_trained: str = ""
    """Why Keras cannot train the original as given (a label encoding the loss cannot take,
    which a set-up repair fixes); "" when it can."""


def _inputs(checked: CheckedRequest) -> tuple[keras.Model, Dataset, Path, str, tuple[str, ...]]:
    """The request's model and data, loaded when given as files, how the report names them,
    and what was translated to read a Keras 2 model file (`io/legacy_h5.py`)."""
    request, training = checked.request, checked.request.config.training
    notes: tuple[str, ...] = ()
    if isinstance(request.model, Path):
        model, notes = load_model_with_notes(request.model, trust_code=request.trust_model_code)
        model_file = request.model
    else:
        if not isinstance(request.model, keras.Model):
            kind = type(request.model).__name__
            raise InputError(f"model must be a keras.Model or a model file path, got {kind}")
        model = request.model
        model_file = Path(request.model_label or f"<in-memory model {model.name}>")
    if isinstance(request.data, Path):
        data = load_dataset(request.data, training.validation_split, training.seed)
        data_file = str(request.data)
    else:
        data, data_file = request.data, request.data_label or "<in-memory data>"
    return model, data, model_file, data_file, notes


def _refuse_unconfigurable(model: keras.Model) -> None:
    """Refuse a model with a layer of the user's own whose `get_config` Keras cannot give
    (its constructor takes arguments Keras did not record): such a model cannot be saved,
    copied or rebuilt, so the job could neither repair it nor write it out; or a loss or
    metric of the user's own whose config rebuilds another (`config_round_trip`).

    Raises:
        InputError: Naming the first such layer and what it needs.
    """
    unkept = unkept_settings_error(model)
    if unkept is not None:
        raise InputError(f"model: {unkept}")
    for layer in model._flatten_layers(include_self=False):  # noqa: SLF001 - nested models
        if not layer_config(layer):  # a config always holds the layer's name
            kind = type(layer).__name__
            raise InputError(
                f"model: layer '{layer.name}' ({kind}) has no get_config(), so Keras can "
                f"neither save nor rebuild the model; give {kind} a get_config() that returns "
                "its constructor arguments (the Keras guide on custom layers), or watch the "
                "model in your own fit with autotrainer_keras.keras.Watch"
            )


def prepare_loaded(
    checked: CheckedRequest,
    progress: Progress,
    *,
    stop_flag: StopFlag | None = None,
    sink: Sink | None = None,
    detector: Detector | None = None,
) -> PreparedJob:
    """Load the request's inputs, check the model against the data, set up the job."""
    config, out = checked.request.config, checked.out
    model, data, model_file, data_file, load_notes = _inputs(checked)
    if not model.built and not is_named(data.x_train):
        model.build((None, *first(data.x_train).shape[1:]))
    if not getattr(model, "outputs", None):
        raise InputError(
            f"model: {type(model).__name__} is a subclassed keras.Model with no layer graph; "
            "the job needs a Sequential or functional model (repairs rebuild it from its "
            "config): watch a subclassed model in your own fit with autotrainer_keras.keras.Watch"
        )
    _refuse_unconfigurable(model)
    data = unwrap_single(model, data)
    not_trained = unlossed = ""
    if is_multi_output(model):
        spec, unlossed = _multi_output_spec(model, data, config)
        task = Task.MULTI_OUTPUT
        setup: SetupCheck | OutputChecks | None = make_output_checks(config, data, model)
    else:
        assert isinstance(data.y_train, np.ndarray)
        loss = resolve_loss(model, config.training.loss, data.y_train)
        # pre-flight checks (default profile; one output; named inputs each on their own)
        setup = make_setup_check(config, data, model, tuple(checked.request.callbacks))
        repairing = checked.request.mode is Mode.REPAIR and config.repair.enabled
        loss_config = resolve_loss_config(model, config.training.loss)
        not_trained = _fits_or_repairable(
            model, data, loss, setup if repairing else None, loss_config
        )
        task = task_of(loss, data.y_train)
        task = setup.task_for(model, loss, task) if setup else task
        metrics = resolve_metrics(model, config.training.metrics, task, data.y_train)
        spec = keras_spec.spec_from_model(
            model,
            config.training,
            loss=loss,
            metrics=metrics,
            seed=config.training.seed,
            loss_config=loss_config,
        )
    # the user's own model object, or a file they trust: Lambda layers rebuild with their code
    trusted = checked.request.trust_model_code or not isinstance(checked.request.model, Path)
    given = checked.request.callbacks
    spec = spec.evolve(trust_code=trusted, user_schedules=steering_callback_names(given),
                       user_stops=stopping_callback_names(given))  # fmt: skip
    missing = keras_spec.unregistered_classes(spec.model)
    if missing and checked.request.mode is Mode.REPAIR and config.repair.enabled:
        raise InputError(
            f"model: {', '.join(missing)} cannot be found again when the model is rebuilt "
            "from its config (not registered with Keras), and every repair rebuilds it: "
            "decorate the class with @keras.saving.register_keras_serializable() (with a "
            "get_config for its arguments), detect only (repair=False), or watch your own "
            "model.fit with autotrainer_keras.keras.Watch"
        )
    try:
        keras_spec.make_callbacks(spec)
    except ModelSpecError as error:
        raise InputError(f"config training.callbacks: {error}") from None
    lost = _lost_settings(model, spec) if not missing else ""
    digest = sha256_of(model_file) if model_file.is_file() else ""
    report = ReportBuilder(
        ReportHeader(
            command=checked.request.mode.command,
            profile=config.detection.profile,
            task=task.value,
            model_path=str(model_file),
            model_sha256=digest,
            data_file=data_file,
            output_dir=str(out),
        )
    )
    warned_setup = [lost, unlossed, own_steps_warning(model), *checkpoint_warnings(given)]
    for warned in filter(None, warned_setup):
        progress.message(f"warning: {warned}")
        report.warnings.append(warned)
        warnings.warn(warned, UserWarning, stacklevel=2)
    for note in (*checked.request.notes, *load_notes):
        progress.message(f"note: {note}")
        report.warnings.append(note)
    ctx = JobContext(
        data,
        task,
        config,
        detector or make_detector(config.detection),
        Recorder(sink or _make_sink(config, out), progress),
        stop_flag or StopFlag(),
        setup=setup,
        user_callbacks=list(checked.request.callbacks),
    )
    return PreparedJob(checked.request.mode, model, spec, ctx, report, out, model_file,
                       not_trained)  # fmt: skip


def _lost_settings(model: keras.Model, spec: TrainingSpec) -> str:
    """The warning about settings of a user's model class that its rebuilt copies lose
    (`lost_state`; "" for Keras' own classes, or when the copy cannot be built here: the
    original's training then names that)."""
    if not is_user_subclass(model):
        return ""
    try:
        rebuilt = keras_spec.build_model(spec)
    except ModelSpecError:
        return ""
    return lost_settings_warning(model, rebuilt)


def _fits_or_repairable(
    model: keras.Model,
    data: Dataset,
    loss: str,
    setup: SetupCheck | None,
    loss_config: dict[str, Any] | None = None,
) -> str:
    """ "" when the data can train `model` under `loss`; else, when a set-up repair makes the
    labels fit (`SetupCheck.repairs_refusal`; repair jobs only: `setup` None otherwise), the
    refusal's text: the original is then not trained and the repair starts from it.

    Raises:
        InputError: The data cannot train the model and no set-up repair fixes that.
    """
    check_token_ids(model, data.x_train)  # ids off an Embedding's table: never repaired
    check_token_ids(model, data.x_val, "validation data")
    check_missing_targets(model, data, is_own_loss(loss_config))  # never repaired
    try:
        check_data_fits(model, data, loss, loss_config)
    except InputError as error:
        check_inputs_fit(model, data.x_train)  # inputs that do not fit: never repaired
        if setup is not None and setup.repairs_refusal(model, loss, data):
            return str(error)
        raise
    return ""


def _multi_output_spec(
    model: keras.Model, data: Dataset, config: AutotrainerConfig
) -> tuple[TrainingSpec, str]:
    """The spec of a multi-output model: per-output losses, loss weights and metrics (the
    task `multi_output`; its pre-flight checks run per output: `OutputChecks`), and the
    warning about outputs compiled without a loss ("" when none)."""
    training = config.training
    outputs = resolve_outputs(model, training.loss, training.metrics, data.y_train)
    check_outputs_fit(model, data, outputs)
    spec = keras_spec.spec_from_model(
        model, training, loss=outputs.names[output_names(model)[0]], metrics=[],
        seed=training.seed, output_losses=outputs.losses, loss_weights=outputs.loss_weights,
        output_metrics=outputs.metrics,
    )  # fmt: skip
    return spec, outputs.unlossed_warning()


def run(job: PreparedJob) -> JobResult:
    """Train the original under watch, repair if asked, and write every output.

    Raises:
        Interrupted: A signal stopped the job (the outputs were written first).
    """
    ctx, builder = job.ctx, job.report
    repairing = job.mode is Mode.REPAIR
    started = time.perf_counter()
    status = "FAILED"
    final: AttemptResult | None = None
    attempts: list[RepairAttempt] = []
    try:
        ctx.sink.start_job(
            model_file=job.model_file,
            model_sha256=builder.header.model_sha256,
            params=_flat_params(ctx.config),
        )
        original = _train_original(job, repairing)
        final = original
        builder.status = "detected" if original.findings else "healthy"
        if repairing:
            final, attempts = _repair_phase(ctx, builder, original)
            builder.set_timing(full_training_seconds=round(full_training_seconds(original), 3))
        if ctx.setup is not None:
            builder.set_timing(preflight_seconds=round(ctx.setup.seconds, 4))
        status = "FINISHED"
    finally:
        interrupted = ctx.stop_flag.requested
        if interrupted:
            status = "KILLED"
        builder.set_timing(total_seconds=round(time.perf_counter() - started, 3))
        report = outputs.write_all(
            job.out, builder, final if repairing else None, ctx, status, interrupted=interrupted
        )
    if interrupted:
        raise Interrupted(f"interrupted; partial results written to {job.out}")
    return JobResult(
        mode=job.mode,
        status=report.status,
        findings=list(ctx.original.findings) if ctx.original else [],
        attempts=attempts,
        final_model=final.model if final else None,
        final_attempt=final.name if final else None,
        interrupted=False,
        output_dir=job.out,
        report=report.to_dict(),
    )


def _not_trained(job: PreparedJob) -> AttemptResult:
    """The original as Keras cannot train it: its pre-flight findings, no epoch, no score
    (every candidate that trains without a problem beats it)."""
    ctx, spec = job.ctx, job.spec
    assert ctx.setup is not None
    findings = ctx.setup.check(job.model, spec)
    for finding in findings:
        ctx.recorder.finding(finding)
    history = TrainingHistory(
        task=ctx.task,
        epochs_budget=spec.epochs,
        steps_per_epoch=max(1, -(-ctx.data.n_train // spec.batch_size)),
    )
    return AttemptResult("original", spec, history, ctx.setup.merge(findings, []), job.model,
                         0.0, extra={"not_trained": job.not_trained})  # fmt: skip


def _train_original(job: PreparedJob, repairing: bool) -> AttemptResult:
    ctx, spec, sink = job.ctx, job.spec, job.ctx.sink
    description = f"{spec.epochs} epochs, batch {spec.batch_size}"
    if job.not_trained:
        description = f"not trained, Keras cannot train it as given ({job.not_trained})"
    params = {"attempt": "original"}
    if repairing and ctx.config.repair.warm_start == "initial":
        ctx.initial = InitialWeights.of(job.model, spec.model)  # before it trains
    with ctx.recorder.attempt("original", params, index=0, total=0, description=description) as at:
        if job.not_trained:
            original = _not_trained(job)
        else:
            ctx.original_training = training = ctx.start("original", job.model, spec)
            training.fit(spec.epochs)
            training.judge_early_end()
            original = ctx.result_of(training)
            _read_validation_labels(ctx, original)
        ctx.original = original
        summary = summarize(original)
        job.report.original_trained(summary, curves(original))
        if repairing and not job.not_trained:
            sink.log_model(original.model, "original", summary)
        verdict = "detected" if original.findings else "healthy"
        at.finish(verdict, summary, interrupted=original.interrupted)
    return original


def _read_validation_labels(ctx: JobContext, original: AttemptResult) -> None:
    """Default profile: name validation labels encoded apart from the training labels when
    training showed a problem on the validation curves (`engine.label_map_check`)."""
    if ctx.config.detection.profile != "default" or not ctx.task.has_accuracy:
        return
    found = label_map_finding(original.model, ctx.data, original.findings,
                              ctx.config.detection.default)  # fmt: skip
    if found is not None:
        original.findings.append(found)
        ctx.recorder.finding(found)


def _repair_phase(
    ctx: JobContext, builder: ReportBuilder, original: AttemptResult
) -> tuple[AttemptResult, list[RepairAttempt]]:
    if not original.findings:
        builder.status = "healthy"
        extended = more_epochs(ctx, original) if ctx.config.repair.enabled else None
        if extended is None:
            return original, []
        for attempt in extended.attempts:  # status stays healthy: no problem was found
            builder.attempt_trained(attempt.summary(), curves(attempt.result))
        builder.repair_stop_reason = extended.stop_reason
        return extended.final or original, extended.attempts
    if not ctx.config.repair.enabled or ctx.stop_flag.requested:
        builder.status = "unrepaired"
        return original, []
    started = time.perf_counter()
    outcome = repair(ctx, original, original.findings[0])
    for attempt in outcome.attempts:
        builder.attempt_trained(attempt.summary(), curves(attempt.result))
    if outcome.continued is not None:
        continued = continued_summary(original, outcome.continued)
        builder.original_continued(continued, curves(outcome.continued))
    builder.repair_ended(
        outcome.solved,
        outcome.stop_reason,
        seconds=time.perf_counter() - started,
        full=full_training_seconds(original),
    )
    if ctx.unbuilt and not outcome.attempts:
        builder.warnings.append(
            f"no repair candidate could be built from the model's config ({len(ctx.unbuilt)} "
            f"skipped), e.g. {ctx.unbuilt[0]}; register your own layers and functions with "
            "keras.saving.register_keras_serializable so Keras finds them by name"
        )
    withdraw_if_disproved(ctx, builder, original, outcome)
    return outcome.final or original, outcome.attempts
