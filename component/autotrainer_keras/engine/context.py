"""What every training of one job shares: data, config, detector, recorder, stop flag."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import keras

from autotrainer_keras.config import AutotrainerConfig
from autotrainer_keras.detect.detector import Detector
from autotrainer_keras.engine.attempt import AttemptResult, StopFlag, train_attempt
from autotrainer_keras.io.data import Dataset
from autotrainer_keras.measure.history import Task
from autotrainer_keras.progress import Progress
from autotrainer_keras.record.recorder import Recorder
from autotrainer_keras.record.sink import Sink
from autotrainer_keras.repair import keras_spec
from autotrainer_keras.repair.spec import TrainingSpec


@dataclass
class JobContext:
    """Collaborators of one job, injected (no globals)."""

    data: Dataset
    task: Task
    config: AutotrainerConfig
    detector: Detector
    recorder: Recorder
    stop_flag: StopFlag = field(default_factory=StopFlag)
    original: AttemptResult | None = None  # set once the original training is done
    setup: Any = None  # engine.setup_check.SetupCheck: pre-flight checks (default profile)
    user_callbacks: list[keras.callbacks.Callback] = field(default_factory=list)
    """The caller's own callback objects, passed to every training (the same instances)."""

    @property
    def sink(self) -> Sink:
        return self.recorder.sink

    @property
    def progress(self) -> Progress:
        return self.recorder.progress

    def train(
        self,
        name: str,
        model: keras.Model,
        spec: TrainingSpec,
        extra_callbacks: list[keras.callbacks.Callback] | None = None,
        stop_on_detection: bool | None = None,
    ) -> AttemptResult:
        """Train one attempt (open in the recorder: the caller started it and ends it);
        under the default profile the pre-flight checks run first on the attempt's model."""
        setup_findings = self.setup.check(model, spec) if self.setup is not None else []
        for finding in setup_findings:
            self.recorder.finding(finding)
        result = train_attempt(
            name,
            model,
            spec,
            self.data,
            self.task,
            self.config,
            self.detector,
            self.recorder,
            compile_model=keras_spec.compile_model,
            callbacks=[
                *keras_spec.make_callbacks(spec),
                *self.user_callbacks,
                *(extra_callbacks or []),
            ],
            stop_flag=self.stop_flag,
            stop_on_detection=stop_on_detection,
        )
        if self.setup is not None:
            result.findings[:] = self.setup.merge(setup_findings, result.findings)
        return result
