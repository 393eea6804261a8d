"""The `autotrainer-keras` command line. Exit codes: 0 ran, 1 internal error, 2 bad input or usage,
3 the --fail-on condition holds, 130 interrupted (partial results written)."""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from autotrainer_keras.cli_runner import CliFlags, run_from_cli
from autotrainer_keras.errors import AutotrainerError
from autotrainer_keras.extras import require_kfp
from autotrainer_keras.redact import one_line, terminal_safe
from autotrainer_keras.version import __version__

EXIT_FAIL_ON = 3
DEFAULT_OUTPUT = Path("autotrainer-output")

app = typer.Typer(
    name="autotrainer-keras",
    help=(
        "Train a Keras model under watch, detect the five AutoTrainer training problems "
        "(vanishing/exploding gradients, dying ReLU, oscillating loss, slow convergence), "
        "repair them, and record everything in MLflow.\n\n"
        "Examples:\n\n"
        "  autotrainer-keras detect --model model.keras --data data.npz\n\n"
        "  autotrainer-keras run --model model.keras --data data.npz --config cfg.yaml "
        "--registered-model-name churn --fail-on unrepaired\n\n"
        "  autotrainer-keras report autotrainer-output\n\n"
        "  autotrainer-keras lineage churn\n\n"
        "  autotrainer-keras replay --output-dir autotrainer-output"
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


class ProfileChoice(StrEnum):
    default = "default"
    paper = "paper"


class FailOn(StrEnum):
    detected = "detected"
    unrepaired = "unrepaired"


ModelOpt = Annotated[
    Path, typer.Option("--model", "-m", help="Keras .keras or .h5 model file (only read)")
]
DataOpt = Annotated[
    Path,
    typer.Option(
        "--data",
        "-d",
        help=".npz with x_train, y_train[, x_val, y_val] "
        "(several inputs/outputs: x_train__<input>, y_train__<output>, ...)",
    ),
]
ConfigOpt = Annotated[
    Path | None, typer.Option("--config", "-c", help="YAML config (see docs/config.md)")
]
OutputOpt = Annotated[Path, typer.Option("--output", "-o", help="Output directory")]
ProfileOpt = Annotated[
    ProfileChoice | None,
    typer.Option("--profile", help="Detection/repair rules (default: from config, else default)"),
]
UriOpt = Annotated[
    str | None,
    typer.Option(
        "--tracking-uri", help="MLflow URI (default: MLFLOW_TRACKING_URI, else sqlite:///mlflow.db)"
    ),
]
ExperimentOpt = Annotated[
    str | None, typer.Option("--experiment", help="MLflow experiment (default: autotrainer)")
]
TrustOpt = Annotated[
    bool,
    typer.Option("--trust-model-code", help="Allow Lambda/custom layers (runs code from the file)"),
]
CustomObjectsOpt = Annotated[
    str | None,
    typer.Option(
        "--custom-objects",
        help="A .py file or module defining the model's own functions and classes (registered "
        "with keras.saving.register_keras_serializable, or a custom_objects dict); imported "
        "before the model loads; needs --trust-model-code",
    ),
]
NoTrackOpt = Annotated[bool, typer.Option("--no-tracking", help="Do not record to MLflow")]
TagOpt = Annotated[
    list[str] | None,
    typer.Option("--tag", help="KEY=VALUE tag on every MLflow run of the job (repeatable)"),
]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="Print only the final summary")]
VerboseOpt = Annotated[
    bool, typer.Option("--verbose", "-v", help="More detail; tracebacks on internal errors")
]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"autotrainer-keras {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version")
    ] = False,
) -> None:
    """autotrainer: a self-healing training step."""


def _job(flags: CliFlags) -> None:
    raise typer.Exit(run_from_cli(flags))


@app.command()
def detect(
    model: ModelOpt,
    data: DataOpt,
    config: ConfigOpt = None,
    output: OutputOpt = DEFAULT_OUTPUT,
    profile: ProfileOpt = None,
    tracking_uri: UriOpt = None,
    experiment: ExperimentOpt = None,
    trust_model_code: TrustOpt = False,
    custom_objects: CustomObjectsOpt = None,
    no_tracking: NoTrackOpt = False,
    tag: TagOpt = None,
    quiet: QuietOpt = False,
    verbose: VerboseOpt = False,
) -> None:
    """Train under watch and report the problems found (no repair). Writes DIR/report.json."""
    _job(
        CliFlags(
            repair=False, model=model, data=data, config=config, output=output,
            profile=profile.value if profile else None, tracking_uri=tracking_uri,
            experiment=experiment, trust=trust_model_code, no_tracking=no_tracking,
            custom_objects=custom_objects,
            tags=tuple(tag or ()), quiet=quiet, verbose=verbose,
        )
    )  # fmt: skip


