"""The second zoo's section of benchmarks/RESULTS.md, generated from its CSVs.

    python -m benchmarks.real.results          # replay both halves, rewrite the section

The section sits between two markers in RESULTS.md and is replaced whole. It holds the labels
per half (variants and runs per label, disagreements), then the detectors replayed on the
recorded runs (`replay.py`), the test half first: the rules were tuned on the dev half only.
"""

from __future__ import annotations

import csv
import statistics
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np

from benchmarks.real.label import summary
from benchmarks.real.replay import FIVE, SPLIT, replay, score, table, write
from benchmarks.real.runner import CURVES, OUT

RESULTS = Path(__file__).parents[1] / "RESULTS.md"
BEGIN, END = "<!-- second-zoo:begin -->", "<!-- second-zoo:end -->"


def label_table(labels_csv: Path) -> str:
    """Markdown: per half, variants (runs) per label, and the variants left out of scoring."""
    with SPLIT.open(newline="") as handle:
        halves = {r["variant_id"]: r["half"] for r in csv.DictReader(handle)}
    with labels_csv.open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    columns = ["healthy", *FIVE, "left out"]
    lines = ["| half | " + " | ".join(columns) + " |", "|" + "---|" * (len(columns) + 1)]
    for half in ("dev", "test"):
        variants: Counter[str] = Counter()
        runs: Counter[str] = Counter()
        for row in rows:
            if halves.get(row["variant_id"]) != half:
                continue
            key = row["label"] if row["status"] == "agree" else "left out"
            variants[key] += 1
            runs[key] += int(row["seeds"] or 0)
        cells = [f"{variants[c]} ({runs[c]})" for c in columns]
        lines.append(f"| {half} | " + " | ".join(cells) + " |")
    reasons = Counter(r["status"] for r in rows if r["status"] != "agree")
    return (
        "\n".join(lines)
        + "\n\nVariants (runs). Left out of scoring: "
        + (", ".join(f"{n} {status}" for status, n in sorted(reasons.items())) or "none")
        + " (symptom and mechanism name no single problem, or no majority over the seeds).\n"
    )


def misjudged(rows: list[dict[str, Any]], half: str, profile: str = "default") -> str:
    """Markdown list: the healthy runs flagged and the faulty runs missed or misnamed."""
    mine = [r for r in rows if r["half"] == half and r["profile"] == profile
            and not r["watch_error"]]  # fmt: skip
    alarms = [f"{r['run_id']} ({r['detected_problem']}, epoch {r['detection_epoch']})"
              for r in mine if r["label"] == "healthy" and r["detected"]]  # fmt: skip
    missed = [r["run_id"] + f" ({r['label']})" for r in mine
              if r["label"] != "healthy" and not r["detected"]]  # fmt: skip
    wrong = [f"{r['run_id']} ({r['label']} named {r['detected_problem']})" for r in mine
             if r["label"] != "healthy" and r["detected"]
             and r["detected_problem"] != r["label"]]  # fmt: skip
    return (
        f"`{profile}` on the {half} half. False alarms: {'; '.join(alarms) or 'none'}.\n"
        f"Missed: {'; '.join(missed) or 'none'}.\n"
        f"Named otherwise: {'; '.join(wrong) or 'none'}.\n"
    )


def _worse(row: dict[str, str]) -> bool:
    """The job ended below the original on the metric it judges by: validation accuracy
    when the task has one, else validation loss."""
    for key, sign in (("val_accuracy", -1.0), ("val_loss", 1.0)):
        before, after = row[f"original_{key}"], row[f"final_{key}"]
        if before and after:
            return sign * (float(after) - float(before)) > 0
    return False


PLAIN_MARGIN = 0.01
"""How far below plain training a job's final model must end to count as worse than it (one
point of accuracy; for a loss, 1 % of the plain run's)."""


