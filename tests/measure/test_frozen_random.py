"""Frozen layers still at their random initialisation (`measure.frozen_random`, the
`frozen_random` pre-flight suspicion) and the `unfreeze` repair: practice batch 25's
embedding never given its pretrained matrix (0.38 against 1.00; `unfreeze`: 1.00)."""

from __future__ import annotations

import random
from pathlib import Path

import keras
import numpy as np
import pytest

from autotrainer_keras.config import TrainingConfig
from autotrainer_keras.config.preflight import PreflightThresholds
from autotrainer_keras.detect.preflight.frozen_random import frozen_random
from autotrainer_keras.errors import ModelSpecError
from autotrainer_keras.io.data import Dataset
from autotrainer_keras.measure.frozen_random import frozen_at_init
from autotrainer_keras.measure.setup_facts import SetupFacts, data_facts, model_facts
from autotrainer_keras.problems import SetupProblem
from autotrainer_keras.repair import keras_spec
from autotrainer_keras.repair.operators import get_operator

T = PreflightThresholds()


def _topics(initializer: object = "uniform", trainable: bool = False,
            seed: int = 0) -> keras.Model:  # fmt: skip
    keras.utils.set_random_seed(seed)
    model = keras.Sequential([
        keras.Input((20,)),
        keras.layers.Embedding(200, 16, embeddings_initializer=initializer, trainable=trainable,
                               name="vectors"),
        keras.layers.GlobalAveragePooling1D(), keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(4, activation="softmax"),
    ])  # fmt: skip
    model.compile("adam", "sparse_categorical_crossentropy", metrics=["accuracy"])
    return model


def _facts(model: keras.Model) -> SetupFacts:
    x = np.random.default_rng(0).integers(1, 200, size=(64, 20))
    y = np.arange(64) % 4
    facts = model_facts(model, loss="sparse_categorical_crossentropy", optimizer="adam",
                        learning_rate=1e-3, default_learning_rate=1e-3, epochs=5,
                        batch_size=32)  # fmt: skip
    return SetupFacts(facts, data_facts(Dataset(x, y, x, y)))


def _pretrained(seed: int) -> np.ndarray:
    """Vectors "trained elsewhere": an SVD of a co-occurrence-like count matrix."""
    counts = np.random.default_rng(seed).poisson(2.0, size=(200, 200)).astype("float64")
    return np.linalg.svd(np.log1p(counts))[0][:, :16].astype("float32")


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_a_frozen_layer_at_its_random_draw_is_named_and_a_loaded_one_is_not(seed: int) -> None:
    at_init = frozen_random(_facts(_topics(seed=seed)), T)
    assert at_init is not None and at_init.problem is SetupProblem.FROZEN_RANDOM
    assert at_init.layer == "vectors" and "random initialisation" in at_init.reason
    loaded = _topics(seed=seed)
    loaded.layers[0].embeddings.assign(_pretrained(seed))  # set_weights after building
    reading = frozen_at_init(loaded)[0]
    assert not reading.exact and reading.distance > 3.0  # gate 1.0
    assert frozen_random(_facts(loaded), T) is None
    # the usual way to give an Embedding its vectors: Constant(matrix) draws nothing
    assert frozen_at_init(_topics(keras.initializers.Constant(_pretrained(seed)))) == ()
    assert frozen_at_init(_topics(trainable=True)) == ()


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_a_reloaded_random_layer_reads_as_its_initializers_draw(tmp_path: Path,
                                                                 seed: int) -> None:  # fmt: skip
    """A model from a file: its initializer is seeded anew, so not `exact`; by distribution."""
    path = tmp_path / "m.keras"
    _topics(initializer="glorot_uniform", seed=seed).save(path)
    reading = frozen_at_init(keras.models.load_model(path))[0]
    assert not reading.exact
    assert reading.distance < 0.9 and abs(reading.spread_ratio - 1) < 0.05  # two draws
    assert abs(reading.reach_ratio - 1) < 0.005  # a uniform draw's bound (gate 0.02)
    with_file = frozen_random(_facts(keras.models.load_model(path)), T)
    assert with_file is not None and with_file.layer == "vectors"


def test_a_trained_layer_past_its_initializers_bound_is_not_at_init() -> None:
    """Practice batch 23's conv backbone, pretrained 10 epochs then frozen: KS 0.95 x the
    critical distance (a trained layer's values can still be distributed like a draw), but
    1.44 x the draw's largest value. Here: the draw's values with a few pushed past it."""
    model = _topics(initializer="glorot_uniform")
    weights = keras.ops.convert_to_numpy(model.layers[0].embeddings).copy()
    weights[:5] *= 1.3  # 5 of 200 rows moved past the bound, the distribution kept
    model.layers[0].embeddings.assign(weights)
    reading = frozen_at_init(model)[0]
    assert not reading.exact and reading.distance < 1.0 and reading.reach_ratio > 1.2
    assert frozen_random(_facts(model), T) is None


def test_reading_moves_no_random_state() -> None:
    model = _topics()
    python_state, numpy_state = random.getstate(), np.random.get_state()[1].copy()
    keras_draw = keras.random.uniform((4,), seed=keras.random.SeedGenerator(7))
    frozen_at_init(model)
    assert random.getstate() == python_state
    assert (np.random.get_state()[1] == numpy_state).all()
    np.testing.assert_array_equal(keras_draw, keras.random.uniform((4,),
                                                                    seed=keras.random.SeedGenerator(7)))


def test_unfreeze_lets_every_frozen_layer_train_and_needs_one() -> None:
    op = get_operator("unfreeze")
    spec = keras_spec.spec_from_model(_topics(), TrainingConfig(), seed=0, metrics=["accuracy"],
                                      loss="sparse_categorical_crossentropy")  # fmt: skip
    thawed, params = op.apply(spec, 0, np.random.default_rng(0))
    assert params["layers"] == ["vectors"]
    assert all(layer.trainable for layer in keras_spec.build_model(thawed).layers)
    trainable = keras_spec.spec_from_model(_topics(trainable=True), TrainingConfig(), seed=0,
                                           metrics=["accuracy"],
                                           loss="sparse_categorical_crossentropy")  # fmt: skip
    with pytest.raises(ModelSpecError, match="no frozen layer"):
        op.apply(trainable, 0, np.random.default_rng(0))
