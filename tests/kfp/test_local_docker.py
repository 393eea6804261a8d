"""`autotrainer-keras local`: component.yaml in its container through kfp.local's DockerRunner.

Where no Docker engine answers (this project's CI machine has none), the command must say so
in one line and exit 2; where one does and the image was built (AUTOTRAINER_IMAGE names it),
the shipped component runs for real.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from autotrainer_keras.kfp.local_docker import DockerUnavailable, check_docker, run_local


def _engine_answers() -> bool:
    try:
        import docker

        docker.from_env(timeout=5).ping()
    except Exception:  # noqa: BLE001 - any failure means: no engine here
        return False
    return True


ENGINE = _engine_answers()


@pytest.mark.skipif(ENGINE, reason="a Docker engine answers here: the refusal cannot be seen")
def test_without_an_engine_the_refusal_is_one_clear_line(tmp_path: Path) -> None:
    with pytest.raises(DockerUnavailable) as refused:
        check_docker("ghcr.io/autotrainer/autotrainer:any")
    message = str(refused.value)
    assert "no Docker engine answers here" in message and "autotrainer-keras run" in message
    assert "\n" not in message and refused.value.exit_code == 2


def test_missing_inputs_are_refused_before_docker_is_asked(tmp_path: Path) -> None:
    with pytest.raises(Exception, match="--model .*no such file"):
        run_local(tmp_path / "missing.keras", tmp_path / "data.npz")


@pytest.mark.slow
@pytest.mark.skipif(
    not (ENGINE and os.environ.get("AUTOTRAINER_IMAGE")),
    reason="needs a Docker engine and the built image named by AUTOTRAINER_IMAGE",
)
def test_the_shipped_component_runs_in_its_container(tmp_path: Path) -> None:
    from kfp_inputs import CONFIG_TEXT, write_data, write_exploding_model

    status, report = run_local(
        write_exploding_model(tmp_path / "faulty.keras"),
        write_data(tmp_path / "data.npz"),
        image=os.environ["AUTOTRAINER_IMAGE"],
        pipeline_root=tmp_path / "root",
        inputs={"config": CONFIG_TEXT, "max_attempts": 1},
    )
    assert status in ("repaired", "unrepaired")
    assert (report / "report.json").is_file()


@pytest.mark.skipif(ENGINE, reason="a Docker engine answers here: the refusal cannot be seen")
def test_the_cli_command_refuses_in_one_line_with_exit_2(tmp_path: Path) -> None:
    import subprocess
    import sys

    from kfp_inputs import write_data, write_exploding_model

    model = write_exploding_model(tmp_path / "faulty.keras")
    done = subprocess.run(
        [str(Path(sys.executable).parent / "autotrainer-keras"), "local", "--model", str(model),
         "--data", str(write_data(tmp_path / "data.npz"))],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 2, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "no Docker engine answers here" in lines[0]
