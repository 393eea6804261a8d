"""The MLflow sink: one parent run per job, a nested run per training, registry lineage.

Sinks record and never decide. Metrics and tags are buffered per run and sent with
`MlflowClient.log_batch` (at most 1000 metrics a call) when an attempt or the job ends, when a
run has a full batch waiting, or `tracking.flush_interval_seconds` after the last send. Every
MLflow call goes through a `Guard` (record/retry.py): retried, bounded in time, and, unless
`tracking.strict`, never raised: what could not be sent goes to `<output_dir>/mlflow-spool.jsonl`
and `end_job` reports `degraded`/`errors`. All names are in record/mlflow_keys.py.
"""

from __future__ import annotations

import json
import posixpath
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from mlflow import MlflowClient
from mlflow.entities import Dataset as MlflowDataset
from mlflow.entities import DatasetInput, InputTag, Metric, Param, RunTag
from mlflow.tracking.context.registry import resolve_tags

from autotrainer_keras.config.tracking import TrackingConfig
from autotrainer_keras.measure.history import CheckRecord
from autotrainer_keras.problems import Finding
from autotrainer_keras.record import mlflow_keys as keys
from autotrainer_keras.record.job_run import (
    DATASET_CONTEXT_TAG,
    dataset_fields,
    job_metrics,
    job_tags,
)
from autotrainer_keras.record.model_recorder import JobIdentity, ModelRecorder
from autotrainer_keras.record.open_runs import OpenRuns
from autotrainer_keras.record.report_model import Withdrawn
from autotrainer_keras.record.retry import Guard, warn_line
from autotrainer_keras.record.run_buffer import RunBuffer, batches, flatten, param_value, tag_value
from autotrainer_keras.record.sink import NullSink, Sink
from autotrainer_keras.record.spool import Spool
from autotrainer_keras.record.summary import AttemptSummary
from autotrainer_keras.redact import redact_uri

RUN_STATUSES = ("FINISHED", "FAILED", "KILLED")


