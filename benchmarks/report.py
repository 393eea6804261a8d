"""RESULTS.md, summary.csv and plots from a (possibly partial) runs.csv.

    .venv/bin/python -m benchmarks.report [--csv benchmarks/results/runs.csv]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import math
import os
import platform
from collections import Counter
from pathlib import Path
from typing import Any

from benchmarks import metrics
from benchmarks.zoo import HEALTHY, LABELS, PROBLEMS, RECIPES, SLOTS, generate_zoo

VARIANT_NAMES = {
    "default": "default profile",
    "paper": "paper profile",
    "random": "default, random repair order",
}
SHORT = {
    "exploding_gradient": "EG",
    "vanishing_gradient": "VG",
    "dying_relu": "DR",
    "slow_convergence": "SC",
    "oscillating_loss": "OL",
    HEALTHY: "healthy",
}


def read_rows(csv_path: Path) -> list[dict[str, Any]]:
    if not csv_path.is_file():
        return []
    with csv_path.open(newline="") as handle:
        return list(csv.DictReader(handle))


def _pct(value: float) -> str:
    return "-" if math.isnan(value) else f"{100 * value:.1f} %"


def _num(value: float, digits: int = 2) -> str:
    return "-" if math.isnan(value) else f"{value:.{digits}f}"


def _table(header: list[str], body: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in body]
    return lines + [""]


def _machine() -> str:
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    try:
        import keras
        import tensorflow as tf

        versions = f"TF {tf.__version__}, Keras {keras.__version__}"
    except ImportError:  # pragma: no cover - the venv has both
        versions = "TF not importable"
    return (
        f"{platform.node()}: {platform.platform()}, {os.cpu_count()} CPU cores (load average "
        f"{load} when this report was written; see the notes for the load during the run), "
        "Python "
        f"{platform.python_version()}, {versions}, CPU only"
    )


def _overhead_rows(results_dir: Path) -> list[dict[str, str]]:
    path = results_dir / "overhead.csv"
    if not path.is_file():
        path = Path(__file__).parent / "results" / "overhead.csv"
    return read_rows(path)


def _cells(s: dict[str, Any], overhead: str) -> list[tuple[str, str]]:
    """The headline rows of one variant: (name, value)."""
    return [
        ("models scored (faulty / healthy)", f"{s['models']} ({s['faulty']} / {s['healthy']})"),
        ("detection recall (any problem)", _pct(s["recall"])),
        ("detection recall (exact problem)", _pct(s["exact"])),
        ("detection precision", _pct(s["precision"])),
        ("false alarms on healthy models",
         f"{s['false_alarms']} of {s['healthy']} ({_pct(s['false_alarm_rate'])})"),
        ("median detection latency (fraction of budget; epochs trained)",
         f"{_num(s['median_latency'])}; {_num(s['median_epoch'], 1)}"),
        ("repair rate (repaired / detected faulty)",
         f"{s['repaired']} / {s['detected']} ({_pct(s['repair_rate'])})"),
        ("repaired and improved >= 1 point / detected faulty",
         f"{s['improved']} ({_pct(s['improved_rate'])})"),
        ("val accuracy of detected faulty, before -> after",
         f"{_pct(s['acc_before'])} -> {_pct(s['acc_after'])}"),
        ("models made worse (of those changed)",
         f"{s['worse']} of {s['changed']} ({s['worse_1pt']} by > 1 point)"),
        ("time ratio, repaired models: whole job (median; mean) / training only (median)",
         f"{_num(s['time_ratio_repaired'])}; {_num(s['time_ratio_repaired_mean'])} / "
         f"{_num(s['train_ratio_repaired'])}"),
        ("CPU-time ratio (job / plain), repaired; healthy",
         f"{_num(s['cpu_ratio_repaired'])}; {_num(s['cpu_ratio_healthy'])}"),
        ("time ratio, healthy models: whole job / training only",
         f"{_num(s['time_ratio_healthy'])} / {_num(s['train_ratio_healthy'])}"),
        ("peak memory ratio (median); RSS growth job vs plain (MB)",
         f"{_num(s['memory_ratio'])}; {_num(s['memory_growth_mb'], 0)} vs "
         f"{_num(s['plain_growth_mb'], 0)}"),
        ("monitoring overhead (benchmarks/overhead.py, below)", overhead),
    ]  # fmt: skip


def _headline(summaries: dict[str, dict[str, Any]], overhead: str) -> list[str]:
    variants = list(summaries)
    columns = [_cells(summaries[v], overhead) for v in variants]
    body = [[name, *[column[i][1] for column in columns]] for i, (name, _) in
            enumerate(columns[0])] if columns else []  # fmt: skip
    return _table(["", *[VARIANT_NAMES.get(v, v) for v in variants]], body)


def _per_problem(rows: list[dict[str, Any]]) -> list[str]:
    body = []
    for problem, p in metrics.per_problem(rows).items():
        body.append([
            SHORT[problem], str(p["models"]), _pct(p["recall"]), _pct(p["exact"]),
            _pct(p["precision"]), _num(p["median_latency"]),
            f"{p['repaired']} ({_pct(p['repair_rate'])})",
            f"{_pct(p['acc_before'])} -> {_pct(p['acc_after'])}", str(p["worse"]),
        ])  # fmt: skip
    header = ["problem", "models", "recall", "exact", "precision (named)", "median latency",
              "repaired", "val acc before -> after", "worse"]  # fmt: skip
    return _table(header, body)


def _confusion(rows: list[dict[str, Any]]) -> list[str]:
    table = metrics.confusion(rows)
    columns = [*PROBLEMS, metrics.SETUP, "none"]
    body = [[SHORT[label], *[str(table[label][c]) for c in columns]] for label in table]
    return _table(["truth \\ first detection", *[SHORT.get(c, c) for c in columns]], body)


def _zoo_section(all_rows: list[dict[str, Any]], planned: int) -> list[str]:
    zoo = generate_zoo()
    counts = Counter((s.family, s.dataset, s.label) for s in zoo)
    header = ["family / dataset", *[SHORT[label] for label in LABELS]]
    body = [[f"{f} / {d}", *[str(counts[(f, d, label)]) for label in LABELS]] for f, d in SLOTS]
    lines = [f"{len(zoo)} models generated ({planned} planned for this run). Per slot:", ""]
    lines += _table(header, body)
    lines += ["Recipes (how each label is induced; they rotate over the slots):", ""]
    for label in LABELS:
        names = ", ".join(f"`{name}`" for name, _, _ in RECIPES[label])
        lines.append(f"- {SHORT[label]}: {names}")
    lines.append("")
    seen = {}
    for r in all_rows:
        seen.setdefault(r["model_id"], r)
    status = Counter((r["label"], r["truth_status"]) for r in seen.values())
    relabel = Counter(r["label"] for r in seen.values() if r["truth_status"] == "relabelled")
    body = [
        [SHORT[label], str(status[(label, "confirmed")]), str(relabel[label]),
         str(status[(label, "dropped")])]
        for label in LABELS
    ]  # fmt: skip
    lines += [
        f"Ground truth checked by plain training for the {len(seen)} models completed so far "
        "(`benchmarks/truth.py`: EG needs divergence, VG/DR/SC a stall near the constant "
        "baseline, OL a swinging validation curve, healthy at least 25 % below the baseline "
        "loss; a faulty candidate that trains well is relabelled healthy, other "
        "contradictions are dropped):",
        "",
    ]
    lines += _table(["label as built", "confirmed", "relabelled healthy", "dropped"], body)
    behaviours = Counter((r["label"], r["behaviour"]) for r in seen.values())
    kinds = ["diverged", "stalled", "oscillating", "trained", "poor"]
    body = [[SHORT[label], *[str(behaviours[(label, k)]) for k in kinds]] for label in LABELS]
    lines += ["Plain-training behaviour by label as built:", ""]
    lines += _table(["label as built", *kinds], body)
    return lines


def _plots(rows: list[dict[str, Any]], variants: list[str], out_dir: Path) -> list[str]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    colours = dict(zip(PROBLEMS, ["C3", "C0", "C2", "C1", "C4"], strict=True))
    fig, axes = plt.subplots(1, len(variants), figsize=(4.2 * len(variants), 4), squeeze=False)
    for ax, variant in zip(axes[0], variants, strict=True):
        mine = [
            r for r in metrics.scored(rows, variant)
            if r["truth"] in PROBLEMS and metrics.flag(r["detected"]) and r["task"] != "regression"
        ]  # fmt: skip
        for problem in PROBLEMS:
            pts = [(metrics.num(r["metric_before"]), metrics.num(r["metric_after"]))
                   for r in mine if r["truth"] == problem]  # fmt: skip
            pts = [(0.0 if math.isnan(b) else b, 0.0 if math.isnan(a) else a) for b, a in pts]
            if pts:
                ax.scatter(*zip(*pts, strict=True), s=14, alpha=0.7, c=colours[problem],
                           label=SHORT[problem])  # fmt: skip
        ax.plot([0, 1], [0, 1], "k--", lw=0.8)
        ax.set(xlim=(0, 1.02), ylim=(0, 1.02), xlabel="val accuracy, plain training",
               ylabel="val accuracy, after autotrainer",
               title=VARIANT_NAMES.get(variant, variant))  # fmt: skip
        ax.legend(fontsize=7, loc="lower right")
    fig.tight_layout()
    fig.savefig(out_dir / "accuracy_before_after.png", dpi=110)
    plt.close(fig)

    fig, ax = plt.subplots(figsize=(8, 4))
    data, labels = [], []
    for variant in variants:
        for problem in PROBLEMS:
            found = [metrics.num(r["latency"]) for r in metrics.scored(rows, variant)
                     if r["truth"] == problem and metrics.flag(r["detected"])]  # fmt: skip
            data.append([v for v in found if math.isfinite(v)] or [math.nan])
            labels.append(f"{variant[:3]} {SHORT[problem]}")
    ax.boxplot(data, tick_labels=labels)
    ax.axhline(0.1, color="C2", ls="--", lw=0.8, label="target: 10 % of the budget")
    ax.axhline(0.3, color="C3", ls=":", lw=0.8, label="paper judgment point (30 %)")
    ax.set(ylabel="first detection / epoch budget", ylim=(0, 1.05),
           title="Detection latency per true problem")  # fmt: skip
    ax.tick_params(axis="x", labelrotation=60, labelsize=7)
    ax.legend(fontsize=7)
    fig.tight_layout()
    fig.savefig(out_dir / "detection_latency.png", dpi=110)
    plt.close(fig)
    return ["accuracy_before_after.png", "detection_latency.png"]


def _targets(s: dict[str, Any], overhead: float) -> list[str]:
    checks = [
        ("recall >= 99 %", s["recall"] >= 0.99, _pct(s["recall"])),
        ("zero false alarms on healthy models", s["false_alarms"] == 0, str(s["false_alarms"])),
        ("median detection latency <= 10 % of the budget", s["median_latency"] <= 0.10,
         _num(s["median_latency"])),
        ("repair rate >= 97 %", s["repair_rate"] >= 0.97, _pct(s["repair_rate"])),
        ("no repaired model worse than its original", s["worse"] == 0, str(s["worse"])),
        ("time ratio for repaired models <= 1.5 (median)", s["time_ratio_repaired"] <= 1.5,
         _num(s["time_ratio_repaired"])),
        ("monitoring overhead <= 1.03", overhead <= 1.03, _num(overhead, 3)),
    ]  # fmt: skip
    body = [[name, "met" if ok else "**not met**", value] for name, ok, value in checks]
    if overhead < 0.98:  # monitored faster than plain: the measurement is noise, not a result
        body[-1][1] = "**inconclusive** (ratio < 1: timing noise on this loaded machine)"
    return _table(["target (default profile)", "", "measured"], body)


KEPT_BEFORE = "## Targets (default profile)"
"""Hand-written sections of an existing report go back in before this generated one."""


def _sections(text: str) -> list[tuple[str, str]]:
    """(heading, text) of each `## ` section of a markdown file, in order."""
    parts: list[tuple[str, list[str]]] = []
    for line in text.splitlines():
        if line.startswith("## "):
            parts.append((line.strip(), [line]))
        elif parts:
            parts[-1][1].append(line)
    return [(heading, "\n".join(body).strip()) for heading, body in parts]


def _with_kept(lines: list[str], target: Path) -> str:
    """The new report (`lines`) with what a regeneration must not lose from the old one:
    its hand-written sections (every `## ` section this report does not write itself, e.g.
    a session's measurements; back in before the targets) and the second zoo's section
    between its markers (`benchmarks.real.results`; back at the end)."""
    from benchmarks.real.results import BEGIN, END

    text = "\n".join(lines)
    old = target.read_text(encoding="utf-8") if target.is_file() else ""
    zoo = ""
    if BEGIN in old and END in old:
        head, rest = old.split(BEGIN, 1)
        zoo_body, tail = rest.split(END, 1)
        zoo, old = BEGIN + zoo_body + END, head + tail
    written = {line.strip() for line in lines if line.startswith("## ")}
    kept = [body for heading, body in _sections(old) if heading not in written]
    if kept:
        at = text.find(KEPT_BEFORE)
        block = "\n\n".join(kept) + "\n\n"
        text = text[:at] + block + text[at:] if at >= 0 else text.rstrip("\n") + "\n\n" + block
    return text.rstrip("\n") + "\n\n" + zoo + "\n" if zoo else text


def write_report(csv_path: Path, target: Path, out_dir: Path, *, command: str,
                 planned: int, notes: Path | None = None) -> None:  # fmt: skip
    """Write `target` (markdown), summary.csv and the plots into `out_dir`.

    `notes`: a markdown file (hand-written reading of the figures) included before the zoo.
    An existing `target`'s hand-written sections and second-zoo section are kept
    (`_with_kept`): regenerating the report replaces only what it writes.
    """
    rows = read_rows(csv_path)
    out_dir.mkdir(parents=True, exist_ok=True)
    variants = [v for v in VARIANT_NAMES if any(r["variant"] == v for r in rows)]
    models_done = len({r["model_id"] for r in rows})
    commits = sorted({r.get("commit", "") for r in rows} - {""})
    errors = [r for r in rows if r.get("error")]
    overhead_rows = _overhead_rows(out_dir)
    default_mode = "auto" if any(r["stats_every_steps"] == "auto" for r in overhead_rows) else "1"
    wall = [metrics.num(r["wall_ratio"]) for r in overhead_rows
            if r["stats_every_steps"] == default_mode]  # fmt: skip
    overhead = max(wall) if wall else math.nan
    overhead_text = (f"{_num(overhead, 3)} (worst wall ratio, default settings)" if wall
                     else "not measured")  # fmt: skip
    overhead_table = _table(
        ["overhead.py case", "monitor", "stats every N steps", "N used", "plain s/epoch",
         "monitored s/epoch", "wall ratio", "CPU ratio", "wall ratio (fastest)",
         "CPU ratio (fastest)", "load average"],
        [[r["model"], r.get("monitor", "wrapped"), r["stats_every_steps"],
          r.get("stride_used", ""), r["plain_epoch_s"], r["monitored_epoch_s"],
          r["wall_ratio"], r["cpu_ratio"], r.get("wall_ratio_min", ""),
          r.get("cpu_ratio_min", ""),
          f"{r.get('load_avg_start', '?')} -> {r.get('load_avg_end', '?')}"]
         for r in overhead_rows],
    )  # fmt: skip
    summaries = {v: metrics.summary(metrics.scored(rows, v)) for v in variants}
    rel = os.path.relpath(out_dir, target.parent)
    lines = [
        "# Detection and repair benchmark (the AutoTrainer paper's method)",
        "",
        f"Generated {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC by `{command}` "
        "(`make bench`; `make bench-quick` for the 6-model subset) at commit(s) "
        f"{', '.join(commits) or 'n/a'} of this repository.",
        "",
        f"**Completed: {models_done} of {planned} planned models** "
        f"({len(rows)} model x variant rows, {len(errors)} with errors)."
        + (" The run was cut off or is still going: figures cover the completed models only."
           if models_done < planned else ""),
        "",
        f"Machine: {_machine()}. Wall-time ratios: both runs of a pair ran in the same worker "
        "process, one after the other, next to the other worker.",
        "",
        "Method: each model is built with its seed and its initial weights kept; (a) plain "
        "`model.fit`, (b) autotrainer (`engine.runner.execute`, repair mode, tracking "
        "off) with the default profile, (c) with the paper profile, (d) with the default "
        "profile and `repair.order=random` (every operator once, seeded random order: the "
        "random-repair baseline). All from the same initial weights, seed, epochs and batch "
        "size. A faulty model counts as detected when any problem is reported; a healthy "
        "model with a detection is a false alarm. Repair rate = status `repaired` / detected "
        "faulty. Before/after = plain training's final validation accuracy (regression: loss) "
        "vs the job's final model's. Time ratio = job wall time (including writing its "
        "report and plots) / plain fit wall time.",
        "",
        "## Headline",
        "",
        *_headline(summaries, overhead_text),
    ]
    common = set.intersection(
        *[{r["model_id"] for r in metrics.scored(rows, v)} for v in variants]
    ) if len(variants) > 1 else set()  # fmt: skip
    if common:
        same = {v: metrics.summary([r for r in metrics.scored(rows, v) if r["model_id"] in common])
                for v in variants}  # fmt: skip
        lines += [
            f"### Like for like: the {len(common)} models run with every variant",
            "",
            "The baselines run on every third model of the seeded shuffled zoo order (all "
            "models with `--all-variants`), so these are a representative sample of the zoo.",
            "",
            *_headline(same, overhead_text),
        ]
    devices = sorted({r.get("device", "") for r in overhead_rows} - {""})
    lines += ["Monitoring overhead (`python -m benchmarks.overhead`, results/overhead.csv, on "
              f"{', '.join(devices) or 'an unrecorded device'}; stats every N steps `auto` is "
              "the default: N chosen from the measured step time within "
              "`monitor.stats_time_budget`):", "",
              *overhead_table, ""]  # fmt: skip
    scaling = Path(__file__).parent / "results" / "scaling.md"  # benchmarks.scaling
    if scaling.is_file():
        image = f"]({os.path.relpath(scaling.parent, target.parent)}/scaling.png)"
        lines += [scaling.read_text().strip().replace("](scaling.png)", image), ""]
    if "default" in summaries:
        lines += ["## Targets (default profile)", "", *_targets(summaries["default"], overhead)]
    for variant in variants:
        scored_rows = metrics.scored(rows, variant)
        lines += [f"## Per problem: {VARIANT_NAMES[variant]}", "", *_per_problem(scored_rows)]
        lines += [f"Confusion ({VARIANT_NAMES[variant]}):", "", *_confusion(scored_rows)]
    if notes is not None and notes.is_file():
        lines += [notes.read_text().strip(), ""]
    setup_bugs = Path(__file__).parent / "results" / "setup_bugs.md"  # benchmarks.setup_bugs
    if setup_bugs.is_file():
        lines += [setup_bugs.read_text().strip(), ""]
    lines += ["## The zoo", "", *_zoo_section(rows, planned)]
    if rows:
        names = _plots(rows, variants, out_dir)
        lines += ["## Plots", ""] + [f"![{n}]({rel}/{n})" for n in names] + [""]
    if errors:
        lines += ["## Errors", ""]
        lines += [f"- {r['model_id']} / {r['variant']}: {r['error'][:200]}" for r in errors[:20]]
        lines.append("")
    lines += [
        "## Files",
        "",
        f"- `{rel}/runs.csv`: one row per model x variant (everything above is computed "
        "from it by `benchmarks/report.py`).",
        f"- `{rel}/summary.csv`: the headline figures per variant.",
        "- `benchmarks/results/overhead.csv`: `python -m benchmarks.overhead`.",
        "- `benchmarks/results/scaling.csv`, `scaling.md`, `scaling.png`: "
        "`python -m benchmarks.scaling`.",
        "",
    ]
    target.write_text(_with_kept(lines, target))
    if summaries:
        with (out_dir / "summary.csv").open("w", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=["variant", *next(iter(summaries.values()))])
            writer.writeheader()
            for variant, s in summaries.items():
                writer.writerow({"variant": variant, **{k: v if not isinstance(v, float) else
                                 round(v, 4) for k, v in s.items()}})  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    root = Path(__file__).parent
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--csv", type=Path, default=root / "results" / "runs.csv")
    parser.add_argument("--output", type=Path, default=root / "RESULTS.md")
    parser.add_argument("--planned", type=int, default=len(generate_zoo()))
    args = parser.parse_args(argv)
    write_report(args.csv, args.output, args.csv.parent, command="python -m benchmarks.run",
                 planned=args.planned, notes=root / "NOTES.md")  # fmt: skip
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
