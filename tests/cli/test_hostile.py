"""Hostile inputs: every one refused with exit 2 and one line, inputs byte-identical.

Each case is the CLI entry called in this process (no subprocess), and each refusal happens
in the checks before TensorFlow is imported: the suite runs in seconds and asserts that no
case imported TensorFlow (when it was not imported already). The README's promise counts
these cases: keep `HOSTILE_CASES` and the README in step (a test below checks).
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest

from . import hostile_files as hf
from .conftest import Outcome, snapshot

README = Path(__file__).resolve().parents[2] / "README.md"
SECRET = "S3cretPW"
ESCAPES = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


@dataclass(frozen=True)
class Good:
    """Valid inputs in a folder of their own (snapshotted around every case)."""

    model: Path
    data: Path
    root: Path


@pytest.fixture(scope="module")
def good(tmp_path_factory: pytest.TempPathFactory) -> Good:
    root = tmp_path_factory.mktemp("good")
    return Good(hf.keras_archive(root / "model.keras"), hf.circles_npz(root / "data.npz"), root)


Build = Callable[[Path, Good], list[str]]
"""Makes the hostile files under a case's folder; returns the command line."""


def run(good: Good, tmp: Path, *, model: Path | None = None, data: Path | None = None,
        config: Path | None = None, extra: tuple[str, ...] = ()) -> list[str]:  # fmt: skip
    args = ["run", "--model", str(model or good.model), "--data", str(data or good.data)]
    args += ["--output", str(tmp / "out"), "--no-tracking", *extra]
    return args + (["--config", str(config)] if config else [])


def config_case(text: str | bytes) -> Build:
    def build(tmp: Path, good: Good) -> list[str]:
        path = tmp / "config.yaml"
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text)
        return run(good, tmp, config=path)

    return build


def model_case(make: Callable[[Path], Path]) -> Build:
    return lambda tmp, good: run(good, tmp, model=make(tmp / "model.keras"))


def data_case(**arrays: np.ndarray) -> Build:
    return lambda tmp, good: run(good, tmp, data=hf.circles_npz(tmp / "data.npz", **arrays))


def flags_case(*flags: str) -> Build:
    return lambda tmp, good: run(good, tmp, extra=flags)


def report_case(content: bytes) -> Build:
    def build(tmp: Path, good: Good) -> list[str]:
        (tmp / "report.json").write_bytes(content)
        return ["report", str(tmp / "report.json")]

    return build


def _symlink(target: str, path: Path) -> Path:
    path.symlink_to(target)
    return path


def _many_entries(path: Path) -> Path:
    return hf.keras_archive(path, extra={f"assets/{i}.txt": b"x" for i in range(1_001)})


def _damaged_spool(tmp: Path, good: Good) -> list[str]:
    out = tmp / "job"
    out.mkdir()
    lines = ['{"op": "end_run", "run": "job", "run_id": "1", "status": "FINISHED"}', "{torn", "{}"]
    (out / "mlflow-spool.jsonl").write_text("\n".join(lines) + "\n")
    return ["replay", "--output-dir", str(out), "--tracking-uri", f"sqlite:///{tmp}/m.db"]


def _redacted_job_uri(tmp: Path, good: Good) -> list[str]:
    out = tmp / "job"
    out.mkdir()
    report = {"mlflow": {"tracking_uri": "http://alice:***@mlflow.example:5000"}}
    (out / "report.json").write_text(json.dumps(report))
    (out / "mlflow-spool.jsonl").write_text('{"op": "errors"}\n')
    return ["replay", "--output-dir", str(out)]


LAMBDA_CODE = ["4wEAAAAAAAAAAAAAAAIAAAADAAAA8wwAAACXAHwAZAF6BQAAUwA=", None, None]
ANSI_NAME = "\x1b]52;c;ZXZpbA==\x07\x1b[31mred"

