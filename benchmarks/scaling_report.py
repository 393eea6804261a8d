"""scaling.csv, scaling.md and scaling.png from the rows `benchmarks.scaling` measured."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

AXES = {"params": "parameters", "steps": "steps_per_epoch", "layers": "layers"}

GROWTH = """\
What grows with what (by design; the table above measures it):

- **Per step, always**: nothing on the device: a step that is not sampled is Keras' own
  train step; the host compares a step counter, keeps a reference to the running-mean loss
  tensor the step returns anyway (decoded into per-step losses at the check) and reads a
  clock (no batch-end hook, so Keras keeps dispatching batch-end callbacks asynchronously);
  `Watch` only appends the batch-log loss Keras already converts.
- **Per sampled step**: three reductions per trainable variable over its gradient (squared
  norm, zero count, size): time O(parameters) memory traffic + O(variables) op dispatch, no
  extra memory. The stride N is chosen from the measured step time so that this costs at
  most `monitor.stats_time_budget` (2 %) of a step: a step costs O(parameters x batch), the
  statistics O(parameters), so N falls towards 1 as models grow and rises on small models
  with fast steps, where op dispatch dominates.
- **Memory, fixed bounds**: the loss ring holds min(steps per epoch + 1, 65,536) scalar
  tensors and the gradient ring min(steps per epoch + 1, 256) rows x 3 x variables floats
  (`monitor.loss_max_rows`, `monitor.stats_max_rows`): neither grows with steps per epoch
  past its bound. Of the previous check's weights at most 65,536 entries per variable are
  kept (the whole variable below that, a systematic sample above: `measure/weight_sums.py`),
  not a copy of the model. Every reduction of a gradient or a weight runs slice by slice
  (2^18 entries, `measure/chunked.py`): temporaries O(1), not O(parameters).
- **Per check** (once per epoch by default): the weights' norms (exact) and changes (exact
  up to 65,536 entries per variable, estimated from the sample above) are reduced on the
  device; the dead-unit and activation probes run the 256-sample probe batch in chunks of
  rows holding at most 2^21 layer-output entries at once (`measure/row_chunks.py`; a model
  with BatchNormalization, probed in training mode, takes its batch whole); `Watch` adds the
  probe gradients (forward and backward on those 256 samples: one set of gradients,
  O(parameters), as a training step has).
- **Host, whole training**: the step-loss history (one float per step) and one small record
  per check.
"""


def _table(rows: list[dict[str, object]]) -> list[str]:
    head = ["varied", "parameters", "layers", "steps/epoch", "monitor", "stride",
            "plain s/epoch", "wall ratio", "CPU ratio", "plain peak RSS MB",
            "peak RSS ratio", "extra RSS MB"]  # fmt: skip
    keys = ["axis", "params", "layers", "steps_per_epoch", "monitor", "stride",
            "plain_epoch_s", "wall_ratio", "cpu_ratio", "plain_peak_rss_mb",
            "peak_rss_ratio", "extra_rss_mb"]  # fmt: skip
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(str(r[k]) for k in keys) + " |" for r in rows]
    return lines


def _plot(rows: list[dict[str, object]], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(2, 3, figsize=(13, 7), sharey="row")
    for col, (axis, label) in enumerate(AXES.items()):
        key = {"params": "params", "steps": "steps_per_epoch", "layers": "layers"}[axis]
        for monitor, color in (("wrapped", "tab:blue"), ("watch", "tab:orange")):
            points = sorted(
                (float(r[key]), r) for r in rows if r["axis"] == axis and r["monitor"] == monitor
            )
            xs = [p[0] for p in points]
            axes[0][col].plot(xs, [float(p[1]["wall_ratio"]) for p in points], "o-",
                              color=color, label=f"{monitor} wall")  # fmt: skip
            axes[0][col].plot(xs, [float(p[1]["cpu_ratio"]) for p in points], "s--",
                              color=color, label=f"{monitor} CPU")  # fmt: skip
            axes[1][col].plot(xs, [float(p[1]["extra_rss_mb"]) for p in points], "o-",
                              color=color, label=monitor)  # fmt: skip
        for row in (0, 1):
            axes[row][col].set_xscale("log")
            axes[row][col].grid(alpha=0.3)
        axes[0][col].axhline(1.03, color="grey", lw=0.8, ls=":")
        axes[1][col].set_xlabel(label)
    axes[0][0].set_ylabel("monitored / plain time per epoch")
    axes[1][0].set_ylabel("extra peak RSS (MB)")
    axes[0][0].legend(fontsize=8)
    fig.suptitle("Monitoring overhead and memory against model size, steps, layers")
    fig.tight_layout()
    fig.savefig(path, dpi=90)
    plt.close(fig)


def write_outputs(
    rows: list[dict[str, object]],
    out: Path,
    *,
    device: str,
    minutes: float,
    load: tuple[float, float],
    name: str = "scaling",
) -> None:
    """Write `name`.csv, `name`.png and `name`.md into `out`."""
    out.mkdir(parents=True, exist_ok=True)
    with (out / f"{name}.csv").open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    _plot(rows, out / f"{name}.png")
    worst = max(rows, key=lambda r: float(r["wall_ratio"]))
    lines = [
        "## Scaling: monitoring cost against model size, steps per epoch and layers",
        "",
        f"Measured {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC by `python -m "
        f"benchmarks.scaling` in {minutes:.1f} minutes on **{device}** (the device "
        f"TensorFlow chose), load average {load[0]:.1f} at the start and {load[1]:.1f} at the "
        "end. Each case and mode (plain, wrapped, Watch) ran in its own process; peak RSS is "
        "that process's high-water mark (TensorFlow's start-up included); times are the "
        "median epoch after a traced one, CPU the process's CPU time per timed epoch. MLPs "
        "of Dense ReLU layers; wrapped: default settings.",
        "",
        *_table(rows),
        "",
        f"Worst wall ratio: {worst['wall_ratio']} ({worst['monitor']}, {worst['params']} "
        f"parameters, {worst['layers']} layers, {worst['steps_per_epoch']} steps/epoch).",
        "",
        f"![scaling]({name}.png)",
        "",
        GROWTH,
    ]
    (out / f"{name}.md").write_text("\n".join(lines))
