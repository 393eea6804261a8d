"""The Python API for notebooks and scripts: `autotrainer.fit`, shaped like `model.fit`.

It runs the same engine as the CLI (`engine.runner.execute` of a `JobRequest`) on a model
object and arrays instead of files, and writes the same outputs (report.json,
report.html, plots, model.keras and final_config.yaml when repairing) to `output_dir`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from autotrainer.engine.request import DEFAULT_OUTPUT, JobRequest, Mode
from autotrainer.problems import Finding

if TYPE_CHECKING:
    import keras
    import numpy as np

    from autotrainer.config import AutotrainerConfig
    from autotrainer.detect import Detector

__all__ = ["DEFAULT_OUTPUT", "FitResult", "fit"]


@dataclass(frozen=True)
class FitResult:
    """What `fit` returns.

    Attributes:
        status: "healthy", "detected" (repair=False), "repaired" or "unrepaired".
        findings: The problems detected in the original training, first one first.
        repairs: One record per repair attempt (attempt, solution, params, outcome, metrics).
        model: The model the job ended with: the accepted repair, else the best model seen
            (`report["final"]["attempt"]` names it; "original" means the object passed to
            `fit`, trained).
        report: The report.json document.
        report_path: Path of report.json.
        output_dir: Where every output was written.
    """

    status: str
    findings: list[Finding]
    repairs: list[dict[str, Any]]
    model: keras.Model | None
    report: dict[str, Any] = field(repr=False)
    report_path: Path
    output_dir: Path

    @property
    def html_path(self) -> Path | None:
        """Path of report.html, if it was written."""
        path = self.output_dir / "report.html"
        return path if path.is_file() else None

    @property
    def repaired(self) -> bool:
        return self.status == "repaired"

    def summary(self) -> str:
        """The few lines the CLI prints after a job."""
        from autotrainer.record.report_text import render_summary

        return render_summary(self.report, self.report_path)

    def _repr_html_(self) -> str:
        return f"<pre>{escape(self.summary())}</pre>"


def _config(
    config: AutotrainerConfig | dict[str, Any] | str | Path | None,
) -> AutotrainerConfig:
    from autotrainer.config import AutotrainerConfig, config_from_dict, load_config
    from autotrainer.errors import InputError

    if config is None or isinstance(config, str | Path):
        return load_config(config)
    if isinstance(config, AutotrainerConfig):
        return config
    if isinstance(config, dict):
        return config_from_dict(config, origin="config")
    raise InputError(
        f"config must be an AutotrainerConfig, a dict or a YAML file path, "
        f"got {type(config).__name__}"
    )


def _tracking(tracking: bool | str | None) -> dict[str, Any]:
    if tracking is None:
        return {}
    if isinstance(tracking, bool):
        return {"tracking__enabled": tracking}
    return {"tracking__enabled": True, "tracking__tracking_uri": tracking}


def fit(
    model: keras.Model,
    x: np.ndarray,
    y: np.ndarray,
    validation_data: tuple[np.ndarray, np.ndarray] | None = None,
    epochs: int | None = None,
    batch_size: int | None = None,
    config: AutotrainerConfig | dict[str, Any] | str | Path | None = None,
    profile: str | None = None,
    repair: bool = True,
    output_dir: str | Path | None = None,
    tracking: bool | str | None = None,
    verbose: bool = True,
    detector: Detector | None = None,
) -> FitResult:
    """Train `model` under watch, detect training problems, repair them (like `model.fit`).

    The model is trained in place, as `model.fit` would: the original training updates
    `model`'s weights (and compiles it with the resolved optimizer, loss and metrics). Repair
    candidates are new models built from its config; the one accepted (or, when none is, the
    best model seen, which may be a candidate) is returned as `result.model`, so always use
    `result.model` afterwards, not `model`. Outputs go to `output_dir` only.

    Args:
        model: A Keras 3 model (compiled or not; its compile settings are the defaults).
        x: Training inputs, one row per sample.
        y: Training targets.
        validation_data: `(x_val, y_val)`; None: `training.validation_split` of `x` is held out.
        epochs: Epoch budget of one training; None: `training.epochs` of the config.
        batch_size: None: `training.batch_size` of the config.
        config: An `AutotrainerConfig`, a dict of config sections, or a YAML file path;
            None: the defaults.
        profile: Detection/repair rules, "default" or "paper"; None: from the config.
        repair: False: only train and detect (the CLI's `detect`); True: also repair (`run`).
        output_dir: Where outputs go; None: ./autotrainer-output.
        tracking: None: as configured (MLflow at MLFLOW_TRACKING_URI, else ./mlflow.db);
            False: no MLflow; True: on; a string: on, with that tracking URI.
        verbose: Print one line per epoch, finding and attempt to stderr.
        detector: The detector to judge the trainings (None: the profile's; any object with
            the `autotrainer.detect.Detector` methods).

    Returns:
        A FitResult with the status, findings, repair attempts, final model and report.

    Raises:
        InputError: The model, data, config or output directory is unusable (nothing
            trained; the message names what was received and what is allowed).
        Interrupted: SIGINT/SIGTERM stopped the job; partial results were written.
    """
    from autotrainer.engine.runner import execute
    from autotrainer.io.data import dataset_from_arrays
    from autotrainer.progress import NullProgress, PlainProgress

    settings = _config(config).with_overrides(
        training__epochs=epochs,
        training__batch_size=batch_size,
        detection__profile=profile,
        **_tracking(tracking),
    )
    arrays = {"x_train": x, "y_train": y}
    if validation_data is not None:
        arrays["x_val"], arrays["y_val"] = _pair(validation_data)
    training = settings.training
    data = dataset_from_arrays(arrays, training.validation_split, training.seed, origin="fit()")
    request = JobRequest(
        Mode.REPAIR if repair else Mode.DETECT,
        _keras_model(model),
        data,
        settings,
        output_dir=Path(output_dir) if output_dir is not None else DEFAULT_OUTPUT,
        model_label=f"<in-memory model {getattr(model, 'name', '')}>",
        data_label="<arrays passed to fit()>",
    )
    # a notebook's "interrupt kernel" stops gracefully (signal handlers: main thread only)
    result = execute(
        request,
        PlainProgress() if verbose else NullProgress(),
        detector=detector,
        handle_signals=True,
    )
    return FitResult(
        status=result.status,
        findings=list(result.findings),
        repairs=[attempt.to_dict() for attempt in result.attempts],
        model=result.final_model,
        report=result.report,
        report_path=result.report_path,
        output_dir=result.output_dir,
    )


def _pair(validation_data: Any) -> tuple[Any, Any]:
    from autotrainer.errors import InputError

    if not isinstance(validation_data, tuple | list) or len(validation_data) != 2:
        raise InputError("fit(): validation_data must be a pair (x_val, y_val)")
    return validation_data[0], validation_data[1]


def _keras_model(model: Any) -> keras.Model:
    import keras

    from autotrainer.errors import InputError

    if not isinstance(model, keras.Model):
        raise InputError(f"fit(): model must be a keras.Model, got {type(model).__name__}")
    return model
