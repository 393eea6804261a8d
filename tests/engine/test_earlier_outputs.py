"""A reused output directory never mixes two runs (session 14's hostile sweep: an earlier
`run`'s model.keras stayed beside a later `detect`'s report): an earlier job's own files go
before the next job trains; the user's files and a refused job change nothing."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
import pytest

import autotrainer_keras
from autotrainer_keras.engine.earlier_outputs import earlier_outputs, remove_earlier_outputs
from autotrainer_keras.errors import InputError


def _earlier_job(out: Path, tool: str = "autotrainer") -> None:
    out.mkdir()
    report = {"tool": {"name": tool, "version": "0"}, "plots": ["curves.png"],
              "final": {"model_path": str(out / "model.keras"),
                        "config_path": str(out / "final_config.yaml")}}  # fmt: skip
    (out / "report.json").write_text(json.dumps(report))
    for name in ("model.keras", "final_config.yaml", "curves.png", "report.html"):
        (out / name).write_bytes(b"earlier")
    (out / "notes.txt").write_text("the user's own")
    (out / "gradient_norms.png").write_bytes(b"not named by the report")


def test_only_the_files_an_earlier_report_names_are_removed(tmp_path: Path) -> None:
    out = tmp_path / "out"
    _earlier_job(out)
    assert remove_earlier_outputs(out) == [
        "model.keras", "final_config.yaml", "curves.png", "report.html", "report.json"
    ]  # fmt: skip
    assert sorted(p.name for p in out.iterdir()) == ["gradient_norms.png", "notes.txt"]


def test_a_report_of_another_tool_or_none_removes_nothing(tmp_path: Path) -> None:
    other = tmp_path / "other"
    _earlier_job(other, tool="someone-else")
    (tmp_path / "bare").mkdir()
    (tmp_path / "bare" / "model.keras").write_bytes(b"the user's model")
    broken = tmp_path / "broken"
    _earlier_job(broken)
    (broken / "report.json").write_text("{not json")
    for out in (other, tmp_path / "bare", broken):
        before = sorted(p.name for p in out.iterdir())
        assert earlier_outputs(out) == [] and remove_earlier_outputs(out) == []
        assert sorted(p.name for p in out.iterdir()) == before


@pytest.mark.medium
def test_a_detect_after_a_repair_leaves_no_model_of_the_repair(tmp_path: Path) -> None:
    sys.path.insert(0, str(Path(__file__).parents[1]))
    from cli.inputs import circles, tiny_model

    x, y = circles(240)
    out = tmp_path / "out"
    config = {"training": {"epochs": 2}, "repair": {"max_attempts": 1}}
    first = autotrainer_keras.fit(tiny_model(), x, y, config=config, output_dir=out,
                                  tracking=False, verbose=False)  # fmt: skip
    assert (out / "model.keras").is_file() and (out / "final_config.yaml").is_file()
    (out / "notes.txt").write_text("the user's own")
    earlier = {p.name: p.read_bytes() for p in out.iterdir()}
    wrong_x = np.ones((240, 3), "float32")  # 3 features for a 2-input model: refused
    with pytest.raises(InputError):  # and the earlier outputs stay as they were
        autotrainer_keras.fit(tiny_model(), wrong_x, y, repair=False, config=config,
                              output_dir=out, tracking=False, verbose=False)  # fmt: skip
    assert {p.name: p.read_bytes() for p in out.iterdir()} == earlier
    second = autotrainer_keras.fit(tiny_model(), x, y, repair=False, config=config,
                                   output_dir=out, tracking=False, verbose=False)  # fmt: skip
    assert first.report["command"] == "run" and second.report["command"] == "detect"
    names = {p.name for p in out.iterdir()}
    assert "model.keras" not in names and "final_config.yaml" not in names, names
    assert "notes.txt" in names and (out / "notes.txt").read_text() == "the user's own"
    assert json.loads((out / "report.json").read_text())["command"] == "detect"
