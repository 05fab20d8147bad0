#!/usr/bin/python3
"""Handwritten digits (scikit-learn's 8x8 set) with a numpy-vectorised batch fitness: once a
generation, every network classifies the same 300 training images in one activate_all call
(the GIL released while C++ runs), and numpy scores them all: no Python loop over genomes. Fitness: the fraction classified
right (the largest of the ten outputs). The champion is then scored on held-out images. (The
built-in `digits` task does better: convolutional front ends and gradient training,
docs/training.md.)

    PYTHONPATH=build/python /usr/bin/python3 examples/python/digits_batch.py [--generations N]

Needs python3-sklearn (Debian) for the images.
"""
import argparse

import numpy as np
from sklearn.datasets import load_digits

import convneat


def split(seed=0):
    digits = load_digits()
    images, labels = digits.data / 16.0, digits.target
    order = np.random.default_rng(seed).permutation(len(labels))
    train, test = order[:1200], order[1200:]
    return images[train], labels[train], images[test], labels[test]


def main():
    parser = argparse.ArgumentParser(description="digits with a numpy-vectorised batch fitness")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--generations", type=int, default=100)
    parser.add_argument("--out", default="runs/digits-python")
    arguments = parser.parse_args()
    train_images, train_labels, test_images, test_labels = split()
    batch_images, batch_labels = train_images[:300], train_labels[:300]

    def batch_fitness(networks):
        outputs = convneat.activate_all(networks, batch_images)  # (networks, images, classes)
        return (outputs.argmax(axis=2) == batch_labels).mean(axis=1)

    config = convneat.Config({
        "task": {"name": "python", "inputs": 64, "outputs": 10},
        "population": {"size": 100},
        "genome": {"initial_connectivity": "full", "output_activation": "identity",
                   "weight_mutate_power": 0.5},
        "stop": {"max_generations": arguments.generations},
    })
    population = convneat.Population(config, seed=arguments.seed, output=arguments.out, overwrite=True)
    result = population.run(batch_fitness=batch_fitness, progress=False)
    network = result["champion"].network()
    accuracy = float((network.activate_batch(test_images).argmax(axis=1) == test_labels).mean())
    print(f"{result['generations']} generations: champion fitness {population.statistics[-1]['best_fitness']:.4f}, "
          f"held-out accuracy {accuracy:.3f} on {len(test_labels)} images")


if __name__ == "__main__":
    main()
