#!/usr/bin/python3
"""XOR with its fitness written in Python (docs/python.md).

    PYTHONPATH=build/python /usr/bin/python3 examples/python/xor.py [--seed S] [--out DIR]

The config is ConvNEAT's xor.json with the task moved to Python: a "python" task of two
inputs and one output, solved when the fitness reaches 3.9 (neat-python's XOR threshold).
"""
import argparse
import pathlib

import convneat

CASES = [((0.0, 0.0), 0.0), ((0.0, 1.0), 1.0), ((1.0, 0.0), 1.0), ((1.0, 1.0), 0.0)]
XOR_CONFIG = pathlib.Path(__file__).resolve().parents[2] / "experiments" / "configs" / "xor.json"


def fitness(network):
    """4 minus the summed squared error over the four cases."""
    return 4.0 - sum((network.activate(inputs)[0] - target) ** 2 for inputs, target in CASES)


def main():
    parser = argparse.ArgumentParser(description="XOR with a fitness function in Python")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", default="runs/xor-python")
    arguments = parser.parse_args()

    config = convneat.Config(XOR_CONFIG, {"task": {"name": "python", "inputs": 2, "outputs": 1},
                                          "stop.fitness_threshold": 3.9})
    population = convneat.Population(config, seed=arguments.seed, output=arguments.out, overwrite=True)
    result = population.run(fitness)

    champion = result["champion"]
    print(f"{'solved' if result['solved'] else 'not solved'} after {result['generations']} generations "
          f"({result['evaluations']} evaluations): {champion}")
    network = champion.network()
    for inputs, target in CASES:
        print(f"  {inputs} -> {network.activate(inputs)[0]:.3f} (target {target})")


if __name__ == "__main__":
    main()
