"""Labelling of the second zoo: scripted runs (pure) and one base trained and labelled (medium)."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest

from benchmarks.real import label

HEALTHY_RUN = {"recipe": "default", "category": "healthy", "intent": "healthy", "error": "",
               "task": "multiclass", "baseline": 1.0, "chance": 0.5, "first_loss": 0.9,
               "max_loss": 0.9, "best_val_loss": 0.3, "final_val_loss": 0.32,
               "best_val_accuracy": 0.9, "nonfinite": 0, "grad_total_start": 1.0,
               "grad_total_max": 2.0, "dead_end": 0.1, "dead_worst_end": 0.2,
               "log10_ratio_median": -0.5,
               "val_flips": 0.1, "val_median_change": 0.01, "seconds": 3.0}  # fmt: skip


def _runs(variant: str, seeds: int = 3, recipe: str = "x", **changes: Any) -> list[dict[str, Any]]:
    category = "healthy" if recipe == "default" else "learning_rate"
    return [{**HEALTHY_RUN, "variant_id": f"b--{variant}", "base": "b", "recipe": recipe,
             "category": category, **changes} for _ in range(seeds)]  # fmt: skip


def _labels(*groups: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    rows = _runs("default", recipe="default") + [r for g in groups for r in g]
    return {r["variant_id"]: r for r in label.label_rows(rows)}


def test_symptom_and_mechanism_agreeing_give_the_problem() -> None:
    labels = _labels(
        _runs("nan", nonfinite=1, best_val_loss="nan", final_val_loss="nan"),
        _runs("dead", best_val_loss=0.97, final_val_loss=0.98, best_val_accuracy=0.52,
              dead_end=0.9),
        _runs("layer", best_val_loss=0.9, final_val_loss=0.9, best_val_accuracy=0.6,
              dead_end=0.4, dead_worst_end=1.0),
        _runs("vanish", best_val_loss=0.95, final_val_loss=0.95, best_val_accuracy=0.55,
              log10_ratio_median=-5.0),
        _runs("slow", best_val_loss=0.8, final_val_loss=0.8, best_val_accuracy=0.7),
        _runs("osc", best_val_loss=0.6, final_val_loss=0.9, best_val_accuracy=0.75,
              val_flips=0.8, val_median_change=0.2),
    )
    assert labels["b--default"]["label"] == "healthy"
    expected = {"nan": "exploding_gradient", "dead": "dying_relu", "layer": "dying_relu",
                "vanish": "vanishing_gradient",
                "slow": "slow_convergence", "osc": "oscillating_loss"}
    for name, problem in expected.items():
        assert labels[f"b--{name}"]["label"] == problem, labels[f"b--{name}"]
        assert labels[f"b--{name}"]["status"] == "agree"


def test_disagreement_minority_and_missing_seeds_are_recorded_not_labelled() -> None:
    trained_but_dead = _runs("tbd", dead_end=0.8)
    mixed = _runs("mix", seeds=1) + _runs("mix", seeds=1, best_val_loss=0.95,
                                          best_val_accuracy=0.52) + _runs(
        "mix", seeds=1, nonfinite=1)
    labels = _labels(trained_but_dead, mixed, _runs("two", seeds=2))
    assert labels["b--tbd"]["status"] == "disagree" and labels["b--tbd"]["label"] == ""
    assert "trained" in labels["b--tbd"]["reason"] and "dead" in labels["b--tbd"]["reason"]
    assert labels["b--mix"]["status"] == "no_majority"
    assert labels["b--two"]["status"] == "pending"


def test_a_base_whose_default_does_not_learn_labels_nothing() -> None:
    rows = _runs("default", recipe="default", best_val_loss=0.99) + _runs("slow")
    assert {r["status"] for r in label.label_rows(rows)} == {"base_unusable"}


@pytest.mark.medium
def test_one_base_trains_and_labels_with_its_exploding_fault(tmp_path: Path) -> None:
    from benchmarks.real import catalogue, plain
    from benchmarks.real.faults import BY_NAME

    default = next(v for v in catalogue.healthy_variants()
                   if v.variant_id == "mlp_imbalanced--default")  # fmt: skip
    healthy = dataclasses.replace(
        default, training=dataclasses.replace(default.training, epochs=5))
    # A linear network under SGD-momentum at lr 1 diverges (a ReLU one at that rate dies and
    # stalls instead: measured, so labelled slow convergence, not exploding gradients).
    faulty = BY_NAME["lr_huge"].apply(BY_NAME["act_linear"].apply(healthy))
    rows = [plain.run(v, seed, tmp_path, "test") for v in (healthy, faulty)
            for seed in catalogue.SEEDS]  # fmt: skip
    assert all(not r["error"] and r["seconds"] > 0 for r in rows)
    assert len(list(tmp_path.glob("*.json"))) == 6  # the curves of every run
    for row in rows[:3]:  # the mechanism measured on healthy training: nothing wrong
        assert row["nonfinite"] == 0 and row["dead_end"] < 0.5 and row["log10_ratio_median"] > -2
    assert all(r["nonfinite"] == 1 for r in rows[3:])  # NaN/Inf in every seed
    labels = {r["variant_id"]: r for r in label.label_rows(rows)}
    assert labels["mlp_imbalanced--default"]["label"] == "healthy"
    assert labels["mlp_imbalanced--lr_huge"]["label"] == "exploding_gradient"
    assert labels["mlp_imbalanced--lr_huge"]["status"] == "agree"
