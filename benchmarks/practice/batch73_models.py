"""Batch-73 few-shot scripts (keyword options are the faults, the defaults the healthy
choice): a prototypical network on 5-way 5-shot digit episodes pre-sampled into arrays, a
matching network on generated class clusters with its episodes drawn by a `PyDataset`
generator (validated on novel classes), a relation network (a learned comparator) on the
digit episodes, a triplet encoder trained on the base digits 0-4 and validated on triplets
of the novel digits 5-9, and a fine-tune baseline (pretrain on the base digits, a new head
fitted on 5 labelled images of each novel digit). Each script calls `kit.fit` once."""

from __future__ import annotations

from typing import Any

import keras
import numpy as np
from keras import layers, ops

from benchmarks.practice.batch73_data import (
    cluster_episodes,
    digit_episodes,
    digit_triplets,
    digits_split,
    novel_few_shot,
    sample_episodes,
)
from benchmarks.practice.kit import Kit


def _optimizer(name: str, lr: float) -> keras.optimizers.Optimizer:
    return keras.optimizers.SGD(lr, momentum=0.9) if name == "sgd" else keras.optimizers.Adam(lr)


def protonet_digits(kit: Kit, *, ways: int = 5, shots: int = 5, scale: str = "divide",
                    distance: str = "sqeuclidean", sign: str = "negative",
                    output: str = "logits", layout: str = "way_major",
                    embed_activation: str | None = None, labels: str = "aligned",
                    optimizer: str = "adam", lr: float = 1e-3, epochs: int = 8,
                    batch_size: int = 32) -> Any:  # fmt: skip
    """Prototypical network on 5-way 5-shot digit episodes over all ten digits (3000 training
    episodes drawn from 1200 images, 600 validation episodes from the other 597; one query
    each, the support stacked way-major): an encoder
    Dense 64 ReLU -> Dense 32 over the 25 support images (TimeDistributed) and the query, the
    class prototypes the mean of each way's 5 embeddings, logits = -squared Euclidean distance
    of the query to each prototype, sparse CE from logits, Adam(1e-3), batch 32 episodes, 8
    epochs. Options: `scale` ("divide": pixels / 16; "raw"), `distance` ("sqeuclidean";
    "euclidean"; "cosine": cosine similarity x 10), `sign` ("negative"; "positive": the
    distance itself as the logit), `output` ("logits"; "softmax_from_logits": a softmax on the
    logits and the loss still from_logits=True; "logits_as_probs": logits into a
    from_logits=False loss), `layout` ("way_major", as the loader stacks the support;
    "shot_major": the prototypes reshaped as (shots, ways) and averaged over the first axis),
    the encoder's output activation, `labels` ("aligned"; "shuffled": the query labels
    shuffled apart from the episodes), the optimizer, rate, epochs and batch size."""
    s, q, y, sv, qv, yv = digit_episodes(ways, shots)
    if scale == "divide":
        s, q, sv, qv = s / 16.0, q / 16.0, sv / 16.0, qv / 16.0
    keras.utils.set_random_seed(kit.seed)
    if labels == "shuffled":
        y = np.random.default_rng(kit.seed).permutation(y)
    encoder = keras.Sequential([keras.Input((64,)), layers.Dense(64, activation="relu"),
                                layers.Dense(32, activation=embed_activation)],
                               name="encoder")  # fmt: skip
    support_in = keras.Input((ways * shots, 64), name="support")
    query_in = keras.Input((64,), name="query")
    es = layers.TimeDistributed(encoder)(support_in)
    eq = encoder(query_in)
    if layout == "shot_major":
        prototypes = ops.mean(ops.reshape(es, (-1, shots, ways, 32)), axis=1)
    else:
        prototypes = ops.mean(ops.reshape(es, (-1, ways, shots, 32)), axis=2)
    if distance == "cosine":
        p = ops.normalize(prototypes, axis=-1)
        e = ops.normalize(eq, axis=-1)
        logits = 10.0 * ops.sum(p * e[:, None, :], axis=-1)
    else:
        d = ops.sum(ops.square(prototypes - eq[:, None, :]), axis=-1)
        if distance == "euclidean":
            d = ops.sqrt(d + 1e-8)
        logits = -d if sign == "negative" else d
    outputs = ops.softmax(logits) if output == "softmax_from_logits" else logits
    model = keras.Model([support_in, query_in], outputs)
    loss = keras.losses.SparseCategoricalCrossentropy(from_logits=output != "logits_as_probs")
    model.compile(_optimizer(optimizer, lr), loss, metrics=["accuracy"])
    return kit.fit(model, [s, q], y, probe_data=([s, q], y), epochs=epochs,
                   batch_size=batch_size, validation_data=([sv, qv], yv))  # fmt: skip


