"""Zoo models through the benchmark harness end to end: plain run, job, CSV, report."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from benchmarks import harness, report, run, zoo

pytestmark = pytest.mark.medium


def _spec(model_id: str) -> zoo.ModelSpec:
    return next(s for s in zoo.generate_zoo() if s.model_id == model_id)


def test_two_zoo_models_through_harness_csv_and_report(tmp_path: Path) -> None:
    """A healthy MLP and an ELU CNN that explodes (initialised at stddev 3). The zoo's
    linear CNNs that explode are named `linear_stack` before training first (session 30,
    as its linear MLPs since session 16), so the exploding gradient is not their first
    finding."""
    cache, jobs = tmp_path / "cache", tmp_path / "jobs"
    rows = []
    for model_id in ("fc-circle-ok-0", "cnn-mnist1d-eg-1"):
        spec = _spec(model_id)
        rows += harness.run_model(spec.to_dict(), ["default"], str(jobs), "test", str(cache))
    assert [r["error"] for r in rows] == ["", ""]
    healthy, faulty = rows
    assert healthy["label"] == "healthy" and healthy["behaviour"] == "trained"
    assert healthy["truth"] == "healthy" and healthy["status"] == "healthy"
    assert not healthy["detected"]
    assert faulty["behaviour"] == "diverged" and faulty["truth"] == "exploding_gradient"
    assert faulty["detected"] and faulty["detected_problem"] == "exploding_gradient"
    assert 0 < faulty["latency"] <= 1
    assert faulty["status"] in ("repaired", "unrepaired") and faulty["repair_attempts"] >= 1
    for row in rows:
        assert row["plain_seconds"] > 0 and row["job_seconds"] > 0
        assert row["plain_peak_mb"] > 100 and row["job_peak_mb"] > 100  # TF is in the process
    report_json = jobs / "default" / "cnn-mnist1d-eg-1" / "report.json"
    assert json.loads(report_json.read_text())["status"] == faulty["status"]

    # the plain run is cached: a second call reuses it (same numbers, flagged as cached)
    spec = _spec("fc-circle-ok-0")
    arrays = harness._arrays(spec)
    from benchmarks.builders import build

    weights = build(spec, arrays["x_train"].shape[1:]).get_weights()
    again = harness.plain_run(spec, arrays, weights, cache)
    assert again["cached"] and again["seconds"] == pytest.approx(healthy["plain_seconds"], abs=1e-3)

    # rows -> CSV (resumable: the done set) -> RESULTS.md from a partial run
    csv_path = tmp_path / "runs.csv"
    run._append(csv_path, rows[:1])
    run._append(csv_path, rows[1:])
    assert run._done(csv_path) == {("fc-circle-ok-0", "default"), ("cnn-mnist1d-eg-1", "default")}
    with csv_path.open(newline="") as handle:
        assert len(list(csv.DictReader(handle))) == 2
    target = tmp_path / "RESULTS.md"
    report.write_report(csv_path, target, tmp_path, command="test", planned=162)
    text = target.read_text()
    assert "Completed: 2 of 162 planned models" in text
    assert "| detection recall (any problem) | 100.0 % |" in text
    assert "| false alarms on healthy models | 0 of 1 (0.0 %) |" in text
    assert (tmp_path / "accuracy_before_after.png").stat().st_size > 0
    assert (tmp_path / "summary.csv").is_file()

    # a regeneration keeps the hand-written sections and the second zoo's, once each
    from benchmarks.real.results import BEGIN, END

    session = "## Session 99: a hand-written measurement\n\n| a | b |\n|---|---|\n| 1 | 2 |"
    zoo = f"{BEGIN}\n## Second zoo\n\nits tables\n{END}"
    head, tail = text.split("## Targets (default profile)", 1)
    target.write_text(f"{head}{session}\n\n## Targets (default profile){tail}\n{zoo}\n")
    for _ in range(2):
        report.write_report(csv_path, target, tmp_path, command="test", planned=162)
        again = target.read_text()
        assert again.count("## Session 99: a hand-written measurement") == 1
        assert again.index("## Session 99") < again.index("## Targets (default profile)")
        assert again.count(BEGIN) == 1 and again.rstrip().endswith(END)
        assert again.count("## Headline") == 1 and "| 1 | 2 |" in again
