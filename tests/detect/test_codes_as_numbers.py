"""Category codes read as magnitudes (practice batches 47 and 49: zip codes through a
Normalization, city ids as a number): the reading (`measure/code_columns.py`), the rule
(`codes_as_numbers`) through the job's pre-flight check on named inputs, and the healthy
set-ups of the same data (the ids one-hot encoded; ages, hours and counts as numbers)."""

from __future__ import annotations

import keras
import numpy as np
import pytest

from autotrainer_keras.config import AutotrainerConfig, TrainingConfig
from autotrainer_keras.config.preflight import PreflightThresholds
from autotrainer_keras.engine.setup_check import SetupCheck
from autotrainer_keras.io.data import Dataset
from autotrainer_keras.measure.code_columns import code_columns, target_matrix
from autotrainer_keras.problems import SetupProblem
from autotrainer_keras.repair import keras_spec

L = keras.layers
T = PreflightThresholds()


def shop(seed: int, rows: int = 3000) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Columns: a city id (50 cities, each its own effect), an age (a slope), an hour (a
    daily cycle), a count of visits (a saturating effect) and a code that explains nothing;
    a binary target and a continuous one."""
    rng = np.random.default_rng(seed)
    city = rng.integers(0, 50, rows)
    age, hour = rng.integers(18, 90, rows), rng.integers(0, 24, rows)
    visits, idle = rng.poisson(6, rows), rng.integers(0, 100, rows)
    score = (rng.normal(0, 1, 50)[city] + 0.03 * (age - 50) + np.cos(hour / 24 * 2 * np.pi)
             + np.log1p(visits) - 1.5)  # fmt: skip
    x = np.stack([city, age, hour, visits, idle], 1).astype("float32")
    binary = (rng.random(rows) < 1 / (1 + np.exp(-score))).astype("float32")
    return x, binary, (score + rng.normal(0, 1, rows)).astype("float32")[:, None]


@pytest.mark.parametrize("seed", [0, 1, 2, 3, 4, 5])
def test_ids_read_rough_and_measurements_smooth_far_from_the_threshold(seed: int) -> None:
    x, binary, continuous = shop(seed)
    for targets in (target_matrix(binary, "binary"), target_matrix(continuous, "continuous")):
        read = {c.column: c for c in code_columns(x, targets)}
        assert read[0].roughness > 1.4 * T.code_roughness and read[0].signal > 2 * T.code_signal
        judged = [read[j] for j in (1, 2, 3, 4) if j in read and read[j].signal >= T.code_signal]
        assert all(c.roughness < T.code_roughness / 2 for c in judged)
        assert 4 not in read or read[4].signal < T.code_signal / 2


def test_floats_few_levels_and_too_few_rows_per_level_are_not_read() -> None:
    rng = np.random.default_rng(0)
    y = target_matrix(rng.integers(0, 2, 300).astype("float32"), "binary")
    assert code_columns(rng.normal(size=(300, 2)).astype("float32"), y) == ()
    assert code_columns(rng.integers(0, 5, (300, 1)).astype("float32"), y) == ()
    assert code_columns(rng.integers(0, 200, (300, 1)).astype("float32"), y) == ()


def test_raw_pixels_of_a_flattened_image_are_no_codes() -> None:
    """sklearn's 8x8 digits left at 0..16 (practice batch 71): every pixel an intensity on
    one shared range, however a class follows one of them; a city id next to them is still
    read."""
    from sklearn.datasets import load_digits

    from autotrainer_keras.measure.code_columns import grid_columns

    digits = load_digits()
    pixels, labels = digits.data.astype("float32"), digits.target
    assert len(grid_columns(pixels)) == 64
    assert code_columns(pixels, target_matrix(labels, "integer")) == ()
    x, binary, _ = shop(0)
    assert grid_columns(x) == frozenset()  # five integer columns, each its own range
    assert grid_columns(np.round(np.random.default_rng(0).normal(size=(300, 20)))) == frozenset()


def _named(seed: int) -> tuple[dict[str, np.ndarray], np.ndarray]:
    x, binary, _ = shop(seed)
    return {"city": x[:, :1].astype("int64"), "age": x[:, 1:2]}, binary


def _model(encoded: bool, x: dict[str, np.ndarray]) -> keras.Model:
    """The city id cast to float and normalised (the fault), or one-hot encoded; the age
    normalised either way."""
    city, age = keras.Input((1,), name="city", dtype="int64"), keras.Input((1,), name="age")
    if encoded:
        lookup = L.IntegerLookup(output_mode="one_hot")
        lookup.adapt(x["city"])
        city_in = lookup(city)
    else:
        norm = L.Normalization()
        norm.adapt(x["city"].astype("float32"))
        city_in = norm(keras.ops.cast(city, "float32"))
    age_norm = L.Normalization()
    age_norm.adapt(x["age"])
    h = L.Dense(16, activation="relu")(L.Concatenate()([city_in, age_norm(age)]))
    return keras.Model([city, age], L.Dense(1, activation="sigmoid")(h))


@pytest.mark.parametrize("seed", [0, 1])
def test_the_pre_flight_names_ids_cast_and_normalised_and_not_their_one_hot(seed: int) -> None:
    x, y = _named(seed)
    check = SetupCheck(AutotrainerConfig(), Dataset(x, y, x, y), (None, 1))
    for encoded in (False, True):
        model = _model(encoded, x)
        spec = keras_spec.spec_from_model(model, TrainingConfig(), loss="binary_crossentropy",
                                          metrics=["accuracy"], seed=0)  # fmt: skip
        found = [f for f in check.check(model, spec)
                 if f.problem is SetupProblem.CODES_AS_NUMBERS]  # fmt: skip
        assert bool(found) is not encoded, found
        if found:
            assert "'city'" in found[0].reason and "50 values" in found[0].reason


def _lookup_model(read: str, levels: int = 40) -> keras.Model:
    """A neighbourhood name through StringLookup, its index read as a number (`number`), by
    an Embedding (`embedding`) or one-hot encoded (`one_hot`), next to a numeric column."""
    names = np.array([f"n{i}" for i in range(levels)])
    lookup = L.StringLookup(output_mode="one_hot" if read == "one_hot" else "int")
    lookup.adapt(names)
    hood, area = keras.Input((1,), name="hood", dtype="string"), keras.Input((1,), name="area")
    index = lookup(hood)
    if read == "number":
        index = keras.ops.cast(index, "float32")
    elif read == "embedding":
        index = L.Flatten()(L.Embedding(levels + 1, 4)(index))
    h = L.Dense(8, activation="relu")(L.Concatenate()([index, area]))
    return keras.Model([hood, area], L.Dense(1)(h))


def test_a_lookups_int_indices_read_by_a_dense_are_named_off_the_graph() -> None:
    from autotrainer_keras.measure.index_readers import index_readers

    readers = index_readers(_lookup_model("number"))
    assert len(readers) == 1 and readers[0][1].startswith("dense") and readers[0][2] == 41
    assert index_readers(_lookup_model("embedding")) == ()
    assert index_readers(_lookup_model("one_hot")) == ()
    assert index_readers(_lookup_model("number", levels=3)) == ()  # three levels: a line does
    rng = np.random.default_rng(0)
    x = {"hood": np.array([[f"n{i}"] for i in rng.integers(0, 40, 400)]),
         "area": rng.normal(size=(400, 1)).astype("float32")}  # fmt: skip
    y = rng.normal(size=(400, 1)).astype("float32")
    check = SetupCheck(AutotrainerConfig(), Dataset(x, y, x, y), (None, 1))
    for read in ("number", "embedding"):
        model = _lookup_model(read)
        spec = keras_spec.spec_from_model(model, TrainingConfig(), loss="mse", metrics=[],
                                          seed=0)  # fmt: skip
        found = [f for f in check.check(model, spec)
                 if f.problem is SetupProblem.CODES_AS_NUMBERS]  # fmt: skip
        assert bool(found) is (read == "number"), found


def test_a_text_vectorization_in_tf_idf_mode_gives_no_indices() -> None:
    """Practice batch 18's healthy TF-IDF topics (the mode is in the layer's config alone)."""
    from autotrainer_keras.measure.index_readers import index_readers

    texts = np.array([f"w{i} w{(i * 7) % 50} w{(i * 3) % 50}" for i in range(200)])
    for mode, read in (("tf_idf", False), ("int", True)):
        vectorize = L.TextVectorization(max_tokens=60, output_mode=mode,
                                        **({"output_sequence_length": 3} if mode == "int"
                                           else {}))  # fmt: skip
        vectorize.adapt(texts)
        inputs = keras.Input((1,), dtype="string")
        model = keras.Model(inputs, L.Dense(2)(L.Flatten()(vectorize(inputs))))
        assert bool(index_readers(model)) is read


def test_wide_inputs_are_not_read_for_codes() -> None:
    """A flattened image or a bag of words (more than 128 columns) is no table of
    categories: not read (784 uint8 pixel columns cost 11 s of the job's pre-flight)."""
    from autotrainer_keras.measure.setup_facts import CODE_MAX_COLUMNS, data_facts

    rng = np.random.default_rng(0)
    ids = rng.integers(0, 50, (600, 1))
    y = (rng.normal(0, 1, 50)[ids[:, 0]] > 0).astype("float32")
    for width, read in ((CODE_MAX_COLUMNS, True), (CODE_MAX_COLUMNS + 1, False)):
        x = np.concatenate([ids, rng.integers(0, 3, (600, width - 1))], 1).astype("float32")
        facts = data_facts(Dataset(x, y, x, y))
        assert bool([c for c in facts.code_columns if c.column == 0]) is read
