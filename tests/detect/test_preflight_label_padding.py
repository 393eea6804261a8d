"""Per-step labels padded on the other side from their tokens (`label_padding`): practice
batch 25's tagger, its tags padded 'pre' against words padded 'post' (0.73 against 1.00,
no training symptom)."""

from __future__ import annotations

import keras
import numpy as np
import pytest

from autotrainer_keras.config.preflight import PreflightThresholds
from autotrainer_keras.detect.preflight import preflight
from autotrainer_keras.detect.preflight.label_padding import label_padding
from autotrainer_keras.io.data import Dataset
from autotrainer_keras.measure.padding_sides import padding_sides
from autotrainer_keras.measure.setup_facts import SetupFacts, data_facts, model_facts
from autotrainer_keras.problems import SetupProblem

STEPS = 24
T = PreflightThresholds()


def _pad(rows: list[np.ndarray], side: str) -> np.ndarray:
    out = np.zeros((len(rows), STEPS), dtype="int32")
    for i, row in enumerate(rows):
        if side == "post":
            out[i, : len(row)] = row
        else:
            out[i, STEPS - len(row):] = row
    return out


def _sentences(seed: int, tag_low: int = 1) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """Word ids 1..99 and tags tag_low..5 (0 only for padding when tag_low is 1), 6-24
    words a row."""
    rng = np.random.default_rng(seed)
    lengths = rng.integers(6, STEPS + 1, size=300)
    words = [rng.integers(1, 100, size=n) for n in lengths]
    tags = [rng.integers(tag_low, 6, size=n) for n in lengths]
    return words, tags


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_tags_padded_on_the_other_side_are_measured_as_mirrored(seed: int) -> None:
    words, tags = _sentences(seed)
    aligned = padding_sides(_pad(words, "post"), _pad(tags, "post"))
    shifted = padding_sides(_pad(words, "post"), _pad(tags, "pre"))
    flipped = padding_sides(_pad(words, "pre"), _pad(tags, "post")[..., None])
    assert aligned.aligned == 1.0 and aligned.mirrored < 0.5
    for wrong in (shifted, flipped):
        assert wrong.mirrored == 1.0 and wrong.aligned < 0.5  # gates 0.95 / 0.8
        assert wrong.rows == aligned.rows > 250


def test_a_real_class_0_tag_does_not_read_as_shifted() -> None:
    words, tags = _sentences(0, tag_low=0)  # 0 is also 'O', a real tag
    aligned = padding_sides(_pad(words, "post"), _pad(tags, "post"))
    assert aligned.aligned == 1.0  # padded positions are labelled 0 whatever else is



@pytest.mark.parametrize("seed", [0, 1])
def test_digits_whose_0_is_a_token_are_not_read_as_padding(seed: int) -> None:
    """Practice batch 3's seq2seq reverses 6 digits 0-9: a row starting with a 0 ends its
    labels with one, by design; 0 between the digits of a third of the rows says it is a
    token, not padding."""
    x = np.random.default_rng(seed).integers(0, 10, size=(1600, 6))
    assert padding_sides(x, x[:, ::-1]).rows == 0
    words, tags = _sentences(seed)  # padding only at the ends: read
    assert padding_sides(_pad(words, "post"), _pad(tags, "pre")).mirrored == 1.0

def _tagger() -> keras.Model:
    keras.utils.set_random_seed(0)
    model = keras.Sequential([
        keras.Input((STEPS,)), keras.layers.Embedding(100, 8, mask_zero=True),
        keras.layers.LSTM(8, return_sequences=True), keras.layers.Dense(6, activation="softmax"),
    ])  # fmt: skip
    model.compile("adam", "sparse_categorical_crossentropy", metrics=["accuracy"])
    return model


def _facts(tag_side: str) -> SetupFacts:
    words, tags = _sentences(0)
    x, y = _pad(words, "post"), _pad(tags, tag_side)
    model = _tagger()
    facts = model_facts(model, loss="sparse_categorical_crossentropy", optimizer="adam",
                        learning_rate=1e-3, default_learning_rate=1e-3, epochs=10,
                        batch_size=32)  # fmt: skip
    return SetupFacts(facts, data_facts(Dataset(x, y, x, y), output_shape=model.output_shape))


def test_the_pre_flight_names_shifted_tags_and_passes_aligned_ones() -> None:
    found = label_padding(_facts("pre"), T)
    assert found is not None and found.problem is SetupProblem.LABEL_MISMATCH
    assert "padding='post'" in found.reason and found.evidence["mirrored"] == 1.0
    assert label_padding(_facts("post"), T) is None
    assert all(f.problem is not SetupProblem.LABEL_MISMATCH for f in preflight(_facts("post")))


def test_rows_padded_on_both_sides_or_not_at_all_are_not_read() -> None:
    x = np.ones((50, STEPS), dtype="int32")
    assert padding_sides(x, np.zeros_like(x)).rows == 0
    x[:, 0] = x[:, -1] = 0
    assert padding_sides(x, np.zeros_like(x)).rows == 0
    assert padding_sides(x[:, :, None].astype("float32"), np.zeros((50, STEPS, 2))).rows == 0


def test_a_callback_reports_it_though_other_label_mismatches_stay_hidden() -> None:
    from autotrainer_keras.config import AutotrainerConfig
    from autotrainer_keras.engine.setup_check import SetupCheck

    words, tags = _sentences(1)
    x, model = _pad(words, "post"), _tagger()
    for side, reported in (("pre", True), ("post", False)):
        y = _pad(tags, side)
        check = SetupCheck(AutotrainerConfig(), Dataset(x, y, x, y), tuple(model.output_shape))
        found = check.primary(model, "sparse_categorical_crossentropy", False, 100).findings
        assert any(f.problem is SetupProblem.LABEL_MISMATCH for f in found) is reported
    single = np.ones_like(y)  # one class: a label mismatch a probe batch may show by chance
    shape = tuple(model.output_shape)
    check = SetupCheck(AutotrainerConfig(), Dataset(x, single, x, single), shape)
    assert check.primary(model, "sparse_categorical_crossentropy", False, 100).findings == []
