"""SIGINT/SIGTERM: stop the current training gracefully so the job can write what it has."""

from __future__ import annotations

import signal
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FrameType
from typing import TYPE_CHECKING

from autotrainer.errors import Interrupted

if TYPE_CHECKING:
    from autotrainer.engine.attempt import StopFlag

SIGNALS = (signal.SIGINT, signal.SIGTERM)
Handler = Callable[[int, FrameType | None], None]


@contextmanager
def _handling(handle: Handler) -> Iterator[None]:
    previous = {sig: signal.signal(sig, handle) for sig in SIGNALS}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


@contextmanager
def stop_on_signals(flag: StopFlag) -> Iterator[StopFlag]:
    """While active, SIGINT and SIGTERM request a stop; a second signal exits at once."""

    def handle(signum: int, frame: FrameType | None) -> None:
        if flag.requested:
            raise KeyboardInterrupt
        flag.request()

    with _handling(handle):
        yield flag


@contextmanager
def abort_on_signals() -> Iterator[None]:
    """While active, SIGINT and SIGTERM raise Interrupted at once: for loading and checking,
    when there is nothing to save yet (a stop request would only be seen after a training)."""

    def handle(signum: int, frame: FrameType | None) -> None:
        name = signal.Signals(signum).name
        raise Interrupted(f"interrupted by {name} before training started; no results written")

    with _handling(handle):
        yield
