"""Screenshots of the MLflow UI for docs/: what a user sees after one repaired job.

    .venv/bin/python scripts/docs/screenshots.py [--out docs/images] [--chromium /usr/bin/chromium]

Runs the demo's exploding-gradient model through `autotrainer-keras run` (registered model
`demo-churn`) against a fresh sqlite store in a scratch directory, starts `mlflow server` on
loopback over it, and takes headless-Chromium screenshots of the runs list, the parent run, the
registered model version and the logged models with their versions. Needs Chromium (Debian: `apt-get
install chromium`) and Playwright's Python client (`uv pip install playwright`; its own browser
download is not needed). The facts shown are read back with MlflowClient by tests/record.
"""

from __future__ import annotations

import argparse
import contextlib
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

import numpy as np

NAME = "demo-churn"
EXPERIMENT = "autotrainer-demo"
PAGES = {  # file: (page, a text that shows the page has rendered its data)
    "mlflow-runs-list.png": ("#/experiments/{experiment}/runs", "churn"),
    "mlflow-parent-run.png": ("#/experiments/{experiment}/runs/{run}", "REPAIRED"),
    "mlflow-model-version.png": ("#/models/{name}/versions/{version}", "Repaired by autotrainer"),
    "mlflow-logged-models.png": ("#/experiments/{experiment}/models", "repaired_model"),
}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _job(scratch: Path) -> dict[str, str]:
    """Run the demo's faulty model; return the ids the pages need."""
    from mlflow import MlflowClient

    from autotrainer_keras.demo import make_data, make_model

    model_file, data_file = scratch / "churn.keras", scratch / "churn.npz"
    make_model("exploding_gradient").save(model_file)
    np.savez(data_file, **make_data())
    uri = f"sqlite:///{scratch / 'mlflow.db'}"
    command = [
        str(Path(sys.executable).parent / "autotrainer-keras"), "run", "--model", str(model_file),
        "--data", str(data_file), "--output", str(scratch / "out"), "--tracking-uri", uri,
        "--experiment", EXPERIMENT, "--registered-model-name", NAME, "--quiet",
    ]  # fmt: skip
    subprocess.run(command, check=False, cwd=scratch)
    client = MlflowClient(uri)
    experiment = client.get_experiment_by_name(EXPERIMENT)
    assert experiment is not None, "the job recorded nothing"
    [job] = client.search_runs(
        [experiment.experiment_id], "tags.`autotrainer.run_kind` = 'job'", max_results=1
    )
    versions = client.search_model_versions(f"name = '{NAME}'")
    latest = max(versions, key=lambda v: int(v.version))
    return {
        "uri": uri,
        "experiment": experiment.experiment_id,
        "run": job.info.run_id,
        "name": NAME,
        "version": str(latest.version),
    }


def _serve(uri: str, scratch: Path, port: int) -> subprocess.Popen[bytes]:
    server = subprocess.Popen(
        [sys.executable, "-m", "mlflow", "server", "--backend-store-uri", uri,
         "--artifacts-destination", str(scratch / "mlartifacts"), "--host", "127.0.0.1",
         "--port", str(port), "--workers", "1"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=2)  # noqa: S310
            return server
        except OSError:
            time.sleep(1)
    server.kill()
    raise SystemExit("mlflow server did not start within 600 s")


def _tidy(page: Any) -> None:
    """The model-training view of the UI, without the assistant's side panel (the UI keeps
    both choices in the browser's storage, so once is enough)."""
    for control in (page.get_by_text("Model training", exact=True),
                    page.get_by_role("button", name="Close")):  # fmt: skip
        with contextlib.suppress(Exception):  # a UI without the control: nothing to tidy
            control.first.click(timeout=10_000)


def _shoot(page: Any, url: str, ready_text: str, target: Path) -> None:
    page.goto(url, timeout=300_000)
    page.get_by_text(ready_text).first.wait_for(timeout=300_000)
    _tidy(page)
    page.wait_for_timeout(5_000)  # charts and side panels settle after the data arrives
    page.screenshot(path=str(target))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("docs/images"))
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="autotrainer-shots-") as tmp:
        scratch = Path(tmp)
        ids = _job(scratch)
        port = _free_port()
        server = _serve(ids["uri"], scratch, port)
        try:
            from playwright.sync_api import sync_playwright

            with sync_playwright() as driver:
                browser = driver.chromium.launch(executable_path=args.chromium)
                page = browser.new_page(viewport={"width": 1440, "height": 1000})
                for file, (fragment, ready_text) in PAGES.items():
                    url = f"http://127.0.0.1:{port}/{fragment.format(**ids)}"
                    _shoot(page, url, ready_text, args.out / file)
                    print(f"wrote {args.out / file}  ({url})")
                browser.close()
        finally:
            server.terminate()
            try:
                server.wait(timeout=120)
            except subprocess.TimeoutExpired:
                server.kill()
    return 0


if __name__ == "__main__":
    sys.exit(main())
