"""Writing outputs atomically: a temporary file in the same directory, then a rename."""

from __future__ import annotations

import json
import math
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from autotrainer_keras.errors import InputError
from autotrainer_keras.redact import redact_text


def _umask() -> int:
    """The process umask (read by setting it, then putting it back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_atomic(path: Path, write: Callable[[Path], object]) -> Path:
    """Call `write(tmp_path)`, then rename the temporary file onto `path`.

    The file gets the mode a plain `open(path, "w")` would give (0666 less the umask, e.g.
    0644), not mkstemp's 0600: a later pipeline step under another UID can read it.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=path.suffix, dir=path.parent)
    os.close(handle)
    tmp_path = Path(tmp)
    try:
        write(tmp_path)
        os.chmod(tmp_path, 0o666 & ~_umask())
        os.replace(tmp_path, path)
    finally:
        tmp_path.unlink(missing_ok=True)
    return path


def write_text_atomic(path: Path, text: str) -> Path:
    return write_atomic(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))


def jsonable(value: Any) -> Any:
    """Plain JSON data: NaN/Inf become null, numpy scalars become Python numbers."""
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if hasattr(value, "item") and not isinstance(value, str | bytes):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def write_json_atomic(path: Path, data: Any) -> Path:
    text = json.dumps(jsonable(data), indent=2, allow_nan=False, default=str)
    return write_text_atomic(path, redact_text(text) + "\n")  # no URI credentials stored


def prepare_output_dir(path: Path) -> Path:
    """Create the output directory and prove it is writable, or raise InputError."""
    try:
        if path.exists() and not path.is_dir():
            raise InputError(f"output directory {path} is a file; pass a directory")
        path.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path, prefix=".write-test-"):
            pass
    except OSError as error:
        shown = str(path) if len(str(path)) <= 120 else str(path)[:117] + "..."
        raise InputError(
            f"output directory {shown} cannot be written: {error.strerror or error}"
        ) from None
    return path
