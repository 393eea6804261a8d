"""The benchmark zoo's healthy models raise no pre-flight finding (no false alarm before the
first step); its faulty models may (a learning rate 100x off is a set-up fault too)."""

from __future__ import annotations

import pytest

from autotrainer_keras.config import TrainingConfig
from autotrainer_keras.detect.preflight import preflight
from autotrainer_keras.io.data import Dataset
from autotrainer_keras.measure.setup_facts import SetupFacts, data_facts, model_facts
from autotrainer_keras.problems import Finding
from autotrainer_keras.repair import keras_spec
from autotrainer_keras.repair.operators.optimizer import default_learning_rate, optimizer_name
from benchmarks import zoo
from benchmarks.builders import LOSSES, build, prepare_arrays
from benchmarks.datasets import INFO, load

pytestmark = pytest.mark.medium


def zoo_findings(spec: zoo.ModelSpec) -> list[Finding]:
    arrays = prepare_arrays(spec, load(spec.dataset))
    model = build(spec, arrays["x_train"].shape[1:])
    loss = LOSSES[INFO[spec.dataset].task]
    training = TrainingConfig(epochs=spec.epochs, batch_size=spec.batch_size)
    tspec = keras_spec.spec_from_model(model, training, loss=loss, metrics=[], seed=0)
    name = optimizer_name(tspec.optimizer)
    facts = model_facts(model, loss=loss, optimizer=name, learning_rate=tspec.learning_rate,
                        default_learning_rate=default_learning_rate(name), epochs=spec.epochs,
                        batch_size=spec.batch_size, from_logits=False)  # fmt: skip
    data = Dataset(arrays["x_train"], arrays["y_train"], arrays["x_val"], arrays["y_val"])
    return preflight(SetupFacts(facts, data_facts(data)))


def test_no_healthy_zoo_model_raises_a_pre_flight_finding() -> None:
    healthy = [s for s in zoo.generate_zoo() if s.label == zoo.HEALTHY]
    assert len(healthy) >= 27
    alarms = {s.model_id: [f.reason for f in zoo_findings(s)] for s in healthy}
    assert {k: v for k, v in alarms.items() if v} == {}