@app.command()
def run(
    model: ModelOpt,
    data: DataOpt,
    config: ConfigOpt = None,
    output: OutputOpt = DEFAULT_OUTPUT,
    profile: ProfileOpt = None,
    tracking_uri: UriOpt = None,
    experiment: ExperimentOpt = None,
    registered_model_name: Annotated[
        str | None,
        typer.Option(
            "--registered-model-name", help="Register original and repaired models under this name"
        ),
    ] = None,
    max_attempts: Annotated[
        int | None,
        typer.Option(
            "--max-attempts", min=0, help="Repair attempts at most (default: from config)"
        ),
    ] = None,
    fail_on: Annotated[
        FailOn | None,
        typer.Option(
            "--fail-on", help="Exit 3 when problems were detected / remain unrepaired (CI gates)"
        ),
    ] = None,
    trust_model_code: TrustOpt = False,
    custom_objects: CustomObjectsOpt = None,
    no_tracking: NoTrackOpt = False,
    tag: TagOpt = None,
    quiet: QuietOpt = False,
    verbose: VerboseOpt = False,
) -> None:
    """Train under watch, detect, repair; write the final model, its config and the report."""
    _job(
        CliFlags(
            repair=True, model=model, data=data, config=config, output=output,
            profile=profile.value if profile else None, tracking_uri=tracking_uri,
            experiment=experiment, registered_model_name=registered_model_name,
            max_attempts=max_attempts, trust=trust_model_code, no_tracking=no_tracking,
            custom_objects=custom_objects,
            tags=tuple(tag or ()), quiet=quiet, verbose=verbose,
            fail_on=fail_on.value if fail_on else None,
        )
    )  # fmt: skip


@app.command()
def report(
    directory: Annotated[Path, typer.Argument(help="An output directory (or its report.json)")],
) -> None:
    """Show a saved report."""
    from autotrainer_keras.record.report_text import render_report_file

    typer.echo(terminal_safe(render_report_file(directory)))


@app.command()
def lineage(
    name: Annotated[str, typer.Argument(help="Registered model name")],
    tracking_uri: UriOpt = None,
) -> None:
    """Print a registered model's versions as a tree: originals and their repairs."""
    from autotrainer_keras.record.lineage import lineage_tree

    typer.echo(terminal_safe(lineage_tree(name, tracking_uri)))


@app.command()
def replay(
    output_dir: Annotated[
        Path, typer.Option("--output-dir", "-o", help="The job's output directory")
    ],
    tracking_uri: Annotated[
        str | None,
        typer.Option(
            "--tracking-uri",
            help="MLflow URI (default: the job's, from DIR/report.json; else as for run)",
        ),
    ] = None,
) -> None:
    """Send what MLflow did not get during a job (DIR/mlflow-spool.jsonl), then rename it;
    end as KILLED the runs a killed job left RUNNING (DIR/mlflow-runs.json)."""
    from autotrainer_keras.record.open_runs import close_left_open
    from autotrainer_keras.record.replay import render_result, replay_spool

    result = replay_spool(output_dir, tracking_uri)
    typer.echo(terminal_safe(render_result(result)))
    close_left_open(output_dir, lambda text: typer.echo(terminal_safe(text)), tracking_uri)


class PipelineChoice(StrEnum):
    ready = "ready"
    scaleout = "scaleout"


