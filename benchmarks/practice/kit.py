"""What a case gets from the runner: its seed and a `Watch` factory (defaults, "warn").

A case is a training script as a practitioner writes it: it builds and compiles its model and
calls `model.fit(..., callbacks=[kit.watch(probe_data=...)])`. The factory keeps every Watch
it made, so the runner can read `watch.findings` afterwards.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from autotrainer_keras.keras import Watch


@dataclass
class Kit:
    seed: int
    watches: list[Watch] = field(default_factory=list)

    def watch(self, probe_data: Any, class_weight: dict[int, float] | None = None) -> Watch:
        """The documented call: default profile and settings, on_problem="warn", the training
        data as probe_data (and the fit's class_weight, as the README asks)."""
        made = Watch(on_problem="warn", probe_data=probe_data, class_weight=class_weight,
                     verbose=0)  # fmt: skip
        self.watches.append(made)
        return made
