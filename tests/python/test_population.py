"""convneat.Population: runs from Python leave the CLI's files; fitness in Python, three ways."""
import csv
import json
import math
import os
import pathlib
import signal
import subprocess

import numpy as np
import pytest

import convneat
from conftest import CLI, XOR_CASES, XOR_CONFIG, python_xor_config, xor_fitness


def champion_text(directory):
    return (pathlib.Path(directory) / "champion.json").read_text()


def rows(path):
    """A statistics file's rows without its wall-time column, which no two runs share."""
    with open(path, newline="") as file:
        table = list(csv.DictReader(file))
    for row in table:
        row.pop("seconds", None)
    return table


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_built_in_xor_task_gives_the_cli_champion_byte_for_byte(tmp_path, seed, quiet):
    subprocess.run([CLI, "run", str(XOR_CONFIG), "--seed", str(seed), "--out", str(tmp_path / "cli")],
                   check=True, capture_output=True)
    result = convneat.Population(convneat.Config(XOR_CONFIG), seed=seed, output=tmp_path / "py").run()
    assert champion_text(tmp_path / "py") == champion_text(tmp_path / "cli")
    assert (tmp_path / "py" / "champion.dot").read_bytes() == (tmp_path / "cli" / "champion.dot").read_bytes()
    for name in ("generations.csv", "species.csv"):
        assert rows(tmp_path / "py" / name) == rows(tmp_path / "cli" / name), name
    assert result["solved"] == json.loads(champion_text(tmp_path / "cli"))["solved"]
    assert result["output_directory"] == str(tmp_path / "py")
    assert convneat.load_champion(tmp_path / "py")["names"] == {"inputs": ["a", "b"], "outputs": ["a xor b"]}


@pytest.mark.parametrize("name, generations", [("double_pole.json", None), ("digits_shared.json", 3),
                                               ("digits_trained.json", 2)])
def test_other_built_in_tasks_give_the_cli_champion_byte_for_byte(tmp_path, name, generations, quiet):
    config_file = XOR_CONFIG.parent / name
    limit = [] if generations is None else ["--generations", str(generations)]
    cli = subprocess.run([CLI, "run", str(config_file), *limit, "--out", str(tmp_path / "cli")],
                         capture_output=True, text=True)
    if cli.returncode != 0 and "install" in cli.stderr:  # a dataset's package is missing (the CLI names it)
        pytest.skip(cli.stderr.strip())
    assert cli.returncode == 0, cli.stderr
    convneat.Population(convneat.Config(config_file), output=tmp_path / "py").run(generations=generations)
    assert champion_text(tmp_path / "py") == champion_text(tmp_path / "cli")
    assert rows(tmp_path / "py" / "generations.csv") == rows(tmp_path / "cli" / "generations.csv")


def test_a_python_fitness_solves_xor_and_the_champion_computes_it(tmp_path, quiet):
    result = convneat.Population(python_xor_config(), seed=4, output=tmp_path).run(xor_fitness)
    assert result["solved"] and result["reason"] == "solved"
    network = result["champion"].network()
    assert xor_fitness(network) >= 3.9
    saved = convneat.load_champion(tmp_path)
    assert saved["task"] == {"name": "python", "inputs": 2, "outputs": 1}
    assert xor_fitness(saved["genome"].network()) == xor_fitness(network)


XOR_INPUTS = np.array([inputs for inputs, _ in XOR_CASES])
XOR_TARGETS = np.array([target for _, target in XOR_CASES])


def xor_batch(networks):
    return [xor_fitness(network) for network in networks]


def xor_eval_genomes(genomes, config):
    assert isinstance(config, convneat.Config)
    for genome_id, genome in genomes:
        assert genome_id == genome.key
        genome.fitness = xor_fitness(genome.network())


