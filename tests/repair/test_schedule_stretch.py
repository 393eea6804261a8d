"""`schedule_stretch`: a schedule spent early stretched over the budget's steps."""

from __future__ import annotations

import keras
import numpy as np
import pytest

from autotrainer_keras.errors import ModelSpecError
from autotrainer_keras.io.data import Dataset
from autotrainer_keras.measure.rate_profile import collapse_share, rate_profile
from autotrainer_keras.measure.setup_facts import data_facts
from autotrainer_keras.repair.operators import get_operator
from autotrainer_keras.repair.spec import TrainingSpec

S = keras.optimizers.schedules
X = np.random.default_rng(0).standard_normal((700, 4)).astype("float32")
Y = (X[:, 0] > 0).astype("float32")
FACTS = data_facts(Dataset(X, Y, X[:100], Y[:100]))
MODEL = keras.saving.serialize_keras_object(
    keras.Sequential([keras.Input((4,)), keras.layers.Dense(1)]))
STEPS = 20 * 22  # 20 epochs of ceil(700 / 32)


def spec_with(rate: object) -> TrainingSpec:
    optimizer = keras.optimizers.serialize(keras.optimizers.Adam(learning_rate=rate))["config"]
    return TrainingSpec(model=MODEL, optimizer={**optimizer, "name": "Adam"}, loss="mse",
                        batch_size=32, epochs=20)  # fmt: skip


def stretch(spec: TrainingSpec) -> tuple[TrainingSpec, dict]:
    return get_operator("schedule_stretch", "default", FACTS).apply(
        spec, 0, np.random.default_rng(0))


@pytest.mark.parametrize("schedule", [
    S.CosineDecay(0.0, decay_steps=20, warmup_target=3e-3, warmup_steps=44),
    S.ExponentialDecay(1e-3, decay_steps=2, decay_rate=0.5),
    S.PiecewiseConstantDecay([2, 4], [1e-2, 1e-3, 1e-6]),
])  # fmt: skip
def test_the_schedule_is_spent_only_at_the_end_of_the_budget_after_it(schedule) -> None:
    before = spec_with(schedule)
    after, params = stretch(before)
    share = collapse_share(after.optimizer["learning_rate"], STEPS, 1e-3)
    assert share is None or share >= 0.95
    assert params["factor"] > 5
    config = after.optimizer["learning_rate"]["config"]
    assert config.get("warmup_steps") == before.optimizer["learning_rate"]["config"].get(
        "warmup_steps")  # the warm-up is kept
    assert before.optimizer["learning_rate"]["config"] != config  # the user's spec untouched


@pytest.mark.parametrize("rate", [1e-3, S.CosineDecay(1e-3, decay_steps=STEPS)])
def test_a_fixed_rate_or_a_lasting_schedule_is_left_alone(rate) -> None:
    with pytest.raises(ModelSpecError):
        stretch(spec_with(rate))


def test_a_steep_schedule_is_stretched_until_it_averages_a_quarter_of_its_peak() -> None:
    before = spec_with(S.InverseTimeDecay(1e-3, decay_steps=1, decay_rate=0.5))
    after, params = stretch(before)
    profile = rate_profile(after.optimizer["learning_rate"], STEPS, 1e-3)
    assert profile is not None and 0.2 <= profile.mean_share <= 0.4
    assert params["factor"] > 10 and params["schedule"] == "InverseTimeDecay"
    assert after.optimizer["learning_rate"]["config"]["decay_steps"] > 10
