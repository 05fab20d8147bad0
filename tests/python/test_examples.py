"""The scripts in examples/python run as their docstrings say."""
import os
import subprocess
import sys

import pytest

from conftest import SOURCE


def test_the_xor_example_solves_xor(tmp_path):
    output = subprocess.run([sys.executable, str(SOURCE / "examples" / "python" / "xor.py"), "--seed", "2",
                             "--out", str(tmp_path / "run")],
                            check=True, capture_output=True, text=True, env=os.environ).stdout
    assert "\nsolved after" in output
    assert (tmp_path / "run" / "champion.json").exists()


def test_the_single_pole_example_balances(tmp_path):
    output = subprocess.run([sys.executable, str(SOURCE / "examples" / "python" / "single_pole.py"),
                             "--out", str(tmp_path / "run")],
                            check=True, capture_output=True, text=True, env=os.environ).stdout
    assert output.splitlines()[-1].startswith("solved after")


def test_the_digits_example_learns_with_a_batch_fitness(tmp_path):
    pytest.importorskip("sklearn", reason="python3-sklearn is not installed: the digits example is skipped")
    output = subprocess.run([sys.executable, str(SOURCE / "examples" / "python" / "digits_batch.py"),
                             "--generations", "30", "--out", str(tmp_path / "run")],
                            check=True, capture_output=True, text=True, env=os.environ).stdout
    accuracy = float(output.split("held-out accuracy ")[1].split()[0])
    assert accuracy > 0.3  # chance: 0.1
