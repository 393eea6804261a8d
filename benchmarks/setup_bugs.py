"""The set-up bug benchmark: plain training of each case's buggy program, the default
profile's pre-flight + repair (`autotrainer_keras.fit`) of it, and `detect` on the fixed program
(its plain training under watch: with no finding it runs its whole budget untouched).
Writes benchmarks/results/setup_bugs.csv and prints a Markdown table.

    .venv/bin/python -m benchmarks.setup_bugs [--only CASE_ID ...] [--resume]

With `--resume` and a complete CSV nothing is trained: the Markdown report is rewritten from it.

Metrics are computed here from the models' predictions on the validation data, the same way
for every program: accuracy (argmax for several classes, 0.5 threshold for one unit),
per-label accuracy for multi-label cases, R^2 for regression. "named" = the expected problem
found before the first step (or the input refused with the fault named); "improved" = the
job's final model beats the buggy program's plain training by 0.02 or more.
"""

from __future__ import annotations

import argparse
import csv
import tempfile
import time
from pathlib import Path
from typing import Any

import keras
import numpy as np

import autotrainer_keras
from autotrainer_keras.errors import InputError
from autotrainer_keras.problems import is_setup_finding
from benchmarks.setup_cases import CASES, Arrays, Case

RESULTS = Path(__file__).parent / "results"
IMPROVED = 0.02


def task_metric(model: keras.Model, arrays: Arrays) -> float:
    """Validation accuracy (classes), per-label accuracy (multi-label) or R^2 (regression)."""
    y = np.asarray(arrays["y_val"], dtype=np.float64)
    pred = np.asarray(model.predict(arrays["x_val"], verbose=0), dtype=np.float64)
    pred = pred.reshape(len(y), -1)
    if not np.isfinite(pred).all():
        return float("nan")
    if y.ndim == 2 and y.shape[1] > 1:
        if np.all(y.sum(axis=1) == 1):  # one-hot
            return float(np.mean(pred.argmax(axis=1) == y.argmax(axis=1)))
        return float(np.mean((pred > 0.5) == (y > 0.5)))  # multi-label
    y = y.reshape(-1)
    if np.all(y == np.rint(y)) and len(np.unique(y)) <= 20:  # classes
        if pred.shape[1] > 1:
            return float(np.mean(pred.argmax(axis=1) == y))
        if y.max() > 1:  # one unit on 3+ classes: the class it outputs, rounded
            return float(np.mean(np.clip(np.rint(pred[:, 0]), 0, y.max()) == y))
        return float(np.mean((pred[:, 0] > 0.5) == (y > 0.5)))
    return float(1 - np.mean((pred[:, 0] - y) ** 2) / np.var(y))


def plain(case: Case, fixed: bool) -> tuple[float | None, str]:
    """The program as its author ran it: (validation metric, error if Keras refused)."""
    arrays, model = case.data(fixed), case.build(fixed)
    epochs, batch = case.budget(fixed)
    keras.utils.set_random_seed(0)
    try:
        model.fit(arrays["x_train"], arrays["y_train"], epochs=epochs, batch_size=batch,
                  validation_data=(arrays["x_val"], arrays["y_val"]), verbose=0)  # fmt: skip
    except (ValueError, TypeError) as error:
        return None, type(error).__name__
    return task_metric(model, arrays), ""


def job(case: Case, fixed: bool, out: Path) -> dict[str, Any]:
    """autotrainer on the program (run for the buggy one, detect for the fixed one)."""
    arrays, model = case.data(fixed), case.build(fixed)
    epochs, batch = case.budget(fixed)
    started = time.perf_counter()
    try:
        result = autotrainer_keras.fit(
            model, arrays["x_train"], arrays["y_train"],
            validation_data=(arrays["x_val"], arrays["y_val"]), epochs=epochs, batch_size=batch,
            repair=not fixed, output_dir=out, tracking=False, verbose=False,
        )  # fmt: skip
    except InputError as error:
        return {"error": str(error), "seconds": time.perf_counter() - started}
    report = result.report
    final = result.model if result.model is not None else model
    return {
        "status": result.status,
        "preflight": [f.problem.value for f in result.findings if is_setup_finding(f)],
        "runtime": [f.problem.value for f in result.findings if not is_setup_finding(f)],
        "runtime_epochs": {f.problem.value: f.epoch for f in result.findings
                           if not is_setup_finding(f)},  # fmt: skip
        "reasons": [f.reason for f in result.findings],
        "solutions": (report.get("final") or {}).get("solutions", []),
        "metric": task_metric(final, arrays),
        "preflight_seconds": report["timing"].get("preflight_seconds", 0.0),
        "seconds": time.perf_counter() - started,
    }


def majority_accuracy(arrays: Arrays) -> float:
    """Validation accuracy of always predicting the most frequent training class: what a
    program Keras refuses to train is measured against."""
    y_train, y_val = np.asarray(arrays["y_train"]), np.asarray(arrays["y_val"])
    if y_train.ndim == 2 and y_train.shape[1] > 1:
        y_train, y_val = y_train.argmax(axis=1), y_val.argmax(axis=1)
    values, counts = np.unique(y_train.reshape(-1), return_counts=True)
    return float(np.mean(y_val.reshape(-1) == values[np.argmax(counts)]))


