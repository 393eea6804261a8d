"""More epochs for a healthy training that was still improving when its budget ran out.

The decision is pure (`repair.policy.still_falling`, `extra_epochs`); this module gives it the
Keras side: a copy of the original trained on from its final weights, judged and recorded like
every repair candidate (`engine.repair_loop`).
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from autotrainer_keras.engine.attempt import AttemptResult
from autotrainer_keras.engine.attempt_summary import summarize
from autotrainer_keras.engine.context import JobContext
from autotrainer_keras.engine.repair_loop import (
    RepairAttempt,
    RepairOutcome,
    patience_callbacks,
)
from autotrainer_keras.errors import ModelSpecError
from autotrainer_keras.problems import SetupProblem
from autotrainer_keras.repair import keras_spec, policy
from autotrainer_keras.repair.operators import attempt_rng
from autotrainer_keras.repair.operators.more_epochs import more_epochs_operator
from autotrainer_keras.repair.policy import Outcome


def more_epochs(ctx: JobContext, original: AttemptResult) -> RepairOutcome | None:
    """No problem was found: when the validation loss was still falling at the end of the
    budget (`policy.still_falling`), train a copy on from the final weights for
    `repair.more_epochs` of the budget more, judged like every candidate (accepted only when
    it shows no problem and beats the original's best validation metric). None: not tried
    (loss not falling, switched off, paper profile, interrupted, weights not finite)."""
    cfg = ctx.config.repair
    extra = policy.extra_epochs(original.spec.epochs, cfg.more_epochs)
    falling = policy.still_falling(
        original.history.series("val_loss"), cfg.more_epochs_window, cfg.more_epochs_min_fall
    )
    paper = ctx.config.detection.profile == "paper"
    if paper or not extra or not falling or original.interrupted or ctx.stop_flag.requested:
        return None
    if not all(np.isfinite(w).all() for w in original.model.get_weights()):
        return None
    operator = more_epochs_operator(extra)
    problem = SetupProblem.STILL_IMPROVING
    spec, params = operator.apply(original.spec, 0, attempt_rng(cfg.seed, operator.id, 0))
    try:
        model = keras_spec.build_model(original.spec)
    except ModelSpecError as error:
        ctx.progress.message(f"  cannot train the original on: {error}")
        return None
    keras_spec.transfer_weights(original.model, model)
    name = "repair-1-more_epochs"
    description = operator.describe(params)
    logged = {"solution": operator.id, "try": 0, "round": 1, "problem": problem.value,
              **{f"param.{key}": value for key, value in params.items()}}  # fmt: skip
    target = policy.acceptance_target(original.best_score, cfg.accept_margin)
    with ctx.recorder.attempt(name, logged, index=1, total=1, description=description) as run:
        result = ctx.train(name, model, replace(original.spec, epochs=extra),
                           extra_callbacks=patience_callbacks(ctx))  # fmt: skip
        result.spec = spec  # retrains the whole longer budget
        found = [f.problem for f in result.findings]
        verdict = policy.judge(found, problem, result.score, target, paper=False)
        attempt = RepairAttempt(1, 1, problem, operator.id, 0, params, description, verdict,
                                result)  # fmt: skip
        summary = attempt.summary()
        if verdict is Outcome.SOLVED:
            ctx.sink.log_model(result.model, "repaired", summary, original=summarize(original))
        run.finish(verdict, summary, interrupted=result.interrupted)
    solved = verdict is Outcome.SOLVED
    return RepairOutcome(
        attempts=[attempt],
        final=result if solved else original,
        solved=solved,
        stop_reason="repaired" if solved else "more epochs did not beat the original",
    )
