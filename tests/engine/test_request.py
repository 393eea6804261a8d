"""The request checked at the boundary: the job owns its output directory (issue 14, 1/3/5).

Fast: nothing here trains or imports TensorFlow (`check_request` refuses before it would).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from autotrainer_keras.cli_runner import CliFlags, run_from_cli
from autotrainer_keras.config import AutotrainerConfig
from autotrainer_keras.engine.request import JobRequest, Mode, check_request
from autotrainer_keras.errors import InputError


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    """A model file (only its archive header is read here) and a data file in `tmp_path/x`."""
    folder = tmp_path / "x"
    folder.mkdir()
    model = folder / "model.keras"
    import zipfile

    with zipfile.ZipFile(model, "w") as archive:
        archive.writestr("config.json", '{"class_name": "Sequential", "config": {"layers": []}}')
        archive.writestr("metadata.json", "{}")
    data = folder / "data.npz"
    np.savez(data, x_train=np.zeros((4, 2), "float32"), y_train=np.zeros(4, "float32"))
    return model, data


@pytest.fixture
def in_dir(tmp_path: Path) -> Iterator[Path]:
    before = Path.cwd()
    os.chdir(tmp_path / "x")
    try:
        yield tmp_path / "x"
    finally:
        os.chdir(before)


def _request(model: Path, data: Path, out: Path) -> JobRequest:
    return JobRequest(Mode.REPAIR, model, data, AutotrainerConfig(), output_dir=out)


def test_the_models_own_folder_is_refused_and_the_model_is_left_alone(files) -> None:
    model, data = files
    before = model.read_bytes(), model.stat().st_mtime_ns
    with pytest.raises(InputError, match=r"holds the input model file .*model\.keras") as caught:
        check_request(_request(model, data, model.parent))
    assert caught.value.exit_code == 2 and "\n" not in str(caught.value)
    assert (model.read_bytes(), model.stat().st_mtime_ns) == before


def test_dot_is_refused_when_it_holds_an_input(files, in_dir: Path) -> None:
    model, data = files
    with pytest.raises(InputError, match="holds the input model file"):
        check_request(_request(Path("model.keras"), Path("data.npz"), Path(".")))
    elsewhere = in_dir.parent / "models"
    elsewhere.mkdir()
    other = elsewhere / "model.keras"
    other.write_bytes(model.read_bytes())
    with pytest.raises(InputError, match="holds the input data file"):
        check_request(_request(other, Path("data.npz"), Path(".")))


def test_the_cli_refuses_it_with_exit_2_before_training(files, capsys) -> None:
    model, data = files
    flags = CliFlags(repair=True, model=model, data=data, output=model.parent, no_tracking=True)
    with pytest.raises(InputError) as caught:
        run_from_cli(flags)
    assert caught.value.exit_code == 2
    assert sorted(p.name for p in model.parent.iterdir()) == ["data.npz", "model.keras"]


def test_a_sibling_or_child_output_directory_is_fine(files) -> None:
    model, data = files
    checked = check_request(_request(model, data, model.parent / "out"))
    assert checked.out.is_dir() and checked.set_aside == {}
    checked = check_request(_request(model, data, model.parent.parent / "elsewhere"))
    assert checked.out.is_dir()


def test_an_earlier_runs_spool_is_set_aside(files) -> None:
    model, data = files
    out = model.parent.parent / "out"
    out.mkdir()
    (out / "mlflow-spool.jsonl").write_text('{"op": "errors"}\n')
    (out / "mlflow-spool.progress.json").write_text('{"sent": 0}\n')
    checked = check_request(_request(model, data, out))
    assert not (out / "mlflow-spool.jsonl").exists()
    assert not (out / "mlflow-spool.progress.json").exists()
    kept = out / checked.set_aside["mlflow-spool.jsonl"]
    assert kept.read_text() == '{"op": "errors"}\n'
    assert kept.name.startswith("mlflow-spool.earlier-")
    assert (out / checked.set_aside["mlflow-spool.progress.json"]).is_file()
    (out / "mlflow-spool.jsonl").write_text("{}\n")  # a third run: a second name, nothing lost
    again = check_request(_request(model, data, out))
    assert again.set_aside["mlflow-spool.jsonl"] != checked.set_aside["mlflow-spool.jsonl"]
    assert len(list(out.glob("mlflow-spool.earlier-*.jsonl"))) == 2


def test_mode_names_the_command() -> None:
    assert (Mode.DETECT.command, Mode.REPAIR.command) == ("detect", "run")
