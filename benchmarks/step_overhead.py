"""Per-step cost of the wrapped model's train step, without callbacks or checks.

    .venv/bin/python -m benchmarks.step_overhead [--strides 1,12] [--rounds 150]

The MLP of `benchmarks.overhead` on one 32-row batch: plain and wrapped models (statistics
every N steps) are stepped with `train_on_batch`, 20 steps each in turn, `rounds` times; the
median of the per-round ratios to the plain model is printed. Interleaving this finely keeps
the comparison usable on a loaded machine. Uses only `WatchedModel(model, ring_size,
stats_every)`, so it runs unchanged on earlier versions (PYTHONPATH=<their component dir>).
"""

from __future__ import annotations

import argparse
import statistics
import time

import keras

from autotrainer_keras.measure.keras_monitor import WatchedModel
from benchmarks.device import device_name
from benchmarks.overhead import _data, small_model


def _model(every: int | None) -> keras.Model:
    x, y = _data((20,), 32)
    keras.utils.set_random_seed(0)
    model = small_model()
    if every is not None:
        model = WatchedModel(model, ring_size=626, stats_every=every)
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    model.train_on_batch(x, y)  # trace
    return model


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--strides", default="1,12")
    parser.add_argument("--rounds", type=int, default=150)
    parser.add_argument("--label", default="")
    args = parser.parse_args()
    x, y = _data((20,), 32)
    models = {"plain": _model(None)}
    models.update({f"N={n}": _model(int(n)) for n in args.strides.split(",")})
    times: dict[str, list[float]] = {name: [] for name in models}
    for _ in range(args.rounds):
        for name, model in models.items():
            started = time.perf_counter()
            for _ in range(20):
                model.train_on_batch(x, y)
            times[name].append((time.perf_counter() - started) / 20)
    print(f"{args.label} device: {device_name()}")
    for name, values in times.items():
        ratio = statistics.median(a / b for a, b in zip(values, times["plain"], strict=True))
        step_us = round(statistics.median(values) * 1e6)
        print(f"{args.label} {name}: median step {step_us} us, paired ratio {ratio:.3f}")


if __name__ == "__main__":
    main()
