"""What every training of one job shares: data, config, detector, sink, progress, stop flag."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import keras

from autotrainer.config import AutotrainerConfig
from autotrainer.engine.attempt import AttemptResult, StopFlag, train_attempt
from autotrainer.io.data import Dataset
from autotrainer.measure.history import Task
from autotrainer.progress import Progress
from autotrainer.record.sink import Sink
from autotrainer.repair import keras_spec
from autotrainer.repair.spec import TrainingSpec


@dataclass
class JobContext:
    """Collaborators of one job, injected (no globals)."""

    data: Dataset
    task: Task
    config: AutotrainerConfig
    detector: Any
    sink: Sink
    progress: Progress
    stop_flag: StopFlag = field(default_factory=StopFlag)
    original: AttemptResult | None = None  # set once the original training is done
    setup: Any = None  # engine.setup_check.SetupCheck: pre-flight checks (default profile)
    user_callbacks: list[keras.callbacks.Callback] = field(default_factory=list)
    """The caller's own callback objects, passed to every training (the same instances)."""

    def train(
        self,
        name: str,
        model: keras.Model,
        spec: TrainingSpec,
        params: dict[str, Any],
        extra_callbacks: list[keras.callbacks.Callback] | None = None,
        stop_on_detection: bool | None = None,
    ) -> AttemptResult:
        """Train one attempt, reporting to the sink and the progress view."""
        self.sink.start_attempt(name, params)
        epochs = spec.epochs
        setup_findings = self.setup.check(model, spec) if self.setup is not None else []
        for finding in setup_findings:
            self.sink.log_finding(finding)
            self.progress.finding(finding)
        result = train_attempt(
            name,
            model,
            spec,
            self.data,
            self.task,
            self.config,
            self.detector,
            self.sink,
            compile_model=keras_spec.compile_model,
            callbacks=[
                *keras_spec.make_callbacks(spec),
                *self.user_callbacks,
                *(extra_callbacks or []),
            ],
            on_epoch=lambda epoch, logs: self.progress.epoch(name, epoch, epochs, logs),
            on_finding=self.progress.finding,
            stop_flag=self.stop_flag,
            stop_on_detection=stop_on_detection,
        )
        if self.setup is not None:
            result.findings[:] = self.setup.merge(setup_findings, result.findings)
        return result
