"""Sample weights per output of a multi-output model, as Keras' `fit` takes them: a dict by
output name or a list in the outputs' order (practice batch 67's domain-adversarial scripts
weigh the label head by a mask of the labelled rows and the domain head by ones: 15 of its
jobs were refused). A weighted-out row's dummy label must teach nothing."""

from __future__ import annotations

from pathlib import Path

import keras
import numpy as np
import pytest

import autotrainer_keras
from autotrainer_keras.engine.attempt import weighted_targets
from autotrainer_keras.errors import InputError
from autotrainer_keras.fit_weights import checked_weights
from autotrainer_keras.measure.baselines import combined_baseline_loss
from autotrainer_keras.measure.history import Task

TARGETS = {"label": np.zeros((6, 1)), "domain": np.zeros((6, 1))}


def test_weights_by_output_name_or_position_are_checked_per_output() -> None:
    mask = np.array([1, 1, 1, 0, 0, 0], "float32")
    by_name = checked_weights({"domain": np.ones(6), "label": mask}, 6, "w", targets=TARGETS)
    assert isinstance(by_name, dict) and list(by_name) == ["label", "domain"]
    assert by_name["label"].tolist() == mask.tolist()
    by_position = checked_weights([mask, np.ones(6)], 6, "w", targets=TARGETS)
    assert isinstance(by_position, dict) and by_position["label"].tolist() == mask.tolist()
    shared = checked_weights(mask, 6, "w", targets=TARGETS)  # one array for every output
    assert isinstance(shared, np.ndarray) and shared.shape == (6,)


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ({"label": np.ones(6)}, r"must name every output \(label, domain\).*missing domain"),
        ({"label": np.ones(6), "domain": np.ones(6), "dom": np.ones(6)}, "no output named dom"),
        ([np.ones(6)] * 3, "holds 3 arrays but the model has 2 outputs"),
        ({"label": np.ones(5), "domain": np.ones(6)}, r"w\['label'\] has 5 rows but x has 6"),
        ({"label": np.ones(6), "domain": np.full(6, np.nan)}, r"w\['domain'\] contains 6 NaN"),
    ],
)
def test_weights_per_output_that_keras_would_refuse_are_refused_in_one_line(
    given: object, message: str
) -> None:
    with pytest.raises(InputError, match=message):
        checked_weights(given, 6, "w", targets=TARGETS)


def test_weights_by_name_are_refused_for_one_output() -> None:
    with pytest.raises(InputError, match="weights by output name are for a model with several"):
        checked_weights({"label": np.ones(6)}, 6, "w", targets=np.zeros((6, 1)))


def test_the_watched_model_gets_targets_and_weights_in_its_outputs_order() -> None:
    inputs = keras.Input((2,))
    a = keras.layers.Dense(1, name="a")(inputs)
    b = keras.layers.Dense(1, name="b")(inputs)
    model = keras.Model(inputs, [b, a])
    y = {"a": np.zeros(4), "b": np.ones(4)}
    given = weighted_targets(y, {"a": np.full(4, 2.0), "b": np.full(4, 3.0)}, model)
    assert [t[0] for t in given["y"]] == [1.0, 0.0]
    assert [w[0] for w in given["sample_weight"]] == [3.0, 2.0]
    assert weighted_targets(y, None, model) == {"y": y, "sample_weight": None}


def test_the_combined_baseline_weighs_each_output_by_its_own_weights() -> None:
    y = {"label": np.array([0.0, 0.0, 4.0, 4.0]), "domain": np.array([1.0, 1.0, 1.0, 1.0])}
    tasks = {"label": Task.REGRESSION, "domain": Task.REGRESSION}
    losses = {"label": "mse", "domain": "mse"}
    plain = combined_baseline_loss(tasks, losses, None, y, y)
    assert plain == pytest.approx(4.0)  # the mean 2 misses every label by 2; domain: 0
    weights = {"label": np.array([1.0, 1.0, 0.0, 0.0]), "domain": np.ones(4)}
    # the weighted constant is 0: the two weighted rows cost 0, the others are weighed out
    assert combined_baseline_loss(tasks, losses, None, y, y, weights, weights) == 0.0


