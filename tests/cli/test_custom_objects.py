"""`--custom-objects FILE.py|module`: a model file with the user's own loss function and layer
class runs on the command line (session 14's hostile sweep: refused even when trusted);
without `--trust-model-code`, or with a file that cannot provide them, one line, exit 2.
In-process runs of `autotrainer_keras.cli.main`."""

from __future__ import annotations

import importlib.util
import json
import textwrap
from pathlib import Path

import pytest

from .conftest import Inputs, snapshot
from .inputs import save
from .test_bad_inputs import refused

pytestmark = pytest.mark.medium

OBJECTS = textwrap.dedent(
    """
    import keras

    class Doubler(keras.layers.Layer):
        def call(self, inputs):
            return inputs * 2.0

    def half_mse(y_true, y_pred):
        return 0.5 * keras.ops.mean(keras.ops.square(y_true - y_pred), axis=-1)

    @keras.saving.register_keras_serializable(package="autotrainer_cli_test")
    def registered_mse(y_true, y_pred):
        return keras.ops.mean(keras.ops.square(y_true - y_pred), axis=-1)

    custom_objects = {"Doubler": Doubler, "half_mse": half_mse}
    """
)


def _objects_file(directory: Path, text: str = OBJECTS, name: str = "my_objects.py") -> Path:
    path = directory / name
    path.write_text(text)
    return path


def _model_with_own_code(objects: Path, target: Path, loss: str) -> Path:
    """A model saved with the file's layer class and one of its losses (imported here the
    way the user's own script would have them)."""
    import keras

    spec = importlib.util.spec_from_file_location("saving_side_objects", objects)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    keras.utils.set_random_seed(0)
    model = keras.Sequential(
        [keras.Input((2,)), module.Doubler(), keras.layers.Dense(8, activation="relu"),
         keras.layers.Dense(1, activation="sigmoid")]
    )  # fmt: skip
    model.compile(optimizer="adam", loss=getattr(module, loss))
    return save(model, target)


@pytest.mark.parametrize(
    ("loss", "as_module"),
    [("half_mse", False), ("registered_mse", False), ("half_mse", True)],
    ids=["custom_objects-dict", "registered", "module-name"],
)
def test_a_model_with_its_own_loss_and_layer_runs_with_custom_objects(
    loss: str, as_module: bool, run_cli, inputs: Inputs, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    import keras

    (tmp_path / "code").mkdir()
    code = _objects_file(tmp_path / "code")
    model = _model_with_own_code(code, tmp_path / "own.keras", loss)
    # what a fresh process knows: nothing of the saving side's registration
    keras.saving.get_custom_objects().pop(f"autotrainer_cli_test>{loss}", None)
    before = snapshot(tmp_path)
    out = tmp_path / "out"
    without = run_cli("detect", "--model", model, "--data", inputs.data, "--output", out,
                      "--no-tracking", "--trust-model-code", "-q")  # fmt: skip
    assert without.code == 2 and "--custom-objects" in without.err, without
    if as_module:
        monkeypatch.syspath_prepend(str(code.parent))
        source = code.stem
    else:
        source = str(code)
    outcome = run_cli("run", "--model", model, "--data", inputs.data, "--output", out,
                      "--no-tracking", "--trust-model-code", "--custom-objects", source,
                      "--config", _small_budget(tmp_path), "-q")  # fmt: skip
    assert outcome.code == 0, outcome
    report = json.loads((out / "report.json").read_text())
    assert report["command"] == "run"
    assert (out / "model.keras").is_file()
    after = snapshot(tmp_path)
    for name in ("own.keras", "code/my_objects.py"):  # the user's files: never modified
        assert after[name] == before[name], name


def _small_budget(directory: Path) -> Path:
    path = directory / "config.yaml"
    path.write_text("training:\n  epochs: 2\nrepair:\n  max_attempts: 1\n")
    return path


@pytest.mark.parametrize(
    ("case", "fragments"),
    [
        ("untrusted", ("--custom-objects", "runs the Python code", "--trust-model-code")),
        ("missing", ("--custom-objects", "file not found", "a Python file (.py)")),
        ("not python", ("--custom-objects", "expected a Python file (.py)", "'.txt'")),
        ("raises", ("--custom-objects", "could not be imported: ZeroDivisionError")),
        ("nothing", ("defines no custom_objects dict and registers nothing",)),
        ("bad dict", ("custom_objects must be a dict of names to functions", "list")),
        ("no module", ("no module named 'no_such_module_xyz'",)),
    ],
)
def test_bad_custom_objects_are_refused(
    case: str, fragments: tuple[str, ...], run_cli, inputs: Inputs, tmp_path: Path,
    previous_output: Path,
) -> None:  # fmt: skip
    texts = {"raises": "x = 1 / 0\n", "nothing": "import keras\n",
             "bad dict": "custom_objects = [len]\n"}  # fmt: skip
    source: str
    if case in texts:
        source = str(_objects_file(tmp_path, texts[case], f"objects_{case.replace(' ', '_')}.py"))
    elif case == "not python":
        source = str(_objects_file(tmp_path, "x = 1\n", "objects.txt"))
    elif case == "no module":
        source = "no_such_module_xyz"
    else:
        source = str(tmp_path / "absent.py") if case == "missing" else "anything.py"
    trust = () if case == "untrusted" else ("--trust-model-code",)
    refused(run_cli, inputs, tmp_path, previous_output, fragments,
            extra=(*trust, "--custom-objects", source))  # fmt: skip

