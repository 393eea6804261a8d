"""`Watch` on a fit that EarlyStopping ends long before its budget: a model that learned
nothing that carries to the validation rows is named when training ends; a learning one is
not (practice batch 6's `cancer_x_shuffled`: features shuffled apart from their labels)."""

from __future__ import annotations

import keras
import numpy as np
import pytest

from autotrainer_keras.keras import Watch

pytestmark = pytest.mark.medium


def _fit(seed: int, labels_follow_features: bool) -> Watch:
    keras.utils.set_random_seed(seed)
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((1200, 12)).astype("float32")
    signal = (x[:, 0] + x[:, 1] > 0).astype("float32")
    y = signal if labels_follow_features else rng.permutation(signal)
    model = keras.Sequential([keras.Input((12,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(1, activation="sigmoid")])  # fmt: skip
    model.compile("adam", "binary_crossentropy", metrics=["accuracy"])
    watch = Watch(probe_data=(x[:600], y[:600]), verbose=0)
    stop = keras.callbacks.EarlyStopping(patience=5, min_delta=0.005, restore_best_weights=True)
    # 600 validation rows: accuracy at chance +- 0.02 (one standard deviation), so its lift
    # (0.04) stays well inside the 0.1 margin on any machine
    model.fit(x[:600], y[:600], validation_data=(x[600:], y[600:]), epochs=100, batch_size=64,
              verbose=0, callbacks=[watch, stop])  # fmt: skip
    return watch


@pytest.mark.parametrize("seed", [0, 1])
def test_early_stopping_at_chance_is_named_when_training_ends(seed: int) -> None:
    watch = _fit(seed, labels_follow_features=False)
    assert [f.problem.value for f in watch.findings] == ["slow_convergence"]
    assert "Judged when training stopped after" in watch.findings[0].reason


@pytest.mark.parametrize("seed", [0, 1])
def test_early_stopping_of_a_learning_model_raises_nothing(seed: int) -> None:
    watch = _fit(seed, labels_follow_features=True)
    assert watch.history is not None and watch.history.epochs_done < 100  # stopped early
    assert watch.findings == []  # judged again at its end: nothing


def _regression_fit(seed: int, stop: keras.callbacks.Callback) -> Watch:
    """A linear target learned by an MLP under SGD: the validation loss falls for tens of
    epochs."""
    keras.utils.set_random_seed(seed)
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((800, 8)).astype("float32")
    y = (x @ rng.standard_normal(8) + 0.1 * rng.standard_normal(800)).astype("float32")
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(1)])  # fmt: skip
    model.compile(keras.optimizers.SGD(2e-3), "mse", metrics=["accuracy"])
    watch = Watch(probe_data=(x[:600], y[:600]), verbose=0)
    model.fit(x[:600], y[:600], validation_data=(x[600:], y[600:]), epochs=40, batch_size=32,
              verbose=0, callbacks=[watch, stop])  # fmt: skip
    return watch


@pytest.mark.parametrize("seed", [0, 1])
def test_early_stopping_that_cannot_see_the_gain_is_named_small_budget(seed: int) -> None:
    """Practice batch 17: EarlyStopping on the (always 0) accuracy of a regression stops it
    after its patience while the validation loss still falls fast."""
    stop = keras.callbacks.EarlyStopping(monitor="val_accuracy", patience=3)
    watch = _regression_fit(seed, stop)
    assert watch.history is not None and watch.history.epochs_done < 10
    assert [f.problem.value for f in watch.findings] == ["small_budget"]
    assert watch.findings[0].evidence["val_loss_fall_per_epoch"] > 0.03


@pytest.mark.parametrize("seed", [0, 1])
def test_early_stopping_on_the_validation_loss_raises_nothing(seed: int) -> None:
    stop = keras.callbacks.EarlyStopping(patience=3, restore_best_weights=True)
    watch = _regression_fit(seed, stop)
    assert not [f for f in watch.findings if f.problem.value == "small_budget"]


def _repeated_fit(seed: int, steps_per_epoch: int) -> Watch:
    """Five Gaussian classes through a repeated tf.data pipeline, `steps_per_epoch` steps an
    epoch for 12 epochs (practice batch 18: 3, the batched dataset's length // 32)."""
    import tensorflow as tf

    keras.utils.set_random_seed(seed)
    rng = np.random.default_rng(seed)
    centres = rng.standard_normal((5, 10)) * 1.5
    y = rng.integers(0, 5, 1500)
    x = (centres[y] + rng.standard_normal((1500, 10))).astype("float32")
    train = tf.data.Dataset.from_tensor_slices((x[:1200], y[:1200])).shuffle(1200, seed=seed)
    model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(5, activation="softmax")])  # fmt: skip
    model.compile("adam", "sparse_categorical_crossentropy", metrics=["accuracy"])
    watch = Watch(probe_data=(x[:600], y[:600]), verbose=0)
    model.fit(train.batch(32).repeat(), steps_per_epoch=steps_per_epoch, epochs=12, verbose=0,
              validation_data=(x[1200:], y[1200:]), callbacks=[watch])  # fmt: skip
    return watch


