"""convneat.Config: files, dicts and overrides, validated as the CLI validates them."""
import json
import subprocess

import pytest

import convneat
from conftest import CLI, XOR_CONFIG


def test_a_file_and_the_same_dict_give_the_same_config():
    from_file = convneat.Config(XOR_CONFIG)
    from_dict = convneat.Config(json.loads(XOR_CONFIG.read_text()))
    assert from_file.to_dict() == from_dict.to_dict()
    assert from_file["population.size"] == 150
    assert from_file["/genome/feed_forward"] is True
    assert from_file.source == str(XOR_CONFIG)
    assert from_dict.source == "config dict"


def test_overrides_as_a_dict_or_as_cli_strings_agree():
    by_dict = convneat.Config(XOR_CONFIG, {"population.size": 60, "species.compatibility_threshold": 2.5})
    by_text = convneat.Config(XOR_CONFIG, ["population.size=60", "species.compatibility_threshold=2.5"])
    assert by_dict.to_dict() == by_text.to_dict()
    assert by_dict["population.size"] == 60
    copy = by_dict.with_overrides({"seed": 9})
    assert copy["seed"] == 9 and by_dict["seed"] == 1


def cli_error(*arguments):
    result = subprocess.run([CLI, "run", str(XOR_CONFIG), *arguments, "--out", "/nonexistent/never"],
                            capture_output=True, text=True)
    assert result.returncode != 0
    return result.stderr.strip()


def test_a_bad_value_is_a_value_error_with_the_cli_message():
    with pytest.raises(ValueError) as raised:
        convneat.Config(XOR_CONFIG, ["population.size=-3"])
    message = str(raised.value)
    assert "/population/size" in message
    # The CLI says the same after its own prefix ("convneat: --set population.size: ...").
    assert message.split(": ", 1)[1] in cli_error("--set", "population.size=-3")


def test_an_unknown_key_is_named():
    with pytest.raises(ValueError, match="/population/sise"):
        convneat.Config(XOR_CONFIG, {"population.sise": 3})
    with pytest.raises(ValueError, match="/genome/colour"):
        convneat.Config({"task": {"name": "xor"}, "genome": {"colour": "red"}})
    with pytest.raises(KeyError):
        convneat.Config(XOR_CONFIG)["population.sise"]


def test_a_missing_or_malformed_file_names_it(tmp_path):
    with pytest.raises(ValueError, match="nothere.json"):
        convneat.Config(tmp_path / "nothere.json")
    broken = tmp_path / "broken.json"
    broken.write_text('{"seed": 1,')
    with pytest.raises(convneat.ConfigError, match="broken.json"):
        convneat.Config(broken)
    with pytest.raises(TypeError):
        convneat.Config(42)


def test_odd_override_values_are_named():
    import numpy as np
    assert convneat.Config(XOR_CONFIG, {"population.size": np.int64(40)})["population.size"] == 40
    with pytest.raises(convneat.ConfigError, match=r'overrides\["species.compatibility_threshold"\]: NaN'):
        convneat.Config(XOR_CONFIG, {"species.compatibility_threshold": float("nan")})
    with pytest.raises(convneat.ConfigError, match=r'overrides\["task"\]: /task/name: expected one of "'):
        convneat.Config(XOR_CONFIG, {"task": {"name": 3}})
    with pytest.raises(convneat.ConfigError, match="config dict: object is not a config value"):
        convneat.Config({"task": {"name": "xor"}, "seed": object()})
    with pytest.raises(KeyError):
        convneat.Config(XOR_CONFIG)["/~"]
