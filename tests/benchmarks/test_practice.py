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


def test_batch_two_catalogue_and_summary_block(tmp_path: Path) -> None:
    second = [c for c in CASES.values() if c.batch == 2]
    assert sum(c.kind == "healthy" for c in second) >= 18
    assert sum(c.kind == "faulty" for c in second) >= 12
    for case in second:
        if case.kind == "faulty":
            assert CASES[case.counterpart].batch == 2, case.name
    assert all(c.batch == 1 for c in HEALTHY + FAULTY)
    runs = tmp_path / "runs.csv"
    with runs.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        for name, kind, counterpart, acc in (("cancer_short", "healthy", "", "0.95"),
                                              ("cancer_sgd_plain", "healthy", "", "0.96"),
                                              ("sgd_lr_too_small", "faulty",
                                               "cancer_sgd_plain", "0.60")):  # fmt: skip
            row = dict.fromkeys(COLUMNS, "")
            row.update(case=name, seed="11", kind=kind, counterpart=counterpart,
                       epochs_budget="4", epochs_run="4", final_val_loss="0.3",
                       final_val_acc=acc, acc_key="val_accuracy", wall_s="1.0",
                       n_findings="0", findings="[]")  # fmt: skip
            writer.writerow(row)
    lines = results.write(runs, tmp_path / "summary.md")
    text = (tmp_path / "summary.md").read_text()
    first, _, rest = text.partition("## Batch 2")
    assert "| cancer_short |" in first and "cancer_sgd_plain" not in first
    assert "| sgd_lr_too_small | faulty | faulty (val acc 0.600 vs 0.960) |" in rest
    assert "runs: 1 (1 cases)" in lines and "batch 2: runs: 2 (2 cases)" in lines


def test_a_job_is_worse_than_plain_by_a_point_or_five_percent_above_the_rounding_floor() -> None:
    from benchmarks.practice.job_runner import worse_than_plain

    assert worse_than_plain(0.80, 0.815, math.nan, math.nan, True) is True
    assert worse_than_plain(0.81, 0.815, 9.0, 1.0, True) is False  # accuracy decides
    assert worse_than_plain(math.nan, math.nan, 1.06, 1.0, True) is True
    assert worse_than_plain(math.nan, math.nan, -0.97, -1.0, True) is False  # below 0
    assert worse_than_plain(math.nan, math.nan, 6e-11, 2e-13, True) is False  # both ~0
    assert worse_than_plain(math.nan, math.nan, 2.0, 1.0, False) is None  # another loss


def test_plain_knob_values_parse_as_numbers_unless_quoted() -> None:
    from benchmarks.practice.plain import _value

    assert _value("0") == 0 and _value("3e-3") == 0.003 and _value("False") is False
    assert math.isnan(_value("nan"))
    assert _value('"nan"') == "nan" and _value("'0'") == "0" and _value("post") == "post"
