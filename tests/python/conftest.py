"""Shared set-up of the Python module's tests (run by CTest: tests/CMakeLists.txt gives
PYTHONPATH, CONVNEAT_CLI and CONVNEAT_SOURCE_DIR)."""
import os
import pathlib

import pytest

SOURCE = pathlib.Path(os.environ.get("CONVNEAT_SOURCE_DIR", pathlib.Path(__file__).parents[2]))
CLI = os.environ.get("CONVNEAT_CLI", str(SOURCE / "build" / "experiments" / "convneat"))
XOR_CONFIG = SOURCE / "experiments" / "configs" / "xor.json"

XOR_CASES = [((0.0, 0.0), 0.0), ((0.0, 1.0), 1.0), ((1.0, 0.0), 1.0), ((1.0, 1.0), 0.0)]


def xor_fitness(network):
    """neat-python's XOR fitness: 4 minus the summed squared error over the four cases."""
    error = 0.0
    for inputs, target in XOR_CASES:
        output = network.activate(inputs)[0]
        error += (output - target) ** 2
    return 4.0 - error


def python_xor_config(**overrides):
    """xor.json with its fitness moved to Python: a "python" task of 2 inputs and 1 output,
    solved at neat-python's threshold of 3.9."""
    import convneat

    settings = {"task": {"name": "python", "inputs": 2, "outputs": 1}, "stop.fitness_threshold": 3.9}
    settings.update(overrides)
    return convneat.Config(XOR_CONFIG, settings)

@pytest.fixture
def quiet(capfd):
    """Runs print their progress on the process's stdout; keep the test output short."""
    yield
    capfd.readouterr()