def _commit() -> str:
    """The short commit the product code was imported at ("" outside a git checkout)."""
    import subprocess

    try:
        out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True,
                             text=True, cwd=Path(__file__).parent, check=False)  # fmt: skip
    except OSError:
        return ""
    return out.stdout.strip()


COMMIT = _commit()
OLD_RUN = "19cbae2"  # rows written before the `commit` column existed


def run_case(case: Case, root: Path) -> dict[str, Any]:
    buggy_plain, buggy_error = plain(case, fixed=False)
    buggy = job(case, False, root / f"{case.case_id}-buggy")
    fixed = job(case, True, root / f"{case.case_id}-fixed")  # its plain training, watched
    fixed_plain = fixed.get("metric")
    when = ""
    if case.expected.startswith("input_error:"):
        named = case.expected.split(":", 1)[1] in buggy.get("error", "")
        when = "refused" if named else ""
    elif case.expected in buggy.get("preflight", []):
        named, when = True, "before training"
    else:
        epoch = buggy.get("runtime_epochs", {}).get(case.expected)
        named, when = epoch is not None, "" if epoch is None else f"epoch {epoch + 1}"
    final = buggy.get("metric")
    reference = buggy_plain if buggy_plain is not None else majority_accuracy(case.data(False))
    improved = (final is not None and np.isfinite(final)
                and final >= reference + IMPROVED)  # fmt: skip
    return {
        "case": case.case_id,
        "expected": case.expected,
        "buggy_plain": buggy_plain,
        "buggy_error": buggy_error,
        "fixed_plain": fixed_plain,
        "named": named,
        "named_when": when,
        "found": ",".join(buggy.get("preflight", []) + buggy.get("runtime", []))
        or buggy.get("error", "")[:60],
        "status": buggy.get("status", "refused"),
        "solutions": "+".join(buggy.get("solutions", [])),
        "repaired_metric": final,
        "improved": bool(improved),
        "fixed_findings": ",".join(fixed.get("preflight", []) + fixed.get("runtime", []))
        or fixed.get("error", "")[:60],
        "fixed_false_alarm": bool(fixed.get("preflight") or fixed.get("runtime")
                                  or fixed.get("error")),  # fmt: skip
        "preflight_ms": 1000 * float(buggy.get("preflight_seconds", 0.0)),
        "fixed_preflight_ms": 1000 * float(fixed.get("preflight_seconds", 0.0)),
        "fixed_job_seconds": float(fixed.get("seconds", 0.0)),
        "reason": (buggy.get("reasons") or [buggy.get("error", "")])[0],
        "commit": COMMIT,
    }


def _fmt(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.3f}"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return "-" if value in (None, "") else str(value)


def table(rows: list[dict[str, Any]]) -> str:
    cols = ("case", "expected", "buggy_plain", "fixed_plain", "named_when", "found", "status",
            "solutions", "repaired_metric", "improved", "fixed_findings", "commit")  # fmt: skip
    lines = ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
    lines += ["| " + " | ".join(_fmt(r[c]) for c in cols) + " |" for r in rows]
    return "\n".join(lines)


def _write(path: Path, rows: list[dict[str, Any]]) -> None:
    with path.open("w", newline="") as handle:
        fields = list(dict.fromkeys(key for row in rows for key in row))
        writer = csv.DictWriter(handle, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)


def _read(path: Path) -> dict[str, dict[str, Any]]:
    """Rows of an earlier run, values parsed back (numbers, booleans)."""
    if not path.is_file():
        return {}

    def parse(value: str) -> Any:
        if value in ("True", "False"):
            return value == "True"
        try:
            return float(value)
        except ValueError:
            return value or None

    with path.open(newline="") as handle:
        rows = {row["case"]: {k: parse(v) if k != "case" else v for k, v in row.items()}
                for row in csv.DictReader(handle)}  # fmt: skip
    for row in rows.values():  # rows of runs before these columns existed
        if not row.get("named_when"):
            refused = str(row["expected"]).startswith("input_error")
            when = "refused" if refused else "before training"
            row["named_when"] = when if row["named"] else ""
        row["commit"] = row.get("commit") or OLD_RUN
    return rows


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", default=None, help="case ids to run")
    parser.add_argument("--resume", action="store_true", help="keep the cases already in the CSV")
    args = parser.parse_args(argv)
    cases = [c for c in CASES if args.only is None or c.case_id in args.only]
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / ("setup_bugs.csv" if args.only is None else "setup_bugs_partial.csv")
    done = _read(path) if args.resume else {}
    rows = []
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        for case in cases:
            if case.case_id in done:
                rows.append(done[case.case_id])
                continue
            t0 = time.perf_counter()
            rows.append(run_case(case, Path(tmp)))
            print(f"{case.case_id}: {time.perf_counter() - t0:.0f} s", flush=True)
            _write(path, rows)  # after each case: a cut-off run resumes with --resume
    text = markdown(rows, cases)
    if args.only is None:
        (RESULTS / "setup_bugs.md").write_text(text)
    print(text)
    print(f"total {time.perf_counter() - started:.0f} s")