class MlflowSink:
    """Records a job in MLflow (see the module docstring and `Sink` for the call order).

    Args:
        config: The `tracking:` section.
        output_dir: The job's output directory (the spool file goes there).
        client: An MlflowClient for the same URI (tests wrap one to count calls).
        clock: Seconds since the epoch (metric timestamps, flush interval).
        sleep: Waits between retries.
        warn: Prints a warning line (when tracking degrades, or on a call out of order).
    """

    def __init__(
        self,
        config: TrackingConfig,
        output_dir: Path,
        *,
        client: MlflowClient | None = None,
        clock: Callable[[], float] = time.time,
        sleep: Callable[[float], None] = time.sleep,
        warn: Callable[[str], None] = warn_line,
    ) -> None:
        self.config = config
        self.output_dir = Path(output_dir)
        self.uri = config.resolved_tracking_uri()
        self.client = client or MlflowClient(tracking_uri=self.uri, registry_uri=self.uri)
        self.spool = Spool(self.output_dir / keys.SPOOL_FILE)
        self.open_runs = OpenRuns(self.output_dir, self.uri)
        self.guard = Guard(
            uri=self.uri,
            retries=config.retries,
            wait_seconds=config.retry_wait_seconds,
            strict=config.strict,
            http_timeout_seconds=config.http_timeout_seconds,
            http_max_retries=config.http_max_retries,
            spool_hint=str(self.spool.path),
            sleep=sleep,
            warn=warn,
        )
        self._clock = clock
        self._last_flush = clock()
        self.experiment_id: str | None = None
        self.job = RunBuffer("job")
        self.attempts: dict[str, RunBuffer] = {}
        self._current: RunBuffer | None = None
        self._last_attempt: RunBuffer | None = None
        self._model_file: str | None = None
        self._model_sha256: str | None = None
        self.models = ModelRecorder(
            client=self.client, uri=self.uri, guard=self.guard, spool=self.spool,
            registered_model_name=config.registered_model_name, clock=clock,
        )  # fmt: skip

    @property
    def log_model_seconds(self) -> list[float]:
        """Wall time of each successful `log_model` (saving and uploading the model)."""
        return self.models.log_model_seconds

    # --- the Sink protocol ------------------------------------------------------------------

    def start_job(self, *, model_file: Path, model_sha256: str, params: dict[str, Any]) -> None:
        """Open the parent run in `config.experiment`, tagged with the model file and hash."""
        self._model_file, self._model_sha256 = Path(model_file).name, model_sha256
        tags = {
            keys.TAG_RUN_KIND: keys.RUN_KIND_JOB,
            keys.TAG_MODEL_FILE: self._model_file,
            keys.TAG_MODEL_SHA256: model_sha256,
        }
        ok, experiment_id = self.guard.call("experiment", self._experiment, critical=True)
        if ok:
            self.experiment_id = experiment_id
        tags = resolve_tags(tags)  # provenance as MLflow's own runs have it: user, source, git
        self.job.run_id = self._create_run(self.job, Path(model_file).stem, tags)
        self._log_params(self.job, params)

    def start_attempt(self, name: str, params: dict[str, Any]) -> None:
        """Open a nested run named `name`; params["solution"] also becomes a tag."""
        run = RunBuffer(name)
        tags = {keys.TAG_RUN_KIND: keys.RUN_KIND_ATTEMPT, keys.TAG_ATTEMPT: name}
        if self.job.run_id:
            tags[keys.MLFLOW_PARENT_RUN_ID] = self.job.run_id
        if params.get("solution"):
            tags[keys.TAG_SOLUTION] = tag_value(params["solution"])
        run.run_id = self._create_run(run, name, tags)
        self.attempts[name] = run
        self._current = run
        self._log_params(run, params)

    def log_epoch(self, epoch: int, logs: dict[str, float]) -> None:
        """Buffer each Keras log value as metric `<log name>` at step `epoch`."""
        run = self._target()
        stamp = self._stamp()
        for name, value in logs.items():
            number = _number(value)
            if number is None:
                continue
            key = keys.clean_key(name)
            run.metrics.append(Metric(key, number, stamp, int(epoch)))
            run.epoch_values[key] = (int(epoch), number)
        run.last_epoch = max(int(epoch), run.last_epoch if run.last_epoch is not None else -1)
        self._maybe_flush(run)

    def log_check(self, check: CheckRecord) -> None:
        """Buffer per-layer statistics as `<stat>/<layer>` at step `check.step`."""
        run = self._target()
        stamp, step = self._stamp(), int(check.step)
        for stats in check.layers:
            for stat in keys.LAYER_STATS:
                number = _number(getattr(stats, stat))
                if number is not None:
                    run.metrics.append(
                        Metric(keys.layer_metric(stat, stats.layer), number, stamp, step)
                    )
        run.metrics.append(
            Metric(keys.MODEL_ZERO_GRAD_FRACTION, float(check.zero_grad_fraction), stamp, step)
        )
        run.metrics.append(Metric(keys.MODEL_NONFINITE, float(bool(check.nonfinite)), stamp, step))
        self._maybe_flush(run)

    def log_finding(self, finding: Finding) -> None:
        """Tag the problem on the attempt and the job; upload `findings/<problem>-epoch<k>.json`."""
        run = self._target()
        problem = str(finding.problem.value)
        for target in {id(run): run, id(self.job): self.job}.values():
            if problem not in target.problems:
                target.problems.append(problem)
            target.tags[keys.TAG_PROBLEM] = ",".join(target.problems)
        path = keys.finding_artifact(problem, finding.epoch)
        count = 2
        while path in run.artifacts:
            path = keys.finding_artifact(problem, finding.epoch).replace(".json", f"-{count}.json")
            count += 1
        run.artifacts.add(path)
        content = finding.to_dict()
        text = json.dumps(content, indent=2, sort_keys=True, default=str)
        if not self._ok(run, "finding", lambda run_id: self.client.log_text(run_id, text, path)):
            self._spool("artifact", run, artifact_path=path, content=content)

    def end_attempt(
        self, outcome: str, summary: AttemptSummary | None, status: str = "FINISHED"
    ) -> None:
        """Tag the outcome, log the summary numbers as metrics, send everything, end the run
        with `status` (KILLED: a signal stopped the attempt)."""
        run = self._current
        if run is None:  # the Recorder pairs starts and ends: nothing is open
            return
        run.tags[keys.TAG_OUTCOME] = tag_value(outcome)
        choice = summary.choice if summary is not None else None
        solution = choice.solution if choice is not None else run.params.get("solution")
        if solution:
            run.tags[keys.TAG_SOLUTION] = tag_value(solution)
        numbers = summary.training_dict() if summary is not None else {}
        step, stamp = run.last_epoch if run.last_epoch is not None else 0, self._stamp()
        for name in keys.SUMMARY_METRICS:
            value = numbers.get(name)
            if not _is_number(value):
                continue
            number = float(value)  # type: ignore[arg-type]  # _is_number checked it
            if run.epoch_values.get(name) != (step, number):
                run.metrics.append(Metric(name, number, stamp, step))
        self._end_run(run, status)
        self._flush(self.job)

    def log_model(
        self,
        model: Any,
        role: str,
        summary: AttemptSummary,
        *,
        original: AttemptSummary | None = None,
    ) -> str | None:
        """Log a Keras model under its attempt's run and, with a registered model name,
        register it with lineage tags and a description (record.mlflow_registry).

        Args:
            model: The trained Keras model.
            role: original | repaired.
            summary: The model's attempt (its run: `summary.attempt`, else the current or
                last attempt). Role original: its detections make the version faulty.
            original: Role repaired: the original training it repairs (its detections say
                what was wrong; its numbers are the "before" of the version's tags).

        Returns:
            The model URI (`models:/m-...`), None if it was not logged.
        """
        if role not in keys.ROLES:
            raise ValueError(f"log_model role {role!r}; allowed: {', '.join(keys.ROLES)}")
        run = self._model_run(role, summary.attempt)
        job = JobIdentity(self.experiment_id, self.job.run_id, self._model_file, self._model_sha256)
        return self.models.record(model, role, summary, original, run, job)

    def withdraw_findings(self, original: AttemptSummary, withdrawn: Sequence[Withdrawn]) -> None:
        """The original's run and registered version no longer carry the withdrawn problems
        (tag `autotrainer.withdrawn` lists them); the job's tags follow from the report."""
        gone = ",".join(sorted({str(w.finding.problem.value) for w in withdrawn}))
        run = self.attempts.get(original.attempt)
        if run is not None:
            run.problems[:] = list(original.problems)
            tags = {keys.TAG_PROBLEM: ",".join(original.problems), keys.TAG_WITHDRAWN: gone}
            for key, value in tags.items():
                self._ok(run, "withdraw", self._tag_setter(key, value))
        self.job.problems[:] = [p for p in self.job.problems if p not in gone.split(",")]
        self.models.restate_original(original, gone, self._model_file)

    def log_artifacts(self, directory: Path, files: Sequence[str]) -> None:
        """Upload the named files of `directory` (the ones the job wrote, never the whole
        folder) to the job run's artifact root."""
        directory = Path(directory)
        names = [name for name in files if (directory / name).is_file()]

        def upload(run_id: str) -> None:
            for name in names:
                folder = posixpath.dirname(Path(name).as_posix()) or None
                self.client.log_artifact(run_id, str(directory / name), folder)

        if names and not self._ok(self.job, "log_artifacts", upload):
            self._spool("log_artifacts", self.job, directory=str(directory), files=names)

    def end_job(self, status: str, report: dict[str, Any]) -> dict[str, Any]:
        """End open runs with `status` (FINISHED | FAILED | KILLED); return the mlflow block.

        The block: tracking_uri, experiment_id, run_id, registered_model_name,
        original_version, repaired_version, attempt_run_ids, model_uris, degraded, errors,
        spool (path of the spool file, None when everything was sent).
        """
        status = str(status).upper()
        if status not in RUN_STATUSES:
            raise ValueError(f"end_job status {status!r}; allowed: {', '.join(RUN_STATUSES)}")
        if self._current is not None:
            self._end_run(self._current, status)
        self.job.tags[keys.TAG_JOB_STATUS] = status
        self._summarise_job(report)
        self._end_run(self.job, status)
        if self.guard.degraded or self.guard.errors:
            self.spool.write(
                {"op": "errors", "degraded": self.guard.degraded, "errors": list(self.guard.errors)}
            )
        return {
            "tracking_uri": redact_uri(self.uri),
            "experiment_id": self.experiment_id,
            "run_id": self.job.run_id,
            "registered_model_name": self.config.registered_model_name,
            "original_version": self.models.versions.get(keys.ROLE_ORIGINAL),
            "repaired_version": self.models.versions.get(keys.ROLE_REPAIRED),
            "attempt_run_ids": {name: run.run_id for name, run in self.attempts.items()},
            "model_uris": dict(self.models.model_uris),
            "degraded": self.guard.degraded,
            "errors": list(self.guard.errors),
            "spool": str(self.spool.path) if self.spool.used else None,
        }

    # --- helpers ------------------------------------------------------------------------------

    def _summarise_job(self, report: dict[str, Any]) -> None:
        """The parent run's summary: outcome, before/after metrics, description, dataset."""
        stamp = self._stamp()
        step = self.job.last_epoch if self.job.last_epoch is not None else 0
        self.job.metrics += [
            Metric(name, value, stamp, step) for name, value in job_metrics(report).items()
        ]
        self.job.tags.update(job_tags(report))
        data_file = Path(str(report.get("data_file") or ""))
        if not report.get("data_file") or not data_file.is_file():
            return
        fields = dataset_fields(data_file)
        used = DatasetInput(
            MlflowDataset(**fields), tags=[InputTag(DATASET_CONTEXT_TAG, "training")]
        )
        self._ok(
            self.job, "log_inputs", lambda run_id: self.client.log_inputs(run_id, datasets=[used])
        )

    def _experiment(self) -> str:
        """The experiment's id (created, or restored when deleted), of MLflow's training kind
        so the UI opens it in the runs view (MLflow 3 infers GenAI otherwise)."""
        name = self.config.experiment
        kind = {keys.EXPERIMENT_KIND_TAG: keys.EXPERIMENT_KIND_TRAINING}
        experiment = self.client.get_experiment_by_name(name)
        if experiment is None:
            return self.client.create_experiment(name, tags=kind)
        if experiment.lifecycle_stage == "deleted":
            self.client.restore_experiment(experiment.experiment_id)
        if keys.EXPERIMENT_KIND_TAG not in experiment.tags:
            self.client.set_experiment_tag(experiment.experiment_id, *next(iter(kind.items())))
        return str(experiment.experiment_id)

    def _create_run(self, run: RunBuffer, name: str, tags: dict[str, str]) -> str | None:
        tags = {**self.config.tags, **tags}  # the user's tags (e.g. KFP ids) on every run
        created = None
        if self.experiment_id is not None:
            ok, created = self.guard.call(
                f"create_run {run.label}",
                lambda: self.client.create_run(str(self.experiment_id), run_name=name, tags=tags),
                critical=True,
            )
        if created is None:
            self._spool("start_run", run, name=name, tags=tags, experiment=self.config.experiment)
            return None
        run_id = str(created.info.run_id)
        self.open_runs.opened(run_id)
        return run_id

    def _log_params(self, run: RunBuffer, params: dict[str, Any]) -> None:
        new: dict[str, str] = {}
        for name, value in flatten(params).items():
            key, text = keys.clean_key(name), param_value(value)
            if key in run.params:  # MLflow params are immutable: the first value stays
                continue
            run.params[key] = new[key] = text
        self._send(run, [], new, {})

    def _target(self) -> RunBuffer:
        return self._current if self._current is not None else self.job

    def _model_run(self, role: str, attempt: str | None) -> RunBuffer:
        if attempt is not None and attempt in self.attempts:
            return self.attempts[attempt]
        if role == keys.ROLE_ORIGINAL and "original" in self.attempts:
            return self.attempts["original"]
        return self._current or self._last_attempt or self.job

    def _end_run(self, run: RunBuffer, status: str) -> None:
        self._flush(run)
        if run is not self.job:
            self._last_attempt = run
            if run is self._current:
                self._current = None
        if run.ended:
            return
        run.ended = True
        if self._ok(run, "end_run", lambda run_id: self.client.set_terminated(run_id, status)):
            self.open_runs.closed(str(run.run_id))
        else:
            self._spool("end_run", run, status=status)

    def _maybe_flush(self, run: RunBuffer) -> None:
        if len(run.metrics) >= keys.MAX_METRICS_PER_BATCH:
            self._flush(run)
        if self._clock() - self._last_flush >= self.config.flush_interval_seconds:
            for each in (self.job, *self.attempts.values()):
                self._flush(each)

    def _flush(self, run: RunBuffer) -> None:
        self._last_flush = self._clock()
        if not run.pending:
            return
        metrics, tags = run.metrics, run.tags
        run.metrics, run.tags = [], {}
        self._send(run, metrics, {}, tags)

    def _send(
        self, run: RunBuffer, metrics: list[Metric], params: dict[str, str], tags: dict[str, str]
    ) -> None:
        for some_metrics, some_params, some_tags in batches(metrics, params, tags):

            def call(
                run_id: str,
                m: list[Metric] = some_metrics,
                p: list[Param] = some_params,
                t: list[RunTag] = some_tags,
            ) -> None:
                self.client.log_batch(run_id, metrics=m, params=p, tags=t, synchronous=True)

            if not self._ok(run, "log_batch", call):
                self._spool(
                    "log_batch", run,
                    metrics=[[m.key, m.value, m.step, m.timestamp] for m in some_metrics],
                    params={p.key: p.value for p in some_params},
                    tags={t.key: t.value for t in some_tags},
                )  # fmt: skip

    def _ok(self, run: RunBuffer, what: str, fn: Callable[[str], Any]) -> bool:
        """Run `fn(run_id)` through the guard; False when it did not happen (no run, failed)."""
        run_id = run.run_id
        if run_id is None:
            return False
        ok, _ = self.guard.call(f"{what} {run.label}", lambda: fn(run_id))
        return ok

    def _tag_setter(self, key: str, value: str) -> Callable[[str], Any]:
        """`fn(run_id)` setting one tag on a run (for `_ok`)."""
        return lambda run_id: self.client.set_tag(run_id, key, value)

    def _spool(self, op: str, run: RunBuffer, **fields: Any) -> None:
        """Keep one operation that did not reach MLflow in the local spool."""
        self.spool.write({"op": op, "run": run.label, "run_id": run.run_id, **fields})

    def _stamp(self) -> int:
        return int(self._clock() * 1000)


def _number(value: Any) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, bool)


def make_sink(config: TrackingConfig, output_dir: Path) -> Sink:
    """The sink for a job: MlflowSink, or NullSink when tracking is disabled."""
    if not config.enabled:
        return NullSink()
    return MlflowSink(config, output_dir)
