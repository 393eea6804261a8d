"""Kubeflow Pipelines: the component, its launcher, the pipelines, submitting runs.

- `interface`: the component's inputs, outputs and `autotrainer run` flags, defined once.
- `container`: the container component (component.yaml) generated from it.
- `launcher`: the container's entry point: KFP paths -> `autotrainer run` -> KFP outputs.
- `components`: lightweight components (scale-out tasks, the gate, the local twin).
- `pipelines`: the ready and the scale-out pipelines; `platform`: their Kubernetes settings.
- `scaleout_tasks`: the scale-out task bodies (over `autotrainer.engine.scaleout`).
- `build`: `python -m autotrainer.kfp.build [--check]` writes the YAML files.
- `submit`: `autotrainer submit` (kfp.Client).
"""