def test_the_three_forms_of_a_fitness_function_give_the_same_run(tmp_path, quiet):
    runs = {
        "network": {"fitness": xor_fitness},
        "batch": {"batch_fitness": xor_batch},
        "eval_genomes": {"eval_genomes": xor_eval_genomes},
    }
    for name, form in runs.items():
        convneat.Population(python_xor_config(), seed=5, output=tmp_path / name).run(**form, generations=30)
    reference = champion_text(tmp_path / "network")
    for name in ("batch", "eval_genomes"):
        assert champion_text(tmp_path / name) == reference
        for table in ("generations.csv", "species.csv"):
            assert rows(tmp_path / name / table) == rows(tmp_path / "network" / table)


def test_reporters_see_every_generation_and_statistics_keep_them(tmp_path, quiet):
    seen = []
    population = convneat.Population(python_xor_config(), seed=6, output=tmp_path)
    result = population.run(xor_fitness, generations=8, reporters=[seen.append])
    assert [row["generation"] for row in seen] == list(range(result["generations"]))
    assert population.statistics == seen
    assert seen[-1]["evaluations"] == result["evaluations"]
    assert all(row["best_fitness"] >= row["mean_fitness"] for row in seen)
    assert isinstance(seen[0]["best_genome"], convneat.Genome)


def test_statistics_read_after_a_run_are_the_rows_a_reporter_saw(tmp_path, quiet):
    """Without reporters the rows become dicts only when statistics is read; they must be the
    dicts a reporter would have been given, also across a second run."""
    config = python_xor_config(**{"stop.fitness_threshold": None})

    def comparable(row):
        row = dict(row)
        row.pop("seconds")
        best = row.pop("best_genome")
        return row, best.key, best.fitness, best.network().activate([1.0, 0.0]).tolist()

    seen = []
    watched = convneat.Population(config, seed=4, output=tmp_path / "watched")
    watched.run(xor_fitness, generations=9, reporters=[seen.append])
    unwatched = convneat.Population(config, seed=4, output=tmp_path / "unwatched")
    unwatched.run(xor_fitness, generations=4)
    assert [comparable(row) for row in unwatched.statistics] == [comparable(row) for row in seen[:4]]
    unwatched.run(xor_fitness, generations=9)
    assert [comparable(row) for row in unwatched.statistics] == [comparable(row) for row in seen]
    assert unwatched.generation == 9


def test_a_second_run_goes_on_as_one_straight_run(tmp_path, quiet):
    config = python_xor_config(**{"stop.fitness_threshold": None})
    straight = convneat.Population(config, seed=7, output=tmp_path / "straight")
    straight.run(xor_fitness, generations=12)
    pieces = convneat.Population(config, seed=7, output=tmp_path / "pieces")
    pieces.run(xor_fitness, generations=5)
    assert pieces.generation == 5
    pieces.run(xor_fitness, generations=12)
    assert champion_text(tmp_path / "pieces") == champion_text(tmp_path / "straight")
    assert rows(tmp_path / "pieces" / "generations.csv") == rows(tmp_path / "straight" / "generations.csv")
    assert len(pieces.statistics) == 12


def test_a_second_run_refuses_a_checkpoint_gone_or_replaced_since_the_first(tmp_path, quiet):
    """The last checkpoint is read back only when the next run needs it; by then it must still be
    the one the first run wrote, never taken for a fresh start or another run's."""
    import shutil

    config = python_xor_config(**{"stop.fitness_threshold": None})
    gone = convneat.Population(config, seed=7, output=tmp_path / "gone")
    gone.run(xor_fitness, generations=3)
    shutil.rmtree(tmp_path / "gone")
    assert gone.generation == 3
    with pytest.raises(convneat.CheckpointError, match="checkpoint"):
        gone.run(xor_fitness, generations=5)

    replaced = convneat.Population(config, seed=7, output=tmp_path / "replaced")
    replaced.run(xor_fitness, generations=3)
    other = convneat.Population(config, seed=7, output=tmp_path / "other")
    other.run(xor_fitness, generations=4)
    shutil.copy(tmp_path / "other" / "checkpoint.cbor", tmp_path / "replaced" / "checkpoint.cbor")
    with pytest.raises(convneat.CheckpointError, match="holds generation 4, but this population's last run ended at 3"):
        replaced.run(xor_fitness, generations=5)
    shutil.copy(tmp_path / "other" / "checkpoint.cbor", tmp_path / "other-saved.cbor")
    assert convneat.Population.resume(tmp_path / "other-saved.cbor", output=tmp_path / "resumed").generation == 4


