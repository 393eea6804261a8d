"""Writing a job's outputs: final model, final config, plots, report; then closing tracking."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from autotrainer_keras.io.atomic import write_atomic, write_json_atomic, write_text_atomic

if TYPE_CHECKING:
    from autotrainer_keras.engine.attempt import AttemptResult
    from autotrainer_keras.engine.context import JobContext

REPORT = "report.json"
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
    report: dict[str, Any],
    final: AttemptResult | None,
    ctx: JobContext,
    repair: bool,
    run_status: str,
) -> list[str]:
    """Write everything the job has, even after a failure, then close the MLflow job.

    Only the files written here are uploaded to MLflow (never the whole directory, which may
    hold the user's files). Returns their names.
    """
    from autotrainer_keras.record import plots
    from autotrainer_keras.record.html_report import HTML, write_html_report

    written: list[str] = []
    if repair and final is not None:
        write_atomic(out / MODEL, final.model.save)
        config_data = ctx.config.model_dump(mode="json")
        write_text_atomic(out / FINAL_CONFIG, final_config_yaml(config_data, final))
        written += [MODEL, FINAL_CONFIG]
        report["final"] = {
            "attempt": final.name,
            "val_accuracy": final.val_accuracy,
            "val_loss": final.val_loss,
            "model_path": str(out / MODEL),
            "config_path": str(out / FINAL_CONFIG),
            "solutions": list(final.spec.applied),
        }
    images = plots.render_plots(report)
    report["plots"] = plots.write_plots(out, report, images)
    written += report["plots"]
    write_json_atomic(out / REPORT, report)
    written.append(REPORT)
    try:
        write_html_report(out, report, images)
        written.append(HTML)
    except Exception as error:  # noqa: BLE001 - a page for people must not lose the records
        report["warnings"].append(f"report.html not written: {type(error).__name__}: {error}")
    ctx.sink.log_artifacts(out, written)
    report["mlflow"] = ctx.sink.end_job(run_status, report)
    write_json_atomic(out / REPORT, report)
    return written
