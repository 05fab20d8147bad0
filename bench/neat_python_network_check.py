#!/usr/bin/python3
"""ConvNEAT's node genes against neat-python's own networks: random genomes made and mutated by
neat-python (every activation and aggregation it has, responses and biases varied, hidden
nodes added), each converted to a ConvNEAT genome (convneat.Genome.from_dict) and activated by
both on random inputs. Prints the largest difference over all genomes and inputs.

    PYTHONPATH=build/python /usr/bin/python3 bench/neat_python_network_check.py CHECKOUT [--genomes 300]

CHECKOUT is a clone of neat-python's public source (github.com/CodeReclaimers/neat-python); it
is imported from there, not installed.
"""
import argparse
import configparser
import pathlib
import random
import sys
import tempfile

# neat-python's XOR example config with these keys changed: every activation and aggregation,
# responses varied, more structure.
OVERRIDES = {
    "activation_default": "random", "activation_mutate_rate": "0.5",
    "aggregation_default": "random", "aggregation_mutate_rate": "0.5",
    "aggregation_options": "sum product max min maxabs median mean",
    "response_init_stdev": "0.5", "response_mutate_rate": "0.5", "response_mutate_power": "0.3",
    "response_replace_rate": "0.1", "node_add_prob": "0.5", "num_hidden": "2", "num_inputs": "3", "num_outputs": "2",
}

ACTIVATIONS = ["sigmoid", "tanh", "sin", "gauss", "relu", "elu", "lelu", "selu", "softplus", "identity", "clamped",
               "inv", "log", "exp", "abs", "hat", "square", "cube"]
SCALED = {"sigmoid", "tanh", "sin", "gauss", "softplus"}  # ConvNEAT's neat_python_ ones


def convneat_dict(genome, num_inputs):
    """neat-python's genome as ConvNEAT's genome dict: input -k becomes node k - 1, and output or
    hidden node n becomes num_inputs + n (ConvNEAT's ids are non-negative)."""
    def node_id(key):
        return -key - 1 if key < 0 else num_inputs + key

    nodes = [{"id": i, "kind": "input", "activation": "identity", "bias": 0.0} for i in range(num_inputs)]
    outputs = set(range(2))
    for key, gene in genome.nodes.items():
        nodes.append({"id": node_id(key), "kind": "output" if key in outputs else "hidden",
                      "activation": ("neat_python_" if gene.activation in SCALED else "") + gene.activation,
                      "bias": gene.bias, "aggregation": gene.aggregation, "response": gene.response})
    nodes.sort(key=lambda node: node["id"])
    connections = sorted(genome.connections.values(), key=lambda c: c.innovation)
    return {"id": genome.key, "fitness": 0.0, "nodes": nodes,
            "connections": [{"innovation": c.innovation, "in": node_id(c.key[0]), "out": node_id(c.key[1]),
                             "weight": c.weight, "enabled": c.enabled} for c in connections]}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("checkout")
    parser.add_argument("--genomes", type=int, default=300)
    arguments = parser.parse_args()
    sys.path.insert(0, arguments.checkout)
    import neat
    import convneat

    random.seed(1)
    with tempfile.TemporaryDirectory() as scratch:
        parser = configparser.ConfigParser()
        parser.read(pathlib.Path(arguments.checkout) / "examples" / "xor" / "config-feedforward")
        for key, value in OVERRIDES.items():
            parser["DefaultGenome"][key] = value
        parser["DefaultGenome"]["activation_options"] = " ".join(ACTIVATIONS)
        parser["NEAT"]["pop_size"] = str(arguments.genomes)
        path = pathlib.Path(scratch) / "config.ini"
        with open(path, "w") as file:
            parser.write(file)
        config = neat.Config(neat.DefaultGenome, neat.DefaultReproduction, neat.DefaultSpeciesSet,
                             neat.DefaultStagnation, str(path))
    largest, relative, compared = 0.0, 0.0, 0
    population = neat.Population(config)  # makes the genomes and sets up innovation tracking
    for genome in population.population.values():
        for _ in range(10):
            genome.mutate(config.genome_config)
    hidden = sum(len(genome.nodes) - 2 for genome in population.population.values())
    used = {(gene.activation, gene.aggregation) for genome in population.population.values()
            for gene in genome.nodes.values()}
    for genome in population.population.values():
        theirs = neat.nn.FeedForwardNetwork.create(genome, config)
        ours = convneat.Genome.from_dict(convneat_dict(genome, 3)).network()
        for _ in range(5):
            inputs = [random.uniform(-2.0, 2.0) for _ in range(3)]
            try:
                expected = theirs.activate(inputs)
            except (OverflowError, ValueError):
                continue  # neat-python's square and cube raise where ConvNEAT clamps
            for a, b in zip(ours.activate(inputs), expected):
                largest = max(largest, abs(a - b))
                relative = max(relative, abs(a - b) / max(1.0, abs(b)))
                compared += 1
    print(f"{arguments.genomes} random neat-python genomes, {hidden} hidden nodes, "
          f"{len({a for a, _ in used})} activations and {len({g for _, g in used})} aggregations "
          f"({len(used)} pairs) among their nodes")
    print(f"{compared} outputs compared: "
          f"largest difference {largest:.3g}, largest relative to max(1, |value|) {relative:.3g}")


if __name__ == "__main__":
    main()
