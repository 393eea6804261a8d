"""The inference-mismatch rule's false-alarm checks: healthy BatchNorm models under a default
`Watch`, each epoch's probe loss in training and in inference mode, and the findings.

- `zoo`: the second zoo's `resnet` and `separable` bases (`benchmarks.real`), their healthy
  recipes as they are (momentum 0.9), with `--momentum 0.99` (Keras' default: statistics
  still settling early in training) and `--batch 8` (small batches).
- `finetune`: a Conv-BN backbone (Keras' 0.99) pretrained on digits 0-4, fine-tuned on 5-9
  with a new head: frozen (`trainable=False`), fully trainable (moving statistics of the old
  task, catching up), and the Keras guide's `base(x, training=False)` then unfrozen.

The practice benchmark covers the detections (`bn_momentum_9999`, `batchnorm_short`) and its
healthy BatchNorm scripts (`python -m benchmarks.practice --cases ...`). Results of session
15: benchmarks/NOTES.md.

    .venv/bin/python -m benchmarks.inference_mismatch zoo --seeds 1 2 3 [--momentum 0.99]
    .venv/bin/python -m benchmarks.inference_mismatch finetune --seeds 1 2 3
"""

from __future__ import annotations

import argparse
import warnings
from typing import Any

ZOO = ("resnet--default", "resnet--cosine", "separable--default", "separable--warmup_cosine")


def _watched_fit(model: Any, x: Any, y: Any, validation: Any, **fit: Any) -> Any:
    from autotrainer_keras.keras import Watch

    watch = Watch(on_problem="warn", probe_data=(x, y), verbose=0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model.fit(x, y, validation_data=validation, verbose=0, callbacks=[watch], **fit)
    return watch


def _show(title: str, watch: Any) -> None:
    history = watch.history
    print(f"== {title}: findings {[(f.problem.value, f.epoch) for f in watch.findings]}")
    for check in history.checks:
        modes, logs = check.mode_losses, history.epochs[check.epoch].logs
        pair = "-" if modes is None else f"{modes.training:.3f} {modes.inference:.3f}"
        print(f"   epoch {check.epoch}: training/inference mode {pair}  val_loss "
              f"{logs.get('val_loss', float('nan')):.3f} val_acc "
              f"{logs.get('val_accuracy', float('nan')):.3f}", flush=True)  # fmt: skip


def zoo(seeds: list[int], momentum: float | None, batch: int | None) -> None:
    import keras

    from benchmarks.real import data as datasets
    from benchmarks.real.bases import BY_NAME
    from benchmarks.real.build import batch_size, build_model, fit_arrays
    from benchmarks.real.catalogue import healthy_variants

    variants = {v.variant_id: v for v in healthy_variants()}
    for variant_id in ZOO:
        variant = variants[variant_id]
        for seed in seeds:
            arrays = fit_arrays(variant)
            model = build_model(variant, seed)
            for layer in model._flatten_layers():
                if momentum is not None and isinstance(layer, keras.layers.BatchNormalization):
                    layer.momentum = momentum
            keras.utils.set_random_seed(seed)
            size = batch or batch_size(variant, datasets.load(BY_NAME[variant.base].dataset))
            watch = _watched_fit(model, arrays["x_train"], arrays["y_train"],
                                 (arrays["x_val"], arrays["y_val"]), batch_size=size,
                                 epochs=variant.training.epochs, shuffle=True)  # fmt: skip
            _show(f"{variant_id} momentum {momentum or 0.9} batch {size} seed {seed}", watch)


def _backbone() -> Any:
    import keras

    inputs = keras.Input((8, 8, 1))
    h = inputs
    for filters in (32, 64):
        h = keras.layers.Conv2D(filters, 3, padding="same", use_bias=False)(h)
        h = keras.layers.ReLU()(keras.layers.BatchNormalization()(h))
    return keras.Model(inputs, keras.layers.GlobalAveragePooling2D()(h), name="backbone")


def finetune(seeds: list[int]) -> None:
    import keras
    from sklearn.datasets import load_digits

    x, y = load_digits(return_X_y=True)
    x = (x / 16.0).astype("float32").reshape(-1, 8, 8, 1)
    old, new = y < 5, y >= 5
    keras.utils.set_random_seed(0)
    base = _backbone()
    pretrain = keras.Sequential([keras.Input((8, 8, 1)), base,
                                 keras.layers.Dense(5, activation="softmax")])  # fmt: skip
    pretrain.compile("adam", "sparse_categorical_crossentropy")
    pretrain.fit(x[old], y[old], epochs=30, batch_size=32, verbose=0)
    weights = base.get_weights()
    xb, yb = x[new], y[new] - 5
    n = int(0.7 * len(xb))
    for mode, rate in (("frozen", 1e-4), ("trainable", 1e-3), ("training_false", 1e-4)):
        for seed in seeds:
            keras.utils.set_random_seed(seed)
            backbone = _backbone()
            backbone.set_weights(weights)
            backbone.trainable = mode != "frozen"
            inputs = keras.Input((8, 8, 1))
            h = backbone(inputs, training=False) if mode == "training_false" else backbone(inputs)
            h = keras.layers.Dense(64, activation="relu")(h)
            model = keras.Model(inputs, keras.layers.Dense(5, activation="softmax")(h))
            model.compile(keras.optimizers.Adam(rate), "sparse_categorical_crossentropy",
                          metrics=["accuracy"])  # fmt: skip
            watch = _watched_fit(model, xb[:n], yb[:n], (xb[n:], yb[n:]), epochs=8,
                                 batch_size=16)  # fmt: skip
            _show(f"finetune {mode} seed {seed}", watch)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=("zoo", "finetune"))
    parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3])
    parser.add_argument("--momentum", type=float, default=None)
    parser.add_argument("--batch", type=int, default=None)
    args = parser.parse_args()
    if args.what == "zoo":
        zoo(args.seeds, args.momentum, args.batch)
    else:
        finetune(args.seeds)


if __name__ == "__main__":
    main()