def test_nan_or_a_non_number_fails_the_genome_not_the_run(tmp_path, quiet):
    calls = []

    def flaky(network):
        calls.append(1)
        if len(calls) % 3 == 0:
            return math.nan
        if len(calls) % 3 == 1:
            return "high"
        return xor_fitness(network)

    population = convneat.Population(python_xor_config(), seed=8, output=tmp_path)
    population.run(flaky, generations=3)
    first = population.statistics[0]
    assert first["failed_evaluations"] == 100  # 150 genomes: calls 1, 3, 4, 6, ... fail
    assert first["failures"] == {"non-finite fitness": 50, "fitness is not a number (str)": 50}
    assert (tmp_path / "champion.json").exists()


class Stop(Exception):
    pass


def test_an_exception_stops_the_run_with_its_traceback_and_keeps_the_checkpoint(tmp_path, quiet):
    config = python_xor_config(**{"output.checkpoint_interval": 1, "stop.fitness_threshold": None})
    generations = []

    def failing(networks):
        generations.append(1)
        if len(generations) == 4:
            raise Stop("in generation 3")
        return xor_batch(networks)

    with pytest.raises(Stop, match="in generation 3") as raised:
        convneat.Population(config, seed=9, output=tmp_path).run(batch_fitness=failing, generations=10)
    assert any(entry.name == "failing" for entry in raised.traceback)
    checkpoint = tmp_path / "checkpoint.cbor"
    assert checkpoint.exists()
    resumed = convneat.Population.resume(checkpoint)
    assert resumed.generation == 3
    resumed.run(batch_fitness=xor_batch, generations=10)
    convneat.Population(config, seed=9, output=tmp_path / "straight").run(batch_fitness=xor_batch, generations=10)
    assert champion_text(tmp_path) == champion_text(tmp_path / "straight")


def test_a_fitness_function_and_a_task_must_agree(tmp_path):
    with pytest.raises(ValueError, match='"python"'):
        convneat.Population(convneat.Config(XOR_CONFIG), output=tmp_path).run(xor_fitness)
    with pytest.raises(ValueError, match="needs a fitness function"):
        convneat.Population(python_xor_config(), output=tmp_path).run()
    with pytest.raises(ValueError, match="not several"):
        convneat.Population(python_xor_config(), output=tmp_path).run(xor_fitness, batch_fitness=xor_batch)
    with pytest.raises(ValueError, match="returned 2 values"):
        convneat.Population(python_xor_config(), output=tmp_path / "b").run(batch_fitness=lambda networks: [1.0, 2.0])


def test_networks_take_lists_and_arrays_and_batches_agree(tmp_path, quiet):
    result = convneat.Population(python_xor_config(), seed=4, output=tmp_path).run(xor_fitness)
    network = result["champion"].network()
    rows = np.array([inputs for inputs, _ in XOR_CASES])
    batch = network.activate_batch(rows)
    assert batch.shape == (4, 1) and batch.dtype == np.float64
    for row, (inputs, _) in zip(batch, XOR_CASES):
        assert network.activate(list(inputs))[0] == pytest.approx(row[0], abs=1e-12)
        assert network.activate(np.array(inputs, dtype=np.float32))[0] == pytest.approx(row[0], abs=1e-6)
    with pytest.raises(ValueError, match="expected 2 inputs, got 3"):
        network.activate([1.0, 2.0, 3.0])
    with pytest.raises(ValueError, match=r"shape \(N, 2\)"):
        network.activate_batch(np.zeros((3, 5)))


