"""How training slows with the scale of regression targets, and what learning in standardised
units (a fixed `y = mean + std * z` layer after a linear output) gives back: the measurement
behind `detection.preflight.target_scale` and the `scale_target` repair.

Generated data: 8 standard-normal inputs, a smooth non-linear target standardised to z, then
t = mean + std * z at each scale S = max(|mean|, std), two shapes: centred (mean 0, std S)
and offset (mean S, std S / 4, like prices N(3000, 800)). An MLP 8-32-32-1 (ReLU, linear
head) trains 30 epochs of 32-row batches (the job's defaults) with Adam(1e-3) and SGD(0.01);
the score is the validation MSE divided by the targets' variance (1: as good as predicting
the mean; 0: perfect). `--repaired` also trains each with the `scale_target` layer (SGD's
rate divided by std^2 for MSE, std for MAE, as the repair does); `--loss mae` trains on the
absolute error (scored by MSE all the same); `--hidden tanh` gives the hidden layers tanh
(features bounded in [-1, 1] before the linear head), `--hidden lstm` reads the 8 inputs as
8 steps of an LSTM(32) whose last output feeds the head. Results:
benchmarks/results/target_scale*.csv.

    .venv/bin/python -m benchmarks.target_scale [--seeds 0 1] [--repaired] [--loss mae]
        [--hidden relu|tanh|lstm]
"""

from __future__ import annotations

import argparse
import math

import numpy as np

SCALES = (1.0, 3.0, 10.0, 30.0, 100.0, 300.0, 1000.0, 3000.0)
SHAPES = {"centred": (0.0, 1.0), "offset": (1.0, 0.25)}  # (mean / S, std / S)
OPTIMIZERS = {"adam": 1e-3, "sgd": 1e-2}


def arrays(seed: int, n: int = 1300) -> tuple[np.ndarray, np.ndarray]:
    """Inputs and standardised targets (the first 1000 rows train, the rest validate)."""
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((n, 8)).astype("float32")
    w = rng.standard_normal(8)
    z = x @ w + np.sin(2 * x[:, 0]) + 0.5 * x[:, 1] * x[:, 2] + 0.1 * rng.standard_normal(n)
    z = (z - z.mean()) / z.std()
    return x, z.astype("float32").reshape(-1, 1)


def train(x: np.ndarray, t: np.ndarray, optimizer: str, seed: int, affine: tuple[float, float]
          | None = None, epochs: int = 30, loss: str = "mse",
          hidden: str = "relu") -> float:  # fmt: skip
    """Validation MSE / var(t) after `epochs` (inf when it diverged)."""
    import keras

    keras.utils.set_random_seed(seed)
    if hidden == "lstm":
        model = keras.Sequential([keras.Input((8, 1)), keras.layers.LSTM(32),
                                  keras.layers.Dense(1)])  # fmt: skip
        x = x[..., None]
    else:
        model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(32, activation=hidden),
                                  keras.layers.Dense(32, activation=hidden),
                                  keras.layers.Dense(1)])  # fmt: skip
    rate = OPTIMIZERS[optimizer]
    if affine is not None:
        mean, std = affine
        model.add(keras.layers.Rescaling(scale=[std], offset=[mean]))
        power = 2 if loss == "mse" else 1
        rate = rate / std**power if optimizer == "sgd" else rate
    model.compile(keras.optimizers.get({"class_name": optimizer,
                                        "config": {"learning_rate": rate}}), loss)  # fmt: skip
    model.fit(x[:1000], t[:1000], epochs=epochs, batch_size=32, verbose=0)
    mse = float(np.mean((model.predict(x[1000:], verbose=0) - t[1000:]) ** 2))
    return mse / float(t[1000:].var()) if math.isfinite(mse) else math.inf


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, nargs="+", default=[0])
    parser.add_argument("--repaired", action="store_true")
    parser.add_argument("--scales", type=float, nargs="+", default=list(SCALES))
    parser.add_argument("--loss", default="mse", choices=["mse", "mae"])
    parser.add_argument("--hidden", default="relu", choices=["relu", "tanh", "lstm"])
    args = parser.parse_args()
    import tensorflow as tf

    tf.config.threading.set_intra_op_parallelism_threads(1)
    tf.config.threading.set_inter_op_parallelism_threads(1)
    arms = [(opt, None) for opt in OPTIMIZERS]
    arms += [(opt, "repaired") for opt in OPTIMIZERS] if args.repaired else []
    print("shape,scale,mean,std,optimizer,arm," + ",".join(f"seed{s}" for s in args.seeds))
    for shape, (mean_f, std_f) in SHAPES.items():
        for scale in args.scales:
            mean, std = mean_f * scale, std_f * scale
            for optimizer, arm in arms:
                scores = []
                for seed in args.seeds:
                    x, z = arrays(seed)
                    affine = (mean, std) if arm else None
                    scores.append(train(x, mean + std * z, optimizer, seed, affine,
                                        loss=args.loss, hidden=args.hidden))
                row = ",".join(f"{s:.3f}" for s in scores)
                print(f"{shape},{scale:g},{mean:g},{std:g},{optimizer},{arm or 'raw'},{row}",
                      flush=True)


if __name__ == "__main__":
    main()
