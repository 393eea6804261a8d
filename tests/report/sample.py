"""A report.json document as the engine writes it: one detection, two repair attempts."""

from __future__ import annotations

import math
from typing import Any


def _epochs(n: int, start_loss: float, rate: float, acc0: float, acc1: float) -> list[dict]:
    return [
        {
            "loss": start_loss * math.exp(-rate * e),
            "accuracy": acc0 + (acc1 - acc0) * e / max(1, n - 1),
            "val_loss": start_loss * math.exp(-rate * e) * 1.05,
            "val_accuracy": acc0 + (acc1 - acc0) * e / max(1, n - 1) - 0.01,
        }
        for e in range(n)
    ]


def _checks(n: int, scale: float) -> list[dict]:
    return [
        {
            "epoch": e,
            "step": (e + 1) * 7 - 1,
            "grad_norm": {"dense": scale * 1e-6 * (e + 1), "dense_1": scale * 1e-3, "out": scale},
            "dead_fraction": {"dense": 0.0, "dense_1": 0.25},
        }
        for e in range(n)
    ]


def sample_report() -> dict[str, Any]:
    """A repaired job: vanishing gradient found in the original, fixed by the second attempt."""
    detection = {
        "problem": "vanishing_gradient",
        "epoch": 2,
        "step": 20,
        "layer": "dense",
        "evidence": {"grad_ratio": 3.2e-7, "first_kernel_grad_norm": 1.1e-9},
        "thresholds": {"grad_ratio_max": 1e-4},
        "reason": "the first layer's gradient is 3.2e-07 times the output layer's (< 1e-04).",
        "attempt": "original",
    }
    other = {
        "problem": "oscillating_loss",
        "epoch": 1,
        "step": 13,
        "layer": None,
        "evidence": {"sign_changes": 9.0},
        "thresholds": {"sign_changes_min": 6.0},
        "reason": "the loss changed direction 9 times in 12 steps (>= 6).",
    }
    repairs = [
        {
            "attempt": "repair-1-selu",
            "round": 1,
            "problem": "vanishing_gradient",
            "solution": "selu",
            "try": 0,
            "params": {"activation": "selu"},
            "description": "hidden activations -> selu",
            "solutions_applied": ["selu"],
            "outcome": "other_problem",
            "val_accuracy": 0.6,
            "val_loss": 0.66,
            "epochs_run": 2,
            "seconds": 1.2,
            "detections": [other],
        },
        {
            "attempt": "repair-2-batchnorm",
            "round": 1,
            "problem": "vanishing_gradient",
            "solution": "batchnorm",
            "try": 0,
            "params": {},
            "description": "BatchNormalization after each hidden Dense",
            "solutions_applied": ["batchnorm"],
            "outcome": "solved",
            "val_accuracy": 0.93,
            "val_loss": 0.21,
            "epochs_run": 4,
            "seconds": 2.1,
            "detections": [],
        },
    ]
    return {
        "schema_version": 1,
        "tool": {"name": "autotrainer", "version": "0.1.0"},
        "command": "run",
        "status": "repaired",
        "profile": "default",
        "task": "binary",
        "interrupted": False,
        "model_file": {"path": "/tmp/model.keras", "sha256": "ab" * 32},
        "data_file": "/tmp/data.npz",
        "output_dir": "/tmp/out",
        "detections": [detection],
        "original": {"val_accuracy": 0.5, "val_loss": 0.69, "epochs_run": 3, "seconds": 1.5},
        "repairs": repairs,
        "repair_stop_reason": "repaired",
        "final": {
            "attempt": "repair-2-batchnorm",
            "val_accuracy": 0.93,
            "val_loss": 0.21,
            "solutions": ["batchnorm"],
        },
        "timing": {"original_seconds": 1.5, "repair_seconds": 3.3, "total_seconds": 5.0},
        "warnings": ["tracking degraded: <script>alert(1)</script>"],
        "curves": {
            "original": {"epochs": _epochs(3, 0.69, 0.01, 0.5, 0.5), "checks": _checks(3, 1.0)},
            "repair-1-selu": {"epochs": _epochs(2, 0.69, 0.1, 0.5, 0.6), "checks": _checks(2, 2)},
            "repair-2-batchnorm": {
                "epochs": _epochs(4, 0.69, 0.4, 0.6, 0.93),
                "checks": _checks(4, 1e4),
            },
        },
        "mlflow": None,
    }
