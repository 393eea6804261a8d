"""The pre-flight checks of a multi-output model run per output (practice batch 3's
`multi_io_raw_ink`: a raw-unit regression head next to a class head went unflagged by
`Watch` and the job, since the checks read one target array and skipped the model)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import autotrainer_keras
from autotrainer_keras.problems import SetupProblem
from autotrainer_keras.repair.plans import plan_for

from .models import two_output_data, two_output_model
from .test_positional import _list_output_model

pytestmark = pytest.mark.medium


def _raw_score(y: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    return {**y, "score": y["score"] * 40.0 + 300.0}  # like ink: ~300 +- 50


def _preflight(watch: Any) -> list[Any]:
    return [f for f in watch.findings if isinstance(f.problem, SetupProblem)]


@pytest.mark.parametrize("declared", ["dict", "list"])
def test_watch_names_the_output_whose_targets_are_unscaled(declared: str) -> None:
    import autotrainer_keras.keras

    x, y = two_output_data()
    y = _raw_score(y)
    model = two_output_model() if declared == "dict" else _list_output_model()
    targets = y if declared == "dict" else [y["label"], y["score"]]
    watch = autotrainer_keras.keras.Watch(probe_data=(x, targets), verbose=0)
    with pytest.warns(autotrainer_keras.keras.TrainingProblemWarning, match="output 'score'"):
        model.fit(x, targets, epochs=1, callbacks=[watch], verbose=0)
    (finding,) = _preflight(watch)
    assert finding.problem is SetupProblem.UNSCALED_TARGET and finding.layer == "score"
    assert finding.evidence["outputs"] == 2.0 and finding.evidence["y_mean"] > 250


def test_watch_names_a_class_head_without_probabilities_and_spares_a_healthy_model() -> None:

    import autotrainer_keras.keras

    x, y = two_output_data()
    healthy = autotrainer_keras.keras.Watch(probe_data=(x, y), verbose=0)
    two_output_model().fit(x, y, epochs=1, callbacks=[healthy], verbose=0)
    assert _preflight(healthy) == []
    model = two_output_model()  # linear `label` head, now under a loss that reads probabilities
    model.compile("adam", loss={"label": "sparse_categorical_crossentropy", "score": "mse"})
    watch = autotrainer_keras.keras.Watch(probe_data=(x, y), verbose=0)
    with pytest.warns(autotrainer_keras.keras.TrainingProblemWarning, match="output .label."):
        model.fit(x, y, epochs=1, callbacks=[watch], verbose=0)
    (finding,) = _preflight(watch)
    assert finding.problem is SetupProblem.OUTPUT_LOSS_MISMATCH
    assert finding.reason.startswith("output 'label': ") and finding.layer == "label"


def test_a_finding_about_one_output_of_several_gets_only_a_candidate_that_can_change_it(
    tmp_path: Path,
) -> None:
    """`scale_target` rescales each regression output (`test_scale_outputs.py`), so an
    unscaled target keeps it; `output_pair` changes the output the finding names
    (`test_outputs_pair.py`); another set-up repair gets no candidate on one output of
    several (the original trains on), not a candidate skipped or wrong."""
    x, y = two_output_data()
    result = autotrainer_keras.fit(two_output_model(), x, _raw_score(y), epochs=3,
                                   validation_split=0.25, tracking=False,
                                   output_dir=tmp_path / "out")  # fmt: skip
    first = result.findings[0]
    assert first.problem is SetupProblem.UNSCALED_TARGET, result.findings
    assert first.reason.startswith("output 'score': ")
    assert [r["solution"] for r in result.report["repairs"]][:1] == ["scale_target"]
    assert plan_for(first.problem, "default", first) == [("scale_target", 1)]
    mismatch = replace(first, problem=SetupProblem.OUTPUT_LOSS_MISMATCH)
    assert plan_for(mismatch.problem, "default", mismatch) == [("output_pair", 1)]
    collapsed = replace(first, problem=SetupProblem.COLLAPSED_INPUT)
    assert plan_for(collapsed.problem, "default", collapsed) == []
    assert plan_for(collapsed.problem, "default") != []  # one output: its plan


def _raw_inputs(x: np.ndarray) -> np.ndarray:
    return x * 300.0 + 1000.0  # like raw sensor counts


def test_watch_names_raw_inputs_of_a_multi_output_model() -> None:
    """The input checks ran on one-output models only: a two-head model on raw counts went
    unnamed (session 21)."""
    import autotrainer_keras.keras

    x, y = two_output_data()
    watch = autotrainer_keras.keras.Watch(probe_data=(_raw_inputs(x), y), verbose=0)
    with pytest.warns(autotrainer_keras.keras.TrainingProblemWarning, match="unscaled|scale"):
        two_output_model().fit(_raw_inputs(x), y, epochs=1, callbacks=[watch], verbose=0)
    (finding,) = _preflight(watch)
    assert finding.problem is SetupProblem.UNSCALED_INPUT and "outputs" not in finding.evidence


def test_the_job_normalizes_the_inputs_of_a_multi_output_model(tmp_path: Path) -> None:
    x, y = two_output_data()
    result = autotrainer_keras.fit(two_output_model(), _raw_inputs(x), y, epochs=3,
                                   validation_split=0.25, tracking=False,
                                   output_dir=tmp_path / "out")  # fmt: skip
    assert result.findings[0].problem is SetupProblem.UNSCALED_INPUT, result.findings
    tried = [r["solution"] for r in result.report["repairs"]]
    assert tried[:1] == ["normalize"], result.report["repair_stop_reason"]
    layer = result.model.get_layer("input_normalization")
    assert np.allclose(np.ravel(layer.mean), _raw_inputs(x[:450]).mean(axis=0), rtol=0.1)


def test_watch_names_a_binary_loss_on_a_standardised_head_instead_of_crashing() -> None:
    """Practice batch 10's `parts_size_head_bce`: the regression head under binary
    cross-entropy was read as a classifier and its chance accuracy crashed on negative
    targets; each output's task is now read as the job reads it."""
    import autotrainer_keras.keras

    x, y = two_output_data()
    model = two_output_model()
    model.compile("adam", loss={"label": keras_sparse_logits(), "score": "binary_crossentropy"})
    watch = autotrainer_keras.keras.Watch(probe_data=(x, y), verbose=0)
    with pytest.warns(autotrainer_keras.keras.TrainingProblemWarning, match="output 'score'"):
        model.fit(x, y, epochs=1, callbacks=[watch], verbose=0)
    (finding,) = _preflight(watch)
    assert finding.problem is SetupProblem.OUTPUT_LOSS_MISMATCH and finding.layer == "score"
    assert "binary_crossentropy takes targets in [0, 1]" in finding.reason


