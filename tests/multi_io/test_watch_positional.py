"""`Watch` on a two-input model fed by position (a tuple of arrays, or a tf.data.Dataset of
(tuple, y) elements), as Keras' `fit` takes them: the probe reads and measures every input
(medium: a tiny seeded model, seconds)."""

from __future__ import annotations

from typing import Any

import pytest

from .models import two_input_data, two_input_model

pytestmark = pytest.mark.medium


def _positional(form: str) -> tuple[Any, Any]:
    """(fit's x-or-dataset, y or None) and the same for the probe."""
    import tensorflow as tf

    x, y = two_input_data()
    inputs = (x["a"], x["b"])
    if form == "arrays":
        return (inputs, y), (inputs, y)
    dataset = tf.data.Dataset.from_tensor_slices((inputs, y)).batch(32)
    return (dataset, None), dataset


@pytest.mark.parametrize("form", ["arrays", "tf.data"])
def test_inputs_given_by_position_are_probed(form: str) -> None:
    import autotrainer_keras.keras

    (fit_x, fit_y), probe = _positional(form)
    watch = autotrainer_keras.keras.Watch(probe_data=probe, verbose=0)
    model = two_input_model()
    model.fit(fit_x, fit_y, epochs=4, callbacks=[watch], verbose=0)  # 60 steps: not too few
    assert watch.findings == []  # healthy (the job test trains it to > 0.7 accuracy)
    assert watch.history is not None
    grads = {s.layer: s.kernel_grad_norm for s in watch.history.checks[-1].layers}
    assert grads["a_dense"] and grads["b_dense"], grads  # both inputs reach the probe


def test_targets_given_by_position_are_read_by_output_name() -> None:
    """A model declared with a list of outputs, fitted and probed with a list of targets (as
    Keras takes them): the probe's targets are those of each output, by name."""
    import autotrainer_keras.keras

    from .models import two_output_data
    from .test_positional import _list_output_model

    x, y = two_output_data()
    targets = [y["label"], y["score"]]
    watch = autotrainer_keras.keras.Watch(probe_data=(x, targets), verbose=0)
    model = _list_output_model()
    model.fit(x, targets, epochs=2, callbacks=[watch], verbose=0)
    assert watch.history is not None and watch.history.task.value == "multi_output"
    assert watch.history.baseline_loss is not None  # both outputs' targets were found
    assert watch._probe_rows is not None and set(watch._probe_rows[1]) == {"label", "score"}


def test_a_target_count_that_does_not_match_is_refused_naming_the_outputs() -> None:
    import autotrainer_keras.keras

    from .models import two_output_data
    from .test_positional import _list_output_model

    x, y = two_output_data()
    watch = autotrainer_keras.keras.Watch(
        probe_data=(x, [y["label"], y["score"], y["score"]]), verbose=0
    )
    with pytest.raises(ValueError, match=r"3 arrays by position but the model has 2 \(label, "):
        _list_output_model().fit(x, [y["label"], y["score"]], epochs=1, callbacks=[watch],
                                 verbose=0)  # fmt: skip
