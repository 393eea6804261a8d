"""The smoke job run inside a fresh venv by test_fresh_venv.py (its own interpreter).

python smoke_job.py make DIR    # DIR/model.keras and DIR/data.npz: a tiny classifier
python smoke_job.py fit DIR     # autotrainer_keras.fit on them; prints JSON
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def make(directory: Path) -> None:
    import keras
    import numpy as np

    keras.utils.set_random_seed(0)
    rng = np.random.default_rng(0)
    x = rng.normal(size=(240, 4)).astype("float32")
    y = (x[:, 0] + x[:, 1] > 0).astype("int64")
    model = keras.Sequential([
        keras.Input((4,)), keras.layers.Dense(8, activation="relu"),
        keras.layers.Dense(2, activation="softmax"),
    ])  # fmt: skip
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    model.save(directory / "model.keras")
    np.savez(directory / "data.npz", x_train=x, y_train=y)


def fit(directory: Path) -> None:
    import keras
    import numpy as np

    import autotrainer_keras

    data = np.load(directory / "data.npz")
    model = keras.models.load_model(directory / "model.keras")
    result = autotrainer_keras.fit(
        model, data["x_train"], data["y_train"], epochs=3, validation_split=0.25,
        tracking=False, output_dir=directory / "fit-out", verbose=False,
    )  # fmt: skip
    print(json.dumps({"status": result.status, "report": str(result.report_path)}))


if __name__ == "__main__":
    {"make": make, "fit": fit}[sys.argv[1]](Path(sys.argv[2]))
