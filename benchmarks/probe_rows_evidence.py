"""The gradient evidence `Watch` reads on fewer probe rows: two `Watch`es in one fit.

    .venv/bin/python -m benchmarks.probe_rows_evidence [--rows 64] [--models healthy,sigmoid]

Both callbacks see the same weights at the same checks; one measures the probe gradients on
`--rows` rows (`monitor.probe_gradient_rows`), the other on all 256 probe rows. Prints the
numbers the gradient rules read at each check (first/output kernel gradient ratio, total
gradient norm, both kernels' norms) and both findings. Models on sklearn's digits: a
healthy ReLU MLP (Adam), 8 sigmoid layers under SGD (vanishing), a small CNN (Adam), a ReLU
MLP under SGD at 2.0 (exploding).
"""

from __future__ import annotations

import argparse
import warnings

import keras
import numpy as np

from autotrainer_keras.detect.default_gradients import total_grad_norm
from autotrainer_keras.detect.gradients import gradient_summary
from autotrainer_keras.keras import Watch


def _mlp(activation: str, depth: int) -> keras.Model:
    layers = [keras.layers.Dense(32, activation=activation) for _ in range(depth)]
    return keras.Sequential([keras.Input((64,)), *layers, keras.layers.Dense(10, "softmax")])


def _cnn() -> keras.Model:
    return keras.Sequential([
        keras.Input((8, 8, 1)), keras.layers.Conv2D(16, 3, activation="relu"),
        keras.layers.Flatten(), keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(10, activation="softmax"),
    ])  # fmt: skip


def run(name: str, rows: int, x: np.ndarray, y: np.ndarray, epochs: int) -> None:
    keras.utils.set_random_seed(11)
    build, optimizer = {
        "healthy": (lambda: _mlp("relu", 2), keras.optimizers.Adam(1e-3)),
        "sigmoid": (lambda: _mlp("sigmoid", 8), keras.optimizers.SGD(0.01)),
        "cnn": (_cnn, keras.optimizers.Adam(1e-3)),
        "explode": (lambda: _mlp("relu", 3), keras.optimizers.SGD(2.0)),
    }[name]
    model = build()
    if name == "cnn":
        x = x.reshape(-1, 8, 8, 1)
    model.compile(optimizer=optimizer, loss="sparse_categorical_crossentropy")
    few = Watch(probe_data=(x, y), verbose=0, config={"monitor": {"probe_gradient_rows": rows}})
    full = Watch(probe_data=(x, y), verbose=0, config={"monitor": {"probe_gradient_rows": 256}})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model.fit(x, y, epochs=epochs, batch_size=64, verbose=0, callbacks=[few, full])
    assert few.history is not None and full.history is not None
    for a, b in zip(few.history.checks, full.history.checks, strict=True):
        ga, gb = gradient_summary(a), gradient_summary(b)
        if ga is None or gb is None:
            continue
        print(f"{name:8s} epoch {a.epoch:2d}  ratio {ga.ratio:9.3g} / {gb.ratio:9.3g}  "
              f"norm {total_grad_norm(a):8.3g} / {total_grad_norm(b):8.3g}  first kernel "
              f"{ga.first_kernel:8.3g} / {gb.first_kernel:8.3g}  output kernel "
              f"{ga.output_kernel:8.3g} / {gb.output_kernel:8.3g}")  # fmt: skip
    said = [[(f.problem.value, f.epoch) for f in w.findings] for w in (few, full)]
    print(f"{name:8s} findings on {rows} rows: {said[0]}; on 256: {said[1]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=64)
    parser.add_argument("--models", default="healthy,sigmoid,cnn,explode")
    args = parser.parse_args()
    from sklearn.datasets import load_digits

    digits = load_digits()
    x, y = (digits.data / 16.0).astype("float32"), digits.target
    epochs = {"healthy": 8, "sigmoid": 12, "cnn": 6, "explode": 6}
    for name in args.models.split(","):
        run(name, args.rows, x, y, epochs[name])


if __name__ == "__main__":
    main()
