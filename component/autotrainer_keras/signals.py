"""SIGINT/SIGTERM: stop the current training gracefully so the job can write what it has.

Repeated signals are idempotent: the first asks for the stop, the others change nothing."""

from __future__ import annotations

import signal
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FrameType
from typing import TYPE_CHECKING, TextIO

from autotrainer_keras.errors import Interrupted

if TYPE_CHECKING:
    from autotrainer_keras.engine.attempt import StopFlag

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
def stop_on_signals(flag: StopFlag, stream: TextIO | None = None) -> Iterator[StopFlag]:
    """While active, SIGINT and SIGTERM request a stop, idempotently: the training stops after
    its current batch, the job writes its outputs and ends its MLflow runs KILLED. A further
    signal changes nothing (it would only lose the outputs being written); it is answered once
    with a line on `stream` (default stderr)."""
    told = False

    def handle(signum: int, frame: FrameType | None) -> None:
        nonlocal told
        if not flag.requested:
            flag.request()
            return
        if not told:
            told = True
            name = signal.Signals(signum).name
            print(
                f"autotrainer: {name}: already stopping; writing the results so far",
                file=stream or sys.stderr,
                flush=True,
            )

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
