"""A tagger whose Softmax normalises over the time steps (practice batch 10's
`tagger_softmax_time_axis`): named before training, in the job and in `Watch`, and the job's
`output_pair` puts the softmax back on the classes."""

from __future__ import annotations

from pathlib import Path

import keras
import numpy as np
import pytest

import autotrainer_keras
from autotrainer_keras.problems import SetupProblem

pytestmark = pytest.mark.medium


def _tags(n: int = 320, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Token ids 1..29 per step; each step's tag is its id modulo 4."""
    ids = np.random.default_rng(seed).integers(1, 30, (n, 10))
    return ids, ids % 4


def _tagger(axis: int) -> keras.Model:
    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input((10,), dtype="int64"), keras.layers.Embedding(30, 8),
                              keras.layers.LSTM(16, return_sequences=True),
                              keras.layers.TimeDistributed(keras.layers.Dense(4)),
                              keras.layers.Softmax(axis=axis)])  # fmt: skip
    model.compile(keras.optimizers.Adam(0.01), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return model


def test_the_job_names_the_axis_and_output_pair_normalises_over_the_classes(
    tmp_path: Path,
) -> None:
    # 3 epochs: the original ends at 0.953-0.963 over data seeds 0-2, the repair at
    # 0.995-1.0 (4 epochs: 0.962-0.977, once 0.99 on a loaded machine, against the 1-point
    # margin a stopped original must be beaten by)
    x, y = _tags(seed=0)
    result = autotrainer_keras.fit(_tagger(1), x, y, epochs=3, batch_size=32,
                                   validation_split=0.25, tracking=False, verbose=False,
                                   output_dir=tmp_path / "out")  # fmt: skip
    first = result.findings[0]
    assert first.problem is SetupProblem.OUTPUT_LOSS_MISMATCH and "axis 1" in first.reason
    candidate = result.report["repairs"][0]
    assert candidate["solution"] == "output_pair", result.report["repair_stop_reason"]
    assert result.status == "repaired"
    sums = result.model.predict(x[:8], verbose=0).sum(axis=-1)
    assert np.allclose(sums, 1.0, atol=1e-4)  # a probability per class at each step


def test_watch_names_the_axis_and_spares_the_softmax_over_the_classes() -> None:
    import autotrainer_keras.keras

    x, y = _tags(96)
    quiet = autotrainer_keras.keras.Watch(probe_data=(x, y), verbose=0)
    _tagger(-1).fit(x, y, epochs=1, batch_size=1, callbacks=[quiet], verbose=0)
    assert quiet.findings == []  # 96 steps (3 would be a small budget, rightly)
    watch = autotrainer_keras.keras.Watch(probe_data=(x, y), verbose=0)
    with pytest.warns(autotrainer_keras.keras.TrainingProblemWarning, match="Softmax"):
        _tagger(1).fit(x, y, epochs=1, callbacks=[watch], verbose=0)
    assert watch.findings[0].problem is SetupProblem.OUTPUT_LOSS_MISMATCH