HOSTILE_CASES: dict[str, tuple[Build, str]] = {
    # YAML configs
    "yaml alias bomb under a typed key": (config_case(hf.alias_bomb()), "aliases"),
    "yaml alias under an unknown key": (config_case("junk: &a [1]\nmore: *a\n"), "aliases"),
    "yaml merge key through an alias": (
        config_case("training: &t {epochs: 2}\nmonitor:\n  <<: *t\n"), "aliases"),
    "yaml nested 200 deep": (config_case("a: " + "[" * 200 + "]" * 200 + "\n"), "deeper"),
    "yaml file over 1 MiB": (config_case("# " + "x" * (1 << 20) + "\n"), "larger than"),
    "yaml python object tag": (
        config_case("training: !!python/object/apply:os.system ['true']\n"), "not valid YAML"),
    "yaml list instead of mapping": (config_case("- 1\n- 2\n"), "expected a YAML mapping"),
    "yaml binary file": (config_case(b"\xff\xfe\x00garbage\x80" * 50), "cannot be read"),
    "yaml epochs: true": (config_case("training: {epochs: true}\n"), "boolean True"),
    "yaml learning_rate: true": (
        config_case("training: {optimizer: {name: sgd, learning_rate: true}}\n"), "boolean"),
    "yaml batch_size 1.5": (config_case("training: {batch_size: 1.5}\n"), "batch_size"),
    "yaml epochs 10**9": (config_case("training: {epochs: 1000000000}\n"), "epochs"),
    # model archives
    "zip bomb config.json (65 MiB)": (
        model_case(lambda p: hf.keras_archive(p, raw_config=b" " * (65 << 20))), "inflates to"),
    "zip bomb entry 1000:1": (
        model_case(lambda p: hf.keras_archive(p, extra={"assets/x": b"\0" * (8 << 20)})),
        "compressed"),
    "zip with 1,001 entries": (model_case(_many_entries), "entries; at most"),
    "zip entry ../../evil.sh": (
        model_case(lambda p: hf.keras_archive(p, extra={"../../evil.sh": b"x"})), "outside"),
    "zip entry /etc/cron.d/x": (
        model_case(lambda p: hf.keras_archive(p, extra={"/etc/cron.d/x": b"x"})), "outside"),
    "not a zip": (model_case(lambda p: (p.write_bytes(b"\0PK" * 99), p)[1]), "not a readable"),
    "config.json is a list": (
        model_case(lambda p: hf.keras_archive(p, raw_config=b"[1, 2]")), "not a model config"),
    "config.json nested 100,000 deep": (
        model_case(lambda p: hf.keras_archive(p, raw_config=hf.nested_json(100_000))),
        "nested too deeply"),
    "config.json not JSON": (
        model_case(lambda p: hf.keras_archive(p, raw_config=b"{nope")), "not a readable"),
    # code and classes from outside Keras
    "registered custom layer pkg>Evil": (
        model_case(lambda p: hf.with_layer(p, 1, module=None, class_name="Evil",
                                           registered_name="pkg>Evil")),
        "--trust-model-code"),  # fmt: skip
    "Lambda layer": (
        model_case(lambda p: hf.with_layer(p, 1, class_name="Lambda")), "--trust-model-code"),
    "__lambda__ activation": (
        model_case(lambda p: hf.with_layer(p, 1, config__activation={
            "module": "builtins", "class_name": "__lambda__",
            "config": {"value": LAMBDA_CODE}, "registered_name": None})),
        "--trust-model-code"),  # fmt: skip
    "lambda activation as bytecode": (
        model_case(lambda p: hf.with_layer(p, 1, config__activation={"value": LAMBDA_CODE})),
        "--trust-model-code"),
    "module keras_evil.layers": (
        model_case(lambda p: hf.with_layer(p, 1, module="keras_evil.layers")),
        "--trust-model-code"),
    "module keras_hub.layers": (
        model_case(lambda p: hf.with_layer(p, 1, module="keras_hub.layers")),
        "--trust-model-code"),
    "module __main__": (
        model_case(lambda p: hf.with_layer(p, 2, module="__main__")), "--trust-model-code"),
    "builtins function os.system": (
        model_case(lambda p: hf.with_compile(p, loss={
            "module": "builtins", "class_name": "function", "config": "os.system",
            "registered_name": "function"})),
        "--trust-model-code"),  # fmt: skip
    "registered custom loss": (
        model_case(lambda p: hf.with_compile(p, loss={
            "module": None, "class_name": "MyLoss", "config": {},
            "registered_name": "pkg>MyLoss"})),
        "--trust-model-code"),  # fmt: skip
    "registered custom metric": (
        model_case(lambda p: hf.with_compile(p, metrics=[{
            "module": "mypkg.metrics", "class_name": "Leak", "config": {},
            "registered_name": "mypkg>Leak"}])),
        "--trust-model-code"),  # fmt: skip
    # names TensorFlow cannot use
    "model named 'my model'": (
        model_case(lambda p: hf.keras_archive(p, {**hf.model_config(), "config": {
            **hf.model_config()["config"], "name": "my model"}})),
        "model name 'my model'"),  # fmt: skip
    "layer name with <": (
        model_case(lambda p: hf.with_layer(p, 1, config__name="de<nse")), "layer name"),
    "layer name with terminal escapes": (
        model_case(lambda p: hf.with_layer(p, 1, config__name=ANSI_NAME)), "layer name"),
    "empty layer name": (model_case(lambda p: hf.with_layer(p, 2, config__name="")), "layer"),
    # data
    "float64 1e300 (Inf in float32)": (
        data_case(x_train=np.full((64, 2), 1e300)), "beyond float32's range"),
    "Inf in x_train": (data_case(x_train=np.full((64, 2), np.inf, "float32")), "NaN/Inf"),
    "NaN and Inf in y_train": (
        data_case(y_train=np.array([np.nan, np.inf] * 32, "float32")), "NaN/Inf"),
    "Inf in y_val": (
        data_case(x_val=np.zeros((8, 2), "float32"), y_val=np.full(8, np.inf)), "NaN/Inf"),
    "object array (pickle)": (
        data_case(x_train=np.array([{"a": 1}] * 64, dtype=object)), "not a readable"),
    "complex numbers": (data_case(x_train=np.ones((64, 2), complex)), "real numbers"),
    "strings": (data_case(y_train=np.array(["a"] * 64)), "real numbers"),
    "rows do not match": (data_case(y_train=np.zeros(63, "float32")), "rows"),
    "x_val without y_val": (data_case(x_val=np.zeros((8, 2), "float32")), "together"),
    "x_train with zero columns": (data_case(x_train=np.zeros((64, 0), "float32")), "no values"),
    "npy header declaring 10**13 rows (MemoryError)": (
        lambda tmp, good: run(good, tmp, data=hf.npz_declaring(tmp / "d.npz", (10**13, 2))),
        "declares shape"),
    "data is /dev/zero": (
        lambda tmp, good: run(good, tmp, data=_symlink("/dev/zero", tmp / "d.npz")),
        "not a regular file"),
    # paths
    "model is /dev/zero": (
        lambda tmp, good: run(good, tmp, model=_symlink("/dev/zero", tmp / "m.keras")),
        "not a regular file"),
    "model suffix .pkl": (
        lambda tmp, good: run(good, tmp, model=hf.keras_archive(tmp / "m.pkl")), "'.pkl'"),
    "output component of 300 characters": (
        lambda tmp, good: run(good, tmp, extra=("--output", str(tmp / ("x" * 300)))),
        "cannot be written"),
    "output is a file": (
        lambda tmp, good: run(good, tmp, extra=("--output", str(good.data))), "is a file"),
    # tracking and flags
    "tracking URI ftp:// with a password": (
        flags_case("--tracking-uri", f"ftp://alice:{SECRET}@host/x"), "unsupported"),
    "MLFLOW_TRACKING_URI gopher:// with a token": (
        lambda tmp, good: [*run(good, tmp)[:-1], "--quiet"], "MLFLOW_TRACKING_URI"),
    "registered name a/b:c": (flags_case("--registered-model-name", "a/b:c"), "'/' or ':'"),
    "registered name empty": (flags_case("--registered-model-name", ""), "must not be empty"),
    "registered name ..": (flags_case("--registered-model-name", ".."), "resolve"),
    "experiment name empty": (flags_case("--experiment", ""), "experiment"),
    "max attempts -1": (flags_case("--max-attempts", "-1"), "--max-attempts"),
    "unknown profile": (flags_case("--profile", "evil"), "--profile"),
    # reports and replays
    "report holds a JSON list": (report_case(b"[1, 2]"), "JSON list"),
    "report is binary": (report_case(bytes(range(256)) * 4), "not UTF-8"),
    "report lacks its fields": (report_case(b'{"a": 1}'), "not an autotrainer-keras report"),
    "report nested 100,000 deep": (report_case(b"[" * 100_000 + b"]" * 100_000), "cannot"),
    "replay of a damaged spool": (_damaged_spool, "not JSON lines"),
    "replay to a redacted job URI": (_redacted_job_uri, "credentials"),
}  # fmt: skip


