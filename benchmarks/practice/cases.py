"""The catalogue: healthy scripts, and faulty ones that differ from a healthy counterpart by
one real-world bug pattern (DeepFD, defects4ML, AUTOTRAINER's Stack Overflow / GitHub faults).

`expect` is what naming the bug means, fixed before any run: the Watch problem ids that point
at the fault (a set-up id such as output_loss_mismatch, or the training problem it causes).
Whether a fault is harmful is not assumed: `results.py` labels it from the runs.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import partial

import keras

from benchmarks.practice import (
    batch2_models,
    batch2_tabular,
    batch3_models,
    batch3_tabular,
    batch4_models,
    batch4_tabular,
    batch5_models,
    batch5_tabular,
    batch6_models,
    batch6_tabular,
    batch7_models,
    batch7_tabular,
    batch8_models,
    batch8_sequence,
    batch8_tabular,
    batch9_models,
    batch9_sequence,
    batch9_tabular,
    batch10_models,
    batch10_sequence,
    batch10_tabular,
    batch11_models,
    batch11_sequence,
    batch11_tabular,
    batch12_models,
    batch12_sequence,
    batch12_tabular,
    batch13_models,
    batch13_sequence,
    batch13_tabular,
    batch14_models,
    batch14_sequence,
    batch14_tabular,
    batch15_models,
    batch15_sequence,
    batch15_tabular,
    batch16_models,
    batch16_pipeline,
    batch16_tabular,
    batch17_models,
    batch17_sequence,
    batch17_tabular,
    batch18_models,
    batch18_sequence,
    batch18_tabular,
    batch19_models,
    batch19_sequence,
    batch19_tabular,
    batch20_models,
    batch20_sequence,
    batch20_tabular,
    batch21_models,
    batch21_sequence,
    batch21_tabular,
    batch22_models,
    batch22_tabular,
    batch23_models,
    batch24_models,
    batch25_models,
    batch26_models,
    batch27_models,
    batch28_models,
    batch29_models,
    batch30_models,
    batch31_models,
    batch32_models,
    batch33_models,
    batch34_models,
    batch35_models,
    batch36_models,
    batch37_models,
    batch38_models,
    batch39_models,
    batch40_models,
    batch41_models,
    batch42_models,
    batch43_models,
    batch44_models,
    batch45_models,
    batch46_models,
    batch47_models,
    batch48_models,
    batch49_models,
    batch50_models,
    batch51_models,
    batch52_models,
    batch53_models,
    batch54_models,
    batch55_models,
    batch56_models,
    batch57_models,
    batch58_models,
    batch59_models,
    batch60_models,
    batch61_models,
    batch62_models,
    batch63_models,
    batch64_models,
    batch65_models,
    batch66_models,
    batch67_models,
    batch68_models,
    batch69_models,
    batch70_models,
    batch71_models,
    batch72_models,
    batch73_models,
    batch74_models,
    batch75_models,
    batch76_models,
    batch77_models,
    batch78_models,
    batch79_models,
    batch80_models,
    batch81_models,
    batch82_models,
    batch83_models,
    batch84_models,
    batch85_models,
    batch86_models,
    batch87_models,
    batch88_models,
    batch89_models,
    batch90_models,
    batch91_models,
    batch92_models,
    batch93_models,
    batch94_models,
    batch95_models,
    batch96_models,
    batch97_models,
    batch98_models,
    batch99_models,
    batch100_models,
    sequence,
    tabular,
    vision,
)
from benchmarks.practice.kit import Kit

SEEDS = (11, 22, 33)


@dataclass(frozen=True)
class Case:
    name: str
    script: Callable[[Kit], keras.callbacks.History]
    kind: str = "healthy"  # or "faulty"
    counterpart: str = ""  # the healthy case a faulty one is compared with
    expect: frozenset[str] = field(default_factory=frozenset)
    note: str = ""
    batch: int = 1  # 1: the first 40 cases (used to fix rules); 2 and up: held-out batches


def healthy(name: str, script: Callable[..., keras.callbacks.History], note: str,
            **options: object) -> Case:  # fmt: skip
    return Case(name, partial(script, **options), note=note)


def faulty(name: str, counterpart: str, expect: str, note: str, **options: object) -> Case:
    script = {c.name: c.script for c in HEALTHY + HEALTHY_2 + HEALTHY_3 + HEALTHY_4
                                  + HEALTHY_5 + HEALTHY_6 + HEALTHY_7 + HEALTHY_8
                                  + HEALTHY_9 + HEALTHY_10 + HEALTHY_11
                                  + HEALTHY_12 + HEALTHY_13 + HEALTHY_14
                                  + HEALTHY_15 + HEALTHY_16 + HEALTHY_17
                                  + HEALTHY_18 + HEALTHY_19 + HEALTHY_20
                                  + HEALTHY_21 + HEALTHY_22 + HEALTHY_23
                                  + HEALTHY_24 + HEALTHY_25 + HEALTHY_26
                                  + HEALTHY_27 + HEALTHY_28
                                  + HEALTHY_29 + HEALTHY_30 + HEALTHY_31
                                  + HEALTHY_32 + HEALTHY_33
                                  + HEALTHY_34 + HEALTHY_35 + HEALTHY_36
                                  + HEALTHY_37
                                  + HEALTHY_38 + HEALTHY_39
                                  + HEALTHY_40 + HEALTHY_41 + HEALTHY_42 + HEALTHY_43
                                  + HEALTHY_44 + HEALTHY_45 + HEALTHY_46 + HEALTHY_47
                                  + HEALTHY_48 + HEALTHY_49 + HEALTHY_50
                                  + HEALTHY_51 + HEALTHY_52 + HEALTHY_53 + HEALTHY_55
                                  + HEALTHY_56 + HEALTHY_54
                                  + HEALTHY_60 + HEALTHY_59 + HEALTHY_58 + HEALTHY_57
                                  + HEALTHY_61 + HEALTHY_63 + HEALTHY_62 + HEALTHY_64
                                  + HEALTHY_68 + HEALTHY_66 + HEALTHY_65 + HEALTHY_67
                                  + HEALTHY_70 + HEALTHY_72 + HEALTHY_71 + HEALTHY_69
                                  + HEALTHY_75 + HEALTHY_73 + HEALTHY_76
                                  + HEALTHY_74 + HEALTHY_77 + HEALTHY_78
                                  + HEALTHY_79 + HEALTHY_80 + HEALTHY_81
                                  + HEALTHY_82 + HEALTHY_84 + HEALTHY_83
                                  + HEALTHY_85 + HEALTHY_86 + HEALTHY_87
                                  + HEALTHY_88 + HEALTHY_89 + HEALTHY_90
                                  + HEALTHY_91 + HEALTHY_92 + HEALTHY_93
                                  + HEALTHY_94 + HEALTHY_95 + HEALTHY_96
                                  + HEALTHY_99
                                  + HEALTHY_98
                                  + HEALTHY_97
                                  + HEALTHY_100}[counterpart]
    assert isinstance(script, partial)
    return Case(name, partial(script.func, **{**script.keywords, **options}), "faulty",
                counterpart, frozenset(expect.split()), note)  # fmt: skip


HEALTHY_2: list[Case] = []  # batch 2, filled below; `faulty` looks counterparts up in all
HEALTHY_3: list[Case] = []  # batch 3, filled below
HEALTHY_4: list[Case] = []  # batch 4, filled below
HEALTHY_5: list[Case] = []  # batch 5, filled below
HEALTHY_6: list[Case] = []  # batch 6, filled below
HEALTHY_7: list[Case] = []  # batch 7, filled below
HEALTHY_8: list[Case] = []  # batch 8, filled below
HEALTHY_9: list[Case] = []  # batch 9, filled below
HEALTHY_10: list[Case] = []  # batch 10, filled below
HEALTHY_11: list[Case] = []  # batch 11, filled below
HEALTHY_12: list[Case] = []  # batch 12, filled below
HEALTHY_13: list[Case] = []  # batch 13, filled below
HEALTHY_14: list[Case] = []  # batch 14, filled below
HEALTHY_15: list[Case] = []  # batch 15, filled below
HEALTHY_16: list[Case] = []  # batch 16, filled below
HEALTHY_17: list[Case] = []  # batch 17, filled below
HEALTHY_18: list[Case] = []  # batch 18, filled below
HEALTHY_19: list[Case] = []  # batch 19, filled below
HEALTHY_20: list[Case] = []  # batch 20, filled below
HEALTHY_21: list[Case] = []  # batch 21, filled below
HEALTHY_22: list[Case] = []  # batch 22, filled below
HEALTHY_23: list[Case] = []  # batch 23, filled below
HEALTHY_24: list[Case] = []  # batch 24, filled below
HEALTHY_25: list[Case] = []  # batch 25, filled below
HEALTHY_26: list[Case] = []  # batch 26, filled below
HEALTHY_27: list[Case] = []  # batch 27, filled below
HEALTHY_28: list[Case] = []  # batch 28, filled below
HEALTHY_29: list[Case] = []  # batch 29, filled below
HEALTHY_30: list[Case] = []  # batch 30, filled below
HEALTHY_31: list[Case] = []  # batch 31, filled below
HEALTHY_32: list[Case] = []  # batch 32, filled below
HEALTHY_33: list[Case] = []  # batch 33, filled below
HEALTHY_34: list[Case] = []  # batch 34, filled below
HEALTHY_35: list[Case] = []  # batch 35, filled below
HEALTHY_36: list[Case] = []  # batch 36, filled below
HEALTHY_37: list[Case] = []  # batch 37, filled below
HEALTHY_38: list[Case] = []  # batch 38, filled below
HEALTHY_39: list[Case] = []  # batch 39, filled below
HEALTHY_40: list[Case] = []  # batch 40, filled below
HEALTHY_41: list[Case] = []  # batch 41, filled below
HEALTHY_42: list[Case] = []  # batch 42, filled below
HEALTHY_43: list[Case] = []  # batch 43, filled below
HEALTHY_44: list[Case] = []  # batch 44, filled below
HEALTHY_45: list[Case] = []  # batch 45, filled below
HEALTHY_46: list[Case] = []  # batch 46, filled below
HEALTHY_47: list[Case] = []  # batch 47, filled below
HEALTHY_48: list[Case] = []  # batch 48, filled below
HEALTHY_49: list[Case] = []  # batch 49, filled below
HEALTHY_50: list[Case] = []  # batch 50, filled below
HEALTHY_51: list[Case] = []  # batch 51, filled below
HEALTHY_52: list[Case] = []  # batch 52, filled below
HEALTHY_53: list[Case] = []  # batch 53, filled below
HEALTHY_54: list[Case] = []  # batch 54, filled below
HEALTHY_55: list[Case] = []  # batch 55, filled below
HEALTHY_56: list[Case] = []  # batch 56, filled below
HEALTHY_57: list[Case] = []  # batch 57, filled below
HEALTHY_58: list[Case] = []  # batch 58, filled below
HEALTHY_59: list[Case] = []  # batch 59, filled below
HEALTHY_60: list[Case] = []  # batch 60, filled below
HEALTHY_61: list[Case] = []  # batch 61, filled below
HEALTHY_62: list[Case] = []  # batch 62, filled below
HEALTHY_63: list[Case] = []  # batch 63, filled below
HEALTHY_64: list[Case] = []  # batch 64, filled below
HEALTHY_65: list[Case] = []  # batch 65, filled below
HEALTHY_66: list[Case] = []  # batch 66, filled below
HEALTHY_67: list[Case] = []  # batch 67, filled below
HEALTHY_68: list[Case] = []  # batch 68, filled below
HEALTHY_69: list[Case] = []  # batch 69, filled below
HEALTHY_70: list[Case] = []  # batch 70, filled below
HEALTHY_71: list[Case] = []  # batch 71, filled below
HEALTHY_72: list[Case] = []  # batch 72, filled below
HEALTHY_73: list[Case] = []  # batch 73, filled below
HEALTHY_74: list[Case] = []  # batch 74, filled below
HEALTHY_75: list[Case] = []  # batch 75, filled below
HEALTHY_76: list[Case] = []  # batch 76, filled below
HEALTHY_77: list[Case] = []  # batch 77, filled below
HEALTHY_78: list[Case] = []  # batch 78, filled below
HEALTHY_79: list[Case] = []  # batch 79, filled below
HEALTHY_80: list[Case] = []  # batch 80, filled below
HEALTHY_81: list[Case] = []  # batch 81, filled below
HEALTHY_82: list[Case] = []  # batch 82, filled below
HEALTHY_83: list[Case] = []  # batch 83, filled below
HEALTHY_84: list[Case] = []  # batch 84, filled below
HEALTHY_85: list[Case] = []  # batch 85, filled below
HEALTHY_86: list[Case] = []  # batch 86, filled below
HEALTHY_87: list[Case] = []  # batch 87, filled below
HEALTHY_88: list[Case] = []  # batch 88, filled below
HEALTHY_89: list[Case] = []  # batch 89, filled below
HEALTHY_90: list[Case] = []  # batch 90, filled below
HEALTHY_91: list[Case] = []  # batch 91, filled below
HEALTHY_92: list[Case] = []  # batch 92, filled below
HEALTHY_93: list[Case] = []  # batch 93, filled below
HEALTHY_94: list[Case] = []  # batch 94, filled below
HEALTHY_95: list[Case] = []  # batch 95, filled below
HEALTHY_96: list[Case] = []  # batch 96, filled below
HEALTHY_97: list[Case] = []  # batch 97, filled below
HEALTHY_98: list[Case] = []  # batch 98, filled below
HEALTHY_99: list[Case] = []  # batch 99, filled below
HEALTHY_100: list[Case] = []  # batch 100, filled below

HEALTHY = [
    healthy("cnn_digits", vision.cnn_digits, "Conv+MaxPool+Dropout, Adam, batch 128, 12 ep"),
    healthy("cnn_augment", vision.cnn_augment, "RandomRotation/Zoom/Translation in model, 20 ep"),
    healthy("cnn_batchnorm", vision.cnn_batchnorm, "Conv-BN-ReLU, GAP, Adam, batch 32, 15 ep"),
    healthy("mlp_digits", vision.mlp_digits, "Dense 256-128 + Dropout, RMSprop, 5 ep"),
    healthy("onehot_smoothing", vision.onehot_label_smoothing, "one-hot labels, "
            "label_smoothing 0.1, 6 ep"),
    healthy("tfdata_logits", vision.tfdata_pipeline, "tf.data, logits + "
            "from_logits, 8 ep"),
    healthy("denoising_ae", vision.autoencoder, "denoising autoencoder, MSE, no accuracy, 15 ep"),
    healthy("two_heads", vision.two_heads, "multi-output (softmax + sigmoid), 10 ep"),
    healthy("text_pooling", sequence.text_pooling, "Embedding + GAP1D, Adam, 8 ep"),
    healthy("text_expdecay", sequence.text_pooling, "Embedding + GAP1D, ExponentialDecay, 3 ep",
            schedule=True, epochs=3),
    healthy("text_bilstm", sequence.text_bilstm, "Bidirectional LSTM, mask_zero, 5 ep"),
    healthy("text_transformer", sequence.text_transformer, "one Transformer block, 6 ep"),
    healthy("signal_conv1d", sequence.signal_conv1d, "Conv1D series, ReduceLROnPlateau, 12 ep"),
    healthy("cancer_mlp", tabular.cancer_mlp, "StandardScaler, binary sigmoid head, 20 ep"),
    healthy("cancer_short", tabular.cancer_mlp, "StandardScaler, binary, batch 16, 4 ep",
            batch_size=16, epochs=4),
    healthy("wine_normalization", tabular.wine_normalization, "adapted Normalization, one-hot"),
    healthy("wine_sgd", tabular.wine_sgd, "SGD(0.01, momentum 0.9), 25 ep"),
    healthy("imbalanced_weighted", tabular.imbalanced_weighted, "92/8 %, class_weight, AUC"),
    healthy("diabetes_regression", tabular.diabetes_regression, "MSE + mae, 30 ep"),
    healthy("two_inputs", tabular.two_inputs, "multi-input functional model, 10 ep"),
    healthy("moons_callbacks", tabular.moons_callbacks, "EarlyStopping + ReduceLROnPlateau"),
    healthy("moons_cosine", tabular.moons_cosine, "CosineDecay schedule, tanh, 20 ep"),
]

FAULTY = [
    faulty("double_softmax", "cnn_digits", "output_loss_mismatch",
           "softmax output, SparseCategoricalCrossentropy(from_logits=True)",
           loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True)),
    faulty("linear_no_logits", "mlp_digits", "output_loss_mismatch improper_output",
           "linear output, sparse_categorical_crossentropy (from_logits=False)", head=None),
    faulty("sigmoid_cce", "wine_normalization", "output_loss_mismatch",
           "sigmoid output with categorical_crossentropy on 3 classes", head="sigmoid"),
    faulty("mse_onehot", "wine_normalization", "output_loss_mismatch",
           "MSE loss on one-hot classification", loss="mse"),
    faulty("unscaled_pixels", "cnn_digits", "unscaled_input", "pixels 0-255 not scaled",
           scale=False),
    faulty("unscaled_features", "cancer_mlp", "unscaled_input",
           "no StandardScaler (features 0.001 to 4000)", scale=False),
    faulty("adam_lr_1", "cancer_mlp",
           "exploding_gradient oscillating_loss dying_relu learning_rate_out_of_range",
           "Adam(learning_rate=1.0)", lr=1.0),
    faulty("adam_lr_10", "cnn_digits",
           "exploding_gradient oscillating_loss dying_relu learning_rate_out_of_range",
           "Adam(learning_rate=10.0)", lr=10.0),
    faulty("lr_1e-6", "cnn_digits", "slow_convergence setup_stall learning_rate_out_of_range",
           "Adam(learning_rate=1e-6)", lr=1e-6),
    faulty("relu_output_regression", "diabetes_regression",
           "improper_output output_loss_mismatch dying_relu slow_convergence setup_stall",
           "ReLU output layer, targets half negative", head="relu"),
    faulty("deep_sigmoid_sgd", "wine_sgd", "vanishing_gradient slow_convergence",
           "8 sigmoid Dense layers, plain SGD(0.01)", depth=8, activation="sigmoid",
           momentum=0.0),
    faulty("zeros_init", "mlp_digits",
           "dying_relu vanishing_gradient slow_convergence setup_stall",
           "kernel_initializer='zeros' everywhere", init="zeros"),
    faulty("full_batch", "mlp_digits", "slow_convergence",
           "batch_size = whole training set (1437), 5 epochs", batch_size=1437),
    faulty("dropout_0.9", "mlp_digits", "slow_convergence", "Dropout(0.9) twice",
           dropout=0.9),
    faulty("labels_1_to_10", "mlp_digits", "label_mismatch",
           "labels shifted to 1..10 with 10 output units", label_shift=1),
    faulty("batchnorm_short", "cnn_batchnorm", "",
           "BatchNorm CNN stopped after 5 epochs: moving statistics still far from the batch "
           "ones (training accuracy high, validation near chance); no Watch problem fits",
           epochs=5),
    faulty("binary_softmax", "cancer_mlp",
           "output_loss_mismatch improper_output setup_stall slow_convergence",
           "Dense(1, activation='softmax') with binary_crossentropy", head="softmax"),
    faulty("binary_cce", "cancer_mlp", "output_loss_mismatch setup_stall slow_convergence",
           "one sigmoid unit with categorical_crossentropy (loss is always 0)",
           loss="categorical_crossentropy"),
]

def second(case: Case) -> Case:
    return replace(case, batch=2)


HEALTHY_2 += [second(c) for c in [
    healthy("iris_long_split", batch2_tabular.iris_long_split, "iris shuffled beforehand, "
            "validation_split 0.2, batch 8, 150 ep"),
    healthy("wine_no_validation", batch2_tabular.wine_no_validation, "no validation data, "
            "Adam, batch 16, 300 ep"),
    healthy("cancer_sgd_plain", batch2_tabular.cancer_sgd_plain, "SGD(0.05) no momentum, "
            "ReLU MLP, 80 ep"),
    healthy("iris_batch1", batch2_tabular.iris_batch1, "batch_size=1, SGD(0.01), 12 ep"),
    healthy("digits_adagrad", batch2_tabular.digits_adagrad, "Adagrad(0.05), 15 ep"),
    healthy("wine_adadelta", batch2_tabular.wine_adadelta, "Adadelta(1.0), 60 ep"),
    healthy("cancer_nadam_l2", batch2_tabular.cancer_nadam_l2, "Nadam, L2(1e-3) on every "
            "layer, batch 16, 25 ep"),
    healthy("digits_adamw_dropout", batch2_tabular.digits_adamw_dropout, "AdamW(wd 0.01), "
            "Dropout 0.5 twice, 15 ep"),
    healthy("digits_piecewise", batch2_tabular.digits_piecewise, "PiecewiseConstantDecay, "
            "12 ep"),
    healthy("cancer_class_weight", batch2_tabular.cancer_class_weight, "90/10 %, hand-made "
            "class_weight, 30 ep"),
    healthy("cancer_earlystop", batch2_tabular.cancer_earlystop, "EarlyStopping(patience 10, "
            "restore_best_weights), budget 300 ep"),
    healthy("noisy_mlp", batch2_tabular.noisy_mlp, "15 % label noise, Adam, batch 32, 8 ep"),
    healthy("signal_gru", batch2_models.signal_gru, "GRU(24) on waveforms, 6 ep"),
    healthy("sine_simplernn", batch2_models.sine_simplernn, "SimpleRNN forecaster, MSE, "
            "validation_split, 10 ep"),
    healthy("waves_multi_output", batch2_models.waves_multi_output, "1-D regression, 3 "
            "outputs, tanh, 30 ep"),
    healthy("outliers_huber", batch2_models.outliers_huber, "Huber loss, 5 % outliers, 20 ep"),
    healthy("multilabel_sigmoid", batch2_models.multilabel_sigmoid, "5 sigmoid labels, "
            "binary_crossentropy, 15 ep"),
    healthy("subclassed_digits", batch2_models.subclassed_digits, "keras.Model subclass, "
            "SGD momentum, 15 ep"),
    healthy("residual_gelu", batch2_models.residual_gelu, "residual MLP, LayerNorm, gelu, "
            "15 ep"),
    healthy("wide_and_deep", batch2_models.wide_and_deep, "wide (crossed one-hot) + deep, "
            "12 ep"),
    healthy("bottleneck_ae", batch2_models.bottleneck_autoencoder, "autoencoder 64-8-64, "
            "sigmoid + BCE, 20 ep"),
    healthy("tfdata_repeat", batch2_models.tfdata_repeat, "repeated tf.data, "
            "steps_per_epoch 25, 15 ep"),
    healthy("circles_swish", batch2_models.circles_swish, "swish, CosineDecayRestarts, 30 ep"),
    healthy("friedman_normalization", batch2_models.friedman_normalization, "adapted "
            "Normalization, standardised price targets, 25 ep"),
    healthy("customers_mixed", batch2_models.customers_mixed, "mixed-unit columns, log1p + "
            "StandardScaler, 15 ep"),
]]

FAULTY_2 = [second(c) for c in [
    faulty("relu_sgd_lr5", "cancer_sgd_plain",
           "exploding_gradient oscillating_loss dying_relu learning_rate_out_of_range",
           "ReLU MLP under SGD(learning_rate=5.0)", lr=5.0),
    faulty("sgd_lr_too_small", "cancer_sgd_plain",
           "slow_convergence setup_stall learning_rate_out_of_range",
           "SGD(1e-4) without momentum for 80 epochs", lr=1e-4),
    faulty("onehot_sparse_loss", "wine_adadelta", "label_mismatch output_loss_mismatch",
           "one-hot labels with sparse_categorical_crossentropy", onehot=True),
    faulty("dropout_0.95", "digits_adamw_dropout", "slow_convergence setup_stall",
           "Dropout(0.95) twice", dropout=0.95),
    faulty("sigmoid_mse_onehot", "digits_adamw_dropout",
           "output_loss_mismatch improper_output slow_convergence vanishing_gradient",
           "10 sigmoid outputs with MSE on one-hot labels", head="sigmoid", loss="mse",
           onehot=True),
    faulty("softmax_from_logits", "digits_piecewise", "output_loss_mismatch",
           "softmax output, SparseCategoricalCrossentropy(from_logits=True)", from_logits=True),
    faulty("zero_features", "digits_piecewise", "abnormal_data setup_stall slow_convergence",
           "integer division x // 17 makes every input feature 0", integer_division=True),
    faulty("deep_sigmoid_16", "subclassed_digits",
           "vanishing_gradient slow_convergence setup_stall",
           "16 sigmoid Dense layers in the subclassed model", depth=16, activation="sigmoid"),
    faulty("linear_stack_circles", "circles_swish", "linear_stack slow_convergence setup_stall",
           "no activation in the hidden layers (a linear model) on circles", activation=None),
    faulty("zeros_init_tanh", "waves_multi_output",
           "vanishing_gradient slow_convergence setup_stall",
           "kernel_initializer='zeros' in a tanh net", init="zeros"),
    faulty("targets_thousands", "friedman_normalization",
           "abnormal_data exploding_gradient slow_convergence setup_stall",
           "regression targets 1000-4000 left unscaled (val loss in other units: see README)",
           scale_targets=False),
    faulty("million_column", "customers_mixed", "unscaled_input",
           "the revenue column (1e6-5e7) appended unscaled next to standardised ones",
           forget_revenue=True),
    faulty("batch1_adam_noisy", "noisy_mlp",
           "oscillating_loss learning_rate_out_of_range",
           "batch_size=1 with Adam(0.01) on 15 % label noise", batch_size=1, lr=0.01),
    faulty("labels_all_same", "cancer_nadam_l2",
           "label_mismatch abnormal_data setup_stall slow_convergence",
           "training labels all 0 by a wrong re-encoding (y == 2)", label_bug=True),
    faulty("shuffled_labels", "residual_gelu", "setup_stall slow_convergence abnormal_data",
           "features and labels shuffled separately: no signal", shuffle_labels=True),
]]


def third(case: Case) -> Case:
    return replace(case, batch=3)


B3M, B3T = batch3_models, batch3_tabular
HEALTHY_3 += [third(c) for c in [
    healthy("multi_io_weights", B3M.multi_io, "image + strokes -> digit (softmax) and ink "
            "(MSE), loss_weights 1 / 0.5, 12 ep"),
    healthy("subclass_bn", B3M.subclass_bn, "keras.Model subclass, BN + Dropout with "
            "training flag, get_config, 20 ep"),
    healthy("custom_layer_moons", B3M.custom_layer, "registered custom layer (tanh "
            "projection + gate) twice, noisy moons, 25 ep"),
    healthy("focal_custom_metric", B3M.custom_loss, "registered focal loss function + custom "
            "PositiveRecall metric, 8 % positives, 20 ep"),
    healthy("mini_mobilenet", B3M.mini_mobilenet, "depthwise-separable blocks, ReLU6, BN, "
            "logits + from_logits, 10 ep"),
    healthy("mini_resnet", B3M.mini_resnet, "two residual conv blocks, SGD(0.05, momentum "
            "0.9, nesterov), 10 ep"),
    healthy("lstm_forecast", B3M.lstm_forecast, "LSTM(32) 30 past -> 5 ahead, MSE + mae, "
            "12 ep"),
    healthy("gru_seq2seq", B3M.gru_seq2seq, "GRU encoder-decoder, RepeatVector, "
            "TimeDistributed softmax, reverse 6 digits, 15 ep"),
    healthy("conv_autoencoder", B3M.conv_autoencoder, "conv encoder, Dense(12) bottleneck, "
            "Conv2DTranspose decoder, sigmoid + MSE, 15 ep"),
    healthy("siamese_pairs", B3M.siamese, "shared Dense encoder on two inputs, Lambda |a-b|, "
            "sigmoid 'same digit', 12 ep"),
    healthy("transfer_frozen_base", B3M.transfer_frozen, "conv base pre-trained on digits "
            "0-4, frozen, new head on 5-9, 10 ep"),
    healthy("tfdata_map_prefetch", B3T.tfdata_map, "tf.data shuffle + .map(noise) + batch + "
            ".prefetch, dataset validation, 10 ep"),
    healthy("ordinal_huber", B3T.ordinal_huber, "5 ordinal grades as regression, "
            "Huber(0.5), 25 ep"),
    healthy("sample_weight_recent", B3T.sample_weighted, "sample_weight 0.5 + row/n "
            "(recent rows weigh more), 15 ep"),
    healthy("validation_freq_5", B3T.validation_freq, "wine, L2 1e-4, validation_freq=5, "
            "40 ep, batch 16"),
    healthy("mixed_bf16", B3T.mixed_precision, "mixed_bfloat16 policy, float32 output "
            "activation, 20 ep"),
    healthy("warmup_cosine", B3T.warmup_schedule, "registered LearningRateSchedule class: "
            "linear warm-up 1 epoch + cosine, 12 ep"),
    healthy("adamw_clipnorm", B3T.adamw_clipnorm, "CNN, AdamW(wd 1e-4, clipnorm=1.0), 10 ep"),
    healthy("iris_nadam_60", B3T.iris_small_data, "150 rows (120 train), Nadam, batch 16, "
            "60 ep"),
    healthy("multilabel_f1", B3T.multilabel_f1, "6 labels, sigmoid + BCE, AUC(multi_label), "
            "custom MicroF1 metric, 15 ep"),
]]

FAULTY_3 = [third(c) for c in [
    faulty("multi_io_raw_ink", "multi_io_weights",
           "unscaled_target abnormal_data exploding_gradient slow_convergence",
           "the ink regression target left in raw units (~300 +- 50) next to the class head",
           scale_ink=False),
    faulty("subclass_bn_batch1", "subclass_bn", "setup_stall slow_convergence oscillating_loss",
           "batch_size=1 with BatchNorm (one row: batch variance 0, BN output 0), 6 ep",
           batch_size=1, epochs=6),
    faulty("custom_layer_init_10", "custom_layer_moons",
           "vanishing_gradient slow_convergence setup_stall exploding_gradient",
           "the custom layer's init_std=10 (meant 0.1): tanh saturated", init_std=10.0),
    faulty("focal_on_logits", "focal_custom_metric",
           "output_loss_mismatch improper_output setup_stall slow_convergence",
           "linear output while the focal loss expects probabilities (clipped to [1e-7, 1])",
           head=None),
    faulty("relu_logits", "mini_mobilenet",
           "improper_output output_loss_mismatch dying_relu slow_convergence",
           "Dense(10, activation='relu') as the logits of from_logits=True", head="relu"),
    faulty("resnet_sgd_lr_2", "mini_resnet",
           "exploding_gradient oscillating_loss dying_relu learning_rate_out_of_range",
           "SGD(2.0, momentum 0.9, nesterov) on the residual net", lr=2.0),
    faulty("forecast_sales_units", "lstm_forecast",
           "unscaled_input unscaled_target abnormal_data slow_convergence",
           "series left in sales units (5000 +- 1000) for inputs and targets",
           units_scale=False),
    faulty("seq2seq_no_softmax", "gru_seq2seq", "output_loss_mismatch improper_output",
           "TimeDistributed Dense(10) linear with sparse CE (from_logits=False)", head=None),
    faulty("ae_targets_raw", "conv_autoencoder",
           "unscaled_target improper_output output_loss_mismatch slow_convergence",
           "inputs / 16 but the reconstruction targets raw 0..16 under a sigmoid output",
           scale_targets=False),
    faulty("siamese_dropout_0.7", "siamese_pairs", "slow_convergence setup_stall",
           "'dropout everywhere' at 0.7 (input, hidden, head)", dropout=0.7),
    faulty("frozen_random_base", "transfer_frozen_base",
           "slow_convergence setup_stall dying_relu",
           "pre-training skipped, base frozen anyway, 4-unit ReLU bottleneck: only the head "
           "learns, on random narrow features", pretrain=False, bottleneck=4),
    faulty("tfdata_shuffled_apart", "tfdata_map_prefetch",
           "setup_stall slow_convergence abnormal_data",
           "images and labels shuffled in two datasets then zipped (pairs broken)",
           shuffle_apart=True),
    faulty("ordinal_sigmoid", "ordinal_huber",
           "improper_output output_loss_mismatch slow_convergence setup_stall",
           "sigmoid output for grades 0..4 (cannot exceed 1)", head="sigmoid"),
    faulty("sample_weight_zero", "sample_weight_recent",
           "setup_stall slow_convergence abnormal_data",
           "sample_weight by integer division row // n: every weight 0", integer_weights=True),
    faulty("l2_10", "validation_freq_5", "slow_convergence setup_stall vanishing_gradient",
           "kernel_regularizer=l2(10) on the hidden layers", l2=10.0),
    faulty("mixed_deep_sigmoid", "mixed_bf16",
           "vanishing_gradient slow_convergence setup_stall",
           "10 sigmoid hidden layers under the mixed_bfloat16 policy", depth=10,
           activation="sigmoid"),
    faulty("warmup_never_ends", "warmup_cosine",
           "slow_convergence setup_stall learning_rate_out_of_range",
           "warm-up given in samples x 1000 (32 000 epochs): the rate stays ~1e-7",
           warmup_epochs=32000.0),
    faulty("adamw_decay_50", "adamw_clipnorm",
           "slow_convergence setup_stall vanishing_gradient dying_relu",
           "AdamW(weight_decay=50): weights decayed to 0 each step", weight_decay=50.0),
    faulty("iris_sgd_momentum_high", "iris_nadam_60",
           "exploding_gradient oscillating_loss dying_relu learning_rate_out_of_range",
           "SGD(0.5, momentum 0.99) on 120 rows", optimizer="sgd", lr=0.5),
    faulty("multilabel_softmax_cce", "multilabel_f1",
           "output_loss_mismatch label_mismatch improper_output",
           "softmax + categorical_crossentropy on multi-hot targets", head="softmax",
           loss="categorical_crossentropy"),
]]


def fourth(case: Case) -> Case:
    return replace(case, batch=4)


B4M, B4T = batch4_models, batch4_tabular
HEALTHY_4 += [fourth(c) for c in [
    healthy("tfdata_large5", B4T.tfdata_large, "20 000 rows, 5 classes one-hot, tf.data "
            "shuffle/batch 128/prefetch, validation dataset, 4 ep"),
    healthy("large_val_split", B4T.large_split, "30 000 rows, 7 classes, validation_split "
            "0.1, batch 256, 5 ep"),
    healthy("checkpoint_earlystop_b4", B4T.checkpoint_split, "800 rows, 4 classes, "
            "validation_split, ModelCheckpoint + EarlyStopping(restore_best_weights), 80 ep"),
    healthy("churn_preprocessing", B4T.churn_preprocessing, "dict of columns: StringLookup, "
            "CategoryEncoding, Discretization, Normalization in the model, 15 ep"),
    healthy("huber_prices", B4T.huber_prices, "house prices in 100 k$, Huber(1.0), 30 ep"),
    healthy("mae_friedman3", B4T.mae_friedman, "Friedman #3, loss mae, 40 ep"),
    healthy("logcosh_sensors", B4T.logcosh_sensors, "raw sensor units, adapted Normalization, "
            "log-cosh, 40 ep"),
    healthy("poisson_counts", B4T.poisson_counts, "exponential output, Poisson loss, 25 ep"),
    healthy("ordinal_cumulative_b4", B4T.ordinal_cumulative, "4 levels as 3 cumulative sigmoid "
            "targets, L1L2 + MaxNorm, 30 ep"),
    healthy("fraud_class_weight", B4T.fraud_class_weight, "5 % positives, "
            "compute_class_weight, AdamW, custom he_uniform initializer, 20 ep"),
    healthy("inverse_variance_weights", B4T.inverse_variance, "sample_weight = 1/noise "
            "variance, MSE, 25 ep"),
    healthy("mixed_float16", B4T.mixed_float16, "mixed_float16 policy, 20 000 rows, float32 "
            "softmax, 4 ep"),
    healthy("tiny_subclass", B4T.tiny_subclass, "240 rows, keras.Model subclass with "
            "call(training=...), GaussianNoise + Dropout, 60 ep"),
    healthy("adagrad_inverse_time", B4T.adagrad_schedule, "Adagrad(0.05) under "
            "InverseTimeDecay, 20 ep"),
    healthy("nesterov_lr_scheduler", B4T.nesterov_step_decay, "SGD nesterov, "
            "LearningRateScheduler step decay + TerminateOnNaN, 15 ep"),
    healthy("tanh_piecewise", B4T.tanh_piecewise, "2 tanh layers, SGD momentum, "
            "PiecewiseConstantDecay, 20 ep"),
    healthy("text_attention", B4M.text_attention, "TextVectorization on raw sentences, "
            "Embedding + attention pooling, AdamW + custom warm-up schedule, 10 ep"),
    healthy("waveform_cnn1d", B4M.waveform_cnn, "GaussianNoise + Conv1D on 4 waveform "
            "classes, Nadam, 10 ep"),
    healthy("separable_digits", B4M.separable_digits, "SeparableConv2D + BN(0.9) on digit "
            "images, 10 ep"),
    healthy("forecast_repeat", B4M.forecast_repeat, "timeseries_dataset_from_array.repeat(), "
            "steps_per_epoch 60, causal Conv1D, 15 ep"),
    healthy("pretrained_encoder", B4M.pretrained_encoder, "autoencoder-pre-trained encoder "
            "frozen, new head on 300 labels, 30 ep"),
]]

FAULTY_4 = [fourth(c) for c in [
    faulty("bce_onehot_5class", "tfdata_large5", "output_loss_mismatch label_mismatch",
           "binary_crossentropy on the 5-class one-hot target", loss="binary_crossentropy"),
    faulty("full_batch_27k", "large_val_split",
           "slow_convergence small_budget setup_stall",
           "batch_size = the whole training part (27 000): 5 steps in all", batch_size=27000),
    faulty("sorted_validation_split", "checkpoint_earlystop_b4", "label_mismatch",
           "rows grouped by class: validation_split's last 20 % is (nearly) one class",
           sort_by_label=True),
    faulty("bce_no_sigmoid", "churn_preprocessing", "output_loss_mismatch improper_output",
           "output Dense(1) without its sigmoid under binary_crossentropy", head=None),
    faulty("softmax_regression", "huber_prices",
           "improper_output output_loss_mismatch setup_stall slow_convergence",
           "Dense(1, activation='softmax') for a price regression (always 1.0)",
           head="softmax"),
    faulty("prices_in_dollars", "huber_prices",
           "unscaled_target slow_convergence setup_stall abnormal_data",
           "target left in dollars (80 000 .. 900 000) under Huber(1.0); val loss in other "
           "units", unit=1.0),
    faulty("targets_shuffled", "mae_friedman3", "setup_stall slow_convergence abnormal_data",
           "target column shuffled apart from the features: nothing to learn",
           shuffle_targets=True),
    faulty("glitch_in_norm_stats", "logcosh_sensors",
           "constant_input unscaled_input abnormal_data slow_convergence setup_stall",
           "Normalization adapted on the raw dump with 4 glitch rows of 1e6: every feature "
           "squashed to ~constant", glitch_in_stats=True),
    faulty("norm_not_adapted", "logcosh_sensors",
           "unscaled_input abnormal_data exploding_gradient",
           "Normalization layer never adapted (identity): raw units up to 1e5", adapt=False),
    faulty("poisson_linear_output", "poisson_counts",
           "improper_output output_loss_mismatch abnormal_data",
           "linear output under the Poisson loss (log of negative rates)", head=None),
    faulty("he_uniform_x100", "fraud_class_weight",
           "exploding_gradient dying_relu abnormal_data oscillating_loss",
           "hand-written he_uniform initializer with factor 100", init_factor=100.0),
    faulty("schedule_to_zero", "adagrad_inverse_time",
           "slow_convergence setup_stall learning_rate_out_of_range",
           "ExponentialDecay(decay_steps=epochs, decay_rate=0.01): ~1e-7 after one epoch",
           schedule="exponential_per_batch"),
    faulty("sgd_nesterov_lr_5", "nesterov_lr_scheduler",
           "exploding_gradient oscillating_loss dying_relu learning_rate_out_of_range",
           "SGD nesterov base rate 5.0 (typo for 0.05), step decay callback", base_lr=5.0),
    faulty("deep_tanh_sgd", "tanh_piecewise", "vanishing_gradient slow_convergence setup_stall",
           "14 tanh layers, no normalisation, SGD", depth=14),
    faulty("warmup_peak_1e-7", "text_attention",
           "slow_convergence setup_stall learning_rate_out_of_range",
           "warm-up schedule's peak 1e-7", peak_lr=1e-7),
    faulty("sparse_labels_cce", "text_attention", "label_mismatch output_loss_mismatch",
           "integer labels with categorical_crossentropy (Keras may raise)",
           loss="categorical_crossentropy"),
    faulty("sigmoid_multiclass", "waveform_cnn1d", "output_loss_mismatch improper_output",
           "4 sigmoid outputs for a single-label 4-class softmax task", head="sigmoid"),
    faulty("gaussian_noise_3", "waveform_cnn1d", "abnormal_data slow_convergence setup_stall",
           "GaussianNoise(3.0) on signals of amplitude ~1", noise=3.0),
    faulty("bn_momentum_9999", "separable_digits", "",
           "BatchNorm momentum 0.9999: moving statistics never leave their initial values; "
           "no Watch problem fits", bn_momentum=0.9999),
    faulty("frozen_everything", "pretrained_encoder", "setup_stall slow_convergence",
           "classifier.trainable = False (meant the encoder): no trainable weight",
           freeze="all"),
]]



def fifth(case: Case) -> Case:
    return replace(case, batch=5)


B5M, B5T = batch5_models, batch5_tabular
HEALTHY_5 += [fifth(c) for c in [
    healthy("train_step_subclass", B5M.train_step_digits, "functional model of a keras.Model "
            "subclass with its own train_step (GradientTape, compute_loss, grad-norm metric), "
            "SGD momentum, 10 ep"),
    healthy("store_three_inputs", B5M.store_three_inputs, "numeric + store id (Embedding) + "
            "flags, three named inputs, Nadam, 12 ep"),
    healthy("pydataset_noise", B5M.pydataset_cnn, "keras.utils.PyDataset with pixel noise and "
            "an epoch-end shuffle, CNN, 8 ep"),
    healthy("mask_zero_gap", B5M.masked_pooling, "Embedding(mask_zero) + "
            "GlobalAveragePooling1D on post-padded ids, 8 ep"),
    healthy("lstm_masked_post_pad", B5M.lstm_padded, "Embedding(mask_zero) + LSTM(24) on "
            "post-padded ids, 6 ep"),
    healthy("lambda_ops_counts", B5M.counts_lambda, "Lambda(ops.log1p) on raw counts, "
            "Lambda(ops.softmax(logits / 1.5)) head, 15 ep"),
    healthy("signal_conv_flatten", B5M.signal_conv, "Conv1D + Flatten on signals, RMSprop, "
            "10 ep"),
    healthy("cnn_l2_small", B5M.cnn_regularized, "CNN, L2(1e-4) on every kernel, Adam, 10 ep"),
    healthy("class_weight_three_callbacks", B5T.weighted_callbacks, "75/18/7 %, "
            "compute_class_weight, EarlyStopping + ModelCheckpoint + ReduceLROnPlateau, "
            "budget 40 ep"),
    healthy("lion_wine", B5T.lion_wine, "Lion(3e-4), wine, batch 16, 60 ep"),
    healthy("grad_accum_4", B5T.accumulate_cancer, "Adam(gradient_accumulation_steps=4), "
            "batch 16, AUC, 25 ep"),
    healthy("focal_rare", B5T.focal_rare, "BinaryFocalCrossentropy(class balancing), 15 % "
            "positives, AUC, 15 ep"),
    healthy("prices_scaled_mae", B5T.prices_regression, "prices in thousands, standardised "
            "target, MAE, RMSprop, 30 ep"),
    healthy("trend_linear_head", B5T.trend_forecast, "min-max scaled trending series, "
            "Conv1D windows, linear output, 20 ep"),
    healthy("sorted_rows_shuffled", B5T.sorted_rows, "training rows ordered by label, fit's "
            "shuffle on, 10 ep"),
    healthy("scaler_train_only", B5T.scaler_split, "StandardScaler fitted on train, applied "
            "to both, 20 ep"),
    healthy("binary_two_softmax", B5T.two_unit_softmax, "Dense(2, softmax) + sparse CE for a "
            "binary label, 20 ep"),
]]

FAULTY_5 = [fifth(c) for c in [
    faulty("train_step_sum_loss", "train_step_subclass",
           "exploding_gradient oscillating_loss dying_relu learning_rate_out_of_range",
           "SparseCategoricalCrossentropy(reduction='sum') in the custom train_step: "
           "gradients x64 under SGD(0.05, momentum 0.9)", reduction="sum"),
    faulty("embedding_input_dim_short", "store_three_inputs", "label_mismatch abnormal_data",
           "Embedding(input_dim=15) while store ids run to 19 (CPU raises)", store_vocab=15),
    faulty("pydataset_shuffle_x_only", "pydataset_noise",
           "setup_stall slow_convergence abnormal_data",
           "PyDataset.on_epoch_end permutes the images, not the labels", shuffle_labels=False),
    faulty("class_weight_shares", "class_weight_three_callbacks", "",
           "class_weight = each class's share n_c/n instead of its inverse (majority weighs "
           "most); no Watch problem fits", weights="shares"),
    faulty("lion_lr_0.1", "lion_wine",
           "exploding_gradient oscillating_loss dying_relu learning_rate_out_of_range",
           "Lion(0.1): sign updates of 0.1 each step", lr=0.1),
    faulty("grad_accum_256", "grad_accum_4",
           "slow_convergence setup_stall learning_rate_out_of_range small_budget",
           "gradient_accumulation_steps=256 with 29 steps an epoch (3 updates in all)",
           steps=256),
    faulty("focal_sigmoid_from_logits", "focal_rare", "output_loss_mismatch improper_output",
           "BinaryFocalCrossentropy(from_logits=True) on a sigmoid output", from_logits=True),
    faulty("cnn_l2_1", "cnn_l2_small", "slow_convergence setup_stall vanishing_gradient",
           "L2(1.0) on every kernel", l2=1.0),
    faulty("adam_epsilon_1", "cnn_l2_small",
           "slow_convergence setup_stall learning_rate_out_of_range",
           "Adam(epsilon=1.0): steps ~1000x smaller where gradients are ~1e-3", epsilon=1.0),
    faulty("gap_no_mask", "mask_zero_gap", "slow_convergence setup_stall",
           "GlobalAveragePooling1D over post-padded ids without mask_zero: the words diluted "
           "by 40-55 padding positions", mask_zero=False),
    faulty("lstm_post_pad_no_mask", "lstm_masked_post_pad",
           "slow_convergence setup_stall vanishing_gradient",
           "post-padded ids without mask_zero: 40-55 padding steps after the last word",
           mask_zero=False),
    faulty("lambda_log_zero", "lambda_ops_counts", "abnormal_data exploding_gradient",
           "Lambda(ops.log) on counts with zeros: -inf inputs, NaN loss", transform="log"),
    faulty("lambda_softmax_axis0", "lambda_ops_counts",
           "improper_output output_loss_mismatch slow_convergence",
           "Lambda(ops.softmax(..., axis=0)): probabilities over the batch", softmax_axis=0),
    faulty("prices_unscaled_mae", "prices_scaled_mae",
           "unscaled_target slow_convergence setup_stall abnormal_data",
           "target left in thousands (60..900) under MAE (val loss in other units: see README)",
           scale_targets=False),
    faulty("trend_sigmoid_head", "trend_linear_head",
           "improper_output output_loss_mismatch",
           "sigmoid output on a min-max scaled trending series (validation above 1)",
           head="sigmoid"),
    faulty("sorted_no_shuffle", "sorted_rows_shuffled", "oscillating_loss label_mismatch",
           "training rows ordered by label with fit(shuffle=False)", shuffle=False),
    faulty("val_not_scaled", "scaler_train_only", "",
           "validation part never transformed by the scaler (Watch sees the training data); "
           "no Watch problem fits", scale_val=False),
    faulty("scaler_leak", "scaler_train_only", "",
           "StandardScaler fitted on train + validation (leakage); no Watch problem fits",
           leak=True),
    faulty("softmax2_bce", "binary_two_softmax", "output_loss_mismatch label_mismatch",
           "Dense(2, softmax) with binary_crossentropy on 0/1 labels",
           loss="binary_crossentropy"),
    faulty("dropout_after_softmax", "binary_two_softmax", "improper_output",
           "Dropout(0.3) after the softmax output layer", dropout_on_output=True),
    faulty("conv1d_no_flatten", "signal_conv_flatten", "output_loss_mismatch label_mismatch",
           "no Flatten: Dense per time step, a (batch, 16, 3) output against one label a row",
           flatten=False),
]]

def sixth(case: Case) -> Case:
    return replace(case, batch=6)


# Batch 6 (session 16): written without reading the detection / repair rules or their
# settings; `expect` fixed before any run.
B6M, B6T = batch6_models, batch6_tabular
HEALTHY_6 += [sixth(c) for c in [
    healthy("functional_mlp_split", B6M.functional_mlp, "functional API, Dense 128-64 + "
            "Dropout 0.2, validation_split 0.2, Adam, 20 ep"),
    healthy("conv_gru_sensors", B6M.conv_gru, "Conv1D + MaxPool + GRU(24) on 3-channel "
            "sensor windows, Nadam, 8 ep"),
    healthy("cnn_tfdata_cache", B6M.cnn_cached, "tf.data .cache().shuffle().batch()"
            ".prefetch(), Conv2D 16-32 + Flatten, dataset validation, 12 ep"),
    healthy("sparse_autoencoder", B6M.sparse_autoencoder, "30-16-6-16-30 autoencoder, "
            "L1(1e-5) activity regulariser on the code, MSE, 40 ep"),
    healthy("residual_ln_spirals", B6M.residual_spirals, "pre-norm residual MLP "
            "(LayerNormalization, gelu) on 3 spirals, AdamW, 20 ep"),
    healthy("attention_pool_waves", B6M.attention_pool, "Conv1D + attention pooling over "
            "time (Softmax + Dot), logits + from_logits, 10 ep"),
    healthy("shop_hashing_strings", B6T.shop_hashing, "string columns: Hashing + StringLookup "
            "+ Discretization + Normalization in the model, tf.data, 10 ep"),
    healthy("cancer_split_earlystop", B6T.cancer_split_es, "validation_split 0.25, "
            "EarlyStopping(restore_best_weights), budget 100 ep"),
    healthy("wine_warmup_adamw", B6T.wine_warmup, "hand-written per-batch warm-up callback, "
            "AdamW, batch 16, 40 ep"),
    healthy("diabetes_huber_weighted", B6T.diabetes_huber, "Huber, SGD(0.01, momentum 0.9), "
            "sample_weight 1.2 / 0.8, 30 ep"),
    healthy("energy_standardised", B6T.energy_regression, "kWh target standardised, MSE, "
            "AdamW, EarlyStopping(restore_best_weights), budget 40 ep"),
    healthy("digits_even_odd", B6T.even_odd, "binary 'even digit', sigmoid, RMSprop, "
            "validation_split 0.2, 15 ep"),
    healthy("rare_class_weight", B6T.rare_weighted, "15 % positives, class_weight n/(2 n_c), "
            "AUC, 15 ep"),
]]

FAULTY_6 = [sixth(c) for c in [
    faulty("keep_prob_as_rate", "functional_mlp_split",
           "high_dropout slow_convergence setup_stall",
           "TF1 keep_prob=0.8 written as Dropout(0.8) (a drop rate)", dropout=0.8),
    faulty("ones_init", "functional_mlp_split",
           "exploding_gradient setup_stall slow_convergence dying_relu",
           "kernel_initializer='ones' on every Dense layer", init="ones"),
    faulty("float_labels_one_unit", "functional_mlp_split",
           "output_loss_mismatch label_mismatch improper_output",
           "labels as floats 0..9, Dense(1, softmax) under sparse CE", units_out=1,
           float_labels=True),
    faulty("sensors_x_shuffled", "conv_gru_sensors", "setup_stall slow_convergence abnormal_data",
           "training windows permuted, labels left in place", shuffle_x=True),
    faulty("cnn_no_flatten", "cnn_tfdata_cache", "output_loss_mismatch label_mismatch",
           "Flatten forgotten: Dense on (4, 4, 32) maps, a (4, 4, 10) output", flatten=False),
    faulty("val_images_unscaled", "cnn_tfdata_cache", "validation_shift",
           "training images / 16, validation images left at 0..16", scale_val=False),
    faulty("mse_softmax_int_labels", "cnn_tfdata_cache", "output_loss_mismatch label_mismatch",
           "loss='mse' for the 10-class softmax with integer labels", loss="mse"),
    faulty("activity_l1_10", "sparse_autoencoder",
           "dying_relu slow_convergence setup_stall vanishing_gradient",
           "activity_regularizer L1(10) (meant 10e-5) on the code layer", activity_l1=10.0),
    faulty("ae_l2_10", "sparse_autoencoder", "slow_convergence setup_stall vanishing_gradient",
           "kernel_regularizer L2(10) on every Dense layer", l2=10.0),
    faulty("residual_no_activation", "residual_ln_spirals",
           "linear_stack slow_convergence setup_stall",
           "activation left out of the hidden Dense layers (LayerNorm remains)",
           activation=None),
    faulty("relu_logits_attention", "attention_pool_waves",
           "improper_output output_loss_mismatch dying_relu",
           "Dense(3, activation='relu') as the logits of from_logits=True", head="relu"),
    faulty("tanh_output_bce", "shop_hashing_strings", "improper_output output_loss_mismatch",
           "tanh output with {0, 1} labels under binary_crossentropy", head="tanh"),
    faulty("per_sample_normalisation", "cancer_split_earlystop",
           "unscaled_input constant_input abnormal_data",
           "each row standardised by its own mean / std (axis=1)", norm="sample"),
    faulty("cancer_x_shuffled", "cancer_split_earlystop",
           "setup_stall slow_convergence abnormal_data",
           "features permuted, labels left in place", shuffle_x=True),
    faulty("warmup_decays_per_step", "wine_warmup_adamw",
           "slow_convergence setup_stall learning_rate_out_of_range",
           "schedule factor 0.5 applied every step (9 steps an epoch): rate ~1e-6 after 2 "
           "epochs", decay=0.5),
    faulty("adadelta_default_lr", "wine_warmup_adamw",
           "slow_convergence setup_stall learning_rate_out_of_range",
           "optimizer='adadelta' (Keras default rate 0.001), no warm-up", optimizer="adadelta"),
    faulty("sample_weight_sum_to_1", "diabetes_huber_weighted",
           "invalid_sample_weights slow_convergence setup_stall",
           "sample weights normalised to sum to 1 (each ~0.003) under SGD",
           normalise_weights=True),
    faulty("sgd_clipvalue_1e-4", "diabetes_huber_weighted",
           "slow_convergence setup_stall learning_rate_out_of_range",
           "SGD(clipvalue=1e-4) (meant clipnorm=1)", clipvalue=1e-4),
    faulty("energy_target_kwh", "energy_standardised",
           "unscaled_target slow_convergence setup_stall",
           "target left in kWh (1500..12 000; val loss in other units)", scale_target=False),
    faulty("even_odd_labels_1_2", "digits_even_odd", "label_mismatch output_loss_mismatch",
           "binary labels coded 1/2 under binary_crossentropy", label_offset=1),
    faulty("class_weight_inverted", "rare_class_weight", "",
           "class weights swapped (minority weighs less); no Watch problem fits",
           inverted=True),
]]

def seventh(case: Case) -> Case:
    return replace(case, batch=7)


# Batch 7 (session "practice7"): written without reading the detection / repair rules or
# their settings; `expect` fixed before any run with Watch or the job.
B7M, B7T = batch7_models, batch7_tabular
HEALTHY_7 += [seventh(c) for c in [
    healthy("seg_unet_shapes", B7M.segmentation, "U-Net-like per-pixel softmax on 16x16 "
            "squares/discs, sparse CE per pixel, Adam, 10 ep"),
    healthy("cnn_rescaling_layer", B7M.rescaling_cnn, "raw digits 0..16, Rescaling(1/16) + "
            "RandomTranslation(0.1) in the model, Conv 32-32, 15 ep"),
    healthy("transfer_two_stage", B7M.transfer_two_stage, "backbone pre-trained on digits "
            "0-4 in the script, frozen nested model, new head on 5-9, 12 ep"),
    healthy("transformer_signals", B7M.transformer_signals, "Conv1D projection + pre-norm "
            "MultiHeadAttention block + GAP1D on waveforms, 10 ep"),
    healthy("multilabel_tags_auc", B7M.multilabel_tags, "6 tags, sigmoid + binary CE, "
            "binary_accuracy + AUC(multi_label), 20 ep"),
    healthy("distill_kld", B7M.distillation, "student on a teacher's soft targets "
            "(temperature 2), KLDivergence, validated on one-hot labels, 20 ep"),
    healthy("gated_subclass", B7M.gated_subclass, "subclassed keras.Model of a hand-written "
            "GatedDense layer (add_weight), 5-class table, 15 ep"),
    healthy("quantile_pinball_b7", B7T.quantile_demand, "hand-written pinball loss (q 0.9), "
            "column targets, heteroscedastic demand, 25 ep"),
    healthy("causal_conv_forecast", B7T.causal_forecast, "causal dilated Conv1D on 48-hour "
            "windows, next hour, chronological validation, 10 ep"),
    healthy("claims_log1p", B7T.claims_log_target, "skewed claim costs with zeros, log1p "
            "target, MSE, Adam(3e-3), 20 ep"),
    healthy("cosine_warmup_adam", B7T.cosine_warmup, "CosineDecay with warmup_target 3e-3 "
            "over 2 epochs, 5-class table, 20 ep"),
    healthy("tanh_rmsprop_digits", B7T.tanh_rmsprop, "tanh MLP 64-64, RMSprop(1e-3), digits, "
            "batch 32, 15 ep"),
    healthy("parcels_relu", B7T.parcels_mlp, "mixed-unit table, StandardScaler, ReLU MLP, "
            "sigmoid, 12 ep"),
    healthy("noise_l1l2_cancer", B7T.noise_l1l2, "GaussianNoise(0.1) + L1L2(1e-5, 1e-4), "
            "breast cancer, batch 16, 25 ep"),
]]

FAULTY_7 = [seventh(c) for c in [
    faulty("seg_mask_values_127", "seg_unet_shapes", "label_mismatch output_loss_mismatch",
           "masks stored as 0 / 127 / 254 (image-tool values) under sparse CE with 3 units",
           mask_scale=127),
    faulty("seg_onehot_sparse_loss", "seg_unet_shapes", "label_mismatch output_loss_mismatch",
           "masks one-hot (16, 16, 3), loss left sparse_categorical_crossentropy",
           onehot_masks=True),
    faulty("rescaled_twice", "cnn_rescaling_layer",
           "unscaled_input constant_input slow_convergence setup_stall vanishing_gradient",
           "images / 16 before fit and Rescaling(1/16) in the model (inputs 0..1/16)",
           prescaled=True),
    faulty("translation_0.6", "cnn_rescaling_layer", "slow_convergence setup_stall",
           "RandomTranslation(0.6, 0.6): augmentation moves the digit off the canvas",
           translate=0.6),
    faulty("transfer_stage2_div255", "transfer_two_stage",
           "unscaled_input constant_input slow_convergence setup_stall",
           "second stage scales by 1/255 (MNIST habit) while the backbone learnt on / 16",
           stage2_scale=255.0),
    faulty("transformer_pool_channels_first", "transformer_signals",
           "slow_convergence setup_stall",
           "GlobalAveragePooling1D(data_format='channels_first'): averages features, not steps",
           pool_format="channels_first"),
    faulty("transformer_ln_time_axis", "transformer_signals", "",
           "LayerNormalization(axis=1): each feature normalised over the time steps; no Watch "
           "problem fits", ln_axis=1),
    faulty("multilabel_softmax_bce", "multilabel_tags_auc",
           "output_loss_mismatch improper_output label_mismatch",
           "softmax output for multi-hot tags under binary CE", head="softmax"),
    faulty("kld_log_proba_targets", "distill_kld",
           "label_mismatch output_loss_mismatch slow_convergence setup_stall",
           "teacher's log-probabilities (<= 0) as KLDivergence targets", targets="log"),
    faulty("kld_linear_student", "distill_kld",
           "output_loss_mismatch improper_output slow_convergence setup_stall",
           "student output linear (logits) under KLDivergence", head=None),
    faulty("gated_weights_frozen", "gated_subclass",
           "slow_convergence setup_stall no_trainable_weights",
           "custom layer's add_weight(trainable=False): only the head learns",
           weights_trainable=False),
    faulty("forecast_target_leak", "causal_conv_forecast", "",
           "off-by-one: the target is the window's own last value (leakage); no Watch "
           "problem fits", target_offset=1),
    faulty("claims_log_zero", "claims_log1p",
           "abnormal_data unscaled_target label_mismatch exploding_gradient",
           "np.log instead of np.log1p: zero claims become -inf targets", transform="log"),
    faulty("warmup_target_10", "cosine_warmup_adam",
           "learning_rate_out_of_range exploding_gradient oscillating_loss dying_relu "
           "slow_convergence", "CosineDecay warmup_target=10", warmup_target=10.0),
    faulty("cosine_decay_steps_in_epochs", "cosine_warmup_adam",
           "slow_convergence setup_stall learning_rate_out_of_range",
           "CosineDecay decay_steps=20 (epochs, not steps): rate 0 twenty steps after warm-up",
           decay_in_epochs=True),
    faulty("rmsprop_lr_0.1", "tanh_rmsprop_digits",
           "learning_rate_out_of_range oscillating_loss exploding_gradient slow_convergence",
           "RMSprop(0.1) on the tanh MLP", learning_rate=0.1),
    faulty("relu_bias_minus_5", "parcels_relu", "dying_relu setup_stall slow_convergence",
           "bias_initializer=Constant(-5.0) on the ReLU layers", bias=-5.0),
    faulty("parcels_val_columns_swapped", "parcels_relu", "validation_shift",
           "validation columns in another order (km, grams, ...), training scaler",
           val_columns="swapped"),
]]

def eighth(case: Case) -> Case:
    return replace(case, batch=8)


# Batch 8 (session "practice8"): written without reading the detection / repair rules or
# their settings; `expect` fixed before any run with Watch or the job.
B8M, B8S, B8T = batch8_models, batch8_sequence, batch8_tabular
HEALTHY_8 += [eighth(c) for c in [
    healthy("frames_counter", B8M.frames_counter, "TimeDistributed(Conv2D) over 3 digit "
            "frames + GRU(32), count the even digits (4 classes), 10 ep"),
    healthy("contrastive_pairs", B8M.contrastive_pairs, "two-tower digit pairs, Lambda "
            "Euclidean distance, hand-written contrastive loss (margin 1), 15 ep"),
    healthy("groupnorm_cnn", B8M.groupnorm_cnn, "Conv + GroupNormalization(8) + ELU, "
            "SpatialDropout2D, GlobalMaxPooling2D, Adamax, 12 ep"),
    healthy("denoise_conv_ae", B8M.denoising_autoencoder, "strided Conv / Conv2DTranspose "
            "denoiser, sigmoid + binary CE on [0, 1] digits, 15 ep"),
    healthy("step_tagger", B8S.step_tagger, "Masking + BiLSTM per-step softmax, padding "
            "labels -1 under SparseCategoricalCrossentropy(ignore_class=-1), 8 ep"),
    healthy("multistep_lstm", B8S.multistep_forecast, "stacked LSTM, 48 h x 3 channels -> "
            "next 6 h, chronological validation, MSE, 8 ep"),
    healthy("burst_dice", B8S.burst_segmenter, "dilated Conv1D per-step burst mask, sigmoid "
            "+ keras.losses.Dice, 12 ep"),
    healthy("text_conv_maxpool", B8S.text_conv, "Embedding + Conv1D + GlobalMaxPooling1D, "
            "binary, 8 ep"),
    healthy("gru_tokens", B8S.gru_tokens, "Embedding + GRU(recurrent_dropout=0.1), binary, "
            "8 ep"),
    healthy("hinge_svm", B8T.hinge_svm, "labels -1/+1, tanh output, hinge loss, sign "
            "accuracy, 20 ep"),
    healthy("coded_orders_lookup", B8T.coded_orders_model, "integer-coded region / category "
            "through IntegerLookup(one_hot), Normalization on numbers, 4 named inputs, 15 ep"),
    healthy("prelu_adamax_lrs", B8T.prelu_adamax, "PReLU + LeakyReLU MLP, Adamax, "
            "LearningRateScheduler halving every 8 ep, Gaussian shells, 20 ep"),
    healthy("sgd_poly_nesterov", B8T.sgd_polynomial, "SGD nesterov momentum 0.9 under "
            "PolynomialDecay(0.05 -> 1e-4, power 2), 4 classes, 20 ep"),
    healthy("churn_yes_no", B8T.churn_strings, "yes/no labels via pd.factorize, label "
            "smoothing 0.05, Precision / Recall, 20 ep"),
    healthy("mean_variance_nll", B8T.mean_variance, "mean + log-variance head, hand-written "
            "Gaussian NLL, 25 ep"),
    healthy("wind_cosine", B8T.wind_direction, "3-D unit targets, UnitNormalization output, "
            "CosineSimilarity loss, 20 ep"),
]]

FAULTY_8 = [eighth(c) for c in [
    faulty("tagger_no_ignore_class", "step_tagger", "label_mismatch output_loss_mismatch",
           "ignore_class left out, padding steps keep the label -1", ignore_class=None),
    faulty("contrastive_labels_flipped", "contrastive_pairs", "slow_convergence setup_stall",
           "pair labels 0 = same (paper convention) while the loss treats 1 as similar",
           same_label=0),
    faulty("groupnorm_channels_first", "groupnorm_cnn", "slow_convergence setup_stall",
           "images transposed to (1, 8, 8) channels-first into channels-last layers",
           channels_first=True),
    faulty("ae_tanh_bce", "denoise_conv_ae", "output_loss_mismatch improper_output",
           "tanh output layer under binary cross-entropy on [0, 1] images", head="tanh"),
    faulty("lstm_relu_forecast", "multistep_lstm", "exploding_gradient oscillating_loss",
           "activation='relu' in both LSTMs", activation="relu"),
    faulty("dice_no_sigmoid", "burst_dice", "output_loss_mismatch improper_output",
           "1x1 output Conv1D without its sigmoid under the Dice loss", head=None),
    faulty("gru_ids_as_floats", "gru_tokens", "slow_convergence setup_stall",
           "no Embedding: token ids / 400 fed to the GRU as one float per step", embed=False),
    faulty("hinge_sigmoid_output", "hinge_svm",
           "output_loss_mismatch improper_output label_mismatch",
           "sigmoid output with -1/+1 labels under the hinge loss", head="sigmoid"),
    faulty("codes_raw_dense", "coded_orders_lookup", "unscaled_input slow_convergence",
           "region (101..160) and category (100..1200) codes fed as numbers into Dense",
           raw_codes=True),
    faulty("lrs_times_0.1", "prelu_adamax_lrs",
           "slow_convergence setup_stall learning_rate_out_of_range",
           "LearningRateScheduler returns lr * 0.1 at every epoch (3e-8 by epoch 5)",
           factor_every_epoch=0.1),
    faulty("churn_val_encoded_apart", "churn_yes_no", "",
           "pd.factorize called again on the validation labels: classes coded the other way "
           "round there; no Watch problem fits", encode_val_separately=True),
    faulty("nll_raw_variance", "mean_variance_nll",
           "exploding_gradient abnormal_data output_loss_mismatch improper_output",
           "second output column used as the variance itself (log / divide, no exp)",
           variance="raw"),
]]

def ninth(case: Case) -> Case:
    return replace(case, batch=9)


# Batch 9 (session "practice9"): written without reading the detection / repair rules or
# their settings; `expect` fixed before any run with Watch or the job.
B9M, B9S, B9T = batch9_models, batch9_sequence, batch9_tabular
HEALTHY_9 += [ninth(c) for c in [
    healthy("house_named_inputs", B9T.house_prices, "4 named inputs: Normalization per "
            "number, StringLookup(one_hot) district, Huber, def R^2 metric, 20 ep"),
    healthy("policy_tfdata_columns", B9T.policy_claims, "tf.data of named columns: "
            "Discretization + CategoryEncoding, Hashing(one_hot), Normalization, AUC, 15 ep"),
    healthy("poisson_tfdata", B9T.poisson_counts, "claim counts via tf.data, exponential "
            "output, keras.losses.Poisson, 15 ep"),
    healthy("logcosh_plateau", B9T.logcosh_plateau, "Friedman #1, LogCosh, def R^2, "
            "ReduceLROnPlateau(factor 0.2, patience 2), 25 ep"),
    healthy("vote_shares_kld", B9T.vote_shares, "annotator vote shares (counts / 5), softmax, "
            "KLDivergence, 20 ep"),
    healthy("squared_hinge_tanh", B9T.squared_hinge, "-1/+1 labels, tanh output, SquaredHinge, "
            "RMSprop, def sign metric, 15 ep"),
    healthy("exposure_sample_weight", B9T.exposure_weighted, "claim frequency, "
            "sample_weight=exposure (zeros included), softplus head, MSE, 15 ep"),
    healthy("demand_mape", B9T.demand_mape, "positive demand 20..400, softplus head biased to "
            "120, MeanAbsolutePercentageError, Adam(1e-2), 20 ep"),
    healthy("disc_radius_cnn", B9M.disc_radius, "image regression: disc radius in pixels, "
            "Conv-Pool x2, linear head, MSE, 15 ep"),
    healthy("frozen_pretrained_encoder", B9M.frozen_encoder, "Conv encoder pretrained as an "
            "autoencoder (3 ep), frozen, Flatten + Dense head on digits, 10 ep"),
    healthy("tversky_shapes", B9M.tversky_shapes, "16x16 rectangle masks, dilated Conv, "
            "sigmoid, Tversky(0.3, 0.7), 12 ep"),
    healthy("load_gru_windows", B9S.load_gru, "timeseries_dataset_from_array 24 h windows, "
            "standardised load + temperature, GRU(32), Huber, 10 ep"),
    healthy("motion_conv_lstm_lrs", B9S.motion_conv_lstm, "Conv1D + LSTM on 3-axis windows, "
            "LearningRateScheduler 1e-3 * 0.9^epoch, 15 ep"),
    healthy("review_strings_lstm", B9S.review_words, "string tokens, StringLookup in the "
            "model, Embedding(mask_zero) + LSTM, tf.data, 8 ep"),
]]

FAULTY_9 = [ninth(c) for c in [
    faulty("house_area_unnormalised", "house_named_inputs",
           "unscaled_input abnormal_data slow_convergence exploding_gradient",
           "area (square feet, 400..4000) concatenated without its Normalization",
           normalize_area=False),
    faulty("policy_adam_0.3", "policy_tfdata_columns",
           "learning_rate_out_of_range exploding_gradient oscillating_loss dying_relu "
           "slow_convergence setup_stall", "Adam(0.3): 3e-1 typed for 3e-4",
           learning_rate=0.3),
    faulty("poisson_linear_head", "poisson_tfdata",
           "output_loss_mismatch improper_output abnormal_data exploding_gradient",
           "linear output under keras.losses.Poisson (log of negative predictions)",
           head=None),
    faulty("plateau_mode_max", "logcosh_plateau",
           "slow_convergence setup_stall learning_rate_out_of_range",
           "ReduceLROnPlateau(monitor='val_loss', mode='max'): every improvement cuts the "
           "rate five-fold", plateau_mode="max"),
    faulty("kld_raw_vote_counts", "vote_shares_kld",
           "label_mismatch output_loss_mismatch",
           "raw vote counts 0..5 as KLDivergence targets", targets="counts"),
    faulty("inverse_exposure_weights", "exposure_sample_weight",
           "invalid_sample_weights abnormal_data exploding_gradient",
           "sample_weight = 1 / exposure: infinite for zero exposure", weights="inverse"),
    faulty("mape_standardised_target", "demand_mape",
           "label_mismatch output_loss_mismatch unscaled_target abnormal_data "
           "exploding_gradient slow_convergence",
           "target standardised (mean 0) under MAPE, softplus head kept",
           standardise_target=True),
    faulty("radius_sigmoid_head", "disc_radius_cnn",
           "output_loss_mismatch improper_output unscaled_target",
           "sigmoid output for radii 2..7 pixels under MSE", head="sigmoid"),
    faulty("whole_model_frozen", "frozen_pretrained_encoder",
           "no_trainable_weights setup_stall slow_convergence",
           "model.trainable = False on the classifier instead of the encoder",
           freeze="model"),
    faulty("tversky_masks_255", "tversky_shapes", "label_mismatch output_loss_mismatch",
           "masks kept as 0 / 255 (8-bit PNG values) under Tversky", mask_scale=255.0),
    faulty("load_unstandardised", "load_gru_windows",
           "unscaled_input unscaled_target abnormal_data exploding_gradient slow_convergence",
           "raw kW (2000..5000) and deg C in and out of the GRU", standardise=False),
    faulty("lr_range_test_left_in", "motion_conv_lstm_lrs",
           "learning_rate_out_of_range exploding_gradient oscillating_loss slow_convergence",
           "LearningRateScheduler 1e-4 * 10^(epoch / 3) (an LR range test), 4.6 at the end",
           range_test=True),
]]

def tenth(case: Case) -> Case:
    return replace(case, batch=10)


# Batch 10 (session "practice10"): written without reading the detection / repair rules or
# their settings; `expect` fixed before any run with Watch or the job.
B10M, B10S, B10T = batch10_models, batch10_sequence, batch10_tabular
HEALTHY_10 += [tenth(c) for c in [
    healthy("subclass_skip_shells", B10M.subclass_skip, "subclassed keras.Model, own call with "
            "a skip (h + Dense(h)) and Dropout(training), quantile shells, 20 ep"),
    healthy("tape_train_step", B10M.tape_digits, "functional model of a class overriding "
            "train_step (GradientTape, compute_loss, apply_gradients, metrics by hand), 12 ep"),
    healthy("ema_adamw_cnn", B10M.ema_cnn, "digits CNN, AdamW(wd 1e-4, clipnorm 1.0, "
            "use_ema=True, ema_momentum 0.99), 12 ep"),
    healthy("resnet_add_logits", B10M.resnet_logits, "two residual blocks (layers.Add, BN), "
            "Dense(1) logits, BCE(from_logits=True), digit >= 5, 10 ep"),
    healthy("generator_steps", B10T.generator_mlp, "Python generator of shuffled batches, "
            "steps_per_epoch = n // 64, 4 classes, 12 ep"),
    healthy("parts_two_heads", B10T.parts_two_heads, "two named heads (softmax kind, linear "
            "size), loss dict, loss_weights 1 / 0.5, metric dict, 20 ep"),
    healthy("mixed_float16_mlp", B10T.mixed_float16_mlp, "mixed_float16 policy (reset after), "
            "float32 softmax, LossScaleOptimizer by compile, 12 ep"),
    healthy("pydataset_friedman", B10T.pydataset_friedman, "keras.utils.PyDataset of "
            "Friedman rows reshuffled on_epoch_end, MSE, 20 ep"),
    healthy("grouped_rows_shuffled", B10T.grouped_split, "rows grouped by class, sklearn "
            "shuffle, validation_split 0.2, 5 classes, 15 ep"),
    healthy("rare_balanced_weights", B10T.rare_weighted, "7 % positives, class_weight "
            "n / (2 n_c), accuracy + AUC, 15 ep"),
    healthy("gru_mask_zero", B10S.gru_masked, "Embedding(mask_zero) + GRU(32) on 8..40 long "
            "post-padded ids, 8 ep"),
    healthy("conv1d_windows_forecast", B10S.conv1d_forecaster, "48-step windows of a seasonal "
            "series, Conv1D x2 (dilation 2), Flatten, MSE, 15 ep"),
    healthy("lstm_timedistributed_tagger", B10S.lstm_tagger, "LSTM(return_sequences) + "
            "TimeDistributed(Dense(4)) + Softmax, per-step tags, 10 ep"),
    healthy("textvectorization_reviews", B10S.text_vectorized, "TextVectorization in the "
            "model on review strings, Embedding + GAP, 10 ep"),
]]

FAULTY_10 = [tenth(c) for c in [
    faulty("subclass_no_hidden_activation", "subclass_skip_shells",
           "linear_stack slow_convergence setup_stall",
           "the subclass's hidden Dense layers without activation (linear)", activation=None),
    faulty("train_step_gradient_ascent", "tape_train_step",
           "exploding_gradient slow_convergence setup_stall oscillating_loss",
           "the objective negated in train_step (copied from a WGAN critic): gradient ascent",
           sign=-1.0),
    faulty("train_step_first_layer_only_b10", "tape_train_step", "slow_convergence setup_stall",
           "train_step updates self.trainable_variables[:2] ([-2:] meant): only the first "
           "Dense layer learns", first_only=True),
    faulty("generator_same_batch", "generator_steps", "slow_convergence label_mismatch",
           "the generator never advances its index: the same 64 rows every step",
           advance=False),
    faulty("parts_size_head_bce", "parts_two_heads",
           "output_loss_mismatch label_mismatch improper_output",
           "binary_crossentropy on the linear regression head (standardised targets)",
           size_loss="binary_crossentropy"),
    faulty("rare_weight_500", "rare_balanced_weights", "invalid_sample_weights",
           "class_weight {0: 1, 1: 500} tuned by hand for recall", positive_weight=500.0),
    faulty("grouped_rows_unshuffled", "grouped_rows_shuffled", "label_mismatch validation_shift",
           "no shuffle before validation_split: the last 20 % is class 4, never trained on",
           shuffle_first=False),
    faulty("gru_return_sequences_left_on", "gru_mask_zero",
           "output_loss_mismatch label_mismatch improper_output",
           "return_sequences=True on the only GRU: one prediction per step, one label per "
           "sequence", return_sequences=True),
    faulty("tagger_adam_0.05", "lstm_timedistributed_tagger",
           "learning_rate_out_of_range exploding_gradient oscillating_loss slow_convergence "
           "setup_stall", "Adam(0.05) on the LSTM tagger", learning_rate=0.05),
    faulty("tagger_softmax_time_axis", "lstm_timedistributed_tagger",
           "output_loss_mismatch improper_output slow_convergence setup_stall",
           "Softmax(axis=1): normalised over the 20 time steps, not the 4 tags",
           softmax_axis=1),
    faulty("text_cut_after_3_tokens", "textvectorization_reviews",
           "slow_convergence setup_stall constant_input",
           "TextVectorization(output_sequence_length=3): only the opening words survive",
           sequence_length=3),
    faulty("resnet_logits_no_from_logits", "resnet_add_logits",
           "output_loss_mismatch improper_output slow_convergence setup_stall",
           "BinaryCrossentropy() (from_logits=False) on the linear Dense(1) head",
           from_logits=False),
]]

def eleventh(case: Case) -> Case:
    return replace(case, batch=11)


# Batch 11 (session "practice11"): written without reading the detection / repair rules or
# their settings; `expect` fixed before any run with Watch or the job.
B11M, B11S, B11T = batch11_models, batch11_sequence, batch11_tabular
HEALTHY_11 += [eleventh(c) for c in [
    healthy("two_tower_dot", B11T.two_tower, "user / item Embedding(16), layers.Dot, sigmoid, "
            "BCE + AUC, Adam(5e-3), batch 256, 8 ep"),
    healthy("quantile_pinball", B11T.quantile, "90th percentile, the user's def pinball loss "
            "and def coverage metric, 20 ep"),
    healthy("three_targets_dense3", B11T.multi_target, "3 standardised targets, one linear "
            "Dense(3), MSE + mae, 25 ep"),
    healthy("gated_ops_layer", B11T.gated_mlp, "registered GatedDense (keras.ops matmul, "
            "sigmoid gate) x2 in a functional model, 15 ep"),
    healthy("bn_before_relu_mlp", B11T.bn_deep_mlp, "6 x Dense(use_bias=False) -> "
            "BatchNormalization -> ReLU, 12 ep"),
    healthy("checkpoint_earlystop", B11T.checkpointed, "ModelCheckpoint(save_best_only) + "
            "EarlyStopping(patience 5, restore_best_weights), Adam(3e-4), 40 ep budget"),
    healthy("ordinal_cumulative_b11", B11T.ordinal, "grades 0..4 as 4 cumulative sigmoid targets, "
            "BCE, binary_accuracy, 20 ep"),
    healthy("feature_token_attention", B11T.feature_attention, "12 features as tokens "
            "(keras.ops layer), MultiHeadAttention + LayerNormalization block, 12 ep"),
    healthy("focal_onehot_imbalanced", B11T.focal_onehot, "75/17/8 % one-hot labels, "
            "CategoricalFocalCrossentropy, accuracy + AUC, 20 ep"),
    healthy("gru_multistep_forecast", B11S.gru_forecast, "3-channel hourly series, train "
            "statistics, 48 h windows -> next 6 h, GRU(32) -> Dense(6), 10 ep"),
    healthy("conv1d_topics", B11S.conv1d_topics, "Embedding(1500, 32) -> Conv1D -> "
            "GlobalMaxPooling1D, 4 topics, 8 ep"),
    healthy("tagger_ignore_class", B11S.ignore_tagger, "per-token tags, padding labelled -1, "
            "SparseCategoricalCrossentropy(ignore_class=-1), no metric, 10 ep"),
    healthy("backbone_partial_unfreeze", B11M.backbone_finetune, "CNN backbone pretrained on "
            "digits 0-4, nested as a layer for 5-9, only top_conv trainable, Adam(3e-4), 12 ep"),
    healthy("steps_per_execution_nesterov", B11M.steps_per_execution_mlp, "digits MLP, "
            "SGD(PiecewiseConstantDecay, momentum 0.9, nesterov), steps_per_execution=8, 15 ep"),
]]

FAULTY_11 = [eleventh(c) for c in [
    faulty("two_tower_linear_dot_bce", "two_tower_dot", "output_loss_mismatch improper_output",
           "the Dot score left linear under binary_crossentropy", head=None),
    faulty("two_tower_sgd_1e-4", "two_tower_dot",
           "learning_rate_out_of_range slow_convergence setup_stall",
           "SGD(1e-4) on the embeddings for 5 epochs", optimizer="sgd", epochs=5),
    faulty("pinball_sign_flipped", "quantile_pinball",
           "output_loss_mismatch improper_output abnormal_data exploding_gradient",
           "the pinball loss negated: minimised by predictions running off", sign=-1.0),
    faulty("third_target_in_kg", "three_targets_dense3",
           "unscaled_target abnormal_data exploding_gradient slow_convergence",
           "the third target left in kg (~3000 +- 800) next to two standardised ones",
           third_raw=True),
    faulty("dropout_after_output", "three_targets_dense3",
           "inference_mismatch improper_output high_dropout",
           "Dropout(0.5) after the linear Dense(3) output", output_dropout=0.5),
    faulty("gated_stop_gradient", "gated_ops_layer",
           "slow_convergence setup_stall vanishing_gradient",
           "ops.stop_gradient on the GatedDense value branch", detach=True),
    faulty("bn_mlp_hidden_softmax", "bn_before_relu_mlp",
           "vanishing_gradient slow_convergence setup_stall",
           "hidden activation typed \"softmax\" in all six blocks", hidden_activation="softmax"),
    faulty("earlystop_mode_max", "checkpoint_earlystop", "monitor_mode_mismatch",
           "EarlyStopping(monitor='val_loss', mode='max', restore_best_weights=True)",
           stop_mode="max"),
    faulty("series_shuffled_split", "gru_multistep_forecast",
           "slow_convergence setup_stall label_mismatch",
           "train_test_split(series) (shuffle=True) before windowing", shuffle_split=True),
    faulty("topics_validation_ids_shifted", "conv1d_topics", "validation_shift",
           "validation texts encoded with every id one higher (a second tokenizer)",
           shift_validation_ids=True),
    faulty("tagger_minus1_without_ignore", "tagger_ignore_class",
           "label_mismatch output_loss_mismatch",
           "plain sparse_categorical_crossentropy on labels with -1 padding", ignore_class=False),
    faulty("backbone_clone_model", "backbone_partial_unfreeze",
           "slow_convergence setup_stall",
           "keras.models.clone_model(backbone): fresh random weights, mostly frozen", clone=True),
]]

def twelfth(case: Case) -> Case:
    return replace(case, batch=12)


# Batch 12 (session "practice12"): written without reading the detection / repair rules or
# their settings; `expect` fixed before any run with Watch or the job.
B12M, B12S, B12T = batch12_models, batch12_sequence, batch12_tabular
HEALTHY_12 += [twelfth(c) for c in [
    healthy("msle_softplus_prices", B12T.msle_prices, "skewed positive prices, Dense(1, "
            "softplus), MeanSquaredLogarithmicError + mae, Adam(2e-3), 30 ep"),
    healthy("hashed_crossing_sessions", B12T.shop_crossing, "dict of string / number columns, "
            "StringLookup + HashedCrossing + Hashing -> Embedding + Normalization in the "
            "model, tf.data, BCE + AUC, 12 ep"),
    healthy("selu_lecun_alphadropout", B12T.selu_deep, "8 x Dense(64, selu, lecun_normal), "
            "AlphaDropout(0.05), 6 classes, 15 ep"),
    healthy("adafactor_mlp", B12T.adafactor_mlp, "Dense 128-64, Adafactor(0.01, relative "
            "step), 4 classes, 15 ep"),
    healthy("ftrl_wide_ctr", B12T.ftrl_wide, "350 one-hot columns -> Dense(1, sigmoid), "
            "Ftrl(0.1, l1 1e-3, l2 1e-3), BCE + AUC, 10 ep"),
    healthy("adamw_warmup_globalclip", B12T.adamw_warmup, "AdamW(CosineDecay warm-up 2 ep to "
            "2e-3, wd 1e-4, global_clipnorm 1.0), Dense 256-128 + Dropout, 10 classes, 20 ep"),
    healthy("mixup_tfdata_cnn", B12M.mixup_cnn, "digits, hand-written MixUp in tf.data "
            "(Beta(0.2, 0.2), images and one-hot labels), CNN, categorical CE, 25 ep"),
    healthy("dilated_gaussian_dropout", B12M.dilated_gaussian_dropout, "digits, Conv2D "
            "dilation 2, GaussianDropout(0.2) x2, GAP, 15 ep"),
    healthy("stft_waveform_tones", B12M.stft_tones, "1024-sample waveforms -> "
            "STFTSpectrogram(magnitude, trainable=False) -> Conv1D, 4 bands, 12 ep"),
    healthy("muon_mlp", B12M.muon_mlp, "digits MLP 256-128, Muon(0.02, adam_lr_ratio 0.1, "
            "exclude_layers=[output_dense]), 12 ep"),
    healthy("unet1d_segmentation", B12S.unet1d, "per-sample 3-class labels, 1-D U-Net "
            "(MaxPooling1D / UpSampling1D, Concatenate skips), 10 ep"),
    healthy("conv1d_transpose_denoiser", B12S.transpose_denoiser, "noisy -> clean sines, "
            "GaussianNoise(0.05), Conv1D / Conv1DTranspose stride 2, MSE, 15 ep"),
    healthy("gru_additive_attention", B12S.attention_gru, "token after a marker, "
            "Embedding -> GRU(return_state) -> AdditiveAttention(state query), 8 ep"),
    healthy("stacked_lstm_cells_clipnorm", B12S.stacked_cells, "adding problem, "
            "RNN([LSTMCell(32) x2]), SGD(0.05, momentum 0.9, clipnorm 1.0), MSE, 10 ep"),
]]

FAULTY_12 = [twelfth(c) for c in [
    faulty("msle_linear_head", "msle_softplus_prices",
           "improper_output output_loss_mismatch slow_convergence setup_stall",
           "the price head Dense(1) left linear under MeanSquaredLogarithmicError", head=None),
    faulty("crossing_validation_lowercased", "hashed_crossing_sessions", "validation_shift",
           "validation export with lower-cased city names; vocabulary / hashes from training "
           "spellings", lowercase_validation=True),
    faulty("ftrl_l1_10", "ftrl_wide_ctr", "high_penalty slow_convergence setup_stall",
           "Ftrl(l1_regularization_strength=10): every weight held at 0", l1=10.0),
    faulty("warmup_in_samples", "adamw_warmup_globalclip",
           "learning_rate_out_of_range slow_convergence setup_stall small_budget",
           "warmup_steps = 2 * len(x) (samples, not steps): the warm-up outlasts the run",
           warmup_in_samples=True),
    faulty("adamw_weight_decay_5", "adamw_warmup_globalclip",
           "high_penalty slow_convergence setup_stall vanishing_gradient",
           "AdamW(weight_decay=5.0)", weight_decay=5.0),
    faulty("mixup_labels_unmixed", "mixup_tfdata_cnn", "label_mismatch slow_convergence",
           "images mixed, the first image's one-hot label kept", mix_labels=False),
    faulty("gaussian_dropout_0.95", "dilated_gaussian_dropout",
           "high_dropout slow_convergence setup_stall",
           "GaussianDropout(0.95) x2 (rate read as keep probability)", rate=0.95),
    faulty("waveform_int16_pcm", "stft_waveform_tones",
           "unscaled_input abnormal_data exploding_gradient oscillating_loss slow_convergence",
           "clips as 16-bit PCM values (+-32767) cast to float32", int16_pcm=True),
    faulty("masks_preroll_shift", "unet1d_segmentation",
           "label_mismatch slow_convergence setup_stall",
           "masks indexed on the raw files (40-sample pre-roll): every label 40 samples late",
           preroll_masks=True),
    faulty("gaussian_noise_stddev_1_b12", "conv1d_transpose_denoiser",
           "abnormal_data inference_mismatch slow_convergence setup_stall",
           "GaussianNoise(1.0) (Keras' maximum) on signals of std ~0.5: 'one standard "
           "deviation' of standardised data, these are not standardised", noise=1.0),
    faulty("validation_sequences_reversed", "gru_additive_attention", "validation_shift",
           "validation token sequences reversed (x[:, ::-1])", reverse_validation=True),
    faulty("sgd_clipnorm_1e-4", "stacked_lstm_cells_clipnorm",
           "learning_rate_out_of_range slow_convergence setup_stall vanishing_gradient",
           "SGD(0.05, momentum 0.9, clipnorm=1e-4) on the stacked LSTM cells", clipnorm=1e-4),
]]

def thirteenth(case: Case) -> Case:
    return replace(case, batch=13)


# Batch 13 (session "practice13"): written without reading the detection / repair rules or
# their settings; `expect` fixed before any run with Watch or the job.
B13M, B13S, B13T = batch13_models, batch13_sequence, batch13_tabular
HEALTHY_13 += [thirteenth(c) for c in [
    healthy("depthwise_separable_gap", B13M.separable_cnn, "digits, Conv2D stem, 2 x "
            "(DepthwiseConv2D -> BN -> ReLU -> 1x1 Conv2D -> BN -> ReLU), "
            "GlobalAveragePooling2D, 15 ep"),
    healthy("rotation_zoom_contrast_cnn", B13M.augmented_cnn, "digits, RandomRotation / "
            "RandomZoom / RandomContrast in the model, CNN + Dropout, 20 ep"),
    healthy("image_metadata_two_inputs", B13M.image_metadata, "noisy scanned digits + 4 form "
            "metadata columns, Conv2D branch + Dense branch, Concatenate, 15 ep"),
    healthy("warm_start_load_weights", B13M.warm_start, "CNN pretrained on 60 % of the rows, "
            "save_weights / load_weights into a fresh copy, all but the head frozen, head "
            "trained on the other 40 %, 10 ep"),
    healthy("causal_conv1d_sensors", B13S.causal_sensor, "(64, 6) sensor windows, Conv1D "
            "causal dilations 1/2/4, GlobalAveragePooling1D, 4 activities, 12 ep"),
    healthy("masking_bigru_variable_length", B13S.masked_bigru, "10..40-step 3-channel "
            "sequences post-padded with 0, Masking -> Bidirectional(GRU(16)), BCE, 12 ep"),
    healthy("rare_class_weight_pr_auc", B13T.rare_class_weight, "5 % positives, "
            "class_weight {1: n_neg / n_pos}, BCE, accuracy + AUC(curve='PR'), 15 ep"),
    healthy("poisson_log_link_exposure", B13T.poisson_exposure, "claim counts, Dense -> "
            "log-rate + log-exposure offset (Add) -> Activation('exponential'), poisson, 20 ep"),
    healthy("rating_sigmoid_rescaled", B13T.scaled_rating, "ratings 1..5 as Dense(1, sigmoid) "
            "-> Rescaling(4, offset 1), MSE + mae, 20 ep"),
    healthy("recency_sample_weight", B13T.recency_weighted, "drifting rows, validation the "
            "latest period, sample_weight exp(-(t_max - t) / 0.1), BCE, 15 ep"),
    healthy("ops_weighted_mse_sgd", B13T.ops_weighted_mse, "skewed standardised targets, "
            "def weighted_mse with keras.ops (1 + |y| weights), SGD(0.01, momentum 0.9), 20 ep"),
    healthy("nesterov_reduce_on_plateau", B13T.nesterov_plateau, "8 classes, SGD(0.02, "
            "momentum 0.9, nesterov) + ReduceLROnPlateau(factor 0.5, patience 3), 20 ep"),
    healthy("two_towers_averaged", B13T.averaged_towers, "ReLU tower and tanh tower, each a "
            "softmax head, layers.Average, 6 classes, 15 ep"),
    healthy("sigmoid_feature_gate", B13T.gated_features, "40 features (8 informative), "
            "Dense(40, sigmoid) gate x inputs (Multiply), Dense 64 + Dropout, 15 ep"),
]]

FAULTY_13 = [thirteenth(c) for c in [
    faulty("validation_images_transposed", "rotation_zoom_contrast_cnn", "validation_shift",
           "validation images from another loader, (width, height) transposed",
           transpose_validation=True),
    faulty("validation_metadata_columns_reversed", "image_metadata_two_inputs",
           "validation_shift", "validation metadata columns exported in the reverse order",
           reorder_validation_columns=True),
    faulty("warm_start_load_skipped", "warm_start_load_weights",
           "slow_convergence setup_stall",
           "load_weights lost: frozen conv / feature layers keep their random init", load=False),
    faulty("sensor_windows_channels_first", "causal_conv1d_sensors",
           "slow_convergence setup_stall",
           "windows stored (n, 6, 64) channels-first, Input(x.shape[1:]): convolving over "
           "channels", channels_first=True),
    faulty("padding_minus1_mask_0", "masking_bigru_variable_length",
           "slow_convergence setup_stall",
           "sequences padded with -1.0 while Masking(mask_value=0.0)", pad_value=-1.0),
    faulty("class_weight_from_count", "rare_class_weight_pr_auc",
           "invalid_sample_weights oscillating_loss",
           "class_weight {1: n_negative} (a count, ~6000) instead of the ratio",
           weight_from_count=True),
    faulty("poisson_offset_raw_exposure", "poisson_log_link_exposure",
           "abnormal_data exploding_gradient unscaled_input",
           "the offset fed exposure (0.1..5 years) instead of log(exposure)", log_offset=False),
    faulty("rating_scale_below_max", "rating_sigmoid_rescaled",
           "improper_output output_loss_mismatch slow_convergence",
           "Rescaling(scale=3, offset=1): predictions capped at 4, a fifth of ratings are 5",
           scale=3.0),
    faulty("recency_weights_reversed", "recency_sample_weight",
           "invalid_sample_weights validation_shift",
           "decay from the first timestamp: the oldest rows weigh most", reverse=True),
    faulty("weighted_mse_sum_over_batch", "ops_weighted_mse_sgd",
           "exploding_gradient learning_rate_out_of_range abnormal_data oscillating_loss",
           "the keras.ops loss returns ops.sum over the batch (64x) under SGD",
           sum_reduction=True),
    faulty("plateau_factor_0.01_patience_0", "nesterov_reduce_on_plateau",
           "learning_rate_out_of_range slow_convergence small_budget",
           "ReduceLROnPlateau(factor=0.01, patience=0)", factor=0.01, patience=0),
    faulty("averaged_tower_linear_head", "two_towers_averaged",
           "improper_output output_loss_mismatch",
           "tower B's head without softmax: probabilities averaged with raw scores",
           tower_b_head=None),
]]

def fourteenth(case: Case) -> Case:
    return replace(case, batch=14)


# Batch 14 (session "practice14"): written without reading the detection / repair rules or
# their settings; `expect` fixed before any run with Watch or the job.
B14M, B14S, B14T = batch14_models, batch14_sequence, batch14_tabular
HEALTHY_14 += [fourteenth(c) for c in [
    healthy("conv3d_motion_clips", B14M.conv3d_motion, "direction of a moving square in "
            "(6, 10, 10, 1) clips, Conv3D(3x3x3) -> MaxPooling3D(1, 2, 2) -> Conv3D -> "
            "GlobalAveragePooling3D, 12 ep"),
    healthy("cosine_softmax_unitnorm", B14M.cosine_classifier, "digits, UnitNormalization "
            "features x UnitNorm(axis=0) class weights, Rescaling(16), Softmax, 15 ep"),
    healthy("vae_kl_add_loss", B14M.digits_vae, "VAE on digits, Sampling layer with the KL "
            "as add_loss, summed pixel BCE, def pixel accuracy, 25 ep"),
    healthy("resume_initial_epoch", B14M.resumed_fit, "tanh MLP, SGD(0.01): plain fit of 4 "
            "epochs, then fit(initial_epoch=4, epochs=16) under Watch"),
    healthy("char_cnn_lookup_onehot", B14S.char_cnn, "letters of 3 made-up languages, "
            "StringLookup(mask '') + CategoryEncoding(one_hot) in the model, Conv1D x2, 10 ep"),
    healthy("set_attention_mask", B14S.set_attention, "padded 2-D point sets, Dense per point, "
            "MultiHeadAttention(attention_mask over keys), masked mean pooling, 15 ep"),
    healthy("timedistributed_step_weights", B14S.stepwise_weighted, "running mean per step, "
            "LSTM(return_sequences) -> TimeDistributed Dense x2, sample_weight (n, 50), 12 ep"),
    healthy("ragged_padded_batch_gru", B14S.padded_batch_gru, "ragged token lists stored by "
            "label, tf.data shuffle(len) -> padded_batch(64), Embedding(mask_zero) + GRU, 8 ep"),
    healthy("anomaly_ae_normal_rows", B14T.anomaly_autoencoder, "12-8-3-8-12 tanh "
            "autoencoder on the normal rows only, MSE, 30 ep"),
    healthy("ranknet_shared_scorer", B14T.ranknet, "item pairs, one scorer sub-model used "
            "twice, Subtract -> sigmoid, BCE, 15 ep"),
    healthy("einsum_feature_embedding", B14T.einsum_embeddings, "additive effects, "
            "EinsumDense('abc,bcd->abd') per-feature embeddings, MSE + mae, 20 ep"),
    healthy("missing_labels_masked_bce", B14T.missing_labels, "3 binary tasks, 30 % NaN "
            "labels, def masked BCE + masked accuracy, 15 ep"),
    healthy("discretized_target_classes", B14T.binned_target, "continuous target binned by "
            "an adapted Discretization(8), softmax over the bins, 20 ep"),
    healthy("batchnorm_first_raw_units", B14T.input_batchnorm, "raw mixed-unit columns, "
            "BatchNormalization as the first layer, 5 classes, 20 ep"),
]]

FAULTY_14 = [fourteenth(c) for c in [
    faulty("conv3d_kernel_depth_1", "conv3d_motion_clips", "slow_convergence setup_stall",
           "both Conv3D kernels (1, 3, 3): no layer looks across frames", kernel=(1, 3, 3)),
    faulty("cosine_softmax_scale_1", "cosine_softmax_unitnorm",
           "slow_convergence setup_stall improper_output",
           "the cosine logits' scale left at 1 (logits in [-1, 1])", scale=1.0),
    faulty("vae_kl_sign_flipped", "vae_kl_add_loss",
           "unbounded_loss exploding_gradient abnormal_data",
           "add_loss(-kl): the KL term maximised", kl_sign=-1.0),
    faulty("resume_epochs_as_count", "resume_initial_epoch", "small_budget slow_convergence",
           "fit(initial_epoch=4, epochs=6) meant as 6 more: 2 epochs run", epochs=6),
    faulty("lookup_max_tokens_6", "char_cnn_lookup_onehot",
           "slow_convergence setup_stall text_truncated",
           "StringLookup(max_tokens=6): 16 of 20 letters share the OOV index", max_tokens=6),
    faulty("attention_mask_pytorch_convention", "set_attention_mask",
           "slow_convergence setup_stall",
           "attention_mask True on padding (key_padding_mask convention): points attend to "
           "the padding", mask_means_padding=True),
    faulty("padded_batch_shuffle_1", "ragged_padded_batch_gru",
           "oscillating_loss slow_convergence",
           "padded_batch(64).shuffle(1) on label-grouped rows: negatives then positives",
           shuffle_after_batch=True),
    faulty("anomaly_ae_filter_inverted", "anomaly_ae_normal_rows", "validation_shift",
           "x[y == 1]: the autoencoder learns the 6 % anomalies only", normal_label=1),
    faulty("ranknet_relu_score", "ranknet_shared_scorer",
           "dying_relu improper_output slow_convergence",
           "the shared scorer's output Dense(1, activation='relu')", score_activation="relu"),
    faulty("missing_labels_plain_bce", "missing_labels_masked_bce",
           "abnormal_data exploding_gradient unbounded_loss label_mismatch",
           "loss='binary_crossentropy' on labels with NaN", loss="binary_crossentropy"),
]]


def fifteenth(case: Case) -> Case:
    return replace(case, batch=15)


# Batch 15 (session "practice15"): Keras-2-era Stack Overflow / GitHub scripts ported to Keras 3
# (Sequential + model.add, to_categorical, Activation layers, validation_split), written
# without reading the detection / repair rules or their settings; `expect` fixed before any
# run with Watch or the job.
B15M, B15S, B15T = batch15_models, batch15_sequence, batch15_tabular
HEALTHY_15 += [fifteenth(c) for c in [
    healthy("pima_uniform_init", B15T.pima_uniform, "Pima-like table, Dense 12-8 ReLU, "
            "kernel_initializer='uniform', sigmoid, BCE, batch 10, validation_split 0.33, 40 ep"),
    healthy("wine_activation_layers", B15T.wine_activations, "wine, to_categorical, Dense -> "
            "Activation('relu') x2 -> Activation('softmax'), RMSprop(1e-3), validation_split "
            "0.2, 60 ep"),
    healthy("blobs_leakyrelu_onehot", B15T.blobs_leaky, "5 overlapping blobs, to_categorical, "
            "Dense + LeakyReLU(0.1) x2, Adam(1e-3), 20 ep"),
    healthy("regression_normal_init", B15T.regression_normal, "13-column regression, "
            "standardised target, Dense 13-6-1 kernel_initializer='normal', MSE, "
            "validation_split 0.2, 40 ep"),
    healthy("cancer_to_categorical_sgd", B15T.cancer_two_unit, "breast cancer, "
            "to_categorical(y, 2), Dense(2) + Activation('softmax'), categorical CE, "
            "SGD(0.01, momentum 0.9), 30 ep"),
    healthy("moons_ten_tanh_layers", B15T.moons_deep_tanh, "moons, 10 x Dense(32, tanh) "
            "glorot_uniform, sigmoid, Adam(1e-3), validation_split 0.2, 40 ep"),
    healthy("keras2_sgd_decay_port", B15T.keras2_decay, "3 classes, Keras 2 SGD(lr=0.01, "
            "decay=1e-4, momentum 0.9) ported as InverseTimeDecay(0.01, 1, 1e-4), 20 ep"),
    healthy("digits_keras2_cnn", B15M.keras2_cnn, "digits, to_categorical, Conv2D -> "
            "Activation -> MaxPooling2D x2, Dense 64 + Dropout 0.3, RMSprop(1e-3), 12 ep"),
    healthy("digits_rows_lstm", B15M.rows_lstm, "digits read as 8 rows of 8 pixels, LSTM(64), "
            "to_categorical, Adam(2e-3), 15 ep"),
    healthy("passengers_lookback_lstm", B15S.lookback_lstm, "seasonal series, MinMaxScaler on "
            "the first 67 %, look_back 12, LSTM(16) -> Dense(1), MSE, 20 ep"),
    healthy("ar2_lag_mlp", B15S.ar_window_mlp, "AR(2) series, 8 lags as features, Dense 32-16, "
            "MSE + mae, validation_split 0.2, 30 ep"),
    healthy("tokens_pre_pad_lstm", B15S.pre_pad_lstm, "sentiment token ids, pad_sequences "
            "(pre), Embedding(500, 32) -> LSTM(32), RMSprop(1e-3), validation_split 0.2, 6 ep"),
    healthy("topics_embedding_flatten", B15S.embedding_flatten, "4 topics, Embedding(1000, 8) "
            "-> Flatten -> Dense(4, softmax), to_categorical, validation_split 0.2, 10 ep"),
    healthy("tokens_conv_lstm", B15S.conv_lstm_tokens, "sentiment token ids, Embedding -> "
            "Conv1D -> MaxPooling1D -> LSTM(32), Adam(1e-3), validation_split 0.2, 5 ep"),
]]

FAULTY_15 = [fifteenth(c) for c in [
    faulty("pima_relu_output_bce", "pima_uniform_init",
           "improper_output output_loss_mismatch dying_relu slow_convergence",
           "output Dense(1, activation='relu') under binary_crossentropy", head="relu"),
    faulty("blobs_input_dropout_0.8", "blobs_leakyrelu_onehot", "high_dropout slow_convergence",
           "Dropout(0.8) on the inputs (a keep probability typed as a rate)",
           input_dropout=0.8),
    faulty("blobs_l2_1_every_layer", "blobs_leakyrelu_onehot",
           "high_penalty slow_convergence setup_stall",
           "kernel_regularizer=l2(1.0) on every layer (meant 0.001)", l2=1.0),
    faulty("msle_standardised_target", "regression_normal_init",
           "output_loss_mismatch improper_output slow_convergence setup_stall",
           "mean_squared_logarithmic_error on a standardised target (half negative)",
           loss="mean_squared_logarithmic_error"),
    faulty("ten_tanh_uniform_pm1", "moons_ten_tanh_layers",
           "vanishing_gradient exploding_gradient abnormal_data slow_convergence setup_stall",
           "every kernel RandomUniform(-1, 1) in the 10-layer tanh MLP", uniform_range=1.0),
    faulty("decay_typed_as_learning_rate", "keras2_sgd_decay_port",
           "learning_rate_out_of_range slow_convergence setup_stall",
           "the port keeps one number: SGD(learning_rate=1e-4, momentum 0.9), the old decay",
           decay_as_rate=True),
    faulty("batchnorm_after_softmax", "digits_keras2_cnn",
           "improper_output output_loss_mismatch inference_mismatch abnormal_data",
           "BatchNormalization() appended after the softmax Activation", bn_after_softmax=True),
    faulty("lstm_one_epoch_batch_8", "digits_rows_lstm", "small_budget slow_convergence",
           "epochs=1, batch_size=8 (quick-test settings left in)", epochs=1, batch_size=8),
    faulty("lookback_windows_unscaled", "passengers_lookback_lstm",
           "unscaled_input abnormal_data slow_convergence setup_stall",
           "windows cut from the raw series (~200..600), targets from the min-max scaled one",
           scale_inputs=False),
    faulty("lstm_rmsprop_lr_0.1", "tokens_pre_pad_lstm",
           "learning_rate_out_of_range oscillating_loss exploding_gradient slow_convergence "
           "setup_stall", "RMSprop(learning_rate=0.1) on the Embedding + LSTM",
           learning_rate=0.1),
]]


def sixteenth(case: Case) -> Case:
    return replace(case, batch=16)


# Batch 16 (session "practice16"): set-ups as the Keras guides use them (custom train_step,
# mixed precision, tf.data, preprocessing layers, multi-output, schedules), written without
# reading the detection / repair rules or their settings; `expect` fixed before any run with
# Watch or the job (after a plain-Keras check of every script and fault, seed 11).
B16M, B16P, B16T = batch16_models, batch16_pipeline, batch16_tabular
HEALTHY_16 += [sixteenth(c) for c in [
    healthy("vae_train_step_trackers", B16M.vae_trackers, "VAE subclass on digits: encoder / "
            "decoder sub-models, own train_step / test_step, Mean trackers (loss, "
            "reconstruction, kl), Adam(1e-3), 25 ep"),
    healthy("train_step_jit_spe", B16M.step_model_jit, "functional keras.Model subclass with "
            "the guide's train_step (tape, compute_loss, optimizer.apply), jit_compile, "
            "steps_per_execution=4, 15 ep"),
    healthy("mixed_float16_rescaling", B16M.mixed_rescaling, "mixed_float16 (restored after), "
            "raw digit images, Rescaling(1/16) in the model, float32 softmax, 12 ep"),
    healthy("mixed_float16_scaled_step", B16M.mixed_step_sgd, "mixed_float16 (restored after), "
            "custom train_step with optimizer.scale_loss, SGD(0.05, momentum 0.9), 15 ep"),
    healthy("randomflip_arrows", B16P.arrows_flip, "up / down triangles and bars, "
            "RandomFlip('horizontal') + RandomTranslation in the CNN, 15 ep"),
    healthy("tfdata_augment_cache", B16P.tfdata_augment, "tf.data map(scale) -> cache -> "
            "shuffle -> map(random crop + noise) -> batch -> prefetch, small CNN, 15 ep"),
    healthy("dict_tfdata_normalization", B16P.dict_tfdata, "dict inputs from tf.data, adapted "
            "Normalization on 6 mixed-unit columns, IntegerLookup + Embedding region, 15 ep"),
    healthy("validation_freq_2_callbacks", B16P.validation_freq_callbacks, "diabetes MLP, "
            "validation_freq=2, ModelCheckpoint + CSVLogger + BackupAndRestore, 60 ep"),
    healthy("loss_weights_two_outputs", B16T.two_outputs, "digits + ink amount, dict outputs, "
            "loss_weights {digit 1.0, ink 0.2}, 20 ep"),
    healthy("residual_layernorm_blocks", B16T.residual_layernorm, "five classes, two "
            "LayerNormalization(x + Dense(Dense(x, gelu))) blocks, 20 ep"),
    healthy("cosine_warmup_target", B16T.warmup_cosine, "five classes, Adam(CosineDecay(0.0, "
            "warmup_target=2e-3, warmup 2 epochs)), 20 ep"),
    healthy("compute_loss_confidence_penalty", B16T.confidence_penalty, "five classes, "
            "compute_loss overridden: sparse CE - 0.1 x entropy, 20 ep"),
    healthy("class_weight_jit_spe", B16T.weighted_jit, "6 % positives, class_weight n/(2 n_c), "
            "AUC, jit_compile, steps_per_execution=8, 15 ep"),
    healthy("ops_rbf_layer_moons", B16T.rbf_moons, "moons, a registered keras.ops RBF layer "
            "(16 trainable centres and widths) -> sigmoid, Adam(1e-2), 30 ep"),
]]

FAULTY_16 = [sixteenth(c) for c in [
    faulty("vae_decoder_not_applied", "vae_train_step_trackers",
           "slow_convergence setup_stall no_gradient",
           "train_step applies the gradients to encoder.trainable_weights only: the decoder "
           "stays random", decoder_updated=False),
    faulty("train_step_loss_outside_tape", "train_step_jit_spe", "no_gradient",
           "compute_loss called after the GradientTape block closed (Keras raises 'No "
           "gradients provided')", loss_in_tape=False),
    faulty("mixed_float16_no_scale_loss", "mixed_float16_scaled_step",
           "vanishing_gradient no_gradient slow_convergence setup_stall",
           "no optimizer.scale_loss in the mixed-precision train_step: float16 gradients of "
           "the unscaled loss, divided by the loss scale", scale_loss=False),
    faulty("randomflip_vertical_arrows", "randomflip_arrows", "slow_convergence setup_stall",
           "RandomFlip('horizontal_and_vertical') where up / down is the label",
           flip="horizontal_and_vertical"),
    faulty("normalization_axis_none", "dict_tfdata_normalization",
           "unscaled_input abnormal_data slow_convergence setup_stall",
           "Normalization(axis=None): one mean and variance over six mixed-unit columns",
           norm_axis=None),
    faulty("loss_weights_main_zero", "loss_weights_two_outputs",
           "no_gradient slow_convergence setup_stall",
           "loss_weights {digit 0.0, ink 1.0}: the main head switched off and left so",
           weights={"digit": 0.0, "ink": 1.0}),
    faulty("skip_added_after_softmax", "residual_layernorm_blocks",
           "improper_output output_loss_mismatch",
           "Add()([softmax output, Dense(5)(inputs)]): a shortcut around the head",
           skip_after_head=True),
    faulty("cosine_warmup_rates_swapped", "cosine_warmup_target",
           "learning_rate_out_of_range slow_convergence setup_stall",
           "CosineDecay(2e-3, warmup_target=0.0): the rate falls to 0 in 2 epochs",
           start=2e-3, peak=0.0),
    faulty("compute_loss_penalty_only", "compute_loss_confidence_penalty",
           "slow_convergence setup_stall",
           "compute_loss returns -0.1 x entropy alone (super().compute_loss dropped)",
           keep_base=False),
]]


def seventeenth(case: Case) -> Case:
    return replace(case, batch=17)


# Batch 17 (session "practice17"): bug patterns as public fault benchmarks (DeepFD,
# defects4ML, AUTOTRAINER's programs) and Stack Overflow questions show them, each next to its
# fixed version; written without reading the detection / repair rules or their settings;
# `expect` fixed before any run (plain Keras or Watch).
B17M, B17S, B17T = batch17_models, batch17_sequence, batch17_tabular
HEALTHY_17 += [seventeenth(c) for c in [
    healthy("separable_bn_cnn", B17M.separable_bn_cnn, "digits images, SeparableConv2D 16-32 "
            "with BatchNormalization + ReLU, MaxPool, Dense 32 + BN, Adam(1e-3), batch 16, "
            "12 ep"),
    healthy("deep_relu_sgd_momentum", B17M.deep_relu_sgd, "digit rows, 8 x Dense(64, relu, "
            "he_normal), SGD(0.02, momentum 0.9), 20 ep"),
    healthy("pretrain_freeze_finetune", B17M.pretrain_finetune, "CNN base pretrained on "
            "digits 0-4, frozen head training on 5-9 (2 ep), unfrozen + recompiled with "
            "Adam(3e-4), fine-tuned 12 ep under Watch"),
    healthy("selu_alpha_dropout", B17M.selu_alpha_dropout, "digit rows, 3 x Dense(128, selu, "
            "lecun_normal) + AlphaDropout(0.1), Nadam, 15 ep"),
    healthy("conv_transpose_autoencoder", B17M.transpose_autoencoder, "digit images, strided "
            "Conv2D encoder, Conv2DTranspose decoder, sigmoid, BCE, mse metric, 20 ep"),
    healthy("cancer_scaler_on_features", B17T.cancer_scaled_mlp, "breast cancer, "
            "StandardScaler fitted on the training features, Dense 32-16, sigmoid, 20 ep"),
    healthy("friedman_rmse_loss_class", B17T.friedman_rmse, "Friedman #1, a keras.losses.Loss "
            "RMSE subclass, target reshaped to (n, 1), Dense 64-64, 25 ep"),
    healthy("median_imputed_mlp", B17T.imputed_mlp, "30 % missing values in the informative "
            "columns, SimpleImputer(median) + StandardScaler, Dense 64-32, sigmoid, 20 ep"),
    healthy("friedman_early_stopping", B17T.friedman_early_stopping, "Friedman #1, MSE + mae, "
            "SGD(0.01, momentum 0.9), EarlyStopping(val_loss, patience 5, restore_best), "
            "40 ep budget"),
    healthy("wine_wide_deep", B17T.wine_wide_deep, "wine, adapted Normalization, deep Dense "
            "32-16 concatenated with the normalised inputs, softmax, 40 ep"),
    healthy("marker_lstm_60_steps", B17S.marker_lstm, "60-step sequences, class = a marker in "
            "the first 3 steps, LSTM(32), sigmoid, Adam(2e-3), 12 ep"),
    healthy("short_simple_rnn", B17S.short_simple_rnn, "10-step sequences with the marker in "
            "the first 3 steps, SimpleRNN(32) -> Dense 16, RMSprop, 12 ep"),
    healthy("stacked_gru_early_stopping", B17S.stacked_gru_forecast, "multi-sine windows, "
            "16-step windows, GRU(16, return_sequences) -> GRU(8) -> Dense(1), MSE, Adam(2e-3), "
            "EarlyStopping(val_loss, patience 4, restore_best), 20 ep budget"),
]]

FAULTY_17 = [seventeenth(c) for c in [
    faulty("init_normal_stddev_0.01", "deep_relu_sgd_momentum",
           "vanishing_gradient slow_convergence setup_stall",
           "kernel_initializer=RandomNormal(stddev=0.01) (Keras 1's init='normal') in the 8 "
           "ReLU layers under SGD", init_std=0.01),
    faulty("unfrozen_without_recompile", "pretrain_freeze_finetune",
           "no_gradient slow_convergence setup_stall",
           "base.trainable = True without compile() again: the traced train step still "
           "updates the head only", recompile=False),
    faulty("scaler_on_label_column", "cancer_scaler_on_features",
           "label_mismatch unbounded_loss",
           "StandardScaler fitted on the whole table, label column included: labels -1.31 / "
           "0.77 under binary cross-entropy", scale_whole_table=True),
    faulty("rmse_target_broadcast", "friedman_rmse_loss_class",
           "label_mismatch slow_convergence setup_stall",
           "target left 1-D (n,) against the (n, 1) output in the Loss subclass: (batch, "
           "batch) broadcast, the model learns the mean", column_target=False),
    faulty("missing_filled_minus_999", "median_imputed_mlp",
           "unscaled_input abnormal_data",
           "fillna(-999) before StandardScaler: the informative columns' real values squashed "
           "to ~0.005 of a unit", fill_sentinel=True),
    faulty("early_stop_on_regression_accuracy", "friedman_early_stopping",
           "monitor_mode_mismatch small_budget slow_convergence",
           "metrics=['accuracy'] on the regression and EarlyStopping(monitor='val_accuracy'): "
           "accuracy stays 0, training stops 5 epochs after the first", accuracy_monitor=True),
    faulty("simple_rnn_long_memory", "marker_lstm_60_steps",
           "vanishing_gradient slow_convergence setup_stall",
           "SimpleRNN(32) in place of the LSTM: the marker is 57 steps before the output",
           cell="simple"),
    faulty("early_stop_min_delta_0.05", "friedman_early_stopping",
           "small_budget slow_convergence",
           "EarlyStopping(min_delta=0.05) meant as 5 %: an absolute 0.05 of MSE", min_delta=0.05),
]]

def eighteenth(case: Case) -> Case:
    return replace(case, batch=18)


# Batch 18 (session "practice18"): Keras 3 preprocessing and input idioms and model families
# the earlier batches did not use, next to real-world bug patterns (Stack Overflow, GitHub
# issues, fault benchmarks); written without reading the detection / repair rules or their
# settings; `expect` fixed before any run (plain Keras or Watch).
B18M, B18S, B18T = batch18_models, batch18_sequence, batch18_tabular
HEALTHY_18 += [eighteenth(c) for c in [
    healthy("tfidf_bigram_topics", B18S.tfidf_topics, "news-like strings, TextVectorization("
            "max_tokens 200, ngrams 2, tf_idf) adapted in the model, Dense 32 + Dropout, "
            "softmax(4), 12 ep"),
    healthy("custom_rnn_cell_running_sum", B18S.custom_cell_running_sum, "20-step sequences, "
            "class = sign of channel 0's sum, keras.layers.RNN(hand-written tanh cell, 32), "
            "Dense 16, sigmoid, 15 ep"),
    healthy("event_codes_mask_zero_gru", B18S.event_codes_gru, "named event logs, LabelEncoder "
            "codes + 1, post-padded, Embedding(mask_zero) -> GRU(16) -> sigmoid, 6 ep"),
    healthy("repeated_dataset_steps", B18T.repeated_dataset, "5-class table, tf.data shuffle -> "
            "batch(32) -> repeat(), steps_per_epoch = len(x) // 32 = 100, 12 ep"),
    healthy("maxnorm_dropout_sgd", B18M.maxnorm_dropout_sgd, "digit rows, 2 x Dense(256, relu, "
            "MaxNorm(3)) + Dropout(0.5), SGD(0.05, momentum 0.9), 20 ep"),
    healthy("normalization_given_statistics", B18T.loan_given_statistics, "raw mixed-unit loan "
            "table, Normalization(mean=x.mean(0), variance=x.var(0)) without adapt, Dense "
            "32-16, sigmoid, 25 ep"),
    healthy("triplet_digits_embedding", B18M.triplet_digits, "digit-row triplets, shared "
            "encoder Dense 64-16 + UnitNormalization, hand-written triplet loss (margin 0.2) "
            "and triplet accuracy, 12 ep"),
    healthy("mixture_density_inverse", B18T.mixture_density, "Bishop's inverse problem, "
            "3-component Gaussian mixture head (logits, means, clipped log-stds), "
            "hand-written NLL, no accuracy, 40 ep"),
    healthy("rare_positive_bias_init", B18T.rare_bias_init, "4 % positives, output bias "
            "initialised to log(pos/neg), accuracy + PR AUC, batch 256, no class_weight, 15 ep"),
    healthy("spectral_norm_moons", B18T.spectral_moons, "noisy moons, 3 x "
            "SpectralNormalization(Dense(64, relu)), sigmoid, Adam(3e-3), 25 ep"),
    healthy("top5_metric_40_classes", B18T.top5_40_classes, "40-class table, Dense 128-64, "
            "softmax(40), accuracy + SparseTopKCategoricalAccuracy(5), Adam(1e-3), batch 256, "
            "20 ep"),
]]

FAULTY_18 = [eighteenth(c) for c in [
    faulty("tfidf_int_ids_into_dense", "tfidf_bigram_topics",
           "unscaled_input slow_convergence setup_stall",
           "TextVectorization(output_mode='int', output_sequence_length=12) straight into "
           "Dense, no Embedding: token ids 0..199 read as magnitudes", output_mode="int"),
    faulty("custom_cell_returns_old_state", "custom_rnn_cell_running_sum",
           "no_gradient slow_convergence setup_stall",
           "the hand-written cell returns `h, states` instead of `h, [h]`: the state stays "
           "zero, the output reads the last step alone", carry_state=False),
    faulty("event_code_zero_masked", "event_codes_mask_zero_gru",
           "slow_convergence setup_stall",
           "LabelEncoder codes 0..13 under Embedding(mask_zero=True): 'alarm' (code 0), the "
           "event that sets the label, masked out like padding", shift_codes=False),
    faulty("steps_per_epoch_from_batched_cardinality", "repeated_dataset_steps",
           "small_budget slow_convergence",
           "steps_per_epoch = batched.cardinality() // 32 = 3 on the repeated dataset: 36 "
           "steps in the whole run", steps_from_batched=True),
    faulty("maxnorm_weight_decay_value", "maxnorm_dropout_sgd",
           "vanishing_gradient slow_convergence setup_stall",
           "MaxNorm(0.001), a weight-decay-sized value in the constraint: each unit's "
           "incoming weights clipped to norm 0.001", max_norm=0.001),
    faulty("normalization_std_as_variance", "normalization_given_statistics",
           "unscaled_input abnormal_data",
           "Normalization(variance=x.std(0)): income, property value and balance left with "
           "spreads of ~160, ~350, ~90", std_as_variance=True),
    faulty("adam_linear_scaling_lr", "top5_metric_40_classes",
           "learning_rate_out_of_range exploding_gradient oscillating_loss dying_relu "
           "slow_convergence",
           "Adam(0.1): SGD's linear scaling rule 0.1 x batch / 256 kept after switching to "
           "Adam", lr=0.1),
]]


def nineteenth(case: Case) -> Case:
    return replace(case, batch=19)


# Batch 19 (session "practice19"): Keras 3 features and idioms the earlier batches did not use
# (optimizer EMA with SwapEMAWeights, Circle loss, RMSNormalization, Lamb, FeatureSpace, a
# target Normalization, a keras.ops.scan layer, ...), each next to a real-world bug pattern;
# written without reading the detection / repair rules or their settings; `expect` fixed
# before any run (plain Keras or Watch).
B19M, B19S, B19T = batch19_models, batch19_sequence, batch19_tabular
HEALTHY_19 += [nineteenth(c) for c in [
    healthy("ema_swap_digits", B19M.ema_swap_digits, "digit rows, Dense 128-64 + Dropout, "
            "AdamW(1e-3, wd 1e-4, use_ema, ema_momentum 0.99), SwapEMAWeights(swap_on_epoch), "
            "15 ep"),
    healthy("circle_loss_digits", B19M.circle_digits, "digit rows, Dense 128 -> Dense 32 -> "
            "UnitNormalization embedding, keras.losses.Circle() on integer labels, no "
            "accuracy, batch 128, 20 ep"),
    healthy("rmsnorm_silu_digits", B19M.rmsnorm_silu_digits, "digit rows, 2 x [Dense -> "
            "RMSNormalization -> SiLU], softmax(10), AdamW(2e-3), batch 64, 15 ep"),
    healthy("lamb_large_batch", B19M.lamb_large_batch, "5-class table, Dense 128-64, "
            "keras.optimizers.Lamb(1e-2), batch 256, 15 ep"),
    healthy("feature_space_churn", B19T.feature_space_churn, "raw churn table as dict "
            "columns in tf.data, keras.utils.FeatureSpace (float_normalized, "
            "float_discretized, string / integer categorical, a cross), Dense 32-16, "
            "sigmoid, 12 ep"),
    healthy("clinic_bands_codes", B19T.clinic_bands_codes, "clinic table, named inputs: "
            "age -> Discretization([30, 45, 60]) -> CategoryEncoding(4), code -> "
            "CategoryEncoding(40), labs -> adapted Normalization, Dense 32-16, sigmoid, 15 ep"),
    healthy("merchant_hashing_fraud", B19T.merchant_hashing, "card payments, merchant id "
            "string -> Hashing(1024) -> Embedding(1024, 8), two numbers, Dense 32, sigmoid, "
            "15 ep"),
    healthy("price_target_normalization", B19T.price_target_normalization, "Friedman #1 "
            "prices in thousands, target through an adapted Normalization layer, Dense "
            "64-64 -> Dense(1), MSE + R2Score, 20 ep"),
    healthy("scan_ema_sequences", B19S.scan_ema_sequences, "40-step noise sequences, class = "
            "sign of the last 8 steps' mean, Dense(8) -> a keras.ops.scan learned-EMA layer "
            "(decays from 0.8) -> Dense 16, sigmoid, 10 ep"),
    healthy("bigru_sum_up_down", B19S.bigru_up_down, "string token logs, StringLookup("
            "mask_token='') -> Embedding(mask_zero) -> Bidirectional(GRU(16), "
            "merge_mode='sum'), sigmoid, 4 ep"),
]]

FAULTY_19 = [nineteenth(c) for c in [
    faulty("ema_momentum_0.9999", "ema_swap_digits",
           "slow_convergence setup_stall",
           "ema_momentum=0.9999 (the ImageNet recipes' value) on a ~700-step run: the EMA "
           "weights SwapEMAWeights validates stay ~93 % the initial ones", ema_momentum=0.9999),
    faulty("circle_without_unit_norm", "circle_loss_digits",
           "improper_output output_loss_mismatch slow_convergence setup_stall",
           "UnitNormalization left out under keras.losses.Circle(): 1 - dot read as a cosine "
           "distance on unnormalised embeddings", unit_norm=False),
    faulty("lamb_lr_1", "lamb_large_batch",
           "learning_rate_out_of_range exploding_gradient oscillating_loss dying_relu "
           "slow_convergence",
           "Lamb(learning_rate=1.0), a LARS-recipe rate trusted to the trust ratio: each step "
           "moves a layer by about its own norm", lr=1.0),
    faulty("feature_space_float_raw", "feature_space_churn",
           "unscaled_input abnormal_data",
           "FeatureSpace.float() in place of float_normalized() for income, balance and "
           "tenure: ~6e4 dollars into Dense", raw_floats=True),
    faulty("age_bins_after_scaler", "clinic_bands_codes",
           "constant_input slow_convergence",
           "StandardScaler over every numeric column (age included) before the model while "
           "Discretization's boundaries stay in years: every age lands in the first band",
           scale_age=True),
    faulty("category_encoding_10_of_40", "clinic_bands_codes",
           "slow_convergence setup_stall",
           "CategoryEncoding(num_tokens=10) on diagnosis codes 0..39: codes 10..39 one-hot "
           "to all zeros, silently", code_tokens=10),
    faulty("hashing_8_bins", "merchant_hashing_fraud",
           "slow_convergence setup_stall",
           "Hashing(num_bins=8) (the embedding width typed as the bin count): 120 merchants in "
           "8 buckets", num_bins=8),
    faulty("target_normalization_inverted", "price_target_normalization",
           "unscaled_target slow_convergence",
           "Normalization(invert=True) on the training targets: prices mapped to y * std + "
           "mean (~2e4) instead of standardised", invert=True),
    faulty("ema_decay_init_0.9999", "scan_ema_sequences",
           "vanishing_gradient slow_convergence setup_stall",
           "the scan layer's decays started at 0.9999 ('a long memory'): the average holds "
           "~0.4 % of the signal and the sigmoid's slope keeps the decay there",
           decay_init=0.9999),
]]


def twentieth(case: Case) -> Case:
    return replace(case, batch=20)


# Batch 20 (session "practice20"): whole training workflows rather than one fit (a backbone
# pretrained on another task then frozen and fine-tuned, a pseudo-labelling round, a K-fold
# loop choosing the refit's epochs, a distribution-style custom train_step, gradient
# accumulation, two outputs, sample weights from two label sources, a custom warm-up
# schedule, steps_per_execution with XLA), each next to a real-world bug pattern; written
# without reading the detection / repair rules or their settings; `expect` fixed before any
# run (plain Keras or Watch).
B20M, B20S, B20T = batch20_models, batch20_sequence, batch20_tabular
HEALTHY_20 += [twentieth(c) for c in [
    healthy("transfer_two_phase_bn", B20M.transfer_two_phase, "BN conv backbone pretrained on "
            "digits 0-4, reused for 5-9 with 300 labels: frozen + training=False, head at "
            "Adam(1e-2) 6 ep, then unfrozen, recompiled, fine-tuned at Adam(1e-4), 10 ep"),
    healthy("global_batch_train_step", B20M.global_batch_train_step, "digit rows, subclassed "
            "model whose train_step averages the loss with tf.nn.compute_average_loss("
            "global_batch_size=64), SGD(0.02, momentum 0.9), batch 64, 12 ep"),
    healthy("pseudo_label_round", B20M.pseudo_label_round, "150 labelled digit rows train a "
            "teacher MLP; its confident (>= 0.9) predictions on ~1280 unlabelled rows join "
            "the labels; a fresh student trains on both, 15 ep"),
    healthy("kfold_then_refit", B20T.kfold_then_refit, "5-class table, StratifiedKFold(3) "
            "loop of fresh Dense 64-64 MLPs (Adam(2e-3), batch 128, 10 ep each), refit on all "
            "training rows for the mean best epoch (argmax of val_accuracy + 1)"),
    healthy("accumulated_large_batch", B20T.accumulated_large_batch, "5-class table, "
            "SGD(0.2, momentum 0.9, gradient_accumulation_steps=16) on micro-batches of 16 "
            "(effective 256), Dense 128-64, 15 ep"),
    healthy("churn_spend_two_heads", B20T.churn_spend_two_heads, "customer table, shared "
            "trunk, churn (sigmoid, BCE) and spend (linear, MSE) heads, dict losses / "
            "metrics, loss_weights 1.0 / 0.5, list targets in output order, 15 ep"),
    healthy("two_source_sample_weights", B20T.two_source_weights, "3-class table labelled "
            "by experts (30 %) and a confusing crowd (70 %), per-row trust weights (1.0 / "
            "0.1) in a tf.data (x, y, w) pipeline, Dense 64-32, 20 ep"),
    healthy("confidence_penalty_compute_loss", B20T.confidence_penalty_table, "5-class "
            "table, subclassed MLP overriding compute_loss: CE - 0.1 x mean entropy, "
            "Adam(1e-3), batch 64, 20 ep"),
    healthy("warmup_cosine_schedule_b20", B20T.warmup_cosine_digits, "digit rows, Dense 256-128, "
            "AdamW under a registered warm-up (1 epoch) + cosine LearningRateSchedule, peak "
            "5e-3, 20 ep"),
    healthy("waveform_conv1d_xla", B20S.waveform_conv1d_xla, "sine / square / sawtooth "
            "waveforms, Conv1D 16-32, GlobalAveragePooling1D, steps_per_execution=16, "
            "jit_compile=True, EarlyStopping(restore_best_weights), 15 ep"),
]]

FAULTY_20 = [twentieth(c) for c in [
    faulty("global_batch_is_dataset_size", "global_batch_train_step",
           "vanishing_gradient slow_convergence setup_stall",
           "compute_average_loss(global_batch_size=len(x)): every step's loss and gradient "
           "divided by 1437 instead of 64 under SGD", rows_as_global_batch=True),
    faulty("pseudo_labels_from_shuffled_predict", "pseudo_label_round",
           "slow_convergence setup_stall",
           "the teacher predicts the unlabelled rows through a shuffled tf.data pipeline: "
           "the pseudo-labels are paired with the rows in another order", predict_shuffled=True),
    faulty("kfold_best_epoch_argmin", "kfold_then_refit",
           "small_budget slow_convergence",
           "each fold's best epoch taken with np.argmin of val_accuracy (copied from the "
           "val_loss loop): the refit trains 1 epoch", pick_argmin=True),
    faulty("accumulation_rate_scaled_again", "accumulated_large_batch",
           "learning_rate_out_of_range exploding_gradient oscillating_loss dying_relu "
           "slow_convergence",
           "SGD(3.2): the recipe's batch-256 rate scaled up again by the 16 accumulation "
           "steps", lr=3.2),
    faulty("outputs_reordered_list_targets", "churn_spend_two_heads",
           "output_loss_mismatch improper_output label_mismatch unbounded_loss",
           "outputs declared [spend, churn] while fit keeps y=[churn, spend]: the churn head "
           "trains on standardised spend, the spend head on 0/1 labels", spend_first=True),
    faulty("trust_weights_by_sorted_codes", "two_source_sample_weights",
           "invalid_sample_weights label_mismatch slow_convergence",
           "trusts [1.0, 0.1] written for (expert, crowd) but indexed by np.unique's "
           "alphabetical codes: the confusing crowd weighted 1.0, the experts 0.1",
           trusts_by_position=True),
    faulty("warmup_where_reversed", "warmup_cosine_schedule_b20",
           "learning_rate_out_of_range oscillating_loss exploding_gradient dying_relu "
           "slow_convergence",
           "ops.where(step > warmup, warm, cosine) in the custom schedule: the warm-up line "
           "runs on after the warm-up, up to 20 x the peak (0.1)", reversed_where=True),
]]


def twentyfirst(case: Case) -> Case:
    return replace(case, batch=21)


# Batch 21 (session "practice21"): regression and forecasting in practice (multi-step windows
# of a seasonal series, three quantiles under a hand-written pinball loss, counts under a
# hand-written Poisson NLL, mean + log-variance under a hand-written Gaussian NLL, Huber on
# targets with gross errors, a log target for skewed prices, load_diabetes through an adapted
# Normalization, three targets from one model), each next to a real-world bug pattern; written
# without reading the detection / repair rules or their settings; `expect` fixed before any
# run (plain Keras or Watch).
B21M, B21S, B21T = batch21_models, batch21_sequence, batch21_tabular
HEALTHY_21 += [twentyfirst(c) for c in [
    healthy("multistep_seasonal_forecast", B21S.multistep_seasonal_forecast, "3000 hours "
            "with daily + weekly cycles, chronological 80/20, windows of 48 h -> next 12 h "
            "(NumPy shifted copies, .T), Conv1D 32-32 -> Flatten -> Dense 64 -> Dense 12, MSE, "
            "Adam(1e-3), 12 ep"),
    healthy("quantile_three_heads", B21M.quantile_three_heads, "Friedman #1 with noise "
            "growing with an unused feature, Dense 64-64 -> Dense 3 (q 0.1 / 0.5 / 0.9) under "
            "a hand-written pinball loss, band-coverage metric, Adam(2e-3), 20 ep"),
    healthy("poisson_rental_counts", B21M.poisson_rental_counts, "hourly counts (mean ~2.6, "
            "~20 % zeros), Dense 32-32 -> Dense 1 softplus, hand-written Poisson NLL "
            "rate - y log(rate), Adam(2e-3), 20 ep"),
    healthy("heteroscedastic_two_heads", B21M.heteroscedastic_two_heads, "1-D curve with "
            "noise growing with |x|, functional tanh trunk, linear mean and log-variance "
            "heads concatenated, hand-written Gaussian NLL, Adam(3e-3), 20 ep"),
    healthy("huber_winsorised_outliers", B21T.huber_winsorised_outliers, "make_regression "
            "with 6 % gross errors, training targets clipped at the 2nd / 98th percentiles, "
            "RobustScaler on the target, Dense 64-64, Huber(1.0), Adam(1e-3), 15 ep"),
    healthy("log_price_target", B21T.log_price_target, "skewed prices in dollars, target "
            "log1p then StandardScaler, Dense 64-64, MSE, Adam(1e-3), 18 ep"),
    healthy("diabetes_normalization", B21T.diabetes_normalization, "load_diabetes, target "
            "standardised, Normalization adapted on the training features inside the model, "
            "Dense 32-16, MSE, Adam(1e-3), batch 32, 15 ep"),
    healthy("friedman2_normalization", B21T.friedman2_normalization, "make_friedman2 with "
            "raw features (0-100 ... 126-1760), Normalization adapted on the training features "
            "inside the model, target standardised, Dense 64-64, MSE, Adam(2e-3), 25 ep"),
    healthy("friedman_multi_output", B21T.friedman_multi_output, "three standardised targets "
            "on the same Friedman #1 inputs, y (n, 3), Dense 64-64 -> Dense 3, MSE, "
            "Adam(2e-3), 20 ep"),
]]

FAULTY_21 = [twentyfirst(c) for c in [
    faulty("horizon_targets_reshaped", "multistep_seasonal_forecast",
           "slow_convergence setup_stall",
           "the (horizon, n) stack of shifted copies turned into rows with .reshape(n, 12) "
           "instead of .T: each window's targets are far-later values of one copy",
           reshape_targets=True),
    faulty("poisson_relu_rate", "poisson_rental_counts",
           "output_loss_mismatch improper_output dying_relu",
           "Dense(1, activation='relu') as the rate under the hand-written rate - y log(rate): "
           "log(0) = -inf, 0 * -inf = NaN on the zero counts", head="relu"),
    faulty("nll_variance_form_on_log_head", "heteroscedastic_two_heads",
           "output_loss_mismatch improper_output",
           "the Gaussian NLL written as 0.5 log(v) + (y - mu)^2 / 2v on the linear "
           "log-variance head: NaN losses while outputs are negative, then a stalled mean",
           variance_form=True),
    faulty("winsor_clip_bounds_swapped", "huber_winsorised_outliers",
           "validation_shift label_mismatch setup_stall",
           "np.clip(y, hi, lo): NumPy sets every value to a_max (the 2nd percentile), so the "
           "training targets are one constant and the RobustScaler's scale falls back to 1",
           clip_swapped=True),
    faulty("log_after_standard_scaler", "log_price_target", "abnormal_data",
           "np.log1p(StandardScaler().fit_transform(price)): standardised prices below -1 "
           "give NaN targets (~10 % of the rows)", scale_then_log=True),
    faulty("normalization_adapted_on_target", "friedman2_normalization",
           "collapsed_input constant_input unscaled_input slow_convergence setup_stall",
           "norm.adapt(target) instead of norm.adapt(x): the features shifted by the target's "
           "mean and divided by its std, the [0, 1] and [1, 11] columns near-constant",
           adapt_on_target=True),
    faulty("single_unit_three_targets", "friedman_multi_output",
           "target_broadcast output_loss_mismatch improper_output",
           "Dense(1) kept from the single-target script for y of shape (n, 3): MSE "
           "broadcasts silently, the unit learns the targets' mean", outputs=1),
]]


def twentysecond(case: Case) -> Case:
    return replace(case, batch=22)


# Batch 22 (session "practice22"): tabular classification as Kaggle / industry practitioners
# write it (StringLookup and IntegerLookup + Embedding encodings, an out-of-fold target
# encoding, many string classes through a LabelEncoder, ordinal grades, wide & deep with a
# HashedCrossing, a time-split loan book, a focal loss on imbalanced fraud, two averaged MLPs,
# class weights), each next to a real-world bug pattern; written without reading the
# detection / repair rules or their settings; `expect` fixed before any run (plain Keras or
# Watch).
B22M, B22T = batch22_models, batch22_tabular
HEALTHY_22 += [twentysecond(c) for c in [
    healthy("loan_grade_lookup", B22T.loan_grade_lookup, "loan default: 5 raw numeric columns "
            "through an adapted Normalization, grade A..G and purpose strings through "
            "StringLookup(one_hot) adapted on their training columns, Dense 32-16, sigmoid, "
            "BCE, Adam(1e-3), 15 ep"),
    healthy("merchant_fraud_embedding", B22T.merchant_fraud_embedding, "card fraud: merchant "
            "id (200) through IntegerLookup -> Embedding(vocab, 8), log amount / hour / "
            "distance through an adapted Normalization, Dense 32, sigmoid, BCE, Adam(2e-3), "
            "15 ep"),
    healthy("store_target_encoding", B22T.store_target_encoding, "purchase: store id (1000, "
            "~3 training rows each) target-encoded out of fold (5-fold, smoothing 10) + 6 "
            "features, StandardScaler, Dense 32-16, sigmoid, BCE, Adam(1e-3), 20 ep"),
    healthy("species_many_classes", B22T.species_many_classes, "15 string species (one rare, "
            "absent from validation), LabelEncoder fitted on the training labels, "
            "StandardScaler, Dense 64-64 -> softmax 15, sparse CE, Adam(1e-3), 15 ep"),
    healthy("credit_grade_ordinal", B22T.credit_grade_ordinal, "five ordinal grades from 8 "
            "features, Dense 64-32 -> softmax 5, sparse CE, Adam(1e-3), 20 ep"),
    healthy("churn_wide_deep", B22M.churn_wide_deep, "wide (plan / region one-hots + "
            "HashedCrossing(32) -> Dense 1) + deep (Normalization -> Dense 32-16 -> Dense 1), "
            "logits added -> sigmoid, BCE, Adam(2e-3), 15 ep"),
    healthy("loan_cohort_holdout", B22M.loan_cohort_holdout, "loan book validated on the "
            "latest 20 % of issue months, post-outcome 'recoveries' column dropped, "
            "StandardScaler, Dense 32-16, sigmoid, BCE, Adam(1e-3), 20 ep"),
    healthy("fraud_focal", B22M.fraud_focal, "~7 % positives, StandardScaler, Dense 32-32, "
            "sigmoid, BinaryFocalCrossentropy(apply_class_balancing=True, alpha=0.25, "
            "gamma=2), Adam(1e-3), batch 128, 15 ep"),
    healthy("cancer_two_mlps_averaged", B22M.cancer_two_mlps_averaged, "breast cancer, "
            "StandardScaler, a ReLU MLP and a tanh MLP each -> sigmoid, layers.Average, BCE, "
            "Adam(1e-3), batch 32, 20 ep"),
    healthy("four_classes_class_weight", B22M.four_classes_class_weight, "4 classes 60/25/10/5 "
            "%, stratified, StandardScaler, compute_class_weight('balanced') dict, Dense "
            "64-32 -> softmax 4, sparse CE, Adam(1e-3), 15 ep"),
]]

FAULTY_22 = [twentysecond(c) for c in [
    faulty("grade_lookup_adapted_on_purpose", "loan_grade_lookup",
           "unknown_tokens constant_input collapsed_input",
           "grade_lookup.adapt(purpose): the grade lookup's vocabulary is the purposes, every "
           "grade maps to [UNK] (one constant one-hot column)", grade_adapted_on_purpose=True),
    faulty("merchant_id_as_number", "merchant_fraud_embedding",
           "slow_convergence setup_stall",
           "the merchant id (1000..1199) kept as a normalised numeric column instead of "
           "IntegerLookup + Embedding: its value says nothing about the merchant",
           id_as_number=True),
    faulty("target_encoding_in_sample", "store_target_encoding", "validation_shift",
           "groupby(store).target.transform('mean') on the training rows (no folds, no "
           "smoothing): each row's encoding holds its own label, honest on validation only",
           in_sample=True),
    faulty("label_encoder_refit_on_validation", "species_many_classes",
           "label_mismatch validation_shift",
           "LabelEncoder().fit_transform(species_val): the rare species is absent there, so "
           "the validation codes after it are shifted by one", refit_encoder_on_validation=True),
    faulty("grades_single_sigmoid_bce", "credit_grade_ordinal",
           "label_mismatch output_loss_mismatch unbounded_loss improper_output",
           "Dense(1, sigmoid) + binary_crossentropy kept from a default model for labels "
           "0..4: the loss falls without bound on labels above 1", single_sigmoid=True),
    faulty("wide_deep_towers_sigmoid", "churn_wide_deep",
           "improper_output output_loss_mismatch",
           "each tower ends in Dense(1, sigmoid) before the Add: outputs in (0, 2) under BCE",
           towers_sigmoid=True),
    faulty("recoveries_column_kept", "loan_cohort_holdout", "validation_shift",
           "the post-outcome 'recoveries' column kept: near the label on matured training "
           "loans, 0 on every recent validation loan", keep_recoveries=True),
    faulty("focal_alpha_gamma_swapped", "fraud_focal",
           "unbounded_loss output_loss_mismatch",
           "BinaryFocalCrossentropy(True, 2.0, 0.25): alpha 2, gamma 0.25, so the negatives "
           "are weighted by 1 - alpha = -1", alpha_gamma_swapped=True),
]]


def twentythird(case: Case) -> Case:
    return replace(case, batch=23)


# Batch 23 (session "practice23"): computer-vision training as practitioners write it
# (Rescaling on 0..255 shapes, augmentation layers in the model, a BatchNorm mini-ResNet and a
# SeparableConv2D + GAP net on channels-first colour shapes, a pretrained backbone nested and
# frozen, a tf.data pipeline, label smoothing under a cosine decay, multi-label tags, a
# denoising autoencoder, a dropout CNN), each next to a real-world bug pattern; written
# without reading the detection / repair rules or their settings. Labels set by plain Keras
# training (seeds 11 and 22) before any Watch / autotrainer run: three practitioner mistakes
# that plain training showed harmless are healthy cases.
B23M = batch23_models
HEALTHY_23 += [twentythird(c) for c in [
    healthy("shapes_rescaling_cnn", B23M.shapes_rescaling_cnn, "grey shapes 0..255 20x20, "
            "Rescaling(1/255) in the model, Conv 16-32 + MaxPool, Dense 64, softmax 4, "
            "Adam(1e-3), 10 ep"),
    healthy("stripes_augment", B23M.stripes_augment, "stripe orientation 16x16, "
            "RandomTranslation / RandomZoom / RandomContrast in the model, Conv 16-32, "
            "softmax 4, Adam(1e-3), 15 ep"),
    healthy("colour_mini_resnet", B23M.colour_mini_resnet, "channels-first colour shapes "
            "transposed, Conv-BN-ReLU + two residual blocks (one strided, 1x1 projection), "
            "GAP, softmax 4, Adam(1e-3), 10 ep"),
    healthy("colour_separable_gap", B23M.colour_separable_gap, "colour shapes, "
            "SeparableConv2D 32-64-64 with two MaxPools, GAP, softmax 4, Adam(2e-3), 12 ep"),
    healthy("digits_finetune_frozen", B23M.digits_finetune_frozen, "digits 16x16, BN "
            "backbone pretrained on 0-4 (10 ep), nested frozen with training=False, Dense 32 "
            "head on 5-9, Adam(3e-3), 8 ep"),
    healthy("shapes_tfdata_pipeline", B23M.shapes_tfdata_pipeline, "grey shapes through "
            "tf.data map(/255) -> map(RandomFlip + RandomTranslation) -> shuffle -> batch -> "
            "prefetch, Conv 16-32, softmax 4, Adam(1e-3), 10 ep"),
    healthy("digits_smoothing_cosine", B23M.digits_smoothing_cosine, "digits 16x16 one-hot, "
            "CategoricalCrossentropy(label_smoothing=0.1), Adam over CosineDecay(2e-3), 12 ep"),
    healthy("blob_tags_multilabel", B23M.blob_tags_multilabel, "4 multi-hot tags on 16x16x3 "
            "blobs / stripes, Dense 4 sigmoid, BCE, binary accuracy, Adam(1e-3), 12 ep"),
    healthy("shapes_denoiser", B23M.shapes_denoiser, "denoising conv autoencoder 16x16, "
            "inputs and targets / 255, sigmoid output, BCE (Keras example), 12 ep"),
    healthy("digits_dropout_cnn", B23M.digits_dropout_cnn, "digits 16x16, Conv 32-64 with "
            "Dropout 0.25 / 0.25 / 0.5, Dense 128, softmax 10, Adam(1e-3), 12 ep"),
    # practitioner mistakes that plain training (seeds 11, 22) showed harmless: healthy
    healthy("finetune_unfrozen_lr_1e2", B23M.digits_finetune_frozen, "the backbone unfrozen "
            "and fine-tuned with Adam(1e-2) instead of ~1e-5: plain val acc 0.978 / 0.978 vs "
            "frozen 0.983 / 0.967, harmless here", finetune_lr=1e-2),
    healthy("tfdata_validation_augmented", B23M.shapes_tfdata_pipeline, "one prepare(ds, "
            "augment=True) helper for both datasets, validation flipped / shifted: plain val "
            "acc 0.938 / 0.942 vs 0.921 / 0.913, harmless", augment_validation=True),
    healthy("digits_sigmoid_categorical", B23M.digits_smoothing_cosine, "Dense 10 sigmoid "
            "under CategoricalCrossentropy: Keras 3 takes the sigmoid's logits as a softmax's, "
            "plain runs identical to the healthy ones (0.964 / 0.967)", head="sigmoid"),
]]

FAULTY_23 = [twentythird(c) for c in [
    faulty("shapes_rescaled_twice", "shapes_rescaling_cnn",
           "unscaled_input setup_stall slow_convergence vanishing_gradient",
           "x / 255. in NumPy kept beside the model's Rescaling(1/255): inputs in [0, 1/255], "
           "plain val acc 0.271 / 0.271 (chance) vs 0.954 / 0.954", prescaled=True),
    faulty("shapes_no_rescaling", "shapes_rescaling_cnn",
           "unscaled_input slow_convergence oscillating_loss",
           "no scaling at all on 0..255 images: plain val acc 0.892 / 0.883 vs 0.954 / "
           "0.954, val loss 0.33 / 0.41 vs 0.14 / 0.18", rescale_layer=False),
    faulty("stripes_tutorial_flip_rotate", "stripes_augment",
           "label_mismatch slow_convergence setup_stall",
           "RandomFlip('horizontal_and_vertical') + RandomRotation(0.5) copied from a "
           "cats-vs-dogs tutorial on orientation labels: plain val acc 0.404 / 0.471 vs 1.0 "
           "/ 1.0", tutorial_augment=True),
    faulty("colour_channels_reshaped", "colour_mini_resnet", "slow_convergence setup_stall",
           "x.reshape(n, 16, 16, 3) instead of transpose(0, 2, 3, 1) on channels-first "
           "images: plain val acc 0.300 / 0.483 vs 0.754 / 0.708", reshape_channels=True),
    faulty("separable_no_activation", "colour_separable_gap", "slow_convergence setup_stall",
           "SeparableConv2D layers without activation= (linear): plain val acc 0.733 / "
           "0.833 vs 0.913 / 0.917", conv_activation=None),
    faulty("tfdata_labels_shuffled_apart", "shapes_tfdata_pipeline",
           "label_mismatch slow_convergence setup_stall",
           "images and labels shuffled as two datasets, then zipped: plain val acc 0.304 / "
           "0.296 (chance) vs 0.921 / 0.913", shuffle_separately=True),
    faulty("digits_softmax_binary_ce", "digits_smoothing_cosine",
           "output_loss_mismatch slow_convergence",
           "loss='binary_crossentropy' on a softmax over 10 one-hot classes ('accuracy' "
           "becomes binary): plain argmax val acc 0.931 / 0.933 vs 0.964 / 0.967",
           loss="binary_crossentropy"),
    faulty("tags_softmax_categorical", "blob_tags_multilabel",
           "output_loss_mismatch improper_output label_mismatch",
           "softmax + categorical CE on multi-hot tags: plain binary acc 0.505 / 0.537 vs "
           "0.978 / 0.979, loss rising to 477 / 260", softmax=True),
    faulty("denoiser_targets_unscaled", "shapes_denoiser",
           "unbounded_loss unscaled_target output_loss_mismatch",
           "inputs / 255 but clean targets left at 0..255 under sigmoid + BCE: loss to "
           "-7e6 / -9e6, MSE on the [0, 1] scale 0.849 vs 0.010 / 0.008",
           scale_targets=False),
    faulty("digits_dropout_keep_prob", "digits_dropout_cnn",
           "high_dropout slow_convergence setup_stall",
           "TF1 keep_prob=0.9 ported as Dropout(0.9) at all three places: plain val acc "
           "0.103 / 0.100 (chance) vs 0.958 / 0.944", keep_prob_as_rate=True),
]]


def twentyfourth(case: Case) -> Case:
    return replace(case, batch=24)


# Batch 24 (session "practice24"): signals and sensors as practitioners write them (activity
# recognition from channels-first accelerometer windows with Conv1D + GAP, an LSTM and a
# two-input accelerometer + gyroscope model; ECG-like beats with a rare class through a
# Conv1D detector with class weights and a bidirectional GRU; machine vibration through a
# NumPy spectrogram into a 2D CNN and band energies into an MLP; a reconstruction autoencoder
# on plant sensors; a dilated causal Conv1D over sliding windows of a continuous stream), each
# next to a real-world bug pattern; written without reading the detection / repair rules or
# their settings. Labels set by plain Keras training (seeds 11 and 22) before any Watch /
# autotrainer run: three practitioner mistakes that plain training did not clearly harm are
# healthy cases.
B24M = batch24_models
HEALTHY_24 += [twentyfourth(c) for c in [
    healthy("har_conv1d_gap", B24M.har_conv1d_gap, "accelerometer windows (n, 3, 96) in "
            "milli-g transposed, per-channel standardised, Conv1D 32-64 + MaxPool, "
            "GlobalAveragePooling1D, softmax 5, Adam(1e-3), 12 ep"),
    healthy("har_lstm", B24M.har_lstm, "accelerometer windows transposed and standardised, "
            "LSTM(32) -> softmax 5, Adam(2e-3), 12 ep"),
    healthy("ecg_abnormal_detector", B24M.ecg_abnormal_detector, "ECG-like beats, abnormal "
            "(~18 %) vs normal, Conv1D 16-32 + GAP, Dense(1, sigmoid), BCE, "
            "compute_class_weight('balanced'), Adam(1e-3), 15 ep"),
    healthy("ecg_bigru", B24M.ecg_bigru, "ECG-like beats, 3 classes (82/12/6 %), "
            "Bidirectional(GRU(24)) -> Dense 16 -> softmax 3, Adam(2e-3), 12 ep"),
    healthy("vibration_spectrogram_cnn", B24M.vibration_spectrogram_cnn, "vibration records "
            "-> NumPy STFT (128 / 64) log power, standardised, (65, 15, 1) -> Conv2D 16-32, "
            "softmax 4, Adam(1e-3), 12 ep"),
    healthy("vibration_fft_mlp", B24M.vibration_fft_mlp, "vibration records -> 64 log band "
            "energies, StandardScaler, Dense 64-32 ReLU, softmax 4, SGD(0.01, momentum 0.9), "
            "20 ep"),
    healthy("plant_autoencoder", B24M.plant_autoencoder, "4 plant sensors (n, 64, 4) "
            "standardised per channel, Conv1D autoencoder with a linear output, MSE, "
            "Adam(1e-3), 20 ep"),
    healthy("acc_gyro_two_inputs", B24M.acc_gyro_two_inputs, "accelerometer + gyroscope as "
            "two named inputs, a Conv1D + GAP branch each, Dropout 0.2, concatenated, "
            "softmax 5, Adam(1e-3), 12 ep"),
    healthy("stream_dilated_tcn", B24M.stream_dilated_tcn, "continuous accelerometer stream "
            "split in time, sliding windows 64 / step 32 labelled at their centre, shuffled "
            "with one permutation, causal Conv1D 32 x4 (dilations 1-8), GAP, softmax 5, "
            "Adam(1e-3), 12 ep"),
    # practitioner mistakes that plain training (seeds 11, 22) did not clearly harm: healthy
    healthy("har_reshape_channels", B24M.har_conv1d_gap, "x.reshape(n, 96, 3) instead of "
            "transpose(0, 2, 1) on (n, 3, 96) windows: plain val acc 0.983 / 0.980 vs 0.997 "
            "/ 1.000, harmless here (GAP over the scrambled axis)", reshape_channels=True),
    healthy("lstm_raw_milli_g", B24M.har_lstm, "milli-g fed unscaled into the LSTM: plain "
            "val acc 0.907 / 0.850 vs 0.873 / 0.960, better on one seed, worse on the other",
            raw_units=True),
    healthy("spectrogram_power_no_log", B24M.vibration_spectrogram_cnn, "power spectrogram "
            "without the log: plain val acc 0.988 / 0.913 vs 0.996 / 1.000 (val loss 8-13x), "
            "below the 5-point rule on seed 11", log_power=False),
]]

FAULTY_24 = [twentyfourth(c) for c in [
    faulty("har_per_window_standardised", "har_conv1d_gap", "slow_convergence setup_stall",
           "each window z-normalised over its own time axis: the gravity component that "
           "separates sitting / standing / lying is gone; plain val acc 0.600 / 0.587 vs "
           "0.997 / 1.000", per_window=True),
    faulty("ecg_softmax_one_unit", "ecg_abnormal_detector",
           "output_loss_mismatch improper_output",
           "Dense(1, activation='softmax') on the binary beat detector: every prediction is "
           "1.0, plain val acc 0.183 / 0.183 (the abnormal share) vs 0.897 / 0.892",
           softmax_head=True),
    faulty("bigru_sgd_lr_1", "ecg_bigru",
           "learning_rate_out_of_range exploding_gradient oscillating_loss setup_stall "
           "slow_convergence",
           "SGD(learning_rate=1.0) from a PTB LSTM recipe without its gradient clipping: "
           "plain val acc 0.817 / 0.817 (the majority class) vs 0.981 / 0.961",
           sgd_lr_1=True),
    faulty("fft_eight_sigmoid", "vibration_fft_mlp",
           "vanishing_gradient slow_convergence setup_stall",
           "eight Dense(64, sigmoid) layers under SGD(0.01, momentum 0.9): plain val acc "
           "0.250 / 0.263 (chance) vs 0.829 / 0.838", sigmoid_stack=True),
    faulty("ae_relu_output", "plant_autoencoder",
           "improper_output output_loss_mismatch dying_relu slow_convergence",
           "ReLU on the reconstruction layer of standardised (half negative) sensor signals: "
           "plain val MSE 0.503 / 0.502 vs 0.029 / 0.029", output_activation="relu"),
    faulty("two_input_validation_swapped", "acc_gyro_two_inputs", "validation_shift",
           "validation_data=([gyro_val, acc_val], y_val) while training takes [acc, gyro]: "
           "plain val acc 0.290 / 0.253 vs 0.997 / 1.000", swap_validation=True),
    faulty("two_input_dropout_keep_prob", "acc_gyro_two_inputs",
           "high_dropout slow_convergence setup_stall",
           "TF1 keep_prob=0.9 ported as Dropout(0.9) at all three places: plain val acc "
           "0.777 / 0.920 vs 0.997 / 1.000", dropout=0.9),
    faulty("stream_labels_next_window", "stream_dilated_tcn", "label_mismatch slow_convergence",
           "windows and window labels zipped off by one (x[:-1] with y[1:]): each window "
           "carries the next window's label; plain val acc 0.872 / 0.872 vs 0.992 / 0.997",
           label_next_window=True),
    faulty("stream_shuffled_apart", "stream_dilated_tcn",
           "label_mismatch slow_convergence setup_stall",
           "rng.shuffle(x) and rng.shuffle(y) as two calls: windows and labels shuffled "
           "apart; plain val acc 0.212 / 0.376 vs 0.992 / 0.997", shuffle_apart=True),
]]



def twentyfifth(case: Case) -> Case:
    return replace(case, batch=25)


# Batch 25 (session "practice25"): natural language and token sequences as practitioners
# write them (a TextVectorization review classifier, a GRU over IMDB-style id lists, a
# BiLSTM per-token tagger with mask_zero, a character-level next-character model, a frozen
# "pretrained" PPMI-SVD embedding and its fine-tuned twin, a duplicate-question model with
# one shared encoder, multi-label topic tags, a Conv1D topic classifier, a small Transformer
# encoder block), each next to a real-world bug pattern; generated "languages" (topic
# vocabularies, negation that flips sentiment, verdicts at the end of a review, tags that
# depend on the word before); written without reading the detection / repair rules or their
# settings. Labels set by plain Keras training (seeds 11 and 22) before any Watch /
# autotrainer run: three practitioner mistakes that plain training did not harm are healthy
# cases; two faults make Keras raise (the fault's own symptom).
B25M = batch25_models
HEALTHY_25 += [twentyfifth(c) for c in [
    healthy("review_textvec_conv", B25M.review_textvec_conv, "review strings, "
            "TextVectorization(600, length 80) adapted on the training texts, Embedding 32, "
            "Conv1D 64 (k3) + GlobalMaxPooling1D, Dense(1, sigmoid), Adam(1e-3), 8 ep"),
    healthy("review_gru", B25M.review_gru, "IMDB-style id lists, pad_sequences(maxlen=40) "
            "(truncating='pre' keeps the verdict), Embedding(mask_zero) + GRU(32), sigmoid, "
            "Adam(2e-3), 8 ep"),
    healthy("ner_bilstm_tagger", B25M.ner_bilstm_tagger, "NER-like sentences padded 'post' "
            "to 24, Embedding(mask_zero) + Bidirectional(LSTM(32, return_sequences)), "
            "per-word softmax over 6 tags, sparse CE, Adam(2e-3), 10 ep"),
    healthy("char_lm_lstm", B25M.char_lm_lstm, "character stream from a small grammar, "
            "24-character windows -> next character, Embedding 16 + LSTM(64), softmax over "
            "25 symbols, Adam(3e-3), batch 64, 6 ep"),
    healthy("pretrained_embedding_frozen", B25M.pretrained_embedding_topics, "topic "
            "documents, Embedding initialised from a 16-d PPMI-SVD co-occurrence matrix, "
            "trainable=False, GAP, Dense 32, softmax 6, Adam(2e-3), 10 ep"),
    healthy("pretrained_embedding_fine_tuned", B25M.pretrained_embedding_topics, "the same "
            "PPMI-SVD matrix trainable from the start, Adam(1e-3), 10 ep", fine_tune=True),
    healthy("question_pair_siamese", B25M.question_pair_siamese, "duplicate-question pairs, "
            "one shared encoder (Embedding(mask_zero) + GAP + Dense 32) on two named inputs, "
            "[|a - b|, a * b], sigmoid, Adam(2e-3), 10 ep"),
    healthy("topic_multilabel", B25M.topic_multilabel, "documents with 1-3 of 6 topics, "
            "Embedding + GAP + Dense 64, Dense(6, sigmoid), BCE, binary_accuracy, Adam(2e-3), "
            "10 ep"),
    healthy("topic_conv1d", B25M.topic_conv1d, "single-topic documents, Embedding 32, "
            "Conv1D 64 (k5) + GlobalMaxPooling1D, softmax 6, Adam(1e-3), 8 ep"),
    healthy("review_transformer", B25M.review_transformer, "review id lists padded to 40, "
            "token + position Embedding, one encoder block (MultiHeadAttention 2 x 16, "
            "LayerNormalization, Dense 64-32), GAP, sigmoid, Adam(1e-3), 8 ep"),
    # practitioner mistakes that plain training (seeds 11, 22) did not harm: healthy
    healthy("siamese_pad_value_one", B25M.question_pair_siamese, "pad_sequences(value=1) "
            "where id 1 is a real word, under mask_zero=True (padding no longer masked): "
            "plain val acc 0.935 / 0.965 vs 0.873 / 0.895, better here", pad_value=1),
    healthy("conv1d_embedding_dropout_0.9", B25M.topic_conv1d, "SpatialDropout1D(0.9) on "
            "the embeddings: plain val acc 1.000 / 1.000 vs 1.000 / 1.000, harmless here (each "
            "topic word repeats)", embedding_dropout=0.9),
    healthy("textvec_adapted_on_val", B25M.review_textvec_conv, "TextVectorization adapted "
            "on the validation texts: plain val acc 0.957 / 0.962 vs 0.955 / 0.953, harmless "
            "here (the same vocabulary)", adapt_on_val=True),
]]

FAULTY_25 = [twentyfifth(c) for c in [
    faulty("reviews_shuffled_apart", "review_textvec_conv",
           "label_mismatch slow_convergence setup_stall",
           "rng.shuffle(texts) and rng.shuffle(labels) as two calls: plain val acc 0.515 / "
           "0.468 (chance) vs 0.955 / 0.953", shuffle_apart=True),
    faulty("gru_truncating_post", "review_gru", "text_truncated slow_convergence setup_stall",
           "pad_sequences(maxlen=40, truncating='post') on 45-80-word reviews: the verdict "
           "at the end is cut; plain val acc 0.465 / 0.487 vs 0.917 / 0.905", truncating="post"),
    faulty("gru_bert_fine_tune_lr", "review_gru",
           "learning_rate_out_of_range slow_convergence setup_stall",
           "Adam(2e-5) from a BERT fine-tuning recipe on a GRU trained from scratch: plain "
           "val acc 0.553 / 0.563 (loss 0.692) vs 0.917 / 0.905", learning_rate=2e-5),
    faulty("tagger_tags_pre_padded", "ner_bilstm_tagger", "label_mismatch slow_convergence",
           "words padded 'post', tags with pad_sequences' default 'pre': tags shifted "
           "against their words; plain val acc 0.733 / 0.711 vs 1.000 / 1.000", tags_padding="pre"),
    faulty("char_vocab_off_by_one", "char_lm_lstm", "unknown_tokens abnormal_data",
           "Embedding(max(ids), 16): the largest id taken as the vocabulary size; Keras "
           "raises at the first batch on CPU (InvalidArgumentError, index out of range)",
           vocab_off_by_one=True),
    faulty("embedding_random_frozen", "pretrained_embedding_frozen",
           "slow_convergence setup_stall",
           "the pretrained matrix never loaded: random uniform embeddings, trainable=False; "
           "plain val acc 0.380 / 0.715 vs 1.000 / 1.000", random_frozen=True),
    faulty("multilabel_sigmoid_cce", "topic_multilabel",
           "output_loss_mismatch improper_output label_mismatch",
           "categorical_crossentropy on the sigmoid multi-hot head: plain val binary acc "
           "0.297 / 0.297 (every tag predicted on; loss rising to 114 / 190) vs 0.995 / 0.995",
           loss="categorical_crossentropy"),
    faulty("transformer_lr_0.05", "review_transformer",
           "learning_rate_out_of_range oscillating_loss exploding_gradient setup_stall "
           "slow_convergence",
           "Adam(0.05) on the Transformer block: plain val acc 0.530 / 0.585 (loss 0.69) vs "
           "0.822 / 0.817",
           learning_rate=0.05),
    faulty("topic_onehot_sparse_loss", "topic_conv1d", "label_mismatch output_loss_mismatch",
           "to_categorical labels under sparse_categorical_crossentropy: Keras raises before "
           "the first step (\"Argument `output` must have rank `target.ndim - 1`\")",
           one_hot=True),
]]


def twentysixth(case: Case) -> Case:
    return replace(case, batch=26)


# Batch 26 (session "practice26"): sets, point clouds and graphs as practitioners write them
# in Keras 3 (a PointNet-style classifier on 3-D scans in millimetres, a DeepSets counter on
# zero-padded sets with a mask, attention pooling over a set, a graph convolution network as a
# registered custom layer on a normalised adjacency), each next to a real-world bug pattern;
# generated data (shapes sampled with noise, stochastic block model graphs); written without
# reading the detection / repair rules or their settings. Labels set by plain Keras training
# (seeds 11 and 22) before any Watch / autotrainer run: four practitioner mistakes that plain
# training did not harm (by the 5-point rule) are healthy cases.
B26M = batch26_models
HEALTHY_26 += [twentysixth(c) for c in [
    healthy("pointnet_shapes", B26M.pointnet_shapes, "3-D scans of four shapes (128 points, "
            "mm, ~2 m from the scanner), each cloud centred and divided by the largest "
            "training radius, Conv1D(64, 1) -> Conv1D(128, 1) -> GlobalMaxPooling1D, Dense 64, "
            "Dropout 0.3, softmax 4, Adam(1e-3), 10 ep"),
    healthy("pointnet_batchnorm", B26M.pointnet_shapes, "the PointNet script with "
            "BatchNormalization (channel axis) after each per-point Conv1D", batchnorm=True),
    healthy("deepsets_count", B26M.deepsets_count, "zero-padded sets of 8-40 2-D points and "
            "their mask as two inputs, per-element Dense 64-64, masked sum (a registered "
            "MaskedPool layer), Dense 64, Dense(1): how many points lie in the unit disc, MSE + "
            "mae, Adam(1e-3), 15 ep"),
    healthy("deepsets_fraction_mean", B26M.deepsets_count, "the DeepSets script predicting "
            "the share of the set's points in the disc, masked mean pooling",
            target="fraction", pooling="mean"),
    healthy("set_attention", B26M.set_attention, "sets of 20 elements (value, x, y, noise), "
            "label the quadrant of the largest-value element, per-element Dense 64-64, "
            "AttentionPool (Dense(1) score, softmax over the set axis, weighted sum; a "
            "registered layer), Dense 64, softmax 4, Adam(2e-3), 15 ep"),
    healthy("gcn_communities", B26M.gcn_communities, "600 stochastic-block-model graphs (40 "
            "nodes, 3 communities, a weak feature hint), a registered GraphConv layer "
            "(keras.ops.matmul on D^-1/2 (A + I) D^-1/2) x 2, Dropout 0.2, per-node softmax 3, "
            "Adam(1e-2), batch 16, 12 ep"),
    healthy("gcn_row_normalised", B26M.gcn_communities, "the GCN with the random-walk "
            "normalisation D^-1 (A + I)", adjacency="row"),
    # practitioner mistakes that plain training (seeds 11, 22) did not harm: healthy
    healthy("pointnet_bn_points_axis", B26M.pointnet_shapes, "BatchNormalization(axis=1): "
            "statistics per point slot instead of per channel; plain val acc 1.000 / 1.000 vs "
            "1.000 / 1.000", batchnorm=True, bn_axis=1),
    healthy("pointnet_input_dropout_0.2", B26M.pointnet_shapes, "Dropout(0.2) on the input "
            "coordinates: plain val acc 1.000 / 0.988 vs 1.000 / 1.000", input_dropout=0.2),
    healthy("gcn_raw_adjacency", B26M.gcn_communities, "the 0/1 adjacency used as it is (no "
            "self-loops, no normalisation): plain val acc 0.723 / 0.717 vs 0.769 / 0.766, "
            "4.6 / 4.9 points below, under the 5-point rule", adjacency="raw"),
    healthy("gcn_no_self_loops", B26M.gcn_communities, "D^-1/2 A D^-1/2 without the self-"
            "loops: plain val acc 0.736 / 0.724 vs 0.769 / 0.766", adjacency="no_self_loops"),
]]

FAULTY_26 = [twentysixth(c) for c in [
    faulty("pointnet_not_centred", "pointnet_shapes",
           "unscaled_input slow_convergence setup_stall",
           "clouds divided by the largest radius but not centred: the 2 m scanner offset "
           "dominates every coordinate; plain val acc 0.533 / 0.498 vs 1.000 / 1.000",
           centre=False),
    faulty("pointnet_raw_millimetres", "pointnet_shapes",
           "unscaled_input slow_convergence setup_stall",
           "coordinates left in raw millimetres (-580 to 2500, not centred): plain val "
           "acc 0.268 / 0.268 (chance) vs 1.000 / 1.000", centre=False, scale=False),
    faulty("pointnet_shuffled_apart", "pointnet_shapes",
           "label_mismatch slow_convergence setup_stall",
           "rng.shuffle(x) and rng.shuffle(y) as two calls: clouds and labels shuffled apart; "
           "plain val acc 0.312 / 0.330 vs 1.000 / 1.000", shuffle_apart=True),
    faulty("pointnet_adam_lr_0.1", "pointnet_shapes",
           "learning_rate_out_of_range oscillating_loss exploding_gradient dying_relu "
           "setup_stall slow_convergence",
           "Adam(0.1), an SGD recipe's rate: plain val acc 0.560 / 0.627 vs 1.000 / 1.000",
           learning_rate=0.1),
    faulty("deepsets_mean_for_count", "deepsets_count", "slow_convergence setup_stall",
           "masked mean pooling for a count target (the set size is lost): plain val MSE "
           "4.26 / 4.59 vs 0.652 / 0.650", pooling="mean"),
    faulty("deepsets_padding_unmasked", "deepsets_count",
           "abnormal_data slow_convergence setup_stall",
           "the mask not applied: the zero padding is pooled as points at the origin (inside "
           "the disc); plain val MSE 1.85 / 1.86 vs 0.652 / 0.650", use_mask=False),
    faulty("deepsets_sum_for_fraction", "deepsets_fraction_mean", "slow_convergence setup_stall",
           "sum pooling for a share-of-the-set target: plain val MSE 0.0065 / 0.0044 vs "
           "0.0015 / 0.0015", pooling="sum"),
    faulty("attention_softmax_size_one_axis", "set_attention",
           "no_gradient slow_convergence setup_stall",
           "ops.softmax(scores) on the default last axis of (batch, 20, 1) scores: every "
           "weight 1, a plain sum, the score layer gets no gradient; plain val acc 0.790 / "
           "0.805 vs 0.945 / 0.952", softmax_axis=-1),
    faulty("attention_input_dropout_0.5", "set_attention",
           "high_dropout slow_convergence setup_stall",
           "Dropout(0.5) on the raw element features (the value that picks the element): "
           "plain val acc 0.622 / 0.630 vs 0.945 / 0.952", input_dropout=0.5),
    faulty("gcn_node_order_mismatch", "gcn_communities",
           "label_mismatch slow_convergence setup_stall",
           "each graph's node table (features and labels) re-sorted by another key than the "
           "adjacency's: rows no longer match the adjacency; plain val acc 0.477 / 0.480 vs "
           "0.769 / 0.766", node_order_mismatch=True),
]]

def twentyseventh(case: Case) -> Case:
    return replace(case, batch=27)


# Batch 27 (session "practice27"): recommendation, ranking and metric learning as
# practitioners write them in Keras 3 (matrix factorisation of star ratings with id
# Embeddings, biases and a Dot; implicit feedback with sampled negatives under BCE; a
# two-tower model; a siamese encoder under a contrastive loss; a triplet encoder; a
# RankNet-style pairwise ranker), each next to a real-world bug pattern; generated data (a
# latent-factor taste model, graded query-document tables) and sklearn's bundled digits;
# written without reading the detection / repair rules or their settings. Labels set by
# plain Keras training (seeds 11 and 22) before any Watch / autotrainer run: seven
# practitioner mistakes or variants that plain training did not harm are healthy cases.
B27M = batch27_models
HEALTHY_27 += [twentyseventh(c) for c in [
    healthy("mf_ratings", B27M.mf_ratings, "1-5 star ratings as [user, item] id rows (600 "
            "users, 400 items, 24k ratings), user and item Embedding(16) (he_normal, "
            "l2(1e-6) on every Embedding), Dot, user and item bias Embedding(1), Add, targets "
            "centred on the training mean, MSE + mae, Adam(1e-3), batch 64, 10 ep"),
    healthy("mf_sigmoid_scaled", B27M.mf_ratings, "the MF script with a 1 + 4 * sigmoid "
            "head (Rescaling(4, offset=1)) on the raw stars: plain val MSE 0.678 / 0.666 vs "
            "0.660 / 0.654", head="sigmoid_scaled", centre=False),
    healthy("mf_string_ids", B27M.mf_ratings, "the MF script with user ids as catalogue "
            "strings ('user_0012') through a StringLookup (OOV row 0)", id_lookup="strings"),
    healthy("implicit_ncf", B27M.implicit_ncf, "implicit feedback (600 users x 20 "
            "positives), one uniform negative per positive among the items the user never "
            "touched, user and item Embedding(32), Dot, Dense(1, sigmoid), BCE, accuracy + "
            "AUC, Adam(1e-3), batch 256, 8 ep"),
    healthy("two_tower", B27M.two_tower, "user and item towers (Embedding 32 -> Dense 64 "
            "ReLU -> Dense 32, UnitNormalization), cosine x 10 -> sigmoid, one uniform "
            "negative per positive, BCE, Adam(1e-3), batch 256, 8 ep"),
    healthy("siamese_contrastive", B27M.siamese_contrastive, "pairs of 8x8 digits (half the "
            "same digit), pixels / 16, one shared encoder (Dense 128 -> Dense 32 -> "
            "UnitNormalization), a registered PairDistance layer, contrastive loss margin 1, "
            "pair accuracy d < 0.5, Adam(1e-3), batch 64, 10 ep"),
    healthy("triplet_encoder", B27M.triplet_encoder, "digit triplets (anchor, same-digit "
            "positive, other-digit negative), one shared encoder with UnitNormalization, "
            "squared distances, max(d_ap - d_an + 0.2, 0), triplet accuracy, Adam(1e-3), "
            "batch 64, 10 ep"),
    healthy("ranknet_pairs", B27M.ranknet_pairs, "RankNet: document pairs of one query with "
            "different grades, heavy-tailed features log1p'd then standardised, one shared "
            "scorer (Dense 32-16-1), Subtract, sigmoid, BCE, Adam(1e-3), batch 64, 10 ep"),
    # practitioner mistakes and variants that plain training (seeds 11, 22) did not harm
    healthy("mf_ratings_not_centred", B27M.mf_ratings, "the star ratings fed as they are "
            "(mean 3.4) to the linear MF head: plain val MSE 0.723 / 0.727 vs 0.660 / 0.654 "
            "(1.1x), the biases learn the offset", centre=False),
    healthy("ncf_popularity_negatives", B27M.implicit_ncf, "negative items drawn from the "
            "positives' item column (popularity-weighted) while the validation negatives are "
            "uniform: plain val acc 0.716 / 0.714 vs 0.765 / 0.755 (4.9 / 4.1 points below, "
            "under the 5-point rule)", negatives="popularity"),
    healthy("two_tower_unnormalised", B27M.two_tower, "raw dot product of the towers (no "
            "UnitNormalization, no temperature): plain val acc 0.744 / 0.748 vs 0.741 / "
            "0.738", normalise=False),
    healthy("two_tower_embedding_l2_0.01", B27M.two_tower, "embeddings_regularizer=l2(0.01) "
            "on both id Embeddings: plain val acc 0.751 / 0.743 vs 0.741 / 0.738 (the towers' "
            "Dense layers and the normalisation absorb the shrinkage)", l2=0.01),
    healthy("siamese_margin_unnormalised", B27M.siamese_contrastive, "the contrastive "
            "margin of 1 on un-normalised embeddings (no UnitNormalization): plain val pair "
            "acc 0.967 / 0.973 vs 0.983 / 0.983", normalise=False),
    healthy("siamese_raw_pixels", B27M.siamese_contrastive, "digits left at 0..16: plain val "
            "pair acc 0.982 / 0.986 vs 0.983 / 0.983", scale_pixels=False),
    healthy("triplet_margin_unnormalised", B27M.triplet_encoder, "the 0.2 margin on "
            "un-normalised embeddings: plain val triplet acc 0.976 / 0.978 vs 0.985 / 0.989",
            normalise=False),
    healthy("ranknet_heavy_tails_not_logged", B27M.ranknet_pairs, "features standardised "
            "without the log1p of views, dwell ms and link score: plain val acc 0.927 / "
            "0.929 vs 0.939 / 0.937", log_heavy=False),
]]

FAULTY_27 = [twentyseventh(c) for c in [
    faulty("mf_sigmoid_head", "mf_ratings",
           "output_loss_mismatch improper_output unscaled_target slow_convergence setup_stall",
           "a sigmoid on the rating output with the raw 1-5 stars (a classifier's habit): "
           "plain val MSE 7.28 / 7.27 (mae 2.41) vs 0.660 / 0.654 (mae 0.647 / 0.642)",
           head="sigmoid", centre=False),
    faulty("mf_embedding_l2_0.01", "mf_ratings", "high_penalty slow_convergence setup_stall",
           "embeddings_regularizer=l2(0.01) on every Embedding (the table's whole norm each "
           "step; meant 1e-6): plain val loss 1.31 / 1.31 (mae 0.927) vs 0.660 / 0.654 "
           "(mae 0.647 / 0.642), near the constant guess (1.46)", l2=0.01),
    faulty("mf_user_ids_clipped", "mf_ratings",
           "abnormal_data collapsed_input slow_convergence",
           "the user Embedding sized from a development extract's 150 users, the ids past it "
           "clipped (np.minimum) after the out-of-range error: 3/4 of the users share one "
           "row; plain val MSE 1.034 / 1.031 (mae 0.827 / 0.824) vs 0.660 / 0.654",
           user_table=150),
    faulty("mf_user_lookup_all_oov", "mf_string_ids",
           "unknown_tokens constant_input collapsed_input slow_convergence",
           "StringLookup vocabulary from zero-padded 'user_0012' strings, the ratings' ids "
           "written 'user_12': every user is the OOV row; plain val MSE 1.130 / 1.129 (mae "
           "0.871) vs 0.644 / 0.644", id_lookup="unpadded"),
    faulty("mf_val_columns_swapped", "mf_ratings", "validation_shift abnormal_data",
           "the validation array stacked [item, user]: user ids reach the 400-row item "
           "table; Keras raises at the first validation step on CPU (InvalidArgumentError, "
           "'indices[0] = 530 is not in [0, 400)'), both seeds", swap_val_columns=True),
    faulty("ncf_negatives_from_positives", "implicit_ncf",
           "label_mismatch slow_convergence setup_stall",
           "negative rows drawn from the positive rows and labelled 0, the item never "
           "replaced: plain val acc 0.440 / 0.452 vs 0.765 / 0.755", negatives="from_positives"),
    faulty("two_tower_unshuffled", "two_tower",
           "oscillating_loss label_mismatch slow_convergence",
           "positives then negatives concatenated and fit(shuffle=False): every batch all "
           "one label; plain val acc 0.629 / 0.619 vs 0.741 / 0.738", shuffle=False),
    faulty("siamese_labels_flipped", "siamese_contrastive",
           "label_mismatch slow_convergence setup_stall",
           "the contrastive loss written for '1 = different' while the pairs say 1 = same: "
           "same-digit pairs pushed apart; plain val pair acc 0.502 / 0.520 vs 0.983 / 0.983",
           flip_labels=True),
    faulty("triplet_positive_any_class", "triplet_encoder",
           "label_mismatch slow_convergence setup_stall",
           "the triplet's positive drawn from every digit, not the anchor's class: plain val "
           "triplet acc 0.874 / 0.867 vs 0.985 / 0.989", positive="any"),
    faulty("ranknet_raw_units", "ranknet_pairs",
           "unscaled_input exploding_gradient oscillating_loss slow_convergence setup_stall",
           "query-document features in their logged units (a link score up to 2e7 next to "
           "term matches 0-30), neither logged nor standardised: plain val acc 0.674 / 0.689 "
           "(training loss 123 / 77) vs 0.939 / 0.937", log_heavy=False, standardise=False),
]]


def twentyeighth(case: Case) -> Case:
    return replace(case, batch=28)


# Batch 28 (session "practice28"): autoencoders, reconstruction and multi-task models as
# practitioners write them in Keras 3 (a dense autoencoder on a sensor table, a sparse one
# with an L1 activity regulariser, a conv autoencoder with a Conv2DTranspose or UpSampling2D
# decoder, a denoiser, anomaly detection by reconstruction error trained on normal rows only,
# an LSTM / RepeatVector sequence autoencoder, a two-head model with loss_weights), each next
# to a real-world bug pattern; generated data (sensor columns driven by 3 hidden factors,
# 24 x 24 shape images, sine sequences); written without reading the detection / repair rules
# or their settings. Labels set by plain Keras training (seeds 11 and 22) before any Watch /
# autotrainer run: three practitioner mistakes that plain training did not harm are healthy
# cases; one fault makes Keras raise (the fault's own symptom). The autoencoders have no
# accuracy (labelled by the 1.5x validation-loss rule); the anomaly script's callback writes
# a detection accuracy into the logs (`val_detection_accuracy`).
B28M = batch28_models
HEALTHY_28 += [twentyeighth(c) for c in [
    healthy("sensor_dense_ae", B28M.dense_autoencoder, "sensor table (20 columns in their "
            "own units, 3 hidden factors) standardised on the training rows, Dense 32 -> "
            "Dense(4) code -> Dense 32 -> Dense(20, linear), MSE, Adam(1e-3), 30 ep"),
    healthy("sensor_ae_minmax_sigmoid", B28M.dense_autoencoder, "the dense autoencoder on "
            "min-max scaled columns (0..1) with a sigmoid output", scaler="minmax",
            out_activation="sigmoid"),
    healthy("sensor_sparse_ae", B28M.sparse_autoencoder, "standardised sensor table through "
            "an overcomplete code, Dense(64, ReLU, activity_regularizer=L1(1e-4)) -> "
            "Dense(20), MSE, Adam(1e-3), 30 ep"),
    healthy("shapes_conv_ae_transpose", B28M.conv_autoencoder, "24 x 24 shape images / 255, "
            "Conv2D(16, s2) -> Conv2D(8, s2) -> Conv2DTranspose(8, s2) -> Conv2DTranspose(16, "
            "s2) -> Conv2D(1, sigmoid), binary cross-entropy, Adam(1e-3), 12 ep"),
    healthy("shapes_conv_ae_upsampling", B28M.conv_autoencoder, "the conv autoencoder with "
            "an UpSampling2D + Conv2D decoder", decoder="upsampling"),
    healthy("shapes_denoising_ae", B28M.denoising_autoencoder, "the conv autoencoder as a "
            "denoiser: images / 255 plus Gaussian noise (sd 0.3, clipped) in, the clean images "
            "out, MSE, Adam(1e-3), 12 ep, validated noisy -> clean"),
    healthy("sensor_anomaly_ae", B28M.anomaly_autoencoder, "anomaly detection by "
            "reconstruction error: Dense 64 -> Dense(4) -> Dense 64 -> Dense(20) trained on "
            "normal rows only, MSE, Adam(1e-3), 30 ep; a callback scores a check set (half "
            "rows with 4 columns swapped in from other rows) at the 95th-percentile threshold"),
    healthy("sensor_sequence_ae", B28M.sequence_autoencoder, "3-channel sine sequences (30 "
            "steps, centred), LSTM(64) -> RepeatVector(30) -> LSTM(64, return_sequences) -> "
            "TimeDistributed(Dense(3)), MSE, Adam(2e-3), 20 ep"),
    healthy("sensor_multitask", B28M.multitask, "standardised sensor table, shared Dense "
            "64-32 trunk, heads 'regime' (softmax 3, sparse CE, accuracy) and 'load' (Dense(1), "
            "MSE, standardised target), loss_weights 1 / 1, Adam(1e-3), 30 ep"),
    # practitioner mistakes that plain training (seeds 11, 22) did not harm: healthy
    healthy("sensor_ae_scaler_before_split", B28M.dense_autoencoder, "the scaler fitted on "
            "all rows before the split (validation rows leak into the mean and sd): plain val "
            "MSE 0.0640 / 0.0504 vs 0.0641 / 0.0506", scaler_on_all=True),
    healthy("anomaly_ae_no_bottleneck", B28M.anomaly_autoencoder, "no bottleneck (64-32-64 "
            "on 20 columns, the network could learn the identity): plain val detection "
            "accuracy 0.960 / 0.955 vs 0.905 / 0.892, better here (it does not generalise to "
            "the identity off the normal rows)", code=32),
    healthy("multitask_load_weight_10", B28M.multitask, "loss_weights {'regime': 1, 'load': "
            "10}: plain val regime accuracy 0.964 / 0.967 vs 0.980 / 0.967", load_weight=10.0),
]]

FAULTY_28 = [twentyeighth(c) for c in [
    faulty("ae_sigmoid_on_standardised", "sensor_dense_ae",
           "improper_output output_loss_mismatch slow_convergence setup_stall",
           "Dense(20, activation='sigmoid') kept from a 0..1 image autoencoder on "
           "standardised columns (half negative): plain val MSE 0.600 / 0.605 vs 0.0641 / "
           "0.0506", out_activation="sigmoid"),
    faulty("ae_relu_output_centred", "sensor_dense_ae",
           "improper_output dying_relu slow_convergence setup_stall",
           "the decoder's last Dense with activation='relu' on centred columns: plain val "
           "MSE 0.575 / 0.560 vs 0.0641 / 0.0506", out_activation="relu"),
    faulty("ae_bottleneck_width_1", "sensor_dense_ae", "slow_convergence setup_stall",
           "a code of width 1 for data driven by 3 factors: plain val MSE 0.554 / 0.553 vs "
           "0.0641 / 0.0506", code=1),
    faulty("sparse_ae_l1_0.01", "sensor_sparse_ae", "high_penalty slow_convergence setup_stall",
           "activity_regularizer=L1(0.01), 100x the sparse recipe's: plain val loss (MSE + "
           "penalty) 0.0639 / 0.0675 vs 0.0095 / 0.0099", l1=0.01),
    faulty("denoiser_noisy_target", "shapes_denoising_ae",
           "label_mismatch validation_shift slow_convergence",
           "fit(x_noisy, x_noisy): the noisy input passed as the target too; plain val MSE "
           "against the clean images 0.0245 / 0.0245 vs 0.0104 / 0.0106", target="noisy"),
    faulty("anomaly_ae_trained_on_check_set", "sensor_anomaly_ae",
           "abnormal_data validation_shift slow_convergence",
           "the autoencoder fitted on the check rows (half anomalies) instead of the normal "
           "rows: plain val detection accuracy 0.755 / 0.728 vs 0.905 / 0.892",
           train_on_check=True),
    faulty("seq_decoder_no_return_sequences", "sensor_sequence_ae",
           "target_broadcast output_loss_mismatch label_mismatch",
           "the decoder LSTM without return_sequences and a plain Dense(3): one vector per "
           "sequence against the (30, 3) target; Keras raises at the first step (ValueError, "
           "'Dimensions must be equal' in the MSE)", decoder_sequences=False),
    faulty("seq_relu_output_centred", "sensor_sequence_ae",
           "improper_output dying_relu slow_convergence setup_stall",
           "TimeDistributed(Dense(3, activation='relu')) on centred sequences: plain val MSE "
           "0.420 / 0.372 vs 0.153 / 0.162", out_activation="relu"),
    faulty("multitask_target_in_kw", "sensor_multitask",
           "unscaled_target slow_convergence setup_stall",
           "the regression target left in its units (about 1200 +- 300 kW): its MSE swamps "
           "the cross-entropy; plain val regime accuracy 0.820 / 0.844 vs 0.980 / 0.967",
           target_units=True),
]]


def twentyninth(case: Case) -> Case:
    return replace(case, batch=29)


# Batch 29 (session "practice29"): dense and structured outputs in computer vision as
# practitioners write them in Keras 3 (a small U-Net with skip connections and a per-pixel
# softmax, a binary foreground mask under sigmoid + BCE, one object's box next to a class
# head, triangle landmarks with flip augmentation, 2x super-resolution, counting by a density
# map), each next to a real-world bug pattern; generated data (shape scenes drawn at 64 x 64
# and resized to 32 x 32, one-shape images with boxes, triangles with corner landmarks, blob
# images with density maps); written without reading the detection / repair rules or their
# settings. Labels set by plain Keras training (seeds 11 and 22) before any Watch /
# autotrainer run. The box model's accuracy key is `val_cls_accuracy`; the regressions and
# masks are labelled by their validation loss / mae / MeanIoU / dice (1.5x rule).
B29M = batch29_models
HEALTHY_29 += [twentyninth(c) for c in [
    healthy("box_and_class", B29M.box_and_class, "one shape a 32 x 32 image / 255, boxes "
            "converted from (x1, y1, x2, y2) pixels to (x, y, w, h) / 32, Conv 16-32-64 -> "
            "Dense 128 -> 'cls' softmax 3 (sparse CE) and 'box' Dense(4, sigmoid) (MSE, mae), "
            "Adam(1e-3), batch 64, 15 ep"),
    healthy("shapes_unet", B29M.unet_segmentation, "shape scenes (32 x 32) / 255 with "
            "per-pixel class masks (background ~88 %), flips drawn with the masks, U-Net "
            "(Conv 8-16-32, Conv2DTranspose decoder, Concatenate skips), per-pixel softmax 4, "
            "sparse CE, accuracy + MeanIoU(4), Adam(1e-3), batch 32, 10 ep"),
    healthy("triangle_landmarks", B29M.landmark_regression, "triangles (32 x 32) / 255, "
            "corners (apex, left, right) / 32, flip augmentation with x mirrored and left / "
            "right swapped, Conv 16-32-64 -> Dense 128 -> Dense(6, linear), MSE + mae, "
            "Adam(1e-3), batch 64, 15 ep"),
    healthy("scenes_foreground_mask", B29M.foreground_mask, "the shape scenes as a binary "
            "task (foreground ~12 %), images / 255, masks 0/1, flips with the masks, the U-Net "
            "with Conv2D(1, sigmoid), binary cross-entropy, accuracy + dice metric, Adam(1e-3), "
            "batch 32, 10 ep: plain val dice 0.924 / 0.917, val loss 0.0272 / 0.0307"),
    healthy("foreground_mask_bce_dice", B29M.foreground_mask, "the foreground U-Net under "
            "BCE + soft dice per image: plain val dice 0.939 / 0.940", loss="bce_dice"),
    healthy("triangle_heatmaps", B29M.keypoint_heatmaps, "1200 triangles / 255, one Gaussian "
            "heatmap per corner (sd 1.5 px, peak 1), the U-Net with a linear Conv2D(3), MSE, "
            "keypoint accuracy (peak within 2 px), Adam(1e-3), batch 32, 10 ep: plain val "
            "keypoint accuracy 1.000 / 1.000, val loss 3.2e-4 / 2.9e-4"),
    healthy("blob_density_counting", B29M.density_counting, "blob images / 255, density "
            "maps x 100, Conv 16-32 -> pool -> Conv 64 (dilation 2) -> UpSampling2D -> Conv 32 "
            "-> Conv2D(1, linear), MSE, count_mae metric, Adam(1e-3), batch 32, 10 ep: plain "
            "val count mae 0.860 / 1.110"),
    healthy("scenes_super_resolution", B29M.super_resolution, "2x super-resolution of the "
            "scenes (16 x 16 -> 32 x 32, both / 255), bilinear UpSampling2D + Conv 32-32-1 "
            "residual, MSE + mae, Adam(1e-3), batch 32, 10 ep: plain val MSE 0.00144 / "
            "0.00130, mae 0.0241 / 0.0232"),
    healthy("unet_upsampling_decoder", B29M.unet_segmentation, "the U-Net with an "
            "UpSampling2D + Conv2D decoder: plain val pixel accuracy 0.947 / 0.933, MeanIoU "
            "0.602 / 0.446 vs 0.930 / 0.934, 0.497 / 0.456", decoder="upsampling"),
    healthy("unet_ce_dice_loss", B29M.unet_segmentation, "the U-Net under the practitioner's "
            "CE + soft dice loss: plain val pixel accuracy 0.952 / 0.934, MeanIoU 0.650 / "
            "0.510", loss="ce_dice"),
    # practitioner mistakes that plain training (seeds 11, 22) did not harm: healthy
    healthy("foreground_dice_per_pixel", B29M.foreground_mask, "BCE + dice with the dice's "
            "sums over the last axis only (a per-pixel dice): plain val dice 0.927 / 0.919, "
            "accuracy 0.989 / 0.987 vs 0.939 / 0.940, 0.989 / 0.989", loss="bce_dice",
            dice_axis="pixel"),
    healthy("heatmaps_relu_output", B29M.keypoint_heatmaps, "a final ReLU on the heatmaps: "
            "plain val keypoint accuracy 1.000 / 1.000, val loss 3.4e-4 / 3.7e-4 vs 3.2e-4 / "
            "2.9e-4", out_activation="relu"),
    healthy("density_map_unscaled", B29M.density_counting, "the raw density maps (sum = "
            "count, peaks ~0.07) without the x 100: MSE ~3e-5, but Adam does not mind; plain "
            "val count mae 0.796 / 0.894 vs 0.860 / 1.110", scale=1.0),
    healthy("unet_masks_resized_bilinear", B29M.unet_segmentation, "the training masks "
            "resized like the images (fractional ids at the edges, truncated by the sparse "
            "loss): plain val pixel accuracy 0.917 / 0.935, MeanIoU 0.379 / 0.477, val loss "
            "0.160 / 0.154 vs 0.930 / 0.934, 0.497 / 0.456, 0.134 / 0.145", resize="bilinear"),
    healthy("unet_adam_lr_0.01", B29M.unet_segmentation, "Adam(0.01): plain val pixel "
            "accuracy 0.945 / 0.943, MeanIoU 0.578 / 0.512 vs 0.930 / 0.934, 0.497 / 0.456",
            lr=0.01),
]]

FAULTY_29 = [twentyninth(c) for c in [
    faulty("box_pixels_sigmoid_head", "box_and_class",
           "improper_output output_loss_mismatch unscaled_target slow_convergence setup_stall",
           "box targets left in pixels (0..32) under the sigmoid box head: plain val box mae "
           "13.0 / 13.0 px vs 1.89 / 1.59 px (0.059 / 0.050 of 32), val loss 199 / 199 vs "
           "0.056 / 0.031; val class accuracy 0.965 / 0.930 vs 0.983 / 0.995",
           units="pixels"),
    faulty("box_pixels_linear_head", "box_and_class",
           "unscaled_target slow_convergence setup_stall",
           "box targets in pixels with a linear head: the boxes are learnt (val box mae 1.67 / "
           "1.52 px) but their MSE swamps the cross-entropy; plain val class accuracy 0.427 / "
           "0.643 vs 0.983 / 0.995", units="pixels", head="linear"),
    faulty("box_val_format_xyxy", "box_and_class",
           "validation_shift label_mismatch",
           "the training boxes converted to (x, y, w, h) / 32, the validation boxes left as "
           "annotated, (x1, y1, x2, y2) / 32: plain val box mae 0.292 / 0.235 vs 0.059 / "
           "0.050, val loss 0.165 / 0.107 vs 0.056 / 0.031", val_format="xyxy"),
    faulty("unet_onehot_masks_sparse_loss", "shapes_unet", "label_mismatch output_loss_mismatch",
           "masks one-hot encoded (32 x 32 x 4) under sparse_categorical_crossentropy: Keras "
           "raises at the first step (ValueError, 'Argument `output` must have rank (ndim) "
           "`target.ndim - 1`'), both seeds", masks="onehot"),
    faulty("landmarks_flip_no_swap", "triangle_landmarks", "label_mismatch slow_convergence",
           "flip augmentation mirrors x but does not swap the left and right corners (a face "
           "model's eyes): plain val mae 0.116 / 0.106 vs 0.0151 / 0.0190 (val loss 0.0285 / "
           "0.0238 vs 0.0004 / 0.0006)", flip="no_swap"),
    faulty("foreground_masks_0_255", "scenes_foreground_mask",
           "unbounded_loss unscaled_target label_mismatch output_loss_mismatch",
           "the masks as saved to PNG (0 / 255) under sigmoid + binary cross-entropy: plain "
           "loss NaN, val accuracy 0.879 / 0.879 (all background) vs 0.989 / 0.988",
           mask_scale=255.0),
    faulty("sr_target_unscaled", "scenes_super_resolution",
           "unscaled_target slow_convergence setup_stall",
           "inputs / 255 but the high-resolution targets left 0..255: plain val mae 14.6 / "
           "15.4 (0.057 / 0.060 on the 0..1 scale) vs 0.0241 / 0.0232, val MSE 420 / 451 "
           "(0.0065 / 0.0069) vs 0.00144 / 0.00130", scale_target=False),
    faulty("unet_flip_separate_coins", "shapes_unet", "label_mismatch slow_convergence setup_stall",
           "images and masks flipped by separate coins (random_flip_left_right called on "
           "each): plain val pixel accuracy 0.879 / 0.886, MeanIoU 0.220 / 0.251, val loss "
           "0.278 / 0.264 vs 0.930 / 0.934, 0.497 / 0.456, 0.134 / 0.145", flip="separate"),
    faulty("unet_ids_categorical_ce", "shapes_unet", "label_mismatch output_loss_mismatch",
           "class-id masks (32 x 32 x 1) under categorical_crossentropy: Keras raises at the "
           "first step (ValueError, 'Arguments `target` and `output` must have the same "
           "shape'), both seeds", loss="categorical_ce"),
]]


def thirtieth(case: Case) -> Case:
    return replace(case, batch=30)


# Batch 30 (session "practice30"): scientific and engineering surrogate regression as
# practitioners write it in Keras 3 (MLP surrogates of a wall's heat flow, an Arrhenius rate
# law, a damped oscillator's response, a cantilever's three responses in different units, a
# projectile's range in a wind; SI inputs spanning decades, positive targets spanning
# decades, a periodic wind direction, smooth activations, schedules, full-batch training,
# float64 arrays), each next to a real-world bug pattern; generated data; written without
# reading the detection / repair rules or their settings. Labels set by plain Keras training
# (seeds 11 and 22) before any Watch / autotrainer run. Every script compiles `std_mae`, the
# MAE in the healthy pipeline's standardised (log10 where logged) target units whatever the
# script's own target transform: the figures below are `val_std_mae` (faulty when >= 1.5x the
# counterpart's on both seeds; the scripts' own losses are on their own scales).
B30M = batch30_models
HEALTHY_30 += [thirtieth(c) for c in [
    healthy("heat_flow_log_surrogate", B30M.heat_flow_surrogate, "wall heat flow from six SI "
            "inputs (1e-6..1e4), log10 of every input standardised on the training rows, "
            "log10(Q) standardised, Dense 64 x 3 swish, MSE, Adam + CosineDecay(2e-3), batch "
            "64, 40 ep: plain val std_mae 0.017 / 0.019"),
    healthy("heat_flow_full_batch", B30M.heat_flow_surrogate, "the heat-flow surrogate trained "
            "full batch (3200 rows a step), Adam + CosineDecay(1e-2), 300 ep: plain val "
            "std_mae 0.042 / 0.031", batch_size=3200, epochs=300, lr=0.01),
    healthy("arrhenius_rate_surrogate", B30M.rate_law_surrogate, "Arrhenius rate law: T (K) "
            "as it is, log10 concentrations and pressure, standardised; log10(r) standardised; "
            "Dense 64 x 3 tanh, MSE, Adam + ExponentialDecay(3e-3), float64 arrays, 40 ep: "
            "plain val std_mae 0.014 / 0.015"),
    healthy("oscillator_response_surrogate", B30M.oscillator_surrogate, "damped oscillator "
            "x(t) from log10 mass / stiffness / damping and time, standardised; the signed "
            "displacement standardised; Dense 64 x 3 tanh -> linear, MSE, Adam(2e-3), 60 ep: "
            "plain val std_mae 0.040 / 0.033"),
    healthy("cantilever_multi_output", B30M.cantilever_surrogate, "cantilever deflection (m), "
            "stress (Pa), frequency (Hz) from load / length / depth, log10 of inputs and "
            "outputs, one scaler each, Dense 64 x 3 gelu -> Dense(3), MSE, Adam(1e-3), batch "
            "32, 40 ep: plain val std_mae 0.008 / 0.008"),
    healthy("projectile_wind_sincos", B30M.projectile_surrogate, "projectile range in a wind: "
            "speed, elevation, wind speed, log10 drag, the wind direction as sin / cos of its "
            "radians, standardised; range standardised; Dense 64 x 3 swish, MSE, Adam(2e-3) + "
            "ReduceLROnPlateau, 40 ep: plain val std_mae 0.035 / 0.043"),
    # practitioner mistakes or variants that plain training (seeds 11, 22) did not harm
    healthy("heat_scaler_before_split", B30M.heat_flow_surrogate, "the input scaler fitted on "
            "all rows before the split: plain val std_mae 0.018 / 0.019 vs 0.017 / 0.019",
            scaler_fit="all"),
    healthy("heat_scaler_on_val_split", B30M.heat_flow_surrogate, "the input scaler fitted on "
            "the held-out split only (rows in random order: the same statistics): plain val "
            "std_mae 0.018 / 0.019 vs 0.017 / 0.019", scaler_fit="val"),
    healthy("heat_deep_tanh_20_layers", B30M.heat_flow_surrogate, "20 Dense(64, tanh) layers, "
            "no normalisation, no skip connections: plain val std_mae 0.016 / 0.016 vs 0.017 / "
            "0.019", depth=20, activation="tanh"),
    healthy("arrhenius_float32_cast", B30M.rate_law_surrogate, "the float64 arrays cast to "
            "float32 first: plain val std_mae 0.014 / 0.015 (as the float64 run)", float32=True),
    healthy("projectile_wind_degrees", B30M.projectile_surrogate, "the wind direction fed as "
            "one standardised number in degrees (0..360, the wrap-around ignored): plain val "
            "std_mae 0.039 / 0.045 vs 0.035 / 0.043", wind_angle="degrees"),
    healthy("projectile_log_range", B30M.projectile_surrogate, "the range log10'd then "
            "standardised (a positive target spanning 2.8 decades): plain val std_mae (back in "
            "metres) 0.045 / 0.058 vs 0.035 / 0.043 (1.3x)", target="log"),
]]

FAULTY_30 = [thirtieth(c) for c in [
    faulty("heat_raw_si_inputs", "heat_flow_log_surrogate",
           "unscaled_input exploding_gradient oscillating_loss slow_convergence setup_stall",
           "the six inputs in their SI units as the simulator writes them (1e-6..1e4), "
           "neither logged nor scaled: plain val std_mae 0.472 / 0.441 vs 0.017 / 0.019",
           inputs="raw"),
    faulty("heat_si_standardised_not_logged", "heat_flow_log_surrogate",
           "unscaled_input slow_convergence setup_stall",
           "the SI inputs standardised without the log (each spans 2-4 decades: most rows "
           "squeezed near -0.3): plain val std_mae 0.315 / 0.328 vs 0.017 / 0.019", inputs="z"),
    faulty("heat_target_in_watts", "heat_flow_log_surrogate",
           "unscaled_target exploding_gradient oscillating_loss slow_convergence setup_stall",
           "Q in W (1e-2..1e7, 10 decades) under plain MSE: plain val std_mae 18.1 / 18.8 vs "
           "0.017 / 0.019 (val MSE 1.7e11 / 1.5e11 W^2)", target="raw"),
    faulty("heat_mape_on_standardised", "heat_flow_log_surrogate",
           "output_loss_mismatch unbounded_loss oscillating_loss slow_convergence",
           "loss='mape' on the standardised log target (values near zero): plain val std_mae "
           "0.074 / 0.075 vs 0.017 / 0.019 (val MAPE 252 / 338 against 18 / 19 in training)",
           loss="mape"),
    faulty("heat_full_batch_lr_0.5", "heat_flow_full_batch",
           "learning_rate_out_of_range oscillating_loss exploding_gradient slow_convergence "
           "setup_stall",
           "full-batch Adam at 0.5 (the full-batch habit of a large step): plain val std_mae "
           "0.837 / 1.531 vs 0.042 / 0.031", lr=0.5),
    faulty("arrhenius_raw_rate_target", "arrhenius_rate_surrogate",
           "unscaled_target exploding_gradient oscillating_loss slow_convergence setup_stall",
           "the rate in mol/(m^3 s) (11 decades) under plain MSE: plain val std_mae 3.75 / "
           "2.12 vs 0.014 / 0.015 (val MSE 1.0e7)", target="raw"),
    faulty("arrhenius_shuffled_apart", "arrhenius_rate_surrogate",
           "label_mismatch slow_convergence setup_stall",
           "features and targets each shuffled by its own shuffle call (the pairing lost): "
           "plain val std_mae 0.823 / 0.845 vs 0.014 / 0.015 (val MSE 0.98 / 1.05)",
           shuffle_apart=True),
    faulty("oscillator_sigmoid_output", "oscillator_response_surrogate",
           "improper_output output_loss_mismatch slow_convergence setup_stall",
           "Dense(1, activation='sigmoid') on the standardised signed displacement: plain val "
           "std_mae 0.529 / 0.527 vs 0.040 / 0.033", out_activation="sigmoid"),
    faulty("oscillator_target_in_metres", "oscillator_response_surrogate",
           "unscaled_target slow_convergence setup_stall",
           "the displacement left in metres (+-0.05, MSE ~1e-4 from the start): plain val "
           "std_mae 0.213 / 0.252 vs 0.040 / 0.033", scale_target=False),
    faulty("cantilever_outputs_in_units", "cantilever_multi_output",
           "unscaled_target exploding_gradient oscillating_loss slow_convergence setup_stall",
           "the three outputs in m, Pa and Hz, unscaled (the stress, up to 7e11 Pa, is the "
           "whole loss): plain val std_mae 1.24 / 15.3 vs 0.008 / 0.008", target="raw"),
    faulty("cantilever_standardised_not_logged", "cantilever_multi_output",
           "unscaled_target slow_convergence setup_stall",
           "the outputs standardised without the log (deflection spans 11 decades: nearly "
           "every row at -0.3 sd): plain val std_mae 4.36 / 5.84 vs 0.008 / 0.008",
           target="z_raw"),
    faulty("projectile_sin_of_degrees", "projectile_wind_sincos",
           "abnormal_data slow_convergence setup_stall",
           "np.sin / np.cos of the wind direction in degrees (radians expected): plain val "
           "std_mae 0.253 / 0.252 vs 0.035 / 0.043", wind_angle="sin_degrees"),
]]

def thirty_first(case: Case) -> Case:
    return replace(case, batch=31)


# Batch 31 (session "practice31"): control, decision-making and offline-RL-style supervised
# learning as practitioners write it in Keras 3 (behaviour cloning of scripted controllers on
# a simulated cart-pole, pendulum and grid world; a frame stack into a GRU; a learned
# dynamics model; fitted Q-values with one output per action and the taken action's mask; a
# Bradley-Terry reward model on preference pairs; an IPS-weighted bandit click model), each
# next to a real-world bug pattern; generated data; written without reading the detection /
# repair rules or their settings. Labels set by plain Keras training (seeds 11 and 22) before
# any Watch / autotrainer run: faulty when the final validation accuracy is >= 5 points below
# the counterpart's, or the final validation loss / mae >= 1.5x, on both seeds.
B31M = batch31_models
HEALTHY_31 += [thirty_first(c) for c in [
    healthy("cartpole_expert_cloning", B31M.cartpole_cloning, "behaviour cloning of a "
            "cart-pole's scripted controller (3 actions), the SI state standardised, Dense 64 x "
            "2 ReLU -> softmax 3, sparse CE, Adam(1e-3), 30 ep: plain val acc 0.991 / 0.986"),
    healthy("cartpole_frame_stack_gru", B31M.cartpole_frame_stack, "positions only (cart, "
            "pole angle), the last 4 frames of the episode stacked -> GRU(32) -> softmax 3, "
            "sparse CE, Adam(2e-3), 30 ep: plain val acc 0.797 / 0.803"),
    healthy("pendulum_torque_tanh_scaled", B31M.pendulum_cloning, "behaviour cloning of a "
            "pendulum's swing-up torque in [-2, 2] (saturated in two thirds of the rows): "
            "Dense 64 x 2 tanh -> Dense(1, tanh) -> Rescaling(2), MSE + mae, 40 ep: plain val "
            "mae 0.314 / 0.244, val MSE 0.362 / 0.306"),
    healthy("cartpole_dynamics_delta", B31M.cartpole_dynamics, "(state, force) -> next state at "
            "dt 0.02 s, standardised; a residual head predicting the change (scaled by the "
            "deltas' sd), Dense 128 x 2 swish, MSE + mae, 40 ep: plain val mae 7.0e-4 / 5.2e-4, "
            "val MSE 2.2e-6 / 9.1e-7"),
    healthy("gridworld_fitted_q", B31M.gridworld_q_returns, "fitted Q on a grid world's log: "
            "cell one-hot -> Dense 64 x 2 -> Dense(4), the taken action picked by a one-hot "
            "mask (Dot), target r + 0.95 V(s') / 1000, MSE, 30 ep: plain val return_mae "
            "0.0040 / 0.0061 (healthy units)"),
    healthy("gridworld_mc_returns", B31M.gridworld_q_returns, "the same Q model on discounted "
            "Monte-Carlo returns of the behaviour policy (noisy) / 1000: plain val return_mae "
            "0.421 / 0.427, val MSE 0.327 / 0.328", target="mc"),
    healthy("gridworld_masked_cloning", B31M.gridworld_cloning, "behaviour cloning of the grid "
            "world's shortest-path policy, illegal moves masked with -1e9 before the softmax: "
            "plain val acc 1.000 / 1.000"),
    healthy("preference_bradley_terry", B31M.preference_reward_model, "Bradley-Terry reward "
            "model: a shared scorer on log1p-standardised segment features, sigmoid(score_a - "
            "score_b), BCE, pairs in random order: plain val acc 0.873 / 0.872"),
    healthy("bandit_ips_click_model", B31M.bandit_click_model, "a contextual bandit's click "
            "model (context + arm one-hot -> Dense 32 x 2 -> sigmoid, BCE + AUC) with inverse-"
            "propensity sample weights clipped at 20, mean 1, validated on a randomised "
            "bucket: plain val AUC 0.799 / 0.788, val loss 0.506 / 0.519"),
    # practitioner mistakes or variants that plain training (seeds 11, 22) did not harm
    healthy("cartpole_si_unscaled", B31M.cartpole_cloning, "the SI state (|values| <= 4.6) "
            "not standardised: plain val acc 0.984 / 0.971 vs 0.991 / 0.986", units="si"),
    healthy("cartpole_softmax_mse_onehot", B31M.cartpole_cloning, "the softmax fitted to "
            "one-hot actions with MSE: plain val acc 0.992 / 0.988 vs 0.991 / 0.986",
            loss="mse_onehot"),
    healthy("frame_stack_across_episodes", B31M.cartpole_frame_stack, "frames stacked with "
            "np.roll across episode boundaries (3 of 100 rows an episode): plain val acc 0.801 "
            "/ 0.793 vs 0.797 / 0.803", boundaries=False),
    healthy("gridworld_cloning_unmasked", B31M.gridworld_cloning, "illegal moves not masked "
            "(the legal flags still inputs): plain val acc 1.000 / 1.000", mask_illegal=False),
    healthy("gridworld_mc_returns_unscaled", B31M.gridworld_q_returns, "Monte-Carlo returns "
            "in reward units (-1000..1000) under MSE: plain val return_mae 0.473 / 0.470 vs "
            "0.421 / 0.427 (1.1x, the returns' noise dominates)", target="mc", scale=1.0),
    healthy("preference_raw_features", B31M.preference_reward_model, "segment features in "
            "their units (1 to ~10^4) not scaled: plain val acc 0.856 / 0.857 vs 0.873 / "
            "0.872", features="raw"),
    healthy("bandit_propensity_not_inverted", B31M.bandit_click_model, "the propensity p as "
            "the sample weight instead of 1 / p: plain val AUC 0.799 / 0.807, val loss 0.504 / "
            "0.486 vs 0.799 / 0.788, 0.506 / 0.519", weights="propensity"),
    healthy("bandit_unweighted", B31M.bandit_click_model, "no propensity weights: plain val "
            "AUC 0.804 / 0.808, val loss 0.500 / 0.487", weights="none"),
]]

FAULTY_31 = [thirty_first(c) for c in [
    faulty("cartpole_state_mm_degrees", "cartpole_expert_cloning",
           "unscaled_input slow_convergence setup_stall oscillating_loss",
           "the state as a logger writes it (mm, mm/s, degrees, deg/s; up to ~4000), not "
           "scaled: plain val acc 0.841 / 0.857 vs 0.991 / 0.986", units="raw"),
    faulty("cartpole_deep_relu_lr_0.03", "cartpole_expert_cloning",
           "dying_relu learning_rate_out_of_range exploding_gradient oscillating_loss "
           "slow_convergence setup_stall",
           "16 Dense(64, ReLU) layers, no normalisation, Adam(0.03): plain val acc 0.656 / "
           "0.656 (every row 'coast') vs 0.991 / 0.986", depth=16, lr=0.03),
    faulty("frame_stack_shuffled_first", "cartpole_frame_stack_gru",
           "abnormal_data label_mismatch slow_convergence setup_stall",
           "the training rows shuffled before the frames are stacked (each stack holds "
           "unrelated states; the velocities cannot be read): plain val acc 0.738 / 0.741 vs "
           "0.797 / 0.803", shuffle_first=True),
    faulty("pendulum_tanh_unscaled", "pendulum_torque_tanh_scaled",
           "improper_output output_loss_mismatch slow_convergence setup_stall",
           "a tanh head not scaled to the action range (targets in [-2, 2]): plain val mae "
           "1.019 / 1.022, val MSE 1.095 / 1.107 vs 0.314 / 0.244, 0.362 / 0.306", head="tanh"),
    faulty("dynamics_next_state_direct", "cartpole_dynamics_delta",
           "slow_convergence setup_stall",
           "the next state regressed directly instead of the change (2-30 % of a state's sd a "
           "step): plain val mae 1.5e-3 / 2.5e-3, val MSE 5.2e-6 / 1.3e-5 vs 7.0e-4 / 5.2e-4, "
           "2.2e-6 / 9.1e-7", predict="next"),
    faulty("gridworld_q_targets_unscaled", "gridworld_fitted_q",
           "unscaled_target exploding_gradient oscillating_loss slow_convergence setup_stall",
           "Q targets in reward units (-1000..1000) under MSE: plain val return_mae (healthy "
           "units) 0.128 / 0.111 vs 0.0040 / 0.0061 (val MSE 8.7e4 / 7.6e4)", scale=1.0),
    faulty("gridworld_q_no_action_mask", "gridworld_fitted_q",
           "target_broadcast label_mismatch slow_convergence setup_stall",
           "no taken-action mask: the four-output model fitted to the (n, 1) target, broadcast "
           "over every action: plain val return_mae 0.138 / 0.128 vs 0.0040 / 0.0061",
           mask="none"),
    faulty("gridworld_q_action_off_by_one", "gridworld_fitted_q",
           "label_mismatch slow_convergence setup_stall",
           "the action column read one row off (the next row's action masks the Q-values): "
           "plain val return_mae 0.137 / 0.130 vs 0.0040 / 0.0061", mask="next_row"),
    faulty("preference_label_before_shuffle", "preference_bradley_terry",
           "label_mismatch slow_convergence setup_stall",
           "the label taken from the pair as exported (chosen first, always 1) and the pair then "
           "shuffled: winner and loser swapped in half the pairs: plain val acc 0.513 / 0.495 "
           "vs 0.873 / 0.872", label_order="before"),
]]


def thirty_second(case: Case) -> Case:
    return replace(case, batch=32)


# Batch 32 (session "practice32"): multimodal and multi-input models as practitioners write
# them in Keras 3 (the functional API with several named inputs, the data passed as dicts or
# lists: a house price from a photo, tabular columns and a listing text; a patient's outcome
# from hourly vitals and static data; a product's category from title tokens and numeric
# attributes; a click model from user / item id embeddings and context; an activity from
# accelerometer and gyroscope windows and the GPS speed), each next to a real-world bug
# pattern; generated data; written without reading the detection / repair rules or their
# settings. Labels set by plain Keras training (seeds 11 and 22) before any Watch /
# autotrainer run: faulty when the final validation accuracy is >= 5 points below the
# counterpart's, or the final validation loss >= 1.5x, on both seeds.
B32M = batch32_models
HEALTHY_32 += [thirty_second(c) for c in [
    healthy("house_photo_tabular_text", B32M.house_price, "a house's log price (standardised) "
            "from a 16 x 16 photo / 255 (Conv2D 8, 16 + GAP -> Dense 16), five standardised "
            "tabular columns (Dense 32) and a listing text (TextVectorization adapted on the "
            "training texts -> Embedding 16 + GAP), concatenated -> Dense 64 -> Dense(1), MSE "
            "+ mae, inputs as a dict, 25 ep: plain val mae 0.127 / 0.120, val MSE 0.0257 / "
            "0.0234"),
    healthy("patient_vitals_static", B32M.patient_outcome, "deterioration from 24 hourly "
            "vitals standardised per channel (Conv1D 16 x 2 + GAP) and four standardised "
            "static columns (Dense 16), sigmoid, BCE, inputs as a dict, 20 ep: plain val acc "
            "0.772 / 0.785"),
    healthy("product_title_numeric", B32M.product_category, "a product's category (6) from "
            "title token ids (Embedding 500 x 32, mask_zero, GAP) and four numeric attributes "
            "log1p-standardised (Dense 16), softmax, sparse CE, 15 ep: plain val acc 0.926 / "
            "0.928"),
    healthy("click_user_item_context", B32M.click_model, "click-through from user and item id "
            "embeddings (100 x 8 each), their dot product and standardised context (hour "
            "sin / cos, position, log1p past clicks), sigmoid, BCE, inputs as a list, 12 ep: "
            "plain val acc 0.707 / 0.695, val loss 0.586 / 0.597 (base rate 0.66)"),
    healthy("activity_acc_gyro_gps", B32M.activity_fusion, "an activity (5) from "
            "accelerometer and gyroscope windows (64 x 3, each its own Normalization adapted "
            "on its windows, Conv1D 16 x 2 + GAP) and the GPS speed (Normalization, Dense 8), "
            "model inputs [gyro, acc, speed], data as dicts, 15 ep: plain val acc 0.997 / "
            "0.998"),
    # practitioner mistakes or variants that plain training (seeds 11, 22) did not harm
    healthy("house_photo_0_255", B32M.house_price, "the photo fed as 0..255 floats while the "
            "tabular branch is standardised: plain val mae 0.140 / 0.124, val MSE 0.0315 / "
            "0.0244 vs 0.0257 / 0.0234 (1.2x / 1.04x)", image="raw"),
    healthy("house_vocab_adapted_on_val", B32M.house_price, "TextVectorization adapted on "
            "the validation texts (same word distribution): plain val mae 0.128 / 0.119, val "
            "MSE 0.0263 / 0.0231", vocab="val"),
    healthy("patient_vitals_missing_in_train", B32M.patient_outcome, "30 % of the training "
            "patients' vitals zero-filled (fillna(0) before scaling), no missing indicator: "
            "plain val acc 0.754 / 0.754 vs 0.772 / 0.785", train_missing=0.3),
    healthy("product_title_dropout_0.9", B32M.product_category, "Dropout(0.9) on the title "
            "branch: plain val acc 0.896 / 0.921 vs 0.926 / 0.928 (training acc 0.80)",
            title_dropout=0.9),
    healthy("click_ids_swapped", B32M.click_model, "item ids passed where the user ids go "
            "and back, in training and validation alike (equal table sizes): plain val acc "
            "0.689 / 0.702, val loss 0.596 / 0.589", order="swapped"),
    healthy("activity_acc_norm_on_gyro", B32M.activity_fusion, "the accelerometer's "
            "Normalization adapted on the gyroscope windows (copy-paste; gravity 9.8 m/s^2 "
            "left, scale off): plain val acc 0.998 / 0.998", norm_fit="gyro"),
    healthy("activity_acc_branch_frozen", B32M.activity_fusion, "the accelerometer branch's "
            "conv layers trainable=False at their random init: plain val acc 0.995 / 0.998",
            freeze="acc"),
    healthy("activity_speed_missing_in_train", B32M.activity_fusion, "30 % of the training "
            "rows' GPS speed set to 0 (no fix), no indicator: plain val acc 0.997 / 0.995",
            speed_missing=0.3),
    healthy("activity_gyro_relu_bottleneck", B32M.activity_fusion, "the gyroscope branch "
            "ends in Dense(1, relu) (the other branches carry the signal): plain val acc "
            "0.998 / 0.998", gyro_end="relu1"),
]]

FAULTY_32 = [thirty_second(c) for c in [
    faulty("house_tabular_unscaled", "house_photo_tabular_text",
           "unscaled_input slow_convergence setup_stall oscillating_loss",
           "the tabular branch in its units (m^2, rooms, years, km, lot m^2 up to 3000) while "
           "the photo is / 255: plain val MSE 0.498 / 0.230 (mae 0.562 / 0.375) vs 0.0257 / "
           "0.0234", tabular="raw"),
    faulty("house_photo_relu_bottleneck", "house_photo_tabular_text",
           "dying_relu collapsed_input slow_convergence setup_stall",
           "the photo branch ends in Dense(1, relu): plain val MSE 0.105 / 0.102 (mae 0.261 / "
           "0.254) vs 0.0257 / 0.0234", image_end="relu1"),
    faulty("patient_val_vitals_zero_filled", "patient_vitals_static",
           "validation_shift abnormal_data constant_input",
           "the validation export lacks the vitals table: fillna(0) before scaling (the whole "
           "modality missing in validation only): plain val acc 0.660 / 0.340 (val loss 10.8 "
           "/ 2.37) vs 0.772 / 0.785", val_vitals="zeros"),
    faulty("patient_discharge_code_leak", "patient_vitals_static",
           "validation_shift abnormal_data",
           "a 'discharge code' static column that is the outcome in the training rows and 0 "
           "(not yet known) in the validation rows: plain val acc 0.660 / 0.660 (training "
           "1.000) vs 0.772 / 0.785", leak=True),
    faulty("product_numeric_raw_counts", "product_title_numeric",
           "unscaled_input slow_convergence setup_stall oscillating_loss exploding_gradient",
           "price in cents, weight in grams and review counts (up to ~1e6) concatenated with "
           "the title embedding as they are: plain val acc 0.485 / 0.570 vs 0.926 / 0.928",
           numeric="raw"),
    faulty("product_title_embedding_frozen", "product_title_numeric",
           "no_gradient slow_convergence setup_stall",
           "the title Embedding trainable=False (copied from a fine-tuning recipe) at its "
           "random init: plain val acc 0.426 / 0.441 vs 0.926 / 0.928", title_trainable=False),
    faulty("activity_val_windows_swapped", "activity_acc_gyro_gps",
           "validation_shift abnormal_data",
           "training data as dicts by name, the validation data as a list [acc, gyro, speed] "
           "against model inputs [gyro, acc, speed]: the windows swapped in validation only: "
           "plain val acc 0.168 / 0.168 (training 1.000) vs 0.997 / 0.998", val_order="list"),
]]


def thirty_third(case: Case) -> Case:
    return replace(case, batch=33)


# Batch 33 (session "practice33"): probabilistic outputs and custom losses as practitioners
# write them in Keras 3 (a Poisson count model with a log link, quantile regression under a
# hand-written pinball loss, ordinal grades by softmax / cumulative logits / regression, a
# discrete-time hazard model with censored customers, a Gaussian mean / variance head under
# its NLL, a rare-event classifier with class weights or a hand-written focal loss), each
# next to a real-world bug pattern; generated data; written without reading the detection /
# repair rules or their settings. Labels set by plain Keras training (seeds 11 and 22) before
# any Watch / autotrainer run: faulty when the final validation accuracy / AUC is >= 5 points
# below the counterpart's, or the final validation loss / mae on the common scale >= 1.5x, on
# both seeds.
B33M = batch33_models
HEALTHY_33 += [thirty_third(c) for c in [
    healthy("claim_poisson_log_link", B33M.claim_count_model, "claim counts (0..108, mean "
            "6.3), km logged, features standardised, Dense 32 x 2 ReLU -> Dense(1, "
            "exponential), loss='poisson', 25 ep: plain val count_mae (log1p) 0.340 / 0.336 "
            "(oracle 0.33)"),
    healthy("claim_poisson_softplus", B33M.claim_count_model, "the same with a softplus "
            "rate head: plain val count_mae 0.356 / 0.345", head="softplus"),
    healthy("demand_pinball_quantiles", B33M.demand_quantiles, "10 / 50 / 90 % quantiles of "
            "a skewed heteroscedastic demand, Dense 64 x 2 -> Dense(3), hand-written pinball "
            "loss, 40 ep: plain val pinball_mae 3.317 / 3.302"),
    healthy("ordinal_softmax_grades", B33M.ordinal_rating, "grades 0..4 from eight "
            "features, Dense 64 x 2 -> softmax 5, sparse CE, 30 ep: plain val grade_acc 0.591 "
            "/ 0.588"),
    healthy("ordinal_cumulative_logits", B33M.ordinal_rating, "cumulative logits: Dense(4, "
            "sigmoid) on [grade > k], BCE, grade = count of p > 0.5: plain val grade_acc "
            "0.608 / 0.593", head="cumulative"),
    healthy("churn_discrete_hazard", B33M.churn_hazard, "person-month rows (five customer "
            "features + month, standardised), Dense 32 x 2 -> sigmoid hazard, BCE, censored "
            "customers' months all 0, 15 ep: plain val loss 0.218 / 0.216, val AUC 0.740 / "
            "0.744"),
    healthy("sensor_gaussian_nll", B33M.sensor_gaussian_head, "a sensor's mean and input-"
            "dependent noise: Dense 64 x 2 tanh -> Dense(2), Gaussian NLL with variance "
            "softplus(raw) + 1e-6, 40 ep: plain val mean_mae 0.889 / 0.890, val NLL 0.438 / "
            "0.441"),
    healthy("rare_failure_class_weight", B33M.rare_failure_classifier, "~3.5 % positives, "
            "Dense 64 x 2 -> sigmoid, BCE with class_weight {0: 1, 1: n_neg / n_pos}, 20 ep: "
            "plain val AUC 0.899 / 0.906, PR-AUC 0.363 / 0.385"),
    # practitioner mistakes or variants that plain training (seeds 11, 22) did not harm
    healthy("claim_linear_mse_raw_counts", B33M.claim_count_model, "a linear head fitted to "
            "the raw counts with MSE: plain val count_mae 0.383 / 0.354 vs 0.340 / 0.336 (1.1x)",
            head="linear", loss="mse"),
    healthy("claim_km_not_logged", B33M.claim_count_model, "annual km (1e3..6e4) "
            "standardised without the log: plain val count_mae 0.348 / 0.345", features="z"),
    healthy("demand_pinball_batch_sum", B33M.demand_quantiles, "the pinball loss returns "
            "ops.sum over the batch, not a mean (Adam absorbs the scale): plain val "
            "pinball_mae 3.295 / 3.295", loss_form="sum"),
    healthy("demand_pinball_mean_axis0", B33M.demand_quantiles, "the pinball loss averaged "
            "over axis 0 (the rows) instead of the quantiles: the same total: plain val "
            "pinball_mae 3.317 / 3.302", loss_form="axis0"),
    healthy("ordinal_regression_rounded", B33M.ordinal_rating, "the grade regressed as a "
            "number with MSE and rounded: plain val grade_acc 0.598 / 0.590", head="regression"),
    healthy("ordinal_label_smoothing", B33M.ordinal_rating, "one-hot grades, categorical CE "
            "with label_smoothing 0.1: plain val grade_acc 0.595 / 0.585", head="smoothed"),
    healthy("ordinal_onehot_mse", B33M.ordinal_rating, "the softmax fitted to one-hot grades "
            "with MSE: plain val grade_acc 0.592 / 0.592", head="onehot_mse"),
    healthy("sensor_log_variance", B33M.sensor_gaussian_head, "the head outputs log sigma^2 "
            "(NLL 0.5 s + 0.5 (y - mu)^2 exp(-s)): plain val mean_mae 0.887 / 0.887, NLL "
            "0.439 / 0.445", var_head="log_var"),
    healthy("sensor_variance_unclamped_exp", B33M.sensor_gaussian_head, "the variance as "
            "exp(raw), unclamped, divided through (did not overflow on standardised inputs): "
            "plain val mean_mae 0.887 / 0.887, NLL 0.439 / 0.445", var_head="exp"),
    healthy("rare_failure_unweighted", B33M.rare_failure_classifier, "no class weights: "
            "plain val AUC 0.904 / 0.907, PR-AUC 0.405 / 0.378", weighting="none"),
    healthy("rare_failure_focal", B33M.rare_failure_classifier, "a hand-written focal loss "
            "(gamma 2, alpha 0.75), probabilities clipped to [1e-7, 1 - 1e-7]: plain val AUC "
            "0.899 / 0.901", weighting="focal"),
    healthy("rare_failure_focal_no_epsilon", B33M.rare_failure_classifier, "the focal loss "
            "without the clip (log(p) of an unclipped sigmoid; it never reached 0 or 1 here): "
            "plain val AUC 0.899 / 0.901, identical", weighting="focal_no_eps"),
    healthy("rare_failure_bce_no_epsilon", B33M.rare_failure_classifier, "a hand-written "
            "weighted BCE without an epsilon: plain val AUC 0.899 / 0.906, identical to the "
            "class_weight fit", weighting="bce_no_eps"),
    healthy("rare_class_weight_keys_off_by_one", B33M.rare_failure_classifier, "class_weight "
            "keys 1-based {1: 1, 2: n_neg / n_pos}: the fit is the unweighted one (plain val "
            "AUC 0.904 / 0.907, identical)", weighting="keys_off_by_one"),
]]

FAULTY_33 = [thirty_third(c) for c in [
    faulty("claim_poisson_linear_output", "claim_poisson_log_link",
           "output_loss_mismatch improper_output unbounded_loss slow_convergence setup_stall",
           "loss='poisson' on a linear Dense(1) (negative rates, log of a negative number): "
           "plain val loss NaN / NaN, count_mae 1.483 / 0.502 vs 0.340 / 0.336",
           head="linear"),
    faulty("demand_pinball_args_swapped", "demand_pinball_quantiles",
           "label_mismatch slow_convergence setup_stall",
           "the pinball loss written def pinball(y_pred, y_true) (Keras passes y_true "
           "first): the 10 % and 90 % columns swapped: plain val pinball_mae 12.44 / 12.16 "
           "vs 3.317 / 3.302", loss_form="swapped"),
    faulty("demand_quantiles_under_mse", "demand_pinball_quantiles",
           "output_loss_mismatch slow_convergence setup_stall",
           "the three quantile outputs fitted with MSE (every column the mean): plain val "
           "pinball_mae 5.235 / 5.198 vs 3.317 / 3.302 (1.58x / 1.57x)", loss_form="mse"),
    faulty("ordinal_index_sigmoid_bce", "ordinal_softmax_grades",
           "output_loss_mismatch improper_output label_mismatch unbounded_loss "
           "slow_convergence setup_stall",
           "the grade index 0..4 as the target of Dense(1, sigmoid) with BCE (the loss runs "
           "to -3.7e5): plain val grade_acc 0.288 / 0.242 vs 0.591 / 0.588",
           head="index_sigmoid"),
    faulty("sensor_variance_relu", "sensor_gaussian_nll",
           "improper_output unbounded_loss exploding_gradient slow_convergence setup_stall",
           "the variance through relu(raw) with no floor: log(0) and division by 0: plain "
           "val loss NaN / NaN, mean_mae NaN / NaN vs 0.889 / 0.890", var_head="relu"),
    faulty("rare_class_weight_inverted", "rare_failure_class_weight",
           "label_mismatch invalid_sample_weights slow_convergence setup_stall",
           "class_weight {0: n_neg / n_pos, 1: 1}: the majority class up-weighted 26x: plain "
           "val AUC 0.653 / 0.630 vs 0.899 / 0.906", weighting="inverted"),
]]

def thirty_fourth(case: Case) -> Case:
    return replace(case, batch=34)


# Batch 34 (session "practice34"): subclassed Keras 3 models, custom layers and custom
# training logic as practitioners write them (TensorFlow backend: layers with their own
# `build` / `add_weight`, `keras.Model` subclasses with `call(x, training=False)`, a model
# class overriding `train_step`, an `add_loss` regulariser, a hand-written LayerNorm, a
# `tf.custom_gradient` activation, a `LearningRateSchedule` subclass, a learned positional
# embedding with a custom attention layer, a gated unit), each next to a real-world bug
# pattern; generated data; written without reading the detection / repair rules or their
# settings. Labels set by plain Keras training (seeds 11 and 22) before any Watch /
# autotrainer run: faulty when the final validation accuracy is >= 5 points below the
# counterpart's, or the final validation loss >= 1.5x, on both seeds. `TabularNet` and
# `BlockStack` are subclassed models (no layer graph): a job refuses them.
B34M = batch34_models
HEALTHY_34 += [thirty_fourth(c) for c in [
    healthy("residual_dense_blocks", B34M.residual_tabular, "three-class table (16 "
            "standardised features): MyDense(64, relu) stem (add_weight in build) -> 3 "
            "ResidualDense blocks (relu(x + W2 relu(W1 x))) -> softmax 3, sparse CE, "
            "Adam(1e-3), 10 ep: plain val acc 0.827 / 0.835"),
    healthy("subclassed_bn_dropout", B34M.subclassed_bn_dropout, "a keras.Model subclass, "
            "(Dense -> BatchNorm -> ReLU -> Dropout 0.3) x 2 -> softmax 3, `training` passed "
            "down in call, 25 ep: plain val acc 0.858 / 0.858"),
    healthy("custom_train_step", B34M.custom_train_step, "a functional model of its own class "
            "overriding train_step (GradientTape, compute_loss, an L2 1e-4 penalty inside the "
            "tape, metrics updated as the Keras 3 guide), Dense 64 x 2 -> softmax 3, 25 ep: "
            "plain val acc 0.859 / 0.849"),
    healthy("add_loss_activity_l2", B34M.activity_regularised, "(Dense(64, relu) -> a layer "
            "adding 1e-3 mean(x^2) with add_loss) x 2 -> softmax 3, 25 ep: plain val acc "
            "0.863 / 0.852"),
    healthy("handwritten_layernorm", B34M.layernorm_regression, "regression surface (8 "
            "features): (Dense(64) -> a hand-written LayerNorm over the features, eps 1e-5 -> "
            "gelu) x 3 -> Dense(1), MSE + mae, 30 ep: plain val MSE 0.0618 / 0.0701, mae "
            "0.186 / 0.201"),
    healthy("custom_gradient_softplus", B34M.custom_gradient_activation, "(Dense(64) -> "
            "softplus with a tf.custom_gradient derivative sigmoid(x)) x 2 -> Dense(1), MSE, "
            "30 ep: plain val MSE 0.137 / 0.142, mae 0.302 / 0.305"),
    healthy("warmup_cosine_schedule", B34M.scheduled_classifier, "Dense 128 x 2 -> softmax "
            "3, Adam under a LearningRateSchedule subclass (1 epoch linear warm-up to 3e-3, "
            "cosine to 5 %), 25 ep: plain val acc 0.864 / 0.860"),
    healthy("attention_learned_positions", B34M.attention_marker_order, "which of two marker "
            "tokens comes first (length 20): token embedding + a learned position table "
            "(add_weight) -> a custom single-head self-attention layer (q, k, v, o kernels, "
            "residual) -> Dense(64) -> GAP -> sigmoid, BCE, 20 ep: plain val acc 0.983 / "
            "1.000"),
    healthy("gated_linear_units", B34M.gated_regression, "regression surface: two GLU layers "
            "(Dense(128) split, value * sigmoid(gate)) -> Dense(1), MSE, 30 ep: plain val "
            "MSE 0.113 / 0.110, mae 0.272 / 0.273"),
    healthy("subclassed_block_list", B34M.subclassed_block_stack, "a keras.Model subclass "
            "holding Dense 64 x 3 (ReLU) in a list attribute -> Dense(1), MSE, 30 ep: plain "
            "val MSE 0.0878 / 0.0874, mae 0.230 / 0.231"),
    # practitioner mistakes or variants that plain training (seeds 11, 22) did not harm
    healthy("residual_add_twice", B34M.residual_tabular, "the skip added before the "
            "activation and again after it (relu(x + f(x)) + x): plain val acc 0.842 / 0.832 "
            "vs 0.827 / 0.835", variant="add_twice"),
    healthy("subclassed_training_not_passed", B34M.subclassed_bn_dropout, "the inner "
            "BatchNorm / Dropout called without `training=` (Keras 3 hands the outer flag "
            "down): plain val acc 0.858 / 0.858, the same run", training="omitted"),
    healthy("subclassed_training_forced_false", B34M.subclassed_bn_dropout, "training=False "
            "hard-coded for BatchNorm and Dropout (inference mode while training: no dropout, "
            "BN at its initial moving statistics on standardised inputs): plain val acc "
            "0.858 / 0.858 (training 0.923 / 0.922)", training="forced_false"),
    healthy("train_step_first_layer_only", B34M.custom_train_step, "gradients applied to "
            "trainable_variables[:2] only (the first Dense; the others stay at their "
            "initialisation): plain val acc 0.854 / 0.849 vs 0.859 / 0.849",
            update="first_layer"),
    healthy("train_step_penalty_outside_tape", B34M.custom_train_step, "the L2 penalty "
            "computed before the GradientTape block (no gradient: no regularisation): plain "
            "val acc 0.861 / 0.852", penalty="outside"),
    healthy("add_loss_summed", B34M.activity_regularised, "the add_loss penalty summed over "
            "every element of the batch (x 4096 the mean): plain val acc 0.862 / 0.867 vs "
            "0.863 / 0.852", reduce="sum"),
    healthy("layernorm_no_epsilon", B34M.layernorm_regression, "the variance epsilon left "
            "out: plain val MSE 0.0618 / 0.0701, the same run", eps=0.0),
    healthy("layernorm_gamma_default_init", B34M.layernorm_regression, "the scale made with "
            "add_weight's default initializer (glorot_uniform, not ones): plain val MSE "
            "0.0658 / 0.0820 vs 0.0618 / 0.0701 (1.1x / 1.2x)", gamma_init="default"),
    healthy("attention_stop_gradient_value", B34M.attention_marker_order, "a tf.stop_gradient "
            "left on the attention's value branch (wv frozen at its init): plain val acc "
            "1.000 / 0.999", stop_value=True),
    healthy("subclassed_blocks_in_dict", B34M.subclassed_block_stack, "the hidden layers in a "
            "plain dict attribute (Keras 3 tracks it): plain val MSE 0.0878 / 0.0874, the "
            "same run", container="dict"),
]]

FAULTY_34 = [thirty_fourth(c) for c in [
    faulty("residual_stem_zeros_kernel", "residual_dense_blocks",
           "dying_relu vanishing_gradient no_gradient slow_convergence setup_stall",
           "the stem's add_weight kernel initializer copied from the bias line (zeros): every "
           "hidden unit 0, no gradient through the ReLU: plain val acc 0.352 / 0.352 vs "
           "0.827 / 0.835", stem_init="zeros"),
    faulty("subclassed_bn_raw_features", "subclassed_bn_dropout",
           "unscaled_input validation_shift abnormal_data slow_convergence",
           "the features in their units (offsets up to 100, scales 0.1-50) left to the "
           "BatchNorm layers: training 0.815 / 0.807 but the moving statistics lag: plain "
           "val acc 0.442 / 0.482 (val loss 6.2 / 3.2) vs 0.858 / 0.858", raw=True),
    faulty("train_step_last_layer_only", "custom_train_step",
           "no_gradient slow_convergence setup_stall",
           "gradients applied to trainable_variables[-2:] only (the output layer; the hidden "
           "layers stay random): plain val acc 0.705 / 0.738 vs 0.859 / 0.849",
           update="last_layer"),
    faulty("layernorm_over_batch_axis", "handwritten_layernorm",
           "validation_shift abnormal_data slow_convergence",
           "the hand-written LayerNorm's mean and variance over axis 0 (the batch): plain val "
           "MSE 0.339 / 0.417 (training 0.142 / 0.134) vs 0.0618 / 0.0701", axis=0),
    faulty("custom_gradient_sign_flipped", "custom_gradient_softplus",
           "exploding_gradient vanishing_gradient dying_relu slow_convergence setup_stall",
           "the tf.custom_gradient derivative written as -sigmoid(x): the hidden layers "
           "climb the loss: plain val MSE 3.93 / 3.77 vs 0.137 / 0.142", sign=-1.0),
    faulty("schedule_returns_step", "warmup_cosine_schedule",
           "exploding_gradient oscillating_loss dying_relu learning_rate_out_of_range "
           "unbounded_loss slow_convergence setup_stall",
           "the LearningRateSchedule returns the step count (a debugging return left in): "
           "the rate 0, 1, 2, ... 1875: plain val acc 0.304 / 0.352 (val loss 158 / 145) vs "
           "0.864 / 0.860", bug="step_count"),
    faulty("schedule_decay_per_step", "warmup_cosine_schedule",
           "slow_convergence setup_stall learning_rate_out_of_range",
           "the schedule decays 0.9 ** step where 0.9 was meant per epoch (the rate below 1e-6 "
           "after 80 of the 1875 steps): plain val acc 0.776 / 0.779 vs 0.864 / 0.860",
           bug="per_step_decay"),
    faulty("attention_positions_not_added", "attention_learned_positions",
           "no_gradient abnormal_data slow_convergence setup_stall",
           "the line adding the learned position table left out (the table unused): the "
           "order task at chance: plain val acc 0.507 / 0.502 vs 0.983 / 1.000",
           position="none"),
]]


def thirty_fifth(case: Case) -> Case:
    return replace(case, batch=35)


# Batch 35 (session "practice35"): data input pipelines as practitioners write them in Keras 3
# (tf.data from_tensor_slices with cache / shuffle / batch / map / prefetch, `.repeat()` with
# steps_per_epoch, a keras.utils.PyDataset subclass, a Python generator with augmentation,
# timeseries_dataset_from_array), each next to a real-world bug pattern; generated data and
# scikit-learn's bundled digits, the training rows sorted by class; written without reading
# the detection / repair rules or their settings. Labels set by plain Keras training (seeds
# 11 and 22) before any Watch / autotrainer run: faulty when the final validation accuracy is
# >= 5 points below the counterpart's, or the final validation loss >= 1.5x, on both seeds.
B35M = batch35_models
HEALTHY_35 += [thirty_fifth(c) for c in [
    healthy("sorted_table_tfdata", B35M.shop_pipeline, "four classes, ten features in uneven "
            "units, training rows sorted by class: from_tensor_slices -> cache -> "
            "shuffle(len(x)) -> batch(64) -> map(standardise with training stats, one_hot 4) "
            "-> prefetch, Dense 64 x 2 -> softmax 4, 15 ep: plain val acc 0.894 / 0.889"),
    healthy("sorted_table_repeat_steps", B35M.shop_pipeline, "the same dataset .repeat() "
            "with steps_per_epoch=100 (len(x) // 64): plain val acc 0.891 / 0.892", steps=100),
    healthy("digits_pydataset_reshuffled", B35M.digits_pydataset, "class-sorted digits "
            "through a PyDataset subclass (batch 32, / 16, shuffled at the start and in "
            "on_epoch_end), Dense 64 -> softmax 10, 30 ep: plain val acc 0.975 / 0.967"),
    healthy("digits_generator_augmented", B35M.digits_generator, "an endless Python "
            "generator (a fresh permutation per pass, a sideways roll of up to one pixel, "
            "noise sd 0.05), steps_per_epoch = len(x) // 32, 30 ep: plain val acc 0.942 / "
            "0.953"),
    healthy("plant_windows_forecast", B35M.plant_forecast, "timeseries_dataset_from_array: "
            "the outlet temperature 6 h after a 24 h window of four standardised columns "
            "(targets offset 29), Flatten -> Dense 64 -> Dense 1, MSE, 20 ep: plain val MSE "
            "0.0199 / 0.0187 (mae 0.113 / 0.110)"),
    # practitioner mistakes or variants that plain training (seeds 11, 22) did not harm
    healthy("table_shuffle_after_batch", B35M.shop_pipeline, ".batch(64).shuffle(100): "
            "class-pure batches in a shuffled order: plain val acc 0.879 / 0.882 vs 0.894 / "
            "0.889", shuffle="after_batch"),
    healthy("table_cache_after_shuffle", B35M.shop_pipeline, ".shuffle() -> .cache(): the "
            "first epoch's order replayed every epoch: plain val acc 0.886 / 0.889",
            cache="after_shuffle"),
    healthy("table_val_own_stats", B35M.shop_pipeline, "the validation rows standardised by "
            "their own mean / sd: plain val acc 0.885 / 0.887", norm="val_stats"),
    healthy("table_labels_cast_float", B35M.shop_pipeline, "the map casts the class indices "
            "to float32 (sparse CE casts them back): plain val acc 0.894 / 0.889, the same "
            "run", labels="sparse_float"),
    healthy("digits_pydataset_shuffled_once", B35M.digits_pydataset, "on_epoch_end left "
            "empty, the rows shuffled once in __init__: plain val acc 0.978 / 0.978",
            reshuffle=False),
    healthy("digits_generator_val_augmented", B35M.digits_generator, "the validation images "
            "rolled and noised once as the training batches: plain val acc 0.944 / 0.944",
            val_augment=True),
]]

FAULTY_35 = [thirty_fifth(c) for c in [
    faulty("table_xy_shuffled_separately", "sorted_table_tfdata",
           "label_mismatch slow_convergence setup_stall",
           "x and y sliced as two datasets, each .shuffle()d, then zipped: every label "
           "paired with another row: plain val acc 0.325 / 0.329 vs 0.894 / 0.889",
           shuffle="separate"),
    faulty("table_val_not_standardised", "sorted_table_tfdata",
           "validation_shift unscaled_input abnormal_data",
           "the standardising map applied to the training dataset only (validation in its "
           "units): plain val acc 0.276 / 0.276 (val loss 655 / 683; training 0.906 / 0.908) "
           "vs 0.894 / 0.889", norm="train_only"),
    faulty("table_classes_from_max_label", "sorted_table_tfdata",
           "label_mismatch slow_convergence setup_stall",
           "num_classes = y.max() (3, one short) for one_hot and the output layer: class 3's "
           "rows get an all-zero target: plain val acc 0.592 / 0.773 vs 0.894 / 0.889",
           depth=3),
    faulty("table_debug_take_left_in", "sorted_table_tfdata",
           "small_budget validation_shift slow_convergence setup_stall",
           "ds.take(2000) left from debugging right after slicing the class-sorted rows: "
           "training sees class 0 and a little of class 1: plain val acc 0.519 / 0.519 "
           "(training 0.996 / 0.997) vs 0.894 / 0.889", take=2000),
    faulty("table_repeat_3_steps", "sorted_table_repeat_steps",
           "small_budget slow_convergence setup_stall",
           ".repeat() with steps_per_epoch=3 (45 updates in 15 epochs): plain val acc 0.770 "
           "/ 0.774 vs 0.891 / 0.892", steps=3),
    faulty("table_batch_4096_drop_remainder", "sorted_table_tfdata",
           "small_budget slow_convergence setup_stall",
           ".batch(4096, drop_remainder=True) on 6400 rows: one batch an epoch, 2304 rows "
           "never seen: plain val acc 0.690 / 0.681 vs 0.894 / 0.889",
           batch_size=4096, drop_remainder=True),
    faulty("digits_generator_same_batch", "digits_generator_augmented",
           "small_budget validation_shift slow_convergence setup_stall",
           "the generator's permutation drawn once outside the loop and sliced [:32] every "
           "time: the same 32 images forever: plain val acc 0.786 / 0.658 (training 1.000) "
           "vs 0.942 / 0.953", bug="same_batch"),
    faulty("plant_target_is_present", "plant_windows_forecast",
           "label_mismatch validation_shift slow_convergence",
           "the training call's targets offset 23 (the window's own last step: the present "
           "from itself) where validation forecasts 6 h ahead: plain val MSE 1.072 / 1.066 "
           "(training 0.0033 / 0.0038) vs 0.0199 / 0.0187", train_shift=23),
    faulty("plant_target_one_step_offset", "plant_windows_forecast",
           "label_mismatch validation_shift slow_convergence",
           "the training call's targets offset 24 (the one-step tutorial's data[:-24], "
           "targets=data[24:]) where validation forecasts 6 h ahead: plain val MSE 0.802 / "
           "0.752 vs 0.0199 / 0.0187", train_shift=24),
]]


def thirty_sixth(case: Case) -> Case:
    return replace(case, batch=36)


# Batch 36 (session "practice36"): regularisation and optimiser set-up as practitioners write
# it in Keras 3 (AdamW / weight_decay, SGD with Nesterov momentum, clipnorm / clipvalue /
# global_clipnorm, use_ema, gradient_accumulation_steps, large batches with the rate scaled,
# warm-up then cosine / ExponentialDecay / PiecewiseConstantDecay / ReduceLROnPlateau, mixup
# in NumPy, L2 kernel regularisers, SpatialDropout2D, GaussianNoise / GaussianDropout, label
# smoothing), each next to a real-world bug pattern; generated / sklearn-bundled data; written
# without reading the detection / repair rules or their settings. Labels set by plain Keras
# training (seeds 11 and 22) before any Watch / autotrainer run: faulty when the final
# validation accuracy is >= 5 points below the counterpart's on both seeds.
B36M = batch36_models
HEALTHY_36 += [thirty_sixth(c) for c in [
    healthy("adamw_weight_decay", B36M.optimiser_classifier, "four-class table (20 "
            "standardised features, make_classification): Dense 128 x 2 ReLU + Dropout(0.2) "
            "-> softmax 4, AdamW(1e-3, weight_decay=1e-4), batch 64, 20 ep: plain val acc "
            "0.893 / 0.880"),
    healthy("sgd_nesterov_momentum", B36M.optimiser_classifier, "the same under SGD(0.05, "
            "momentum=0.9, nesterov=True): plain val acc 0.888 / 0.877", optimizer="sgd",
            lr=0.05, weight_decay=0.0),
    healthy("adam_clipnorm", B36M.optimiser_classifier, "Adam(1e-3, clipnorm=1.0): plain "
            "val acc 0.892 / 0.880", optimizer="adam", clipnorm=1.0),
    healthy("adam_global_clipnorm", B36M.optimiser_classifier, "Adam(1e-3, "
            "global_clipnorm=1.0): plain val acc 0.888 / 0.880", optimizer="adam",
            global_clipnorm=1.0),
    healthy("adam_ema_weights", B36M.optimiser_classifier, "Adam(1e-3, use_ema=True, "
            "ema_momentum=0.99): plain val acc 0.890 / 0.880", optimizer="adam", use_ema=True),
    healthy("gradient_accumulation_4", B36M.optimiser_classifier, "batch 16 with "
            "Adam(gradient_accumulation_steps=4) (an effective batch of 64): plain val acc "
            "0.882 / 0.875", optimizer="adam", accumulation=4, batch_size=16),
    healthy("large_batch_linear_scaling", B36M.optimiser_classifier, "batch 512 under "
            "SGD(nesterov) with the rate scaled linearly (0.05 x 512 / 64 = 0.4): plain val acc "
            "0.889 / 0.872", optimizer="sgd", lr=0.05, weight_decay=0.0, batch_size=512,
            lr_scaling="linear"),
    healthy("warmup_cosine_adam", B36M.scheduled_classifier, "Adam under CosineDecay(0.0, "
            "warmup_target=3e-3, warmup_steps=2 epochs, then cosine to 0), 20 ep: plain val "
            "acc 0.897 / 0.885"),
    healthy("exponential_decay_per_epoch", B36M.scheduled_classifier, "Adam under "
            "ExponentialDecay(1e-3, decay_steps=75 (one epoch), 0.9): plain val acc 0.853 / "
            "0.841", schedule="exponential"),
    healthy("piecewise_step_decay", B36M.scheduled_classifier, "Adam under "
            "PiecewiseConstantDecay at epochs 10 and 15 (in steps), 1e-3 / 1e-4 / 1e-5: plain "
            "val acc 0.862 / 0.853", schedule="piecewise"),
    healthy("reduce_lr_on_plateau", B36M.scheduled_classifier, "Adam(1e-3) and "
            "ReduceLROnPlateau(val_loss, factor 0.5, patience 3) (never fired): plain val acc "
            "0.890 / 0.880", schedule="plateau"),
    healthy("table_mixup_numpy", B36M.mixup_classifier, "mixup in NumPy before fit (lam ~ "
            "Beta(0.2, 0.2), inputs and one-hot labels mixed with one permutation, the mixed "
            "rows added to the originals), categorical CE: plain val acc 0.902 / 0.877 (val "
            "loss 0.342 / 0.371)"),
    healthy("digits_cnn_regularised", B36M.digits_cnn, "sklearn digits 8 x 8 in [0, 1]: "
            "GaussianNoise(0.05) -> Conv 32 -> SpatialDropout2D(0.1) -> Conv 64 -> MaxPool -> "
            "SpatialDropout2D(0.1) -> Dense 64 -> Dropout(0.3) -> softmax 10, L2(1e-4) on every "
            "kernel, label_smoothing 0.1, Adam(1e-3), batch 32, 30 ep: plain val acc 0.997 / "
            "1.000"),
    healthy("digits_gaussian_dropout", B36M.digits_cnn, "GaussianDropout(0.2) on the input "
            "instead of the noise: plain val acc 0.978 / 0.986", noise="dropout",
            noise_level=0.2),
    healthy("adamw_weight_decay_0_5", B36M.optimiser_classifier, "AdamW weight_decay=0.5 "
            "where 1e-4 was meant (Keras decouples it and multiplies by the rate: 5e-4 a "
            "step): plain val acc 0.873 / 0.865 vs 0.893 / 0.880", weight_decay=0.5),
    healthy("adam_clipvalue_tiny", B36M.optimiser_classifier, "Adam(clipvalue=1e-4) (every "
            "gradient element clipped; Adam's normalisation undoes the scale): plain val acc "
            "0.870 / 0.858 vs 0.892 / 0.880", optimizer="adam", clipvalue=1e-4),
    healthy("ema_momentum_inverted", B36M.optimiser_classifier, "use_ema with "
            "ema_momentum=0.01 (written as 1 - momentum): the EMA is the last weights; plain "
            "val acc 0.890 / 0.880, the same run", optimizer="adam", use_ema=True,
            ema_momentum=0.01),
    healthy("mixup_labels_not_mixed", B36M.mixup_classifier, "mixup with the inputs mixed "
            "and the first row's one-hot label kept: plain val acc 0.878 / 0.863 vs 0.902 / "
            "0.877 (val loss 0.525 / 0.523 vs 0.342 / 0.371: 1.54x / 1.41x)",
            mix="inputs_only"),
    healthy("mixup_labels_other_permutation", B36M.mixup_classifier, "mixup with the labels "
            "mixed by a second permutation, not the inputs': plain val acc 0.882 / 0.871 vs "
            "0.902 / 0.877 (val loss 0.516 / 0.501: 1.51x / 1.35x)", mix="other_perm"),
    healthy("digits_label_smoothing_0_9", B36M.digits_cnn, "label_smoothing=0.9 where 0.1 was "
            "meant (the true class 0.19 against 0.09: the argmax kept): plain val acc 0.989 / "
            "0.997 vs 0.997 / 1.000", smoothing=0.9),
]]

FAULTY_36 = [thirty_sixth(c) for c in [
    faulty("sgd_weight_decay_0_5", "sgd_nesterov_momentum",
           "high_penalty slow_convergence setup_stall vanishing_gradient",
           "SGD(weight_decay=0.5) copied from an AdamW recipe (0.025 of every weight removed a "
           "step): plain val acc 0.701 / 0.699 vs 0.888 / 0.877", weight_decay=0.5),
    faulty("sgd_momentum_0_999", "sgd_nesterov_momentum",
           "oscillating_loss exploding_gradient learning_rate_out_of_range dying_relu "
           "slow_convergence setup_stall",
           "SGD(0.05, momentum=0.999) (an effective step of 50x the rate): plain val acc 0.237 "
           "/ 0.248 (chance) vs 0.888 / 0.877", momentum=0.999),
    faulty("sgd_clipvalue_tiny", "sgd_nesterov_momentum",
           "learning_rate_out_of_range vanishing_gradient slow_convergence setup_stall",
           "SGD(clipvalue=1e-4): every gradient element 1e-4 at most (5e-6 a step before "
           "momentum): plain val acc 0.682 / "
           "0.683 vs 0.888 / 0.877", clipvalue=1e-4),
    faulty("ema_overwrite_every_step", "adam_ema_weights",
           "learning_rate_out_of_range slow_convergence setup_stall",
           "use_ema with ema_overwrite_frequency=1 (read as how often the average is "
           "updated): the weights replaced by the 0.99 average every step, a 100x smaller "
           "step: plain val acc 0.571 / 0.556 vs 0.890 / 0.880", ema_overwrite=1),
    faulty("accumulation_steps_as_batch", "gradient_accumulation_4",
           "learning_rate_out_of_range small_budget slow_convergence setup_stall",
           "gradient_accumulation_steps=64 at batch 64 (the effective batch size written as "
           "the steps): 23 updates in 20 epochs: plain val acc 0.653 / 0.658 vs 0.882 / 0.875",
           accumulation=64, batch_size=64),
    faulty("large_batch_lr_scaled_twice", "large_batch_linear_scaling",
           "exploding_gradient oscillating_loss learning_rate_out_of_range dying_relu "
           "slow_convergence setup_stall",
           "batch 512 and the rate scaled by 512 / 64 twice (0.05 x 64 = 3.2): plain val acc "
           "0.237 / 0.250 (chance) vs 0.889 / 0.872", lr_scaling="twice"),
    faulty("warmup_longer_than_training", "warmup_cosine_adam",
           "learning_rate_out_of_range slow_convergence setup_stall",
           "warmup_steps computed as epochs x steps x batch size (9600 against 1500 steps of "
           "training: the rate never passes 4.7e-4): plain val acc 0.819 / 0.803 vs 0.897 / "
           "0.885", warmup_unit="samples"),
    faulty("exponential_decay_every_step", "exponential_decay_per_epoch",
           "learning_rate_out_of_range slow_convergence setup_stall",
           "ExponentialDecay(1e-3, decay_steps=1, 0.9): the rate below 1e-7 after 90 steps: "
           "plain val acc 0.507 / 0.469 vs 0.853 / 0.841", decay_steps="one"),
    faulty("exponential_decay_steps_in_epochs", "exponential_decay_per_epoch",
           "learning_rate_out_of_range slow_convergence setup_stall",
           "ExponentialDecay(decay_steps=20), the training's epochs read as steps: 0.9 every "
           "20 steps: plain val acc 0.782 / 0.758 vs 0.853 / 0.841", decay_steps="epochs"),
    faulty("piecewise_boundaries_in_epochs", "piecewise_step_decay",
           "learning_rate_out_of_range slow_convergence setup_stall",
           "PiecewiseConstantDecay boundaries [10, 15] meant as epochs, read as steps: 1e-5 "
           "from step 16: plain val acc 0.623 / 0.617 vs 0.862 / 0.853", boundaries="epochs"),
    faulty("digits_l2_5_every_layer", "digits_cnn_regularised",
           "high_penalty vanishing_gradient dying_relu slow_convergence setup_stall",
           "L2(5.0) on every kernel where 1e-4 was meant: the weights pinned at 0: plain val "
           "acc 0.086 / 0.086 (chance) vs 0.997 / 1.000", l2=5.0),
    faulty("digits_noise_larger_than_pixels", "digits_cnn_regularised",
           "abnormal_data high_dropout slow_convergence setup_stall",
           "GaussianNoise(1.0) on pixels in [0, 1] (sd 0.38; Keras refuses a stddev above 1): "
           "training acc 0.403 / 0.415, plain val acc 0.925 / 0.900 vs 0.997 / 1.000",
           noise_level=1.0),
    faulty("digits_spatial_dropout_keep_prob", "digits_cnn_regularised",
           "high_dropout slow_convergence setup_stall",
           "SpatialDropout2D(0.8) and Dropout(0.8) where keep 0.8 was meant (TF1 keep_prob): "
           "training acc 0.614 / 0.598, plain val acc 0.911 / 0.917 vs 0.997 / 1.000",
           spatial=0.8, dropout=0.8),
]]


def thirty_seventh(case: Case) -> Case:
    return replace(case, batch=37)


# Batch 37 (session "practice37"): depth, normalisation, activations and initialisation in
# modern architectures as practitioners write them in Keras 3 (deep plain and residual MLPs,
# GELU / swish / ELU / SELU + lecun_normal + AlphaDropout / LeakyReLU, he_normal / orthogonal
# / RandomNormal initialisers, BatchNormalization before / after the activation, a GLU-style
# gated branch, Add / Concatenate skips, a small residual CNN with BatchNormalization /
# GroupNormalization / LayerNormalization, pre- / post-norm encoder blocks, stacked LSTM /
# GRU), each next to a real-world bug pattern; generated / sklearn-bundled data; written
# without reading the detection / repair rules or their settings. Labels set by plain Keras
# training (seeds 11 and 22) before any Watch / autotrainer run: faulty when the final
# validation accuracy is >= 5 points below the counterpart's on both seeds.
B37M = batch37_models
HEALTHY_37 += [thirty_seventh(c) for c in [
    healthy("deep_gelu_mlp", B37M.deep_mlp, "four-class table (16 standardised features, "
            "three clusters a class, make_classification): 10 x Dense 64 GELU, he_normal, no "
            "skips -> softmax 4, Adam(1e-3), batch 64, 25 ep: plain val acc 0.882 / 0.867"),
    healthy("deep_swish_mlp", B37M.deep_mlp, "the same with swish: plain val acc 0.891 / "
            "0.883", activation="swish"),
    healthy("deep_elu_mlp", B37M.deep_mlp, "the same with ELU: plain val acc 0.869 / 0.883",
            activation="elu"),
    healthy("deep_selu_lecun_alpha_dropout", B37M.deep_mlp, "self-normalising: SELU, "
            "lecun_normal, AlphaDropout(0.05) after every layer: plain val acc 0.907 / 0.913",
            activation="selu", init="lecun_normal", dropout="alpha", rate=0.05),
    healthy("deep_leaky_relu_slope_0", B37M.deep_mlp, "20 x Dense 64 LeakyReLU("
            "negative_slope=0) (a ReLU under another name, he_normal): plain val acc 0.866 / "
            "0.859 vs 0.882 / 0.867", activation="leaky_relu", negative_slope=0.0, depth=20),
    healthy("residual_cnn_batchnorm", B37M.residual_cnn, "sklearn digits 8 x 8 in [0, 1]: "
            "Conv 32 stem -> 3 residual blocks (Conv -> BN -> ReLU -> Conv -> BN, Add, ReLU) "
            "-> GAP -> softmax 10, Adam(1e-3), batch 32, 15 ep: plain val acc 0.994 / 0.994"),
    healthy("residual_cnn_bn_axis_1", B37M.residual_cnn, "BatchNormalization(axis=1) on NHWC "
            "images (the channels-first habit: the 8 rows normalised, not the 32 channels): "
            "plain val acc 0.989 / 0.989 vs 0.994 / 0.994", bn_axis=1),
    healthy("residual_mlp_prenorm", B37M.residual_mlp, "the same table: Dense 64 stem -> 8 "
            "pre-norm residual blocks (LayerNorm -> Dense 128 swish -> Dense 64, Add to the "
            "input) -> LayerNorm -> softmax 4, Adam(1e-3), batch 64, 25 ep: plain val acc "
            "0.897 / 0.910"),
    healthy("residual_mlp_skip_after_block", B37M.residual_mlp, "the shortcut taken from the "
            "branch's own output (Add([f(x), f(x)]): no skip, the branch doubled; the next "
            "block's LayerNorm removes the scale): plain val acc 0.901 / 0.911 vs 0.897 / "
            "0.910", skip="after"),
    healthy("residual_glu_gate_closed", B37M.residual_mlp, "GLU branches (Dense 128 x "
            "sigmoid(Dense 128)) with the gate's bias_initializer=Constant(-10) (the gate "
            "starts closed; Adam opens it): plain val acc 0.893 / 0.889 vs 0.897 / 0.910",
            branch="glu", gate_bias=-10.0),
    healthy("stacked_lstm", B37M.stacked_rnn, "wave sequences (32 steps x 3 channels, slow / "
            "fast sine x rising / falling ramp, noise sd 0.5): LSTM 32 (return_sequences) -> "
            "LSTM 32 -> softmax 4, Adam(1e-3), batch 64, 15 ep: plain val acc 0.985 / 0.985"),
    healthy("stacked_lstm_relu_high_rate", B37M.stacked_rnn, "LSTM(activation='relu') in "
            "both layers with Adam(1e-2) (the Stack Overflow copy): plain val acc 0.940 / "
            "0.988 vs 0.985 / 0.985 (4.5 points below on seed 11 only)", activation="relu",
            lr=0.01),
    healthy("wave_encoder_prenorm", B37M.wave_encoder, "the wave sequences: Dense 64 + a "
            "learned position embedding -> 2 pre-norm encoder blocks (LayerNorm -> "
            "MultiHeadAttention 4 x 16, LayerNorm -> Dense 128 GELU -> Dense 64, residual "
            "adds) -> LayerNorm -> GAP -> softmax 4, Adam(1e-3), batch 64, 12 ep: plain val "
            "acc 0.563 / 0.672 (still learning at the end)"),
]]

FAULTY_37 = [thirty_seventh(c) for c in [
    faulty("deep_sigmoid_25_no_norm", "deep_gelu_mlp",
           "vanishing_gradient slow_convergence setup_stall",
           "25 x Dense 64 sigmoid, glorot_uniform, no normalisation, no skips: plain val acc "
           "0.262 / 0.242 (chance) vs 0.882 / 0.867", depth=25, activation="sigmoid",
           init="glorot_uniform"),
    faulty("deep_zeros_init", "deep_gelu_mlp",
           "no_gradient vanishing_gradient slow_convergence setup_stall",
           "kernel_initializer='zeros' on every hidden Dense (GELU(0) = 0: every activation "
           "and hidden gradient 0, symmetry never broken): plain val acc 0.242 / 0.242 "
           "(chance) vs 0.882 / 0.867", init="zeros"),
    faulty("deep_relu_bias_minus_3", "deep_gelu_mlp",
           "dying_relu no_gradient vanishing_gradient slow_convergence setup_stall",
           "10 x Dense 64 ReLU with bias_initializer=Constant(-3) (every unit dead from the "
           "first batch): plain val acc 0.242 / 0.242 (chance) vs 0.882 / 0.867",
           activation="relu", bias=-3.0),
    faulty("deep_linear_activations", "deep_gelu_mlp",
           "linear_stack slow_convergence setup_stall",
           "activation='linear' on every hidden layer (a 10-layer stack that is one linear "
           "map): plain val acc 0.643 / 0.641 (logistic regression 0.652) vs 0.882 / 0.867",
           activation="linear"),
    faulty("deep_tanh_normal_stddev_1", "deep_gelu_mlp",
           "vanishing_gradient exploding_gradient slow_convergence setup_stall",
           "20 x Dense 64 tanh with RandomNormal(stddev=1.0) (a fan-in of 64: pre-activations "
           "of sd 8, every unit saturated): plain val acc 0.237 / 0.253 (chance) vs 0.882 / "
           "0.867", depth=20, activation="tanh", init="normal", stddev=1.0),
    faulty("deep_relu_normal_stddev_0_001", "deep_gelu_mlp",
           "vanishing_gradient no_gradient slow_convergence setup_stall",
           "20 x Dense 64 ReLU with RandomNormal(stddev=0.001) (the signal shrinks 100x a "
           "layer): plain val acc 0.242 / 0.242 (chance) vs 0.882 / 0.867", depth=20,
           activation="relu", init="normal", stddev=0.001),
    faulty("residual_branch_scale_2_no_norm", "residual_mlp_prenorm",
           "exploding_gradient oscillating_loss slow_convergence setup_stall",
           "16 residual blocks, no LayerNorm, each branch multiplied by 2 before the add "
           "(the activations grow with depth): plain val acc 0.831 / 0.853 (val loss 1.74 / "
           "1.59) vs 0.897 / 0.910 (0.48 / 0.40)", blocks=16, norm="none", branch_scale=2.0),
    faulty("wave_encoder_postnorm_high_rate", "wave_encoder_prenorm",
           "learning_rate_out_of_range oscillating_loss exploding_gradient slow_convergence "
           "setup_stall",
           "post-norm blocks (LayerNorm after each add, the 2017 layout) under Adam(1e-2) "
           "and no warm-up: plain val acc 0.285 / 0.247 vs 0.563 / 0.672", norm="post",
           lr=0.01),
    faulty("deep_selu_he_normal_dropout", "deep_selu_lecun_alpha_dropout",
           "vanishing_gradient exploding_gradient high_dropout slow_convergence setup_stall",
           "16 x Dense 64 SELU with he_normal and ordinary Dropout(0.1) (the self-normalising "
           "conditions broken): training acc 0.685 / 0.688, plain val acc 0.769 / 0.798 vs "
           "0.907 / 0.913", init="he_normal", dropout="dropout", rate=0.1, depth=16),
]]


def thirty_eighth(case: Case) -> Case:
    return replace(case, batch=38)


# Batch 38 (session "practice38"): transfer learning and fine-tuning as practitioners write it
# in Keras 3: a backbone pretrained inside the script with plain `fit` (digits 0-4; ten-topic
# documents), reused as a nested sub-model, frozen under a new head, fine-tuned after a
# head-only stage with a low rate, partly unfrozen, saved to `.keras` / `.weights.h5` and
# reloaded; only the last fit is watched. Written without reading the detection / repair
# rules or their settings. Labels set by plain Keras training (seeds 11 and 22) before any
# Watch / autotrainer run: faulty when the final validation accuracy is >= 5 points below the
# counterpart's on both seeds.
B38M = batch38_models
HEALTHY_38 += [thirty_eighth(c) for c in [
    healthy("digits_frozen_backbone", B38M.digits_transfer, "Conv-BN backbone pretrained on "
            "digits 0-4 (6 ep), frozen, `backbone(x, training=False)` -> Dropout(0.2) -> "
            "softmax 5 for digits 5-9 with 300 labels, Adam(3e-3), batch 16, 40 ep: plain val "
            "acc 0.913 / 0.913"),
    healthy("digits_finetune_low_lr", B38M.digits_transfer, "the frozen head stage (20 ep, "
            "plain fit), then backbone.trainable = True, recompiled with Adam(1e-4), 40 ep "
            "watched: plain val acc 0.980 / 0.977", stage="finetune"),
    healthy("digits_partial_unfreeze", B38M.digits_transfer, "fine-tuning with only the top "
            "six backbone layers (last Conv-BN-ReLU, pool, Dense) unfrozen: plain val acc "
            "0.980 / 0.980", stage="finetune", unfreeze_top=6),
    healthy("digits_backbone_keras_file", B38M.digits_transfer, "the backbone saved to "
            "`.keras` in a temp dir and `load_model`-ed, then frozen: plain val acc 0.913 / "
            "0.913 (the same run)", saved="keras"),
    healthy("digits_backbone_weights_h5", B38M.digits_transfer, "the backbone's "
            "`.weights.h5` loaded into a rebuilt backbone: plain val acc 0.913 / 0.913",
            saved="weights"),
    healthy("digits_finetune_pretrain_lr", B38M.digits_transfer, "fine-tuning at the "
            "pretraining's Adam(1e-3) rather than a low one: plain val acc 0.985 / 0.982 vs "
            "0.980 / 0.977", stage="finetune", finetune_lr=1e-3),
    healthy("digits_finetune_lr_1e_2", B38M.digits_transfer, "fine-tuning at Adam(1e-2), "
            "above the head's rate: plain val acc 0.983 / 0.980 vs 0.980 / 0.977",
            stage="finetune", finetune_lr=1e-2),
    healthy("digits_bn_training_mode_frozen", B38M.digits_transfer, "the frozen backbone "
            "called without training=False (Keras 3 runs a frozen BatchNormalization in "
            "inference mode anyway): plain val acc 0.913 / 0.913, the same run",
            bn_inference=False),
    healthy("digits_bn_training_mode_batch_4", B38M.digits_transfer, "fine-tuning with the "
            "backbone called without training=False at batch 4 (BatchNormalization statistics "
            "from four images): plain val acc 0.985 / 0.980 vs 0.980 / 0.977",
            stage="finetune", bn_inference=False, batch_size=4),
    healthy("digits_raw_pixels_frozen", B38M.digits_transfer, "the fine-tuning pixels left "
            "on 0..255 where pretraining divided by 255: plain val acc 0.941 / 0.926 vs "
            "0.913 / 0.913 (val loss 0.973 / 2.233 vs 0.572 / 0.493)", scale="raw"),
    healthy("digits_standardised_other_stats", B38M.digits_transfer, "the fine-tuning pixels "
            "standardised with their own mean and sd where pretraining used / 255: plain val "
            "acc 0.918 / 0.928 vs 0.913 / 0.913", scale="standard"),
    healthy("digits_backbone_unrelated_task", B38M.digits_transfer, "the backbone pretrained "
            "on an unrelated regression (the image's mean ink) and reused frozen: plain val "
            "acc 0.876 / 0.867 vs 0.913 / 0.913 (4 / 5 points)", pretrain_task="ink"),
    healthy("digits_sigmoid_head", B38M.digits_transfer, "Dense(5, sigmoid) under sparse CE "
            "(Keras 3's loss reads the logits; the argmax unchanged): plain val acc 0.913 / "
            "0.913, the same run", head="sigmoid"),
    healthy("text_frozen_encoder", B38M.text_transfer, "Embedding(600, 32) + "
            "GlobalAveragePooling1D + Dense 32 encoder pretrained on ten topics (3000 "
            "generated documents, 8 ep), frozen, Dense 1 sigmoid for a binary label with 300 "
            "labels, Adam(3e-3), batch 16, 40 ep: plain val acc 0.986 / 0.926"),
    healthy("text_finetune_encoder", B38M.text_transfer, "the frozen stage (20 ep), then the "
            "encoder unfrozen and recompiled with Adam(1e-4): plain val acc 0.995 / 0.966",
            stage="finetune"),
    healthy("text_encoder_keras_file", B38M.text_transfer, "the encoder saved to `.keras` "
            "and reloaded, then frozen: plain val acc 0.986 / 0.926 (the same run)",
            saved="keras"),
    healthy("text_encoder_from_scratch", B38M.text_transfer, "no pretraining: the encoder "
            "trained on the 300 labels: plain val acc 0.972 / 0.970", pretrained=False),
    healthy("text_finetune_lr_1e_2", B38M.text_transfer, "fine-tuning the encoder at "
            "Adam(1e-2): plain val acc 0.991 / 0.980 vs 0.995 / 0.966", stage="finetune",
            finetune_lr=1e-2),
]]

FAULTY_38 = [thirty_eighth(c) for c in [
    faulty("digits_unfrozen_not_recompiled", "digits_finetune_low_lr",
           "no_gradient slow_convergence setup_stall",
           "backbone.trainable = True after the head stage without compile() again: Keras 3 "
           "keeps the traced train step, the backbone never changes and the head goes on at "
           "3e-3: plain val acc 0.918 / 0.923 vs 0.980 / 0.977", recompile=False),
    faulty("digits_freeze_whole_model", "digits_frozen_backbone",
           "no_trainable_weights no_gradient slow_convergence setup_stall",
           "`for layer in model.layers: layer.trainable = False` over the new model, not the "
           "base: the new head frozen at its random init: plain val acc 0.195 / 0.346 vs "
           "0.913 / 0.913", freeze="all"),
    faulty("digits_head_lr_1e_5", "digits_frozen_backbone",
           "learning_rate_out_of_range slow_convergence setup_stall",
           "the head under a frozen backbone trained at Adam(1e-5), the fine-tuning rate: "
           "plain val acc 0.188 / 0.359 vs 0.913 / 0.913", head_lr=1e-5),
    faulty("digits_linear_head_no_logits", "digits_frozen_backbone",
           "output_loss_mismatch improper_output slow_convergence",
           "Dense(5) with no activation under sparse CE (from_logits=False): plain val acc "
           "0.648 / 0.747 vs 0.913 / 0.913", head="linear"),
    faulty("digits_pretrain_softmax_as_features", "digits_frozen_backbone",
           "collapsed_input slow_convergence setup_stall",
           "the pretraining model up to its softmax head (digits 0-4 probabilities) reused "
           "frozen as the feature extractor: plain val acc 0.495 / 0.336 vs 0.913 / 0.913",
           features="softmax"),
    faulty("text_softmax_binary_head", "text_frozen_encoder",
           "output_loss_mismatch improper_output",
           "Dense(1, softmax) for the binary label: every prediction 1.0 (Keras 3's binary CE "
           "reads the logits, so the loss is the healthy run's, the accuracy the positive "
           "rate): plain val acc 0.508 / 0.508 vs 0.986 / 0.926", head="softmax"),
]]


def thirty_ninth(case: Case) -> Case:
    return replace(case, batch=39)


# Batch 39 (session "practice39"): numerics and dtypes as practitioners meet them in Keras 3
# (mixed_float16 / mixed_bfloat16 with or without the output layer in float32, hand-written
# softmax / log-softmax / cross-entropy / log-sigmoid with or without an epsilon, clipping or
# the max subtracted, from_logits, float64 and uint8 inputs, integer division and a per-pixel
# standardisation without an epsilon, prices in the 1e5..2e6 range through a Rescaling output
# layer, a hand-written RMSE, a Gaussian NLL with a learned variance); generated /
# sklearn-bundled data; written without reading the detection / repair rules or their
# settings. Labels set by plain Keras training (seeds 11 and 22) before any Watch /
# autotrainer run: faulty when the final validation accuracy is >= 5 points below the
# counterpart's, or the validation loss NaN, on both seeds.
B39M = batch39_models
HEALTHY_39 += [thirty_ninth(c) for c in [
    healthy("table_float32_softmax", B39M.table_softmax, "four-class table (12 standardised "
            "features, two clusters a class, make_classification): Dense 128 ReLU x 2 -> "
            "Dense 4 -> softmax, sparse CE, Adam(1e-3), batch 64, 20 ep: plain val acc 0.978 "
            "/ 0.970"),
    healthy("table_mixed_float16", B39M.table_softmax, "mixed_float16 global policy (Keras "
            "wraps Adam in a LossScaleOptimizer), the last Dense and the softmax in float32 "
            "as the guide says: plain val acc 0.979 / 0.970", policy="mixed_float16"),
    healthy("table_mixed_bfloat16", B39M.table_softmax, "mixed_bfloat16, float32 head: plain "
            "val acc 0.974 / 0.971", policy="mixed_bfloat16"),
    healthy("table_float64_inputs", B39M.table_softmax, "the NumPy float64 features fed as "
            "they are (Keras casts them to the Input's float32): plain val acc 0.978 / 0.970, "
            "the same run", inputs="float64"),
    healthy("table_from_logits_on_softmax", B39M.table_softmax, "SparseCategoricalCrossentropy"
            "(from_logits=True) on the softmax output (Keras 3 warns and reads the softmax's "
            "logits): plain val acc 0.978 / 0.970, the same run", loss="logits"),
    healthy("table_float16_head_keras_ce", B39M.table_softmax, "mixed_float16 with the last "
            "Dense and the softmax left in float16 under Keras's own sparse CE (it casts to "
            "float32 and clips): plain val acc 0.979 / 0.971", policy="mixed_float16",
            head="policy"),
    healthy("table_hand_softmax_hand_ce_float32", B39M.table_softmax, "softmax written as "
            "exp(z) / sum(exp(z)) without the max subtracted and -sum(y log p) without an "
            "epsilon, in float32 (the logits never reach the overflow, p never 0): plain val "
            "acc 0.978 / 0.970, the same run", softmax="hand", loss="hand"),
    healthy("table_float16_head_ce_eps_1e_8", B39M.table_softmax, "mixed_float16, float16 "
            "softmax, -sum(y log(p + 1e-8)) by hand (Keras 3 casts y_pred to the loss's "
            "float32 before the function, so the 1e-8 is not lost): plain val acc 0.979 / "
            "0.971", policy="mixed_float16", head="policy", loss="hand_eps", eps=1e-8),
    healthy("table_log_softmax_eps_float32_head", B39M.table_softmax, "mixed_float16; the "
            "model outputs log(softmax + 1e-8) (PyTorch's log-softmax + NLLLoss habit) in "
            "a float32 head, loss -sum(y * output): plain val acc 0.977 / 0.970",
            policy="mixed_float16", softmax="log_eps", eps=1e-8, loss="nll"),
    healthy("table_float16_log_softmax_eps_1e_4", B39M.table_softmax, "the same output in "
            "float16 with an epsilon of 1e-4 (representable in float16): plain val acc 0.974 "
            "/ 0.974", policy="mixed_float16", head="policy", softmax="log_eps", eps=1e-4,
            loss="nll"),
    healthy("table_mixed_float16_lr_1e_2", B39M.table_softmax, "mixed_float16, float32 head, "
            "Adam(1e-2): plain val acc 0.966 / 0.965", policy="mixed_float16", lr=0.01),
    healthy("binary_logits_lr_1e_2", B39M.binary_table, "the table as class 0 against the "
            "rest (25 % positive): Dense 128 ReLU x 2 -> Dense 1 logits, "
            "BinaryCrossentropy(from_logits=True), Adam(1e-2), batch 64, 20 ep: plain val acc "
            "0.987 / 0.989", lr=0.01),
    healthy("binary_hand_bce_eps_lr_1e_2", B39M.binary_table, "BCE written by hand as -(y "
            "log(sigmoid(z) + 1e-7) + (1 - y) log(1 - sigmoid(z) + 1e-7)): plain val acc "
            "0.985 / 0.987 vs 0.987 / 0.989", loss="hand_eps", lr=0.01),
    healthy("pixel_uint8_rescaling_layer", B39M.pixel_cnn, "sklearn digits as uint8 pixels "
            "0..255 fed as they are, Rescaling(1 / 255) first: Conv 32 x 2 -> MaxPool -> "
            "Dense 64 -> softmax 10, Adam(1e-3), batch 32, 15 ep: plain val acc 0.975 / "
            "0.978"),
    healthy("pixel_uint8_unscaled", B39M.pixel_cnn, "the uint8 0..255 pixels fed with no "
            "scaling at all: plain val acc 0.978 / 0.972 (val loss 0.081 / 0.106 vs 0.069 / "
            "0.067)", scale="none"),
    healthy("pixel_standardise_eps", B39M.pixel_cnn, "per-pixel (x - mean) / (sd + 1e-7) in "
            "NumPy over the training images: plain val acc 0.975 / 0.992", scale="standardise_eps"),
    healthy("price_mixed_float16", B39M.price_regression, "house prices (~1.5e5..2.5e6) from "
            "8 features: Dense 64 ReLU x 2 -> Dense 1 -> Rescaling(sd, offset=mean) in float32 "
            "under mixed_float16, MSE, Adam(1e-3), batch 32, 30 ep: plain val MAE 54417 / "
            "53061 (float32 throughout: 54634 / 54031)", policy="mixed_float16"),
    healthy("price_bfloat16_output_layer", B39M.price_regression, "mixed_bfloat16 with the "
            "output Dense and Rescaling in bfloat16 (the range of float32, 3 significant "
            "digits): plain val MAE 54364 / 53972", policy="mixed_bfloat16", head="policy"),
    healthy("price_hand_rmse", B39M.price_regression, "float32, the loss written as "
            "sqrt(mean(square(y - p))) (the sqrt's gradient infinite only at an exact fit): "
            "plain val MAE 54352 / 54429", loss="rmse"),
    healthy("sensor_nll_log_variance", B39M.sensor_nll, "heteroscedastic sensor (noise sd "
            "0.05..1.0): Dense 64 ReLU x 2 -> Dense 2 (mean, log-variance), Gaussian NLL 0.5 "
            "s + 0.5 (y - mu)^2 exp(-s) by hand, Adam(1e-3), batch 64, 40 ep: plain val "
            "mean_mae 0.396 / 0.402, val NLL -0.344 / -0.301"),
    healthy("sensor_nll_exp_sd_squared", B39M.sensor_nll, "the variance written as "
            "square(exp(raw)) and 0.5 log(var) + (y - mu)^2 / 2 var with no floor: plain val "
            "mean_mae 0.398 / 0.402, val NLL -0.326 / -0.308", variance="exp_sd"),
]]

FAULTY_39 = [thirty_ninth(c) for c in [
    faulty("table_float16_log_softmax_eps_1e_8", "table_log_softmax_eps_float32_head",
           "improper_output unbounded_loss exploding_gradient slow_convergence setup_stall",
           "log(softmax + 1e-8) computed in the float16 head under mixed_float16: 1e-8 rounds "
           "to 0 in float16 and the softmax underflows to 0, log(0) = -inf, 0 * -inf = NaN: "
           "plain val acc 0.254 / 0.254, loss NaN vs 0.977 / 0.970", head="policy"),
    faulty("table_float16_softmax_hand_ce", "table_float16_head_keras_ce",
           "improper_output unbounded_loss exploding_gradient",
           "the float16 softmax under -sum(y log p) by hand, no epsilon or clip (the "
           "underflowed probabilities are exact zeros even after Keras's cast to float32: "
           "0 * log 0 = NaN; the loss scale skips the steps): plain val loss NaN / NaN, val "
           "acc 0.965 / 0.968 vs 0.979 / 0.971", loss="hand"),
    faulty("table_float16_hand_softmax_no_max", "table_mixed_float16_lr_1e_2",
           "improper_output unbounded_loss exploding_gradient slow_convergence setup_stall",
           "exp(z) / sum(exp(z)) without the max subtracted, in the float16 head under "
           "mixed_float16, Adam(1e-2) (exp overflows float16 above z = 11: inf / inf = NaN): "
           "plain val acc 0.254 / 0.794, loss NaN vs 0.966 / 0.965", head="policy",
           softmax="hand"),
    faulty("binary_naive_log_sigmoid", "binary_logits_lr_1e_2",
           "improper_output unbounded_loss exploding_gradient slow_convergence setup_stall",
           "BCE by hand as -(y log(sigmoid(z)) + (1 - y) log(1 - sigmoid(z))) on the logits, "
           "no epsilon (sigmoid rounds to 1.0 in float32 above z = 17: log(0)): plain val "
           "acc 0.746 / 0.746 (the negative rate), loss NaN vs 0.987 / 0.989", loss="hand"),
    faulty("pixel_floor_division", "pixel_uint8_rescaling_layer",
           "collapsed_input abnormal_data slow_convergence setup_stall",
           "x // 255 on the uint8 pixels where x / 255 was meant (integer division: only "
           "the saturated pixels stay 1, the rest 0): plain val acc 0.775 / 0.731 vs 0.975 "
           "/ 0.978", scale="floor_div"),
    faulty("pixel_standardise_zero_sd", "pixel_standardise_eps",
           "abnormal_data exploding_gradient slow_convergence setup_stall",
           "per-pixel (x - mean) / sd with no epsilon: the always-blank border pixels give 0 "
           "/ 0 = NaN inputs: plain val acc 0.111 / 0.111, loss NaN vs 0.975 / 0.992",
           scale="standardise"),
    faulty("price_float16_output_layer", "price_mixed_float16",
           "improper_output unbounded_loss exploding_gradient unscaled_target "
           "slow_convergence setup_stall",
           "mixed_float16 with the output Dense and Rescaling(sd, offset=mean ~6.5e5) also in "
           "float16 (the largest float16 is 65504: inf predictions): plain val loss NaN / "
           "NaN, val MAE NaN / NaN vs 54417 / 53061", head="policy"),
]]


def fortieth(case: Case) -> Case:
    return replace(case, batch=40)


# Batch 40 (session "practice40"): the small-data regime as practitioners meet it in Keras 3:
# sklearn's bundled iris / wine / breast cancer / diabetes and a few-per-class digits subset
# (150-600 rows), `validation_split` on small data, k-fold loops (only the last fold's fit
# watched), augmentation, early stopping, small batches, a tiny imbalanced set. Written
# without reading the detection / repair rules or their settings. Labels set by plain Keras
# training (seeds 11 and 22) before any Watch / autotrainer run: faulty when the final
# validation accuracy is >= 5 points below the counterpart's on both seeds (regression: the
# final validation loss >= 1.5x).
B40M = batch40_models
HEALTHY_40 += [fortieth(c) for c in [
    healthy("iris_shuffled_validation_split", B40M.iris_mlp, "iris (150 rows, standardised), "
            "shuffled once with a fixed seed, Dense 16 ReLU -> softmax 3, Adam(1e-2), batch "
            "16, 100 ep, validation_split=0.2 (30 rows): plain val acc 1.000 / 0.967"),
    healthy("iris_kfold_stratified", B40M.iris_kfold, "iris in sklearn's class-sorted order, "
            "StratifiedKFold(5, shuffle=True), a fresh Dense 16 -> softmax 3 model a fold, "
            "Adam(1e-2), batch 16, 60 ep; the last fold watched: plain val acc 0.933 / 0.967"),
    healthy("iris_kfold_model_reused", B40M.iris_kfold, "the model built once before the "
            "k-fold loop (each fold goes on training the last one's weights: the last fold's "
            "validation rows were trained on in earlier folds): plain val acc 0.967 / 0.967 "
            "vs 0.933 / 0.967", reuse_model=True),
    healthy("wine_standardised_mlp", B40M.wine_mlp, "wine (124 training rows, 54 validation "
            "rows, stratified), standardised on the training rows, Dense 32 ReLU x 2 -> "
            "softmax 3, Adam(1e-3), batch 16, 60 ep: plain val acc 0.944 / 0.963"),
    healthy("wine_validation_own_stats", B40M.wine_mlp, "the validation rows standardised "
            "with their own mean / sd (a second StandardScaler fitted on them): plain val acc "
            "0.981 / 0.963 vs 0.944 / 0.963", scale="own_stats"),
    healthy("wine_wide_1024_lr_1e_2", B40M.wine_mlp, "Dense 1024 x 2 (~1.1e6 weights on 124 "
            "rows), no regularisation, Adam(1e-2): training loss 0.0000, plain val acc 0.963 "
            "/ 0.981 vs 0.944 / 0.963 (val loss 0.18 / 0.86 vs 0.10 / 0.11)", width=1024,
            lr=0.01),
    healthy("wine_batch_larger_than_train", B40M.wine_mlp, "batch_size=256 on 124 rows (one "
            "step an epoch, 60 steps in all): plain val acc 0.944 / 0.944 vs 0.944 / 0.963",
            batch_size=256),
    healthy("wine_lr_1e_4", B40M.wine_mlp, "Adam(1e-4), a rate for a large dataset, on 124 "
            "rows (480 steps): plain val acc 0.944 / 0.944 vs 0.944 / 0.963 (val loss 0.35 / "
            "0.43 vs 0.10 / 0.11: still learning)", lr=1e-4),
    healthy("cancer_imbalanced_no_weights", B40M.cancer_mlp, "breast cancer, a tiny "
            "imbalanced training set (200 rows, 20 malignant; standardised) and 289 validation "
            "rows at 25 % malignant, Dense 16 ReLU -> sigmoid, Adam(1e-3), batch 16, 60 ep, no "
            "class_weight: plain val acc 0.945 / 0.953"),
    healthy("cancer_balanced_weights", B40M.cancer_mlp, "class_weight balanced (n / (2 n_c)): "
            "plain val acc 0.949 / 0.936 vs 0.945 / 0.953", weights="balanced"),
    healthy("cancer_duplicates_leak", B40M.cancer_mlp, "the minority oversampled by copying "
            "its rows 5x before validation_split=0.2 (copies of training rows in the "
            "validation rows; the held-out rows unused): plain val acc 0.964 / 0.964 on its "
            "own leaked rows vs 0.945 / 0.953", duplicates="leak"),
    healthy("diabetes_mlp", B40M.diabetes_mlp, "diabetes regression (332 training rows, 110 "
            "validation rows), the target standardised on the training rows, Dense 32 ReLU x "
            "2 -> Dense 1, MSE, Adam(1e-3), batch 16, 100 ep: plain val loss 0.529 / 0.516"),
    healthy("digits_few_shift_early_stop", B40M.digits_cnn, "sklearn digits, 20 images a "
            "digit (200) train, 600 validate: RandomTranslation(0.15, 0.15) -> Conv 16 -> "
            "Conv 32 -> MaxPool -> Dropout(0.3) -> softmax 10, Adam(1e-3), batch 16, 80 ep, "
            "EarlyStopping(val_loss, patience=15, restore_best_weights): plain val acc 0.932 "
            "/ 0.930"),
    healthy("digits_few_no_augment_no_stop", B40M.digits_cnn, "no augmentation, no early "
            "stopping, 80 ep on 200 images (training acc 0.995 / 1.000): plain val acc 0.920 "
            "/ 0.893 vs 0.932 / 0.930", augment="none", patience=-1),
]]

FAULTY_40 = [fortieth(c) for c in [
    faulty("iris_sorted_validation_split", "iris_shuffled_validation_split",
           "validation_shift label_mismatch",
           "iris left in sklearn's class-sorted order before validation_split=0.2: the 30 "
           "validation rows are all virginica, the training rows hold only 20 of them: plain "
           "val acc 0.833 / 0.833 vs 1.000 / 0.967", order="sorted"),
    faulty("iris_labels_shuffled_apart", "iris_shuffled_validation_split",
           "slow_convergence setup_stall label_mismatch",
           "np.random.shuffle(x); np.random.shuffle(y): inputs and labels shuffled by two "
           "permutations (the labels noise): training acc 0.508 / 0.567, plain val acc 0.200 "
           "/ 0.267 vs 1.000 / 0.967", labels="shuffled_apart"),
    faulty("iris_lr_1e_4_big_data_rate", "iris_shuffled_validation_split",
           "learning_rate_out_of_range slow_convergence setup_stall",
           "Adam(1e-4), a rate tuned for a large dataset, on 120 training rows (8 steps an "
           "epoch, 800 in all): training acc 0.717 / 0.708, plain val acc 0.700 / 0.833 vs "
           "1.000 / 0.967", lr=1e-4),
    faulty("iris_kfold_unshuffled_sorted", "iris_kfold_stratified",
           "validation_shift label_mismatch",
           "KFold(n_splits=3) without shuffle on the class-sorted rows: the last fold's "
           "validation rows are the 50 virginica, its training rows hold none: plain val acc "
           "0.000 / 0.000 (val loss 14.7 / 15.4) vs 0.933 / 0.967", splitter="kfold",
           shuffle=False, folds=3),
    faulty("wine_3_epochs_batch_64", "wine_standardised_mlp",
           "small_budget slow_convergence",
           "epochs=3 at batch 64 on 124 rows (2 steps an epoch, 6 in all): plain val acc "
           "0.722 / 0.741 vs 0.944 / 0.963", epochs=3, batch_size=64),
    faulty("diabetes_batch_512_20_epochs", "diabetes_mlp",
           "small_budget slow_convergence setup_stall",
           "batch_size=512 on 332 rows with 20 epochs (one step an epoch, 20 in all): plain "
           "val loss 0.853 / 0.896 vs 0.529 / 0.516 (1.6x / 1.7x)", batch_size=512,
           epochs=20),
    faulty("digits_few_flip_rotate_augment", "digits_few_shift_early_stop",
           "slow_convergence setup_stall abnormal_data",
           "the photo recipe RandomFlip('horizontal_and_vertical') + RandomRotation(0.5) on "
           "digits (a flipped 2 is a 5, a turned 6 a 9): training acc 0.705 / 0.740, plain "
           "val acc 0.770 / 0.738 vs 0.932 / 0.930", augment="flip_rotate"),
]]


def forty_second(case: Case) -> Case:
    return replace(case, batch=42)


# Batch 42 (session "practice42"): many-class and multi-label outputs in Keras 3: a 200-way
# softmax on generated clusters, 100 two-digit numbers from sklearn's digits with a coarse
# (tens) and a fine (number) head, a 50-tag multi-label set under a sigmoid head and binary
# cross-entropy, 500 product categories from hashed integer ids; top-5 metrics. Written
# without reading the detection / repair rules or their settings. Labels set by plain Keras
# training (seeds 11 and 22) before any Watch / autotrainer run: faulty when Keras raised
# or the final validation accuracy (the multi-label set: subset accuracy, the exact tag set
# at 0.5) is >= 5 points below the counterpart's on both seeds.
B42M = batch42_models
HEALTHY_42 += [forty_second(c) for c in [
    healthy("clusters_200_softmax", B42M.cluster_mlp, "200 generated clusters in 32 features "
            "(30 rows a class train, 10 validate): Dense 256 -> Dense 128 ReLU -> softmax 200, "
            "sparse CE, Adam(1e-3), batch 64, 15 ep, accuracy + top-5: plain val acc 0.845 / "
            "0.845"),
    healthy("clusters_one_based_201_units", B42M.cluster_mlp, "ids 1..200 (1-based, from a "
            "CSV) with the head widened to 201 units, class 0 never used: plain val acc 0.844 "
            "/ 0.840 vs 0.845 / 0.845", labels="one_based", n_out=201),
    healthy("clusters_softmax_from_logits", B42M.cluster_mlp, "softmax head under "
            "SparseCategoricalCrossentropy(from_logits=True) (Keras 3 takes the softmax's "
            "own logits: the fit is the healthy one): plain val acc 0.845 / 0.845",
            from_logits=True),
    healthy("clusters_logits_from_logits", B42M.cluster_mlp, "linear head, "
            "from_logits=True: plain val acc 0.845 / 0.845", head="linear", from_logits=True),
    healthy("clusters_onehot_smoothing_0_1", B42M.cluster_mlp, "to_categorical targets, "
            "CategoricalCrossentropy(label_smoothing=0.1), top-5 categorical: plain val acc "
            "0.847 / 0.843 vs 0.845 / 0.845", targets="onehot", loss="categorical",
            label_smoothing=0.1),
    healthy("tags_50_sigmoid_bce", B42M.tag_mlp, "50-tag multi-label set (64 features, 1-4 "
            "tags a row, Zipf-like tag frequencies; 6000 train, 1500 validate): Dense 256 -> "
            "Dense 128 ReLU -> sigmoid 50, binary CE, Adam(1e-3), batch 64, 15 ep, subset "
            "accuracy + AUC(multi_label): plain val subset acc 0.749 / 0.755"),
    healthy("tags_sigmoid_from_logits", B42M.tag_mlp, "sigmoid head under "
            "BinaryCrossentropy(from_logits=True) (Keras 3 takes the sigmoid's own logits: the "
            "same fit): plain val subset acc 0.749 / 0.755", from_logits=True),
    healthy("tags_logits_from_logits", B42M.tag_mlp, "linear head, "
            "BinaryCrossentropy(from_logits=True), metrics on the sigmoid of the logits: plain "
            "val subset acc 0.749 / 0.755", head="linear", from_logits=True),
    healthy("numbers_two_heads", B42M.number_cnn, "two-digit numbers 00..99 (8 x 16 images of "
            "two sklearn digits, 5000 train, 2000 on unseen handwriting): Conv 16 -> MaxPool "
            "-> Conv 32 -> Dense 256 -> Dropout(0.3), a fine head (softmax 100) and a coarse "
            "head (tens, softmax 10), loss weights 1 / 0.5, Adam(1e-3), batch 64, 10 ep: plain "
            "val number acc 0.953 / 0.949"),
    healthy("numbers_flat_100", B42M.number_cnn, "the fine head alone (softmax 100): plain "
            "val acc 0.957 / 0.950", hierarchy="flat"),
    healthy("numbers_ids_units_tens", B42M.number_cnn, "fine ids built as 10 * units + tens "
            "(the other way round from the coarse head's tens: a permutation of the 100 "
            "classes): plain val number acc 0.956 / 0.951 vs 0.953 / 0.949",
            fine_labels="units_tens"),
    healthy("products_500_hashing", B42M.product_hashing, "500 product categories from 8 "
            "raw integer ids a row (ids to 1e7, categories share ids; 10 000 train, 2500 "
            "validate): Hashing(2^13) -> Embedding 64 -> GAP -> softmax 500, one-hot targets, "
            "CategoricalCrossentropy, Adam(1e-3), batch 64, 8 ep: plain val acc 0.995 / 0.994 "
            "(val loss 2.60: still falling)"),
    healthy("products_label_smoothing_0_9", B42M.product_hashing, "label_smoothing=0.9 where "
            "0.1 was meant (the true class 0.1018 against 0.0018 for the other 499: the argmax "
            "kept): plain val acc 1.000 / 0.997 vs 0.995 / 0.994 (val loss 6.07, its floor "
            "raised)", label_smoothing=0.9),
]]

FAULTY_42 = [forty_second(c) for c in [
    faulty("clusters_head_one_short", "clusters_200_softmax", "label_mismatch",
           "Dense(199) for 200 classes (n_classes = max(y) on 0-based ids): the id 199 is out "
           "of the head's range; Keras raises at the first step on CPU "
           "(InvalidArgumentError), both seeds", n_out=199),
    faulty("clusters_one_based_ids", "clusters_200_softmax", "label_mismatch",
           "ids 1..200 (1-based, from a CSV) with 200 units: the id 200 is out of range; "
           "Keras raises at the first step on CPU (InvalidArgumentError), both seeds",
           labels="one_based"),
    faulty("clusters_onehot_sparse_loss", "clusters_200_softmax",
           "label_mismatch output_loss_mismatch",
           "to_categorical targets under SparseCategoricalCrossentropy: Keras raises before "
           "the first step (ValueError, 'Argument `output` must have rank (ndim) "
           "`target.ndim - 1`'), both seeds", targets="onehot"),
    faulty("clusters_ids_categorical_loss", "clusters_200_softmax",
           "label_mismatch output_loss_mismatch",
           "integer ids under CategoricalCrossentropy: Keras raises before the first step "
           "(ValueError, 'Arguments `target` and `output` must have the same rank'), both "
           "seeds", loss="categorical"),
    faulty("clusters_linear_no_from_logits", "clusters_200_softmax",
           "output_loss_mismatch improper_output slow_convergence setup_stall",
           "linear Dense(200) head under SparseCategoricalCrossentropy() (from_logits=False: "
           "the raw scores read as probabilities): training acc 0.075 / 0.055, plain val acc "
           "0.057 / 0.043 vs 0.845 / 0.845", head="linear"),
    faulty("clusters_label_smoothing_true", "clusters_onehot_smoothing_0_1",
           "label_mismatch slow_convergence setup_stall",
           "CategoricalCrossentropy(label_smoothing=True) (read as 1.0: every target the "
           "uniform 1/200): loss stuck at ln 200 = 5.298, plain val acc 0.004 / 0.004 vs "
           "0.847 / 0.843", label_smoothing=True),
    faulty("clusters_bottleneck_4", "clusters_200_softmax",
           "slow_convergence setup_stall dying_relu",
           "a Dense(4) ReLU bottleneck before the 200-way softmax: training acc 0.166 / "
           "0.161, plain val acc 0.111 / 0.105 vs 0.845 / 0.845", bottleneck=4),
    faulty("tags_softmax_head_bce", "tags_50_sigmoid_bce", "improper_output output_loss_mismatch",
           "softmax head on the multi-label set under binary CE (the single-label recipe "
           "kept; Keras computes the BCE from the softmax's logits, so the loss is the "
           "healthy fit's, but the outputs sum to 1: at most one tag above 0.5): plain val "
           "subset acc 0.252 / 0.252 vs 0.749 / 0.755", head="softmax"),
    faulty("tags_softmax_categorical_multi_hot", "tags_50_sigmoid_bce",
           "output_loss_mismatch label_mismatch improper_output unbounded_loss",
           "softmax head + CategoricalCrossentropy on the multi-hot targets: val loss 59 249 / "
           "63 329, plain val subset acc 0.013 / 0.006 vs 0.749 / 0.755", head="softmax",
           loss="categorical"),
    faulty("tags_sigmoid_categorical_multi_hot", "tags_50_sigmoid_bce",
           "output_loss_mismatch label_mismatch improper_output unbounded_loss",
           "sigmoid head + CategoricalCrossentropy on the multi-hot targets (the Stack "
           "Overflow classic; Keras takes the sigmoid's logits into a softmax CE: the same "
           "fit as the softmax one): val loss 59 249 / 63 329, plain val subset acc 0.000 / "
           "0.000 vs 0.749 / 0.755", loss="categorical"),
    faulty("numbers_fine_from_coarse_softmax", "numbers_two_heads",
           "hidden_softmax slow_convergence setup_stall",
           "the hierarchy wired through the coarse prediction: the fine head (softmax 100) "
           "fed only by the tens head's 10 probabilities (the units digit is lost): training "
           "number acc 0.115 / 0.115, plain val number acc 0.092 / 0.095 vs 0.953 / 0.949",
           hierarchy="chained"),
    faulty("products_lr_1e_5", "products_500_hashing",
           "learning_rate_out_of_range slow_convergence setup_stall",
           "Adam(1e-5) on the 500-way softmax (1256 steps): loss 6.211 against ln 500 = "
           "6.215, plain val acc 0.008 / 0.010 vs 0.995 / 0.994", lr=1e-5),
    faulty("products_hashing_1024_bins", "products_500_hashing",
           "collapsed_input slow_convergence",
           "Hashing(num_bins=1024) for ~51 500 distinct ids (the 1500 category ids collide "
           "with each other and with noise ids): plain val acc 0.856 / 0.870 vs 0.995 / "
           "0.994", bins=1024),
]]


def forty_first(case: Case) -> Case:
    return replace(case, batch=41)


# Batch 41 (session "practice41"): resumed, repeated and staged training as practitioners do
# it in Keras 3: `fit` called again on the same model (`initial_epoch`), a model recompiled or
# its rate set by hand between fits, a `.keras` / `.weights.h5` checkpoint reloaded before the
# last stage, warm restarts, a curriculum (easy rows or classes first); only the last fit
# watched. Written without reading the detection / repair rules or their settings. Labels
# set by plain Keras training (seeds 11 and 22) before any Watch / autotrainer run: faulty
# when the final validation accuracy is >= 5 points below the counterpart's on both seeds
# (regression: the final validation loss >= 1.5x).
B41M = batch41_models
HEALTHY_41 += [forty_first(c) for c in [
    healthy("digits_mlp_resume_initial_epoch", B41M.digits_mlp_resume, "sklearn digits (1200 "
            "train, 597 validate), Flatten -> Dense 128 -> Dense 64 -> softmax 10, Adam(1e-3), "
            "batch 32: fit(epochs=10), then fit(epochs=20, initial_epoch=10) watched: plain "
            "val acc 0.970 / 0.977"),
    healthy("digits_mlp_recompile_between_fits", B41M.digits_mlp_resume, "compile('adam') "
            "again between the fits (a fresh optimizer, its moments reset; the weights kept): "
            "plain val acc 0.968 / 0.980 vs 0.970 / 0.977", recompile="adam_string"),
    healthy("digits_mlp_two_more_epochs", B41M.digits_mlp_resume, "fit(epochs=12, "
            "initial_epoch=10) meant as '12 more' (epochs is the last epoch's index: 2 more "
            "epochs): plain val acc 0.965 / 0.973 vs 0.970 / 0.977", resume="few"),
    healthy("digits_mlp_rate_1e_4_by_hand", B41M.digits_mlp_resume, "model.optimizer."
            "learning_rate.assign(1e-4) between the fits (a lower rate for the second stage): "
            "plain val acc 0.965 / 0.978 vs 0.970 / 0.977", set_lr=1e-4),
    healthy("digits_mlp_halving_rate_reset", B41M.digits_mlp_resume, "the first fit under "
            "LearningRateScheduler(lambda e, lr: lr * 0.5) (1e-3 / 2**10 at its end), the "
            "rate assigned back to 1e-3 before the second: plain val acc 0.963 / 0.975 vs "
            "0.970 / 0.977", decay="halving", reset_rate=True),
    healthy("digits_cnn_load_model_finetune", B41M.digits_cnn_checkpoint, "Conv 16 -> MaxPool "
            "-> Conv 32 -> Dense 64 -> softmax 10, Adam(1e-3), batch 32, 10 ep under "
            "ModelCheckpoint('digits.keras', val_accuracy, save_best_only), then "
            "keras.models.load_model, the rate assigned 1e-4, 5 more ep (initial_epoch=10) "
            "watched: plain val acc 0.978 / 0.972"),
    healthy("digits_cnn_weights_reload", B41M.digits_cnn_checkpoint, "ModelCheckpoint("
            "save_weights_only=True), the model built again, load_weights, compile(Adam(1e-4)): "
            "plain val acc 0.978 / 0.975 vs 0.978 / 0.972", reload="weights"),
    healthy("digits_curriculum_easy_rows", B41M.digits_curriculum, "the digits MLP, 5 ep on "
            "the 600 rows a logistic-regression teacher finds easiest, then 15 more on all "
            "1200 rows (shuffled; initial_epoch=5) watched: plain val acc 0.965 / 0.982"),
    healthy("digits_curriculum_classes", B41M.digits_curriculum, "5 ep on digits 0-4 only, "
            "then 15 more on all ten: plain val acc 0.975 / 0.978", curriculum="classes"),
    healthy("digits_curriculum_classes_unshuffled", B41M.digits_curriculum, "the second fit "
            "on np.concatenate([x_0_to_4, x_5_to_9]) with shuffle=False 'to keep the "
            "curriculum order' (each epoch's last half all digits 5-9): plain val acc 0.968 / "
            "0.968 vs 0.975 / 0.978", curriculum="classes", order="stages", shuffle=False),
    healthy("cancer_warm_restarts", B41M.cancer_warm_restarts, "breast cancer (400 train, 169 "
            "validate, standardised), Dense 32 -> Dense 16 -> sigmoid, batch 16: three cycles "
            "of 10 ep, compile(Adam(1e-3)) again before each (warm restarts by hand); the last "
            "cycle watched: plain val acc 0.976 / 0.964"),
    healthy("cancer_reload_architecture_changed", B41M.cancer_warm_restarts, "save_weights "
            "after each cycle, the model built again with Dense 64 / 32 (edited since) and "
            "load_weights(skip_mismatch=True): the hidden layers start over each cycle "
            "(training acc 0.998 / 1.000): plain val acc 0.970 / 0.970 vs 0.976 / 0.964",
            reload="architecture_changed"),
    healthy("cancer_restart_rate_up_10x", B41M.cancer_warm_restarts, "the rate multiplied by "
            "10 at each restart instead of 0.1 (1e-3, 1e-2, 1e-1): plain val acc 0.976 / "
            "0.970 vs 0.976 / 0.964 (val loss 0.09 / 0.21 vs 0.07 / 0.08)", factor=10.0),
    healthy("diabetes_resume", B41M.diabetes_resume, "diabetes regression (332 train, 110 "
            "validate; the target standardised), Dense 32 x 2 -> Dense 1, MSE, Adam(1e-3), "
            "batch 32: fit(epochs=30), then 30 more (initial_epoch=30) watched: plain val "
            "loss 0.442 / 0.440"),
    healthy("diabetes_plateau_rate_carried", B41M.diabetes_resume, "the first fit under "
            "ReduceLROnPlateau(factor 0.2, patience 3, min_lr 1e-7), its reduced rate carried "
            "into the second fit: plain val loss 0.440 / 0.429 vs 0.442 / 0.440",
            plateau=True),
    healthy("diabetes_rate_0_1_by_hand", B41M.diabetes_resume, "model.optimizer."
            "learning_rate.assign(0.1) between the fits: plain val loss 0.581 / 0.507 vs "
            "0.442 / 0.440 (1.3x / 1.15x)", set_lr=0.1),
]]

FAULTY_41 = [forty_first(c) for c in [
    faulty("digits_mlp_recompile_adam_0_1", "digits_mlp_resume_initial_epoch",
           "learning_rate_out_of_range exploding_gradient oscillating_loss",
           "compile(Adam(0.1)) between the fits (a rate from another notebook): plain val acc "
           "0.327 / 0.848 vs 0.970 / 0.977", recompile="adam", lr2=0.1),
    faulty("digits_mlp_rate_1_by_hand", "digits_mlp_resume_initial_epoch",
           "learning_rate_out_of_range exploding_gradient dying_relu",
           "model.optimizer.learning_rate.assign(1.0) between the fits (1e-0 for 1e-4): "
           "training acc 0.088 / 0.105, plain val acc 0.094 / 0.082 vs 0.970 / 0.977",
           set_lr=1.0),
    faulty("digits_mlp_halving_rate_carried", "digits_mlp_resume_initial_epoch",
           "learning_rate_out_of_range slow_convergence setup_stall",
           "LearningRateScheduler(lambda e, lr: lr * 0.5) in the first fit only: its last "
           "rate, 1e-3 / 2**10, stays on the optimizer for the second: plain val acc 0.843 / "
           "0.801 vs 0.970 / 0.977", decay="halving"),
    faulty("digits_cnn_initial_weights_reloaded", "digits_cnn_load_model_finetune",
           "slow_convergence small_budget",
           "the 'init.weights.h5' saved before the first fit (to reset between experiments) "
           "loaded instead of the checkpoint: 5 ep at 1e-4 from the random init: plain val acc "
           "0.729 / 0.682 vs 0.978 / 0.972", reload="initial"),
    faulty("digits_cnn_skip_mismatch_head", "digits_cnn_load_model_finetune",
           "slow_convergence small_budget",
           "the model built again with the head edited since (Dense 128) and load_weights("
           "skip_mismatch=True): the two Dense layers stay random (a UserWarning), 5 ep at "
           "1e-4: plain val acc 0.894 / 0.908 vs 0.978 / 0.972", reload="skip_mismatch",
           hidden2=128),
    faulty("digits_cnn_diverged_checkpoint", "digits_cnn_load_model_finetune",
           "dying_relu exploding_gradient slow_convergence setup_stall",
           "the checkpoint of an earlier run at Adam(0.5) that diverged, ModelCheckpoint "
           "without save_best_only (its last epoch), loaded and fine-tuned: training acc "
           "0.096 / 0.105, plain val acc 0.111 / 0.094 vs 0.978 / 0.972",
           reload="last_of_diverged", first_lr=0.5),
    faulty("digits_curriculum_classes_stage_not_updated", "digits_curriculum_classes",
           "validation_shift label_mismatch",
           "the second fit given the first stage's arrays again (digits 0-4 only; the "
           "variable not updated): training acc 1.000, plain val acc 0.487 / 0.487 vs 0.975 "
           "/ 0.978", last_rows="easy"),
    faulty("digits_curriculum_easy_rows_not_updated", "digits_curriculum_easy_rows",
           "validation_shift",
           "the second fit given the 600 easiest rows again: training acc 1.000, plain val "
           "acc 0.873 / 0.881 vs 0.965 / 0.982", last_rows="easy"),
    faulty("digits_curriculum_freeze_all", "digits_curriculum_classes",
           "no_trainable_weights no_gradient slow_convergence setup_stall",
           "model.trainable = False after the digits 0-4 stage 'to keep what it learned', "
           "recompiled: nothing trains on digits 5-9: plain val acc 0.481 / 0.482 vs 0.975 / "
           "0.978", freeze="all"),
    faulty("digits_curriculum_freeze_base", "digits_curriculum_classes",
           "slow_convergence setup_stall",
           "every layer but the softmax frozen after the digits 0-4 stage (features of half "
           "the classes), recompiled: training acc 0.829 / 0.803, plain val acc 0.826 / "
           "0.801 vs 0.975 / 0.978", freeze="base"),
    faulty("diabetes_rate_1_by_hand", "diabetes_resume",
           "learning_rate_out_of_range exploding_gradient dying_relu",
           "model.optimizer.learning_rate.assign(1.0) between the fits: the model falls to "
           "predicting the mean (val loss ~ the target's variance): plain val loss 1.005 / "
           "1.006 vs 0.442 / 0.440 (2.3x)", set_lr=1.0),
]]


def forty_third(case: Case) -> Case:
    return replace(case, batch=43)


# Batch 43 (session "practice43"): imbalanced and cost-sensitive learning in Keras 3: a
# 5 %-positive fraud-like table and a four-class 70/17/9/4 % triage table (sklearn's
# make_classification), breast cancer subsampled to 5 % malignant; class_weight,
# sample_weight, resampling by hand, a hand-written focal loss, the output bias from the
# prior, AUC / precision / recall. Written without reading the detection / repair rules or
# their settings. Labels set by plain Keras training (seeds 11 and 22) before any Watch /
# autotrainer run: faulty when the final validation accuracy is >= 5 points below the
# counterpart's on both seeds; where the harm shows only in recall / AUC the case is
# healthy by that rule and the note says so.
B43M = batch43_models
HEALTHY_43 += [forty_third(c) for c in [
    healthy("fraud_unweighted", B43M.fraud_mlp, "fraud-like table (6000 training rows at 5 % "
            "positives, 2000 validation rows), standardised, Dense 32 ReLU x 2 -> sigmoid, "
            "BCE, Adam(1e-3), batch 128, 15 ep, accuracy + AUC + PR AUC + precision + recall: "
            "plain val acc 0.974 / 0.973 (AUC 0.955 / 0.949, recall 0.59 / 0.58)"),
    healthy("fraud_balanced_class_weight", B43M.fraud_mlp, "class_weight from sklearn's "
            "compute_class_weight('balanced') ({0: 0.53, 1: 10}): recall 0.88 / 0.89 for "
            "precision 0.40 / 0.41, so plain val acc 0.924 / 0.928 vs 0.974 / 0.973 at the 5 % "
            "prior (the trade asked for, not a fault; AUC 0.952 / 0.951 unchanged)",
            weighting="balanced"),
    healthy("fraud_bias_from_prior", B43M.fraud_mlp, "the output bias initialised to "
            "log(p / (1 - p)) = -2.94 (the imbalanced-data tutorial's): plain val acc 0.976 / "
            "0.979 vs 0.974 / 0.973", bias="prior"),
    healthy("fraud_focal_by_hand", B43M.fraud_mlp, "focal loss written by hand, -alpha_t (1 - "
            "p_t)^2 log(p_t), alpha 0.25, on the clipped sigmoid: plain val acc 0.973 / 0.971 "
            "(AUC 0.954 / 0.949, recall 0.50 / 0.49)", loss="focal"),
    healthy("fraud_inverted_class_weight", B43M.fraud_mlp, "the balanced class_weight keyed "
            "the wrong way round ({0: 10, 1: 0.53}): every row predicted negative, plain val "
            "acc 0.947 / 0.947 vs 0.974 / 0.973 (2.7 points; the harm is in the minority: "
            "recall 0.00 / 0.00, AUC 0.873 / 0.858 vs 0.955 / 0.949)", weighting="inverted"),
    healthy("fraud_sample_weight_int_div", B43M.fraud_mlp, "the positives' sample weight "
            "written n_pos // n_neg (integer division: 0), so the positives never count: "
            "every row predicted negative, plain val acc 0.947 / 0.947 vs 0.974 / 0.973 (2.7 "
            "points; val loss 0.45 / 0.49 vs 0.079 / 0.083, the harm in recall: 0)",
            sample_weight="int_div"),
    healthy("fraud_oversample_before_split", B43M.fraud_mlp, "the whole table oversampled, "
            "then validation_split=0.2 on it (copies of training rows validate, the held-out "
            "rows at a 50 % prior): plain val acc 0.971 / 0.970 on its own leaked rows vs "
            "0.974 / 0.973 (inflated, not harmed)", resample="oversample_then_split"),
    healthy("fraud_bias_wrong_sign", B43M.fraud_mlp, "the output bias set to -log(p / (1 - "
            "p)) = +2.94 (starts at p = 0.95 for every row): Adam undoes it, plain val acc "
            "0.970 / 0.966 vs 0.974 / 0.973 (recall 0.53 / 0.49)", bias="wrong_sign"),
    healthy("fraud_focal_gamma_10", B43M.fraud_mlp, "the focal loss with gamma=10 (meant 2): "
            "plain val acc 0.963 / 0.965 vs 0.973 / 0.971 (recall 0.32 / 0.36 vs 0.50 / 0.49, "
            "val loss 1e-4)", loss="focal", gamma=10.0),
    healthy("fraud_focal_alpha_prior", B43M.fraud_mlp, "the focal loss with alpha=0.05 (the "
            "positive rate, weighting the positives 0.05 and the negatives 0.95): plain val acc "
            "0.952 / 0.955 vs 0.973 / 0.971 (2 points; recall 0.10 / 0.14)", loss="focal",
            alpha=0.05),
    healthy("triage_unweighted", B43M.triage_mlp, "four-class triage table (6000 training "
            "rows; class 0 4 %, 1 70 %, 2 9 %, 3 17 %), standardised, Dense 64 ReLU x 2 -> "
            "softmax 4, sparse CE, Adam(1e-3), batch 128, 20 ep: plain val acc 0.969 / 0.971"),
    healthy("triage_balanced_class_weight", B43M.triage_mlp, "class_weight from "
            "compute_class_weight('balanced'): plain val acc 0.958 / 0.956 vs 0.969 / 0.971",
            weighting="balanced"),
    healthy("triage_value_counts_order_weights", B43M.triage_mlp, "the balanced weights "
            "keyed by value_counts() order (dict(enumerate(...)): the rarest class 0 gets the "
            "majority's 0.36, the majority gets class 3's 1.5): plain val acc 0.959 / 0.960 vs "
            "0.969 / 0.971", weighting="value_counts_order"),
    healthy("triage_rarest_class_filtered_out", B43M.triage_mlp, "class 0 (4 %) filtered out "
            "of the training rows by a leftover df[df.label != 0]: its validation rows are "
            "all wrong, plain val acc 0.936 / 0.937 vs 0.969 / 0.971 (3.3 points; val loss "
            "0.52 / 0.52 vs 0.14 / 0.15)", drop_class=0),
    healthy("cancer_rare_unweighted", B43M.cancer_rare_mlp, "breast cancer at 5 % malignant "
            "(263 training rows, 13 malignant; 142 validation rows at 25 %), standardised on "
            "the training rows, Dense 16 ReLU -> sigmoid, BCE, Adam(1e-3), batch 16, 40 ep: "
            "plain val acc 0.923 / 0.930 (AUC 0.978 / 0.957, recall 0.71 / 0.71)"),
    healthy("cancer_rare_balanced_class_weight", B43M.cancer_rare_mlp, "class_weight "
            "balanced: plain val acc 0.958 / 0.923 (recall 0.94 / 0.91) vs 0.923 / 0.930",
            weighting="balanced"),
    healthy("cancer_rare_unscaled", B43M.cancer_rare_mlp, "the 30 features left on their raw "
            "units (areas in the hundreds to thousands): plain val acc 0.894 / 0.887 vs 0.923 / "
            "0.930 (2.9 / 4.3 points; val loss 0.99 / 0.53 vs 0.19 / 0.26, recall 0.60 / "
            "0.57)", scale="none"),
]]

FAULTY_43 = [forty_third(c) for c in [
    faulty("fraud_class_weight_1e4", "fraud_unweighted",
           "invalid_sample_weights setup_stall",
           "class_weight {0: 1, 1: 1e4} (tuned by hand for recall): every row predicted "
           "positive, plain val acc 0.052 / 0.052 (val loss 5.6 / 5.6) vs 0.974 / 0.973",
           weighting="extreme"),
    faulty("fraud_class_weight_1e4_sgd", "fraud_unweighted",
           "invalid_sample_weights exploding_gradient setup_stall",
           "class_weight {0: 1, 1: 1e4} under SGD(0.01, momentum 0.9): every row predicted "
           "positive, plain val acc 0.052 / 0.054 (val loss 84 / 177) vs 0.974 / 0.973",
           weighting="extreme", optimizer="sgd", lr=0.01),
    faulty("fraud_undersample_same_epochs", "fraud_unweighted",
           "small_budget slow_convergence validation_shift",
           "the negatives cut to the positives' 300 (600 rows, 5 steps an epoch, 75 in all, "
           "the epochs kept from the full table) and a 50 % training prior against 5 % "
           "validation: training acc 0.824 / 0.829, plain val acc 0.831 / 0.874 vs 0.974 / "
           "0.973", resample="undersample"),
    faulty("fraud_focal_no_minus", "fraud_focal_by_hand",
           "unbounded_loss slow_convergence setup_stall",
           "the focal loss's leading minus dropped (alpha_t (1 - p_t)^2 log(p_t)): minimising "
           "it makes every prediction wrong, the loss falls to the clip's floor -11.3: plain "
           "val acc 0.052 / 0.052 (AUC 0.50) vs 0.973 / 0.971", loss="focal",
           focal_form="no_minus"),
    faulty("fraud_focal_p_t_power", "fraud_focal_by_hand",
           "slow_convergence setup_stall",
           "the focal modulator written p_t^gamma where (1 - p_t)^gamma was meant: the loss "
           "is 0 at p_t = 0 too, the model goes to predicting every row positive: plain val "
           "acc 0.052 / 0.052 (loss 1e-4 / 0, AUC 0.48 / 0.49) vs 0.973 / 0.971",
           loss="focal", focal_form="p_t_power"),
    faulty("triage_class_weight_1e4", "triage_unweighted",
           "invalid_sample_weights setup_stall",
           "class_weight {0: 1e4} on the rarest class, 1 on the rest: nearly every row "
           "predicted class 0, plain val acc 0.047 / 0.056 (val loss 3.9 / 3.8) vs 0.969 / "
           "0.971", weighting="extreme"),
    faulty("triage_undersample_to_rarest", "triage_unweighted",
           "small_budget validation_shift",
           "every class cut to the rarest's 240 rows (960 rows, 8 steps an epoch, 160 in all) "
           "and trained at a uniform prior against 70/17/9/4 % validation: training acc "
           "0.915 / 0.918, plain val acc 0.888 / 0.908 vs 0.969 / 0.971",
           resample="undersample"),
    faulty("triage_class_filtered_out", "triage_unweighted",
           "label_mismatch validation_shift",
           "class 3 (17 %) filtered out of the training rows by a leftover "
           "df[df.label != 3]; its validation rows can only be wrong: training acc 0.989, "
           "plain val acc 0.813 / 0.814 (val loss 1.6 / 1.7) vs 0.969 / 0.971",
           drop_class=3),
    faulty("cancer_rare_inverted_class_weight", "cancer_rare_unweighted",
           "invalid_sample_weights",
           "the balanced class_weight keyed the wrong way round ({0: 10.1, 1: 0.53}): the "
           "malignant rows hardly count, plain val acc 0.775 / 0.761 (recall 0.09 / 0.03, AUC "
           "0.87 / 0.69) vs 0.923 / 0.930 on the 25 % malignant validation rows",
           weighting="inverted"),
    faulty("cancer_rare_class_weight_1e4", "cancer_rare_unweighted",
           "invalid_sample_weights oscillating_loss",
           "class_weight {0: 1, 1: 1e4}: most rows predicted malignant, training loss 1.1 / "
           "4.2, plain val acc 0.739 / 0.739 (recall 1.00 / 0.94) vs 0.923 / 0.930",
           weighting="extreme"),
    faulty("cancer_rare_undersample_26_rows", "cancer_rare_unweighted",
           "small_budget slow_convergence",
           "the benign rows cut to the 13 malignant ones (26 rows, 2 steps an epoch, 80 in "
           "all): plain val acc 0.732 / 0.768 (recall 0.97 / 0.91) vs 0.923 / 0.930",
           resample="undersample"),
    faulty("cancer_rare_bias_wrong_sign", "cancer_rare_unweighted",
           "slow_convergence",
           "the output bias set to -log(p / (1 - p)) = +2.96 (every row starts at p = 0.95), "
           "40 epochs of 17 steps at Adam(1e-3): training acc 0.962 / 0.962, plain val acc "
           "0.866 / 0.831 (recall 0.57 / 0.37) vs 0.923 / 0.930", bias="wrong_sign"),
]]


def forty_fourth(case: Case) -> Case:
    return replace(case, batch=44)


# Batch 44 (session "practice44"): attention and sequence-to-sequence models on generated
# token tasks in Keras 3: small Transformer encoders / decoders built from MultiHeadAttention,
# LayerNormalization and position embeddings, causal and padding masks, an encoder-decoder
# with teacher forcing (copy / reverse / sort), hand-written scaled dot-product attention and
# attention pooling. Written without reading the detection / repair rules or their settings.
# Labels set by plain Keras training (seeds 11 and 22) before any Watch / autotrainer run:
# faulty when the final validation accuracy is >= 5 points below the counterpart's on both
# seeds.
B44M = batch44_models
HEALTHY_44 += [forty_fourth(c) for c in [
    healthy("marker_order_encoder", B44M.marker_encoder, "is marker A before marker B in 24 "
            "tokens (2000 rows): [CLS] + token + learned position embedding (32) -> one "
            "pre-norm Transformer block (2 heads, key_dim 16) -> LayerNorm -> mean pooling "
            "-> sigmoid, Adam(1e-3), batch 64, 12 ep: plain val acc 0.990 / 0.986"),
    healthy("marker_order_cls_pooling", B44M.marker_encoder, "the [CLS] position's vector "
            "pooled (no causal mask): plain val acc 0.988 / 0.988 vs 0.990 / 0.986",
            pooling="cls"),
    healthy("marker_order_causal_mean_pooling", B44M.marker_encoder, "use_causal_mask=True "
            "copied from a GPT block into the classifier's encoder, mean pooling (the later "
            "positions see the whole row): plain val acc 0.991 / 0.990 vs 0.990 / 0.986",
            causal=True),
    healthy("marker_order_sinusoid_positions", B44M.marker_encoder, "the fixed sine / "
            "cosine position table instead of a learned one: plain val acc 1.000 / 0.996 vs "
            "0.990 / 0.986", positions="sinusoid"),
    healthy("marker_order_attention_pooling", B44M.marker_encoder, "attention pooling (a "
            "Dense(1) score a position, softmax over the positions, the weighted sum) instead "
            "of mean pooling: plain val acc 0.996 / 0.984 vs 0.990 / 0.986",
            pooling="attention"),
    healthy("marker_count_encoder", B44M.marker_encoder, "more A's than B's (an order-free "
            "bag-of-tokens task), the same encoder: plain val acc 1.000 / 1.000",
            task="count"),
    healthy("marker_count_no_positions", B44M.marker_encoder, "no position embedding on the "
            "order-free count task (self-attention and mean pooling do not need the order): "
            "plain val acc 1.000 / 1.000 vs 1.000 / 1.000", task="count", positions="none"),
    healthy("review_encoder_mask_zero", B44M.review_encoder, "reviews of 4..16 tokens "
            "right-padded to 48 (2000 rows; more positive than negative tokens): "
            "Embedding(40, 32, mask_zero=True) + learned positions -> one pre-norm block -> "
            "masked mean pooling -> sigmoid, Adam(1e-3), batch 64, 10 ep: plain val acc "
            "1.000 / 1.000"),
    healthy("review_encoder_padding_unmasked", B44M.review_encoder, "mask_zero=False: the "
            "padding (67 % of the positions on average) attended to and averaged in: plain "
            "val acc 1.000 / 1.000 vs 1.000 / 1.000", mask_zero=False),
    healthy("seq2seq_reverse", B44M.seq2seq_transformer, "encoder-decoder Transformer "
            "reversing 10 tokens (3000 rows; vocabulary 16), teacher forcing (START + the "
            "target shifted right), causal decoder self-attention, cross-attention, d_model "
            "64, 4 heads, pre-norm, Adam(1e-3), batch 64, 8 ep: plain val token acc 1.000 / "
            "0.999"),
    healthy("seq2seq_reverse_decoder_unshifted", B44M.seq2seq_transformer, "the decoder fed "
            "the target itself, not shifted right (a target leak: each position sees its own "
            "answer; teacher-forced figures inflated, useless at generation): plain val token "
            "acc 1.000 / 1.000 vs 1.000 / 0.999", shift=False),
    healthy("seq2seq_reverse_no_causal_mask", B44M.seq2seq_transformer, "the decoder's "
            "self-attention without use_causal_mask (the later target tokens visible, a leak "
            "as above): plain val token acc 1.000 / 1.000 vs 1.000 / 0.999", causal="none"),
    healthy("seq2seq_reverse_causal_encoder", B44M.seq2seq_transformer, "a causal mask in "
            "the encoder too (the cross-attention still reaches every source position): "
            "plain val token acc 1.000 / 1.000 vs 1.000 / 0.999", encoder_causal=True),
    healthy("seq2seq_sort", B44M.seq2seq_transformer, "the same Transformer sorting 10 "
            "tokens: plain val token acc 0.992 / 0.992", task="sort"),
    healthy("seq2seq_sort_no_positions", B44M.seq2seq_transformer, "no position embedding "
            "on the sort task (the sorted output does not depend on the source order; the "
            "causal decoder counts its own steps): plain val token acc 0.987 / 0.981 vs "
            "0.992 / 0.992", task="sort", positions="none"),
    healthy("seq2seq_reverse_post_norm_warmup", B44M.seq2seq_transformer, "3 post-norm "
            "blocks a side (the 2017 paper's order) at Adam(5e-3) with 150 warmup steps then "
            "cosine decay: plain val token acc 1.000 / 1.000", depth=3, norm="post", lr=5e-3,
            warmup=150),
    healthy("retrieval_scaled_attention", B44M.retrieval_attention, "key-value retrieval "
            "(16 tokens, 3000 rows; the class is the token after the marker, 10 classes): "
            "token + learned positions (64) -> [LayerNorm -> hand-written single-head "
            "attention q k^T / sqrt(64) -> residual] x 2 -> AttentionPooling -> softmax 10, "
            "Adam(1e-3), batch 64, 10 ep: plain val acc 0.999 / 0.996"),
    healthy("retrieval_softmax_over_queries", B44M.retrieval_attention, "the hand-written "
            "attention's softmax over axis=1 (the queries) instead of the keys: plain val acc "
            "0.999 / 1.000 vs 0.999 / 0.996", softmax_axis=1),
]]

FAULTY_44 = [forty_fourth(c) for c in [
    faulty("marker_order_no_positions", "marker_order_encoder",
           "slow_convergence setup_stall",
           "no position embedding on the order task (self-attention and mean pooling are "
           "blind to the order): training acc 0.576 / 0.586, plain val acc 0.516 / 0.507 vs "
           "0.990 / 0.986", positions="none"),
    faulty("marker_order_causal_cls_pooling", "marker_order_cls_pooling",
           "slow_convergence setup_stall",
           "use_causal_mask=True copied from a GPT block into an encoder that pools the "
           "[CLS] position first in the row (it attends only to itself): training acc 0.507 "
           "/ 0.526, plain val acc 0.516 / 0.516 vs 0.988 / 0.988", causal=True,
           pooling="cls"),
    faulty("marker_order_attention_dropout_0_9", "marker_order_encoder",
           "high_dropout inference_mismatch slow_convergence",
           "MultiHeadAttention(dropout=0.9): 90 % of the attention weights dropped in "
           "training, none at validation: training acc 0.959 / 0.943, plain val acc 0.879 / "
           "0.832 vs 0.990 / 0.986", attn_dropout=0.9),
    faulty("marker_order_key_dim_1", "marker_order_encoder",
           "slow_convergence setup_stall",
           "MultiHeadAttention(num_heads=1, key_dim=1): a one-number query / key / value on "
           "32-wide tokens: training acc 0.922 / 0.885, plain val acc 0.925 / 0.885 vs 0.990 "
           "/ 0.986", heads=1, key_dim=1),
    faulty("seq2seq_reverse_no_positions", "seq2seq_reverse",
           "slow_convergence setup_stall",
           "no position embedding in the encoder or the decoder on the reverse task: "
           "training token acc 0.387 / 0.387, plain val 0.394 / 0.399 vs 1.000 / 0.999",
           positions="none"),
    faulty("seq2seq_reverse_one_epoch", "seq2seq_reverse",
           "small_budget slow_convergence",
           "epochs=1 (47 steps): plain val token acc 0.300 / 0.303 vs 1.000 / 0.999",
           epochs=1),
    faulty("seq2seq_reverse_attention_dropout_0_9", "seq2seq_reverse",
           "high_dropout slow_convergence setup_stall",
           "MultiHeadAttention(dropout=0.9) in every attention layer: training token acc "
           "0.228 / 0.211, plain val 0.216 / 0.240 vs 1.000 / 0.999", attn_dropout=0.9),
    faulty("seq2seq_reverse_key_dim_1", "seq2seq_reverse",
           "slow_convergence setup_stall",
           "MultiHeadAttention(num_heads=1, key_dim=1) everywhere on 64-wide tokens: "
           "training token acc 0.180 / 0.115, plain val 0.245 / 0.127 vs 1.000 / 0.999",
           heads=1, key_dim=1),
    faulty("seq2seq_reverse_post_norm_no_warmup", "seq2seq_reverse_post_norm_warmup",
           "learning_rate_out_of_range exploding_gradient slow_convergence setup_stall",
           "3 post-norm blocks a side at Adam(5e-3) from the first step, no warmup: "
           "training token acc 0.256 / 0.237, plain val 0.284 / 0.264 vs 1.000 / 1.000",
           warmup=0),
    faulty("retrieval_unscaled_attention", "retrieval_scaled_attention",
           "vanishing_gradient slow_convergence setup_stall",
           "hand-written attention without the 1 / sqrt(d) (logits q k^T on LayerNormed "
           "64-wide inputs, a saturated softmax): training acc 0.755 / 0.323, plain val acc "
           "0.773 / 0.309 vs 0.999 / 0.996", scale=False),
    faulty("retrieval_no_positions", "retrieval_scaled_attention",
           "slow_convergence setup_stall",
           "no position embedding (which token follows the marker cannot be told): training "
           "acc 0.383 / 0.402, plain val acc 0.309 / 0.324 vs 0.999 / 0.996",
           positions="none"),
    faulty("retrieval_no_layer_norm", "retrieval_scaled_attention",
           "vanishing_gradient slow_convergence setup_stall",
           "no LayerNorm before the hand-written attentions (the raw embeddings, ~0.05 a "
           "component, give near-zero logits: uniform attention, tiny q / k gradients): "
           "training acc 0.395 / 0.382, plain val acc 0.342 / 0.351 vs 0.999 / 0.996",
           layer_norm=False),
]]


def forty_sixth(case: Case) -> Case:
    return replace(case, batch=46)


# Batch 46 (session "practice46"): learning-rate schedules and training callbacks as
# practitioners use them in Keras 3: the `keras.optimizers.schedules` classes, hand-written
# `LearningRateScheduler` functions, a hand-written one-cycle callback and cyclical schedule
# class, ReduceLROnPlateau, EarlyStopping, ModelCheckpoint, TerminateOnNaN; on sklearn digits
# and generated tables. Written without reading the detection / repair rules or their
# settings. Labels set by plain Keras training (seeds 11 and 22) before any Watch /
# autotrainer run: faulty when the final validation accuracy is >= 5 points below the
# counterpart's on both seeds (regression: the final validation loss >= 1.5x).
B46M = batch46_models
HEALTHY_46 += [forty_sixth(c) for c in [
    healthy("digits_mlp_adam", B46M.digits_mlp, "sklearn digits (1297 train, 500 validate), "
            "Flatten -> Dense 128 -> Dense 64 ReLU -> softmax 10, Adam(1e-3) constant, batch "
            "32 (41 steps an epoch), 30 ep: plain val acc 0.966 / 0.972"),
    healthy("digits_mlp_exponential_decay", B46M.digits_mlp, "ExponentialDecay(1e-3, "
            "decay_steps=5 epochs x 41 steps, 0.5, staircase): plain val acc 0.956 / 0.966",
            schedule="exponential"),
    healthy("digits_mlp_piecewise_decay", B46M.digits_mlp, "PiecewiseConstantDecay at "
            "epochs 10 and 20 converted to steps (410, 820), 1e-3 / 1e-4 / 1e-5: plain val acc "
            "0.956 / 0.968", schedule="piecewise"),
    healthy("digits_mlp_inverse_time_decay", B46M.digits_mlp, "InverseTimeDecay(1e-3, "
            "decay_steps=41 (an epoch), 0.5): plain val acc 0.946 / 0.956",
            schedule="inverse_time", decay_epochs=1.0),
    healthy("digits_mlp_cosine_warmup", B46M.digits_mlp, "CosineDecay(0.0, warmup_target="
            "3e-3, warmup_steps=2 epochs, then cosine to 0 at the last step): plain val acc "
            "0.972 / 0.976", schedule="cosine_warmup"),
    healthy("digits_mlp_step_scheduler", B46M.digits_mlp, "LearningRateScheduler(lambda "
            "epoch, lr: 1e-3 * 0.5 ** (epoch // 8)): plain val acc 0.964 / 0.968",
            schedule="function"),
    healthy("digits_mlp_cosine_warmup_peak_0_03", B46M.digits_mlp, "warmup to Adam(3e-2), "
            "10x the tuned peak: plain val acc 0.978 / 0.980 vs 0.972 / 0.976", peak=0.03,
            schedule="cosine_warmup"),
    healthy("digits_mlp_restarts_every_epoch_0_05", B46M.digits_mlp, "CosineDecayRestarts"
            "(0.05, first_decay_steps=41, t_mul=1.0): Adam back at 5e-2 at the start of every "
            "epoch: training acc 0.971 / 0.997, plain val acc 0.958 / 0.970 vs the constant "
            "Adam's 0.966 / 0.972 (val loss 0.21 / 0.17 vs 0.10 / 0.10)",
            schedule="cosine_restarts", restart_epochs=1.0, t_mul=1.0, peak=0.05),
    healthy("digits_mlp_compounding_scheduler", B46M.digits_mlp, "the Keras docs' "
            "scheduler copied as `lr * exp(-0.1 * epoch)` from epoch 1 (the decay compounds: "
            "exp(-0.05 e^2), ~1e-5 of the rate by epoch 15): plain val acc 0.930 / 0.946 vs "
            "the step scheduler's 0.964 / 0.968", schedule="function", fn="compound"),
    healthy("digits_cnn_sgd_step", B46M.digits_cnn, "digits as 8 x 8 images, Conv 16 -> "
            "Conv 32 -> MaxPool -> Dense 64 -> softmax 10, SGD(momentum 0.9), "
            "LearningRateScheduler(0.05 halved every 8 epochs) + TerminateOnNaN, batch 32, 20 "
            "ep: plain val acc 0.976 / 0.984"),
    healthy("digits_cnn_one_cycle", B46M.digits_cnn, "a hand-written one-cycle callback "
            "(set every batch: 0.002 -> 0.05 over 30 % of the steps, cosine down to 5e-6): "
            "plain val acc 0.984 / 0.986", policy="one_cycle"),
    healthy("digits_cnn_triangular", B46M.digits_cnn, "a hand-written triangular cyclical "
            "LearningRateSchedule (0.005 <-> 0.05, 4 epochs up, 4 down): plain val acc 0.988 "
            "/ 0.980", policy="triangular"),
    healthy("digits_cnn_one_cycle_total_100_epochs", B46M.digits_cnn, "the one-cycle's "
            "total steps computed for 100 epochs while fit runs 20 (the rate still rising "
            "at the end, never annealed): plain val acc 0.972 / 0.958 vs 0.984 / 0.986",
            policy="one_cycle", cycle_epochs=100),
    healthy("friedman_callbacks", B46M.friedman_mlp, "make_friedman1 regression (1800 "
            "train, 600 validate, standardised), Dense 64 ReLU x 2 -> Dense 1, MSE, Adam(3e-3), "
            "batch 32, 60 ep, ReduceLROnPlateau(val_loss, 0.5, patience 4) + EarlyStopping("
            "val_loss, patience 12, restore_best_weights) + ModelCheckpoint(save_best_only): "
            "plain val loss 0.0742 / 0.0750"),
    healthy("friedman_plateau_factor_0_01_patience_0", B46M.friedman_mlp, "ReduceLROnPlateau"
            "(factor=0.01, patience=0) on the noisy val_loss (the rate / 100 at every epoch "
            "without a new best, down to min_lr 1e-5): plain val loss 0.0699 / 0.0677 vs "
            "0.0742 / 0.0750", plateau_factor=0.01, plateau_patience=0),
    healthy("friedman_plateau_mode_max", B46M.friedman_mlp, "ReduceLROnPlateau(monitor="
            "'val_loss', mode='max'): a falling loss counts as no improvement, the rate halved "
            "every 5 epochs to min_lr: plain val loss 0.0698 / 0.0684 vs 0.0742 / 0.0750",
            plateau_mode="max"),
    healthy("friedman_checkpoint_mode_max", B46M.friedman_mlp, "ModelCheckpoint(monitor="
            "'val_loss', mode='max', save_best_only=True): the saved file is the worst epoch's, "
            "training untouched: plain val loss 0.0742 / 0.0750 (identical)",
            checkpoint_mode="max"),
    healthy("tabular_early_stop_val_accuracy", B46M.tabular_mlp, "make_classification "
            "(2400 train, 600 validate, 20 standardised features), Dense 64 -> Dropout(0.2) -> "
            "Dense 32 -> sigmoid, Adam(1e-3), batch 64, 50 ep, EarlyStopping(val_accuracy, "
            "patience 8, restore_best_weights): plain val acc 0.922 / 0.918"),
]]

FAULTY_46 = [forty_sixth(c) for c in [
    faulty("digits_mlp_exponential_decay_steps_in_epochs", "digits_mlp_exponential_decay",
           "slow_convergence setup_stall learning_rate_out_of_range",
           "ExponentialDecay(1e-3, decay_steps=5, 0.5, staircase) meant as 'halve every 5 "
           "epochs': Keras counts steps, the rate halves every 5 steps (~4e-6 after one "
           "epoch): training acc 0.537 / 0.432, plain val acc 0.496 / 0.368 vs 0.956 / 0.966",
           decay_unit="epochs"),
    faulty("digits_mlp_piecewise_boundaries_in_epochs", "digits_mlp_piecewise_decay",
           "slow_convergence setup_stall learning_rate_out_of_range",
           "PiecewiseConstantDecay(boundaries=[10, 20]) meant as epochs: 1e-5 from step 20: "
           "training acc 0.803 / 0.756, plain val acc 0.768 / 0.722 vs 0.956 / 0.968",
           decay_unit="epochs"),
    faulty("digits_mlp_inverse_time_decay_steps_1", "digits_mlp_inverse_time_decay",
           "slow_convergence setup_stall learning_rate_out_of_range",
           "InverseTimeDecay(1e-3, decay_steps=1, 0.5) meant as 'per epoch': 1e-3 / (1 + "
           "step / 2), ~1.6e-6 by the end: training acc 0.683 / 0.564, plain val acc 0.638 "
           "/ 0.494 vs 0.946 / 0.956", decay_unit="epochs"),
    faulty("digits_mlp_cosine_warmup_peak_1", "digits_mlp_cosine_warmup",
           "exploding_gradient oscillating_loss dying_relu learning_rate_out_of_range",
           "warmup_target=1.0 (Adam warmed up to a rate of 1): training acc 0.096 / 0.106, "
           "plain val acc 0.080 / 0.080 vs 0.972 / 0.976", peak=1.0),
    faulty("digits_mlp_scheduler_returns_10", "digits_mlp_step_scheduler",
           "exploding_gradient oscillating_loss dying_relu learning_rate_out_of_range",
           "the LearningRateScheduler function's base written as 10 (a percent / 'times 1e-3' "
           "slip): Adam at 10, halved every 8 epochs: training acc 0.097 / 0.100, plain val "
           "acc 0.110 / 0.102 vs 0.964 / 0.968", fn_base=10.0),
    faulty("digits_mlp_scheduler_returns_1e_8", "digits_mlp_step_scheduler",
           "slow_convergence setup_stall learning_rate_out_of_range",
           "the LearningRateScheduler function's base written as 1e-8: training acc 0.163 / "
           "0.110, plain val acc 0.134 / 0.100 vs 0.964 / 0.968", fn_base=1e-8),
    faulty("digits_mlp_scheduler_halve_each_epoch", "digits_mlp_step_scheduler",
           "slow_convergence learning_rate_out_of_range",
           "LearningRateScheduler(lambda epoch: 1e-3 * 0.5 ** epoch) (the step decay's "
           "'// 8' left out: ~1e-6 by epoch 10): training acc 0.924 / 0.927, plain val acc "
           "0.900 / 0.892 vs 0.964 / 0.968", fn="halve_each_epoch"),
    faulty("digits_cnn_one_cycle_max_lr_2", "digits_cnn_one_cycle",
           "exploding_gradient oscillating_loss dying_relu learning_rate_out_of_range",
           "the one-cycle's max_lr=2.0 (an LR-finder reading taken past the loss minimum) on "
           "SGD(momentum 0.9): training acc 0.106 / 0.094, plain val acc 0.090 / 0.090 vs "
           "0.984 / 0.986", max_lr=2.0),
    faulty("digits_cnn_triangular_max_lr_1", "digits_cnn_triangular",
           "exploding_gradient oscillating_loss dying_relu learning_rate_out_of_range",
           "the triangular cycle's top at 1.0 on SGD(momentum 0.9) (0.005 <-> 1.0): training "
           "acc 0.109 / 0.096, plain val acc 0.110 / 0.080 vs 0.988 / 0.980", max_lr=1.0),
    faulty("friedman_early_stop_mode_max", "friedman_callbacks",
           "monitor_mode_mismatch small_budget slow_convergence",
           "EarlyStopping(monitor='val_loss', mode='max', patience=1, restore_best_weights): "
           "the falling loss is no improvement, training stops after epoch 2 (4 s vs 17-18 "
           "s): plain val loss 0.120 / 0.146 vs 0.0742 / 0.0750 (1.6x / 1.9x)",
           stop_mode="max", stop_patience=1),
    faulty("tabular_early_stop_val_accuracy_mode_min", "tabular_early_stop_val_accuracy",
           "monitor_mode_mismatch small_budget slow_convergence",
           "EarlyStopping(monitor='val_accuracy', mode='min', patience=8, "
           "restore_best_weights): a rising accuracy is no improvement, stops after epoch 9 "
           "(5-6 s vs 18-20 s): plain val acc 0.867 / 0.862 vs 0.922 / 0.918 (the last "
           "epoch's; the restored weights are the lowest-accuracy epoch's)", stop_mode="min"),
    faulty("tabular_early_stop_val_loss_mode_max", "tabular_early_stop_val_accuracy",
           "monitor_mode_mismatch small_budget slow_convergence",
           "EarlyStopping(monitor='val_loss', mode='max', patience=2, restore_best_weights): "
           "stops after epoch 3 (3-4 s): plain val acc 0.770 / 0.797 vs 0.922 / 0.918",
           stop_monitor="val_loss", stop_mode="max", stop_patience=2),
]]


def forty_eighth(case: Case) -> Case:
    return replace(case, batch=48)


# Batch 48 (session "practice48"): audio and spectrogram classification in Keras 3 on
# generated clips (six classes: low / high tones, up / down chirps, noise bursts, a two-step
# "keyword"; 1800 train, 600 validate): log-mel features from tf.signal.stft, a 2-D CNN with
# a per-bin Normalization and SpecAugment-style masking, a 1-D CNN over the frames, a 1-D
# CNN on the raw waveform. Written without reading the detection / repair rules or their
# settings. Labels set by plain Keras training (seeds 11 and 22) before any Watch /
# autotrainer run: faulty when the final validation accuracy is >= 5 points below the
# counterpart's on both seeds.
B48M = batch48_models
HEALTHY_48 += [forty_eighth(c) for c in [
    healthy("spec_cnn_log_mel", B48M.spec_cnn, "log-mel spectrograms (61 frames x 32 bins) "
            "of generated six-class clips, Normalization(axis=-2) adapted per mel bin -> 3 x "
            "(Conv2D 16 / 32 / 64 -> MaxPool 2) -> GAP -> Dropout(0.2) -> softmax 6, "
            "Adam(1e-3), batch 32, 8 ep: plain val acc 0.978 / 0.983"),
    healthy("spec_cnn_linear_unnormalised", B48M.spec_cnn, "a linear mel magnitude (no log) "
            "of the clips read at int16 scale (150 .. 1.3e6, mean 3.4e4), no Normalization: "
            "training loss 2.8 / 8.4, plain val acc 0.987 / 0.985 vs 0.978 / 0.983 (val loss "
            "0.43 / 1.34 vs 0.10 / 0.09)", features="linear", norm="none"),
    healthy("spec_cnn_linear_per_bin_norm", B48M.spec_cnn, "the linear int16-scale mel "
            "magnitude (no log) with the per-bin Normalization: plain val acc 0.967 / 0.948 "
            "vs 0.978 / 0.983", features="linear"),
    healthy("spec_cnn_sigmoid_head", B48M.spec_cnn, "Dense(6, activation='sigmoid') on the "
            "multi-class head with sparse CE (Keras' TF backend computes the loss from the "
            "sigmoid's logits: the same run to the digit): plain val acc 0.978 / 0.983 vs "
            "0.978 / 0.983", head="sigmoid"),
    healthy("spec_cnn_pool_4_one_by_one", B48M.spec_cnn, "MaxPooling2D(4) in each of the 3 "
            "blocks (61 x 32 -> 16 x 8 -> 4 x 2 -> 1 x 1: the last conv sees a 1 x 1 map): "
            "plain val acc 1.000 / 1.000 vs 0.978 / 0.983", pool=4),
    healthy("frame_cnn_time_major", B48M.frame_cnn, "the log-mel spectrogram as 61 frames "
            "of 32 bin channels, Normalization(axis=-1) -> Conv1D 64 5 x 2 -> "
            "GlobalMaxPooling1D over time -> Dense 64 -> softmax 6, Adam(1e-3), batch 32, 10 "
            "ep: plain val acc 1.000 / 0.998"),
    healthy("frame_cnn_freq_major", B48M.frame_cnn, "the arrays transposed to (32 bins, 61 "
            "frames), as librosa returns them, fed to the same code: it convolves and "
            "max-pools over frequency, the frames become channels: plain val acc 0.995 / "
            "0.995 vs 1.000 / 0.998", layout="freq_major"),
    healthy("wave_cnn_float", B48M.wave_cnn, "a 1-D CNN on the raw waveform (2048 samples in "
            "[-1, 1]): Conv1D 32 16 stride 4 -> MaxPool 4 -> Conv1D 64 7 -> MaxPool 4 -> "
            "Conv1D 64 5 -> GAP -> softmax 6, Adam(1e-3), batch 32, 10 ep: plain val acc "
            "0.993 / 0.993"),
    healthy("wave_cnn_int16_adam", B48M.wave_cnn, "the samples at int16 scale (+-32768, as "
            "wavfile.read returns them) fed unscaled, Adam(1e-3): plain val acc 0.987 / "
            "0.982 vs 0.993 / 0.993 (val loss 0.15 / 0.44 vs 0.02 / 0.02)", scale="int16"),
    healthy("wave_cnn_stride_64", B48M.wave_cnn, "the first Conv1D(32, 16) with strides=64 "
            "(3 of 4 samples never seen, 32 frames): plain val acc 0.982 / 0.978 vs 0.993 / "
            "0.993", stride=64),
    healthy("wave_cnn_sigmoid_head", B48M.wave_cnn, "a sigmoid multi-class head with sparse "
            "CE: plain val acc 0.993 / 0.990 vs 0.993 / 0.993 (the losses identical to the "
            "softmax runs; seed 22's accuracy lower by ties among saturated sigmoids)",
            head="sigmoid"),
    healthy("wave_cnn_sgd_momentum", B48M.wave_cnn, "SGD(0.01, momentum=0.9) on the [-1, 1] "
            "waveform: plain val acc 0.977 / 0.990 vs 0.993 / 0.993",
            optimizer="sgd_momentum", lr=0.01),
    healthy("spec_cnn_sgd_momentum", B48M.spec_cnn, "SGD(0.01, momentum=0.9) on the "
            "normalised log-mel spectrograms: plain val acc 0.970 / 0.963 vs 0.978 / 0.983",
            optimizer="sgd_momentum", lr=0.01),
    healthy("spec_cnn_per_frame_norm", B48M.spec_cnn, "Normalization(axis=1): a mean / sd a "
            "time frame instead of a mel bin (the wrong axis): plain val acc 0.987 / 0.987 vs "
            "0.978 / 0.983", norm="per_frame"),
    healthy("spec_cnn_spec_mask_10", B48M.spec_cnn, "SpecAugment-style masking, up to 10 "
            "frames and 5 bins a training clip: plain val acc 0.988 / 0.960 vs 0.978 / 0.983",
            mask=10),
]]

FAULTY_48 = [forty_eighth(c) for c in [
    faulty("spec_cnn_sgd_lr_1", "spec_cnn_log_mel",
           "learning_rate_out_of_range exploding_gradient oscillating_loss setup_stall",
           "SGD(learning_rate=1.0): training acc 0.157 / 0.164 (seed 22's loss NaN), plain "
           "val acc 0.175 / 0.175 vs 0.978 / 0.983", optimizer="sgd", lr=1.0),
    faulty("spec_cnn_mask_60_frames", "spec_cnn_log_mel",
           "abnormal_data slow_convergence",
           "SpecAugment-style masking copied with widths for long clips: up to 60 of the 61 "
           "frames and 30 of the 32 bins zeroed in each training clip (the event often "
           "masked away): training acc 0.454 / 0.461, plain val acc 0.817 / 0.885 vs 0.978 "
           "/ 0.983", mask=60),
    faulty("spec_cnn_one_epoch_batch_256", "spec_cnn_log_mel",
           "small_budget slow_convergence",
           "epochs=1 at batch 256 (8 steps in all): plain val acc 0.250 / 0.360 vs 0.978 / "
           "0.983", epochs=1, batch_size=256),
    faulty("spec_cnn_linear_head", "spec_cnn_log_mel",
           "improper_output output_loss_mismatch slow_convergence",
           "Dense(6) with no activation (linear outputs) fed to sparse CE with "
           "from_logits=False (negative 'probabilities' clipped): training acc 0.332 / 0.323, "
           "plain val acc 0.407 / 0.157 vs 0.978 / 0.983", head="linear"),
    faulty("spec_cnn_val_labels_alphabetical", "spec_cnn_log_mel",
           "validation_shift label_mismatch",
           "the validation class ids from sorted(os.listdir(val_dir)), the training ids from "
           "the class list (five of six classes carry another id): training acc 0.956 / "
           "0.949, plain val acc 0.163 / 0.163 (val loss 10.1 / 10.8) vs 0.978 / 0.983",
           val_labels="alphabetical"),
    faulty("wave_cnn_sgd_lr_1", "wave_cnn_float",
           "learning_rate_out_of_range exploding_gradient oscillating_loss setup_stall",
           "SGD(learning_rate=1.0) on the raw waveform: training acc 0.157 / 0.162, plain val "
           "acc 0.175 / 0.163 vs 0.993 / 0.993", optimizer="sgd", lr=1.0),
    faulty("wave_cnn_int16_sgd_momentum", "wave_cnn_sgd_momentum",
           "unscaled_input exploding_gradient setup_stall",
           "the int16-scale samples (+-32768) fed unscaled to SGD(0.01, momentum=0.9): "
           "training acc 0.169 / 0.164 (seed 22's loss NaN), plain val acc 0.153 / 0.175 vs "
           "0.977 / 0.990", scale="int16", optimizer="sgd_momentum", lr=0.01),
    faulty("wave_cnn_stride_256", "wave_cnn_float",
           "slow_convergence setup_stall",
           "the first Conv1D(32, 16) with strides=256 (8 frames of 16 samples: 15 of 16 "
           "samples never seen, the tones aliased): training acc 0.887 / 0.891, plain val acc "
           "0.818 / 0.835 vs 0.993 / 0.993", stride=256),
    faulty("wave_cnn_lr_1e_5", "wave_cnn_float",
           "learning_rate_out_of_range slow_convergence setup_stall",
           "Adam(1e-5) (570 steps): training acc 0.426 / 0.324, plain val acc 0.452 / 0.313 "
           "vs 0.993 / 0.993", lr=1e-5),
    faulty("spec_cnn_linear_unnormalised_sgd_momentum", "spec_cnn_sgd_momentum",
           "unscaled_input exploding_gradient setup_stall",
           "the linear int16-scale mel magnitude (no log, 150 .. 1.3e6) with no Normalization "
           "under SGD(0.01, momentum=0.9): training acc 0.169 / 0.156, plain val acc 0.153 / "
           "0.153 vs 0.970 / 0.963", features="linear", norm="none", optimizer="sgd_momentum",
           lr=0.01),
]]


def forty_seventh(case: Case) -> Case:
    return replace(case, batch=47)


# Batch 47 (session "practice47"): tabular regression with Keras 3 preprocessing layers:
# Normalization with adapt, Discretization, CategoryEncoding, IntegerLookup / StringLookup,
# HashedCrossing, a wide-and-deep model on named inputs passed as a dict, a log target,
# Normalization(invert=True) on the output, Huber / MSE / MAE on generated and sklearn-bundled
# tables. Written without reading the detection / repair rules or their settings. Labels set
# by plain Keras training (seeds 11 and 22) before any Watch / autotrainer run: faulty when
# the final validation loss is >= 1.5x the counterpart's on both seeds (on the counterpart's
# loss and target scale; where the fault changes them, the same validation metric: the
# dollar MAE for the houses, the MAE for Friedman).
B47M = batch47_models
HEALTHY_47 += [forty_seventh(c) for c in [
    healthy("house_wide_deep", B47M.house_wide_deep, "house prices (2400 training rows, 600 "
            "validation rows), seven named inputs as a dict: Normalization (adapted) on sqft "
            "and lot, Discretization of age into decades (one-hot), IntegerLookup on bedrooms "
            "and zipcode, StringLookup on neighbourhood and house type, a HashedCrossing "
            "(neighbourhood x type, 64 bins) in the wide part; deep Dense 64-32 + wide Dense "
            "1 summed, log(price) target, MSE, Adam(1e-3), batch 64, 30 ep: plain val loss "
            "0.0332 / 0.0353 (dollar MAE 15548 / 16020)"),
    healthy("house_relu_output", B47M.house_wide_deep, "a ReLU on the regression output (the "
            "log prices, 9.8..13.3, are all positive): plain val loss 0.0324 / 0.0339 vs 0.0332 "
            "/ 0.0353", output="relu"),
    healthy("house_huber_loss", B47M.house_wide_deep, "Huber(delta=1) instead of MSE on the "
            "log target: plain val dollar MAE 10875 / 9529 vs 15548 / 16020 (val loss 0.0078 "
            "/ 0.0072, Huber's half-square scale)", loss="huber"),
    healthy("net_load_bins_cross", B47M.net_load_model, "hourly net load in GW (3200 "
            "training rows, 800 validation rows, ~21 % negative), four named inputs: hour "
            "through Discretization([3, 6, .., 21]) + CategoryEncoding(8), weekday through "
            "CategoryEncoding(7), HashedCrossing(hour bin x weekday, 64), Normalization "
            "(adapted) on temperature and cloud; Dense 64-32 -> Dense 1 linear, MSE, "
            "Adam(1e-3), batch 32, 25 ep: plain val loss 0.2027 / 0.1981"),
    healthy("net_load_hour_normalized", B47M.net_load_model, "the hour through "
            "Normalization as a number (the 3-hour bins only in the cross): plain val loss "
            "0.0727 / 0.0717 vs 0.2027 / 0.1981", hour_bins="hour"),
    healthy("net_load_weekday_normalized", B47M.net_load_model, "the weekday index 0..6 "
            "through Normalization as a continuous number instead of one-hot: plain val loss "
            "0.1983 / 0.1926 vs 0.2027 / 0.1981", weekday="normalize"),
    healthy("net_load_no_cross", B47M.net_load_model, "no HashedCrossing: plain val loss "
            "0.1961 / 0.1879 vs 0.2027 / 0.1981", cross=False),
    healthy("net_load_not_adapted", B47M.net_load_model, "the Normalization layers on "
            "temperature (~18 +- 8 deg C) and cloud (0..1) never adapted (identity): plain "
            "val loss 0.1944 / 0.2063 vs 0.2027 / 0.1981", adapt="none"),
    healthy("diabetes_normalization_inverse", B47M.diabetes_normalized, "sklearn's diabetes "
            "on its own units (342 training rows, 100 validation rows): Normalization adapted "
            "on the training features -> Dense 32 ReLU x 2 -> Dense 1 -> "
            "Normalization(invert=True) adapted on the targets (loss on the raw score), MSE, "
            "Adam(1e-3), batch 32, 50 ep: plain val loss 3053 / 2594 (mae 44.2 / 40.5)"),
    healthy("diabetes_adapted_on_validation", B47M.diabetes_normalized, "the input "
            "Normalization adapted on the validation rows instead of the training rows: "
            "plain val loss 3156 / 2525 vs 3053 / 2594", adapt="validation"),
    healthy("diabetes_huber_raw_scale", B47M.diabetes_normalized, "Huber(delta=1) on the "
            "raw score (residuals ~50: an MAE in effect): plain val mae 45.5 / 39.1 vs 44.2 "
            "/ 40.5", loss="huber"),
    healthy("friedman_huber_outliers", B47M.friedman_robust, "Friedman #1 (2000 training "
            "rows, 5 % of the targets recorded x10; 500 clean validation rows), Dense 64 ReLU "
            "x 2 -> Dense 1, Huber(delta=1), Adam(1e-3), batch 32, 40 ep: plain val mae "
            "1.428 / 1.332"),
    healthy("friedman_mae_outliers", B47M.friedman_robust, "MAE loss on the same outliers: "
            "plain val mae 1.484 / 1.337 vs 1.428 / 1.332", loss="mae"),
    healthy("friedman_clean_mse", B47M.friedman_robust, "clean targets (no outliers), MSE: "
            "plain val mae 1.350 / 1.265 (val loss 3.24 / 2.66)", outliers=0.0, loss="mse"),
]]

FAULTY_47 = [forty_seventh(c) for c in [
    faulty("house_normalization_not_adapted", "house_wide_deep",
           "unscaled_input exploding_gradient slow_convergence setup_stall",
           "the Normalization layers on sqft (~1800) and lot (~8000) never adapted (identity: "
           "raw square feet into the Dense layers): plain val loss 10.76 / 6.12 vs 0.0332 / "
           "0.0353 (dollar MAE 3.6e9 / 9.2e7)", adapt="none"),
    faulty("house_normalization_adapted_on_price", "house_wide_deep",
           "collapsed_input constant_input unscaled_input slow_convergence",
           "the sqft and lot Normalization layers adapted on the price column (mean "
           "~1.1e5): the features become ~-1.7 / -1.6 with spreads 0.011 / 0.077: plain val "
           "loss 0.0845 / 0.0842 vs 0.0332 / 0.0353 (2.5x / 2.4x; dollar MAE 22819 / 23231)",
           adapt="price"),
    faulty("house_age_bins_in_months", "house_wide_deep",
           "constant_input slow_convergence",
           "Discretization boundaries for age written in months (120..1080) while age is in "
           "years (0..100): every house in the first bin: plain val loss 0.0590 / 0.0593 vs "
           "0.0332 / 0.0353 (1.8x / 1.7x; dollar MAE 21847 / 21205)", age_bins="months"),
    faulty("house_zipcode_normalized", "house_wide_deep",
           "abnormal_data collapsed_input slow_convergence",
           "the zipcode ids (98001..98040, each with its own premium) through Normalization "
           "as a continuous number instead of IntegerLookup: plain val loss 0.0633 / 0.0783 "
           "vs 0.0332 / 0.0353 (1.9x / 2.2x; dollar MAE 22099 / 23453)", zipcode="normalize"),
    faulty("house_neighbourhood_index_as_number", "house_wide_deep",
           "abnormal_data collapsed_input slow_convergence",
           "StringLookup(output_mode='int') on neighbourhood, the index cast to float and fed "
           "to the Dense layers as a number (the cross still one-hot): plain val loss 0.0643 "
           "/ 0.0633 vs 0.0332 / 0.0353 (1.9x / 1.8x; dollar MAE 21835 / 20768)",
           neighbourhood="index"),
    faulty("house_sigmoid_output", "house_wide_deep",
           "improper_output output_loss_mismatch vanishing_gradient setup_stall",
           "a sigmoid on the output of an unbounded log-price target (9.8..13.3): plain val "
           "loss 109.0 / 109.0 vs 0.0332 / 0.0353 (dollar MAE 107129 / 107129: the mean "
           "price)", output="sigmoid"),
    faulty("house_raw_price_target", "house_wide_deep",
           "unscaled_target slow_convergence setup_stall",
           "the price left in dollars (mean ~1.1e5) as the target under MSE at Adam(1e-3): plain "
           "val dollar MAE 58719 / 61129 vs 15548 / 16020 (3.8x / 3.8x; val loss 6.5e9 / "
           "6.8e9)", target="raw"),
    faulty("house_log_target_raw_validation", "house_wide_deep",
           "validation_shift label_mismatch",
           "trained on log(price) but validation_data given the prices in dollars (the log "
           "applied to the training targets only): training loss 0.0273 / 0.0329 as the "
           "counterpart's, plain val loss 1.5e10 / 1.5e10 (dollar MAE inf) vs 0.0332 / "
           "0.0353", target="log_val_raw"),
    faulty("net_load_relu_output", "net_load_bins_cross",
           "improper_output output_loss_mismatch dying_relu",
           "Dense(1, activation='relu') on a target negative on ~21 % of the rows: plain val "
           "loss 0.580 / 0.571 vs 0.2027 / 0.1981 (2.9x / 2.9x)", output="relu"),
    faulty("net_load_sigmoid_output", "net_load_bins_cross",
           "improper_output output_loss_mismatch setup_stall",
           "a sigmoid output on an unbounded target (-3.5..+5.9 GW): plain val loss 1.816 / "
           "1.814 vs 0.2027 / 0.1981 (9.0x / 9.2x)", output="sigmoid"),
    faulty("net_load_hour_bins_in_minutes", "net_load_bins_cross",
           "constant_input slow_convergence",
           "Discretization boundaries written in minutes (180..1260) while the hour column "
           "is 0..23: every row in the first bin (the hour one-hot and the cross constant "
           "in the hour): plain val loss 2.196 / 2.185 vs 0.2027 / 0.1981 (10.8x / 11.0x)",
           hour_bins="minutes"),
    faulty("friedman_mse_outliers", "friedman_huber_outliers",
           "abnormal_data oscillating_loss",
           "MSE instead of Huber on targets with 5 % data-entry outliers (x10): plain val "
           "mae 5.145 / 6.391 vs 1.428 / 1.332 (3.6x / 4.8x)", loss="mse"),
]]


def forty_fifth(case: Case) -> Case:
    return replace(case, batch=45)


# Batch 45 (session "practice45"): recurrent networks and sequence labelling in Keras 3:
# Embedding(mask_zero) -> [Bi]LSTM / GRU -> TimeDistributed softmax taggers on a generated
# part-of-speech-like task, stacked LSTMs classifying generated waveforms, an LSTM one-step
# forecaster on sliding windows, a many-to-many LSTM denoiser. Written without reading the
# detection / repair rules or their settings. Labels set by plain Keras training (seeds 11
# and 22) before any Watch / autotrainer run: faulty when the final validation accuracy is
# >= 5 points below the counterpart's on both seeds (regression: the final validation loss
# >= 1.5x).
B45M = batch45_models
HEALTHY_45 += [forty_fifth(c) for c in [
    healthy("tagger_bilstm_mask_zero", B45M.pos_tagger, "token tagging (1500 sentences of "
            "6..30 words post-padded to 32, 600 validate; 6 tags, ambiguous words told by "
            "their neighbours): Embedding(211, 32, mask_zero=True) -> Bidirectional(LSTM(32, "
            "return_sequences=True)) -> TimeDistributed(Dense(7, softmax)), sparse CE, Adam("
            "1e-3), batch 64, 8 ep: plain val masked token acc 0.953 / 0.958"),
    healthy("tagger_lstm_unidirectional", B45M.pos_tagger, "a streaming tagger, one forward "
            "LSTM(32, return_sequences=True) (no right context): plain val masked token acc "
            "0.935 / 0.927", bidirectional=False),
    healthy("tagger_stacked_bigru", B45M.pos_tagger, "two stacked Bidirectional(GRU(32, "
            "return_sequences=True)): plain val masked token acc 0.969 / 0.969", rnn="gru",
            depth=2),
    healthy("tagger_recurrent_dropout_0_2", B45M.pos_tagger, "LSTM(recurrent_dropout=0.2): "
            "plain val masked token acc 0.953 / 0.956 vs 0.953 / 0.958",
            recurrent_dropout=0.2),
    healthy("waves_stacked_lstm", B45M.wave_classifier, "waveform classes (1600 training / "
            "400 validation series of 48 steps, 2 sensor channels; sine / square at two "
            "frequencies), standardised per channel on the training rows, LSTM(32, "
            "return_sequences=True) -> LSTM(32) -> softmax 4, Adam(3e-3), batch 32, 12 ep: "
            "plain val acc 0.923 / 0.880"),
    healthy("waves_return_sequences_flatten", B45M.wave_classifier, "the last LSTM keeps "
            "return_sequences=True and a Flatten feeds the softmax (every step's state "
            "read): plain val acc 0.945 / 0.918 vs 0.923 / 0.880",
            return_sequences_last=True, pool="flatten"),
    healthy("forecast_lstm_windows", B45M.load_forecast, "a generated hourly load series "
            "(6000 steps, the first 80 % train), standardised on the training part, sliding "
            "windows of 48 -> the next value, LSTM(32) -> Dense(1), MSE, Adam(1e-3), batch "
            "64, 12 ep: plain val loss 0.0238 / 0.0223"),
    healthy("forecast_windows_unshuffled", B45M.load_forecast, "shuffle=False on the "
            "overlapping windows (in time order every epoch): plain val loss 0.0261 / 0.0228 "
            "vs 0.0238 / 0.0223", shuffle=False),
    healthy("denoiser_lstm_time_distributed", B45M.denoiser, "noisy two-sine series (1200 "
            "training / 500 validation, 48 steps) -> the clean series, LSTM(32, "
            "return_sequences=True) -> TimeDistributed(Dense(1)), MSE, Adam(1e-3), batch 32, "
            "12 ep: plain val loss 0.0936 / 0.0877"),
    healthy("denoiser_bilstm", B45M.denoiser, "Bidirectional(LSTM(32, return_sequences=True)) "
            "-> TimeDistributed(Dense(1)): plain val loss 0.0405 / 0.0407",
            bidirectional=True),
]]

FAULTY_45 = [forty_fifth(c) for c in [
    faulty("tagger_padding_in_loss_maxlen_96", "tagger_bilstm_mask_zero",
           "slow_convergence setup_stall vanishing_gradient",
           "pad_sequences(maxlen=96) without mask_zero and without sample weights: 66-90 "
           "padding steps a sentence read by both LSTM directions and counted in the loss: "
           "training masked acc 0.795 / 0.787, plain val masked token acc 0.830 / 0.805 vs "
           "0.953 / 0.958", mask_zero=False, maxlen=96),
    faulty("tagger_labels_shifted_one_step", "tagger_lstm_unidirectional",
           "label_mismatch slow_convergence setup_stall",
           "y[:, 1:] against x[:, :-1] in a forward-only tagger: each token labelled with the "
           "next token's tag, which it has not read: training masked acc 0.571 / 0.566, plain "
           "val 0.570 / 0.569 vs 0.935 / 0.927", labels="shifted"),
    faulty("tagger_labels_transposed", "tagger_bilstm_mask_zero",
           "label_mismatch slow_convergence setup_stall",
           "the tag matrix built time-major and reshaped without transposing back (y.T"
           ".reshape(n, 32)): labels no longer belong to their tokens: training masked acc "
           "0.000 / 0.000 (the padding tag predicted), plain val 0.000 / 0.000 vs 0.953 / "
           "0.958", labels="transposed"),
    faulty("tagger_recurrent_dropout_0_9", "tagger_bilstm_mask_zero",
           "high_dropout slow_convergence",
           "LSTM(recurrent_dropout=0.9): training masked acc 0.827 / 0.783, plain val masked "
           "token acc 0.858 / 0.816 vs 0.953 / 0.958", recurrent_dropout=0.9),
    faulty("waves_unscaled_signal", "waves_stacked_lstm",
           "unscaled_input slow_convergence setup_stall vanishing_gradient",
           "the sensor units (~300..700 and ~50..110) fed to the LSTMs unscaled (saturated "
           "gates): training acc 0.251 / 0.244, plain val acc 0.230 / 0.230 vs 0.923 / 0.880",
           scale="none"),
    faulty("waves_time_feature_transposed", "waves_stacked_lstm",
           "slow_convergence setup_stall",
           "x.transpose(0, 2, 1): 2 'steps' of 48 features (the time axis read as features, "
           "an MLP on the raw samples): training acc 0.959 / 0.984, plain val acc 0.805 / "
           "0.810 vs 0.923 / 0.880", layout="transposed"),
    faulty("forecast_return_sequences_before_dense", "forecast_lstm_windows",
           "target_broadcast",
           "LSTM(return_sequences=True) kept before Dense(1) on a (n, 1) target: a (n, 48, 1) "
           "output, every step's prediction fitted to the one next value (MSE broadcast): "
           "plain val loss 0.486 / 0.417 vs 0.0238 / 0.0223 (20x / 19x)", head="sequences"),
    faulty("forecast_windows_unscaled", "forecast_lstm_windows",
           "unscaled_input slow_convergence",
           "the windows cut from the raw series (~150..290) and only the target standardised: "
           "plain val loss 0.0864 / 0.0738 vs 0.0238 / 0.0223 (3.6x / 3.3x)",
           scale="target_only"),
    faulty("denoiser_targets_one_step_ahead", "denoiser_lstm_time_distributed",
           "label_mismatch",
           "y[:, 1:] against x[:, :-1]: each step's clean target one step ahead of its noisy "
           "input: plain val loss 0.1497 / 0.1422 vs 0.0936 / 0.0877 (1.6x / 1.6x)", shift=1),
]]


def forty_ninth(case: Case) -> Case:
    return replace(case, batch=49)


# Batch 49 (session "practice49"): categorical and string features through Keras 3
# preprocessing layers on a generated shop table (10 000 train, 2 500 validate): StringLookup,
# IntegerLookup, Hashing, HashedCrossing, CategoryEncoding one-hot, TextVectorization
# multi_hot / count / tf_idf / int, Embeddings of categorical ids, Normalization, functional
# models with dict and list inputs, lookups adapted in the script. Written without reading
# the detection / repair rules or their settings. Labels set by plain Keras training (seeds
# 11 and 22) before any Watch / autotrainer run: faulty when the final validation accuracy is
# >= 5 points below the counterpart's on both seeds.
B49M = batch49_models
HEALTHY_49 += [forty_ninth(c) for c in [
    healthy("churn_city_one_hot", B49M.churn_mixed, "churn from city (50 levels), plan, age "
            "and income: dict inputs, StringLookup(one_hot) x 2 and a Normalization adapted "
            "on the training split, Dense 32 -> 16 ReLU -> sigmoid, Adam(1e-3), batch 64, 10 "
            "ep: plain val acc 0.933 / 0.932"),
    healthy("churn_lookups_adapted_on_val", B49M.churn_mixed, "the StringLookups adapted on "
            "the validation split (the same 50 cities and 4 plans, other frequencies): plain "
            "val acc 0.933 / 0.932 vs 0.933 / 0.932", adapt_on="val"),
    healthy("churn_city_embedding", B49M.churn_mixed, "city as StringLookup -> Embedding(51, "
            "8) -> Flatten: plain val acc 0.935 / 0.932 vs 0.933 / 0.932", city="embedding"),
    healthy("churn_age_in_years", B49M.churn_mixed, "the Normalization on income only, age "
            "left in years (18..80) next to the one-hot columns: plain val acc 0.923 / 0.925 vs "
            "0.933 / 0.932", scale="income_only"),
    healthy("churn_pipeline_shared_lookup", B49M.churn_preprocessed, "the city ids made "
            "outside the model by one StringLookup adapted on the training cities, age / "
            "income standardised on the training rows; list inputs [city id, numeric], "
            "Embedding(51, 8) -> Dense 32 ReLU -> sigmoid, Adam(1e-3), batch 64, 10 ep: plain "
            "val acc 0.908 / 0.906"),
    healthy("sku_embedding", B49M.sku_returns, "returns from the sku (1000 five-digit ids, "
            "~10 rows each) and age: IntegerLookup -> Embedding(1001, 16), list inputs, Dense "
            "32 ReLU -> sigmoid, Adam(1e-3), batch 64, 15 ep: plain val acc 0.919 / 0.925"),
    healthy("sku_one_hot_1001_columns", B49M.sku_returns, "IntegerLookup(output_mode="
            "'one_hot'): 1001 columns into Dense 32: plain val acc 0.929 / 0.928 vs 0.919 / "
            "0.925", encoding="one_hot"),
    healthy("sku_lookup_mask_token_0", B49M.sku_returns, "IntegerLookup(mask_token=0) copied "
            "from a padded-sequence tutorial: every id one higher, in both splits alike: "
            "plain val acc 0.920 / 0.920 vs 0.919 / 0.925", mask_token=0),
    healthy("sku_one_hot_lr_1e_2", B49M.sku_returns, "the one-hot sku at Adam(1e-2): plain "
            "val acc 0.914 / 0.909 vs 0.929 / 0.928 (val loss 0.22 vs 0.19)",
            encoding="one_hot", lr=1e-2),
    healthy("tags_multi_hot", B49M.tags_flagged, "flagged listings from 2-4 tag words out of "
            "30: TextVectorization(output_mode='multi_hot') adapted in the script, Dense 32 "
            "ReLU -> sigmoid, Adam(1e-3), batch 64, 10 ep: plain val acc 0.926 / 0.926"),
    healthy("tags_count", B49M.tags_flagged, "TextVectorization(output_mode='count'): plain "
            "val acc 0.926 / 0.926 vs 0.926 / 0.926", mode="count"),
    healthy("tags_tf_idf", B49M.tags_flagged, "TextVectorization(output_mode='tf_idf'): "
            "plain val acc 0.924 / 0.925 vs 0.926 / 0.926", mode="tf_idf"),
    healthy("upgrade_hashed_cross", B49M.upgrade_cross, "upgrades from the plan x region "
            "interaction only: a wide model, StringLookup one-hot of each plus "
            "HashedCrossing(num_bins=32, one_hot) -> Dense 1 sigmoid, Adam(1e-2), batch 64, 10 "
            "ep: plain val acc 0.998 / 0.998"),
    healthy("upgrade_cross_8_bins", B49M.upgrade_cross, "HashedCrossing(num_bins=8) for the "
            "16 pairs (collisions; the one-hot marginals beside it): plain val acc 0.998 / "
            "0.998 vs 0.998 / 0.998 (val loss 0.073 / 0.071 vs 0.021 / 0.023)", bins=8),
    healthy("upgrade_no_cross_hidden_16", B49M.upgrade_cross, "no cross, a Dense 16 ReLU "
            "layer before the head learns the interaction: plain val acc 0.998 / 0.998 vs "
            "0.998 / 0.998", cross="none", hidden=16),
]]

FAULTY_49 = [forty_ninth(c) for c in [
    faulty("churn_city_hashing_64_bins", "churn_city_one_hot", "collapsed_input slow_convergence",
           "Hashing(num_bins=64, one_hot) for the 50 cities instead of a lookup (hash "
           "collisions merge cities of opposite effect): plain val acc 0.854 / 0.861 vs 0.933 "
           "/ 0.932", city="hashing64"),
    faulty("churn_city_hashing_2_bins", "churn_city_one_hot",
           "collapsed_input slow_convergence setup_stall",
           "Hashing(num_bins=2) for the 50-level city: plain val acc 0.650 / 0.654 vs 0.933 / "
           "0.932", city="hashing2"),
    faulty("churn_city_index_as_number", "churn_city_one_hot", "slow_convergence setup_stall",
           "the StringLookup's integer city id cast to float straight into Dense, no "
           "encoding: plain val acc 0.713 / 0.712 vs 0.933 / 0.932", city="raw_index"),
    faulty("churn_city_lookup_other_spelling", "churn_city_one_hot",
           "unknown_tokens constant_input collapsed_input slow_convergence",
           "the city StringLookup adapted on a legacy export's spelling ('CITY-07'): every "
           "city is [UNK], one constant one-hot column: plain val acc 0.653 / 0.654 vs 0.933 / "
           "0.932", adapt_on="other"),
    faulty("churn_numeric_unscaled", "churn_city_one_hot",
           "unscaled_input slow_convergence setup_stall",
           "no Normalization: age (18..80) and income (1.5e4..3e5) raw next to the one-hot "
           "columns: training loss 15.8 / 10.8, plain val acc 0.513 / 0.502 vs 0.933 / 0.932",
           scale="none"),
    faulty("churn_softmax_one_unit", "churn_city_one_hot",
           "improper_output output_loss_mismatch",
           "Dense(1, activation='softmax') on the binary target: the output is always 1 "
           "(Keras warns); the loss, taken from the logits, trains as the healthy one (val "
           "loss 0.150 / 0.148) but plain val acc 0.502 / 0.502 (the positive rate) vs 0.933 "
           "/ 0.932", head="softmax1"),
    faulty("pipeline_val_lookup_refit", "churn_pipeline_shared_lookup", "validation_shift",
           "a second StringLookup adapted on the validation cities maps the validation split "
           "(its frequency-ordered ids are not the training ones): training acc 0.905, plain "
           "val acc 0.710 / 0.710 vs 0.908 / 0.906", val_lookup="refit"),
    faulty("pipeline_val_lookup_no_oov", "churn_pipeline_shared_lookup", "validation_shift",
           "the validation split mapped by StringLookup(vocabulary=get_vocabulary()[1:], "
           "num_oov_indices=0): every validation id one lower: training acc 0.905, plain val "
           "acc 0.560 / 0.562 vs 0.908 / 0.906", val_lookup="no_oov"),
    faulty("pipeline_embedding_16_rows_folded", "churn_pipeline_shared_lookup",
           "collapsed_input slow_convergence",
           "Embedding(16, 8) for 51 city ids, the ids folded % 16 after the out-of-range "
           "error: plain val acc 0.770 / 0.772 vs 0.908 / 0.906", table="small"),
    faulty("sku_id_as_number", "sku_embedding", "unscaled_input slow_convergence setup_stall",
           "the five-digit sku number itself as a float feature (10 000..99 999, no "
           "encoding): training loss 17.8 / 20.2, plain val acc 0.485 / 0.485 vs 0.919 / "
           "0.925", encoding="raw"),
    faulty("sku_one_hot_lr_1", "sku_one_hot_1001_columns",
           "learning_rate_out_of_range oscillating_loss dying_relu",
           "1001 one-hot columns at Adam(learning_rate=1.0): training acc 0.689 / 0.561, "
           "plain val acc 0.697 / 0.582 vs 0.929 / 0.928", lr=1.0),
    faulty("tags_token_ids_as_numbers", "tags_multi_hot", "slow_convergence setup_stall",
           "TextVectorization(output_mode='int', output_sequence_length=4): the token ids "
           "fed straight into Dense as numbers: plain val acc 0.569 / 0.548 vs 0.926 / 0.926",
           mode="int"),
    faulty("tags_max_tokens_8", "tags_multi_hot",
           "unknown_tokens collapsed_input slow_convergence",
           "TextVectorization(max_tokens=8) on a 30-word vocabulary: 22 words are [UNK]: plain "
           "val acc 0.672 / 0.672 vs 0.926 / 0.926", max_tokens=8),
    faulty("upgrade_cross_2_bins", "upgrade_hashed_cross",
           "collapsed_input slow_convergence setup_stall",
           "HashedCrossing(num_bins=2) for the 16 plan x region pairs: plain val acc 0.557 / "
           "0.617 vs 0.998 / 0.998", bins=2),
    faulty("upgrade_wide_no_cross", "upgrade_hashed_cross", "slow_convergence setup_stall",
           "the wide (linear) model without the cross: plan and region one-hot only, the "
           "target is their interaction: training acc 0.530 / 0.541, plain val acc 0.498 / "
           "0.626 vs 0.998 / 0.998", cross="none"),
]]


def fiftieth(case: Case) -> Case:
    return replace(case, batch=50)


# Batch 50 (session "practice50"): video-like and volumetric inputs in Keras 3 on generated
# data: 8-frame 16 x 16 clips of a square moving one of four ways (the label), through a
# TimeDistributed CNN -> LSTM / GRU, a ConvLSTM2D and a Conv3D on the frames or their
# differences; 12^3 CT-like scans of a ball / cube / rod through a Conv3D. Written without
# reading the detection / repair rules or their settings. Labels set by plain Keras training
# (seeds 11 and 22) before any Watch / autotrainer run: faulty when the final validation
# accuracy is >= 5 points below the counterpart's on both seeds.
B50M = batch50_models
HEALTHY_50 += [fiftieth(c) for c in [
    healthy("clip_td_cnn_lstm", B50M.clip_td_cnn, "moving-square clips (1000 train, 400 "
            "validate; 8 frames x 16 x 16 x 1, uint8 / 255; the label the direction): "
            "TimeDistributed(Conv2D 8 -> MaxPool -> Conv2D 16 -> MaxPool -> Flatten) -> "
            "LSTM(32) -> softmax 4, Adam(1e-3), batch 32, 8 ep: plain val acc 0.990 / 0.998"),
    healthy("clip_td_cnn_gru", B50M.clip_td_cnn, "GRU(32) over the frames instead of the "
            "LSTM: plain val acc 0.990 / 0.995", temporal="gru"),
    healthy("clip_convlstm_tanh", B50M.clip_convlstm, "ConvLSTM2D(8, 3, padding='same') on "
            "the first 600 training clips -> MaxPool -> Flatten -> Dense 32 -> softmax 4, "
            "Adam(1e-3), batch 32, 6 ep: plain val acc 0.978 / 0.863"),
    healthy("clip_c3d_raw", B50M.clip_c3d, "Conv3D 8 -> MaxPool3D (1, 2, 2) -> Conv3D 16 -> "
            "MaxPool3D 2 -> GlobalAveragePooling3D -> softmax 4 on the scaled frames, "
            "Adam(1e-3), batch 32, 8 ep: plain val acc 1.000 / 1.000"),
    healthy("clip_c3d_frame_diff", B50M.clip_c3d, "the same Conv3D on the 7 signed frame "
            "differences of the scaled frames (-1..1): plain val acc 1.000 / 1.000",
            inputs="diff"),
    healthy("volume_cnn_windowed", B50M.volume_cnn, "12^3 CT-like scans (900 train, 300 "
            "validate; ball / cube / rod), HU windowed -1000..400 -> [0, 1]: 2 x (Conv3D 8 / "
            "16 ReLU -> MaxPooling3D 2) -> GlobalAveragePooling3D -> softmax 3, Adam(1e-3), "
            "batch 32, 10 ep: plain val acc 0.897 / 0.880"),
    healthy("clip_frames_channels_swapped", B50M.clip_td_cnn, "x.transpose(0, 4, 2, 3, 1): "
            "frames and channels axes exchanged, the TimeDistributed CNN sees one 'frame' of "
            "8 channels (an early-fusion 2-D CNN, the LSTM one step): plain val acc 1.000 / "
            "1.000 vs 0.990 / 0.998", layout="swapped"),
    healthy("clip_sigmoid_head", B50M.clip_td_cnn, "Dense(4, activation='sigmoid') on the "
            "multi-class head with sparse CE (the same run to the digit: Keras' TF backend "
            "takes the loss from the stored logits): plain val acc 0.990 / 0.998 vs 0.990 / "
            "0.998", head="sigmoid"),
    healthy("clip_sgd_lr_1", B50M.clip_td_cnn, "SGD(learning_rate=1.0) on the TimeDistributed "
            "CNN -> LSTM (training loss 0.004): plain val acc 1.000 / 0.998 vs 0.990 / 0.998",
            optimizer="sgd", lr=1.0),
    healthy("clip_convlstm_relu_lr_1e_2", B50M.clip_convlstm, "ConvLSTM2D(activation='relu') "
            "with Adam(1e-2): plain val acc 1.000 / 1.000 vs 0.978 / 0.863",
            activation="relu", lr=0.01),
    healthy("volume_pool_to_one_voxel", B50M.volume_cnn, "5 Conv3D -> MaxPooling3D(2, "
            "padding='same') blocks (12 -> 6 -> 3 -> 2 -> 1 -> 1: the last two convolutions "
            "see a 1 x 1 x 1 map): plain val acc 0.997 / 1.000 vs 0.897 / 0.880", blocks=5),
    healthy("volume_sigmoid_head", B50M.volume_cnn, "a sigmoid multi-class head with sparse "
            "CE (the same run to the digit): plain val acc 0.897 / 0.880 vs 0.897 / 0.880",
            head="sigmoid"),
]]

FAULTY_50 = [fiftieth(c) for c in [
    faulty("clip_pixels_0_255", "clip_td_cnn_lstm",
           "unscaled_input slow_convergence setup_stall",
           "the decoder's uint8 frames cast to float without / 255 (0..255): training acc "
           "0.654 / 0.658, plain val acc 0.640 / 0.605 vs 0.990 / 0.998", scale="none"),
    faulty("clip_frames_averaged_first", "clip_td_cnn_lstm",
           "slow_convergence setup_stall",
           "Lambda(mean over axis 1) before the CNN: the frames averaged before the model "
           "looks, the direction (the label) gone (right and left give the same streak): "
           "training acc 0.570 / 0.566, plain val acc 0.495 / 0.517 vs 0.990 / 0.998",
           temporal="mean_first"),
    faulty("clip_gap_over_time", "clip_td_cnn_lstm",
           "slow_convergence setup_stall",
           "GlobalAveragePooling1D over the frames' CNN features instead of the LSTM (the "
           "frame order lost): training acc 0.484 / 0.522, plain val acc 0.442 / 0.477 vs "
           "0.990 / 0.998", temporal="gap_time"),
    faulty("clip_constant_init", "clip_td_cnn_lstm",
           "vanishing_gradient exploding_gradient slow_convergence setup_stall",
           "kernel_initializer=Constant(0.5) instead of he_normal on the convolutions and "
           "Dense (every filter the same, pre-activations in the tens to hundreds into the "
           "LSTM): training acc 0.581 / 0.687, plain val acc 0.637 / 0.710 vs 0.990 / 0.998",
           init="constant"),
    faulty("clip_relu_bias_minus_5", "clip_td_cnn_lstm",
           "dying_relu vanishing_gradient no_gradient slow_convergence setup_stall",
           "bias_initializer=Constant(-5) on the ReLU convolutions (inputs in [0, 1]: every "
           "unit dead): training acc 0.257 / 0.244, plain val acc 0.233 / 0.233 vs 0.990 / "
           "0.998", bias=-5.0),
    faulty("clip_one_epoch_batch_256", "clip_td_cnn_lstm",
           "small_budget slow_convergence",
           "epochs=1 at batch 256 (4 steps in all): plain val acc 0.393 / 0.347 vs 0.990 / "
           "0.998", epochs=1, batch_size=256),
    faulty("clip_diff_uint8_wraparound", "clip_c3d_frame_diff",
           "abnormal_data slow_convergence setup_stall",
           "np.diff on the decoder's uint8 frames before / 255: negative changes wrap to "
           "1..255, the background noise becomes half 0, half ~1: training acc 0.367 / "
           "0.380, plain val acc 0.387 / 0.428 vs 1.000 / 1.000", inputs="diff_uint8"),
    faulty("volume_relu_bias_minus_5", "volume_cnn_windowed",
           "dying_relu vanishing_gradient no_gradient slow_convergence setup_stall",
           "bias_initializer=Constant(-5) on the ReLU Conv3D layers: training acc 0.336 / "
           "0.336, plain val acc 0.327 / 0.327 vs 0.897 / 0.880", bias=-5.0),
    faulty("volume_constant_init", "volume_cnn_windowed",
           "exploding_gradient vanishing_gradient slow_convergence setup_stall",
           "kernel_initializer=Constant(0.5) instead of he_normal on the Conv3D and Dense "
           "layers (every filter the same, 27-voxel sums growing layer by layer): training acc "
           "0.358 / 0.333, plain val acc 0.327 / 0.327 vs 0.897 / 0.880", init="constant"),
    faulty("volume_sgd_lr_1", "volume_cnn_windowed",
           "learning_rate_out_of_range exploding_gradient oscillating_loss setup_stall",
           "SGD(learning_rate=1.0) on the Conv3D: training acc 0.933 / 0.401, plain val acc "
           "0.680 / 0.373 (val loss 0.75 / 1.35) vs 0.897 / 0.880", optimizer="sgd", lr=1.0),
    faulty("volume_lr_1e_5", "volume_cnn_windowed",
           "learning_rate_out_of_range slow_convergence setup_stall",
           "Adam(1e-5) (290 steps): training acc 0.336 / 0.336, plain val acc 0.327 / 0.327 "
           "vs 0.897 / 0.880", lr=1e-5),
]]


def batch52_case(case: Case) -> Case:
    return replace(case, batch=52)


# Batch 52 (session "practice52"): count, ordinal and bounded-range targets in Keras 3 on
# generated tables and sklearn's bundled diabetes: Poisson counts (exp / softplus heads,
# loss="poisson"), zero-inflated counts, five ordered levels (softmax, cumulative sigmoid,
# regression heads), proportions in [0, 1] under a sigmoid, log-priced houses, the diabetes
# score. Written without reading the detection / repair rules or their settings. Labels set
# by plain Keras training (seeds 11 and 22) before any Watch / autotrainer run: faulty when
# the final validation accuracy is >= 5 points below the counterpart's on both seeds
# (regression: the final validation loss >= 1.5x, or where the fault changes the loss or the
# target's transform, the validation MAE in the target's own units >= 1.5x).
B52M = batch52_models
HEALTHY_52 += [batch52_case(c) for c in [
    healthy("counts_poisson_exp", B52M.count_mlp, "counts a policy (4000 training rows, 1000 "
            "validation rows, 8 features in their own units): adapted Normalization, Dense 32 "
            "ReLU x 2 -> Dense 1 exponential, loss='poisson', Adam(1e-3), batch 32, 20 ep: "
            "plain val count MAE 1.663 / 1.703"),
    healthy("counts_raw_mse_sgd_1e_2", B52M.count_mlp, "the counts (mean 3.8, max 97) "
            "regressed on their raw scale: Dense 1 linear, MSE, SGD(0.01): plain val count MAE "
            "1.685 / 1.665 vs 1.663 / 1.703", head="linear", loss="mse", optimizer="sgd",
            lr=0.01),
    healthy("counts_exp_head_mse_adam_1e_2", B52M.count_mlp, "the exponential head kept under "
            "MSE with Adam(1e-2): plain val count MAE 1.766 / 1.752 vs 1.663 / 1.703",
            loss="mse", lr=0.01),
    healthy("counts_poisson_adam_0_1", B52M.count_mlp, "Adam(0.1) on the exponential head, no "
            "clipping: plain val count MAE 2.252 / 1.907 vs 1.663 / 1.703 (1.35x / 1.12x)",
            lr=0.1),
    healthy("zero_inflated_poisson", B52M.count_mlp, "zero-inflated counts (57 % zeros), "
            "the Poisson exponential head all the same: plain val count MAE 1.825 / 1.832 "
            "(val loss 0.106 / 0.066)", zero_inflated=True),
    healthy("zero_inflated_log1p_mse", B52M.count_mlp, "log1p(count) as the target, Dense 1 "
            "linear, MSE (expm1 to read it back): plain val count MAE 1.750 / 1.765 vs 1.825 / "
            "1.832", zero_inflated=True, target="log1p", head="linear", loss="mse"),
    healthy("ordinal_softmax", B52M.ordinal_mlp, "five ordered rating levels (4000 training "
            "rows, 1000 validation rows, 6 features) coded 0..4 in their order, Dense 32 ReLU "
            "x 2 -> softmax 5, sparse CE, Adam(1e-3), batch 32, 15 ep: plain val acc 0.639 / "
            "0.645"),
    healthy("ordinal_cumulative", B52M.ordinal_mlp, "a cumulative (CORAL-style) head: "
            "Dense(4, sigmoid) on the targets [code > k], binary CE, decoded as the count of "
            "outputs above 0.5: plain val acc 0.648 / 0.639", head="cumulative"),
    healthy("ordinal_regression", B52M.ordinal_mlp, "the level code regressed: Dense(1), MSE, "
            "rounded: plain val acc 0.646 / 0.649", head="regression"),
    healthy("ordinal_softmax_alphabetical", B52M.ordinal_mlp, "the levels label-encoded in "
            "sorted-string order (excellent 0, fair 1, good 2, poor 3, very good 4) under the "
            "order-blind softmax: plain val acc 0.649 / 0.652 vs 0.639 / 0.645",
            encoding="alphabetical"),
    healthy("ordinal_cumulative_alphabetical", B52M.ordinal_mlp, "the sorted-string codes "
            "under the cumulative head (its thresholds no longer ordered levels; the MLP fits "
            "them anyway): plain val acc 0.603 / 0.610 vs 0.648 / 0.639 (4.5 / 2.9 points)",
            head="cumulative", encoding="alphabetical"),
    healthy("rate_sigmoid_bce", B52M.rate_mlp, "conversion rates k / n in [0, 1] (4000 "
            "training rows, 1000 validation rows), Dense 32 ReLU x 2 -> Dense 1 sigmoid, "
            "binary CE on the soft targets, Adam(1e-3), batch 32, 15 ep: plain val rate MAE "
            "0.035 / 0.037"),
    healthy("log_rate_linear", B52M.rate_mlp, "log10 of the smoothed rate (all negative, "
            "-2.6..-0.03), Dense 1 linear, MSE: plain val loss 0.0217 / 0.0228 (rate MAE 0.045 "
            "/ 0.044)", target="log_rate", head="linear", loss="mse"),
    healthy("price_log_target", B52M.price_mlp, "california-like house prices (4000 training "
            "rows, 1000 validation rows, 6 features in their own units): adapted "
            "Normalization, Dense 64 ReLU x 2 -> Dense 1, MSE on log(price), Adam(1e-3), batch "
            "32, 20 ep: plain val loss 0.0745 / 0.0798 (price MAE 38.8 / 40.7 thousand)"),
    healthy("price_raw_dollars", B52M.price_mlp, "the prices regressed in raw dollars (~55 000 "
            ".. 490 000) under MSE, Adam(1e-3): val loss ~6e9, plain val price MAE 58.1 / 56.0 "
            "thousand vs 38.8 / 40.7 (1.50x / 1.38x: below the 1.5x line)", target="raw"),
    healthy("diabetes_standardised", B52M.diabetes_mlp, "sklearn diabetes (342 training rows, "
            "100 validation rows), the score standardised on the training rows, Dense 32 ReLU "
            "x 2 -> Dense 1, MSE, Adam(1e-3), batch 16, 60 ep: plain val loss 0.529 / 0.517 "
            "(score MAE 44.1 / 43.3)"),
    healthy("diabetes_minmax_sigmoid", B52M.diabetes_mlp, "the score min-max scaled to [0, 1] "
            "on the training rows under a sigmoid head: plain val score MAE 43.3 / 43.5 vs "
            "44.1 / 43.3", target="minmax", head="sigmoid"),
    healthy("diabetes_raw_score_linear", B52M.diabetes_mlp, "the score left raw (25..346) "
            "under the linear head: plain val score MAE 47.5 / 47.9 vs 44.1 / 43.3 (val loss "
            "3413 / 3427 score points^2, the standardised one's 0.529 x 77^2 = 3140)",
            target="raw"),
]]

FAULTY_52 = [batch52_case(c) for c in [
    faulty("counts_poisson_linear_output", "counts_poisson_exp",
           "improper_output output_loss_mismatch",
           "loss='poisson' on a linear Dense(1) output: negative predictions, log of a "
           "negative number: loss NaN, plain val count MAE 15264 / 44.6 vs 1.663 / 1.703",
           head="linear"),
    faulty("counts_features_unscaled_exp_head", "counts_poisson_exp",
           "unscaled_input exploding_gradient",
           "no Normalization: features up to ~11 000 into the exponential head (exp of "
           "hundreds is inf): loss NaN from the start, plain val count MAE NaN / NaN vs 1.663 "
           "/ 1.703", scale="none"),
    faulty("counts_raw_mse_sgd_5e_2", "counts_raw_mse_sgd_1e_2",
           "exploding_gradient learning_rate_out_of_range unscaled_target",
           "the raw heavy-tailed counts under MSE with SGD(0.05): plain val count MAE 3.001 / "
           "NaN (val loss 19.4 / NaN) vs 1.685 / 1.665", lr=0.05),
    faulty("counts_exp_head_mse_sgd", "counts_poisson_exp",
           "exploding_gradient vanishing_gradient setup_stall slow_convergence",
           "the exponential head under MSE with SGD(0.01): the first steps through exp "
           "overshoot, the output sinks to exp(-large) ~ 0 and its gradient with it (the "
           "same figures on both seeds): plain val count MAE 4.113 / 4.116 vs 1.663 / 1.703",
           loss="mse", optimizer="sgd", lr=0.01),
    faulty("zero_inflated_zeros_dropped", "zero_inflated_poisson", "validation_shift",
           "the training rows with count 0 dropped ('they break the log'), the validation "
           "rows kept (57 % zeros): plain val count MAE 3.264 / 3.295 vs 1.825 / 1.832 (val "
           "loss 1.318 / 1.360 vs 0.106 / 0.066)", drop_zeros=True),
    faulty("ordinal_regression_alphabetical", "ordinal_regression", "label_mismatch",
           "the levels label-encoded in sorted-string order (excellent 0, fair 1, good 2, "
           "poor 3, very good 4) and regressed as numbers: training acc 0.290 / 0.276, plain "
           "val acc 0.265 / 0.260 vs 0.646 / 0.649", encoding="alphabetical"),
    faulty("ordinal_cumulative_softmax", "ordinal_cumulative",
           "improper_output output_loss_mismatch inference_mismatch",
           "the cumulative targets [code > k] under Dense(4, softmax) and binary CE (the "
           "outputs sum to 1: at most one threshold above 0.5; Keras' binary CE reads the "
           "softmax's logits, so the loss equals the sigmoid head's to 4 digits): plain val "
           "acc 0.229 / 0.229 vs 0.648 / 0.639", head="cumulative_softmax"),
    faulty("rate_percent_sigmoid_bce", "rate_sigmoid_bce",
           "unscaled_target unbounded_loss improper_output output_loss_mismatch",
           "the rate given in percent (0..100) to the sigmoid head under binary CE (targets "
           "above 1: the loss falls without bound, -1.3e6 / -1.4e6): plain val rate MAE 0.274 "
           "/ 0.274 vs 0.035 / 0.037", target="percent"),
    faulty("log_rate_relu_output", "log_rate_linear",
           "dying_relu improper_output output_loss_mismatch setup_stall",
           "a ReLU output on the log10 rates (all negative): the output dies at 0 (the same "
           "figures on both seeds): plain val loss 0.707 / 0.707 vs 0.0217 / 0.0228 (33x / "
           "31x)", head="relu"),
    faulty("price_validation_targets_raw", "price_log_target",
           "validation_shift label_mismatch",
           "np.log applied to the training prices only, validation_data keeps the dollars: "
           "plain val loss 4.2e10 / 4.2e10 vs 0.0745 / 0.0798 (training loss as healthy)",
           val_target="raw"),
    faulty("price_features_unscaled", "price_log_target",
           "unscaled_input slow_convergence oscillating_loss",
           "no Normalization (population ~100..18 000, longitude ~-120 next to rooms ~5): "
           "plain val loss 0.275 / 0.447 vs 0.0745 / 0.0798 (3.7x / 5.6x)", scale="none"),
    faulty("diabetes_sigmoid_raw_score", "diabetes_standardised",
           "unscaled_target improper_output output_loss_mismatch setup_stall",
           "a sigmoid output on the raw score (25..346): predictions capped at 1 (the same "
           "figures on both seeds): plain val score MAE 148.7 / 148.7 vs 44.1 / 43.3",
           target="raw", head="sigmoid"),
]]


def fifty_first(case: Case) -> Case:
    return replace(case, batch=51)


# Batch 51 (session "practice51"): high-dimensional and sparse inputs in Keras 3: 1000
# `make_classification` features under a wide MLP and a logistic baseline, bag-of-words /
# TF-IDF features from sklearn's vectorisers on generated documents, a p >> n expression
# matrix of raw read counts (5000 genes, 300 rows) with log / scaling / L1 / SelectKBest
# options, a square probes x samples panel. Written without reading the detection / repair
# rules or their settings. Labels set by plain Keras training (seeds 11 and 22) before any
# Watch / autotrainer run: faulty when the final validation accuracy is >= 5 points below
# the counterpart's on both seeds.
B51M = batch51_models
HEALTHY_51 += [fifty_first(c) for c in [
    healthy("wide_features_mlp", B51M.wide_mlp, "make_classification (1500 training / 500 "
            "validation rows, 1000 features, 40 informative, 5 classes), StandardScaler on "
            "the training rows, Dense 256 ReLU (L2 1e-4) -> Dropout(0.3) -> softmax 5, "
            "categorical CE, Adam(1e-3), batch 32, 30 ep: plain val acc 0.836 / 0.804"),
    healthy("wide_features_logistic_baseline", B51M.wide_mlp, "the multinomial logistic "
            "baseline in Keras (one Dense 5 softmax, L2 1e-4): plain val acc 0.770 / 0.770",
            depth=0),
    healthy("wide_features_unstandardised", B51M.wide_mlp, "no StandardScaler (the generator's "
            "features are near unit scale; the informative ones wider than the noise): plain "
            "val acc 0.926 / 0.930 vs 0.836 / 0.804", scale="none"),
    healthy("wide_features_scaler_all_rows", B51M.wide_mlp, "the StandardScaler fitted on the "
            "training and validation rows together (a leak): plain val acc 0.836 / 0.810 vs "
            "0.836 / 0.804", scale="all_rows"),
    healthy("wide_features_input_dropout_0_2", B51M.wide_mlp, "Dropout(0.2) on the 1000 "
            "inputs: plain val acc 0.810 / 0.804 vs 0.836 / 0.804", input_dropout=0.2),
    healthy("wide_features_sigmoid_head_categorical_ce", B51M.wide_mlp, "Dense 5 sigmoid under "
            "categorical_crossentropy on one-hot labels (Keras 3 reads the sigmoid's logits "
            "and trains a softmax CE: the same figures to the digit): plain val acc 0.836 / "
            "0.804 vs 0.836 / 0.804", head="sigmoid"),
    healthy("bow_tfidf_mlp", B51M.bow_mlp, "generated documents in 4 topics (1600 train, 400 "
            "validate; 100..3000 tokens), TfidfVectorizer(max_features=2000) fitted on the "
            "training texts, Dense 64 ReLU -> Dropout(0.5) -> softmax 4, Adam(1e-3), batch 32, "
            "15 ep: plain val acc 0.978 / 0.978"),
    healthy("bow_raw_counts", B51M.bow_mlp, "raw CountVectorizer counts (stop words up to "
            "~600 a document) fed unscaled: plain val acc 0.973 / 0.975 vs 0.978 / 0.978",
            features="count"),
    healthy("bow_binary", B51M.bow_mlp, "CountVectorizer(binary=True): plain val acc 0.973 / "
            "0.978 vs 0.978 / 0.978", features="binary"),
    healthy("bow_log_counts", B51M.bow_mlp, "log1p of the counts: plain val acc 0.978 / 0.975 "
            "vs 0.978 / 0.978", features="count_log"),
    healthy("bow_term_frequency_mlp", B51M.bow_mlp, "counts / document length (values ~1e-3) "
            "under the Dense 64 MLP: plain val acc 0.973 / 0.978 vs 0.978 / 0.978 (val loss "
            "1.04 / 1.03 vs 0.15 / 0.15: still learning)", features="count_frequency"),
    healthy("bow_tfidf_logistic", B51M.bow_mlp, "the logistic regression baseline on TF-IDF "
            "(one Dense 4 softmax): plain val acc 0.975 / 0.983 (val loss 1.13 / 1.13)",
            depth=0),
    healthy("expression_logistic_l2", B51M.expression_net, "a p >> n expression matrix (300 "
            "training / 150 validation samples, 5000 genes of raw read counts, 2 classes), "
            "log1p + StandardScaler on the training rows, Dense 1 sigmoid (L2 1e-2), Adam("
            "1e-3), batch 32, 60 ep: plain val acc 1.000 / 0.987"),
    healthy("expression_standardised_no_log", B51M.expression_net, "the counts standardised "
            "without the log: plain val acc 0.980 / 0.973 vs 1.000 / 0.987",
            transform="standard"),
    healthy("expression_log_not_standardised", B51M.expression_net, "log1p only (values "
            "0..~10): plain val acc 0.993 / 0.967 vs 1.000 / 0.987", transform="log"),
    healthy("expression_select_kbest_train", B51M.expression_net, "SelectKBest(f_classif, "
            "k=200) fitted on the training rows: plain val acc 1.000 / 1.000",
            select="train"),
    healthy("expression_select_kbest_all_rows", B51M.expression_net, "SelectKBest fitted on "
            "training and validation rows together (selection leak): plain val acc 1.000 / "
            "1.000 vs 1.000 / 1.000", select="all_rows"),
    healthy("expression_no_regularisation", B51M.expression_net, "no L2 on 5000 weights from "
            "300 rows (training loss 0.003): plain val acc 0.987 / 0.953 vs 1.000 / 0.987",
            l2=0.0),
    healthy("expression_hidden_256_dropout", B51M.expression_net, "Dense 256 ReLU -> "
            "Dropout(0.5) before the head: plain val acc 1.000 / 0.993 vs 1.000 / 0.987",
            hidden=256, dropout=0.5),
    healthy("expression_input_dropout_0_95", B51M.expression_net, "Dropout(0.95) on the 5000 "
            "genes (60 marker genes: enough survive; training acc 0.843 / 0.817): plain val "
            "acc 1.000 / 1.000 vs 1.000 / 0.987", input_dropout=0.95),
    healthy("panel_samples_rows_mlp", B51M.panel_mlp, "a square panel stored 600 probes x 600 "
            "samples, transposed to samples x probes, 450 train / 150 validate, "
            "StandardScaler, Dense 128 ReLU -> Dropout(0.3) -> softmax 3, Adam(1e-3), batch "
            "32, 40 ep: plain val acc 0.787 / 0.833"),
]]

FAULTY_51 = [fifty_first(c) for c in [
    faulty("wide_features_l1_0_05", "wide_features_mlp",
           "high_penalty slow_convergence setup_stall",
           "L1(0.05) on every kernel (256k weights): every weight driven to ~0, training acc "
           "0.209 / 0.209, plain val acc 0.182 / 0.182 vs 0.836 / 0.804", l1=0.05),
    faulty("wide_features_input_dropout_0_95", "wide_features_mlp",
           "high_dropout slow_convergence",
           "Dropout(0.95) on the 1000 inputs: training acc 0.333 / 0.307, plain val acc 0.710 "
           "/ 0.696 vs 0.836 / 0.804", input_dropout=0.95),
    faulty("bow_tfidf_refit_on_validation", "bow_tfidf_mlp", "validation_shift",
           "a second TfidfVectorizer fit_transform'ed on the validation texts: its 2000 "
           "columns are another vocabulary: training acc 0.994 / 0.999, plain val acc 0.240 / "
           "0.233 vs 0.978 / 0.978", features="tfidf_refit_val"),
    faulty("bow_term_frequency_logistic", "bow_tfidf_logistic",
           "slow_convergence setup_stall",
           "the logistic baseline on counts / document length (values ~1e-3, 15 ep): "
           "training loss 1.35 (ln 4 = 1.39), plain val acc 0.685 / 0.720 vs 0.975 / 0.983",
           features="count_frequency"),
    faulty("expression_raw_counts", "expression_logistic_l2", "unscaled_input",
           "the raw read counts (0..~45000) fed to the logistic regression: training acc "
           "1.000, plain val acc 0.913 / 0.860 vs 1.000 / 0.987 (val loss 41 / 66)",
           transform="raw"),
    faulty("expression_select_kbest_refit_on_validation", "expression_select_kbest_train",
           "validation_shift",
           "a second SelectKBest fit_transform'ed on the validation rows: another 200 genes "
           "in the columns: plain val acc 0.827 / 0.540 vs 1.000 / 1.000", select="separate"),
    faulty("expression_l1_1", "expression_logistic_l2",
           "high_penalty slow_convergence setup_stall",
           "L1(1.0) on the 5000 weights (every weight zero, the majority class predicted): "
           "plain val acc 0.547 / 0.547 vs 1.000 / 0.987", l1=1.0),
    faulty("panel_used_as_stored", "panel_samples_rows_mlp", "label_mismatch",
           "the probes x samples panel used as read (no .T; square, so the shapes match): "
           "each row a probe paired with a sample's label: training acc 1.000, plain val acc "
           "0.373 / 0.367 vs 0.787 / 0.833", layout="as_stored"),
]]


def batch53_case(case: Case) -> Case:
    return replace(case, batch=53)


# Batch 53 (session "practice53"): noisy, weak and semi-supervised labels in Keras 3 on
# generated tables and sklearn's bundled digits: symmetric and class-dependent label noise,
# label smoothing, knowledge distillation from a teacher's temperature-scaled soft targets
# (KL divergence), a pseudo-labelling round, crowd votes averaged into soft targets with
# confidence sample weights, mixup in tf.data. Written without reading the detection /
# repair rules or their settings. Labels set by plain Keras training (seeds 11 and 22)
# before any Watch / autotrainer run: faulty when the final validation accuracy (on clean
# labels) is >= 5 points below the counterpart's on both seeds.
B53M = batch53_models
HEALTHY_53 += [batch53_case(c) for c in [
    healthy("noisy_labels_20_symmetric", B53M.noisy_labels_mlp, "a generated 4-class table "
            "(3000 training rows with 20 % of the labels flipped to another class, 1000 clean "
            "validation rows, 20 standardised features), Dense 64 ReLU x 2 -> softmax 4, "
            "one-hot, categorical CE, Adam(1e-3), batch 32, 20 ep: plain val acc 0.895 / "
            "0.889 (training acc 0.789 / 0.790)"),
    healthy("noisy_labels_clean", B53M.noisy_labels_mlp, "the same table with its clean "
            "labels: plain val acc 0.924 / 0.936", noise=0.0),
    healthy("noisy_labels_smoothing_0_1", B53M.noisy_labels_mlp, "label_smoothing=0.1 on the "
            "20 % noisy labels: plain val acc 0.897 / 0.891 vs 0.895 / 0.889",
            label_smoothing=0.1),
    healthy("noisy_labels_pair_30", B53M.noisy_labels_mlp, "class-dependent noise instead: 30 "
            "% of class 0 relabelled class 1 (the rest clean): plain val acc 0.891 / 0.876 vs "
            "0.895 / 0.889", kind="pair", noise=0.3),
    healthy("noisy_labels_dropout_0_5", B53M.noisy_labels_mlp, "Dropout(0.5) after each "
            "hidden layer against the noise (training acc 0.668 / 0.666): plain val acc 0.886 "
            "/ 0.882 vs 0.895 / 0.889", dropout=0.5),
    healthy("distill_kld_t4", B53M.distill_student, "digits (1200 train, 597 validate): a "
            "teacher Dense 256 -> logits (plain fit, 20 ep), softmax(logits / 4) as targets "
            "for a student Dense 32 ReLU -> softmax 10 under KLDivergence, Adam(1e-3), batch "
            "32, 20 ep, validated on the true one-hot labels: plain val acc 0.961 / 0.963"),
    healthy("distill_soft_targets_cce", B53M.distill_student, "categorical_crossentropy on "
            "the soft targets instead of KLDivergence (the same gradient): plain val acc "
            "0.961 / 0.963 vs 0.961 / 0.963", loss="cce"),
    healthy("distill_temperature_1e_3", B53M.distill_student, "temperature 1e-3 (the targets "
            "become one-hot of the teacher's argmax: hard distillation): plain val acc 0.958 "
            "/ 0.963 vs 0.961 / 0.963", temperature=0.001),
    healthy("distill_kld_arguments_swapped", B53M.distill_student, "a hand-written loss "
            "kl_divergence(y_pred, y_true) (reverse KL; the same minimum on soft targets; "
            "val loss 6.6 on one-hot validation labels): plain val acc 0.963 / 0.961 vs 0.961 "
            "/ 0.963", loss="kld_swapped"),
    healthy("pseudo_label_threshold_0_8", B53M.pseudo_label, "digits: 100 labelled images "
            "train a teacher Dense 64 -> softmax 10 (plain fit, 100 ep); its predictions on "
            "1100 unlabelled images with top probability >= 0.8 become labels; a fresh "
            "student on labelled + pseudo rows, Adam(1e-3), batch 32, 20 ep: plain val acc "
            "0.923 / 0.918"),
    healthy("pseudo_label_no_threshold", B53M.pseudo_label, "every teacher prediction kept "
            "as a pseudo-label (threshold 0, the wrong ones too): plain val acc 0.930 / 0.931 "
            "vs 0.923 / 0.918", threshold=0.0),
    healthy("pseudo_label_confidence_weights", B53M.pseudo_label, "sample_weight = the "
            "teacher's top probability on pseudo rows, 1 on labelled rows: plain val acc "
            "0.921 / 0.918 vs 0.923 / 0.918", weights="confidence"),
    healthy("crowd_vote_fractions", B53M.crowd_mlp, "a generated 3-class table (3000 training "
            "rows) labelled by 5 annotators (85 % right on classes 0 and 1, 60 % on class 2), "
            "the vote fractions as soft targets, Dense 64 ReLU x 2 -> softmax 3, categorical "
            "CE, Adam(1e-3), batch 32, 20 ep, 1000 clean validation labels: plain val acc "
            "0.900 / 0.840"),
    healthy("crowd_majority_vote", B53M.crowd_mlp, "one-hot of the majority vote: plain val "
            "acc 0.909 / 0.849 vs 0.900 / 0.840", targets="majority"),
    healthy("crowd_unanimous_only", B53M.crowd_mlp, "sample_weight 1 only on rows all 5 "
            "annotators agree on, 0 elsewhere (the hard class 2 mostly dropped): plain val "
            "acc 0.858 / 0.864 vs 0.900 / 0.840", weights="unanimous"),
    healthy("crowd_sgd_momentum", B53M.crowd_mlp, "SGD(0.05, momentum 0.9) on the vote "
            "fractions: plain val acc 0.859 / 0.898", optimizer="sgd", lr=0.05),
    healthy("mixup_tfdata_alpha_0_2", B53M.mixup_mlp, "mixup in a tf.data pipeline on the "
            "4-class table with clean labels (each batch mixed with its reverse, lam ~ "
            "Beta(0.2, 0.2)), Adam(1e-3), 20 ep: plain val acc 0.938 / 0.939"),
    healthy("mixup_labels_not_inputs", B53M.mixup_mlp, "the one-hot labels mixed, the inputs "
            "left alone (training acc 0.599 / 0.613): plain val acc 0.921 / 0.921 vs 0.938 / "
            "0.939", mix="labels"),
    healthy("mixup_noisy_labels", B53M.mixup_mlp, "mixup on the 20 % noisy labels: plain val "
            "acc 0.909 / 0.893 vs 0.938 / 0.939 (the noisy MLP without mixup 0.895 / 0.889)",
            noise=0.2),
]]

FAULTY_53 = [batch53_case(c) for c in [
    faulty("noisy_labels_40_symmetric", "noisy_labels_20_symmetric", "label_mismatch",
           "40 % of the training labels flipped to another class: training acc 0.612 / "
           "0.625, plain val acc 0.812 / 0.813 vs 0.895 / 0.889", noise=0.4),
    faulty("noisy_labels_60_symmetric", "noisy_labels_20_symmetric",
           "label_mismatch slow_convergence setup_stall",
           "60 % of the training labels flipped (the true class still the likeliest, 40 % "
           "against 20 % for each other): training acc 0.518 / 0.514, plain val acc 0.568 / "
           "0.609 vs 0.895 / 0.889", noise=0.6),
    faulty("noisy_labels_60_adam_0_5", "noisy_labels_20_symmetric",
           "learning_rate_out_of_range exploding_gradient dying_relu oscillating_loss "
           "setup_stall label_mismatch",
           "60 % flipped labels trained with Adam(0.5): stuck at chance (training loss 1.42 / "
           "1.41, ln 4 = 1.39), plain val acc 0.251 / 0.258 vs 0.895 / 0.889", noise=0.6,
           lr=0.5),
    faulty("noisy_labels_pair_60", "noisy_labels_20_symmetric", "label_mismatch",
           "class-dependent noise: 60 % of class 0 relabelled class 1 (class 1 now the "
           "majority label in class 0's region): plain val acc 0.796 / 0.792 vs 0.895 / "
           "0.889", kind="pair", noise=0.6),
    faulty("distill_logits_as_kld_targets", "distill_kld_t4",
           "label_mismatch output_loss_mismatch",
           "the teacher's raw logits handed to KLDivergence as targets (clipped to [1e-7, "
           "1] inside the loss): plain val acc 0.879 / 0.899 vs 0.961 / 0.963",
           targets="logits"),
    faulty("distill_logits_as_cce_targets", "distill_kld_t4",
           "label_mismatch output_loss_mismatch unbounded_loss",
           "the teacher's raw logits (negative entries) as categorical_crossentropy targets: "
           "training loss -752 / -1515, plain val acc 0.122 / 0.107 vs 0.961 / 0.963",
           targets="logits", loss="cce"),
    faulty("distill_untrained_teacher", "distill_kld_t4", "label_mismatch",
           "the teacher's fit skipped (teacher_epochs=0): the student matches an untrained "
           "network's near-uniform soft targets (training loss 0.0004 / 0.0007): plain val "
           "acc 0.087 / 0.080 vs 0.961 / 0.963", teacher_epochs=0),
    faulty("pseudo_label_untrained_teacher", "pseudo_label_threshold_0_8", "label_mismatch",
           "pseudo-labels from a teacher never trained, every prediction kept (threshold 0): "
           "1100 of 1200 rows labelled by a random network: training acc 0.776 / 0.749, "
           "plain val acc 0.136 / 0.042 vs 0.923 / 0.918", teacher_epochs=0, threshold=0.0),
    faulty("crowd_vote_counts_cce", "crowd_vote_fractions",
           "label_mismatch output_loss_mismatch",
           "the raw vote counts (summing to 5) as categorical_crossentropy targets: training "
           "loss 339 / 235, plain val acc 0.423 / 0.381 vs 0.900 / 0.840 (val loss 30 / 45)",
           targets="counts"),
    faulty("crowd_vote_counts_sgd", "crowd_sgd_momentum",
           "label_mismatch output_loss_mismatch exploding_gradient",
           "the raw vote counts as categorical_crossentropy targets under SGD(0.05, momentum "
           "0.9): loss NaN, plain val acc 0.318 / 0.318 vs 0.859 / 0.898", targets="counts"),
    faulty("crowd_weights_wrong_column", "crowd_vote_fractions",
           "invalid_sample_weights label_mismatch",
           "sample_weight = soft[:, 1] typed for soft.max(axis=1): the share of votes for "
           "class 1, 0 on most class-0 rows: plain val acc 0.628 / 0.630 vs 0.900 / 0.840",
           weights="column"),
]]


def batch54_case(case: Case) -> Case:
    return replace(case, batch=54)


# Batch 54 (session "practice54"): coordinate and periodic inputs in Keras 3 on generated
# data: a coordinate MLP fitting a 64 x 64 image from (u, v) with random Fourier features or
# a NeRF-style positional encoding, a SIREN (sine activations, their own initialisation),
# hourly demand with sin / cos hour and day-of-week features, regions on the globe from
# latitude / longitude, a wind direction regressed as (sin, cos). Written without reading
# the detection / repair rules or their settings. Labels set by plain Keras training (seeds
# 11 and 22) before any Watch / autotrainer run: faulty when the final validation accuracy
# is >= 5 points below the counterpart's on both seeds (regression: the final validation
# loss >= 1.5x; for the wind direction, whose loss is in the target's encoding, the
# validation angle MAE in degrees >= 1.5x).
B54M = batch54_models
HEALTHY_54 += [batch54_case(c) for c in [
    healthy("image_fourier_features", B54M.image_mlp, "a 64 x 64 image fitted from its pixel "
            "coordinates in [0, 1] (2048 pixels train, the other 2048 validate): random "
            "Fourier features B ~ N(0, 4^2), 128 frequencies (sin, cos: 256 inputs), Dense 128 "
            "ReLU x 3 -> Dense 1, MSE, Adam(1e-3), batch 128, 40 ep: plain val loss 0.0016 / "
            "0.0016"),
    healthy("image_positional_encoding", B54M.image_mlp, "NeRF-style positional encoding "
            "(u, sin / cos 2^k pi u, k < 6: 26 inputs) under the same MLP: plain val loss "
            "0.0034 / 0.0024", encoding="posenc"),
    healthy("siren_image", B54M.siren, "a SIREN on the same image, coordinates in [-1, 1]: "
            "Dense 128 x 3 with activation sin(30 z), first layer U(-1/2, 1/2), hidden "
            "U(-sqrt(6/128)/30, +), Dense 1 linear, MSE, Adam(1e-4), batch 128, 60 ep: plain "
            "val loss 0.0074 / 0.0067"),
    healthy("siren_omega_10", B54M.siren, "omega_0 = 10 instead of the paper's 30 (a smoother "
            "prior): plain val loss 0.0037 / 0.0038 vs 0.0074 / 0.0067", omega=10.0),
    healthy("siren_coordinates_unit", B54M.siren, "the coordinates left in [0, 1] (the SIREN "
            "code expects [-1, 1]): plain val loss 0.0011 / 0.0040 vs 0.0074 / 0.0067",
            units="unit"),
    healthy("demand_sin_cos_time", B54M.demand_mlp, "hourly demand (5376 training rows, 1344 "
            "validation rows of other days; the target standardised): hour and day of week as "
            "(sin, cos) of 2 pi t / period next to temperature and humidity in [0, 1], Dense "
            "64 ReLU x 2 -> Dense 1, MSE, Adam(1e-3), batch 64, 20 ep: plain val loss 0.141 / "
            "0.138"),
    healthy("demand_one_hot_time", B54M.demand_mlp, "hour and day of week one-hot (24 + 7 "
            "columns): plain val loss 0.147 / 0.145 vs 0.141 / 0.138", hour="onehot",
            dow="onehot"),
    healthy("demand_linear_sin_cos", B54M.demand_mlp, "the linear-regression baseline (Dense "
            "1 on the sin / cos features; one harmonic cannot draw two commute peaks): plain "
            "val loss 0.617 / 0.595", depth=0),
    healthy("globe_unit_vector", B54M.globe_mlp, "16 regions on the globe (8 areas, one "
            "across the date line, x lowland / highland; 4000 training points, 1000 "
            "validation points): lat / lon as the unit vector (cos lat cos lon, cos lat sin "
            "lon, sin lat) next to three site features in [0, 1], Dense 64 ReLU x 2 -> softmax "
            "16, Adam(1e-3), batch 64, 30 ep: plain val acc 0.902 / 0.905"),
    healthy("globe_lat_lon_scaled", B54M.globe_mlp, "lat / 90 and lon / 180 (scaled, but the "
            "date line a cut: the wrapping region split in two): plain val acc 0.856 / 0.866 "
            "vs 0.902 / 0.905 (4.6 / 3.9 points)", coords="scaled"),
    healthy("globe_unit_vector_sgd", B54M.globe_mlp, "the unit vector under SGD(0.05): plain "
            "val acc 0.894 / 0.894", optimizer="sgd", lr=0.05),
    healthy("wind_sin_cos_target", B54M.wind_mlp, "the wind direction from 8 ring-sensor "
            "readings (4000 training rows, 1000 validation rows): target (sin, cos), Dense 64 "
            "ReLU x 2 -> Dense 2 linear, MSE, Adam(1e-3), batch 32, 20 ep, read back with "
            "atan2: plain val angle MAE 4.19 / 3.87 degrees"),
    healthy("wind_sin_cos_tanh_head", B54M.wind_mlp, "a tanh output on the (sin, cos) "
            "targets (bounded as they are): plain val angle MAE 3.95 / 3.94 vs 4.19 / 3.87",
            head="tanh"),
]]

FAULTY_54 = [batch54_case(c) for c in [
    faulty("image_fourier_sigma_10_paper_scale", "image_fourier_features", "abnormal_data",
           "the paper's sigma = 10 (for its 256-512 px images) copied to this 64-px grid: "
           "frequencies past the grid's Nyquist, the held-out pixels fitted as noise "
           "(training loss 0.0000): plain val loss 0.0169 / 0.0113 vs 0.0016 / 0.0016",
           sigma=10.0),
    faulty("image_fourier_sigma_100", "image_fourier_features", "abnormal_data",
           "Fourier feature scale sigma = 100 (noise fitting: training loss 0.0000): plain "
           "val loss 0.0322 / 0.0340 vs 0.0016 / 0.0016", sigma=100.0),
    faulty("image_fourier_sigma_0_1", "image_fourier_features",
           "collapsed_input slow_convergence",
           "sigma = 0.1 (the features nearly linear in (u, v), the cosines ~1: only a blur "
           "is learnt, training loss 0.020): plain val loss 0.0195 / 0.0198 vs 0.0016 / "
           "0.0016", sigma=0.1),
    faulty("siren_omega_300", "siren_image", "exploding_gradient slow_convergence setup_stall",
           "omega_0 = 300 in every sine layer (the hidden inits divided by it, so the first "
           "layer's sin(300 z) over [-1, 1]): training loss 0.30 / 0.34, plain val loss 0.286 "
           "/ 0.335 vs 0.0074 / 0.0067", omega=300.0),
    faulty("siren_he_init", "siren_image", "exploding_gradient slow_convergence setup_stall",
           "he_uniform kernels under sin(30 z) (the SIREN init dropped: hidden "
           "pre-activations ~30x too wide, the sines chaotic): training loss 0.42 / 0.49, "
           "plain val loss 0.429 / 0.488 vs 0.0074 / 0.0067", init="he_uniform"),
    faulty("siren_pixel_coordinates", "siren_image", "unscaled_input slow_convergence",
           "the coordinates in pixel units 0..255 into the sine layers: plain val loss "
           "0.0468 / 0.0233 vs 0.0074 / 0.0067 (6.3x / 3.5x)", units="pixel"),
    faulty("demand_hour_dow_raw_integers", "demand_sin_cos_time",
           "unscaled_input slow_convergence",
           "hour as 0..23 and day of week as 0..6 integers next to [0, 1] features (23 h "
           "far from 0 h): training loss 0.58 / 0.58, plain val loss 0.569 / 0.558 vs 0.141 "
           "/ 0.138", hour="raw", dow="raw"),
    faulty("demand_hour_sin_only", "demand_sin_cos_time", "slow_convergence",
           "only sin(2 pi h / 24) for the hour (h and 12 - h collide: the 8 h peak reads as "
           "4 h): training loss 0.46 / 0.46, plain val loss 0.395 / 0.399 vs 0.141 / 0.138",
           hour="sin_only"),
    faulty("globe_lat_lon_raw_degrees", "globe_unit_vector",
           "unscaled_input slow_convergence",
           "latitude / longitude in raw degrees (-90..90, -180..180) next to site features in "
           "[0, 1]: training acc 0.743 / 0.743, plain val acc 0.712 / 0.720 vs 0.902 / "
           "0.905", coords="degrees"),
    faulty("globe_unit_vector_no_radians", "globe_unit_vector",
           "abnormal_data slow_convergence setup_stall",
           "np.cos / np.sin handed the degrees (np.radians forgotten): the unit vector "
           "scrambled, training acc 0.225 / 0.225, plain val acc 0.183 / 0.178 vs 0.902 / "
           "0.905", coords="xyz_no_radians"),
    faulty("wind_degrees_mse", "wind_sin_cos_target", "unscaled_target slow_convergence",
           "the direction regressed in degrees 0..360 under MSE (359 and 1 are 358 apart "
           "to the loss): plain val angle MAE 19.1 / 17.6 vs 4.19 / 3.87 (val loss 1242 / "
           "1081 deg^2)", target="degrees"),
    faulty("wind_degrees_tanh_head", "wind_sin_cos_target",
           "improper_output unscaled_target output_loss_mismatch setup_stall",
           "a tanh output on degrees 0..360 (predictions capped at 1 degree; the same "
           "figures on both seeds): plain val angle MAE 89.1 / 89.1 vs 4.19 / 3.87",
           target="degrees", head="tanh"),
]]


def batch55_case(case: Case) -> Case:
    return replace(case, batch=55)


# Batch 55 (session "practice55"): gated and conditional architectures in Keras 3 on generated
# data: a mixture of experts with a softmax gate, a softmax gate over feature groups, a
# highway stack, GLU blocks, FiLM conditioning on a task id, squeeze-and-excitation blocks in
# a small CNN, a multiplicative interaction of two projections. Written without reading the
# detection / repair rules or their settings. Labels set by plain Keras training (seeds 11
# and 22) before any Watch / autotrainer run: faulty when the final validation accuracy is
# >= 5 points below the counterpart's on both seeds (regression: the final validation loss
# >= 1.5x).
B55M = batch55_models
HEALTHY_55 += [batch55_case(c) for c in [
    healthy("moe_softmax_gate", B55M.moe_mlp, "a three-regime table (6000 training rows, 1500 "
            "validation rows, 12 standardised features): 4 experts (Dense 16 ReLU -> Dense 3 "
            "logits) mixed by a Dense(4) -> softmax gate over the experts, -> softmax 3, "
            "Adam(1e-3), batch 64, 20 ep: plain val acc 0.819 / 0.827"),
    healthy("group_gate_softmax", B55M.group_gate_mlp, "the regime table as 4 feature groups "
            "of 3, each embedded (Dense 32 ReLU) and scored (Dense 16 tanh -> Dense 1), the "
            "scores softmaxed over the groups, the weighted sum with the flat features -> "
            "Dense 64 ReLU -> softmax 3, Adam(1e-3), batch 64, 20 ep: plain val acc "
            "0.819 / 0.827"),
    healthy("group_gate_softmax_size_1_axis", B55M.group_gate_mlp, "the group scores "
            "softmaxed over their last axis, of size 1 (layers.Softmax() on (batch, 4, 1)): "
            "every weight 1.0, the gate a plain sum of the groups: plain val acc 0.807 / 0.827 "
            "vs 0.819 / 0.827", softmax_axis=-1),
    healthy("highway_carry_bias_minus_2", B55M.highway_mlp, "the regime table: Dense 32 ReLU "
            "-> 10 highway layers (H ReLU, transform gate sigmoid with bias -2, the paper's "
            "advice) -> softmax 3, Adam(1e-3), batch 64, 15 ep: plain val acc 0.829 / 0.841"),
    healthy("glu_blocks", B55M.glu_mlp, "a four-task table (6000 training rows, 1500 "
            "validation rows, 8 features + the one-hot task): 3 GLU blocks (Dense 64 x "
            "sigmoid(Dense 64), residual after the first) -> sigmoid, Adam(1e-3), batch 64, "
            "20 ep: plain val acc 0.916 / 0.923"),
    healthy("glu_relu_gate", B55M.glu_mlp, "ReGLU: the gate through ReLU instead of a sigmoid "
            "(unbounded, overfits: training acc 0.961 / 0.968, val loss 0.39 / 0.53 vs 0.24 / "
            "0.24): plain val acc 0.905 / 0.893 vs 0.916 / 0.923", gate_activation="relu"),
    healthy("glu_shared_projection_silu", B55M.glu_mlp, "one Dense called for the value and "
            "the gate (h = d(h) * sigmoid(d(h)): SiLU, not a GLU): plain val acc 0.917 / "
            "0.913 vs 0.916 / 0.923", shared_projection=True),
    healthy("film_identity_init", B55M.film_mlp, "the four-task table, two inputs (features, "
            "one-hot task): Dense 64 ReLU -> FiLM -> Dense 64 ReLU -> FiLM -> sigmoid, gamma = "
            "Dense(task) initialised to ones (kernel zeros, bias ones), beta = Dense(task) "
            "zeros, Adam(1e-3), batch 64, 20 ep: plain val acc 0.921 / 0.926"),
    healthy("film_task_concatenated", B55M.film_mlp, "no FiLM: the task one-hot concatenated "
            "to the features: plain val acc 0.901 / 0.907 vs 0.921 / 0.926",
            condition="concat"),
    healthy("film_glorot_relu_gamma", B55M.film_mlp, "gamma with Keras' default Dense "
            "initialisers and a ReLU (about half the scales 0 at the start): plain val acc "
            "0.936 / 0.933 vs 0.921 / 0.926", gamma_init="glorot", gamma_activation="relu"),
    healthy("se_cnn_stripes", B55M.se_cnn, "16 x 16 x 3 stripe images (3000 train, 1000 "
            "validate, 4 classes: which channel holds which stripes, a distractor channel, "
            "noise sd 0.6): Conv 16 -> SE -> MaxPool -> Conv 32 -> SE -> GAP -> softmax 4, "
            "each SE GAP(keepdims) -> Dense C/4 ReLU -> Dense C sigmoid -> Multiply, "
            "Adam(1e-3), batch 64, 10 ep: plain val acc 0.998 / 0.998"),
    healthy("se_removed", B55M.se_cnn, "the same CNN without its SE blocks: plain val acc "
            "1.000 / 1.000 vs 0.998 / 0.998", se=False),
    healthy("interaction_normalized", B55M.interaction_regression, "order lines (6000 "
            "training rows, 1500 validation rows, 6 columns in their own units: price 5..800, "
            "quantity 1..2000, ...), target log1p(revenue): adapted Normalization, Dense 16 x "
            "Dense 16 multiplied, with a Dense 32 ReLU branch -> Dense 32 ReLU -> Dense 1, MSE, "
            "Adam(1e-3), batch 64, 20 ep: plain val loss 0.0983 / 0.0909"),
    healthy("interaction_log_inputs", B55M.interaction_regression, "log1p of the raw columns "
            "instead of a Normalization (the product of logs: the target is a sum of logs): "
            "plain val loss 0.0171 / 0.0098 vs 0.0983 / 0.0909", scale="log"),
    healthy("interaction_branch_dropped", B55M.interaction_regression, "no Multiply branch, "
            "the Dense 32 ReLU branch alone: plain val loss 0.0733 / 0.0999 vs 0.0983 / "
            "0.0909", interaction=False),
]]

FAULTY_55 = [batch55_case(c) for c in [
    faulty("moe_gate_bias_10", "moe_softmax_gate",
           "vanishing_gradient slow_convergence setup_stall",
           "the gate's bias initialised to [10, 0, 0, 0]: the first expert takes everything, "
           "the saturated softmax passes almost no gradient to the other experts' weights: "
           "training acc 0.763 / 0.767, plain val acc 0.757 / 0.773 vs 0.819 / 0.827",
           gate_bias=10.0),
    faulty("moe_gate_softmax_batch_axis", "moe_softmax_gate", "slow_convergence setup_stall",
           "layers.Softmax(axis=0): the gate normalised over the 64 rows of the batch instead "
           "of the experts (each row's weights ~1/64, set by the other rows): training acc "
           "0.706 / 0.680, plain val acc 0.708 / 0.671 vs 0.819 / 0.827", gate_axis=0),
    faulty("moe_experts_share_one_layer", "moe_softmax_gate", "slow_convergence setup_stall",
           "the expert layers built once outside the loop and called for every expert: 4 "
           "identical experts, the mixture one small expert: training acc 0.765 / 0.739, "
           "plain val acc 0.765 / 0.734 vs 0.819 / 0.827", shared_expert=True),
    faulty("moe_gate_temperature_0_01", "moe_softmax_gate",
           "vanishing_gradient slow_convergence setup_stall",
           "the gate logits divided by a temperature of 0.01 (a hard, saturated gate: one "
           "expert a row, almost no gradient to the gate): training acc 0.767 / 0.775, plain "
           "val acc 0.741 / 0.747 vs 0.819 / 0.827", gate_temperature=0.01),
    faulty("glu_gate_bias_minus_10", "glu_blocks",
           "vanishing_gradient slow_convergence setup_stall",
           "the GLU gates' bias initialised to -10 (sigmoid ~ 4.5e-5: every block's output "
           "and gradient ~0 at the start): training acc 0.813 / 0.825, plain val acc 0.805 / "
           "0.817 vs 0.916 / 0.923", gate_bias=-10.0),
    faulty("film_gamma_zero_init", "film_identity_init",
           "vanishing_gradient no_gradient slow_convergence setup_stall",
           "gamma's kernel and bias both initialised to zeros: every feature multiplied by 0, "
           "no gradient reaches the layers before a FiLM, the output the betas' alone: "
           "training acc 0.516 / 0.525, plain val acc 0.517 / 0.528 vs 0.921 / 0.926",
           gamma_init="zeros"),
    faulty("se_excite_bias_minus_10", "se_cnn_stripes",
           "vanishing_gradient slow_convergence setup_stall",
           "the SE excitation Dense's bias initialised to -10: every channel scaled by ~4.5e-5 "
           "at the start: training acc 0.262 / 0.262, plain val acc 0.255 / 0.255 (chance) vs "
           "0.998 / 0.998", excite_bias=-10.0),
    faulty("se_excite_softmax", "se_cnn_stripes",
           "vanishing_gradient slow_convergence setup_stall",
           "the excitation through a softmax over the channels instead of a sigmoid (the "
           "weights sum to 1, each ~1/16 or 1/32, twice in a row): training acc 0.508 / "
           "0.485, plain val acc 0.516 / 0.485 vs 0.998 / 0.998",
           excite_activation="softmax"),
    faulty("interaction_raw_inputs", "interaction_normalized",
           "unscaled_input exploding_gradient abnormal_data",
           "no Normalization: the raw price (5..800) and quantity (1..2000) projected and "
           "multiplied, products ~1e5..1e6: plain val loss 789824 / 380169 vs 0.0983 / 0.0909 "
           "(val MAE 428 / 357 vs 0.23 / 0.22)", scale="none"),
]]


def batch56_case(case: Case) -> Case:
    return replace(case, batch=56)


# Batch 56 (session "practice56"): modern optimisers and large-batch training in Keras 3:
# AdamW, Lion, Adafactor, Lamb, Nadam, Adamax, RMSprop with momentum, SGD with Nesterov,
# weight decay, clipnorm / global_clipnorm, use_ema with SwapEMAWeights, gradient
# accumulation, batch sizes 8 to 4096 with the linear-scaling rule and warm-up, on sklearn's
# digits, a generated 5000-row table and Friedman #1. Written without reading the detection /
# repair rules or their settings. Labels set by plain Keras training (seeds 11 and 22) before
# any Watch / autotrainer run: faulty when the final validation accuracy is >= 5 points below
# the counterpart's on both seeds (the Friedman regression: the final validation loss >= 1.5x).
B56M = batch56_models
HEALTHY_56 += [batch56_case(c) for c in [
    healthy("digits_adamw", B56M.digits_mlp, "sklearn digits flattened (1437 train, 360 "
            "validate, pixels / 16), Dense 256 ReLU -> Dropout(0.2) -> Dense 128 ReLU -> "
            "softmax 10, AdamW(1e-3, weight_decay=1e-4), batch 32, 20 ep: plain val acc 0.978 "
            "/ 0.978"),
    healthy("digits_nadam", B56M.digits_mlp, "Nadam(1e-3, weight_decay=1e-4): plain val acc "
            "0.978 / 0.975", optimizer="nadam"),
    healthy("digits_adamax_2e_3", B56M.digits_mlp, "Adamax(2e-3), no weight decay: plain val "
            "acc 0.975 / 0.978", optimizer="adamax", lr=2e-3, weight_decay=0.0),
    healthy("digits_lion_1e_4_wd_1e_2", B56M.digits_mlp, "Lion(1e-4, weight_decay=1e-2), the "
            "Lion paper's recipe (a rate 10x smaller and a decay 10x larger than AdamW's): "
            "plain val acc 0.967 / 0.978", optimizer="lion", lr=1e-4, weight_decay=1e-2),
    healthy("digits_ema_swap_0_99", B56M.digits_mlp, "AdamW(use_ema=True, ema_momentum=0.99) "
            "with SwapEMAWeights() (validation on the EMA weights): plain val acc 0.972 / "
            "0.981", use_ema=True, ema_momentum=0.99, swap_ema=True),
    healthy("digits_accumulate_4", B56M.digits_mlp, "AdamW(gradient_accumulation_steps=4) at "
            "batch 32 (an effective batch of 128, 225 updates): plain val acc 0.969 / 0.978",
            accumulation=4),
    healthy("digits_global_clipnorm_1", B56M.digits_mlp, "AdamW(global_clipnorm=1.0): plain "
            "val acc 0.975 / 0.978", global_clipnorm=1.0),
    healthy("digits_batch_8", B56M.digits_mlp, "batch_size=8 (180 steps an epoch), 10 ep at "
            "the same AdamW(1e-3): plain val acc 0.967 / 0.975", batch_size=8, epochs=10),
    healthy("digits_lion_adam_rate_1e_3", B56M.digits_mlp, "Lion given Adam's rate 1e-3 (10x "
            "the recipe's; weight_decay 1e-2): plain val acc 0.969 / 0.972 vs 0.967 / 0.978",
            optimizer="lion", lr=1e-3, weight_decay=1e-2),
    healthy("digits_lion_3e_3", B56M.digits_mlp, "Lion(3e-3) (30x the recipe's rate): "
            "training acc 0.939 / 0.932, plain val acc 0.950 / 0.958 vs 0.967 / 0.978 (1.7 / "
            "2.0 points)", optimizer="lion", lr=3e-3, weight_decay=1e-2),
    healthy("digits_adamw_wd_0_5", B56M.digits_mlp, "AdamW(weight_decay=0.5) (decoupled: "
            "each step shrinks the weights by lr x 0.5 = 5e-4): plain val acc 0.975 / 0.975 vs "
            "0.978 / 0.978", weight_decay=0.5),
    healthy("digits_adamw_wd_5", B56M.digits_mlp, "AdamW(weight_decay=5.0): training acc "
            "0.935 / 0.937, plain val acc 0.931 / 0.939 vs 0.978 / 0.978 (4.7 / 3.9 points; "
            "val loss 0.39 / 0.35 vs 0.08 / 0.09)", weight_decay=5.0),
    healthy("digits_adamw_beta_1_0", B56M.digits_mlp, "AdamW(beta_1=0.0) (no first moment, "
            "RMSprop-like): plain val acc 0.975 / 0.981 vs 0.978 / 0.978", beta_1=0.0),
    healthy("digits_adamw_beta_1_0_beta_2_0_5", B56M.digits_mlp, "AdamW(beta_1=0.0, "
            "beta_2=0.5) (beta_1 < sqrt(beta_2): no runaway): plain val acc 0.972 / 0.972 vs "
            "0.978 / 0.978", beta_1=0.0, beta_2=0.5),
    healthy("table_adam_batch_128", B56M.table_batch, "a generated 5-class table (5000 "
            "training rows, 1000 validation rows, 20 standardised features), Dense 256 ReLU x "
            "2 -> softmax 5, Adam(1e-3), batch 128, 30 ep: plain val acc 0.865 / 0.878"),
    healthy("table_batch_4096_linear_warmup", B56M.table_batch, "batch_size=4096 (2 steps an "
            "epoch) with the linear-scaling rule (1e-3 x 4096 / 128 = 3.2e-2) and a 5-epoch "
            "warm-up then cosine decay: plain val acc 0.880 / 0.868 vs 0.865 / 0.878",
            batch_size=4096, warmup_epochs=5),
    healthy("table_batch_4096_sqrt_warmup", B56M.table_batch, "batch 4096 with the "
            "square-root rule instead (1e-3 x sqrt(32) = 5.7e-3) and the warm-up: training acc "
            "0.903 / 0.902, plain val acc 0.857 / 0.840 vs 0.865 / 0.878", batch_size=4096,
            scaling="sqrt", warmup_epochs=5),
    healthy("table_lamb_1024_warmup", B56M.table_batch, "Lamb at batch 1024, 2e-3 x 8 = 1.6e-2 "
            "with a 3-epoch warm-up: plain val acc 0.864 / 0.862 vs 0.865 / 0.878",
            optimizer="lamb", batch_size=1024, base_lr=2e-3, warmup_epochs=3),
    healthy("table_adafactor_1e_2", B56M.table_batch, "Adafactor(1e-2) (relative step: the "
            "update scaled by the weights' RMS): plain val acc 0.864 / 0.852 vs 0.865 / "
            "0.878", optimizer="adafactor", base_lr=1e-2),
    healthy("friedman_adam", B56M.friedman_mlp, "Friedman #1 regression (4000 training rows, "
            "1000 validation rows, 10 features in [0, 1], the target standardised), Dense 64 "
            "ReLU x 2 -> Dense 1, MSE, Adam(1e-3), batch 64, 40 ep: plain val loss 0.0496 / "
            "0.0502"),
    healthy("friedman_sgd_nesterov", B56M.friedman_mlp, "SGD(1e-2, momentum=0.9, "
            "nesterov=True): plain val loss 0.0482 / 0.0457", optimizer="sgd", lr=1e-2,
            momentum=0.9, nesterov=True),
    healthy("friedman_rmsprop_momentum", B56M.friedman_mlp, "RMSprop(1e-4, momentum=0.9): "
            "plain val loss 0.0498 / 0.0576", optimizer="rmsprop", lr=1e-4, momentum=0.9),
    healthy("friedman_adam_clipnorm_1e_4", B56M.friedman_mlp, "Adam(clipnorm=1e-4) (every "
            "gradient cut to norm 1e-4; Adam's update does not depend on the gradient's "
            "scale): plain val loss 0.0492 / 0.0528 vs 0.0496 / 0.0502", clipnorm=1e-4),
]]

FAULTY_56 = [batch56_case(c) for c in [
    faulty("digits_lion_1e_2", "digits_lion_1e_4_wd_1e_2",
           "learning_rate_out_of_range oscillating_loss slow_convergence",
           "Lion(1e-2), the Adam rate of a 1e-2 recipe (100x Lion's): sign updates of 0.01 a "
           "weight each step: training acc 0.625 / 0.597, plain val acc 0.694 / 0.664 vs "
           "0.967 / 0.978", lr=1e-2),
    faulty("digits_adafactor_blank_pixels", "digits_adamw",
           "constant_input dying_relu setup_stall slow_convergence",
           "Adafactor(1e-2) on digits whose pixel columns 0, 32, 39 are always 0: their "
           "gradient rows are 0, the factored second moment underflows, 0 x inf makes the "
           "whole first kernel NaN within the first epoch, the ReLUs output 0 and the softmax is "
           "uniform: loss ln 10 = 2.3026, plain val acc 0.083 / 0.083 vs 0.978 / 0.978",
           optimizer="adafactor", lr=1e-2, weight_decay=0.0),
    faulty("digits_ema_0_99999_swap", "digits_ema_swap_0_99",
           "slow_convergence setup_stall",
           "ema_momentum=0.99999 with SwapEMAWeights(): ~900 steps move the average ~1 % "
           "from the initial weights, and validation runs on the average: training acc 0.997 "
           "/ 0.995, plain val acc 0.161 / 0.233 vs 0.972 / 0.981", ema_momentum=0.99999),
    faulty("digits_accumulate_64_batch_64", "digits_accumulate_4",
           "small_budget slow_convergence setup_stall",
           "gradient_accumulation_steps=64 at batch 64 (23 steps an epoch: one update every "
           "~3 epochs, ~7 in all): training acc 0.662 / 0.635, plain val acc 0.803 / 0.756 vs "
           "0.969 / 0.978", accumulation=64, batch_size=64),
    faulty("digits_adam_epsilon_1", "digits_adamw",
           "learning_rate_out_of_range slow_convergence setup_stall",
           "Adam(epsilon=1.0) (the TF1 Inception advice copied): the update lr x m / (sqrt(v) "
           "+ 1) is SGD at 1e-3 for these small gradients: training acc 0.246 / 0.343, plain "
           "val acc 0.336 / 0.500 vs 0.978 / 0.978", optimizer="adam", weight_decay=0.0,
           epsilon=1.0),
    faulty("digits_adamw_beta_2_0_5", "digits_adamw",
           "exploding_gradient oscillating_loss",
           "AdamW(beta_2=0.5) with beta_1=0.9 (beta_1 > sqrt(beta_2): the second moment "
           "forgets faster than the first, steps blow up): training loss 258.7 / 3.54, plain "
           "val acc 0.897 / 0.922 vs 0.978 / 0.978", beta_2=0.5),
    faulty("table_batch_4096_small_batch_lr", "table_adam_batch_128",
           "small_budget slow_convergence",
           "batch_size=4096 on 5000 rows with the batch-128 rate kept (Adam(1e-3), 2 steps "
           "an epoch, 60 in all): training acc 0.836 / 0.846, plain val acc 0.813 / 0.811 vs "
           "0.865 / 0.878", batch_size=4096, scaling="none"),
    faulty("table_batch_4096_linear_from_32", "table_adam_batch_128",
           "learning_rate_out_of_range oscillating_loss",
           "batch 4096 with the linear-scaling rule applied to Adam from a batch-32 rate "
           "(1e-3 x 128 = 0.128), no warm-up: training acc 0.839 / 0.784, plain val acc 0.742 "
           "/ 0.664 vs 0.865 / 0.878", batch_size=4096, base_batch=32),
    faulty("table_adafactor_tiny_relative_step", "table_adafactor_1e_2",
           "learning_rate_out_of_range slow_convergence setup_stall",
           "Adafactor(learning_rate=1e-5) (the relative step: updates 1e-5 x the weights' "
           "RMS): training acc 0.241 / 0.270, plain val acc 0.254 / 0.292 vs 0.864 / 0.852",
           base_lr=1e-5),
    faulty("friedman_sgd_clipnorm_1e_4", "friedman_sgd_nesterov",
           "slow_convergence setup_stall",
           "SGD(1e-2, Nesterov momentum 0.9, clipnorm=1e-4) (a clip value from a forum "
           "answer: each variable's step at most 1e-2 x 1e-4 / (1 - 0.9) = 1e-5): training "
           "loss 1.074 / 1.050, plain val loss 1.151 / 1.143 vs 0.0482 / 0.0457",
           clipnorm=1e-4),
    faulty("friedman_adam_epsilon_1", "friedman_adam",
           "learning_rate_out_of_range slow_convergence setup_stall",
           "Adam(epsilon=1.0): SGD at 1e-3 in effect: training loss 0.601 / 0.486, plain val "
           "loss 0.622 / 0.498 vs 0.0496 / 0.0502 (12x / 10x)", epsilon=1.0),
    faulty("friedman_sgd_0_1_momentum_0_99", "friedman_sgd_nesterov",
           "exploding_gradient dying_relu learning_rate_out_of_range",
           "SGD(0.1, momentum=0.99, nesterov=True) (a momentum-free rate kept with momentum "
           "0.99: an effective rate 0.1 / 0.01 = 10, 100x the counterpart's): training loss "
           "1.007 / 1.015 (the mean predicted), plain val loss 1.099 / 1.040 vs 0.0482 / "
           "0.0457", lr=0.1, momentum=0.99),
]]


def batch57_case(case: Case) -> Case:
    return replace(case, batch=57)


# Batch 57 (session "practice57"): self-supervised pretraining then a supervised stage in
# Keras 3: a SimCLR-style two-view contrastive pretext (NT-Xent written with keras.ops) on
# sklearn digits then a linear probe / fine-tuning, a rotation-prediction pretext on digits
# then frozen-then-unfrozen fine-tuning, a VIME-style masked-feature or denoising pretext on a
# generated table (the encoder shared by two pretext heads) then fine-tuning; 10 labels a
# digit / 240 labeled rows. The pretext fit is a plain fit inside the script, the supervised
# fit the watched one. Written without reading the detection / repair rules or their
# settings. Labels set by plain Keras training (seeds 11 and 22) before any Watch /
# autotrainer run: faulty when the final validation accuracy is >= 5 points below the
# counterpart's on both seeds.
B57M = batch57_models
HEALTHY_57 += [batch57_case(c) for c in [
    healthy("simclr_linear_probe", B57M.simclr_digits, "SimCLR on sklearn digits (1297 "
            "unlabeled images, two views: RandomTranslation(0.15) + GaussianNoise(0.1) + "
            "Dropout(0.2)), encoder Dense 128 -> BN -> ReLU -> Dense 64 -> BN -> ReLU, "
            "projection Dense 64 ReLU -> Dense 32, NT-Xent at temperature 0.1, 40 ep; then a "
            "linear probe (Dense 10 softmax) on the frozen encoder, 10 labels a digit, "
            "Adam(1e-3), batch 16, 60 ep: plain val acc 0.782 / 0.800"),
    healthy("simclr_temperature_0_5", B57M.simclr_digits, "NT-Xent at temperature 0.5: plain "
            "val acc 0.794 / 0.786 vs 0.782 / 0.800", temperature=0.5),
    healthy("simclr_temperature_100", B57M.simclr_digits, "NT-Xent at temperature 100 (the "
            "logits within +-0.01: the pretext barely trains): plain val acc 0.764 / 0.758 vs "
            "0.782 / 0.800 (1.8 / 4.2 points)", temperature=100.0),
    healthy("simclr_probe_projection_head", B57M.simclr_digits, "the projection head kept and "
            "the probe put on its 32-d output instead of the encoder's: plain val acc 0.786 / "
            "0.770 vs 0.782 / 0.800", probe_on="projection"),
    healthy("simclr_frozen_bn_training_true", B57M.simclr_digits, "the frozen encoder called "
            "with training=True (Keras 3 runs a BatchNormalization with trainable=False in "
            "inference mode anyway): plain val acc 0.782 / 0.800, the same figures",
            bn_training=True),
    healthy("simclr_normalised_relu_head", B57M.simclr_digits, "the embedding L2-normalised "
            "(UnitNormalization) under a Dense 64 ReLU -> softmax head (bias 0): plain val acc "
            "0.820 / 0.814 vs 0.782 / 0.800", normalise=True, head="relu"),
    healthy("simclr_finetune", B57M.simclr_digits, "after the linear probe (a plain fit), the "
            "encoder unfrozen and the whole model fine-tuned with Adam(1e-4), 60 ep: plain "
            "val acc 0.862 / 0.854", stage="finetune"),
    healthy("rotation_pretext_finetune", B57M.rotation_digits, "rotation prediction on "
            "sklearn digits (1297 unlabeled images turned 0 / 90 / 180 / 270 degrees), CNN "
            "encoder Conv 16 -> Conv 32 -> MaxPool -> Dense 64, softmax-4 head, 8 ep; then a "
            "softmax-10 head, the encoder frozen 30 ep (Adam(1e-3), a plain fit), then "
            "unfrozen, Adam(1e-4), 30 ep, batch 16, 10 labels a digit: plain val acc 0.768 / "
            "0.790"),
    healthy("rotation_finetune_sgd_momentum", B57M.rotation_digits, "the unfrozen stage with "
            "SGD(1e-2, momentum=0.9): plain val acc 0.870 / 0.882 vs 0.768 / 0.790",
            optimizer="sgd", finetune_lr=1e-2),
    healthy("table_vime_finetune", B57M.table_pretext, "a generated 4-class table (3000 "
            "unlabeled rows, 240 labeled, 1000 validate; 24 raw columns standardised by a "
            "scaler fitted on the pool), VIME pretext (30 % of the cells swapped; the encoder "
            "Dense 64 ReLU x 2 shared by a mask head and a feature head), 20 ep; then the "
            "encoder fine-tuned under Dense 32 ReLU -> softmax 4, Adam(1e-3), batch 32, 40 ep: "
            "plain val acc 0.704 / 0.690"),
    healthy("table_denoise_finetune", B57M.table_pretext, "a denoising autoencoder pretext "
            "(Gaussian noise sd 0.5 in, the clean row out, MSE) instead: plain val acc 0.677 / "
            "0.703 vs 0.704 / 0.690", pretext="denoise"),
    healthy("table_vime_mask_0", B57M.table_pretext, "mask probability 0 (no cell corrupted: "
            "the pretext is the identity and an all-zero mask): plain val acc 0.677 / 0.678 "
            "vs 0.704 / 0.690 (2.7 / 1.2 points)", mask_p=0.0),
    healthy("table_pretext_skipped", B57M.table_pretext, "the pretext fit skipped (the "
            "encoder fine-tuned from random weights): plain val acc 0.690 / 0.675 vs 0.704 / "
            "0.690", pretrain=False),
    healthy("table_normalised_embedding", B57M.table_pretext, "the embedding L2-normalised "
            "before the ReLU head (bias 0): plain val acc 0.688 / 0.684 vs 0.704 / 0.690",
            normalise=True),
]]

FAULTY_57 = [batch57_case(c) for c in [
    faulty("simclr_pretext_skipped_frozen_random", "simclr_linear_probe",
           "slow_convergence setup_stall",
           "the pretext fit skipped (the cell not run) but the encoder still frozen: a linear "
           "probe on random 64-d features: training acc 0.740 / 0.770 (loss 1.68 / 1.74), "
           "plain val acc 0.612 / 0.606 vs 0.782 / 0.800", pretrain=False),
    faulty("simclr_identical_views", "simclr_linear_probe", "slow_convergence",
           "no augmentation: both views the same image, the positive pair trivially equal: "
           "training acc 0.950 / 0.930, plain val acc 0.694 / 0.650 vs 0.782 / 0.800 (val "
           "loss 1.14 / 1.17 vs 0.79 / 0.73)", augment="none"),
    faulty("simclr_finetune_lr_1", "simclr_finetune",
           "exploding_gradient oscillating_loss dying_relu learning_rate_out_of_range",
           "the unfrozen encoder fine-tuned with Adam(1.0): training acc 0.240 / 0.140, plain "
           "val acc 0.242 / 0.278 vs 0.862 / 0.854", finetune_lr=1.0),
    faulty("simclr_normalised_relu_head_bias_3", "simclr_normalised_relu_head",
           "dying_relu vanishing_gradient no_gradient slow_convergence setup_stall",
           "the unit-norm embedding into Dense 64 ReLU with bias_initializer=Constant(-3) "
           "(every pre-activation < 0: the head's ReLUs dead from the start): loss 2.304 = "
           "ln 10, plain val acc 0.092 / 0.092 vs 0.820 / 0.814", head_bias=-3.0),
    faulty("rotation_pretext_skipped", "rotation_pretext_finetune",
           "slow_convergence setup_stall",
           "the rotation pretext skipped: the random CNN encoder frozen 30 ep, then fine-tuned "
           "at Adam(1e-4): training acc 0.830 / 0.780 (loss 1.46 / 1.53), plain val acc 0.706 "
           "/ 0.648 vs 0.768 / 0.790", pretrain=False),
    faulty("rotation_finetune_lr_1", "rotation_pretext_finetune",
           "exploding_gradient oscillating_loss dying_relu learning_rate_out_of_range",
           "the unfrozen stage at Adam(1.0): training acc 0.030 / 0.020, plain val acc 0.092 "
           "/ 0.106 vs 0.768 / 0.790", finetune_lr=1.0),
    faulty("rotation_pretext_labels_downstream", "rotation_pretext_finetune",
           "label_mismatch slow_convergence setup_stall",
           "the labeled set trained on the pretext's rotation labels (`y` left over from the "
           "pretext cell: the first 100 pretext rows' turns 0..3): training acc 0.470 / "
           "0.470, plain val acc 0.032 / 0.140 vs 0.768 / 0.790", labels="rotation"),
    faulty("rotation_no_frozen_stage", "rotation_pretext_finetune",
           "learning_rate_out_of_range slow_convergence setup_stall",
           "no frozen stage: the pretrained encoder and a random softmax-10 head fine-tuned "
           "together at Adam(1e-4) for 30 ep (210 steps): training acc 0.770 / 0.670 (loss "
           "1.29 / 1.46), plain val acc 0.612 / 0.548 vs 0.768 / 0.790",
           freeze_first=False),
    faulty("table_scaler_pool_only", "table_vime_finetune", "unscaled_input abnormal_data",
           "the StandardScaler fitted on and applied to the unlabeled pool only: the labeled "
           "and validation rows fine-tuned raw (columns 0.1 .. 1000s): training acc 0.913 / "
           "0.954, plain val acc 0.445 / 0.460 (val loss 21.3 / 21.9) vs 0.704 / 0.690",
           scale="pool_only"),
    faulty("table_normalised_relu_bias_3", "table_normalised_embedding",
           "dying_relu vanishing_gradient no_gradient slow_convergence setup_stall",
           "the unit-norm embedding into Dense 32 ReLU with bias_initializer=Constant(-3): "
           "loss 1.383 (ln 4 = 1.386), plain val acc 0.250 / 0.250 vs 0.688 / 0.684",
           head_bias=-3.0),
    faulty("table_head_dropout_0_8", "table_vime_finetune",
           "high_dropout slow_convergence setup_stall",
           "Dropout(0.8) before the softmax on 240 labeled rows: training acc 0.521 / 0.646, "
           "plain val acc 0.604 / 0.639 vs 0.704 / 0.690 (10.0 / 5.1 points)", dropout=0.8),
    faulty("table_2_epochs_batch_256", "table_vime_finetune", "small_budget slow_convergence",
           "epochs=2 at batch 256 on 240 rows (one step an epoch, 2 in all): plain val acc "
           "0.259 / 0.254 vs 0.704 / 0.690", epochs=2, batch_size=256),
]]


def batch58_case(case: Case) -> Case:
    return replace(case, batch=58)


# Batch 58 (session "practice58"): modern deep tabular architectures as practitioners write
# them in Keras 3: wide-and-deep, Deep & Cross (hand-written cross layers), an FT-Transformer
# (a numeric tokenizer + MultiHeadAttention), a TabNet-like model (sparsemax feature masks), a
# NODE-like ensemble of soft trees, periodic / piecewise-linear numeric embeddings and a
# residual MLP with LayerNorm, on a generated mixed numeric / categorical churn table, a
# `make_classification` table and a generated sharp regression. Written without reading the
# detection / repair rules or their settings. Labels set by plain Keras training (seeds 11 and
# 22) before any Watch / autotrainer run: faulty when the final validation accuracy is >= 5
# points below the counterpart's on both seeds (regression: the final validation loss >= 1.5x).
B58M = batch58_models
HEALTHY_58 += [batch58_case(c) for c in [
    healthy("wide_deep_churn", B58M.wide_deep, "wide & deep on a generated churn table (3000 "
            "train, 1000 validate; 6 numeric columns on their own units, 3 categories): wide "
            "Dense(1) on one-hot categories + product x channel / region x product crosses, "
            "deep Embedding(4) per category + standardised numerics -> Dense 64 -> 32 ReLU -> "
            "Dense(1), logits added -> sigmoid, Adam(1e-3), batch 64, 15 ep: plain val acc "
            "0.806 / 0.807"),
    healthy("wide_deep_no_crosses", B58M.wide_deep, "the wide part without its crossed "
            "columns (the product x channel effect left to the deep part): plain val acc "
            "0.769 / 0.769 vs 0.806 / 0.807 (3.7 / 3.8 points)", crosses=False),
    healthy("wide_deep_target_column_filled_zero", B58M.wide_deep, "the Kaggle train + test "
            "concat with the churn column not dropped from the wide columns: the training rows "
            "carry their label, the validation rows (the 'test' frame) fillna(0); the linear "
            "wide weight on it stays small in 15 epochs at 1e-3 (training acc 0.861 / 0.874): "
            "plain val acc 0.808 / 0.806 vs 0.806 / 0.807", leak="target_filled"),
    healthy("deep_cross_v2", B58M.deep_cross, "DCN-v2 on the churn table: x0 = standardised "
            "numerics + Embedding(4) per category (18 columns), 3 hand-written cross layers "
            "x0 * (W x + b) + x, Dense 64 -> 32 ReLU -> sigmoid, Adam(1e-3), batch 64, 15 ep: "
            "plain val acc 0.821 / 0.818"),
    healthy("deep_cross_8_layers", B58M.deep_cross, "8 stacked cross layers, no "
            "normalisation (degree-9 polynomials): plain val acc 0.784 / 0.814 vs 0.821 / "
            "0.818 (3.7 / 0.4 points)", cross_layers=8),
    healthy("deep_cross_8_layers_lr_1e_2", B58M.deep_cross, "8 cross layers, no "
            "normalisation, Adam(1e-2): overfits (training acc 0.937 / 0.934, val loss 0.57 / "
            "0.61 vs 0.42 / 0.40) but plain val acc 0.841 / 0.821 vs 0.821 / 0.818",
            cross_layers=8, lr=1e-2),
    healthy("ft_transformer_churn", B58M.ft_transformer, "FT-Transformer on the churn table: "
            "numeric tokens x_j W_j + b_j and Embedding(16) per category, [CLS], 2 pre-LN "
            "blocks (MultiHeadAttention 4 x 4, FFN 32 ReLU, dropout 0.1), LayerNorm(CLS) -> "
            "ReLU -> sigmoid, Adam(1e-3), batch 64, 15 ep: plain val acc 0.838 / 0.845"),
    healthy("ft_transformer_relu_tokens", B58M.ft_transformer, "a ReLU on the tokens (a "
            "tokenizer copied from an MLP embedding, randomly initialised): plain val acc "
            "0.791 / 0.822 vs 0.838 / 0.845 (4.7 / 2.3 points)", token_activation="relu"),
    healthy("ft_transformer_30_per_class", B58M.ft_transformer, "the FT-Transformer on 30 "
            "training rows a class (60 rows; 1000 validate), batch 16, 80 ep, dropout 0.1: "
            "overfits (training acc 0.900 / 0.967), plain val acc 0.645 / 0.602",
            per_class=30, epochs=80, batch_size=16),
    healthy("tabnet_sparsemax", B58M.tabnet, "TabNet-like on make_classification (24 "
            "features, 4 classes; 2400 train, 600 validate): 3 steps, attentive transformer "
            "Dense -> BN -> x prior -> sparsemax over the features, GLU feature transformer, "
            "prior *= 1.3 - M, Adam(2e-2), batch 256, 30 ep: plain val acc 0.815 / 0.820"),
    healthy("tabnet_softmax_mask", B58M.tabnet, "softmax masks over the features instead of "
            "sparsemax: plain val acc 0.812 / 0.807 vs 0.815 / 0.820", mask="softmax"),
    healthy("tabnet_gamma_1", B58M.tabnet, "relaxation gamma = 1.0 (a feature used once is "
            "never reused): plain val acc 0.813 / 0.857 vs 0.815 / 0.820", gamma=1.0),
    healthy("soft_trees_churn", B58M.soft_trees, "16 soft oblique trees of depth 4 (routing "
            "sigmoid((w.x + b) / T), T = 1; leaf values averaged) on standardised numerics + "
            "one-hot categories and crosses, sigmoid, Adam(1e-2), batch 64, 15 ep: plain val "
            "acc 0.863 / 0.870"),
    healthy("periodic_embedding_mlp", B58M.numeric_embedding_mlp, "a generated regression "
            "with sharp / periodic parts (4000 train, 1000 validate, 8 features, target "
            "standardised): standardised features -> periodic embeddings (16 trainable "
            "frequencies, sigma 0.5, per-feature Dense 8 ReLU) -> Dense 128 ReLU x 2 -> Dense "
            "1, MSE, Adam(1e-3), batch 64, 25 ep: plain val loss 0.0170 / 0.0125"),
    healthy("ple_embedding_mlp", B58M.numeric_embedding_mlp, "piecewise-linear encoding on 16 "
            "training-quantile bins a feature: plain val loss 0.0278 / 0.0195",
            embedding="ple"),
    healthy("resnet_mlp_layernorm", B58M.resnet_mlp, "RTDL ResNet on make_classification: "
            "Dense 128, 4 blocks h + Dropout(Dense(Dropout(ReLU(Dense 256 (LayerNorm h))))), "
            "LayerNorm -> ReLU -> softmax 4, AdamW(1e-3, wd 1e-4), batch 128, 25 ep: plain "
            "val acc 0.852 / 0.855"),
    healthy("resnet_mlp_batchnorm", B58M.resnet_mlp, "BatchNormalization in the blocks "
            "instead of LayerNorm: plain val acc 0.872 / 0.873 vs 0.852 / 0.855",
            norm="batch"),
    healthy("resnet_mlp_no_norm", B58M.resnet_mlp, "no normalisation at all (4 residual "
            "blocks): plain val acc 0.857 / 0.873 vs 0.852 / 0.855", norm="none"),
]]

FAULTY_58 = [batch58_case(c) for c in [
    faulty("wide_deep_softmax_one_unit", "wide_deep_churn",
           "improper_output output_loss_mismatch setup_stall",
           "the summed logit through softmax on one unit (always 1.0) under binary CE: "
           "plain val acc 0.466 / 0.466 (the positive rate) vs 0.806 / 0.807",
           head="softmax1"),
    faulty("deep_cross_unscaled", "deep_cross_v2",
           "unscaled_input exploding_gradient setup_stall",
           "the raw units (income ~1e5, balance ~1e4) into the cross layers, whose products "
           "square them: training loss 2.8e13 / 2.0e15, plain val acc 0.488 / 0.465 vs "
           "0.821 / 0.818", scale="none"),
    faulty("deep_cross_v1_vector", "deep_cross_v2", "",
           "DCN-v1's rank-one cross x0 (x . w) + b + x instead of v2's matrix (an older "
           "paper's layer; no Watch problem fits, training acc 0.831 / 0.822 vs 0.866 / "
           "0.857): plain val acc 0.766 / 0.766 vs 0.821 / 0.818 (5.5 / 5.2 points)",
           kind="vector"),
    faulty("ft_tokenizer_zeros_relu", "ft_transformer_churn",
           "dying_relu no_gradient setup_stall slow_convergence",
           "the tokenizer's W, b and the category embeddings initialised at 0, a ReLU on the "
           "tokens: every token 0 with zero gradient, only [CLS] left (training acc 0.504 / "
           "0.499): plain val acc 0.534 / 0.534 vs 0.838 / 0.845",
           token_init="zeros", token_activation="relu"),
    faulty("ft_tokenizer_unscaled", "ft_transformer_churn", "unscaled_input slow_convergence",
           "the numeric columns in their raw units into the tokenizer (the pre-LN then sees "
           "x_j W_j, its sign only, for the large positive columns): plain val acc 0.786 / "
           "0.789 vs 0.838 / 0.845 (5.2 / 5.6 points)", scale="none"),
    faulty("ft_30_per_class_dropout_0_9", "ft_transformer_30_per_class",
           "high_dropout slow_convergence",
           "dropout 0.9 on attention and FFN for the 60-row set (training acc 0.450 / "
           "0.567): plain val acc 0.558 / 0.473 vs 0.645 / 0.602", dropout=0.9),
    faulty("tabnet_mask_over_batch", "tabnet_sparsemax", "slow_convergence setup_stall",
           "sparsemax(..., axis=0): each feature's mask normalised across the batch's rows, "
           "a row's inputs weighted by the rest of its batch (training acc 0.383 / 0.490): "
           "plain val acc 0.367 / 0.407 vs 0.815 / 0.820", mask_axis=0),
    faulty("tabnet_3_epochs_batch_1024", "tabnet_sparsemax", "small_budget slow_convergence",
           "3 epochs of batch 1024 (9 steps): plain val acc 0.212 / 0.210 vs 0.815 / 0.820",
           epochs=3, batch_size=1024),
    faulty("periodic_embedding_unscaled", "periodic_embedding_mlp",
           "unscaled_input slow_convergence",
           "the raw units (metres 0..1000, hours, 0..2e5) into the periodic embedding "
           "(sin(2 pi c x) with c ~ N(0, 0.5^2): aliased noise): plain val loss 0.121 / "
           "0.126 vs 0.0170 / 0.0125 (7x / 10x)", scale="none"),
    faulty("resnet_plain_sigmoid_8", "resnet_mlp_layernorm",
           "vanishing_gradient slow_convergence setup_stall",
           "8 blocks, no residual, no normalisation, sigmoid in the blocks (16 sigmoid-linear "
           "layers): training acc 0.259 / 0.267, plain val acc 0.210 / 0.210 vs 0.852 / "
           "0.855", blocks=8, residual=False, activation="sigmoid", norm="none"),
]]


def batch59_case(case: Case) -> Case:
    return replace(case, batch=59)


# Batch 59 (session "practice59"): time-series forecasting in Keras 3 on generated series:
# an hourly load with a growing trend, daily / weekly seasonality and a temperature
# covariate; a mostly negative net flow; six related random walks in the thousands. Windows
# cut with numpy striding or keras.utils.timeseries_dataset_from_array, direct multi-step
# outputs, LSTM / GRU, a TCN-style dilated causal Conv1D stack, an MLP with a point or a
# quantile head. Written without reading the detection / repair rules or their settings.
# Labels set by plain Keras training (seeds 11 and 22) before any Watch / autotrainer run:
# faulty when the final validation loss is >= 1.5x the counterpart's on both seeds, read on
# the validation nmae (MAE in the series' own units over a fixed reference unit) where the
# fault changes the target's scale.
B59M = batch59_models
HEALTHY_59 += [batch59_case(c) for c in [
    healthy("load_lstm_delta", B59M.seasonal_rnn, "hourly load with a growing trend (2400 "
            "training steps, 600 later validation steps) and a temperature covariate: 48-h "
            "windows, the window and the 12-step target as changes from the window's last "
            "value over the training sd, LSTM(32) -> Dense(12), MSE, Adam(1e-3), batch 64, 12 "
            "ep: plain val loss 0.0078 / 0.0081 (nmae 0.070 / 0.071)"),
    healthy("load_gru_delta", B59M.seasonal_rnn, "GRU(32) in place of the LSTM: plain val "
            "loss 0.0087 / 0.0087 (nmae 0.072 / 0.072)", cell="gru"),
    healthy("load_gru_recurrent_dropout_0_2", B59M.seasonal_rnn, "GRU(32, "
            "recurrent_dropout=0.2): plain val loss 0.0093 / 0.0096 vs 0.0087 / 0.0087",
            cell="gru", recurrent_dropout=0.2),
    healthy("load_lstm_no_covariate", B59M.seasonal_rnn, "the temperature channel left out: "
            "plain val loss 0.0090 / 0.0093 vs 0.0078 / 0.0081", exog=False),
    healthy("load_lstm_unshuffled_windows", B59M.seasonal_rnn, "fit(shuffle=False) on the "
            "windows in time order: plain val loss 0.0078 / 0.0080 vs 0.0078 / 0.0081",
            shuffle=False),
    healthy("load_lstm_target_overlaps_input", B59M.seasonal_rnn, "the target window starts "
            "6 steps before the input window ends (y = series[i+42 : i+54]; half the horizon "
            "is in the input, the validation windows built the same way): plain val loss "
            "0.0038 / 0.0038 vs 0.0078 / 0.0081 (inflated, not harmed)", offset=-6),
    healthy("load_lstm_target_off_by_one", B59M.seasonal_rnn, "the target shifted one step "
            "back (its first step is the window's last input): plain val loss 0.0069 / "
            "0.0072 vs 0.0078 / 0.0081", offset=-1),
    healthy("load_lstm_adam_lr_0_1", B59M.seasonal_rnn, "Adam(0.1) on the LSTM: plain val "
            "loss 0.0108 / 0.0097 vs 0.0078 / 0.0081 (1.4x / 1.2x)", lr=0.1),
    healthy("flow_lstm_standardised", B59M.seasonal_rnn, "hourly net flow (99 % of the values "
            "below 0, no trend), standardised on the training part, the level as target, "
            "LSTM(32) -> Dense(12) linear: plain val loss 0.144 / 0.141 (nmae 0.298 / 0.296)",
            series="flow", target="level"),
    healthy("load_tcn_causal", B59M.seasonal_tcn, "the load windows (delta target) into "
            "Conv1D(32, 1) -> 4 residual blocks Conv1D(32, 3, causal, dilation 1 / 2 / 4 / 8, "
            "ReLU) -> LayerNormalization, the last step -> Dense(12), Adam(1e-3), batch 64, "
            "12 ep: plain val loss 0.0206 / 0.0208"),
    healthy("load_tcn_same_padding", B59M.seasonal_tcn, "padding='same' in place of "
            "'causal' (the window's later steps seen by earlier positions; the target is "
            "past the window, no leak): plain val loss 0.0218 / 0.0213 vs 0.0206 / 0.0208",
            padding="same"),
    healthy("load_tcn_huge_kernel_no_norm", B59M.seasonal_tcn, "the dilations replaced by "
            "kernel 48 (the whole window) in every block, padding='same', no normalisation: "
            "plain val loss 0.0095 / 0.0097 vs 0.0206 / 0.0208 (better; 49-51 s a fit on the "
            "shared machine)", kernel=48, dilations="1,1,1,1", padding="same", norm="none"),
    healthy("load_tcn_no_norm", B59M.seasonal_tcn, "the LayerNormalization dropped: plain val "
            "loss 0.0091 / 0.0093 vs 0.0206 / 0.0208 (better)", norm="none"),
    healthy("walk_mlp_relative", B59M.walk_mlp, "six related random walks in the thousands "
            "(2000 training steps, 500 later validation steps), series 0 (3 steps behind the "
            "others' common factor) 5 steps ahead from 30 steps of all six, "
            "timeseries_dataset_from_array, windows relative to their last value over the "
            "one-step sd, Flatten -> Dense 64 ReLU x 2 -> Dense 5, MSE, Adam(1e-3), batch 64, "
            "20 ep: plain val loss 1.445 / 1.520 (nmae 0.893 / 0.933)"),
    healthy("walk_mlp_quantile", B59M.walk_mlp, "a quantile head (Dense 15 -> (5, 3), "
            "quantiles 0.1 / 0.5 / 0.9, pinball loss): plain val nmae of the median 0.870 / "
            "0.876 vs 0.893 / 0.933", head="quantile"),
    healthy("walk_mlp_2_epochs", B59M.walk_mlp, "epochs=2 (62 steps): plain val loss 1.672 / "
            "1.732 vs 1.445 / 1.520 (1.16x / 1.14x)", epochs=2),
]]

FAULTY_59 = [batch59_case(c) for c in [
    faulty("load_gru_recurrent_dropout_0_9", "load_gru_delta", "high_dropout slow_convergence",
           "GRU(32, recurrent_dropout=0.9): training loss 0.024 / 0.029 vs 0.0084 / 0.0085, "
           "plain val loss 0.0136 / 0.0184 vs 0.0087 / 0.0087 (1.6x / 2.1x)", cell="gru",
           recurrent_dropout=0.9),
    faulty("load_lstm_minmax_level", "load_lstm_delta", "validation_shift",
           "the level forecast under a MinMaxScaler fitted on the training part (the "
           "growing trend takes the validation steps to 1.3 on that scale; training loss "
           "0.0010 on its scale): plain val nmae 0.314 / 0.361 vs 0.070 / 0.071 (4.5x / 5.1x)",
           target="level", scale="minmax"),
    faulty("load_lstm_standardised_level", "load_lstm_delta", "validation_shift",
           "the level forecast, standardised on the training part (the validation steps 1.7 "
           "to 3.5 sd above its mean): plain val loss 0.586 / 0.441 vs 0.0078 / 0.0081 "
           "(nmae 0.698 / 0.597 vs 0.070 / 0.071)", target="level"),
    faulty("load_lstm_time_shuffled", "load_lstm_delta",
           "slow_convergence setup_stall label_mismatch",
           "the series' rows shuffled (df.sample(frac=1)) before the windows are cut: "
           "training loss 1.03 / 1.03, plain val loss 1.008 / 1.004 vs 0.0078 / 0.0081",
           shuffle_time=True),
    faulty("flow_lstm_relu_output", "flow_lstm_standardised", "improper_output",
           "Dense(12, activation='relu') on the standardised flow (half the targets below "
           "0): plain val loss 0.687 / 0.687 vs 0.144 / 0.141 (4.8x / 4.9x)", output="relu"),
    faulty("flow_lstm_raw_relu_output", "flow_lstm_standardised",
           "improper_output dying_relu unscaled_target setup_stall",
           "a relu output on the raw flow (99 % of the targets below 0): the output stuck "
           "at 0 (val loss 48.5 = the flow's mean square), plain val nmae 2.101 / 2.101 vs "
           "0.298 / 0.296", output="relu", scale="none"),
    faulty("flow_lstm_raw_units", "flow_lstm_standardised",
           "unscaled_input unscaled_target slow_convergence",
           "the flow in its raw units (-14..2, mean -6) into the LSTM and as target: plain "
           "val nmae 0.686 / 0.742 vs 0.298 / 0.296 (2.3x / 2.5x; val loss 6.43 / 7.40 raw)",
           scale="none"),
    faulty("walk_mlp_raw_level_sgd_0_1", "walk_mlp_relative",
           "exploding_gradient unscaled_input unscaled_target",
           "the raw levels in the thousands as inputs and target, MSE, SGD(0.1): plain val "
           "loss NaN / NaN vs 1.445 / 1.520", level="raw", optimizer="sgd", lr=0.1),
    faulty("walk_mlp_raw_level_adam", "walk_mlp_relative",
           "unscaled_input unscaled_target slow_convergence",
           "the raw levels in the thousands as inputs and target, MSE, Adam(1e-3): plain val "
           "nmae 7.07 / 10.30 vs 0.893 / 0.933 (val loss 1046 / 2226 raw)", level="raw"),
    faulty("walk_mlp_standardised_level", "walk_mlp_relative",
           "validation_shift slow_convergence",
           "the levels standardised with the training part's mean / sd (the walks leave "
           "that range later; a step is ~0.05 sd): training nmae 1.31 / 1.24 vs 0.66 / 0.68, "
           "plain val nmae 3.00 / 1.62 vs 0.893 / 0.933 (3.4x / 1.7x)", level="standard"),
    faulty("walk_mlp_single_series", "walk_mlp_relative", "slow_convergence",
           "the five related series dropped (series 0 alone; they lead it by 3 steps): "
           "training loss 2.63 / 2.65 vs 0.79 / 0.82, plain val loss 2.889 / 2.920 vs 1.445 "
           "/ 1.520 (2.0x / 1.9x)", others=False),
]]


def batch60_case(case: Case) -> Case:
    return replace(case, batch=60)


# Batch 60 (session "practice60"): robustness training and in-model ensembles in Keras 3:
# FGSM / PGD adversarial training in a custom train_step, GaussianNoise / GaussianDropout /
# hand-written input noise, label smoothing against noisy labels, stochastic weight averaging
# and snapshot schedules through callbacks, a multi-head ensemble in one functional model,
# Monte-Carlo dropout and max-norm / non-negative kernel constraints, on sklearn's digits, a
# generated sensor table on its own units and Friedman #1. Written without reading the
# detection / repair rules or their settings. Labels set by plain Keras training (seeds 11
# and 22) before any Watch / autotrainer run: faulty when the final validation accuracy is
# >= 5 points below the counterpart's on both seeds (Friedman: the final validation loss
# >= 1.5x).
B60M = batch60_models
HEALTHY_60 += [batch60_case(c) for c in [
    healthy("adversarial_fgsm_digits", B60M.digits_adversarial, "sklearn digits flattened "
            "(1437 train, 360 validate, pixels / 16), Dense 128 ReLU x 2 -> softmax 10 in a "
            "custom train_step, each batch half clean, half FGSM at epsilon 0.05 (clipped to "
            "[0, 1]), Adam(1e-3), batch 64, 20 ep: plain val acc 0.967 / 0.972"),
    healthy("adversarial_pgd_digits", B60M.digits_adversarial, "PGD: 5 steps of 0.025 in "
            "an epsilon-0.1 ball: plain val acc 0.967 / 0.972", steps=5, epsilon=0.1,
            alpha=0.025),
    healthy("fgsm_epsilon_input_range", B60M.digits_adversarial, "FGSM epsilon 1.0, the "
            "whole [0, 1] pixel range (every adversarial pixel pushed to 0 or 1), half the "
            "batch still clean: plain val acc 0.972 / 0.969 vs 0.967 / 0.972", epsilon=1.0),
    healthy("fgsm_raw_pixels_clipped", B60M.digits_adversarial, "the pixels left on 0..16 "
            "while the attack keeps the unit-range epsilon 0.05 and clips to [0, 1] (the "
            "adversarial half saturated): plain val acc 0.953 / 0.958 vs 0.967 / 0.972",
            pixels="raw"),
    healthy("noise_table_gaussian", B60M.table_noise, "a generated 4-class sensor table "
            "(3000 train, 1000 validate, 20 columns on their own units): Normalization "
            "(adapted) -> GaussianNoise(0.1) -> Dense 64 ReLU x 2 -> softmax 4, Adam(1e-3), "
            "batch 64, 30 ep: plain val acc 0.882 / 0.882"),
    healthy("noise_before_normalization", B60M.table_noise, "GaussianNoise(0.1) put before "
            "the Normalization layer, on the raw units (a no-op on the large columns): plain "
            "val acc 0.877 / 0.884 vs 0.882 / 0.882", where="before"),
    healthy("gaussian_noise_stddev_1", B60M.table_noise, "GaussianNoise(1.0), the largest "
            "Keras 3 accepts, as large as the standardised spread: training acc 0.634 / "
            "0.625, plain val acc 0.849 / 0.850 vs 0.882 / 0.882", stddev=1.0),
    healthy("smoothing_noisy_digits", B60M.digits_smoothing, "digits (pixels / 16) with 20 "
            "% of the training labels replaced by another digit (validation labels clean), "
            "one-hot targets, Dense 128 ReLU x 2 -> softmax 10, "
            "CategoricalCrossentropy(label_smoothing=0.1), Adam(1e-3), batch 32, 30 ep: plain "
            "val acc 0.925 / 0.939"),
    healthy("smoothing_0_9", B60M.digits_smoothing, "label_smoothing=0.9 (0.19 on the "
            "labelled digit, 0.09 on each other: the argmax kept): val loss 2.27 / 2.27, "
            "plain val acc 0.942 / 0.947 vs 0.925 / 0.939", smoothing=0.9),
    healthy("swa_digits", B60M.digits_swa, "digits (pixels / 16), Dense 256 -> 128 ReLU -> "
            "softmax 10, SGD(0.05, momentum 0.9), batch 32, 30 ep, the rate 0.01 from epoch "
            "15 (LearningRateScheduler) and a weight-averaging callback from epoch 15 (the "
            "mean put into the model at the end): plain val acc 0.975 / 0.986"),
    healthy("snapshot_cycle_in_steps", B60M.digits_swa, "a snapshot ensemble schedule, "
            "CosineDecayRestarts(0.05, first_decay_steps=6) with the cycle of 6 epochs passed "
            "as 6 steps (a restart every 6 steps): plain val acc 0.975 / 0.978 vs 0.975 / "
            "0.986", schedule="snapshot", cycle_unit="steps"),
    healthy("heads_ensemble_digits", B60M.digits_heads, "a 4-head ensemble in one "
            "functional model on digits: shared trunk Dense 128 ReLU, heads Dense 64 ReLU -> "
            "softmax 10, layers.Average, Adam(1e-3), batch 32, 25 ep: plain val acc 0.975 / "
            "0.969"),
    healthy("heads_frozen_random_trunk_logits", B60M.digits_heads, "the heads share one "
            "trunk frozen at its random initialisation, their logits averaged then put "
            "through a softmax: plain val acc 0.969 / 0.964 vs 0.975 / 0.969",
            trunk_trainable=False, head_activation="linear", combine="average_softmax"),
    healthy("heads_probabilities_added", B60M.digits_heads, "layers.Add over the softmax "
            "heads (the output sums to 4; the loss renormalises): plain val acc 0.936 / "
            "0.944 vs 0.975 / 0.969", combine="add"),
    healthy("heads_softmax_as_logits", B60M.digits_heads, "the averaged softmax heads "
            "handed to SparseCategoricalCrossentropy(from_logits=True): val loss 1.50 / 1.50, "
            "plain val acc 0.967 / 0.961 vs 0.975 / 0.969", from_logits=True),
    healthy("mc_dropout_digits", B60M.digits_mc_dropout, "a Monte-Carlo dropout classifier "
            "on digits: Dense 256 ReLU -> Dropout(0.2, training=True) -> Dense 128 ReLU -> "
            "Dropout(0.2, training=True) -> softmax 10, Adam(1e-3), batch 32, 30 ep (the "
            "validation pass one dropout sample): plain val acc 0.981 / 0.981"),
    healthy("maxnorm_table", B60M.table_maxnorm, "the sensor table, the dropout paper's "
            "recipe: Normalization -> Dense 256 ReLU -> Dropout(0.3) x 2 -> softmax 4, every "
            "kernel under MaxNorm(3), SGD(0.05, momentum 0.9), batch 64, 30 ep: plain val acc "
            "0.901 / 0.907"),
    healthy("friedman_input_noise", B60M.friedman_noise, "Friedman #1 (2400 train, 600 "
            "validate), columns and target standardised, GaussianNoise(0.1) -> Dense 64 ReLU "
            "x 2 -> Dense 1, MSE, Adam(1e-3), batch 32, 40 ep: plain val loss 0.0649 / "
            "0.0670"),
]]

FAULTY_60 = [batch60_case(c) for c in [
    faulty("fgsm_adversarial_only_epsilon_1", "adversarial_fgsm_digits",
           "validation_shift abnormal_data setup_stall",
           "FGSM at epsilon 1.0 (every pixel pushed to 0 or 1) and mix=1.0 (adversarial rows "
           "only, no clean half): the model learns the attack's own sign pattern (training "
           "loss 0.12 / 0.53 on it), clean training acc 0.129 / 0.086, plain val acc 0.131 "
           "/ 0.050 vs 0.967 / 0.972", epsilon=1.0, mix=1.0),
    faulty("noise_stddev_10_standardised", "noise_table_gaussian",
           "abnormal_data slow_convergence setup_stall",
           "input noise of stddev 10 after the Normalization layer (a hand-written noise "
           "layer, Keras 3's GaussianNoise raising above 1): ten times the standardised "
           "spread, training acc 0.260 / 0.272, plain val acc 0.431 / 0.371 vs 0.882 / "
           "0.882", noise="by_hand", stddev=10.0),
    faulty("noise_stddev_10_unscaled", "noise_table_gaussian",
           "unscaled_input slow_convergence",
           "no Normalization layer (the columns on their own units, 0.1 to ~5000) and the "
           "stddev-10 input noise: plain val acc 0.592 / 0.555 vs 0.882 / 0.882 (the raw "
           "units without any noise: 0.548 / 0.564)", scale="none", noise="by_hand",
           stddev=10.0),
    faulty("gaussian_dropout_0_9", "noise_table_gaussian",
           "high_dropout slow_convergence setup_stall",
           "GaussianDropout(0.9) on the standardised inputs (multiplicative noise of sd 3): "
           "training acc 0.437 / 0.424, plain val acc 0.551 / 0.589 vs 0.882 / 0.882",
           noise="dropout", rate=0.9),
    faulty("smoothing_1_0", "smoothing_noisy_digits",
           "label_mismatch slow_convergence setup_stall",
           "label_smoothing=1.0: every target uniform, the loss pinned at ln 10 = 2.3026: "
           "plain val acc 0.100 / 0.106 vs 0.925 / 0.939", smoothing=1.0),
    faulty("onehot_targets_gaussian_noise", "smoothing_noisy_digits",
           "unbounded_loss label_mismatch",
           "the noise added to the one-hot targets (N(0, 1), once) instead of the inputs, no "
           "smoothing: negative targets make the cross-entropy unbounded below (training "
           "loss -5.72 / -2.20), plain val acc 0.589 / 0.533 vs 0.925 / 0.939",
           smoothing=0.0, target_noise=1.0),
    faulty("swa_from_epoch_0_lr_1", "swa_digits",
           "learning_rate_out_of_range exploding_gradient oscillating_loss dying_relu "
           "setup_stall",
           "weight averaging started at epoch 0 with the SWA rate 1.0 (SGD momentum 0.9) "
           "from the first epoch: training acc 0.106 / 0.099, plain val acc 0.106 / 0.114 "
           "vs 0.975 / 0.986", start=0, swa_lr=1.0),
    faulty("heads_logits_no_from_logits", "heads_ensemble_digits",
           "improper_output output_loss_mismatch slow_convergence setup_stall",
           "linear (logit) heads averaged and handed to the probability loss "
           "(from_logits=False): the loss stays at 2.3026, plain val acc 0.114 / 0.183 vs "
           "0.975 / 0.969", head_activation="linear"),
    faulty("mc_dropout_0_9_everywhere", "mc_dropout_digits",
           "high_dropout slow_convergence setup_stall",
           "MC dropout at rate 0.9 on every layer, the pixels included: training acc 0.102 "
           "/ 0.100, plain val acc 0.106 / 0.106 vs 0.981 / 0.981", rate=0.9, input_rate=0.9),
    faulty("maxnorm_0_01", "maxnorm_table",
           "vanishing_gradient high_penalty slow_convergence setup_stall",
           "MaxNorm(0.01) on every kernel (a unit's incoming weights of norm 0.01): the "
           "logits near zero, plain val acc 0.242 / 0.243 vs 0.901 / 0.907", max_value=0.01),
    faulty("nonneg_constraint_every_layer", "maxnorm_table",
           "slow_convergence setup_stall",
           "keras.constraints.NonNeg() on every kernel (a monotone-network recipe copied "
           "onto a classifier): training acc 0.724 / 0.742, plain val acc 0.761 / 0.791 vs "
           "0.901 / 0.907", constraint="nonneg"),
    faulty("friedman_label_noise", "friedman_input_noise",
           "label_mismatch slow_convergence",
           "Gaussian noise of sd 1.0 added once to the standardised training targets instead "
           "of the inputs (no input noise): the fixed noise fitted, plain val loss 0.263 / "
           "0.274 vs 0.0649 / 0.0670 (4.1x)", noise_on="labels", stddev=1.0),
    faulty("friedman_noise_stddev_10", "friedman_input_noise",
           "abnormal_data slow_convergence setup_stall",
           "input noise of stddev 10 on the standardised columns (hand-written, GaussianNoise "
           "raising above 1): the model predicts the mean, plain val loss 0.969 / 0.972 vs "
           "0.0649 / 0.0670", stddev=10.0),
]]


def batch61_case(case: Case) -> Case:
    return replace(case, batch=61)


# Batch 61 (session "practice61"): knowledge distillation and model compression in Keras 3:
# a teacher trained first inside the script (a plain fit), then a student trained on its
# soft targets (temperature-scaled softmax packed next to the one-hot labels under a custom
# KL loss, or a `Distiller` model whose compute_loss runs the frozen teacher on each batch),
# self-distillation, low-rank factorised Dense layers initialised from the teacher's SVD,
# magnitude pruning as fixed masks multiplied into the kernels, weight sharing (k-means
# codebooks), on sklearn's digits and a generated 6-class table. Written without reading the
# detection / repair rules or their settings. Labels set by plain Keras training (seeds 11
# and 22) before any Watch / autotrainer run: faulty when the final validation accuracy is
# >= 5 points below the counterpart's on both seeds.
B61M = batch61_models
HEALTHY_61 += [batch61_case(c) for c in [
    healthy("distill_digits_t4", B61M.digits_distill, "digits (1437 train, 360 validate): a "
            "teacher Dense 256 x 2 -> 10 logits (20 ep, a plain fit), its softmax(z / 4) "
            "packed next to the one-hot labels; a student Dense 32 ReLU -> 10 logits on 0.1 "
            "CE + 0.9 T^2 KL, Adam(1e-3), batch 32, 30 ep: plain val acc 0.967 / 0.956"),
    healthy("distill_digits_t_0_01", B61M.digits_distill, "temperature 0.01 (the soft "
            "targets one-hot, the T^2 factor 1e-4: in effect the hard-label CE alone): plain "
            "val acc 0.975 / 0.975 vs 0.967 / 0.956", temperature=0.01),
    healthy("distill_digits_t_1000", B61M.digits_distill, "temperature 1000 with the T^2 "
            "factor (the soft targets near uniform; the high-T limit matches logits): plain "
            "val acc 0.950 / 0.953 vs 0.967 / 0.956 (1.7 / 0.3 points)", temperature=1000.0),
    healthy("distill_digits_t_1000_no_t_squared", B61M.digits_distill, "temperature 1000 "
            "and the T^2 factor forgotten (the soft term ~1e-6: the 0.1 hard-label CE alone "
            "trains): plain val acc 0.975 / 0.975 vs 0.967 / 0.956", temperature=1000.0,
            t_squared=False),
    healthy("distill_digits_kl_swapped", B61M.digits_distill, "the KL's arguments swapped, "
            "KL(student || teacher) (the reverse divergence, still minimised at the "
            "teacher's distribution): plain val acc 0.958 / 0.958 vs 0.967 / 0.956",
            order="swapped"),
    healthy("self_distill_digits", B61M.digits_distill, "self-distillation: the student is "
            "the teacher's own architecture (Dense 256 x 2): plain val acc 0.981 / 0.986 vs "
            "0.967 / 0.956 for the small student", student="same"),
    healthy("distiller_table", B61M.table_distill, "a generated 6-class table (4000 train, "
            "1000 validate, standardised): a teacher Dense 256 ReLU x 2 (20 ep, a plain fit) "
            "inside a Distiller whose compute_loss runs it frozen on each batch; a student "
            "Dense 16 ReLU -> 6 logits, 0.3 CE + 0.7 T^2 KL at T = 3, Adam(1e-3), batch 64, "
            "30 ep: plain val acc 0.573 / 0.599"),
    healthy("distiller_table_kl_swapped", B61M.table_distill, "KL(student || teacher): plain "
            "val acc 0.557 / 0.586 vs 0.573 / 0.599", order="swapped"),
    healthy("distiller_table_teacher_unfrozen", B61M.table_distill, "teacher.trainable left "
            "True (the KL term also moves the teacher toward the student): plain val acc "
            "0.529 / 0.566 vs 0.573 / 0.599 (4.4 / 3.3 points)", freeze_teacher=False),
    healthy("distiller_table_t_0_01", B61M.table_distill, "temperature 0.01 in the "
            "Distiller: plain val acc 0.571 / 0.612 vs 0.573 / 0.599", temperature=0.01),
    healthy("lowrank_svd_table", B61M.table_lowrank, "the table teacher compressed: each "
            "Dense(256) replaced by Dense(8, no bias) -> Dense(256, ReLU), initialised from "
            "the teacher kernel's truncated SVD, the output layer copied, fine-tuned on the "
            "hard labels, Adam(1e-3), batch 64, 15 ep: plain val acc 0.743 / 0.722"),
    healthy("prune_magnitude_80", B61M.digits_prune, "a dense digits model (Dense 256 -> 128 "
            "-> softmax 10, 20 ep, a plain fit) pruned by magnitude, 80 % of each hidden "
            "kernel masked (MaskedDense: kernel * fixed mask), fine-tuned Adam(5e-4), batch "
            "32, 10 ep: plain val acc 0.986 / 0.986"),
    healthy("prune_keep_smallest", B61M.digits_prune, "the magnitude comparison the wrong way "
            "round (the 80 % largest weights pruned, the smallest kept), then fine-tuned: "
            "plain val acc 0.947 / 0.944 vs 0.986 / 0.986 (3.9 / 4.2 points)",
            keep="smallest"),
    healthy("prune_mask_applied_once", B61M.digits_prune, "the pruned weights zeroed once "
            "in plain Dense layers and never masked in training (they grow back: not pruned "
            "after all): plain val acc 0.986 / 0.983 vs 0.986 / 0.986", apply="once"),
    healthy("shared_weights_16", B61M.digits_shared, "weight sharing: each layer of the dense "
            "digits model clustered into 16 values (1-d k-means), kernel = codebook[index], "
            "the codebooks and biases fine-tuned, Adam(1e-3), batch 32, 10 ep: plain val acc "
            "0.989 / 0.986"),
    healthy("shared_weights_2", B61M.digits_shared, "2 clusters a layer (binary weights): "
            "plain val acc 0.975 / 0.969 vs 0.989 / 0.986", clusters=2),
]]

FAULTY_61 = [batch61_case(c) for c in [
    faulty("distill_logits_as_probabilities", "distill_digits_t4",
           "label_mismatch slow_convergence",
           "the teacher's raw logits packed as the soft targets (no softmax) into the KL (its "
           "y_true clipped to [1e-7, 1]): loss 57.7 / 60.3, plain val acc 0.831 / 0.828 vs "
           "0.967 / 0.956", soft="logits"),
    faulty("distill_logits_soft_ce", "distill_digits_t4",
           "unbounded_loss label_mismatch exploding_gradient",
           "the raw logits as targets of the soft cross-entropy -sum t log softmax(z / T) "
           "(negative targets: the loss has no lower bound, -2.8e5 / -2.6e5): plain val acc "
           "0.119 / 0.119 vs 0.967 / 0.956", soft="logits", form="soft_ce"),
    faulty("distill_digits_untrained_teacher", "distill_digits_t4",
           "label_mismatch slow_convergence",
           "the teacher's fit cell not run (an untrained teacher's near-uniform soft targets "
           "at 0.9 of the loss): training acc 0.901 / 0.910, plain val acc 0.894 / 0.900 vs "
           "0.967 / 0.956", teacher_epochs=0),
    faulty("distill_untrained_teacher_soft_only", "distill_digits_t4",
           "label_mismatch slow_convergence setup_stall",
           "an untrained teacher and alpha 0 (the soft targets alone, no hard labels): loss "
           "0.0008, plain val acc 0.114 / 0.067 vs 0.967 / 0.956", teacher_epochs=0,
           alpha=0.0),
    faulty("distill_teacher_rows_shuffled", "distill_digits_t4",
           "label_mismatch slow_convergence setup_stall",
           "the teacher's predictions made on the rows in another (shuffled) order than the "
           "student's: soft targets of other images at 0.9 of the loss: training acc 0.264 / "
           "0.218, plain val acc 0.289 / 0.236 vs 0.967 / 0.956", teacher_rows="shuffled"),
    faulty("distill_student_lr_5", "distill_digits_t4",
           "learning_rate_out_of_range exploding_gradient oscillating_loss dying_relu "
           "setup_stall",
           "the student trained with Adam(5.0): training acc 0.090 / 0.100, plain val acc "
           "0.103 / 0.086 vs 0.967 / 0.956", lr=5.0),
    faulty("distiller_table_lr_5", "distiller_table",
           "learning_rate_out_of_range exploding_gradient oscillating_loss dying_relu "
           "setup_stall",
           "the Distiller's student at Adam(5.0): plain val acc 0.147 / 0.183 vs 0.573 / "
           "0.599", lr=5.0),
    faulty("lowrank_rank1_relu_bias_3", "lowrank_svd_table",
           "dying_relu vanishing_gradient no_gradient slow_convergence setup_stall",
           "rank-1 bottlenecks trained from Keras' initialisation, the wide ReLU layers' bias "
           "Constant(-3) (every unit dead from the start): loss 1.7916 = ln 6, plain val acc "
           "0.146 / 0.146 vs 0.743 / 0.722", rank=1, init="random", bias=-3.0),
    faulty("lowrank_rank1_svd", "lowrank_svd_table", "slow_convergence setup_stall",
           "the teacher's kernels truncated to rank 1 (a 1-d bottleneck for 6 classes), SVD "
           "initialised and fine-tuned: training acc 0.308 / 0.278, plain val acc 0.300 / "
           "0.255 vs 0.743 / 0.722", rank=1),
    faulty("prune_99_first_layer", "prune_magnitude_80", "slow_convergence",
           "99 % of the first layer's kernel masked (164 of 16384 weights left), the second "
           "layer dense: training acc 0.927 / 0.932, plain val acc 0.936 / 0.925 vs 0.986 / "
           "0.986 (5.0 / 6.1 points: 18 / 22 of 360 rows)", sparsity=0.99, scope="first"),
    faulty("prune_99_every_layer", "prune_magnitude_80",
           "vanishing_gradient slow_convergence setup_stall",
           "99 % of every kernel masked, the output layer's too (13 of 1280 weights left): "
           "training acc 0.180 / 0.200, plain val acc 0.164 / 0.178 vs 0.986 / 0.986",
           sparsity=0.99, scope="all"),
    faulty("shared_weights_one_cluster", "shared_weights_16", "slow_convergence setup_stall",
           "n_clusters=1: every weight of a layer one shared value (all units identical): "
           "loss 2.3021 = ln 10, plain val acc 0.078 / 0.078 vs 0.989 / 0.986", clusters=1),
]]


def batch62_case(case: Case) -> Case:
    return replace(case, batch=62)


# Batch 62 (session "practice62"): generative and density models trained with a plain `fit`
# in Keras 3: a VAE on binarised digits with the KL added by the sampling layer
# (`self.add_loss`), a conditional VAE, a mixture density network (hand-written mixture NLL),
# MADE, a causal Conv1D next-step model, a RealNVP-style coupling flow and a denoising
# noise-prediction regression. Written without reading the detection / repair rules or their
# settings. Labels set by plain Keras training (seeds 11 and 22) before any Watch /
# autotrainer run: faulty when the final validation accuracy (pixel accuracy, the MDN's
# mode-hit accuracy) is >= 5 points below the counterpart's on both seeds, or (no accuracy)
# the final validation loss >= 1.5x or non-finite.
B62M = batch62_models
HEALTHY_62 += [batch62_case(c) for c in [
    healthy("vae_digits", B62M.digits_vae, "binarised digits (1400 / 397), Dense 128-64 ReLU "
            "-> z_mean, z_log_var (8) -> Sampling layer adding the KL with add_loss -> Dense "
            "64-128 ReLU -> sigmoid 64, 64 x BCE (summed over pixels), Adam(1e-3), batch 64, "
            "40 ep: plain val pixel acc 0.901 / 0.899"),
    healthy("vae_logvar_unclipped", B62M.digits_vae, "exp of the raw log-variance (no clip "
            "to [-10, 10]): the clip never bites at Adam(1e-3), plain val pixel acc 0.901 / "
            "0.899, the same as the counterpart", clip_logvar=False),
    healthy("vae_kl_weight_0", B62M.digits_vae, "the KL weight 0 (the add_loss term off: a "
            "plain autoencoder with a noisy code): reconstruction better, plain val pixel "
            "acc 0.946 / 0.945 vs 0.901 / 0.899", kl_weight=0.0),
    healthy("cvae_digits", B62M.digits_cvae, "a conditional VAE (image and one-hot label "
            "into the encoder, z (2) and the label into the decoder, KL in the sampling "
            "layer), 64 x BCE, Adam(1e-3), batch 64, 40 ep: plain val pixel acc 0.899 / "
            "0.898"),
    healthy("cvae_integer_condition", B62M.digits_cvae, "the label given as one float 0..9 "
            "instead of one-hot: plain val pixel acc 0.874 / 0.875 vs 0.899 / 0.898 (2.5 / "
            "2.3 points)", condition="integer"),
    healthy("cvae_labels_shuffled_apart", B62M.digits_cvae, "the condition labels permuted "
            "apart from the images (the decoder learns to ignore them; z carries the digit): "
            "plain val pixel acc 0.864 / 0.866 vs 0.899 / 0.898 (3.5 / 3.2 points)",
            labels="shuffled"),
    healthy("mdn_inverse_sine", B62M.mdn_inverse, "Bishop's inverse problem (t given x, up "
            "to three branches; 2000 / 500), Dense 32 tanh x 2 -> 5 weight logits, means, "
            "log-scales, hand-written mixture NLL (log_softmax, exp, logsumexp), Adam(3e-3), "
            "batch 64, 60 ep: plain val NLL -0.86 / -0.99, mode-hit acc 0.532 / 0.506"),
    healthy("made_digits", B62M.made_digits, "MADE on binarised digits: masked Dense 256 "
            "ReLU x 2 -> masked sigmoid 64 (natural order, hidden degrees from a fixed "
            "seed), BCE, Adam(1e-3), batch 64, 40 ep: plain val BCE 0.299 / 0.301, pixel acc "
            "0.867 / 0.865"),
    healthy("made_mask_left_off", B62M.made_digits, "the masks left off (plain Dense layers: "
            "each output sees its own pixel, the model copies its input): no generative "
            "model, but the plain figures improve, val pixel acc 0.999 / 0.999 (BCE 0.004) vs "
            "0.867 / 0.865: not harmed by the labelling rule", masked=False),
    healthy("causal_conv_series", B62M.causal_series, "generated sine + AR(1) series (450 / "
            "150, 47 steps, standardised with the training mean / sd), Conv1D 32 k3 ReLU "
            "dilations 1-2-4-8 padding='causal' -> Conv1D 1, next-step MSE, Adam(1e-3), batch "
            "32, 30 ep: plain val MSE 0.0409 / 0.0394"),
    healthy("series_same_padding_leak", B62M.causal_series, "padding='same' instead of "
            "'causal' (each step sees the next ones, its own target among them): plain val "
            "MSE 0.0055 / 0.0055 vs 0.0409 / 0.0394, better; a leak, not harmed by the "
            "labelling rule", padding="same"),
    healthy("flow_moons", B62M.moons_flow, "two moons (2000 / 1000, standardised), 6 affine "
            "couplings alternating the passed coordinate, Dense 64 ReLU x 2 giving a "
            "tanh-bounded log-scale and a shift, the model outputs [z, log-det], NLL under a "
            "standard normal, Adam(1e-3), batch 128, 40 ep: plain val NLL 1.593 / 1.501"),
    healthy("flow_exp_scale", B62M.moons_flow, "the raw log-scale exponentiated (no tanh) at "
            "Adam(1e-3): plain val NLL 1.796 / 1.609 vs 1.593 / 1.501", scale="exp"),
    healthy("flow_no_alternation", B62M.moons_flow, "every coupling transforms the second "
            "coordinate (the first never changes): plain val NLL 2.086 / 2.121 vs 1.593 / "
            "1.501 (1.31x / 1.41x)", alternate=False),
    healthy("denoise_eps_digits", B62M.digits_denoise_eps, "grey digits + sigma eps (sigma "
            "log-uniform 0.1..1), the model given the noisy image and sigma predicts eps: "
            "Dense 256 ReLU x 2 -> Dense 64, MSE, Adam(1e-3), batch 64, 40 ep: plain val MSE "
            "0.417 / 0.411"),
    healthy("denoise_no_sigma_input", B62M.digits_denoise_eps, "sigma not given to the "
            "model: plain val MSE 0.422 / 0.416 vs 0.417 / 0.411", sigma_input=False),
]]

FAULTY_62 = [batch62_case(c) for c in [
    faulty("vae_kl_weight_1000", "vae_digits", "high_penalty slow_convergence setup_stall",
           "the KL term added with weight 1000 (posterior collapse: the decoder outputs the "
           "mean image): plain val pixel acc 0.790 / 0.793 vs 0.901 / 0.899", kl_weight=1000.0),
    faulty("vae_mean_reconstruction_summed_kl", "vae_digits",
           "high_penalty slow_convergence setup_stall",
           "compile(loss='binary_crossentropy'): the reconstruction a mean over the 64 pixels "
           "against a KL summed over the latent units (64x the KL's weight; collapse): plain "
           "val pixel acc 0.790 / 0.793 vs 0.901 / 0.899", recon="mean"),
    faulty("vae_latent_1", "vae_digits", "slow_convergence setup_stall",
           "a latent size of 1: plain val pixel acc 0.830 / 0.832 vs 0.901 / 0.899 (val "
           "loss 22.6 / 22.4 vs 19.1 / 19.2)", latent=1),
    faulty("vae_pixels_255_sigmoid", "vae_digits",
           "unscaled_input unscaled_target unbounded_loss improper_output",
           "the '/ 255.' forgotten: pixel values 0 / 255 in and as targets of a sigmoid "
           "output under BCE (the loss unbounded below): val loss -2.5e17 / -2.1e17, plain "
           "val pixel acc 0.234 / 0.203 vs 0.901 / 0.899", pixels="raw255"),
    faulty("vae_linear_output_bce", "vae_digits", "improper_output output_loss_mismatch",
           "the decoder's last Dense left linear under (64 x) BCE on probabilities: plain "
           "val pixel acc 0.796 / 0.814 vs 0.901 / 0.899", output="linear"),
    faulty("vae_decoder_dropout_0_5", "vae_digits", "high_dropout slow_convergence",
           "Dropout(0.5) after each decoder layer: plain val pixel acc 0.842 / 0.843 vs "
           "0.901 / 0.899 (5.9 / 5.6 points)", dropout=0.5),
    faulty("mdn_linear_scale", "mdn_inverse_sine", "improper_output",
           "the scale taken from the linear head as is (negative half the time; log of a "
           "negative): loss NaN, plain val mode-hit acc 0.000 / 0.000 vs 0.532 / 0.506",
           scale="linear"),
    faulty("mdn_unnormalised_weights", "mdn_inverse_sine", "unbounded_loss improper_output",
           "the weight logits used as log-weights without log_softmax (the mixture no longer "
           "sums to 1; the NLL falls without bound): val NLL -211 / -206, plain val "
           "mode-hit acc 0.192 / 0.188 vs 0.532 / 0.506", weights="raw"),
    faulty("mdn_nll_sign_flipped", "mdn_inverse_sine", "unbounded_loss",
           "the NLL's sign flipped (the likelihood minimised): val loss -476 / -485, plain "
           "val mode-hit acc 0.000 / 0.000 vs 0.532 / 0.506", sign=-1.0),
    faulty("series_unscaled", "causal_conv_series", "unscaled_input unscaled_target",
           "the series fed in raw sensor units (~300..700, sd 52): plain val MSE 224.8 / "
           "245.9 = 0.083 / 0.090 in standardised units vs 0.0409 / 0.0394 (2.0x / 2.3x)",
           scale="none"),
    faulty("flow_exp_scale_lr_0_5", "flow_moons",
           "exploding_gradient learning_rate_out_of_range oscillating_loss",
           "the raw log-scale exponentiated (no tanh) and Adam(0.5): loss NaN, plain val "
           "NLL NaN / NaN vs 1.593 / 1.501", scale="exp", lr=0.5),
    faulty("denoise_sigmoid_output", "denoise_eps_digits", "improper_output",
           "a sigmoid output for the N(0, 1) noise target (no negative values): plain val "
           "MSE 0.775 / 0.782 vs 0.417 / 0.411", output="sigmoid"),
    faulty("denoise_raw_pixels", "denoise_eps_digits", "unscaled_input",
           "the pixels left 0..16 (the sigmas 0.1..1 as for unit pixels): plain val MSE "
           "1.076 / 1.052 vs 0.417 / 0.411", pixels="raw"),
]]



def batch63_case(case: Case) -> Case:
    return replace(case, batch=63)


# Batch 63 (session "practice63"): one-class, anomaly and novelty detection in Keras 3: Deep
# SVDD on one sklearn digit (distance to a fixed centre), an autoencoder reconstruction-error
# detector on generated plant sensors with injected anomalies, outlier exposure (normal rows
# against synthetic anomalies), an energy-style scoring head with margins, an imbalanced
# make_blobs outlier classifier with class weights. The one-class scripts report a balanced
# detection accuracy on a labelled check set (a callback writes it into the logs). Written
# without reading the detection / repair rules or their settings. Labels set by plain Keras
# training (seeds 11 and 22) before any Watch / autotrainer run: faulty when the final
# validation accuracy is >= 5 points below the counterpart's on both seeds.
B63M = batch63_models
HEALTHY_63 += [batch63_case(c) for c in [
    healthy("svdd_digits", B63M.svdd_digits, "Deep SVDD on sklearn digits (110 images of the "
            "digit 3 train; a check set of 73 other 3s and 219 other digits), bias-free Dense "
            "64 -> Dense 32 (leaky ReLU) -> Dense 16, centre = mean of the untrained outputs "
            "(+-0.1 floor), fit(x, tile(c)) with MSE, Adam(1e-3), batch 32, 60 ep: plain val "
            "detection acc (balanced, 95th-percentile threshold) 0.795 / 0.744"),
    healthy("svdd_bias_terms", B63M.svdd_digits, "every Dense with a bias (the hypersphere "
            "collapse the paper warns of): plain val detection acc 0.790 / 0.762 vs 0.795 / "
            "0.744", bias=True),
    healthy("svdd_centre_zero", B63M.svdd_digits, "centre c = 0 (bias-free: the trivial "
            "all-zero weights reach it): plain val detection acc 0.802 / 0.831 vs 0.795 / "
            "0.744", centre="zero"),
    healthy("svdd_centre_zeros_input_bias", B63M.svdd_digits, "biases on and the centre "
            "computed from the untrained network on an all-zero image (c = 0: a constant "
            "output is a perfect fit): plain val detection acc 0.798 / 0.816 vs 0.795 / 0.744",
            centre="zeros_input", bias=True),
    healthy("svdd_relu", B63M.svdd_digits, "ReLU instead of leaky ReLU: plain val detection "
            "acc 0.746 / 0.731 vs 0.795 / 0.744 (4.9 / 1.3 points)", activation="relu"),
    healthy("ae_sensors", B63M.ae_sensors, "autoencoder detector on a generated plant (3000 "
            "normal rows of 12 sensors, the last 600 validate the loss; check set 500 normal + "
            "500 injected anomalies), standardised on the training rows, Dense 32 ReLU -> "
            "Dense(4) -> Dense 32 ReLU -> Dense(12), MSE, Adam(1e-3), batch 64, 20 ep: plain "
            "val detection acc 0.878 / 0.858"),
    healthy("ae_code_wider_than_input", B63M.ae_sensors, "a code of 24 on 12 inputs (no "
            "bottleneck: the identity is learnable): plain val detection acc 0.944 / 0.946 vs "
            "0.878 / 0.858 (val loss 0.011 / 0.012 vs 0.067 / 0.085)", code=24),
    healthy("oe_sensors", B63M.oe_sensors, "outlier exposure: 3000 normal rows (0) against "
            "3000 synthetic anomalies (3 sensors redrawn uniformly, 1), standardised on the "
            "normal rows, Dense 64 ReLU x 2 -> sigmoid, binary CE, Adam(1e-3), batch 64, 20 "
            "ep, validated on 500 normal + 500 real injected anomalies: plain val acc 0.967 / "
            "0.961"),
    healthy("oe_sigmoid_from_logits", B63M.oe_sensors, "the sigmoid output under "
            "BinaryCrossentropy(from_logits=True): plain val acc 0.967 / 0.961, the same "
            "figures as the counterpart", from_logits=True),
    healthy("oe_dropout_0_5", B63M.oe_sensors, "Dropout(0.5) after each hidden layer: plain "
            "val acc 0.965 / 0.962 vs 0.967 / 0.961", dropout=0.5),
    healthy("energy_sensors", B63M.energy_sensors, "an energy head on the outlier-exposure "
            "rows: Dense 64 ReLU x 2 -> Dense 1 (linear energy), margin loss (1 - y) relu(E + "
            "10)^2 + y relu(-2 - E)^2, Adam(1e-3), batch 64, 20 ep, anomalous when E > -6: "
            "plain val energy acc 0.957 / 0.964"),
    healthy("blobs_balanced_weights", B63M.blobs_imbalanced, "make_blobs outliers: 2000 "
            "training rows at 5 % outliers, 800 validation rows at 25 %, 8 features "
            "standardised, Dense 32 ReLU x 2 -> sigmoid, Adam(1e-3), batch 32, 30 ep, "
            "class_weight balanced (0.53 / 10): plain val acc 0.979 / 0.980"),
    healthy("blobs_no_weights", B63M.blobs_imbalanced, "no class_weight on 5 % outliers: "
            "plain val acc 0.965 / 0.967 vs 0.979 / 0.980", weights="none"),
    healthy("blobs_unscaled", B63M.blobs_imbalanced, "the raw blob features (about +-15): "
            "plain val acc 0.980 / 0.976 vs 0.979 / 0.980", scale="none"),
]]

FAULTY_63 = [batch63_case(c) for c in [
    faulty("ae_unscaled_readings", "ae_sensors", "unscaled_input slow_convergence",
           "the autoencoder on the raw readings (offsets 200-4000, scales 5-400): val loss "
           "4503 / 3402, plain val detection acc 0.552 / 0.582 vs 0.878 / 0.858",
           scale="none"),
    faulty("ae_contaminated_training", "ae_sensors", "abnormal_data label_mismatch",
           "30 % of the training rows are injected anomalies kept as normal: plain val "
           "detection acc 0.592 / 0.594 vs 0.878 / 0.858", contaminate=0.3),
    faulty("ae_minmax_sigmoid", "ae_sensors", "slow_convergence setup_stall",
           "min-max scaled columns with a sigmoid output (the image recipe): val loss 0.0036 / "
           "0.0043 in 0..1 units, plain val detection acc 0.795 / 0.785 vs 0.878 / 0.858 "
           "(8.3 / 7.3 points)", scale="minmax", output="sigmoid"),
    faulty("oe_unscaled_readings", "oe_sensors", "unscaled_input slow_convergence",
           "the outlier-exposure classifier on the raw readings in the thousands: training "
           "acc 0.531 / 0.566, plain val acc 0.499 / 0.503 vs 0.967 / 0.961", scale="none"),
    faulty("oe_anomalies_labelled_normal", "oe_sensors", "label_mismatch slow_convergence",
           "60 % of the synthetic anomalies labelled 0 (normal): training acc 0.831 / 0.834, "
           "plain val acc 0.545 / 0.543 vs 0.967 / 0.961", mislabelled=0.6),
    faulty("energy_relu_output", "energy_sensors",
           "dying_relu improper_output vanishing_gradient no_gradient setup_stall",
           "activation='relu' on the energy Dense (E >= 0 never reaches the margins -10 / "
           "-2; the unit dies): loss 50.0 flat, plain val energy acc 0.500 / 0.500 vs 0.957 "
           "/ 0.964", energy_activation="relu"),
    faulty("blobs_weight_1000_sgd_lr_0_1", "blobs_balanced_weights",
           "exploding_gradient unbounded_loss oscillating_loss learning_rate_out_of_range "
           "invalid_sample_weights",
           "class_weight {0: 1, 1: 1000} with SGD(0.1): loss NaN / val loss 1.1e8, plain val "
           "acc 0.750 / 0.250 vs 0.979 / 0.980", weights="1000", optimizer="sgd", lr=0.1),
    faulty("blobs_weight_1000", "blobs_balanced_weights",
           "invalid_sample_weights oscillating_loss slow_convergence",
           "class_weight {0: 1, 1: 1000} with Adam(1e-3): training acc 0.600 / 0.827, plain "
           "val acc 0.686 / 0.892 vs 0.979 / 0.980", weights="1000"),
]]


def batch64_case(case: Case) -> Case:
    return replace(case, batch=64)


# Batch 64 (session "practice64"): sequence recognition and structured prediction in Keras 3
# on generated data: a CRNN reading glyph strips (sklearn's 8 x 8 digits side by side) with a
# custom CTC loss on `keras.ops.ctc_loss`, a BIO tagger with masking, a start / end pointer
# over positions, an encoder-decoder with teacher forcing, a multi-output strip reader
# (count + per-slot digit). Written without reading the detection / repair rules or their
# settings. Labels set by plain Keras training (seeds 11 and 22) before any Watch /
# autotrainer run: faulty when the final validation accuracy is >= 5 points below the
# counterpart's on both seeds.
B64M = batch64_models
HEALTHY_64 += [batch64_case(c) for c in [
    healthy("crnn_ctc_strips", B64M.crnn_ctc, "CRNN OCR on glyph strips (2000 training, 500 "
            "validation strips of 3-5 digits, other writers' glyphs): Conv 32 -> MaxPool -> "
            "Conv 64 -> MaxPool -> 13 frames -> Dense 64 ReLU -> Bidirectional LSTM 64 -> "
            "Dense 11 logits (blank index 10), custom CTC loss on keras.ops.ctc_loss, "
            "Adam(3e-3), batch 32, 12 ep: plain val exact-read acc 0.892 / 0.832"),
    healthy("crnn_ctc_log_softmax_head", B64M.crnn_ctc, "log-probabilities (a log_softmax "
            "output, the PyTorch CTCLoss habit) passed where ctc_loss expects logits (its "
            "own log_softmax is idempotent on them): plain val acc 0.874 / 0.820 vs 0.892 / "
            "0.832", head="log_softmax"),
    healthy("crnn_ctc_unidirectional_lstm", B64M.crnn_ctc, "one LSTM 128 left to right "
            "instead of the bidirectional one: plain val acc 0.876 / 0.866 vs 0.892 / 0.832",
            rnn="lstm"),
    healthy("bio_tagger_masked", B64M.bio_tagger, "BIO tagger on generated sentences (3000 "
            "training, 800 validation, 8-24 tokens padded to 24): Embedding(100, 32, "
            "mask_zero=True) -> Bidirectional LSTM 32 -> Dense 6 softmax (PAD, O, B/I-PER, "
            "B/I-LOC), sparse CE, Adam(1e-3), batch 32, 10 ep: plain val token acc (real "
            "tokens) 1.000 / 1.000"),
    healthy("bio_tagger_padding_unmasked", B64M.bio_tagger, "mask_zero=False: the padding "
            "positions in the loss (their tag PAD learned as a class): plain val acc 1.000 / "
            "1.000", mask=False),
    healthy("bio_tagger_forward_lstm", B64M.bio_tagger, "a left-to-right LSTM 64 instead "
            "of the bidirectional layer (the trigger word precedes the mention): plain val "
            "acc 1.000 / 1.000", rnn="lstm"),
    healthy("bio_tagger_sigmoid_sparse_cce", B64M.bio_tagger, "per-tag sigmoid outputs under "
            "sparse_categorical_crossentropy (the TF backend takes the sigmoid's logits and "
            "trains a softmax on them): plain val acc 1.000 / 1.000", head="sigmoid"),
    healthy("bio_tagger_embedding_dropout_0_8", B64M.bio_tagger, "Dropout(0.8) after the "
            "embedding: training acc 0.995 / 0.995, plain val acc 1.000 / 1.000",
            dropout=0.8),
    healthy("span_pointer", B64M.span_pointer, "start / end pointer (3000 training, 800 "
            "validation sequences of 15-30 tokens padded to 30): Embedding(60, 32) -> "
            "Bidirectional LSTM 32 -> Dense 2 -> Permute -> padding logits -1e9 -> softmax "
            "over the positions, sparse CE, Adam(1e-3), batch 32, 12 ep: plain val position "
            "acc 0.985 / 0.985"),
    healthy("span_pointer_padding_unmasked", B64M.span_pointer, "the padding positions' "
            "logits not masked before the position softmax: plain val acc 0.986 / 0.985 vs "
            "0.985 / 0.985", mask_pad=False),
    healthy("seq2seq_teacher_forcing", B64M.seq2seq, "encoder-decoder (4000 training, 800 "
            "validation digit strings of 3-8 digits -> reversed, each digit + 1, end "
            "token): Embedding(mask_zero) -> LSTM 64 states -> decoder Embedding -> LSTM 64 "
            "-> Dense 13 softmax, teacher forcing with [start] + target[:-1], Adam(1e-3), "
            "batch 64, 20 ep: plain val token acc 0.966 / 0.987"),
    healthy("seq2seq_decoder_reads_target", B64M.seq2seq, "the decoder input not shifted "
            "(it reads the target itself, each step sees the token it must predict; the "
            "validation inputs built the same way): plain val acc 1.000 / 1.000 vs 0.966 / "
            "0.987 (inflated: a leak, useless at inference)", teacher="unshifted"),
    healthy("seq2seq_reversed_source", B64M.seq2seq, "the source fed reversed (Sutskever's "
            "trick; the padding now first, masked): plain val acc 0.949 / 0.951 vs 0.966 / "
            "0.987", reverse_source=True),
    healthy("glyph_slots_two_heads", B64M.glyph_slots, "multi-output strip reader on the "
            "glyph strips: Conv 32 -> MaxPool -> Conv 64 -> MaxPool -> Dense 256 ReLU -> "
            "Dropout(0.3) -> a count head (softmax 6) and a slot head (Dense 55 -> (5, 11) "
            "softmax: 10 digits + empty), sparse CE on both, Adam(1e-3), batch 32, 15 ep: "
            "plain val slot acc 0.933 / 0.946"),
    healthy("glyph_slots_sigmoid_sparse_cce", B64M.glyph_slots, "per-class sigmoids on the "
            "slot head under sparse_categorical_crossentropy (the TF backend takes the "
            "sigmoid's logits: the same training): plain val acc 0.933 / 0.946",
            slot_head="sigmoid"),
]]

FAULTY_64 = [batch64_case(c) for c in [
    faulty("crnn_ctc_blank_zero_collides", "crnn_ctc_strips",
           "label_mismatch slow_convergence setup_stall",
           "blank index 0 in ctc_loss and the decoder (the keras.losses.CTC convention) while "
           "the digits keep labels 0..9 (digit 0 is the blank): loss 8.9 / 8.9, plain val "
           "acc 0.000 / 0.000 vs 0.892 / 0.832", blank="zero"),
    faulty("crnn_ctc_softmax_into_logits_loss", "crnn_ctc_strips",
           "output_loss_mismatch improper_output slow_convergence setup_stall",
           "a softmax output (the old keras-io OCR recipe for K.ctc_batch_cost) passed to "
           "keras.ops.ctc_loss, which log-softmaxes logits (probabilities in [0, 1] as "
           "logits: every frame near uniform): loss 16.63 flat, plain val acc 0.000 / 0.000 "
           "vs 0.892 / 0.832", head="softmax"),
    faulty("crnn_ctc_3_frames", "crnn_ctc_strips",
           "improper_output unbounded_loss slow_convergence setup_stall",
           "the width pooled 16x: 3 output frames for labels of 3-5 digits (most alignments "
           "impossible): loss 525 / 525, plain val acc 0.058 / 0.050 vs 0.892 / 0.832",
           width_stride=16),
    faulty("crnn_ctc_6_frames", "crnn_ctc_strips", "improper_output slow_convergence",
           "the width pooled 8x: 6 frames for 3-5 digits (5 digits with repeats need more): "
           "training loss 13.4 / 13.5, plain val acc 0.712 / 0.606 vs 0.892 / 0.832",
           width_stride=8),
    faulty("crnn_ctc_time_axis_transposed", "crnn_ctc_strips",
           "improper_output output_loss_mismatch slow_convergence setup_stall",
           "the (batch, frames, classes) output permuted to (batch, classes, frames) before "
           "the CTC loss (11 'frames' of 13 'classes'): plain val acc 0.158 / 0.072 vs "
           "0.892 / 0.832", transpose=True),
    faulty("crnn_ctc_adam_lr_1", "crnn_ctc_strips",
           "exploding_gradient oscillating_loss dying_relu learning_rate_out_of_range",
           "Adam(1.0) on the CRNN: loss 339 / 707, plain val acc 0.000 / 0.000 vs 0.892 / "
           "0.832", lr=1.0),
    faulty("bio_tagger_softmax_time_axis", "bio_tagger_masked", "improper_output",
           "Dense 6 then a softmax over axis 1 (the 24 time steps) instead of the tags: the "
           "TF backend's CE takes the softmax's logits and trains exactly as the healthy "
           "head (val loss 0.0014 / 0.0014), but the predictions are the time-normalised "
           "ones: plain val acc 0.915 / 0.934 vs 1.000 / 1.000", softmax_axis=1),
    faulty("bio_tagger_train_labels_shifted", "bio_tagger_masked", "label_mismatch",
           "the training labels one position to the right of their tokens (an off-by-one "
           "in the training pipeline only): training acc 1.000 / 1.000, plain val acc 0.606 "
           "/ 0.606 (val loss 2.45 / 2.48) vs 1.000 / 1.000", shift="train"),
    faulty("bio_tagger_lstm_stack_lr_1", "bio_tagger_masked",
           "exploding_gradient oscillating_loss learning_rate_out_of_range slow_convergence",
           "two stacked Bidirectional LSTMs at Adam(1.0): training acc 0.747 / 0.758 (the "
           "O majority), plain val acc 0.747 / 0.752 vs 1.000 / 1.000", depth=2, lr=1.0),
    faulty("span_pointer_softmax_start_end_axis", "span_pointer", "improper_output",
           "the softmax over the start / end pair (axis 1) instead of the 30 positions: the "
           "TF backend's CE trains on the logits as the healthy head (val loss 0.0655 / "
           "0.0668, the same), the predictions are off: plain val acc 0.740 / 0.742 vs "
           "0.985 / 0.985", softmax_axis=1),
    faulty("seq2seq_adam_lr_1", "seq2seq_teacher_forcing",
           "exploding_gradient oscillating_loss learning_rate_out_of_range slow_convergence",
           "Adam(1.0) on the encoder-decoder LSTMs: plain val acc 0.302 / 0.285 vs 0.966 / "
           "0.987", lr=1.0),
    faulty("glyph_slots_softmax_over_slots", "glyph_slots_two_heads", "improper_output",
           "the slot head's softmax over axis 1 (the 5 slots) instead of the 11 classes: the "
           "CE trains on the logits as the healthy head (val loss 0.2228 / 0.2182, the "
           "same), the predictions are off: plain val acc 0.703 / 0.722 vs 0.933 / 0.946",
           softmax_axis=1),
    faulty("glyph_slots_count_raw_mse", "glyph_slots_two_heads",
           "unscaled_target slow_convergence",
           "the count head a Dense 1 regression with MSE on the raw count (3-5) at weight 1, "
           "sharing the trunk with the slot head: plain val slot acc 0.752 / 0.779 vs 0.933 "
           "/ 0.946", count_head="regression"),
    faulty("glyph_slots_2_epochs_batch_512", "glyph_slots_two_heads",
           "small_budget slow_convergence",
           "epochs=2 at batch 512 on 2000 strips (4 steps an epoch, 8 in all): plain val acc "
           "0.279 / 0.270 vs 0.933 / 0.946", epochs=2, batch_size=512),
]]


def batch65_case(case: Case) -> Case:
    return replace(case, batch=65)


# Batch 65 (session "practice65"): survival analysis and time-to-event targets in Keras 3 on
# a generated cohort (8 covariates on their own units, two Weibull causes, a third of the rows
# right-censored): a DeepSurv-style Cox network under a custom negative partial
# log-likelihood, a discrete-time hazard model (sigmoid a bin, masked BCE), a log-time
# regression with a one-sided loss for the censored rows, a two-headed risk + event-type
# network; Harrell's concordance compiled as `concordance_acc`. Written without reading the
# detection / repair rules or their settings. Labels set by plain Keras training (seeds 11
# and 22) before any Watch / autotrainer run: faulty when the final validation concordance
# is >= 5 points below the counterpart's on both seeds.
B65M = batch65_models
HEALTHY_65 += [batch65_case(c) for c in [
    healthy("tte_cox_deepsurv", B65M.cox_mlp, "DeepSurv on a generated cohort (3000 training, "
            "1000 validation rows, 32 % censored; covariates standardised, the biomarker "
            "logged): Dense 32 ReLU x 2 + Dropout(0.1) -> Dense 1 risk, the Cox partial "
            "likelihood sorted in the loss with a cumulative log-sum-exp, Adam(1e-3), batch "
            "128, 30 ep: plain val concordance 0.713 / 0.711"),
    healthy("tte_cox_naive_logsumexp", B65M.cox_mlp, "the risk sets' log(cumsum(exp(risk))) "
            "computed naively (no overflow at the risks a standardised cohort gives): plain "
            "val concordance 0.713 / 0.711 vs 0.713 / 0.711", lse="naive"),
    healthy("tte_cox_presorted_then_shuffled", B65M.cox_mlp, "the DeepSurv recipe: the "
            "training rows sorted by descending time once and the loss taking the batch's "
            "order as sorted, but fit(shuffle=True): each risk set a random subset of the "
            "batch: plain val concordance 0.680 / 0.690 vs 0.713 / 0.711 (3.3 / 2.1 points)",
            sort="presorted"),
    healthy("tte_cox_presorted_unshuffled", B65M.cox_mlp, "presorted with shuffle=False: each "
            "batch a contiguous slice of similar times, the same batches every epoch (training "
            "concordance 0.575 / 0.581): plain val concordance 0.671 / 0.667 vs 0.713 / 0.711 "
            "(4.2 / 4.4 points)", sort="presorted", shuffle=False),
    healthy("tte_cox_batch_16", B65M.cox_mlp, "batch_size=16 (risk sets of at most 16 rows): "
            "plain val concordance 0.711 / 0.708 vs 0.713 / 0.711", batch_size=16),
    healthy("tte_cox_full_batch", B65M.cox_mlp, "batch_size=3000, the whole training set a "
            "batch as DeepSurv does (30 steps in all): plain val concordance 0.677 / 0.692 vs "
            "0.713 / 0.711 (3.6 / 1.9 points)", batch_size=3000),
    healthy("tte_discrete_hazard", B65M.discrete_hazard, "discrete-time hazards: 10 bins at "
            "the training times' deciles, Dense 32 ReLU x 2 -> Dense 10 sigmoid, masked BCE "
            "over the bins at risk, Adam(1e-3), batch 64, 30 ep; concordance on -log S at the "
            "median bin: plain val concordance 0.700 / 0.705"),
    healthy("tte_discrete_hazard_softmax_bins", B65M.discrete_hazard, "a softmax over the 10 "
            "bins where per-bin sigmoids are needed (the hazards forced to sum to 1; the "
            "ranking intact): plain val concordance 0.703 / 0.704 vs 0.700 / 0.705 (val loss "
            "1.92 / 1.93 vs 1.74 / 1.74)", head="softmax"),
    healthy("tte_discrete_censored_as_event", B65M.discrete_hazard, "censored rows labelled "
            "a failure in their censoring bin (independent censoring: the ranking of the "
            "combined hazard is the same): plain val concordance 0.694 / 0.701 vs 0.700 / "
            "0.705", censored="as_event"),
    healthy("tte_discrete_no_mask", B65M.discrete_hazard, "the BCE over all 10 bins, the bins "
            "after an event or censoring read as survived: plain val concordance 0.679 / 0.692 "
            "vs 0.700 / 0.705 (2.1 / 1.3 points)", mask="none"),
    healthy("tte_log_time_one_sided", B65M.log_time, "log-time regression: Dense 32 ReLU x 2 "
            "-> Dense 1 = log days, squared error on the failures and a one-sided squared "
            "hinge on the censored rows, Adam(1e-3), batch 64, 30 ep; concordance on "
            "-prediction: plain val concordance 0.668 / 0.684"),
    healthy("tte_log_time_raw_days", B65M.log_time, "the target in raw days (1-3000) for the "
            "linear head under the same loss: val loss 3.3e5 / 3.3e5 (days squared), the "
            "ranking intact: plain val concordance 0.675 / 0.673 vs 0.668 / 0.684",
            target="days"),
    healthy("tte_log_time_censored_as_event", B65M.log_time, "the censored rows under the "
            "squared error at their censoring time: plain val concordance 0.668 / 0.683 vs "
            "0.668 / 0.684", censored="as_event"),
    healthy("tte_log_time_censored_dropped", B65M.log_time, "the censored rows (32 %) left "
            "out of training: plain val concordance 0.630 / 0.653 vs 0.668 / 0.684 (3.8 / 3.1 "
            "points)", censored="dropped"),
    healthy("tte_risk_and_type_heads", B65M.risk_and_type, "a shared Dense 64 ReLU x 2 trunk, "
            "a Cox risk head (concordance) and an event-type head (softmax 3: censored / "
            "cause 1 / cause 2, sparse CE), loss weights 1 / 0.5, Adam(1e-3), batch 128, 30 "
            "ep: plain val concordance 0.708 / 0.711"),
    healthy("tte_risk_and_type_weight_50", B65M.risk_and_type, "the type head's loss weight "
            "50 (its CE dwarfs the Cox loss): plain val concordance 0.707 / 0.706 vs 0.708 / "
            "0.711", type_weight=50.0),
    healthy("tte_risk_and_type_sigmoid_head", B65M.risk_and_type, "per-class sigmoids on the "
            "type head under sparse CE (the TF backend takes their logits): plain val "
            "concordance 0.708 / 0.711, the same", type_head="sigmoid"),
]]

FAULTY_65 = [batch65_case(c) for c in [
    faulty("tte_cox_event_inverted", "tte_cox_deepsurv", "label_mismatch slow_convergence",
           "the training rows' event indicator flipped (a `censored` column read as `event`: "
           "the Cox loss fits the censoring): training concordance 0.582 / 0.572 on the "
           "flipped labels, plain val concordance 0.436 / 0.448 vs 0.713 / 0.711",
           event="inverted"),
    faulty("tte_cox_raw_units_naive_overflow", "tte_cox_deepsurv",
           "unscaled_input unbounded_loss exploding_gradient",
           "the covariates on their raw units (the biomarker up to thousands) and the naive "
           "log(cumsum(exp(risk))): exp overflows, loss NaN / NaN, plain val concordance "
           "0.000 / 0.000 (NaN risks) vs 0.713 / 0.711", scale="none", lse="naive"),
    faulty("tte_cox_raw_units_max_shift", "tte_cox_deepsurv",
           "unscaled_input unbounded_loss exploding_gradient",
           "raw units with the half-fixed log-sum-exp (the batch maximum out, then cumsum: "
           "the early risk sets underflow to 0, log 0 = -inf, 0 x inf = NaN): loss NaN / "
           "NaN, plain val concordance 0.000 / 0.000 vs 0.713 / 0.711", scale="none",
           lse="max_shift"),
    faulty("tte_cox_raw_units", "tte_cox_deepsurv", "unscaled_input slow_convergence",
           "the covariates on their raw units with the stable loss: training concordance "
           "0.533 / 0.557, plain val concordance 0.620 / 0.625 vs 0.713 / 0.711",
           scale="none"),
    faulty("tte_cox_adam_lr_3", "tte_cox_deepsurv",
           "exploding_gradient dying_relu learning_rate_out_of_range setup_stall",
           "Adam(3.0) on the Cox net: a constant risk (val loss 6.1667, the null model's), "
           "plain val concordance 0.500 / 0.500 vs 0.713 / 0.711", lr=3.0),
    faulty("tte_cox_relu_negative_bias", "tte_cox_deepsurv",
           "dying_relu setup_stall slow_convergence",
           "a Dense 1 ReLU with bias -2 before the risk score (dead from the first step): a "
           "constant risk, plain val concordance 0.500 / 0.500 vs 0.713 / 0.711",
           output="relu_negative_bias"),
    faulty("tte_cox_dropout_0_8", "tte_cox_deepsurv", "high_dropout slow_convergence",
           "Dropout(0.8) after each hidden layer of 32: training concordance 0.537 / 0.514, "
           "plain val concordance 0.632 / 0.591 vs 0.713 / 0.711", dropout=0.8),
    faulty("tte_cox_2_epochs_batch_1024", "tte_cox_deepsurv", "small_budget slow_convergence",
           "epochs=2 at batch 1024 (3 steps an epoch, 6 in all): plain val concordance 0.570 "
           "/ 0.586 vs 0.713 / 0.711", epochs=2, batch_size=1024),
]]


def batch66_case(case: Case) -> Case:
    return replace(case, batch=66)


# Batch 66 (session "practice66"): multiple-instance learning with bag-level labels in Keras 3:
# bags of sklearn digits (positive when they hold a 7) and generated variable-size bags
# padded to 40 with a mask; instance encoders (TimeDistributed or on the 3-D tensor), max /
# mean / log-sum-exp / attention / gated-attention / instance-probability pooling, a bag
# sigmoid head. Written without reading the detection / repair rules or their settings.
# Labels set by plain Keras training (seeds 11 and 22) before any Watch / autotrainer run:
# faulty when the final validation accuracy is >= 5 points below the counterpart's on both
# seeds.
B66M = batch66_models
HEALTHY_66 += [batch66_case(c) for c in [
    healthy("mil66_digits_max_pool", B66M.digits_mil, "bags of 24 sklearn digits (1000 "
            "training, 400 validation bags; positive when one instance is a 7), pixels / 16, "
            "TimeDistributed(Dense 64 ReLU x 2) -> GlobalMaxPooling1D -> Dense 1 sigmoid, "
            "binary CE, Adam(1e-3), batch 32, 15 ep: plain val acc 0.985 / 0.990"),
    healthy("mil66_digits_lse_pool", B66M.digits_mil, "log-sum-exp pooling (r = 5) instead "
            "of the max: plain val acc 0.988 / 0.985 vs 0.985 / 0.990", pooling="lse"),
    healthy("mil66_digits_attention_pool", B66M.digits_mil, "attention pooling (softmax of "
            "Dense 1(Dense 32 tanh) over the instances, a weighted sum): training loss "
            "0.0006 / 0.0008, plain val acc 0.978 / 0.975 vs 0.985 / 0.990",
            pooling="attention"),
    healthy("mil66_digits_instance_max", B66M.digits_mil, "instance-space MIL: a sigmoid per "
            "instance, the bag probability the max of the instances': plain val acc 0.990 / "
            "0.990 vs 0.985 / 0.990", pooling="instance_max"),
    healthy("mil66_digits_raw_pixels", B66M.digits_mil, "the pixels left on 0..16 (no / 16): "
            "plain val acc 0.980 / 0.983 vs 0.985 / 0.990", scale="none"),
    healthy("mil66_digits_bags_of_64_max", B66M.digits_mil, "bags of 64 digits, one 7 in a "
            "positive bag, max pooling: plain val acc 0.990 / 0.995", bag_size=64),
    healthy("mil66_gated_attention_masked", B66M.feature_attention_mil, "generated bags of "
            "4-40 instances (1200 training, 400 validation; 16 features in raw units, "
            "standardised on the real instances, zero-padded to 40, a mask input), Dense 64 "
            "ReLU x 2 on the (batch, 40, 16) tensor, gated attention (tanh * sigmoid -> Dense "
            "1, padding scores -1e9, softmax over the instances), Dense 1 sigmoid, Adam(1e-3), "
            "batch 32, 20 ep: plain val acc 0.998 / 0.995"),
    healthy("mil66_gated_padding_unmasked", B66M.feature_attention_mil, "the mask never "
            "applied: the zero padding slots (the mean instance after scaling) take part in "
            "the attention softmax: plain val acc 0.998 / 0.998 vs 0.998 / 0.995",
            mask=False),
    healthy("mil66_gated_scaler_with_padding_unmasked", B66M.feature_attention_mil, "the "
            "StandardScaler fitted on the padded array (zeros included) and applied to the "
            "padding too (padding slots become outliers far off every instance), no mask: "
            "plain val acc 0.998 / 0.998 vs 0.998 / 0.995", scale="with_padding",
            mask=False),
    healthy("mil66_gated_raw_units", B66M.feature_attention_mil, "no standardisation: "
            "features on raw units (scales 0.1..1000, offsets up to 5000): plain val acc "
            "0.990 / 0.985 vs 0.998 / 0.995 (val loss 0.072 / 0.080 vs 0.011 / 0.016)",
            scale="none"),
    healthy("mil66_gated_softmax_last_axis", B66M.feature_attention_mil, "ops.softmax(score) "
            "with axis=-1 on the (batch, 40, 1) scores (the size-1 axis, not the instances): "
            "every weight 1, a sum over all 40 slots: plain val acc 0.993 / 0.995 vs 0.998 / "
            "0.995", softmax_axis=-1),
    healthy("mil66_masked_mean_pool", B66M.feature_attention_mil, "masked mean pooling "
            "instead of attention (1-2 key instances among 4-40): plain val acc 0.985 / 0.980 "
            "vs 0.998 / 0.995", pooling="mean"),
    healthy("mil66_mean_pool_padding_unmasked", B66M.feature_attention_mil, "mean pooling "
            "over all 40 slots, padding included (divided by 40, not the bag size): plain "
            "val acc 0.988 / 0.985 vs 0.998 / 0.995", pooling="mean", mask=False),
    healthy("mil66_max_pool_padded_outliers_unmasked", B66M.feature_attention_mil, "max "
            "pooling, the scaler fitted with the padding (padding slots outliers), no mask: "
            "plain val acc 0.998 / 0.998 vs 0.998 / 0.995", pooling="max", mask=False,
            scale="with_padding"),
    healthy("mil66_gated_relu_score_dead_bias", B66M.feature_attention_mil, "the attention "
            "score Dense(1, activation='relu', bias -5): every score 0, no gradient into the "
            "attention, the weights uniform over the real instances (a masked mean): plain "
            "val acc 0.983 / 0.988 vs 0.998 / 0.995", score_activation="relu",
            score_bias=-5.0),
    healthy("mil66_gated_encoder_dropout_0_8", B66M.feature_attention_mil, "Dropout(0.8) "
            "after each encoder layer: training acc 0.938 / 0.946, plain val acc 0.995 / "
            "0.995 vs 0.998 / 0.995", dropout=0.8),
]]

FAULTY_66 = [batch66_case(c) for c in [
    faulty("mil66_digits_mean_pool_rare_key", "mil66_digits_max_pool",
           "slow_convergence",
           "GlobalAveragePooling1D over bags of 24 with one 7 in a positive bag (the key "
           "instance diluted 24x): training acc 0.772 / 0.831, plain val acc 0.745 / 0.690 vs "
           "0.985 / 0.990", pooling="mean"),
    faulty("mil66_digits_mean_pool_bags_of_64", "mil66_digits_bags_of_64_max",
           "slow_convergence setup_stall",
           "mean pooling over bags of 64 with one 7 in a positive bag: training acc 0.588 / "
           "0.650, plain val acc 0.652 / 0.468 vs 0.990 / 0.995", bag_size=64,
           pooling="mean"),
    faulty("mil66_digits_labels_unpermuted", "mil66_digits_max_pool",
           "label_mismatch slow_convergence setup_stall",
           "x = x[perm] before fit, y never permuted (bag labels no longer those of their "
           "bags): training acc 0.694 / 0.621 (memorising), plain val acc 0.498 / 0.527 vs "
           "0.985 / 0.990", labels="unpermuted"),
    faulty("mil66_digits_softmax_one_unit_head", "mil66_digits_max_pool",
           "improper_output output_loss_mismatch",
           "Dense(1, activation='softmax') as the bag head under binary CE (the output is "
           "always 1.0; the TF backend's CE reads the logits and trains as the healthy head, "
           "loss 0.025 / 0.022): plain val acc 0.538 / 0.538 (the positive share) vs 0.985 / "
           "0.990", head="softmax1"),
    faulty("mil66_digits_sigmoid_encoder_10_deep", "mil66_digits_max_pool",
           "vanishing_gradient slow_convergence setup_stall",
           "an instance encoder of ten Dense 32 sigmoid layers: loss 0.694 / 0.694 flat, "
           "plain val acc 0.538 / 0.538 vs 0.985 / 0.990", activation="sigmoid", depth=10,
           width=32),
    faulty("mil66_digits_encoder_dropout_0_8", "mil66_digits_max_pool",
           "high_dropout slow_convergence",
           "Dropout(0.8) after each instance-encoder layer: training acc 0.532 / 0.627, plain "
           "val acc 0.625 / 0.930 vs 0.985 / 0.990 (36.0 / 6.0 points)", dropout=0.8),
    faulty("mil66_digits_2_epochs_batch_256", "mil66_digits_max_pool",
           "small_budget slow_convergence",
           "epochs=2 at batch 256 on 1000 bags (4 steps an epoch, 8 in all): plain val acc "
           "0.558 / 0.525 vs 0.985 / 0.990", epochs=2, batch_size=256),
    faulty("mil66_gated_sgd_lr_2", "mil66_gated_attention_masked",
           "exploding_gradient oscillating_loss learning_rate_out_of_range",
           "SGD(2.0, momentum 0.9) on the gated-attention net: loss 0.710 / 0.731, plain val "
           "acc 0.488 / 0.512 vs 0.998 / 0.995", optimizer="sgd", lr=2.0),
    faulty("mil66_gated_encoder_dead_bias", "mil66_gated_attention_masked",
           "dying_relu slow_convergence setup_stall",
           "the instance encoder's ReLU layers with bias_initializer Constant(-10) on "
           "standardised inputs (every unit off, no gradient): loss 0.693 flat, plain val "
           "acc 0.488 / 0.488 vs 0.998 / 0.995", encoder_bias=-10.0),
    faulty("mil66_gated_sigmoid_encoder_10_deep", "mil66_gated_attention_masked",
           "vanishing_gradient slow_convergence setup_stall",
           "an instance encoder of ten Dense 32 sigmoid layers under the gated attention: "
           "loss 0.694 flat, plain val acc 0.488 / 0.488 vs 0.998 / 0.995",
           activation="sigmoid", depth=10, width=32),
    faulty("mil66_gated_2_epochs_batch_512", "mil66_gated_attention_masked",
           "small_budget slow_convergence",
           "epochs=2 at batch 512 on 1200 bags (3 steps an epoch, 6 in all): plain val acc "
           "0.600 / 0.652 vs 0.998 / 0.995", epochs=2, batch_size=512),
]]


def batch67_case(case: Case) -> Case:
    return replace(case, batch=67)


# Batch 67 (session "practice67"): domain shift and domain adaptation in Keras 3 on sklearn's
# digits (a rotated, noisy target domain), the two moons rotated by 40 degrees and a
# covariate-shifted make_classification table: DANN with a gradient-reversal layer
# (tf.custom_gradient or the stop_gradient trick) and a domain head (two outputs, loss
# weights, the label loss masked to the source rows by sample_weight), importance weights
# from a domain classifier, fine-tuning on a few labelled target images, per-domain
# normalisation. The task head is validated on labelled target rows. Written without reading
# the detection / repair rules or their settings. Labels set by plain Keras training (seeds 11
# and 22) before any Watch / autotrainer run: faulty when the final validation accuracy is
# >= 5 points below the counterpart's on both seeds.
B67M = batch67_models
HEALTHY_67 += [batch67_case(c) for c in [
    healthy("da67_dann_digits", B67M.dann_digits, "DANN on sklearn digits: 750 labelled source "
            "images, 500 unlabelled target images rotated 15-25 degrees with noise, pixels / "
            "16; Dense 128 ReLU x 2 -> softmax 10 and -> GradientReversal(0.3, "
            "tf.custom_gradient) -> Dense 128 ReLU -> sigmoid domain head, loss_weights 1 / 1, "
            "the label loss masked to the source rows by sample_weight, Adam(1e-3), batch 64, "
            "30 ep, validated on 397 labelled target images: plain val acc 0.607 / 0.713 "
            "(source-only training 0.582 / 0.582)"),
    healthy("da67_dann_digits_stop_gradient_grl", B67M.dann_digits, "the reversal written "
            "with keras.ops.stop_gradient (s + -lam * (x - s)) instead of tf.custom_gradient: "
            "plain val acc 0.607 / 0.713 (identical) vs 0.607 / 0.713", how="stop_gradient"),
    healthy("da67_dann_digits_validate_on_source", B67M.dann_digits, "validated on 150 "
            "held-back source images instead of the target domain (the training the same; the "
            "figure says nothing about the target): plain val acc 0.967 / 0.967 vs 0.607 / "
            "0.713 on the target", validate="source"),
    healthy("da67_dann_digits_feature_dropout_0_5", B67M.dann_digits, "Dropout(0.5) after "
            "the shared features (before both heads): plain val acc 0.662 / 0.720 vs 0.607 / "
            "0.713", dropout=0.5),
    healthy("da67_dann_moons", B67M.dann_moons, "DANN on the two moons: 800 labelled source "
            "points, 800 unlabelled target points rotated 40 degrees, standardised with the "
            "source's mean / sd; Dense 32 ReLU x 2 -> softmax 2 and -> GradientReversal(1.0, "
            "the stop_gradient trick) -> Dense 32 ReLU -> sigmoid, Adam(3e-3), batch 64, 40 "
            "ep, validated on 400 labelled rotated points: plain val acc 0.812 / 0.817 "
            "(source-only training 0.645 / 0.637)"),
    healthy("da67_dann_moons_custom_gradient_grl", B67M.dann_moons, "the reversal written with "
            "tf.custom_gradient: plain val acc 0.812 / 0.817 (identical) vs 0.812 / 0.817",
            how="custom_gradient"),
    healthy("da67_iw_table", B67M.iw_table, "importance weighting on a covariate-shifted "
            "make_classification table (2000 labelled source rows, 2000 unlabelled target "
            "rows, standardised on the source): a logistic-regression domain classifier's "
            "odds p(target) / p(source), clipped to [0.1, 10] and divided by their mean, as "
            "sample_weight; Dense 32 ReLU x 2 -> sigmoid, Adam(1e-3), batch 32, 30 ep, "
            "validated on 1000 labelled target rows: plain val acc 0.870 / 0.868"),
    healthy("da67_iw_table_no_weights", B67M.iw_table, "no importance weights (plain "
            "source training): plain val acc 0.882 / 0.888 vs 0.870 / 0.868", weights="none"),
    healthy("da67_iw_table_weights_inverted", B67M.iw_table, "the weights inverted "
            "(p(source) / p(target): the domain classifier's columns read the wrong way "
            "round), normalised: plain val acc 0.850 / 0.849 vs 0.870 / 0.868",
            weights="inverted"),
    healthy("da67_iw_table_validate_on_source", B67M.iw_table, "validated on 20 % of the "
            "source rows held out instead of the target: plain val acc 0.915 / 0.923 vs "
            "0.870 / 0.868 on the target", validate="source"),
    healthy("da67_iw_table_sgd_momentum", B67M.iw_table, "SGD(0.01, momentum 0.9) instead of "
            "Adam: plain val acc 0.859 / 0.872 vs 0.870 / 0.868", optimizer="sgd", lr=0.01),
    healthy("da67_finetune_digits", B67M.finetune_digits, "a Dense 128 -> 64 -> softmax 10 "
            "MLP trained on the 900 source digits (plain fit, 20 ep), then compiled again and "
            "fine-tuned on 100 labelled target images, Adam(1e-3), batch 16, 40 ep, "
            "validated on 397 target images: plain val acc 0.776 / 0.781"),
    healthy("da67_finetune_target_left_unscaled", B67M.finetune_digits, "the source "
            "standardised per pixel (StandardScaler) for pre-training, the target images "
            "left at 0..16 for fine-tuning and validation: the fine-tuning adapts to the raw "
            "units, plain val acc 0.778 / 0.796 vs 0.776 / 0.781 (val loss 2.14 / 2.02 vs "
            "0.75 / 0.73)", scale="source_only"),
    healthy("da67_finetune_per_domain_norm", B67M.finetune_digits, "each domain standardised "
            "with its own mean / sd: plain val acc 0.781 / 0.809 vs 0.776 / 0.781",
            scale="per_domain"),
    healthy("da67_finetune_mixed_with_source", B67M.finetune_digits, "the fine-tuning set "
            "the 100 target images plus the 900 source images, shuffled: plain val acc 0.796 "
            "/ 0.801 vs 0.776 / 0.781", mix_source=True),
    healthy("da67_finetune_head_reinitialised", B67M.finetune_digits, "the softmax head "
            "replaced by a fresh Dense(10) before fine-tuning: plain val acc 0.758 / 0.768 "
            "vs 0.776 / 0.781", reinit_head=True),
]]

FAULTY_67 = [batch67_case(c) for c in [
    faulty("da67_dann_digits_grl_sign_not_flipped", "da67_dann_digits", "validation_shift",
           "the reversal layer's gradient returned as +lam * dy (the sign not flipped): the "
           "features are made domain-separable, the domain loss goes to ~0: plain val acc "
           "0.458 / 0.423 vs 0.607 / 0.713", reverse=False),
    faulty("da67_dann_digits_grl_lambda_30", "da67_dann_digits",
           "exploding_gradient oscillating_loss slow_convergence",
           "GradientReversal(lam=30): the reversed domain gradient swamps the label gradient "
           "in the feature layers: training acc 0.358 / 0.320, plain val acc 0.290 / 0.199 "
           "vs 0.607 / 0.713", lam=30.0),
    faulty("da67_dann_digits_label_loss_weight_0", "da67_dann_digits",
           "no_gradient slow_convergence setup_stall",
           "loss_weights {label: 0.0, domain: 1.0} (the weights of a domain-only warm-up "
           "left in): the label head never trained: plain val acc 0.081 / 0.111 vs 0.607 / "
           "0.713", label_weight=0.0),
    faulty("da67_dann_digits_adam_lr_5", "da67_dann_digits",
           "exploding_gradient oscillating_loss learning_rate_out_of_range",
           "Adam(5.0) (the domain head's 'needs a big rate' tip applied to the whole model): "
           "loss 6.2e6 / 8.5e5, plain val acc 0.096 / 0.081 vs 0.607 / 0.713", lr=5.0),
    faulty("da67_dann_digits_target_unscaled", "da67_dann_digits",
           "unscaled_input validation_shift",
           "the source images standardised per pixel (StandardScaler), the target images "
           "(training and validation) left at 0..16: plain val acc 0.207 / 0.282 (val loss "
           "37 / 30) vs 0.607 / 0.713", scale="source_only"),
    faulty("da67_dann_moons_grl_sign_not_flipped", "da67_dann_moons", "validation_shift",
           "the stop_gradient reversal written s + lam * (x - s) (the sign not flipped): "
           "plain val acc 0.613 / 0.623 vs 0.812 / 0.817", reverse=False),
    faulty("da67_dann_moons_domain_labels_all_one", "da67_dann_moons",
           "label_mismatch validation_shift",
           "the domain labels built np.ones(len(x)) for source and target alike: the domain "
           "head learns a constant, no alignment gradient: plain val acc 0.650 / 0.678 vs "
           "0.812 / 0.817", domain_labels="all_one"),
    faulty("da67_dann_moons_domain_loss_weight_0", "da67_dann_moons",
           "no_gradient validation_shift",
           "loss_weights {label: 1.0, domain: 0.0}: the domain head and the reversal get no "
           "gradient, source-only training: plain val acc 0.645 / 0.637 vs 0.812 / 0.817",
           domain_weight=0.0),
    faulty("da67_dann_moons_target_unscaled", "da67_dann_moons",
           "unscaled_input validation_shift",
           "the source standardised, the rotated target points left in raw coordinates: "
           "plain val acc 0.530 / 0.550 vs 0.812 / 0.817", scale="source_only"),
    faulty("da67_iw_table_target_unscaled", "da67_iw_table",
           "validation_shift invalid_sample_weights",
           "the source standardised, the target rows left raw (for the domain classifier and "
           "the validation): the domain classifier separates the units, the weights are "
           "garbage, the validation rows unscaled: plain val acc 0.806 / 0.817 vs 0.870 / "
           "0.868", scale="source_only"),
    faulty("da67_finetune_adam_lr_1", "da67_finetune_digits",
           "exploding_gradient oscillating_loss learning_rate_out_of_range dying_relu",
           "fine-tuning at Adam(1.0): training acc 0.110 / 0.160, plain val acc 0.103 / "
           "0.106 vs 0.776 / 0.781", lr=1.0),
    faulty("da67_finetune_model_trainable_false", "da67_finetune_digits",
           "no_trainable_weights no_gradient slow_convergence setup_stall",
           "model.trainable = False (meant for the base) before fine-tuning: nothing "
           "trains, the source model as it was: plain val acc 0.617 / 0.562 vs 0.776 / "
           "0.781", freeze="all"),
    faulty("da67_finetune_base_frozen", "da67_finetune_digits", "slow_convergence",
           "the hidden layers frozen (the transfer-learning recipe) when the shift is in "
           "the inputs: only the softmax adapts, training acc 0.770 / 0.780, plain val acc "
           "0.708 / 0.703 vs 0.776 / 0.781", freeze="base"),
    faulty("da67_finetune_2_epochs_batch_100", "da67_finetune_digits",
           "small_budget slow_convergence",
           "epochs=2 at batch 100 on the 100 target images (2 steps in all): plain val acc "
           "0.695 / 0.670 vs 0.776 / 0.781", epochs=2, batch_size=100),
]]


def batch68_case(case: Case) -> Case:
    return replace(case, batch=68)


# Batch 68 (session "practice68"): quantisation-aware and low-precision training idioms in
# Keras 3: fake-quantised Dense layers and activations with a straight-through estimator, a
# learned (LSQ) activation step size, a binarised MLP (sign weights over clipped latent
# weights, BatchNorm before a sign activation, first and last layers in full precision), a
# ternary-weight CNN with a learned scale, on a generated sensor table in raw units and
# sklearn's digits. Written without reading the detection / repair rules or their settings.
# Labels set by plain Keras training (seeds 11 and 22) before any Watch / autotrainer run:
# faulty when the final validation accuracy is >= 5 points below the counterpart's on both
# seeds.
B68M = batch68_models
HEALTHY_68 += [batch68_case(c) for c in [
    healthy("q68_qat_mlp_int8", B68M.qat_mlp, "quantisation-aware MLP on a generated sensor "
            "table (4000 training, 1000 validation rows, 16 features in the thousands, "
            "standardised): input FakeQuant 8-bit on [-4, 4] -> QuantDense 64 (8-bit weights, "
            "STE) -> ReLU -> FakeQuant 8-bit on [0, 6] -> QuantDense 64 -> ReLU -> FakeQuant -> "
            "Dense 4 softmax (full precision), Adam(1e-3), batch 64, 20 ep: plain val acc "
            "0.863 / 0.857"),
    healthy("q68_qat_mlp_lsq_scale", B68M.qat_mlp, "LSQ activation quantisers (learned step "
            "size, initialised at 0.05): plain val acc 0.868 / 0.863 vs 0.863 / 0.857",
            act="lsq"),
    healthy("q68_qat_mlp_lsq_scale_init_1", B68M.qat_mlp, "the learned step size "
            "initialised at 1.0 (8 bits: steps of 1 on ReLU outputs of about 0-3; Adam "
            "shrinks it): plain val acc 0.865 / 0.851 vs 0.863 / 0.857", act="lsq",
            scale_init=1.0),
    healthy("q68_qat_mlp_4_bit", B68M.qat_mlp, "4-bit weights and activations instead of "
            "8: plain val acc 0.841 / 0.850 vs 0.863 / 0.857", bits=4, act_bits=4),
    healthy("q68_qat_mlp_act_range_0_1", B68M.qat_mlp, "the activation quantisers' range "
            "fixed at [0, 1] (a ReLU1 in effect): plain val acc 0.854 / 0.852 vs 0.863 / "
            "0.857", act_hi=1.0),
    healthy("q68_qat_mlp_int8_output", B68M.qat_mlp, "the output layer quantised too (an "
            "8-bit QuantDense 4 -> softmax): plain val acc 0.860 / 0.861 vs 0.863 / 0.857",
            last_bits=8),
    healthy("q68_bnn_mlp", B68M.bnn_mlp, "binarised MLP on sklearn's digits (1297 training, "
            "500 validation, 64 pixels in [0, 1]): Dense 256 (full precision) -> BatchNorm -> "
            "Sign (hard-tanh STE) -> BinaryDense 256 (sign weights, latent weights clipped to "
            "[-1, 1]) -> BatchNorm -> Sign -> BinaryDense 256 -> BatchNorm -> Sign -> Dense 10 "
            "softmax (full precision), Adam(1e-3), batch 32, 20 ep: plain val acc 0.972 / "
            "0.960"),
    healthy("q68_bnn_mlp_identity_ste", B68M.bnn_mlp, "the sign activation's gradient "
            "passed unclipped (x + stop_gradient(sign(x) - x)): plain val acc 0.958 / 0.948 "
            "vs 0.972 / 0.960", act_grad="identity"),
    healthy("q68_bnn_mlp_latent_unclipped", B68M.bnn_mlp, "the latent weights never "
            "clipped (no constraint): they stay inside [-1, 1] at this rate, the same run: "
            "plain val acc 0.972 / 0.960", clip=False),
    healthy("q68_bnn_mlp_adam_1e_2", B68M.bnn_mlp, "Adam(1e-2), the BNN papers' higher "
            "rate: plain val acc 0.940 / 0.956 vs 0.972 / 0.960 (val loss 0.50 / 0.30 vs "
            "0.12 / 0.16); the same figures without the latent clip", lr=0.01),
    healthy("q68_bnn_mlp_1_bit_output", B68M.bnn_mlp, "the output layer binarised too (a "
            "BinaryDense 10 straight into the softmax: integer logits up to +-256): plain "
            "val acc 0.940 / 0.928 vs 0.972 / 0.960 (val loss 1.32 / 1.64 vs 0.12 / 0.16: "
            "overconfident)", last="binary"),
    healthy("q68_bnn_mlp_1_bit_output_bn", B68M.bnn_mlp, "the binarised output layer "
            "followed by a BatchNorm (the BNN paper's head): plain val acc 0.972 / 0.962 vs "
            "0.972 / 0.960", last="binary_bn"),
    healthy("q68_bnn_mlp_sign_weights_no_ste", B68M.bnn_mlp, "sign(w) on the weights "
            "without the straight-through trick (its gradient zero: the binary layers stay "
            "at their random signs; the first layer, the BatchNorms and the head learn): "
            "plain val acc 0.956 / 0.950 vs 0.972 / 0.960", ste=False),
    healthy("q68_bnn_mlp_binary_first_layer", B68M.bnn_mlp, "the first layer binarised "
            "too: plain val acc 0.928 / 0.964 vs 0.972 / 0.960", first="binary"),
    healthy("q68_ternary_cnn", B68M.ternary_cnn, "ternary-weight CNN on the digit images "
            "(1297 training, 500 validation, 8 x 8): input FakeQuant 8-bit on [0, 1] -> Conv "
            "32 (full precision) -> BatchNorm -> ReLU -> FakeQuant 4-bit on [0, 4] -> "
            "TernaryConv2D 32 (TWN threshold 0.7 mean|w|, learned scale alpha = 1, STE) -> "
            "BatchNorm -> ReLU -> FakeQuant -> MaxPool -> TernaryConv2D 32 -> BatchNorm -> "
            "ReLU -> FakeQuant -> GlobalAveragePooling -> Dense 10 softmax (full precision), "
            "Adam(1e-3), batch 32, 10 ep: plain val acc 0.974 / 0.982"),
    healthy("q68_ternary_cnn_alpha_init_1e6", B68M.ternary_cnn, "the ternary layers' "
            "learned scale initialised at 1e6 (the BatchNorm after each divides it out): "
            "plain val acc 0.964 / 0.978 vs 0.974 / 0.982", alpha_init=1e6),
]]

FAULTY_68 = [batch68_case(c) for c in [
    faulty("q68_qat_raw_inputs_range_0_1", "q68_qat_mlp_int8",
           "unscaled_input constant_input collapsed_input slow_convergence setup_stall",
           "the raw readings (500..5000) into an 8-bit input quantiser with its range fixed "
           "at [0, 1]: nearly every input clips to 1.0, a near constant: plain val acc 0.248 "
           "/ 0.276 (training 0.301 / 0.298) vs 0.863 / 0.857", scale="none", in_lo=0.0, in_hi=1.0),
    faulty("q68_qat_round_without_ste", "q68_qat_mlp_int8",
           "no_gradient vanishing_gradient slow_convergence setup_stall",
           "round() in the weight and activation quantisers without the straight-through "
           "trick (round's gradient is none / zero: the quantised layers frozen but for "
           "their largest weight and biases, the head learns on random features): plain "
           "val acc 0.592 / 0.603 vs 0.863 / 0.857", ste=False),
    faulty("q68_qat_lsq_scale_init_0", "q68_qat_mlp_int8",
           "exploding_gradient setup_stall",
           "the learned step size initialised at 0: x / 0 gives inf and 0 / 0 NaN from the "
           "first step: loss NaN, plain val acc 0.242 / 0.242 vs 0.863 / 0.857", act="lsq",
           scale_init=0.0),
    faulty("q68_qat_lsq_scale_init_1e6", "q68_qat_mlp_int8",
           "vanishing_gradient dying_relu slow_convergence setup_stall",
           "the learned step size initialised at 1e6: every activation rounds to 0 (the "
           "layers after see zeros; Adam moves the scale by ~1e-3 a step): loss 1.386 = "
           "ln 4, plain val acc 0.210 / 0.210 vs 0.863 / 0.857", act="lsq",
           scale_init=1e6),
    faulty("q68_qat_minmax_inputs", "q68_qat_mlp_int8", "slow_convergence unscaled_input",
           "the inputs min-max scaled to [0, 1] (each column's range spans many sd: the "
           "features squashed near 0.5, sd ~0.1) with the input quantiser on [0, 1]: "
           "training 0.726 / 0.716, plain val acc 0.698 / 0.689 vs 0.863 / 0.857",
           scale="minmax", in_lo=0.0, in_hi=1.0),
    faulty("q68_bnn_no_batchnorm", "q68_bnn_mlp", "vanishing_gradient slow_convergence",
           "no BatchNorm before the sign activations: a BinaryDense's pre-activations are "
           "sums of 256 +-1 terms (sd ~16), the hard-tanh STE passes gradient only for |x| "
           "<= 1: plain val acc 0.914 / 0.868 vs 0.972 / 0.960", bn=False),
    faulty("q68_bnn_adam_lr_1", "q68_bnn_mlp",
           "exploding_gradient oscillating_loss learning_rate_out_of_range",
           "Adam(1.0) on the binary net (the latent weights flip every step, the "
           "full-precision head blows up): loss 84 / 82, plain val acc 0.222 / 0.138 vs "
           "0.972 / 0.960", lr=1.0),
    faulty("q68_ternary_raw_pixels_range_0_1", "q68_ternary_cnn", "unscaled_input",
           "sklearn's raw 0..16 pixel counts into the [0, 1] input quantiser (the / 16 "
           "forgotten: every pixel >= 1 clips to 1, the digits binarised): training 0.929 / "
           "0.929, plain val acc 0.892 / 0.906 vs 0.974 / 0.982", pixels="raw"),
    faulty("q68_ternary_alpha_init_0", "q68_ternary_cnn",
           "dying_relu vanishing_gradient no_gradient slow_convergence setup_stall",
           "the ternary layers' learned scale initialised at 0: the convolutions output "
           "zeros, the BatchNorm keeps them at 0, the ReLU's gradient at 0 is 0 (nothing "
           "reaches alpha or the latent weights): loss 2.302 = ln 10, plain val acc 0.090 / "
           "0.092 vs 0.974 / 0.982", alpha_init=0.0),
    faulty("q68_ternary_alpha_init_1e6_no_bn", "q68_ternary_cnn",
           "exploding_gradient vanishing_gradient slow_convergence setup_stall",
           "the learned scale initialised at 1e6 and no BatchNorm after the ternary "
           "convolutions: pre-activations of ~1e6 saturate the [0, 4] activation "
           "quantisers (gradient zero outside the range): plain val acc 0.090 / 0.118 vs "
           "0.974 / 0.982", alpha_init=1e6, bn=False),
    faulty("q68_ternary_no_ste", "q68_ternary_cnn",
           "no_gradient vanishing_gradient slow_convergence",
           "the ternarisation sign(w) * (|w| > delta) without the straight-through trick "
           "(its gradient zero: the ternary kernels stay at their random values, only the "
           "scales, BatchNorms, first conv and head learn): training 0.786 / 0.812, plain "
           "val acc 0.782 / 0.760 vs 0.974 / 0.982", ste=False),
]]


def batch69_case(case: Case) -> Case:
    return replace(case, batch=69)


# Batch 69 (session "practice69"): physics-informed and residual-loss training in Keras 3 with
# a plain `model.fit`: a `keras.Model` subclass takes the network's derivatives with
# `tf.GradientTape` on collocation points inside `call` and adds the weighted residual with
# `add_loss`; the compiled loss is the data / initial / boundary MSE; a damped oscillator from
# sparse noisy data, the 1-D heat equation, a 1-D Poisson problem with Fourier features, an
# inverse decay problem. Written without reading the detection / repair rules or their
# settings. Labels set by plain Keras training (seeds 11 and 22) before any Watch /
# autotrainer run: faulty when the final validation MSE against the exact solution (the
# validation loss divided by the data weight) is >= 1.5x the counterpart's on both seeds.
B69M = batch69_models
HEALTHY_69 += [batch69_case(c) for c in [
    healthy("pinn69_oscillator_tanh", B69M.oscillator_pinn, "damped oscillator u'' + 2 u' + "
            "100 u = 0 from 200 noisy measurements on t in [0, 0.4] plus the ODE residual "
            "(/ w0^2, add_loss) on 200 collocation times over [0, 1] resampled every step, "
            "MLP 3 x 32 tanh, Adam(3e-3), batch 20, 80 ep; validation: 200 times on [0, 1] vs "
            "the exact solution: plain val loss 0.0140 / 0.0229 (val MAE 0.090 / 0.113)"),
    healthy("pinn69_oscillator_sin", B69M.oscillator_pinn, "sin activations (SIREN-style) "
            "instead of tanh: plain val loss 0.0004 / 0.0011 vs 0.0140 / 0.0229",
            activation="sin"),
    healthy("pinn69_oscillator_ms_rescaled", B69M.oscillator_pinn, "times in milliseconds "
            "(t in [0, 1000], the ODE's coefficients converted) behind a Rescaling(1e-3) "
            "first layer: plain val loss 0.0140 / 0.0229, the same as in seconds",
            time_unit="ms"),
    healthy("pinn69_heat_tanh", B69M.heat_pinn, "1-D heat u_t = 0.1 u_xx on [0, 1]^2 from 256 "
            "initial rows (sin(pi x)) and 256 boundary rows (0) as the fit's data plus the PDE "
            "residual (add_loss) on 256 collocation points resampled every step, MLP 3 x 32 "
            "tanh, Adam(1e-3), batch 32, 40 ep; validation: a 30 x 30 grid vs the exact "
            "solution: plain val loss 0.0009 / 0.0007 (val MAE 0.026 / 0.018)"),
    healthy("pinn69_heat_gelu", B69M.heat_pinn, "GELU activations (smooth, second "
            "derivatives non-zero): plain val loss 0.0003 / 0.0010 vs 0.0009 / 0.0007",
            activation="gelu"),
    healthy("pinn69_heat_lr_5e_2", B69M.heat_pinn, "Adam(5e-2), 50x the usual PINN rate: "
            "plain val loss 0.0000 / 0.0000 (val MAE 0.004 / 0.003) vs 0.0009 / 0.0007",
            lr=0.05),
    healthy("pinn69_heat_colloc_fixed", B69M.heat_pinn, "the 256 collocation points drawn "
            "once and never resampled: plain val loss 0.0007 / 0.0007 vs 0.0009 / 0.0007",
            colloc="fixed"),
    healthy("pinn69_poisson_fourier", B69M.poisson_pinn, "1-D Poisson -u'' = f, u = sin(pi x) "
            "+ 0.25 sin(6 pi x), the two boundary points repeated 128x as the fit's data, "
            "residual / 100 (add_loss) on 200 resampled points, Fourier features (16, sigma "
            "2) -> MLP 3 x 32 tanh, Adam(1e-3), batch 16, 50 ep: plain val loss 0.0000 / "
            "0.0405 (val MAE 0.002 / 0.181: seed 22 misses the fine wave in part)"),
    healthy("pinn69_decay_inverse", B69M.decay_inverse, "inverse decay u' = -k u, k a "
            "trainable weight (log k from 0), noisy measurements on t in [0, 1.5] plus the "
            "residual on 128 resampled times over [0, 4], MLP 2 x 32 tanh, Adam(3e-3), batch "
            "8, 60 ep; validation on [0, 4]: plain val loss 0.0096 / 0.0068"),
    healthy("pinn69_decay_learned_weight_log", B69M.decay_inverse, "a self-adaptive physics "
            "weight exp(s), trainable and minimised with the model (not ascended): plain val "
            "loss 0.0083 / 0.0053 vs 0.0096 / 0.0068", learned_weights="log"),
    healthy("pinn69_decay_learned_weight_raw", B69M.decay_inverse, "the physics weight a bare "
            "trainable variable (free to go negative) minimised with the model: plain val "
            "loss 0.0082 / 0.0048 vs 0.0096 / 0.0068", learned_weights="raw"),
]]

FAULTY_69 = [batch69_case(c) for c in [
    faulty("pinn69_oscillator_relu", "pinn69_oscillator_tanh", "no_gradient slow_convergence",
           "ReLU activations in the PINN (the second derivative of a ReLU net is zero: the "
           "residual cannot be met): training loss 0.109 / 0.104, plain val loss 0.0773 / "
           "0.0793 vs 0.0140 / 0.0229", activation="relu"),
    faulty("pinn69_oscillator_ms_unscaled", "pinn69_oscillator_tanh",
           "unscaled_input slow_convergence setup_stall",
           "times in milliseconds, t in [0, 1000], fed raw to the tanh net: training loss "
           "0.416 / 0.337, plain val loss 0.2375 / 0.1944 vs 0.0140 / 0.0229",
           time_unit="ms", rescale=False),
    faulty("pinn69_oscillator_lr_1e_1", "pinn69_oscillator_tanh",
           "learning_rate_out_of_range oscillating_loss slow_convergence setup_stall",
           "Adam(0.1): training loss 0.517 / 0.530, plain val loss 0.3648 / 0.2706 vs 0.0140 "
           "/ 0.0229", lr=0.1),
    faulty("pinn69_oscillator_colloc_one_end", "pinn69_oscillator_tanh", "validation_shift",
           "the 200 collocation times drawn once, all in the first 15 % of [0, 1] (where the "
           "data already are): the physics never reaches the rest: plain val loss 0.2310 / "
           "0.2189 vs 0.0140 / 0.0229", colloc="one_end"),
    faulty("pinn69_oscillator_no_physics", "pinn69_oscillator_tanh", "validation_shift",
           "the physics term left out (phys_weight 0): a plain fit of data on [0, 0.4] "
           "asked about [0, 1]: training loss 0.0013 / 0.0018, plain val loss 0.1639 / "
           "0.1771 vs 0.0140 / 0.0229", phys_weight=0.0),
    faulty("pinn69_oscillator_wrong_sign", "pinn69_oscillator_tanh",
           "slow_convergence setup_stall",
           "the stiffness term with the wrong sign (u'' + 2 u' - 100 u: growth, against the "
           "oscillating data): training loss 0.130 / 0.130, plain val loss 0.1218 / 0.1296 "
           "vs 0.0140 / 0.0229", sign=-1.0),
    faulty("pinn69_oscillator_data_weight_1e_4", "pinn69_oscillator_tanh", "",
           "the data term weighted 1e-4 against the residual: the net settles on the "
           "trivial solution u = 0 that meets the ODE (training loss 0.0000): plain val MAE "
           "0.415 / 0.415 vs 0.090 / 0.113 (val loss is 1e-4 x the MSE); no Watch problem "
           "fits", bc_weight=1e-4),
    faulty("pinn69_heat_bc_weight_1e4", "pinn69_heat_tanh", "slow_convergence",
           "the initial / boundary MSE weighted 1e4 (w_bc * mse): the residual term starved: "
           "plain val MSE 0.0100 / 0.0799 (val loss 99.99 / 799.2) vs 0.0009 / 0.0007",
           bc_weight=1e4),
    faulty("pinn69_heat_colloc_one_end", "pinn69_heat_tanh", "validation_shift",
           "the 256 collocation points drawn once, all at x < 0.15: plain val loss 0.0023 / "
           "0.0055 vs 0.0009 / 0.0007 (val MAE 0.038 / 0.057 vs 0.026 / 0.018)",
           colloc="one_end"),
    faulty("pinn69_heat_exp_decay_fast", "pinn69_heat_tanh", "slow_convergence",
           "ExponentialDecay(1e-3, decay_steps = a quarter of the run, 0.5): the rate 16x "
           "down by the end: training loss 0.049 / 0.131, plain val loss 0.0121 / 0.0543 vs "
           "0.0009 / 0.0007", schedule="exp"),
    faulty("pinn69_heat_2_epochs", "pinn69_heat_tanh", "small_budget slow_convergence",
           "epochs=2 (32 steps): plain val loss 0.0800 / 0.0722 vs 0.0009 / 0.0007",
           epochs=2),
    faulty("pinn69_poisson_fourier_sigma_50", "pinn69_poisson_fourier",
           "slow_convergence setup_stall",
           "Fourier features with sigma 50 (frequencies far above the solution's; u'' of "
           "the features is ~1e5): training loss 274 / 899, plain val loss 0.538 / 0.498 vs "
           "0.0000 / 0.0405", fourier_sigma=50.0),
    faulty("pinn69_poisson_no_fourier", "pinn69_poisson_fourier", "slow_convergence",
           "the raw x into the tanh net, no Fourier features (the 6 pi wave learned slowly): "
           "training loss 0.043 / 0.403, plain val loss 0.0710 / 0.5334 vs 0.0000 / 0.0405",
           fourier_sigma=0.0),
]]


def batch70_case(case: Case) -> Case:
    return replace(case, batch=70)


# Batch 70 (session "practice70"): shape-constrained and constrained-weight models in Keras 3:
# a two-branch monotone network (NonNeg kernels on the monotone path) and a piecewise-linear
# calibrator (a custom layer) on a generated credit table in raw units, an input-convex network
# (ICNN: NonNeg hidden-to-hidden kernels) on a generated convex regression, MaxNorm + dropout
# on breast cancer, a bounded (sigmoid-rescaled) regression head with an orthogonality penalty
# by add_loss or SpectralNormalization on diabetes, a cosine (UnitNorm) classifier on digits.
# Written without reading the detection / repair rules or their settings. Labels set by plain
# Keras training (seeds 11 and 22) before any Watch / autotrainer run: faulty when the final
# validation accuracy is >= 5 points below the counterpart's on both seeds (regression: the
# final validation loss >= 1.5x).
B70M = batch70_models
HEALTHY_70 += [batch70_case(c) for c in [
    healthy("cons70_monotone_mlp", B70M.monotone_mlp, "credit default (3000 training, 1000 "
            "validation rows, 8 columns, standardised, the two risk-decreasing columns "
            "negated): a monotone branch Dense 32 ReLU x 2 (NonNeg kernels) on the 4 monotone "
            "columns, a free branch Dense 32 ReLU x 2, concatenated -> Dense 16 (NonNeg) -> "
            "sigmoid (NonNeg), Adam(1e-3), batch 64, 30 ep: plain val acc 0.836 / 0.844"),
    healthy("cons70_monotone_mlp_unconstrained", B70M.monotone_mlp, "the NonNeg constraints "
            "dropped (no monotonicity guarantee): plain val acc 0.857 / 0.867 vs 0.836 / "
            "0.844", constraint="none"),
    healthy("cons70_calibrated_credit", B70M.calibrated_credit, "credit default in raw units "
            "(the decreasing columns negated): a custom PiecewiseLinearCalibrator (10 "
            "keypoints at the training quantiles, softplus deltas on the 4 monotone columns, "
            "zero-initialised) -> Dense 1 sigmoid (NonNeg), Adam(1e-2), batch 64, 30 ep: "
            "plain val acc 0.839 / 0.843"),
    healthy("cons70_icnn_relu", B70M.icnn_regression, "convex regression (2400 training, 600 "
            "validation rows, 6 inputs min-max scaled to [0, 1], target standardised): ICNN "
            "z_k+1 = relu(Wz z_k + Wx x), Wz NonNeg, width 64, depth 3, MSE, Adam(1e-3), "
            "batch 32, 30 ep: plain val loss 0.0383 / 0.0641"),
    healthy("cons70_maxnorm_cancer", B70M.maxnorm_cancer, "breast cancer (400 training, 169 "
            "validation rows, standardised): Dense 64 ReLU (MaxNorm(3)) -> Dropout(0.2) x 2 "
            "-> sigmoid, Adam(1e-3), batch 32, 50 ep: plain val acc 0.988 / 0.982"),
    healthy("cons70_maxnorm_axis_1", B70M.maxnorm_cancer, "MaxNorm(3, axis=1) (each input's "
            "outgoing weights instead of each unit's incoming ones): plain val acc 0.988 / "
            "0.982 vs 0.988 / 0.982", axis=1),
    healthy("cons70_maxnorm_sgd_momentum_lr_0_1", B70M.maxnorm_cancer, "the dropout paper's "
            "optimiser with MaxNorm: SGD(0.1, momentum=0.9): plain val acc 0.976 / 0.982 vs "
            "0.988 / 0.982", optimizer="sgd", lr=0.1),
    healthy("cons70_maxnorm_dropout_0_8", B70M.maxnorm_cancer, "Dropout(0.8) after each "
            "MaxNorm layer: training acc 0.935 / 0.950, plain val acc 0.976 / 0.976 vs 0.988 "
            "/ 0.982", dropout=0.8),
    healthy("cons70_bounded_diabetes", B70M.bounded_diabetes, "diabetes (332 training, 110 "
            "validation rows, standardised features and target): Dense 32 ReLU x 2 -> "
            "sigmoid rescaled to the training target's [min, max], MSE, Adam(1e-3), batch 16, "
            "40 ep: plain val loss 0.546 / 0.528"),
    healthy("cons70_bounded_linear_head", B70M.bounded_diabetes, "an unbounded linear head: "
            "plain val loss 0.525 / 0.530 vs 0.546 / 0.528", head="linear"),
    healthy("cons70_bounded_plain_sigmoid_head", B70M.bounded_diabetes, "a plain sigmoid "
            "head (outputs in [0, 1]) on the standardised target: the negative half is "
            "clipped at 0, plain val loss 0.628 / 0.637 vs 0.546 / 0.528 (1.15x / 1.21x)",
            head="sigmoid"),
    healthy("cons70_ortho_penalty_1e3", B70M.bounded_diabetes, "the second hidden layer an "
            "OrthogonalDense(32) adding 1e3 * ||W^T W - I||^2 by add_loss (a weight meant "
            "for 1e-3): plain val loss 0.510 / 0.494 vs 0.546 / 0.528", penalty=1000.0),
    healthy("cons70_spectral_norm", B70M.bounded_diabetes, "both hidden Dense layers wrapped "
            "in SpectralNormalization: plain val loss 0.508 / 0.498 vs 0.546 / 0.528",
            spectral=True),
    healthy("cons70_spectral_norm_sklearn_scaled", B70M.bounded_diabetes, "SpectralNormalization "
            "on sklearn's own feature scaling (sd ~0.048, no StandardScaler): a 1-Lipschitz "
            "stack on tiny inputs, plain val loss 0.672 / 0.621 vs 0.546 / 0.528 (1.23x / "
            "1.18x)", spectral=True, scale="sklearn"),
    healthy("cons70_cosine_digits", B70M.cosine_digits, "digits (1297 training, 500 "
            "validation images, 64 pixels / 16): Dense 128 ReLU -> Dense 64 -> "
            "UnitNormalization -> Dense 10 no bias (UnitNorm(axis=0)) -> x16 -> softmax, "
            "Adam(1e-3), batch 32, 20 ep: plain val acc 0.978 / 0.982"),
    healthy("cons70_cosine_unitnorm_axis_1", B70M.cosine_digits, "UnitNorm(axis=1) on the "
            "cosine head (each input row normalised across the classes): plain val acc 0.968 "
            "/ 0.964 vs 0.978 / 0.982", axis=1),
    healthy("cons70_cosine_scale_1", B70M.cosine_digits, "the cosine logits not rescaled (s = "
            "1, logits in [-1, 1]): the loss cannot go below ~1.4 (val loss 1.43 / 1.43 vs "
            "0.085 / 0.067), plain val acc 0.982 / 0.988 vs 0.978 / 0.982", scale=1.0),
]]

FAULTY_70 = [batch70_case(c) for c in [
    faulty("cons70_monotone_raw_units", "cons70_monotone_mlp", "unscaled_input",
           "no StandardScaler: income and debt in the tens of thousands (negated income "
           "-10k..-260k) into the NonNeg branch: plain val acc 0.670 / 0.677 vs 0.836 / "
           "0.844", scale="none"),
    faulty("cons70_monotone_decreasing_not_negated", "cons70_monotone_mlp", "slow_convergence",
           "the risk-decreasing columns (income, credit age) not negated before the NonNeg "
           "branch: forced to raise the risk, the model can only ignore them: training loss "
           "0.49 / 0.48 vs 0.41 / 0.40, plain val acc 0.786 / 0.790 vs 0.836 / 0.844",
           flip=False),
    faulty("cons70_monotone_sigmoid_deep_nonneg", "cons70_monotone_mlp",
           "vanishing_gradient slow_convergence",
           "the monotone branch Dense 64 sigmoid x 4 with NonNeg kernels: the positive sums "
           "push every sigmoid into saturation: plain val acc 0.679 / 0.667 vs 0.836 / "
           "0.844", activation="sigmoid", depth=4, width=64),
    faulty("cons70_monotone_adam_lr_1", "cons70_monotone_mlp",
           "exploding_gradient oscillating_loss learning_rate_out_of_range dying_relu",
           "Adam(1.0) with the NonNeg constraints: val loss 0.699 (ln 2) at the end, plain "
           "val acc 0.536 / 0.464 vs 0.836 / 0.844", lr=1.0),
    faulty("cons70_calibrator_unit_keypoints", "cons70_calibrated_credit",
           "collapsed_input unscaled_input",
           "the tutorial's keypoints np.linspace(0, 1, 10) on the raw units (income, debt, "
           "credit age far beyond 1): those columns clipped to a constant: plain val acc "
           "0.589 / 0.581 vs 0.839 / 0.843", keypoints="unit"),
    faulty("cons70_calibrator_unconstrained_deadlock", "cons70_calibrated_credit",
           "no_gradient slow_convergence",
           "the monotone flags dropped: every calibrator's deltas raw and zero-initialised, "
           "so a column whose NonNeg output weight is clipped to 0 at the first step has "
           "zero output and zero gradient for good: plain val acc 0.683 / 0.748 vs 0.839 / "
           "0.843", monotone=False),
    faulty("cons70_icnn_negative_init", "cons70_icnn_relu", "dying_relu slow_convergence",
           "every kernel RandomUniform(-0.1, 0) on inputs in [0, 1]: every ReLU "
           "pre-activation <= 0 from the start, the hidden-to-hidden kernels clipped to 0, "
           "only the linear passthrough trains: plain val loss 0.616 / 0.618 vs 0.038 / "
           "0.064", init="negative"),
    faulty("cons70_icnn_nonneg_everywhere", "cons70_icnn_relu", "slow_convergence",
           "kernel_constraint=NonNeg() copied to the x-passthrough and first layers too: the "
           "network is monotone increasing in every input and cannot fit the bowl: plain "
           "val loss 0.220 / 0.449 vs 0.038 / 0.064", passthrough_nonneg=True),
    faulty("cons70_icnn_softplus", "cons70_icnn_relu", "slow_convergence",
           "softplus instead of ReLU (softplus(0) = 0.69 summed through the NonNeg layers: "
           "first-epoch loss 510, still 1.5 and falling at epoch 30): plain val loss 1.43 / "
           "1.14 vs 0.038 / 0.064", activation="softplus"),
    faulty("cons70_maxnorm_1e_3", "cons70_maxnorm_cancer",
           "vanishing_gradient slow_convergence",
           "MaxNorm(max_value=1e-3): every hidden unit's incoming weights of norm <= 1e-3, "
           "the signal gone by the output: majority class, plain val acc 0.627 / 0.627 vs "
           "0.988 / 0.982", max_value=0.001),
    faulty("cons70_maxnorm_raw_units", "cons70_maxnorm_cancer", "unscaled_input",
           "no StandardScaler (area in the hundreds to thousands) under MaxNorm(3): plain "
           "val acc 0.923 / 0.923 vs 0.988 / 0.982", scale=False),
    faulty("cons70_bounded_raw_target_bounds", "cons70_bounded_diabetes",
           "improper_output vanishing_gradient",
           "the output bounds taken from the raw target (25..346) before it was "
           "standardised: the sigmoid pinned at the lower bound 25, plain val loss 638 / 643 "
           "vs 0.546 / 0.528", bounds="raw"),
]]


def batch71_case(case: Case) -> Case:
    return replace(case, batch=71)


# Batch 71 (session "practice71"): continual and incremental learning in Keras 3 on sklearn's
# digits split into tasks: class-incremental digits 0-4 then 5-9 with a replay buffer and a
# fixed, grown or masked output head, EWC / L2-SP penalties toward the first task's weights
# on permuted digits (domain-incremental), a task-incremental second head on a frozen shared
# trunk. The earlier stages are plain `model.fit`, the last stage's fit is `kit.fit`. Written
# without reading the detection / repair rules or their settings. Labels set by plain Keras
# training (seeds 11 and 22) before any Watch / autotrainer run: faulty when the final
# validation accuracy is >= 5 points below the counterpart's on both seeds.
B71M = batch71_models
HEALTHY_71 += [batch71_case(c) for c in [
    healthy("cl71_replay_digits", B71M.replay_digits, "class-incremental digits: stage 1 "
            "(plain fit) on digits 0-4, Dense 64 ReLU x 2 -> softmax 10, Adam(1e-3), 20 ep; "
            "stage 2 on digits 5-9 (labels offset by 5) plus a replay buffer of 20 stage-1 "
            "images a class, recompiled with a fresh Adam(1e-3), batch 32, 20 ep, validated "
            "on all 540 held-out images: plain val acc 0.926 / 0.944"),
    healthy("cl71_replay_buffer_50", B71M.replay_digits, "50 replayed images a class: plain "
            "val acc 0.954 / 0.954 vs 0.926 / 0.944", buffer=50),
    healthy("cl71_replay_appended_unshuffled", B71M.replay_digits, "the buffer appended "
            "after the new rows and not shuffled by hand (fit's own shuffle=True mixes "
            "them): plain val acc 0.937 / 0.937 vs 0.926 / 0.944", shuffle_rows=False),
    healthy("cl71_replay_no_recompile", B71M.replay_digits, "stage 2 fitted without "
            "recompiling (the stage-1 Adam and its moments carried on): plain val acc 0.935 "
            "/ 0.933 vs 0.926 / 0.944", optimizer="keep"),
    healthy("cl71_replay_dropout_0_2", B71M.replay_digits, "Dropout(0.2) after each hidden "
            "layer in both stages: plain val acc 0.931 / 0.920 vs 0.926 / 0.944",
            dropout=0.2),
    healthy("cl71_replay_grown_head", B71M.replay_digits, "a 5-way head in stage 1, replaced "
            "by a 10-way head in stage 2 with the old kernel / bias copied into its first "
            "five columns: plain val acc 0.928 / 0.937 vs 0.926 / 0.944", head="grow"),
    healthy("cl71_replay_grown_head_not_copied", B71M.replay_digits, "the grown 10-way head "
            "left at its fresh initialisation (the old head's columns not copied in; the "
            "replay buffer relearns them): plain val acc 0.919 / 0.924 vs 0.926 / 0.944",
            head="grow", copy_head=False),
    healthy("cl71_masked_head_digits", B71M.masked_head_digits, "one 10-logit head with a "
            "logit mask: stage 1 on digits 0-4 with the unseen classes' logits + (-1e9) "
            "(sparse CE from_logits), stage 2 on digits 5-9 + 20 replayed images a class with "
            "the mask opened to all ten, a fresh Adam(1e-3), 20 ep: plain val acc 0.931 / "
            "0.941"),
    healthy("cl71_masked_head_no_stage1_mask", B71M.masked_head_digits, "no mask in stage 1 "
            "(the unseen classes' logits pushed down by the softmax, the replay relearns "
            "them): plain val acc 0.926 / 0.944 vs 0.931 / 0.941", stage1_mask=False),
    healthy("cl71_ewc_permuted_digits", B71M.ewc_permuted_digits, "domain-incremental "
            "permuted digits: stage 1 (plain fit) on 628 images, Dense 128 ReLU x 2 -> "
            "softmax 10, Adam(1e-3), 20 ep; the diagonal Fisher from 200 per-sample "
            "gradients; stage 2 rebuilt with an EWC kernel / bias regulariser strength / 2 * "
            "sum(F (w - w_A)^2), strength 1000, on 629 pixel-permuted images, a fresh "
            "Adam(1e-3), batch 32, 20 ep, validated on the 540 held-out images both ways: "
            "plain val acc 0.856 / 0.830 (no penalty: 0.751 / 0.733)"),
    healthy("cl71_ewc_strength_1e6", B71M.ewc_permuted_digits, "EWC strength 1e6 (the "
            "Fisher diagonal is ~1e-6..1e-2, so the penalty is still moderate): training acc "
            "0.913 / 0.901, plain val acc 0.900 / 0.871 vs 0.856 / 0.830",
            strength=1e6),
    healthy("cl71_ewc_fisher_50_samples", B71M.ewc_permuted_digits, "the Fisher from 50 "
            "per-sample gradients: plain val acc 0.844 / 0.850 vs 0.856 / 0.830",
            fisher_samples=50),
    healthy("cl71_l2sp_permuted_digits", B71M.ewc_permuted_digits, "L2-SP instead of EWC: "
            "strength / 2 * sum((w - w_A)^2), strength 0.01: plain val acc 0.790 / 0.769",
            penalty="l2sp", strength=0.01),
    healthy("cl71_multihead_digits", B71M.multihead_digits, "task-incremental digits, one "
            "head per task on a shared trunk: stage 1 (plain fit) trunk Dense 64 ReLU x 2 + "
            "head A (softmax 5) on digits 0-4, Adam(1e-3), 20 ep; stage 2 head B (softmax 5, "
            "task-local labels) on the frozen trunk, Adam(1e-2), batch 32, 20 ep on digits "
            "5-9, validated on task B's 270 held-out images: plain val acc 0.926 / 0.892"),
    healthy("cl71_multihead_trunk_not_frozen", B71M.multihead_digits, "the shared trunk left "
            "trainable in stage 2 (task A's head loses its features; not measured here): "
            "training acc 1.000 / 1.000, plain val acc 0.985 / 0.981 vs 0.926 / 0.892",
            freeze="none"),
    healthy("cl71_multihead_task_b_unscaled", B71M.multihead_digits, "task B's images left "
            "at 0..16 (the trunk saw / 16 in stage 1): plain val acc 0.922 / 0.903 vs 0.926 "
            "/ 0.892", scale_b=False),
    healthy("cl71_multihead_sgd_lr_5", B71M.multihead_digits, "head B trained with SGD(5.0, "
            "momentum 0.9) on the frozen trunk: plain val acc 0.911 / 0.911 vs 0.926 / 0.892 "
            "(val loss 4.2 / 6.5 vs 0.29 / 0.35)", optimizer="sgd", lr=5.0),
]]

FAULTY_71 = [batch71_case(c) for c in [
    faulty("cl71_replay_labels_not_offset", "cl71_replay_digits", "label_mismatch",
           "the task-B labels left task-local 0..4 (not offset by 5): the new digits "
           "trained as the old classes: training acc 0.979 / 0.971, plain val acc 0.417 / "
           "0.433 (val loss 8.8 / 9.0) vs 0.926 / 0.944", offset=False),
    faulty("cl71_replay_buffer_unscaled", "cl71_replay_digits",
           "unscaled_input abnormal_data",
           "the replay buffer filled from the raw 0..16 arrays while the new rows are / 16: "
           "plain val acc 0.802 / 0.837 vs 0.926 / 0.944", buffer_scale="raw"),
    faulty("cl71_replay_buffer_empty", "cl71_replay_digits",
           "validation_shift label_mismatch",
           "buffer of 0 images (replay switched off): stage 2 sees only digits 5-9, the "
           "validation all ten, catastrophic forgetting: training acc 0.990 / 0.987, plain "
           "val acc 0.485 / 0.489 vs 0.926 / 0.944", buffer=0),
    faulty("cl71_replay_trunk_frozen", "cl71_replay_digits", "slow_convergence",
           "the hidden layers frozen for the new task (the transfer-learning recipe): only "
           "the head adapts, features of digits 0-4: training acc 0.772 / 0.726, plain val "
           "acc 0.772 / 0.770 vs 0.926 / 0.944", freeze="trunk"),
    faulty("cl71_replay_model_trainable_false", "cl71_replay_digits",
           "no_trainable_weights no_gradient slow_convergence setup_stall",
           "model.trainable = False (meant for the trunk) before stage 2: nothing trains, "
           "training acc 0.138 / 0.138, plain val acc 0.500 / 0.494 vs 0.926 / 0.944",
           freeze="all"),
    faulty("cl71_replay_adam_lr_0_1", "cl71_replay_digits",
           "learning_rate_out_of_range exploding_gradient oscillating_loss",
           "stage 2 recompiled with a fresh Adam(0.1): training acc 0.854 / 0.873, plain "
           "val acc 0.552 / 0.619 vs 0.926 / 0.944", lr=0.1),
    faulty("cl71_replay_sgd_lr_0_5", "cl71_replay_digits",
           "learning_rate_out_of_range exploding_gradient dying_relu oscillating_loss",
           "stage 2 recompiled with a fresh SGD(0.5, momentum 0.9): training acc 0.173 / "
           "0.177, plain val acc 0.100 / 0.100 vs 0.926 / 0.944", optimizer="sgd", lr=0.5),
    faulty("cl71_masked_head_stale_mask", "cl71_masked_head_digits",
           "label_mismatch improper_output unbounded_loss setup_stall",
           "the stage-1 mask layer reused in stage 2: the new classes' logits stay at "
           "-1e9, loss ~8.6e8: training acc 0.058 / 0.078, plain val acc 0.102 / 0.169 vs "
           "0.931 / 0.941", stage2_mask="stale"),
    faulty("cl71_masked_head_old_classes_masked", "cl71_masked_head_digits",
           "label_mismatch improper_output unbounded_loss",
           "stage 2 masks everything but the new classes 5-9 while the replay buffer holds "
           "0-4: training acc 0.287 / 0.254 (loss ~1.4e8), plain val acc 0.231 / 0.100 vs "
           "0.931 / 0.941", stage2_mask="new_only"),
    faulty("cl71_ewc_anchor_live_variable", "cl71_ewc_permuted_digits", "validation_shift",
           "the EWC anchor taken as a reference to the weight variables (anchor = "
           "layer.kernel), not a copy: w - anchor is always 0, plain fine-tuning: training "
           "acc 0.994 / 0.994, plain val acc 0.751 / 0.733 vs 0.856 / 0.830",
           anchor="live"),
    faulty("cl71_ewc_adam_lr_0_05", "cl71_ewc_permuted_digits",
           "learning_rate_out_of_range exploding_gradient oscillating_loss",
           "stage 2 recompiled with a fresh Adam(0.05): plain val acc 0.643 / 0.516 (val "
           "loss 11.3 / 14.7) vs 0.856 / 0.830", lr=0.05),
    faulty("cl71_l2sp_strength_1e6", "cl71_l2sp_permuted_digits",
           "high_penalty slow_convergence setup_stall",
           "L2-SP strength 1e6 (meant 1e-2): the weights cannot leave the first task's, "
           "training acc 0.146 / 0.151, plain val acc 0.539 / 0.531 vs 0.790 / 0.769",
           strength=1e6),
    faulty("cl71_multihead_model_trainable_false", "cl71_multihead_digits",
           "no_trainable_weights no_gradient slow_convergence setup_stall",
           "model_b.trainable = False (meant trunk.trainable): head B stays at its random "
           "initialisation: plain val acc 0.093 / 0.201 vs 0.926 / 0.892", freeze="all"),
    faulty("cl71_multihead_relu_head", "cl71_multihead_digits",
           "improper_output dying_relu setup_stall",
           "head B Dense(5, activation='relu') under sparse categorical cross-entropy: "
           "loss ln 5 = 1.609, plain val acc 0.204 / 0.204 vs 0.926 / 0.892",
           head_activation="relu"),
    faulty("cl71_multihead_stage1_rate_kept", "cl71_multihead_digits",
           "slow_convergence small_budget",
           "head B trained at the stage-1 Adam(1e-3) (400 steps for a head on frozen "
           "features): training acc 0.802 / 0.724, plain val acc 0.784 / 0.688 vs 0.926 / "
           "0.892", lr=1e-3),
]]


def batch72_case(case: Case) -> Case:
    return replace(case, batch=72)


# Batch 72 (session "practice72"): weight sharing and iterated depth in Keras 3: one residual
# block applied N times (ALBERT / recurrent-depth style), a universal transformer (one shared
# attention block applied N times), a deep-equilibrium-style fixed-point layer unrolled a
# fixed number of steps, a siamese same / different net on one shared encoder, a tied
# autoencoder (the decoder uses the encoder's transposed kernels) and a factorised embedding
# tied to the output projection. Digits (sklearn) and generated token sets. Written without
# reading the detection / repair rules or their settings. Labels set by plain Keras training
# (seeds 11 and 22) before any Watch / autotrainer run: faulty when the final validation
# accuracy is >= 5 points below the counterpart's on both seeds (the autoencoder: the final
# validation loss >= 1.5x).
B72M = batch72_models
HEALTHY_72 += [batch72_case(c) for c in [
    healthy("ws72_shared_block_digits", B72M.shared_block_digits, "digits (64 pixels / 16, "
            "1200 train, 597 validate): Dense 64 -> one block [LayerNorm -> Dense 128 ReLU -> "
            "Dense 64] applied 6 times with the same weights, h = h + block(h) -> softmax 10, "
            "Adam(1e-3), batch 32, 30 ep: plain val acc 0.972 / 0.978"),
    healthy("ws72_shared_block_unshared", B72M.shared_block_digits, "a fresh block each step "
            "(6 blocks, the weights not shared): plain val acc 0.980 / 0.982 vs 0.972 / 0.978",
            share=False),
    healthy("ws72_shared_block_stop_gradient", B72M.shared_block_digits, "the block's output "
            "wrapped in ops.stop_gradient (left from a no-backprop-through-refinement "
            "experiment): the shared block never learns, the residual path and the head do: "
            "plain val acc 0.955 / 0.955 vs 0.972 / 0.978", stop_gradient=True),
    healthy("ws72_shared_block_relu_bias_minus_5", B72M.shared_block_digits, "the shared "
            "block's ReLU layer with bias_initializer Constant(-5): the block starts dead, the "
            "residual path carries the signal: plain val acc 0.968 / 0.968 vs 0.972 / 0.978",
            bias_init=-5.0),
    healthy("ws72_shared_block_12_no_norm_no_residual", B72M.shared_block_digits, "12 "
            "applications without LayerNorm or residual (h = block(h), 24 layers of the same "
            "two kernels): plain val acc 0.953 / 0.965 vs 0.972 / 0.978", steps=12, norm=False,
            residual="none"),
    healthy("ws72_deq_digits", B72M.deq_digits, "digits: a fixed-point layer z = relu(0.8 * "
            "W_hat z + U x + b) (W_hat spectrally normalised by power iteration, 128 units, "
            "12 unrolled iterations) -> softmax 10, Adam(1e-3), batch 32, 30 ep: plain val acc "
            "0.977 / 0.973"),
    healthy("ws72_deq_contraction_3", B72M.deq_digits, "contraction factor gamma = 3.0 (the "
            "iteration expands, 12 steps): W adapts, plain val acc 0.936 / 0.960 vs 0.977 / "
            "0.973 (4.1 / 1.3 points)", gamma=3.0),
    healthy("ws72_deq_no_spectral_norm", B72M.deq_digits, "the spectral normalisation left "
            "out (glorot W, sigma_max about 2, times 0.8): plain val acc 0.970 / 0.966 vs "
            "0.977 / 0.973", spectral=False),
    healthy("ws72_deq_one_step_gradient", B72M.deq_digits, "the iterations under "
            "stop_gradient except the last (the one-step DEQ gradient): plain val acc 0.972 / "
            "0.958 vs 0.977 / 0.973", stop_gradient="but_last"),
    healthy("ws72_siamese_digits", B72M.siamese_digits, "same / different digit pairs (4000 "
            "train, 1000 validate, half same): one encoder Dense 64 ReLU -> Dense 32 on both "
            "images, |e_a - e_b| -> Dense 1 sigmoid, BCE, Adam(1e-3), batch 64, 20 ep: plain "
            "val acc 0.880 / 0.916"),
    healthy("ws72_siamese_two_towers", B72M.siamese_digits, "the encoder function called "
            "twice (two towers with their own weights, not shared): plain val acc 0.908 / "
            "0.911 vs 0.880 / 0.916", shared=False),
    healthy("ws72_tied_autoencoder", B72M.tied_autoencoder, "digits autoencoder Dense 32 "
            "ReLU -> Dense 12 ReLU -> the two kernels transposed (DenseTranspose), sigmoid, "
            "MSE, Adam(1e-3), batch 32, 40 ep: plain val loss 0.0162 / 0.0186"),
    healthy("ws72_tied_autoencoder_untied", B72M.tied_autoencoder, "a Dense decoder of its "
            "own (not tied): plain val loss 0.0187 / 0.0202 vs 0.0162 / 0.0186 (1.15x / "
            "1.09x)", tie="untied"),
    healthy("ws72_tied_lm", B72M.tied_lm, "next token on a generated Markov chain (40 "
            "tokens, best accuracy about 0.70): Embedding(40, 16) -> Dense 64 -> one shared "
            "residual block applied 3 times -> Dense 16 -> logits tied to the embedding "
            "(h @ E^T + b), from_logits, Adam(3e-3), batch 64, 10 ep: plain val acc 0.692 / "
            "0.692"),
    healthy("ws72_tied_lm_reshaped_not_transposed", B72M.tied_lm, "the embedding matrix "
            "reshaped to (16, 40) instead of transposed for the tied output: the layer before "
            "adapts, plain val acc 0.662 / 0.690 vs 0.692 / 0.692", tie="reshape"),
    healthy("ws72_tied_lm_relu_bias_minus_5", B72M.tied_lm, "the shared block's ReLU layer "
            "with bias_initializer Constant(-5): dead block, the residual path carries the "
            "signal: plain val acc 0.692 / 0.692 vs 0.692 / 0.692", bias_init=-5.0),
    healthy("ws72_universal_transformer", B72M.universal_transformer, "token counting (16 ids, "
            "which of tokens 1-4 is most frequent; 2000 train, 500 validate): Embedding + "
            "positions -> one pre-norm transformer block applied 4 times with the same "
            "weights -> GAP -> softmax 4, Adam(1e-3), batch 32, 8 ep: plain val acc 1.000 / "
            "1.000"),
    healthy("ws72_universal_transformer_no_norm", B72M.universal_transformer, "the shared "
            "block without LayerNorm (residuals only, 4 steps): plain val acc 1.000 / 1.000",
            norm="none"),
    healthy("ws72_universal_transformer_post_norm", B72M.universal_transformer, "the shared "
            "block post-norm (LayerNorm after each residual sum), Adam(1e-3): plain val acc "
            "1.000 / 1.000", norm="post"),
    healthy("ws72_universal_transformer_lr_1e_2", B72M.universal_transformer, "pre-norm "
            "shared block at Adam(1e-2), no warm-up: plain val acc 1.000 / 1.000", lr=0.01),
]]

FAULTY_72 = [batch72_case(c) for c in [
    faulty("ws72_shared_block_24_no_norm", "ws72_shared_block_digits", "exploding_gradient",
           "the shared residual block applied 24 times without its LayerNorm (h = h + "
           "block(h), the same kernels each step, no residual scaling): plain val acc 0.739 / "
           "0.745 (val loss 2.7 / 11.8) vs 0.972 / 0.978", steps=24, norm=False),
    faulty("ws72_deq_stop_gradient_every_step", "ws72_deq_digits", "no_gradient slow_convergence",
           "every iteration wrapped in ops.stop_gradient (the one-step-gradient recipe "
           "applied to the last step too): W, U and b get no gradient, only the softmax "
           "learns on random fixed-point features: training acc 0.916 / 0.929, plain val acc "
           "0.913 / 0.916 vs 0.977 / 0.973", stop_gradient="all"),
    faulty("ws72_deq_relu_bias_minus_5", "ws72_deq_digits", "dying_relu setup_stall",
           "the injection's bias_initializer Constant(-5): relu(W z + U x - 5) is 0 at every "
           "iteration, no gradient reaches W or U: training loss 2.30 (chance), plain val acc "
           "0.075 / 0.075 vs 0.977 / 0.973", bias_init=-5.0),
    faulty("ws72_siamese_concat_linear_head", "ws72_siamese_digits", "slow_convergence",
           "the two embeddings concatenated into the Dense 1 sigmoid (no distance): a linear "
           "head cannot tell same from different: training acc 0.589 / 0.604, plain val acc "
           "0.487 / 0.490 vs 0.880 / 0.916", merge="concat"),
    faulty("ws72_siamese_signed_difference", "ws72_siamese_digits", "slow_convergence",
           "e_a - e_b (signed, no abs) into the Dense 1 sigmoid: 'different' lies on both "
           "sides of 'same': training acc 0.601 / 0.600, plain val acc 0.456 / 0.493 vs 0.880 "
           "/ 0.916", merge="diff"),
    faulty("ws72_universal_transformer_post_norm_lr_1e_2", "ws72_universal_transformer",
           "learning_rate_out_of_range slow_convergence",
           "post-norm shared block at Adam(1e-2) without warm-up (either alone is healthy): "
           "stuck at chance, training "
           "loss 1.39 = ln 4: plain val acc 0.258 / 0.258 vs 1.000 / 1.000", norm="post",
           lr=0.01),
]]


def batch73_case(case: Case) -> Case:
    return replace(case, batch=73)


# Batch 73 (session "practice73"): meta-learning and few-shot episodes trained with a plain
# `fit` in Keras 3: a prototypical network and a relation network (a learned comparator) on
# 5-way 5-shot digit episodes pre-sampled into arrays, a matching network (attention over the
# support embeddings) on generated class clusters with its episodes drawn by a PyDataset
# generator and validated on novel classes, a triplet encoder trained on the base digits 0-4
# and validated on triplets of the novel digits 5-9, and a fine-tune baseline (pretrain on
# the base digits, a new head on 5 labelled images of each novel digit). Written without
# reading the detection / repair rules or their settings. Labels set by plain Keras training
# (seeds 11 and 22) before any Watch / autotrainer run: faulty when the final validation
# accuracy is >= 5 points below the counterpart's on both seeds.
B73M = batch73_models
HEALTHY_73 += [batch73_case(c) for c in [
    healthy("fs73_protonet_digits", B73M.protonet_digits, "5-way 5-shot digit episodes (3000 "
            "train episodes from 1200 images, 600 validation episodes from the other 597, one "
            "query each, pixels / 16): encoder Dense 64 ReLU -> Dense 32 over the support "
            "(TimeDistributed) and the query, prototypes the mean of each way's shots, logits "
            "= -squared Euclidean distance, sparse CE from logits, Adam(1e-3), batch 32, 8 ep: "
            "plain val acc 0.973 / 0.970"),
    healthy("fs73_protonet_raw_pixels", B73M.protonet_digits, "pixels left at 0..16 (not / "
            "16): squared distances in the thousands, plain val acc 0.942 / 0.928 vs 0.973 / "
            "0.970 (val loss 3.87 / 2.69 vs 0.12 / 0.10)", scale="raw"),
    healthy("fs73_protonet_softmax_from_logits", B73M.protonet_digits, "a softmax on the "
            "negative distances and the loss still from_logits=True (Keras warns and takes "
            "the logits behind the softmax): plain val acc 0.973 / 0.970 vs 0.973 / 0.970",
            output="softmax_from_logits"),
    healthy("fs73_protonet_euclidean", B73M.protonet_digits, "the Euclidean (square-rooted) "
            "distance instead of the squared one: plain val acc 0.972 / 0.968 vs 0.973 / "
            "0.970", distance="euclidean"),
    healthy("fs73_protonet_cosine", B73M.protonet_digits, "cosine similarity x 10 as the "
            "logits instead of the negative distance: plain val acc 0.972 / 0.973 vs 0.973 / "
            "0.970", distance="cosine"),
    healthy("fs73_protonet_relu_embedding", B73M.protonet_digits, "a ReLU on the 32-d "
            "embedding (non-negative embeddings): plain val acc 0.968 / 0.962 vs 0.973 / "
            "0.970", embed_activation="relu"),
    healthy("fs73_relation_digits", B73M.relation_digits, "the protonet's digit episodes: "
            "encoder Dense 64 ReLU -> Dense 32 ReLU, class features the sum of each way's 5 "
            "embeddings, [class, query] -> comparator Dense 32 ReLU -> Dense 1 sigmoid, 5 "
            "relation scores, MSE against the one-hot target, Adam(1e-3), batch 32, 10 ep: "
            "plain val acc 0.952 / 0.953"),
    healthy("fs73_matching_clusters", B73M.matching_clusters, "generated clusters (80 "
            "classes, 40 features; 60 base, 20 novel): a PyDataset draws fresh 5-way 3-shot "
            "episodes of the base classes (100 batches of 32 an epoch, support rows shuffled, "
            "one-hot support labels following them), encoder Dense 64 ReLU -> Dense 32, cosine "
            "x 10, softmax attention over the 15 support items, prediction the attention-"
            "weighted one-hot labels, sparse CE, Adam(1e-3), 6 ep, validated on 600 episodes "
            "of the novel classes: plain val acc 0.657 / 0.677"),
    healthy("fs73_matching_attention_over_batch", B73M.matching_clusters, "the attention "
            "softmax taken over axis 0 (the batch of episodes) instead of the support items "
            "(the CE renormalises the weighted labels): plain val acc 0.650 / 0.648 vs 0.657 "
            "/ 0.677", attention_axis=0),
    healthy("fs73_matching_adam_1e_2", B73M.matching_clusters, "Adam(1e-2): plain val acc "
            "0.623 / 0.642 vs 0.657 / 0.677 (3.4 / 3.5 points)", lr=0.01),
    healthy("fs73_triplet_digits", B73M.triplet_digits, "6000 triplets of the base digits "
            "0-4 (pixels / 16), 1000 validation triplets of the novel digits 5-9: encoder Dense "
            "128 ReLU -> Dense 32 -> UnitNormalization on anchor, positive and negative, output "
            "the squared distances [d(a, p), d(a, n)], loss max(d_ap - d_an + 0.2, 0) on a "
            "dummy target, triplet_accuracy metric, Adam(1e-3), batch 64, 10 ep: plain val "
            "triplet acc 0.804 / 0.739"),
    healthy("fs73_triplet_margin_0_unnormalised", B73M.triplet_digits, "margin 0 and no L2 "
            "normalisation (the collapse-prone setting): plain val triplet acc 0.795 / 0.739 "
            "vs 0.804 / 0.739", margin=0.0, normalize=False),
    healthy("fs73_triplet_unnormalised_margin_1", B73M.triplet_digits, "no L2 normalisation, "
            "margin 1: plain val triplet acc 0.792 / 0.747 vs 0.804 / 0.739", normalize=False,
            margin=1.0),
    healthy("fs73_triplet_positives_shuffled", B73M.triplet_digits, "the positives shuffled "
            "apart from their anchors (a positive of a random class; the negative still of "
            "another class than the anchor): training triplet acc 0.696 / 0.698, plain val "
            "triplet acc 0.789 / 0.782 vs 0.804 / 0.739", positives="shuffled"),
    healthy("fs73_triplet_raw_pixels", B73M.triplet_digits, "pixels left at 0..16 (the "
            "embedding is L2-normalised): plain val triplet acc 0.788 / 0.757 vs 0.804 / 0.739",
            scale="raw"),
    healthy("fs73_triplet_relu_embedding", B73M.triplet_digits, "a ReLU on the embedding "
            "before the L2 normalisation: plain val triplet acc 0.761 / 0.703 vs 0.804 / "
            "0.739 (4.3 / 3.6 points)", embed_activation="relu"),
    healthy("fs73_finetune_digits", B73M.finetune_head_digits, "stage 1 (plain fit) pretrains "
            "Dense 128 ReLU -> Dense 64 ReLU -> softmax 5 on the 901 base digits 0-4 (/ 16, "
            "15 ep); stage 2 a new softmax 5 head, the whole net fine-tuned on 5 labelled "
            "images of each novel digit 5-9 (25 images), Adam(3e-3), batch 32, 100 ep, "
            "validated on the other 871 novel images: plain val acc 0.870 / 0.874"),
    healthy("fs73_finetune_no_pretraining", B73M.finetune_head_digits, "stage 1 skipped (the "
            "backbone at its random initialisation, trained on the 25 images only): plain val "
            "acc 0.905 / 0.916 vs 0.870 / 0.874", pretrain=False),
]]

FAULTY_73 = [batch73_case(c) for c in [
    faulty("fs73_protonet_positive_distance", "fs73_protonet_digits", "slow_convergence",
           "the distance itself as the logit (the minus sign forgotten): the nearest "
           "prototype gets the lowest score, training acc 0.277 / 0.285, plain val acc 0.182 "
           "/ 0.202 vs 0.973 / 0.970", sign="positive"),
    faulty("fs73_protonet_logits_into_probability_loss", "fs73_protonet_digits",
           "output_loss_mismatch",
           "the negative distances fed to a from_logits=False sparse CE: training loss stuck "
           "at 1.609 = ln 5, plain val acc 0.767 / 0.825 vs 0.973 / 0.970",
           output="logits_as_probs"),
    faulty("fs73_protonet_shot_major_reshape", "fs73_protonet_digits",
           "label_mismatch slow_convergence",
           "the support stacked way-major by the loader, the prototypes reshaped as (shots, "
           "ways) and averaged over the first axis (5-way 5-shot: the shapes agree): each "
           "prototype averages five different classes, training acc 0.292 / 0.296, plain val "
           "acc 0.197 / 0.193 vs 0.973 / 0.970", layout="shot_major"),
    faulty("fs73_protonet_query_labels_shuffled", "fs73_protonet_digits", "label_mismatch",
           "the query labels shuffled apart from their episodes: training acc 0.268 / 0.256, "
           "plain val acc 0.515 / 0.580 vs 0.973 / 0.970", labels="shuffled"),
    faulty("fs73_protonet_sgd_lr_0_1", "fs73_protonet_digits",
           "oscillating_loss slow_convergence",
           "SGD(0.1, momentum 0.9) on the squared-distance logits: training acc 0.922 / 0.928, "
           "plain val acc 0.903 / 0.905 vs 0.973 / 0.970", optimizer="sgd", lr=0.1),
    faulty("fs73_relation_softmax_score", "fs73_relation_digits", "improper_output no_gradient",
           "the comparator's single output unit with a softmax activation (always 1.0): MSE "
           "constant at 0.80, plain val acc 0.198 / 0.198 vs 0.952 / 0.953",
           score_activation="softmax"),
    faulty("fs73_matching_no_temperature", "fs73_matching_clusters", "slow_convergence",
           "the plain cosine softmax (temperature 1, the attention near uniform over 15 "
           "items): training loss 1.19 / 1.19, plain val acc 0.532 / 0.562 vs 0.657 / 0.677",
           temperature=1.0),
    faulty("fs73_matching_support_labels_in_blocks", "fs73_matching_clusters", "label_mismatch",
           "the generator shuffles each episode's support rows but builds the one-hot support "
           "labels in the unshuffled block order: training acc 0.204 / 0.203, plain val acc "
           "0.580 / 0.585 vs 0.657 / 0.677", relabel="blocks"),
    faulty("fs73_finetune_frozen_backbone", "fs73_finetune_digits", "slow_convergence",
           "the pretrained backbone frozen (backbone.trainable = False), only the new head "
           "trained on the 25 images: the 64 features of a 5-class pretraining do not "
           "separate the novel digits, training acc 0.920 / 0.840, plain val acc 0.669 / "
           "0.605 vs 0.870 / 0.874", freeze="backbone"),
    faulty("fs73_finetune_whole_model_frozen", "fs73_finetune_digits", "no_gradient",
           "model.trainable = False on the new model (meant for the backbone): the new head "
           "is frozen too, nothing trains, plain val acc 0.129 / 0.200 vs 0.870 / 0.874",
           freeze="model"),
    faulty("fs73_finetune_stage2_raw_pixels", "fs73_finetune_digits", "unscaled_input",
           "the fine-tuning script forgets the / 16 the backbone was pretrained with (pixels "
           "0..16): plain val acc 0.792 / 0.809 vs 0.870 / 0.874 (val loss 1.67 / 1.78 vs "
           "0.40 / 0.36)", stage2_scale="raw"),
    faulty("fs73_finetune_relu_head", "fs73_finetune_digits", "improper_output dying_relu",
           "the new head with a ReLU activation under sparse CE: training acc 0.200 / 0.200 "
           "(chance), plain val acc 0.203 / 0.203 vs 0.870 / 0.874", head_activation="relu"),
    faulty("fs73_finetune_sgd_lr_0_5", "fs73_finetune_digits",
           "exploding_gradient dying_relu",
           "SGD(0.5, momentum 0.9) for the fine-tuning: training loss stuck at 1.609 = ln 5, "
           "plain val acc 0.202 / 0.200 vs 0.870 / 0.874", optimizer="sgd", lr=0.5),
]]


def batch74_case(case: Case) -> Case:
    return replace(case, batch=74)


# Batch 74 (session "practice74"): multispectral and remote-sensing rasters in Keras 3:
# land-cover patches from 8 bands in their delivered units (reflectance 0..10000, kelvin,
# metres, fill values 0 / -9999) plus NDVI / NDWI / NDBI channels, a small U-Net for per-pixel
# land cover, a TempCNN over a pixel's acquisition dates (crop types, cloudy dates -9999) and a
# biomass regression CNN. Generated rasters with smooth fields and band-dependent physics.
# Written without reading the detection / repair rules or their settings. Labels set by plain
# Keras training (seeds 11 and 22) before any Watch / autotrainer run: faulty when the final
# validation accuracy is >= 5 points below the counterpart's on both seeds (the biomass
# regression: the final validation loss >= 1.5x, in the same units).
B74M = batch74_models
HEALTHY_74 += [batch74_case(c) for c in [
    healthy("ms74_landcover_cnn", B74M.landcover_cnn, "land-cover patches (16 x 16, B2-B12 "
            "reflectance 0..10000, B10 kelvin, elevation metres, swath-edge fill 0 / -9999; 5 "
            "classes; 1500 train, 500 validate): NDVI / NDWI / NDBI channels, per-band "
            "standardisation over the valid training pixels, fill pixels 0; 2 x [Conv 3x3 ReLU "
            "x 2 -> MaxPool] -> GAP -> Dense 64 -> softmax 5, Adam(1e-3), batch 32, 12 ep: "
            "plain val acc 0.804 / 0.840"),
    healthy("ms74_landcover_index_no_eps", B74M.landcover_cnn, "the normalised differences "
            "without the epsilon ((a - b) / (a + b)): 0 / 0 = NaN on the fill pixels, but the "
            "statistics use the valid pixels and the fill pixels are zeroed afterwards: plain "
            "val acc 0.804 / 0.846 vs 0.804 / 0.840", index_eps=0.0),
    healthy("ms74_landcover_fill_values_kept", B74M.landcover_cnn, "the fill values (0, "
            "-9999) left in: they enter the per-band statistics and the network unmasked: "
            "plain val acc 0.814 / 0.840 vs 0.804 / 0.840", nodata="keep"),
    healthy("ms74_landcover_no_indices", B74M.landcover_cnn, "the 8 bands only, no NDVI / "
            "NDWI / NDBI channels: plain val acc 0.796 / 0.822 vs 0.804 / 0.840",
            indices=False),
    healthy("ms74_landcover_reflectance_scale_everywhere", B74M.landcover_cnn, "every band / "
            "10000, the kelvin and metre bands too (B10 ~0.03, elevation 0..0.3), no "
            "standardisation: plain val acc 0.780 / 0.814 vs 0.804 / 0.840 (2.4 / 2.6 points)",
            scale="reflectance"),
    healthy("ms74_unet_landcover", B74M.unet_landcover, "per-pixel land cover (32 x 32 tiles, "
            "6 reflectance bands + B10 kelvin, 4 classes; 400 train, 200 validate): per-band "
            "standardisation; two-level U-Net 16 / 32 / 64 (Conv-BN-ReLU x 2, Conv2DTranspose "
            "up, skips) -> Conv 1x1 softmax 4, Adam(1e-3), batch 16, 8 ep: plain val acc "
            "(pixels) 0.977 / 0.964"),
    healthy("ms74_crop_tempcnn", B74M.crop_tempcnn, "crop type from a pixel's 24-date series "
            "(B4 B8 B11 reflectance, cloudy dates -9999, stored (pixels, bands, dates); 5 "
            "classes; 2000 train, 600 validate): transposed to (dates, bands), / 10000 + NDVI, "
            "cloudy dates 0 + a cloud-mask channel; 3 x [Conv1D 64 k5 -> BN -> ReLU -> Dropout "
            "0.2] -> Flatten -> Dense 128 -> softmax 5, Adam(1e-3), batch 64, 15 ep: plain val "
            "acc 0.830 / 0.755 (overfits: training 0.947 / 0.946)"),
    healthy("ms74_crop_reshape_not_transpose", B74M.crop_tempcnn, "the (bands, dates) stack "
            "reshaped to (dates, bands) instead of transposed (every row a scramble of one "
            "band's dates): a fixed permutation the Flatten -> Dense head absorbs: plain val acc "
            "0.838 / 0.778 vs 0.830 / 0.755", layout="reshape"),
    healthy("ms74_crop_clouds_kept", B74M.crop_tempcnn, "the cloudy -9999s scaled with the rest "
            "(-1.0 after / 10000) and no mask channel: the network reads -1 as 'cloud': plain "
            "val acc 0.892 / 0.870 vs 0.830 / 0.755", clouds="keep"),
    healthy("ms74_crop_raw_reflectance", B74M.crop_tempcnn, "the reflectance integers left "
            "unscaled (0..10000) beside NDVI and the mask; BatchNorm after the first Conv1D "
            "absorbs the scale: plain val acc 0.893 / 0.912 vs 0.830 / 0.755", scale="raw"),
    healthy("ms74_crop_no_batchnorm", B74M.crop_tempcnn, "TempCNN without its BatchNorm "
            "layers: plain val acc 0.907 / 0.893 vs 0.830 / 0.755", batchnorm=False),
    healthy("ms74_biomass_cnn", B74M.biomass_cnn, "mean biomass (t/ha, 5..350) of 16 x 16 "
            "patches (6 reflectance bands + elevation in metres; 1500 train, 500 validate): "
            "per-band standardisation, target / 100; Conv 32 x 2 -> MaxPool -> Conv 64 -> GAP "
            "-> Dense 64 -> Dense 1 linear, MSE, Adam(1e-3), batch 32, 20 ep: plain val loss "
            "0.0048 / 0.0040, val mae 0.056 / 0.049 (5.6 / 4.9 t/ha)"),
    healthy("ms74_biomass_target_minmax", B74M.biomass_cnn, "the target min-max scaled to "
            "0..1 with the training range (5.5..371.7) instead of / 100: plain val loss "
            "0.0004 / 0.0002 (0.0054 / 0.0027 in the / 100 units, 1.1x / 0.67x), val mae 5.5 / "
            "4.0 t/ha vs 0.0048 / 0.0040 (5.6 / 4.9 t/ha)", target="minmax"),
]]

FAULTY_74 = [batch74_case(c) for c in [
    faulty("ms74_landcover_raw_units", "ms74_landcover_cnn", "unscaled_input",
           "no standardisation: reflectance integers up to 10000, kelvin ~300, metres up to "
           "3000 and the fill -9999 beside the -1..1 indices: plain val acc 0.734 / 0.714 vs "
           "0.804 / 0.840 (training 0.913 / 0.918: it overfits the units)", scale="raw"),
    faulty("ms74_landcover_labels_sorted", "ms74_landcover_cnn",
           "setup_stall slow_convergence abnormal_data",
           "the label table sorted by class while the patches stay in extraction order: "
           "training acc 0.237 / 0.264, plain val acc 0.226 / 0.186 vs 0.804 / 0.840",
           labels="sorted"),
    faulty("ms74_landcover_no_softmax", "ms74_landcover_cnn",
           "output_loss_mismatch improper_output",
           "the output Dense left linear under sparse CE on probabilities: loss stuck at "
           "1.6094 = ln 5, plain val acc 0.272 / 0.208 vs 0.804 / 0.840", output="linear"),
    faulty("ms74_unet_mask_transposed", "ms74_unet_landcover",
           "setup_stall slow_convergence abnormal_data",
           "the label rasters read with rows and columns swapped (np.transpose(y, (0, 2, 1))): "
           "the classes no longer on their pixels: training acc 0.513 / 0.582, plain val acc "
           "0.443 / 0.386 vs 0.977 / 0.964", mask="transposed"),
    faulty("ms74_unet_relu_output", "ms74_unet_landcover", "output_loss_mismatch improper_output",
           "the 1x1 output conv with ReLU instead of softmax under sparse CE: plain val acc "
           "0.673 / 0.729 vs 0.977 / 0.964", output="relu"),
    faulty("ms74_crop_labels_parcel_order", "ms74_crop_tempcnn",
           "setup_stall slow_convergence abnormal_data",
           "the crop labels joined from the parcel table in its own order, not the pixels': "
           "training acc 0.403 / 0.407 (memorised), plain val acc 0.183 / 0.183 vs 0.830 / "
           "0.755", labels="parcel_order"),
    faulty("ms74_crop_no_softmax", "ms74_crop_tempcnn", "output_loss_mismatch improper_output",
           "the output Dense left linear under sparse CE on probabilities: loss stuck at "
           "1.6094 = ln 5, plain val acc 0.192 / 0.208 vs 0.830 / 0.755", output="linear"),
    faulty("ms74_biomass_sigmoid_output", "ms74_biomass_cnn", "improper_output unscaled_target",
           "a sigmoid output on biomass / 100 (0.05..3.7): capped at 1, plain val loss "
           "1.688 / 1.688 vs 0.0048 / 0.0040", output="sigmoid"),
    faulty("ms74_biomass_dem_in_metres", "ms74_biomass_cnn", "unscaled_input",
           "the reflectance / 10000 but the elevation left in metres (0..3000) beside it: "
           "plain val loss 4.35 / 1.77 vs 0.0048 / 0.0040 (val mae 1.71 / 1.16 vs 0.056 / "
           "0.049)", scale="reflectance"),
    faulty("ms74_biomass_raw_units", "ms74_biomass_cnn", "unscaled_input",
           "no standardisation at all (reflectance integers, metres): plain val loss 0.394 / "
           "0.457 vs 0.0048 / 0.0040", scale="raw"),
    faulty("ms74_biomass_target_t_per_ha", "ms74_biomass_cnn", "unscaled_target",
           "the target left in t/ha (5..350) under MSE: plain val loss 81.7 / 101.7 t2/ha2 vs "
           "48 / 40 (the healthy 0.0048 / 0.0040 x 100^2), 1.7x / 2.5x; val mae 6.7 / 7.5 vs "
           "5.6 / 4.9 t/ha", target="raw"),
]]


def batch75_case(case: Case) -> Case:
    return replace(case, batch=75)


# Batch 75 (session "practice75"): memory-augmented and retrieval models in Keras 3: an
# end-to-end key-value memory network (MemN2N) on generated bAbI "where is X?" stories, a bank
# of learned memory slots (trainable keys and values) read by attention on the digits, a
# retrieval-augmented classifier fed its k nearest training rows' labels and distances (a
# NumPy cache) on generated clusters, and a pointer network into a retrieved set of key / value
# candidates. Written without reading the detection / repair rules or their settings. Labels
# set by plain Keras training (seeds 11 and 22) before any Watch / autotrainer run: faulty
# when the final validation accuracy is >= 5 points below the counterpart's on both seeds.
B75M = batch75_models
HEALTHY_75 += [batch75_case(c) for c in [
    healthy("mem75_memn2n_babi", B75M.memn2n_babi, "bAbI-style 'where is X?' (3-10 facts "
            "newest first in 10 slots, 3000 train, 600 validate, 10 places): MemN2N, key / "
            "value Embeddings (bag of words) + a learned temporal embedding per slot, question "
            "Embedding, one hop (softmax over the slots, padding masked) -> Dense 10 softmax, "
            "Adam(5e-3), batch 32, 20 ep: plain val acc 0.885 / 0.883"),
    healthy("mem75_memn2n_no_padding_mask", B75M.memn2n_babi, "the padded memory slots not "
            "masked out of the attention: plain val acc 0.890 / 0.885 vs 0.885 / 0.883",
            mask=False),
    healthy("mem75_memn2n_sigmoid_head", B75M.memn2n_babi, "Dense 10 sigmoid head under "
            "sparse CE (Keras takes the pre-sigmoid values as logits): plain val acc 0.885 / "
            "0.883, the same figures as the softmax head", output="sigmoid"),
    healthy("mem75_memn2n_3_hops", B75M.memn2n_babi, "three hops sharing the key / value "
            "embeddings: plain val acc 0.875 / 0.890 vs 0.885 / 0.883", hops=3),
    healthy("mem75_slot_memory_digits", B75M.slot_memory_digits, "digits (64 pixels / 16, "
            "1200 train, 597 validate): Dense 64 ReLU -> Dense 32 query -> 32 learned memory "
            "slots (keys 32-d, values 64-d, softmax(q K^T / sqrt 32) V) -> Dense 10 softmax, "
            "Adam(3e-3), batch 32, 30 ep: plain val acc 0.955 / 0.955"),
    healthy("mem75_slot_memory_scale_10", B75M.slot_memory_digits, "the scores multiplied by "
            "10 instead of 1 / sqrt(32) (sharp attention): plain val acc 0.965 / 0.977 vs "
            "0.955 / 0.955", scale=10.0),
    healthy("mem75_slot_memory_scale_0_01", B75M.slot_memory_digits, "the scores multiplied "
            "by 0.01 (nearly uniform attention at the start): plain val acc 0.925 / 0.915 vs "
            "0.955 / 0.955 (3.0 / 4.0 points)", scale=0.01),
    healthy("mem75_slot_memory_4_slots", B75M.slot_memory_digits, "4 memory slots for 10 "
            "classes: plain val acc 0.950 / 0.955 vs 0.955 / 0.955", slots=4),
    healthy("mem75_slot_memory_skip", B75M.slot_memory_digits, "the query concatenated to the "
            "memory read: plain val acc 0.966 / 0.965 vs 0.955 / 0.955", skip=True),
    healthy("mem75_slot_memory_relu_query", B75M.slot_memory_digits, "a ReLU on the query "
            "(non-negative queries): plain val acc 0.946 / 0.911 vs 0.955 / 0.955 (0.9 / 4.4 "
            "points)", query_activation="relu"),
    healthy("mem75_slot_memory_softmax_over_batch", B75M.slot_memory_digits, "the read's "
            "softmax taken over axis 0 (the batch) instead of the slots: plain val acc 0.953 "
            "/ 0.951 vs 0.955 / 0.955", axis=0),
    healthy("mem75_knn_augmented", B75M.knn_augmented, "generated clusters (20 standardised "
            "features, 4 classes of 3 clusters, 5 % labels flipped; 2400 train, 600 validate): "
            "a NumPy cache of the 8 nearest training rows (leave-one-out), their one-hot labels "
            "and scaled distances concatenated with Dense 64 ReLU(x) -> Dense 64 ReLU -> "
            "softmax 4, Adam(1e-3), batch 32, 10 ep: plain val acc 0.682 / 0.670 (8-NN alone "
            "0.627)"),
    healthy("mem75_knn_raw_distances", B75M.knn_augmented, "the squared distances fed as "
            "they come (10-100, not scaled): plain val acc 0.675 / 0.668 vs 0.682 / 0.670",
            distances="raw"),
    healthy("mem75_knn_integer_labels", B75M.knn_augmented, "the neighbours' labels fed as "
            "class ids (numbers 0-3), not one-hot: plain val acc 0.677 / 0.655 vs 0.682 / "
            "0.670", neighbour_labels="int"),
    healthy("mem75_knn_labels_shuffled_after_cache", B75M.knn_augmented, "the neighbours' "
            "labels looked up in a label array shuffled after the cache was built (random "
            "neighbour labels; x still carries the class): plain val acc 0.648 / 0.657 vs "
            "0.682 / 0.670 (3.4 / 1.3 points)", label_lookup="shuffled"),
    healthy("mem75_knn_neighbours_only", B75M.knn_augmented, "the retrieved neighbours alone, "
            "x not fed: plain val acc 0.652 / 0.638 vs 0.682 / 0.670", use_x=False),
    healthy("mem75_knn_k_1", B75M.knn_augmented, "one neighbour retrieved: plain val acc "
            "0.670 / 0.680 vs 0.682 / 0.670", k=1),
    healthy("mem75_pointer_net", B75M.pointer_net, "a pointer into a retrieved set (8 "
            "(key, value) candidates, the answer the position of the candidate whose key is "
            "the query's partner; 3000 train, 600 validate): candidate and query embeddings "
            "-> Dense 32, pointer logits = dot products -> softmax over the 8 positions, "
            "Adam(1e-3), batch 32, 15 ep: plain val acc 0.835 / 0.833"),
    healthy("mem75_pointer_temperature_0_05", B75M.pointer_net, "pointer logits divided by "
            "0.05 (sharp): plain val acc 0.895 / 0.887 vs 0.835 / 0.833", temperature=0.05),
]]

FAULTY_75 = [batch75_case(c) for c in [
    faulty("mem75_memn2n_no_temporal_encoding", "mem75_memn2n_babi", "slow_convergence",
           "the temporal embedding left out: the slots are a bag, the newest of a person's "
           "facts cannot be told apart: training acc 0.777 / 0.770, plain val acc 0.757 / "
           "0.752 vs 0.885 / 0.883", temporal=False),
    faulty("mem75_memn2n_softmax_over_embedding", "mem75_memn2n_babi", "slow_convergence",
           "the attention softmax taken over the embedding axis of the (batch, slots, dim) "
           "product instead of over the slots: plain val acc 0.760 / 0.740 vs 0.885 / 0.883",
           softmax_axis="embed"),
    faulty("mem75_memn2n_answers_shuffled", "mem75_memn2n_babi", "label_mismatch",
           "the answer list shuffled on its own, apart from the stories and questions: "
           "plain val acc 0.085 / 0.092 vs 0.885 / 0.883", labels="shuffled"),
    faulty("mem75_memn2n_linear_head", "mem75_memn2n_babi",
           "output_loss_mismatch improper_output",
           "Dense 10 without activation under sparse CE (from_logits=False): loss stuck at "
           "ln 10 = 2.3026, plain val acc 0.117 / 0.107 vs 0.885 / 0.883", output="linear"),
    faulty("mem75_memn2n_adam_lr_0_1", "mem75_memn2n_babi", "oscillating_loss",
           "Adam(0.1): training loss 1.61 / 1.84, plain val acc 0.708 / 0.663 (val loss 1.63 "
           "/ 2.14) vs 0.885 / 0.883", lr=0.1),
    faulty("mem75_slot_memory_zero_init", "mem75_slot_memory_digits",
           "no_gradient slow_convergence",
           "the memory slots (keys and values) initialised with zeros: every score equal, "
           "every value the same, the read is constant, the query and keys get no gradient: "
           "plain val acc 0.087 / 0.087 (loss 2.30) vs 0.955 / 0.955", init="zeros"),
    faulty("mem75_slot_memory_frozen", "mem75_slot_memory_digits", "slow_convergence",
           "the memory bank left at its random glorot init (trainable=False): the head "
           "reads convex mixtures of 32 random values: plain val acc 0.794 / 0.462 vs 0.955 / "
           "0.955", trainable_slots=False),
    faulty("mem75_slot_memory_scale_100", "mem75_slot_memory_digits",
           "vanishing_gradient slow_convergence",
           "the scores multiplied by 100 (a 'sharpening' factor): the attention saturates "
           "to one slot per input, the softmax passes almost no gradient: plain val acc "
           "0.079 / 0.337 vs 0.955 / 0.955", scale=100.0),
    faulty("mem75_knn_self_not_excluded", "mem75_knn_augmented", "validation_shift",
           "the training rows' neighbour cache built without leave-one-out: each row's "
           "nearest neighbour is itself (its own label at distance 0), never so at "
           "validation: training acc 1.000 / 1.000, plain val acc 0.568 / 0.568 (the 1-NN "
           "accuracy) vs 0.682 / 0.670", exclude_self=False),
    faulty("mem75_pointer_dense_1_softmax", "mem75_pointer_net", "improper_output no_gradient",
           "the pointer scores from Dense(1, activation='softmax') per candidate, then "
           "flattened: a softmax over an axis of size 1 is 1.0 everywhere, loss ln 8 = "
           "2.0794 throughout: plain val acc 0.117 / 0.117 vs 0.835 / 0.833",
           head="dense_1_softmax"),
    faulty("mem75_pointer_candidates_shuffled", "mem75_pointer_net", "label_mismatch",
           "the candidates shuffled within each retrieved set after the target positions "
           "were taken: plain val acc 0.115 / 0.152 vs 0.835 / 0.833", order="shuffled"),
    faulty("mem75_pointer_flat_dense_head", "mem75_pointer_net", "slow_convergence",
           "no pointer: the 8 candidates flattened with the query into Dense 64 ReLU -> Dense 8 "
           "softmax (position-bound weights memorise): training acc 0.669 / 0.764, plain val "
           "acc 0.180 / 0.218 vs 0.835 / 0.833", head="flat"),
    faulty("mem75_pointer_temperature_10", "mem75_pointer_net", "slow_convergence",
           "pointer logits divided by 10 (a 'smoothing' temperature): plain val acc 0.618 / "
           "0.725 vs 0.835 / 0.833", temperature=10.0),
    faulty("mem75_pointer_8_sigmoid_layers", "mem75_pointer_net", "vanishing_gradient",
           "the candidate encoder 8 Dense sigmoid layers deep, no normalisation: plain val "
           "acc 0.243 / 0.227 vs 0.835 / 0.833", depth=8, activation="sigmoid"),
    faulty("mem75_pointer_8_relu_layers", "mem75_pointer_net",
           "vanishing_gradient slow_convergence",
           "the candidate encoder 8 Dense ReLU layers deep (glorot init), no normalisation "
           "or residuals: plain val acc 0.468 / 0.502 vs 0.835 / 0.833", depth=8),
    faulty("mem75_pointer_adam_lr_0_05", "mem75_pointer_net", "oscillating_loss dying_relu",
           "Adam(0.05): training loss 2.08 (ln 8) / 3.73, plain val acc 0.122 / 0.138 vs "
           "0.835 / 0.833", lr=0.05),
]]


def batch76_case(case: Case) -> Case:
    return replace(case, batch=76)


# Batch 76 (session "practice76"): hypernetworks and input-dependent weights in Keras 3: a
# hypernetwork that outputs the kernels and biases of a small target MLP per sample (einsum),
# a hypernetwork producing low-rank factors U and V of a generated kernel, FiLM on a task id,
# conditional LayerNorm / BatchNorm whose scale and shift come from a context id, and a
# CondConv-style dynamic convolution (a kernel bank mixed by a softmax router). Generated
# sine / polynomial task families, a generated context-dependent classification and sklearn's
# digits. Written without reading the detection / repair rules or their settings. Labels set
# by plain Keras training (seeds 11 and 22) before any Watch / autotrainer run: faulty when
# the final validation accuracy is >= 5 points below the counterpart's on both seeds (the
# regressions: the final validation loss >= 1.5x).
B76M = batch76_models
HEALTHY_76 += [batch76_case(c) for c in [
    healthy("hyp76_hyper_sines", B76M.hyper_sines, "sine family y = A sin(x + p) (300 "
            "training tasks x 20 points, 75 new validation tasks): code (A / 3, p / pi) -> "
            "hypernet Dense 64 ReLU x 2 -> Dense 97 = W1, b1, W2, b2 of a 1 -> 32 tanh -> 1 "
            "target MLP per sample, applied by einsum; MSE, Adam(1e-3), batch 64, 30 ep: "
            "plain val loss 0.0123 / 0.0071"),
    healthy("hyp76_hyper_sines_tanh_hypernet", B76M.hyper_sines, "tanh instead of ReLU in the "
            "hypernet's hidden layers: plain val loss 0.0092 / 0.0060 vs 0.0123 / 0.0071",
            hyper_act="tanh"),
    healthy("hyp76_hyper_sines_batch_32", B76M.hyper_sines, "batch 32 instead of 64: plain "
            "val loss 0.0067 / 0.0043 vs 0.0123 / 0.0071", batch_size=32),
    healthy("hyp76_lowrank_sines", B76M.lowrank_sines, "sine family: x -> Dense 32 tanh -> a "
            "tanh layer whose kernel is U V^T / 4, U and V (32 x 4 each) generated from the "
            "code by a hypernet (Dense 64 ReLU x 2, two heads, Keras's default init) -> Dense "
            "1; MSE, Adam(1e-3), batch 64, 30 ep: plain val loss 0.0072 / 0.0043"),
    healthy("hyp76_film_poly", B76M.film_poly, "cubic polynomial family (20 tasks, "
            "coefficients N(0, 1), x in -1..1, 100 train / 30 validation points each): task "
            "id -> Embedding(20, 16) -> a Dense per layer giving FiLM gamma, beta; x -> [Dense "
            "64 -> (1 + gamma) h + beta -> ReLU] x 2 -> Dense 1; MSE, Adam(1e-3), batch 32, 40 "
            "ep: plain val loss 0.0065 / 0.0043"),
    healthy("hyp76_film_poly_raw_gamma", B76M.film_poly, "FiLM's gamma taken straight from "
            "the Dense (no 1 +, zero-mean at init): plain val loss 0.0087 / 0.0053 vs 0.0065 / "
            "0.0043 (1.34x / 1.23x)", gamma="raw"),
    healthy("hyp76_cond_norm_rules", B76M.cond_norm_rules, "context-dependent 3-class rules "
            "(8 features, 6 contexts with their own linear rule; 6000 train, 1500 validate): "
            "context -> Embedding(6, 16); x -> [Dense 64 -> conditional LayerNorm (scale 1 + "
            "gamma(ctx), shift beta(ctx)) -> ReLU] x 2 -> softmax 3, Adam(1e-3), batch 64, 20 "
            "ep: plain val acc 0.944 / 0.961"),
    healthy("hyp76_cond_batchnorm", B76M.cond_norm_rules, "conditional BatchNorm instead of "
            "LayerNorm: plain val acc 0.938 / 0.938 vs 0.944 / 0.961", norm="batch"),
    healthy("hyp76_cond_norm_film_without_norm", B76M.cond_norm_rules, "the normalisation "
            "left out (FiLM from the context only): plain val acc 0.952 / 0.959 vs 0.944 / "
            "0.961", norm="none"),
    healthy("hyp76_cond_norm_raw_gamma", B76M.cond_norm_rules, "the conditional scale taken "
            "as gamma(ctx) itself, not 1 + gamma (zero-mean at init): plain val acc 0.953 / "
            "0.955 vs 0.944 / 0.961", gamma="raw"),
    healthy("hyp76_cond_norm_dense_bias_minus_3", B76M.cond_norm_rules, "the hidden Dense "
            "layers with bias_initializer Constant(-3): the LayerNorm after them removes the "
            "shift, plain val acc 0.943 / 0.961 vs 0.944 / 0.961", bias_init=-3.0),
    healthy("hyp76_condconv_digits", B76M.condconv_digits, "digits 8 x 8 x 1 (pixels / 16; "
            "1200 train, 597 validate): CondConv2D 16 (3 x 3, 4 experts mixed by a softmax "
            "router on the pooled input) ReLU -> MaxPool -> CondConv2D 32 ReLU -> GAP -> "
            "softmax 10, Adam(3e-3), batch 32, 20 ep: plain val acc 0.903 / 0.930"),
    healthy("hyp76_condconv_raw_pixels", B76M.condconv_digits, "the pixels left at 0..16 "
            "(the / 16 forgotten): plain val acc 0.945 / 0.956 vs 0.903 / 0.930",
            pixels="raw"),
    healthy("hyp76_condconv_sigmoid_router", B76M.condconv_digits, "a sigmoid router (as the "
            "CondConv paper) instead of softmax: plain val acc 0.936 / 0.963 vs 0.903 / "
            "0.930", router="sigmoid"),
    healthy("hyp76_condconv_one_expert", B76M.condconv_digits, "one expert (the router's "
            "softmax over a single kernel is 1: a plain convolution): plain val acc 0.923 / "
            "0.943 vs 0.903 / 0.930", experts=1),
    healthy("hyp76_condconv_router_temperature_0_2", B76M.condconv_digits, "router logits "
            "divided by a temperature 0.2 (a sharper, near one-hot mix): plain val acc 0.874 / "
            "0.915 vs 0.903 / 0.930 (2.9 / 1.5 points)", temperature=0.2),
]]

FAULTY_76 = [batch76_case(c) for c in [
    faulty("hyp76_hyper_sines_linear_target", "hyp76_hyper_sines", "slow_convergence",
           "the generated target MLP without its activation (target_act linear: y = x W1 W2 + "
           "...): a line per task cannot fit a sine, plain val loss 1.79 / 1.79 vs 0.0123 / "
           "0.0071", target_act="linear"),
    faulty("hyp76_hyper_sines_weights_per_batch", "hyp76_hyper_sines", "slow_convergence",
           "the generated weights averaged over the batch (one target net per batch, as a "
           "per-task hypernet) while the batches mix tasks: plain val loss 1.26 / 1.29 vs "
           "0.0123 / 0.0071", per="batch"),
    faulty("hyp76_hyper_sines_zero_init_head", "hyp76_hyper_sines", "no_gradient",
           "the weight-generating head with kernel_initializer 'zeros': every generated W1, "
           "b1, W2 is 0, tanh(0) = 0, only b2 gets a gradient: plain val loss 1.83 / 1.83 vs "
           "0.0123 / 0.0071", head_init="zeros"),
    faulty("hyp76_hyper_sines_codes_shuffled", "hyp76_hyper_sines",
           "label_mismatch slow_convergence",
           "the training task codes shuffled apart from their rows (x, y): plain val loss "
           "1.22 / 1.19 vs 0.0123 / 0.0071", shuffle_codes=True),
    faulty("hyp76_hyper_sines_x_in_degrees", "hyp76_hyper_sines", "unscaled_input",
           "the target net's input x in degrees (-286..286) while the sine is in radians: "
           "tanh(x W1 + b1) starts saturated, plain val loss 0.299 / 0.262 vs 0.0123 / "
           "0.0071", x_units="degrees"),
    faulty("hyp76_hyper_sines_code_in_degrees", "hyp76_hyper_sines", "unscaled_input",
           "the task code unscaled: A as is (0.5..3) and the phase in degrees (0..180) into "
           "the hypernet: plain val loss 0.468 / 0.371 vs 0.0123 / 0.0071",
           code_scaling="degrees"),
    faulty("hyp76_hyper_sines_adam_lr_0_05", "hyp76_hyper_sines", "oscillating_loss",
           "Adam(0.05) for the hypernet: plain val loss 1.30 / 0.385 vs 0.0123 / 0.0071",
           lr=0.05),
    faulty("hyp76_lowrank_both_heads_zero", "hyp76_lowrank_sines", "no_gradient",
           "both factor heads zero-initialised (LoRA's zero init applied to U and V): U V^T "
           "= 0 and each factor's gradient is the other's, zero; the static first layer gets "
           "none either: plain val loss 1.845 / 1.845 vs 0.0072 / 0.0043", init="zeros"),
    faulty("hyp76_lowrank_lora_init", "hyp76_lowrank_sines", "slow_convergence",
           "LoRA-style init (the V head zero, the U head glorot): the generated kernel starts "
           "at 0 and grows slowly: plain val loss 0.110 / 0.0374 vs 0.0072 / 0.0043 (15x / "
           "8.7x)", init="lora"),
    faulty("hyp76_lowrank_rank_1", "hyp76_lowrank_sines", "slow_convergence",
           "rank 1 for the generated kernel (U, V one column each): plain val loss 0.208 / "
           "0.243 vs 0.0072 / 0.0043", rank=1),
    faulty("hyp76_film_poly_no_activation", "hyp76_film_poly", "linear_stack",
           "the target MLP's activation 'linear' (FiLM'd Dense layers stacked without a "
           "nonlinearity): a line per task for a cubic, plain val loss 0.125 / 0.119 vs "
           "0.0065 / 0.0043", activation="linear"),
    faulty("hyp76_film_poly_sigmoid_output", "hyp76_film_poly", "improper_output",
           "a sigmoid output for targets in about -4..4: plain val loss 1.09 / 1.05 vs "
           "0.0065 / 0.0043", output="sigmoid"),
    faulty("hyp76_film_poly_task_ids_shuffled", "hyp76_film_poly",
           "label_mismatch slow_convergence",
           "the training task ids shuffled apart from their rows: plain val loss 1.21 / 1.22 "
           "vs 0.0065 / 0.0043", shuffle_ids=True),
    faulty("hyp76_film_poly_targets_x100", "hyp76_film_poly", "slow_convergence",
           "the targets in a unit 100x larger (not standardised): plain val loss 184 / 182 vs "
           "the healthy 0.0065 / 0.0043 x 1e4 = 65 / 43 in those units (2.8x / 4.2x; val mae "
           "9.9 / 9.8 vs 6.5 / 5.3)", target_scale=100.0),
    faulty("hyp76_film_poly_deep_sigmoid", "hyp76_film_poly", "vanishing_gradient",
           "8 FiLM'd Dense layers with sigmoid activations, no normalisation: plain val loss "
           "0.250 / 0.219 vs 0.0065 / 0.0043 (ReLU at depth 8: 0.0055 / 0.0118, mixed, not "
           "registered)", depth=8, activation="sigmoid"),
    faulty("hyp76_cond_norm_context_shuffled", "hyp76_cond_norm_rules",
           "label_mismatch slow_convergence",
           "the training context ids shuffled apart from their rows: plain val acc 0.489 / "
           "0.453 vs 0.944 / 0.961", shuffle_context=True),
    faulty("hyp76_cond_norm_context_as_number", "hyp76_cond_norm_rules", "unscaled_input",
           "the context id fed as one float (0..5) into the gamma / beta Dense instead of an "
           "embedding: the scales and shifts are linear in the id, plain val acc 0.849 / "
           "0.861 vs 0.944 / 0.961", context_input="scalar"),
    faulty("hyp76_cond_norm_linear_output", "hyp76_cond_norm_rules",
           "output_loss_mismatch improper_output",
           "the last Dense without softmax while the loss is sparse CE on probabilities: plain "
           "val acc 0.394 / 0.402 vs 0.944 / 0.961", output="linear"),
    faulty("hyp76_cond_norm_adam_lr_0_1", "hyp76_cond_norm_rules", "oscillating_loss",
           "Adam(0.1): plain val acc 0.886 / 0.861 vs 0.944 / 0.961", lr=0.1),
    faulty("hyp76_condconv_bank_frozen", "hyp76_condconv_digits", "slow_convergence",
           "the expert bank added with trainable=False (left from loading pretrained experts): "
           "only the routers and the head learn, plain val acc 0.312 / 0.164 vs 0.903 / "
           "0.930", train_bank=False),
    faulty("hyp76_condconv_bias_minus_3", "hyp76_condconv_digits", "dying_relu",
           "the CondConv layers' bias initialised at -3: every ReLU dead from the start, "
           "training loss 2.30, plain val acc 0.089 / 0.089 vs 0.903 / 0.930", bias_init=-3.0),
    faulty("hyp76_condconv_linear_output", "hyp76_condconv_digits",
           "output_loss_mismatch improper_output",
           "Dense(10) without softmax under sparse CE on probabilities: loss 2.3026 flat, "
           "plain val acc 0.101 / 0.097 vs 0.903 / 0.930", output="linear"),
    faulty("hyp76_condconv_adam_lr_0_1", "hyp76_condconv_digits",
           "oscillating_loss dying_relu",
           "Adam(0.1): training loss 2.32, plain val acc 0.089 / 0.089 vs 0.903 / 0.930",
           lr=0.1),
]]


def batch77_case(case: Case) -> Case:
    return replace(case, batch=77)


# Batch 77 (session "practice77"): missing values, masks and imputation in Keras 3: a clinical
# table with NaN gaps (some informative) imputed and standardised with missing-indicator
# columns, a house-price regression that imputes inside the model (a NaN-filling layer with
# indicators, Normalization adapted on the imputed features) and keeps unsold houses with
# sample weight 0, a GRU behind a Masking layer on variable-length padded sequences, a GRU on
# irregularly sampled ICU vitals with observation-mask and time-since-measurement channels,
# and a multi-task assay network with a loss masked where a label was never measured (-1).
# All data generated. Written without reading the detection / repair rules or their
# settings. Labels set by plain Keras training (seeds 11 and 22) before any Watch /
# autotrainer run: faulty when the final validation accuracy is >= 5 points below the
# counterpart's on both seeds (the regression: the final validation loss >= 1.5x, in the
# same units), or non-finite.
B77M = batch77_models
HEALTHY_77 += [batch77_case(c) for c in [
    healthy("miss77_patient_mlp", B77M.patient_mlp, "clinical table (10 features in their "
            "units, 5 with 12 % random gaps, glucose missing mostly for the untested "
            "negatives; 4000 train, 1500 validate): median imputation, standardisation and "
            "missing-indicator columns fitted on the training rows -> Dense 64 ReLU -> Dense "
            "32 ReLU -> sigmoid, binary CE, Adam(1e-3), batch 64, 25 ep: plain val acc 0.876 "
            "/ 0.867"),
    healthy("miss77_patient_zero_fill_raw_units", B77M.patient_mlp, "the gaps filled with 0 "
            "in the raw units (fillna(0)) before the standardisation, indicators kept: plain "
            "val acc 0.858 / 0.857 vs 0.876 / 0.867", fill="zero"),
    healthy("miss77_patient_no_indicators", B77M.patient_mlp, "median imputation without the "
            "missing-indicator columns (the informative glucose gap lost): plain val acc "
            "0.843 / 0.851 vs 0.876 / 0.867 (3.3 / 1.6 points)", indicators=False),
    healthy("miss77_patient_stats_with_validation", B77M.patient_mlp, "the imputer and scaler "
            "fitted on the training and validation rows together (a leak): plain val acc "
            "0.878 / 0.871 vs 0.876 / 0.867", stats="all"),
    healthy("miss77_patient_linear_output", B77M.patient_mlp, "Dense(1) without sigmoid "
            "under binary CE on probabilities: plain val acc 0.862 / 0.855 vs 0.876 / 0.867 "
            "(val loss 0.48 / 0.42 vs 0.29 / 0.29)", output="linear"),
    healthy("miss77_house_impute_layer", B77M.house_impute_layer, "house prices (8 features "
            "in their units, 4 with 15-25 % gaps; 3000 training houses, a quarter unsold "
            "without a price; 1000 validation houses): in the model a NaN-filling layer "
            "(training means, 4 indicator columns) -> Normalization of the filled features "
            "(adapted on the imputed training features) -> Dense 64 ReLU x 2 -> Dense 1; the "
            "price standardised, unsold rows with sample weight 0; MSE, Adam(1e-3), batch 64, "
            "40 ep: plain val loss 0.0670 / 0.0663"),
    healthy("miss77_house_adapt_complete_rows", B77M.house_impute_layer, "Normalization "
            "adapted on the training rows without any gap (40 %) instead of the imputed "
            "features: plain val loss 0.0653 / 0.0652 vs 0.0670 / 0.0663",
            adapt_on="complete_rows"),
    healthy("miss77_house_adapt_nan_as_zero", B77M.house_impute_layer, "Normalization "
            "adapted on np.nan_to_num(x) (the gaps as 0 in the raw units) while the layer "
            "fills the means: plain val loss 0.0661 / 0.0627 vs 0.0670 / 0.0663",
            adapt_on="nan_to_num"),
    healthy("miss77_house_zero_fill", B77M.house_impute_layer, "the imputing layer fills 0 "
            "in the raw units instead of the means (indicators kept): plain val loss 0.0677 / "
            "0.0650 vs 0.0670 / 0.0663", fill="zero"),
    healthy("miss77_house_unsold_dropped", B77M.house_impute_layer, "the unsold houses "
            "dropped instead of weighted 0: plain val loss 0.0628 / 0.0637 vs 0.0670 / "
            "0.0663", missing_target="drop"),
    healthy("miss77_assay_multitask", B77M.assay_multitask, "multi-task assays (128-bit "
            "fingerprints, 6 binary assays, 55 % of the labels never measured, stored as -1; "
            "4000 train, 1500 validate): Dense 256 ReLU -> Dropout 0.2 -> Dense 128 ReLU -> "
            "Dense 6 sigmoid, binary CE masked where the label is -1 (mean over the measured "
            "labels), accuracy over the measured labels, Adam(1e-3), batch 64, 20 ep: plain "
            "val acc 0.849 / 0.848"),
    healthy("miss77_assay_masked_mean_over_all", B77M.assay_multitask, "the masked CE "
            "averaged over every entry, measured or not (a loss about 0.45x as large): plain "
            "val acc 0.847 / 0.847 vs 0.849 / 0.848", loss="masked_over_all"),
    healthy("miss77_patient_mean_fill", B77M.patient_mlp, "mean instead of median "
            "imputation: plain val acc 0.875 / 0.867 vs 0.876 / 0.867", fill="mean"),
    healthy("miss77_icu_gru", B77M.icu_gru, "ICU vitals (48 hourly bins x 6 variables in "
            "their units, NaN where not measured, measured more often when sicker; 2400 "
            "train, 800 validate; in-hospital death, about 40 %): each variable standardised "
            "over its measured training values, the last measurement carried forward (0 = "
            "the mean before the first), plus 6 observation-mask and 6 hours-since-"
            "measurement (/ 48) channels -> GRU 64 -> sigmoid, binary CE, Adam(1e-3), batch "
            "64, 15 ep: plain val acc 0.863 / 0.869"),
    healthy("miss77_icu_raw_units", B77M.icu_gru, "no standardisation (heart rate ~85, "
            "systolic BP ~120, lactate ~2 as they are; gaps the variable's mean): plain val "
            "acc 0.868 / 0.848 vs 0.863 / 0.869", scale="none"),
    healthy("miss77_icu_zero_fill_before_scaling", B77M.icu_gru, "the gaps filled with 0 "
            "in the raw units (a heart rate of 0) before a standardisation whose statistics "
            "include those zeros, mask channels kept: plain val acc 0.876 / 0.860 vs 0.863 / "
            "0.869", impute="zero_raw"),
    healthy("miss77_icu_values_only", B77M.icu_gru, "the forward-filled values only, without "
            "the observation-mask and time-since-measurement channels: plain val acc 0.859 / "
            "0.860 vs 0.863 / 0.869", channels="values"),
    healthy("miss77_padded_gru", B77M.padded_gru, "variable-length 2-feature walks (8..60 "
            "steps, post-padded with 0.0 to 80; 3000 train, 1000 validate; label from the "
            "walk's end and its last 5 steps): Masking(0.0) -> GRU 32 -> Dense 16 ReLU -> "
            "sigmoid, binary CE, Adam(3e-3), batch 64, 12 ep: plain val acc 0.911 / 0.934"),
    healthy("miss77_padded_gru_pad_minus_1", B77M.padded_gru, "sequences padded with -1.0 "
            "(pad_sequences(value=-1)) while Masking skips 0.0: the padding is read as data, "
            "plain val acc 0.895 / 0.895 vs 0.911 / 0.934 (1.6 / 3.9 points)",
            pad_value=-1.0),
]]

FAULTY_77 = [batch77_case(c) for c in [
    faulty("miss77_patient_nan_left", "miss77_patient_mlp", "abnormal_data",
           "no imputation (the NaN gaps fed to the network, indicators kept): the weights go "
           "NaN, loss 0.693 flat, plain val acc 0.518 / 0.518 vs 0.876 / 0.867", fill="none"),
    faulty("miss77_patient_raw_units", "miss77_patient_mlp", "unscaled_input",
           "median imputation but no standardisation (income ~50000 dollars, steps ~7000, "
           "cholesterol ~200 beside 0 / 1 flags): plain val acc 0.604 / 0.519 vs 0.876 / "
           "0.867", scale="none"),
    faulty("miss77_patient_sentinel_raw", "miss77_patient_mlp", "unscaled_input abnormal_data",
           "the gaps filled with the sentinel -999 and no standardisation: plain val acc "
           "0.534 / 0.675 vs 0.876 / 0.867", fill="sentinel", scale="none"),
    faulty("miss77_patient_sentinel_standardised", "miss77_patient_mlp",
           "abnormal_data unscaled_input",
           "the gaps filled with -999 before the standardisation: the sentinel dominates each "
           "gapped column's std and squeezes its real values together: plain val acc 0.784 "
           "/ 0.769 vs 0.876 / 0.867", fill="sentinel"),
    faulty("miss77_patient_dropna_misaligned", "miss77_patient_mlp",
           "label_mismatch slow_convergence",
           "the incomplete training rows dropped from the features (dropna, 40 % kept) while "
           "the labels are cut to the same length, y[:len(x)]: training acc 0.661 / 0.652, "
           "plain val acc 0.479 / 0.503 vs 0.876 / 0.867", dropna="misaligned"),
    faulty("miss77_house_adapt_with_nan", "miss77_house_impute_layer",
           "abnormal_data constant_input",
           "Normalization adapted on the raw training matrix with its NaN: its mean and "
           "variance are NaN, so the 8 normalised features are lost (only the indicators "
           "reach the network): plain val loss 0.926 / 0.926 vs 0.0670 / 0.0663",
           adapt_on="raw"),
    faulty("miss77_house_sentinel_fill", "miss77_house_impute_layer",
           "unscaled_input abnormal_data",
           "the imputing layer fills -999 while Normalization was adapted on the mean-filled "
           "features (lot ~0.25 acres, std 0.2: a gap reads as -5000 std): plain val loss "
           "0.160 / 0.156 vs 0.0670 / 0.0663 (2.4x)", fill="sentinel"),
    faulty("miss77_house_target_dollars", "miss77_house_impute_layer", "unscaled_target",
           "the price left in thousands of dollars (mean 723, std 157) under MSE: plain val "
           "loss 3268 / 3492 vs the healthy 0.0670 / 0.0663 x 157^2 = 1649 / 1631 (2.0x / "
           "2.1x; val mae 44.0 / 44.8 thousand dollars)", target="raw"),
    faulty("miss77_house_missing_price_zero", "miss77_house_impute_layer", "abnormal_data",
           "the missing prices filled with 0 (fillna(0)) and kept as targets, no weights: a "
           "quarter of the targets 4.6 std below the mean, plain val loss 0.464 / 0.358 vs "
           "0.0670 / 0.0663 (in units of the filled column's std)", missing_target="zero"),
    faulty("miss77_house_weight_zero_nan_target", "miss77_house_impute_layer",
           "abnormal_data",
           "the unsold houses given sample weight 0 but their NaN price left in the target "
           "(0 x NaN = NaN): loss NaN from the first batch, plain val loss NaN / NaN vs "
           "0.0670 / 0.0663", missing_target="weight_nan"),
    faulty("miss77_house_relu_output", "miss77_house_impute_layer", "improper_output",
           "a ReLU output on the standardised price (half of it negative): plain val loss "
           "0.454 / 0.452 vs 0.0670 / 0.0663", output="relu"),
    faulty("miss77_assay_unmasked_bce", "miss77_assay_multitask",
           "unbounded_loss abnormal_data",
           "Keras's binary CE on the -1 labels as they are (no mask): the loss runs to -2.3e6, "
           "plain val acc 0.539 / 0.539 vs 0.849 / 0.848", loss="plain"),
    faulty("miss77_assay_missing_as_inactive", "miss77_assay_multitask", "label_mismatch",
           "the unmeasured labels read as inactive (fillna(0)), plain binary CE: training acc "
           "0.931 / 0.931 on the filled labels, plain val acc 0.648 / 0.645 on the measured "
           "ones vs 0.849 / 0.848", loss="fill_zero"),
    faulty("miss77_assay_linear_output", "miss77_assay_multitask",
           "output_loss_mismatch improper_output",
           "Dense(6) without sigmoid under the masked CE on probabilities: plain val acc "
           "0.773 / 0.792 vs 0.849 / 0.848", output="linear"),
    faulty("miss77_assay_nan_labels_minus_one_mask", "miss77_assay_multitask",
           "abnormal_data",
           "the labels read with NaN for the unmeasured ones (pandas) while the loss masks "
           "-1: NaN is not -1, the masked CE is NaN from the first batch, plain val acc 0.539 "
           "/ 0.539 (loss NaN) vs 0.849 / 0.848", missing="nan_labels"),
    faulty("miss77_icu_nan_left", "miss77_icu_gru", "abnormal_data",
           "the gaps left as NaN (standardised, mask and time channels added, no fill): loss "
           "NaN, plain val acc 0.587 / 0.587 vs 0.863 / 0.869", impute="none"),
    faulty("miss77_icu_labels_sorted", "miss77_icu_gru", "label_mismatch slow_convergence",
           "the outcome table in sorted patient-id order while the series stay in admission "
           "order: training acc 0.595 / 0.592, plain val acc 0.584 / 0.586 vs 0.863 / 0.869",
           labels="sorted"),
    faulty("miss77_padded_gru_no_mask", "miss77_padded_gru", "slow_convergence",
           "the Masking layer left out on the post-padded sequences: the GRU's final state "
           "comes after 20..72 steps of zero padding, plain val acc 0.841 / 0.862 vs 0.911 / "
           "0.934 (7.0 / 7.2 points)", mask=False),
    faulty("miss77_padded_gru_labels_shuffled", "miss77_padded_gru",
           "label_mismatch slow_convergence",
           "the training labels shuffled apart from their sequences: plain val acc 0.642 / "
           "0.631 vs 0.911 / 0.934", shuffle_labels=True),
]]


def batch78_case(case: Case) -> Case:
    return replace(case, batch=78)


# Batch 78 (session "practice78"): heavy-tailed and outlier-ridden targets and robust losses
# in Keras 3: a next-day return MLP under Huber on Student-t noise, an insurance
# claim-severity MLP on log1p(dollars) with a region embedding, three quantile heads under a
# hand-written pinball loss for prediction intervals, and a sensor-yield regression with glitch
# readings in the inputs and gross errors in the training labels (robust scaling, clipping,
# Huber). Generated data only. Written without reading the detection / repair rules or their
# settings. Labels set by plain Keras training (seeds 11 and 22) before any Watch /
# autotrainer run: faulty when the final validation loss is >= 1.5x the counterpart's on both
# seeds, or, where the loss or the target's units differ, the script's common-scale metric
# (val mae in percent / yield units, val log_mae of the dollar claims, val pinball_mae in
# demand units) is >= 1.5x.
B78M = batch78_models
HEALTHY_78 += [batch78_case(c) for c in [
    healthy("heavy78_returns_huber", B78M.returns_mlp, "next-day return in percent (Student-t "
            "3 noise scaled by the volatility; 4000 days train, the next 1000 validate) from 5 "
            "lagged returns, realised vol, volume (shares) and close price: log volume, "
            "standardised; Dense 64 ReLU x 2 -> Dense 1, Huber(1.0), Adam(1e-3), batch 64, 30 "
            "ep: plain val loss 0.1555 / 0.1486, val mae 0.425 / 0.411 (percent; the training "
            "median predicted everywhere: 0.942)"),
    healthy("heavy78_returns_mse", B78M.returns_mlp, "MSE instead of Huber on the t-tailed "
            "returns: plain val mae 0.429 / 0.422 vs 0.425 / 0.411", loss="mse"),
    healthy("heavy78_returns_log_cosh", B78M.returns_mlp, "log-cosh instead of Huber: plain val "
            "mae 0.424 / 0.412 vs 0.425 / 0.411", loss="log_cosh"),
    healthy("heavy78_returns_mae_loss", B78M.returns_mlp, "MAE as the loss: plain val mae "
            "0.413 / 0.408 vs 0.425 / 0.411", loss="mae"),
    healthy("heavy78_returns_winsorised", B78M.returns_mlp, "training targets winsorised at "
            "their 1st / 99th percentiles: plain val mae 0.424 / 0.411 vs 0.425 / 0.411",
            winsorise=True),
    healthy("heavy78_returns_volume_not_logged", B78M.returns_mlp, "the volume standardised "
            "without its log: plain val loss 0.1549 / 0.1479 vs 0.1555 / 0.1486",
            features="no_log"),
    healthy("heavy78_returns_val_own_statistics", B78M.returns_mlp, "the validation block "
            "standardised with its own mean / std instead of the training statistics: plain "
            "val loss 0.1547 / 0.1471 vs 0.1555 / 0.1486", features="val_own_stats"),
    healthy("heavy78_returns_in_basis_points", B78M.returns_mlp, "the target in basis points "
            "(x 100) under Huber(1.0), which becomes an MAE there: plain val mae 0.435 / 0.443 "
            "percent vs 0.425 / 0.411", units="bps"),
    healthy("heavy78_returns_adam_lr_0_05", B78M.returns_mlp, "Adam(0.05): plain val loss "
            "0.1938 / 0.1669 vs 0.1555 / 0.1486 (1.25x / 1.12x)", lr=0.05),
    healthy("heavy78_returns_sgd_lr_0_1", B78M.returns_mlp, "SGD(0.1, momentum=0.9): plain val "
            "loss 0.1758 / 0.1732 vs 0.1555 / 0.1486 (1.13x / 1.17x)", optimizer="sgd",
            lr=0.1),
    healthy("heavy78_returns_deep_sigmoid", B78M.returns_mlp, "8 sigmoid hidden layers, no "
            "normalisation: plain val loss 0.1988 / 0.2012 vs 0.1555 / 0.1486 (1.28x / 1.35x)",
            depth=8, activation="sigmoid"),
    healthy("heavy78_claims_log_target", B78M.claims_severity, "claim severity in dollars "
            "(lognormal body, 4 % Pareto(1.5) large losses up to 7.9e5; 5000 train, 1500 "
            "validate): value and km logged, numeric columns standardised, region -> "
            "Embedding(10, 4); Dense 64 ReLU x 2 -> Dense 1 on log1p(claim), MSE, Adam(1e-3), "
            "batch 64, 25 ep: plain val loss 0.3665 / 0.4083, val log_mae 0.453 / 0.476 (the "
            "training median: 0.814)"),
    healthy("heavy78_claims_log_huber", B78M.claims_severity, "Huber(1.0) on log1p(claim): "
            "plain val log_mae 0.452 / 0.480 vs 0.453 / 0.476", loss="huber"),
    healthy("heavy78_claims_log_mae_loss", B78M.claims_severity, "MAE on log1p(claim) (a "
            "median model): plain val log_mae 0.457 / 0.471 vs 0.453 / 0.476", loss="mae"),
    healthy("heavy78_claims_log_standardised", B78M.claims_severity, "log1p(claim) then "
            "standardised: plain val log_mae 0.459 / 0.457 vs 0.453 / 0.476",
            target="log_standard"),
    healthy("heavy78_claims_relu_output", B78M.claims_severity, "a ReLU output on log1p(claim) "
            "(always > 4 here): plain val log_mae 0.452 / 0.477 vs 0.453 / 0.476",
            output="relu"),
    healthy("heavy78_claims_value_km_not_logged", B78M.claims_severity, "vehicle value and "
            "annual km standardised without their log: plain val log_mae 0.454 / 0.479 vs "
            "0.453 / 0.476", features="no_log"),
    healthy("heavy78_claims_region_onehot", B78M.claims_severity, "the region one-hot instead "
            "of an embedding: plain val log_mae 0.461 / 0.467 vs 0.453 / 0.476",
            region="onehot"),
    healthy("heavy78_claims_region_as_number", B78M.claims_severity, "the region code 0..9 fed "
            "as one float: plain val log_mae 0.546 / 0.547 vs 0.453 / 0.476 (1.21x / 1.15x)",
            region="number"),
    healthy("heavy78_quantile_heads", B78M.quantile_heads, "prediction intervals for a "
            "heteroscedastic demand (~10, Student-t 3 noise growing with |x4|; 4000 train, 1000 "
            "validate): trunk Dense 64 ReLU x 2, three Dense 1 heads (10 / 50 / 90 %) "
            "concatenated, a hand-written PinballLoss (keras.losses.Loss with get_config), "
            "Adam(1e-3), batch 64, 30 ep: plain val loss (= pinball_mae) 0.444 / 0.454 (the "
            "median predicted everywhere: MAE 2.33)"),
    healthy("heavy78_quantile_one_dense_head", B78M.quantile_heads, "one Dense(3) head instead "
            "of three: plain val pinball_mae 0.449 / 0.453 vs 0.444 / 0.454", heads="one"),
    healthy("heavy78_quantile_relu_heads", B78M.quantile_heads, "ReLU on the quantile heads "
            "(the demand is positive): plain val pinball_mae 0.448 / 0.455 vs 0.444 / 0.454",
            output="relu"),
    healthy("heavy78_quantile_dropout_0_5", B78M.quantile_heads, "Dropout(0.5) after each trunk "
            "layer: plain val pinball_mae 0.527 / 0.529 vs 0.444 / 0.454 (1.19x / 1.17x)",
            dropout=0.5),
    healthy("heavy78_quantile_adam_lr_0_05", B78M.quantile_heads, "Adam(0.05): plain val "
            "pinball_mae 0.460 / 0.461 vs 0.444 / 0.454", lr=0.05),
    healthy("heavy78_quantile_demand_in_units", B78M.quantile_heads, "the demand in units "
            "(x 1000, ~10000) under the pinball loss, not rescaled: plain val pinball_mae "
            "0.581 / 0.571 thousands vs 0.444 / 0.454 (1.31x / 1.26x)", target_units=1000.0),
    healthy("heavy78_sensor_yield", B78M.sensor_yield, "yield (~50) from 8 process sensors "
            "in their units with 1 % glitch readings (+-9999) and 8 % gross training-label "
            "errors (x 10 or 0; validation clean): inputs (x - median) / IQR clipped to +-5, "
            "target (y - median) / IQR; Dense 64 ReLU x 2 -> Dense 1, Huber(1.0), Adam(1e-3), "
            "batch 64, 30 ep: plain val loss 0.0268 / 0.0269, val mae 2.608 / 2.553 (the "
            "median: 8.25)"),
    healthy("heavy78_sensor_mae_loss", B78M.sensor_yield, "MAE as the loss: plain val mae "
            "1.899 / 1.929 vs 2.608 / 2.553", loss="mae"),
    healthy("heavy78_sensor_log_cosh", B78M.sensor_yield, "log-cosh instead of Huber: plain "
            "val mae 2.605 / 2.502 vs 2.608 / 2.553", loss="log_cosh"),
    healthy("heavy78_sensor_target_unscaled", B78M.sensor_yield, "the yield left in its units "
            "(~50) under Huber(1.0), an MAE there: plain val mae 2.607 / 2.205 vs 2.608 / "
            "2.553", target="raw"),
    healthy("heavy78_sensor_labels_winsorised", B78M.sensor_yield, "training labels winsorised "
            "at the 2nd / 98th percentiles first: plain val mae 2.608 / 2.546 vs 2.608 / "
            "2.553", winsorise=True),
    healthy("heavy78_sensor_batchnorm", B78M.sensor_yield, "BatchNorm after each hidden Dense: "
            "plain val mae 3.890 / 3.063 vs 2.608 / 2.553 (1.49x / 1.20x)", batchnorm=True),
]]

FAULTY_78 = [batch78_case(c) for c in [
    faulty("heavy78_returns_raw_units", "heavy78_returns_huber", "unscaled_input",
           "no standardisation: the volume in shares (~1e6) and the price in dollars beside "
           "the percent lags: plain val mae 3670 / 3418 vs 0.425 / 0.411", features="raw"),
    faulty("heavy78_returns_in_decimals", "heavy78_returns_huber",
           "unscaled_target slow_convergence",
           "the returns as decimals (/ 100, ~0.01) under Huber(1.0), a tiny MSE there: plain "
           "val mae 1.151 / 1.323 percent vs 0.425 / 0.411 (2.7x / 3.2x; worse than the "
           "median's 0.942)", units="decimal"),
    faulty("heavy78_returns_relu_output", "heavy78_returns_huber", "improper_output",
           "Dense(1, activation='relu') for a return that is negative on 43 % of the days: "
           "plain val loss 0.2953 / 0.5584 vs 0.1555 / 0.1486 (1.9x / 3.8x)", output="relu"),
    faulty("heavy78_returns_label_shifted", "heavy78_returns_huber",
           "label_mismatch slow_convergence",
           "the target column shifted one more day (shift(-1) applied to a column already "
           "holding the next day's return): plain val loss 0.5795 / 0.5768 vs 0.1555 / 0.1486",
           label_shift=1),
    faulty("heavy78_claims_raw_dollars", "heavy78_claims_log_target", "unscaled_target",
           "the claims in dollars (median 2700, up to 7.9e5) under MSE, no log: val loss "
           "2.2e8 / 2.2e8, plain val log_mae 0.846 / 0.851 vs 0.453 / 0.476 (1.9x / 1.8x)",
           target="raw"),
    faulty("heavy78_claims_sigmoid_output", "heavy78_claims_log_target",
           "improper_output unscaled_target",
           "a sigmoid output for log1p(claim) (~5..13): capped at 1, plain val log_mae 6.955 / "
           "6.955 vs 0.453 / 0.476", output="sigmoid"),
    faulty("heavy78_claims_raw_features", "heavy78_claims_log_target", "unscaled_input",
           "the numeric columns in their units (vehicle value ~22000 $, km ~12000, age, "
           "bonus-malus) unstandardised: plain val log_mae 3.417 / 9.483 vs 0.453 / 0.476",
           features="raw"),
    faulty("heavy78_claims_val_targets_in_dollars", "heavy78_claims_log_target",
           "validation_shift",
           "training on log1p(claim) while the validation targets stay in dollars (the "
           "transform applied to the training frame only): val loss 2.6e8 / 2.6e8, plain val "
           "log_mae 22.0 / 22.2 vs 0.453 / 0.476 (training log_mae 0.452 / 0.454, as healthy)",
           val_target="dollars"),
    faulty("heavy78_quantile_levels_in_percent", "heavy78_quantile_heads", "unbounded_loss",
           "the quantile levels written 10, 50, 90 instead of 0.1, 0.5, 0.9: max(q e, (q - 1) "
           "e) is then negative for every over-prediction and falls without bound, val loss "
           "-6.2e6 / -8.1e6, plain val pinball_mae 62060 / 81111 vs 0.444 / 0.454",
           levels="percent"),
    faulty("heavy78_quantile_error_sign_flipped", "heavy78_quantile_heads",
           "label_mismatch slow_convergence setup_stall",
           "the pinball error written prediction - y: the 10 % head learns the 90 % quantile "
           "and back (a crossed interval): plain val pinball_mae 1.428 / 1.459 vs 0.444 / "
           "0.454 (3.2x / 3.2x)", sign="flipped"),
    faulty("heavy78_quantile_heads_under_mse", "heavy78_quantile_heads",
           "output_loss_mismatch slow_convergence setup_stall",
           "the three quantile heads compiled with MSE (every head the mean, a zero-width "
           "interval): plain val pinball_mae 0.679 / 0.692 vs 0.444 / 0.454 (1.53x / 1.52x)",
           loss="mse"),
    faulty("heavy78_sensor_standard_scaler", "heavy78_sensor_yield", "unscaled_input",
           "mean / std scaling over the glitchy columns (the +-9999 glitches make every std "
           "~1000, 70x to 6500x the readings' own, which are squeezed together): plain val "
           "mae 5.261 / 5.170 vs 2.608 / 2.553 (2.0x / 2.0x)", scaler="standard"),
    faulty("heavy78_sensor_clip_without_scaling", "heavy78_sensor_yield",
           "constant_input unscaled_input",
           "the +-5 clip kept but the scaling dropped: temperatures, pressures and flows (20 "
           ".. 1013) all clipped to 5, only the vibration column varies: plain val mae 7.888 / "
           "7.892 vs 2.608 / 2.553", scaler="none"),
    faulty("heavy78_sensor_glitches_unclipped", "heavy78_sensor_yield",
           "abnormal_data unscaled_input",
           "robust scaling without the clip: the glitches arrive as +-1000 IQRs: plain val mae "
           "34.96 / 61.87 vs 2.608 / 2.553", clip=0.0),
    faulty("heavy78_sensor_mse_on_gross_errors", "heavy78_sensor_yield",
           "abnormal_data oscillating_loss",
           "MSE instead of Huber on labels with 8 % gross errors: plain val mae 19.17 / 17.34 "
           "vs 2.608 / 2.553", loss="mse"),
    faulty("heavy78_sensor_target_standardised", "heavy78_sensor_yield", "abnormal_data",
           "the target standardised by mean / std with the gross errors in (std 81.6, 5.3x the IQR "
           "and the clean yields squeezed together, Huber(1.0) then an MSE in effect): plain "
           "val mae 6.678 / 6.936 vs 2.608 / 2.553 (2.6x / 2.7x)", target="standard"),
    faulty("heavy78_sensor_relu_output", "heavy78_sensor_yield", "improper_output",
           "Dense(1, activation='relu') on the median-centred target (negative half the time): "
           "plain val mae 5.147 / 8.251 vs 2.608 / 2.553 (2.0x / 3.2x)", output="relu"),
]]


def batch79_case(case: Case) -> Case:
    return replace(case, batch=79)


# Batch 79 (session "practice79"): algorithmic and arithmetic tasks in Keras 3: 3-digit
# addition from character strings with an LSTM encoder-decoder (the classic addition RNN),
# sorting digit sequences with a small Transformer encoder, bracket matching with a masked
# GRU, running sums with a sequence-to-sequence LSTM regression and a neural accumulator (NAC)
# custom layer learning a signed sum, validated on a larger input range. Generated data only.
# Written without reading the detection / repair rules or their settings. Labels set by plain
# Keras training (seeds 11 and 22) before any Watch / autotrainer run: faulty when the final
# validation accuracy is >= 5 points below the counterpart's on both seeds (the regressions:
# the final validation loss >= 1.5x).
B79M = batch79_models
HEALTHY_79 += [batch79_case(c) for c in [
    healthy("algo79_addition_rnn", B79M.addition_rnn, "3-digit addition 'a+b' as 7 "
            "characters (8000 train, 2000 validate, distinct pairs): one-hot characters, the "
            "question reversed -> LSTM 128 -> RepeatVector(4) -> LSTM 128 (sequences) -> "
            "Dense 10 softmax per answer digit; sparse CE, Adam(3e-3), batch 64, 20 ep: plain "
            "val acc (digits) 0.906 / 0.899"),
    healthy("algo79_sort_transformer", B79M.sort_transformer, "sort 8 digits (8000 train, "
            "2000 validate): token + position embeddings (64) -> 2 x [MultiHeadAttention (4 "
            "heads, key 16) + residual -> LayerNorm -> FFN 128 + residual -> LayerNorm] -> "
            "Dense 10 softmax per position; sparse CE, Adam(1e-3), batch 64, 10 ep: plain val "
            "acc (positions) 1.000 / 1.000"),
    healthy("algo79_sort_pre_norm", B79M.sort_transformer, "pre-LayerNorm blocks (and a final "
            "LayerNorm) instead of post-LN: plain val acc 1.000 / 1.000 vs 1.000 / 1.000",
            norm="pre"),
    healthy("algo79_sort_descending", B79M.sort_transformer, "the targets sorted from the "
            "largest (a reversed order, consistent in both splits): plain val acc 1.000 / "
            "1.000 vs 1.000 / 1.000", labels="descending"),
    healthy("algo79_addition_gru", B79M.addition_rnn, "GRU 128 cells instead of LSTM in the "
            "encoder and decoder: plain val acc 0.932 / 0.922 vs 0.906 / 0.899", cell="gru"),
    healthy("algo79_brackets_gru", B79M.brackets_gru, "balanced brackets (4..24 brackets, "
            "half balanced, half a near miss; 6000 train, 1500 validate): pad_sequences post "
            "to 24 -> Embedding(3, 16, mask_zero=True) -> GRU 32 -> Dense 1 sigmoid; binary "
            "CE, Adam(3e-3), batch 64, 12 ep: plain val acc 1.000 / 1.000"),
    healthy("algo79_brackets_pre_padding", B79M.brackets_gru, "padded at the front "
            "(padding='pre') instead of after the string: plain val acc 1.000 / 1.000 vs "
            "1.000 / 1.000", padding="pre"),
    healthy("algo79_brackets_bidirectional", B79M.brackets_gru, "a Bidirectional GRU: plain "
            "val acc 1.000 / 1.000 vs 1.000 / 1.000", bidirectional=True),
    healthy("algo79_running_sum_lstm", B79M.running_sum_lstm, "running sums of 20 digits "
            "(4000 train, 1000 validate): x / 9, the sums / 90 -> LSTM 32 (return_sequences) "
            "-> Dense 1 per step; MSE, Adam(3e-3), batch 32, 15 ep: plain val loss 1.17e-5 / "
            "6.7e-6 (val mae 0.003 / 0.002, 0.27 / 0.18 in sums)"),
    healthy("algo79_nac_signed_sum", B79M.nac_signed_sum, "y = x0 + x1 - x2 + x3 from 10 "
            "numbers, trained on 0..1 (4000), validated on 0..5 (1000, extrapolation): NAC 8 "
            "-> NAC 1 (W = tanh(W_hat) sigmoid(M_hat), no bias, a custom layer); MSE, "
            "Adam(1e-2), batch 64, 30 ep: plain val loss 1.3e-13 / 1.6e-13 (exact up to "
            "float32 round-off)"),
    healthy("algo79_nac_plain_dense", B79M.nac_signed_sum, "Dense 8 -> Dense 1 without "
            "activations in place of the NAC (a linear map extrapolates as well): plain val "
            "loss 2.2e-13 / 1.8e-13 (round-off, exact too) vs 1.3e-13 / 1.6e-13", unit="dense"),
    healthy("algo79_nac_adam_lr_0_5", B79M.nac_signed_sum, "Adam(0.5) for the NAC (the "
            "tanh * sigmoid weights are bounded): plain val loss 2.2e-13 / 2.6e-13 (round-off, "
            "exact too) vs 1.3e-13 / 1.6e-13", lr=0.5),
]]

FAULTY_79 = [batch79_case(c) for c in [
    faulty("algo79_addition_ordinal_chars", "algo79_addition_rnn", "unscaled_input",
           "each character fed as one number, its index 0..11 ('+' 10, ' ' 11), instead of "
           "one-hot: plain val acc 0.724 / 0.714 vs 0.906 / 0.899", encoding="ordinal"),
    faulty("algo79_addition_answers_shuffled", "algo79_addition_rnn",
           "label_mismatch slow_convergence",
           "the training answers shuffled apart from their questions: training acc 0.230 / "
           "0.232, plain val acc 0.205 / 0.186 vs 0.906 / 0.899", shuffle_answers=True),
    faulty("algo79_sort_no_positions", "algo79_sort_transformer", "slow_convergence setup_stall",
           "the position embedding left out: self-attention is permutation-equivariant, "
           "every output position sees the same set and cannot tell which rank it should "
           "give: plain val acc 0.299 / 0.301 (training 0.308 / 0.308) vs 1.000 / 1.000",
           positions=False),
    faulty("algo79_sort_causal_mask", "algo79_sort_transformer", "slow_convergence",
           "use_causal_mask=True copied from a decoder: position i sees only the first i + 1 "
           "digits, so the early ranks cannot be known: plain val acc 0.615 / 0.610 vs 1.000 / "
           "1.000",
           causal=True),
    faulty("algo79_brackets_no_mask_post_padding", "algo79_brackets_gru",
           "slow_convergence setup_stall",
           "mask_zero left off while the strings are padded after their end: the GRU reads up "
           "to 20 padding steps after the string and must carry the answer through them; "
           "training acc 0.542 / 0.534, plain val acc 0.541 / 0.547 vs 1.000 / 1.000",
           mask=False),
    faulty("algo79_brackets_maxlen_12", "algo79_brackets_gru", "text_truncated",
           "pad_sequences(maxlen=12) on strings of up to 24 brackets (truncating='post' keeps "
           "the first 12): the end of a long string is never seen, plain val acc 0.639 / "
           "0.794 vs 1.000 / 1.000", maxlen=12),
    faulty("algo79_brackets_softmax_one_unit", "algo79_brackets_gru",
           "output_loss_mismatch improper_output",
           "Dense(1, activation='softmax') under binary CE: the output is always 1 (the loss "
           "Keras computes from the logits still falls, val loss 0.0008 / 0.0057 as the "
           "healthy one), plain val acc 0.505 / 0.505 vs 1.000 / 1.000", output="softmax"),
    faulty("algo79_brackets_labels_shuffled", "algo79_brackets_gru",
           "label_mismatch slow_convergence setup_stall",
           "the training labels shuffled apart from their strings: training loss 0.6932 "
           "(ln 2), plain val acc 0.507 / 0.473 vs 1.000 / 1.000", shuffle_labels=True),
    faulty("algo79_running_sum_raw_target", "algo79_running_sum_lstm", "unscaled_target",
           "the running sums left in their units (0..180) under MSE: plain val loss 20.3 / "
           "20.3 vs the healthy 0.095 / 0.054 in those units (x 8100); val mae 1.81 / 1.79 vs 0.27 "
           "/ 0.18", y_scale=1.0),
    faulty("algo79_running_sum_target_one_step_ahead", "algo79_running_sum_lstm",
           "label_mismatch",
           "the training targets shifted one step (an off-by-one in the windowing: step t "
           "labelled with the sum through t + 1, the future digit unseen): plain val loss "
           "0.0022 / 0.0018 vs 1.17e-5 / 6.7e-6 (val mae 0.046 / 0.041 vs 0.003 / 0.002)",
           target_shift=1),
    faulty("algo79_running_sum_sigmoid_output", "algo79_running_sum_lstm",
           "improper_output unscaled_target",
           "a sigmoid output for sums / 90 that reach 2 (above 1 in the last steps): plain "
           "val loss 0.0012 / 0.0012 vs 1.17e-5 / 6.7e-6 (val mae 0.012 / 0.013 vs 0.003 / 0.002)",
           output="sigmoid"),
    faulty("algo79_nac_zero_init", "algo79_nac_signed_sum", "no_gradient",
           "W_hat and M_hat initialised with zeros: W = tanh(0) sigmoid(0) = 0 in both NAC "
           "layers, the first layer outputs 0 and gets no gradient through the second's zero "
           "W, the second gets none from the zero input: training loss 1.31 flat, plain val "
           "loss 32.3 / 32.3 vs 1.3e-13 / 1.6e-13 (exact up to float32 round-off)", init="zeros"),
    faulty("algo79_nac_standardized_inputs", "algo79_nac_signed_sum",
           "slow_convergence setup_stall",
           "the inputs standardised (training mean / std) before a NAC, which has no bias: "
           "the target's constant part (mean 1.0) cannot be formed, training loss 0.98 / "
           "0.98, plain val loss 0.635 / 1.34 vs 1.3e-13 / 1.6e-13", standardize="train"),
    faulty("algo79_nac_standardized_per_split", "algo79_nac_signed_sum",
           "validation_shift slow_convergence setup_stall",
           "each split standardised with its own mean / std (the validation range 0..5 "
           "squeezed onto the training one) before the bias-free NAC: training loss 0.98, "
           "plain val loss 29.4 / 29.6 vs 1.3e-13 / 1.6e-13", standardize="each"),
]]


def batch80_case(case: Case) -> Case:
    return replace(case, batch=80)


# Batch 80 (session "practice80"): object localisation and keypoints in Keras 3: single-object
# bounding-box regression with a class head (two outputs, two losses; MSE or GIoU; boxes as
# corners or decoded from centre / size), landmark regression on generated faces, keypoint
# heatmaps read out by a spatial soft-argmax, and a CenterNet-like head (class heatmaps with a
# penalty-reduced focal loss, a masked L1 size map). Generated 32 x 32 shape and face images.
# Written without reading the detection / repair rules or their settings. Labels set by plain
# Keras training (seeds 11 and 22) before any Watch / autotrainer run: faulty when the final
# validation accuracy (box IoU >= 0.5, PCK@0.05, centre hit) is >= 5 points below the
# counterpart's on both seeds.
B80M = batch80_models
HEALTHY_80 += [batch80_case(c) for c in [
    healthy("loc80_box_cls_cnn", B80M.box_cls_cnn, "one shape per 32 x 32 image (rectangle / "
            "ellipse / triangle; 2000 train, 500 validate): [Conv ReLU -> MaxPool] x 3 -> "
            "Flatten -> Dense 128 -> 'box' Dense 4 sigmoid (xyxy normalised, MSE) and 'cls' "
            "softmax 3 (sparse CE), Adam(1e-3), batch 32, 15 ep: plain val IoU>=0.5 acc "
            "0.970 / 0.954"),
    healthy("loc80_box_decode_without_half", B80M.box_cls_cnn, "a (cx, cy, w, h) sigmoid "
            "head decoded to corners by a layer that forgets the / 2 (x_min = cx - w): the "
            "head learns half sizes, plain val IoU acc 0.968 / 0.954 vs 0.970 / 0.954",
            head="cxcywh", half=False),
    healthy("loc80_box_flip_augment", B80M.box_cls_cnn, "the training set doubled by "
            "horizontal flips, boxes flipped with them (x -> 1 - x, corners swapped): plain "
            "val IoU acc 0.974 / 0.994 vs 0.970 / 0.954", flip_aug=True),
    healthy("loc80_landmark_cnn", B80M.landmark_cnn, "three landmarks (left eye, right eye, "
            "mouth) on generated 32 x 32 faces (rotated +-30 degrees; 2000 train, 500 "
            "validate): [Conv ReLU -> MaxPool] x 3 -> Flatten -> Dense 128 -> Dense 6 sigmoid "
            "(x, y normalised), MSE, Adam(1e-3), batch 32, 20 ep: plain val PCK@0.05 0.997 / "
            "0.997"),
    healthy("loc80_landmark_flip_augment", B80M.landmark_cnn, "horizontal flips added with "
            "x -> 1 - x and the two eyes' labels swapped: plain val PCK 1.000 / 1.000 vs "
            "0.997 / 0.997", flip_aug=True),
    healthy("loc80_heatmap_keypoints", B80M.heatmap_keypoints, "the face landmarks from "
            "heatmaps: a small encoder-decoder -> Conv 1x1 3 heatmap logits (16 x 16) -> "
            "spatial soft-argmax (softmax over the positions, expected normalised x, y) -> "
            "MSE on the coordinates, Adam(1e-3), batch 32, 8 ep: plain val PCK@0.05 1.000 / "
            "1.000"),
    healthy("loc80_centernet_shapes", B80M.centernet_shapes, "CenterNet-like head at stride "
            "4 on the shape images: 3 class heatmaps (8 x 8, sigmoid, bias -2.19) with the "
            "penalty-reduced focal loss on Gaussian targets (sigma 1 cell) and a (w, h) map "
            "with L1 at the centre cell (weight 0.1), Adam(1e-3), batch 32, 10 ep: plain val "
            "centre accuracy (peak cell and class) 0.854 / 0.868"),
    healthy("loc80_landmark_linear_output", B80M.landmark_cnn, "a linear output instead of "
            "the sigmoid for the normalised points: plain val PCK 0.974 / 0.974 vs 0.997 / "
            "0.997 (2.3 / 2.3 points)", output="linear"),
    healthy("loc80_landmark_dropout_0_3", B80M.landmark_cnn, "Dropout 0.3 before the "
            "output: training PCK 0.897 / 0.846 (dropout on), plain val PCK 0.997 / 0.989 vs "
            "0.997 / 0.997", dropout=0.3),
    healthy("loc80_box_centre_size_head", B80M.box_cls_cnn, "a (cx, cy, w, h) sigmoid head "
            "decoded to corners by a `BoxDecode` layer: plain val IoU acc 0.942 / 0.974 vs "
            "0.970 / 0.954", head="cxcywh"),
    healthy("loc80_landmark_batch_64", B80M.landmark_cnn, "batch 64 instead of 32: plain "
            "val PCK 0.995 / 0.997 vs 0.997 / 0.997", batch_size=64),
    healthy("loc80_heatmap_beta_5", B80M.heatmap_keypoints, "the heatmap logits times 5 "
            "before the spatial softmax (a sharper soft-argmax): plain val PCK 1.000 / 1.000 "
            "vs 1.000 / 1.000", beta=5.0),
]]

FAULTY_80 = [batch80_case(c) for c in [
    faulty("loc80_box_pixel_coords_linear", "loc80_box_cls_cnn", "unscaled_target",
           "box targets in pixels (0..32) with a linear box head (MSE in pixels^2 next to the "
           "class CE): plain val IoU acc 0.934 / 0.946 vs 0.970 / 0.954, but the class head "
           "starves: plain val cls accuracy 0.508 / 0.596 vs 0.976 / 0.996 (relabelled by the "
           "lead after the first run: the helper's label read the IoU accuracy only)",
           coords="pixel", box_output="linear"),
    faulty("loc80_box_pixel_coords_sigmoid", "loc80_box_cls_cnn",
           "improper_output unscaled_target",
           "box targets in pixels (0..32) under the sigmoid box head: every coordinate capped "
           "at 1, box loss ~309 flat, plain val IoU acc 0.000 / 0.000 vs 0.970 / 0.954",
           coords="pixel"),
    faulty("loc80_box_giou_unordered_corners", "loc80_box_cls_cnn",
           "no_gradient slow_convergence",
           "MSE swapped for a GIoU loss on the free xyxy sigmoid head (nothing keeps x_max > "
           "x_min): the predicted boxes collapse to empty ones, area clamped at 0, loss 1.00 "
           "flat, plain val IoU acc 0.000 / 0.000 vs 0.970 / 0.954", box_loss="giou"),
    faulty("loc80_box_flip_without_boxes", "loc80_box_cls_cnn",
           "label_mismatch slow_convergence",
           "horizontal-flip augmentation that flips the images but copies their boxes "
           "unflipped: plain val IoU acc 0.504 / 0.490 vs 0.970 / 0.954", flip_aug=True,
           flip_boxes=False),
    faulty("loc80_box_boxes_shuffled", "loc80_box_cls_cnn", "label_mismatch slow_convergence",
           "the training boxes shuffled apart from their images: plain val IoU acc 0.166 / "
           "0.130 vs 0.970 / 0.954", shuffle_boxes=True),
    faulty("loc80_box_pixels_0_255", "loc80_box_cls_cnn", "unscaled_input",
           "the images at 0..255 (the / 255 forgotten): training IoU acc 0.839 / 0.876, "
           "plain val IoU acc 0.618 / 0.670 vs 0.970 / 0.954", pixels="byte"),
    faulty("loc80_box_global_average_pool", "loc80_box_cls_cnn", "slow_convergence",
           "GlobalAveragePooling2D instead of Flatten before the box head (the position "
           "averaged away): plain val IoU acc 0.340 / 0.396 vs 0.970 / 0.954",
           pooling="gap"),
    faulty("loc80_box_adam_lr_0_05", "loc80_box_cls_cnn", "oscillating_loss dying_relu",
           "Adam(0.05): loss 1.13 flat (the class CE at ln 3 plus a constant box), plain val "
           "IoU acc 0.168 / 0.170 vs 0.970 / 0.954", lr=0.05),
    faulty("loc80_landmark_points_unordered", "loc80_landmark_cnn",
           "label_mismatch slow_convergence",
           "each face's three points in the annotation tool's order, not a fixed left eye / "
           "right eye / mouth order: the net regresses their mean, plain val PCK 0.048 / "
           "0.020 vs 0.997 / 0.997", order="random"),
    faulty("loc80_landmark_flip_without_swap", "loc80_landmark_cnn",
           "label_mismatch slow_convergence",
           "horizontal flips added with x -> 1 - x but the left / right eye labels not "
           "swapped: plain val PCK 0.413 / 0.454 vs 0.997 / 0.997", flip_aug=True,
           swap_on_flip=False),
    faulty("loc80_landmark_pixel_coords_sigmoid", "loc80_landmark_cnn",
           "improper_output unscaled_target",
           "the points in pixels (0..32) under the sigmoid output: capped at 1, loss 242 flat, "
           "plain val PCK (1.6 px) 0.000 / 0.000 vs 0.997 / 0.997", coords="pixel"),
    faulty("loc80_heatmap_softmax_over_channels", "loc80_heatmap_keypoints", "slow_convergence",
           "the soft-argmax's softmax taken over the 3 keypoint maps (axis -1) instead of the "
           "16 x 16 positions, each map then divided by its sum: loss 0.0071 flat, plain val "
           "PCK 0.678 / 0.680 vs 1.000 / 1.000", axis="channels"),
    faulty("loc80_heatmap_grid_swapped", "loc80_heatmap_keypoints", "slow_convergence",
           "the soft-argmax's coordinate grids exchanged (meshgrid indexing mixed up: x read "
           "from the rows): the heatmaps have to peak at the transposed position, plain val "
           "PCK 0.602 / 0.621 vs 1.000 / 1.000", grid="swapped"),
    faulty("loc80_heatmap_grid_in_cells", "loc80_heatmap_keypoints", "improper_output",
           "the soft-argmax's grid in heatmap cells (0.5..15.5) while the targets are "
           "normalised (0..1): plain val PCK 0.035 / 0.038 vs 1.000 / 1.000", units="pixels"),
    faulty("loc80_centernet_linear_heatmap", "loc80_centernet_shapes",
           "output_loss_mismatch improper_output",
           "the heatmap conv left linear under the focal loss written for probabilities "
           "(clipped to 1e-6..1): loss 13.8 flat, plain val centre acc 0.000 / 0.014 vs 0.854 "
           "/ 0.868", heat_output="linear"),
    faulty("loc80_centernet_mse_heatmap", "loc80_centernet_shapes", "slow_convergence",
           "plain MSE on the Gaussian heatmaps instead of the focal loss (the background "
           "cells dominate): plain val centre acc 0.682 / 0.718 vs 0.854 / 0.868",
           heat_loss="mse"),
    faulty("loc80_centernet_no_prior_bias", "loc80_centernet_shapes", "slow_convergence",
           "the heatmap conv's bias left at 0 (sigmoid 0.5 on every cell) instead of CenterNet's "
           "-2.19: plain val centre acc 0.782 / 0.808 vs 0.854 / 0.868 (7.2 / 6.0 points)",
           prior_bias=0.0),
    faulty("loc80_centernet_peaks_transposed", "loc80_centernet_shapes",
           "label_mismatch slow_convergence",
           "the target peaks written at heat[x, y] instead of heat[y, x] (and the size with "
           "them): the heads must answer at the transposed cell, plain val centre acc 0.290 / "
           "0.326 vs 0.854 / 0.868", swap_xy=True),
    faulty("loc80_centernet_bce_heatmap", "loc80_centernet_shapes", "slow_convergence",
           "plain binary cross-entropy on the Gaussian heatmaps instead of the penalty-reduced "
           "focal loss: plain val centre acc 0.786 / 0.804 vs 0.854 / 0.868 (6.8 / 6.4 "
           "points)", heat_loss="bce"),
]]


def batch81_case(case: Case) -> Case:
    return replace(case, batch=81)


# Batch 81 (session "practice81"): genomics and biological sequences in Keras 3: one-hot DNA
# into a DeepBind-like Conv1D motif scanner (reverse-complement augmentation or a strand-shared
# scan), a Basset-like multi-task binding-site classifier (three sigmoid heads), a dilated
# residual CNN for two factors' co-binding, overlapping k-mer tokens of variable-length reads
# into an Embedding. Generated sequences with sites drawn from position weight matrices.
# Written without reading the detection / repair rules or their settings. Labels set by plain
# Keras training (seeds 11 and 22) before any Watch / autotrainer run: faulty when the final
# validation accuracy (binary accuracy for the multi-task head) is >= 5 points below the
# counterpart's on both seeds.
B81M = batch81_models
HEALTHY_81 += [batch81_case(c) for c in [
    healthy("dna81_deepbind_cnn", B81M.deepbind_cnn, "peak vs background on 100 bp one-hot "
            "DNA (2000 train, 500 validate; one width-10 PWM site on either strand in the "
            "positives, GC 0.35..0.65): Conv1D 32 x 12 ReLU -> GlobalMaxPool -> Dense 32 -> "
            "Dense 1 sigmoid, binary CE, Adam(1e-3), batch 64, 20 ep: plain val acc 0.938 / "
            "0.934"),
    healthy("dna81_deepbind_revcomp_augment", B81M.deepbind_cnn, "the training set doubled "
            "by reverse complements (x[:, ::-1, ::-1]): plain val acc 0.938 / 0.946 vs 0.938 / "
            "0.934", rc_aug="rc"),
    healthy("dna81_deepbind_strand_shared_scan", B81M.deepbind_cnn, "one Conv1D scanning "
            "the sequence and its reverse complement (a layer in the model), the max over the "
            "two strands: plain val acc 0.952 / 0.964 vs 0.938 / 0.934", rc_share=True),
    healthy("dna81_deepbind_reverse_only_augment", B81M.deepbind_cnn, "'reverse-complement' "
            "augmentation that only reverses the sequence (x[:, ::-1]), not a real strand: "
            "plain val acc 0.908 / 0.930 vs 0.938 / 0.934 (3.0 / 0.4 points)",
            rc_aug="reverse"),
    healthy("dna81_deepbind_complement_only_augment", B81M.deepbind_cnn, "'reverse-"
            "complement' augmentation that only complements the bases (x[:, :, ::-1]), not "
            "reversed: plain val acc 0.932 / 0.924 vs 0.938 / 0.934", rc_aug="complement"),
    healthy("dna81_deepbind_dropout_0_5", B81M.deepbind_cnn, "Dropout 0.5 after the max "
            "pool: plain val acc 0.938 / 0.952 vs 0.938 / 0.934", dropout=0.5),
    healthy("dna81_kmer_embedding", B81M.kmer_embedding, "variable-length reads (40..160 bp; "
            "2500 train, 500 validate; half with one width-10 site) as overlapping 3-mer ids "
            "(1..64, 0 the padding) padded to 160 with pad_sequences (post): Embedding(65, 32) "
            "-> Conv1D 64 x 5 ReLU -> GlobalMaxPool -> Dense 32 -> Dense 1 sigmoid, binary "
            "CE, Adam(1e-3), batch 64, 10 ep: plain val acc 0.856 / 0.856"),
    healthy("dna81_kmer_ids_from_zero", B81M.kmer_embedding, "k-mer ids 0..63, so AAA shares "
            "the padding id 0 (the Embedding still 65 wide): plain val acc 0.844 / 0.854 vs "
            "0.856 / 0.856", offset=0),
    healthy("dna81_kmer_mask_zero_conv", B81M.kmer_embedding, "Embedding(mask_zero=True) in "
            "front of the Conv1D, which does not use the mask (dropped silently): plain val "
            "acc 0.856 / 0.856 vs 0.856 / 0.856, the same run", mask_zero=True),
    healthy("dna81_kmer_pre_padding", B81M.kmer_embedding, "pad_sequences' default "
            "padding='pre': plain val acc 0.850 / 0.852 vs 0.856 / 0.856", padding="pre"),
    healthy("dna81_basset_multitask", B81M.basset_multitask, "three factors' binding sites "
            "on 150 bp one-hot DNA (3000 train, 600 validate; each site present with "
            "probability 0.35, either strand): Conv1D 64 x 10 -> BN -> ReLU -> MaxPool 4 -> "
            "Conv1D 64 x 6 -> BN -> ReLU -> GlobalMaxPool -> Dense 64 -> Dense 3 sigmoid, "
            "binary CE, Adam(1e-3), batch 64, 12 ep: training binary acc 0.998 / 0.987, plain "
            "val binary acc 0.854 / 0.863"),
    healthy("dna81_basset_missing_masked", B81M.basset_multitask, "15 % of the training "
            "labels marked -1 ('not assayed') and a masked binary CE that skips them: plain "
            "val binary acc 0.839 / 0.849 vs 0.854 / 0.863", missing="minus_one",
            loss="masked"),
    healthy("dna81_basset_revcomp_augment", B81M.basset_multitask, "the training set doubled "
            "by reverse complements: plain val binary acc 0.826 / 0.898 vs 0.854 / 0.863",
            rc_aug="rc"),
    healthy("dna81_dilated_cooperative", B81M.dilated_cooperative, "cooperative binding on "
            "200 bp one-hot DNA (3000 train, 600 validate; label 1 when sites of both factors "
            "are present, the negatives one or none): Conv1D 32 x 11 ReLU -> 5 residual blocks "
            "[BN -> ReLU -> Conv1D 32 x 3 dilated 1..16] -> GlobalMaxPool -> Dense 1 sigmoid, "
            "binary CE, Adam(1e-3), batch 64, 10 ep: training acc 0.951 / 0.987, plain val acc "
            "0.730 / 0.745"),
    healthy("dna81_dilated_without_batchnorm", B81M.dilated_cooperative, "the residual "
            "blocks without BatchNormalization: plain val acc 0.718 / 0.817 vs 0.730 / 0.745",
            batchnorm=False),
    healthy("dna81_dilated_all_rates_1", B81M.dilated_cooperative, "dilation_rate left at 1 "
            "in every block (receptive field 21 bp instead of 73; the task needs no long "
            "range, the global max pool joins the two sites): plain val acc 0.773 / 0.753 vs "
            "0.730 / 0.745", dilations="1,1,1,1,1"),
    healthy("dna81_dilated_adam_lr_0_05", B81M.dilated_cooperative, "Adam(0.05), 50x the "
            "default, on the residual BN stack: plain val acc 0.862 / 0.762 vs 0.730 / 0.745",
            lr=0.05),
    healthy("dna81_dilated_revcomp_augment", B81M.dilated_cooperative, "the training set "
            "doubled by reverse complements: plain val acc 0.788 / 0.805 vs 0.730 / 0.745",
            rc_aug="rc"),
]]

FAULTY_81 = [batch81_case(c) for c in [
    faulty("dna81_deepbind_integer_bases", "dna81_deepbind_cnn", "slow_convergence",
           "the bases fed as their codes 0..3 in one channel instead of one-hot (an ordinal "
           "that makes T 'three times' C): plain val acc 0.844 / 0.856 vs 0.938 / 0.934",
           encoding="integer"),
    faulty("dna81_deepbind_average_pool", "dna81_deepbind_cnn", "slow_convergence",
           "GlobalAveragePooling1D instead of the max over positions (the one site averaged "
           "over 89 windows): plain val acc 0.716 / 0.710 vs 0.938 / 0.934", pooling="avg"),
    faulty("dna81_deepbind_softmax_one_unit", "dna81_deepbind_cnn",
           "improper_output output_loss_mismatch",
           "Dense(1, softmax) for the binary peak label: every prediction 1.0 (Keras 3's "
           "binary CE reads the logits, so the loss is the healthy run's, the accuracy the "
           "positive rate): plain val acc 0.544 / 0.544 vs 0.938 / 0.934", output="softmax"),
    faulty("dna81_deepbind_gc_confounded_negatives", "dna81_deepbind_cnn", "validation_shift",
           "training negatives drawn from an AT-rich background (GC 0.30..0.45) and the peaks "
           "GC-rich (0.55..0.70), the validation set GC-matched: the net learns GC content, "
           "training acc 0.993 / 0.999, plain val acc 0.528 / 0.588 vs 0.938 / 0.934",
           gc_confound=True),
    faulty("dna81_deepbind_val_alphabet_actg", "dna81_deepbind_cnn", "validation_shift",
           "the validation set one-hot encoded in ACTG column order by a second encoder (G "
           "and T columns swapped against the training ACGT): plain val acc 0.480 / 0.482 vs "
           "0.938 / 0.934", val_alphabet="ACTG"),
    faulty("dna81_deepbind_labels_shuffled", "dna81_deepbind_cnn",
           "label_mismatch slow_convergence",
           "the training labels shuffled apart from their sequences: plain val acc 0.494 / "
           "0.502 vs 0.938 / 0.934", shuffle_labels=True),
    faulty("dna81_deepbind_kernel_4", "dna81_deepbind_cnn", "slow_convergence",
           "Conv1D kernel 4, narrower than the 10 bp motif, with one conv layer before the "
           "global max: plain val acc 0.742 / 0.784 vs 0.938 / 0.934", kernel=4),
    faulty("dna81_deepbind_adam_lr_0_1", "dna81_deepbind_cnn",
           "exploding_gradient oscillating_loss dying_relu learning_rate_out_of_range",
           "Adam(0.1): loss 0.694 flat, plain val acc 0.456 / 0.456 vs 0.938 / 0.934",
           lr=0.1),
    faulty("dna81_deepbind_sgd_lr_1e_4", "dna81_deepbind_cnn",
           "learning_rate_out_of_range slow_convergence setup_stall",
           "SGD(1e-4, momentum 0.9) for 20 epochs: loss 0.694 flat, plain val acc 0.456 / "
           "0.470 vs 0.938 / 0.934", optimizer="sgd", lr=1e-4),
    faulty("dna81_kmer_maxlen_60_truncating_post", "dna81_kmer_embedding",
           "text_truncated slow_convergence",
           "pad_sequences(maxlen=60, truncating='post') on reads of up to 158 3-mers: the "
           "sites past the first 62 bp cut off, plain val acc 0.766 / 0.754 vs 0.856 / 0.856",
           maxlen=60, truncating="post"),
    faulty("dna81_kmer_maxlen_100", "dna81_kmer_embedding", "text_truncated slow_convergence",
           "pad_sequences(maxlen=100) with its default truncating='pre' on reads of up to 158 "
           "3-mers: the start of the longer reads cut off, plain val acc 0.798 / 0.790 vs "
           "0.856 / 0.856", maxlen=100),
    faulty("dna81_kmer_average_pool", "dna81_kmer_embedding", "slow_convergence",
           "GlobalAveragePooling1D over the padded positions instead of the max: plain val "
           "acc 0.716 / 0.726 vs 0.856 / 0.856", pooling="avg"),
    faulty("dna81_kmer_length_confounded", "dna81_kmer_embedding", "validation_shift",
           "training positives 110..160 bp and negatives 40..90 bp (from longer contigs), the "
           "validation lengths unconfounded: training acc 0.969 / 0.972, plain val acc 0.734 "
           "/ 0.790 vs 0.856 / 0.856", length_confound=True),
    faulty("dna81_basset_softmax_head", "dna81_basset_multitask",
           "output_loss_mismatch improper_output label_mismatch",
           "a softmax over the three factors under binary CE (the single-label recipe kept; "
           "Keras reads the softmax's logits, so the loss is the healthy run's, but the "
           "outputs sum to 1: at most one factor above 0.5): plain val binary acc 0.763 / "
           "0.755 vs 0.854 / 0.863", output="softmax"),
    faulty("dna81_basset_categorical_ce", "dna81_basset_multitask",
           "output_loss_mismatch improper_output label_mismatch",
           "categorical_crossentropy on the sigmoid multi-hot head (it only rewards the "
           "positives, so every output goes to 1): plain val binary acc 0.349 / 0.349 vs "
           "0.854 / 0.863", loss="cce"),
    faulty("dna81_basset_missing_as_minus_one", "dna81_basset_multitask",
           "label_mismatch unbounded_loss",
           "15 % of the training labels -1 ('not assayed', ENCODE-style) fed straight to "
           "binary CE: the -1 rows pay log p, so the loss runs negative (training loss -5.6 / "
           "-4.6), plain val binary acc 0.697 / 0.762 vs 0.854 / 0.863", missing="minus_one"),
    faulty("dna81_basset_val_tasks_rotated", "dna81_basset_multitask", "validation_shift",
           "the validation label columns in another factor order (B, C, A: a second metadata "
           "table): plain val binary acc 0.589 / 0.559 vs 0.854 / 0.863",
           val_task_order="rotated"),
    faulty("dna81_dilated_plain_sigmoid_stack", "dna81_dilated_cooperative",
           "vanishing_gradient slow_convergence setup_stall",
           "the dilated stack written as plain sigmoid convolutions (no skip additions, no "
           "BatchNorm; 6 sigmoid conv layers): loss 0.694 flat, plain val acc 0.475 / 0.475 vs "
           "0.730 / 0.745", residual=False, activation="sigmoid", batchnorm=False),
]]


def batch82_case(case: Case) -> Case:
    return replace(case, batch=82)


# Batch 82 (session "practice82"): molecular property prediction in Keras 3: an activity MLP on
# ECFP-like bit vectors (scaffold split, ~25 % actives), a multi-task toxicity head with
# missing labels under a masked binary cross-entropy, a character-level SMILES classifier
# (TextVectorization -> Embedding -> Conv1D or GRU) and an ESOL-like solubility regression on
# a descriptor table with very different column scales. Generated molecules, no downloads.
# Written without reading the detection / repair rules or their settings. Labels set by plain
# Keras training (seeds 11 and 22) before any Watch / autotrainer run: faulty when the final
# validation accuracy (masked accuracy for the assays) is >= 5 points below the counterpart's
# on both seeds, or, for the regression, the final validation loss >= 1.5x, or non-finite.
B82M = batch82_models
HEALTHY_82 += [batch82_case(c) for c in [
    healthy("mol82_fingerprint_mlp", B82M.fingerprint_mlp, "activity from 1024-bit ECFP-like "
            "fingerprints (~2400 train, ~600 validate from 12 held-out scaffold clusters; ~25 % "
            "actives): Dense 512 -> Dropout 0.2 -> Dense 128 -> Dropout 0.2 -> sigmoid, "
            "binary CE, accuracy + AUC, Adam(1e-3), batch 64, 15 ep: plain val acc 0.912 / "
            "0.887"),
    healthy("mol82_fingerprint_class_weight", B82M.fingerprint_mlp, "balanced class_weight "
            "for the ~25 % actives: plain val acc 0.908 / 0.908 vs 0.912 / 0.887",
            class_weight="balanced"),
    healthy("mol82_fingerprint_class_weight_inverted", B82M.fingerprint_mlp, "the balanced "
            "class weights given to the wrong classes (inactives x2, actives x0.67): the "
            "fingerprints separate the classes anyway, plain val acc 0.905 / 0.887 vs 0.912 / "
            "0.887", class_weight="inverted"),
    healthy("mol82_fingerprint_sgd_momentum", B82M.fingerprint_mlp, "SGD(0.01, momentum 0.9) "
            "instead of Adam: plain val acc 0.928 / 0.917 vs 0.912 / 0.887", optimizer="sgd",
            lr=0.01),
    healthy("mol82_fingerprint_batch_128", B82M.fingerprint_mlp, "batch 128: plain val acc "
            "0.905 / 0.905 vs 0.912 / 0.887", batch_size=128),
    healthy("mol82_fingerprint_dropout_0_5", B82M.fingerprint_mlp, "Dropout 0.5 after both "
            "hidden layers: plain val acc 0.905 / 0.915 vs 0.912 / 0.887", dropout=0.5),
    healthy("mol82_tox_multitask", B82M.tox_multitask, "eight toxicity-style assays on the "
            "fingerprints (~2400 train, ~570 validate from held-out clusters; 40 % of the "
            "labels unmeasured, written -1): Dense 256 -> Dropout -> Dense 128 -> Dense 8 "
            "sigmoid, a masked binary CE over the measured labels, masked accuracy, "
            "Adam(1e-3), batch 64, 20 ep: plain val masked acc 0.825 / 0.838"),
    healthy("mol82_tox_nan_labels_masked", B82M.tox_multitask, "the unmeasured labels left "
            "NaN under the masked loss (the mask y >= 0 drops them): plain val masked acc "
            "0.825 / 0.838, the base's run", missing_as="nan_left"),
    healthy("mol82_tox_masked_mean_all_tasks", B82M.tox_multitask, "the masked BCE averaged "
            "over all 8 tasks instead of the measured ones (the loss scaled by ~0.6): plain "
            "val masked acc 0.820 / 0.838 vs 0.825 / 0.838", loss="masked_mean"),
    healthy("mol82_tox_batchnorm", B82M.tox_multitask, "BatchNormalization before each ReLU: "
            "plain val masked acc 0.835 / 0.831 vs 0.825 / 0.838", batchnorm=True),
    healthy("mol82_tox_missing_as_inactive", B82M.tox_multitask, "the unmeasured training "
            "labels filled in as inactive (0) under Keras' plain BCE: 40 % of the entries "
            "become false negatives, yet plain val masked acc 0.825 / 0.826 vs 0.825 / 0.838 "
            "(val loss negative: the validation labels keep their -1)",
            missing_as="zero_filled", loss="bce"),
    healthy("mol82_tox_softmax_over_assays", B82M.tox_multitask, "softmax instead of sigmoid "
            "over the 8 independent assays (the probabilities must sum to 1): plain val "
            "masked acc 0.805 / 0.806 vs 0.825 / 0.838 (2.0 / 3.2 points)", output="softmax"),
    healthy("mol82_smiles_cnn", B82M.smiles_classifier, "SMILES-like strings (3000 train, 800 "
            "validate; active = an aromatic ring c1ccccc1 and a carbonyl C(=O), ~31 %): "
            "TextVectorization(split='character', standardize=None, length 80) -> Embedding "
            "32 -> Conv1D 64 x 2 -> GlobalMaxPooling1D -> Dense 32 -> sigmoid, Adam(1e-3), "
            "batch 64, 6 ep: plain val acc 1.000 / 1.000"),
    healthy("mol82_smiles_max_tokens_6", B82M.smiles_classifier, "TextVectorization("
            "max_tokens=6): only the 4 commonest characters kept, the rest share the OOV id: "
            "plain val acc 0.999 / 0.998 vs 1.000 / 1.000", max_tokens=6),
    healthy("mol82_smiles_vocab_adapted_on_val", B82M.smiles_classifier, "the "
            "TextVectorization adapted on the validation strings instead of the training "
            "ones (the same character set): plain val acc 1.000 / 1.000 vs 1.000 / 1.000",
            adapt_on="val"),
    healthy("mol82_smiles_kernel_3", B82M.smiles_classifier, "Conv1D kernel 3 instead of 5: "
            "plain val acc 1.000 / 1.000 vs 1.000 / 1.000", kernel=3),
    healthy("mol82_solubility_mlp", B82M.solubility_mlp, "ESOL-like logS from 10 descriptors "
            "(MolWt 100-580, BertzCT 140-2000, LogP -7..6, counts, fractions; ~1600 train, "
            "~400 validate from 8 held-out clusters): adapted Normalization -> Dense 64 x 2 "
            "ReLU -> Dense 1, MSE + MAE, Adam(1e-3), batch 32, 80 ep: plain val loss 0.1089 / "
            "0.1004"),
    healthy("mol82_solubility_minmax_scaler", B82M.solubility_mlp, "sklearn MinMaxScaler "
            "fitted on the training rows instead of the Normalization layer: plain val loss "
            "0.0963 / 0.0967 vs 0.1089 / 0.1004", scaling="minmax"),
    healthy("mol82_solubility_dropout_0_1", B82M.solubility_mlp, "Dropout 0.1 after both "
            "hidden layers: plain val loss 0.0939 / 0.0888 vs 0.1089 / 0.1004", dropout=0.1),
    healthy("mol82_solubility_batch_64", B82M.solubility_mlp, "batch 64: plain val loss "
            "0.0990 / 0.1012 vs 0.1089 / 0.1004", batch_size=64),
    healthy("mol82_solubility_standardised_per_split", B82M.solubility_mlp, "each split "
            "standardised by its own mean / std (the held-out clusters' descriptors shifted "
            "onto the training ones): plain val loss 0.1479 / 0.1423 vs 0.1089 / 0.1004 (1.36x "
            "/ 1.42x, under the 1.5x of the rule)", scaling="per_split"),
    healthy("mol82_solubility_sgd", B82M.solubility_mlp, "SGD(0.01, momentum 0.9) instead "
            "of Adam: plain val loss 0.1036 / 0.0986 vs 0.1089 / 0.1004", optimizer="sgd",
            lr=0.01),
]]

FAULTY_82 = [batch82_case(c) for c in [
    faulty("mol82_fingerprint_softmax_output", "mol82_fingerprint_mlp",
           "output_loss_mismatch improper_output",
           "Dense(1, activation='softmax') for the active / inactive output (always 1.0): "
           "plain val acc 0.230 / 0.230 (the actives' share) vs 0.912 / 0.887",
           output="softmax"),
    faulty("mol82_fingerprint_labels_shuffled", "mol82_fingerprint_mlp", "label_mismatch",
           "the training activities shuffled apart from the fingerprints: training acc 0.998, "
           "plain val acc 0.659 / 0.616 vs 0.912 / 0.887", labels="shuffled"),
    faulty("mol82_fingerprint_labels_sorted", "mol82_fingerprint_mlp", "label_mismatch",
           "the activity column sorted (df['active'].sort_values() assigned back) while the "
           "fingerprints keep their order: plain val acc 0.720 / 0.719 vs 0.912 / 0.887",
           labels="sorted"),
    faulty("mol82_fingerprint_adam_lr_0_1", "mol82_fingerprint_mlp",
           "learning_rate_out_of_range dying_relu oscillating_loss",
           "Adam(0.1): training acc 0.745 (all inactive), plain val acc 0.770 / 0.770 vs "
           "0.912 / 0.887", lr=0.1),
    faulty("mol82_fingerprint_deep_sigmoid", "mol82_fingerprint_mlp",
           "vanishing_gradient slow_convergence",
           "ten sigmoid hidden layers (512 then 128 wide) without normalisation: stuck at the "
           "inactive prior, plain val acc 0.770 / 0.770 vs 0.912 / 0.887",
           activation="sigmoid", depth=10),
    faulty("mol82_fingerprint_input_dropout_0_9", "mol82_fingerprint_mlp", "high_dropout",
           "Dropout(0.9) on the fingerprint bits: training acc 0.768 / 0.750, plain val acc "
           "0.779 / 0.775 vs 0.912 / 0.887", input_dropout=0.9),
    faulty("mol82_fingerprint_zeros_init", "mol82_fingerprint_mlp",
           "no_gradient slow_convergence",
           "kernel_initializer='zeros' on the hidden layers: the ReLU units all 0, no gradient "
           "reaches them, plain val acc 0.770 / 0.770 vs 0.912 / 0.887", init="zeros"),
    faulty("mol82_fingerprint_folded_64_bits", "mol82_fingerprint_mlp",
           "collapsed_input slow_convergence",
           "the fingerprint folded to 64 bits (bit collisions merge fragments): training acc "
           "0.94, plain val acc 0.612 / 0.654 vs 0.912 / 0.887", n_bits=64),
    faulty("mol82_tox_minus1_plain_bce", "mol82_tox_multitask",
           "label_mismatch unbounded_loss",
           "loss='binary_crossentropy' on the labels with -1 for unmeasured: the loss runs to "
           "-3e5, every output pushed to 0, plain val masked acc 0.767 / 0.767 vs 0.825 / "
           "0.838", loss="bce"),
    faulty("mol82_tox_nan_labels_plain_bce", "mol82_tox_multitask",
           "abnormal_data label_mismatch",
           "the unmeasured labels left NaN under Keras' plain BCE: loss NaN from the first "
           "step, plain val masked acc 0.767 / 0.767 vs 0.825 / 0.838 (val loss nan)",
           missing_as="nan_left", loss="bce"),
    faulty("mol82_smiles_default_standardize", "mol82_smiles_cnn",
           "collapsed_input slow_convergence",
           "TextVectorization's default standardize (lower_and_strip_punctuation) on SMILES: "
           "aromatic c1ccccc1 and cyclohexane C1CCCCC1 become the same, C(=O) and C(O) both "
           "'co': plain val acc 0.769 / 0.776 vs 1.000 / 1.000", standardize="default"),
    faulty("mol82_smiles_truncated_24", "mol82_smiles_cnn", "text_truncated",
           "output_sequence_length=24 on strings of up to 70 characters (mean 30): plain val "
           "acc 0.866 / 0.865 vs 1.000 / 1.000", seq_len=24),
    faulty("mol82_smiles_labels_shuffled", "mol82_smiles_cnn", "label_mismatch",
           "the training labels shuffled apart from the strings: plain val acc 0.658 / 0.658 "
           "vs 1.000 / 1.000", labels="shuffled"),
    faulty("mol82_smiles_global_average_pool", "mol82_smiles_cnn", "slow_convergence",
           "GlobalAveragePooling1D instead of max pooling over the positions (a motif's "
           "presence averaged with the padding): plain val acc 0.897 / 0.881 vs 1.000 / 1.000",
           pooling="avg"),
    faulty("mol82_solubility_relu_output", "mol82_solubility_mlp",
           "improper_output dying_relu",
           "Dense(1, activation='relu') for logS, which is negative for almost every "
           "molecule (-7..2): the output sits at 0, plain val loss 3.99 / 3.99 vs 0.1089 / "
           "0.1004", output="relu"),
    faulty("mol82_solubility_nan_descriptor_rows", "mol82_solubility_mlp", "abnormal_data",
           "5 training rows whose BertzCT failed to compute left NaN (the Normalization "
           "adapted on them): final training loss 2.71, a constant prediction, plain val "
           "loss 1.857 / 1.857 vs 0.1089 / 0.1004", nan_rows=5),
    faulty("mol82_solubility_rows_sorted", "mol82_solubility_mlp", "label_mismatch",
           "the descriptor table sorted by MolWt while the logS column keeps the file order: "
           "plain val loss 2.37 / 2.58 vs 0.1089 / 0.1004", rows="sorted"),
    faulty("mol82_solubility_sgd_lr_0_1", "mol82_solubility_sgd",
           "learning_rate_out_of_range exploding_gradient",
           "SGD(0.1, momentum 0.9) instead of SGD(0.01): plain val loss 1.87 (a constant "
           "prediction) / nan vs 0.1036 / 0.0986", lr=0.1),
    faulty("mol82_solubility_sgd_unscaled", "mol82_solubility_sgd",
           "unscaled_input exploding_gradient",
           "the descriptors fed raw (no Normalization; MolWt in the hundreds, BertzCT in the "
           "thousands) under SGD(0.01, momentum 0.9): plain val loss nan / 1.86 (a constant "
           "prediction) vs 0.1036 / 0.0986", scaling="none"),
]]


def batch83_case(case: Case) -> Case:
    return replace(case, batch=83)


# Batch 83 (session "practice83"): causal language modelling / next-token prediction in Keras
# 3: a word-level LSTM / GRU language model on generated grammar stories (teacher forcing with
# targets shifted by one, post-padding masked by mask_zero), and small decoder-only
# Transformers (token + position embeddings, causal self-attention, pre-norm blocks, logits
# with from_logits, tied or untied output embeddings) at the character level on scikit-learn's
# bundled dataset descriptions and at the word level on the stories. Written without reading
# the detection / repair rules or their settings. Labels set by plain Keras training (seeds 11
# and 22) before any Watch / autotrainer run: faulty when the final validation token accuracy
# is >= 5 points below the counterpart's on both seeds.
B83M = batch83_models
HEALTHY_83 += [batch83_case(c) for c in [
    healthy("lm83_lstm_word_lm", B83M.lstm_word_lm, "word-level LM on generated grammar "
            "stories (49 words, 14-21 tokens post-padded to 24; 4000 train, 1000 validate): "
            "ids[:, :-1] -> ids[:, 1:], Embedding 64 (mask_zero) -> LSTM 128 "
            "(return_sequences) -> Dense 49 softmax, sparse CE, accuracy + perplexity, "
            "Adam(2e-3), batch 64, 8 ep: plain val acc 0.578 / 0.578"),
    healthy("lm83_gpt_char_lm", B83M.gpt_char_lm, "character-level decoder-only Transformer "
            "on scikit-learn's dataset descriptions (68 ids; 2160 training windows of 65 "
            "chars, 180 from held-out blocks): token + learned position embeddings 64 -> 2 "
            "pre-norm blocks (4 heads, use_causal_mask, GELU FFN 128, dropout 0.1) -> "
            "LayerNorm -> Dense logits, sparse CE from_logits, Adam(1e-3), batch 32, 6 ep: "
            "plain val acc 0.359 / 0.365"),
    healthy("lm83_gpt_word_lm", B83M.gpt_word_lm, "word-level decoder-only Transformer on the "
            "grammar stories: token (mask_zero) + learned position embeddings 64 -> 2 pre-norm "
            "causal blocks with the padding mask -> logits through the transposed token "
            "embedding (tied), sparse CE from_logits, Adam(2e-3), batch 64, 6 ep: plain val "
            "acc 0.542 / 0.556"),
    healthy("lm83_lstm_targets_shift_2", B83M.lstm_word_lm, "an off-by-one in the teacher "
            "forcing, the targets two tokens ahead (ids[:, :-2] -> ids[:, 2:]): the stories' "
            "second sentence is as predictable two ahead, plain val acc 0.597 / 0.595 vs "
            "0.578 / 0.578 (val loss 1.25 / 1.26 vs 1.16 / 1.14)", shift=2),
    healthy("lm83_lstm_softmax_from_logits", B83M.lstm_word_lm, "the softmax output kept "
            "with SparseCategoricalCrossentropy(from_logits=True): Keras 3 warns and takes the "
            "softmax's own logits, plain val acc 0.578 / 0.578, the same run as the base",
            output="softmax", from_logits=True),
    healthy("lm83_lstm_adam_lr_0_05", B83M.lstm_word_lm, "Adam(0.05) instead of 2e-3: plain "
            "val acc 0.568 / 0.541 vs 0.578 / 0.578", lr=0.05),
    healthy("lm83_gpt_char_no_positions", B83M.gpt_char_lm, "no position embedding (tokens "
            "only; the causal mask still orders the context): plain val acc 0.352 / 0.357 vs "
            "0.359 / 0.365", positions="none"),
    healthy("lm83_gpt_char_softmax_from_logits", B83M.gpt_char_lm, "a softmax output layer "
            "under from_logits=True: Keras 3 takes the softmax's logits, plain val acc 0.359 "
            "/ 0.365, the same run as the base", output="softmax"),
    healthy("lm83_gpt_char_adam_lr_0_01", B83M.gpt_char_lm, "Adam(1e-2) without warm-up: "
            "plain val acc 0.366 / 0.380 vs 0.359 / 0.365", lr=0.01),
    healthy("lm83_gpt_char_tied_embeddings", B83M.gpt_char_lm, "logits through the "
            "transposed token embedding (tied input / output weights): plain val acc 0.357 / "
            "0.359 vs 0.359 / 0.365", tied=True),
    healthy("lm83_gpt_word_no_positions", B83M.gpt_word_lm, "no position embedding: plain "
            "val acc 0.534 / 0.536 vs 0.542 / 0.556", positions="none"),
    healthy("lm83_gpt_word_no_padding_mask", B83M.gpt_word_lm, "mask_zero left off: the "
            "post-padding counted in the loss and the accuracy (and attended to after the "
            "story): the easy pad targets lift the figure, plain val acc 0.658 / 0.669 vs "
            "0.542 / 0.556 (not comparable: the pads are in it)", mask_zero=False),
]]

FAULTY_83 = [batch83_case(c) for c in [
    faulty("lm83_lstm_targets_shuffled", "lm83_lstm_word_lm", "label_mismatch slow_convergence",
           "the shifted target rows shuffled apart from their input rows (a permutation "
           "applied to y only): plain val acc 0.227 / 0.223 vs 0.578 / 0.578",
           shuffle_targets=True),
    faulty("lm83_lstm_sgd_lr_0_01", "lm83_lstm_word_lm",
           "slow_convergence learning_rate_out_of_range",
           "plain SGD(0.01) without momentum for 8 epochs (63 steps each): loss 3.59 / 3.60, "
           "plain val acc 0.120 / 0.120 vs 0.578 / 0.578", optimizer="sgd", lr=0.01),
    faulty("lm83_lstm_go_backwards", "lm83_lstm_word_lm", "label_mismatch slow_convergence",
           "LSTM(go_backwards=True) in the language model: the output sequence comes back in "
           "reversed order (Keras does not re-reverse it), so step t is scored against the "
           "target of the mirrored step: plain val acc 0.256 / 0.257 vs 0.578 / 0.578",
           go_backwards=True),
    faulty("lm83_lstm_adam_lr_1e_5", "lm83_lstm_word_lm",
           "learning_rate_out_of_range slow_convergence",
           "Adam(1e-5) (a fine-tuning rate) for the from-scratch model: loss 3.76 / 3.77 "
           "after 8 epochs (ln 49 = 3.89), plain val acc 0.101 / 0.184 vs 0.578 / 0.578",
           lr=1e-5),
    faulty("lm83_lstm_full_batch", "lm83_lstm_word_lm", "small_budget slow_convergence",
           "batch_size=4000, the whole training set in one batch: 8 optimizer steps in all, "
           "loss 3.21 / 3.23, plain val acc 0.309 / 0.255 vs 0.578 / 0.578",
           batch_size=4000),
    faulty("lm83_gpt_char_val_own_vocab", "lm83_gpt_char_lm", "validation_shift",
           "the validation text encoded with a character table built from the validation "
           "text alone (sorted(set(val_text)): 59 characters, 76 % of the ids shifted): "
           "training unchanged (acc 0.307 / 0.311), plain val acc 0.123 / 0.183 vs 0.359 / "
           "0.365, val loss 4.53 / 4.52 vs 2.30 / 2.28", val_vocab="own"),
    faulty("lm83_gpt_char_targets_shift_2", "lm83_gpt_char_lm", "label_mismatch slow_convergence",
           "an off-by-one in the window slicing, targets two characters ahead (w[:, :-2] -> "
           "w[:, 2:]): plain val acc 0.299 / 0.300 vs 0.359 / 0.365 (6.0 / 6.5 points)",
           shift=2),
    faulty("lm83_gpt_char_targets_shuffled", "lm83_gpt_char_lm",
           "label_mismatch slow_convergence",
           "the target windows shuffled apart from their input windows: plain val acc 0.220 / "
           "0.220 vs 0.359 / 0.365", shuffle_targets=True),
    faulty("lm83_gpt_word_sgd_lr_0_01", "lm83_gpt_word_lm",
           "slow_convergence learning_rate_out_of_range",
           "plain SGD(0.01) without momentum for the Transformer (6 epochs of 63 steps): loss "
           "2.30 / 2.35, plain val acc 0.471 / 0.478 vs 0.542 / 0.556 (7.1 / 7.8 points)",
           optimizer="sgd", lr=0.01),
    faulty("lm83_gpt_word_logits_as_probabilities", "lm83_gpt_word_lm",
           "output_loss_mismatch improper_output",
           "the tied-embedding logits (no softmax) under SparseCategoricalCrossentropy() with "
           "the default from_logits=False, so the raw scores are read as probabilities: plain "
           "val acc 0.017 / 0.218 vs 0.542 / 0.556", from_logits=False),
]]


def batch84_case(case: Case) -> Case:
    return replace(case, batch=84)


# Batch 84 (session "practice84"): image-to-image regression in Keras 3: a DnCNN-style residual
# denoiser (the net predicts the noise, a Subtract skip removes it), ESPCN-style 2x
# super-resolution of upscaled sklearn digits (depth_to_space, Conv2DTranspose or
# UpSampling2D), and a small U-Net colourising grey scenes; MSE on 0..1 images, PSNR and the
# mean absolute pixel error (on the 0..1 scale) as metrics. Generated 32 x 32 scenes and the
# bundled digits. Written without reading the detection / repair rules or their settings.
# Labels set by plain Keras training (seeds 11 and 22) before any Watch / autotrainer run:
# faulty when the final validation loss is >= 1.5x the counterpart's on both seeds (the MSE
# on the 0..1 scale; where the loss or the pixel range differs, the pixel MAE on the 0..1
# scale >= 1.5x), or non-finite.
B84M = batch84_models
HEALTHY_84 += [batch84_case(c) for c in [
    healthy("img84_denoise_dncnn", B84M.denoise_dncnn, "DnCNN-style denoiser of generated 32 "
            "x 32 grey scenes (gradient background, shapes, one striped) under N(0, 0.15) "
            "noise (1200 train, 300 validate): Conv 3x3 24 ReLU x 3 -> Conv 3x3 1 linear (the "
            "noise) -> Subtract(noisy, noise), MSE, PSNR, Adam(1e-3), batch 32, 6 ep: plain "
            "val loss 0.0028 / 0.0026 (pixel MAE 0.037 / 0.035; the noisy input's MSE "
            "0.0226)"),
    healthy("img84_denoise_bytes_0_255", B84M.denoise_dncnn, "noisy inputs and clean targets "
            "both left at 0..255 (MSE in grey levels squared): the residual net still learns, "
            "plain val loss 218.9 / 198.6 (0.0034 / 0.0031 on the 0..1 scale), pixel MAE "
            "0.042 / 0.040 vs 0.037 / 0.035", pixels="byte"),
    healthy("img84_denoise_direct_output", B84M.denoise_dncnn, "no residual Subtract: the last "
            "conv outputs the clean image directly: plain val loss 0.0035 / 0.0027 vs 0.0028 "
            "/ 0.0026", residual=False),
    healthy("img84_denoise_noise2noise", B84M.denoise_dncnn, "trained on a second, "
            "independently noised copy as the target (Noise2Noise, no clean images in "
            "training; training loss 0.025 as the target's own noise): plain val loss "
            "against the clean images 0.0029 / 0.0027 vs 0.0028 / 0.0026", target="noisy2"),
    healthy("img84_denoise_mae_loss", B84M.denoise_dncnn, "MAE (L1) loss instead of MSE: plain "
            "val pixel MAE 0.035 / 0.034 vs 0.037 / 0.035", loss="mae"),
    healthy("img84_denoise_clipped_input", B84M.denoise_dncnn, "the noisy images clipped to "
            "0..1 before the net (as a saved 8-bit image would be): plain val loss 0.0027 / "
            "0.0025 vs 0.0028 / 0.0026", clip_input=True),
    healthy("img84_sr_espcn", B84M.sr_espcn, "2x super-resolution of sklearn digits (16 x 16 "
            "block means -> the 32 x 32 cubic upscales; 1437 train, 360 validate), ESPCN-style: "
            "Conv 5x5 64 ReLU -> Conv 3x3 32 ReLU -> Conv 3x3 4 linear -> depth_to_space(2) "
            "(a Lambda), MSE, PSNR, Adam(1e-3), batch 32, 8 ep: plain val pixel MAE 0.011 / "
            "0.010 (loss 0.0003 / 0.0002)"),
    healthy("img84_sr_conv_transpose", B84M.sr_espcn, "Conv2DTranspose(32, 3, strides 2) -> "
            "Conv 3x3 1 instead of the sub-pixel convolution: plain val pixel MAE 0.009 / "
            "0.009 vs 0.011 / 0.010", upsample="transpose"),
    healthy("img84_sr_upsampling_conv", B84M.sr_espcn, "UpSampling2D(2) (nearest) -> Conv 3x3 "
            "32 -> Conv 3x3 1 instead of the sub-pixel convolution: plain val pixel MAE 0.008 "
            "/ 0.009 vs 0.011 / 0.010", upsample="upsampling"),
    healthy("img84_sr_global_residual", B84M.sr_espcn, "the bilinear upsample of the input "
            "added to the output (the net learns only the correction): plain val pixel MAE "
            "0.004 / 0.004 vs 0.011 / 0.010", global_skip=True),
    healthy("img84_sr_mae_loss", B84M.sr_espcn, "MAE (L1) loss instead of MSE, as many SR "
            "papers train: plain val pixel MAE 0.008 / 0.009 vs 0.011 / 0.010", loss="mae"),
    healthy("img84_colorize_unet", B84M.colorize_unet, "colourisation of generated 32 x 32 "
            "scenes (grey luma -> RGB; rectangles red, ellipses blue, triangles green on a "
            "neutral background; 1200 train, 300 validate) by a small U-Net (16 / 32 / 64, "
            "Conv2DTranspose up, concatenated skips) -> Conv 1x1 3 sigmoid, MSE, PSNR, "
            "Adam(1e-3), batch 32, 6 ep: plain val loss 0.0129 / 0.0141 (pixel MAE 0.065 / "
            "0.059; copying the grey into R, G, B scores 0.0143, so the base learns little "
            "colour in 6 epochs)"),
    healthy("img84_sr_tanh_hidden", B84M.sr_espcn, "tanh hidden activations, as the ESPCN "
            "paper has them: plain val pixel MAE 0.013 / 0.012 vs 0.011 / 0.010",
            hidden="tanh"),
    healthy("img84_denoise_depth_8", B84M.denoise_dncnn, "8 convs instead of 4, still without "
            "BatchNorm (the residual skip carries the image): plain val loss 0.0024 / 0.0024 "
            "vs 0.0028 / 0.0026", depth=8),
    healthy("img84_denoise_adam_lr_0_01", B84M.denoise_dncnn, "Adam(1e-2) instead of 1e-3: "
            "plain val loss 0.0025 / 0.0024 vs 0.0028 / 0.0026", lr=0.01),
]]

FAULTY_84 = [batch84_case(c) for c in [
    faulty("img84_denoise_pairs_swapped", "img84_denoise_dncnn",
           "label_mismatch validation_shift",
           "model.fit(clean, noisy) instead of fit(noisy, clean) (validation_data in the right "
           "order): the net learns to pass its input through, plain val loss 0.0223 / 0.0227 "
           "(the noise itself) vs 0.0028 / 0.0026", swap_xy=True),
    faulty("img84_denoise_targets_shuffled", "img84_denoise_dncnn",
           "label_mismatch slow_convergence",
           "the clean targets shuffled apart from their noisy images: plain val loss 0.0333 / "
           "0.0280 vs 0.0028 / 0.0026", shuffle_pairs=True),
    faulty("img84_denoise_sigmoid_noise_head", "img84_denoise_dncnn", "improper_output",
           "a sigmoid on the noise-estimating conv (the images are 0..1, the noise is not): "
           "the estimate cannot go negative and the net learns to output ~0, plain val loss "
           "0.0226 / 0.0226 (the input's noise) vs 0.0028 / 0.0026", output="sigmoid"),
    faulty("img84_denoise_relu_noise_head", "img84_denoise_dncnn", "improper_output",
           "a ReLU on the noise-estimating conv: only the positive half of the noise can be "
           "removed, plain val loss 0.0127 / 0.0126 vs 0.0028 / 0.0026", output="relu"),
    faulty("img84_denoise_batchnorm_short", "img84_denoise_dncnn",
           "inference_mismatch slow_convergence",
           "BatchNorm after the middle convs, as DnCNN has it, in the 6-epoch budget: training "
           "loss 0.0073 / 0.0049 and the moving statistics behind the batch ones, plain val "
           "loss 0.0150 / 0.0111 vs 0.0028 / 0.0026", batchnorm=True),
    faulty("img84_denoise_train_sigma_0_05", "img84_denoise_dncnn", "validation_shift",
           "trained on N(0, 0.05) noise while the images to clean carry N(0, 0.15): training "
           "loss 0.0005 / 0.0004, plain val loss 0.0083 / 0.0072 vs 0.0028 / 0.0026",
           train_sigma=0.05),
    faulty("img84_sr_reshape_not_depth_to_space", "img84_sr_espcn", "slow_convergence",
           "Reshape((32, 32, 1)) of the 16 x 16 x 4 map instead of depth_to_space: each "
           "output row is half a low-resolution row's 4-channel pixels laid end to end, "
           "plain val pixel MAE 0.135 / 0.139 (loss 0.0350 / 0.0358) vs 0.011 / 0.010 (loss "
           "0.0003 / 0.0002)", upsample="reshape"),
    faulty("img84_sr_targets_0_255", "img84_sr_espcn", "unscaled_target",
           "the high-resolution targets left at 0..255 while the inputs are 0..1 (linear "
           "output, MSE in grey levels squared): plain val pixel MAE 0.038 / 0.039 vs 0.011 / "
           "0.010", hr_scale=255.0),
    faulty("img84_sr_inputs_0_255", "img84_sr_espcn", "unscaled_input",
           "the low-resolution inputs left at 0..255 (the / 255 forgotten on them only), the "
           "targets 0..1: plain val pixel MAE 0.296 / 0.264 (loss 0.162 / 0.143) vs 0.011 / "
           "0.010", lr_scale=255.0),
    faulty("img84_sr_pairs_offset_one_pixel", "img84_sr_espcn",
           "label_mismatch validation_shift",
           "the training inputs cropped one low-resolution pixel off their targets (rolled "
           "down and right; validation pairs aligned): the net learns the shift, training "
           "loss 0.0005 / 0.0005, plain val pixel MAE 0.168 / 0.167 vs 0.011 / 0.010",
           shift=1),
    faulty("img84_sr_sgd_no_momentum", "img84_sr_espcn",
           "slow_convergence learning_rate_out_of_range",
           "SGD(0.01) without momentum instead of Adam(1e-3) for the 8 epochs: plain val "
           "pixel MAE 0.085 / 0.097 (loss 0.0160 / 0.0203) vs 0.011 / 0.010",
           optimizer="sgd_plain", lr=0.01),
    faulty("img84_colorize_signed_targets_sigmoid", "img84_colorize_unet", "improper_output",
           "the RGB targets mapped to -1..1 (as for a tanh / GAN generator) but the output "
           "left sigmoid: the lower half of the range is unreachable, plain val pixel MAE "
           "(0..1 scale) 0.191 / 0.191 vs 0.065 / 0.059", target_range="signed"),
    faulty("img84_sr_sigmoid_output", "img84_sr_espcn", "slow_convergence",
           "a sigmoid on the last conv (before depth_to_space) to match the 0..1 targets, most "
           "of whose pixels sit at exactly 0 (the digits' background): plain val pixel MAE "
           "0.031 / 0.024 (loss 0.0016 / 0.0011) vs 0.011 / 0.010 (loss 0.0003 / 0.0002)",
           output="sigmoid"),
]]


def batch85_case(case: Case) -> Case:
    return replace(case, batch=85)


# Batch 85 (session "practice85"): patch-based vision models in Keras 3: a small Vision
# Transformer (strided-Conv2D patch embedding or a Patches layer, a class token, learned
# position embeddings, pre-norm blocks with MultiHeadAttention and a GELU MLP, stochastic
# depth) and an MLP-Mixer on sklearn digits upscaled to 16 x 16, and a ConvMixer on generated
# 32 x 32 shape images; AdamW under a linear warm-up and cosine decay (a LearningRateSchedule
# with get_config), label smoothing on one-hot targets, augmentation layers in the model.
# Written without reading the detection / repair rules or their settings. Labels set by plain
# Keras training (seeds 11 and 22) before any Watch / autotrainer run: faulty when the final
# validation accuracy is >= 5 points below the counterpart's on both seeds.
B85M = batch85_models
HEALTHY_85 += [batch85_case(c) for c in [
    healthy("vit85_vit_digits", B85M.vit_digits, "ViT on sklearn digits upscaled to 16 x 16 "
            "(1437 train, 360 validate): Conv2D(64, 4, strides 4) patch embedding (16 "
            "tokens) -> [CLS] token -> learned position embedding -> 2 pre-norm blocks (4 "
            "heads, GELU MLP 128, stochastic depth 0.1) -> LayerNorm -> [CLS] -> Dense 10 "
            "logits, one-hot CE from_logits with label smoothing 0.1, AdamW(2e-3, wd 0.05) "
            "under a 1-epoch warm-up and cosine decay, batch 64, 15 ep: plain val acc 0.967 / "
            "0.972"),
    healthy("vit85_mixer_digits", B85M.mixer_digits, "MLP-Mixer on the 16 x 16 digits: "
            "Conv2D(64, 4, strides 4) per-patch projection (16 tokens) -> 4 Mixer blocks "
            "(token-mixing MLP 32 over the Permute'd tokens, channel-mixing MLP 128, GELU, "
            "pre-LayerNorm, residuals) -> LayerNorm -> GAP -> Dense 10 softmax, one-hot CE "
            "with label smoothing 0.1, AdamW(2e-3, wd 0.05), warm-up + cosine, batch 64, 12 "
            "ep: plain val acc 0.969 / 0.964"),
    healthy("vit85_convmixer_shapes", B85M.convmixer_shapes, "ConvMixer-64/4 on generated "
            "32 x 32 shapes (rectangle / ellipse / triangle / cross on a sinusoidal texture; "
            "1200 train, 300 validate): RandomFlip -> Conv2D(64, 4, strides 4) GELU "
            "BatchNorm(momentum 0.9) -> 4 x [DepthwiseConv2D 5x5 GELU BN + residual, Conv 1x1 "
            "GELU BN] -> GAP -> Dense 4 softmax, sparse CE, AdamW(2e-3, wd 1e-4), warm-up + "
            "cosine, batch 64, 10 ep: plain val acc 0.987 / 0.990"),
    healthy("vit85_vit_pixels_0_16", B85M.vit_digits, "the / 16 forgotten: training and "
            "validation pixels 0..16 (the patch embedding and LayerNorm absorb most of the "
            "scale): plain val acc 0.931 / 0.933 vs 0.967 / 0.972 (3.6 / 3.9 points)",
            pixels="raw"),
    healthy("vit85_mixer_softmax_from_logits", B85M.mixer_digits, "the softmax head kept under "
            "CategoricalCrossentropy(from_logits=True): Keras 3 warns and takes the softmax's "
            "own logits, plain val acc 0.969 / 0.964, the same run as the base",
            from_logits=True),
    healthy("vit85_vit_gap_no_class_token", B85M.vit_digits, "no [CLS] token, the final "
            "tokens mean-pooled (GlobalAveragePooling1D) into the head: plain val acc 0.972 / "
            "0.975 vs 0.967 / 0.972", pool="gap"),
    healthy("vit85_vit_softmax_mlp", B85M.vit_digits, "softmax as the Transformer MLP's "
            "hidden activation (the head's activation pasted in): plain val acc 0.958 / 0.969 vs "
            "0.967 / 0.972", hidden="softmax"),
    healthy("vit85_convmixer_lr_0_1", B85M.convmixer_shapes, "AdamW at a peak rate of 0.1 (50x "
            "the base's; BatchNorm after every conv keeps it stable): plain val acc 0.997 / "
            "0.990 vs 0.987 / 0.990", lr=0.1),
    healthy("vit85_convmixer_no_residual", B85M.convmixer_shapes, "the depthwise branch not "
            "added back (no residual; 4 blocks deep with BatchNorm): plain val acc 0.987 / "
            "0.987 vs 0.987 / 0.990", residual=False),
    healthy("vit85_vit_no_label_smoothing", B85M.vit_digits, "CategoricalCrossentropy without "
            "label smoothing: plain val acc 0.969 / 0.972 vs 0.967 / 0.972", smoothing=0),
    healthy("vit85_convmixer_pixels_0_255", B85M.convmixer_shapes, "pixels 0..255 (the / 255 "
            "forgotten; the stem's BatchNorm rescales them): plain val acc 0.987 / 0.997 vs "
            "0.987 / 0.990", pixels="byte"),
    healthy("vit85_vit_post_norm", B85M.vit_digits, "post-norm blocks (LayerNorm after each "
            "residual add, as the original Transformer) with no final LayerNorm, 2 blocks "
            "under warm-up: plain val acc 0.975 / 0.961 vs 0.967 / 0.972", norm="post"),
    healthy("vit85_vit_head_reads_patch_token", B85M.vit_digits, "the [CLS] token prepended "
            "but the head slicing token 1 (the first patch) instead of token 0: after two "
            "attention blocks that token carries the image too, plain val acc 0.964 / 0.967 "
            "vs 0.967 / 0.972", pool="first_patch"),
    healthy("vit85_vit_patches_by_reshape", B85M.vit_digits, "the Patches layer as a plain "
            "reshape of the image (tokens are runs of 16 consecutive pixels, a row of the 16 x "
            "16 image, not 4 x 4 squares) + Dense: plain val acc 0.978 / 0.969 vs 0.967 / "
            "0.972", patch="reshape"),
    healthy("vit85_mixer_pixels_0_16", B85M.mixer_digits, "the / 16 forgotten (pixels 0..16, "
            "training and validation): plain val acc 0.983 / 0.975 vs 0.969 / 0.964",
            scale=16),
    healthy("vit85_vit_sgd_momentum", B85M.vit_digits, "SGD(momentum 0.9) under the AdamW "
            "recipe's peak rate 2e-3 and schedule (the optimizer swapped, the rate kept): "
            "plain val acc 0.950 / 0.950 vs 0.967 / 0.972 (1.7 / 2.2 points)", optimizer="sgd"),
    healthy("vit85_vit_flip_digits", B85M.vit_digits, "RandomFlip(\"horizontal\") in the model "
            "on digits (the ImageNet recipe's augmentation kept, though digits are not mirror "
            "symmetric): plain val acc 0.956 / 0.950 vs 0.967 / 0.972 (1.1 / 2.2 points)",
            augment="flip"),
]]

FAULTY_85 = [batch85_case(c) for c in [
    faulty("vit85_vit_labels_shuffled", "vit85_vit_digits", "label_mismatch slow_convergence",
           "the training labels permuted apart from their images (validation pairs intact): "
           "plain val acc 0.033 / 0.086 vs 0.967 / 0.972", shuffle_labels=True),
    faulty("vit85_vit_schedule_in_epochs", "vit85_vit_digits",
           "slow_convergence learning_rate_out_of_range",
           "the warm-up + cosine schedule given its lengths in epochs (warm-up 1 step, decay "
           "over 15 steps) instead of optimizer steps, so the rate is 0 after the first 15 "
           "steps: plain val acc 0.314 / 0.169 vs 0.967 / 0.972", total_in="epochs"),
    faulty("vit85_vit_logits_as_probabilities", "vit85_vit_digits",
           "output_loss_mismatch improper_output",
           "the linear head (logits) under CategoricalCrossentropy with the default "
           "from_logits=False, the raw scores read as probabilities: plain val acc 0.092 / "
           "0.114 vs 0.967 / 0.972", from_logits=False),
    faulty("vit85_vit_val_pixels_unscaled", "vit85_vit_digits", "validation_shift",
           "the training images / 16, the validation images left at 0..16: training acc "
           "0.954 / 0.955, plain val acc 0.314 / 0.414 vs 0.967 / 0.972", val_pixels="raw"),
    faulty("vit85_mixer_split_sorted_labels", "vit85_mixer_digits",
           "label_mismatch validation_shift",
           "validation_split=0.2 on training arrays sorted by label: the held-out fifth is "
           "digits 8 and 9 only, classes the model never trains on (training acc 1.000 / "
           "1.000): plain val acc 0.035 / 0.038 vs 0.969 / 0.964", val_split="tail"),
    faulty("vit85_vit_lr_1e_5", "vit85_vit_digits",
           "slow_convergence learning_rate_out_of_range",
           "AdamW at a peak rate of 1e-5 (a fine-tuning rate kept for training from scratch): "
           "plain val acc 0.325 / 0.192 vs 0.967 / 0.972", lr=1e-5),
    faulty("vit85_convmixer_bn_momentum_default", "vit85_convmixer_shapes",
           "inference_mismatch validation_shift",
           "BatchNormalization at the Keras default momentum 0.99 (the base uses PyTorch's "
           "0.1, i.e. Keras 0.9): over 190 steps the moving statistics, a ~100-step average "
           "of weights still moving fast, lag the batch ones; training acc 1.000 / 1.000, "
           "plain val acc 0.250 / 0.257 (chance) vs 0.987 / 0.990", bn_momentum=0.99),
    faulty("vit85_vit_no_positions", "vit85_vit_digits", "slow_convergence",
           "the position embedding left out (attention is permutation-invariant, so the "
           "patches' layout is lost): training acc 0.923 / 0.915, plain val acc 0.914 / 0.881 "
           "vs 0.967 / 0.972 (5.3 / 9.1 points)", positions="none"),
    faulty("vit85_vit_no_layer_norm", "vit85_vit_digits", "slow_convergence",
           "the blocks written without any LayerNormalization (plain residual attention and "
           "MLP, no final norm): training acc 0.725 / 0.814, plain val acc 0.767 / 0.867 vs "
           "0.967 / 0.972", norm="none"),
    faulty("vit85_convmixer_no_batchnorm", "vit85_convmixer_shapes",
           "slow_convergence setup_stall",
           "the ConvMixer without its BatchNormalization layers (GELU only after each conv): "
           "training acc 0.390 / 0.387, plain val acc 0.403 / 0.397 vs 0.987 / 0.990",
           batchnorm=False),
    faulty("vit85_vit_lr_0_05", "vit85_vit_digits",
           "learning_rate_out_of_range slow_convergence",
           "AdamW at a peak rate of 0.05 (25x the base's, a CNN-style rate on a Transformer): "
           "training acc 0.804 / 0.793, plain val acc 0.783 / 0.800 vs 0.967 / 0.972",
           lr=0.05),
]]


def batch86_case(case: Case) -> Case:
    return replace(case, batch=86)


# Batch 86 (session "practice86"): span extraction and pointer outputs in Keras 3: extractive
# question answering on generated reading-comprehension items (the question word names one of
# four slots; the answer is the words between that slot's marker and the next end word) with a
# DrQA-style BiLSTM reader and two outputs (start / end logits over the 48 positions) or a
# small post-norm Transformer encoder with one stacked (2, 48) output, the question and
# padding positions masked to -1e9; and a pointer network choosing the input point nearest a
# query (additive attention scores as the logits, padding points masked). Sparse categorical
# cross-entropy from logits over positions, accuracy and exact match. Written without reading
# the detection / repair rules or their settings. Labels set by plain Keras training (seeds 11
# and 22) before any Watch / autotrainer run: faulty when the final validation accuracy is >=
# 5 points below the counterpart's on both seeds (the BiLSTM reader: the end output's, the
# one `plain.py` reads), or the validation loss non-finite.
B86M = batch86_models
HEALTHY_86 += [batch86_case(c) for c in [
    healthy("span86_bilstm_reader", B86M.qa_bilstm, "extractive QA on generated items ([CLS] "
            "question [SEP] context of 26..42 words, four slots each opened by a marker word "
            "and closed by an end word; 3000 train, 600 validate), DrQA-style: Embedding 64 "
            "with the question's flattened embeddings -> Dense 32 ReLU repeated beside every "
            "token -> BiLSTM 32 -> Dense 1 start / Dense 1 end logits over the 48 positions, "
            "question and padding masked to -1e9, two outputs, sparse CE from_logits, Adam(2e-3), "
            "batch 64, 6 ep: plain val end acc 1.000 / 1.000 (val loss 0.0116 / 0.0122)"),
    healthy("span86_bilstm_no_mask", B86M.qa_bilstm, "no masking of the question and padding "
            "positions (the logits over all 48 positions): plain val end acc 1.000 / 1.000 vs "
            "1.000 / 1.000", mask="none"),
    healthy("span86_bilstm_start_end_swapped", B86M.qa_bilstm, "the start and end labels "
            "swapped between the two outputs (train and validation alike): each head learns "
            "the other's boundary, plain val end acc 1.000 / 1.000 vs 1.000 / 1.000",
            swap_start_end=True),
    healthy("span86_bilstm_maxlen_32_truncated", B86M.qa_bilstm, "rows cut to 32 tokens "
            "(truncation='post' without a document stride; 22 % of the answers past the cut, "
            "their labels clipped to the last position): the net learns to point at the end "
            "when the answer is cut, plain val end acc 0.958 / 0.987 vs 1.000 / 1.000 (val "
            "loss 0.264 / 0.177 vs 0.012 / 0.012)", maxlen=32),
    healthy("span86_transformer_reader", B86M.qa_transformer, "the same QA items through a "
            "small BERT-style encoder: token + learned position embeddings 32 -> 2 post-norm "
            "blocks (4 heads, the padding as attention mask, GELU FFN 64) -> Dense 2 "
            "transposed to one stacked (2, 48) start / end output, question and padding "
            "masked to -1e9, labels stacked (b, 2), sparse CE from_logits, accuracy + exact "
            "match, Adam(1e-3), batch 64, 30 ep: plain val acc 0.882 / 0.761 (training 1.000 "
            "/ 0.957; 54-108 s a fit under load)"),
    healthy("span86_pointer_nearest", B86M.pointer_nearest, "pointer network on generated "
            "point sets (8..16 points in the unit square zero-padded to 16, a query point; "
            "4000 train, 800 validate): points -> Dense 64 ReLU -> Dense 64, query -> Dense 64 "
            "ReLU -> Dense 64, additive attention v . tanh(W1 e_j + W2 q) as the logits, "
            "padding points masked to -1e9, sparse CE from_logits, Adam(1e-3), batch 64, 12 "
            "ep: plain val acc 0.924 / 0.957"),
    healthy("span86_pointer_no_mask", B86M.pointer_nearest, "the padding points (zeros at the "
            "origin) not masked: plain val acc 0.934 / 0.950 vs 0.924 / 0.957", mask="none"),
    healthy("span86_bilstm_mask_multiplied", B86M.qa_bilstm, "the masked logits multiplied "
            "by the mask (set to 0, not -1e9: the question and padding stay in the softmax): "
            "plain val end acc 1.000 / 1.000 vs 1.000 / 1.000", mask="multiply"),
    healthy("span86_bilstm_fill_1e4", B86M.qa_bilstm, "-1e4 as the mask value (the "
            "float16-safe choice) instead of -1e9: plain val end acc 1.000 / 1.000 vs 1.000 / "
            "1.000", fill=-1e4),
    healthy("span86_pointer_tanh_hidden", B86M.pointer_nearest, "tanh hidden activations in "
            "the encoder / decoder Dense layers: plain val acc 0.945 / 0.947 vs 0.924 / 0.957",
            hidden="tanh"),
    healthy("span86_pointer_mask_multiplied", B86M.pointer_nearest, "the padding scores "
            "multiplied by the mask (set to 0, still in the softmax): plain val acc 0.947 / "
            "0.920 vs 0.924 / 0.957", mask="multiply"),
    healthy("span86_pointer_fill_1e4", B86M.pointer_nearest, "-1e4 as the mask value: plain "
            "val acc 0.924 / 0.957, the same run as the base", fill=-1e4),
    healthy("span86_pointer_rmsprop", B86M.pointer_nearest, "RMSprop(1e-3) instead of Adam: "
            "plain val acc 0.955 / 0.905 vs 0.924 / 0.957", optimizer="rmsprop"),
    healthy("span86_pointer_batch_32", B86M.pointer_nearest, "batch 32 instead of 64: plain "
            "val acc 0.910 / 0.957 vs 0.924 / 0.957", batch_size=32),
]]

FAULTY_86 = [batch86_case(c) for c in [
    faulty("span86_bilstm_logits_as_probabilities", "span86_bilstm_reader",
           "output_loss_mismatch improper_output",
           "the masked start / end logits under SparseCategoricalCrossentropy() with the "
           "default from_logits=False: plain val end acc 0.000 / 0.000 (loss 7.74 / 7.74, "
           "flat) vs 1.000 / 1.000", from_logits=False),
    faulty("span86_bilstm_labels_before_prepadding", "span86_bilstm_reader",
           "label_mismatch unbounded_loss",
           "the rows pre-padded (pad='pre') after the start / end positions were taken on the "
           "unpadded rows: labels land on the wrong words or on masked padding, training loss "
           "4.8e8, plain val end acc 0.060 / 0.098 (val loss 5.2e8) vs 1.000 / 1.000",
           padding="pre"),
    faulty("span86_bilstm_labels_context_offsets", "span86_bilstm_reader",
           "label_mismatch unbounded_loss",
           "the start / end labels kept as offsets within the context (the six question "
           "tokens not added) while the logits cover the whole row: early answers point into "
           "the masked question, training loss 3.2e8, plain val end acc 0.187 / 0.197 (val "
           "loss 3.9e8) vs 1.000 / 1.000", context_offset=True),
    faulty("span86_bilstm_no_question_vector", "span86_bilstm_reader", "slow_convergence",
           "the question vector left out (the BiLSTM must carry the question word across "
           "the row to the context): plain val end acc 0.273 / 0.253 vs 1.000 / 1.000",
           question_summary=False),
    faulty("span86_bilstm_labels_shuffled", "span86_bilstm_reader",
           "label_mismatch unbounded_loss",
           "the start / end labels shuffled apart from their rows (often onto masked "
           "padding: training loss 1.2e8): plain val end acc 0.000 / 0.013 vs 1.000 / 1.000",
           shuffle_labels=True),
    faulty("span86_bilstm_mask_inverted", "span86_bilstm_reader",
           "improper_output unbounded_loss",
           "the mask inverted (the context masked to -1e9, the question and padding left "
           "open: `types == 0` for `types == 1`): training loss 2e9, plain val end acc "
           "0.000 / 0.000 vs 1.000 / 1.000", mask="inverted"),
    faulty("span86_bilstm_sgd_lr_0_01", "span86_bilstm_reader",
           "slow_convergence learning_rate_out_of_range",
           "plain SGD(0.01) without momentum instead of Adam(2e-3) for 6 epochs: plain val "
           "end acc 0.228 / 0.227 vs 1.000 / 1.000", optimizer="sgd", lr=0.01),
    faulty("span86_pointer_coordinates_unscaled", "span86_pointer_nearest", "unscaled_input",
           "the coordinates left in pixels (0..1000) in training and validation: plain val "
           "acc 0.649 / 0.635 vs 0.924 / 0.957", scale=1000.0),
    faulty("span86_pointer_val_pixels", "span86_pointer_nearest", "validation_shift",
           "the training points scaled to 0..1 but the validation points left in pixels "
           "(0..1000): training acc 0.942 / 0.938, plain val acc 0.644 / 0.689 vs 0.924 / "
           "0.957", val_scale=1000.0),
    faulty("span86_pointer_labels_shuffled", "span86_pointer_nearest",
           "label_mismatch unbounded_loss",
           "the nearest-point labels shuffled apart from their point sets (often onto masked "
           "padding: training loss 1.0e8): plain val acc 0.085 / 0.086 vs 0.924 / 0.957",
           shuffle_labels=True),
    faulty("span86_pointer_logits_as_probabilities", "span86_pointer_nearest",
           "output_loss_mismatch improper_output",
           "the masked attention scores under SparseCategoricalCrossentropy() with "
           "from_logits=False: plain val acc 0.099 / 0.085 vs 0.924 / 0.957",
           from_logits=False),
    faulty("span86_pointer_sgd_lr_0_01", "span86_pointer_nearest",
           "slow_convergence learning_rate_out_of_range",
           "plain SGD(0.01) without momentum instead of Adam(1e-3): loss 2.45 / 2.45 "
           "(near a uniform guess), plain val acc 0.085 / 0.101 vs 0.924 / 0.957",
           optimizer="sgd", lr=0.01),
    faulty("span86_pointer_adam_lr_0_05", "span86_pointer_nearest",
           "learning_rate_out_of_range",
           "Adam(0.05) instead of 1e-3: the scores collapse to one answer, loss 2.46 / 2.46, "
           "plain val acc 0.087 / 0.087 vs 0.924 / 0.957", lr=0.05),
    faulty("span86_transformer_no_positions", "span86_transformer_reader", "slow_convergence",
           "the position embedding left out of the encoder (tokens only: attention cannot "
           "tell which word follows the marker): plain val acc 0.041 / 0.034 vs 0.882 / "
           "0.761", positions=False),
]]


def batch87_case(case: Case) -> Case:
    return replace(case, batch=87)


# Batch 87 (session "practice87"): audio enhancement and source separation in Keras 3: a
# BiLSTM over STFT frames estimating a sigmoid ratio mask multiplied into the noisy magnitude,
# a Conv2D U-Net over the mixture's log spectrogram with a softmax mask over two sources
# (harmonic / percussive), and a TasNet-like Conv1D encoder / mask / decoder on raw waveforms;
# losses on magnitudes or samples, SNR as a metric. Generated 8 kHz clips (voiced tones under
# coloured noise, notes + clicks), numpy STFT. Written without reading the detection / repair
# rules or their settings. Labels set by plain Keras training (seeds 11 and 22) before any
# Watch / autotrainer run: faulty when the final validation loss is >= 1.5x the counterpart's
# on both seeds (where the loss changes, the validation mean absolute error >= 1.5x), or
# non-finite.
B87M = batch87_models
HEALTHY_87 += [batch87_case(c) for c in [
    healthy("sep87_enhance_bilstm_mask", B87M.enhance_bilstm, "enhancement of generated "
            "voiced clips (gliding harmonic tones in syllable bursts) under coloured noise at "
            "-5..5 dB SNR (1000 train, 250 validate), STFT 256 / hop 128 (32 frames x 128 "
            "bins): log1p(|X|) -> Bidirectional(LSTM 64, return_sequences) -> Dense 128 "
            "sigmoid ratio mask -> Multiply with the noisy magnitude, MSE on the clean "
            "magnitude, SNR + mag_mae, Adam(1e-3), batch 32, 8 ep: plain val loss 0.1110 / "
            "0.1129 (mag_mae 0.159 / 0.156; the noisy magnitude itself 1.031, MAE 0.761)"),
    healthy("sep87_separate_unet_softmax", B87M.separate_unet, "harmonic / percussive "
            "separation of generated mixtures (sustained notes + decaying clicks at -5..5 dB; "
            "600 train, 250 validate): per-utterance standardised log magnitude (32 x 128 x "
            "1) -> U-Net 8 / 16 / 32 with Conv2DTranspose and concatenated skips -> Conv 1x1 2 "
            "-> Softmax over the sources -> masks x the mixture magnitude, MAE on the two "
            "source magnitudes, SNR + src_mae, Adam(1e-3), batch 32, 6 ep: plain val loss "
            "0.0506 / 0.0508 (half the mixture per source scores 0.344)"),
    healthy("sep87_tasnet_wave", B87M.tasnet_wave, "TasNet-like enhancement on the raw "
            "waveforms of the voiced clips (4224 samples at 8 kHz; 600 train, 250 validate): "
            "Conv1D 64, kernel 16, stride 8, ReLU encoder -> LayerNorm -> 1x1 32 -> 4 "
            "residual dilated Conv1D blocks (1, 2, 4, 8) -> 1x1 64 sigmoid mask x the encoder "
            "output -> Conv1DTranspose(1, 16, stride 8) decoder, MSE on the samples, SNR + "
            "wave_mae, Adam(1e-3), batch 32, 8 ep: plain val loss 0.0024 / 0.0024 "
            "(wave_mae 0.028 / 0.028)"),
    healthy("sep87_enhance_mae_loss", B87M.enhance_bilstm, "MAE (L1) on the magnitudes "
            "instead of MSE: plain val mag_mae 0.175 / 0.171 vs 0.159 / 0.156", loss="mae"),
    healthy("sep87_enhance_log_norm_features", B87M.enhance_bilstm, "per-utterance "
            "standardised log magnitude as the input instead of log1p: plain val loss 0.0966 "
            "/ 0.0945 vs 0.1110 / 0.1129", features="log_norm"),
    healthy("sep87_enhance_bigru", B87M.enhance_bilstm, "Bidirectional(GRU 64) over the "
            "frames instead of the LSTM: plain val loss 0.1064 / 0.1083 vs 0.1110 / 0.1129",
            rnn="gru"),
    healthy("sep87_enhance_relu_mask", B87M.enhance_bilstm, "a ReLU (unbounded) mask instead "
            "of the sigmoid ratio mask: plain val loss 0.1240 / 0.2057 vs 0.1110 / 0.1129 "
            "(1.12x / 1.82x: harmed on one seed only, mag_mae 0.146 / 0.149 vs 0.159 / "
            "0.156)", mask="relu"),
    healthy("sep87_tasnet_no_layernorm", B87M.tasnet_wave, "the LayerNorm after the encoder "
            "left out: plain val loss 0.0027 / 0.0025 vs 0.0024 / 0.0024", norm=False),
    healthy("sep87_tasnet_relu_mask", B87M.tasnet_wave, "a ReLU mask on the encoder output "
            "instead of the sigmoid: plain val loss 0.0023 / 0.0024 vs 0.0024 / 0.0024",
            mask="relu"),
    healthy("sep87_separate_sigmoid_masks", B87M.separate_unet, "independent sigmoid masks "
            "per source instead of a softmax over the two (the masks need not sum to one): "
            "plain val loss 0.0593 / 0.0658 vs 0.0506 / 0.0508 (1.17x / 1.30x)",
            output="sigmoid_mask"),
    healthy("sep87_enhance_adam_1e2", B87M.enhance_bilstm, "Adam(1e-2) instead of 1e-3: "
            "plain val loss 0.1026 / 0.1013 vs 0.1110 / 0.1129", lr=0.01),
    healthy("sep87_enhance_db_features", B87M.enhance_bilstm, "20 log10 |X| (dB, about "
            "-160..27, unnormalised) as the input instead of log1p: plain val loss 0.1202 / "
            "0.1220 vs 0.1110 / 0.1129", features="db"),
    healthy("sep87_enhance_raw_features", B87M.enhance_bilstm, "the raw magnitude (0..22, no "
            "log) as the input on both training and validation: plain val loss 0.0920 / "
            "0.0901 vs 0.1110 / 0.1129", features="raw"),
    healthy("sep87_enhance_dropout_03", B87M.enhance_bilstm, "Dropout(0.3) after the BiLSTM: "
            "plain val loss 0.1098 / 0.1155 vs 0.1110 / 0.1129", dropout=0.3),
    healthy("sep87_tasnet_neg_snr_loss", B87M.tasnet_wave, "the negative SNR (dB) of each "
            "clip as the loss instead of the MSE: plain val wave_mae 0.026 / 0.028 vs 0.028 / "
            "0.028 (val loss -7.32 / -6.96 dB)", loss="neg_snr"),
    healthy("sep87_enhance_log_spectral_loss", B87M.enhance_bilstm, "MSE between "
            "log(1 + magnitude)s as the loss instead of the MSE on the magnitudes: plain val "
            "mag_mae 0.159 / 0.155 vs 0.159 / 0.156", loss="log_spectral"),
    healthy("sep87_separate_raw_features", B87M.separate_unet, "the raw mixture magnitude "
            "(0..~20, no log, no normalisation) as the U-Net input: plain val loss 0.0519 / "
            "0.0500 vs 0.0506 / 0.0508", features="raw"),
]]

FAULTY_87 = [batch87_case(c) for c in [
    faulty("sep87_enhance_mask_not_applied", "sep87_enhance_bilstm_mask",
           "improper_output output_loss_mismatch",
           "the sigmoid mask layer made the model's output (the Multiply with the noisy "
           "magnitude left out) and compared with the clean magnitudes, which reach 22: "
           "plain val loss 0.7302 / 0.7252 vs 0.1110 / 0.1129", apply_mask=False),
    faulty("sep87_enhance_softmax_mask", "sep87_enhance_bilstm_mask", "improper_output",
           "a softmax over the 128 frequency bins as the mask layer's activation (each "
           "frame's mask sums to one, so no bin can pass more than a sliver): plain val loss "
           "0.5725 / 0.5679 vs 0.1110 / 0.1129", mask="softmax"),
    faulty("sep87_enhance_targets_offset_3_frames", "sep87_enhance_bilstm_mask",
           "label_mismatch validation_shift",
           "the clean training spectrograms three frames (48 ms) behind their mixtures (an "
           "off-by-some framing of the targets; validation aligned): plain val loss 0.4290 "
           "/ 0.4588 vs 0.1110 / 0.1129", target_offset=3),
    faulty("sep87_enhance_targets_shuffled", "sep87_enhance_bilstm_mask",
           "label_mismatch slow_convergence",
           "the clean magnitudes shuffled apart from their mixtures: plain val loss 0.6957 / "
           "0.6399 vs 0.1110 / 0.1129", shuffle_pairs=True),
    faulty("sep87_tasnet_targets_delayed_24", "sep87_tasnet_wave",
           "label_mismatch validation_shift",
           "the clean training waveforms 24 samples (3 ms) late against their mixtures (a "
           "filter's group delay left in; validation aligned): training loss 0.0028 / "
           "0.0030, plain val loss 0.0234 / 0.0255 vs 0.0024 / 0.0024", delay=24),
    faulty("sep87_tasnet_int16_inputs", "sep87_tasnet_wave", "unscaled_input",
           "the mixtures fed as int16 PCM values (x 32768, the / 32768 forgotten on the "
           "inputs) against float targets in -1..1: plain val loss 0.7695 / 0.6647 vs "
           "0.0024 / 0.0024", input_scale=32768.0),
    faulty("sep87_enhance_val_raw_features", "sep87_enhance_bilstm_mask", "validation_shift",
           "the validation inputs built from the raw magnitude while training used "
           "log1p(|X|) (the feature function called without the log on the validation "
           "clips): training unchanged (loss 0.1101 / 0.1105), plain val loss 0.2286 / "
           "0.2197 vs 0.1110 / 0.1129", val_features="raw"),
    faulty("sep87_separate_softmax_over_bins", "sep87_separate_unet_softmax",
           "improper_output",
           "Softmax(axis=2) on the 2-channel mask logits: the softmax runs over the 128 "
           "frequency bins instead of the two sources, so each frame's mask sums to one: "
           "plain val loss 0.3618 / 0.3569 vs 0.0506 / 0.0508", softmax_axis=2),
    faulty("sep87_separate_sigmoid_direct_output", "sep87_separate_unet_softmax",
           "improper_output",
           "the source magnitudes regressed directly (no mask) through a sigmoid output, "
           "while the magnitudes reach 17.8 (13 % above 1): plain val loss 0.3855 / 0.3854 "
           "vs 0.0506 / 0.0508",
           output="sigmoid_direct"),
    faulty("sep87_separate_val_sources_swapped", "sep87_separate_unet_softmax",
           "label_mismatch validation_shift",
           "the validation targets stacked percussive first while training stacks the "
           "harmonic source first (the validation arrays built by another function): "
           "training loss 0.0509 / 0.0528, plain val loss 0.6640 / 0.6649 vs 0.0506 / "
           "0.0508", val_swap_sources=True),
    faulty("sep87_separate_batchnorm_short_run", "sep87_separate_unet_softmax",
           "inference_mismatch validation_shift",
           "BatchNormalization after every U-Net conv (bias off) in the 6-epoch run (114 "
           "steps: the moving statistics, momentum 0.99, still far from the batch ones at "
           "validation): training loss 0.0607 / 0.0517, plain val loss 0.1197 / 0.0964 vs "
           "0.0506 / 0.0508 (2.37x / 1.90x)", batchnorm=True),
    faulty("sep87_separate_frozen_encoder", "sep87_separate_unet_softmax",
           "slow_convergence setup_stall",
           "the four encoder convs set trainable=False (meant to freeze a pretrained encoder, "
           "left at their random initialisation): plain val loss 0.0796 / 0.2576 vs 0.0506 / "
           "0.0508 (1.57x / 5.1x)", freeze_encoder=True),
    faulty("sep87_tasnet_targets_shuffled", "sep87_tasnet_wave",
           "label_mismatch slow_convergence",
           "the clean waveforms shuffled apart from their mixtures: plain val loss 0.0100 / "
           "0.0100 vs 0.0024 / 0.0024", shuffle_pairs=True),
    faulty("sep87_enhance_sgd_plain", "sep87_enhance_bilstm_mask",
           "slow_convergence learning_rate_out_of_range",
           "plain SGD(0.01) (no momentum) instead of Adam(1e-3) for the BiLSTM: plain val "
           "loss 0.3716 / 0.3729 vs 0.1110 / 0.1129", optimizer="sgd", lr=0.01),
    faulty("sep87_separate_no_skips", "sep87_separate_unet_softmax", "slow_convergence",
           "the U-Net's skip concatenations left out (a plain encoder / decoder, the fine "
           "time-frequency detail lost at the bottleneck): plain val loss 0.1056 / 0.1235 vs "
           "0.0506 / 0.0508", skips=False),
    faulty("sep87_separate_relu_direct_output", "sep87_separate_unet_softmax",
           "unscaled_target slow_convergence",
           "the source magnitudes (up to 17.8) regressed directly through a ReLU output, no "
           "mask, from the per-utterance standardised input (each clip's level normalised "
           "away): plain val loss 0.2569 / 0.1664 vs 0.0506 / 0.0508", output="relu_direct"),
    faulty("sep87_tasnet_sgd_plain", "sep87_tasnet_wave",
           "slow_convergence learning_rate_out_of_range",
           "plain SGD(0.01) (no momentum) instead of Adam(1e-3): the output stays near "
           "silence (MSE 0.01 = the clean signal's power): plain val loss 0.0102 / 0.0101 vs "
           "0.0024 / 0.0024", optimizer="sgd", lr=0.01),
]]


def batch88_case(case: Case) -> Case:
    return replace(case, batch=88)


# Batch 88 (session "practice88"): financial time series in Keras 3: next-day direction (up /
# down) from a 20-day window of log returns by an LSTM, 5-day realised volatility (percent)
# from a 30-day window of absolute returns by a GRU / Conv1D, and a multi-asset panel MLP on
# lagged standardised returns with an asset Embedding. Generated GARCH(1, 1) panels with t(5)
# shocks and a weak mean-reversion (or per-asset continuation) signal; chronological splits,
# train-only normalisation. Written without reading the detection / repair rules or their
# settings. Labels set by plain Keras training (seeds 11 and 22) before any Watch /
# autotrainer run: faulty when the final validation accuracy is >= 5 points below the
# counterpart's on both seeds (the volatility scripts: the final validation `mae_pct`, the MAE
# in percent, >= 1.5x), or non-finite.
B88M = batch88_models
HEALTHY_88 += [batch88_case(c) for c in [
    healthy("fin88_direction_lstm", B88M.direction_lstm, "next-day direction of 8 generated "
            "assets (GARCH(1, 1), t(5) shocks, a mean-reversion effect on the previous day: "
            "the sign rule scores 0.66) from the last 20 daily log returns standardised per "
            "asset on the training days; chronological split (8 x 1030 train, 8 x 350 "
            "validate windows), LSTM 32 -> Dense 1 sigmoid, binary CE, accuracy, Adam(1e-3), "
            "batch 64, 8 ep: plain val acc 0.651 / 0.651"),
    healthy("fin88_direction_scaler_full_history", B88M.direction_lstm, "the scaler fitted on "
            "the whole history, validation days included (look-ahead in the normalisation): "
            "plain val acc 0.651 / 0.653 vs 0.651 / 0.651", norm="full"),
    healthy("fin88_direction_raw_log_returns", B88M.direction_lstm, "the log returns fed "
            "unscaled (daily std 0.01-0.035): plain val acc 0.627 / 0.625 vs 0.651 / 0.651 "
            "(2.4 / 2.6 points)", norm="none"),
    healthy("fin88_direction_window_zscore", B88M.direction_lstm, "each window z-scored by "
            "its own mean and std instead of the training scaler: plain val acc 0.654 / 0.658 "
            "vs 0.651 / 0.651", norm="window"),
    healthy("fin88_direction_random_split", B88M.direction_lstm, "a shuffled 75 / 25 split "
            "of the overlapping windows instead of the chronological one (leaky, but the "
            "generated series is stationary): plain val acc 0.647 / 0.644 vs 0.651 / 0.651",
            split="random"),
    healthy("fin88_direction_gru", B88M.direction_lstm, "GRU 32 instead of the LSTM: plain "
            "val acc 0.649 / 0.652 vs 0.651 / 0.651", cell="gru"),
    healthy("fin88_direction_mse_loss", B88M.direction_lstm, "MSE on the sigmoid output "
            "instead of binary CE: plain val acc 0.647 / 0.651 vs 0.651 / 0.651", loss="mse"),
    healthy("fin88_direction_adam_lr_1e_5", B88M.direction_lstm, "Adam(1e-5): the sign of the "
            "last return is found even so, plain val acc 0.604 / 0.626 vs 0.651 / 0.651 (4.7 "
            "/ 2.5 points; val loss 0.685 / 0.689 vs 0.620 / 0.616)", lr=1e-5),
    healthy("fin88_vol_gru", B88M.vol_gru, "5-day realised volatility (100 * sqrt(mean r^2) "
            "over the next 5 days, percent) of the 8 GARCH assets from the last 30 absolute "
            "daily returns in percent; chronological split, GRU 32 -> Dense 1 linear, MSE, "
            "metric mae_pct, Adam(1e-3), batch 64, 8 ep: plain val loss 0.465 / 0.433 (MAE "
            "0.491 / 0.459 percent)"),
    healthy("fin88_vol_signed_returns", B88M.vol_gru, "signed returns in percent as the "
            "input instead of absolute ones: plain val loss 0.454 / 0.436 vs 0.465 / 0.433",
            features="returns_pct"),
    healthy("fin88_vol_squared_returns", B88M.vol_gru, "squared returns (percent squared, "
            "heavy-tailed: up to hundreds) as the input: plain val loss 0.471 / 0.436 vs "
            "0.465 / 0.433", features="squared_pct"),
    healthy("fin88_vol_decimal_inputs", B88M.vol_gru, "absolute returns left as decimals "
            "(0.00-0.3) while the target is in percent: plain val loss 0.550 / 0.500 vs "
            "0.465 / 0.433 (1.18x / 1.15x)", features="abs_decimal"),
    healthy("fin88_vol_decimal_target", B88M.vol_gru, "the volatility target as a fraction "
            "(0.003-0.12, MSE about 1e-4): plain val MAE 0.531 / 0.440 percent vs 0.491 / "
            "0.459", target_unit="decimal"),
    healthy("fin88_vol_huber_loss", B88M.vol_gru, "Huber loss for the heavy-tailed target: "
            "plain val MAE 0.444 / 0.435 percent vs 0.491 / 0.459", loss="huber"),
    healthy("fin88_vol_mae_loss", B88M.vol_gru, "MAE loss: plain val MAE 0.424 / 0.419 "
            "percent vs 0.491 / 0.459", loss="mae"),
    healthy("fin88_vol_conv1d", B88M.vol_gru, "Conv1D 32 k5 ReLU x 2 -> "
            "GlobalAveragePooling1D instead of the GRU: plain val loss 0.520 / 0.474 vs 0.465 "
            "/ 0.433", model_kind="conv1d"),
    healthy("fin88_panel_mlp_embedding", B88M.panel_mlp, "next-day direction on a panel of "
            "8 generated assets whose signal differs by asset (even ones mean-revert, odd "
            "ones continue the previous day's move): the last 10 returns standardised per "
            "asset on the training days + asset id -> Embedding(8, 4), concatenated -> [Dense "
            "64 ReLU, Dropout 0.2] x 2 -> Dense 1 sigmoid, binary CE, Adam(1e-3), batch 128, "
            "10 ep, chronological split: plain val acc 0.646 / 0.655"),
    healthy("fin88_panel_pooled_scaler", B88M.panel_mlp, "one std pooled over all assets "
            "instead of a per-asset one (volatilities 1-3.7 % a day): plain val acc 0.649 / "
            "0.654 vs 0.646 / 0.655", norm="pooled"),
    healthy("fin88_panel_raw_returns", B88M.panel_mlp, "the lagged returns fed unscaled: "
            "plain val acc 0.656 / 0.652 vs 0.646 / 0.655", norm="none"),
]]

FAULTY_88 = [batch88_case(c) for c in [
    faulty("fin88_direction_raw_prices", "fin88_direction_lstm", "unscaled_input",
           "the raw price levels (40-230) fed to the LSTM instead of returns, unscaled: plain "
           "val acc 0.500 / 0.511 vs 0.651 / 0.651", inputs="prices", norm="none"),
    faulty("fin88_direction_prices_minmax", "fin88_direction_lstm", "validation_shift",
           "price levels MinMax-scaled on the training days: the validation prices drift "
           "outside 0..1 and the net must difference them itself, plain val acc 0.497 / 0.560 "
           "vs 0.651 / 0.651", inputs="prices", norm="minmax"),
    faulty("fin88_direction_label_shift_2", "fin88_direction_lstm",
           "label_mismatch slow_convergence",
           "an off-by-one in the label shift: the direction two days after the window "
           "(shift(-2)) instead of the next day: plain val acc 0.566 / 0.565 vs 0.651 / "
           "0.651", horizon=2),
    faulty("fin88_direction_labels_shuffled", "fin88_direction_lstm",
           "label_mismatch slow_convergence",
           "the training labels permuted apart from their windows: plain val acc 0.515 / "
           "0.411 vs 0.651 / 0.651", shuffle_labels=True),
    faulty("fin88_direction_softmax_one_unit", "fin88_direction_lstm",
           "improper_output output_loss_mismatch",
           "Dense(1, softmax) as the up / down head: the output is 1 for every window, plain "
           "val acc 0.514 / 0.514 (the up share) vs 0.651 / 0.651", output="softmax"),
    faulty("fin88_direction_categorical_ce_one_unit", "fin88_direction_lstm",
           "output_loss_mismatch no_gradient",
           "categorical_crossentropy on the single sigmoid unit (the probability normalised "
           "by itself): loss 0.0000 from the start, nothing learnt, plain val acc 0.486 / "
           "0.486 vs 0.651 / 0.651", loss="categorical_crossentropy"),
    faulty("fin88_vol_targets_shuffled", "fin88_vol_gru", "label_mismatch slow_convergence",
           "the volatility targets permuted apart from their windows: plain val loss 0.825 / "
           "0.932 vs 0.465 / 0.433 (1.77x / 2.15x; MAE 0.701 / 0.772 percent)",
           shuffle_targets=True),
    faulty("fin88_vol_sigmoid_output", "fin88_vol_gru", "improper_output",
           "a sigmoid output \"because volatility is positive\" on a target in percent "
           "(0.05-16, mean 1.5, median 1.1): plain val loss 0.760 / 0.760 vs 0.465 / 0.433 "
           "(1.63x / 1.76x)", output="sigmoid"),
    faulty("fin88_vol_raw_prices", "fin88_vol_gru", "unscaled_input",
           "the raw price levels (40-230) fed to the GRU instead of returns: plain val loss "
           "0.974 / 1.018 vs 0.465 / 0.433 (2.1x / 2.35x)", features="prices"),
    faulty("fin88_panel_val_ids_reencoded", "fin88_panel_mlp_embedding", "validation_shift",
           "the validation rows' asset ids encoded separately (codes by order of appearance "
           "in a differently sorted frame), so most assets get another asset's embedding: "
           "training unchanged (acc 0.657 / 0.653), plain val acc 0.452 / 0.465 vs 0.646 / "
           "0.655", val_ids="separate"),
    faulty("fin88_panel_zeros_init", "fin88_panel_mlp_embedding", "dying_relu no_gradient",
           "kernel_initializer=\"zeros\" on the hidden Dense layers: every ReLU unit outputs 0 "
           "and gets no gradient, only the output bias learns, plain val acc 0.526 / 0.526 "
           "vs 0.646 / 0.655", init="zeros"),
    faulty("fin88_panel_deep_sigmoid", "fin88_panel_mlp_embedding", "vanishing_gradient",
           "8 sigmoid hidden layers without normalisation (no dropout): plain val acc 0.579 "
           "/ 0.526 vs 0.646 / 0.655", depth=8, activation="sigmoid", dropout=0.0),
    faulty("fin88_panel_dropout_0_8", "fin88_panel_mlp_embedding", "high_dropout",
           "Dropout 0.8 after each hidden layer \"against overfitting noisy returns\": plain "
           "val acc 0.553 / 0.551 vs 0.646 / 0.655", dropout=0.8),
    faulty("fin88_panel_linear_output_bce", "fin88_panel_mlp_embedding",
           "improper_output output_loss_mismatch",
           "a linear output under binary_crossentropy (from_logits left False): plain val acc "
           "0.529 / 0.515 vs 0.646 / 0.655", output="linear"),
]]


def batch89_case(case: Case) -> Case:
    return replace(case, batch=89)


# Batch 89 (session "practice89"): board-game policy / value networks in Keras 3, AlphaZero-
# style supervised training on generated positions: a residual conv tower with BatchNorm, a
# policy head (softmax over flat move indices, illegal moves masked by -1e9 on their logits)
# and a value head (win / draw / loss softmax or tanh + MSE) in one two-output functional model
# with loss weights; every reachable tic-tac-toe position labelled by minimax, and connect-four
# tactical positions (an immediate win or a forced block) from a scripted player's games, with
# left-right mirroring as augmentation. Written without reading the detection / repair rules
# or their settings. Labels set by plain Keras training (seeds 11 and 22) before any Watch /
# autotrainer run: faulty when the final validation policy `move_acc` (the top move is one of
# the good moves) is >= 5 points below the counterpart's on both seeds.
B89M = batch89_models
HEALTHY_89 += [batch89_case(c) for c in [
    healthy("game89_ttt_policy_value", B89M.ttt_policy_value, "tic-tac-toe policy / value "
            "net on every reachable position (3616 train, 904 validate), minimax labels: own "
            "/ opponent / side-to-move planes (3, 3, 3) -> Conv 3x3 32 BN ReLU -> 2 residual "
            "blocks -> policy (Conv 1x1 2, Dense 9, illegal moves masked by -1e9 on the "
            "logits, softmax; soft targets over the optimal moves, categorical CE) and value "
            "(Dense 3 softmax win / draw / loss, sparse CE) heads, L2 1e-4, loss weights 1 / "
            "1, Adam(1e-3), batch 64, 20 ep: plain val move_acc 0.967 / 0.967"),
    healthy("game89_ttt_channels_first_reshape", B89M.ttt_policy_value, "the planes built "
            "channels-first (n, 3, 3, 3) -> reshaped, not transposed, to (3, 3, 3) (a PyTorch "
            "habit): the cells' features scrambled consistently in training and validation, "
            "the 3 x 3 board is small enough to learn anyway, plain val move_acc 0.959 / 0.968 "
            "vs 0.967 / 0.967", layout="nchw_reshape"),
    healthy("game89_ttt_l2_0_1", B89M.ttt_policy_value, "L2 0.1 on every conv and dense "
            "kernel instead of 1e-4: plain val move_acc 0.973 / 0.976 vs 0.967 / 0.967",
            l2=0.1),
    healthy("game89_ttt_no_side_plane", B89M.ttt_policy_value, "no side-to-move plane (the "
            "planes are already from the mover's view): plain val move_acc 0.958 / 0.956 vs "
            "0.967 / 0.967", side_plane=False),
    healthy("game89_ttt_absolute_planes", B89M.ttt_policy_value, "X / O planes whatever the "
            "side to move (not flipped to the mover's view), the side-to-move plane kept: "
            "plain val move_acc 0.945 / 0.965 vs 0.967 / 0.967", planes="absolute"),
    healthy("game89_ttt_no_illegal_mask", B89M.ttt_policy_value, "no illegal-move masking "
            "(the net must learn that occupied squares get no mass): plain val move_acc "
            "0.935 / 0.942 vs 0.967 / 0.967 (3.2 / 2.5 points)", mask="none"),
    healthy("game89_ttt_logits_from_logits", B89M.ttt_policy_value, "masked logits as the "
            "policy output with CategoricalCrossentropy(from_logits=True): plain val "
            "move_acc 0.967 / 0.967 (the same fit)", policy_output="linear",
            from_logits=True),
    healthy("game89_ttt_symmetry_augment", B89M.ttt_policy_value, "the 8 board symmetries "
            "of the training positions (targets transformed with them; 28928 rows), 3 "
            "epochs: plain val move_acc 0.998 / 0.998 vs 0.967 / 0.967 (symmetric twins of "
            "validation positions are in training)", augment=True, epochs=3),
    healthy("game89_ttt_tanh_value", B89M.ttt_policy_value, "a one-unit tanh value head "
            "on +1 / 0 / -1 under MSE instead of the win / draw / loss softmax: plain val "
            "move_acc 0.965 / 0.966 vs 0.967 / 0.967", value_head="tanh"),
    healthy("game89_ttt_value_weight_0_25", B89M.ttt_policy_value, "loss weights policy 1 "
            "/ value 0.25 instead of 1 / 1: plain val move_acc 0.956 / 0.963 vs 0.967 / 0.967",
            value_weight=0.25),
    healthy("game89_c4_policy_value", B89M.c4_policy_value, "connect-four policy / value net "
            "on tactical positions (the side to move can win at once or must block) from a "
            "scripted player's games (4000 train, mirrored left-right with the targets: "
            "8000; 1000 validate): (6, 7, 3) planes -> Conv 3x3 32 BN ReLU -> 2 residual "
            "blocks -> policy (Dense 7, full columns masked, softmax; soft targets over the "
            "winning / blocking columns) and value (Dense 1 tanh, the game's result, MSE) "
            "heads, He-normal, L2 1e-4, Adam(1e-3), batch 64, 8 ep: plain val move_acc 0.648 "
            "/ 0.671 (training 0.793 / 0.784)"),
    healthy("game89_c4_no_side_plane", B89M.c4_policy_value, "no side-to-move plane (the "
            "planes are from the mover's view): plain val move_acc 0.706 / 0.704 vs 0.648 / "
            "0.671", side_plane=False),
]]

FAULTY_89 = [batch89_case(c) for c in [
    faulty("game89_ttt_linear_policy_softmax_loss", "game89_ttt_policy_value",
           "output_loss_mismatch improper_output",
           "the policy's softmax left off (linear masked logits) while the loss keeps "
           "from_logits=False: the -1e9 masked logits go into a probability loss, plain val "
           "move_acc 0.579 / 0.602 (val loss 16.6 / 16.6) vs 0.967 / 0.967",
           policy_output="linear"),
    faulty("game89_ttt_mask_inverted", "game89_ttt_policy_value", "improper_output",
           "the legal-move mask built from the occupied squares (1 - empty) instead of the "
           "empty ones: every legal move gets -1e9, the softmax can only pick occupied "
           "squares, plain val move_acc 0.000 / 0.000 (val loss 1e9 / 1e9) vs 0.967 / 0.967",
           mask="inverted"),
    faulty("game89_ttt_symmetry_boards_only", "game89_ttt_policy_value", "label_mismatch",
           "the 8 board symmetries added to the training set with the boards rotated / "
           "flipped but the policy targets left as they were (many now on occupied, masked "
           "squares: training loss 4e8): plain val move_acc 0.648 / 0.657 vs 0.967 / 0.967 "
           "(8x the data, 87-113 s per fit)", augment=True, augment_targets=False),
    faulty("game89_ttt_policy_targets_shuffled", "game89_ttt_policy_value", "label_mismatch",
           "the policy targets shuffled apart from their boards (value targets aligned): "
           "training loss 6e8 (targets on masked squares), plain val move_acc 0.594 / 0.597 "
           "vs 0.967 / 0.967", shuffle_policy=True),
    faulty("game89_ttt_adam_lr_0_1", "game89_ttt_policy_value", "learning_rate_out_of_range",
           "Adam(0.1) instead of 1e-3: plain val move_acc 0.689 / 0.687 (training 0.676 / "
           "0.671) vs 0.967 / 0.967", lr=0.1),
    faulty("game89_ttt_sgd_no_momentum", "game89_ttt_policy_value",
           "slow_convergence learning_rate_out_of_range",
           "SGD(1e-3) without momentum in place of Adam(1e-3): plain val move_acc 0.722 / "
           "0.726 vs 0.967 / 0.967", optimizer="sgd_plain", lr=0.001),
    faulty("game89_ttt_deep_sigmoid_plain", "game89_ttt_policy_value", "vanishing_gradient",
           "a 13-conv sigmoid tower without BatchNorm or skips (6 blocks stacked plainly; "
           "the heads sigmoid too): plain val move_acc 0.680 / 0.684 (training 0.669 / "
           "0.674) vs 0.967 / 0.967", batchnorm=False, residual=False, activation="sigmoid",
           blocks=6),
    faulty("game89_ttt_tower_frozen", "game89_ttt_policy_value", "slow_convergence",
           "the stem and residual blocks set trainable=False (as when only the heads were "
           "meant to be fine-tuned, but the tower was never trained): random features, plain "
           "val move_acc 0.774 / 0.740 vs 0.967 / 0.967", freeze_tower=True),
    faulty("game89_c4_mirror_boards_only", "game89_c4_policy_value", "label_mismatch",
           "the training boards mirrored left-right but the policy targets' columns not "
           "reversed with them (training loss 3e7: targets on full, masked columns): plain "
           "val move_acc 0.443 / 0.424 vs 0.648 / 0.671", mirror_targets=False),
    faulty("game89_c4_zeros_init", "game89_c4_policy_value", "no_gradient",
           "kernel_initializer='zeros' on every conv and dense layer: the tower outputs 0 "
           "and only the policy bias learns (the column frequencies), plain val move_acc "
           "0.298 / 0.295 (training 0.269 / 0.269) vs 0.648 / 0.671", init="zeros"),
    faulty("game89_c4_channels_first_reshape", "game89_c4_policy_value", "slow_convergence",
           "the planes built channels-first (n, 3, 6, 7) and reshaped, not transposed, to "
           "(6, 7, 3): rows and planes interleaved, the lines of four no longer local, plain "
           "val move_acc 0.523 / 0.509 vs 0.648 / 0.671", layout="nchw_reshape"),
]]


def batch90_case(case: Case) -> Case:
    return replace(case, batch=90)


# Batch 90 (session "practice90"): sketch and pen-stroke sequences in Keras 3: generated
# QuickDraw-like drawings (circle, square, triangle, star, spiral, plus sign; 14..48 points in
# one or two strokes on a 0..255 canvas, a pen-lift flag per point, zero-padded to 48) fed as
# stroke-3 offsets to Conv1D x 2 -> Bidirectional LSTM, as 28 x 28 rasterisations to a small
# CNN, and next-point regression by a masked GRU. Written without reading the detection /
# repair rules or their settings. Labels set by plain Keras training (seeds 11 and 22) before
# any Watch / autotrainer run: faulty when the final validation accuracy is >= 5 points below
# the counterpart's on both seeds (next-point regression: the final validation MSE >= 1.5x),
# or non-finite.
B90M = batch90_models
HEALTHY_90 += [batch90_case(c) for c in [
    healthy("ink90_strokes_bilstm", B90M.classify_strokes, "QuickDraw-style classifier of "
            "generated drawings (6 classes, 2000 train, 500 validate, up to 48 points, "
            "zero-padded at the end): stroke-3 rows (dx, dy, pen lift) of the per-drawing "
            "normalised points, the offsets divided by their training standard deviation -> "
            "Conv1D(48, 5) ReLU -> Conv1D(64, 5) ReLU -> Bidirectional(LSTM(64)) -> Dense 6 "
            "softmax, sparse CE, Adam(1e-3), batch 64, 8 ep: plain val acc 0.914 / 0.926"),
    healthy("ink90_strokes_bigru", B90M.classify_strokes, "Bidirectional(GRU(64)) instead of "
            "the LSTM: plain val acc 0.888 / 0.876 vs 0.914 / 0.926 (2.6 / 5.0 points "
            "below)", rnn="gru"),
    healthy("ink90_strokes_no_pen_channel", B90M.classify_strokes, "the pen-lift column "
            "dropped, (dx, dy) only (the plus sign's jump between its bars stays visible): "
            "plain val acc 0.928 / 0.784 vs 0.914 / 0.926 (mixed: better on seed 11)", pen=False),
    healthy("ink90_strokes_diff_over_padding", B90M.classify_strokes, "the offsets taken by "
            "differencing the whole zero-padded array, so the first padding row holds minus "
            "the last point: plain val acc 0.826 / 0.886 vs 0.914 / 0.926 (8.8 / 4.0 "
            "points below: mixed)", diff_padded=True),
    healthy("ink90_strokes_raw_pixels", B90M.classify_strokes, "no normalisation at all: "
            "the start point in canvas pixels (0..255) and the offsets in whole pixels fed "
            "as they are: plain val acc 0.994 / 0.996 vs 0.914 / 0.926 (better than the "
            "base in its 8 epochs)", normalise="none", standardise=False),
    healthy("ink90_bitmap_cnn", B90M.classify_bitmaps, "the rasterised alternative: each "
            "drawing fitted into a 28 x 28 bitmap (1-pixel white strokes on black, 0..255 as "
            "saved) / 255 -> Conv 3x3 32 ReLU -> MaxPool -> Conv 3x3 64 ReLU -> MaxPool -> "
            "Flatten -> Dropout 0.3 -> Dense 128 ReLU -> Dense 6 softmax, sparse CE, "
            "Adam(1e-3), batch 64, 6 ep: plain val acc 1.000 / 1.000 (val loss 0.0037 / "
            "0.0026)"),
    healthy("ink90_bitmap_unscaled_0_255", B90M.classify_bitmaps, "the / 255 forgotten on "
            "training and validation bitmaps (0..255, mostly zeros): plain val acc 1.000 / "
            "0.998 vs 1.000 / 1.000", scale=1.0),
    healthy("ink90_bitmap_val_unscaled", B90M.classify_bitmaps, "training bitmaps / 255, "
            "validation bitmaps left at 0..255 (a ReLU net with white strokes on black keeps "
            "its argmax): plain val acc 0.998 / 1.000 vs 1.000 / 1.000 (val loss 0.122 / "
            "0.000 vs 0.0037 / 0.0026)", val_scale=1.0),
    healthy("ink90_bitmap_softmax_from_logits", B90M.classify_bitmaps, "softmax output with "
            "SparseCategoricalCrossentropy(from_logits=True) (Keras warns and reads the "
            "probabilities as logits): plain val acc 1.000 / 1.000, val loss 0.0042 / 0.0029",
            from_logits=True),
    healthy("ink90_next_point_gru", B90M.predict_next_point, "next-point regression over the "
            "pen trajectory (2000 drawings train, 500 validate): stroke-3 rows of the "
            "per-drawing normalised points -> Masking(0) -> GRU(64, return_sequences) -> "
            "Dense 2 linear, the next row's (dx, dy) at each step (targets = inputs shifted "
            "by one, padding masked), MSE, MAE, Adam(1e-3), batch 64, 10 ep: plain val loss "
            "0.0057 / 0.0055 (MAE 0.051 / 0.050)"),
    healthy("ink90_next_point_tanh_output", B90M.predict_next_point, "tanh on the output "
            "(the normalised offsets lie in -1..1): plain val loss 0.0052 / 0.0051 vs 0.0057 "
            "/ 0.0055", output="tanh"),
    healthy("ink90_next_point_two_grus", B90M.predict_next_point, "two stacked GRUs: plain "
            "val loss 0.0039 / 0.0038 vs 0.0057 / 0.0055", layers_n=2),
]]

FAULTY_90 = [batch90_case(c) for c in [
    faulty("ink90_strokes_offsets_unstandardised", "ink90_strokes_bilstm", "slow_convergence",
           "the per-drawing normalised offsets fed at their own scale (|dx| ~ 0.09, sd 0.14) "
           "without sketch-rnn's division by their standard deviation: training acc 0.754 / "
           "0.749, plain val acc 0.792 / 0.796 vs 0.914 / 0.926", standardise=False),
    faulty("ink90_strokes_val_canvas_scaled", "ink90_strokes_bilstm", "validation_shift",
           "the training drawings normalised per drawing, the validation drawings only "
           "divided by 255 (the preprocessing changed for the training set alone): plain val "
           "acc 0.642 / 0.600 vs 0.914 / 0.926", val_normalise="canvas"),
    faulty("ink90_strokes_no_softmax", "ink90_strokes_bilstm",
           "output_loss_mismatch improper_output",
           "the output Dense left linear under sparse CE on probabilities: loss stuck at "
           "1.7918 = ln 6, plain val acc 0.182 / 0.162 vs 0.914 / 0.926", output="linear"),
    faulty("ink90_strokes_labels_shuffled", "ink90_strokes_bilstm", "label_mismatch",
           "the label array shuffled apart from the drawings: training acc 0.220 / 0.234, "
           "plain val acc 0.116 / 0.168 vs 0.914 / 0.926", shuffle_labels=True),
    faulty("ink90_bitmap_val_inverted", "ink90_bitmap_cnn", "validation_shift",
           "validation bitmaps black strokes on white (as scanned drawings) against white on "
           "black in training: plain val acc 0.342 / 0.350 (val loss 13.7 / 10.1) vs 1.000 / "
           "1.000", invert_val=True),
    faulty("ink90_bitmap_train_transposed", "ink90_bitmap_cnn", "validation_shift",
           "the training bitmaps transposed (rows for columns, as from a column-major "
           "export), validation not: plain val acc 0.926 / 0.930 (training 0.998 / 0.994) vs "
           "1.000 / 1.000", transpose_train=True),
    faulty("ink90_bitmap_relu_output", "ink90_bitmap_cnn", "improper_output",
           "ReLU instead of softmax on the output under sparse CE: loss stuck at 1.7918 = ln "
           "6, plain val acc 0.162 / 0.162 vs 1.000 / 1.000", output="relu"),
    faulty("ink90_bitmap_adam_lr_0_1", "ink90_bitmap_cnn",
           "learning_rate_out_of_range oscillating_loss",
           "Adam(0.1): plain val acc 0.944 / 0.162 (training 0.851 / 0.161) vs 1.000 / 1.000",
           lr=0.1),
    faulty("ink90_bitmap_batchnorm_gap_short", "ink90_bitmap_cnn",
           "inference_mismatch slow_convergence",
           "the Conv-BN-ReLU + GlobalAveragePooling recipe (BatchNorm after each conv, GAP "
           "for Flatten) in the 6-epoch budget: training acc 0.875 / 0.858, plain val acc "
           "0.162 / 0.162 (one class; val loss 5.50 / 6.75) vs 1.000 / 1.000",
           batchnorm=True, pool="gap"),
    faulty("ink90_next_point_targets_unshifted", "ink90_next_point_gru",
           "label_mismatch validation_shift",
           "the training targets not shifted (each step's own offset, the shift by one "
           "only in the validation pairs): training loss 0.0000, plain val loss 0.0184 / "
           "0.0185 vs 0.0057 / 0.0055", target_shift=0),
    faulty("ink90_next_point_sgd_no_momentum", "ink90_next_point_gru",
           "slow_convergence learning_rate_out_of_range",
           "SGD(0.01) without momentum instead of Adam(1e-3) on the small offsets: plain val "
           "loss 0.0105 / 0.0104 vs 0.0057 / 0.0055", optimizer="sgd_plain", lr=0.01),
]]


def batch91_case(case: Case) -> Case:
    return replace(case, batch=91)


# Batch 91 (session "practice91"): predictive maintenance in Keras 3 on generated C-MAPSS-like
# run-to-failure fleets (21 sensors in C-MAPSS units, six of them constant in one regime,
# degradation drifts with engine-to-engine gains, one or six operating conditions): RUL
# regression with a piecewise-linear cap of 125 from 30-cycle sliding windows by a Conv1D net
# and by an LSTM after per-operating-condition normalisation (KMeans on the settings), and
# failure-within-20-cycles classification (about 11 % positive windows) by a GRU or an MLP;
# train / validation split by engine. Written without reading the detection / repair rules or
# their settings. Labels set by plain Keras training (seeds 11 and 22) before any Watch /
# autotrainer run: the classifier faulty when the final validation accuracy is >= 5 points
# below the counterpart's on both seeds; the RUL scripts faulty when the final validation loss
# (MSE on the RUL / 125 scale) is >= 1.5x the counterpart's on both seeds, or, where the
# mistake changes the loss or the target scale, the validation MAE in cycles >= 1.5x, or
# non-finite.
B91M = batch91_models
HEALTHY_91 += [batch91_case(c) for c in [
    healthy("rul91_cnn1d_fd001", B91M.rul_cnn1d, "RUL regression on a generated FD001-like "
            "fleet (one operating condition; 40 training engines, 20 validation engines cut "
            "at 55..100 % of their life): the usual 14 sensors min-maxed with the training "
            "rows' extremes, 30-cycle windows (stride 1; 7464 / 2700), RUL capped at 125 and "
            "divided by 125; Conv1D 32 k5 -> Conv1D 64 k5 -> Flatten -> Dense 64 -> Dense 1 "
            "linear, MSE, RMSE / MAE in cycles, Adam(1e-3), batch 64, 12 ep: plain val MAE "
            "14.5 / 14.7 cycles, val loss 0.0220 / 0.0249 (predicting the mean: MAE 32.6)"),
    healthy("rul91_lstm_fd002_condition_norm", B91M.rul_lstm, "RUL regression on a generated "
            "FD002-like fleet (six operating regimes moving the sensor levels by up to 25 %): "
            "KMeans(6) on the three settings, each cluster's rows standardised by its "
            "training mean / std, 30-cycle windows, capped RUL / 125; LSTM 48 -> Dense 32 ReLU "
            "-> Dense 1, MSE, Adam(1e-3), batch 64, 10 ep: plain val MAE 13.2 / 13.6 cycles, "
            "val loss 0.0207 / 0.0218"),
    healthy("rul91_gru_failure_within_20", B91M.failure_clf, "will the engine fail within 20 "
            "cycles? FD001-like fleet, the 20 validation engines' whole lives (11.8 % positive "
            "windows; all-negative scores 0.882): 14 sensors min-maxed, 30-cycle windows; "
            "GRU 32 -> Dense 1 sigmoid, binary CE, accuracy + AUC, Adam(1e-3), batch 64, 8 ep: "
            "plain val acc 0.957 / 0.954"),
    healthy("rul91_cnn1d_all_sensors_standard", B91M.rul_cnn1d, "all 21 sensors kept, the "
            "constant ones too, through sklearn's StandardScaler (which leaves a zero-variance "
            "column at 0): plain val loss 0.0286 / 0.0269 vs 0.0220 / 0.0249 (1.30x / 1.08x; "
            "MAE 17.4 / 16.0 cycles)", sensors="all", scaling="standard"),
    healthy("rul91_cnn1d_target_in_cycles", B91M.rul_cnn1d, "the capped RUL left in cycles "
            "(0..125) under the linear output and MSE: plain val MAE 15.1 / 15.7 cycles vs "
            "14.5 / 14.7", target="cycles"),
    healthy("rul91_cnn1d_sigmoid_on_scaled_rul", B91M.rul_cnn1d, "a sigmoid output on the "
            "RUL / 125 targets (0..1): plain val loss 0.0201 / 0.0229 vs 0.0220 / 0.0249",
            output="sigmoid"),
    healthy("rul91_cnn1d_label_at_window_start", B91M.rul_cnn1d, "each training window "
            "labelled with the RUL of its first cycle instead of its last (29 cycles too many "
            "before the cap; validation labelled at the end): plain val loss 0.0306 / 0.0328 "
            "vs 0.0220 / 0.0249 (1.39x / 1.32x; MAE 16.2 / 16.8 cycles)", label_at="start"),
    healthy("rul91_cnn1d_random_window_split", B91M.rul_cnn1d, "train_test_split over the "
            "windows of all 60 engines' whole lives instead of a split by engine (windows of "
            "one engine on both sides: a leaky, easier validation set of the same size): "
            "plain val loss 0.0137 / 0.0195 vs 0.0220 / 0.0249 (MAE 10.4 / 13.2)",
            split="window"),
    healthy("rul91_cnn1d_global_avg_pool", B91M.rul_cnn1d, "GlobalAveragePooling1D instead "
            "of Flatten: plain val loss 0.0272 / 0.0251 vs 0.0220 / 0.0249", pool="gap"),
    healthy("rul91_cnn1d_mae_loss", B91M.rul_cnn1d, "MAE loss instead of MSE: plain val MAE "
            "13.4 / 14.0 cycles vs 14.5 / 14.7", loss="mae"),
    healthy("rul91_lstm_global_standard", B91M.rul_lstm, "one StandardScaler over every "
            "regime instead of per-condition normalisation: plain val loss 0.0263 / 0.0307 "
            "vs 0.0207 / 0.0218 (1.27x / 1.41x; MAE 14.7 / 16.0 cycles)",
            scaling="global_standard"),
    healthy("rul91_lstm_three_clusters", B91M.rul_lstm, "KMeans(3) on the settings of six "
            "regimes (pairs of regimes normalised together): plain val loss 0.0245 / 0.0303 "
            "vs 0.0207 / 0.0218 (1.18x / 1.39x)", clusters=3),
    healthy("rul91_gru_regressor", B91M.rul_lstm, "GRU 48 instead of LSTM 48: plain val loss "
            "0.0217 / 0.0199 vs 0.0207 / 0.0218", cell="gru"),
    healthy("rul91_lstm_target_in_cycles", B91M.rul_lstm, "the capped RUL left in cycles "
            "(0..125): plain val MAE 11.5 / 12.4 cycles vs 13.2 / 13.6", target="cycles"),
    healthy("rul91_mlp_failure_within_20", B91M.failure_clf, "Flatten -> Dense 64 -> Dense 32 "
            "-> Dense 1 sigmoid on the windows instead of the GRU: plain val acc 0.950 / 0.943 "
            "vs 0.957 / 0.954", model="mlp"),
    healthy("rul91_failure_balanced_weights", B91M.failure_clf, "class_weight balanced "
            "(n / (2 n_class): about 0.56 / 4.4) for the rare failures: plain val acc 0.933 / "
            "0.924 vs 0.957 / 0.954 (2.4 / 3.0 points)", class_weight="balanced"),
    healthy("rul91_failure_weights_inverted", B91M.failure_clf, "the balanced class weights "
            "swapped (the common class weighted up, the failures down): plain val acc 0.958 / "
            "0.963 vs 0.957 / 0.954", class_weight="inverted"),
    healthy("rul91_failure_oversampled", B91M.failure_clf, "the positive windows repeated "
            "(7x) to balance the training set: plain val acc 0.914 / 0.934 vs 0.957 / 0.954 "
            "(4.3 / 2.0 points)", oversample=True),
    healthy("rul91_lstm_sgd_no_momentum", B91M.rul_lstm, "SGD(0.01) without momentum "
            "instead of Adam(1e-3) (it overfits less in the 10 epochs): plain val loss 0.0177 "
            "/ 0.0182 vs 0.0207 / 0.0218", optimizer="sgd_plain", lr=0.01),
    healthy("rul91_failure_mse_loss", B91M.failure_clf, "MSE on the sigmoid output instead "
            "of binary CE: plain val acc 0.953 / 0.952 vs 0.957 / 0.954", loss="mse"),
    healthy("rul91_cnn1d_dropout_0_3", B91M.rul_cnn1d, "Dropout(0.3) before the output: plain "
            "val loss 0.0206 / 0.0198 vs 0.0220 / 0.0249", dropout=0.3),
]]

FAULTY_91 = [batch91_case(c) for c in [
    faulty("rul91_cnn1d_constant_sensors_minmax", "rul91_cnn1d_fd001",
           "abnormal_data constant_input slow_convergence",
           "all 21 sensors kept through the notebook min-max (x - min) / (max - min): the six "
           "constant sensors become 0 / 0 = NaN in every row; the loss stays finite but the "
           "net predicts a constant: plain val MAE 33.3 / 33.3 cycles, val loss "
           "0.0867 / 0.0869 vs 0.0220 / 0.0249", sensors="all"),
    faulty("rul91_cnn1d_raw_sensors", "rul91_cnn1d_fd001", "unscaled_input",
           "the sensors fed in raw units (0.03 .. 9065) without any scaling: plain val loss "
           "2.30 / 1.69 (MAE 151 / 130 cycles) vs 0.0220 / 0.0249", scaling="none"),
    faulty("rul91_cnn1d_sigmoid_on_cycles", "rul91_cnn1d_fd001",
           "improper_output unscaled_target",
           "a sigmoid output with the RUL left in cycles (0..125): the prediction cannot pass "
           "1, plain val MAE 93.8 / 93.8 cycles vs 14.5 / 14.7", target="cycles",
           output="sigmoid"),
    faulty("rul91_cnn1d_windows_shuffled", "rul91_cnn1d_fd001", "label_mismatch",
           "the windows shuffled apart from their RUL labels: plain val loss 0.1285 / 0.0898 "
           "(MAE 40.1 / 33.6) vs 0.0220 / 0.0249", shuffle_windows=True),
    faulty("rul91_cnn1d_per_unit_minmax", "rul91_cnn1d_fd001", "validation_shift",
           "each engine min-maxed by its own extremes: a training engine's run to failure "
           "spans 0..1, a validation engine cut before failure stretches its shorter "
           "history over 0..1 too: training MAE 5.2 / 4.4, plain val loss 0.0718 / 0.0512 "
           "(MAE 27.7 / 21.3) vs 0.0220 / 0.0249", scaling="per_unit"),
    faulty("rul91_lstm_kmeans_refit_on_val", "rul91_lstm_fd002_condition_norm",
           "validation_shift",
           "a second KMeans fitted on the validation settings, so its cluster numbers do not "
           "match the training clusters whose statistics they index: plain val loss 0.258 / "
           "0.228 (MAE 53.1 / 47.7) vs 0.0207 / 0.0218", refit_val=True),
    faulty("rul91_lstm_return_sequences_head", "rul91_lstm_fd002_condition_norm",
           "target_broadcast",
           "return_sequences=True left on the LSTM before the Dense head: (batch, 30, 1) "
           "predictions against (batch,) targets broadcast across the batch, the net "
           "learns the mean: training MAE 36.8 / 36.8, plain val loss 0.0887 / 0.0863 vs "
           "0.0207 / 0.0218", return_sequences=True),
    faulty("rul91_failure_softmax_one_unit", "rul91_gru_failure_within_20",
           "output_loss_mismatch improper_output setup_stall",
           "Dense(1, activation='softmax') with binary CE: the output is 1 for every window, "
           "plain val acc 0.118 / 0.118 (the failures' share) vs 0.957 / 0.954",
           output="softmax"),
    faulty("rul91_failure_label_from_cycle", "rul91_gru_failure_within_20",
           "label_mismatch validation_shift",
           "the label taken from the cycle counter (cycle <= 20: the first cycles of life) "
           "instead of the cycles left: training acc 1.000, plain val acc 0.882 / 0.882 "
           "(every window negative, val loss 0.97 / 1.01) vs 0.957 / 0.954",
           label_from="cycle"),
    faulty("rul91_failure_windows_shuffled", "rul91_gru_failure_within_20", "label_mismatch",
           "the windows shuffled apart from their failure labels: plain val acc 0.882 / "
           "0.882 (all negative) vs 0.957 / 0.954", shuffle_windows=True),
    faulty("rul91_failure_raw_sensors", "rul91_gru_failure_within_20",
           "unscaled_input slow_convergence",
           "the sensors fed raw (0.03 .. 9065) into the GRU: its gates saturate, plain val "
           "acc 0.882 / 0.882 (all negative) vs 0.957 / 0.954", scaling="none"),
    faulty("rul91_cnn1d_adam_lr_0_05", "rul91_cnn1d_fd001",
           "learning_rate_out_of_range dying_relu slow_convergence",
           "Adam(0.05) instead of 1e-3: the ReLU net collapses to a constant prediction "
           "(training MAE 37.5 / 37.5 cycles), plain val loss 0.1039 / 0.0789 (MAE 36.3 / "
           "31.6) vs 0.0220 / 0.0249", lr=0.05),
]]


def batch92_case(case: Case) -> Case:
    return replace(case, batch=92)


# Batch 92 (session "practice92"): symbolic music in Keras 3: next-frame prediction on 48-pitch
# piano rolls (multi-hot frames, a sigmoid per pitch, binary cross-entropy; LSTM / GRU),
# next-note prediction on monophonic melody tokens (Embedding -> LSTM -> softmax over
# pitches), and key classification (24 keys) from piano-roll excerpts (Conv1D, a small
# Transformer encoder, a pitch-class histogram MLP) with transposition augmentation. Generated
# songs from rule-based chord progressions and melodies (scale runs, arpeggios, motifs).
# Written without reading the detection / repair rules or their settings. Labels set by plain
# Keras training (seeds 11 and 22) before any Watch / autotrainer run: faulty when the final
# validation accuracy is >= 5 points below the counterpart's on both seeds (the piano-roll
# script, without accuracy: the final validation loss >= 1.5x), or non-finite.
B92M = batch92_models
HEALTHY_92 += [batch92_case(c) for c in [
    healthy("music92_roll_lstm", B92M.roll_next_frame, "next-frame prediction on generated "
            "48-pitch piano rolls (16 eighth-note frames -> the next frame; 384 training "
            "songs, 96 validation songs, windows every 4 frames): LSTM(128) -> Dense 48 "
            "sigmoid, binary cross-entropy, AUC, Adam(1e-3), batch 64, 8 ep: plain val loss "
            "0.0784 / 0.0751 (a constant per-pitch prediction: 0.289)"),
    healthy("music92_roll_gru", B92M.roll_next_frame, "GRU(128) instead of the LSTM: plain "
            "val loss 0.0703 / 0.0708 vs 0.0784 / 0.0751", cell="gru"),
    healthy("music92_roll_transpose_aug", B92M.roll_next_frame, "every training window and "
            "its next frame moved together by -5..+6 semitones (zero fill): plain val loss "
            "0.0920 / 0.0879 vs 0.0784 / 0.0751 (1.17x)", transpose_aug=True),
    healthy("music92_roll_softmax_output", B92M.roll_next_frame, "softmax over the 48 pitches "
            "of a polyphonic frame with binary cross-entropy: Keras's BCE reads the logits "
            "behind the softmax layer and trains them as sigmoids, plain val loss 0.0784 / "
            "0.0751, the same run as the sigmoid base", output="softmax"),
    healthy("music92_key_conv", B92M.key_from_roll, "key classification (24 keys, major / "
            "harmonic minor) of 32-frame piano-roll excerpts (384 training songs x 3, 96 "
            "validation songs x 3): Conv1D(64, 5) ReLU -> MaxPool 2 -> Conv1D(64, 5) ReLU -> "
            "GAP -> Dense 24 softmax, sparse CE, Adam(1e-3), batch 32, 10 ep: plain val acc "
            "1.000 / 1.000 (val loss 0.0076 / 0.0070)"),
    healthy("music92_key_transformer", B92M.key_from_roll, "a small Transformer encoder (Dense "
            "64 + a learned position embedding, 2 blocks of 4-head attention and a 128-unit "
            "feed-forward with post-LayerNorm, GAP): plain val acc 1.000 / 1.000 (val loss "
            "0.0060 / 0.0057)", model_type="transformer"),
    healthy("music92_key_transformer_no_positions", B92M.key_from_roll, "the Transformer "
            "without its position embedding (a key is order-free, so nothing is lost): plain "
            "val acc 1.000 / 1.000 vs 1.000 / 1.000", model_type="transformer",
            positions=False),
    healthy("music92_key_histogram_mlp", B92M.key_from_roll, "the excerpt's 12-bin pitch-class "
            "histogram (normalised to sum 1) -> Dense 64 ReLU x 2 -> softmax 24: plain val acc "
            "0.990 / 0.990 (val loss 0.319 / 0.292)", model_type="histogram"),
    healthy("music92_key_histogram_counts", B92M.key_from_roll, "the pitch-class histogram "
            "left as raw note-frame counts (0..~40, not normalised): plain val acc 1.000 / "
            "0.990 vs 0.990 / 0.990", model_type="histogram", histogram="counts"),
    healthy("music92_key_transpose_aug", B92M.key_from_roll, "the training excerpts doubled by "
            "copies moved -5..+6 semitones with the key moved with them: plain val acc 1.000 / "
            "1.000 vs 1.000 / 1.000", transpose_aug=True),
    healthy("music92_key_transpose_wrap", B92M.key_from_roll, "the transposition done by "
            "np.roll along the pitch axis (the top notes wrap round to the bass): plain val acc "
            "1.000 / 1.000 vs 1.000 / 1.000", transpose_aug=True, wrap=True),
    healthy("music92_key_sigmoid_output", B92M.key_from_roll, "a sigmoid instead of a softmax "
            "on the 24-way head with sparse CE: Keras's cross-entropy reads the logits behind "
            "the activation, plain val acc 1.000 / 1.000, val loss 0.0076 / 0.0070, the same "
            "run", output="sigmoid"),
    healthy("music92_key_transpose_labels_kept", B92M.key_from_roll, "transposed copies added "
            "with the original key kept as their label (half the training set mislabelled; "
            "training acc 0.628 / 0.622): the unmoved excerpts still win, plain val acc 0.990 "
            "/ 0.962 vs 1.000 / 1.000 (1 and 4 points; val loss 0.500 / 0.588 vs 0.0076 / "
            "0.0070)", transpose_aug=True, aug_labels=False),
    healthy("music92_key_transformer_no_norm_deep", B92M.key_from_roll, "four encoder blocks "
            "without their LayerNorms (residual adds only): plain val acc 1.000 / 1.000 (val "
            "loss 0.0004 / 0.0002) vs 1.000 / 1.000", model_type="transformer", norm=False,
            depth=4),
    healthy("music92_key_histogram_sgd", B92M.key_from_roll, "the normalised pitch-class "
            "histogram MLP under SGD(0.05, momentum 0.9): plain val acc 1.000 / 1.000 (val "
            "loss 0.0390 / 0.0363)", model_type="histogram", optimizer="sgd", lr=0.05),
    healthy("music92_melody_lstm", B92M.melody_next_note, "next-note prediction on generated "
            "monophonic melodies (16 note tokens, 0 a rest, 1..37 MIDI 48..84 -> the next "
            "token; 320 training melodies, 80 validation melodies, windows every 3 notes): "
            "Embedding(38, 32) -> LSTM(128) -> Dense 38 softmax, sparse CE, Adam(3e-3), batch "
            "128, 10 ep: plain val acc 0.395 / 0.409 (training 0.550 / 0.546)"),
    healthy("music92_melody_gru", B92M.melody_next_note, "GRU(128) instead of the LSTM: plain "
            "val acc 0.436 / 0.433 vs 0.395 / 0.409", cell="gru"),
    healthy("music92_melody_transpose_aug", B92M.melody_next_note, "each training window and "
            "its next note moved together by -3..+3 semitones (kept in the token range): plain "
            "val acc 0.399 / 0.394 vs 0.395 / 0.409", transpose_aug=True),
    healthy("music92_melody_softmax_from_logits", B92M.melody_next_note, "the softmax head "
            "with SparseCategoricalCrossentropy(from_logits=True): Keras warns and reads the "
            "logits behind the softmax, plain val acc 0.395 / 0.409, the same run",
            from_logits=True),
]]

FAULTY_92 = [batch92_case(c) for c in [
    faulty("music92_roll_velocity_targets", "music92_roll_lstm", "unbounded_loss",
           "the rolls kept as MIDI velocities (0..110) in inputs and next-frame targets under "
           "the sigmoid and binary cross-entropy: the loss is unbounded below, plain val loss "
           "-622.0 / -627.9 and falling (training -577 / -582) vs 0.0784 / 0.0751",
           values="velocity"),
    faulty("music92_roll_velocity_inputs", "music92_roll_lstm", "unscaled_input",
           "the input windows kept as MIDI velocities (0..110; the 0 / 1 targets right): plain "
           "val loss 0.1623 / 0.1523 vs 0.0784 / 0.0751 (2.1x / 2.0x)",
           values="velocity_input"),
    faulty("music92_roll_transposed_inputs_only", "music92_roll_lstm", "label_mismatch",
           "transposition augmentation that moves the input windows by -5..+6 semitones but "
           "not their next frames: plain val loss 0.2868 / 0.2827 (the constant prediction's "
           "0.289) vs 0.0784 / 0.0751", transpose_aug=True, aug_targets=False),
    faulty("music92_roll_pitch_major", "music92_roll_lstm", "slow_convergence setup_stall",
           "the (pitch, time) roll as pretty_midi returns it fed without the transpose: the "
           "LSTM runs over 48 pitches with 16 time steps as features, plain val loss 0.2896 / "
           "0.2887 (the constant prediction) vs 0.0784 / 0.0751", layout="pitch_major"),
    faulty("music92_roll_targets_shuffled", "music92_roll_lstm", "label_mismatch",
           "the next frames shuffled apart from their windows: plain val loss 0.2894 / 0.2890 "
           "vs 0.0784 / 0.0751", shuffle_targets=True),
    faulty("music92_key_deep_sigmoid", "music92_key_conv", "vanishing_gradient",
           "six Conv1D layers with sigmoid activations and no normalisation: plain val acc "
           "0.153 / 0.104 (training 0.116 / 0.100) vs 1.000 / 1.000", depth=6,
           activation="sigmoid"),
    faulty("music92_key_labels_shuffled", "music92_key_conv", "label_mismatch",
           "the key labels shuffled apart from their excerpts: plain val acc 0.045 / 0.031 vs "
           "1.000 / 1.000", shuffle_labels=True),
    faulty("music92_key_sgd_no_momentum", "music92_key_conv",
           "slow_convergence learning_rate_out_of_range",
           "SGD(0.01) without momentum instead of Adam(1e-3) for the 10 epochs: plain val acc "
           "0.344 / 0.462 (training 0.380 / 0.508) vs 1.000 / 1.000", optimizer="sgd_plain",
           lr=0.01),
    faulty("music92_key_adam_lr_0_1", "music92_key_conv", "learning_rate_out_of_range",
           "Adam(0.1) instead of Adam(1e-3): plain val acc 0.524 / 0.295 vs 1.000 / 1.000",
           lr=0.1),
    faulty("music92_key_histogram_counts_sgd", "music92_key_histogram_sgd",
           "unscaled_input dying_relu",
           "the pitch-class histogram left as raw note-frame counts (0..~40) under SGD(0.05, "
           "momentum 0.9): training loss stuck at ln 24, plain val acc 0.042 / 0.042 (chance) "
           "vs 1.000 / 1.000", histogram="counts"),
    faulty("music92_key_histogram_softmax_hidden", "music92_key_histogram_mlp",
           "hidden_softmax",
           "activation='softmax' on the two hidden Dense layers of the histogram MLP: training "
           "loss stuck at ln 24, plain val acc 0.042 / 0.042 (chance) vs 0.990 / 0.990",
           activation="softmax"),
    faulty("music92_melody_raw_midi_inputs", "music92_melody_lstm",
           "unscaled_input slow_convergence",
           "the notes fed as their raw MIDI numbers (48..84, 0 for a rest) as one float feature "
           "instead of an Embedding: plain val acc 0.135 / 0.125 vs 0.395 / 0.409",
           inputs_as="midi"),
    faulty("music92_melody_scaled_int_inputs", "music92_melody_lstm", "slow_convergence",
           "the token ids fed as one float feature divided by the vocabulary size (the LSTM "
           "piano tutorial's network_input / n_vocab) instead of an Embedding: training acc "
           "0.124 / 0.126, plain val acc 0.118 / 0.109 vs 0.395 / 0.409", inputs_as="scaled"),
    faulty("music92_melody_transposed_inputs_only", "music92_melody_lstm", "label_mismatch",
           "transposition augmentation (-3..+3 semitones) applied to the input windows but not "
           "to the next note: plain val acc 0.212 / 0.212 vs 0.395 / 0.409",
           transpose_aug=True, aug_targets=False),
    faulty("music92_melody_linear_output", "music92_melody_lstm", "improper_output",
           "the Dense 38 head left linear with SparseCategoricalCrossentropy(from_logits="
           "False): plain val acc 0.118 / 0.122 (val loss 3.58 / 3.10) vs 0.395 / 0.409",
           output="linear"),
]]


def batch93_case(case: Case) -> Case:
    return replace(case, batch=93)


# Batch 93 (session "practice93"): geospatial trajectories and mobility in Keras 3:
# transport-mode classification of GPS segments (engineered haversine speed, acceleration and
# turning features, Conv1D or LSTM), next-cell prediction on a street grid (cell ids through
# an Embedding and a GRU, cyclical hour, softmax over the cells), travel-time (ETA) regression
# of city trips by a tabular MLP (standardised coordinates, haversine distance, bearing,
# cyclical hour and weekday), and stay-point tagging of GPS traces (Conv1D + bidirectional GRU,
# a sigmoid per fix). Generated data only. Written without reading the detection / repair
# rules or their settings. Labels set by plain Keras training (seeds 11 and 22) before any
# Watch / autotrainer run: faulty when the final validation accuracy is >= 5 points below the
# counterpart's on both seeds, or for the ETA regression the final validation loss (MSE in
# minutes^2) >= 1.5x, or non-finite.
B93M = batch93_models
HEALTHY_93 += [batch93_case(c) for c in [
    healthy("traj93_mode_conv1d", B93M.mode_conv1d, "transport-mode classification (walk / "
            "bike / bus / car) of generated 64-fix GPS segments (fixes every 4-6 s, "
            "mode-dependent speed profiles with bus and traffic-light stops, heading random "
            "walks, 6 m GPS jitter; 1600 train, 400 validate): per-step haversine speed, "
            "reported speed, acceleration, sin / cos of the turning angle, standardised by "
            "the training statistics -> Conv1D 32 k5 -> Conv1D 64 k5 -> MaxPool -> Conv1D 64 "
            "k3 -> GAP -> Dense 64 -> Dropout 0.3 -> Dense 4 softmax, sparse CE, Adam(1e-3), "
            "batch 64, 15 ep: plain val acc 0.967 / 0.955"),
    healthy("traj93_mode_raw_fixes_standardised", B93M.mode_conv1d, "the raw fixes "
            "(latitude, longitude, unix timestamp, reported speed) standardised per column "
            "instead of engineered step features: plain val acc 0.970 / 0.962 vs 0.967 / "
            "0.955", features="raw"),
    healthy("traj93_mode_features_unscaled", B93M.mode_conv1d, "the engineered step features "
            "left unscaled (speeds 0-30 m/s, accelerations, sines and cosines): plain val acc "
            "0.978 / 0.970 vs 0.967 / 0.955", scaling="none"),
    healthy("traj93_mode_per_segment_scaling", B93M.mode_conv1d, "each segment standardised "
            "by its own mean and std per feature (the absolute speed level removed; the stop "
            "pattern and the variability remain): plain val acc 0.988 / 0.983 vs 0.967 / "
            "0.955", scaling="per_segment"),
    healthy("traj93_mode_haversine_degrees", B93M.mode_conv1d, "the haversine step computed "
            "without np.radians (degrees into sin / cos): the speed feature about 57x too "
            "large but standardised away, plain val acc 0.965 / 0.955 vs 0.967 / 0.955",
            radians=False),
    healthy("traj93_mode_speed_kmh", B93M.mode_conv1d, "speeds in km/h instead of m/s (then "
            "standardised): plain val acc 0.967 / 0.955, the same", speed_unit="kmh"),
    healthy("traj93_mode_lstm", B93M.mode_conv1d, "LSTM 64 over the step features in place "
            "of the convolutions: plain val acc 0.920 / 0.935 vs 0.967 / 0.955 (-4.7 / -2.0 "
            "points)", encoder="lstm"),
    healthy("traj93_next_cell_gru", B93M.next_cell_gru, "next-cell prediction on a 10 x 10 "
            "street grid (generated walks that keep direction, turn toward home by night and "
            "work by day, or stay; 6000 train, 1500 validate histories of 4-12 cell ids "
            "pre-padded to 12): Embedding(101, 32, mask_zero) -> GRU 64, the hour as sin / "
            "cos concatenated -> Dense 64 ReLU -> Dense 101 softmax, sparse CE, Adam(3e-3), "
            "batch 64, 8 ep: plain val acc 0.459 / 0.469 (the walks' turns and stays cap it)"),
    healthy("traj93_next_post_padding_masked", B93M.next_cell_gru, "the histories padded "
            "after their cells (padding='post') with mask_zero kept: plain val acc 0.459 / "
            "0.469, the same", padding="post"),
    healthy("traj93_next_softmax_from_logits", B93M.next_cell_gru, "softmax output with "
            "SparseCategoricalCrossentropy(from_logits=True): plain val acc 0.459 / 0.469, "
            "the same figures as the base", from_logits=True),
    healthy("traj93_next_hour_raw", B93M.next_cell_gru, "the hour fed as one number 0..23 "
            "instead of sin / cos: plain val acc 0.460 / 0.459 vs 0.459 / 0.469",
            hour="raw"),
    healthy("traj93_eta_mlp", B93M.eta_mlp, "travel-time (ETA) regression of generated city "
            "trips (6000 train, 1500 validate; origin / destination within 12 km of the "
            "centre, rush-hour, night, weekend and centre speeds, lognormal noise) by a "
            "tabular MLP: standardised origin / destination lat / lon, haversine km, sin / cos "
            "of the bearing, cyclical local hour and weekday, a weekend flag -> Dense 128 ReLU "
            "-> Dense 64 ReLU -> Dense 1 linear, the target in minutes, MSE, Adam(1e-3), batch "
            "64, 30 ep: plain val loss 50.0 / 50.1 (MAE 4.69 / 4.79 min)"),
    healthy("traj93_eta_no_distance_feature", B93M.eta_mlp, "no engineered haversine distance "
            "or bearing, only the standardised coordinates and the time features: plain val "
            "loss 65.3 / 63.1 (MAE 5.52 / 5.40 min) vs 50.0 / 50.1", distance="none"),
    healthy("traj93_eta_haversine_lat_lon_swapped", B93M.eta_mlp, "haversine(lon, lat, ...) "
            "instead of haversine(lat, lon, ...) (a (lon, lat) GeoJSON order passed where "
            "(lat, lon) is expected): plain val loss 53.0 / 53.7 vs 50.0 / 50.1",
            distance="latlon_swapped"),
    healthy("traj93_eta_hour_in_utc", B93M.eta_mlp, "hour and weekday taken from the UTC "
            "timestamp instead of the city's local time (UTC+8): a consistent shift the "
            "cyclical encoding absorbs, plain val loss 52.4 / 50.2 vs 50.0 / 50.1",
            timezone="utc"),
    healthy("traj93_eta_mae_loss", B93M.eta_mlp, "MAE loss instead of MSE: plain val MAE 4.82 "
            "/ 4.66 min vs 4.69 / 4.79", loss="mae"),
    healthy("traj93_stay_tagger", B93M.stay_tagger, "stay-point detection as sequence tagging "
            "(generated GPS traces of 96 fixes every 8-12 s alternating stays within 10 m of "
            "a point and walking or driving moves, 6 m jitter; 700 train, 200 validate): "
            "per-fix haversine step over the time step, reported speed, log1p of the step, "
            "the distance to the fix two back, standardised -> Conv1D 32 k5 same -> "
            "Bidirectional GRU 32 (return_sequences) -> Dense 1 sigmoid per fix, BCE, "
            "Adam(3e-3), batch 32, 10 ep: plain val acc 0.989 / 0.988 (55.6 % of the "
            "validation fixes are stays)"),
    healthy("traj93_stay_causal_gru", B93M.stay_tagger, "a one-directional GRU (as for online "
            "tagging) instead of the bidirectional one: plain val acc 0.988 / 0.988 vs 0.989 "
            "/ 0.988", bidirectional=False),
    healthy("traj93_stay_mse_loss", B93M.stay_tagger, "MSE instead of binary cross-entropy on "
            "the per-fix sigmoid: plain val acc 0.989 / 0.988, the same", loss="mse"),
]]

FAULTY_93 = [batch93_case(c) for c in [
    faulty("traj93_mode_linear_head", "traj93_mode_conv1d", "output_loss_mismatch improper_output",
           "the last Dense left linear with sparse_categorical_crossentropy "
           "(from_logits=False): plain val acc 0.210 / 0.030 (loss 1.386 = ln 4) vs 0.967 / "
           "0.955", output="linear"),
    faulty("traj93_mode_labels_shuffled", "traj93_mode_conv1d", "label_mismatch",
           "the mode labels shuffled apart from their segments (labels joined from another "
           "table by row order): plain val acc 0.125 / 0.285 vs 0.967 / 0.955",
           shuffle_labels=True),
    faulty("traj93_mode_sgd_lr_0_5", "traj93_mode_conv1d",
           "learning_rate_out_of_range exploding_gradient oscillating_loss dying_relu",
           "SGD(0.5, momentum 0.9) in place of Adam(1e-3): plain val acc 0.218 / 0.218 (loss "
           "NaN on seed 11) vs 0.967 / 0.955", optimizer="sgd", lr=0.5),
    faulty("traj93_mode_raw_fixes_unscaled", "traj93_mode_conv1d", "unscaled_input",
           "the raw fixes (latitude ~39.9, longitude ~116.4, unix timestamp ~1.7e9 s, "
           "reported speed) fed as recorded, neither engineered nor scaled: plain val acc "
           "0.273 / 0.273 (loss 1.388 / 1.387, chance) vs 0.967 / 0.955", features="raw",
           scaling="none"),
    faulty("traj93_next_post_padding_unmasked", "traj93_next_cell_gru", "slow_convergence",
           "padding='post' and no mask_zero: the GRU's last state is read after up to 8 "
           "padding steps: plain val acc 0.394 / 0.403 vs 0.459 / 0.469", padding="post",
           mask=False),
    faulty("traj93_next_cell_ids_as_floats", "traj93_next_cell_gru",
           "slow_convergence setup_stall",
           "no Embedding: the cell id / 100 fed to the GRU as one float per step (row * 10 + "
           "col + 1 has no metric meaning): plain val acc 0.084 / 0.098 vs 0.459 / 0.469",
           ids="float"),
    faulty("traj93_next_target_is_current_cell", "traj93_next_cell_gru",
           "label_mismatch validation_shift",
           "the training target taken one step early (the last cell of the history itself, "
           "an off-by-one in the windowing; validation targets correct): training acc 1.000, "
           "plain val acc 0.107 / 0.107 (the walks' stays) vs 0.459 / 0.469",
           target="current"),
    faulty("traj93_next_linear_head", "traj93_next_cell_gru",
           "output_loss_mismatch improper_output",
           "the Dense 101 left linear with sparse CE (from_logits=False): plain val acc 0.007 "
           "/ 0.012 (loss 4.615 = ln 101) vs 0.459 / 0.469", head="linear"),
    faulty("traj93_eta_target_seconds", "traj93_eta_mlp", "unscaled_target",
           "the travel time left in seconds (about 300-6000) as the regression target, "
           "linear output, MSE: plain val loss 390267 / 380143 s^2 (108.4 / 105.6 in "
           "minutes^2; MAE 7.09 / 7.09 min) vs 50.0 / 50.1 (MAE 4.69 / 4.79 min)",
           target_unit="seconds"),
    faulty("traj93_eta_coords_raw_degrees", "traj93_eta_mlp", "unscaled_input",
           "origin / destination latitude and longitude fed as degrees (about 39.9 and "
           "116.4, a spread of 0.1), not standardised: plain val loss 111.3 / 113.2 (MAE "
           "7.48 / 7.03 min) vs 50.0 / 50.1", coords="degrees"),
    faulty("traj93_eta_haversine_degrees", "traj93_eta_mlp", "unscaled_input",
           "the haversine distance computed without np.radians (degrees into sin / cos): the "
           "distance feature becomes about 57x too large and mixes in cos(39.9 rad), plain "
           "val loss 132.6 / 160.5 (MAE 8.51 / 8.19 min) vs 50.0 / 50.1",
           distance="degrees_bug"),
    faulty("traj93_eta_unix_departure", "traj93_eta_mlp", "unscaled_input",
           "the departure's unix timestamp (about 1.7e9 s) fed as one feature in place of "
           "the hour / weekday encodings: plain val loss 823.0 / 734.9 (MAE 22.6 / 21.1 "
           "min) vs 50.0 / 50.1", time_features="unix"),
    faulty("traj93_eta_sigmoid_output", "traj93_eta_mlp", "improper_output",
           "a sigmoid on the output unit while the target is minutes (5-100): plain val "
           "loss 1258.1 / 1258.1 (MAE 29.6 / 29.6 min) vs 50.0 / 50.1", output="sigmoid"),
    faulty("traj93_eta_targets_shuffled", "traj93_eta_mlp", "label_mismatch",
           "the travel times shuffled apart from their trips (a re-sorted target column): "
           "plain val loss 391.3 / 386.4 (MAE 14.8 / 14.6 min, the target's spread) vs "
           "50.0 / 50.1", shuffle_targets=True),
    faulty("traj93_stay_raw_fixes_unscaled", "traj93_stay_tagger", "unscaled_input",
           "the raw fixes (latitude ~39.9, longitude ~116.4, unix timestamp ~1.7e9, reported "
           "speed) fed as recorded, no step features or scaling: plain val acc 0.556 / 0.556 "
           "(every fix called a stay) vs 0.989 / 0.988", features="raw"),
    faulty("traj93_stay_softmax_one_unit", "traj93_stay_tagger", "improper_output",
           "Dense(1, activation='softmax') per fix (softmax over a single unit is 1): the "
           "predictions are constant 1, plain val acc 0.556 / 0.556 (the stay share) vs "
           "0.989 / 0.988, while the reported BCE equals the healthy one (0.0286 / 0.0293: "
           "Keras 3 computes it from the layer's logits)", head="softmax"),
    faulty("traj93_stay_labels_reversed", "traj93_stay_tagger", "label_mismatch",
           "each training trace's label sequence reversed in time against its fixes (a "
           "descending sort of the fixes, the labels left ascending): plain val acc 0.556 / "
           "0.556 vs 0.989 / 0.988", labels="reversed"),
    faulty("traj93_stay_labels_shifted_3", "traj93_stay_tagger",
           "label_mismatch validation_shift",
           "the training labels rolled three fixes later (a join on the next fix's timestamp; "
           "validation aligned): training acc 0.974, plain val acc 0.823 / 0.826 vs 0.989 / "
           "0.988", shift=3),
]]


def batch94_case(case: Case) -> Case:
    return replace(case, batch=94)


# Batch 94 (session "practice94"): astronomical light curves in Keras 3: a masked GRU over
# irregularly sampled single-band variable-star curves ((log dt, magnitude about the mean,
# error) triples), a Conv1D over phase-folded g, r, i curves (32 phase bins), and a small
# Transformer encoder over multi-band transient observations (a custom sinusoidal time
# embedding, Masking, masked pooling). Generated curves (RRab, RRc, Cepheid, EA, EW templates;
# SN Ia / Ibc / II-P / SLSN shapes) with noise, cadence gaps and band offsets. Written without
# reading the detection / repair rules or their settings. Labels set by plain Keras training
# (seeds 11 and 22) before any Watch / autotrainer run: faulty when the final validation
# accuracy is >= 5 points below the counterpart's on both seeds, or non-finite.
B94M = batch94_models
HEALTHY_94 += [batch94_case(c) for c in [
    healthy("lc94_gru_irregular", B94M.classify_gru, "variable-star classification (RRab, "
            "RRc, Cepheid, EA, EW) of generated irregular g-band curves (30..80 observations "
            "over 200 days with a seasonal gap, magnitudes 14.5..19.5 with errors growing "
            "to the faint end; 2000 train, 600 validate): (log(1 + dt), magnitude minus the "
            "curve's mean, error) triples post-padded with 0 to 80 -> Masking(0) -> GRU(32) -> "
            "Dense 32 ReLU -> Dense 5 softmax, Adam(5e-3), batch 64, 12 ep: plain val acc "
            "0.678 / 0.563 (a feature-based gradient-boosting baseline reaches 0.84: the short "
            "periods are aliased by the cadence)"),
    healthy("lc94_gru_pre_padding", B94M.classify_gru, "the curves pre-padded instead of "
            "post-padded (the Masking layer skips either): plain val acc 0.685 / 0.563 vs "
            "0.678 / 0.563", padding="pre"),
    healthy("lc94_fold_cnn", B94M.folded_cnn, "variable-star classification (RRab, RRc, "
            "Cepheid, EA, EW) of generated g, r, i curves folded at the catalogue period into "
            "32 phase bins (empty bins interpolated circularly; 2000 train, 600 validate), "
            "magnitudes minus the g-band median, maximum light rolled to phase 0: Conv1D 32 k5 "
            "ReLU x 2 -> MaxPool -> Conv1D 64 k3 -> GlobalAveragePooling -> Dense 64 -> "
            "Dropout 0.2 -> Dense 5 softmax, Adam(1e-3), batch 64, 15 ep: plain val acc 0.993 "
            "/ 0.978"),
    healthy("lc94_fold_empty_bins_zero", B94M.folded_cnn, "the empty phase bins filled with 0 "
            "(the g median) instead of interpolated: plain val acc 0.957 / 0.938 vs 0.993 / "
            "0.978", fill="zero"),
    healthy("lc94_fold_band_minmax", B94M.folded_cnn, "each band min-max scaled to 0..1 (the "
            "amplitudes and colours thrown away): plain val acc 0.993 / 0.992 vs 0.993 / "
            "0.978", norm="band_minmax"),
    healthy("lc94_fold_band_median", B94M.folded_cnn, "each band about its own median (the "
            "colours removed): plain val acc 0.982 / 0.980 vs 0.993 / 0.978",
            norm="band_median"),
    healthy("lc94_fold_not_aligned", B94M.folded_cnn, "the folds left at the catalogue epoch "
            "(maximum light anywhere in phase): plain val acc 0.977 / 0.958 vs 0.993 / 0.978",
            align=False),
    healthy("lc94_fold_sigmoid_output", B94M.folded_cnn, "a sigmoid instead of the softmax on "
            "the 5-class head under SparseCategoricalCrossentropy: Keras takes the logits "
            "under the sigmoid, so training is the softmax's, plain val acc 0.993 / 0.978 "
            "(the same figures) vs 0.993 / 0.978", output="sigmoid"),
    healthy("lc94_fold_flatten_head", B94M.folded_cnn, "Flatten instead of "
            "GlobalAveragePooling before the dense head: plain val acc 0.993 / 0.992 vs 0.993 "
            "/ 0.978", pool="flatten"),
    healthy("lc94_fold_dropout_0_8", B94M.folded_cnn, "Dropout 0.8 before the head: training "
            "acc 0.854 / 0.857, plain val acc 0.988 / 0.973 vs 0.993 / 0.978", dropout=0.8),
    healthy("lc94_transient_transformer", B94M.transient_transformer, "transient "
            "classification (SN Ia, SN Ibc, SN II-P, SLSN; generated multi-band difference "
            "fluxes in FLUXCAL with sky + Poisson errors, 20..60 observations in random g / r / "
            "i over 150 days, z 0.05..1; 2000 train, 600 validate): tokens (days since the "
            "first observation / 100, flux and error / the curve's peak flux, one-hot band) "
            "post-padded to 60 -> Masking -> LightCurveEmbedding(32) (a custom layer: value "
            "projection + sinusoidal time encoding) -> one post-norm Transformer block (MHA 2 "
            "x 16, FFN 64 GELU, dropout 0.1) -> masked GlobalAveragePooling -> Dense 4 "
            "softmax, Adam(1e-3), batch 64, 15 ep: plain val acc 0.822 / 0.817"),
    healthy("lc94_transient_fluxcal_unnormalised", B94M.transient_transformer, "the fluxes "
            "and errors left in FLUXCAL (peaks 100..1600, noise 15..40) instead of divided "
            "by the curve's peak: plain val acc 0.773 / 0.760 vs 0.822 / 0.817 (4.9 / 5.7 "
            "points, harmed on one seed only)", flux_norm="none"),
    healthy("lc94_transient_no_masking", B94M.transient_transformer, "no Masking layer: the "
            "zero padding tokens are attended and averaged into the pooled vector: plain val "
            "acc 0.823 / 0.828 vs 0.822 / 0.817", masking=False),
]]

FAULTY_94 = [batch94_case(c) for c in [
    faulty("lc94_gru_raw_magnitudes", "lc94_gru_irregular", "unscaled_input",
           "the catalogue magnitudes (14.5..19.5) fed as they are instead of about the curve's "
           "mean: plain val acc 0.212 / 0.183 (chance 0.2) vs 0.678 / 0.563", mags="raw"),
    faulty("lc94_gru_pad_99_unmasked", "lc94_gru_irregular", "abnormal_data unscaled_input",
           "the ragged curves padded with 99 (the survey's missing-magnitude sentinel) while "
           "the Masking layer still masks 0, so the padding steps reach the GRU: plain val acc "
           "0.532 / 0.332 vs 0.678 / 0.563", pad_value=99.0),
    faulty("lc94_gru_no_masking", "lc94_gru_irregular", "slow_convergence",
           "no Masking layer over the post-padded curves (up to 50 zero steps after the last "
           "observation, which the GRU's final state reads): plain val acc 0.343 / 0.263 vs "
           "0.678 / 0.563", masking=False),
    faulty("lc94_gru_labels_shuffled", "lc94_gru_irregular", "label_mismatch slow_convergence",
           "the class labels shuffled apart from their curves (a catalogue cross-match joined "
           "on row order after one table was re-sorted): plain val acc 0.200 / 0.212 vs "
           "0.678 / 0.563", shuffle_labels=True),
    faulty("lc94_gru_linear_head_probabilities", "lc94_gru_irregular", "output_loss_mismatch",
           "the Dense 5 head left linear while SparseCategoricalCrossentropy keeps "
           "from_logits=False: plain val acc 0.210 / 0.175 (loss stuck at ln 5 = 1.609) vs "
           "0.678 / 0.563", output="linear"),
    faulty("lc94_fold_raw_magnitudes", "lc94_fold_cnn", "unscaled_input",
           "the binned catalogue magnitudes (14..20) fed as they are, no median subtracted: "
           "plain val acc 0.332 / 0.462 vs 0.993 / 0.978", norm="raw"),
    faulty("lc94_fold_val_bands_irg", "lc94_fold_cnn", "validation_shift",
           "the validation curves' band columns in i, r, g order (another survey's file) while "
           "training is g, r, i: plain val acc 0.312 / 0.298 (val loss 31.4 / 38.7) vs 0.993 "
           "/ 0.978", val_band_order="irg"),
    faulty("lc94_fold_sorted_apart", "lc94_fold_cnn", "label_mismatch slow_convergence",
           "the training curves sorted by g magnitude for inspection, their labels not: plain "
           "val acc 0.218 / 0.295 vs 0.993 / 0.978", sort_apart=True),
    faulty("lc94_fold_deep_sigmoid", "lc94_fold_cnn", "vanishing_gradient slow_convergence",
           "sigmoid activations throughout and 6 more Conv1D layers (9 convs, no "
           "normalisation): plain val acc 0.197 / 0.197 (chance) vs 0.993 / 0.978",
           activation="sigmoid", extra_blocks=6),
    faulty("lc94_fold_sgd_no_momentum", "lc94_fold_cnn",
           "slow_convergence learning_rate_out_of_range",
           "SGD(1e-3) without momentum in place of Adam(1e-3) for the 15 epochs: plain val acc "
           "0.317 / 0.273 vs 0.993 / 0.978", optimizer="sgd_plain", lr=0.001),
    faulty("lc94_fold_empty_bins_nan", "lc94_fold_cnn", "abnormal_data",
           "the phase bins no observation fell in (about a quarter of them) left NaN, as "
           "np.nanmean binning returns them: plain val acc 0.197 / 0.197 (one class, val loss "
           "1.61 = ln 5) vs 0.993 / 0.978", fill="nan"),
    faulty("lc94_transient_cgs_flux", "lc94_transient_transformer",
           "collapsed_input unscaled_input",
           "the fluxes converted to erg/s/cm2/Hz (about 1e-28) and fed unnormalised: the "
           "value features are effectively 0, only time and band reach the net, plain val "
           "acc 0.275 / 0.245 vs 0.822 / 0.817", flux_norm="cgs"),
    faulty("lc94_transient_magnitudes_of_negative_flux", "lc94_transient_transformer",
           "abnormal_data",
           "magnitudes computed as -2.5 log10 of the peak-normalised difference flux, which "
           "is negative for 17 % of the observations (noise around the baseline): NaN inputs, "
           "plain loss nan / nan (val acc 0.252) vs val acc 0.822 / 0.817", values="mag"),
    faulty("lc94_transient_mjd_times", "lc94_transient_transformer", "unscaled_input",
           "the observation MJDs (59000..60650) fed as the time feature instead of days since "
           "the first observation (the sinusoidal encoding then sees only the phase of an "
           "absolute date): plain val acc 0.740 / 0.717 vs 0.822 / 0.817",
           time_origin="mjd"),
]]


def batch95_case(case: Case) -> Case:
    return replace(case, batch=95)


# Batch 95 (session "practice95"): network intrusion detection in Keras 3: a multi-class
# attack-type classifier and a binary attack-vs-benign detector over generated flow records
# (heavy-tailed byte / packet counts and durations through log1p + Normalization, the
# destination port through IntegerLookup + Embedding, the protocol one-hot; a time-ordered
# split; class weights or a focal loss for the rare attacks), an autoencoder of benign flows
# (the anomaly score's model), and a GRU / LSTM / Conv1D over host log sessions (event ids
# through an Embedding). Written without reading the detection / repair rules or their
# settings. Labels set by plain Keras training (seeds 11 and 22) before any Watch /
# autotrainer run: faulty when the final validation accuracy is >= 5 points below the
# counterpart's on both seeds (the autoencoder, without accuracy: the final validation loss
# >= 1.5x), or non-finite.
B95M = batch95_models
HEALTHY_95 += [batch95_case(c) for c in [
    healthy("net95_flow_attack_type", B95M.attack_type_mlp, "attack-type classification of "
            "generated flow records (benign 86 %, scan, SYN flood, brute force, exfiltration "
            "1 %; the 12000 earliest flows train, the 3000 latest validate): log1p of 8 "
            "numeric columns -> Normalization (adapted), port IntegerLookup -> Embedding(8), "
            "protocol one-hot -> Dense 64 ReLU -> Dropout 0.1 -> Dense 64 ReLU -> softmax 5, "
            "sparse CE, Adam(1e-3), batch 128, 10 ep: plain val acc 1.000 / 1.000 (val loss "
            "0.0017 / 0.0024; all-benign 0.859)"),
    healthy("net95_flow_no_log1p", B95M.attack_type_mlp, "the heavy-tailed counts standardised "
            "by the Normalization layer without the log1p first: plain val acc 0.982 / 0.983 "
            "vs 1.000 / 1.000 (1.8 / 1.7 points)", transform="raw"),
    healthy("net95_flow_balanced_weights", B95M.attack_type_mlp, "sklearn-style 'balanced' "
            "class weights (n / (k n_c): benign 0.23, exfiltration 20.5): plain val acc 0.998 "
            "/ 0.997 vs 1.000 / 1.000", class_weight="balanced"),
    healthy("net95_flow_inverse_count_weights", B95M.attack_type_mlp, "class weights 1 / count "
            "not rescaled (1e-4 .. 8.5e-3; training loss prints 0.0000): Adam is scale-free, "
            "plain val acc 0.997 / 0.996 vs 1.000 / 1.000", class_weight="inverse_count"),
    healthy("net95_flow_random_split", B95M.attack_type_mlp, "a shuffled 80 / 20 split instead "
            "of the time-ordered one: plain val acc 0.999 / 0.999 vs 1.000 / 1.000",
            split="random"),
    healthy("net95_flow_proto_as_int", B95M.attack_type_mlp, "the protocol's lookup index "
            "(1..3) fed as one number instead of one-hot: plain val acc 1.000 / 0.999 vs "
            "1.000 / 1.000", proto_as="int"),
    healthy("net95_flow_dropout_0_5", B95M.attack_type_mlp, "Dropout 0.5 instead of 0.1: "
            "plain val acc 1.000 / 1.000", dropout=0.5),
    healthy("net95_flow_batchnorm", B95M.attack_type_mlp, "BatchNorm after each hidden Dense: "
            "plain val acc 1.000 / 1.000", batchnorm=True),
    healthy("net95_detector", B95M.attack_detector, "binary attack-vs-benign detection on the "
            "same flows (14 % attacks, time-ordered 12000 / 3000): the encoded features -> "
            "Dense 32 ReLU -> Dense 16 ReLU -> Dense 1 sigmoid, binary CE, accuracy + AUC, "
            "Adam(1e-3), batch 128, 8 ep: plain val acc 0.999 / 0.997 (all-benign 0.859)"),
    healthy("net95_detector_focal", B95M.attack_detector, "BinaryFocalCrossentropy(gamma 2, "
            "alpha 0.75, class balancing) instead of binary CE: plain val acc 0.997 / 0.997 vs "
            "0.999 / 0.997", loss="focal"),
    healthy("net95_detector_balanced_weights", B95M.attack_detector, "'balanced' class weights "
            "(benign 0.58, attack 3.6): plain val acc 0.999 / 0.997 vs 0.999 / 0.997",
            class_weight="balanced"),
    healthy("net95_detector_rare_dropped", B95M.attack_detector, "the exfiltration flows (1 %) "
            "dropped from training as too few to learn (they stay in validation): plain val "
            "acc 0.987 / 0.987 vs 0.999 / 0.997 (1.2 / 1.0 points; val loss 0.233 / 0.129)",
            drop_rare=True),
    healthy("net95_detector_hinge", B95M.attack_detector, "hinge loss on the 0 / 1 labels "
            "(Keras maps them to -1 / 1) behind the sigmoid: plain val acc 0.988 / 0.998 vs "
            "0.999 / 0.997", loss="hinge"),
    healthy("net95_benign_autoencoder", B95M.benign_autoencoder, "autoencoder of benign flows "
            "(the anomaly score's model): log1p of the 8 numeric columns standardised with the "
            "training benign flows' statistics, Dense 16 ReLU -> 4 ReLU -> 16 ReLU -> 8 "
            "linear, MSE (mae metric), Adam(1e-3), batch 64, 15 ep; the earliest ~10300 "
            "benign flows train, the latest ~2600 validate: plain val loss 0.0914 / 0.1164"),
    healthy("net95_ae_scaled_per_split", B95M.benign_autoencoder, "the validation flows "
            "standardised with their own mean and std instead of the training statistics: "
            "plain val loss 0.1072 / 0.1380 vs 0.0914 / 0.1164 (1.17x / 1.19x)",
            scale_on="each"),
    healthy("net95_ae_denoising", B95M.benign_autoencoder, "GaussianNoise(0.1) on the input "
            "(a denoising autoencoder): plain val loss 0.1208 / 0.1073 vs 0.0914 / 0.1164",
            noise=0.1),
    healthy("net95_session_gru", B95M.session_rnn, "attack detection over generated host log "
            "sessions (event ids 1..40, post-padded to 60; brute-force and exfiltration "
            "sessions spliced into benign Markov walks; the first 3200 sessions train, the last "
            "800 validate, 8 % attacks): Embedding(41, 16, mask_zero) -> GRU(32) -> Dense 1 "
            "sigmoid, binary CE, Adam(3e-3), batch 64, 6 ep: plain val acc 0.999 / 0.998 "
            "(all-benign 0.918)"),
    healthy("net95_session_lstm", B95M.session_rnn, "LSTM(32) instead of the GRU: plain val "
            "acc 1.000 / 0.985 vs 0.999 / 0.998", model_type="lstm"),
    healthy("net95_session_conv1d", B95M.session_rnn, "Conv1D(32, 5) ReLU x 2 -> "
            "GlobalMaxPool1D instead of the GRU: plain val acc 0.994 / 0.991 vs 0.999 / "
            "0.998", model_type="conv1d"),
    healthy("net95_session_focal", B95M.session_rnn, "BinaryFocalCrossentropy(gamma 2, alpha "
            "0.75, class balancing) instead of binary CE: plain val acc 0.993 / 0.990 vs 0.999 "
            "/ 0.998", loss="focal"),
    healthy("net95_session_pre_padding_no_mask", B95M.session_rnn, "the sessions pre-padded "
            "(events at the end) and no mask: plain val acc 0.998 / 0.993 vs 0.999 / 0.998",
            padding="pre", mask_zero=False),
    healthy("net95_session_no_mask", B95M.session_rnn, "mask_zero left off with post-padding "
            "(the GRU reads up to 42 padding steps after the session; training acc 0.937 / "
            "0.909): plain val acc 0.996 / 0.995 vs 0.999 / 0.998", mask_zero=False),
]]

FAULTY_95 = [batch95_case(c) for c in [
    faulty("net95_flow_linear_head", "net95_flow_attack_type", "improper_output",
           "the Dense 5 head left linear with sparse CE (from_logits=False): plain val acc "
           "0.871 / 0.914 vs 1.000 / 1.000", head="linear"),
    faulty("net95_flow_labels_shuffled", "net95_flow_attack_type", "label_mismatch",
           "the training labels shuffled apart from their flows (a merge on the wrong key): "
           "plain val acc 0.859 / 0.859 (all benign) vs 1.000 / 1.000", shuffle_labels=True),
    faulty("net95_flow_zeros_init", "net95_flow_attack_type", "dying_relu no_gradient",
           "kernel_initializer='zeros' on every Dense: the hidden ReLUs output 0 and only the "
           "head's bias learns, plain val acc 0.859 / 0.859 (the class prior) vs 1.000 / "
           "1.000", init="zeros"),
    faulty("net95_flow_deep_sigmoid", "net95_flow_attack_type",
           "vanishing_gradient slow_convergence",
           "eight sigmoid hidden layers, no normalisation, no dropout: plain val acc 0.909 / "
           "0.909 vs 1.000 / 1.000", activation="sigmoid", depth=8, dropout=0.0),
    faulty("net95_flow_sgd_no_momentum", "net95_flow_attack_type",
           "slow_convergence learning_rate_out_of_range",
           "SGD(1e-3) without momentum instead of Adam(1e-3) for the 10 epochs: plain val acc "
           "0.870 / 0.873 vs 1.000 / 1.000", optimizer="sgd_plain", lr=0.001),
    faulty("net95_flow_adam_lr_0_1", "net95_flow_attack_type", "learning_rate_out_of_range",
           "Adam(0.1) instead of Adam(1e-3): plain val acc 0.886 / 0.912 vs 1.000 / 1.000",
           lr=0.1),
    faulty("net95_flow_port_number_feature", "net95_flow_attack_type", "unscaled_input",
           "the destination port fed as its raw number (1..65535) beside the normalised "
           "columns instead of through IntegerLookup + Embedding: plain val acc 0.900 / 0.868 "
           "(val loss 9.1 / 1.8) vs 1.000 / 1.000", port_as="numeric"),
    faulty("net95_flow_weights_x100", "net95_flow_attack_type", "invalid_sample_weights",
           "every attack class weighted 100 x its imbalance (scan ~1760, exfiltration ~8830, "
           "benign 1): plain val acc 0.912 / 0.938 vs 1.000 / 1.000", class_weight="x100"),
    faulty("net95_detector_softmax_one_unit", "net95_detector", "improper_output",
           "softmax on the one-unit head (the 2-class habit): every output is 1.0, plain val "
           "acc 0.141 / 0.141 (all attack) vs 0.999 / 0.997 (the BCE reads the logits behind "
           "the softmax, so the loss trains as the base's: val loss 0.0064 / 0.0094)",
           head="softmax"),
    faulty("net95_detector_attack_type_labels", "net95_detector",
           "label_mismatch unbounded_loss",
           "the attack-type column (0..4) passed as the binary target (validation on the 0 / 1 "
           "column): binary CE is unbounded below, training loss -334 / -563, plain val acc "
           "0.886 / 0.867 vs 0.999 / 0.997", label_column="label"),
    faulty("net95_ae_sigmoid_output", "net95_benign_autoencoder", "improper_output",
           "a sigmoid on the reconstruction of standardised (signed) features: plain val loss "
           "0.563 / 0.557 vs 0.0914 / 0.1164", output="sigmoid"),
    faulty("net95_ae_relu_output", "net95_benign_autoencoder", "improper_output",
           "a ReLU on the reconstruction of standardised features (the negative half "
           "unreachable): plain val loss 0.589 / 0.454 vs 0.0914 / 0.1164", output="relu"),
    faulty("net95_ae_adam_lr_0_1", "net95_benign_autoencoder", "learning_rate_out_of_range",
           "Adam(0.1) instead of Adam(1e-3): plain val loss 0.218 / 0.522 vs 0.0914 / 0.1164 "
           "(2.4x / 4.5x)", lr=0.1),
    faulty("net95_ae_sigmoid_hidden", "net95_benign_autoencoder",
           "slow_convergence vanishing_gradient",
           "sigmoid hidden activations in the autoencoder: plain val loss 0.345 / 0.359 vs "
           "0.0914 / 0.1164 (3.8x / 3.1x)", hidden="sigmoid"),
    faulty("net95_session_labels_shuffled", "net95_session_gru", "label_mismatch",
           "the session labels shuffled apart from their sessions: plain val acc 0.918 / 0.918 "
           "(all benign) vs 0.999 / 0.998", shuffle_labels=True),
    faulty("net95_session_ids_scaled_float", "net95_session_gru",
           "slow_convergence unscaled_input",
           "the event ids fed as one float feature divided by the vocabulary size (a Masking "
           "layer on the zeros) instead of an Embedding: training acc 0.877 / 0.876, plain val "
           "acc 0.919 / 0.918 (all benign) vs 0.999 / 0.998", ids_as="scaled"),
    faulty("net95_session_truncated_15", "net95_session_gru", "text_truncated",
           "the sessions cut to their first 15 events (maxlen=15, truncating='post') so most "
           "attack bursts are cut off: plain val acc 0.945 / 0.944 vs 0.999 / 0.998",
           maxlen=15),
    faulty("net95_session_balanced_weights", "net95_session_gru", "",
           "sklearn 'balanced' class weights (benign 0.57, attack 4.04) on the session GRU: "
           "training acc 0.963 / 0.959, the weighted attacks over-predicted, plain val acc "
           "0.933 / 0.896 vs 0.999 / 0.998", class_weight="balanced"),
    faulty("net95_session_softmax_one_unit", "net95_session_gru", "improper_output",
           "softmax on the one-unit head: every output is 1.0, plain val acc 0.083 / 0.083 "
           "(all attack) vs 0.999 / 0.998 (BCE reads the logits behind the softmax: the val "
           "loss is the base's)", head="softmax"),
]]


def batch96_case(case: Case) -> Case:
    return replace(case, batch=96)


# Batch 96 (session "practice96"): task-oriented dialogue language understanding in Keras 3:
# joint intent detection (one softmax per utterance) and slot filling (one BIO tag per token)
# from one encoder, two outputs with their own losses and loss weights (a BiLSTM / BiGRU /
# Conv1D tagger on pre-tokenised ids; a small Transformer encoder over raw strings through an
# in-model TextVectorization), and a multi-intent (multi-label) Conv1D classifier with a
# sigmoid per intent. Generated utterances (seven intents and an out-of-domain class,
# templated with slot fillers, paraphrase noise and typos). Written without reading the
# detection / repair rules or their settings. Labels set by plain Keras training (seeds 11 and
# 22) before any Watch / autotrainer run: faulty when the final validation accuracy (of the
# intent, or the slot token accuracy on real tokens where the mistake is in the slots; the
# multi-intent script's exact-match accuracy) is >= 5 points below the counterpart's on both
# seeds, or non-finite.
B96M = batch96_models
HEALTHY_96 += [batch96_case(c) for c in [
    healthy("nlu96_joint_bilstm", B96M.joint_bilstm, "joint intent + slot model on generated "
            "assistant utterances (8 intents incl. out-of-domain, 23 BIO tags; 2400 train, 600 "
            "validate; pre-tokenised ids, post-padded to 20): Embedding(64, mask_zero) -> "
            "Bidirectional(LSTM(64, return_sequences, return_state)); slots Dense softmax per "
            "token, intent from the two final states -> Dense 64 ReLU -> Dense 8 softmax; "
            "sparse CE on each (weights 1, 1), Adam(1e-3), batch 32, 8 ep: plain val intent "
            "acc 0.997 / 0.998, slot token acc 0.979 / 0.978"),
    healthy("nlu96_bilstm_bos_token_tags_unshifted", B96M.joint_bilstm, "a '<s>' token put "
            "before every utterance while the tags are not shifted (each tag sits one position "
            "before its token, in training and validation alike; the bidirectional encoder "
            "reads the next token): plain val intent acc 0.990 / 0.998, slot token acc 0.974 / "
            "0.978 vs 0.997 / 0.998, 0.979 / 0.978", bos=True),
    healthy("nlu96_bilstm_sigmoid_intent_head", B96M.joint_bilstm, "a sigmoid on the intent "
            "head under sparse categorical cross-entropy: Keras 3 reads the sigmoid's logits "
            "and the run is the softmax one to the last digit, plain val intent acc 0.997 / "
            "0.998 vs 0.997 / 0.998", intent_activation="sigmoid"),
    healthy("nlu96_bilstm_no_mask", B96M.joint_bilstm, "Embedding without mask_zero (the "
            "padding is read and tagged as tag 0; the slot accuracy still counts real tokens "
            "only): plain val slot token acc 0.949 / 0.957 (3.0 / 2.1 points below), intent "
            "acc 0.998 / 0.997 vs 0.979 / 0.978, 0.997 / 0.998", mask_zero=False),
    healthy("nlu96_bilstm_capitalised_val", B96M.joint_bilstm, "validation utterances "
            "capitalised as users type them (first word, cities, artists) while the word index "
            "was built on lower-cased training text, so those words are out of vocabulary: "
            "plain val intent acc 0.960 / 0.972, slot token acc 0.936 / 0.933 (3.7 / 2.6 and "
            "4.3 / 4.5 points below, inside the 5-point rule) vs 0.997 / 0.998, 0.979 / 0.978",
            val_case="raw"),
    healthy("nlu96_bilstm_bigru", B96M.joint_bilstm, "Bidirectional(GRU(64)) encoder: plain "
            "val intent acc 0.997 / 0.998, slot token acc 0.996 / 0.994", encoder="bigru"),
    healthy("nlu96_bilstm_conv1d", B96M.joint_bilstm, "two Conv1D(128, 3, ReLU) in place of "
            "the BiLSTM, intent from a global max pool (Keras warns the Conv1D drops the "
            "mask): plain val intent acc 0.997 / 0.998, slot token acc 0.997 / 0.997",
            encoder="conv1d"),
    healthy("nlu96_joint_transformer", B96M.joint_transformer, "joint intent + slot model on "
            "the raw utterance strings: in-model TextVectorization (whitespace, lower, padded "
            "to 20) -> token + learned position embedding 64 (a custom layer with get_config "
            "and a padding mask) -> one post-norm Transformer block (4 heads, FFN 128) -> slot "
            "softmax per token, intent from a masked average; sparse CE on each, Adam(1e-3), "
            "batch 32, 10 ep: plain val intent acc 1.000 / 0.998, slot token acc 0.986 / "
            "0.984"),
    healthy("nlu96_transformer_strip_punctuation", B96M.joint_transformer, "TextVectorization's "
            "default standardize (lower_and_strip_punctuation): the ',' tokens of 'hey , ...' "
            "vanish and the tags after them slide one place (in training and validation): "
            "plain val slot token acc 0.942 / 0.946 (4.4 / 3.8 points below, inside the rule) "
            "vs 0.986 / 0.984", standardize="lower_and_strip_punctuation"),
    healthy("nlu96_transformer_no_positions", B96M.joint_transformer, "no position embedding "
            "(order only through the tokens themselves): plain val slot token acc 0.975 / "
            "0.974 vs 0.986 / 0.984", positions=False),
    healthy("nlu96_transformer_no_mask", B96M.joint_transformer, "the embedding's padding "
            "mask left out (attention and the average read the padding): plain val slot token "
            "acc 0.983 / 0.980, intent 0.998 / 0.998 vs 0.986 / 0.984, 1.000 / 0.998",
            masking=False),
    healthy("nlu96_transformer_maxlen_8", B96M.joint_transformer, "output_sequence_length=8 "
            "(the tags cut to match; utterances up to 19 tokens): plain val intent acc 0.997 / "
            "0.993, slot token acc on the kept tokens 0.987 / 0.989 vs 1.000 / 0.998, 0.986 / "
            "0.984", maxlen=8),
    healthy("nlu96_transformer_adam_lr_0_01", B96M.joint_transformer, "Adam(1e-2), no warm-up: "
            "plain val intent acc 0.997 / 0.997, slot token acc 0.991 / 0.971 vs 1.000 / 0.998, "
            "0.986 / 0.984", lr=0.01),
    healthy("nlu96_transformer_adapted_on_val", B96M.joint_transformer, "the TextVectorization "
            "adapted on the validation strings instead of the training ones: plain val intent "
            "acc 1.000 / 1.000, slot token acc 0.985 / 0.983 vs 1.000 / 0.998, 0.986 / 0.984",
            adapt_on="val"),
    healthy("nlu96_multi_intent_cnn", B96M.multi_intent_cnn, "multi-intent detection (3000 "
            "train, 600 validate; half the utterances carry two of seven intents joined by "
            "'and' / 'and then' / ', also'): TextVectorization ahead of the model (padded to "
            "36) -> Embedding 64 -> Conv1D(128, 3, ReLU) -> global max pool -> Dropout 0.3 -> "
            "Dense 7 sigmoid, binary CE, Adam(1e-3), batch 32, 8 ep: plain val exact-match acc "
            "0.993 / 0.993"),
    healthy("nlu96_multi_flatten", B96M.multi_intent_cnn, "Flatten instead of the global max "
            "pool: plain val exact-match acc 0.987 / 0.988 vs 0.993 / 0.993", pooling="flatten"),
    healthy("nlu96_multi_average_pool", B96M.multi_intent_cnn, "a global average pool (the "
            "padding averaged in): plain val exact-match acc 0.948 / 0.945 (4.5 / 4.8 points "
            "below, inside the rule) vs 0.993 / 0.993", pooling="avg"),
    healthy("nlu96_multi_mask_zero_before_conv", B96M.multi_intent_cnn, "Embedding(mask_zero="
            "True) before the Conv1D, which drops the mask with a warning: the run is the "
            "unmasked one, plain val exact-match acc 0.993 / 0.993", mask_zero=True),
]]

FAULTY_96 = [batch96_case(c) for c in [
    faulty("nlu96_bilstm_linear_slot_head", "nlu96_joint_bilstm",
           "improper_output output_loss_mismatch",
           "the slot head left linear (no softmax) under sparse CE with from_logits=False: "
           "plain val slot token acc 0.708 / 0.900 vs 0.979 / 0.978 (intent 0.997 / 0.995)",
           slot_activation="linear"),
    faulty("nlu96_bilstm_tokens_pre_tags_post", "nlu96_joint_bilstm", "label_mismatch",
           "the token ids padded by pad_sequences' default 'pre' and the tag ids 'post': every "
           "tag sits away from its token, plain val slot token acc 0.048 / 0.046 vs 0.979 / "
           "0.978 (intent 0.998 / 0.997, unharmed)", token_padding="pre"),
    faulty("nlu96_bilstm_tag_index_refit_on_val", "nlu96_joint_bilstm",
           "validation_shift label_mismatch",
           "the tag index (order of first appearance) built again on the validation rows, so "
           "validation tags use other ids: plain val slot token acc 0.732 / 0.732 vs 0.979 / "
           "0.978 (intent unharmed)", tag_vocab="refit"),
    faulty("nlu96_bilstm_word_index_refit_on_val", "nlu96_joint_bilstm",
           "validation_shift unknown_tokens",
           "the word index rebuilt on the validation utterances (the tokenizer fitted again), "
           "so validation words get other ids: plain val intent acc 0.217 / 0.250, slot token "
           "acc 0.635 / 0.636 vs 0.997 / 0.998, 0.979 / 0.978", word_vocab="refit"),
    faulty("nlu96_bilstm_slot_loss_missing", "nlu96_joint_bilstm", "no_gradient",
           "the loss dict names only the intent output: the slot head is never trained, plain "
           "val slot token acc 0.009 / 0.025 vs 0.979 / 0.978 (intent 0.998 / 1.000)",
           slot_loss=False),
    faulty("nlu96_bilstm_intents_shuffled", "nlu96_joint_bilstm",
           "label_mismatch slow_convergence",
           "the intent labels shuffled apart from their utterances (the ids and tags kept "
           "together): training intent acc 0.154 / 0.158, plain val intent acc 0.148 / 0.137 "
           "vs 0.997 / 0.998", shuffle_intents=True),
    faulty("nlu96_bilstm_intent_from_last_step", "nlu96_joint_bilstm",
           "collapsed_input slow_convergence",
           "the intent read from the sequence output's last time step, which post-padding "
           "and the mask make a zero vector for almost every utterance: plain val intent acc "
           "0.150 / 0.150 (the majority share) vs 0.997 / 0.998", intent_from="last"),
    faulty("nlu96_bilstm_num_words_60", "nlu96_joint_bilstm", "unknown_tokens",
           "the word index capped at 60 words (Tokenizer num_words): slot values fall out of "
           "vocabulary, plain val slot token acc 0.852 / 0.860 vs 0.979 / 0.978 (intent 0.977 "
           "/ 0.973)", num_words=60),
    faulty("nlu96_bilstm_adam_lr_0_1", "nlu96_joint_bilstm", "learning_rate_out_of_range",
           "Adam(0.1): plain val intent acc 0.752 / 0.755 vs 0.997 / 0.998 (slot token acc "
           "0.962 / 0.948)", lr=0.1),
    faulty("nlu96_bilstm_sgd_no_momentum", "nlu96_joint_bilstm",
           "slow_convergence learning_rate_out_of_range",
           "SGD(0.01) without momentum in the 8-epoch budget: plain val intent acc 0.127 / "
           "0.143, slot token acc 0.708 / 0.708 vs 0.997 / 0.998, 0.979 / 0.978",
           optimizer="sgd_plain", lr=0.01),
    faulty("nlu96_transformer_max_tokens_50", "nlu96_joint_transformer", "unknown_tokens",
           "TextVectorization(max_tokens=50): most slot values map to the OOV id, plain val "
           "slot token acc 0.863 / 0.866 vs 0.986 / 0.984 (intent 0.968 / 0.975)",
           max_tokens=50),
    faulty("nlu96_transformer_linear_slot_head", "nlu96_joint_transformer",
           "improper_output output_loss_mismatch",
           "the slot head left linear under sparse CE with from_logits=False: plain val slot "
           "token acc 0.614 / 0.923 vs 0.986 / 0.984", slot_activation="linear"),
    faulty("nlu96_multi_softmax_head", "nlu96_multi_intent_cnn",
           "improper_output output_loss_mismatch",
           "a softmax head on the multi-hot targets under binary cross-entropy: Keras 3 trains "
           "on the softmax's logits as sigmoid logits (the loss is the sigmoid run's to the "
           "digit) but the model outputs softmax probabilities, which cannot put two intents "
           "over 0.5: plain val exact-match acc 0.502 / 0.502 vs 0.993 / 0.993",
           head="softmax"),
    faulty("nlu96_multi_softmax_categorical", "nlu96_multi_intent_cnn",
           "improper_output output_loss_mismatch",
           "multi-label treated as multi-class: softmax head and categorical cross-entropy on "
           "the multi-hot targets: plain val exact-match acc 0.330 / 0.343 (val loss 325 / "
           "312) vs 0.993 / 0.993", head="softmax", loss="categorical"),
    faulty("nlu96_multi_sigmoid_categorical", "nlu96_multi_intent_cnn",
           "output_loss_mismatch",
           "the sigmoid head kept but compiled with categorical cross-entropy: plain val "
           "exact-match acc 0.000 / 0.000 (per-label acc 0.214) vs 0.993 / 0.993",
           loss="categorical"),
    faulty("nlu96_multi_first_intent_only", "nlu96_multi_intent_cnn", "label_mismatch",
           "each training utterance labelled with its first intent only (intents[0]; the "
           "validation targets keep both): plain val exact-match acc 0.525 / 0.528 vs 0.993 / "
           "0.993", labels="first"),
    faulty("nlu96_multi_maxlen_12", "nlu96_multi_intent_cnn", "text_truncated",
           "output_sequence_length=12 for utterances of up to 33 tokens: the second request is "
           "cut off, plain val exact-match acc 0.772 / 0.770 vs 0.993 / 0.993", maxlen=12),
    faulty("nlu96_multi_sgd_no_momentum", "nlu96_multi_intent_cnn",
           "slow_convergence learning_rate_out_of_range",
           "SGD(0.01) without momentum in 8 epochs: every label stays under 0.5, plain val "
           "exact-match acc 0.000 / 0.000 (loss 0.554 / 0.544) vs 0.993 / 0.993",
           optimizer="sgd_plain", lr=0.01),
]]

def batch97_case(case: Case) -> Case:
    return replace(case, batch=97)


# Batch 97 (session "practice97"): clinical time series from intensive-care records in Keras 3:
# in-hospital mortality from the first 48 hours with a GRU-D-style input (forward-filled
# standardised values, the observation mask, the hours since the last observation) and the
# static covariates (age, sex, admission type) joined after the temporal encoder (GRU, LSTM,
# Conv1D or a small Transformer), balanced class weights, accuracy + AUC; an hourly
# deterioration predictor (causal dilated Conv1D, one sigmoid per hour); a length-of-stay
# regression on log-days. A generated cohort (latent severity trajectories, measurements
# missing not at random, one site's labs in mmol/L and umol/L), split per patient. Written
# without reading the detection / repair rules or their settings. Labels set by plain Keras
# training (seeds 11 and 22) before any Watch / autotrainer run: faulty when the final
# validation accuracy is >= 5 points below the counterpart's on both seeds (the length of
# stay: the validation absolute error in days >= 1.5x), or non-finite.
B97M = batch97_models
HEALTHY_97 += [batch97_case(c) for c in [
    healthy("icu97_mortality_grud", B97M.mortality_grud, "in-hospital mortality from the "
            "first 48 h of a generated ICU cohort (8 vitals / labs, missing not at random; "
            "2400 train, 600 validate patients, 21 % / 23 % died): [forward-filled "
            "standardised values, mask, hours since last seen] (48 x 24) -> GRU 48, "
            "concatenated with age, sex, admission one-hot -> Dense 32 ReLU -> Dense 1 "
            "sigmoid, BCE, accuracy + AUC, balanced class weights, Adam(1e-3), batch 64, 8 "
            "ep: plain val acc 0.902 / 0.910 (all-survived 0.773)"),
    healthy("icu97_deterioration_tcn", B97M.deterioration_tcn, "hourly deterioration "
            "(severity 6 h ahead above threshold; 19 % of hours) from the same GRU-D-style "
            "input: causal Conv1D 3 x 32 ReLU at dilations 1, 2, 4 -> Dense 1 sigmoid per "
            "hour, BCE, accuracy + AUC, Adam(1e-3), batch 64, 8 ep: plain val acc 0.934 / "
            "0.931"),
    healthy("icu97_los_gru", B97M.los_regression, "length of stay (days, median 6) from the "
            "first 48 h: GRU 48 + static -> Dense 32 ReLU -> Dense 1 linear on log(days), "
            "MSE, Adam(1e-3), batch 64, 8 ep; metric the absolute error in days: plain val "
            "los_mae_days 1.340 / 1.312"),
    healthy("icu97_mortality_raw_units", B97M.mortality_grud, "the values left in their raw "
            "units (heart rate ~85, creatinine up to ~200 umol/L), not standardised: plain "
            "val acc 0.893 / 0.870 vs 0.902 / 0.910 (0.9 / 4.0 points)", scale="none"),
    healthy("icu97_mortality_linear_head_bce", B97M.mortality_grud, "the last Dense left "
            "linear under binary_crossentropy (from_logits=False): plain val acc 0.893 / "
            "0.900 vs 0.902 / 0.910 (val loss 0.316 / 0.308 vs 0.218 / 0.208)",
            head="linear"),
    healthy("icu97_mortality_deep_sigmoid_head", B97M.mortality_grud, "six Dense 32 sigmoid "
            "layers between the encoder and the head: plain val acc 0.892 / 0.900 vs 0.902 / "
            "0.910", hidden=6, hidden_activation="sigmoid"),
    healthy("icu97_deterioration_labels_late_6h", B97M.deterioration_tcn, "the hourly labels "
            "rolled 6 h late against the inputs in training (validation aligned): plain val "
            "acc 0.930 / 0.931 vs 0.934 / 0.931 (val loss 0.190 / 0.192 vs 0.150 / 0.154)",
            label_shift=6),
    healthy("icu97_mortality_relu_head_bce", B97M.mortality_grud, "Dense(1, activation='relu') "
            "as the head under BCE: plain val acc 0.893 / 0.900 vs 0.902 / 0.910 (the linear "
            "head's run to the digit: BCE clips the output to [1e-7, 1 - 1e-7] either way)",
            head="relu"),
    healthy("icu97_deterioration_raw_units", B97M.deterioration_tcn, "the values not "
            "standardised: plain val acc 0.920 / 0.920 vs 0.934 / 0.931", scale="none"),
    healthy("icu97_los_hours_target", B97M.los_regression, "the raw length of stay in hours "
            "(48-700) as the target of the linear head, MSE in hours squared: plain val "
            "absolute error 1.886 / 1.700 days vs 1.340 / 1.312 (1.41x / 1.30x)",
            target="hours"),
    healthy("icu97_mortality_lstm", B97M.mortality_grud, "LSTM 48 instead of the GRU: plain "
            "val acc 0.902 / 0.905 vs 0.902 / 0.910", encoder="lstm"),
    healthy("icu97_mortality_transformer", B97M.mortality_grud, "a small Transformer encoder "
            "(Dense 48 projection + a learned hour embedding, one post-norm block: 4-head "
            "self-attention, GELU FFN 96, average pooling): plain val acc 0.902 / 0.867 vs "
            "0.902 / 0.910 (0.0 / 4.3 points)", encoder="transformer"),
    healthy("icu97_mortality_conv1d", B97M.mortality_grud, "two Conv1D 48 (kernel 5, "
            "dilations 1, 2) with the max-pooled and last-hour features concatenated: plain "
            "val acc 0.903 / 0.905 vs 0.902 / 0.910", encoder="conv1d"),
    healthy("icu97_mortality_no_class_weights", B97M.mortality_grud, "no class weights "
            "(plain BCE at the 21 % prior): plain val acc 0.915 / 0.920 vs 0.902 / 0.910",
            weights="none"),
    healthy("icu97_mortality_values_only", B97M.mortality_grud, "the forward-filled values "
            "only, no mask or delta channels (the missingness pattern dropped): plain val acc "
            "0.907 / 0.907 vs 0.902 / 0.910", channels="values"),
    healthy("icu97_mortality_static_raw", B97M.mortality_grud, "the static inputs raw: age in "
            "years (18-95), admission type as its code 0 / 1 / 2: plain val acc 0.900 / 0.897 "
            "vs 0.902 / 0.910", static="raw"),
    healthy("icu97_mortality_zero_fill_raw", B97M.mortality_grud, "fillna(0) in raw units "
            "before the scaler (a blood pressure of 0 for every unmeasured hour; the mask "
            "still built): plain val acc 0.883 / 0.880 vs 0.902 / 0.910 (1.9 / 3.0 points)",
            impute="zero_raw"),
    healthy("icu97_deterioration_same_padding", B97M.deterioration_tcn, "padding='same' "
            "instead of 'causal' (each hour's prediction sees the next hours: leaked, not "
            "harmed): plain val acc 0.959 / 0.960 vs 0.934 / 0.931", padding="same"),
]]

FAULTY_97 = [batch97_case(c) for c in [
    faulty("icu97_mortality_nan_inputs", "icu97_mortality_grud", "abnormal_data",
           "no imputation: the unmeasured hours left NaN in the standardised values (the mask "
           "and delta channels built): training loss 0.693 (ln 2) flat, plain val acc 0.227 "
           "/ 0.773 vs 0.902 / 0.910", impute="none"),
    faulty("icu97_mortality_labels_unsplit", "icu97_mortality_grud", "label_mismatch",
           "y = died[:2400] (the cohort's first rows) while the inputs are the training "
           "patients' rows of the per-patient split: training acc 0.607 / 0.568, plain val "
           "acc 0.533 / 0.717 vs 0.902 / 0.910", labels="head"),
    faulty("icu97_mortality_softmax_one_unit", "icu97_mortality_grud", "improper_output",
           "Dense(1, activation='softmax') as the mortality head: every output is 1.0, plain "
           "val acc 0.227 / 0.227 (all died) vs 0.902 / 0.910 (BCE reads the logits behind "
           "the softmax: the val loss is the base's)", head="softmax"),
    faulty("icu97_mortality_categorical_ce", "icu97_mortality_grud",
           "output_loss_mismatch setup_stall no_gradient",
           "categorical_crossentropy on the one sigmoid unit: the loss is 0 for every row, "
           "nothing trains, plain val acc 0.773 / 0.773 (all survived) vs 0.902 / 0.910",
           loss="cce"),
    faulty("icu97_mortality_units_train_only", "icu97_mortality_grud", "validation_shift",
           "site B's glucose (mmol/L) and creatinine (umol/L) converted to mg/dL on the "
           "training patients only; the validation patients keep the raw SI values: training "
           "acc as the base, plain val acc 0.848 / 0.738 vs 0.902 / 0.910 (5.4 / 17.2 "
           "points)", units_fix="train_only"),
    faulty("icu97_deterioration_softmax_per_hour", "icu97_deterioration_tcn",
           "improper_output",
           "Dense(1, activation='softmax') per hour: every output is 1.0, plain val acc "
           "0.209 / 0.209 (every hour deteriorating) vs 0.934 / 0.931", head="softmax"),
    faulty("icu97_los_sigmoid_output", "icu97_los_gru", "improper_output",
           "a sigmoid on the log-days head (log LOS 1.0-3.5 cannot be reached): plain val "
           "absolute error 4.11 / 4.11 days vs 1.34 / 1.31 (3.1x / 3.1x)",
           output="sigmoid"),
    faulty("icu97_deterioration_adam_lr_1", "icu97_deterioration_tcn",
           "learning_rate_out_of_range dying_relu",
           "Adam(1.0) instead of 1e-3: training acc 0.812 / 0.809, plain val acc 0.793 / "
           "0.791 (every hour stable) vs 0.934 / 0.931", lr=1.0),
    faulty("icu97_mortality_adam_lr_1e_5", "icu97_mortality_grud",
           "slow_convergence learning_rate_out_of_range",
           "Adam(1e-5) for the 8 epochs: training loss 0.51 / 0.50, plain val acc 0.825 / "
           "0.687 vs 0.902 / 0.910 (val loss 0.57 / 0.61 vs 0.22 / 0.21)", lr=1e-5),
    faulty("icu97_deterioration_nan_inputs", "icu97_deterioration_tcn", "abnormal_data",
           "no imputation: unmeasured hours left NaN in the per-hour model's inputs: "
           "training and validation loss NaN, plain val acc 0.791 / 0.791 (every hour "
           "stable) vs 0.934 / 0.931", impute="none"),
]]

def batch98_case(case: Case) -> Case:
    return replace(case, batch=98)


# Batch 98 (session "practice98"): click-through and conversion prediction in Keras 3 on
# generated ad impressions (3.7 % clicked; users and ads with Zipf-distributed frequencies and
# latent affinities, a position bias, heavy-tailed historical counts): Wide & Deep (a
# HashedCrossing in the wide part), DeepFM (a factorisation-machine layer with get_config),
# DCN-v2 (a CrossLayer with get_config) and an ESMM-style CTR + CTCVR model; hashed /
# looked-up ids (Hashing, IntegerLookup, StringLookup) with embeddings, log1p + Normalization
# on the counts, BCE (log loss) and AUC, batches of 512-1024. Written without reading the
# detection / repair rules or their settings. Labels set by plain Keras training (seeds 11
# and 22) before any Watch / autotrainer run: faulty when the final validation loss (the
# model's total, as results.py reads it) is >= 1.5x the counterpart's on both seeds, or
# non-finite. The base-rate predictor's validation log loss is 0.158 (the true
# probabilities' 0.067).
B98M = batch98_models
HEALTHY_98 += [batch98_case(c) for c in [
    healthy("ctr98_wide_deep", B98M.wide_deep, "Wide & Deep on generated impressions (120000 "
            "train, 20000 validate, 3.7 % clicked): wide Dense(1) over HashedCrossing(segment x "
            "category, 512, one-hot) + one-hot position / hour / device; deep 8-d embeddings "
            "of hashed user / ad ids (4096 bins), IntegerLookup'd ad / user / context fields "
            "and the StringLookup'd device, log1p + normalised counts -> Dense 128 -> 64 ReLU "
            "-> Dense 1; logits added -> sigmoid, BCE, AUC, Adam(1e-3), batch 512, 4 ep: "
            "plain val loss 0.0965 / 0.0959 (AUC 0.887 / 0.888)"),
    healthy("ctr98_deepfm", B98M.deepfm, "DeepFM: 9 categorical fields embedded 8-d and the 4 "
            "log1p + normalised counts as fields (EinsumDense vectors), first-order Dense(1), "
            "an FMInteraction layer over the 13 stacked fields, deep Dense 200 -> 200 ReLU; "
            "logits added -> sigmoid, BCE, AUC, Adam(1e-3), batch 1024, 4 ep: plain val loss "
            "0.0969 / 0.0975"),
    healthy("ctr98_dcn_v2", B98M.dcn_v2, "DCN-v2: x0 = field embeddings + normalised log "
            "counts (76 wide) -> 3 CrossLayers (x0 * (W x + b) + x) in parallel with Dense 128 "
            "-> 64 ReLU, concatenated -> Dense 1 sigmoid, BCE, AUC, Adam(1e-3), batch 1024, 4 "
            "ep: plain val loss 0.0992 / 0.0983"),
    healthy("ctr98_esmm", B98M.esmm, "ESMM-style CTR + CTCVR: shared embeddings and counts -> "
            "a CTR and a CVR tower (Dense 128 -> 64 ReLU -> sigmoid); outputs ctr = pCTR and "
            "ctcvr = pCTR x pCVR, both on every impression (1.9 % click-and-convert), BCE each "
            "(weights 1 / 1), AUC each, Adam(1e-3), batch 1024, 4 ep: plain val loss 0.1492 / "
            "0.1464 (ctr 0.0993 / 0.0975, ctcvr 0.0492 / 0.0482)"),
    healthy("ctr98_wide_deep_softmax_head", B98M.wide_deep, "Dense(1) -> softmax as the output "
            "under BCE: Keras 3's BCE reads the layer's logits, so the training and the "
            "validation loss are the base run's to the digit (0.0965 / 0.0959), but every "
            "prediction is 1.0 (val AUC 0.500 / 0.500)", output="softmax"),
    healthy("ctr98_wide_deep_counts_no_log", B98M.wide_deep, "the heavy-tailed counts "
            "normalised without the log1p: plain val loss 0.0972 / 0.0959 vs 0.0965 / 0.0959",
            dense="raw_norm"),
    healthy("ctr98_wide_deep_val_position_1", B98M.wide_deep, "position trained as a feature, "
            "the validation rows scored at position 1 (the serving convention): plain val loss "
            "0.1021 / 0.1003 vs 0.0965 / 0.0959 (1.06x / 1.05x)", val_position="first"),
    healthy("ctr98_wide_deep_linear_from_logits", B98M.wide_deep, "a linear output with "
            "BinaryCrossentropy(from_logits=True) and AUC(from_logits=True): plain val loss "
            "0.0965 / 0.0959, the same run as the base", output="linear", from_logits=True),
    healthy("ctr98_wide_deep_adam_lr_0_1", B98M.wide_deep, "Adam at 0.1: plain val loss "
            "0.1064 / 0.1011 vs 0.0965 / 0.0959 (1.10x / 1.05x)", lr=0.1),
    healthy("ctr98_deepfm_embedding_l2_0_1", B98M.deepfm, "L2 0.1 on every embedding table "
            "(a dense-layer habit applied to sparse ids): plain val loss 0.1137 / 0.1155 vs "
            "0.0969 / 0.0975 (1.17x / 1.18x)", emb_l2=0.1),
    healthy("ctr98_esmm_ctcvr_labels_shuffled", B98M.esmm, "the click-and-convert labels "
            "permuted apart from their rows (the click labels intact): the ctcvr head's val "
            "loss 0.0781 / 0.0854 vs 0.0492 / 0.0482 (1.6x / 1.8x), but the total plain val "
            "loss 0.1796 / 0.1846 vs 0.1492 / 0.1464 (1.20x / 1.26x), inside the rule",
            label_order="shuffled"),
    healthy("ctr98_esmm_linear_cvr_tower", B98M.esmm, "no sigmoid on the CVR tower (pCVR "
            "unbounded, multiplied into pCTCVR): plain val loss 0.1521 / 0.1533 vs 0.1492 / "
            "0.1464", cvr_head="linear"),
    healthy("ctr98_esmm_ctcvr_as_sum", B98M.esmm, "pCTCVR written as pCTR + pCVR (clipped to "
            "1) instead of the product: plain val loss 0.1553 / 0.1831 vs 0.1492 / 0.1464 "
            "(1.04x / 1.25x)", ctcvr="sum"),
]]

FAULTY_98 = [batch98_case(c) for c in [
    faulty("ctr98_wide_deep_logits_as_probabilities", "ctr98_wide_deep",
           "output_loss_mismatch improper_output",
           "the summed wide + deep logit left linear under BinaryCrossentropy() "
           "(from_logits=False): plain val loss 0.1480 / 0.1543 vs 0.0965 / 0.0959 (1.53x / "
           "1.61x)", output="linear"),
    faulty("ctr98_wide_deep_clicks_shuffled", "ctr98_wide_deep",
           "label_mismatch slow_convergence",
           "the click labels permuted apart from their impressions: plain val loss 0.1738 / "
           "0.1747 vs 0.0965 / 0.0959 (above the base rate's 0.158)", shuffle_labels=True),
    faulty("ctr98_wide_deep_raw_counts", "ctr98_wide_deep", "unscaled_input",
           "the historical counts (up to ~1e6) fed raw, neither log1p'd nor normalised: plain "
           "val loss 6.10 / 1.53 vs 0.0965 / 0.0959", dense="raw"),
    faulty("ctr98_wide_deep_balanced_class_weight", "ctr98_wide_deep",
           "invalid_sample_weights",
           "class_weight 'balanced' (n / (2 n_c): positives x13.4) on a calibrated-CTR "
           "model: the predicted rates inflate, plain val loss 0.3135 / 0.3028 vs 0.0965 / "
           "0.0959", class_weight="balanced"),
    faulty("ctr98_dcn_v2_raw_counts", "ctr98_dcn_v2",
           "unscaled_input exploding_gradient",
           "raw counts into the cross layers (products of values up to ~1e6): plain val loss "
           "3.5e13 / 2.6e12 vs 0.0992 / 0.0983", dense="raw"),
    faulty("ctr98_deepfm_labels_shifted", "ctr98_deepfm", "label_mismatch slow_convergence",
           "the click labels rolled one row against the features (an off-by-one join): plain "
           "val loss 0.1691 / 0.1730 vs 0.0969 / 0.0975", label_shift=1),
    faulty("ctr98_deepfm_sgd_no_momentum", "ctr98_deepfm",
           "slow_convergence learning_rate_out_of_range",
           "plain SGD at Adam's 1e-3: plain val loss 0.3763 / 0.4087 vs 0.0969 / 0.0975 (the "
           "output still far from the base rate)", optimizer="sgd"),
    faulty("ctr98_dcn_v2_clicks_shuffled", "ctr98_dcn_v2", "label_mismatch slow_convergence",
           "the click labels permuted apart from their impressions: plain val loss 0.1760 / "
           "0.1741 vs 0.0992 / 0.0983", shuffle_labels=True),
    faulty("ctr98_dcn_v2_sgd_no_momentum", "ctr98_dcn_v2",
           "slow_convergence learning_rate_out_of_range",
           "plain SGD at Adam's 1e-3: plain val loss 0.5339 / 0.5158 vs 0.0992 / 0.0983",
           optimizer="sgd"),
    faulty("ctr98_deepfm_raw_counts", "ctr98_deepfm", "unscaled_input exploding_gradient",
           "the counts fed raw (each scaling its field vector, then squared in the FM term): "
           "plain val loss 27660 / 21139 vs 0.0969 / 0.0975", dense="raw"),
    faulty("ctr98_esmm_raw_counts", "ctr98_esmm", "unscaled_input",
           "the counts fed raw into both towers: plain val loss 11.17 / 16.86 vs 0.1492 / "
           "0.1464", dense="raw"),
]]



def batch99_case(case: Case) -> Case:
    return replace(case, batch=99)


# Batch 99 (session "practice99"): long-document classification with hierarchical models in
# Keras 3: Hierarchical Attention Networks over documents stored as [sentences x words] ids
# (a word encoder shared over the sentences by TimeDistributed: Conv1D + max pool, or a pooled
# embedding; a sentence BiGRU; additive sentence attention, a custom layer with get_config),
# six topics (softmax), six multi-label tags (sigmoid) and a ticket outcome fixed by the order
# of two sentences (sigmoid). Generated documents (9..20 sentences of 5..12 words, the labels
# in a few key sentences among filler). Written without reading the detection / repair rules
# or their settings. Labels set by plain Keras training (seeds 11 and 22) before any Watch /
# autotrainer run: faulty when the final validation accuracy (the tags' exact-match accuracy)
# is >= 5 points below the counterpart's on both seeds, or non-finite.
B99M = batch99_models
HEALTHY_99 += [batch99_case(c) for c in [
    healthy("doc99_han_topics", B99M.han_topics, "HAN topic classifier on generated documents "
            "(six topics with pairwise-overlapping keyword sets, the topic in two key "
            "sentences among 9..20; 1600 train, 400 validate; ids (20, 12), both levels "
            "post-padded): TimeDistributed(Embedding 48 -> Conv1D(48, 3, ReLU) -> global max "
            "pool) -> Masking -> BiGRU(24, return_sequences) -> additive sentence attention -> "
            "Dense 6 softmax, sparse CE, Adam(1e-3), batch 32, 4 ep: plain val acc 0.998 / "
            "0.993"),
    healthy("doc99_topics_attention_softmax_last_axis", B99M.han_topics, "the attention "
            "weights' softmax taken over the last axis of the (batch, time, 1) scores (every "
            "weight 1: the attention becomes a sum over the sentences, padding included): "
            "plain val acc 0.975 / 0.975 vs 0.998 / 0.993", softmax_axis=-1),
    healthy("doc99_topics_sigmoid_head", B99M.han_topics, "a sigmoid on the 6-topic head under "
            "sparse CE: Keras 3 reads its logits and the run is the softmax one, plain val "
            "acc 0.998 / 0.993", output="sigmoid"),
    healthy("doc99_topics_empty_sentences_first", B99M.han_topics, "the empty sentences put "
            "in front of the real ones (documents pre-padded at the sentence level): plain "
            "val acc 0.990 / 0.993 vs 0.998 / 0.993", sentence_padding="pre"),
    healthy("doc99_ticket_order", B99M.ticket_order, "support-ticket outcome (resolved when "
            "the fix sentence follows the problem sentence; both always present, so only "
            "their order tells; 1600 / 400, balanced): the HAN with a pooled-embedding word "
            "encoder (TimeDistributed(Embedding 48 -> unmasked GlobalAveragePooling1D)) -> "
            "BiGRU(24) -> sentence attention -> Dense 1 sigmoid, binary CE, Adam(1e-3), batch "
            "32, 12 ep: plain val acc 0.822 / 0.902 (training 0.987 / 0.991)"),
    healthy("doc99_doc_tags", B99M.doc_tags, "multi-label tags (six tags, one to three per "
            "document, each carried by one sentence): TimeDistributed(Embedding 48 -> "
            "Conv1D(64, 3, ReLU) -> global max pool) -> Masking -> sentence attention (no "
            "sentence RNN) -> Dense 6 sigmoid, binary CE, exact-match accuracy at 0.5, "
            "Adam(1e-3), batch 32, 8 ep: plain val exact-match acc 0.815 / 0.845"),
    healthy("doc99_topics_onehot_categorical", B99M.han_topics, "labels one-hot encoded "
            "(to_categorical) with categorical CE instead of the sparse pair: plain val acc "
            "0.998 / 0.993 (the same run)", loss="categorical"),
    healthy("doc99_order_last_state", B99M.ticket_order, "the sentence BiGRU's final states "
            "(return_sequences=False) instead of sentence attention: plain val acc 0.820 / "
            "0.865 vs 0.822 / 0.902", doc_pool="last"),
    healthy("doc99_topics_dropout_0_5", B99M.han_topics, "Dropout 0.5 on the document vector: "
            "plain val acc 0.988 / 0.985 vs 0.998 / 0.993", dropout=0.5),
    healthy("doc99_topics_first_16_sentences", B99M.han_topics, "documents cut to their first "
            "16 of up to 20 sentences (a key sentence is lost now and then): plain val acc "
            "0.993 / 0.995 vs 0.998 / 0.993", max_sentences=16),
    healthy("doc99_topics_last_16_sentences", B99M.han_topics, "documents cut to their last "
            "16 real sentences (truncating 'pre', as pad_sequences does by default): plain val "
            "acc 0.973 / 0.973 vs 0.998 / 0.993", truncating="pre", max_sentences=16),
    healthy("doc99_topics_wider", B99M.han_topics, "Embedding 100 and 32 units (Conv1D 64, "
            "BiGRU 32, attention 32): plain val acc 0.998 / 0.995 vs 0.998 / 0.993",
            embed_dim=100, units=32),
]]

FAULTY_99 = [batch99_case(c) for c in [
    faulty("doc99_order_orderless_pooling", "doc99_ticket_order", "slow_convergence",
           "no sentence-level RNN and a GlobalAveragePooling1D over the sentence vectors (as "
           "for topics): the document vector cannot see the sentences' order the label "
           "depends on, plain val acc 0.498 / 0.498 vs 0.822 / 0.902",
           sentence_encoder="none", doc_pool="average"),
    faulty("doc99_order_sentence_shuffle_augment", "doc99_ticket_order",
           "label_mismatch validation_shift",
           "each training document's sentences shuffled as augmentation (a common trick for "
           "topic models) while the label is their order: training acc 0.830 / 0.784 (by "
           "memorising), plain val acc 0.507 / 0.485 vs 0.822 / 0.902",
           sentence_shuffle=True),
    faulty("doc99_order_train_sentences_reversed", "doc99_ticket_order",
           "validation_shift label_mismatch",
           "the training documents' sentences reversed (a list built by prepending) while "
           "validation reads them in order: the order rule learnt backwards, plain val acc "
           "0.157 / 0.203 vs 0.822 / 0.902", reverse_sentences=True),
    faulty("doc99_topics_labels_shuffled", "doc99_han_topics",
           "label_mismatch slow_convergence",
           "the topic labels shuffled apart from their documents: plain val acc 0.200 / 0.135 "
           "vs 0.998 / 0.993", shuffle_labels=True),
    faulty("doc99_topics_first_5_sentences", "doc99_han_topics", "text_truncated",
           "documents cut to their first 5 sentences (MAX_SENTS = 5) while the topic "
           "sentences sit anywhere in 9..20: plain val acc 0.825 / 0.812 vs 0.998 / 0.993",
           max_sentences=5),
    faulty("doc99_topics_first_3_words", "doc99_han_topics", "text_truncated",
           "sentences cut to their first 3 words (MAX_WORDS = 3) while they run 5..12 words: "
           "plain val acc 0.798 / 0.777 vs 0.998 / 0.993", max_words=3),
    faulty("doc99_topics_linear_head", "doc99_han_topics",
           "improper_output output_loss_mismatch",
           "the topic head left linear under sparse CE with from_logits=False: plain val acc "
           "0.168 / 0.233 (loss 1.79 = log 6) vs 0.998 / 0.993", output="linear"),
    faulty("doc99_topics_masked_mean_empty_sentences", "doc99_han_topics", "unbounded_loss",
           "the word encoder a masked mean of the embeddings (Embedding(mask_zero=True) -> "
           "GlobalAveragePooling1D): every all-padding sentence divides 0 by 0, NaN from the "
           "first step, plain val loss NaN / NaN (acc 0.145 / 0.145) vs 0.998 / 0.993",
           word_encoder="mean_masked"),
    faulty("doc99_topics_frozen_random_embedding", "doc99_han_topics", "slow_convergence",
           "Embedding(trainable=False) kept from a pretrained-vectors recipe but no vectors "
           "loaded (the random initial table frozen): plain val acc 0.145 / 0.145 (the "
           "majority share; training loss 1.789 / 1.788) vs 0.998 / 0.993",
           frozen_embedding=True),
    faulty("doc99_topics_sgd_no_momentum", "doc99_han_topics",
           "slow_convergence learning_rate_out_of_range",
           "SGD(0.01) without momentum in the 4-epoch budget: plain val acc 0.145 / 0.145 (the "
           "majority share) vs 0.998 / 0.993", optimizer="sgd_plain", lr=0.01),
    faulty("doc99_topics_adam_lr_0_1", "doc99_han_topics", "learning_rate_out_of_range",
           "Adam(0.1): plain val acc 0.185 / 0.185 vs 0.998 / 0.993", lr=0.1),
    faulty("doc99_tags_softmax_head", "doc99_doc_tags", "improper_output output_loss_mismatch",
           "a softmax head on the multi-hot tags under binary CE: Keras 3 trains on the "
           "softmax's logits (the loss is the sigmoid run's to the digit) but the outputs, "
           "softmax probabilities, cannot put two tags over 0.5: plain val exact-match acc "
           "0.345 / 0.350 vs 0.815 / 0.845", head="softmax"),
    faulty("doc99_tags_categorical_ce", "doc99_doc_tags", "output_loss_mismatch",
           "the sigmoid head compiled with categorical cross-entropy on the multi-hot tags: "
           "plain val exact-match acc 0.000 / 0.000 (val loss 116 / 133) vs 0.815 / 0.845",
           loss="categorical_crossentropy"),
    faulty("doc99_tags_first_tag_only", "doc99_doc_tags", "label_mismatch",
           "each training document labelled with its first tag only (one-hot of the argmax of "
           "its multi-hot row; the validation rows keep every tag): plain val exact-match acc "
           "0.172 / 0.183 vs 0.815 / 0.845", labels="first"),
]]

def batch100_case(case: Case) -> Case:
    return replace(case, batch=100)


# Batch 100 (session "practice100"): EEG / brain-computer-interface decoding in Keras 3:
# EEGNet (temporal conv -> depthwise spatial conv with max-norm -> separable conv, BatchNorm,
# ELU, average pooling) on 3-class motor imagery, ShallowConvNet (square -> mean pool -> log)
# on the same trials, a compact EEGNet P300 detector (sigmoid, class weights, balanced
# accuracy) and a log band-power MLP baseline; generated 16-channel / 8-channel EEG in
# microvolts with class-dependent mu / beta desynchronisation or a P300, 1/f background,
# subject gains, line noise and artifacts. Written without reading the detection / repair
# rules or their settings. Labels set by plain Keras training (seeds 11 and 22) before any
# Watch / autotrainer run: faulty when the final validation accuracy (the P300's balanced
# accuracy) is >= 5 points below the counterpart's on both seeds, or non-finite.
B100M = batch100_models
HEALTHY_100 += [batch100_case(c) for c in [
    healthy("eeg100_eegnet_mi", B100M.eegnet_mi, "EEGNet-8,2 on generated 3-class motor "
            "imagery (16 channels x 128 samples at 128 Hz, 1 s from the cue, per-channel "
            "standardisation with training statistics; 576 train / 144 validate, pooled "
            "subjects): Conv2D(8, (1, 32)) -> BN -> DepthwiseConv2D((16, 1), D 2, max_norm 1) "
            "-> BN -> ELU -> AvgPool(1, 4) -> Dropout 0.25 -> SeparableConv2D(16, (1, 16)) -> "
            "BN -> ELU -> AvgPool(1, 8) -> Dropout -> Dense 3 softmax (max_norm 0.25), one-hot "
            "categorical CE, Adam(1e-3), batch 16, 30 ep: plain val acc 0.889 / 0.882"),
    healthy("eeg100_eegnet_adam_lr_3e_3", B100M.eegnet_mi, "Adam(3e-3) instead of 1e-3: "
            "plain val acc 0.924 / 0.903 vs 0.889 / 0.882", lr=0.003),
    healthy("eeg100_eegnet_microvolts_unstandardised", B100M.eegnet_mi, "no standardisation, "
            "the signal left in microvolts (std ~15, blinks to 150): the first BatchNorm "
            "rescales it, plain val acc 0.875 / 0.903 vs 0.889 / 0.882", standardise="none"),
    healthy("eeg100_eegnet_per_trial_zscore", B100M.eegnet_mi, "each trial's channels "
            "z-scored on their own (the absolute band power per trial removed; the subject "
            "gains with it): plain val acc 0.958 / 0.917 vs 0.889 / 0.882",
            standardise="trial"),
    healthy("eeg100_eegnet_no_max_norm", B100M.eegnet_mi, "the max-norm constraints left out "
            "of the depthwise and dense layers: plain val acc 0.840 / 0.875 vs 0.889 / 0.882 "
            "(4.9 / 0.7 points below, inside the rule)", constraint=False),
    healthy("eeg100_eegnet_cross_subject", B100M.eegnet_mi, "cross-subject split: subjects "
            "0-4 train (600 trials), subject 5 validates (120): plain val acc 0.875 / 0.942",
            split="cross_subject"),
    healthy("eeg100_shallow_convnet", B100M.shallow_convnet, "ShallowConvNet on the same "
            "trials: Conv2D(40, (1, 13)) -> Conv2D(40, (16, 1), no bias) -> BN -> square -> "
            "AvgPool((1, 35), strides 7) -> log(max(x, 1e-6)) (a custom layer with "
            "get_config) -> Dropout 0.5 -> Dense 3 softmax, integer labels, sparse CE, "
            "Adam(1e-3), batch 32, 20 ep: plain val acc 0.882 / 0.917"),
    healthy("eeg100_bandpower_mlp", B100M.bandpower_mlp, "band-power baseline: Welch power "
            "in theta / mu / beta / gamma per channel over the 1 s after the cue (64 "
            "features), log10, StandardScaler fitted on the training trials -> Dense 64 ReLU "
            "-> Dropout 0.3 -> Dense 3 softmax, sparse CE, Adam(1e-3), batch 32, 40 ep: plain "
            "val acc 0.903 / 0.903"),
    healthy("eeg100_p300_eegnet", B100M.p300_eegnet, "P300 oddball target detection (8 "
            "channels x 96 samples, 0-0.75 s after the stimulus, one target in five; 1440 "
            "train / 360 validate): each epoch's channel means removed, per-channel "
            "standardisation, compact EEGNet (pools 4 / 4) -> Dense 1 sigmoid, binary CE, "
            "class_weight {0: 1, 1: 4}, balanced accuracy + AUC, Adam(1e-3), batch 64, 20 "
            "ep: plain val balanced acc 0.747 / 0.764"),
    healthy("eeg100_p300_no_baseline_removal", B100M.p300_eegnet, "the per-epoch electrode "
            "offsets (sd 25 uV) left in (no baseline correction): plain val balanced acc "
            "0.724 / 0.720 vs 0.747 / 0.764 (2.3 / 4.4 points below, inside the rule)",
            baseline="none"),
    healthy("eeg100_bandpower_no_log", B100M.bandpower_mlp, "the band power standardised "
            "without the log (skewed, in uV^2): plain val acc 0.896 / 0.875 vs 0.903 / 0.903",
            log=False),
    healthy("eeg100_bandpower_per_trial_zscore", B100M.bandpower_mlp, "the scaler's axis "
            "mistaken: each trial's 64 log powers z-scored across themselves (the subject "
            "gain removed): plain val acc 0.931 / 0.924 vs 0.903 / 0.903", scaler="per_trial"),
]]

FAULTY_100 = [batch100_case(c) for c in [
    faulty("eeg100_eegnet_volts_unstandardised", "eeg100_eegnet_mi", "unscaled_input",
           "the epochs in volts as MNE's get_data() returns them (std ~1.5e-5) and not "
           "standardised: the temporal conv's outputs sit far below BatchNorm's epsilon, "
           "training acc 0.48 / 0.49, plain val acc 0.368 / 0.340 vs 0.889 / 0.882",
           units="V", standardise="none"),
    faulty("eeg100_eegnet_labels_other_subject_order", "eeg100_eegnet_mi", "label_mismatch",
           "the per-subject label arrays concatenated in another subject order than the "
           "trials (files globbed in two orders): plain val acc 0.375 / 0.389 vs 0.889 / "
           "0.882", subject_order="sorted_as_text"),
    faulty("eeg100_eegnet_linear_output", "eeg100_eegnet_mi",
           "output_loss_mismatch improper_output",
           "the Dense head left linear under categorical_crossentropy (from_logits False): "
           "plain val acc 0.257 / 0.319 vs 0.889 / 0.882", output="linear"),
    faulty("eeg100_eegnet_reshape_not_transpose", "eeg100_eegnet_mi", "slow_convergence",
           "the loader's (trials, samples, channels) array reshaped to (trials, channels, "
           "samples) instead of transposed: each 'channel' row is 8 samples of all 16 "
           "channels laid end to end, training acc 0.55 / 0.53, plain val acc 0.292 / 0.306 "
           "vs 0.889 / 0.882", layout="reshape"),
    faulty("eeg100_eegnet_sgd_no_momentum", "eeg100_eegnet_mi",
           "slow_convergence learning_rate_out_of_range",
           "SGD(1e-3) without momentum in place of Adam(1e-3): training acc 0.38 / 0.37, "
           "plain val acc 0.382 / 0.326 vs 0.889 / 0.882", optimizer="sgd_plain"),
    faulty("eeg100_eegnet_window_from_trial_start", "eeg100_eegnet_mi",
           "slow_convergence label_mismatch",
           "the 1 s window cut from the trial start instead of the cue (samples 0-128, the "
           "cue at 64, the desynchronisation from ~80): training acc 0.56 / 0.56, plain val "
           "acc 0.347 / 0.396 vs 0.889 / 0.882", tmin=0),
    faulty("eeg100_eegnet_frozen_temporal_conv", "eeg100_eegnet_mi", "slow_convergence",
           "the temporal Conv2D left trainable=False (copied from a transfer-learning "
           "script): its random filters stay, plain val acc 0.826 / 0.764 vs 0.889 / 0.882",
           freeze_temporal=True),
    faulty("eeg100_shallow_log_without_square", "eeg100_shallow_convnet",
           "unbounded_loss no_gradient",
           "the square left out and a plain log on the mean-pooled filter outputs (half of "
           "them negative): nan from the first epoch, plain val loss nan / nan (acc 0.333) "
           "vs 0.882 / 0.917", square=False, eps=0.0),
    faulty("eeg100_shallow_log_clamped_without_square", "eeg100_shallow_convnet",
           "slow_convergence no_gradient",
           "the square left out, the safe log (max(x, 1e-6)) on the mean-pooled filter "
           "outputs: the negative half is clamped flat, plain val acc 0.354 / 0.361 vs 0.882 "
           "/ 0.917", square=False),
    faulty("eeg100_shallow_volts_unstandardised", "eeg100_shallow_convnet",
           "unscaled_input no_gradient",
           "the epochs in volts (std ~1.5e-5), not standardised: BatchNorm's epsilon swamps "
           "the spatial filters' variance, the squared, pooled values fall under the log's "
           "1e-6 floor, plain val acc 0.333 / 0.333 vs 0.882 / 0.917", units="V",
           standardise="none"),
    faulty("eeg100_shallow_no_batchnorm", "eeg100_shallow_convnet", "slow_convergence",
           "the BatchNorm after the spatial conv left out (the spatial conv given a bias): "
           "training acc 0.89 / 0.95, plain val acc 0.785 / 0.792 vs 0.882 / 0.917",
           batchnorm=False),
    faulty("eeg100_bandpower_window_from_trial_start", "eeg100_bandpower_mlp",
           "slow_convergence label_mismatch",
           "the band power computed over the 1 s from the trial start instead of the cue "
           "(half of it before the cue): plain val acc 0.583 / 0.611 vs 0.903 / 0.903",
           start=0),
    faulty("eeg100_p300_volts_unstandardised", "eeg100_p300_eegnet",
           "unscaled_input inference_mismatch",
           "the epochs in volts (MNE's get_data()), baseline-corrected but not standardised: "
           "training balanced acc 0.76 / 0.75 in batch statistics, plain val balanced acc "
           "0.500 / 0.507 vs 0.747 / 0.764", units="V", standardise="none"),
    faulty("eeg100_p300_softmax_single_unit", "eeg100_p300_eegnet",
           "output_loss_mismatch improper_output",
           "Dense(1, softmax) as the head: the output is 1 for every epoch (Keras 3's binary "
           "CE reads the softmax's logits, so the weights train as the sigmoid run's), "
           "plain val balanced acc 0.500 / 0.500 vs 0.747 / 0.764", output="softmax"),
    faulty("eeg100_p300_no_class_weight", "eeg100_p300_eegnet", "slow_convergence",
           "class_weight dropped with one target in five: the net leans on the non-targets, "
           "plain val balanced acc 0.670 / 0.639 vs 0.747 / 0.764", weights="none"),
]]


CASES = {c.name: c for c in HEALTHY + FAULTY + HEALTHY_2 + FAULTY_2 + HEALTHY_3 + FAULTY_3
         + HEALTHY_4 + FAULTY_4 + HEALTHY_5 + FAULTY_5 + HEALTHY_6 + FAULTY_6
         + HEALTHY_7 + FAULTY_7 + HEALTHY_8 + FAULTY_8 + HEALTHY_9 + FAULTY_9
         + HEALTHY_10 + FAULTY_10 + HEALTHY_11 + FAULTY_11 + HEALTHY_12 + FAULTY_12
         + HEALTHY_13 + FAULTY_13 + HEALTHY_14 + FAULTY_14
         + HEALTHY_15 + FAULTY_15 + HEALTHY_16 + FAULTY_16
         + HEALTHY_17 + FAULTY_17 + HEALTHY_18 + FAULTY_18
         + HEALTHY_19 + FAULTY_19 + HEALTHY_20 + FAULTY_20
         + HEALTHY_21 + FAULTY_21 + HEALTHY_22 + FAULTY_22
         + HEALTHY_23 + FAULTY_23 + HEALTHY_24 + FAULTY_24
         + HEALTHY_25 + FAULTY_25 + HEALTHY_26 + FAULTY_26
         + HEALTHY_27 + FAULTY_27 + HEALTHY_28 + FAULTY_28
         + HEALTHY_29 + FAULTY_29 + HEALTHY_30 + FAULTY_30
         + HEALTHY_31 + FAULTY_31 + HEALTHY_32 + FAULTY_32
         + HEALTHY_33 + FAULTY_33
         + HEALTHY_34 + FAULTY_34
         + HEALTHY_35 + FAULTY_35
         + HEALTHY_36 + FAULTY_36
         + HEALTHY_37 + FAULTY_37
         + HEALTHY_38 + FAULTY_38
         + HEALTHY_39 + FAULTY_39
         + HEALTHY_40 + FAULTY_40
         + HEALTHY_41 + FAULTY_41
         + HEALTHY_42 + FAULTY_42
         + HEALTHY_43 + FAULTY_43
         + HEALTHY_44 + FAULTY_44
         + HEALTHY_45 + FAULTY_45
         + HEALTHY_46 + FAULTY_46
         + HEALTHY_47 + FAULTY_47
         + HEALTHY_48 + FAULTY_48
         + HEALTHY_49 + FAULTY_49
         + HEALTHY_50 + FAULTY_50
         + HEALTHY_51 + FAULTY_51
         + HEALTHY_52 + FAULTY_52
         + HEALTHY_53 + FAULTY_53
         + HEALTHY_54 + FAULTY_54
         + HEALTHY_55 + FAULTY_55
         + HEALTHY_56 + FAULTY_56
         + HEALTHY_57 + FAULTY_57
         + HEALTHY_58 + FAULTY_58
         + HEALTHY_59 + FAULTY_59
         + HEALTHY_60 + FAULTY_60
         + HEALTHY_61 + FAULTY_61
         + HEALTHY_62 + FAULTY_62
         + HEALTHY_63 + FAULTY_63
         + HEALTHY_64 + FAULTY_64
         + HEALTHY_65 + FAULTY_65
         + HEALTHY_66 + FAULTY_66
         + HEALTHY_67 + FAULTY_67
         + HEALTHY_68 + FAULTY_68
         + HEALTHY_69 + FAULTY_69
         + HEALTHY_70 + FAULTY_70
         + HEALTHY_71 + FAULTY_71
         + HEALTHY_72 + FAULTY_72
         + HEALTHY_73 + FAULTY_73
         + HEALTHY_74 + FAULTY_74
         + HEALTHY_75 + FAULTY_75
         + HEALTHY_76 + FAULTY_76
         + HEALTHY_77 + FAULTY_77
         + HEALTHY_78 + FAULTY_78
         + HEALTHY_79 + FAULTY_79
         + HEALTHY_80 + FAULTY_80
         + HEALTHY_81 + FAULTY_81
         + HEALTHY_82 + FAULTY_82
         + HEALTHY_83 + FAULTY_83
         + HEALTHY_84 + FAULTY_84
         + HEALTHY_85 + FAULTY_85
         + HEALTHY_86 + FAULTY_86
         + HEALTHY_87 + FAULTY_87
         + HEALTHY_88 + FAULTY_88
         + HEALTHY_89 + FAULTY_89
         + HEALTHY_90 + FAULTY_90
         + HEALTHY_91 + FAULTY_91
         + HEALTHY_92 + FAULTY_92
         + HEALTHY_93 + FAULTY_93
         + HEALTHY_94 + FAULTY_94
         + HEALTHY_95 + FAULTY_95
         + HEALTHY_96 + FAULTY_96
         + HEALTHY_97 + FAULTY_97
         + HEALTHY_98 + FAULTY_98
         + HEALTHY_99 + FAULTY_99
         + HEALTHY_100 + FAULTY_100}

QUICK = ("cancer_mlp", "text_expdecay", "unscaled_features", "binary_softmax")


def _check_registered() -> None:
    """Every case of every batch list is in CASES under a name of its own: a name used twice
    leaves only the later case in CASES, and a list left out of CASES is never run."""
    listed = [c.name for key, value in globals().items()
              if key.startswith(("HEALTHY", "FAULTY")) and isinstance(value, list)
              for c in value]  # fmt: skip
    repeated = sorted(name for name, count in Counter(listed).items() if count > 1)
    if repeated:
        raise ValueError(f"practice case names used twice: {', '.join(repeated)}")
    missing = sorted(set(listed) - set(CASES))
    if missing:
        raise ValueError(f"practice cases in no list of CASES: {', '.join(missing)}")


_check_registered()


