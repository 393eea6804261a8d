"""Monitoring overhead: monitored `fit` time over plain `fit` time, same model and data.

    .venv/bin/python -m benchmarks.overhead [--epochs 8] [--repeats 3] [--modes watch]

Monitored: the wrapped model autotrainer_keras.fit trains, with the default settings (the
statistics' stride chosen from the measured step time within `monitor.stats_time_budget`:
"auto") or a fixed stride of 1 or 4 steps, and the user's own model with the
`autotrainer_keras.keras.Watch` callback.

Both runs happen in one process on the same data; each configuration is timed `repeats`
times, alternating plain and monitored, and the median epoch time (first epoch, which traces
the graph, excluded) is compared; the fastest repeats too (`*_min` columns: other work on a
shared machine only ever slows a run down). Writes benchmarks/results/overhead.csv with the
load average at the start and end of each case and the device TensorFlow chose (a GPU
when there is one: nothing here places work by hand), and prints a table.
"""

from __future__ import annotations

import argparse
import csv
import math
import os
import statistics
import time
from pathlib import Path

import keras
import numpy as np

from autotrainer_keras.config import AutotrainerConfig
from autotrainer_keras.keras import Watch
from autotrainer_keras.measure.history import Task, TrainingHistory
from autotrainer_keras.measure.keras_monitor import TrainingWatch, WatchedModel
from autotrainer_keras.measure.stride import fixed_stride
from benchmarks.device import device_name

RESULTS = Path(__file__).parent / "results"


class EpochTimer(keras.callbacks.Callback):
    def __init__(self) -> None:
        super().__init__()
        self.times: list[float] = []

    def on_epoch_begin(self, epoch, logs=None):
        self._start = time.perf_counter()

    def on_epoch_end(self, epoch, logs=None):
        self.times.append(time.perf_counter() - self._start)


def small_model() -> keras.Model:
    return keras.Sequential(
        [
            keras.Input((20,)),
            keras.layers.Dense(64, activation="relu"),
            keras.layers.Dense(64, activation="relu"),
            keras.layers.Dense(10, activation="softmax"),
        ]
    )


def larger_model() -> keras.Model:
    return keras.Sequential(
        [
            keras.Input((28, 28, 1)),
            keras.layers.Conv2D(32, 3, activation="relu"),
            keras.layers.MaxPooling2D(),
            keras.layers.Conv2D(64, 3, activation="relu"),
            keras.layers.MaxPooling2D(),
            keras.layers.Flatten(),
            keras.layers.Dense(128, activation="relu"),
            keras.layers.Dense(10, activation="softmax"),
        ]
    )


