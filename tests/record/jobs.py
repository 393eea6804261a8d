"""A scripted job driven through a sink exactly as the engine calls it, with a tiny Keras model."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from autotrainer_keras.measure.history import CheckRecord, LayerStats
from autotrainer_keras.problems import Finding, Problem
from autotrainer_keras.record.sink import Sink
from autotrainer_keras.record.summary import AttemptSummary, RepairChoice

EPOCHS = 3
CHECKS_PER_EPOCH = 2
STEPS_PER_CHECK = 5
LAYERS = ("dense_in", "odd layer:name/1")  # the second needs cleaning for MLflow keys
FINDING = Finding(
    problem=Problem.EXPLODING_GRADIENT,
    epoch=1,
    step=10,
    layer="dense_in",
    evidence={"grad_norm": 1.0e6},
    thresholds={"max_grad_norm": 1.0e3},
    reason="the gradient norm of dense_in exceeded 1000",
)
REPAIR = "repair-2-clip_gradients"
CLIP = RepairChoice(
    round=1, problem="exploding_gradient", solution="clip_gradients", try_index=1, seed=0,
    params={"clipnorm": 1.0}, description="clip gradients", solutions_applied=("clip_gradients",),
)  # fmt: skip


def tiny_model() -> Any:
    """Dense 4 -> 1, seeded."""
    import keras

    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(1, activation="sigmoid")])
    model.compile(optimizer="sgd", loss="binary_crossentropy", metrics=["accuracy"])
    return model


def epoch_logs(epoch: int, start: float) -> dict[str, float]:
    return {
        "loss": start / (epoch + 1),
        "accuracy": 0.4 + 0.1 * epoch,
        "val_loss": start / (epoch + 1) + 0.05,
        "val_accuracy": 0.35 + 0.1 * epoch,
    }


def check(epoch: int, index: int) -> CheckRecord:
    step = (epoch * CHECKS_PER_EPOCH + index + 1) * STEPS_PER_CHECK
    layers = [
        LayerStats(
            layer=name,
            kind="Dense",
            grad_norm=float(step + k),
            kernel_grad_norm=float(step),
            zero_grad_fraction=0.1 * k,
            weight_norm=2.0 + k,
            update_ratio=1e-3 * (k + 1),
            dead_fraction=0.25 if k == 0 else None,
            activation="relu" if k == 0 else "sigmoid",
            n_params=20,
        )  # fmt: skip
        for k, name in enumerate(LAYERS)
    ]
    return CheckRecord(epoch=epoch, step=step, source="steps", layers=layers)


@dataclass
class ScriptedJob:
    """What the scripted job sent, to compare with what MLflow stored."""

    model_file: Path
    sha256: str = "ab" * 32
    job_params: dict[str, Any] = field(
        default_factory=lambda: {
            "training.epochs": EPOCHS,
            "training.optimizer": {"name": "sgd", "learning_rate": 0.01},
            "detection.profile": "default",
            "detection.thresholds.max_grad_norm": 1000.0,
            "long.value": "x" * 7000,
        }
    )
    repair_params: dict[str, Any] = field(
        default_factory=lambda: {"solution": "clip_gradients", "try": 1, "param.clipnorm": 1.0}
    )
    original_summary: AttemptSummary = field(
        default_factory=lambda: AttemptSummary("original", 0.55, 0.8, EPOCHS, 1.5, (FINDING,))
    )
    repaired_summary: AttemptSummary = field(
        default_factory=lambda: AttemptSummary(
            REPAIR, 0.9, 0.3, 2, 0.7, outcome="solved", choice=CLIP
        )
    )
    result: dict[str, Any] = field(default_factory=dict)
    model_uris: dict[str, str | None] = field(default_factory=dict)


def run_scripted_job(sink: Sink, output_dir: Path, model: Any) -> ScriptedJob:
    """start_job -> original (epochs, checks, a finding, model) -> one repair (model) -> end_job."""
    output_dir.mkdir(parents=True, exist_ok=True)
    job = ScriptedJob(model_file=output_dir.parent / "churn model.keras")
    sink.start_job(model_file=job.model_file, model_sha256=job.sha256, params=job.job_params)

    sink.start_attempt("original", {"attempt": "original"})
    for epoch in range(EPOCHS):
        for index in range(CHECKS_PER_EPOCH):
            sink.log_check(check(epoch, index))
        sink.log_epoch(epoch, epoch_logs(epoch, 1.0))
    sink.log_finding(FINDING)
    summary = job.original_summary
    job.model_uris["original"] = sink.log_model(model, "original", summary)
    sink.end_attempt("detected", summary)

    sink.start_attempt(REPAIR, job.repair_params)
    for epoch in range(2):
        sink.log_check(check(epoch, 0))
        sink.log_epoch(epoch, epoch_logs(epoch, 0.5))
    job.model_uris["repaired"] = sink.log_model(
        model, "repaired", job.repaired_summary, original=summary
    )
    sink.end_attempt("solved", job.repaired_summary)

    data_file = output_dir.parent / "churn.npz"
    np.savez(data_file, x_train=np.zeros((8, 3), "float32"), y_train=np.zeros(8, "int64"))
    report = {
        "command": "run", "status": "repaired", "task": "binary", "profile": "default",
        "data_file": str(data_file),
        "detections": [FINDING.to_dict()],
        "original": {"val_accuracy": 0.55, "val_loss": 0.8},
        "repairs": [{"attempt": REPAIR, "outcome": "solved", "description": "clip gradients",
                     "val_accuracy": 0.9, "val_loss": 0.3, "epochs_run": 2}],
        "final": {"val_accuracy": 0.9, "val_loss": 0.3, "solutions": ["clip_gradients"]},
    }  # fmt: skip
    (output_dir / "report.json").write_text(json.dumps(report))
    (output_dir / "plots").mkdir(exist_ok=True)
    (output_dir / "plots" / "loss.png").write_bytes(b"\x89PNG\r\n")
    (output_dir / ".env").write_text("SECRET=1\n")  # the user's file: never uploaded
    sink.log_artifacts(output_dir, ["report.json", "plots/loss.png"])
    job.result = sink.end_job("FINISHED", report)
    return job
