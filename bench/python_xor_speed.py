#!/usr/bin/python3
"""End-to-end XOR from Python, fitness written in Python: genome evaluations per second of
ConvNEAT's module against neat-python's, measured in the same process on the same machine
(docs/python.md, "Speed"). 100 generations of 150 genomes, no early stop, median of --repeats
runs (seeds 1, 2, ...).

Also the cost of calling Python once per genome: the same run with a constant fitness given
per network (150 calls a generation) and as one batch function (1 call a generation). A
constant fitness makes both runs evolve exactly the same genomes, so their time difference is
the calls alone.

    /usr/bin/python3 bench/python_xor_speed.py --neat-python CHECKOUT [--build build] [--repeats 3]

CHECKOUT is a clone of neat-python's public source (github.com/CodeReclaimers/neat-python);
it is imported from there, not installed.
"""
import argparse
import gc
import os
import pathlib
import statistics
import sys
import tempfile
import time

import numpy

SOURCE = pathlib.Path(__file__).resolve().parents[1]
GENERATIONS, POPULATION = 100, 150
XOR = [((0.0, 0.0), 0.0), ((0.0, 1.0), 1.0), ((1.0, 0.0), 1.0), ((1.0, 1.0), 0.0)]
XOR_CASES = numpy.array([inputs for inputs, _ in XOR])
XOR_TARGETS = numpy.array([target for _, target in XOR])


def xor_fitness(network):
    fitness = 4.0
    for inputs, target in XOR:
        fitness -= (network.activate(inputs)[0] - target) ** 2
    return fitness


def xor_batch_fitness(networks):
    """The same fitness for a whole generation at once: every network on the four cases in one
    call, scored in numpy (no Python loop over genomes)."""
    import convneat  # from --build, put on the path by main()
    outputs = convneat.activate_all(networks, XOR_CASES)[:, :, 0]
    return 4.0 - ((outputs - XOR_TARGETS) ** 2).sum(axis=1)


def quietly(function):
    """Runs `function` with the process's stdout (where ConvNEAT prints progress) muted."""
    sys.stdout.flush()
    saved = os.dup(1)
    with open(os.devnull, "w") as devnull:
        os.dup2(devnull.fileno(), 1)
        try:
            return function()
        finally:
            sys.stdout.flush()
            os.dup2(saved, 1)
            os.close(saved)


def neat_python_config_file(checkout, seed, scratch):
    """neat-python's XOR config, run for all its generations, with a seed."""
    text = (pathlib.Path(checkout) / "examples" / "xor" / "config-feedforward").read_text()
    text = text.replace("no_fitness_termination         = False", "no_fitness_termination         = True")
    text = text.replace("# seed = 42", f"seed = {seed}")
    config_file = scratch / f"neat-python-{seed}.ini"
    config_file.write_text(text)
    return config_file


def neat_api_run(neat, checkout, seed, scratch):
    """One script of neat-python's API, run by `neat`: neat-python itself, or convneat.neat."""
    config = neat.Config(neat.DefaultGenome, neat.DefaultReproduction, neat.DefaultSpeciesSet,
                         neat.DefaultStagnation, str(neat_python_config_file(checkout, seed, scratch)))

    def eval_genomes(genomes, config):
        for _, genome in genomes:
            genome.fitness = xor_fitness(neat.nn.FeedForwardNetwork.create(genome, config))

    population = neat.Population(config)
    start = time.perf_counter()
    population.run(eval_genomes, GENERATIONS)
    return time.perf_counter() - start


def convneat_config(convneat):
    return convneat.Config(SOURCE / "experiments" / "configs" / "xor.json",
                           {"task": {"name": "python", "inputs": 2, "outputs": 1}, "stop.fitness_threshold": None,
                            "stop.when_solved": False, "population.size": POPULATION})


def convneat_run(convneat, seed, scratch, **fitness):
    population = convneat.Population(convneat_config(convneat), seed=seed,
                                     output=scratch / f"convneat-{seed}-{len(os.listdir(scratch))}")
    start = time.perf_counter()
    result = quietly(lambda: population.run(generations=GENERATIONS, **fitness))
    seconds = time.perf_counter() - start
    assert result["generations"] == GENERATIONS
    return seconds


def median_seconds(repeats, run):
    """The median over seeds 1..repeats; Python's garbage is collected before each run, so that
    no run pays for collecting what an earlier one (of either library) left behind (without it a
    ConvNEAT run after neat-python's took a third longer in some processes and not in others)."""
    def timed(seed):
        gc.collect()
        return run(seed)
    return statistics.median(timed(seed) for seed in range(1, repeats + 1))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--neat-python", required=True, help="a clone of neat-python's source")
    parser.add_argument("--build", default=str(SOURCE / "build"), help="ConvNEAT's build directory")
    parser.add_argument("--repeats", type=int, default=3)
    arguments = parser.parse_args()
    sys.path.insert(0, str(pathlib.Path(arguments.build) / "python"))
    sys.path.insert(0, arguments.neat_python)
    import convneat
    import convneat.neat as convneat_neat
    import neat

    evaluations = GENERATIONS * POPULATION
    print(f"XOR, {GENERATIONS} generations of {POPULATION}, fitness in Python; median of {arguments.repeats} seeds")
    with tempfile.TemporaryDirectory() as directory:
        scratch = pathlib.Path(directory)
        rows = [
            (f"neat-python {neat.__version__} (eval_genomes)",
             median_seconds(arguments.repeats,
                            lambda seed: quietly(lambda: neat_api_run(neat, arguments.neat_python, seed, scratch)))),
            (f"convneat {convneat.__version__} fitness(network)",
             median_seconds(arguments.repeats, lambda seed: convneat_run(convneat, seed, scratch, fitness=xor_fitness))),
        ]

        def eval_genomes(genomes, config):
            for _, genome in genomes:
                genome.fitness = xor_fitness(genome.network())

        rows.append((f"convneat {convneat.__version__} eval_genomes(genomes, config)",
                     median_seconds(arguments.repeats, lambda seed: convneat_run(convneat, seed, scratch, eval_genomes=eval_genomes))))
        rows.append((f"convneat {convneat.__version__} batch_fitness(networks), numpy",
                     median_seconds(arguments.repeats, lambda seed: convneat_run(convneat, seed, scratch, batch_fitness=xor_batch_fitness))))
        rows.append((f"convneat.neat (neat-python's API and config file)",
                     median_seconds(arguments.repeats, lambda seed: quietly(
                         lambda: neat_api_run(convneat_neat, arguments.neat_python, seed, scratch)))))
        baseline = rows[0][1]
        for name, seconds in rows:
            print(f"  {name:<52} {seconds:7.2f} s  {evaluations / seconds:>10,.0f} evaluations/s  "
                  f"{baseline / seconds:5.1f}x neat-python")

        per_network = median_seconds(arguments.repeats, lambda seed: convneat_run(convneat, seed, scratch, fitness=lambda network: 1.0))
        per_batch = median_seconds(arguments.repeats, lambda seed: convneat_run(
            convneat, seed, scratch, batch_fitness=lambda networks: [1.0] * len(networks)))
        overhead = (per_network - per_batch) / GENERATIONS
        print(f"One Python call per genome (constant fitness, same genomes either way): "
              f"{per_network / GENERATIONS * 1e3:.2f} ms a generation per network, "
              f"{per_batch / GENERATIONS * 1e3:.2f} ms as one batch call: "
              f"{overhead * 1e3:.2f} ms a generation for {POPULATION - 1} more calls "
              f"({overhead / (POPULATION - 1) * 1e6:.1f} us a call)")


if __name__ == "__main__":
    main()
