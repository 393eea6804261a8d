"""autotrainer_keras.fit: the Python API runs the CLI's engine on a model object and arrays."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import autotrainer_keras
from autotrainer_keras.errors import InputError
from autotrainer_keras.problems import Finding

QUICK = {"training": {"epochs": 2}, "repair": {"max_attempts": 1}}


def test_import_is_cheap_and_fit_is_exported_lazily() -> None:
    code = (
        "import sys, autotrainer_keras\n"
        "assert callable(autotrainer_keras.fit)\n"
        "assert autotrainer_keras.FitResult.__name__ == 'FitResult'\n"
        "heavy = [m for m in ('tensorflow', 'keras', 'mlflow', 'matplotlib') if m in sys.modules]\n"
        "assert not heavy, heavy\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120)


@pytest.fixture(scope="module")
def arrays() -> tuple[np.ndarray, ...]:
    sys.path.insert(0, str(Path(__file__).parents[1]))
    from cli.inputs import circles

    x, y = circles(300)
    return x[:240], y[:240], x[240:], y[240:]


def _model():
    sys.path.insert(0, str(Path(__file__).parents[1]))
    from cli.inputs import tiny_model

    return tiny_model()


@pytest.mark.medium
def test_fit_trains_in_place_and_returns_the_final_model(arrays, tmp_path: Path) -> None:
    import keras

    x, y, x_val, y_val = arrays
    model = _model()
    before = [w.copy() for w in model.get_weights()]
    result = autotrainer_keras.fit(
        model, x, y, validation_data=(x_val, y_val), config=QUICK, output_dir=tmp_path,
        tracking=False, verbose=False,
    )  # fmt: skip
    assert isinstance(result, autotrainer_keras.FitResult)
    assert result.status in ("healthy", "repaired", "unrepaired")
    assert any(not np.array_equal(a, b) for a, b in zip(before, model.get_weights(), strict=True))
    assert isinstance(result.model, keras.Model)
    if result.report["final"]["attempt"] == "original":
        assert result.model is model  # the original training's model is the result
    else:  # an accepted repair, or a candidate that scored better than the original
        assert result.model is not model
    assert result.report_path == tmp_path / "report.json" and result.report_path.is_file()
    assert result.html_path == tmp_path / "report.html"
    assert (tmp_path / "model.keras").is_file()
    assert result.findings == [Finding.from_dict(d) for d in result.report["detections"]]
    assert all(isinstance(f, Finding) for f in result.findings)
    assert result.repairs == result.report["repairs"]
    assert len(result.report["curves"]["original"]["epochs"]) <= 2
    accuracy = result.model.evaluate(x_val, y_val, verbose=0, return_dict=True)["accuracy"]
    assert accuracy == pytest.approx(result.report["final"]["val_accuracy"], abs=1e-6)
    from report.pages import assert_page_shows

    assert_page_shows(result.html_path.read_text(encoding="utf-8"), result.report)
    assert result.summary().startswith("autotrainer-keras run: ")
    assert result._repr_html_().startswith("<pre>autotrainer-keras run: ")


@pytest.mark.parametrize("form", ["object", "path", "dict", "none"])
def test_config_forms(form: str, tmp_path: Path) -> None:
    from autotrainer_keras.api import _config
    from autotrainer_keras.config import AutotrainerConfig, config_from_dict

    data = {"training": {"epochs": 50, "batch_size": 16}}
    config: object = {"object": config_from_dict(data), "dict": data, "none": None}.get(form)
    if form == "path":
        config = tmp_path / "config.yaml"
        config.write_text("training:\n  epochs: 50\n  batch_size: 16\n")
    expected = AutotrainerConfig() if form == "none" else config_from_dict(data)
    assert _config(config) == expected  # type: ignore[arg-type]


@pytest.mark.medium
def test_fit_arguments_win_over_the_config_and_detect_writes_no_model(
    arrays, tmp_path: Path
) -> None:
    x, y, _, _ = arrays
    config = tmp_path / "config.yaml"
    config.write_text("training:\n  epochs: 50\n  batch_size: 16\n")
    result = autotrainer_keras.fit(
        _model(), x, y, epochs=1, config=config, repair=False, output_dir=tmp_path / "out",
        tracking=False, verbose=False,
    )  # fmt: skip
    assert result.report["command"] == "detect" and result.report["final"] is None
    assert result.status in ("healthy", "detected")
    assert result.model is not None
    assert len(result.report["curves"]["original"]["epochs"]) == 1  # epochs=1 beat 50
    assert result.report["original"]["epochs_run"] == 1
    assert not (tmp_path / "out" / "model.keras").exists()  # detect writes no model


@pytest.mark.medium
@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"x": "nan"}, "data: 'x' contains 1 NaN values that reach the model's weights"),
        ({"validation_data": "three"}, "validation_data must be a pair"),
        ({"model": "not a model"}, "model must be a keras.Model, got str"),
        ({"config": {"training": {"epoch": 2}}}, "unknown key 'training.epoch'"),
        # fit()'s own arguments are named as such, not as the CLI's "command line"
        ({"batch_size": 0}, "fit(): training.batch_size: Input should be greater than 0"),
        ({"epochs": -1}, "fit(): training.epochs"),
        ({"epochs": "ten"}, "fit(): training.epochs: Input should be a valid integer"),
        ({"profile": "magic"}, "fit(): detection.profile"),
        ({"tracking": "ftp://host/x"}, "fit(): tracking.tracking_uri: unsupported tracking URI"),
        # before: TypeError from pathlib, a run with repairs, numpy's "got dtype object"
        ({"output_dir": 5}, "fit(): output_dir must be a path (str or pathlib.Path) or None"),
        ({"repair": "no"}, "fit(): repair must be True or False, got 'no'"),
        ({"x": None}, "fit() x: x is required: numpy arrays, a finite tf.data.Dataset or a"),
        ({"x": "data.npz"}, "fit() x: x must be numpy arrays, a finite tf.data.Dataset or a "
         "keras.utils.PyDataset, got the path 'data.npz': load the arrays first"),
        ({"config": 42}, "config must be an AutotrainerConfig, a dict or a YAML file path"),
        # before: ValueError from Keras, KeyError 'name' (exit 1 on the command line)
        ({"config": {"training": {"callbacks": [{"name": "reduce_lr_on_plateau", "factor": 2}]}}},
         "config training.callbacks: callback 'reduce_lr_on_plateau': ReduceLROnPlateau does "
         "not support a factor >= 1.0"),
        # before: ValueError "Could not interpret metric identifier" in the first step
        ({"config": {"training": {"metrics": [{"class_name": "Nope"}]}}},
         "config training.metrics: 'Nope' cannot be rebuilt from its config"),
        # before: TypeError "Expected float32, but got x" in the first training step
        ({"config": {"training": {"loss": {"module": "keras.losses", "class_name": "Huber",
                                           "config": {"delta": "x"}}}}},
         "config training.loss 'Huber': delta must be a number (default 1.0), got 'x'"),
        # before: taken, then a TypeError at the first epoch without improvement
        ({"config": {"training": {"callbacks": [{"name": "early_stopping", "patience": "x"}]}}},
         "config training.callbacks: callback 'early_stopping': patience must be a number "
         "(default 0), got 'x'"),
        ({"config": {"training": {"callbacks": [{"factor": 0.5}]}}},
         "config training.callbacks: a callback without name; known: reduce_lr_on_plateau"),
    ],
)
def test_bad_arguments_raise_input_error(kwargs: dict, message: str, arrays, tmp_path) -> None:
    x, y, x_val, y_val = arrays
    call = {"model": _model(), "x": x, "y": y, "output_dir": tmp_path, "tracking": False}
    if kwargs.get("x") == "nan":
        kwargs = {"x": x.copy()}
        kwargs["x"][0, 0] = np.nan
    if kwargs.get("validation_data") == "three":
        kwargs = {"validation_data": (x_val, y_val, y_val, y_val)}  # a triple is valid (weights)
    call.update(kwargs)
    with pytest.raises(InputError, match=message.replace("(", r"\(").replace(")", r"\)")):
        autotrainer_keras.fit(**call)
    assert list(tmp_path.iterdir()) == []  # nothing written


def _my_loss(y_true, y_pred):
    import keras

    return keras.ops.mean(keras.ops.square(y_true - y_pred))


def _my_metric(y_true, y_pred):
    import keras

    return keras.ops.mean(keras.ops.abs(y_true - y_pred))


@pytest.mark.medium
def test_unregistered_metric_functions_and_classes_train_with_the_live_objects(
    arrays, tmp_path: Path
) -> None:
    """Practice batch 8: a `def` metric (`pair_accuracy`) made the job refuse a healthy
    script, as every training compiles the metrics again from their config, where Keras
    finds an unregistered function nowhere. The job now compiles the live function and the
    live class (in its custom object scope), and the report's curves hold their values."""
    import keras

    class MeanGap(keras.metrics.Mean):  # a metric class of the user's own, not registered
        def update_state(self, y_true, y_pred, sample_weight=None):  # noqa: ANN001, ANN202
            return super().update_state(keras.ops.abs(y_true - y_pred), sample_weight)

    x, y, _, _ = arrays
    model = _model()
    model.compile(optimizer="adam", loss="binary_crossentropy",
                  metrics=["accuracy", _my_metric, MeanGap(name="gap")])  # fmt: skip
    result = autotrainer_keras.fit(model, x, y.reshape(-1, 1), epochs=2, repair=False,
                                   output_dir=tmp_path, tracking=False, verbose=False)  # fmt: skip
    assert result.status in ("healthy", "detected")
    report = json.loads((tmp_path / "report.json").read_text())
    last = report["curves"]["original"]["epochs"][-1]
    for name in ("_my_metric", "val__my_metric", "gap", "val_gap"):
        assert np.isfinite(last[name]), (name, last)


