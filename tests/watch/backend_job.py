"""Run `Watch` under the Keras backend of this process (KERAS_BACKEND) and print JSON.

    KERAS_BACKEND=jax python tests/watch/backend_job.py

Keras reads the backend once per process, so tests/watch/test_watch_backends.py runs this
script in a subprocess per backend. It prints one JSON object:

- "probe": per layer, the kernel gradient norm and dead fraction that `Watch`'s probe measures
  on a fixed model (weights from a seeded numpy generator, the same on every backend);
- "runs": for each (style, case), the problems `Watch(on_problem="stop")` found and the
  epochs trained;
- "tracked": a tracked run (MLflow sqlite store, report.json): runs and metric keys logged.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))

from watch_models import blobs, mlp  # noqa: E402

CASES: dict[str, tuple[dict[str, Any], tuple[str, float]]] = {
    # case: (mlp kwargs, optimizer): healthy, then the faults test_watch.py induces
    "healthy": ({}, ("adam", 1e-2)),
    "vanishing": ({"width": 16, "depth": 8, "activation": "sigmoid"}, ("sgd", 0.01)),
    "exploding": ({"kernel": {"class_name": "RandomNormal", "config": {"stddev": 1e5}}},
                  ("sgd", 0.1)),
    "dying_relu": ({"bias": {"class_name": "Constant", "config": {"value": -10.0}}},
                   ("adam", 1e-3)),
}  # fmt: skip
RUNS = [
    ("functional", "healthy"), ("subclassed", "healthy"), ("sequential", "vanishing"),
    ("subclassed", "exploding"), ("functional", "dying_relu"),
]  # fmt: skip
EPOCHS = 10


def _compiled(model: Any, optimizer: tuple[str, float]) -> Any:
    import keras

    name, rate = optimizer
    model.compile(
        optimizer=keras.optimizers.get({"class_name": name, "config": {"learning_rate": rate}}),
        loss="sparse_categorical_crossentropy",
        metrics=["acc"],
    )
    return model


def probe_figures() -> list[dict[str, Any]]:
    """`Watch`'s probe on a fixed functional ReLU model, before any training."""
    from autotrainer_keras.config import AutotrainerConfig
    from autotrainer_keras.keras.watch_probe import WatchProbe

    x, y = blobs()
    model = _compiled(mlp("functional", width=8), ("sgd", 0.1))
    rng = np.random.default_rng(7)
    model.set_weights([rng.normal(0.0, 0.5, w.shape).astype("float32") - 0.2
                       for w in model.get_weights()])  # fmt: skip
    record = WatchProbe(model, (x, y), AutotrainerConfig()).check(epoch=0, step=1)
    return [
        {"kernel_grad_norm": s.kernel_grad_norm, "dead_fraction": s.dead_fraction}
        for s in record.layers
    ]


def watched_run(style: str, case: str) -> dict[str, Any]:
    import autotrainer_keras.keras

    kwargs, optimizer = CASES[case]
    x, y = blobs()
    watch = autotrainer_keras.keras.Watch(probe_data=(x, y), on_problem="stop", verbose=0)
    history = _compiled(mlp(style, seed=0, **kwargs), optimizer).fit(
        x, y, epochs=EPOCHS, batch_size=32, validation_split=0.3, callbacks=[watch], verbose=0
    )
    first = watch.history.checks[0] if watch.history.checks else None
    ends = (first.first_kernel_layer, first.output_layer) if first else (None, None)
    return {
        "style": style,
        "case": case,
        "problems": [f.problem.value for f in watch.findings],
        "first_check_ratio": (
            ends[0].kernel_grad_norm / ends[1].kernel_grad_norm  # type: ignore[operator]
            if ends[0] and ends[1] and ends[1].kernel_grad_norm
            else None
        ),
        "epochs": len(history.history["loss"]),
        "val_acc": float(history.history["val_acc"][-1]),
    }


def tracked_run(directory: Path) -> dict[str, Any]:
    """A healthy run with MLflow tracking (a new sqlite store) and report.json: what landed."""
    import mlflow

    import autotrainer_keras.keras

    x, y = blobs()
    uri = f"sqlite:///{directory / 'mlflow.db'}"
    watch = autotrainer_keras.keras.Watch(
        probe_data=(x, y), tracking=uri, output_dir=directory, log_metrics=True, verbose=0
    )
    _compiled(mlp("functional", seed=0), ("adam", 1e-2)).fit(
        x, y, epochs=2, batch_size=32, callbacks=[watch], verbose=0
    )
    client = mlflow.MlflowClient(uri)
    runs = client.search_runs([e.experiment_id for e in client.search_experiments()])
    return {
        "runs": len(runs),
        "metrics": sorted(runs[0].data.metrics) if runs else [],
        "report": (directory / "report.json").is_file(),
    }


def main() -> None:
    import keras

    runs = sys.argv[1:] or [f"{style}:{case}" for style, case in RUNS]
    tracked = {}
    if not sys.argv[1:]:
        with tempfile.TemporaryDirectory() as directory:
            tracked = tracked_run(Path(directory))
    print(json.dumps({
        "backend": keras.backend.backend(),
        "probe": probe_figures(),
        "runs": [watched_run(*run.split(":")) for run in runs],
        "tracked": tracked,
    }))  # fmt: skip


if __name__ == "__main__":
    main()
