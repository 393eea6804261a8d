"""Run in a subprocess by `test_distributed.py`: the same small jobs on one device and under
`tf.distribute.MirroredStrategy` over logical CPU devices, printing one JSON line per job.

    python tests/measure/distributed_cases.py REPLICAS CASE[,CASE...]

The logical devices must be configured before TensorFlow starts, hence a process of its own.
Cases: healthy, dead (a ReLU layer whose bias is -50: every unit silent), nan (SGD at a
learning rate of 1e5).
Each case runs as `autotrainer_keras.fit` (detect only; `dead-repair`: with repair) and as
`model.fit` with the `Watch` callback, on one device (`replicas` 1) and on REPLICAS devices.
"""

from __future__ import annotations

import json
import sys
import warnings
from typing import Any

import numpy as np
import tensorflow as tf


def _devices(replicas: int) -> None:
    cpu = tf.config.list_physical_devices("CPU")[0]
    config = [tf.config.LogicalDeviceConfiguration() for _ in range(replicas)]
    tf.config.set_logical_device_configuration(cpu, config)


def _data() -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(0)
    x = rng.normal(size=(512, 8)).astype("float32")
    return x, (x[:, 0] + x[:, 1] > 0).astype("float32")


def _model(case: str) -> Any:
    import keras

    keras.utils.set_random_seed(0)
    bias = keras.initializers.Constant(-50.0 if case.startswith("dead") else 0.0)
    model = keras.Sequential([
        keras.Input((8,)),
        keras.layers.Dense(16, activation="relu", bias_initializer=bias),
        keras.layers.Dense(16, activation="relu"),
        keras.layers.Dense(1, activation="sigmoid"),
    ])  # fmt: skip
    optimizer = keras.optimizers.SGD(1e5) if case == "nan" else keras.optimizers.Adam(0.01)
    model.compile(optimizer=optimizer, loss="binary_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return model


def _run(case: str, strategy: Any, out: str) -> dict[str, Any]:
    import autotrainer_keras
    from autotrainer_keras.keras import Watch

    x, y = _data()
    config = {"training": {"seed": 0}}
    with strategy.scope():
        model = _model(case)
    result = autotrainer_keras.fit(
        model, x, y, epochs=6, batch_size=32, validation_split=0.25, repair=case.endswith("repair"),
        tracking=False, output_dir=out, verbose=False, config=config,
    )  # fmt: skip
    final = result.model
    with strategy.scope():
        user = _model(case)
    watch = Watch(probe_data=(x, y), verbose=0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        user.fit(x, y, epochs=6, batch_size=32, validation_split=0.25, verbose=0,
                 callbacks=[watch])  # fmt: skip
    return {
        "case": case,
        "replicas": strategy.num_replicas_in_sync,
        "fit_status": result.status,
        "fit_findings": [f.problem.value for f in result.findings],
        "final_replicas": final.distribute_strategy.num_replicas_in_sync if final else None,
        "watch_findings": [f.problem.value for f in watch.findings],
    }


def main() -> None:
    replicas, cases = int(sys.argv[1]), sys.argv[2].split(",")
    out = sys.argv[3] if len(sys.argv) > 3 else "autotrainer-output"
    _devices(replicas)
    devices = [d.name for d in tf.config.list_logical_devices("CPU")]
    strategies = [tf.distribute.get_strategy(), tf.distribute.MirroredStrategy(devices)]
    if len(sys.argv) > 4:  # only one of them: "1" or "n"
        strategies = strategies[:1] if sys.argv[4] == "1" else strategies[1:]
    for case in cases:
        for strategy in strategies:
            print(json.dumps(_run(case, strategy, f"{out}/{case}-{strategy.num_replicas_in_sync}")),
                  flush=True)  # fmt: skip


if __name__ == "__main__":
    main()
