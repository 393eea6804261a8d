"""The reusable GitHub action and this repository's workflow: validated against the vendored
GitHub schemas, and the action's engine (scripts/ci/check_models.py) replayed for real in a
scratch git repository (the real CLI, a local MLflow record)."""

from __future__ import annotations

import importlib.util
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
WORKFLOW = ROOT / ".github" / "workflows" / "autotrainer-models.yml"
ACTION = ROOT / "action.yml"
SCRIPT = ROOT / "scripts" / "ci" / "check_models.py"
SHA_PINNED = r"^[\w.-]+/[\w.-]+@[0-9a-f]{40}$"


def _load_script():
    spec = importlib.util.spec_from_file_location("check_models", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text())


def _action() -> dict:
    return yaml.safe_load(ACTION.read_text())


@pytest.mark.parametrize(
    ("path", "schema"),
    [(ACTION, "vendor.github-actions"), (WORKFLOW, "vendor.github-workflows")],
)
def test_valid_against_githubs_schema(path, schema):
    checker = Path(sys.executable).parent / "check-jsonschema"
    if not checker.exists():
        pytest.skip("check-jsonschema is not installed (it is in the dev extra)")
    done = subprocess.run(
        [str(checker), "--builtin-schema", schema, str(path)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_every_action_is_pinned_by_commit_sha():
    import re

    uses = [s["uses"] for s in _action()["runs"]["steps"] if "uses" in s]
    for job in _workflow()["jobs"].values():
        uses += [s["uses"] for s in job["steps"] if "uses" in s]
    remote = [u for u in uses if not u.startswith("./")]
    assert remote and all(re.match(SHA_PINNED, u) for u in remote), remote


def test_model_data_and_config_changes_trigger_it():
    triggers = _workflow()[True]  # YAML 1.1 reads the key `on` as true
    for event in ("pull_request", "push"):
        assert triggers[event]["paths"] == ["models/**"]
    assert "workflow_dispatch" in triggers
    checkout = _workflow()["jobs"]["repair-check"]["steps"][0]
    assert checkout["with"]["lfs"] is True and checkout["with"]["fetch-depth"] == 0
    assert _workflow()["jobs"]["repair-check"]["steps"][1]["uses"] == "./"


def test_action_caches_the_environment_and_passes_expressions_through_env():
    steps = _action()["runs"]["steps"]
    assert any(s.get("uses", "").startswith("actions/cache@") for s in steps)
    publish = steps[-1]
    assert publish["uses"].startswith("actions/upload-artifact@")
    assert publish["if"].startswith("always()")
    assert "autotrainer-record/" in publish["with"]["path"]
    for step in steps:
        assert "${{" not in step.get("run", ""), "expressions go through env, not scripts"
    submit = _workflow()["jobs"]["submit-to-kfp"]["steps"][-1]["run"]
    assert "autotrainer-keras submit --host" in submit and "--fail-on unrepaired" in submit


def test_inputs_resolve_from_the_model_folder_upwards(tmp_path, monkeypatch):
    ci = _load_script()
    root = tmp_path / "models"
    (root / "team" / "churn").mkdir(parents=True)
    names = ["data.npz", "autotrainer.yaml", "team/churn/a.keras", "team/churn/b.keras"]
    names += ["team/churn/b.npz", "team/c.keras", "team/c.autotrainer.yaml", "d.h5"]
    for name in names:
        (root / name).write_bytes(b"x")
    assert ci.resolve_inputs(root / "team/churn/a.keras", root) == (
        root / "data.npz", root / "autotrainer.yaml"
    )  # fmt: skip
    assert ci.resolve_inputs(root / "team/churn/b.keras", root)[0] == root / "team/churn/b.npz"
    assert ci.resolve_inputs(root / "team/c.keras", root)[1] == root / "team/c.autotrainer.yaml"
    monkeypatch.chdir(tmp_path)  # paths in git diffs are relative to the repository root
    models = Path("models")
    assert ci.touched_models(["models/data.npz"], models) == [
        models / "d.h5", models / "team/c.keras", models / "team/churn/a.keras"
    ]  # fmt: skip
    assert ci.touched_models(["models/team/churn/b.npz"], models) == [models / "team/churn/b.keras"]
    assert ci.touched_models(["README.md"], models) == []


def test_exit_codes_are_named_by_their_meaning():
    ci = _load_script()
    assert ci.EXIT_MEANING[2].startswith("bad input")
    assert ci.EXIT_MEANING[3] == "problems remain unrepaired"


@pytest.mark.slow
def test_a_changed_faulty_model_fails_the_check_with_a_relocatable_record(tmp_path):
    sys.path.insert(0, str(ROOT / "tests" / "kfp"))
    from kfp_inputs import write_data, write_exploding_model

    repo = tmp_path / "repo"
    (repo / "models" / "team").mkdir(parents=True)
    git = ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@t"]
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    (repo / "README.md").write_text("models\n")
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-qm", "base"], check=True)
    base = subprocess.run([*git, "rev-parse", "HEAD"], capture_output=True, text=True).stdout
    write_exploding_model(repo / "models" / "team" / "churn.keras")  # data one folder up
    write_data(repo / "models" / "data.npz")
    (repo / "models" / "autotrainer.yaml").write_text(
        "training:\n  epochs: 3\nrepair:\n  max_attempts: 0\n"
    )
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-qm", "add a model"], check=True)
    outputs, summary = tmp_path / "github_output", tmp_path / "summary.md"
    env = {
        **os.environ, "BASE_SHA": base.strip(), "HEAD_SHA": "HEAD",
        "GITHUB_OUTPUT": str(outputs), "GITHUB_STEP_SUMMARY": str(summary),
        "EXPERIMENT": "ci-org-models",
        "AUTOTRAINER": str(Path(sys.executable).parent / "autotrainer-keras"),
    }  # fmt: skip
    env.pop("MLFLOW_TRACKING_URI", None)

    checked = subprocess.run(
        [sys.executable, str(SCRIPT)], cwd=repo, env=env, capture_output=True, text=True,
        timeout=1200,
    )  # fmt: skip
    assert checked.returncode == 1, checked.stdout[-3000:] + checked.stderr[-3000:]
    assert "count=1" in outputs.read_text()
    assert (
        "::error file=models/team/churn.keras::autotrainer exit 3 (problems remain unrepaired)"
        in checked.stdout
    )
    report = repo / "autotrainer-reports" / "team" / "churn" / "report.json"
    assert '"status": "unrepaired"' in report.read_text()
    assert (report.parent / "report.html").is_file()
    text = summary.read_text()
    # the problems cell lists every finding by name (the fixture's dead ReLUs and its small
    # budget too): the NaN is among them
    row = next(line for line in text.splitlines() if "`models/team/churn.keras`" in line)
    assert row.startswith("| `models/team/churn.keras` | unrepaired | ")
    assert "exploding_gradient" in row.split("|")[3]
    assert "UNREPAIRED" in text

    # The record moves: copy it elsewhere, delete the original, and read the artifacts back.
    record = tmp_path / "elsewhere"
    shutil.copytree(repo / "autotrainer-record", record)
    shutil.rmtree(repo / "autotrainer-record")
    with sqlite3.connect(record / "mlflow.db") as db:
        uris = [row[0] for row in db.execute("select artifact_uri from runs")]
    assert uris and all(u.startswith("mlflow-artifacts:/") for u in uris), uris
    stored = [p.name for p in (record / "mlartifacts").rglob("report.json")]
    assert stored, "the job's report is among the record's artifacts"
