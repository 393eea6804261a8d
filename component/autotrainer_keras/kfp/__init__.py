"""Kubeflow Pipelines: the component, its launcher, the pipelines, submitting runs.

- `interface`: the component's inputs, outputs and `autotrainer-keras run` flags, defined once.
- `container`: the container component (component.yaml) generated from it.
- `launcher`: the container's entry point: KFP paths -> `autotrainer-keras run` -> KFP outputs.
- `components`: lightweight components (scale-out tasks, the gate, the local twin).
- `pipelines`: the ready and the scale-out pipelines; `platform`: their Kubernetes settings.
- `scaleout_tasks`: the scale-out task bodies (over `autotrainer_keras.engine.scaleout`).
- `build`: `python -m autotrainer_keras.kfp.build [--check]` writes the YAML files.
- `submit`: `autotrainer-keras submit` (kfp.Client).
"""
