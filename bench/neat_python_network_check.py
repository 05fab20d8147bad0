#!/usr/bin/python3
"""ConvNEAT's node genes against neat-python's own networks: random genomes made and mutated by
neat-python (every activation and aggregation it has, responses and biases varied, hidden
nodes added), each converted to a ConvNEAT genome (convneat.Genome.from_dict) and activated by
both on random inputs. Prints the largest difference over all genomes and inputs.

With --ctrnn the genomes are recurrent, their time constants varied too, and each is run as
neat-python's CTRNN (4 steps of dt per call, five calls in a row, the state kept) and as
ConvNEAT's (/network/kind ctrnn, exponential integration, 4 steps of dt per activation). Two
things of neat-python's are stepped around, and counted: its advance() sums time in floating
point and may end a call with a sliver step of ~1e-17 s, which a node that explodes (square on
a self-loop) turns into any difference at all, so each step is advanced alone from time 0; and
its CTRNN holds at 0 a node that no enabled connection reaches (ConvNEAT's, as its
feed-forward networks, computes act(bias + response · agg()) there), so such genomes are left out.

With --spiking the genomes are neat-python's IZGenome (examples/xor/config-spiking, with a, b,
c, d varied and c's range made physiological: the example clamps c to [-30, 30]) and each is run
as neat-python's iznn.IZNN and as ConvNEAT's spiking network (/network/kind izhikevich, a window
of one step of neat-python's 0.05 ms), 200 steps per input: their spike trains are compared.

    PYTHONPATH=build/python /usr/bin/python3 bench/neat_python_network_check.py CHECKOUT [--genomes 300] [--ctrnn | --spiking]

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

# --ctrnn: cycles allowed, time constants varied around 0.05 in [0.01, 1].
CTRNN_OVERRIDES = {
    "feed_forward": "False", "time_constant_init_mean": "0.05", "time_constant_init_stdev": "0.03",
    "time_constant_mutate_rate": "0.5", "time_constant_mutate_power": "0.02", "time_constant_min_value": "0.01",
    "time_constant_max_value": "1.0",
}
TIME_STEP, STEPS = 0.005, 4
# --spiking: neat-python's spiking XOR config with the neurons' parameters varied.
SPIKING_OVERRIDES = {"node_add_prob": "0.5", "num_inputs": "3", "num_outputs": "2"}
for letter, stdev, low, high, power in (("a", 0.02, 0.01, 0.15, 0.02), ("b", 0.02, 0.1, 0.3, 0.02),
                                        ("c", 5, -80, -40, 3), ("d", 2, 0, 10, 1)):
    SPIKING_OVERRIDES.update({f"{letter}_init_stdev": str(stdev), f"{letter}_min_value": str(low),
                              f"{letter}_max_value": str(high), f"{letter}_mutate_rate": "0.5",
                              f"{letter}_mutate_power": str(power)})
SPIKING_STEP, SPIKING_STEPS = 0.05, 200

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
        node = {"id": node_id(key), "kind": "output" if key in outputs else "hidden", "bias": gene.bias}
        if hasattr(gene, "a"):  # neat-python's spiking node gene: a bias and a, b, c, d only
            node.update(activation="identity", izhikevich={"a": gene.a, "b": gene.b, "c": gene.c, "d": gene.d})
        else:
            node.update(activation=("neat_python_" if gene.activation in SCALED else "") + gene.activation,
                        aggregation=gene.aggregation, response=gene.response, time_constant=gene.time_constant)
        nodes.append(node)
    nodes.sort(key=lambda node: node["id"])
    connections = sorted(genome.connections.values(), key=lambda c: c.innovation)
    return {"id": genome.key, "fitness": 0.0, "nodes": nodes,
            "connections": [{"innovation": c.innovation, "in": node_id(c.key[0]), "out": node_id(c.key[1]),
                             "weight": c.weight, "enabled": c.enabled} for c in connections]}


def networks(neat, convneat, genome, config, ctrnn):
    """neat-python's network as a function of the inputs, and ConvNEAT's network of the same genome."""
    if not ctrnn:
        return (neat.nn.FeedForwardNetwork.create(genome, config).activate,
                convneat.Genome.from_dict(convneat_dict(genome, 3)).network())
    theirs = neat.ctrnn.CTRNN.create(genome, config)
    network = {"kind": "ctrnn", "integration": "exponential", "time_step": TIME_STEP, "steps_per_activation": STEPS}
    ours = convneat.Genome.from_dict(convneat_dict(genome, 3), feed_forward=False, network=network).network()

    def advance(inputs):
        for _ in range(STEPS):
            theirs.time_seconds = 0.0  # one step of exactly TIME_STEP
            outputs = theirs.advance(inputs, TIME_STEP, TIME_STEP)
        return outputs
    return advance, ours


def held_at_zero(neat, genome, config):
    """Nodes neat-python's CTRNN needs for its outputs but never computes (no enabled input)."""
    genome_config = config.genome_config
    required = neat.graphs.required_for_output(genome_config.input_keys, genome_config.output_keys,
                                               genome.connections)
    return [key for key in required if key not in neat.ctrnn.CTRNN.create(genome, config).node_evals]


