"""From CLI flags to a job: config overrides, progress view, summary, exit code."""

from __future__ import annotations

import sys
from dataclasses import dataclass, replace
from pathlib import Path

from autotrainer_keras.config import load_config
from autotrainer_keras.config.tracking import parse_tags
from autotrainer_keras.engine.request import JobRequest, Mode, check_request
from autotrainer_keras.extras import require_tensorflow, require_tensorflow_backend
from autotrainer_keras.io.user_objects import check_source, import_objects
from autotrainer_keras.progress import NullProgress, PlainProgress, Progress
from autotrainer_keras.redact import terminal_safe

EXIT_OK, EXIT_FAIL_ON = 0, 3


def make_progress(quiet: bool, verbose: bool) -> Progress:
    """Live view on a terminal, one line per epoch and attempt in logs, nothing when quiet."""
    if quiet:
        return NullProgress()
    if sys.stderr.isatty():
        from autotrainer_keras.progress_live import LiveProgress

        return LiveProgress(verbose=verbose)
    return PlainProgress()


def fail_on_holds(status: str, fail_on: str | None) -> bool:
    if fail_on == "unrepaired":
        return status == "unrepaired"
    if fail_on == "detected":
        return status in ("detected", "repaired", "unrepaired")
    return False


@dataclass(frozen=True)
class CliFlags:
    """The flags of `autotrainer-keras detect` / `run`, as the command line gave them."""

    repair: bool
    model: Path
    data: Path
    config: Path | None = None
    output: Path = Path("autotrainer-output")
    profile: str | None = None
    tracking_uri: str | None = None
    experiment: str | None = None
    registered_model_name: str | None = None
    max_attempts: int | None = None
    trust: bool = False
    custom_objects: str | None = None
    no_tracking: bool = False
    tags: tuple[str, ...] = ()
    quiet: bool = False
    verbose: bool = False
    fail_on: str | None = None


def run_from_cli(flags: CliFlags) -> int:
    """Run a job for the CLI; return the exit code."""
    if flags.custom_objects is not None:  # refused before anything runs
        check_source(flags.custom_objects, flags.trust)
    settings = load_config(flags.config)
    extra_tags = parse_tags(flags.tags)
    settings = settings.with_overrides(
        tracking__tags={**settings.tracking.tags, **extra_tags} if extra_tags else None,
        detection__profile=flags.profile,
        tracking__tracking_uri=flags.tracking_uri,
        tracking__experiment=flags.experiment,
        tracking__registered_model_name=flags.registered_model_name,
        tracking__enabled=False if flags.no_tracking else None,
        repair__max_attempts=flags.max_attempts,
    )
    if settings.tracking.enabled:
        settings.tracking.resolved_tracking_uri()  # MLFLOW_TRACKING_URI checked now, not later
    request = JobRequest(
        Mode.REPAIR if flags.repair else Mode.DETECT,
        flags.model,
        flags.data,
        settings,
        output_dir=flags.output,
        trust_model_code=flags.trust,
    )
    command = f"autotrainer-keras {'run' if flags.repair else 'detect'}"
    require_tensorflow(command)  # before the output directory is made
    checked = check_request(request)  # fail fast, before TensorFlow is imported (seconds)
    from autotrainer_keras.engine.runner import execute
    from autotrainer_keras.signals import abort_on_signals

    progress = make_progress(flags.quiet, flags.verbose)
    try:
        with abort_on_signals():  # importing TensorFlow: nothing to keep, stop at once
            from autotrainer_keras.tf_quiet import import_tensorflow

            import_tensorflow(verbose=flags.verbose)
        require_tensorflow_backend(command)
        if flags.custom_objects is not None:
            with abort_on_signals():  # the user's code, before the model loads
                objects = import_objects(flags.custom_objects)
            checked = replace(checked, request=replace(checked.request, custom_objects=objects))
        result = execute(checked, progress, handle_signals=True)
    finally:
        progress.close()
    from autotrainer_keras.record.report_text import render_summary

    print(terminal_safe(render_summary(result.report, result.report_path)), flush=True)
    return EXIT_FAIL_ON if fail_on_holds(result.status, flags.fail_on) else EXIT_OK
