"""A multi-output candidate is judged per output too (practice batch 3, multi_io_raw_ink: the
total loss weighs a raw-unit regression head at ~60 against a class head at ~2.3, so a
candidate can lower it through one head while the other gets worse). Each output's own
score is read from a real two-output training; the comparison is scripted around it."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import keras
import pytest

from autotrainer_keras.config import AutotrainerConfig
from autotrainer_keras.config.repair import RepairConfig
from autotrainer_keras.engine.output_scores import harmed_outputs, output_scores
from autotrainer_keras.engine.request import JobRequest, Mode
from autotrainer_keras.engine.runner import execute
from autotrainer_keras.io.data import Dataset
from autotrainer_keras.progress import NullProgress
from autotrainer_keras.record.sink import NullSink

from .models import two_output_data, two_output_model

pytestmark = pytest.mark.medium


def test_each_output_is_scored_by_its_own_metric_and_a_harmed_one_blocks_acceptance(
    tmp_path: Path,
) -> None:
    x, y = two_output_data()
    data = Dataset(x[:450], {k: v[:450] for k, v in y.items()},
                   x[450:], {k: v[450:] for k, v in y.items()})  # fmt: skip
    config = AutotrainerConfig().with_overrides(training__epochs=6, tracking__enabled=False)
    model = two_output_model(optimizer=keras.optimizers.Adam(0.002))
    request = JobRequest(Mode.REPAIR, model, data, config, output_dir=tmp_path)
    result = execute(request, NullProgress(), sink=NullSink())
    [attempt] = result.attempts  # still improving after 6 epochs: more epochs, judged
    assert attempt.solution == "more_epochs"
    candidate = attempt.result
    scores = output_scores(candidate)
    final = candidate.extra["final_metrics"]
    assert scores["label"] == ("accuracy", final["label_accuracy"])
    kind, minus_loss = scores["score"]
    assert minus_loss == -final["score_loss"] and '"mse" x 0.5' in kind
    cfg = RepairConfig()
    assert harmed_outputs(candidate, candidate, cfg) == []

    def original_with(**metrics: float):  # noqa: ANN202
        return replace(candidate, extra={"final_metrics": {**final, **metrics}})

    better_head = final["label_accuracy"] + cfg.output_max_drop + 0.02
    assert harmed_outputs(original_with(label_accuracy=better_head), candidate, cfg) == ["label"]
    within = final["label_accuracy"] + cfg.output_max_drop / 2
    assert harmed_outputs(original_with(label_accuracy=within), candidate, cfg) == []
    lower_loss = final["score_loss"] * 0.9  # the candidate's is 11 % higher (> min_loss_gain)
    assert harmed_outputs(original_with(score_loss=lower_loss), candidate, cfg) == ["score"]
    # another loss for that output (a repair changed it): its loss is in other units
    assert candidate.spec.output_losses is not None
    losses = {**candidate.spec.output_losses, "score": "mae"}
    other_loss = replace(
        original_with(score_loss=lower_loss), spec=replace(candidate.spec, output_losses=losses)
    )
    assert harmed_outputs(other_loss, candidate, cfg) == []
    # a one-output model has no outputs of its own to compare
    assert output_scores(replace(candidate, spec=replace(candidate.spec, output_losses=None))) == {}
