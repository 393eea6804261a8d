"""Generate component.yaml and the compiled pipelines from their Python definitions.

    python -m autotrainer_keras.kfp.build            # write them (the Makefile's `compile` target)
    python -m autotrainer_keras.kfp.build --check    # exit 1 when a checked-in file is stale

Paths are relative to `--root` (default: the current directory, the repository root).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from kfp import compiler

from autotrainer_keras.kfp.interface import DEFAULT_IMAGE

COMPONENT_FILE = Path("component.yaml")
READY_FILE = Path("pipelines/ready_pipeline.yaml")
SCALEOUT_FILE = Path("pipelines/scaleout_pipeline.yaml")


def _compiled(obj: Any) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "out.yaml"
        compiler.Compiler().compile(obj, str(path))
        return path.read_text(encoding="utf-8")


def _component(image: str) -> Any:
    from autotrainer_keras.kfp.container import container_component

    return container_component(image)


def _ready(image: str) -> Any:
    from autotrainer_keras.kfp.components import components
    from autotrainer_keras.kfp.pipelines import ready_pipeline

    return ready_pipeline(_component(image), components(image).fail_if_unrepaired)


def _scaleout(image: str) -> Any:
    from autotrainer_keras.kfp.components import components
    from autotrainer_keras.kfp.pipelines import scaleout_pipeline

    return scaleout_pipeline(components(image))


TARGETS: dict[Path, Callable[[str], Any]] = {
    COMPONENT_FILE: _component,
    READY_FILE: _ready,
    SCALEOUT_FILE: _scaleout,
}


def generate(image: str = DEFAULT_IMAGE) -> dict[Path, str]:
    """Every generated file's relative path and content."""
    return {path: _compiled(make(image)) for path, make in TARGETS.items()}


def stale(root: Path, image: str = DEFAULT_IMAGE) -> list[Path]:
    """The generated files under `root` that differ from what the definitions give now."""
    found = []
    for path, text in generate(image).items():
        target = root / path
        if not target.is_file() or target.read_text(encoding="utf-8") != text:
            found.append(path)
    return found


def main(argv: Sequence[str] | None = None) -> int:
    """Write (or `--check`) the generated files; return the exit code."""
    parse = argparse.ArgumentParser(
        prog="python -m autotrainer_keras.kfp.build", description=__doc__
    )
    parse.add_argument("--root", type=Path, default=Path.cwd(), help="Repository root")
    parse.add_argument("--image", default=DEFAULT_IMAGE, help="Image of every task")
    parse.add_argument("--check", action="store_true", help="Only report stale files")
    args = parse.parse_args(argv)
    if args.check:
        outdated = stale(args.root, args.image)
        for path in outdated:
            print(f"stale: {path} (run: make compile)", file=sys.stderr)
        return 1 if outdated else 0
    for path, text in generate(args.image).items():
        target = args.root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