class EpisodeGenerator(keras.utils.PyDataset):
    """Fresh N-way K-shot episodes of the clusters' base classes on every call: batches of
    ((support, support_onehot, query), label). `shuffle_support` shuffles each episode's
    support rows (so the ways are not in blocks); `relabel` decides whether the one-hot
    support labels follow the shuffle ("follow") or stay in the unshuffled block order
    ("blocks")."""

    def __init__(self, steps: int, batch_size: int, ways: int, shots: int, seed: int,
                 shuffle_support: bool = True, relabel: str = "follow",
                 **kwargs: Any) -> None:  # fmt: skip
        super().__init__(**kwargs)
        self.steps, self.batch_size, self.ways, self.shots = steps, batch_size, ways, shots
        self.shuffle_support, self.relabel = shuffle_support, relabel
        self.rng = np.random.default_rng(seed)

    def __len__(self) -> int:
        return self.steps

    def __getitem__(self, index: int) -> Any:
        support, query, label = sample_episodes(self.batch_size, self.ways, self.shots,
                                                self.rng)  # fmt: skip
        blocks = np.repeat(np.eye(self.ways, dtype="float32"), self.shots, axis=0)
        onehot = np.repeat(blocks[None], self.batch_size, axis=0)
        if self.shuffle_support:
            for i in range(self.batch_size):
                order = self.rng.permutation(self.ways * self.shots)
                support[i] = support[i, order]
                if self.relabel == "follow":
                    onehot[i] = blocks[order]
        return (support, onehot, query), label


