#!/usr/bin/python3
"""Single-pole balancing, as neat-python's single-pole example poses it, with the fitness in
Python: the cart-pole of experiments/environments/cart_pole.py (the classic equations, 10 N
pushes), a feed-forward network choosing left or right each step, fitness the fraction of
steps balanced, averaged over five episodes from fixed random starts. Solved at 0.999.

    PYTHONPATH=build/python /usr/bin/python3 examples/python/single_pole.py [--seed S] [--out DIR]
"""
import argparse
import pathlib
import random
import sys

import convneat

SOURCE = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(SOURCE / "experiments" / "environments"))
import cart_pole  # noqa: E402  (the environment worker's physics, used here directly)

STEPS = 1000
# The same five starts for every genome, so that fitness compares networks, not luck.
STARTS = [tuple(random.Random(episode).uniform(-0.05, 0.05) for _ in range(4)) for episode in range(5)]


def balanced_fraction(network, state):
    for step in range(STEPS):
        push_right = network.activate(cart_pole.observe(state))[0] > 0.5
        state = cart_pole.step(state, push_right)
        if abs(state[0]) > cart_pole.X_LIMIT or abs(state[2]) > cart_pole.THETA_LIMIT:
            return step / STEPS
    return 1.0


def fitness(network):
    return sum(balanced_fraction(network, start) for start in STARTS) / len(STARTS)


def main():
    parser = argparse.ArgumentParser(description="single-pole balancing with a fitness function in Python")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--generations", type=int, default=100)
    parser.add_argument("--out", default="runs/single-pole-python")
    arguments = parser.parse_args()

    config = convneat.Config({
        "task": {"name": "python", "inputs": 4, "outputs": 1},
        "population": {"size": 100},
        "genome": {"initial_connectivity": "full", "hidden_activation": "steep_sigmoid",
                   "output_activation": "steep_sigmoid"},
        "stop": {"fitness_threshold": 0.999, "max_generations": arguments.generations},
    })
    population = convneat.Population(config, seed=arguments.seed, output=arguments.out, overwrite=True)
    result = population.run(fitness, progress=False)
    best = max(row["best_fitness"] for row in population.statistics)
    generations = result["generations"]
    print(f"{'solved' if result['solved'] else 'not solved'} after {generations} "
          f"generation{'s' if generations != 1 else ''}: "
          f"best fitness {best:.4f}, champion {result['champion']}")


if __name__ == "__main__":
    main()
