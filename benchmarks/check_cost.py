"""`Watch`'s fixed costs on the overhead cases: CPU per check and per fit, against a plain epoch.

    .venv/bin/python -m benchmarks.check_cost [--cases mlp,cnn] [--rounds 6] [--label x]

Epoch-level ratios (`benchmarks.overhead_paired`) move by 0.05-0.13 between runs on a shared
machine; this counts the work itself. One process: a model trained one epoch with `Watch`
(its probe traced), and a plain model; then `rounds` times a plain epoch (timed) followed by
three checks of the probe (`WatchProbe.check`) and three `on_train_begin` calls, each timed in
process CPU. Prints the medians and the CPU ratio a one-epoch fit implies (1 + (check + fit
start) / plain epoch): a per-epoch check and a per-fit start, as `overhead_paired` times them.
Uses the probe's `check` only, so it runs unchanged on earlier versions (PYTHONPATH).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time
from collections.abc import Callable

import keras

from autotrainer_keras.keras import Watch
from benchmarks.overhead_paired import CASES, _data


def _cpu(work: Callable[[], object]) -> float:
    start = time.process_time()
    work()
    return time.process_time() - start


def measure(case: str, rounds: int, label: str) -> dict[str, object]:
    build, shape, samples, batch = CASES[case]
    x, y = _data(shape, samples)
    models = []
    for _ in range(2):
        keras.utils.set_random_seed(0)
        model = build()
        model.compile(
            optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"]
        )
        models.append(model)
    watched, plain = models
    watch = Watch(probe_data=(x, y), verbose=0)
    watched.fit(x, y, batch_size=batch, epochs=1, verbose=0, callbacks=[watch])
    plain.fit(x, y, batch_size=batch, epochs=1, verbose=0)
    probe = watch._probe
    load = os.getloadavg()[0]
    checks, starts, epochs = [], [], []
    for i in range(1, rounds + 1):
        epochs.append(_cpu(lambda i=i: plain.fit(x, y, batch_size=batch, initial_epoch=i,
                                                 epochs=i + 1, verbose=0)))  # fmt: skip
        for _ in range(3):
            checks.append(_cpu(lambda: probe.check(1, 100)))
            starts.append(_cpu(watch.on_train_begin))
    check, start, epoch = (statistics.median(v) for v in (checks, starts, epochs))
    return {
        "label": label,
        "case": case,
        "check_cpu_ms": round(check * 1000, 1),
        "fit_start_cpu_ms": round(start * 1000, 1),
        "plain_epoch_cpu_s": round(epoch, 3),
        "implied_cpu_ratio": round(1 + (check + start) / epoch, 3),
        "rounds": rounds,
        "load_avg_start": round(load, 1),
        "load_avg_end": round(os.getloadavg()[0], 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", default="mlp,cnn", help="comma-separated subset of mlp,cnn")
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument("--label", default="", help="a label for the printed rows")
    args = parser.parse_args()
    for case in args.cases.split(","):
        print(json.dumps(measure(case, args.rounds, args.label)), flush=True)


if __name__ == "__main__":
    main()
