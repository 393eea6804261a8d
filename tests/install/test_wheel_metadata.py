"""The built wheel declares ranges, not pins, and the extras the README names (fast: a build
of the wheel, no install)."""

from __future__ import annotations

import re
from email.message import Message
from pathlib import Path

import pytest
from wheel_build import build_wheel, metadata, requirements

EXTRAS = {"tensorflow", "tensorflow-cpu", "tensorflow-and-cuda", "kfp", "dev"}


@pytest.fixture(scope="module")
def meta(tmp_path_factory: pytest.TempPathFactory) -> Message:
    return metadata(build_wheel(tmp_path_factory.mktemp("wheel")))


def _names(entries: list[str]) -> set[str]:
    return {re.split(r"[\s\[<>=!~;]", e, maxsplit=1)[0].lower() for e in entries}


def test_the_distribution_and_its_pythons(meta: Message) -> None:
    assert meta["Name"] == "autotrainer-keras"
    assert meta["Requires-Python"] == "<3.14,>=3.11"  # TensorFlow 2.20-2.21 wheels: 3.10-3.13


def test_no_runtime_requirement_is_pinned_exactly(meta: Message) -> None:
    runtime = requirements(meta, tuple(EXTRAS - {"dev"}))
    assert runtime and not [r for r in runtime if "==" in r or "===" in r], runtime
    for name in ("keras", "mlflow", "numpy"):  # each bounded above by its next major
        (entry,) = [r for r in runtime if _names([r]) == {name}]
        assert "<" in entry and ">=" in entry, entry


def test_tensorflow_and_kubeflow_are_extras_only(meta: Message) -> None:
    assert set(meta.get_all("Provides-Extra") or []) >= EXTRAS
    core = _names(requirements(meta))
    assert not core & {"tensorflow", "tensorflow-cpu", "kfp", "kfp-kubernetes", "docker"}, core
    assert {"keras", "mlflow"} <= core and "mlflow-skinny" not in core
    assert _names(requirements(meta, ("tensorflow",))) - core == {"tensorflow"}
    assert _names(requirements(meta, ("tensorflow-cpu",))) - core == {"tensorflow-cpu"}
    assert _names(requirements(meta, ("kfp",))) - core == {"kfp", "kfp-kubernetes", "docker"}
    cuda = [r for r in requirements(meta, ("tensorflow-and-cuda",)) if "and-cuda" in r]
    assert cuda and cuda[0].startswith("tensorflow[and-cuda]")


def test_the_lock_files_keep_exact_pins() -> None:
    root = Path(__file__).resolve().parents[2]
    for lock in ("requirements.lock", "requirements-runtime.lock"):
        lines = [
            line for line in (root / lock).read_text().splitlines()
            if line and not line.startswith((" ", "#", "-"))
        ]  # fmt: skip
        assert lines and all("==" in line for line in lines), lock
    locked = (root / "requirements.lock").read_text()
    assert re.search(r"^tensorflow-cpu==2\.2[01]\.\d+$", locked, re.M)
    assert re.search(r"^kfp==2\.\d+\.\d+$", locked, re.M)  # the [kfp] extra, via dev
