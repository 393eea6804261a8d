"""SIGINT/SIGTERM: stop the current training gracefully so the job can write what it has."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

from autotrainer.engine.attempt import StopFlag


@contextmanager
def stop_on_signals(flag: StopFlag) -> Iterator[StopFlag]:
    """While active, SIGINT and SIGTERM request a stop; a second signal exits at once."""

    def handle(signum: int, frame: FrameType | None) -> None:
        if flag.requested:
            raise KeyboardInterrupt
        flag.request()

    previous = {sig: signal.signal(sig, handle) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield flag
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