def _scaled_mae(factor: float):
    """A metric made by a factory, as practice batch 59's forecasting scripts make theirs."""
    import keras

    def value(y_true, y_pred):  # noqa: ANN001, ANN202
        return keras.ops.mean(keras.ops.abs(y_true - y_pred)) * factor

    return keras.metrics.MeanMetricWrapper(value, name=f"mae_x{factor:g}")


@pytest.mark.medium
def test_a_keras_wrapper_around_a_closure_of_the_users_trains_with_the_live_function(
    arrays, tmp_path: Path
) -> None:
    """Practice batch 59: `MeanMetricWrapper(value)` (a closure a factory makes) made all 27
    jobs refuse, since its config names `value`, which Keras finds nowhere. The job now
    finds the wrapped function; two wrappers of equal closures are one function."""
    x, y, _, _ = arrays
    model = _model()
    model.compile(optimizer="adam", loss="binary_crossentropy",
                  metrics=[_scaled_mae(10.0), _scaled_mae(10.0)])  # fmt: skip
    result = autotrainer_keras.fit(model, x, y.reshape(-1, 1), epochs=2, repair=False,
                                   output_dir=tmp_path, tracking=False, verbose=False)  # fmt: skip
    assert result.status in ("healthy", "detected")
    last = json.loads((tmp_path / "report.json").read_text())["curves"]["original"]["epochs"][-1]
    assert 0 < last["val_mae_x10"] <= 10, last


