"""`make demo`: a small faulty model on generated data, trained, diagnosed and repaired.

    python -m autotrainer_keras.demo [--output demo-output] [--problem exploding_gradient]

Builds the model and data with sklearn (no download), saves them as model.keras and data.npz,
then runs the same job as `autotrainer-keras run` with MLflow in ./mlflow.db (the embedded default).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

FAULTS = ("exploding_gradient", "vanishing_gradient", "dying_relu", "slow_convergence")


def make_data(seed: int = 0) -> dict[str, np.ndarray]:
    """Circle data like the paper's: 1000 samples split 700/300."""
    from sklearn.datasets import make_circles

    x, y = make_circles(n_samples=1000, noise=0.1, factor=0.5, random_state=seed)
    x, y = x.astype("float32"), y.astype("float32")
    return {"x_train": x[:700], "y_train": y[:700], "x_val": x[700:], "y_val": y[700:]}


def make_model(problem: str, seed: int = 0):
    """A small MLP with one deliberately induced training problem."""
    import keras

    keras.utils.set_random_seed(seed)
    layers = keras.layers
    if problem == "vanishing_gradient":
        hidden = [layers.Dense(16, activation="sigmoid") for _ in range(8)]
        optimizer = keras.optimizers.SGD(learning_rate=0.01)
    elif problem == "dying_relu":
        init = keras.initializers.Constant(-1.0)
        hidden = [layers.Dense(32, activation="relu", bias_initializer=init) for _ in range(3)]
        optimizer = keras.optimizers.SGD(learning_rate=0.05)
    elif problem == "slow_convergence":
        hidden = [layers.Dense(16, activation="tanh") for _ in range(2)]
        optimizer = keras.optimizers.SGD(learning_rate=1e-4)
    else:  # exploding_gradient: a learning rate far too large for this network
        hidden = [layers.Dense(32, activation="tanh") for _ in range(4)]
        optimizer = keras.optimizers.SGD(learning_rate=10.0)
    model = keras.Sequential([keras.Input((2,)), *hidden, layers.Dense(1, activation="sigmoid")])
    model.compile(optimizer=optimizer, loss="binary_crossentropy", metrics=["accuracy"])
    return model


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=Path("demo-output"))
    parser.add_argument("--problem", choices=FAULTS, default="exploding_gradient")
    parser.add_argument("--epochs", type=int, default=30)
    args = parser.parse_args(argv)

    args.output.mkdir(parents=True, exist_ok=True)
    model_path, data_path = args.output / "faulty_model.keras", args.output / "data.npz"
    make_model(args.problem).save(model_path)
    np.savez(data_path, **make_data())  # type: ignore[arg-type]
    config_path = args.output / "config.yaml"
    config_path.write_text(f"training:\n  epochs: {args.epochs}\n  batch_size: 32\n")
    print(f"demo: a Circle MLP with an induced {args.problem}: {model_path}, data {data_path}")

    from autotrainer_keras.cli_runner import CliFlags, run_from_cli
    from autotrainer_keras.errors import AutotrainerError

    flags = CliFlags(
        repair=True,
        model=model_path,
        data=data_path,
        config=config_path,
        output=args.output / "run",
        registered_model_name="demo-circles",
    )
    try:
        code = run_from_cli(flags)  # the same job as `autotrainer-keras run` with these flags
    except AutotrainerError as error:
        print(f"autotrainer: error: {error}", file=sys.stderr)
        code = error.exit_code
    print(
        "\ndemo: browse it all with  .venv/bin/mlflow ui --backend-store-uri sqlite:///mlflow.db"
        f"\n      open {args.output / 'run' / 'report.html'} in a browser"
        "\n      .venv/bin/autotrainer-keras lineage demo-circles"
    )
    return code


if __name__ == "__main__":
    sys.exit(main())