def check_spiking(neat, convneat, arguments):
    """Spike trains of neat-python's IZNN and ConvNEAT's spiking network, step by step."""
    with tempfile.TemporaryDirectory() as scratch:
        parser = configparser.ConfigParser()
        parser.read(pathlib.Path(arguments.checkout) / "examples" / "xor" / "config-spiking")
        for key, value in SPIKING_OVERRIDES.items():
            parser["IZGenome"][key] = value
        parser["NEAT"]["pop_size"] = str(arguments.genomes)
        path = pathlib.Path(scratch) / "config.ini"
        with open(path, "w") as file:
            parser.write(file)
        config = neat.Config(neat.iznn.IZGenome, neat.DefaultReproduction, neat.DefaultSpeciesSet,
                             neat.DefaultStagnation, str(path))
    population = neat.Population(config)
    for genome in population.population.values():
        for _ in range(10):
            genome.mutate(config.genome_config)
    network = {"kind": "izhikevich", "time_step": SPIKING_STEP, "steps_per_activation": 1}
    steps = spikes = differing = 0
    for genome in population.population.values():
        theirs = neat.iznn.IZNN.create(genome, config)
        ours = convneat.Genome.from_dict(convneat_dict(genome, 3), feed_forward=False, network=network).network()
        for _ in range(3):
            inputs = [random.uniform(0.0, 20.0) for _ in range(3)]
            theirs.reset()
            ours.reset()
            theirs.set_inputs(inputs)
            for _ in range(SPIKING_STEPS):
                expected, actual = theirs.advance(SPIKING_STEP), list(ours.activate(inputs))
                steps += 1
                spikes += sum(expected)
                differing += expected != actual
    hidden = sum(len(genome.nodes) - 2 for genome in population.population.values())
    print(f"{arguments.genomes} random neat-python spiking genomes, {hidden} hidden neurons")
    print(f"{steps} steps compared, {spikes:.0f} output spikes: {differing} steps differ")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("checkout")
    parser.add_argument("--genomes", type=int, default=300)
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--ctrnn", action="store_true", help="recurrent genomes run as CTRNNs")
    mode.add_argument("--spiking", action="store_true", help="neat-python's spiking genomes run as spiking networks")
    arguments = parser.parse_args()
    sys.path.insert(0, arguments.checkout)
    import neat
    import convneat

    random.seed(1)
    if arguments.spiking:
        return check_spiking(neat, convneat, arguments)
    with tempfile.TemporaryDirectory() as scratch:
        parser = configparser.ConfigParser()
        parser.read(pathlib.Path(arguments.checkout) / "examples" / "xor" / "config-feedforward")
        for key, value in (OVERRIDES | (CTRNN_OVERRIDES if arguments.ctrnn else {})).items():
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
    left_out = 0
    for genome in population.population.values():
        if arguments.ctrnn and held_at_zero(neat, genome, config):
            left_out += 1
            continue
        theirs, ours = networks(neat, convneat, genome, config, arguments.ctrnn)
        for _ in range(5):
            inputs = [random.uniform(-2.0, 2.0) for _ in range(3)]
            try:
                expected = theirs(inputs)
            except (OverflowError, ValueError):
                break  # neat-python's square and cube raise where ConvNEAT clamps (and a CTRNN's state differs after)
            for a, b in zip(ours.activate(inputs), expected):
                largest = max(largest, abs(a - b))
                relative = max(relative, abs(a - b) / max(1.0, abs(b)))
                compared += 1
    print(f"{arguments.genomes} random neat-python genomes{' run as CTRNNs' if arguments.ctrnn else ''}, {hidden} hidden nodes, "
          f"{len({a for a, _ in used})} activations and {len({g for _, g in used})} aggregations "
          f"({len(used)} pairs) among their nodes")
    if arguments.ctrnn:
        print(f"{left_out} genomes left out: a node their outputs need has no enabled input")
    print(f"{compared} outputs compared: "
          f"largest difference {largest:.3g}, largest relative to max(1, |value|) {relative:.3g}")


if __name__ == "__main__":
    main()