def networks_of_a_run(tmp_path, seed):
    """Every generation's best network of a short XOR run: networks of several shapes."""
    population = convneat.Population(python_xor_config(), seed=seed, output=tmp_path)
    population.run(xor_fitness, generations=25)
    return [row["best_genome"].network() for row in population.statistics]


def test_activate_all_gives_each_networks_own_activate_batch(tmp_path, quiet):
    networks = networks_of_a_run(tmp_path, seed=4)
    rows = np.random.default_rng(1).uniform(-2.0, 2.0, size=(7, 2))
    outputs = convneat.activate_all(networks, rows)
    assert outputs.shape == (len(networks), 7, 1) and outputs.dtype == np.float64
    for network, block in zip(networks, outputs):
        assert np.array_equal(block, network.activate_batch(rows))  # exactly, not approximately
    assert convneat.activate_all(tuple(networks[:2]), rows.tolist()).shape == (2, 7, 1)
    assert convneat.activate_all([], rows).shape == (0, 7, 0)


def test_a_batch_fitness_gets_its_networks_as_a_read_only_sequence(tmp_path, quiet):
    import collections.abc

    kept = []

    def batch_fitness(networks):
        assert isinstance(networks, convneat.Networks) and isinstance(networks, collections.abc.Sequence)
        assert len(networks) == 150 and repr(networks) == "<convneat.Networks of 150>"
        assert networks[0] is networks[0] and networks[-1] is networks[149]
        assert list(networks) == [networks[k] for k in range(150)] == networks[:]
        assert networks[10:4:-3] == [networks[10], networks[7]]
        assert list(reversed(networks)) == list(networks)[::-1]
        assert networks.index(networks[5]) == 5 and networks.count(networks[5]) == 1
        assert networks[7] in networks and networks.index(networks[7], 6, 9) == 7
        with pytest.raises(IndexError):
            networks[150]
        with pytest.raises(IndexError):
            networks[-151]
        whole = convneat.activate_all(networks, XOR_INPUTS)
        assert np.array_equal(whole, convneat.activate_all(list(networks), XOR_INPUTS))
        assert np.array_equal(whole[3], networks[3].activate_batch(XOR_INPUTS))
        kept.append((networks, whole))
        return 4.0 - ((whole[:, :, 0] - XOR_TARGETS) ** 2).sum(axis=1)

    convneat.Population(python_xor_config(), seed=8, output=tmp_path).run(batch_fitness=batch_fitness, generations=2)
    networks, whole = kept[0]  # they outlive the call
    assert np.array_equal(convneat.activate_all(networks, XOR_INPUTS), whole)
    with pytest.raises(TypeError, match="networks must be a sequence of convneat.Network, got a int"):
        convneat.activate_all(3, XOR_INPUTS)


def test_activate_all_runs_a_network_listed_twice_in_order(tmp_path, quiet):
    """Networks run in parallel, but one network twice runs twice in order: a recurrent one
    carries its state from the first block to the second, as two activate_batch calls do."""
    champion = convneat.Population(python_xor_config(), seed=4, output=tmp_path).run(xor_fitness)["champion"]
    recurrent = convneat.Genome.from_dict(champion.to_dict(), feed_forward=False)
    rows = np.random.default_rng(2).uniform(-2.0, 2.0, size=(5, 2))
    network = recurrent.network()
    outputs = convneat.activate_all([network, network], rows)
    twin = recurrent.network()
    assert np.array_equal(outputs[0], twin.activate_batch(rows))
    assert np.array_equal(outputs[1], twin.activate_batch(rows))


