"""More epochs for a healthy training that was still improving when its budget ran out.

The decision is pure (`repair.policy.still_falling`, `extra_epochs`); this module gives it the
Keras side: the original's own training trained on (`AttemptTraining.continue_as`: the same
watched model, traced functions, optimizer state and history, so nothing is built or traced
again, and the rules see the whole curve), judged and recorded like every repair candidate
(`engine.repair_loop`) as a new attempt. When it is not accepted, the original's weights are
restored (the user's model ends as its own training left it).
"""

from __future__ import annotations

import copy

import numpy as np

from autotrainer_keras.engine.attempt import AttemptResult, AttemptTraining
from autotrainer_keras.engine.attempt_summary import summarize
from autotrainer_keras.engine.candidate_stops import patience_callbacks
from autotrainer_keras.engine.context import JobContext
from autotrainer_keras.engine.output_scores import harm_sentence, harmed_outputs
from autotrainer_keras.engine.repair_loop import RepairAttempt, RepairOutcome
from autotrainer_keras.problems import SetupProblem
from autotrainer_keras.repair import policy
from autotrainer_keras.repair.operators import attempt_rng
from autotrainer_keras.repair.operators.more_epochs import more_epochs_operator
from autotrainer_keras.repair.policy import Outcome


def more_epochs(ctx: JobContext, original: AttemptResult) -> RepairOutcome | None:
    """No problem was found: when the validation loss was still falling at the end of the
    budget (`policy.still_falling`), train the original on from its final weights for
    `repair.more_epochs` of the budget more, judged like every candidate (accepted only when
    it shows no problem and beats the original's best validation metric; otherwise the
    original's weights are put back). None: not tried (loss not falling, nothing left to win
    (`policy.reachable`: the original at full accuracy), switched off, paper profile,
    interrupted, weights not finite)."""
    cfg = ctx.config.repair
    extra = policy.extra_epochs(original.spec.epochs, cfg.more_epochs)
    falling = policy.still_falling(
        original.history.series("val_loss"), cfg.more_epochs_window, cfg.more_epochs_min_fall
    )
    paper = ctx.config.detection.profile == "paper"
    if paper or not extra or not falling or original.interrupted or ctx.stop_flag.requested:
        return None
    target = policy.acceptance_target(original.best_score, cfg.accept_margin)
    if not policy.reachable(target, original.history.task.has_accuracy):
        return None
    if not all(np.isfinite(w).all() for w in original.model.get_weights()):
        return None
    operator = more_epochs_operator(extra)
    problem = SetupProblem.STILL_IMPROVING
    spec, params = operator.apply(original.spec, 0, attempt_rng(cfg.seed, operator.id, 0))
    training = _training_to_continue(ctx, original)
    if training is None:
        return None
    kept = original.model.get_weights()  # restored unless the longer training is accepted
    original.history = copy.deepcopy(original.history)  # the original's record, as it ended
    name = "repair-1-more_epochs"
    description = operator.describe(params)
    logged = {"solution": operator.id, "try": 0, "round": 1, "problem": problem.value,
              "initial_epoch": original.epochs_run,
              **{f"param.{key}": value for key, value in params.items()}}  # fmt: skip
    with ctx.recorder.attempt(name, logged, index=1, total=1, description=description) as run:
        training.continue_as(name, spec, patience_callbacks(ctx))
        training.fit(spec.epochs)
        result = ctx.result_of(training)
        found = [f.problem for f in result.findings]
        harmed = harmed_outputs(original, result, cfg)
        verdict = policy.judge(found, problem, result.score, target, paper=False, harmed=harmed)
        description += harm_sentence(harmed if not found else [])
        attempt = RepairAttempt(1, 1, problem, operator.id, 0, params, description, verdict,
                                result)  # fmt: skip
        summary = attempt.summary()
        if verdict is Outcome.SOLVED:
            ctx.sink.log_model(result.model, "repaired", summary, original=summarize(original))
        run.finish(verdict, summary, interrupted=result.interrupted)
    if verdict is not Outcome.SOLVED:
        original.model.set_weights(kept)
    solved = verdict is Outcome.SOLVED
    return RepairOutcome(
        attempts=[attempt],
        final=result if solved else original,
        solved=solved,
        stop_reason="repaired" if solved else "more epochs did not beat the original",
    )


def _training_to_continue(ctx: JobContext, original: AttemptResult) -> AttemptTraining | None:
    """The original's training, when it can train on (it trained the original's model)."""
    training = ctx.original_training
    if training is None or training.model is not original.model:
        return None
    return training
