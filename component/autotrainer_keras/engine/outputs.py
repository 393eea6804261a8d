"""Writing a job's outputs: final model, final config, plots, report; then closing tracking."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from autotrainer_keras.engine.attempt_summary import summarize
from autotrainer_keras.io.atomic import write_atomic, write_text_atomic
from autotrainer_keras.record.report_model import (
    REPORT_FILE,
    FinalModel,
    JobReport,
    ReportBuilder,
    write_report,
)

if TYPE_CHECKING:
    from autotrainer_keras.engine.attempt import AttemptResult
    from autotrainer_keras.engine.context import JobContext

REPORT = REPORT_FILE
MODEL = "model.keras"
FINAL_CONFIG = "final_config.yaml"


def final_config_yaml(config_data: dict[str, Any], final: AttemptResult) -> str:
    """A config file that retrains the final model as it was trained (with its model file)."""
    spec = final.spec
    training = dict(config_data["training"])
    per_output = spec.output_losses is not None  # model.keras is compiled with them: None
    training.update(
        epochs=spec.epochs,
        batch_size=spec.batch_size,
        optimizer=dict(spec.optimizer),
        loss=None if per_output else spec.loss_config or spec.loss,  # the whole loss object
        metrics=None if per_output else list(spec.metrics),
        seed=spec.seed,
        shuffle=spec.shuffle,
        callbacks=[dict(c) for c in spec.callbacks],
    )
    header = (
        "# Training config of the final model, from autotrainer_keras.\n"
        f"# Solutions applied: {', '.join(spec.applied) or 'none'}\n"
        f"# Retrain: autotrainer-keras run --model {MODEL} --data <data.npz> "
        f"--config {FINAL_CONFIG}\n"
    )
    return header + yaml.safe_dump({**config_data, "training": training}, sort_keys=False)


def write_all(
    out: Path,
    builder: ReportBuilder,
    final: AttemptResult | None,
    ctx: JobContext,
    run_status: str,
    *,
    interrupted: bool,
) -> JobReport:
    """Write everything the job has, even after a failure, and close the MLflow job.

    Order: the final model and its config (repair mode: `final`), the plots, the end of the
    tracking job (its block goes into the report), report.html, then report.json, written
    once (`record.report_model.write_report`), also when tracking raised. Only the files
    written here are uploaded to MLflow (never the whole directory, which may hold the
    user's files). Returns the report as written.
    """
    from autotrainer_keras.record import plots
    from autotrainer_keras.record.html_report import HTML, write_html_report

    written: list[str] = []
    if final is not None:
        write_atomic(out / MODEL, final.model.save)
        config_data = ctx.config.model_dump(mode="json")
        write_text_atomic(out / FINAL_CONFIG, final_config_yaml(config_data, final))
        written += [MODEL, FINAL_CONFIG]
        builder.final = FinalModel(
            summary=summarize(final),
            model_path=str(out / MODEL),
            config_path=str(out / FINAL_CONFIG),
            solutions=tuple(final.spec.applied),
        )
    report = builder.build(interrupted=interrupted, failed=run_status == "FAILED")
    images = plots.render_plots(report.to_dict())
    report = report.with_plots(plots.write_plots(out, report.to_dict(), images))
    written += report.plots
    try:
        report = report.with_mlflow(ctx.sink.end_job(run_status, report.to_dict()))
    finally:
        try:
            write_html_report(out, report, images)
            written.append(HTML)
        except Exception as error:  # noqa: BLE001 - a page for people must not lose the records
            report = report.with_warning(
                f"report.html not written: {type(error).__name__}: {error}"
            )
        write_report(out, report)
        written.append(REPORT)
    ctx.sink.log_artifacts(out, written)
    return report