@app.command()
def submit(
    host: Annotated[str, typer.Option("--host", help="KFP endpoint, e.g. https://kfp.example.com")],
    model_uri: Annotated[str, typer.Option("--model-uri", help="Model URI (gs://, s3://, ...)")],
    dataset_uri: Annotated[str, typer.Option("--dataset-uri", help=".npz data URI")],
    pipeline: Annotated[
        PipelineChoice, typer.Option("--pipeline", help="ready: one step; scaleout: parallel")
    ] = PipelineChoice.ready,
    config: ConfigOpt = None,
    profile: ProfileOpt = None,
    tracking_uri: Annotated[
        str | None, typer.Option("--tracking-uri", help="MLflow URI (default: the ConfigMap's)")
    ] = None,
    experiment: ExperimentOpt = None,
    registered_model_name: Annotated[
        str | None, typer.Option("--registered-model-name", help="Register models under this")
    ] = None,
    max_attempts: Annotated[int | None, typer.Option("--max-attempts", min=0)] = None,
    fail_on: Annotated[
        FailOn | None, typer.Option("--fail-on", help="unrepaired: the pipeline's gate fails it")
    ] = None,
    kfp_experiment: Annotated[str | None, typer.Option("--kfp-experiment")] = None,
    run_name: Annotated[str | None, typer.Option("--run-name")] = None,
    namespace: Annotated[str | None, typer.Option("--namespace", help="KFP namespace")] = None,
    service_account: Annotated[str | None, typer.Option("--service-account")] = None,
    image: Annotated[str | None, typer.Option("--image", help="Image of the tasks")] = None,
    wait: Annotated[
        int | None, typer.Option("--wait", min=1, help="Wait up to N seconds for the run's end")
    ] = None,
) -> None:
    """Compile a pipeline and start a run on a KFP endpoint (exit 3: the run failed)."""
    require_kfp("autotrainer-keras submit", ("kfp", "kfp-kubernetes"))
    from autotrainer_keras.kfp import submit as kfp_submit

    raise typer.Exit(
        kfp_submit.submit_from_cli(
            host=host,
            pipeline=pipeline.value,
            model_uri=model_uri,
            dataset_uri=dataset_uri,
            config=config,
            profile=profile.value if profile else None,
            mlflow_tracking_uri=tracking_uri,
            experiment=experiment,
            registered_model_name=registered_model_name,
            max_attempts=max_attempts,
            fail_on=fail_on.value if fail_on else None,
            kfp_experiment=kfp_experiment,
            run_name=run_name,
            namespace=namespace,
            service_account=service_account,
            image=image,
            wait_seconds=wait,
        )
    )


@app.command()
def local(
    model: ModelOpt,
    data: DataOpt,
    config: ConfigOpt = None,
    profile: ProfileOpt = None,
    tracking_uri: UriOpt = None,
    experiment: ExperimentOpt = None,
    image: Annotated[str | None, typer.Option("--image", help="The component's image")] = None,
    pipeline_root: Annotated[
        Path, typer.Option("--pipeline-root", help="Where KFP writes the task's outputs")
    ] = Path("autotrainer-local"),
    fail_on: Annotated[
        FailOn | None, typer.Option("--fail-on", help="unrepaired: exit 3 when problems remain")
    ] = None,
) -> None:
    """Run the shipped component.yaml in its container here (Docker + kfp.local)."""
    require_kfp("autotrainer-keras local")
    from autotrainer_keras.kfp import local_docker
    from autotrainer_keras.kfp.interface import DEFAULT_IMAGE
    from autotrainer_keras.kfp.submit import read_config_text

    if fail_on not in (None, FailOn.unrepaired):
        raise typer.BadParameter("--fail-on: the component can only gate on 'unrepaired'")
    status, report = local_docker.run_local(
        model, data, image=image or DEFAULT_IMAGE, pipeline_root=pipeline_root,
        inputs={
            "config": read_config_text(config) if config else None,
            "profile": profile.value if profile else None,
            "mlflow_tracking_uri": tracking_uri, "experiment": experiment,
        },
    )  # fmt: skip
    print(f"autotrainer-keras local: status {status}; report in {report}", flush=True)
    raise typer.Exit(local_docker.exit_code_for(status, fail_on is FailOn.unrepaired))


def main() -> None:
    """Entry point: one-line errors, exit codes of the module docstring."""
    if "--verbose" not in sys.argv and "-v" not in sys.argv:
        os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")  # no TF INFO/WARNING lines (tf_quiet)
    try:
        code = app(standalone_mode=False)
    except AutotrainerError as error:
        print(f"autotrainer: error: {one_line(str(error))}", file=sys.stderr)
        sys.exit(error.exit_code)
    except SystemExit:
        raise
    except Exception as error:  # noqa: BLE001 - the CLI top: one line, exit 1
        # typer vendors click: its usage errors are typer.TyperException, not click's
        if isinstance(error, typer.TyperException):
            if type(error).__name__ == "NoArgsIsHelpError":  # a bare command: its help
                error.show()  # type: ignore[attr-defined]
                sys.exit(error.exit_code)
            ctx = getattr(error, "ctx", None)
            command = "autotrainer-keras" + (f" {ctx.info_name}" if ctx and ctx.parent else "")
            hint = f"; see '{command} --help'"
            message = one_line(error.format_message()).rstrip(".")
            print(f"autotrainer: error: {message}{hint}", file=sys.stderr)
            sys.exit(error.exit_code)
        if isinstance(error, typer.Abort):
            sys.exit(130)
        if "--verbose" in sys.argv or "-v" in sys.argv:
            raise
        print(
            f"autotrainer: internal error: {type(error).__name__}: {one_line(str(error))}",
            file=sys.stderr,
        )
        sys.exit(1)
    sys.exit(code if isinstance(code, int) else 0)
