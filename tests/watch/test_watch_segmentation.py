"""`Watch` on a segmentation model: a class per pixel (integer masks under the sparse
cross-entropy), more probe rows than the probe batch holds (practice batch 7's
`seg_unet_shapes` crashed in the probe's row pick)."""

from __future__ import annotations

import keras
import numpy as np
import pytest

from autotrainer_keras.keras import Watch

pytestmark = pytest.mark.medium


def test_a_mask_of_a_class_per_pixel_trains_under_watch() -> None:
    keras.utils.set_random_seed(0)
    rng = np.random.default_rng(0)
    x = rng.standard_normal((400, 16, 16, 1)).astype("float32")
    masks = (x[..., 0] > 0.5).astype("int32") + (x[..., 0] > 1.5).astype("int32")
    model = keras.Sequential([
        keras.Input((16, 16, 1)),
        keras.layers.Conv2D(8, 3, padding="same", activation="relu"),
        keras.layers.Conv2D(3, 1, activation="softmax"),
    ])  # fmt: skip
    model.compile("adam", "sparse_categorical_crossentropy", metrics=["accuracy"])
    watch = Watch(probe_data=(x, masks), verbose=0)
    model.fit(x, masks, epochs=2, batch_size=32, verbose=0, callbacks=[watch])
    assert watch.report is not None and watch.history is not None
    assert len(watch.history.checks) == 2
