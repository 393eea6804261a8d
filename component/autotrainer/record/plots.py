"""Plots of a job from its report: curves with the detection point, per-layer gradient norms."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

CURVES_PNG = "curves.png"
GRADIENTS_PNG = "gradient_norms.png"


def _detection_epochs(report: dict[str, Any], attempt: str) -> list[int]:
    if attempt == "original":
        return [d["epoch"] for d in report.get("detections", [])]
    for repair in report.get("repairs", []):
        if repair["attempt"] == attempt:
            return [d["epoch"] for d in repair.get("detections", [])]
    return []


def _curves_figure(report: dict[str, Any], path: Path) -> None:
    curves = report.get("curves", {})
    metric = "val_accuracy" if report.get("task") != "regression" else "val_loss"
    fig, axes = plt.subplots(1, 2, figsize=(11, 4))
    for name, data in curves.items():
        epochs = data.get("epochs", [])
        xs = list(range(1, len(epochs) + 1))
        style = "-" if name == "original" else "--"
        axes[0].plot(xs, [e.get("loss") for e in epochs], style, label=name)
        axes[1].plot(xs, [e.get(metric) for e in epochs], style, label=name)
        for epoch in _detection_epochs(report, name):
            for ax in axes:
                ax.axvline(epoch + 1, color="red", alpha=0.4, linestyle=":")
    axes[0].set(title="training loss", xlabel="epoch", yscale="log")
    axes[1].set(title=metric, xlabel="epoch")
    axes[1].legend(fontsize=7)
    fig.suptitle("red dotted lines: detection points")
    fig.tight_layout()
    fig.savefig(path, dpi=90)
    plt.close(fig)


def _gradients_figure(report: dict[str, Any], path: Path) -> None:
    checks = report.get("curves", {}).get("original", {}).get("checks", [])
    fig, ax = plt.subplots(figsize=(7, 4))
    layers = list(checks[0]["grad_norm"]) if checks else []
    for layer in layers:
        ax.plot(
            [c["step"] for c in checks], [c["grad_norm"].get(layer) for c in checks], label=layer
        )
    ax.set(title="per-layer gradient L2 norm (original training)", xlabel="step", yscale="log")
    if layers:
        ax.legend(fontsize=7)
    fig.tight_layout()
    fig.savefig(path, dpi=90)
    plt.close(fig)


def write_plots(out: Path, report: dict[str, Any]) -> list[str]:
    """Write the plots into `out`; return their file names."""
    if not report.get("curves"):
        return []
    _curves_figure(report, out / CURVES_PNG)
    _gradients_figure(report, out / GRADIENTS_PNG)
    return [CURVES_PNG, GRADIENTS_PNG]