@pytest.mark.medium
def test_two_different_closures_under_one_name_are_refused_in_one_line(
    arrays, tmp_path: Path
) -> None:
    x, y, _, _ = arrays
    model = _model()
    model.compile(optimizer="adam", loss="binary_crossentropy",
                  metrics=[_scaled_mae(10.0), _scaled_mae(2.0)])  # fmt: skip
    with pytest.raises(InputError, match="two different functions or classes named 'value'"):
        autotrainer_keras.fit(model, x, y, epochs=1, repair=False, output_dir=tmp_path,
                              tracking=False, verbose=False)  # fmt: skip
    assert list(tmp_path.iterdir()) == []


@pytest.mark.medium
def test_a_metric_class_without_its_arguments_in_its_config_says_so(
    arrays, tmp_path: Path
) -> None:
    """Found by name, but its config cannot build it again: the message asks for a
    get_config with the constructor's arguments (it asked for a registration before)."""
    import keras

    class Above(keras.metrics.Mean):
        def __init__(self, cut, **kwargs):  # noqa: ANN001, ANN003, ANN204
            super().__init__(**kwargs)
            self.cut = cut

    x, y, _, _ = arrays
    model = _model()
    model.compile(optimizer="adam", loss="binary_crossentropy", metrics=[Above(0.7, name="hi")])
    with pytest.raises(InputError) as error:
        autotrainer_keras.fit(model, x, y, epochs=1, repair=False, output_dir=tmp_path,
                              tracking=False, verbose=False)  # fmt: skip
    assert "needs a get_config() that returns the arguments of its __init__" in str(error.value)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.medium
def test_a_lambda_metric_is_refused_with_what_to_do(arrays, tmp_path: Path) -> None:
    """A lambda has no name Keras can find it by: refused before anything trains, the
    message says why and what to do instead (it spoke of repairs before)."""
    x, y, _, _ = arrays
    model = _model()
    model.compile(optimizer="adam", loss="binary_crossentropy",
                  metrics=[lambda y_true, y_pred: y_pred])  # fmt: skip
    with pytest.raises(InputError) as error:
        autotrainer_keras.fit(model, x, y, epochs=1, repair=False, output_dir=tmp_path,
                              tracking=False, verbose=False)  # fmt: skip
    message = "the compiled metrics: '<lambda>' is not a Keras metric and Keras cannot find it"
    assert str(error.value).startswith(message), error.value
    assert "define it with def" in str(error.value)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.medium
