"""--help, --version, `report DIR`, --quiet, and the plain progress lines of a small run."""

from __future__ import annotations

import io
import json
import os
import re
import sys
from importlib.metadata import version
from pathlib import Path

import pytest

import autotrainer_keras

from .conftest import Inputs


def test_help_has_examples(run_cli) -> None:
    outcome = run_cli("--help")
    assert outcome.code == 0
    assert "Examples:" in outcome.out
    assert "autotrainer-keras run --model model.keras --data data.npz" in outcome.out
    for command in ("detect", "run", "report", "lineage"):
        assert command in outcome.out


def test_run_help_lists_the_flags(run_cli) -> None:
    outcome = run_cli("run", "--help")
    assert outcome.code == 0
    for flag in ("--model", "--data", "--config", "--output", "--trust-model-code", "--quiet"):
        assert flag in outcome.out


def test_no_arguments_shows_help(run_cli) -> None:
    outcome = run_cli()
    assert outcome.code in (0, 2)  # click's no_args_is_help exits 2 in newer versions
    assert "Examples:" in outcome.out + outcome.err


def test_version_matches_the_package(run_cli) -> None:
    outcome = run_cli("--version")
    assert outcome.code == 0
    assert outcome.out == f"autotrainer-keras {autotrainer_keras.__version__}\n"
    assert autotrainer_keras.__version__ == version("autotrainer-keras")


def _saved_report(directory: Path) -> dict:
    sys.path.insert(0, str(Path(__file__).parents[1]))
    from report.sample import sample_report

    report = sample_report()
    report["output_dir"] = str(directory)
    (directory / "report.json").write_text(json.dumps(report))
    (directory / "report.html").write_text("<!DOCTYPE html>")
    return report


def test_report_renders_a_saved_report(run_cli, tmp_path: Path) -> None:
    report = _saved_report(tmp_path)
    outcome = run_cli("report", tmp_path)
    assert outcome.code == 0, outcome
    text = outcome.out
    assert text.startswith("autotrainer-keras run: REPAIRED (binary, profile default)")
    assert "detected  vanishing_gradient at epoch 3, step 20 (layer dense)" in text
    assert "repair    2 attempt(s), 1 solved" in text
    assert "val_accuracy=0.5000 -> val_accuracy=0.9300 (solutions: batchnorm)" in text
    assert f"html      {tmp_path / 'report.html'}" in text
    for attempt in report["repairs"]:
        assert attempt["attempt"] in text
    for name in report["detections"][0]["thresholds"]:
        assert f"threshold {name}" in text
    assert run_cli("report", tmp_path / "report.json").out == text  # the file itself works too


def test_report_of_a_directory_without_one(run_cli, tmp_path: Path) -> None:
    outcome = run_cli("report", tmp_path)
    assert outcome.code == 2
    assert outcome.error_lines() == [
        f"autotrainer: error: no report at {tmp_path / 'report.json'}; "
        "pass an autotrainer output directory"
    ]


def test_report_that_is_not_json(run_cli, tmp_path: Path) -> None:
    (tmp_path / "report.json").write_text("{half")
    outcome = run_cli("report", tmp_path)
    assert outcome.code == 2
    assert len(outcome.error_lines()) == 1 and "cannot be read" in outcome.err


NAME = r"\[(original|original-continued|repair-\d+-\w+)\]"
PLAIN_LINES = {
    "start": re.compile(rf"^{NAME} (training|repair attempt \d+/\d+): \S.*$"),
    "epoch": re.compile(
        rf"^{NAME} epoch (\d+)/(\d+) loss=\S+ accuracy=\S+ val_loss=\S+ val_accuracy=\S+$"
    ),
    "finding": re.compile(
        r"^  detected [a-z_]+ (at epoch \d+|before training)( in layer \S+)?: \S.*$"
    ),
    "end": re.compile(
        rf"^{NAME} (healthy|detected|solved|failed|other_problem|stopped_early|continued) "
        r"\(val_accuracy=\S+, \d+\.\ds\)$"
    ),
    "skip": re.compile(r"^  skipping \w+: \S.*$"),
    "withdrawn": re.compile(r"^  withdrawn: [a-z_]+: training showed no problem, \S.*$"),
}


