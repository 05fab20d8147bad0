"""`cmake --install` puts the module where Debian's python3 finds a prefix's packages."""
import os
import pathlib
import subprocess
import sys

from conftest import SOURCE

BUILD = pathlib.Path(os.environ.get("CONVNEAT_BUILD_DIR", SOURCE / "build"))


def installed_python_dir():
    cache = (BUILD / "CMakeCache.txt").read_text().splitlines()
    entry = next(line for line in cache if line.startswith("CONVNEAT_PYTHON_INSTALL_DIR:"))
    return entry.split("=", 1)[1]


def test_the_default_prefix_puts_it_on_debian_pythons_path():
    # The default prefix is /usr/local; Debian's python3 looks in /usr/local/lib/python3.X/dist-packages.
    assert "/usr/local/" + installed_python_dir() in sys.path


def test_an_installed_copy_imports_and_runs(tmp_path):
    subprocess.run(["cmake", "--install", str(BUILD), "--prefix", str(tmp_path)], check=True, capture_output=True)
    package = tmp_path / installed_python_dir() / "convneat"
    assert (package / "__init__.py").exists() and (package / "_convneat.pyi").exists()
    script = (
        "import convneat\n"
        "config = convneat.Config({'task': {'name': 'xor'}, 'stop': {'max_generations': 3}})\n"
        f"result = convneat.Population(config, output={str(tmp_path / 'run')!r}).run()\n"
        "print(convneat.__file__, result['generations'])\n")
    environment = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    environment["PYTHONPATH"] = str(tmp_path / installed_python_dir())
    output = subprocess.run([sys.executable, "-c", script], check=True, capture_output=True, text=True,
                            env=environment, cwd=tmp_path).stdout
    assert output.splitlines()[-1] == f"{package / '__init__.py'} 3"