def _data(shape: tuple[int, ...], n: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(0)
    return rng.normal(size=(n, *shape)).astype("float32"), rng.integers(0, 10, n)


def watched(model: keras.Model, steps: int, every: int | None, x, y, epochs: int):
    """The wrapped model and its callback as `engine.attempt` builds them (`every`: None for
    the default, budgeted stride)."""
    monitor = AutotrainerConfig().monitor
    history = TrainingHistory(Task.MULTICLASS, epochs_budget=epochs, steps_per_epoch=steps)
    rows = min(max(8, steps + 1), monitor.stats_max_rows)
    wrapped = WatchedModel(
        model,
        ring_size=min(max(8, steps + 1), monitor.loss_max_rows),
        stats_every=fixed_stride(every or 1, steps, rows),
        gradient_rows=rows,
    )
    watch = TrainingWatch(
        wrapped, history, lambda e, end: True, lambda c: False, "steps", x[:256], y[:256],
        stats_budget=monitor.stats_time_budget if every is None else None,
    )  # fmt: skip
    return wrapped, watch


def _time(build, x, y, epochs: int, batch: int, mode: str) -> tuple[float, float, str, float]:
    """Median wall seconds per epoch of the timed fit, its process CPU seconds per epoch, the
    stride used and the wall seconds of the whole timed fit (every epoch: a stride above 1
    traces Keras' own train step in its first, the one-off cost `stride.whole_fit_stride`
    weighs, which the median leaves out). A one-epoch fit before it traces the rest.

    mode: "plain" (plain fit), "steps-auto" (the wrapped model as autotrainer_keras.fit trains
    it by default), "steps-<N>" (statistics every N steps) or "watch" (the user's own model
    with the `autotrainer_keras.keras.Watch` callback: per-step losses from batch logs, probe
    gradients and dead units at each epoch end).
    """
    keras.utils.set_random_seed(0)
    model = build()
    timer = EpochTimer()
    callbacks: list[keras.callbacks.Callback] = []
    watch = None
    if mode.startswith("steps-"):
        every = None if mode == "steps-auto" else int(mode.split("-")[1])
        model, watch = watched(model, math.ceil(len(x) / batch), every, x, y, epochs)
        callbacks.append(watch)
    elif mode == "watch":
        callbacks.append(Watch(probe_data=(x, y), verbose=0))
    callbacks.append(timer)  # last: an epoch's time includes the check at its end
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    model.fit(x, y, batch_size=batch, epochs=1, verbose=0, callbacks=callbacks)  # trace
    cpu = time.process_time()
    model.fit(x, y, batch_size=batch, epochs=epochs, verbose=0, callbacks=callbacks)
    cpu = (time.process_time() - cpu) / epochs
    stride = ""
    if watch is not None:
        stride = str(watch.stride.stride) if watch.stride else str(model.step_stats.every)
    return statistics.median(timer.times[1:]), cpu, stride, sum(timer.times[1:])


MODES = {
    "steps-auto": ("wrapped", "auto"),
    "steps-1": ("wrapped", "1"),
    "steps-4": ("wrapped", "4"),
    "watch": ("Watch callback", "0"),
}
"""Monitored modes: (how the model is monitored, stats_every_steps; 0: no per-step stats,
auto: the default, chosen within the time budget)."""


def load_average() -> float:
    """The 1-minute load average (other work on the machine)."""
    return round(os.getloadavg()[0], 2)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=4)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument(
        "--modes", default=",".join(MODES), help=f"comma-separated subset of {', '.join(MODES)}"
    )
    parser.add_argument("--cases", default="mlp,cnn", help="comma-separated subset of mlp,cnn")
    parser.add_argument("--out", default="overhead.csv", help="file name in benchmarks/results")
    args = parser.parse_args()
    modes = [m for m in args.modes.split(",") if m in MODES]
    cases = [
        ("mlp", "mlp 20-64-64-10, 20k samples, batch 32", small_model, (20,), 20_000, 32),
        ("cnn", "cnn 28x28 2 conv + dense, 4k samples, batch 64", larger_model, (28, 28, 1),
         4_000, 64),
    ]  # fmt: skip
    rows = []
    device = device_name()
    for key, name, build, shape, n, batch in cases:
        if key not in args.cases.split(","):
            continue
        x, y = _data(shape, n)
        load_start = load_average()
        times: dict[str, list[tuple[float, float, str, float]]] = {
            m: [] for m in ["plain", *modes]
        }
        for _ in range(args.repeats):
            for mode in times:  # alternate plain and monitored runs
                times[mode].append(_time(build, x, y, args.epochs, batch, mode))
        load_end = load_average()
        wall = {k: statistics.median(t[0] for t in v) for k, v in times.items()}
        cpu = {k: statistics.median(t[1] for t in v) for k, v in times.items()}
        wall_min = {k: min(t[0] for t in v) for k, v in times.items()}
        cpu_min = {k: min(t[1] for t in v) for k, v in times.items()}
        whole = {k: statistics.median(t[3] for t in v) for k, v in times.items()}
        for mode in modes:
            rows.append(
                {
                    "model": name,
                    "device": device,
                    "monitor": MODES[mode][0],
                    "stats_every_steps": MODES[mode][1],
                    "stride_used": "/".join(sorted({t[2] for t in times[mode]})),
                    "steps_per_epoch": int(np.ceil(n / batch)),
                    "plain_epoch_s": round(wall["plain"], 4),
                    "monitored_epoch_s": round(wall[mode], 4),
                    "wall_ratio": round(wall[mode] / wall["plain"], 3),
                    "cpu_ratio": round(cpu[mode] / cpu["plain"], 3),
                    "wall_ratio_min": round(wall_min[mode] / wall_min["plain"], 3),
                    "cpu_ratio_min": round(cpu_min[mode] / cpu_min["plain"], 3),
                    "whole_fit_wall_ratio": round(whole[mode] / whole["plain"], 3),
                    "repeats": args.repeats,
                    "load_avg_start": load_start,
                    "load_avg_end": load_end,
                }
            )
            print(rows[-1])
    RESULTS.mkdir(exist_ok=True)
    with (RESULTS / args.out).open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


if __name__ == "__main__":
    main()
