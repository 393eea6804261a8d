"""MLflow for `autotrainer_keras.keras.Watch`: findings (and metrics, if asked) of a user's fit.

Where it logs: with `tracking=True`, into the active MLflow run (the user's own, or the one
`mlflow.autolog()` opened for this `fit`), else into a new run at the current tracking URI;
with a URI, into a new run there (the process-wide tracking URI is left alone). Recording never
stops a training: the first failed call prints one warning and turns tracking off. Each call
runs under the job's bound on MLflow's own HTTP timeout and retries (`tracking.http_*`):
MLflow's defaults retry an unreachable server for minutes before the first call fails.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from typing import Any

from autotrainer_keras.measure.history import CheckRecord
from autotrainer_keras.problems import Finding
from autotrainer_keras.record import mlflow_keys as keys

TAG_WATCH_STATUS = "autotrainer.watch_status"  # healthy | detected (set at the end of fit)
WATCH_RUN_NAME = "autotrainer-watch"


class WatchTracker:
    """Sends one watched training to MLflow; every method is a no-op once tracking failed.

    Args:
        tracking: True (the active run, else a new one at the current URI) or a tracking URI.
        experiment: Experiment of a new run (ignored when logging into the active run).
        log_metrics: Also log epoch logs and per-check layer statistics.
        warn: Prints one warning line.
        http_timeout_seconds, http_max_retries: MLflow's per-request bounds during each call.
    """

    def __init__(
        self,
        tracking: bool | str,
        experiment: str,
        log_metrics: bool,
        warn: Callable[[str], None],
        http_timeout_seconds: int = 10,
        http_max_retries: int = 0,
    ) -> None:
        self._tracking = tracking
        self._http = (http_timeout_seconds, http_max_retries)
        self._experiment = experiment
        self._log_metrics = log_metrics
        self._warn = warn
        self._client: Any = None
        self.run_id: str | None = None
        self._owns_run = False
        self._problems: list[str] = []

    def start(self, model_name: str, params: dict[str, Any]) -> None:
        """Find or open the run and tag it with the watch's settings."""

        def open_run() -> None:
            import mlflow

            active = mlflow.active_run() if self._tracking is True else None
            if active is not None:
                self._client = mlflow.MlflowClient(mlflow.get_tracking_uri())
                self.run_id = active.info.run_id
            else:
                uri = None if self._tracking is True else str(self._tracking)
                self._client = mlflow.MlflowClient(uri)
                experiment = self._client.get_experiment_by_name(self._experiment)
                experiment_id = (
                    experiment.experiment_id
                    if experiment is not None
                    else self._client.create_experiment(self._experiment)
                )
                run = self._client.create_run(
                    experiment_id,
                    run_name=f"{WATCH_RUN_NAME}-{model_name}",
                    tags={keys.TAG_RUN_KIND: "watch"},
                )
                self.run_id, self._owns_run = run.info.run_id, True
            self._client.log_batch(
                self.run_id,
                tags=[_tag(f"autotrainer.watch.{k}", v) for k, v in params.items()],
            )

        self._call("start", open_run)

    def log_epoch(
        self, epoch: int, logs: dict[str, float], check: CheckRecord | None, gradients: bool
    ) -> None:
        """One log_batch per epoch: the epoch logs and the check's layer statistics.

        Epoch logs go under `autotrainer.<name>` (autolog's own `loss`, ... stay its own);
        layer statistics under `<stat>/<layer>`, gradient ones only when `gradients`.
        """
        if not self._log_metrics or self.run_id is None:
            return
        from mlflow.entities import Metric

        stamp = int(time.time() * 1000)
        metrics = [
            Metric(f"autotrainer.{keys.clean_key(name)}", value, stamp, epoch)
            for name, value in logs.items()
        ]
        if check is not None:
            for stats in check.layers:
                for stat in keys.LAYER_STATS:
                    value = getattr(stats, stat)
                    if value is not None and (gradients or "grad" not in stat):
                        metrics.append(
                            Metric(keys.layer_metric(stat, stats.layer), value, stamp, check.step)
                        )
        batches = range(0, len(metrics), keys.MAX_METRICS_PER_BATCH)
        self._call(
            "metrics",
            lambda: [
                self._client.log_batch(
                    self.run_id, metrics=metrics[i : i + keys.MAX_METRICS_PER_BATCH]
                )
                for i in batches
            ],
        )

    def log_finding(self, finding: Finding) -> None:
        """Tag the problem and upload `findings/<problem>-epoch<k>.json`."""
        if self.run_id is None:
            return
        problem = finding.problem.value
        self._problems.append(problem)
        text = json.dumps(finding.to_dict(), indent=2, sort_keys=True, default=str)

        def send() -> None:
            self._client.set_tag(self.run_id, keys.TAG_PROBLEM, ",".join(self._problems))
            self._client.log_text(self.run_id, text, keys.finding_artifact(problem, finding.epoch))

        self._call("finding", send)

    def end(self, status: str, report_path: str | None) -> None:
        """Tag the outcome, upload report.json, and end the run if the watch opened it."""
        if self.run_id is None:
            return

        def finish() -> None:
            self._client.set_tag(self.run_id, TAG_WATCH_STATUS, status)
            if report_path is not None:
                self._client.log_artifact(self.run_id, report_path, "autotrainer")
            if self._owns_run:
                self._client.set_terminated(self.run_id, "FINISHED")

        self._call("end", finish)

    def _call(self, what: str, fn: Callable[[], object]) -> None:
        if self._client is None and what != "start":
            return
        from autotrainer_keras.record.retry import bounded_http

        try:
            with bounded_http(*self._http):
                fn()
        except Exception as error:  # noqa: BLE001 - recording never stops a training
            self._warn(f"autotrainer Watch: MLflow {what} failed, tracking off: {error}")
            self._client, self.run_id = None, None


def _tag(key: str, value: Any) -> Any:
    from mlflow.entities import RunTag

    return RunTag(key, str(value)[: keys.MAX_TAG_VALUE_LENGTH])
