"""Run autotrainer on every model a change touches: the engine of the reusable GitHub action.

A model is touched when its file changed, or the data or config it resolves to did. For
`models/sub/churn.keras` the data is the first of `models/sub/churn.npz`, `models/sub/data.npz`,
`models/data.npz` (walking up to the models root), and the config likewise with
`churn.autotrainer.yaml` / `autotrainer.yaml`. Each model's report goes to
`<reports>/<path below the models root, without suffix>/`, so same-named models in different
folders never collide.

Without a tracking URI the jobs record into a local MLflow server started here on loopback with
proxied artifacts (`--artifacts-destination`): the stored artifact URIs are `mlflow-artifacts:/`,
so the uploaded record (`mlflow.db` + `mlartifacts/`) opens anywhere with the command in its
README.txt. The server is stopped by PID at the end.

Environment (all optional but the git range): AUTOTRAINER (the CLI), MODELS_DIR (models),
REPORTS_DIR (autotrainer-reports), RECORD_DIR (autotrainer-record), BASE_SHA, HEAD_SHA (HEAD),
FAIL_ON (unrepaired), EXPERIMENT, MLFLOW_TRACKING_URI, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY.
Exit 0 when every job passed its gate, 1 otherwise.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterable
from pathlib import Path

MODEL_SUFFIXES = (".keras", ".h5")
DATA_SUFFIX = ".npz"
CONFIG_SUFFIX = ".autotrainer.yaml"
SHARED_DATA = "data.npz"
SHARED_CONFIG = "autotrainer.yaml"
SERVER_START_SECONDS = 240  # ~5 s on an idle runner; generous for loaded machines
EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904"
EXIT_MEANING = {
    0: "ok",
    1: "internal error (see the log)",
    2: "bad input or usage (see the log)",
    3: "problems remain unrepaired",
    130: "interrupted",
}


def _env(name: str, default: str = "") -> str:
    return os.environ.get(name) or default


def _stem(model: Path) -> str:
    return model.name[: -len(model.suffix)]


def _walk_up(start: Path, root: Path) -> Iterable[Path]:
    """start, its parent, ... up to and including root (start must lie under root)."""
    here = start
    while True:
        yield here
        if here == root or root not in here.parents:
            return
        here = here.parent


def resolve_inputs(model: Path, root: Path) -> tuple[Path | None, Path | None]:
    """The data file and config file (or None) that `model` uses under the models root."""
    data = config = None
    own_data = model.with_name(_stem(model) + DATA_SUFFIX)
    own_config = model.with_name(_stem(model) + CONFIG_SUFFIX)
    data = own_data if own_data.is_file() else None
    config = own_config if own_config.is_file() else None
    for folder in _walk_up(model.parent, root):
        if data is None and (folder / SHARED_DATA).is_file():
            data = folder / SHARED_DATA
        if config is None and (folder / SHARED_CONFIG).is_file():
            config = folder / SHARED_CONFIG
    return data, config


def all_models(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.suffix in MODEL_SUFFIXES and p.is_file())


def touched_models(changed: Iterable[str], root: Path) -> list[Path]:
    """Models whose file, data or config is among the changed paths (repo-relative)."""
    changed_paths = {Path(p) for p in changed}
    touched = []
    for model in all_models(root):
        data, config = resolve_inputs(model, root)
        if changed_paths & {model, data, config}:
            touched.append(model)
    return touched


def changed_files(base: str, head: str) -> list[str]:
    """Files added, modified or renamed between base and head; a missing base counts all."""
    if (
        not base
        or subprocess.run(
            ["git", "cat-file", "-e", f"{base}^{{commit}}"], capture_output=True
        ).returncode
    ):
        base = EMPTY_TREE  # first push: every model counts
    out = subprocess.run(
        ["git", "diff", "--name-only", "--diff-filter=AMR", base, head],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    return [line for line in out.splitlines() if line]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class LocalRecord:
    """A loopback MLflow server whose store and artifacts live in one relocatable folder."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder.resolve()
        self.process: subprocess.Popen[bytes] | None = None
        self.uri = ""

    def __enter__(self) -> LocalRecord:
        self.folder.mkdir(parents=True, exist_ok=True)
        port = _free_port()
        self.uri = f"http://127.0.0.1:{port}"
        env = {**os.environ, "MLFLOW_SERVER_ENABLE_JOB_EXECUTION": "false"}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mlflow", "server",
             "--backend-store-uri", "sqlite:///mlflow.db",
             "--artifacts-destination", "./mlartifacts",
             "--host", "127.0.0.1", "--port", str(port), "--workers", "1"],
            cwd=self.folder, env=env, stdout=subprocess.DEVNULL, start_new_session=True,
            stderr=open(self.folder / "server.log", "wb"),  # noqa: SIM115 - closed with the process
        )  # fmt: skip
        deadline = time.monotonic() + SERVER_START_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the local MLflow server exited; see {self.folder}/server.log")
            try:
                with urllib.request.urlopen(f"{self.uri}/health", timeout=2) as reply:
                    if reply.status == 200:
                        break
            except OSError:
                time.sleep(0.5)
        else:
            raise RuntimeError(
                f"the local MLflow server did not answer /health in {SERVER_START_SECONDS} s; "
                f"see {self.folder}/server.log"
            )
        (self.folder / "README.txt").write_text(
            "An MLflow record of autotrainer jobs (database + artifacts). Open it with:\n"
            "  cd <this folder> && mlflow server --backend-store-uri sqlite:///mlflow.db \\\n"
            "    --artifacts-destination ./mlartifacts --port 5000\n"
            "then browse http://127.0.0.1:5000\n"
        )
        return self

    def __exit__(self, *exc: object) -> None:
        """SIGTERM the server's process group (uvicorn workers too), SIGKILL after 30 s."""
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()


