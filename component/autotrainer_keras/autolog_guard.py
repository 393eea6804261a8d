"""Keep MLflow autologging out of a job's own trainings.

With `mlflow.autolog()` or `mlflow.keras.autolog()` on, every `model.fit` opens a run of its
own (and, without TensorBoard installed, `mlflow.autolog()` makes `fit` fail). A job records
itself (one parent run, one nested run per training), so its fits run with autologging
suspended; the user's autolog settings are back as they were when the job ends.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator


@contextlib.contextmanager
def autologging_suspended() -> Iterator[None]:
    """Suspend every MLflow autologging integration for the `with` block.

    Nothing to do when MLflow was never imported (then autologging cannot be on).
    """
    if "mlflow" not in sys.modules:
        yield
        return
    from mlflow.utils import autologging_utils

    if autologging_utils._AUTOLOGGING_GLOBALLY_DISABLED:  # already suspended by a caller
        yield
        return
    with autologging_utils.disable_autologging():
        yield
