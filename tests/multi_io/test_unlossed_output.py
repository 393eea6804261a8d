"""An output compiled without a loss while the others have one (practice batch 96: a joint
intent + slot model whose loss dict names only the intent) is trained by the job with the loss
its labels call for, and the report says so: Keras alone leaves it untrained (`no_gradient`
under `Watch`), and the job had inferred `mse` for the slot ids and refused them."""

from __future__ import annotations

from pathlib import Path

import keras
import numpy as np
import pytest

import autotrainer_keras
from autotrainer_keras.engine.setup import infer_loss

pytestmark = pytest.mark.medium
TAGS, INTENTS, STEPS, VOCAB = 5, 3, 12, 40


def _joint_model() -> keras.Model:
    keras.utils.set_random_seed(0)
    ids = keras.Input((STEPS,), dtype="int32", name="ids")
    hidden = keras.layers.Embedding(VOCAB, 16)(ids)
    tags = keras.layers.Dense(TAGS, activation="softmax", name="tags")(hidden)
    pooled = keras.layers.GlobalAveragePooling1D()(hidden)
    intent = keras.layers.Dense(INTENTS, activation="softmax", name="intent")(pooled)
    model = keras.Model(ids, {"intent": intent, "tags": tags})
    model.compile("adam", loss={"intent": "sparse_categorical_crossentropy"})
    return model


def _data(rows: int, seed: int) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    ids = np.random.default_rng(seed).integers(0, VOCAB, (rows, STEPS))
    y = {"intent": ids[:, 0] % INTENTS, "tags": ids % TAGS}  # a token's tag is its id's
    return ids.astype("int32"), y


def test_class_ids_per_step_call_for_the_sparse_cross_entropy() -> None:
    ids = np.random.default_rng(0).integers(0, TAGS, (50, STEPS))
    assert infer_loss(TAGS, ids, output_rank=3) == "sparse_categorical_crossentropy"
    assert infer_loss(TAGS, ids[..., None], output_rank=3) == "sparse_categorical_crossentropy"
    assert infer_loss(TAGS, ids + TAGS, output_rank=3) == "mse"  # not ids of these units
    assert infer_loss(TAGS, ids + 0.5, output_rank=3) == "mse"
    assert infer_loss(TAGS, ids[:, 0]) == "sparse_categorical_crossentropy"  # one per row


def test_an_output_compiled_without_a_loss_is_trained_and_named(tmp_path: Path) -> None:
    x, y = _data(600, 1)
    x_val, y_val = _data(200, 2)
    result = autotrainer_keras.fit(_joint_model(), x, y, validation_data=(x_val, y_val),
                                   epochs=4, repair=False, tracking=False, verbose=False,
                                   output_dir=tmp_path / "job")  # fmt: skip
    warned = [w for w in result.report["warnings"] if "compiled without a loss" in w]
    assert len(warned) == 1 and "'tags' (sparse_categorical_crossentropy)" in warned[0]
    assert "'intent'" not in warned[0]
    assert result.model is not None
    tags = np.argmax(result.model.predict(x_val, verbose=0)["tags"], axis=-1)
    chance = max(np.mean(y_val["tags"] == k) for k in range(TAGS))  # about 0.2
    assert np.mean(tags == y_val["tags"]) > chance + 0.3  # trained: a tag is its token's
