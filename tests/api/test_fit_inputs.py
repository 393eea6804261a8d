"""autotrainer_keras.fit takes what keras.Model.fit takes: each data form, weights, callbacks."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import autotrainer_keras
from autotrainer_keras.errors import InputError
from autotrainer_keras.fit_inputs import fit_data, read_rows
from autotrainer_keras.io.arrays import n_rows

QUICK = {"training": {"epochs": 2}, "repair": {"max_attempts": 1}}


def _xy(n: int = 100) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(0)
    x = rng.normal(size=(n, 2)).astype("float32")
    return x, (x[:, 0] > 0).astype("float32")


def _fit_data(x: Any, y: Any = None, **kwargs: Any) -> Any:
    args = {"validation_data": None, "validation_split": None, "sample_weight": None}
    args |= {"class_weight": None, "config_split": 0.3, "seed": 0} | kwargs
    return fit_data(x, y, **args)


def test_arrays_with_validation_split_hold_out_the_last_rows_as_keras_does() -> None:
    x, y = _xy()
    data = _fit_data(x, y, validation_split=0.2, sample_weight=np.arange(100.0)).dataset
    assert np.array_equal(data.x_val, x[80:]) and np.array_equal(data.x_train, x[:80])
    assert np.array_equal(data.sample_weight, np.arange(80.0))
    assert np.array_equal(data.val_sample_weight, np.arange(80.0, 100.0))


def test_the_config_split_keeps_rows_and_weights_together() -> None:
    x, y = _xy()
    data = _fit_data(x, y, sample_weight=x[:, 0].astype(float)).dataset  # weight = a feature
    assert len(data.x_val) == 30 and data.split_from_train
    assert np.array_equal(data.sample_weight, data.x_train[:, 0])
    assert np.array_equal(data.val_sample_weight, data.x_val[:, 0])


def test_validation_triples_and_class_weights() -> None:
    x, y = _xy()
    data = _fit_data(
        x[:80], y[:80], validation_data=(x[80:], y[80:], np.ones(20)), class_weight={0: 1, 1: 3}
    ).dataset
    assert np.array_equal(data.val_sample_weight, np.ones(20))
    assert data.class_weight == {0: 1.0, 1: 3.0}


@pytest.mark.parametrize(
    ("call", "message"),
    [
        ({"x": "gen"}, "a generator can be read only once; pass steps_per_epoch"),
        ({"x": {"a": 1}}, "'x_train__a' has no rows"),
        ({"y": None}, "y is required when x is an array"),
        ({"validation_data": "three"}, "validation_data must be a pair"),
        ({"validation_split": 1.5}, "validation_split must be in (0, 1)"),
        ({"sample_weight": np.ones(3)}, "sample_weight has 3 rows but x has 100"),
        # before: a NaN weight trained (a NaN loss, read as an exploding gradient); a string
        # or a (rows, 2) array stopped with numpy's ValueError
        ({"sample_weight": "nan"}, "fit(): sample_weight contains 1 NaN/Inf values"),
        ({"sample_weight": "balanced"}, "sample_weight must be numbers, one weight per row"),
        ({"sample_weight": np.ones((100, 2))}, "one weight per row, shape (100,), got shape"),
        ({"validation_data": "nan weight"}, "validation sample_weight contains 1 NaN/Inf"),
        ({"class_weight": [1, 2]}, "class_weight must be a dict"),
        ({"class_weight": {0: float("nan")}}, "class_weight must be a dict"),
        ({"class_weight": {0: 2.0}, "sample_weight": np.ones(100)}, "cannot be given together"),
        ({"class_weight": {0: 2.0}, "y": "dict"}, "class_weight needs a model with one output"),
        ({"x": "mixed"}, "'x_train' mixes text with other values; every entry must be a string"),
        ({"y": "text"}, "'y_train' must be real numbers, got text (dtype <U3): encode the labels"),
    ],
)
def test_bad_data_arguments_name_what_is_allowed(call: dict[str, Any], message: str) -> None:
    x, y = _xy()
    args = {"x": x, "y": y} | call
    if call.get("x") == "gen":
        args["x"] = (row for row in x)
    if call.get("x") == "mixed":
        args["x"] = np.array([["so good"]] * 99 + [[1.0]], dtype=object)
    if call.get("y") == "text":
        args["y"] = np.array(["cat"] * 100)
    if call.get("y") == "dict":
        args["y"] = {"a": y, "b": y}
    if call.get("validation_data") == "three":
        args["validation_data"] = (x, y, y, y)
    if str(call.get("sample_weight")) == "nan":
        args["sample_weight"] = np.where(np.arange(100) == 7, np.nan, 1.0)
    if call.get("validation_data") == "nan weight":
        args["validation_data"] = (x, y, np.where(np.arange(100) == 7, np.inf, 1.0))
    with pytest.raises(InputError, match=message.replace("(", r"\(").replace(")", r"\)")):
        _fit_data(args.pop("x"), args.pop("y"), **args)


class Batches:
    """A keras.utils.PyDataset of (x, y) batches (made on first use: imports Keras)."""

    @staticmethod
    def make(x: np.ndarray, y: np.ndarray, batch: int, weights: np.ndarray | None = None) -> Any:
        import keras

        class Rows(keras.utils.PyDataset):
            def __len__(self) -> int:
                return int(np.ceil(len(x) / batch))

            def __getitem__(self, i: int) -> tuple[np.ndarray, ...]:
                part = slice(i * batch, (i + 1) * batch)
                return (x[part], y[part]) if weights is None else (x[part], y[part], weights[part])

        return Rows()


@pytest.mark.medium
def test_text_is_read_as_strings_for_a_model_that_starts_with_a_text_layer() -> None:
    """keras-io style text data: a tf.data dataset of byte strings, and numpy's fixed-width
    strings (which Keras itself refuses), both become object arrays (of bytes, of str)."""
    import tensorflow as tf

    texts = np.array([["a good film"], ["a bad film"]] * 20)
    data = tf.data.Dataset.from_tensor_slices((texts, np.arange(40) % 2)).batch(8)
    from_dataset = _fit_data(data).dataset
    from_numpy = _fit_data(texts, np.arange(40) % 2).dataset
    for dataset in (from_dataset, from_numpy):
        assert dataset.x_train.dtype == object and dataset.x_train.shape[1:] == (1,)
        texts_read = {v.decode() if isinstance(v, bytes) else v for v in dataset.x_train.ravel()}
        assert texts_read == {"a good film", "a bad film"}


@pytest.mark.medium
def test_steps_per_epoch_reads_one_epoch_of_a_generator_or_a_repeated_dataset() -> None:
    """`model.fit(generator, steps_per_epoch=...)` and `ds.repeat()`: Keras' own forms of an
    endless stream, read once for `steps` batches (batch 10's generator scripts were refused)."""
    import tensorflow as tf

    x, y = _xy()

    def endless() -> Any:
        while True:
            for start in range(0, 100, 20):
                yield x[start:start + 20], y[start:start + 20]

    from_generator = read_rows(endless(), steps=5)
    repeated = read_rows(tf.data.Dataset.from_tensor_slices((x, y)).batch(20).repeat(), steps=5)
    for rows in (from_generator, repeated):
        assert np.array_equal(rows.x, x) and np.array_equal(rows.y, y) and rows.batch_size == 20
    assert n_rows(read_rows(Batches.make(x, y, 16), steps=7).x) == 100  # all 7 of 7
    with pytest.raises(InputError, match="2 is fewer than the dataset's 7 batches"):
        read_rows(Batches.make(x, y, 16), steps=2)  # Keras would spread the rows over epochs
    with pytest.raises(InputError, match="fewer than the dataset's 5 batches"):
        read_rows(tf.data.Dataset.from_tensor_slices((x, y)).batch(20), steps=3)
    with pytest.raises(InputError, match="for a dataset or a generator"):
        read_rows(x, y, steps=5)

    def stuck() -> Any:
        while True:
            yield x[:20], y[:20]  # the index is never advanced

    with pytest.raises(InputError, match="all 5 batches read are the same rows"):
        read_rows(stuck(), steps=5)


def test_datasets_are_read_once_with_their_batch_size_and_weights() -> None:
    import tensorflow as tf

    x, y = _xy()
    weights = np.linspace(0.5, 1.5, 100)
    from_tf = read_rows(tf.data.Dataset.from_tensor_slices((x, y, weights)).batch(16))
    from_py = read_rows(Batches.make(x, y, 16, weights))
    for rows in (from_tf, from_py):
        assert np.array_equal(rows.x, x) and np.array_equal(rows.y, y)
        assert np.allclose(rows.sample_weight, weights) and rows.batch_size == 16
    with pytest.raises(InputError, match="infinite.*steps_per_epoch"):
        read_rows(tf.data.Dataset.from_tensor_slices((x, y)).batch(16).repeat())
    unbatched = r"elements are not batches .*shapes \(2,\), \(\).*dataset.batch\(32\)"
    with pytest.raises(InputError, match=unbatched):  # was "zero-dimensional arrays cannot..."
        read_rows(tf.data.Dataset.from_tensor_slices((x, y)))
    with pytest.raises(InputError, match="elements are not batches"):  # 2 inputs vs 3 columns
        read_rows(tf.data.Dataset.from_tensor_slices((x, np.zeros((100, 3)))))
    with pytest.raises(InputError, match="y must not be given when x is a dataset"):
        read_rows(tf.data.Dataset.from_tensor_slices((x, y)).batch(16), y)


def _model(metrics: list[str] | None = None) -> Any:
    sys.path.insert(0, str(Path(__file__).parents[1]))
    from cli.inputs import tiny_model

    model = tiny_model()
    if metrics is not None:
        model.compile(optimizer="adam", loss="binary_crossentropy", metrics=metrics)
    return model


def _circles() -> tuple[np.ndarray, np.ndarray]:
    sys.path.insert(0, str(Path(__file__).parents[1]))
    from cli.inputs import circles

    return circles(300)


class CountTrainings:
    """A user callback: counts the trainings it joined and the epochs it saw."""

    def __new__(cls) -> Any:
        import keras

        class Counter(keras.callbacks.Callback):
            def __init__(self) -> None:
                super().__init__()
                self.trainings = 0
                self.epochs = 0

            def on_train_begin(self, logs: Any = None) -> None:
                self.trainings += 1

            def on_epoch_end(self, epoch: int, logs: Any = None) -> None:
                self.epochs += 1

        return Counter()


@pytest.mark.medium
def test_a_tf_data_pipeline_is_iterated_anew_every_epoch_as_keras_does(tmp_path: Path) -> None:
    """A random augmentation in the caller's pipeline (practice batch 53's mixup) is drawn
    again each epoch, not frozen into the rows read once: the job's trainings pull every
    epoch's batches through the pipeline's map. A pipeline with sample weights, a batch size
    of the job's own or no validation data of its own trains on the rows read."""
    import tensorflow as tf

    x, y = _circles()
    pulled = tf.Variable(0, dtype=tf.int64)

    def counted(xb: Any, yb: Any) -> tuple[Any, Any]:
        pulled.assign_add(tf.shape(xb, out_type=tf.int64)[0])
        return xb, yb

    train = tf.data.Dataset.from_tensor_slices((x[:240], y[:240])).batch(24).map(counted)
    val = (x[240:], y[240:])
    config = {"training": {"epochs": 3}, "repair": {"max_attempts": 1}}
    result = autotrainer_keras.fit(_model(), train, validation_data=val, config=config,
                                   repair=False, output_dir=tmp_path, tracking=False,
                                   verbose=False)  # fmt: skip
    epochs = result.report["original"]["epochs_run"]
    assert epochs == 3 and int(pulled.numpy()) == 240 * (1 + epochs)  # read once, then each epoch
    data = _fit_data(train, validation_data=val).dataset
    assert data.stream is train and data.stream_batch == 24
    weighted = tf.data.Dataset.from_tensor_slices((x[:240], y[:240], np.ones(240))).batch(24)
    assert _fit_data(weighted, validation_data=val).dataset.stream is None
    assert _fit_data(train).dataset.stream is None  # validation split off the rows read


@pytest.mark.medium
@pytest.mark.parametrize("form", ["tf.data", "PyDataset"])
def test_fit_trains_from_datasets_with_weights(form: str, tmp_path: Path) -> None:
    import tensorflow as tf

    x, y = _circles()
    weights = np.where(y == 1, 2.0, 1.0)
    if form == "tf.data":
        train = tf.data.Dataset.from_tensor_slices((x[:240], y[:240], weights[:240])).batch(24)
        val = tf.data.Dataset.from_tensor_slices((x[240:], y[240:])).batch(24)
    else:
        train, val = (
            Batches.make(x[:240], y[:240], 24, weights[:240]),
            Batches.make(x[240:], y[240:], 24),
        )
    counter = CountTrainings()
    result = autotrainer_keras.fit(
        _model(), train, validation_data=val, callbacks=[counter], config=QUICK, repair=False,
        output_dir=tmp_path, tracking=False, verbose=False,
    )  # fmt: skip
    assert result.report["status"] in ("healthy", "detected")
    assert counter.trainings == 1 and counter.epochs == result.report["original"]["epochs_run"]
    steps = result.report["curves"]["original"]
    assert len(steps["epochs"]) >= 1


@pytest.mark.medium
def test_user_callbacks_join_every_training_and_compiled_metric_names_are_kept(
    tmp_path: Path,
) -> None:
    """metrics=["acc"] with EarlyStopping(monitor="val_acc"): the job keeps the name."""
    import keras

    sys.path.insert(0, str(Path(__file__).parents[1]))
    from cli.inputs import faulty_model

    x, y = _circles()
    counter = CountTrainings()
    stop = keras.callbacks.EarlyStopping(monitor="val_acc", patience=50, mode="max")
    model = faulty_model()
    model.compile(optimizer=model.optimizer, loss="binary_crossentropy", metrics=["acc"])
    result = autotrainer_keras.fit(
        model, x, y, epochs=3, validation_split=0.2, class_weight={0: 1.0, 1: 1.0},
        callbacks=[counter, stop], config={"repair": {"max_attempts": 2}}, output_dir=tmp_path,
        tracking=False, verbose=False,
    )  # fmt: skip
    trainings = 1 + len(result.repairs) + ("continued" in result.report["original"])
    assert result.findings and counter.trainings == trainings >= 2
    assert stop.best is not None and np.isfinite(stop.best)  # it found val_acc every time
    assert result.report["final"]["val_accuracy"] is not None


@pytest.mark.medium
def test_bad_callbacks_and_an_initial_epoch_past_the_budget_are_refused(tmp_path: Path) -> None:
    x, y = _circles()
    with pytest.raises(InputError, match="callbacks must be a list of keras.callbacks.Callback"):
        autotrainer_keras.fit(_model(), x, y, callbacks=["early_stopping"], output_dir=tmp_path)
    with pytest.raises(InputError, match="initial_epoch=3 leaves no epoch of epochs=3"):
        autotrainer_keras.fit(_model(), x, y, epochs=3, initial_epoch=3, output_dir=tmp_path)
    with pytest.raises(InputError, match="initial_epoch must be a whole number from 0"):
        autotrainer_keras.fit(_model(), x, y, initial_epoch=-1, output_dir=tmp_path)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.medium
def test_a_resumed_fit_trains_the_epochs_left_from_the_current_weights(tmp_path: Path) -> None:
    """A second `fit(epochs=6, initial_epoch=4)` on a trained model (practice batch 41: every
    resumed script was refused): 2 epochs, from the weights the first fit left."""
    x, y = _circles()
    model = _model()
    model.fit(x, y, epochs=40, batch_size=32, verbose=0)  # loss ~0.05; a fresh first epoch ~0.67
    result = autotrainer_keras.fit(model, x, y, epochs=42, initial_epoch=40, batch_size=32,
                                   repair=False, output_dir=tmp_path, tracking=False,
                                   verbose=False)  # fmt: skip
    report = result.report
    assert report["original"]["epochs_run"] == 2
    assert any("initial_epoch=40" in w and "2 epoch(s) left" in w for w in report["warnings"])
    first = report["curves"]["original"]["epochs"][0]["loss"]
    assert first < 0.3  # went on from the trained weights, not from scratch


@pytest.mark.medium
@pytest.mark.parametrize(
    ("option", "fragment"),
    [
        ({"steps_per_epoch": 10}, "steps_per_epoch .* is for a dataset or a generator"),
        ({"validation_steps": 2}, "validation_steps is for a validation dataset or generator"),
        ({"steps_per_epoch": 0}, "steps_per_epoch must be a positive integer or None, got 0"),
        ({"validation_batch_size": 0}, "validation_batch_size must be a positive integer or"),
        ({"validation_freq": 0}, "validation_freq must be a positive int or a list of epoch"),
        ({"validation_freq": [1, "2"]}, "validation_freq must be a positive int"),
        ({"shuffle": "batch"}, "shuffle must be True or False, got 'batch'"),
    ],
)
def test_keras_fit_options_off_their_default_are_refused_by_name(
    option: dict[str, Any], fragment: str, tmp_path: Path
) -> None:
    """`model.fit(ds.repeat(), steps_per_epoch=...)` moved to autotrainer_keras.fit: one
    line naming the option (it was a TypeError for an unknown keyword)."""
    x, y = _circles()
    with pytest.raises(InputError, match=fragment):
        autotrainer_keras.fit(_model(), x, y, output_dir=tmp_path, **option)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.medium
def test_shuffle_false_trains_every_attempt_in_the_given_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Practice batch 27's `two_tower_unshuffled` was refused (`shuffle=False`, common for
    series): the job now trains the original as the user asked and writes the final model's
    order into its config."""
    from autotrainer_keras.engine import attempt

    asked: list[Any] = []
    fit = attempt.WatchedModel.fit

    def spy(self: Any, *args: Any, **kwargs: Any) -> Any:
        asked.append(kwargs.get("shuffle"))
        return fit(self, *args, **kwargs)

    monkeypatch.setattr(attempt.WatchedModel, "fit", spy)
    x, y = _circles()
    result = autotrainer_keras.fit(_model(), x, y, epochs=2, shuffle=False, tracking=False,
                                   output_dir=tmp_path, verbose=False)  # fmt: skip
    assert asked and asked[0] is False  # the original as asked (`shuffle_on` may follow)
    shuffled = "shuffle_on" in result.report["final"]["solutions"]
    text = (tmp_path / "final_config.yaml").read_text()
    assert f"shuffle: {'true' if shuffled else 'false'}" in text


@pytest.mark.medium
def test_validation_freq_is_taken_and_every_epoch_still_validated(tmp_path: Path) -> None:
    """Practice batch 16's `validation_freq=2` (healthy) was refused: it changes only how
    often Keras validates; the job validates at every epoch end for its rules."""
    x, y = _circles()
    result = autotrainer_keras.fit(_model(), x, y, epochs=3, validation_freq=2, tracking=False,
                                   verbose=False, output_dir=tmp_path)  # fmt: skip
    epochs = result.report["curves"]["original"]["epochs"]
    assert len(epochs) == 3 and all("val_loss" in epoch for epoch in epochs)


@pytest.mark.medium
def test_a_subclassed_model_is_refused_with_the_watch_named(tmp_path: Path) -> None:
    """No layer graph to rebuild: a clear refusal pointing to the callback, not a crash."""
    import keras

    class Subclassed(keras.Model):
        def __init__(self) -> None:
            super().__init__()
            self.hidden = keras.layers.Dense(8, activation="relu")
            self.out = keras.layers.Dense(1, activation="sigmoid")

        def call(self, inputs: Any) -> Any:
            return self.out(self.hidden(inputs))

    x, y = _circles()
    model = Subclassed()
    model.compile("adam", "binary_crossentropy")
    with pytest.raises(InputError, match="subclassed keras.Model .*keras.Watch"):
        autotrainer_keras.fit(model, x, y, epochs=2, tracking=False, output_dir=tmp_path)


@pytest.mark.medium
def test_a_layer_keras_cannot_configure_is_refused_by_name(tmp_path: Path) -> None:
    """Practice batch 61's weight-sharing layer takes arrays in its constructor and has no
    `get_config`: Keras can neither save nor rebuild the model. A refusal naming the layer,
    not a crash in the model's serialisation."""
    import keras

    class Scaled(keras.layers.Layer):
        def __init__(self, factors: np.ndarray, **kwargs: Any) -> None:
            super().__init__(**kwargs)
            self.factors = factors

        def call(self, inputs: Any) -> Any:
            return inputs * keras.ops.convert_to_tensor(self.factors)

    x, y = _circles()
    inputs = keras.Input((2,))
    hidden = keras.layers.Dense(8, activation="relu")(Scaled(np.ones(2, "float32"))(inputs))
    model = keras.Model(inputs, keras.layers.Dense(1, activation="sigmoid")(hidden))
    model.compile("adam", "binary_crossentropy")
    with pytest.raises(InputError, match=r"layer 'scaled' \(Scaled\) has no get_config"):
        autotrainer_keras.fit(model, x, y, epochs=2, tracking=False, output_dir=tmp_path)


