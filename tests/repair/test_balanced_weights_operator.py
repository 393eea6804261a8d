"""`balanced_weights` and the class facts it reads (pure)."""

from __future__ import annotations

import numpy as np
import pytest

from autotrainer_keras.engine.setup_check import reweighted_facts
from autotrainer_keras.errors import ModelSpecError
from autotrainer_keras.io.data import Dataset
from autotrainer_keras.measure.class_balance import (
    balanced_weights,
    class_rows,
    heaviest,
    weight_shares,
)
from autotrainer_keras.measure.setup_facts import data_facts
from autotrainer_keras.repair.operators import get_operator
from autotrainer_keras.repair.spec import TrainingSpec

from .helpers import spec_for
from .models import load_configs

X = np.random.default_rng(0).standard_normal((200, 3)).astype("float32")
Y = np.array([0] * 150 + [1] * 40 + [2] * 10)
SPEC = spec_for(next(iter(load_configs())))


def test_class_rows_and_the_weights_read_against_them() -> None:
    rows = class_rows("integer", Y)
    assert rows == ((0, 0.75), (1, 0.2), (2, 0.05))
    assert class_rows("continuous", Y.astype(float)) == ()
    assert class_rows("integer", np.zeros((10, 5), int)) == ()  # a label per step
    onehot = np.eye(3)[Y]
    assert class_rows("onehot", onehot) == rows
    balanced = balanced_weights(rows)
    assert balanced[2] == pytest.approx(200 / (3 * 10))
    shares = [share * balanced[c] for c, share in rows]
    assert shares == pytest.approx([1 / 3] * 3)  # every class the same share of the loss
    assert sum(share * balanced[c] for c, share in rows) == pytest.approx(1.0)  # mean weight 1
    top = heaviest(weight_shares(rows, {0: 1.0, 1: 1.0, 2: 500.0}))
    assert top[0] == 2 and top[1] == 0.05 and top[2] > 0.95
    assert heaviest(weight_shares(rows, {0: 0.0, 1: 0.0, 2: 0.0})) == ()


def test_the_operator_replaces_the_weights_once_and_only_where_there_are_weights() -> None:
    weighted = data_facts(Dataset(X, Y, X, Y, class_weight={0: 1.0, 1: 1.0, 2: 500.0}))
    operator = get_operator("balanced_weights", facts=weighted)
    spec, params = operator.apply(SPEC, 0, np.random.default_rng(0))
    assert spec.class_weight == params["class_weight"]
    assert spec.class_weight[2] == pytest.approx(6.6667, abs=1e-4)
    assert "fit(class_weight=...)" in operator.describe(params)
    assert TrainingSpec.from_dict(spec.to_dict()).class_weight == spec.class_weight
    with pytest.raises(ModelSpecError, match="replaced already"):
        operator.apply(spec, 0, np.random.default_rng(0))
    # the second try weighs every row 1 (weights inverted: held-out practice batch 33)
    flat, flat_params = operator.apply(SPEC, 1, np.random.default_rng(0))
    assert flat.class_weight == {0: 1.0, 1: 1.0, 2: 1.0}
    assert "every row weighing 1" in operator.describe(flat_params)
    lightest = data_facts(Dataset(X, Y, X, Y, class_weight={0: 20.0, 1: 1.0, 2: 0.5}))
    assert lightest.lightest_class[0] == 2 and lightest.lightest_class[2] < 0.05 / 10
    unweighted = data_facts(Dataset(X, Y, X, Y))
    with pytest.raises(ModelSpecError, match="no row weights"):
        get_operator("balanced_weights", facts=unweighted).apply(SPEC, 0,
                                                                 np.random.default_rng(0))
    zero = data_facts(Dataset(X, Y.astype("float32") / 2, X, Y.astype("float32") / 2,
                              sample_weight=np.zeros(200, "float32")))  # fmt: skip
    spec, params = get_operator("balanced_weights", facts=zero).apply(
        SPEC, 0, np.random.default_rng(0)
    )
    assert spec.class_weight == {} and "weighing 1" in get_operator(
        "balanced_weights", facts=zero).describe(params)


def test_a_candidate_with_balanced_weights_is_not_read_as_overweighted() -> None:
    facts = data_facts(Dataset(X, Y, X, Y, class_weight={0: 1.0, 1: 1.0, 2: 500.0}))
    assert facts.heaviest_class[0] == 2
    balanced = reweighted_facts(facts, balanced_weights(facts.class_rows))
    assert balanced.heaviest_class[2] == pytest.approx(1 / 3)
    assert reweighted_facts(facts, None) is facts
    zero = data_facts(Dataset(X, Y, X, Y, sample_weight=np.zeros(200, "float32")))
    assert zero.zero_weights == 200
    assert reweighted_facts(zero, {}).weight_rows == 0
