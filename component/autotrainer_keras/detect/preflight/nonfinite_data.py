"""Training rows whose inputs or targets hold NaN or Inf, under a loss that does not mask them
(`Watch` only: the job refuses such data before training). Every batch holding one of them
has a NaN loss from the first step, and the NaN gradients carry it into the weights: it read
as exploding gradients at step 0 (practice batch 21: `np.log1p` of standardised prices, NaN
on the tenth of them below -1). A loss that masks them (partly labelled rows, practice batch
14) gives those rows a finite value and is no finding. Measured: the compiled loss on the
probe rows that are not finite (`measure.start_loss.nonfinite_loss_rows`).
"""

from __future__ import annotations

from autotrainer_keras.detect.preflight.base import setup_finding
from autotrainer_keras.problems import Finding, SetupProblem


def nonfinite_data(rows: int, unfinished: int, nan_loss: int, where: str) -> Finding | None:
    """Fires when some of the `rows` probe rows (`unfinished` of them with NaN/Inf in their
    `where`: "inputs", "targets" or "inputs and targets") have a NaN or Inf loss (`nan_loss`
    of those)."""
    if nan_loss <= 0 or unfinished <= 0:
        return None
    return setup_finding(
        SetupProblem.ABNORMAL_DATA,
        f"{unfinished} of the {rows} probe rows hold NaN or Inf in their {where}, and the "
        f"loss is NaN or Inf on {nan_loss} of them (it does not mask them): every batch "
        "holding such a row has a NaN loss and NaN gradients from the first step, which then "
        "reach the weights; drop or impute those rows before training (a log of values at "
        "or below 0, or a division by 0, in the preprocessing makes them), or mask them in "
        "the loss",
        {"rows": float(rows), "nonfinite_rows": float(unfinished),
         "nonfinite_loss_rows": float(nan_loss)},  # fmt: skip
    )
