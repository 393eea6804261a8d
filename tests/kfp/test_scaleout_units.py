"""Scale-out selection and candidate listing, on plain data (no training)."""

from __future__ import annotations

import pytest

from autotrainer_keras.config import AutotrainerConfig
from autotrainer_keras.engine import scaleout
from autotrainer_keras.errors import InputError
from autotrainer_keras.problems import Problem
from autotrainer_keras.repair.plans import plan_for

ORIGINAL = {"val_accuracy": 0.5, "val_loss": 0.7, "score": 0.5}


def _detection(profile: str = "default") -> dict:
    return {"problem": "exploding_gradient", "profile": profile, "original": dict(ORIGINAL)}


def _result(index: int, outcome: str, score: float | None) -> dict:
    return {"index": index, "solution": f"s{index}", "outcome": outcome, "score": score}


def test_the_best_solved_candidate_wins():
    results = [_result(2, "solved", 0.8), _result(1, "solved", 0.9), _result(3, "failed", 0.95)]
    assert scaleout.select_best(_detection(), results) == ("repaired", results[1])


def test_nothing_solved_keeps_the_better_of_the_original_and_the_candidates():
    worse = [_result(1, "stopped_early", 0.4), _result(2, "other_problem", None)]
    assert scaleout.select_best(_detection(), worse) == ("unrepaired", None)
    tie = [_result(1, "stopped_early", ORIGINAL["score"])]
    assert scaleout.select_best(_detection(), tie) == ("unrepaired", None)  # a tie keeps it
    better = [_result(1, "stopped_early", 0.6), _result(2, "not_applicable", None)]
    assert scaleout.select_best(_detection(), better) == ("unrepaired", better[0])
    hair = [_result(1, "stopped_early", 0.505)]  # within the detect job's final_margin
    assert scaleout.select_best({**_detection(), "final_margin": 0.01}, hair) == (
        "unrepaired", None)  # fmt: skip


def _suspected(problem: str) -> dict:
    finding = {"problem": problem, "epoch": -1, "step": 0, "layer": None, "evidence": {},
               "thresholds": {}, "reason": "the learning rate is 100x the usual"}  # fmt: skip
    detection = _detection()
    detection["problem"] = problem
    detection["original"] = {**ORIGINAL, "detections": [finding]}
    return detection


def test_a_suspicion_its_retraining_disproves_is_withdrawn():
    """As in the single-step job (`policy.withdraws`): a pre-flight learning-rate suspicion
    whose fix, retrained, is no better leaves the findings; the original is kept."""
    detection = _suspected("learning_rate_out_of_range")
    no_better = [_result(1, "failed", 0.45)]
    assert scaleout.select_best(detection, no_better) == ("healthy", None)
    (entry,) = scaleout.withdrawn(detection, no_better)
    assert entry["problem"] == "learning_rate_out_of_range"
    assert "s1" in entry["withdrawn_because"] and "0.45" in entry["withdrawn_because"]
    better = [_result(1, "solved", 0.9)]
    assert scaleout.select_best(detection, better) == ("repaired", better[0])
    assert scaleout.withdrawn(detection, better) == []
    regression = _suspected("learning_rate_out_of_range")  # judged by loss: scores are -loss
    regression["original"].update(val_accuracy=None, score=-0.7)
    (entry,) = scaleout.withdrawn(regression, [_result(1, "failed", -0.8)])
    assert "validation loss of 0.8 against the original's 0.7" in entry["withdrawn_because"]
    trained_problem = _suspected("exploding_gradient")  # seen in training: never withdrawn
    assert scaleout.select_best(trained_problem, no_better) == ("unrepaired", None)


def test_paper_keeps_the_best_candidate_even_when_worse():
    worse = [_result(1, "failed", 0.3), _result(2, "failed", 0.4)]
    assert scaleout.select_best(_detection("paper"), worse) == ("unrepaired", worse[1])


def test_healthy_has_no_candidates_and_random_order_is_refused():
    assert scaleout.candidates({"problem": None}, AutotrainerConfig()) == []
    random_order = AutotrainerConfig().with_overrides(repair__order="random")
    with pytest.raises(InputError, match="repair.order: plan"):
        scaleout.candidates(_detection(), random_order)


@pytest.mark.medium
def test_candidates_follow_the_plan_skip_what_does_not_apply_and_respect_the_budget():
    import keras

    from autotrainer_keras.repair import keras_spec

    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input((2,)), keras.layers.Dense(4, activation="relu"),
                              keras.layers.Dense(1, activation="sigmoid")])  # fmt: skip
    model.compile(optimizer=keras.optimizers.Adam(), loss="binary_crossentropy")
    config = AutotrainerConfig()
    spec = keras_spec.spec_from_model(model, config.training, loss="binary_crossentropy",
                                      metrics=("accuracy",), seed=0)  # fmt: skip
    for problem in ("slow_convergence", "exploding_gradient"):
        detection = {**_detection(), "problem": problem, "spec": spec.to_dict()}
        plan = [s for s, tries in plan_for(Problem(problem), "default") for _ in range(tries)]
        assert "adam" in plan  # it changes nothing on a model already on default Adam
        for budget in (1, 8):
            found = scaleout.candidates(
                detection, config.with_overrides(repair__max_attempts=budget)
            )
            assert [c["index"] for c in found] == list(range(1, len(found) + 1))
            # adam: already Adam; clip_rnn: no recurrent layer; nonlinear: ReLU already there;
            # dropout_down: no dropout; regularizer_down: no penalty; init_default: standard
            # initialisers already; float32_head: no mixed precision
            skipped = {"adam", "clip_rnn", "nonlinear", "dropout_down", "regularizer_down",
                       "init_default", "float32_head"}  # fmt: skip
            assert [c["solution"] for c in found] == [s for s in plan if s not in skipped][:budget]
