"""Where the monitor's extra peak memory comes from: RSS high-water mark per phase.

    .venv/bin/python -m benchmarks.memory_phases [--params 1e7] [--mode wrapped|watch]

One process trains the scaling benchmark's MLP (`benchmarks.scaling`, 3 hidden ReLU layers)
plainly for one epoch (Adam's state allocated), then runs each phase of the chosen monitor
on it, resetting the kernel's high-water mark (VmHWM) before each phase: a phase's "peak
over start" is the most memory it needed at once beyond what was resident when it began,
"kept" what stays resident after it. tracemalloc would not see TensorFlow's allocations.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable

from benchmarks.memory import peak_rss_mb, reset_peak, rss_mb

STEPS, BATCH = 8, 64


def _phase(name: str, action: Callable[[], object], rows: list[dict[str, object]]) -> object:
    import gc

    gc.collect()
    start = rss_mb() or 0.0
    reset_peak()
    result = action()
    gc.collect()
    rows.append({
        "phase": name,
        "start_mb": round(start, 1),
        "peak_over_start_mb": round((peak_rss_mb() or 0.0) - start, 1),
        "kept_mb": round((rss_mb() or 0.0) - start, 1),
    })  # fmt: skip
    print(json.dumps(rows[-1]), flush=True)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--params", type=float, default=1e7)
    parser.add_argument("--mode", choices=("wrapped", "watch"), default="wrapped")
    args = parser.parse_args()
    import keras
    import numpy as np

    from autotrainer_keras.keras import Watch
    from benchmarks.overhead import watched
    from benchmarks.scaling import CLASSES, INPUTS, _width_for

    rows: list[dict[str, object]] = []
    width = _width_for(args.params, 3)
    rng = np.random.default_rng(0)
    x = rng.normal(size=(STEPS * BATCH, INPUTS)).astype("float32")
    y = rng.integers(0, CLASSES, STEPS * BATCH)
    keras.utils.set_random_seed(0)
    model = keras.Sequential(
        [keras.Input((INPUTS,))]
        + [keras.layers.Dense(width, activation="relu") for _ in range(3)]
        + [keras.layers.Dense(CLASSES, activation="softmax")]
    )
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
    fit = dict(batch_size=BATCH, verbose=0)
    _phase("plain fit (1st: trace, Adam state)", lambda: model.fit(x, y, epochs=1, **fit), rows)
    _phase("plain fit (2nd)", lambda: model.fit(x, y, epochs=1, **fit), rows)
    if args.mode == "wrapped":
        wrapped, watch = _phase(
            "wrap (WatchedModel, TrainingWatch)",
            lambda: watched(model, STEPS, None, x, y, 3), rows,
        )  # fmt: skip
        wrapped.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
        _phase("wrapped fit (1st)", lambda: wrapped.fit(x, y, epochs=1, callbacks=[watch], **fit),
               rows)  # fmt: skip
        _phase("wrapped fit (2nd)", lambda: wrapped.fit(x, y, epochs=1, callbacks=[watch], **fit),
               rows)  # fmt: skip
        _phase("check: weight sums", watch._weights.measure, rows)
        _phase("check: dead units", watch._dead.measure, rows)
    else:
        w = Watch(probe_data=(x, y), verbose=0)
        _phase("watch fit (1st)", lambda: model.fit(x, y, epochs=1, callbacks=[w], **fit), rows)
        _phase("watch fit (2nd)", lambda: model.fit(x, y, epochs=1, callbacks=[w], **fit), rows)
        probe = w._probe
        _phase("check (whole)", lambda: probe.check(5, 100), rows)
        if probe._gradients is not None:
            _phase("check: probe gradients", probe._gradients.measure, rows)
        if probe._dead is not None:
            _phase("check: dead units", probe._dead.measure, rows)
        if probe._activations is not None:
            _phase("check: activations", probe._activations.measure, rows)
    print(json.dumps({"params": args.params, "mode": args.mode, "width": width}))


if __name__ == "__main__":
    main()