def _with_layer(layer: Any) -> Any:
    import keras

    keras.utils.set_random_seed(0)
    inputs = keras.Input((2,))
    hidden = keras.layers.Dense(8, activation="relu")(layer(inputs))
    model = keras.Model(inputs, keras.layers.Dense(1, activation="sigmoid")(hidden))
    model.compile(keras.optimizers.SGD(0.05), "binary_crossentropy", metrics=["accuracy"])
    return model


@pytest.mark.medium
def test_a_custom_layer_of_the_users_own_model_is_rebuilt_for_repairs(tmp_path: Path) -> None:
    """A layer class defined in a notebook and not registered: every repair rebuilds the model
    from its config, and Keras finds such a class only by a registered name. The live model
    holds the class: the job rebuilds in a custom object scope of it (practice batch 44's
    token-and-position embeddings were refused before). A softmax on the one output unit
    (pre-flight `softmax_one_unit`) makes sure a candidate is built and trained."""
    import keras

    from autotrainer_keras.engine.compiled import user_layer_classes

    class Halve(keras.layers.Layer):  # not registered
        def call(self, inputs: Any) -> Any:
            return inputs * 0.5

    keras.utils.set_random_seed(0)
    inputs = keras.Input((2,))
    hidden = keras.layers.Dense(8, activation="relu")(Halve()(inputs))
    model = keras.Model(inputs, keras.layers.Dense(1, activation="softmax")(hidden))
    model.compile("adam", "binary_crossentropy", metrics=["accuracy"])
    assert user_layer_classes(model) == {"Halve": Halve}
    x, y = _circles()
    result = autotrainer_keras.fit(model, x, y, epochs=3, output_dir=tmp_path, tracking=False,
                                   verbose=False)  # fmt: skip
    assert result.report["detections"][0]["problem"] == "output_loss_mismatch"
    trained = [a for a in result.report["repairs"] if a["epochs_run"] >= 1]
    assert trained and trained[0]["solution"] == "output_pair", result.report["repairs"]
    assert any(type(layer).__name__ == "Halve" for layer in result.model.layers)


