"""Which solutions to try, in which order, for each problem: `plan_for(problem, profile)`.

`paper` is the table of spec section 4, as the paper's code runs it (`lr` going up for
slow convergence and down otherwise, see `operators.learning_rate`).

`default` is short, because its repair budget is about 1.5 trainings in all (a failed
candidate is stopped at its first symptom, so only a success costs a whole training, and an
operator that does not apply costs nothing). Its order follows the evidence:

- In the paper's results the first solution of each list did most of the work, and the
  initializer and batch-size changes repaired almost nothing (they also act on faulty
  weights there; the paper's `initial` continues from them). Those are left out.
- exploding_gradient: the usual causes are too large steps, so the plan goes from the
  smallest change to the largest: clip gradients (`gradient`), then a 10x lower learning
  rate (`lr_down`), then Adam (its step size is bounded by the learning rate whatever the
  gradient scale).
- vanishing_gradient: ReLU with He initialisation (`relu`) removes saturating activations,
  the usual cause; BatchNormalization (`bn`) re-scales each layer's inputs when it is not.
- dying_relu: `selu` (no zero region, the paper's first and most successful choice), then
  `leaky` (its first try, LeakyReLU) for models where SELU does not train well.
- slow_convergence: `adam` (adaptive steps), then a 10x higher learning rate (`lr_up`);
  `adam` does not apply to a model already on default Adam, so then `lr_up` runs at once.
- oscillating_loss: `adam` (resets an oversized Adam rate too), then a 10x lower learning
  rate (`lr_down`).
"""

from __future__ import annotations

from autotrainer.config.detection import PROFILES
from autotrainer.errors import InputError
from autotrainer.problems import Problem

Plan = list[tuple[str, int]]

PAPER_PLANS: dict[Problem, Plan] = {
    Problem.VANISHING_GRADIENT: [("selu", 1), ("relu", 1), ("bn", 1)],
    Problem.EXPLODING_GRADIENT: [("selu", 1), ("relu", 1), ("gradient", 2), ("tanh", 1), ("bn", 1)],
    Problem.DYING_RELU: [("selu", 1), ("bn", 1), ("initial", 3), ("leaky", 3)],
    Problem.SLOW_CONVERGENCE: [("optimizer", 3), ("lr_up", 3), ("initial", 3)],
    Problem.OSCILLATING_LOSS: [
        ("adam", 1), ("lr_down", 3), ("ReduceLR", 1), ("batch", 4), ("momentum", 3),
        ("GN", 1), ("initial", 3),
    ],
}

DEFAULT_PLANS: dict[Problem, Plan] = {
    Problem.VANISHING_GRADIENT: [("relu", 1), ("bn", 1)],
    Problem.EXPLODING_GRADIENT: [("gradient", 1), ("lr_down", 1), ("adam", 1)],
    Problem.DYING_RELU: [("selu", 1), ("leaky", 1)],
    Problem.SLOW_CONVERGENCE: [("adam", 1), ("lr_up", 1)],
    Problem.OSCILLATING_LOSS: [("adam", 1), ("lr_down", 1)],
}

_PLANS = {"paper": PAPER_PLANS, "default": DEFAULT_PLANS}


def plan_for(problem: Problem, profile: str) -> Plan:
    """The ordered `(solution_id, tries)` to attempt for `problem` under `profile`.

    Raises:
        InputError: Unknown profile (allowed: `config.detection.PROFILES`).
    """
    if profile not in PROFILES or profile not in _PLANS:
        raise InputError(f"unknown profile {profile!r}; allowed: {', '.join(PROFILES)}")
    return list(_PLANS[profile][Problem(problem)])
