"""`Watch` with sample weights in its probe data: the "learned nothing" baseline is the
weighted constant predictor's loss, as Keras weighs the loss (medium: one short fit)."""

from __future__ import annotations

import math

import numpy as np
import pytest

pytestmark = pytest.mark.medium


@pytest.mark.parametrize("form", ["arrays", "tf.data"])
def test_class_balancing_weights_make_the_baseline_the_balanced_priors_loss(form: str) -> None:
    import keras
    import tensorflow as tf

    import autotrainer_keras.keras

    rng = np.random.default_rng(0)
    x = rng.normal(size=(1000, 4)).astype("float32")
    y = (np.arange(1000) < 70).astype("float32")  # 7 % positives
    w = np.where(y == 1, 1000 / (2 * 70), 1000 / (2 * 930)).astype("float32")
    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(8, activation="relu"),
                              keras.layers.Dense(1, activation="sigmoid")])  # fmt: skip
    model.compile("adam", "binary_crossentropy")
    probe = (x, y, w)
    if form == "tf.data":
        probe = tf.data.Dataset.from_tensor_slices((x, y, w)).batch(100)
    watch = autotrainer_keras.keras.Watch(probe_data=probe, verbose=0)
    model.fit(x, y, sample_weight=w, epochs=1, callbacks=[watch], verbose=0)
    assert watch.history is not None and watch.history.baseline_loss is not None
    # the stratified probe keeps the 93/7 split: ln 2 within a few per cent (unweighted: 0.25)
    assert watch.history.baseline_loss == pytest.approx(math.log(2), rel=0.1)


def _imbalanced(seed: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    y = (rng.random(400) < 0.2).astype("int64")  # 20 % positives
    x = (rng.normal(size=(400, 8)) + 1.5 * y[:, None]).astype("float32")
    return x, y


def test_class_weight_gives_the_baseline_of_the_same_weights_per_row() -> None:
    import autotrainer_keras.keras

    x, y = _imbalanced(0)
    weights = {0: 1.0, 1: 4.0}
    per_row = np.where(y == 1, 4.0, 1.0)
    by_class = autotrainer_keras.keras.Watch(probe_data=(x, y), class_weight=weights, verbose=0)
    by_row = autotrainer_keras.keras.Watch(probe_data=(x, y, per_row), verbose=0)
    baselines = []
    for watch in (by_class, by_row):
        model = _binary_model()
        model.fit(x, y, epochs=1, callbacks=[watch], verbose=0)
        assert watch.history is not None and watch.history.baseline_loss is not None
        baselines.append(watch.history.baseline_loss)
    assert baselines[0] == pytest.approx(baselines[1], rel=1e-9)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_a_healthy_model_trained_with_class_weight_is_left_alone(seed: int) -> None:
    """Keras weighs the training loss by class_weight; against the unweighted baseline
    (0.50 here, the weighted loss starts near 1.0) this model looked slow to converge (seeds
    1 and 2: slow_convergence at epochs 6 and 4 before Watch took class_weight)."""
    import autotrainer_keras.keras

    x, y = _imbalanced(seed)
    weights = {0: 1.0, 1: 4.0}
    watch = autotrainer_keras.keras.Watch(probe_data=(x, y), class_weight=weights, verbose=0)
    history = _binary_model(seed).fit(
        x, y, epochs=8, validation_split=0.2, class_weight=weights, callbacks=[watch], verbose=0
    )
    baseline = watch.history.baseline_loss if watch.history else None
    assert baseline is not None and baseline > 1.0  # weighted (unweighted: about 0.5)
    assert history.history["loss"][-1] < 0.7 * baseline  # it learns: well below "nothing"
    assert watch.findings == [], [f.reason for f in watch.findings]


@pytest.mark.parametrize(
    ("kwargs", "fragment"),
    [
        ({"class_weight": [1.0, 4.0]}, "class_weight must be a dict"),
        ({"class_weight": {0: -1.0}}, "weight >= 0"),
        ({"class_weight": {0: 1.0}, "probe_data": "w"}, "not both"),
    ],
)
def test_bad_class_weight_is_refused_naming_what_is_allowed(kwargs: dict, fragment: str) -> None:
    import autotrainer_keras.keras

    x, y = _imbalanced(0)
    if kwargs.get("probe_data") == "w":
        kwargs = {**kwargs, "probe_data": (x, y, np.ones(len(y)))}
    with pytest.raises(ValueError, match=fragment):
        autotrainer_keras.keras.Watch(**kwargs)


def _binary_model(seed: int = 0):  # noqa: ANN202
    import keras

    keras.utils.set_random_seed(seed)
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(16, activation="relu"),
                              keras.layers.Dense(1, activation="sigmoid")])  # fmt: skip
    model.compile("adam", "binary_crossentropy", metrics=["accuracy"])
    return model


def test_all_zero_sample_weights_are_named_before_training_not_a_crash() -> None:
    """Practice batch 3's `sample_weight_zero` (weights `row // n`): the weighted baseline
    divided by a zero weight sum and crashed the user's fit; now the pre-flight names it."""
    import keras

    import autotrainer_keras.keras

    rng = np.random.default_rng(0)
    x = rng.normal(size=(300, 4)).astype("float32")
    y = (x[:, 0] > 0).astype("float32")
    w = (np.arange(300) // 1000).astype("float32")  # all 0
    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(8, activation="relu"),
                              keras.layers.Dense(1, activation="sigmoid")])  # fmt: skip
    model.compile("adam", "binary_crossentropy")
    watch = autotrainer_keras.keras.Watch(probe_data=(x, y, w), on_problem="warn", verbose=0)
    with pytest.warns(UserWarning, match="invalid_sample_weights"):
        model.fit(x, y, sample_weight=w, epochs=1, callbacks=[watch], verbose=0)
    assert watch.findings[0].problem.value == "invalid_sample_weights"
    assert watch.history is not None and watch.history.baseline_loss is not None
