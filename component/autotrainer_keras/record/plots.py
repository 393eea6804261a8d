"""Plots of a job from its report: curves with the detection point, per-layer gradient norms.

The figures are built from the report's `curves` alone, so the PNG files next to report.json
and the images embedded in report.html (record/html_report.py) are the same pictures.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import matplotlib
import numpy as np

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.ticker import LogFormatter, MaxNLocator, NullLocator  # noqa: E402

CURVES_PNG = "curves.png"
GRADIENTS_PNG = "gradient_norms.png"
DPI = 90
LOG_SPAN = 20.0


def detections_of(report: dict[str, Any], attempt: str) -> list[dict[str, Any]]:
    """The detections made during one attempt ("original" or a repair attempt's name)."""
    if attempt == "original":
        return [d for d in report.get("detections", []) if d.get("attempt", "original") == attempt]
    for repair in report.get("repairs", []):
        if repair["attempt"] == attempt:
            return list(repair.get("detections", []))
    return []


def final_attempt(report: dict[str, Any]) -> str | None:
    """The name of the attempt whose model is the job's result, if there is one."""
    final = report.get("final") or {}
    return final.get("attempt")


def _label_line(ax: Any, x: float, problem: str) -> None:
    """Name the problem next to its detection line, near the top of the axes."""
    ax.annotate(
        problem.replace("_", " "),
        (x, 1.0),
        xycoords=("data", "axes fraction"),
        xytext=(2, -10),
        textcoords="offset points",
        color="red",
        fontsize=7,
    )


def _scale(values: list[Any]) -> str:
    """Log scale when the positive finite values span more than LOG_SPAN (a run of NaN/Inf
    has none; a narrow range reads better on a linear axis)."""
    numbers = np.asarray([v for v in values if v is not None], dtype=float)
    positive = numbers[np.isfinite(numbers) & (numbers > 0)]
    return "log" if positive.size and positive.max() > LOG_SPAN * positive.min() else "linear"


def _fixed_layout(fig: Figure) -> None:
    """Fixed margins that fit these figures' titles and tick labels: `tight_layout` measures
    every text's extent and took most of the plotting time (seconds per job). Log axes get
    no minor ticks and plain labels ("1e-02"): their tick lines and mathtext labels ("10^-2",
    parsed by pyparsing) were a third of the rest (0.30 -> 0.19 s for a job's two plots)."""
    for ax in fig.axes:
        if ax.yaxis.get_scale() == "log":
            ax.yaxis.set_minor_locator(NullLocator())
            ax.yaxis.set_major_formatter(LogFormatter())
    fig.subplots_adjust(left=0.07, right=0.98, bottom=0.13, top=0.84, wspace=0.18)


def curves_figure(report: dict[str, Any]) -> Figure:
    """Training loss and the validation metric of every attempt; detections as red lines."""
    curves = report.get("curves", {})
    metric = "val_accuracy" if report.get("task") != "regression" else "val_loss"
    chosen = final_attempt(report)
    fig, axes = plt.subplots(1, 2, figsize=(11, 4))
    for name, data in curves.items():
        epochs = data.get("epochs", [])
        xs = list(range(1, len(epochs) + 1))
        style = "-" if name == "original" else "--"
        width = 2.5 if name == chosen and name != "original" else 1.2
        label = f"{name} (final)" if name == chosen and name != "original" else name
        for ax, key in ((axes[0], "loss"), (axes[1], metric)):
            ax.plot(xs, [e.get(key) for e in epochs], style, marker=".", lw=width, label=label)
        for detection in detections_of(report, name):
            for ax in axes:
                ax.axvline(detection["epoch"] + 1, color="red", alpha=0.5, linestyle=":")
            _label_line(axes[0], detection["epoch"] + 1, detection["problem"])
    axes[0].set(
        title="training loss",
        xlabel="epoch",
        yscale=_scale([e.get("loss") for data in curves.values() for e in data.get("epochs", [])]),
    )
    axes[1].set(title=metric, xlabel="epoch")
    for ax in axes:
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    axes[1].legend(fontsize=7)
    fig.suptitle("red dotted lines: detection points (epoch of the check)")
    _fixed_layout(fig)
    return fig


def gradient_attempts(report: dict[str, Any]) -> list[str]:
    """The attempts whose gradient norms are shown: the original, and the final model's."""
    chosen = final_attempt(report)
    extra = [chosen] if chosen and chosen != "original" and chosen in report["curves"] else []
    return ["original", *extra]


def gradients_figure(report: dict[str, Any], attempts: list[str] | None = None) -> Figure:
    """Per-layer gradient L2 norms by step, one panel per attempt on a shared y axis (before
    and after repair); each attempt's detections as red lines."""
    attempts = attempts or gradient_attempts(report)
    curves = report.get("curves", {})
    checks_of = {name: curves.get(name, {}).get("checks", []) for name in attempts}
    every = [v for checks in checks_of.values() for c in checks for v in c["grad_norm"].values()]
    fig, axes = plt.subplots(
        1, len(attempts), figsize=(5.5 * len(attempts) + 1.5, 4), sharey=True, squeeze=False
    )
    for index, (ax, name) in enumerate(zip(axes[0], attempts, strict=True)):
        checks = checks_of[name]
        for layer in list(checks[0]["grad_norm"]) if checks else []:
            ax.plot(
                [c["step"] for c in checks],
                [c["grad_norm"].get(layer) for c in checks],
                marker=".",
                label=layer,
            )
        for detection in detections_of(report, name):
            ax.axvline(detection["step"], color="red", alpha=0.6, linestyle=":")
            _label_line(ax, detection["step"], detection["problem"])
        when = "before repair" if name == "original" else "after repair"
        ax.set(title=f"{name} ({when})" if len(attempts) > 1 else name, xlabel="step")
        ax.set_yscale(_scale(every))
        if index == 0 and checks:
            ax.legend(fontsize=7)
    fig.suptitle("per-layer gradient L2 norm; red dotted lines: detection steps")
    _fixed_layout(fig)
    return fig


def png_bytes(fig: Figure) -> bytes:
    """Render a figure as PNG and close it."""
    buffer = io.BytesIO()
    try:
        fig.savefig(buffer, format="png", dpi=DPI)
    finally:
        plt.close(fig)
    return buffer.getvalue()


def render_plots(report: dict[str, Any]) -> dict[str, bytes]:
    """Both plots as PNG bytes by file name (empty without curves); render once, then write
    them and embed them in report.html."""
    if not report.get("curves"):
        return {}
    return {
        CURVES_PNG: png_bytes(curves_figure(report)),
        GRADIENTS_PNG: png_bytes(gradients_figure(report)),
    }


def write_plots(
    out: Path, report: dict[str, Any], images: dict[str, bytes] | None = None
) -> list[str]:
    """Write the plots (rendered now unless `images` from `render_plots` is given) into
    `out`; return their file names."""
    images = render_plots(report) if images is None else images
    for name, png in images.items():
        (out / name).write_bytes(png)
    return list(images)
