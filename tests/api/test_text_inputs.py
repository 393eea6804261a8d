"""Models that take text (a TextVectorization layer first): data, specs and a repaired job."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from autotrainer_keras.errors import InputError

WORDS = ["the", "a", "movie", "film", "was", "is"]


def _texts(n: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Sentences of filler words with two sentiment words; the label is their sentiment."""
    rng = np.random.default_rng(seed)
    labels = rng.integers(0, 2, n)
    sentiment = (["bad", "awful", "poor"], ["good", "great", "fine"])
    rows = []
    for label in labels:
        tokens = [*rng.choice(WORDS, 6), *rng.choice(sentiment[label], 2)]
        rng.shuffle(tokens)
        rows.append(" ".join(tokens))
    return np.array(rows, dtype=object), labels.astype("float32")  # Keras refuses "<U"


def _text_model(texts: np.ndarray, hidden_bias: float = 0.0):
    import keras

    keras.utils.set_random_seed(0)
    vectorize = keras.layers.TextVectorization(max_tokens=40, output_sequence_length=10)
    vectorize.adapt(texts)
    inputs = keras.Input((1,), dtype="string")
    h = keras.layers.Embedding(40, 16)(vectorize(inputs))
    h = keras.layers.GlobalAveragePooling1D()(h)
    h = keras.layers.Dense(32, "relu", bias_initializer=keras.initializers.Constant(hidden_bias))(h)
    model = keras.Model(inputs, keras.layers.Dense(1, activation="sigmoid")(h))
    model.compile("adam", "binary_crossentropy", metrics=["accuracy"])
    return model


@pytest.mark.medium
def test_a_spec_keeps_the_adapted_vocabulary_so_candidates_read_the_same_ids() -> None:
    """`adapt` state is no weight and not in the layer's config: a candidate rebuilt from the
    config alone failed with "Table not initialized"."""
    import keras

    from autotrainer_keras.config import TrainingConfig
    from autotrainer_keras.repair import keras_spec

    texts, _ = _texts(64)
    model = _text_model(texts)
    spec = keras_spec.spec_from_model(model, TrainingConfig(), loss="binary_crossentropy",
                                      metrics=["accuracy"], seed=0)  # fmt: skip
    rebuilt = keras_spec.build_model(spec)
    ids = [keras.Model(m.inputs, m.layers[1].output).predict(texts[:8], verbose=0)
           for m in (model, rebuilt)]  # fmt: skip
    assert ids[0].max() > 1 and np.array_equal(ids[0], ids[1])


@pytest.mark.medium
def test_text_for_a_numeric_model_and_numbers_for_a_text_model_are_refused() -> None:
    import autotrainer_keras

    texts, labels = _texts(40)
    numbers = np.zeros((40, 1), "float32")
    with pytest.raises(InputError, match=r"x is numbers but the model's input takes string"):
        autotrainer_keras.fit(_text_model(texts), numbers, labels, epochs=1)
    import keras

    numeric = keras.Sequential([keras.Input((1,)), keras.layers.Dense(1, "sigmoid")])
    numeric.compile("adam", "binary_crossentropy")
    with pytest.raises(InputError, match=r"x is text but the model's input takes float32: "
                                         r"start the model with a TextVectorization"):
        autotrainer_keras.fit(numeric, texts, labels, epochs=1)


@pytest.mark.medium
def test_a_text_model_with_dead_units_is_repaired_and_reads_text_after_reload(
    tmp_path: Path,
) -> None:
    import keras

    import autotrainer_keras

    texts, labels = _texts(1000)
    result = autotrainer_keras.fit(
        _text_model(texts, hidden_bias=-3.0), texts, labels, epochs=8, validation_split=0.2,
        output_dir=tmp_path, config={"tracking": {"enabled": False}},
    )
    assert result.status == "repaired", result.findings
    assert result.findings[0].problem == "dying_relu"
    reloaded = keras.models.load_model(tmp_path / "model.keras")
    predicted = reloaded.predict(texts[:200], verbose=0).ravel() > 0.5
    assert np.mean(predicted == labels[:200]) > 0.9  # the original stays at chance (~0.5)


def _lookup_model(cities: np.ndarray):
    import keras

    keras.utils.set_random_seed(0)
    lookup = keras.layers.StringLookup()
    lookup.adapt(cities)
    city = keras.Input((1,), dtype="string", name="city")
    spend = keras.Input((1,), name="spend")
    encoded = keras.layers.CategoryEncoding(lookup.vocabulary_size(), output_mode="one_hot")(
        lookup(city))
    h = keras.layers.Dense(8, "relu")(keras.layers.Concatenate()([encoded, spend]))
    model = keras.Model({"city": city, "spend": spend}, keras.layers.Dense(1, "sigmoid")(h))
    model.compile("adam", "binary_crossentropy", metrics=["accuracy"])
    return model


@pytest.mark.medium
def test_string_columns_from_a_tf_data_pipeline_train_through_the_job(tmp_path: Path) -> None:
    """tf.data yields strings as bytes in (rows, 1) object arrays, which Keras' fit refuses
    ("Invalid dtype: object": it takes only 1-D object arrays of str); the job trains on
    them as string tensors."""
    import tensorflow as tf

    import autotrainer_keras

    rng = np.random.default_rng(0)
    cities = rng.choice(["paris", "lyon", "nice"], 200).reshape(-1, 1)
    labels = (cities[:, 0] == "nice").astype("float32")
    columns = {"city": cities, "spend": rng.normal(size=(200, 1)).astype("float32")}
    train = tf.data.Dataset.from_tensor_slices((columns, labels)).batch(32)
    result = autotrainer_keras.fit(
        _lookup_model(cities), train, epochs=2, validation_data=train, output_dir=tmp_path,
        config={"tracking": {"enabled": False}},
    )
    assert result.status in ("healthy", "repaired", "unrepaired")
    assert result.model.predict({"city": tf.constant(cities[:4]),
                                 "spend": columns["spend"][:4]}, verbose=0).shape == (4, 1)
