"""How monitoring cost grows: overhead (wall, CPU) and peak memory against model size, steps
per epoch and number of layers, for the wrapped model and for the `Watch` callback.

    .venv/bin/python -m benchmarks.scaling [--epochs 3] [--quick] [--axes params]
        [--sizes 1e6,1e7]

Each configuration and mode runs in its own process: plain `model.fit`, the wrapped model
as `autotrainer_keras.fit` trains it (default settings: the statistics' stride chosen within
`monitor.stats_time_budget`) and the user's model with the `Watch` callback. Peak RSS is the
process's high-water mark (VmHWM) over the whole training, TensorFlow's start-up included,
so plain and monitored peaks are comparable (in one process, memory a mode freed and the
allocator kept would count for the next). The
device is the one TensorFlow chooses (a GPU when there is one); the report names it. Writes
benchmarks/results/scaling.csv, scaling.md (included in RESULTS.md by benchmarks/report.py)
and scaling.png. About 10 minutes on a quiet 2-core machine.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import resource
import statistics
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from benchmarks.device import device_name

RESULTS = Path(__file__).parent / "results"
MODES = ("plain", "wrapped", "watch")
AXES = ("params", "steps", "layers")
INPUTS, CLASSES = 32, 10


@dataclass(frozen=True)
class Case:
    """One configuration: an MLP of `depth` Dense layers of `width` units."""

    axis: str  # "params", "steps" or "layers": which quantity this case varies
    width: int
    depth: int
    steps: int
    batch: int

    @property
    def params(self) -> int:
        sizes = [INPUTS] + [self.width] * self.depth + [CLASSES]
        return sum(a * b + b for a, b in zip(sizes, sizes[1:], strict=False))


def _width_for(params: float, depth: int) -> int:
    """Hidden width giving about `params` parameters with `depth` hidden layers."""
    a, b = depth - 1, INPUTS + CLASSES + depth  # a w^2 + b w = params
    return max(4, round((-b + math.sqrt(b * b + 4 * a * params)) / (2 * a)))


def cases(
    quick: bool, axes: tuple[str, ...] = AXES, sizes: tuple[float, ...] | None = None
) -> list[Case]:
    """The configurations of the given axes (`sizes`: the parameter counts of "params")."""
    sizes = sizes or ((1e4, 1e5, 1e6) if quick else (1e4, 1e5, 1e6, 1e7))
    steps = (32, 256) if quick else (32, 256, 1024)
    depths = (2, 8) if quick else (2, 8, 32)
    every = {
        "params": [Case("params", _width_for(p, 3), 3, 32, 64) for p in sizes],
        "steps": [Case("steps", _width_for(1e4, 3), 3, s, 16) for s in steps],
        "layers": [Case("layers", 64, d, 32, 64) for d in depths],
    }
    return [case for axis in axes for case in every[axis]]


def _peak_rss_mb() -> float:
    """The process's resident-memory high-water mark since the last reset (VmHWM)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # not Linux: lifetime


def run_one(case: Case, mode: str, epochs: int) -> dict[str, object]:
    """Train one case in this process; wall and CPU seconds per epoch and peak RSS."""
    import keras
    import numpy as np

    from autotrainer_keras.keras import Watch
    from benchmarks.overhead import EpochTimer, watched

    rng = np.random.default_rng(0)
    n = case.steps * case.batch
    x = rng.normal(size=(n, INPUTS)).astype("float32")
    y = rng.integers(0, CLASSES, n)
    keras.utils.set_random_seed(0)
    layers = [keras.Input((INPUTS,))]
    layers += [keras.layers.Dense(case.width, activation="relu") for _ in range(case.depth)]
    model = keras.Sequential([*layers, keras.layers.Dense(CLASSES, activation="softmax")])
    callbacks: list[keras.callbacks.Callback] = []
    watch = None
    if mode == "wrapped":
        model, watch = watched(model, case.steps, None, x, y, epochs + 1)
        callbacks.append(watch)
    elif mode == "watch":
        callbacks.append(Watch(probe_data=(x, y), verbose=0))
    timer = EpochTimer()
    callbacks.append(timer)  # last: an epoch's time includes the check at its end
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
    model.fit(x, y, batch_size=case.batch, epochs=1, verbose=0, callbacks=callbacks)  # trace
    cpu = time.process_time()
    model.fit(x, y, batch_size=case.batch, epochs=epochs, verbose=0, callbacks=callbacks)
    cpu = (time.process_time() - cpu) / epochs
    stride = ""
    if watch is not None and watch.stride is not None:
        stride = str(watch.stride.stride)
    return {
        **asdict(case),
        "params": case.params,
        "mode": mode,
        "epoch_s": statistics.median(timer.times),
        "cpu_epoch_s": cpu,
        "peak_rss_mb": _peak_rss_mb(),
        "stride": stride,
        "device": device_name(),
    }