def matching_clusters(kit: Kit, *, ways: int = 5, shots: int = 3, temperature: float = 10.0,
                      attention_axis: int = -1, relabel: str = "follow",
                      encoder_activation: str = "relu", depth: int = 2,
                      optimizer: str = "adam", lr: float = 1e-3, epochs: int = 6,
                      steps: int = 100, batch_size: int = 32) -> Any:  # fmt: skip
    """Matching network on generated class clusters (40 features; training episodes of the 60
    base classes drawn afresh by an `EpisodeGenerator` (a PyDataset), 100 batches of 32 5-way
    3-shot episodes an epoch, the support rows shuffled within each episode; validation on 600
    pre-sampled episodes of the 20 novel classes): an encoder Dense 64 -> Dense 32 (hidden
    activation ReLU) over the support and the query, cosine similarity x `temperature` = 10,
    softmax attention over the 15 support items, the prediction the attention-weighted sum of
    the support labels (one-hot), sparse CE on those probabilities, Adam(1e-3), 6 epochs.
    Options: `temperature` (1: the paper's plain cosine softmax), `attention_axis` (-1; 0: the
    softmax taken over the batch of episodes), `relabel` ("follow"; "blocks": the one-hot
    support labels left in block order while the rows were shuffled), the encoder's hidden
    activation and `depth` (hidden layers), the optimizer, rate, epochs, steps and batch."""
    x_val = cluster_episodes(ways, shots)
    sv, qv, yv = x_val[3], x_val[4], x_val[5]
    onehot_val = np.repeat(np.repeat(np.eye(ways, dtype="float32"), shots, axis=0)[None],
                           len(sv), axis=0)  # fmt: skip
    keras.utils.set_random_seed(kit.seed)
    train = EpisodeGenerator(steps, batch_size, ways, shots, kit.seed, relabel=relabel)
    encoder = keras.Sequential([keras.Input((40,))]
                               + [layers.Dense(64, activation=encoder_activation)
                                  for _ in range(depth - 1)]
                               + [layers.Dense(32)], name="encoder")  # fmt: skip
    support_in = keras.Input((ways * shots, 40), name="support")
    labels_in = keras.Input((ways * shots, ways), name="support_labels")
    query_in = keras.Input((40,), name="query")
    es = ops.normalize(layers.TimeDistributed(encoder)(support_in), axis=-1)
    eq = ops.normalize(encoder(query_in), axis=-1)
    similarity = temperature * ops.einsum("bd,bnd->bn", eq, es)
    attention = ops.softmax(similarity, axis=attention_axis)
    probs = ops.einsum("bn,bnw->bw", attention, labels_in)
    model = keras.Model([support_in, labels_in, query_in], probs)
    model.compile(_optimizer(optimizer, lr), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    probe = train[0]
    return kit.fit(model, train, probe_data=probe, epochs=epochs,
                   validation_data=((sv, onehot_val, qv), yv))  # fmt: skip


def relation_digits(kit: Kit, *, ways: int = 5, shots: int = 5, loss: str = "mse",
                      targets: str = "onehot", score_activation: str = "sigmoid",
                      optimizer: str = "adam", lr: float = 1e-3, epochs: int = 10,
                      batch_size: int = 32) -> Any:  # fmt: skip
    """Relation network on pre-sampled 5-way 5-shot digit episodes (the protonet's: 3000
    training episodes from 1200 images, 600 validation episodes from the other 597; pixels /
    16): an encoder Dense 64 ReLU -> Dense 32 ReLU, each way's class feature the sum of its 5
    support embeddings, the query
    embedding concatenated to each class feature, a comparator Dense 32 ReLU -> Dense 1
    sigmoid giving 5 relation scores, MSE against the one-hot target (as the paper),
    Adam(1e-3), batch 32, 10 epochs. Options: `loss` ("mse"; "ce": categorical CE on the
    softmax of the scores, taken as logits), `targets` ("onehot"; "index": the integer way
    index fed to the MSE), `score_activation` of the comparator's last unit, the optimizer,
    rate, epochs and batch size."""
    s, q, y, sv, qv, yv = digit_episodes(ways, shots)
    s, q, sv, qv = s / 16.0, q / 16.0, sv / 16.0, qv / 16.0
    keras.utils.set_random_seed(kit.seed)
    if targets == "onehot":
        y, yv = np.eye(ways, dtype="float32")[y], np.eye(ways, dtype="float32")[yv]
    encoder = keras.Sequential([keras.Input((64,)), layers.Dense(64, activation="relu"),
                                layers.Dense(32, activation="relu")], name="encoder")
    comparator = keras.Sequential([keras.Input((64,)), layers.Dense(32, activation="relu"),
                                   layers.Dense(1, activation=score_activation)],
                                  name="comparator")  # fmt: skip
    support_in = keras.Input((ways * shots, 64), name="support")
    query_in = keras.Input((64,), name="query")
    es = layers.TimeDistributed(encoder)(support_in)
    classes = ops.sum(ops.reshape(es, (-1, ways, shots, 32)), axis=2)
    eq = ops.repeat(encoder(query_in)[:, None, :], ways, axis=1)
    pairs = ops.concatenate([classes, eq], axis=-1)
    scores = ops.squeeze(layers.TimeDistributed(comparator)(pairs), axis=-1)
    model = keras.Model([support_in, query_in], scores)
    if loss == "ce":
        fn: Any = keras.losses.CategoricalCrossentropy(from_logits=True)
        if targets == "index":
            fn = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
    else:
        fn = "mse"
    model.compile(_optimizer(optimizer, lr), fn, metrics=["accuracy"])
    return kit.fit(model, [s, q], y, probe_data=([s, q], y), epochs=epochs,
                   batch_size=batch_size, validation_data=([sv, qv], yv))  # fmt: skip


def triplet_accuracy(y_true: Any, y_pred: Any) -> Any:
    """The share of triplets whose anchor is closer to the positive than to the negative."""
    return ops.cast(y_pred[:, 0] < y_pred[:, 1], "float32")


def triplet_digits(kit: Kit, *, margin: float = 0.2, normalize: bool = True,
                   embed_activation: str | None = None, scale: str = "divide",
                   positives: str = "aligned", optimizer: str = "adam", lr: float = 1e-3,
                   epochs: int = 10, batch_size: int = 64) -> Any:  # fmt: skip
    """Triplet encoder (FaceNet recipe) on digit triplets (6000 training triplets of the base
    digits 0-4, 1000 validation triplets of the novel digits 5-9): one encoder Dense 128 ReLU
    -> Dense 32 -> L2 normalisation applied to anchor, positive and negative; the model outputs
    the squared distances [d(a, p), d(a, n)], loss max(d(a, p) - d(a, n) + margin, 0) with a
    dummy target, `triplet_accuracy` (d(a, p) < d(a, n)) as the metric, Adam(1e-3), batch 64,
    10 epochs. Options: `margin`, `normalize` (False: no L2 normalisation), the embedding's
    activation, `scale` of the pixels ("divide": / 16; "raw"), `positives` ("aligned";
    "shuffled": the positives shuffled apart from their anchors), the optimizer, rate, epochs
    and batch size."""
    a, p, n, av, pv, nv = digit_triplets()
    if scale == "divide":
        a, p, n, av, pv, nv = (t / 16.0 for t in (a, p, n, av, pv, nv))
    keras.utils.set_random_seed(kit.seed)
    if positives == "shuffled":
        p = p[np.random.default_rng(kit.seed).permutation(len(p))]
    stack = [keras.Input((64,)), layers.Dense(128, activation="relu"),
             layers.Dense(32, activation=embed_activation)]  # fmt: skip
    if normalize:
        stack.append(layers.UnitNormalization())
    encoder = keras.Sequential(stack, name="encoder")
    ins = [keras.Input((64,), name=k) for k in ("anchor", "positive", "negative")]
    ea, ep, en = (encoder(t) for t in ins)
    d_ap = ops.sum(ops.square(ea - ep), axis=-1)
    d_an = ops.sum(ops.square(ea - en), axis=-1)
    model = keras.Model(ins, ops.stack([d_ap, d_an], axis=1))

    def triplet_loss(y_true: Any, y_pred: Any) -> Any:
        return ops.maximum(y_pred[:, 0] - y_pred[:, 1] + margin, 0.0)

    model.compile(_optimizer(optimizer, lr), triplet_loss, metrics=[triplet_accuracy])
    dummy, dummy_val = np.zeros((len(a), 1), "float32"), np.zeros((len(av), 1), "float32")
    return kit.fit(model, [a, p, n], dummy, probe_data=([a, p, n], dummy), epochs=epochs,
                   batch_size=batch_size, validation_data=([av, pv, nv], dummy_val))  # fmt: skip


def finetune_head_digits(kit: Kit, *, shots: int = 5, freeze: str = "none",
                         pretrain: bool = True, stage2_scale: str = "divide",
                         head_activation: str = "softmax", optimizer: str = "adam",
                         lr: float = 3e-3, epochs: int = 100,
                         batch_size: int = 32) -> Any:  # fmt: skip
    """Fine-tune-the-head baseline: stage 1 (a plain `model.fit`) pretrains Dense 128 ReLU ->
    Dense 64 ReLU -> softmax 5 on the 901 base-class digits 0-4 (pixels / 16, Adam(1e-3), 15
    epochs); stage 2 (`kit.fit`) puts a new softmax 5 head on the frozen backbone and trains it
    on 5 labelled images of each novel digit 5-9 (25 images, labels digit - 5), Adam(3e-3),
    batch 32, 100 epochs, validated on the other 871 novel images. Options: `shots`, `freeze`
    ("backbone"; "none": the whole net fine-tuned; "model": `model.trainable = False` on the
    new model, head included), `pretrain` (False: stage 1 skipped, a random frozen backbone),
    `stage2_scale` ("divide"; "raw": the fine-tuning script forgets the / 16), the head's
    activation, the optimizer, rate, epochs and batch size."""
    xb, yb, _, _ = digits_split()
    x, y, xv, yv = novel_few_shot(shots)
    keras.utils.set_random_seed(kit.seed)
    backbone = keras.Sequential([keras.Input((64,)), layers.Dense(128, activation="relu"),
                                 layers.Dense(64, activation="relu")], name="backbone")
    if pretrain:
        base = keras.Sequential([backbone, layers.Dense(5, activation="softmax")])
        base.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
        base.fit(xb / 16.0, yb, epochs=15, batch_size=32, verbose=0)
    if stage2_scale == "divide":
        x, xv = x / 16.0, xv / 16.0
    inputs = keras.Input((64,))
    outputs = layers.Dense(5, activation=head_activation, name="novel_head")(backbone(inputs))
    model = keras.Model(inputs, outputs)
    if freeze == "backbone":
        backbone.trainable = False
    elif freeze == "model":
        model.trainable = False
    model.compile(_optimizer(optimizer, lr), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xv, yv))  # fmt: skip