def _kind(line: str) -> tuple[str, re.Match[str]]:
    for kind, pattern in PLAIN_LINES.items():
        match = pattern.match(line)
        if match:
            return kind, match
    raise AssertionError(f"not a plain progress line: {line!r}")


def check_plain_lines(lines: list[str]) -> list[str]:
    """Every line is one of the plain kinds; each attempt: start, consecutive epochs (1..k, or
    on from where the training it continues ended), one end line."""
    attempts: list[str] = []
    epochs: list[int] = []
    for line in lines:
        kind, match = _kind(line)
        if kind == "start":
            attempts.append(match.group(1))
            epochs = []
        elif kind == "epoch":
            assert match.group(1) == attempts[-1]
            epochs.append(int(match.group(2)))
            assert epochs == list(range(epochs[0], epochs[0] + len(epochs))), line
        elif kind == "end":
            assert match.group(1) == attempts[-1] and epochs, line
    return attempts


@pytest.mark.medium
def test_plain_progress_one_line_per_epoch_and_attempt(
    run_cli, inputs: Inputs, tmp_path: Path
) -> None:
    config = tmp_path / "config.yaml"
    config.write_text("training:\n  epochs: 2\nrepair:\n  max_attempts: 1\n")
    out = tmp_path / "out"
    args = ("run", "-m", inputs.model, "-d", inputs.data, "-c", config, "-o", out)
    outcome = run_cli(*args, "--no-tracking")
    assert outcome.code == 0, outcome
    lines = outcome.error_lines()
    assert lines[0] == "[original] training: 2 epochs, batch 32"
    preflight = [line for line in lines[1:] if " before training" in line]  # 2 epochs: too few
    assert lines[1 + len(preflight)].startswith("[original] epoch 1/2 loss=")
    attempts = check_plain_lines(lines)
    report = json.loads((out / "report.json").read_text())
    continued = ["original-continued"] if report["original"].get("continued") else []
    assert attempts == ["original", *(r["attempt"] for r in report["repairs"]), *continued]
    summary = outcome.out.splitlines()
    # lstrip: once under xdist the captured stdout began with 44 spaces another thread of the
    # same worker wrote (not this command: it passes alone and after its neighbours)
    assert summary[0].lstrip().startswith(f"autotrainer-keras run: {report['status'].upper()} ")
    assert f"  report    {out / 'report.json'}" in summary
    assert f"  html      {out / 'report.html'}" in summary
    for name in ("report.json", "report.html", "model.keras", "final_config.yaml", "curves.png"):
        assert (out / name).is_file(), name
    sys.path.insert(0, str(Path(__file__).parents[1]))
    from report.pages import assert_page_shows

    assert_page_shows((out / "report.html").read_text(encoding="utf-8"), report)

    quiet = run_cli(*args, "--no-tracking", "--quiet")
    assert quiet.code == 0
    assert quiet.error_lines() == []  # no progress at all
    # lstrip: as above (here 4 spaces once under xdist, source not found)
    assert quiet.out.splitlines()[0].lstrip().startswith("autotrainer-keras run: ")


def test_live_view_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    from autotrainer_keras.cli_runner import make_progress
    from autotrainer_keras.progress import NullProgress, PlainProgress
    from autotrainer_keras.progress_live import LiveProgress
    from autotrainer_keras.record.summary import AttemptSummary

    leader, follower = os.openpty()
    with os.fdopen(follower, "w") as terminal:
        monkeypatch.setattr(sys, "stderr", terminal)
        live = make_progress(quiet=False, verbose=False)
        try:
            assert isinstance(live, LiveProgress)
            live.attempt_started("original", 0, 0, "2 epochs, batch 32")
            live.epoch("original", 0, 2, {"loss": 0.5, "accuracy": 0.75})
            summary = AttemptSummary("original", 0.8, 0.4, 2, 1.0)
            live.attempt_finished("original", "healthy", summary)
        finally:
            live.close()
        assert isinstance(make_progress(quiet=True, verbose=False), NullProgress)
    os.close(leader)
    monkeypatch.setattr(sys, "stderr", io.StringIO())  # not a terminal: plain lines
    assert isinstance(make_progress(quiet=False, verbose=False), PlainProgress)
