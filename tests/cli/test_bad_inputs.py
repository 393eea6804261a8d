"""Bad model, data, config and output directory: exit 2, one clear line, nothing overwritten.

In-process runs of `autotrainer_keras.cli.main` (TensorFlow is imported once for the module).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from . import badfiles
from .conftest import Inputs, Outcome, snapshot

pytestmark = pytest.mark.medium


def check_refused(outcome: Outcome, fragments: tuple[str, ...], before: dict, after: dict) -> None:
    """Exit 2, one `autotrainer: error:` line naming the problem, no traceback, no change."""
    assert outcome.code == 2, outcome
    assert "Traceback" not in outcome.err
    lines = outcome.error_lines()
    assert len(lines) == 1, lines
    assert lines[0].startswith("autotrainer: error: "), lines
    for fragment in fragments:
        assert fragment in lines[0], (fragment, lines[0])
    assert after == before, "a file changed although the input was refused"


def refused(
    run_cli: Callable[..., Outcome],
    inputs: Inputs,
    tmp_path: Path,
    out: Path,
    fragments: tuple[str, ...],
    *,
    model: Path | None = None,
    data: Path | None = None,
    extra: tuple[str, ...] = (),
) -> None:
    before = snapshot(tmp_path), snapshot(inputs.root)
    outcome = run_cli(
        "run",
        "--model", model or inputs.model,
        "--data", data or inputs.data,
        "--output", out,
        "--no-tracking",
        *extra,
    )  # fmt: skip
    check_refused(outcome, fragments, before, (snapshot(tmp_path), snapshot(inputs.root)))


MODEL_CASES: dict[str, tuple[Callable[[Path, Path], Path], tuple[str, ...]]] = {
    "missing": (lambda good, d: d / "nope.keras", ("model file not found",)),
    "directory": (lambda good, d: _mkdir(d / "dir.keras"), ("is a directory",)),
    "savedmodel directory": (  # before: "expected a .keras or .h5 file, got ''"
        lambda good, d: _saved_model(d / "export"),
        ("is a TensorFlow SavedModel directory", "model.save('model.keras')"),
    ),
    "wrong suffix": (
        lambda good, d: badfiles.garbage(d / "model.pt"),
        ("expected a .keras or .h5 (.hdf5) file, got '.pt'",),
    ),
    "garbage keras": (
        lambda good, d: badfiles.garbage(d / "m.keras"),
        ("is not a readable Keras model",),
    ),
    "garbage h5": (
        lambda good, d: badfiles.garbage(d / "m.h5"),
        ("is not a readable Keras model",),
    ),
    "truncated": (
        lambda good, d: badfiles.truncated(good, d / "m.keras"),
        ("is not a readable Keras model",),
    ),
    "no config.json": (
        lambda good, d: badfiles.rezip(good, d / "m.keras", {"config.json": None}),
        ("is not a readable Keras model", "config.json"),
    ),
    "config not json": (
        lambda good, d: badfiles.rezip(good, d / "m.keras", {"config.json": b"{oops"}),
        ("is not a readable Keras model",),
    ),
    "weights corrupt": (
        lambda good, d: badfiles.rezip(good, d / "m.keras", {"model.weights.h5": b"junk" * 9}),
        ("could not be loaded",),
    ),
    "lambda layer": (
        lambda good, d: badfiles.lambda_model(d / "m.keras"),
        ("code-carrying layers", "Lambda", "--trust-model-code"),
    ),
    "custom layer": (
        lambda good, d: badfiles.custom_layer_model(d / "m.keras"),
        ("code-carrying layers", "Doubler", "--trust-model-code"),
    ),
    # before: Keras' advice to decorate and import it, and a dump of its config
    "custom layer in an .h5": (  # before: "use a keras.utils.custom_object_scope"
        lambda good, d: badfiles.custom_layer_model(d / "m.h5"),
        ("could not be loaded: it uses the layer 'Doubler', which is not part of Keras",),
    ),
    "custom loss function": (
        lambda good, d: badfiles.custom_loss_model(d / "m.keras"),
        ("could not be loaded: it uses the function 'my_loss', which is not part of Keras",
         "pass --custom-objects FILE.py", "with --trust-model-code"),
    ),
}


def _mkdir(path: Path) -> Path:
    path.mkdir()
    return path


def _saved_model(path: Path) -> Path:
    """A directory as tf.saved_model.save and model.export write it (contents not read)."""
    (path / "variables").mkdir(parents=True)
    (path / "saved_model.pb").write_bytes(b"\x08\x01")
    return path


@pytest.mark.parametrize("case", list(MODEL_CASES))
def test_bad_model_file(
    case: str, run_cli, inputs: Inputs, tmp_path: Path, previous_output: Path
) -> None:
    build, fragments = MODEL_CASES[case]
    model = build(inputs.model, tmp_path)
    refused(run_cli, inputs, tmp_path, previous_output, fragments, model=model)


def test_trusted_model_whose_code_is_missing(
    run_cli, inputs: Inputs, tmp_path: Path, previous_output: Path
) -> None:
    model = badfiles.with_module(inputs.model, tmp_path / "m.keras", "no_such_package.layers")
    refused(
        run_cli,
        inputs,
        tmp_path,
        previous_output,
        ("could not be loaded",),
        model=model,
        extra=("--trust-model-code",),
    )


DATA_CASES: dict[str, tuple[str, ...]] = {
    "no_y": ("missing key(s) y_train", "found x_train"),
    "x_val_only": ("x_val and y_val must be given together",),
    "rows_differ": ("x_train has 240 rows but y_train has 100",),
    "three_features": ("x rows have shape (3,) but the model expects (2,)",),
    "nan_x": ("'x' contains 1 NaN values that reach the model's weights",),
    "nan_y": ("contains 1 NaN values that the loss does not leave out",),  # split: y_val
    "inf_y_val": ("'y_val' contains 1 NaN/Inf values",),
    "no_rows": ("'x_train' has no rows",),
    "text_labels": ("'y_train' must be real numbers", "<U3"),
    "val_shape": ("x_val rows have shape (1,) but x_train rows have (2,)",),
    "complex_x": ("'x_train' must be real numbers, got dtype complex64",),
    # before: "(Object arrays cannot be loaded when allow_pickle=False)", an option of numpy's
    "object_y": ("an array holds Python objects (dtype object, stored as a pickle)",
                 "array.astype('float32')"),
}


@pytest.mark.parametrize("kind", list(DATA_CASES))
def test_bad_data_file(
    kind: str, run_cli, inputs: Inputs, tmp_path: Path, previous_output: Path
) -> None:
    data = badfiles.data_file(tmp_path / f"{kind}.npz", kind)
    refused(run_cli, inputs, tmp_path, previous_output, DATA_CASES[kind], data=data)


def test_three_classes_under_a_binary_loss_refused_by_the_paper_profile(
    run_cli, inputs: Inputs, tmp_path: Path, previous_output: Path
) -> None:
    """The default profile repairs it (output_pair; tests/engine/test_not_trained.py)."""
    data = badfiles.data_file(tmp_path / "three_classes.npz", "three_classes")
    fragments = ("y_train must hold only 0 and 1", "for loss binary_crossentropy")
    refused(run_cli, inputs, tmp_path, previous_output, fragments, data=data,
            extra=("--profile", "paper"))  # fmt: skip


UNFIT_CASES: dict[str, tuple[str, tuple[str, ...]]] = {
    # several inputs / outputs train from arrays by name: one array is refused, naming the keys
    "two_inputs": ("good", ("has 2 inputs", "pass x as a dict", "x_train__<input name>")),
    "two_outputs": ("good", ("has 2 outputs", "pass y as a dict", "y_train__<output name>")),
    "softmax_binary_loss": (
        "good",
        ("y_train rows have shape () but the model outputs (2,) for loss binary_crossentropy",),
    ),
    "three_class_sparse": (
        "five_classes",
        ("y_train must hold integer classes in [0, 2]", "sparse_categorical_crossentropy"),
    ),
    "three_class_onehot": ("good", ("y_train must be one-hot with 3 columns",)),
    "unsupported_loss": ("good", ("loss 'circle' is not supported; allowed:",)),
}


@pytest.mark.parametrize("kind", list(UNFIT_CASES))
def test_model_and_data_that_do_not_fit(
    kind: str, run_cli, inputs: Inputs, tmp_path: Path, previous_output: Path
) -> None:
    data_kind, fragments = UNFIT_CASES[kind]
    model = badfiles.unfit_model(tmp_path / f"{kind}.keras", kind)
    data = badfiles.data_file(tmp_path / "data.npz", data_kind)
    refused(run_cli, inputs, tmp_path, previous_output, fragments, model=model, data=data)


def test_trusted_lambda_model_loads(tmp_path: Path) -> None:
    from autotrainer_keras.io.model_file import load_model

    model = load_model(badfiles.lambda_model(tmp_path / "m.keras"), trust_code=True)
    assert [layer.__class__.__name__ for layer in model.layers] == ["Lambda", "Dense"]


@pytest.mark.parametrize(
    ("name", "build", "fragments"),
    [
        ("missing", lambda d: d / "nope.npz", ("data file", "not found")),
        ("garbage", lambda d: badfiles.garbage(d / "d.npz"), ("not a readable .npz archive",)),
        ("directory", lambda d: _mkdir(d / "d.npz"), ("is a directory",)),
    ],
)
def test_unreadable_data_file(
    name: str, build, fragments, run_cli, inputs: Inputs, tmp_path: Path, previous_output: Path
) -> None:
    refused(run_cli, inputs, tmp_path, previous_output, fragments, data=build(tmp_path))


CONFIG_CASES: dict[str, tuple[str, tuple[str, ...]]] = {
    "not yaml": ("training: [epochs\n", ("is not valid YAML",)),
    "not a mapping": ("- training\n- epochs\n", ("expected a YAML mapping", "got list")),
    "unknown section": ("trainig:\n  epochs: 3\n", ("unknown key 'trainig'", "training")),
    "unknown key": (
        "training:\n  epoch: 3\n",
        ("unknown key 'training.epoch'", "allowed here:", "epochs"),
    ),
    "wrong type": ("training:\n  epochs: ten\n", ("training.epochs", "'ten'")),
    "section not a mapping": ("training: 5\n", ("training",)),
    "negative epochs": ("training:\n  epochs: -5\n", ("training.epochs", "greater than 0")),
    "zero batch size": ("training:\n  batch_size: 0\n", ("training.batch_size", "greater")),
    "split out of range": (
        "training:\n  validation_split: 1.5\n",
        ("training.validation_split", "less than 1"),
    ),
    "unknown profile": ("detection:\n  profile: magic\n", ("detection.profile", "'magic'")),
    "negative retries": ("tracking:\n  retries: -1\n", ("tracking.retries",)),
    "unknown metric": (
        "training:\n  metrics: [accuracy, nosuchmetric]\n",
        ("training.metrics: 'nosuchmetric' is not a Keras metric name",),
    ),
    "unknown optimizer": (
        "training:\n  optimizer: {name: nosuch}\n",
        ("optimizer 'nosuch'", "cannot be built"),
    ),
}


@pytest.mark.parametrize("case", list(CONFIG_CASES))
def test_bad_config(
    case: str, run_cli, inputs: Inputs, tmp_path: Path, previous_output: Path
) -> None:
    text, fragments = CONFIG_CASES[case]
    config = tmp_path / "config.yaml"
    config.write_text(text)
    refused(run_cli, inputs, tmp_path, previous_output, fragments, extra=("--config", str(config)))


def test_missing_config(run_cli, inputs: Inputs, tmp_path: Path, previous_output: Path) -> None:
    extra = ("--config", str(tmp_path / "nope.yaml"))
    refused(run_cli, inputs, tmp_path, previous_output, ("config file not found",), extra=extra)


def test_output_under_a_regular_file(run_cli, inputs: Inputs, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("keep me\n")
    refused(run_cli, inputs, tmp_path, blocker / "sub", ("cannot be written", "Not a directory"))


def test_output_is_a_regular_file(run_cli, inputs: Inputs, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("keep me\n")
    refused(run_cli, inputs, tmp_path, blocker, ("is a file",))


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (("--max-attempts", "-1"), "--max-attempts"),
        (("--profile", "magic"), "--profile"),
        (("--fail-on", "sometimes"), "--fail-on"),
    ],
)
def test_bad_flag_values(
    args, fragment: str, run_cli, inputs: Inputs, tmp_path: Path, previous_output: Path
) -> None:
    before = snapshot(tmp_path)
    outcome = run_cli(
        "run", "--model", inputs.model, "--data", inputs.data, "-o", previous_output, *args
    )
    assert outcome.code == 2
    assert "Traceback" not in outcome.err
    lines = outcome.err.splitlines()  # one line, like every other bad input
    assert len(lines) == 1 and lines[0].startswith("autotrainer: error:"), outcome.err
    assert fragment in lines[0] and "see 'autotrainer-keras run --help'" in lines[0], outcome.err
    assert snapshot(tmp_path) == before


def test_missing_required_flag(run_cli) -> None:
    outcome = run_cli("run", "--data", "d.npz")
    assert outcome.code == 2
    assert "Traceback" not in outcome.err
    assert "Missing option '--model'" in outcome.err
