"""`text_length`: a TextVectorization layer's `output_sequence_length` long enough for the
texts (the 95th percentile of their word counts), when it cut most of each text off
(`text_truncated`). Its vocabulary is in the config (`keras_spec` writes an adapted one
there); the layers after it keep their weights where their shapes do not change (an Embedding
and a pooling layer: all of them), else restart fresh."""

from __future__ import annotations

import math

import numpy as np

from autotrainer_keras.errors import ModelSpecError
from autotrainer_keras.measure.setup_facts import DataFacts
from autotrainer_keras.repair import model_config as mc
from autotrainer_keras.repair.operators.base import RepairOperator, Result
from autotrainer_keras.repair.spec import TrainingSpec


def _words_p95(facts: DataFacts) -> float:
    """The longest 95th-percentile word count over the text inputs (named ones each)."""
    return max([facts.text_words[1], *(own.text_words[1] for _, own in facts.inputs)])


def text_length_operator(facts: DataFacts) -> RepairOperator:
    """The `text_length` operator for these texts."""

    def transform(spec: TrainingSpec, try_index: int, rng: np.random.Generator) -> Result:
        target = math.ceil(_words_p95(facts))
        model = spec.model_copy()
        changed = {}
        for layer in mc.all_layers(model):
            config = layer["config"]
            if layer["class_name"] != "TextVectorization" or config.get("split") != "whitespace":
                continue
            length = config.get("output_sequence_length")
            if config.get("output_mode") == "int" and length and length < target:
                changed[mc.layer_name(layer)] = (int(length), target)
                config["output_sequence_length"] = target
        if not changed:
            raise ModelSpecError("text_length: no TextVectorization layer cuts the texts short")
        params = {"layers": sorted(changed), "from": min(v[0] for v in changed.values()),
                  "to": target}  # fmt: skip
        return spec.evolve(model=model), params

    def sentence(p: dict[str, object]) -> str:
        return (
            f"TextVectorization output_sequence_length {p['from']} -> {p['to']} (95 % of the "
            "texts' words) so the model reads whole texts."
        )

    return RepairOperator(
        id="text_length", family="input", max_tries=1, transform=transform, sentence=sentence
    )
