"""`output_pair` on a multi-output model (`repair.operators.outputs_pair`): the output a
pre-flight finding names (`Finding.outputs`) gets the activation and loss its own labels call
for, the other outputs kept; every output the problem was found on is named and changed; an
output no activation can be given reads its scores as
logits; the job repairs a two-output model whose class scores a cross-entropy read as
probabilities."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import keras
import numpy as np
import pytest

import autotrainer_keras
from autotrainer_keras.errors import ModelSpecError
from autotrainer_keras.io.data import Dataset
from autotrainer_keras.keras import Watch
from autotrainer_keras.measure.setup_facts import data_facts
from autotrainer_keras.problems import Finding, SetupProblem
from autotrainer_keras.repair import keras_spec
from autotrainer_keras.repair.operators import get_operator
from autotrainer_keras.repair.plans import plan_for

from .models import output_spec, two_output_data


def scores_read_as_probabilities(seed: int = 0, own_scores: bool = False) -> Any:
    """`label`: 3 linear scores under SparseCategoricalCrossentropy() (from_logits=False,
    Keras' default: they are read as probabilities); `score`: mse. `own_scores`: the label
    scores come from a Lambda (no activation of their own to set)."""
    keras.utils.set_random_seed(seed)
    inputs = keras.Input((6,), name="features")
    h = keras.layers.Dense(16, activation="relu", name="hidden_0")(inputs)
    h = keras.layers.Dense(16, activation="relu", name="hidden_1")(h)
    label = keras.layers.Dense(3, name="label_scores" if own_scores else "label")(h)
    if own_scores:  # the scores plus a prior read off the inputs, merged
        prior = keras.layers.Dense(3, name="label_prior")(inputs)
        label = keras.layers.Add(name="label")([label, prior])
    model = keras.Model(inputs, {"label": label, "score": keras.layers.Dense(1, name="score")(h)})
    model.compile(
        keras.optimizers.Adam(0.01),
        loss={"label": keras.losses.SparseCategoricalCrossentropy(), "score": "mse"},
        loss_weights={"label": 1.0, "score": 0.5},
        metrics={"label": ["accuracy"], "score": ["mae"]},
    )  # fmt: skip
    return model


def spec_and_facts(own_scores: bool = False) -> tuple[Any, dict[str, Any]]:
    x, y = two_output_data()
    spec = output_spec(scores_read_as_probabilities(own_scores=own_scores), y, "label")
    return spec, {name: data_facts(Dataset(x, y[name], x, y[name])) for name in y}


def test_the_named_output_gets_its_labels_pair_and_the_other_output_is_kept() -> None:
    spec, facts = spec_and_facts()
    operator = get_operator("output_pair", output_facts=facts, outputs=("label",))
    new, params = operator.apply(spec, 0, np.random.default_rng(0))
    model = keras_spec.build_model(new)
    assert model.get_layer("label").get_config()["activation"] == "softmax"
    assert model.get_layer("score").get_config()["activation"] == "linear"
    assert new.output_losses == spec.output_losses and new.loss_weights == spec.loss_weights
    (label,) = params["outputs"]
    assert label["output"] == "label" and label["activation"] == "softmax"
    assert operator.describe(params).startswith("Output 'label': Output layer 'label' set to 3")


def test_an_output_without_an_activation_of_its_own_reads_its_scores_as_logits() -> None:
    spec, facts = spec_and_facts(own_scores=True)
    new, params = get_operator("output_pair", output_facts=facts, outputs=("label",)).apply(
        spec, 0, np.random.default_rng(0)
    )
    assert new.model == spec.model and params["outputs"][0]["from_logits"] is True
    label_loss = new.output_losses["label"]
    assert isinstance(label_loss, dict) and label_loss["config"]["from_logits"] is True
    assert new.output_losses["score"] == spec.output_losses["score"]


def test_every_output_with_the_problem_is_named_and_each_gets_its_pair() -> None:
    """A span reader's start and end scores, both read as probabilities: one finding names
    both outputs, and the candidate changes both."""
    x, y = two_output_data()
    keras.utils.set_random_seed(0)
    inputs = keras.Input((6,), name="features")
    h = keras.layers.Dense(16, activation="relu")(inputs)
    model = keras.Model(inputs, {"start": keras.layers.Dense(3, name="start")(h),
                                 "end": keras.layers.Dense(3, name="end")(h)})  # fmt: skip
    model.compile("adam", loss={"start": keras.losses.SparseCategoricalCrossentropy(),
                                "end": keras.losses.SparseCategoricalCrossentropy()})  # fmt: skip
    labels = {"start": y["label"], "end": 2 - y["label"]}
    watch = Watch(probe_data=(x, labels), verbose=0)
    model.fit(x, labels, epochs=1, verbose=0, callbacks=[watch])
    first = watch.findings[0]
    assert first.problem is SetupProblem.OUTPUT_LOSS_MISMATCH
    assert set(first.outputs) == {"start", "end"}
    spec = output_spec(model, labels, "start")
    facts = {name: data_facts(Dataset(x, labels[name], x, labels[name])) for name in labels}
    operator = get_operator("output_pair", output_facts=facts, outputs=first.outputs)
    new, params = operator.apply(spec, 0, np.random.default_rng(0))
    built = keras_spec.build_model(new)
    assert {built.get_layer(n).get_config()["activation"] for n in ("start", "end")} == {"softmax"}
    assert [p["output"] for p in params["outputs"]] == list(first.outputs)
    assert "Output 'start'" in operator.describe(params) and "Output 'end'" in operator.describe(
        params
    )


def test_without_a_named_output_it_does_not_apply() -> None:
    spec, facts = spec_and_facts()
    for outputs in ((), ("no_such_output",), ("label", "no_such_output")):
        with pytest.raises(ModelSpecError, match="names no output"):
            get_operator("output_pair", output_facts=facts, outputs=outputs).apply(
                spec, 0, np.random.default_rng(0)
            )


def test_a_mismatch_on_one_output_of_several_gets_the_candidate() -> None:
    finding = Finding(SetupProblem.OUTPUT_LOSS_MISMATCH, 0, 0, "label", {"outputs": 2.0}, {},
                      "output 'label': ...", outputs=("label",))  # fmt: skip
    assert plan_for(SetupProblem.OUTPUT_LOSS_MISMATCH, "default", finding) == [("output_pair", 1)]
    assert Finding.from_dict(finding.to_dict()) == finding


@pytest.mark.medium
@pytest.mark.parametrize("seed", [0, 2])
def test_the_job_repairs_class_scores_read_as_probabilities_on_one_output_of_two(
    seed: int, tmp_path: Path
) -> None:
    """Measured (15 epochs, seeds 0-2, 225 validation rows): plain label accuracy 0.20-0.62
    (its loss stuck at ln 3), repaired 0.93-0.96; score MSE 0.009-0.048 -> 0.016-0.028."""
    x, y = two_output_data(900, seed)
    result = autotrainer_keras.fit(
        scores_read_as_probabilities(seed), x, y, epochs=15, validation_split=0.25,
        tracking=False, verbose=False, output_dir=tmp_path, config={"training": {"seed": seed}},
    )  # fmt: skip
    first = result.findings[0]
    assert first.problem is SetupProblem.OUTPUT_LOSS_MISMATCH and first.outputs == ("label",)
    assert result.status == "repaired" and result.report["final"]["solutions"] == ["output_pair"]
    x_val, y_val = x[-225:], {name: values[-225:] for name, values in y.items()}
    scores = result.model.evaluate(x_val, y_val, verbose=0, return_dict=True)
    assert scores["label_accuracy"] > 0.8  # chance ~0.4
    assert scores["score_loss"] < 0.5 * float(y_val["score"].var())
    assert result.report["detections"][0]["outputs"] == ["label"]
