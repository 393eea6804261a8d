"""Monitoring overhead on a loaded machine: paired epochs, plain and monitored interleaved.

    .venv/bin/python -m benchmarks.overhead_paired [--pairs 12] [--modes auto,watch]

`benchmarks.overhead` times whole trainings one after the other, so load that changes within
a minute lands on one side. Here the models are built and traced once, then trained one
epoch at a time in turns (plain, then each monitored mode, repeated `pairs` times); each
monitored epoch is divided by the plain epoch just before it and the median of these paired
ratios is reported (wall and CPU), with the load average. The MLP case of
`benchmarks.overhead` (625 steps of 2.5 ms on a quiet machine). Modes: "auto" (the wrapped
model with default settings), "1" (statistics every step, the earlier default), "watch".
"""

from __future__ import annotations

import argparse
import csv
import os
import statistics
import time

import keras

from benchmarks.device import device_name
from benchmarks.overhead import RESULTS, _data, small_model


def _monitored(mode: str, x, y, steps: int):  # noqa: ANN001, ANN202 - benchmark glue
    """(model, callbacks) for one mode; "auto" needs the budgeted stride (this version)."""
    from autotrainer_keras.keras import Watch
    from autotrainer_keras.measure.history import Task, TrainingHistory
    from autotrainer_keras.measure.keras_monitor import TrainingWatch, WatchedModel

    keras.utils.set_random_seed(0)
    model = small_model()
    if mode == "plain":
        return model, []
    if mode == "watch":
        return model, [Watch(probe_data=(x, y), verbose=0)]
    history = TrainingHistory(Task.MULTICLASS, epochs_budget=1000, steps_per_epoch=steps)
    if mode == "auto":
        from benchmarks.overhead import watched

        wrapped, watch = watched(model, steps, None, x, y, 1000)
        return wrapped, [watch]
    wrapped = WatchedModel(model, ring_size=steps + 1, stats_every=int(mode))
    watch = TrainingWatch(
        wrapped, history, lambda e, end: True, lambda c: False, "steps", x[:256], y[:256]
    )
    return wrapped, [watch]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=12)
    parser.add_argument("--modes", default="auto,1")
    parser.add_argument("--label", default="", help="a label for the CSV rows (code version)")
    parser.add_argument("--out", default="overhead-paired.csv")
    args = parser.parse_args()
    x, y = _data((20,), 20_000)
    steps = 625
    modes = ["plain", *args.modes.split(",")]
    runs = {}
    for mode in modes:
        model, callbacks = _monitored(mode, x, y, steps)
        model.compile(
            optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"]
        )
        model.fit(x, y, batch_size=32, epochs=1, verbose=0, callbacks=callbacks)  # trace
        runs[mode] = (model, callbacks)
    load_start = os.getloadavg()[0]
    times: dict[str, list[tuple[float, float]]] = {m: [] for m in modes}
    for _ in range(args.pairs):
        for mode in modes:
            model, callbacks = runs[mode]
            wall, cpu = time.perf_counter(), time.process_time()
            model.fit(x, y, batch_size=32, epochs=1, verbose=0, callbacks=callbacks)
            times[mode].append((time.perf_counter() - wall, time.process_time() - cpu))
    load_end = os.getloadavg()[0]
    rows = []
    for mode in modes[1:]:
        pairs = list(zip(times["plain"], times[mode], strict=True))
        rows.append(
            {
                "label": args.label,
                "device": device_name(),
                "mode": mode,
                "pairs": args.pairs,
                "plain_epoch_s": round(statistics.median(p[0][0] for p in pairs), 4),
                "wall_ratio": round(statistics.median(m[0] / p[0] for p, m in pairs), 3),
                "cpu_ratio": round(statistics.median(m[1] / p[1] for p, m in pairs), 3),
                "load_avg_start": round(load_start, 2),
                "load_avg_end": round(load_end, 2),
            }
        )
        print(rows[-1], flush=True)
    path = RESULTS / args.out
    new = not path.is_file()
    with path.open("a", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        if new:
            writer.writeheader()
        writer.writerows(rows)


if __name__ == "__main__":
    main()
