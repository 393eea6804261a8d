"""The practice benchmark end to end on one quick case and one seed: the recorded row, the
resumable CSV and the summary."""

from __future__ import annotations

import csv
import json
import math
from pathlib import Path

import pytest

from benchmarks.practice import results
from benchmarks.practice.cases import CASES, FAULTY, HEALTHY, QUICK
from benchmarks.practice.runner import COLUMNS, done, run_all


def test_catalogue_sizes_and_counterparts() -> None:
    assert len(HEALTHY) >= 16 and len(FAULTY) >= 12
    assert set(QUICK) <= set(CASES)
    for case in FAULTY:
        assert CASES[case.counterpart].kind == "healthy", case.name


@pytest.mark.medium
def test_one_case_one_seed_row(tmp_path: Path) -> None:
    runs = tmp_path / "runs.csv"
    run_all([CASES["cancer_short"]], (11,), runs)
    with runs.open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 1 and tuple(rows[0]) == COLUMNS
    row = rows[0]
    assert (row["case"], row["seed"], row["kind"]) == ("cancer_short", "11", "healthy")
    assert row["epochs_run"] == row["epochs_budget"] == "4"
    for key in ("final_val_loss", "best_val_loss", "final_val_acc", "best_val_acc", "wall_s"):
        assert math.isfinite(float(row[key])), key
    assert 0.5 < float(row["final_val_acc"]) <= 1.0
    findings = json.loads(row["findings"])
    assert isinstance(findings, list) and len(findings) == int(row["n_findings"])
    for finding in findings:
        assert {"problem", "epoch", "step", "reason", "evidence"} <= set(finding)
    assert row["watch_error"] == row["fit_error"] == ""
    assert done(runs) == {("cancer_short", "11")}
    run_all([CASES["cancer_short"]], (11,), runs)  # resumable: nothing run again
    assert len(runs.read_text().splitlines()) == 2
    lines = results.write(runs, tmp_path / "summary.md")
    assert "Watch crashes: 0/1 runs" in lines
    assert "| cancer_short | healthy | healthy |" in (tmp_path / "summary.md").read_text()