def _blobs(rng: np.random.Generator, rows: int) -> tuple[np.ndarray, np.ndarray]:
    labels = rng.integers(0, 3, rows)
    centres = np.array([[-4.0, 0.0], [4.0, 0.0], [0.0, 5.0]])
    return (centres[labels] + rng.standard_normal((rows, 2))).astype("float32"), labels


@pytest.mark.medium
def test_the_job_trains_a_two_headed_model_with_a_label_mask(tmp_path: Path) -> None:
    """Three rows in four are "unlabelled" (label 0, weight 0) as a domain-adversarial script
    writes them: taught by those dummy labels, class 1 and 2 rows would read as class 0."""
    rng = np.random.default_rng(0)
    x, labels = _blobs(rng, 800)
    unlabelled = np.arange(800) >= 200  # three rows in four
    y = {"label": np.where(unlabelled, 0, labels), "domain": unlabelled.astype("float32")}
    weights = {"label": (~unlabelled).astype("float32"), "domain": np.ones(800, "float32")}
    x_val, labels_val = _blobs(rng, 300)
    y_val = {"label": labels_val, "domain": np.ones(300, "float32")}  # one domain only
    keras.utils.set_random_seed(0)
    inputs = keras.Input((2,))
    hidden = keras.layers.Dense(16, activation="relu")(inputs)
    model = keras.Model(inputs, {
        "label": keras.layers.Dense(3, activation="softmax", name="label")(hidden),
        "domain": keras.layers.Dense(1, activation="sigmoid", name="domain")(hidden),
    })  # fmt: skip
    model.compile(keras.optimizers.Adam(0.01),
                  loss={"label": "sparse_categorical_crossentropy",
                        "domain": "binary_crossentropy"},
                  metrics={"label": ["accuracy"]})  # fmt: skip
    result = autotrainer_keras.fit(model, x, y, sample_weight=weights, epochs=10, batch_size=32,
                                   validation_data=(x_val, y_val), tracking=False,
                                   verbose=False, output_dir=tmp_path / "out")  # fmt: skip
    # the domain head's validation holds one class: not a label mismatch, since the user
    # measures the label head only
    assert "label_mismatch" not in [f.problem.value for f in result.findings]
    predicted = result.model.predict(x_val, verbose=0)
    accuracy = np.mean(np.argmax(predicted["label"], axis=1) == labels_val)
    assert accuracy > 0.9  # 0.997 here; 0.34 with the dummy labels weighed in


def test_watch_refuses_probe_weights_per_output_in_one_line() -> None:
    from autotrainer_keras.keras.watch_probe import probe_rows

    x = np.zeros((6, 2), "float32")
    for given in ({"label": np.ones(6), "domain": np.zeros(6)}, [np.ones(6), np.zeros(6)]):
        with pytest.raises(ValueError, match="weights per output are not read by the probe"):
            probe_rows((x, TARGETS, given))
    rows = probe_rows((x, TARGETS, np.ones(6)))  # one weight per row, for every output
    assert rows is not None and isinstance(rows.sample_weight, np.ndarray)


@pytest.mark.medium
def test_weights_by_name_for_a_one_output_model_named_like_its_targets(tmp_path: Path) -> None:
    """y and sample_weight both as {output name: array} for a model with one output: both
    unwrapped to the output's array (a dict of weights had reached the one-output reading)."""
    rng = np.random.default_rng(0)
    x = rng.normal(size=(256, 3)).astype("float32")
    y = (x @ np.array([[1.0], [-2.0], [0.5]])).astype("float32")
    inputs = keras.Input((3,))
    model = keras.Model(inputs, keras.layers.Dense(1, name="out")(inputs))
    model.compile(keras.optimizers.Adam(0.05), "mse")
    weights = np.where(np.arange(256) % 2 == 0, 1.0, 0.0)
    result = autotrainer_keras.fit(model, x, {"out": y}, sample_weight={"out": weights},
                                   epochs=3, tracking=False, verbose=False, repair=False,
                                   output_dir=tmp_path / "out")  # fmt: skip
    assert result.status in ("healthy", "unrepaired", "detected")
    with pytest.raises(InputError, match=r"must name every output \(out\).*no output named other"):
        autotrainer_keras.fit(model, x, {"out": y}, sample_weight={"other": weights}, epochs=1,
                              tracking=False, verbose=False, output_dir=tmp_path / "o2")
