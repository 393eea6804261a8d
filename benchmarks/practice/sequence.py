"""Sequence scripts: token classifiers (pooling, BiLSTM, a Transformer block), a Conv1D on
signals. Keyword options are the faults of `cases.py`."""

from __future__ import annotations

import keras
from keras import layers, ops
from keras.callbacks import History

from benchmarks.practice.data import VOCAB, signals, tokens
from benchmarks.practice.kit import Kit


def text_pooling(kit: Kit, *, schedule: bool = False, head: str = "sigmoid",
                 loss: str = "binary_crossentropy", epochs: int = 8) -> History:  # fmt: skip
    """Embedding + GlobalAveragePooling1D + Dense: the fastText-style baseline."""
    x, y, xv, yv = tokens()
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([
        keras.Input((x.shape[1],), dtype="int64"),
        layers.Embedding(VOCAB, 16),
        layers.GlobalAveragePooling1D(),
        layers.Dense(16, activation="relu"),
        layers.Dense(1, activation=head),
    ])  # fmt: skip
    lr = keras.optimizers.schedules.ExponentialDecay(1e-2, 50, 0.9) if schedule else 1e-3
    model.compile(keras.optimizers.Adam(lr), loss=loss, metrics=["accuracy"])
    return model.fit(x, y, batch_size=32, epochs=epochs, validation_data=(xv, yv), verbose=0,
                     callbacks=[kit.watch(probe_data=(x, y))])  # fmt: skip


def text_bilstm(kit: Kit, *, epochs: int = 5) -> History:
    """Embedding(mask_zero) + Bidirectional(LSTM) on the token task."""
    x, y, xv, yv = tokens()
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([
        keras.Input((x.shape[1],), dtype="int64"),
        layers.Embedding(VOCAB, 16, mask_zero=True),
        layers.Bidirectional(layers.LSTM(16)),
        layers.Dense(1, activation="sigmoid"),
    ])  # fmt: skip
    model.compile("adam", "binary_crossentropy", metrics=["accuracy"])
    return model.fit(x, y, batch_size=64, epochs=epochs, validation_split=0.1, verbose=0,
                     callbacks=[kit.watch(probe_data=(x, y))])  # fmt: skip


class TokenAndPosition(layers.Layer):
    def __init__(self, length: int, vocab: int, dim: int, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self.tokens = layers.Embedding(vocab, dim)
        self.positions = layers.Embedding(length, dim)

    def call(self, x):  # type: ignore[no-untyped-def]
        return self.tokens(x) + self.positions(ops.arange(ops.shape(x)[-1]))


def text_transformer(kit: Kit, *, epochs: int = 6) -> History:
    """One Transformer block (MHA + FFN, residuals, LayerNorm), the keras-io layout."""
    x, y, xv, yv = tokens()
    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input((x.shape[1],), dtype="int64")
    h = TokenAndPosition(x.shape[1], VOCAB, 32)(inputs)
    attn = layers.MultiHeadAttention(num_heads=2, key_dim=16)(h, h)
    h = layers.LayerNormalization(epsilon=1e-6)(h + layers.Dropout(0.1)(attn))
    ffn = layers.Dense(32)(layers.Dense(32, activation="relu")(h))
    h = layers.LayerNormalization(epsilon=1e-6)(h + layers.Dropout(0.1)(ffn))
    h = layers.Dropout(0.1)(layers.GlobalAveragePooling1D()(h))
    h = layers.Dense(20, activation="relu")(h)
    model = keras.Model(inputs, layers.Dense(2, activation="softmax")(h))
    model.compile("adam", "sparse_categorical_crossentropy", metrics=["accuracy"])
    return model.fit(x, y, batch_size=32, epochs=epochs, validation_data=(xv, yv), verbose=0,
                     callbacks=[kit.watch(probe_data=(x, y))])  # fmt: skip


def signal_conv1d(kit: Kit, *, epochs: int = 12) -> History:
    """Conv1D + MaxPooling1D + Conv1D, GAP, softmax on generated waveforms; ReduceLROnPlateau."""
    x, y, xv, yv = signals()
    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input(x.shape[1:])
    h = layers.Conv1D(32, 5, padding="same", activation="relu")(inputs)
    h = layers.MaxPooling1D(2)(h)
    h = layers.Conv1D(32, 5, padding="same", activation="relu")(h)
    h = layers.GlobalAveragePooling1D()(h)
    model = keras.Model(inputs, layers.Dense(3, activation="softmax")(h))
    model.compile("adam", "sparse_categorical_crossentropy",
                  metrics=["sparse_categorical_accuracy"])  # fmt: skip
    plateau = keras.callbacks.ReduceLROnPlateau(monitor="val_loss", factor=0.5, patience=2,
                                                min_lr=1e-4)  # fmt: skip
    return model.fit(x, y, batch_size=32, epochs=epochs, validation_split=0.2, verbose=0,
                     callbacks=[kit.watch(probe_data=(x, y)), plateau])  # fmt: skip