@pytest.mark.parametrize("repair", [False, True], ids=["detect", "repair"])
def test_an_unregistered_loss_function_trains_with_the_live_function(
    repair: bool, arrays, tmp_path: Path
) -> None:
    """Session 14's hostile sweep: `fit` refused a model compiled with a plain `def` loss
    (every training compiles the loss from its config, where Keras finds an unregistered
    function by name nowhere). The job now compiles the live function: the original and
    every candidate train with the user's own loss (its calls are counted)."""
    import keras

    calls = []

    def counting_loss(y_true, y_pred):  # noqa: ANN001, ANN202
        calls.append(1)  # traced once per compiled training function
        return keras.losses.binary_crossentropy(y_true, y_pred)

    x, y, _, _ = arrays
    model = _model()
    model.compile(optimizer="adam", loss=counting_loss, metrics=["accuracy"])
    result = autotrainer_keras.fit(model, x, y, epochs=2, repair=repair, output_dir=tmp_path,
                                   tracking=False, verbose=False)  # fmt: skip
    assert result.status in (("detected", "healthy") if not repair
                             else ("healthy", "repaired", "unrepaired"))  # fmt: skip
    assert calls, "the user's loss function was never called"
    assert (tmp_path / "report.json").is_file()
    assert result.model is not None and result.model.loss is counting_loss
    if repair:
        assert len(result.repairs) >= 1
        assert (tmp_path / "model.keras").is_file()


@pytest.mark.medium
def test_an_unregistered_loss_class_trains_with_its_live_class(arrays, tmp_path: Path) -> None:
    """A `keras.losses.Loss` subclass of the user's own, not registered: compiled again from
    the live class (Keras finds it by its class name in the job's scope)."""
    import keras

    class OwnCrossentropy(keras.losses.Loss):
        def call(self, y_true, y_pred):  # noqa: ANN001, ANN202
            return keras.losses.binary_crossentropy(y_true, y_pred)

    x, y, _, _ = arrays
    model = _model()
    model.compile(optimizer="adam", loss=OwnCrossentropy())
    result = autotrainer_keras.fit(model, x, y.reshape(-1, 1), epochs=2, repair=False,
                                   output_dir=tmp_path, tracking=False, verbose=False)  # fmt: skip
    assert result.status in ("healthy", "detected")
    assert isinstance(result.model.loss, OwnCrossentropy)


@pytest.mark.slow
def test_tracking_uri_records_the_job_in_mlflow(arrays, tmp_path: Path) -> None:
    from mlflow import MlflowClient

    x, y, _, _ = arrays
    uri = f"sqlite:///{tmp_path / 'mlflow.db'}"
    result = autotrainer_keras.fit(
        _model(), x, y, epochs=1, repair=False, output_dir=tmp_path / "out", tracking=uri,
        verbose=False,
    )  # fmt: skip
    assert result.report["mlflow"]["tracking_uri"] == uri
    run = MlflowClient(uri).get_run(result.report["mlflow"]["run_id"])
    assert run.info.status == "FINISHED"
    artifacts = {a.path for a in MlflowClient(uri).list_artifacts(run.info.run_id)}
    assert {"report.json", "report.html"} <= artifacts


@pytest.mark.medium
def test_a_negative_loss_is_trained_and_judged_not_refused(tmp_path: Path) -> None:
    """Cosine similarity (-1 is a perfect match): scored by its validation loss alone."""
    import keras

    rng = np.random.default_rng(3)
    x = rng.normal(size=(400, 6)).astype("float32")
    y = np.stack([x[:, 0] + x[:, 1], x[:, 2] - x[:, 3], x[:, 4]], axis=1).astype("float32")
    keras.utils.set_random_seed(3)
    model = keras.Sequential([keras.Input((6,)), keras.layers.Dense(16, activation="relu"),
                              keras.layers.Dense(3)])  # fmt: skip
    model.compile(optimizer=keras.optimizers.Adam(0.01), loss=keras.losses.CosineSimilarity())
    result = autotrainer_keras.fit(
        model, x[:320], y[:320], validation_data=(x[320:], y[320:]), epochs=6, batch_size=32,
        repair=False, output_dir=tmp_path, tracking=False, verbose=False,
    )  # fmt: skip
    assert result.status == "healthy", result.findings
    assert result.report["original"]["val_loss"] < -0.8  # learned the directions


@pytest.mark.medium
def test_a_model_with_nothing_trainable_is_named_and_no_candidate_retrains_it(
    arrays, tmp_path: Path
) -> None:
    """Practice batch 4's `frozen_everything`: the job "repaired" it with `selu`, which
    re-initialised a layer that stayed frozen; unfreezing is the user's call."""
    x, y, x_val, y_val = arrays
    model = _model()
    model.trainable = False
    model.compile("adam", "binary_crossentropy", metrics=["accuracy"])
    result = autotrainer_keras.fit(model, x, y, validation_data=(x_val, y_val), epochs=4,
                                   output_dir=tmp_path, tracking=False)  # fmt: skip
    assert result.findings[0].problem.value == "no_trainable_weights"
    assert result.status == "unrepaired" and result.repairs == []
