"""Signal handling: abort at once while loading, stop gracefully while training."""

from __future__ import annotations

import io
import os
import signal
import time

import pytest

from autotrainer_keras.errors import Interrupted
from autotrainer_keras.signals import abort_on_signals, stop_on_signals


class Flag:
    """The StopFlag protocol (`requested`, `request()`) without importing Keras."""

    def __init__(self) -> None:
        self.requested = False

    def request(self) -> None:
        self.requested = True


def _deliver(signum: int) -> None:
    os.kill(os.getpid(), signum)
    time.sleep(0.05)  # the handler runs at the next bytecode boundary


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_while_loading_a_signal_aborts_at_once(signum: int) -> None:
    before = signal.getsignal(signum)
    expected = pytest.raises(Interrupted, match="before training started; no results written")
    with expected, abort_on_signals():
        _deliver(signum)
        pytest.fail("the signal did not interrupt")
    assert signal.getsignal(signum) is before  # handlers restored


def test_while_training_signals_are_idempotent_and_a_repeat_is_answered_once() -> None:
    flag = Flag()
    stream = io.StringIO()
    with stop_on_signals(flag, stream):  # type: ignore[arg-type]
        _deliver(signal.SIGTERM)
        assert flag.requested and stream.getvalue() == ""
        for signum in (signal.SIGINT, signal.SIGINT, signal.SIGTERM):
            _deliver(signum)  # no KeyboardInterrupt: the outputs being written are not lost
    assert flag.requested
    assert stream.getvalue() == (
        "autotrainer: SIGINT: already stopping; writing the results so far\n"
    )


def test_loading_inside_training_handlers_restores_the_graceful_stop() -> None:
    flag = Flag()
    with stop_on_signals(flag):  # type: ignore[arg-type]
        with abort_on_signals():
            pass
        _deliver(signal.SIGTERM)
        assert flag.requested
