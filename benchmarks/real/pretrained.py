"""A convolutional backbone pretrained on another generated task (shapes_img), kept on disk.

The fine-tuning base nests this backbone as one layer (a functional sub-model named
"backbone") and starts from these weights. They are trained once (seed 0, 6 epochs, Adam),
written to benchmarks/.cache/real/, and read back by every job; a job never changes them.
"""

from __future__ import annotations

from pathlib import Path

import keras

from benchmarks.real import data as datasets

CACHE = Path(__file__).resolve().parents[1] / ".cache" / "real"
WEIGHTS_VERSION = 1


def backbone(input_shape: tuple[int, ...] = (8, 8, 1)) -> keras.Model:
    """conv16-conv16-pool-conv32-pool with ReLU: the architecture the weights belong to."""
    inputs = keras.Input(input_shape)
    h = keras.layers.Conv2D(16, 3, padding="same", activation="relu")(inputs)
    h = keras.layers.Conv2D(16, 3, padding="same", activation="relu")(h)
    h = keras.layers.MaxPooling2D()(h)
    h = keras.layers.Conv2D(32, 3, padding="same", activation="relu")(h)
    h = keras.layers.MaxPooling2D()(h)
    return keras.Model(inputs, h, name="backbone")


def weights_path() -> Path:
    return CACHE / f"backbone-shapes_img-v{WEIGHTS_VERSION}.weights.h5"


def ensure_weights() -> Path:
    """The pretrained weights' file, pretraining first (seed 0) when it is not there yet.

    Call before seeding a job's model: pretraining consumes the global random stream.
    """
    path = weights_path()
    if not path.is_file():
        keras.utils.set_random_seed(0)
        _pretrain(backbone(), path)
    return path


def pretrained_backbone() -> keras.Model:
    """The backbone with its pretrained weights (`ensure_weights` must have run)."""
    model = backbone()
    model.load_weights(weights_path())
    return model


def _pretrain(model: keras.Model, path: Path) -> None:
    task = datasets.load("shapes_img")
    inputs = keras.Input(task.x_train.shape[1:])
    h = keras.layers.GlobalAveragePooling2D()(model(inputs))
    outputs = keras.layers.Dense(task.n_outputs, activation="softmax")(h)
    classifier = keras.Model(inputs, outputs)
    classifier.compile("adam", "sparse_categorical_crossentropy", metrics=["accuracy"])
    classifier.fit(task.x_train, task.y_train, epochs=6, batch_size=64, verbose=0,
                   validation_data=(task.x_val, task.y_val))  # fmt: skip
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name.replace(".weights.h5", ".tmp.weights.h5"))
    model.save_weights(tmp)
    tmp.replace(path)
