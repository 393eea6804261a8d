"""The small error hierarchy. The CLI maps each to an exit code and a one-line message."""


class AutotrainerError(Exception):
    """Base class of every error autotrainer raises on purpose."""

    exit_code = 1


class InputError(AutotrainerError):
    """Bad user input: model, data, config, flags or output directory. Exit code 2."""

    exit_code = 2


class ModelSpecError(AutotrainerError):
    """A model or training spec that a repair cannot be applied to (not the user's fault)."""


class TrackingError(AutotrainerError):
    """MLflow could not record something. Never raised out of a training unless strict."""


class Interrupted(AutotrainerError):
    """The job received SIGINT or SIGTERM; what was computed has been written."""

    exit_code = 130