def _plain_finals() -> dict[str, dict[str, str]]:
    """Final validation accuracy and loss of each labelled plain run, by run id."""
    path = OUT / "plain_runs.csv"
    if not path.is_file():
        return {}
    with path.open(newline="") as handle:
        return {r["run_id"]: r for r in csv.DictReader(handle)}


def _below_plain(row: dict[str, str], plain: dict[str, dict[str, str]]) -> bool:
    """The job's final model ended below plain `model.fit` of the same run for its full
    budget (the labelling's plain run) by more than `PLAIN_MARGIN`."""
    base = plain.get(row["run_id"])
    if base is None:
        return False
    losses = row["final_val_loss"], base["final_val_loss"]
    if all(losses) and abs(float(losses[0]) - float(losses[1])) <= 1e-5 * abs(float(losses[1])):
        return False  # the same model: the plain run's accuracy is sample-weighted (mlp_weighted)
    after, before = row["final_val_accuracy"], base["final_val_accuracy"]
    if after and before:
        return float(after) < float(before) - PLAIN_MARGIN
    after, before = row["final_val_loss"], base["final_val_loss"]
    if after and before:
        return float(after) > float(before) + PLAIN_MARGIN * abs(float(before))
    return False


CAUSE_OF: dict[str, set[str]] = {
    "unscaled_input": {"missing_normalisation"},
    "small_budget": {"batch_size"},
    "learning_rate_out_of_range": {"learning_rate"},
    "output_loss_mismatch": {"loss"},
    "improper_output": {"loss"},
    "linear_stack": {"activation"},
    "high_dropout": {"regularisation"},
}
"""The fault categories (labels.csv `category`, the recipe's kind of fault) a set-up finding
names as their cause: for them a set-up finding is the fault named, not a wrong problem."""


def _categories() -> dict[str, str]:
    with (OUT / "labels.csv").open(newline="") as handle:
        return {r["variant_id"]: r["category"] for r in csv.DictReader(handle)}


def _fault_named(row: dict[str, str], categories: dict[str, str]) -> bool:
    """The labelled problem first, or a set-up finding naming the recipe's fault as the cause."""
    if row["detected_problem"] == row["label"]:
        return True
    return categories.get(row["variant_id"], "") in CAUSE_OF.get(row["detected_problem"], set())


def bench_table(paths: list[Path]) -> str:
    """Markdown: the wrapped job (`--bench ... --repair`) per CSV and profile."""
    head = ("| run (commit) | profile | healthy: false alarms | faulty: detected | exact | "
            "exact or cause | repaired | faulty: mean final accuracy | made worse | "
            "below plain fit | median job s | job / plain time, repaired; healthy |")  # fmt: skip
    plain, categories = _plain_finals(), _categories()
    lines = [head, "|" + "---|" * (head.count("|") - 1)]
    for path in paths:
        with path.open(newline="") as handle:
            rows = [r for r in csv.DictReader(handle) if not r["error"]]
        stem = path.stem.removeprefix("bench-test").removeprefix("bench-dev")
        tag = stem.strip("-") or "latest"
        for profile in sorted({r["harness_variant"] for r in rows}):
            mine = [r for r in rows if r["harness_variant"] == profile]
            healthy = [r for r in mine if r["label"] == "healthy"]
            faulty = [r for r in mine if r["label"] != "healthy"]
            worse = [r for r in faulty if _worse(r)]
            below = [r["run_id"] for r in mine if _below_plain(r, plain)]
            seconds = sorted(float(r["job_seconds"]) for r in mine if r["job_seconds"])
            lines.append(
                f"| {tag} | {profile} | {sum(r['detected'] == '1' for r in healthy)}/"
                f"{len(healthy)} | {sum(r['detected'] == '1' for r in faulty)}/{len(faulty)} | "
                f"{sum(r['detected_problem'] == r['label'] for r in faulty)}/{len(faulty)} | "
                f"{sum(_fault_named(r, categories) for r in faulty)}/{len(faulty)} | "
                f"{sum(r['status'] == 'repaired' for r in faulty)}/{len(faulty)} | "
                f"{_mean_accuracy(faulty)} | "
                f"{len(worse)} | {len(below)}{' (' + ', '.join(below) + ')' if below else ''} | "
                f"{seconds[len(seconds) // 2] if seconds else ''} | "
                f"{_ratio([r for r in faulty if r['status'] == 'repaired'])}; "
                f"{_ratio(healthy)} |"
            )
    return "\n".join(lines) + "\n"