def _scaled_tanh(scale: float) -> Any:  # an activation made by a factory, as SIRENs are
    import keras

    def activation(z: Any) -> Any:
        return keras.ops.tanh(scale * z)

    return activation


@pytest.mark.medium
def test_an_activation_function_of_the_users_own_is_rebuilt_for_repairs(tmp_path: Path) -> None:
    """Keras finds an activation function in a config only by name: practice batch 54's
    SIRENs (`activation(z) = sin(30 z)`, one closure per layer) left every candidate
    unbuildable ("no solution left to try"). Closures of one factory with the same values
    are one function; two different ones under one name are left out."""
    import keras

    from autotrainer_keras.engine.compiled import user_activation_functions

    keras.utils.set_random_seed(0)
    model = keras.Sequential([
        keras.Input((2,)), keras.layers.Dense(8, activation=_scaled_tanh(2.0)),
        keras.layers.Dense(8, activation=_scaled_tanh(2.0)),
        keras.layers.Dense(1, activation="softmax"),
    ])  # fmt: skip
    model.compile("adam", "binary_crossentropy", metrics=["accuracy"])
    assert list(user_activation_functions(model)) == ["activation"]
    mixed = keras.Sequential([keras.Input((2,)),
                              keras.layers.Dense(2, activation=_scaled_tanh(2.0)),
                              keras.layers.Dense(2, activation=_scaled_tanh(3.0))])  # fmt: skip
    assert user_activation_functions(mixed) == {}
    x, y = _circles()
    result = autotrainer_keras.fit(model, x, y, epochs=3, output_dir=tmp_path, tracking=False,
                                   verbose=False)  # fmt: skip
    assert result.report["detections"][0]["problem"] == "output_loss_mismatch"
    trained = [a for a in result.report["repairs"] if a["epochs_run"] >= 1]
    assert trained and trained[0]["solution"] == "output_pair", result.report["repairs"]
    mixed.add(keras.layers.Dense(1, activation="softmax"))  # no candidate can be built: said
    mixed.compile("adam", "binary_crossentropy", metrics=["accuracy"])
    unbuilt = autotrainer_keras.fit(mixed, x, y, epochs=2, output_dir=tmp_path / "mixed",
                                    tracking=False, verbose=False)  # fmt: skip
    assert unbuilt.report["status"] == "unrepaired" and not unbuilt.report["repairs"]
    assert any("no repair candidate could be built" in w and "register" in w
               for w in unbuilt.report["warnings"]), unbuilt.report["warnings"]  # fmt: skip


