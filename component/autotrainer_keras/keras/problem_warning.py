"""The warning category of `Watch(on_problem="warn")`."""


class TrainingProblemWarning(UserWarning):
    """Issued by `Watch(on_problem="warn")` once per training problem it finds.

    Filter it like any warning, e.g.
    `warnings.simplefilter("error", autotrainer_keras.keras.TrainingProblemWarning)` to make a
    problem raise.
    """