def invoke(args: list[str], monkeypatch: pytest.MonkeyPatch, capsys) -> Outcome:
    from autotrainer_keras.cli import main

    monkeypatch.setattr(sys, "argv", ["autotrainer-keras", *args])
    capsys.readouterr()
    try:
        main()
        code = 0
    except SystemExit as stop:
        code = stop.code if isinstance(stop.code, int) else 1
    captured = capsys.readouterr()
    return Outcome(code, captured.out, captured.err)


@pytest.mark.parametrize("case", list(HOSTILE_CASES))
def test_hostile_input_is_refused_with_exit_2_and_one_line(
    case: str, good: Good, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    build, fragment = HOSTILE_CASES[case]
    monkeypatch.delenv("MLFLOW_TRACKING_URI", raising=False)
    if case.startswith("MLFLOW_TRACKING_URI"):
        monkeypatch.setenv("MLFLOW_TRACKING_URI", f"gopher://tok:{SECRET}@h/?token={SECRET}")
    args = build(tmp_path, good)
    before = snapshot(good.root)
    tf_before = "tensorflow" in sys.modules

    outcome = invoke(args, monkeypatch, capsys)

    assert outcome.code == 2, outcome
    lines = outcome.err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("autotrainer: error: "), outcome.err
    assert fragment in lines[0], (fragment, lines[0])
    assert not ESCAPES.search(outcome.err), repr(outcome.err)
    assert SECRET not in outcome.err + outcome.out
    assert snapshot(good.root) == before, "an input file changed"
    assert not (tmp_path / "out" / "model.keras").exists()
    if not tf_before:
        assert "tensorflow" not in sys.modules, "refused only after importing TensorFlow"


def test_the_readme_states_the_count_of_hostile_inputs() -> None:
    promise = r"(\d+) hostile inputs, all refused with exit 2 and one line"
    stated = re.search(promise, README.read_text())
    assert stated and int(stated.group(1)) == len(HOSTILE_CASES), len(HOSTILE_CASES)


def test_the_valid_inputs_of_the_suite_pass_every_pre_check(good: Good) -> None:
    """The cases differ from a good input by one thing: the good one is not refused."""
    from autotrainer_keras.io.data import check_data_file
    from autotrainer_keras.io.model_file import check_model_file

    check_model_file(good.model)
    check_data_file(good.data)
    assert os.access(good.model, os.R_OK)
