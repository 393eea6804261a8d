"""Calling MLflow without letting it stop a training: bounded retries, then degrade or raise.

`Guard.call` runs one MLflow operation. Transient failures (no connection, timeouts, 5xx,
429, database errors) are retried `retries` times, `wait_seconds` apart; MLflow's own HTTP
retries and timeout are bounded for the duration of the call so one try cannot hang for
minutes. A final failure raises TrackingError when strict; otherwise it is recorded in
`errors`, and a transient one (or any failure of an operation marked `critical`) turns the
guard `degraded`: later calls are not tried at all and their data goes to the spool.
"""

from __future__ import annotations

import os
import re
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

import requests
from mlflow.exceptions import MlflowException

from autotrainer_keras.errors import TrackingError
from autotrainer_keras.redact import redact_text

T = TypeVar("T")

HTTP_TIMEOUT_ENV = "MLFLOW_HTTP_REQUEST_TIMEOUT"
HTTP_MAX_RETRIES_ENV = "MLFLOW_HTTP_REQUEST_MAX_RETRIES"
QUIET_URLS_ENV = "MLFLOW_SUPPRESS_PRINTING_URL_TO_STDOUT"  # stdout belongs to the CLI


@contextmanager
def bounded_http(timeout_seconds: int, max_retries: int) -> Iterator[None]:
    """Bound MLflow's per-request timeout and retries inside the block (and keep it from
    printing run URLs to stdout).

    Values the user exported in the environment win; ours are removed again afterwards.
    """
    ours = {
        HTTP_TIMEOUT_ENV: str(timeout_seconds),
        HTTP_MAX_RETRIES_ENV: str(max_retries),
        QUIET_URLS_ENV: "true",
    }
    added = [name for name in ours if name not in os.environ]
    for name in added:
        os.environ[name] = ours[name]
    try:
        yield
    finally:
        for name in added:
            os.environ.pop(name, None)


def is_transient(error: BaseException) -> bool:
    """True when trying again later may help (connection, timeout, server-side trouble)."""
    if isinstance(error, MlflowException):
        status = error.get_http_status_code()
        return status >= 500 or status == 429
    return isinstance(error, (OSError, requests.RequestException, TimeoutError)) or (
        type(error).__module__.startswith("sqlalchemy")
    )


def warn_line(message: str) -> None:
    """Print one warning line to stderr."""
    print(f"autotrainer: WARNING: {redact_text(message)}", file=sys.stderr, flush=True)


class Guard:
    """Runs MLflow calls with retries; raises (strict) or records and degrades (default).

    Attributes:
        errors: One line per operation that finally failed.
        degraded: True once the tracking server is considered unreachable.
    """

    def __init__(
        self,
        *,
        uri: str,
        retries: int,
        wait_seconds: float,
        strict: bool,
        http_timeout_seconds: int,
        http_max_retries: int,
        spool_hint: str = "",
        sleep: Callable[[float], None] = time.sleep,
        warn: Callable[[str], None] = warn_line,
    ) -> None:
        self.uri = redact_text(uri)  # only ever shown
        self.retries = retries
        self.wait_seconds = wait_seconds
        self.strict = strict
        self.http_timeout_seconds = http_timeout_seconds
        self.http_max_retries = http_max_retries
        self.spool_hint = spool_hint
        self._sleep = sleep
        self._warn = warn
        self.errors: list[str] = []
        self.degraded = False
        self.calls = 0

    def call(
        self, what: str, fn: Callable[[], T], *, critical: bool = False
    ) -> tuple[bool, T | None]:
        """Run `fn`; return (True, result), or (False, None) when it did not happen.

        Args:
            what: Short name of the operation for error lines ("log_batch original").
            fn: The MLflow operation.
            critical: Degrade on any final failure (nothing later can work without it).

        Raises:
            TrackingError: When strict and the operation finally failed.
        """
        if self.degraded:
            return False, None
        error: BaseException | None = None
        for attempt in range(self.retries + 1):
            if attempt:
                self._sleep(self.wait_seconds)
            try:
                self.calls += 1
                with bounded_http(self.http_timeout_seconds, self.http_max_retries):
                    return True, fn()
            except Exception as caught:  # noqa: BLE001 - tracking must not stop training
                error = caught
                if not is_transient(caught):
                    break
        assert error is not None
        line = redact_text(f"{what}: {type(error).__name__}: {_first_line(error)}")
        self.errors.append(line)
        if self.strict:
            raise TrackingError(f"MLflow at {self.uri}: {line}") from error
        if critical or is_transient(error):
            self.degraded = True
            self._warn(
                f"MLflow at {self.uri} cannot be used ({what}: {short_reason(error)}); training"
                " goes on untracked"
                + (f", pending records are kept in {self.spool_hint}" if self.spool_hint else "")
            )
        else:
            self._warn(f"MLflow at {self.uri}: {line} (kept locally, going on)")
        return False, None


_CAUSE = re.compile(
    r"(\[Errno -?\d+\][^'\")]*|Read timed out|Connection reset by peer|Connection refused"
    r"|timed out|Name or service not known|Temporary failure in name resolution"
    r"|error code \d+ != 200)"
)


def short_reason(error: BaseException) -> str:
    """The cause in a few words ("[Errno 111] Connection refused"), else the first line."""
    found = _CAUSE.search(str(error))
    return found.group(1).strip() if found else _first_line(error)[:160]


def _first_line(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    return text[0][:300] if text else ""
