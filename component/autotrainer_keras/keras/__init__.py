"""autotrainer for Keras users: `Watch`, a callback for your own `model.fit`.

    model.fit(x, y, callbacks=[autotrainer_keras.keras.Watch(probe_data=(x, y))])

Runs on Keras' TensorFlow, JAX and PyTorch backends (others are refused with a clear message).
"""

from autotrainer_keras.keras.problem_warning import TrainingProblemWarning
from autotrainer_keras.keras.watch import Watch

__all__ = ["TrainingProblemWarning", "Watch"]