def _report_row(model: Path, code: int, out: Path) -> str:
    report_file = out / "report.json"
    try:
        report = json.loads(report_file.read_text())
    except (OSError, ValueError):
        return f"| `{model}` | exit {code}: {EXIT_MEANING.get(code, 'error')} | | |"
    problems = sorted({str(d.get("problem")) for d in report.get("detections") or []})
    final = report.get("final") or {}
    original = report.get("original") or {}
    before, after = original.get("val_accuracy"), final.get("val_accuracy")
    change = "" if before is None or after is None else f"{before:.3f} -> {after:.3f}"
    return f"| `{model}` | {report.get('status')} | {', '.join(problems) or '-'} | {change} |"


def run_job(cli: str, model: Path, root: Path, reports: Path) -> tuple[int, Path]:
    data, config = resolve_inputs(model, root)
    out = reports / model.relative_to(root).with_suffix("")
    if data is None:
        print(f"::error file={model}::no data: add {model.with_suffix(DATA_SUFFIX)} "
              f"or a {SHARED_DATA} in its folder or above (up to {root})")  # fmt: skip
        return 2, out
    args = [cli, "run", "--model", str(model), "--data", str(data), "--output", str(out)]
    if _env("FAIL_ON", "unrepaired") != "never":
        args += ["--fail-on", _env("FAIL_ON", "unrepaired")]
    if config is not None:
        args += ["--config", str(config)]
    if _env("EXPERIMENT"):
        args += ["--experiment", _env("EXPERIMENT")]
    print(f"::group::autotrainer {model}", flush=True)
    code = subprocess.run(args).returncode
    print("::endgroup::", flush=True)
    if code != 0:
        print(f"::error file={model}::autotrainer exit {code} "
              f"({EXIT_MEANING.get(code, 'unknown exit code')})", flush=True)  # fmt: skip
    return code, out


def _append(path_var: str, text: str) -> None:
    target = _env(path_var)
    if target:
        with open(target, "a", encoding="utf-8") as handle:
            handle.write(text)


def check(models: list[Path], root: Path, reports: Path, cli: str) -> int:
    rows, details, failed = [], [], 0
    for model in models:
        code, out = run_job(cli, model, root, reports)
        failed += code != 0
        rows.append(_report_row(model, code, out))
        shown = subprocess.run([cli, "report", str(out)], capture_output=True, text=True)
        details.append(f"<details><summary>{model}</summary>\n\n```\n"
                       f"{shown.stdout or shown.stderr}```\n</details>\n")  # fmt: skip
    _append("GITHUB_STEP_SUMMARY", "### autotrainer\n\n| model | status | problems | "
            "val accuracy before -> after |\n|---|---|---|---|\n" + "\n".join(rows) + "\n\n"
            + "".join(details))  # fmt: skip
    return 1 if failed else 0


def main() -> int:
    root = Path(_env("MODELS_DIR", "models"))
    reports = Path(_env("REPORTS_DIR", "autotrainer-reports"))
    cli = _env("AUTOTRAINER", "autotrainer-keras")
    models = touched_models(changed_files(_env("BASE_SHA"), _env("HEAD_SHA", "HEAD")), root)
    _append("GITHUB_OUTPUT", f"count={len(models)}\n")
    print("models to check:", *(str(m) for m in models or ["none"]), sep="\n  ")
    if not models:
        return 0
    reports.mkdir(parents=True, exist_ok=True)
    if _env("MLFLOW_TRACKING_URI"):
        return check(models, root, reports, cli)
    with LocalRecord(Path(_env("RECORD_DIR", "autotrainer-record"))) as record:
        os.environ["MLFLOW_TRACKING_URI"] = record.uri
        return check(models, root, reports, cli)


if __name__ == "__main__":
    sys.exit(main())
