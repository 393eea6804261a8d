"""The component's entry point: KFP paths and values in, the `autotrainer-keras run` job in the
middle (a `JobRequest` for `engine.runner.execute`, in this process), KFP outputs out.

    python -m autotrainer_keras.kfp.launcher --model P --data P [--config-text YAML] [--profile X]
        ... --repaired-model P --report P --metrics P --status P [--executor-input JSON]

Each input maps to one `autotrainer-keras run` flag (autotrainer_keras.kfp.interface)
and one setting
(autotrainer_keras.kfp.settings); empty strings are left out so the config decides. The run's
output directory is the report artifact directory.
SIGTERM (pipeline cancellation) is handled by the run itself: the current training stops,
the MLflow run ends KILLED, what exists is written; the launcher then fills the outputs from
it (status `interrupted`) and exits 130. A SIGTERM before the run has started exits 130 too.
"""

from __future__ import annotations

import argparse
import signal
import sys
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import Any

from autotrainer_keras.config.tracking import parse_tags
from autotrainer_keras.engine.request import JobRequest, Mode, check_request
from autotrainer_keras.errors import AutotrainerError
from autotrainer_keras.io.atomic import write_text_atomic
from autotrainer_keras.kfp import outputs, paths
from autotrainer_keras.kfp.interface import (
    ARTIFACT_INPUTS,
    EXECUTOR_INPUT_FLAG,
    OUTPUTS,
    PARAMETER_INPUTS,
)
from autotrainer_keras.kfp.settings import omitted, settings_from_values
from autotrainer_keras.kfp.summary import markdown_of, metrics_of, mlflow_links, status_of
from autotrainer_keras.progress import PlainProgress

EXIT_INTERRUPTED = 130


@dataclass(frozen=True)
class LaunchResult:
    """What the launcher did: the CLI's exit code and the values written to the outputs."""

    exit_code: int  # as `autotrainer-keras run` would exit
    status: str
    metrics: dict[str, float]


def parser() -> argparse.ArgumentParser:
    """The launcher's arguments, generated from the interface."""
    parse = argparse.ArgumentParser(
        prog="python -m autotrainer_keras.kfp.launcher",
        description="Run `autotrainer-keras run` for a KFP task and fill the task's outputs.",
    )
    for item in ARTIFACT_INPUTS:
        parse.add_argument(item.flag, dest=item.name, required=True, help=item.description)
    for param in PARAMETER_INPUTS:
        parse.add_argument(
            param.cli, dest=param.name, type=param.type, default=param.default,
            help=param.description,
        )  # fmt: skip
    for out in OUTPUTS:
        parse.add_argument(out.flag, dest=out.name, required=True, help=out.description)
    parse.add_argument(
        EXECUTOR_INPUT_FLAG, dest="executor_input", default=None,
        help="KFP executor input JSON ({{$}}): artifact metadata is written where it says",
    )  # fmt: skip
    return parse


def job_request(values: dict[str, Any], run_dir: Path, scratch: Path) -> JobRequest:
    """The `autotrainer-keras run` job for the launcher's values: files resolved (into `scratch`
    when an artifact needs a link), settings from the config text and the other inputs
    (`kfp.settings`: inputs win, a disagreement is an error), the KFP ids as MLflow tags,
    outputs to `run_dir`."""
    settings = settings_from_values(values)
    tags = parse_tags(
        [
            f"{param.tag_key}={values.get(param.name)}"
            for param in PARAMETER_INPUTS
            if param.tag_key is not None and not omitted(param, values.get(param.name))
        ]
    )  # checked as the `--tag` flag checks them
    if tags:
        tracking_tags = {**settings.tracking.tags, **tags}
        settings = settings.with_overrides(tracking__tags=tracking_tags)
    return JobRequest(
        Mode.REPAIR,
        paths.model_file(values["model"], scratch),
        paths.data_file(values["dataset"]),
        settings,
        output_dir=run_dir,
    )


def run_job(request: JobRequest) -> int:
    """Run the job in this process as `autotrainer-keras run` would; return its exit code.

    Prints the job's summary (stdout) or a one-line error (stderr), like the CLI.
    """
    from autotrainer_keras.engine.runner import execute
    from autotrainer_keras.record.report_text import render_summary

    checked = check_request(request)
    try:
        result = execute(checked, PlainProgress(), handle_signals=True)
    except AutotrainerError as error:
        print(f"autotrainer: error: {error}", file=sys.stderr, flush=True)
        return error.exit_code
    except Exception as error:  # noqa: BLE001 - the launcher's top: one line, exit 1
        print(f"autotrainer: internal error: {type(error).__name__}: {error}", file=sys.stderr)
        return 1
    print(render_summary(result.report, result.report_path), flush=True)
    return 0


class _Cancelled(KeyboardInterrupt):
    """SIGTERM/SIGINT before the run installed its own handler."""


@contextmanager
def _cancellable() -> Iterator[None]:
    """Until the run takes over signals (and after it gives them back), SIGTERM cancels."""

    def cancel(signum: int, frame: FrameType | None) -> None:
        raise _Cancelled

    previous = {sig: signal.signal(sig, cancel) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def launch(values: dict[str, Any]) -> LaunchResult:
    """Run the job for the launcher's values and fill every output path given in them."""
    report_dir = Path(values["report"])
    code, cancelled = EXIT_INTERRUPTED, False
    with tempfile.TemporaryDirectory(prefix="autotrainer-launcher-") as tmp:
        try:
            with _cancellable():
                code = run_job(job_request(values, report_dir, Path(tmp)))
        except _Cancelled:
            cancelled = True
        except AutotrainerError as error:
            print(f"autotrainer: error: {error}", file=sys.stderr)
            code = error.exit_code
        with _ignoring_signals():
            report = outputs.read_report(report_dir)
            status = status_of(report, cancelled=cancelled or code == EXIT_INTERRUPTED)
            metrics = metrics_of(report)
            outputs.write_model_dir(report_dir, Path(values["repaired_model"]))
            report_dir.mkdir(parents=True, exist_ok=True)
            outputs.write_metrics_file(Path(values["metrics"]), metrics)
            outputs.write_report_html(report_dir, Path(values["report_html"]))
            write_text_atomic(Path(values["report_markdown"]), markdown_of(report))
            strings = {"status": status, **mlflow_links(report)}
            for name, value in strings.items():
                outputs.write_parameter_file(Path(values[name]), value)
            if values.get("executor_input"):
                outputs.write_executor_output(values["executor_input"], metrics, strings)
    print(f"autotrainer launcher: status {status}, exit code {code}", file=sys.stderr)
    return LaunchResult(code, status, metrics)


@contextmanager
def _ignoring_signals() -> Iterator[None]:
    """Writing the outputs takes moments: let a late SIGTERM wait for it."""
    previous = {sig: signal.signal(sig, signal.SIG_IGN) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def main(argv: Sequence[str] | None = None) -> int:
    """Parse the launcher's arguments, launch, return the exit code."""
    values = vars(parser().parse_args(argv))
    return launch(values).exit_code


if __name__ == "__main__":
    sys.exit(main())
