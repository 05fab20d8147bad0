"""The scripts in examples/python run as their docstrings say."""
import os
import subprocess
import sys

from conftest import SOURCE


def test_the_xor_example_solves_xor(tmp_path):
    output = subprocess.run([sys.executable, str(SOURCE / "examples" / "python" / "xor.py"), "--seed", "2",
                             "--out", str(tmp_path / "run")],
                            check=True, capture_output=True, text=True, env=os.environ).stdout
    assert "\nsolved after" in output
    assert (tmp_path / "run" / "champion.json").exists()
