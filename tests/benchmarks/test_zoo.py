"""The zoo generator: deterministic, big enough, every family and problem covered, buildable."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from benchmarks import zoo
from benchmarks.datasets import INFO


def test_zoo_is_deterministic_and_json_round_trips() -> None:
    first, second = zoo.generate_zoo(), zoo.generate_zoo()
    assert [s.to_dict() for s in first] == [s.to_dict() for s in second]
    again = [zoo.ModelSpec.from_dict(json.loads(json.dumps(s.to_dict()))) for s in first]
    assert again == first
    assert [s.model_id for s in zoo.run_order(first)] == [s.model_id for s in zoo.run_order(second)]


def test_zoo_size_ids_and_seeds() -> None:
    specs = zoo.generate_zoo()
    assert len(specs) >= 150
    assert len({s.model_id for s in specs}) == len(specs)
    assert len({s.seed for s in specs}) > len(specs) // 2  # seeds vary between models
    assert sorted(s.model_id for s in zoo.run_order(specs)) == sorted(s.model_id for s in specs)


def test_every_family_has_every_label_and_varied_recipes() -> None:
    specs = zoo.generate_zoo()
    cells = Counter((s.family, s.label) for s in specs)
    for family in ("fc", "cnn", "rnn"):
        for label in zoo.LABELS:
            assert cells[(family, label)] >= 3, (family, label)
    for label in zoo.LABELS:
        recipes = {s.recipe for s in specs if s.label == label}
        assert len(recipes) >= 3, (label, recipes)  # not one recipe per problem
    assert {s.dataset for s in specs} == set(INFO)
    levers = {label: set() for label in zoo.PROBLEMS}
    for s in specs:
        if s.label in levers:
            levers[s.label] |= {s.optimizer["name"], s.activation, str(s.kernel_init),
                                str(s.batch_size)}  # fmt: skip
    assert all(len(v) >= 3 for v in levers.values())


def test_quick_subset_is_small_and_covers_every_label() -> None:
    quick = zoo.quick_subset(zoo.generate_zoo())
    assert len(quick) <= 6
    assert {s.label for s in quick} == set(zoo.LABELS)
    assert {s.family for s in quick} == {"fc", "cnn", "rnn"}


@pytest.mark.medium
def test_every_spec_builds_a_model_that_fits_its_data() -> None:
    import numpy as np

    from benchmarks.builders import build, shape_inputs

    seen = set()
    for spec in zoo.generate_zoo():
        key = (spec.family, spec.dataset, spec.recipe)
        if key in seen:
            continue
        seen.add(key)
        x = np.zeros((2, INFO[spec.dataset].n_features), dtype="float32")
        model = build(spec, shape_inputs(spec, x).shape[1:])
        # one eager forward pass: what predict() runs, without tracing a predict function for
        # each of the 162 models (half of this test's time)
        out = np.asarray(model(shape_inputs(spec, x), training=False))
        assert out.shape == (2, INFO[spec.dataset].n_outputs), key


def test_run_plan_gives_every_variant_to_every_third_model_first() -> None:
    from benchmarks.run import plan

    specs = zoo.quick_subset(zoo.generate_zoo())
    variants = ["default", "paper", "random"]
    quick = plan(specs, variants, every=3, second_sweep=False)
    assert [len(v) for _, v in quick] == [3, 1, 1, 3, 1, 1]
    full = plan(specs, variants, every=3)
    assert full[:6] == quick and [v for _, v in full[6:]] == [["paper", "random"]] * 4
    pairs = {(s.model_id, v) for s, vs in full for v in vs}
    assert len(pairs) == len(specs) * len(variants)  # nothing run twice, nothing left out


def test_select_picks_a_subset_by_label_and_id_and_refuses_unknown_names() -> None:
    from benchmarks.run import select

    specs = zoo.run_order(zoo.generate_zoo())
    eg = select(specs, ["exploding_gradient"], [])
    assert eg and {s.label for s in eg} == {"exploding_gradient"}
    assert [s.model_id for s in eg] == [s.model_id for s in specs if s in eg]  # run order kept
    ids = ["fc-digits-eg-2", "fc-blob-eg-1", "fc-circle-ok-0"]
    assert [s.model_id for s in select(specs, [], ids)] == ids  # the given order
    assert [s.model_id for s in select(specs, ["exploding_gradient"], ids)] == ids[:2]
    with pytest.raises(ValueError, match="unknown problem label"):
        select(specs, ["exploding"], [])
    with pytest.raises(ValueError, match="unknown model id"):
        select(specs, [], ["fc-nope-0"])
