"""Build the project's wheel and read its metadata (shared by the install tests)."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from email.message import Message
from email.parser import Parser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
UV = Path(sys.executable).parent / "uv"


def build_wheel(out_dir: Path) -> Path:
    """`uv build --wheel` of the repository into `out_dir`; the wheel's path."""
    subprocess.run(
        [str(UV), "build", "--wheel", "--quiet", "--out-dir", str(out_dir), str(ROOT)],
        check=True, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    (wheel,) = out_dir.glob("autotrainer_keras-*.whl")
    return wheel


def metadata(wheel: Path) -> Message:
    """The wheel's METADATA (Requires-Dist, Provides-Extra, Requires-Python, ...)."""
    with zipfile.ZipFile(wheel) as archive:
        (name,) = [n for n in archive.namelist() if n.endswith(".dist-info/METADATA")]
        return Parser().parsestr(archive.read(name).decode("utf-8"))


def requirements(meta: Message, extras: tuple[str, ...] = ()) -> list[str]:
    """The Requires-Dist entries for the core and `extras`, markers stripped."""
    found = []
    for entry in meta.get_all("Requires-Dist") or []:
        requirement, _, marker = entry.partition(";")
        extra = marker.split("extra ==")[-1].strip().strip("'\"") if "extra ==" in marker else ""
        if not extra or extra in extras:
            found.append(requirement.strip())
    return found
