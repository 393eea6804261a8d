"""The second zoo's dev/test split: deterministic, stratified, disjoint, and the committed one."""

from __future__ import annotations

from collections import Counter

from benchmarks.real import catalogue, split


def test_split_is_deterministic_and_covers_every_variant_once() -> None:
    variants = catalogue.first_variants()
    first, second = split.make_split(variants), split.make_split(variants)
    assert first == second
    ids = [v.variant_id for v in variants]
    assert len(ids) == len(set(ids)) == len(first)  # one half per variant: disjoint, complete
    assert set(first.values()) == {"dev", "test"}
    assert split.make_split(variants, seed=split.SPLIT_SEED + 1) != first  # the seed matters


def test_split_is_stratified_by_stratum_intent_and_base() -> None:
    variants = catalogue.first_variants()
    halves = split.make_split(variants)
    for key in ({(v.base, v.intent) for v in variants}):
        members = [v for v in variants if (v.base, v.intent) == key]
        dev = sum(halves[v.variant_id] == "dev" for v in members)
        assert abs(2 * dev - len(members)) <= 1, key
    by_intent = Counter((v.intent, halves[v.variant_id]) for v in variants)
    for intent in {v.intent for v in variants}:
        assert abs(by_intent[(intent, "dev")] - by_intent[(intent, "test")]) <= 1, intent
    by_base = Counter((v.base, halves[v.variant_id]) for v in variants)
    for base in {v.base for v in variants}:
        assert by_base[(base, "dev")] >= 2 and by_base[(base, "test")] >= 2, base
    counts = Counter(halves.values())
    assert abs(counts["dev"] - counts["test"]) <= 2


def test_added_variants_are_dealt_per_operator_without_moving_the_first_ones() -> None:
    first = split.make_split(catalogue.first_variants())
    added = catalogue.gradient_variants()
    halves = split.extend_split(first, added)
    assert {k: halves[k] for k in first} == first
    assert set(halves) == set(first) | {v.variant_id for v in added}
    for recipe in {v.recipe for v in added}:
        members = [halves[v.variant_id] for v in added if v.recipe == recipe]
        assert abs(members.count("dev") - members.count("test")) <= 1, recipe
        assert len(members) < 2 or set(members) == {"dev", "test"}, recipe
    counts = Counter(halves[v.variant_id] for v in added)
    assert abs(counts["dev"] - counts["test"]) <= 1
    assert split.extend_split(first, added) == halves  # seeded
    assert split.extend_split(halves, added) == halves  # dealt once: re-adding changes nothing


def test_committed_split_is_the_split_of_the_catalogue() -> None:
    assert split.read() == split.catalogue_split()
