"""An adapted lookup layer's vocabulary in the training spec (`keras_spec.with_vocabularies`):
every candidate rebuilt from the spec reads the inputs as the user's model does."""

from __future__ import annotations

import json

import keras
import numpy as np
import pytest

from autotrainer_keras.config import TrainingConfig
from autotrainer_keras.repair import keras_spec

pytestmark = pytest.mark.medium


def test_an_integer_lookups_vocabulary_survives_the_spec():
    """`IntegerLookup.get_vocabulary()` holds numpy int64 codes, which `json.dumps` refuses:
    a job on such a model crashed before training (practice batch 8, `coded_orders_lookup`)."""
    codes = np.array([[1200], [7], [7], [315], [42]], dtype="int64")
    keras.utils.set_random_seed(0)
    lookup = keras.layers.IntegerLookup(output_mode="one_hot")
    lookup.adapt(codes)
    inputs = keras.Input((1,), dtype="int64")
    model = keras.Model(inputs, keras.layers.Dense(1, "sigmoid")(lookup(inputs)))
    model.compile("adam", "binary_crossentropy")
    spec = keras_spec.spec_from_model(model, TrainingConfig(), seed=0, metrics=[],
                                      loss="binary_crossentropy")  # fmt: skip
    json.dumps(spec.model)  # plain JSON
    rebuilt = keras_spec.build_model(spec)
    rebuilt.set_weights(model.get_weights())
    probe = np.array([[7], [1200], [5]], dtype="int64")  # 5: out of vocabulary
    assert np.allclose(rebuilt.predict(probe, verbose=0), model.predict(probe, verbose=0))
