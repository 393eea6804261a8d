"""Labels a sparse categorical cross-entropy skips (`ignore_class`: a tagger's padding, a
segmenter's void pixels) are not classes: the job trains on them (practice batch 8's
`step_tagger` was refused) and still refuses other values out of range."""

from __future__ import annotations

import keras
import numpy as np
import pytest

from autotrainer_keras.engine.compiled import resolve_loss_config
from autotrainer_keras.engine.setup import check_target_fits, ignored_class
from autotrainer_keras.errors import InputError

TAGS = np.array([[0, 2, 1, -1, -1], [1, 1, 0, 2, -1]])  # -1: padding
HEAD = (None, 5, 3)


def test_the_ignored_value_is_skipped_when_the_loss_names_it():
    check_target_fits("y_train", TAGS, "sparse_categorical_crossentropy", HEAD, ignore_class=-1)
    with pytest.raises(InputError, match=r"in \[0, 2\] for loss"):
        check_target_fits("y_train", TAGS, "sparse_categorical_crossentropy", HEAD)
    with pytest.raises(InputError, match=r"in \[0, 2\] \(and -1, ignored\)"):
        check_target_fits("y_train", TAGS + 1, "sparse_categorical_crossentropy", HEAD,
                          ignore_class=-1)  # fmt: skip


def test_a_single_negative_label_out_of_range_gets_the_ignore_class_hint():
    """Practice batch 8's `tagger_no_ignore_class`: refused (Keras would raise at the first
    step), and the message now says how to skip the padding."""
    with pytest.raises(InputError, match=r"compile with keras\.losses\.SparseCategorical"
                                         r"Crossentropy\(ignore_class=-1\)$"):  # fmt: skip
        check_target_fits("y_train", TAGS, "sparse_categorical_crossentropy", HEAD)
    mixed = np.where(TAGS == -1, np.array([[-1, -2, -1, -1, -2]] * 2), TAGS)
    with pytest.raises(InputError) as error:
        check_target_fits("y_train", mixed, "sparse_categorical_crossentropy", HEAD)
    assert "ignore_class" not in str(error.value)  # two values below 0: no single padding


@pytest.mark.parametrize(
    ("loss", "expected"),
    [
        (keras.losses.SparseCategoricalCrossentropy(ignore_class=-1), -1),
        (keras.losses.SparseCategoricalCrossentropy(), None),
        (None, None),
    ],
)
def test_the_ignored_class_is_read_off_the_loss_the_job_trains_with(loss, expected):
    config = None if loss is None else resolve_loss_config(_compiled(loss), None)
    assert ignored_class(config) == expected


def test_a_loss_named_by_the_config_overrides_the_compiled_ignore_class():
    model = _compiled(keras.losses.SparseCategoricalCrossentropy(ignore_class=-1))
    config = resolve_loss_config(model, "sparse_categorical_crossentropy")
    assert config is None and ignored_class(config) is None


def _compiled(loss: object) -> keras.Model:
    model = keras.Sequential([keras.Input((5,)), keras.layers.Dense(3)])
    model.compile("adam", loss)
    return model


@pytest.mark.medium
def test_watch_refuses_a_padding_label_keras_cannot_look_up_and_takes_it_when_ignored() -> None:
    """Practice batch 11's `tagger_minus1_without_ignore`: Keras stopped at the first step
    with a TensorFlow error; `Watch` now names the value and `ignore_class` before it."""
    import keras

    import autotrainer_keras.keras

    rng = np.random.default_rng(0)
    ids = rng.integers(1, 20, (64, 8))
    tags = np.where(rng.random((64, 8)) < 0.2, -1, ids % 3)

    def tagger(loss: object) -> keras.Model:
        model = keras.Sequential([keras.Input((8,)), keras.layers.Embedding(20, 4),
                                  keras.layers.Dense(3, activation="softmax")])  # fmt: skip
        model.compile("adam", loss)
        return model

    watch = autotrainer_keras.keras.Watch(probe_data=(ids, tags), verbose=0)
    with pytest.raises(ValueError, match=r"integer classes in \[0, 2\].*ignore_class=-1"):
        tagger("sparse_categorical_crossentropy").fit(ids, tags, epochs=1, callbacks=[watch],
                                                      verbose=0)  # fmt: skip
    ignoring = keras.losses.SparseCategoricalCrossentropy(ignore_class=-1)
    quiet = autotrainer_keras.keras.Watch(probe_data=(ids, tags), verbose=0)
    tagger(ignoring).fit(ids, tags, epochs=1, batch_size=1, callbacks=[quiet], verbose=0)
    assert quiet.findings == []  # 64 steps: 2 would be a small budget, rightly