def keras_sparse_logits() -> Any:
    import keras

    return keras.losses.SparseCategoricalCrossentropy(from_logits=True)


def test_watch_names_scores_read_as_probabilities_behind_a_layer_of_the_users_own() -> None:
    """Practice batch 86's two-output span reader: each output's position scores pass a
    masking layer of the user's own (activation unknown) into sparse CE with
    from_logits=False. The start loss is measured per output (one forward pass): outside
    [0, 1] at the initial weights, named on that output; the same model under
    from_logits=True is healthy."""
    import keras

    import autotrainer_keras.keras

    @keras.saving.register_keras_serializable(package="tests")
    class Shifted(keras.layers.Layer):
        """Scores moved by a constant (a mask's fill on no position): still scores."""

        def call(self, scores):
            return scores - 3.0

    def reader(from_logits: bool) -> keras.Model:
        keras.utils.set_random_seed(0)
        inputs = keras.Input((6,), name="features")
        hidden = keras.layers.Dense(16, activation="relu")(inputs)
        outputs = {"label": Shifted(name="label")(keras.layers.Dense(3)(hidden)),
                   "score": keras.layers.Dense(1, name="score")(hidden)}  # fmt: skip
        model = keras.Model(inputs, outputs)
        loss = keras.losses.SparseCategoricalCrossentropy(from_logits=from_logits)
        model.compile("adam", loss={"label": loss, "score": "mse"})
        return model

    x, y = two_output_data()
    healthy = autotrainer_keras.keras.Watch(probe_data=(x, y), verbose=0)
    reader(from_logits=True).fit(x, y, epochs=1, callbacks=[healthy], verbose=0)
    assert _preflight(healthy) == []
    watch = autotrainer_keras.keras.Watch(probe_data=(x, y), verbose=0)
    with pytest.warns(autotrainer_keras.keras.TrainingProblemWarning, match="output .label."):
        reader(from_logits=False).fit(x, y, epochs=1, callbacks=[watch], verbose=0)
    (finding,) = _preflight(watch)
    assert finding.problem is SetupProblem.OUTPUT_LOSS_MISMATCH and finding.layer == "label"
    assert "from_logits=True" in finding.reason


@pytest.mark.parametrize(("rate", "named"), [(0.5, True), (1e-3, False)])
def test_the_job_reads_the_learning_rate_of_a_multi_output_model(
    rate: float, named: bool, tmp_path: Path
) -> None:
    """Practice batch 96: a joint intent and slot model under Adam(0.1) had no finding (the
    per-output sheets read no optimizer); `lr_default` then took it from 0.72 to 0.998."""
    import keras

    x, y = two_output_data()
    model = two_output_model(optimizer=keras.optimizers.Adam(rate))
    result = autotrainer_keras.fit(model, x, y, epochs=1, validation_split=0.25, repair=False,
                                   tracking=False, verbose=False,
                                   output_dir=tmp_path / "out")  # fmt: skip
    rate_findings = [f for f in result.findings
                     if f.problem is SetupProblem.LEARNING_RATE_RANGE]  # fmt: skip
    assert bool(rate_findings) is named, result.findings
    if named:
        assert rate_findings[0].evidence["ratio_to_default"] == pytest.approx(500.0)