CONFUSION_RUNS = {"test": "bench-test-s18c.csv", "dev": "bench-dev-s18.csv"}
"""The wrapped-job runs (seed 11, with repairs) whose confusion tables the section shows."""
SHORT = {"exploding_gradient": "EG", "vanishing_gradient": "VG", "dying_relu": "DR",
         "oscillating_loss": "OL", "slow_convergence": "SC"}  # fmt: skip


def confusion(rows: list[dict[str, Any]]) -> str:
    """Markdown: runs per labelled problem (rows) and first finding (columns: the five
    problems, any set-up problem, none). A withdrawn suspicion is no finding."""
    columns = [*FIVE, "set-up", "none"]
    counts: Counter[tuple[str, str]] = Counter()
    for row in rows:
        found = row["detected_problem"] if str(row["detected"]) == "1" else ""
        column = found if found in FIVE else ("set-up" if found else "none")
        counts[(row["label"], column)] += 1
    head = "| label / first finding | " + " | ".join(SHORT.get(c, c) for c in columns) + " |"
    lines = [head, "|" + "---|" * (len(columns) + 1)]
    for label in ("healthy", *FIVE):
        if any(counts[(label, c)] for c in columns):
            cells = [str(counts[(label, c)] or ".") for c in columns]
            lines.append(f"| {SHORT.get(label, label)} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def confusion_tables(replayed: list[dict[str, Any]], half: str) -> str:
    """The replay's confusion (default profile, every seed) and the wrapped job's
    (`CONFUSION_RUNS`, default profile) on one half."""
    mine = [r for r in replayed if r["half"] == half and r["profile"] == "default"
            and not r["watch_error"]]  # fmt: skip
    parts = [f"Confusion, `default`, {half} half, replayed (every seed):", "", confusion(mine)]
    path = OUT / CONFUSION_RUNS[half]
    if path.is_file():
        with path.open(newline="") as handle:
            job = [r for r in csv.DictReader(handle)
                   if not r["error"] and r["harness_variant"] == "default"]  # fmt: skip
        parts += [f"Confusion, `default`, {half} half, the wrapped job with repairs "
                  f"(`{path.name}`, seed 11; set-up: a pre-flight or runtime set-up finding "
                  "first):", "", confusion(job)]  # fmt: skip
    return "\n".join(parts)


def latency_table(paths: list[Path]) -> str:
    """Markdown: detection and its latency of the wrapped job, per CSV and profile (detect-only
    runs, `--bench ...` without `--repair`; the findings are the job's own on the original)."""
    head = ("| run (commit) | profile | healthy: false alarms | faulty: detected | exact or "
            "cause | median latency (share of the budget's steps) | before training | within "
            "the first epoch |")  # fmt: skip
    categories = _categories()
    lines = [head, "|" + "---|" * (head.count("|") - 1)]
    for path in paths:
        with path.open(newline="") as handle:
            rows = [r for r in csv.DictReader(handle) if not r["error"]]
        tag = path.stem.removeprefix("bench-test-").removeprefix("bench-dev-")
        for profile in sorted({r["harness_variant"] for r in rows}):
            mine = [r for r in rows if r["harness_variant"] == profile]
            healthy = [r for r in mine if r["label"] == "healthy"]
            hits = [r for r in mine if r["label"] != "healthy" and r["detected"] == "1"]
            faulty = sum(r["label"] != "healthy" for r in mine)
            late = sorted(float(r["latency"]) for r in hits)
            first = sum(float(r["detection_epoch"]) == 0 for r in hits)
            lines.append(
                f"| {tag} | {profile} | {sum(r['detected'] == '1' for r in healthy)}/"
                f"{len(healthy)} | {len(hits)}/{faulty} | "
                f"{sum(_fault_named(r, categories) for r in hits)}/{faulty} | "
                f"{round(statistics.median(late), 3) if late else '-'} | "
                f"{sum(v == 0 for v in late)} | {first} |"
            )
    return "\n".join(lines) + "\n"


def _mean_accuracy(rows: list[dict[str, Any]]) -> str:
    """Mean final validation accuracy of the rows with one (tasks with an accuracy): how good
    the models the jobs hand back are, beyond "repaired" (which only means "beat the
    original")."""
    values = [float(r["final_val_accuracy"]) for r in rows if r.get("final_val_accuracy")]
    return f"{float(np.mean(values)):.3f} ({len(values)})" if values else "-"


def _ratio(rows: list[dict[str, Any]]) -> str:
    """Median job / plain-fit wall time of `rows` (paired in one process; '-': not timed)."""
    ratios = sorted(float(r["job_seconds"]) / float(r["plain_seconds"]) for r in rows
                    if r.get("plain_seconds") and r.get("job_seconds"))  # fmt: skip
    return f"{float(np.median(ratios)):.2f}" if ratios else "-"


def _before() -> dict[tuple[str, str], dict[str, Any]]:
    """Scores of the replay kept from before the rule redesign (empty when absent)."""
    path = OUT / "replay-all-before-rules13.csv"
    if not path.is_file():
        return {}
    with path.open(newline="") as handle:
        rows: list[dict[str, Any]] = list(csv.DictReader(handle))
    for row in rows:
        row["detected"] = int(row["detected"])
    return score(rows)


def section(rows: list[dict[str, Any]], labels_csv: Path) -> str:
    """The whole generated section (between the markers)."""
    scores = score(rows)
    test = {k: v for k, v in scores.items() if k[1] == "test"}
    dev = {k: v for k, v in scores.items() if k[1] == "dev"}
    return "\n".join(
        [
            BEGIN,
            "## Second zoo: realistic training jobs, labelled, split before tuning (issue 13)",
            "",
            "Generated by `python -m benchmarks.real.results` from `results/real/` (plain runs,",
            "labels, replays); how the zoo is built and labelled: `benchmarks/real/README.md`.",
            "",
            "```",
            summary(labels_csv),
            "```",
            "",
            label_table(labels_csv),
            "### Detection on the test half (headline; never tuned on)",
            "",
            "The detectors replayed on the `Watch` record of every plain run (probe-batch",
            "gradients, a check at every epoch end; the paper profile on epochs 0, 3, 6, ...).",
            "A healthy run with any finding is a false alarm; *detected* is any finding on a",
            "faulty run, *exact* the labelled problem first.",
            "",
            table(test),
            misjudged(rows, "test"),
            "Rows: the label; columns: the first finding (EG exploding, VG vanishing",
            "gradient, DR dying ReLU, OL oscillating loss, SC slow convergence).",
            "",
            confusion_tables(rows, "test"),
            "The first 300 runs replayed with the rules as shipped before the redesign (before",
            "`e84ae86` was merged; kept in `results/real/replay-all-before-rules13.csv`; the 36",
            "runs of the gradient operators came later and are not in it):",
            "",
            table(_before()),
            "### Detection on the development half (the rules were tuned here)",
            "",
            table(dev),
            misjudged(rows, "dev"),
            confusion_tables(rows, "dev"),
            "### The wrapped job on the test half (seed 11), with repairs",
            "",
            "`python -m benchmarks.real --labels-only --bench default,paper --half test",
            "--seeds 11 --repair`: one `autotrainer_keras` job per run from the plain run's",
            "initial weights (training-step statistics, pre-flight checks, repairs verified",
            "against the original). *Repaired*: a faulty run whose job ended with an accepted",
            "repair; *made worse*: the final model below the original on the metric the job",
            "judges by (validation accuracy where the task has one, else validation loss);",
            "*below plain fit*: the final model more than a point of accuracy (1 % of the",
            "loss) below plain `model.fit` of the same run for its full budget (the",
            "labelling's plain run), healthy runs included. *Exact or cause*: the labelled",
            "problem first, or a set-up finding that names the recipe's kind of fault as the",
            "cause (`CAUSE_OF`: unscaled inputs for a missing normalisation, a small budget for",
            "full-batch training, a learning rate out of range, an output/loss mismatch, stacked",
            "linear layers for an activation fault, a high dropout rate for a regularisation",
            "fault); the",
            "labels name the symptom plain training showed, the set-up finding its cause.",
            "*Faulty: mean final accuracy*: of the faulty runs with an accuracy (how many in",
            "brackets), what the job hands back; \"repaired\" only says it beat the original.",
            "",
            bench_table(sorted(p for p in OUT.glob("bench-test*.csv") if "detect" not in p.stem)),
            "The same on the development half (`--half dev`; the plans were decided here):",
            "",
            bench_table(sorted(p for p in OUT.glob("bench-dev*.csv") if "detect" not in p.stem)),
            "### Detection latency of the wrapped job (detect-only runs, seed 11)",
            "",
            "`--bench <profiles> --half <half> --seeds 11` without `--repair`. *Latency*: the",
            "training steps run before the first finding over the budget's steps (a pre-flight",
            "finding: 0); *within the first epoch*: findings at epoch 0, pre-flight included.",
            "Profiles: `default` (in `detect-checks-s14`: one check per epoch end, the default",
            "before session 14; `default-end-checks` runs it now), `default-first4` (four checks",
            "in the first epoch, `monitor.first_epoch_checks`, the default since session 14)",
            "and `default-cpe4` (four checks in every epoch).",
            "",
            "Test half (headline):",
            "",
            latency_table(sorted(p for p in OUT.glob("bench-test-detect*.csv"))),
            "Development half:",
            "",
            latency_table(sorted(p for p in OUT.glob("bench-dev-detect-*.csv"))),
            END,
        ]
    )


def rewrite(path: Path, text: str) -> None:
    """Replace the section between the markers (or append it)."""
    old = path.read_text(encoding="utf-8") if path.is_file() else ""
    if BEGIN in old and END in old:
        head, rest = old.split(BEGIN, 1)
        new = head + text + rest.split(END, 1)[1]
    else:
        new = old.rstrip("\n") + "\n\n" + text + "\n"
    path.write_text(new, encoding="utf-8")


def _replay_rows(labels_csv: Path) -> list[dict[str, Any]]:
    """The replay over the plain runs' recordings (`benchmarks/.cache/real/curves`), written
    to `replay-all.csv`; without recordings (a fresh clone: re-recording takes about 70 CPU
    minutes), the replay kept in `replay-all.csv`, so the bench tables can be regenerated
    without wiping the detection tables."""
    if any(CURVES.glob("*.json")):
        rows = replay(["default", "paper"], "all", labels_csv)
        write(rows, OUT / "replay-all.csv")
        return rows
    print(f"no recordings in {CURVES}: the detection tables use the kept replay-all.csv")
    with (OUT / "replay-all.csv").open(newline="") as handle:
        kept: list[dict[str, Any]] = list(csv.DictReader(handle))
    for row in kept:
        row["detected"] = int(row["detected"])
    return kept


def main() -> int:
    labels_csv = OUT / "labels.csv"
    rows = _replay_rows(labels_csv)
    text = section(rows, labels_csv)
    rewrite(RESULTS, text)
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