@pytest.mark.parametrize("seed", [0, 1])
def test_a_training_of_few_steps_still_falling_is_named_small_budget(seed: int) -> None:
    watch = _repeated_fit(seed, steps_per_epoch=3)
    assert [f.problem.value for f in watch.findings] == ["small_budget"]
    assert watch.findings[0].evidence["steps"] == 36
    assert "steps_per_epoch" in watch.findings[0].reason


def test_a_training_of_enough_steps_raises_nothing() -> None:
    watch = _repeated_fit(0, steps_per_epoch=37)
    assert watch.findings == []


def _event_fit(seed: int, alarm_id: int) -> Watch:
    """Logs of 6-20 event ids 2..14, padded with 0 behind; in half of them one event is the
    alarm (`alarm_id`), which sets the label. Under Embedding(mask_zero=True) an alarm of id 0
    is masked like the padding: nothing to learn (practice batch 18's LabelEncoder codes)."""
    keras.utils.set_random_seed(seed)
    rng = np.random.default_rng(seed)
    rows = 2400
    x = np.zeros((rows, 20), dtype="int64")
    y = rng.integers(0, 2, rows)
    for row in range(rows):
        length = int(rng.integers(6, 21))
        x[row, :length] = rng.integers(2, 15, length)
        if y[row]:
            x[row, int(rng.integers(0, length))] = alarm_id
    model = keras.Sequential([keras.Input((20,), dtype="int64"),
                              keras.layers.Embedding(16, 8, mask_zero=True),
                              keras.layers.GRU(16), keras.layers.Dense(1, activation="sigmoid")])
    model.compile(keras.optimizers.Adam(3e-3), "binary_crossentropy", metrics=["accuracy"])
    watch = Watch(probe_data=(x[:1900], y[:1900]), verbose=0)
    model.fit(x[:1900], y[:1900], validation_data=(x[1900:], y[1900:]), epochs=6, batch_size=32,
              verbose=0, callbacks=[watch])  # fmt: skip
    return watch


@pytest.mark.parametrize("seed", [0, 1])
def test_a_whole_budget_at_chance_is_named_at_its_end(seed: int) -> None:
    watch = _event_fit(seed, alarm_id=0)
    assert [f.problem.value for f in watch.findings] == ["slow_convergence"]


def _random_label_fits(epochs: int, fits: int) -> Watch:
    """An MLP on 10 random classes (nothing to learn: every budget ends at chance)."""
    keras.utils.set_random_seed(0)
    rng = np.random.default_rng(0)
    x = rng.standard_normal((3000, 20)).astype("float32")
    y = rng.integers(0, 10, 3000)
    model = keras.Sequential([keras.Input((20,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(10, activation="softmax")])  # fmt: skip
    model.compile("adam", "sparse_categorical_crossentropy", metrics=["accuracy"])
    watch = Watch(probe_data=(x[:2400], y[:2400]), verbose=0)
    for _ in range(fits):
        model.fit(x[:2400], y[:2400], validation_data=(x[2400:], y[2400:]), epochs=epochs,
                  batch_size=32, verbose=0, callbacks=[watch])  # fmt: skip
    return watch


def _at_the_end(watch: Watch) -> list[str]:
    return [f.reason for f in watch.findings if "Judged at the end of the budget" in f.reason]


def test_a_fit_of_one_epoch_in_a_loop_is_not_judged_as_a_whole_budget_at_chance() -> None:
    """`fit(epochs=1)` called in a loop ends a budget at every epoch: fewer epochs than
    `at_chance_min_epochs` are not judged at their end (1: named at the end of each); a
    budget of 4 epochs at chance is still slow convergence."""
    assert _at_the_end(_random_label_fits(epochs=1, fits=2)) == []
    longer = _random_label_fits(epochs=4, fits=1).findings
    assert [f.problem.value for f in longer] == ["slow_convergence"]


def test_a_model_that_sees_the_alarm_raises_nothing() -> None:
    watch = _event_fit(0, alarm_id=1)
    assert watch.findings == []


def _one_epoch(seed: int, rate: float) -> Watch:
    """The five Gaussian classes in one epoch at batch 256 (5 steps; practice batches 48
    and 50's one epoch at batch 256: 8 steps, accuracy 0.25-0.39 against 0.98)."""
    keras.utils.set_random_seed(seed)
    rng = np.random.default_rng(seed)
    centres = rng.standard_normal((5, 10)) * 1.5
    y = rng.integers(0, 5, 1500)
    x = (centres[y] + rng.standard_normal((1500, 10))).astype("float32")
    model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(5, activation="softmax")])  # fmt: skip
    model.compile(keras.optimizers.Adam(rate), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    watch = Watch(probe_data=(x[:600], y[:600]), verbose=0)
    model.fit(x[:1200], y[:1200], validation_data=(x[1200:], y[1200:]), epochs=1,
              batch_size=256, verbose=0, callbacks=[watch])  # fmt: skip
    return watch


@pytest.mark.parametrize("seed", [0, 1])
def test_one_epoch_of_a_few_steps_that_learned_little_is_named_small_budget(seed: int) -> None:
    watch = _one_epoch(seed, 1e-4)  # progress -0.04 and 0.14 against the gate's 0.25
    assert [f.problem.value for f in watch.findings] == ["small_budget"]
    assert watch.findings[0].evidence["progress"] < 0.2
    assert _one_epoch(seed, 0.05).findings == []  # a rate that learns: progress 0.92, 0.92
