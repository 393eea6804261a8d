"""Plain-Keras check of a batch's scripts (no Watch, no autotrainer), as the held-out
batches' labels are set: `Kit.fit` is `model.fit` with the script's own arguments;
TensorFlow on one thread as the runner sets it.

    python -m benchmarks.practice.plain --batch 26 gcn_communities adjacency=raw ... --seeds 11,22

`--batch N` picks the scripts of `batchN_models` (batches 25 and 26 were labelled with it).

Each spec is a script name followed by its `key=value` options (True/False, ints, floats or
strings; quote a string that reads as a number: `missing_as='"nan"'`);
prints the final validation accuracy / loss of each (spec, seed).
"""

from __future__ import annotations

import importlib
import os
import sys
import time
from typing import Any

os.environ.setdefault("TF_NUM_INTRAOP_THREADS", "1")
os.environ.setdefault("TF_NUM_INTEROP_THREADS", "1")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")


class PlainKit:
    def __init__(self, seed: int) -> None:
        self.seed = seed

    def fit(self, model: Any, x: Any, y: Any = None, *, probe_data: Any,
            class_weight: Any = None, callbacks: Any = None, **keywords: Any) -> Any:  # fmt: skip
        return model.fit(x, y, verbose=0, class_weight=class_weight, callbacks=callbacks,
                         **keywords)  # fmt: skip


def _value(text: str) -> Any:
    """A knob's value: True/False, an int, a float ("nan" too), else the text; quoted
    (key='"nan"', key="'0'") always the text inside the quotes (a knob whose values are
    strings such as "nan" or "0" had run the script's default: batch 82's labelling)."""
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
        return text[1:-1]
    if text in ("True", "False"):
        return text == "True"
    for kind in (int, float):
        try:
            return kind(text)
        except ValueError:
            pass
    return text


def main(argv: list[str]) -> int:
    import tensorflow as tf

    tf.config.threading.set_intra_op_parallelism_threads(1)
    tf.config.threading.set_inter_op_parallelism_threads(1)
    if "--batch" not in argv:
        print("usage: python -m benchmarks.practice.plain --batch N SCRIPT [key=value ...] "
              "[--seeds 11,22]", file=sys.stderr)  # fmt: skip
        return 2
    at = argv.index("--batch")
    models = importlib.import_module(f"benchmarks.practice.batch{int(argv[at + 1])}_models")
    argv = argv[:at] + argv[at + 2:]
    seeds = [11, 22]
    if "--seeds" in argv:
        at = argv.index("--seeds")
        seeds = [int(s) for s in argv[at + 1].split(",")]
        argv = argv[:at] + argv[at + 2:]
    specs: list[tuple[str, dict[str, Any]]] = []
    for token in argv:
        if "=" in token:
            key, value = token.split("=", 1)
            specs[-1][1][key] = _value(value)
        else:
            specs.append((token, {}))
    for name, options in specs:
        for seed in seeds:
            start = time.time()
            try:
                history = getattr(models, name)(PlainKit(seed), **options)
            except Exception as error:  # noqa: BLE001 - the fault's own symptom
                print(f"{name} {options} seed {seed}: RAISED {type(error).__name__}: "
                      f"{str(error).splitlines()[0][:160]}", flush=True)  # fmt: skip
                continue
            h = history.history
            acc = next((k for k in h if k.startswith("val_") and "acc" in k), "")
            acc = acc or next((k for k in h if k.startswith("val_") and "mae" in k), "")
            tr_acc = acc[4:] if acc else ""
            val = h[acc][-1] if acc else float("nan")
            print(f"{name} {options} seed {seed}: val {acc}={val:.3f} "
                  f"val_loss={h['val_loss'][-1]:.4f} train {tr_acc}="
                  f"{h[tr_acc][-1] if tr_acc else float('nan'):.3f} loss={h['loss'][-1]:.4f} "
                  f"({time.time() - start:.0f} s)", flush=True)  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
