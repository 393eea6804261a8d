"""Monitoring overhead on a loaded machine: paired epochs, plain and monitored interleaved.

    .venv/bin/python -m benchmarks.overhead_paired [--pairs 12] [--modes auto,watch] \
        [--cases mlp,cnn]

`benchmarks.overhead` times whole trainings one after the other, so load that changes within
a minute lands on one side. Here the models are built and traced once, then trained one
epoch at a time in turns (plain, then each monitored mode, repeated `pairs` times); each
monitored epoch is divided by the plain epoch just before it and the median of these paired
ratios is reported (wall and CPU), with the load average. The timed epochs are epochs 1, 2, ...
of the training (`initial_epoch`), so a first epoch's extra check points are not in them
(they are a per-training cost: `benchmarks.overhead`'s whole-fit column). The cases of
`benchmarks.overhead` (`--cases mlp,cnn`; the MLP: 625 steps of 1.3-2.5 ms). Modes: "auto"
(the wrapped model with default settings), "1" (statistics every step, the earlier default),
"watch", "watch-rows<N>" (`Watch` with `monitor.probe_gradient_rows` N).
"""

from __future__ import annotations

import argparse
import csv
import os
import statistics
import time

import keras

from benchmarks.device import device_name
from benchmarks.overhead import RESULTS, _data, larger_model, small_model

CASES = {  # name: (build, input shape, samples, batch): the cases of `benchmarks.overhead`
    "mlp": (small_model, (20,), 20_000, 32),
    "cnn": (larger_model, (28, 28, 1), 4_000, 64),
}


def _monitored(mode: str, x, y, steps: int, build=small_model):  # noqa: ANN001, ANN202
    """(model, callbacks) for one mode; "auto" needs the budgeted stride (this version)."""
    from autotrainer_keras.keras import Watch
    from autotrainer_keras.measure.history import Task, TrainingHistory
    from autotrainer_keras.measure.keras_monitor import TrainingWatch, WatchedModel

    keras.utils.set_random_seed(0)
    model = build()
    if mode == "plain":
        return model, []
    if mode == "watch":
        return model, [Watch(probe_data=(x, y), verbose=0)]
    if mode.startswith("watch-rows"):  # gradient rows of the probe other than the default
        rows = int(mode.removeprefix("watch-rows"))
        config = {"monitor": {"probe_gradient_rows": rows}}
        return model, [Watch(probe_data=(x, y), verbose=0, config=config)]
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
    parser.add_argument("--cases", default="mlp", help="comma-separated subset of mlp,cnn")
    args = parser.parse_args()
    for case in args.cases.split(","):
        _run_case(case, args)


def _run_case(case: str, args: argparse.Namespace) -> None:
    build, shape, samples, batch = CASES[case]
    x, y = _data(shape, samples)
    steps = -(-samples // batch)
    modes = ["plain", *args.modes.split(",")]
    runs = {}
    for mode in modes:
        model, callbacks = _monitored(mode, x, y, steps, build)
        model.compile(
            optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"]
        )
        model.fit(x, y, batch_size=batch, epochs=1, verbose=0, callbacks=callbacks)  # trace
        runs[mode] = (model, callbacks)
    load_start = os.getloadavg()[0]
    times: dict[str, list[tuple[float, float]]] = {m: [] for m in modes}
    for pair in range(1, args.pairs + 1):  # epochs 1, 2, ... of one long training
        for mode in modes:
            model, callbacks = runs[mode]
            wall, cpu = time.perf_counter(), time.process_time()
            model.fit(x, y, batch_size=batch, initial_epoch=pair, epochs=pair + 1, verbose=0,
                      callbacks=callbacks)  # fmt: skip
            times[mode].append((time.perf_counter() - wall, time.process_time() - cpu))
    load_end = os.getloadavg()[0]
    rows = []
    for mode in modes[1:]:
        pairs = list(zip(times["plain"], times[mode], strict=True))
        rows.append(
            {
                "label": args.label,
                "case": case,
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
