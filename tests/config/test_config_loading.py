"""Config files: typed values, unknown keys and bad values as one-line errors."""

from pathlib import Path

import pytest

from autotrainer_keras.config import AutotrainerConfig, config_from_dict, load_config
from autotrainer_keras.errors import InputError


def test_embedded_default_is_the_documented_one():
    config = AutotrainerConfig()
    assert config.training.epochs == 30 and config.detection.profile == "default"
    assert config.detection.paper.beta_3 == 70.0 and config.detection.paper.gamma == 0.7


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"training": {"epochs": -1}}, "training.epochs: Input should be greater than 0"),
        ({"training": {"batch_size": 0}}, "training.batch_size"),
        ({"training": {"epoch": 3}}, "unknown key 'training.epoch' (did you mean 'epochs'?); "
         "allowed here: batch_size"),
        ({"trainig": {}}, "unknown key 'trainig' (did you mean 'training'?); allowed here: "
         "detection, monitor"),
        ({"repair": {"time_budget_seconds": 60}}, "unknown key 'repair.time_budget_seconds' "
         "(did you mean 'time_budget_factor'?); allowed here: accept_margin"),
        ({"training": {"zzz": 1}}, "unknown key 'training.zzz'; allowed here: batch_size"),
        ({"detection": {"profile": "fast"}}, "detection.profile"),
        ({"training": {"batch_size": "big"}}, "valid integer"),
        # keras.utils.set_random_seed refuses it after the job started: exit 1 before
        ({"training": {"seed": 2**32}}, "training.seed: Input should be less than or equal"),
    ],
)
def test_bad_values_give_one_line_errors(data, message):
    with pytest.raises(InputError) as error:
        config_from_dict(data)
    assert message in str(error.value) and "\n" not in str(error.value)


def test_yaml_file_round_trip_and_bad_yaml(tmp_path: Path):
    good = tmp_path / "c.yaml"
    good.write_text(
        "training:\n  epochs: 3\n  optimizer: {name: sgd, learning_rate: 0.1, momentum: 0.9}\n"
    )
    config = load_config(good)
    assert config.training.optimizer.keras_kwargs() == {"learning_rate": 0.1, "momentum": 0.9}
    again = tmp_path / "again.yaml"
    again.write_text(config.to_yaml())
    assert load_config(again) == config
    bad = tmp_path / "bad.yaml"
    bad.write_text("training: [epochs: 3\n")
    with pytest.raises(InputError, match="not valid YAML at line"):
        load_config(bad)
    with pytest.raises(InputError, match="not found"):
        load_config(tmp_path / "missing.yaml")


def test_overrides_keep_file_values():
    config = config_from_dict({"training": {"epochs": 7}}).with_overrides(
        detection__profile="paper", repair__max_attempts=None
    )
    assert config.training.epochs == 7 and config.detection.profile == "paper"


def test_tags_from_config_and_from_the_tag_flag():
    from autotrainer_keras.config.tracking import parse_tags

    loaded = config_from_dict({"tracking": {"tags": {"team": "vision"}}}, origin="test")
    assert loaded.tracking.tags == {"team": "vision"}
    assert parse_tags(["kfp.pipeline_run_id=abc=1", " team =x"]) == {
        "kfp.pipeline_run_id": "abc=1",
        "team": "x",
    }
    for bad, words in (
        (["team"], "expected KEY=VALUE"),
        (["=x"], "1 to 250 characters"),
        (["mlflow.user=x"], "reserved"),
        (["autotrainer.outcome=x"], "reserved"),
    ):
        with pytest.raises(InputError, match=words):
            parse_tags(bad)
    with pytest.raises(InputError, match="tracking.tags"):
        config_from_dict({"tracking": {"tags": {"mlflow.source.name": "x"}}}, origin="test")


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("training:\n  epochs: 5\ntraining:\n  batch_size: 8\n", 3),
        ("training:\n  epochs: 5\n  batch_size: 8\n  epochs: 2\n", 4),
    ],
)
def test_a_key_given_twice_is_refused_not_silently_overridden(tmp_path: Path, text, line):
    """PyYAML keeps the last of two equal keys: the first section's settings vanished."""
    path = tmp_path / "c.yaml"
    path.write_text(text)
    with pytest.raises(InputError) as error:
        load_config(path)
    message = str(error.value)
    assert f"is given twice in one mapping (line {line}); give each key once" in message
    assert message.startswith(f"config file {path} refused: key ") and "\n" not in message


def test_a_huge_config_file_is_refused_without_reading_it_whole(tmp_path: Path):
    """It was read whole before the 1 MiB limit was checked: a MemoryError (exit 1)."""
    import resource

    path = tmp_path / "huge.yaml"
    with path.open("wb") as handle:
        handle.truncate(64 << 30)  # 64 GiB, sparse: reading it whole cannot fit
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with pytest.raises(InputError) as error:
        load_config(path)
    assert str(error.value) == f"config file {path} refused: larger than 1024 KiB"
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 64 << 10  # KiB


def test_a_device_as_config_is_refused(tmp_path: Path):
    link = tmp_path / "config.yaml"
    link.symlink_to("/dev/zero")
    with pytest.raises(InputError, match="is not a regular file"):
        load_config(link)