@pytest.mark.medium
def test_a_schedule_class_of_the_users_own_is_rebuilt_for_repairs(tmp_path: Path) -> None:
    """A `LearningRateSchedule` written in the script and not registered (practice batch
    46's triangular cycle crashed the job: the optimizer of every attempt is rebuilt from
    its config). The same softmax on one unit makes sure a candidate is built and trained."""
    import keras

    from autotrainer_keras.engine.compiled import user_optimizer_classes

    class Stepped(keras.optimizers.schedules.LearningRateSchedule):  # not registered
        def __init__(self, rate: float) -> None:
            self.rate = rate

        def __call__(self, step: Any) -> Any:
            return self.rate / (1.0 + keras.ops.floor(keras.ops.cast(step, "float32") / 100))

        def get_config(self) -> dict[str, Any]:
            return {"rate": self.rate}

    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input((2,)), keras.layers.Dense(8, activation="relu"),
                              keras.layers.Dense(1, activation="softmax")])  # fmt: skip
    model.compile(keras.optimizers.Adam(Stepped(3e-3)), "binary_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    assert user_optimizer_classes(model) == {"Stepped": Stepped}
    x, y = _circles()
    result = autotrainer_keras.fit(model, x, y, epochs=3, output_dir=tmp_path, tracking=False,
                                   verbose=False)  # fmt: skip
    trained = [a for a in result.report["repairs"] if a["epochs_run"] >= 1]
    assert trained and trained[0]["solution"] == "output_pair", result.report["repairs"]
    assert type(result.model.optimizer._learning_rate).__name__ == "Stepped"


@pytest.mark.medium
def test_a_lambda_layer_of_the_users_own_model_is_rebuilt_for_repairs() -> None:
    """Keras' safe mode refused to rebuild a Lambda layer, so no repair of an in-memory model
    with one could run ("skipping ...: Requested the deserialization of a Lambda layer")."""
    import keras

    from autotrainer_keras.config import TrainingConfig
    from autotrainer_keras.errors import ModelSpecError
    from autotrainer_keras.repair.keras_spec import build_model, spec_from_model

    model = _with_layer(keras.layers.Lambda(lambda t: t * 0.5))
    spec = spec_from_model(model, TrainingConfig(), loss="binary_crossentropy", metrics=[],
                           seed=0)  # fmt: skip
    with pytest.raises(ModelSpecError, match="Lambda"):
        build_model(spec)  # a file's Lambda without --trust-model-code stays refused
    rebuilt = build_model(spec.evolve(trust_code=True))
    x, _ = _circles()
    assert np.allclose(rebuilt.layers[1](x[:4]), x[:4] * 0.5)



@pytest.mark.medium
def test_a_lambda_reading_module_globals_is_rebuilt_with_them() -> None:
    """Practice batch 3's siamese model (`lambda t: keras.ops.abs(t[0] - t[1])`): Keras loads
    a Lambda's code with globals of its own, where `keras` is unknown, so the rebuilt layer
    could not infer its output shape and the job raised after training, its findings lost."""
    from autotrainer_keras.config import TrainingConfig
    from autotrainer_keras.repair.keras_spec import build_model, spec_from_model
    from tests.api.lambda_globals import siamese_distance_model

    model = siamese_distance_model()
    spec = spec_from_model(model, TrainingConfig(), loss="binary_crossentropy", metrics=[],
                           seed=0).evolve(trust_code=True)  # fmt: skip
    rebuilt = build_model(spec)
    rebuilt.set_weights(model.get_weights())
    x, _ = _circles()
    np.testing.assert_allclose(np.asarray(rebuilt(x[:8])), np.asarray(model(x[:8])), rtol=1e-6)


def _id_model() -> Any:
    import keras

    ids = keras.Input((6,), dtype="int32", name="store")
    pooled = keras.layers.GlobalAveragePooling1D()(keras.layers.Embedding(15, 4, name="emb")(ids))
    model = keras.Model(ids, keras.layers.Dense(1, activation="sigmoid")(pooled))
    model.compile("adam", "binary_crossentropy")
    return model


@pytest.mark.parametrize("named", [False, True])
def test_ids_outside_an_embedding_table_are_refused_naming_the_layer_and_the_fix(
    named: bool, tmp_path: Path
) -> None:
    """Practice batch 5's embedding_input_dim_short: Keras raised a gather error from inside
    the original's first step (CPU; a GPU looks up zeros silently)."""
    rng = np.random.default_rng(0)
    ids, y = rng.integers(0, 20, (80, 6)), rng.integers(0, 2, 80).astype("float32")
    x = {"store": ids} if named else ids
    message = r"holds id 19, outside Embedding 'emb's table of 15 rows .*input_dim to at least 20"
    with pytest.raises(InputError, match=message):
        autotrainer_keras.fit(_id_model(), x, y, epochs=1, output_dir=tmp_path,
                              tracking=False, verbose=False)  # fmt: skip
    good = {"store": ids % 15} if named else ids % 15
    val = rng.integers(0, 16, (20, 6))  # one id past the table in the validation rows only
    with pytest.raises(InputError, match=r"validation data: .*holds id 15"):
        autotrainer_keras.fit(_id_model(), good, y, validation_data=(
            {"store": val} if named else val, y[:20]), epochs=1, output_dir=tmp_path,
            tracking=False, verbose=False)  # fmt: skip


def test_ids_sliced_out_of_an_input_are_checked_too(tmp_path: Path) -> None:
    """Practice batch 27's matrix factorisation reads [user, item] rows through
    `inputs[:, 0]` and `inputs[:, 1]`; its validation columns swapped put item ids past the
    user table: Keras raised a gather error from inside the original's first validation."""
    import keras

    pair = keras.Input((2,), dtype="int32")
    users = keras.layers.Embedding(30, 4, name="users")(pair[:, 0])
    items = keras.layers.Embedding(50, 4, name="items")(pair[:, 1])
    model = keras.Model(pair, keras.layers.Dot(axes=1)([users, items]))
    model.compile("adam", "mse")
    rng = np.random.default_rng(1)
    x = np.stack([rng.integers(0, 30, 60), rng.integers(0, 50, 60)], axis=1)
    y = rng.normal(size=60).astype("float32")
    swapped = x[:20, ::-1].copy()  # item ids (up to 49) in the user column
    message = r"validation data: x \(the ids taken from it\) holds id 4\d, outside .*'users'"
    with pytest.raises(InputError, match=message):
        autotrainer_keras.fit(model, x, y, validation_data=(swapped, y[:20]), epochs=1,
                              output_dir=tmp_path, tracking=False, verbose=False)  # fmt: skip


@pytest.mark.medium
def test_the_job_trains_on_one_epoch_of_a_generator_with_steps_per_epoch(tmp_path: Path) -> None:
    x, y = _circles()

    def batches(rows: slice) -> Any:
        while True:
            for start in range(rows.start, rows.stop, 25):
                yield x[start:start + 25], y[start:start + 25]

    import keras

    steps: list[int] = []

    class Steps(keras.callbacks.Callback):
        def on_train_begin(self, logs: Any = None) -> None:
            steps.append(self.params["steps"])

    result = autotrainer_keras.fit(_model(), batches(slice(0, 200)), epochs=2,
                                   steps_per_epoch=8, validation_data=batches(slice(200, 300)),
                                   validation_steps=4, repair=False, tracking=False,
                                   callbacks=[Steps()], verbose=False,
                                   output_dir=tmp_path / "out")  # fmt: skip
    assert result.report["original"]["epochs_run"] == 2
    assert steps == [8]  # the 200 rows read, at the generator's batch of 25


@pytest.mark.medium
def test_a_dataset_of_input_tuples_trains_a_model_with_named_inputs(tmp_path: Path) -> None:
    """Practice batch 22: `from_tensor_slices(((numeric, other), y))` for a model of two named
    inputs, as Keras' fit takes it, was refused ("the dataset's batches cannot be joined")."""
    import keras
    import tensorflow as tf

    x, y = _circles()
    first, second = x[:, :1], x[:, 1:]
    keras.utils.set_random_seed(0)
    a, b = keras.Input((1,), name="a"), keras.Input((1,), name="b")
    hidden = keras.layers.Dense(8, activation="relu")(keras.layers.Concatenate()([a, b]))
    model = keras.Model([a, b], keras.layers.Dense(1, activation="sigmoid")(hidden))
    model.compile("adam", "binary_crossentropy", metrics=["accuracy"])
    train = tf.data.Dataset.from_tensor_slices(((first[:240], second[:240]), y[:240])).batch(24)
    val = tf.data.Dataset.from_tensor_slices(((first[240:], second[240:]), y[240:])).batch(24)
    result = autotrainer_keras.fit(model, train, validation_data=val, config=QUICK, repair=False,
                                   output_dir=tmp_path, tracking=False, verbose=False)  # fmt: skip
    assert result.report["status"] in ("healthy", "detected")
    assert result.report["original"]["epochs_run"] >= 1


@pytest.mark.medium
@pytest.mark.parametrize("source", ["py_dataset", "generator"])
def test_batches_of_input_tuples_from_a_py_dataset_or_generator_train(tmp_path: Path,
                                                                      source: str) -> None:
    """Practice batch 73: a PyDataset of few-shot episodes yielding `((support, query), y)`
    for a model of two inputs, as Keras' fit takes it, was refused ("the dataset's batches
    cannot be joined"): each batch's inputs are read by the model's names now."""
    import keras

    x, y = _circles()
    first, second = x[:, :1], x[:, 1:]

    class Pairs(keras.utils.PyDataset):
        def __init__(self, rows: slice) -> None:
            super().__init__()
            self.first, self.second, self.y = first[rows], second[rows], y[rows]

        def __len__(self) -> int:
            return len(self.y) // 24

        def __getitem__(self, index: int):
            part = slice(24 * index, 24 * (index + 1))
            return (self.first[part], self.second[part]), self.y[part]

    def stream(rows: slice):
        pairs = Pairs(rows)
        while True:
            yield from (pairs[i] for i in range(len(pairs)))

    keras.utils.set_random_seed(0)
    a, b = keras.Input((1,), name="a"), keras.Input((1,), name="b")
    hidden = keras.layers.Dense(8, activation="relu")(keras.layers.Concatenate()([a, b]))
    model = keras.Model([a, b], keras.layers.Dense(1, activation="sigmoid")(hidden))
    model.compile("adam", "binary_crossentropy", metrics=["accuracy"])
    if source == "py_dataset":
        given = {"x": Pairs(slice(0, 240)), "validation_data": Pairs(slice(240, 300))}
    else:
        given = {"x": stream(slice(0, 240)), "steps_per_epoch": 10,
                 "validation_data": stream(slice(240, 288)), "validation_steps": 2}
    result = autotrainer_keras.fit(model, **given, config=QUICK, repair=False,
                                   output_dir=tmp_path, tracking=False, verbose=False)  # fmt: skip
    assert result.report["status"] in ("healthy", "detected")
    assert result.report["original"]["epochs_run"] >= 1


@pytest.mark.medium
def test_validation_batch_size_is_every_validation_s_batch(tmp_path: Path) -> None:
    """Practice batch 65 passes `validation_batch_size=1000` so its concordance, computed
    within each batch, reads the whole validation set (every job was refused). A metric that
    reads its batch's rows shows the batches: one of all 90 validation rows here, else the
    training batch size."""
    import keras

    def batch_rows(y_true: Any, y_pred: Any) -> Any:
        return keras.ops.cast(keras.ops.shape(y_true)[0], "float32") + 0.0 * y_pred[:, 0]

    x, y = _circles()
    rows = {}
    for size in (None, 90):
        model = _model()
        model.compile(optimizer="adam", loss="binary_crossentropy", metrics=[batch_rows])
        result = autotrainer_keras.fit(model, x, y, epochs=2, batch_size=16,
                                       validation_split=0.3, validation_batch_size=size,
                                       tracking=False, verbose=False, repair=False,
                                       output_dir=tmp_path / str(size))  # fmt: skip
        epochs = result.report["curves"]["original"]["epochs"]
        rows[size] = epochs[-1]["val_batch_rows"]
    assert rows[90] == 90.0 and rows[None] < 20.0
