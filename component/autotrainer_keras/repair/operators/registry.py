"""Every repair operator by solution id and profile: the one place that picks them.

A new operator is one module with an `OPERATORS` tuple and one line in `_FAMILIES` (or, for
a `paper`-only version of an existing id, an entry in `operators.paper`).

Ids are the paper's (spec section 4), except that its direction-dependent `lr` is split
into `lr_up` and `lr_down` (see `learning_rate`). The set-up repairs of the pre-flight
findings (`SETUP_PLANS` in `repair.plans`) add `lr_default`, `nonlinear`, and operators
built from the data's facts (`DATA_OPERATORS`: `normalize`, `adapt_normalization`,
`more_bins`, `output_pair`, `scale_target`, `schedule_stretch`, `text_length`, `balanced_weights`,
`epochs_up`);
the default profile's exploding-gradient plan adds `clip_rnn` (recurrent models) and
`nonlinear`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from autotrainer_keras.errors import InputError, ModelSpecError
from autotrainer_keras.measure.setup_facts import DataFacts
from autotrainer_keras.repair.operators.accumulation_off import OPERATORS as ACCUMULATION_OFF
from autotrainer_keras.repair.operators.activation import OPERATORS as ACTIVATION
from autotrainer_keras.repair.operators.adapt_normalization import adapt_normalization_operator
from autotrainer_keras.repair.operators.balanced_weights import balanced_weights_operator
from autotrainer_keras.repair.operators.base import RepairOperator
from autotrainer_keras.repair.operators.batch_size import OPERATORS as BATCH_SIZE
from autotrainer_keras.repair.operators.batchnorm import OPERATORS as BATCHNORM
from autotrainer_keras.repair.operators.bn_momentum import OPERATORS as BN_MOMENTUM
from autotrainer_keras.repair.operators.clip_loose import OPERATORS as CLIP_LOOSE
from autotrainer_keras.repair.operators.clip_recurrent import OPERATORS as CLIP_RECURRENT
from autotrainer_keras.repair.operators.clipping import OPERATORS as CLIPPING
from autotrainer_keras.repair.operators.dropout_down import OPERATORS as DROPOUT_DOWN
from autotrainer_keras.repair.operators.early_stop_off import OPERATORS as EARLY_STOP_OFF
from autotrainer_keras.repair.operators.ema_default import OPERATORS as EMA_DEFAULT
from autotrainer_keras.repair.operators.epochs_up import epochs_up_operator
from autotrainer_keras.repair.operators.float32_head import OPERATORS as FLOAT32_HEAD
from autotrainer_keras.repair.operators.init_default import OPERATORS as INIT_DEFAULT
from autotrainer_keras.repair.operators.initializer import OPERATORS as INITIALIZER
from autotrainer_keras.repair.operators.learning_rate import OPERATORS as LEARNING_RATE
from autotrainer_keras.repair.operators.lr_default import OPERATORS as LR_DEFAULT
from autotrainer_keras.repair.operators.more_bins import more_bins_operator
from autotrainer_keras.repair.operators.noise import OPERATORS as NOISE
from autotrainer_keras.repair.operators.nonlinear import OPERATORS as NONLINEAR
from autotrainer_keras.repair.operators.normalize import normalize_operator
from autotrainer_keras.repair.operators.optimizer import OPERATORS as OPTIMIZER
from autotrainer_keras.repair.operators.output_pair import output_pair_operator
from autotrainer_keras.repair.operators.outputs_pair import outputs_pair_operator
from autotrainer_keras.repair.operators.overfitting import OPERATORS as OVERFITTING
from autotrainer_keras.repair.operators.paper import OPERATORS as PAPER_VERSIONS
from autotrainer_keras.repair.operators.positive_output import OPERATORS as POSITIVE_OUTPUT
from autotrainer_keras.repair.operators.regularizer_down import OPERATORS as REGULARIZER_DOWN
from autotrainer_keras.repair.operators.scale_outputs import scale_outputs_operator
from autotrainer_keras.repair.operators.scale_target import scale_target_operator
from autotrainer_keras.repair.operators.schedule_off import OPERATORS as SCHEDULE_OFF
from autotrainer_keras.repair.operators.schedule_stretch import schedule_stretch_operator
from autotrainer_keras.repair.operators.shuffle_on import OPERATORS as SHUFFLE_ON
from autotrainer_keras.repair.operators.text_length import text_length_operator
from autotrainer_keras.repair.operators.unfreeze import OPERATORS as UNFREEZE

# A family's operators in this order; a new family is one import line and one entry here.
_FAMILIES = (
    ACTIVATION,
    BATCHNORM,
    CLIPPING,
    INITIALIZER,
    BATCH_SIZE,
    LEARNING_RATE,
    OPTIMIZER,
    NOISE,
    OVERFITTING,
)
_SETUP_FAMILIES = (LR_DEFAULT, NONLINEAR, CLIP_RECURRENT, DROPOUT_DOWN, REGULARIZER_DOWN,
                   INIT_DEFAULT, BN_MOMENTUM, SCHEDULE_OFF, EARLY_STOP_OFF,
                   EMA_DEFAULT, POSITIVE_OUTPUT, UNFREEZE, SHUFFLE_ON,
                   ACCUMULATION_OFF, CLIP_LOOSE, FLOAT32_HEAD)  # fmt: skip

OPERATORS: dict[str, RepairOperator] = {op.id: op for family in _FAMILIES for op in family}
"""The operators by id: the `default` profile's, and the `paper` profile's where
`PAPER_OPERATORS` has no version of its own."""

PAPER_OPERATORS: dict[str, RepairOperator] = {**OPERATORS, **{op.id: op for op in PAPER_VERSIONS}}
"""The `paper` profile's operators: the original code's versions (`operators.paper`) over the
shared ones."""

_BY_PROFILE = {"default": OPERATORS, "paper": PAPER_OPERATORS}

SETUP_OPERATORS: dict[str, RepairOperator] = {
    op.id: op for family in _SETUP_FAMILIES for op in family
}
"""The default profile's operators beyond the paper's that need only the spec: the set-up
repairs, `clip_rnn` (exploding gradients in recurrent models), `dropout_down` (slow
convergence under dropout rates above 0.5), `regularizer_down` (L1/L2 penalties above
0.01), `init_default` (the standard initialisation
for layers with a fixed-scale or constant one) and `bn_momentum` (BatchNormalization moving
statistics that lag behind the training: an inference mismatch), `schedule_off` (the
caller's learning-rate callbacks left out when the rate they set collapsed) and
`early_stop_off` (the caller's EarlyStopping left out when it stopped a training still
learning), `positive_output` (a softplus output where the loss is NaN at the initial
weights), `accumulation_off` (gradient accumulation that leaves too few updates) and
`clip_loose` (a gradient clip that caps plain SGD's steps) and `float32_head` (a
mixed-precision model's outputs computed in float32)."""

DATA_OPERATORS: dict[str, Callable[[DataFacts], RepairOperator]] = {
    "adapt_normalization": adapt_normalization_operator,
    "balanced_weights": balanced_weights_operator,
    "epochs_up": epochs_up_operator,
    "more_bins": more_bins_operator,
    "normalize": normalize_operator,
    "output_pair": output_pair_operator,
    "scale_target": scale_target_operator,
    "schedule_stretch": schedule_stretch_operator,
    "text_length": text_length_operator,
}
"""The set-up repairs built from the training data's facts."""


OutputOperator = Callable[[Mapping[str, DataFacts], tuple[str, ...]], RepairOperator]
OUTPUT_OPERATORS: dict[str, OutputOperator] = {
    "scale_target": lambda facts, _outputs: scale_outputs_operator(facts),
    "output_pair": outputs_pair_operator,
}
"""The data operators of a multi-output model, built from each output's targets' facts and
the outputs the finding names (`Finding.outputs`; `scale_target` rescales every output)."""

INPUT_OPERATORS = frozenset(
    {"adapt_normalization", "epochs_up", "more_bins", "normalize", "schedule_stretch",
     "text_length"}
)
"""The data operators that read only the inputs' facts and the number of rows (so they apply
to a multi-output model, whose targets have facts per output)."""


def get_operator(
    solution_id: str,
    profile: str = "default",
    facts: DataFacts | None = None,
    input_facts: DataFacts | None = None,
    output_facts: Mapping[str, DataFacts] | None = None,
    outputs: tuple[str, ...] = (),
) -> RepairOperator:
    """The operator with this solution id under `profile` (`default` or `paper`); `facts`:
    the training data's, for `DATA_OPERATORS`; `input_facts`: the inputs' alone, enough for
    `INPUT_OPERATORS` (default: `facts`); `output_facts`: a multi-output model's, per output,
    for `OUTPUT_OPERATORS` (used when `facts` is None), with `outputs`, the ones the
    finding names.

    Raises:
        InputError: No operator has this id (the message lists the ids that exist), or the
            profile is unknown.
        ModelSpecError: A data operator was asked for without the data's facts.
    """
    operators = _BY_PROFILE.get(profile)
    if operators is None:
        raise InputError(f"unknown profile {profile!r}; allowed: {', '.join(_BY_PROFILE)}")
    if solution_id in OUTPUT_OPERATORS and facts is None and output_facts:
        return OUTPUT_OPERATORS[solution_id](output_facts, outputs)
    if solution_id in DATA_OPERATORS:
        read = (input_facts or facts) if solution_id in INPUT_OPERATORS else facts
        if read is None:
            raise ModelSpecError(f"{solution_id}: needs the training data's facts")
        return DATA_OPERATORS[solution_id](read)
    if solution_id in SETUP_OPERATORS:
        return SETUP_OPERATORS[solution_id]
    try:
        return operators[solution_id]
    except KeyError:
        hint = " (the paper's 'lr' is 'lr_up' or 'lr_down' here)" if solution_id == "lr" else ""
        raise InputError(
            f"unknown repair solution {solution_id!r}{hint}; known: "
            f"{', '.join([*OPERATORS, *SETUP_OPERATORS, *DATA_OPERATORS])}"
        ) from None
