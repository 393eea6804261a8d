"""One event stream for a job's observers: the tracking sink and the progress view.

Whoever starts an attempt also ends it, with a context manager, so no observer ever sees an
attempt end that did not start, or one left open:

    with recorder.attempt("repair-1-adam", params, index=1, total=8, description=text) as run:
        result = train(...)        # recorder.epoch / recorder.check / recorder.finding inside
        run.finish("solved", summary)

Leaving the block without `finish` (an error) ends the attempt FAILED with outcome "error";
`finish(..., interrupted=True)` ends its MLflow run KILLED.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from autotrainer_keras.errors import Interrupted
from autotrainer_keras.measure.history import CheckRecord
from autotrainer_keras.problems import Finding
from autotrainer_keras.progress import Progress
from autotrainer_keras.record.report_model import Withdrawn
from autotrainer_keras.record.sink import Sink
from autotrainer_keras.record.summary import AttemptSummary


@dataclass
class AttemptRun:
    """The open attempt: its name, and how it ended once `finish` was called."""

    name: str
    outcome: str | None = None
    summary: AttemptSummary | None = None
    interrupted: bool = False

    def finish(self, outcome: str, summary: AttemptSummary, interrupted: bool = False) -> None:
        """Say how the attempt ended (sent when the `with` block closes)."""
        self.outcome, self.summary, self.interrupted = outcome, summary, interrupted


class Recorder:
    """Fans a job's events out to the sink (records) and the progress view (people)."""

    def __init__(self, sink: Sink, progress: Progress) -> None:
        self.sink = sink
        self.progress = progress
        self.current: str | None = None

    @contextmanager
    def attempt(
        self, name: str, params: dict[str, Any], *, index: int, total: int, description: str
    ) -> Iterator[AttemptRun]:
        """Start one training; end it when the block closes (see the module docstring)."""
        if self.current is not None:
            raise RuntimeError(f"attempt {name!r} started while {self.current!r} is open")
        self.progress.attempt_started(name, index, total, description)
        self.sink.start_attempt(name, params)
        self.current = name
        run = AttemptRun(name)
        try:
            yield run
        except BaseException as error:
            self.current = None
            stopped = isinstance(error, KeyboardInterrupt | Interrupted)
            self.sink.end_attempt("error", None, status="KILLED" if stopped else "FAILED")
            raise
        finally:
            self.current = None
        status = "KILLED" if run.interrupted else "FINISHED"
        outcome = run.outcome or "error"
        self.sink.end_attempt(outcome, run.summary, status=status)
        self.progress.attempt_finished(name, outcome, run.summary)

    def epoch(self, name: str, epoch: int, epochs: int, logs: dict[str, float]) -> None:
        self.sink.log_epoch(epoch, logs)
        self.progress.epoch(name, epoch, epochs, logs)

    def check(self, check: CheckRecord) -> None:
        self.sink.log_check(check)

    def finding(self, finding: Finding) -> None:
        self.sink.log_finding(finding)
        self.progress.finding(finding)

    def message(self, text: str) -> None:
        self.progress.message(text)

    def findings_withdrawn(self, original: AttemptSummary, withdrawn: Sequence[Withdrawn]) -> None:
        """The original's findings withdrawn (`policy.withdraws`): the sink restates what it
        recorded of the original; the progress says why."""
        self.sink.withdraw_findings(original, withdrawn)
        for item in withdrawn:
            self.progress.message(f"  withdrawn: {item.finding.problem.value}: {item.why}")
