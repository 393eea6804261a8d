"""Settings a rebuilt model loses: attributes set on the user's model object outside its
config.

Every attempt of a job trains a model rebuilt from the user's model's config (a repair edits
that config), so a subclass of `keras.Model` whose own methods read an attribute set after
construction (`model.sign = -1` read by its `train_step`) trains differently from the
object the user passed, silently (practice batch 10: two faulty `train_step` scripts trained
exactly like the healthy one). The job warns, naming the attributes and the fix.
"""

from __future__ import annotations

from typing import Any

import keras

SETTINGS = (bool, int, float, str)
"""The kinds of value a setting stored as an attribute holds (a flag, a factor, a mode)."""

SET_BY_FIT = frozenset({"stop_training"})
"""Keras' own attributes that `fit` sets on a model (the rebuilt one has not been fitted)."""

_MISSING = object()


def is_user_subclass(model: keras.Model) -> bool:
    """True when the model's class is the user's own (a subclass of a Keras model class)."""
    return not type(model).__module__.startswith("keras")


def settings_outside_config(model: keras.Model, rebuilt: keras.Model) -> list[str]:
    """The public attributes of `model` holding a setting (`SETTINGS`) that `rebuilt` (built
    from `model`'s config and compiled) does not hold with the same value; Keras' own
    instance state (what `rebuilt` holds itself, what `fit` sets) is not compared."""
    own: dict[str, Any] = vars(rebuilt)
    lost = []
    for name, value in vars(model).items():
        if name.startswith("_") or name in own or name in SET_BY_FIT:
            continue
        if not isinstance(value, SETTINGS):
            continue
        kept = getattr(rebuilt, name, _MISSING)
        if kept is _MISSING or type(kept) is not type(value) or kept != value:
            lost.append(name)
    return sorted(lost)


def lost_settings_warning(model: keras.Model, rebuilt: keras.Model) -> str:
    """The job's warning about `settings_outside_config` ("" when there are none)."""
    lost = settings_outside_config(model, rebuilt)
    if not lost:
        return ""
    names = ", ".join(f"{n}={getattr(model, n)!r}" for n in lost)
    return (
        f"model: {type(model).__name__} attribute(s) {names} are set on the model object but "
        "not in its config; every attempt trains a model rebuilt from the config, where they "
        "take the class's defaults: pass them to __init__ and return them from get_config"
    )


STEP_METHODS = ("train_step", "test_step", "compute_loss", "compute_metrics")
"""A model class's methods Keras' `fit` calls per step; the job's watched model (the user's
graph under Keras' own step, `measure.keras_monitor.WatchedModel`) does not call a class's
own versions of them."""


def overridden_steps(model: keras.Model) -> list[str]:
    """The `STEP_METHODS` the model's class defines itself (a user's subclass), in order."""
    if not is_user_subclass(model):
        return []
    own = type(model)
    return [name for name in STEP_METHODS
            if getattr(own, name, None) is not getattr(keras.Model, name, None)]  # fmt: skip


def own_steps_warning(model: keras.Model) -> str:
    """The job's warning about `overridden_steps` ("" when there are none): held-out
    practice batch 34's `train_step` that applied gradients to the last layer only (plain
    0.705) trained in the job as Keras' own step does (0.859), without a word."""
    own = overridden_steps(model)
    if not own:
        return ""
    return (
        f"model: {type(model).__name__} defines its own {', '.join(own)}; the job trains the "
        "model's layers with Keras' standard step, so that code does not run (a penalty, "
        "masking or gradient handling in it is left out): to train with it, watch your own "
        "model.fit with autotrainer_keras.keras.Watch"
    )
