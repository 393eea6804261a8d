"""Settings held inside a nested model count as the model's own (`measure.layer_graph`):
practice batch 66's instance encoder, a Sequential with Dropout 0.8 applied to each instance
of a bag through TimeDistributed (0.625 against 0.985), was unseen at the top level."""

from __future__ import annotations

import keras

from autotrainer_keras.measure.layer_graph import highest_dropout, highest_penalty


def test_dropout_and_penalties_inside_a_nested_encoder_are_read() -> None:
    encoder = keras.Sequential(
        [keras.layers.Dense(16, activation="relu", kernel_regularizer=keras.regularizers.L2(3.0)),
         keras.layers.Dropout(0.8, name="inner_dropout")], name="encoder")  # fmt: skip
    inputs = keras.Input((6, 4))
    pooled = keras.layers.GlobalMaxPooling1D()(keras.layers.TimeDistributed(encoder)(inputs))
    hidden = keras.layers.Dropout(0.2, name="outer_dropout")(pooled)
    model = keras.Model(inputs, keras.layers.Dense(1, activation="sigmoid")(hidden))
    assert highest_dropout(model) == (0.8, "inner_dropout")
    assert highest_penalty(model)[0] == 3.0
    plain = keras.Sequential([keras.Input((4,)), keras.layers.Dense(4),
                              keras.layers.Dense(1)])  # fmt: skip
    assert highest_dropout(plain) == (0.0, "")
