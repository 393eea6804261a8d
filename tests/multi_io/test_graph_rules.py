"""The wiring rules on a multi-output model's whole graph (`output_checks.whole_graph`,
`preflight.GRAPH_RULES`): a fine head fed only by the coarse head's softmax probabilities is a
hidden softmax (practice batch 42: plain val acc 0.09 against 0.95), named by the job's
checks and by `Watch` before the first step; both heads on the shared features are not."""

from __future__ import annotations

import keras
import numpy as np
import pytest

from autotrainer_keras.config import AutotrainerConfig
from autotrainer_keras.engine.output_checks import OutputChecks
from autotrainer_keras.io.data import Dataset
from autotrainer_keras.keras import Watch
from autotrainer_keras.problems import SetupProblem

pytestmark = pytest.mark.medium

L = keras.layers
LOSSES = {"fine": "sparse_categorical_crossentropy", "coarse": "sparse_categorical_crossentropy"}


def _data() -> tuple[np.ndarray, dict[str, np.ndarray]]:
    rng = np.random.default_rng(0)
    fine = rng.integers(0, 20, 400)
    x = (rng.standard_normal((400, 12)) + np.eye(20, 12)[fine] * 3).astype("float32")
    return x, {"fine": fine, "coarse": fine // 4}


def _model(chained: bool) -> keras.Model:
    inputs = keras.Input((12,))
    shared = L.Dense(32, activation="relu")(inputs)
    coarse = L.Dense(5, activation="softmax", name="coarse")(shared)
    fine = L.Dense(20, activation="softmax", name="fine")(coarse if chained else shared)
    model = keras.Model(inputs, {"fine": fine, "coarse": coarse})
    model.compile("adam", LOSSES)
    return model


@pytest.mark.parametrize("chained", [True, False])
def test_a_head_fed_only_by_another_heads_softmax_is_a_hidden_softmax(chained: bool) -> None:
    x, y = _data()
    model = _model(chained)
    found = OutputChecks(AutotrainerConfig(), Dataset(x, y, x, y), model).findings(model, LOSSES)
    named = [f for f in found if f.problem is SetupProblem.HIDDEN_SOFTMAX]
    if not chained:
        assert named == []
        return
    (finding,) = named
    assert finding.layer == "coarse" and "'fine'" in finding.reason


def test_watch_names_the_chained_heads_before_the_first_step() -> None:
    x, y = _data()
    keras.utils.set_random_seed(0)
    watch = Watch(probe_data=(x, y), verbose=0)
    _model(chained=True).fit(x, y, epochs=1, batch_size=64, verbose=0, callbacks=[watch])
    assert [f.problem for f in watch.findings][:1] == [SetupProblem.HIDDEN_SOFTMAX]
    assert watch.findings[0].step == 0
