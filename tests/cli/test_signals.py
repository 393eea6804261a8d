"""Signal handling: abort at once while loading, stop gracefully while training."""

from __future__ import annotations

import os
import signal
import time

import pytest

from autotrainer.errors import Interrupted
from autotrainer.signals import abort_on_signals, stop_on_signals


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


def test_while_training_the_first_signal_requests_a_stop_and_the_second_exits() -> None:
    flag = Flag()
    with stop_on_signals(flag):  # type: ignore[arg-type]
        _deliver(signal.SIGTERM)
        assert flag.requested
        with pytest.raises(KeyboardInterrupt):
            _deliver(signal.SIGINT)


def test_loading_inside_training_handlers_restores_the_graceful_stop() -> None:
    flag = Flag()
    with stop_on_signals(flag):  # type: ignore[arg-type]
        with abort_on_signals():
            pass
        _deliver(signal.SIGTERM)
        assert flag.requested