def test_activate_all_refuses_what_it_cannot_run_together(tmp_path, quiet):
    networks = networks_of_a_run(tmp_path / "two", seed=4)[:3]
    with pytest.raises(ValueError, match=r"activate_all: expected an array of shape \(N, 2\)"):
        convneat.activate_all(networks, np.zeros((4, 3)))
    with pytest.raises(TypeError, match=r"networks\[1\] is a str, not a convneat.Network"):
        convneat.activate_all([networks[0], "network"], np.zeros((4, 2)))
    three = python_xor_config(**{"task": {"name": "python", "inputs": 3, "outputs": 1}})
    population = convneat.Population(three, seed=1, output=tmp_path / "three")
    population.run(batch_fitness=lambda networks: [1.0] * len(networks), generations=1)
    other = population.statistics[0]["best_genome"].network()
    with pytest.raises(ValueError, match=r"same inputs and outputs; networks\[1\] has 3 and 1, networks\[0\] 2 and 1"):
        convneat.activate_all([networks[0], other], np.zeros((4, 2)))


def xor_batch_in_numpy(networks, as_list=False):
    """xor_fitness for a whole generation: one activate_all and numpy, no loop over genomes."""
    cases = np.array([inputs for inputs, _ in XOR_CASES])
    errors = (convneat.activate_all(networks, cases)[:, :, 0] - np.array([t for _, t in XOR_CASES])) ** 2
    fitness = 4.0 - errors.sum(axis=1)
    return fitness.tolist() if as_list else fitness


def test_a_numpy_batch_fitness_may_return_an_array(tmp_path, quiet):
    config = python_xor_config()
    array = convneat.Population(config, seed=5, output=tmp_path / "array").run(batch_fitness=xor_batch_in_numpy)
    listed = convneat.Population(config, seed=5, output=tmp_path / "list").run(
        batch_fitness=lambda networks: xor_batch_in_numpy(networks, as_list=True))
    assert array["solved"] and array["generations"] == listed["generations"]
    assert champion_text(tmp_path / "array") == champion_text(tmp_path / "list")
    for table in ("generations.csv", "species.csv"):
        assert rows(tmp_path / "array" / table) == rows(tmp_path / "list" / table)
    nan = convneat.Population(config, seed=5, output=tmp_path / "nan")
    nan.run(batch_fitness=lambda networks: np.where(np.arange(len(networks)) % 3 == 0, np.nan, 1.0), generations=1)
    assert nan.statistics[0]["failures"] == {"non-finite fitness": 50}


def test_after_an_exception_the_same_population_goes_on_from_its_last_checkpoint(tmp_path, quiet):
    config = python_xor_config(**{"output.checkpoint_interval": 2, "stop.fitness_threshold": None})
    calls = []

    def fails_once(networks):
        calls.append(1)
        if len(calls) == 6:
            raise Stop("once")
        return xor_batch(networks)

    population = convneat.Population(config, seed=10, output=tmp_path / "pieces")
    with pytest.raises(Stop):
        population.run(batch_fitness=fails_once, generations=9)
    assert population.generation == 4  # the checkpoint after generations 0-3
    assert [row["generation"] for row in population.statistics] == [0, 1, 2, 3]
    population.run(batch_fitness=fails_once, generations=9)
    convneat.Population(config, seed=10, output=tmp_path / "straight").run(batch_fitness=xor_batch, generations=9)
    assert champion_text(tmp_path / "pieces") == champion_text(tmp_path / "straight")
    assert rows(tmp_path / "pieces" / "generations.csv") == rows(tmp_path / "straight" / "generations.csv")


def test_ctrl_c_stops_after_the_generation_and_the_run_goes_on_as_if_never_stopped(tmp_path, quiet):
    config = python_xor_config(**{"stop.fitness_threshold": None})
    calls = []

    def interrupted_once(networks):
        calls.append(1)
        if len(calls) == 3:
            os.kill(os.getpid(), signal.SIGINT)  # as Ctrl-C in the terminal, during generation 2
        return xor_batch(networks)

    population = convneat.Population(config, seed=11, output=tmp_path / "pieces")
    with pytest.raises(KeyboardInterrupt):
        population.run(batch_fitness=interrupted_once, generations=8)
    assert population.generation == 3
    population.run(batch_fitness=interrupted_once, generations=8)
    convneat.Population(config, seed=11, output=tmp_path / "straight").run(batch_fitness=xor_batch, generations=8)
    assert champion_text(tmp_path / "pieces") == champion_text(tmp_path / "straight")
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler  # Python's own handler is back