def _child(case: Case, mode: str, epochs: int) -> dict[str, object]:
    spec = {"case": asdict(case), "mode": mode, "epochs": epochs}
    command = [sys.executable, "-m", "benchmarks.scaling", "--child", json.dumps(spec)]
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"}
    done = subprocess.run(
        command, capture_output=True, text=True, check=True, env=env,
        cwd=Path(__file__).parent.parent,
    )  # fmt: skip
    return json.loads(done.stdout.strip().splitlines()[-1])


def ratios(rows: list[dict[str, object]]) -> list[dict[str, object]]:
    """One row per (case, monitored mode): ratios to the plain run of the same case."""
    out = []

    def key(row: dict[str, object]) -> tuple[object, ...]:
        return row["axis"], row["params"], row["steps"], row["depth"]

    plain = {key(r): r for r in rows if r["mode"] == "plain"}
    for row in rows:
        base = plain.get(key(row))
        if row["mode"] == "plain" or base is None:
            continue
        out.append(
            {
                "axis": row["axis"],
                "params": row["params"],
                "layers": row["depth"] + 1,
                "steps_per_epoch": row["steps"],
                "monitor": row["mode"],
                "stride": row["stride"],
                "plain_epoch_s": round(float(base["epoch_s"]), 4),
                "wall_ratio": round(float(row["epoch_s"]) / float(base["epoch_s"]), 3),
                "cpu_ratio": round(float(row["cpu_epoch_s"]) / float(base["cpu_epoch_s"]), 3),
                "plain_peak_rss_mb": round(float(base["peak_rss_mb"]), 1),
                "peak_rss_ratio": round(float(row["peak_rss_mb"]) / float(base["peak_rss_mb"]), 3),
                "extra_rss_mb": round(float(row["peak_rss_mb"]) - float(base["peak_rss_mb"]), 1),
            }
        )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=2, help="timed epochs after a traced one")
    parser.add_argument("--quick", action="store_true", help="fewer, smaller cases")
    parser.add_argument("--axes", default=",".join(AXES), help="which axes to vary")
    parser.add_argument("--sizes", help="parameter counts of the params axis, e.g. 1e6,1e7")
    parser.add_argument("--name", default="scaling", help="output files' name in results/")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        spec = json.loads(args.child)
        print(json.dumps(run_one(Case(**spec["case"]), spec["mode"], spec["epochs"])))
        return
    axes = tuple(a for a in args.axes.split(",") if a)
    if not set(axes) <= set(AXES):
        parser.error(f"--axes: some of {', '.join(AXES)}, got {args.axes!r}")
    sizes = tuple(float(s) for s in args.sizes.split(",")) if args.sizes else None
    from benchmarks.scaling_report import write_outputs

    started, load_start = time.perf_counter(), os.getloadavg()[0]
    rows = []
    for case in cases(args.quick, axes, sizes):
        for mode in MODES:
            row = _child(case, mode, args.epochs)
            rows.append(row)
            print(f"{case.axis:6} params={case.params:>9} layers={case.depth + 1:>2} "
                  f"steps={case.steps:>5} {row['mode']:8} {float(row['epoch_s']):.3f} s/epoch "
                  f"{float(row['peak_rss_mb']):.0f} MB", flush=True)  # fmt: skip
    minutes = (time.perf_counter() - started) / 60
    write_outputs(
        ratios(rows), RESULTS, device=str(rows[0]["device"]), minutes=minutes,
        load=(load_start, os.getloadavg()[0]), name=args.name,
    )  # fmt: skip


if __name__ == "__main__":
    main()
