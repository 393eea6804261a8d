"""TensorFlow's start-up noise kept off the CLI's stderr (unless `--verbose`).

`import tensorflow` prints, from C++, before any Python setting applies: absl's "All log
messages before absl::InitializeLog() ..." and oneDNN / CPU-feature INFO lines (twice, once
per native library; TF_CPP_MIN_LOG_LEVEL does not reach them in TF 2.21, measured). The only
switch that works is the file descriptor: stderr (fd 2) goes to a temporary file during the
import, and afterwards every line that is not known noise is written back, so a real error
message is never lost. Later C++ INFO/WARNING lines are cut by TF_CPP_MIN_LOG_LEVEL=2, and
Python-side absl logging is set to ERROR.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager

NOISE = (
    "All log messages before absl::InitializeLog()",
    "oneDNN custom operations are on",
    "cpu_feature_guard.cc",
    "To enable the following instructions:",
    "computation placer already registered",
    "Unable to register cuDNN factory",
    "Unable to register cuFFT factory",
    "Unable to register cuBLAS factory",
    "could not find cuda drivers",
    "TF-TRT Warning",
)
"""Fragments of TensorFlow start-up lines that say nothing about the user's job."""


def is_noise(line: str) -> bool:
    """True for a TensorFlow start-up line (see NOISE) or a blank line."""
    return not line.strip() or any(fragment in line for fragment in NOISE)


@contextmanager
def filtered_native_stderr() -> Iterator[None]:
    """Send fd 2 to a temporary file in the block; then write back the lines not noise."""
    sys.stderr.flush()
    try:
        saved = os.dup(2)
    except OSError:  # no fd 2 (a detached process): nothing to filter
        yield
        return
    with tempfile.TemporaryFile() as captured:
        os.dup2(captured.fileno(), 2)
        try:
            yield
        finally:
            sys.stderr.flush()
            os.dup2(saved, 2)
            os.close(saved)
            captured.seek(0)
            text = captured.read().decode("utf-8", errors="replace")
            kept = [line for line in text.splitlines() if not is_noise(line)]
            if kept:
                print("\n".join(kept), file=sys.stderr, flush=True)


def import_tensorflow(verbose: bool = False) -> None:
    """Import TensorFlow and Keras; quietly unless `verbose` (see the module docstring)."""
    if verbose:
        import keras  # noqa: F401 - the import is the point

        return
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    with filtered_native_stderr():
        import keras  # noqa: F401
    import absl.logging

    absl.logging.set_verbosity(absl.logging.ERROR)