def _fixed(row: dict[str, Any]) -> bool:
    """Repaired (a candidate accepted) and improved: a better score of a model kept when
    nothing was accepted is not a repair."""
    return bool(row["improved"]) and row["status"] == "repaired"


def summary(rows: list[dict[str, Any]]) -> str:
    """The headline line: named, repaired and improved, false alarms, pre-flight cost."""
    repairable = [r for r in rows if not r["expected"].startswith(("input_error", "label_"))]
    cost = [r["fixed_preflight_ms"] / 10 / r["fixed_job_seconds"] for r in rows
            if r["fixed_job_seconds"]]  # fmt: skip  (ms / 1000 s * 100 %)
    before = sum(r["named_when"] in ("before training", "refused") for r in rows)
    first = sum(r["named_when"] == "epoch 1" for r in rows)
    return (
        f"named correctly: {sum(bool(r['named']) for r in rows)} of {len(rows)} ({before} "
        f"before training, {first} more within the first epoch); "
        f"repaired and improved: {sum(_fixed(r) for r in repairable)} of "
        f"{len(repairable)} with a set-up repair in the plan "
        f"({sum(_fixed(r) for r in rows)} of all {len(rows)}); "
        f"false alarms on the fixed programs: {sum(r['fixed_false_alarm'] for r in rows)} of "
        f"{len(rows)}; pre-flight cost on the fixed programs' jobs: median "
        f"{float(np.median(cost)):.3f} %, max {max(cost):.3f} % of the job's time"
    )


def cost_table(rows: list[dict[str, Any]]) -> str:
    """Per case: the fixed program's pre-flight milliseconds, job seconds and their ratio."""
    lines = ["| case | pre-flight ms | job s | share |", "|---|---|---|---|"]
    for r in rows:
        if r["fixed_job_seconds"]:
            share = r["fixed_preflight_ms"] / 10 / r["fixed_job_seconds"]
            lines.append(f"| {r['case']} | {r['fixed_preflight_ms']:.1f} | "
                         f"{r['fixed_job_seconds']:.1f} | {share:.3f} % |")  # fmt: skip
    return "\n".join(lines)


def cases_table(cases: list[Case]) -> str:
    """The Markdown table of the cases: question, bug, fix and source link."""
    lines = ["| case | question (kind) | bug | fix | source |", "|---|---|---|---|---|"]
    lines += [f"| {c.case_id} | {c.question} | {c.bug} | {c.fix} | {c.source or 'none found'} |"
              for c in cases]  # fmt: skip
    return "\n".join(lines)


def markdown(rows: list[dict[str, Any]], cases: list[Case]) -> str:
    """The section RESULTS.md includes (benchmarks/report.py reads results/setup_bugs.md)."""
    lines = [
        "## Set-up bugs: pre-flight checks and set-up repairs (`python -m benchmarks.setup_bugs`)",
        "",
        "Cases modelled on recurring Stack Overflow / GitHub questions about Keras; the "
        "programs are written here, none ported from DeepLocalize, DeepDiagnosis, DeepFD or "
        "Zhang et al. ISSTA 2018. `source`: one public question or issue where a user hit the "
        "same bug and the answer (or fix) is the case's fix, found after the set was written "
        "by searching Stack Exchange pages and GitHub issues ('none found' where no such page "
        "turned up). Each case has a buggy and a fixed program (benchmarks/setup_cases.py), "
        "offline sklearn data. "
        "`buggy_plain`: the buggy program's own `model.fit`; `fixed_plain`: the fixed "
        "program under `autotrainer-keras detect` (its plain training, watched); "
        "`repaired_metric`: "
        "the model `autotrainer_keras.fit` (default profile, repair on) returned for the buggy "
        "program. Metrics from predictions on the validation data: accuracy, per-label "
        "accuracy (multi-label), R^2 (regression); a class count of 3+ read from one output "
        "unit is rounded to the nearest class. named_when = when the expected problem was "
        "reported: before the first step (pre-flight), in training (epoch N), or the input "
        "refused (exit 2, naming the fault); improved = repaired_metric >= buggy_plain + "
        f"{IMPROVED} (for a program Keras refuses to train, buggy_plain '-': against the "
        "majority class's accuracy). `commit`: the code the row was measured at (rows of "
        "cases unchanged since are kept from that run).",
        "",
        "**" + summary(rows) + "**",
        "",
        cases_table(cases),
        "",
        table(rows),
        "",
        "Pre-flight cost on the healthy jobs (the fixed programs under `detect`): time of the "
        "pre-flight checks (data facts once, rules per training) against the whole job.",
        "",
        cost_table(rows),
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
