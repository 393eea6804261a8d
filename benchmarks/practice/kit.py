"""What a case gets from the runner: its seed and a `Watch` factory (defaults, "warn").

A case is a training script as a practitioner writes it: it builds and compiles its model and
calls `model.fit(..., callbacks=[kit.watch(probe_data=...)])`. The factory keeps every Watch
it made, so the runner can read `watch.findings` afterwards.

Batch 3's scripts call `kit.fit(model, x, y, probe_data=..., **fit_keywords)` instead, so the
same script runs two ways: `mode="watch"` is `model.fit(..., callbacks=[kit.watch(...)])`
(as batches 1-2), `mode="job"` is `autotrainer_keras.fit(model, x, y, ..., tracking=False,
output_dir=<job_dir>)` with the script's own fit keywords passed through.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from autotrainer_keras.keras import Watch


@dataclass
class Kit:
    seed: int
    watches: list[Watch] = field(default_factory=list)
    mode: str = "watch"  # or "job"
    job_dir: Path | None = None
    job_result: Any = None  # the FitResult of a job-mode run
    fit_call: dict[str, Any] = field(default_factory=dict)  # what the script passed to fit

    def watch(self, probe_data: Any, class_weight: dict[int, float] | None = None,
              validation_data: Any = None) -> Watch:  # fmt: skip
        """The documented call: default profile and settings, on_problem="warn", the training
        data as probe_data (and the fit's class_weight and validation_data, as the README
        asks; session 50 on: before, no validation_data)."""
        made = Watch(on_problem="warn", probe_data=probe_data, class_weight=class_weight,
                     validation_data=validation_data, verbose=0)  # fmt: skip
        self.watches.append(made)
        return made

    def fit(self, model: Any, x: Any, y: Any = None, *, probe_data: Any,
            class_weight: dict[int, float] | None = None, callbacks: list[Any] | None = None,
            **keywords: Any) -> Any:  # fmt: skip
        """The script's fit: `model.fit` under a default Watch, or `autotrainer_keras.fit`."""
        self.fit_call = {"model": model, "x": x, "y": y, **keywords}
        extra = list(callbacks or [])
        if self.mode == "job":
            import autotrainer_keras

            self.job_result = autotrainer_keras.fit(
                model, x, y, class_weight=class_weight, callbacks=extra or None,
                tracking=False, output_dir=self.job_dir, verbose=False, **keywords)  # fmt: skip
            return self.job_result
        if class_weight is not None:
            keywords["class_weight"] = class_weight
        watch = self.watch(probe_data, class_weight, keywords.get("validation_data"))
        return model.fit(x, y, verbose=0, callbacks=[watch, *extra], **keywords)
