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
from autotrainer_keras.engine.output_scores import (
    accuracy_like_metrics,
    harm_sentence,
    harmed_outputs,
    output_scores,
)
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
    # without outputs of its own, the accuracy-like metrics are still scored (by their names)
    one_output = replace(candidate, spec=replace(candidate.spec, output_losses=None))
    label = ("accuracy", final["label_accuracy"])
    assert output_scores(one_output) == {"metric label_accuracy": label}

    # Practice batch 64: a CTC reader trained on to a lower loss at 2.6 points less sequence
    # accuracy. Metrics named as accuracies or AUC are scored; others are not (their direction
    # is unknown), nor is the task's own `accuracy` (the score already).
    metrics = {"loss": 1.0, "accuracy": 0.9, "seq_acc": 0.8, "auc_1": 0.7, "mae": 0.3,
               "accuracy_gap": 0.1}  # fmt: skip
    named = replace(one_output, extra={"final_metrics": metrics})
    names = accuracy_like_metrics(named)
    assert {"seq_acc", "auc_1", "label_accuracy"} <= set(names)
    assert not {"mae", "accuracy", "accuracy_gap", "loss"} & set(names)
    higher = replace(named, extra={"final_metrics": {**metrics, "seq_acc": 0.826}})
    harmed = harmed_outputs(higher, named, cfg)
    assert harmed == ["metric seq_acc"]
    assert "metric 'seq_acc' got worse" in harm_sentence(harmed)
    close = replace(named, extra={"final_metrics": {**metrics, "seq_acc": 0.805}})
    assert harmed_outputs(close, named, cfg) == []  # within output_max_drop