def test_a_run_that_cannot_go_further_says_so_and_changes_nothing(tmp_path, quiet):
    population = convneat.Population(python_xor_config(**{"stop.fitness_threshold": None}), seed=12, output=tmp_path)
    population.run(xor_fitness, generations=3)
    with pytest.raises(ValueError, match="at generation 3; give generations= greater"):
        population.run(xor_fitness)
    population.run(xor_fitness, generations=5)
    assert population.generation == 5 and len(population.statistics) == 5


def test_one_run_at_a_time(tmp_path, quiet):
    inner = convneat.Population(python_xor_config(), seed=1, output=tmp_path / "inner")

    def nested(network):
        inner.run(xor_fitness)

    with pytest.raises(ValueError, match="another Population.run is in progress"):
        convneat.Population(python_xor_config(), seed=1, output=tmp_path / "outer").run(nested)
    inner.run(xor_fitness, generations=2)  # and nothing was left behind


def test_arguments_that_are_not_functions_are_refused_before_the_run(tmp_path):
    population = convneat.Population(python_xor_config(), output=tmp_path)
    with pytest.raises(TypeError, match="fitness must be callable, got int"):
        population.run(3)
    with pytest.raises(TypeError, match="a reporter must be callable"):
        population.run(xor_fitness, reporters=["print"])
    assert not (tmp_path / "config.json").exists()


def test_numpy_values_and_odd_numbers(tmp_path, quiet):
    population = convneat.Population(python_xor_config(), seed=13, output=tmp_path)
    calls = []

    def mostly_true(network):
        calls.append(1)
        return 1.0 if len(calls) == 1 else np.True_

    population.run(mostly_true, generations=1)
    assert population.statistics[0]["failures"] == {"fitness is not a number (bool_)": 149}
    network = population.statistics[0]["best_genome"].network()

    class Half:
        def __float__(self):
            return 0.5

    expected = network.activate([0.5, 1.0])
    assert network.activate([Half(), 1]) == pytest.approx(expected)
    assert network.activate([np.float32(0.5), np.int64(1)]) == pytest.approx(expected)
    with pytest.raises(ValueError, match="could not convert string to float"):
        network.activate(["a", 1.0])


@pytest.mark.parametrize("format", ["json", "dot", "onnx"])
def test_export_writes_what_the_cli_writes(tmp_path, format, quiet):
    convneat.Population(convneat.Config(XOR_CONFIG), seed=2, output=tmp_path / "run").run()
    convneat.export(tmp_path / "run", format, tmp_path / f"py.{format}")
    subprocess.run([CLI, "export", str(tmp_path / "run"), "--format", format, "-o", str(tmp_path / f"cli.{format}")],
                   check=True)
    assert (tmp_path / f"py.{format}").read_bytes() == (tmp_path / f"cli.{format}").read_bytes()
    with pytest.raises(ValueError, match='unknown format "gif"'):
        convneat.export(tmp_path / "run", "gif", tmp_path / "x.gif")


def test_a_run_where_every_evaluation_fails_says_what_to_do_from_python(tmp_path, quiet):
    population = convneat.Population(python_xor_config(), seed=14, output=tmp_path)
    with pytest.raises(RuntimeError, match=r"all 150 evaluations failed \(why: population.statistics"):
        population.run(lambda network: None, generations=1)
    assert population.statistics[-1]["failures"] == {"fitness is not a number (NoneType)": 150}
    population.run(xor_fitness, generations=3)  # and it goes on
    assert population.generation == 3
