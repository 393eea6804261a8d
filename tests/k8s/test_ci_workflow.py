"""The CI workflow: triggered by model files, and its shell steps, run here for real in a
scratch git repository (the autotrainer step with the real CLI)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
WORKFLOW = ROOT / ".github" / "workflows" / "autotrainer-models.yml"


def _workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text())


def _step(name_start: str) -> dict:
    steps = _workflow()["jobs"]["repair-check"]["steps"]
    [step] = [s for s in steps if s.get("name", "").startswith(name_start)]
    return step


def test_model_file_changes_trigger_it():
    triggers = _workflow()[True]  # YAML 1.1 reads the key `on` as true
    for event in ("pull_request", "push"):
        assert set(triggers[event]["paths"]) == {"models/**.keras", "models/**.h5"}
    assert "workflow_dispatch" in triggers


def test_steps_run_autotrainer_gate_and_publish():
    run = _step("Run autotrainer")["run"]
    assert "autotrainer" in run and "(run --model" in run and "--fail-on unrepaired" in run
    publish = _step("Publish the reports")
    assert publish["uses"].startswith("actions/upload-artifact@")
    assert publish["if"].startswith("always()")
    submit = _workflow()["jobs"]["submit-to-kfp"]["steps"][-1]["run"]
    assert "autotrainer submit --host" in submit and "--fail-on unrepaired" in submit
    for job in _workflow()["jobs"].values():
        for step in job["steps"]:
            assert "${{" not in step.get("run", ""), "expressions go through env, not scripts"


def _bash(script: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script],
        cwd=cwd, env=env, capture_output=True, text=True, timeout=1800,
    )  # fmt: skip


@pytest.mark.slow
def test_a_changed_faulty_model_fails_the_check_with_a_published_report(tmp_path):
    sys.path.insert(0, str(ROOT / "tests" / "kfp"))
    from kfp_inputs import write_data, write_exploding_model

    repo = tmp_path / "repo"
    (repo / "models").mkdir(parents=True)
    git = ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@t"]
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    (repo / "README.md").write_text("models\n")
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-qm", "base"], check=True)
    base = subprocess.run([*git, "rev-parse", "HEAD"], capture_output=True, text=True).stdout
    write_exploding_model(repo / "models" / "churn.keras")
    write_data(repo / "models" / "data.npz")
    (repo / "models" / "autotrainer.yaml").write_text(
        "training:\n  epochs: 3\nrepair:\n  max_attempts: 0\n"
    )
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-qm", "add a model"], check=True)
    (repo / ".venv").symlink_to(Path(sys.executable).parent.parent)
    outputs, summary = tmp_path / "github_output", tmp_path / "summary.md"
    env = {
        **os.environ, "BASE_SHA": base.strip(), "HEAD_SHA": "HEAD",
        "GITHUB_OUTPUT": str(outputs), "GITHUB_STEP_SUMMARY": str(summary),
        "GITHUB_REPOSITORY": "org/models",
    }  # fmt: skip
    env.pop("MLFLOW_TRACKING_URI", None)

    found = _bash(_step("Find the changed model files")["run"], repo, env)
    assert found.returncode == 0, found.stderr
    assert (repo / "changed-models.txt").read_text().split() == ["models/churn.keras"]
    assert "count=1" in outputs.read_text()

    checked = _bash(_step("Run autotrainer")["run"], repo, env)
    assert checked.returncode == 1, checked.stdout[-2000:] + checked.stderr[-2000:]
    assert "::error file=models/churn.keras::autotrainer exit 3" in checked.stdout
    report = repo / "autotrainer-reports" / "churn" / "report.json"
    assert '"status": "unrepaired"' in report.read_text()
    assert "### models/churn.keras" in summary.read_text()
    assert "UNREPAIRED" in summary.read_text()
    assert (repo / "mlflow.db").is_file()  # no tracking secret: a local store, published too
    shutil.rmtree(repo / "autotrainer-reports")
