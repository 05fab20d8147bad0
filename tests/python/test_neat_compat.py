"""convneat.neat: neat-python's API and INI configs, run by ConvNEAT."""
import math
import os
import pathlib
import pickle
import random

import pytest

import convneat
import convneat.neat as neat
from conftest import XOR_CASES

INI = pathlib.Path(__file__).parent / "data" / "xor-neat-python.ini"
INI_NO_STOP = pathlib.Path(__file__).parent / "data" / "xor-neat-python-no-stop.ini"


def load(path=INI):
    return neat.Config(neat.DefaultGenome, neat.DefaultReproduction, neat.DefaultSpeciesSet,
                       neat.DefaultStagnation, str(path))


def eval_genomes(genomes, config):
    for genome_id, genome in genomes:
        genome.fitness = 4.0
        network = neat.nn.FeedForwardNetwork.create(genome, config)
        for inputs, target in XOR_CASES:
            genome.fitness -= (network.activate(inputs)[0] - target) ** 2


def check_statistics(statistics, population, generations):
    """neat-python's StatisticsReporter accessors against the run's own statistics rows."""
    rows = population._population.statistics[-generations:]
    assert len(statistics.generation_statistics) == generations
    assert statistics.get_fitness_mean() == pytest.approx([row["mean_fitness"] for row in rows])
    assert statistics.get_fitness_stdev() == pytest.approx([row["stdev_fitness"] for row in rows])
    for generation, row, median in zip(statistics.generation_statistics, rows, statistics.get_fitness_median()):
        fitnesses = sorted(f for members in generation.values() for f in members.values())
        assert len(fitnesses) == 150 and max(fitnesses) == row["best_fitness"]
        assert median == pytest.approx((fitnesses[74] + fitnesses[75]) / 2)
        assert {sid: len(members) for sid, members in generation.items()} == row["species_sizes"]
    sizes = statistics.get_species_sizes()
    assert all(sum(generation) == 150 for generation in sizes)
    species_fitness = statistics.get_species_fitness("NA")
    assert all(len(generation) == len(sizes[0]) for generation in sizes + species_fitness)
    statistics.save()
    assert len(open("fitness_history.csv").read().splitlines()) == generations
    assert open("speciation.csv").read().splitlines()[0] == " ".join(map(str, sizes[0]))
    assert len(open("species_fitness.csv").read().splitlines()) == generations


def edited(tmp_path, section, key, value):
    """The test config with one key set (value None: removed), in a file of its own."""
    lines, inside = [], False
    for line in INI.read_text().splitlines():
        if line.startswith("["):
            inside = line == f"[{section}]"
        if inside and line.split("=")[0].strip() == key:
            continue
        lines.append(line)
        if line == f"[{section}]" and value is not None:
            lines.append(f"{key} = {value}")
    path = tmp_path / "edited.ini"
    path.write_text("\n".join(lines) + "\n")
    return path


def test_every_key_maps_to_convneat_settings():
    config = load().convneat
    assert config["task"] == {"name": "python", "inputs": 2, "outputs": 1}
    assert config["population.size"] == 150
    assert config["stop.fitness_threshold"] == 3.9
    assert config["population.on_extinction"] == "stop"
    assert config["genome.weight_limit"] == 30.0
    assert config["genome.add_connection_rate"] == 0.5 and config["genome.delete_node_rate"] == 0.2
    assert config["genome.bias_mutate_rate"] == 0.7 and config["genome.bias_init_stdev"] == 1.0
    assert config["genome.hidden_activation"] == "neat_python_sigmoid"
    assert config["genome.hidden_aggregation"] == "sum" and config["genome.response_init_mean"] == 1.0
    assert config["species.node_coefficient"] == 0.5
    # neat-python's time-constant defaults, where its file leaves the keys out
    assert config["genome.time_constant_init_mean"] == 1.0 and config["genome.time_constant_min_value"] == 0.01
    assert config["genome.time_constant_max_value"] == 10.0 and config["genome.time_constant_mutate_rate"] == 0.0
    assert config["species.compatibility_threshold"] == 3.0 and config["species.dynamic_threshold"] is False
    assert config["species.weight_coefficient"] == 0.5 and config["species.small_genome_size"] == 0
    assert config["reproduction.elitism"] == 2 and config["species.max_stagnation"] == 20


@pytest.mark.parametrize("section, key, value, message", [
    ("DefaultGenome", "colour", "red", r"\[DefaultGenome\] colour: not a key ConvNEAT reads"),
    ("DefaultGenome", "aggregation_default", "product", r"aggregation_default = product: not one of aggregation_options \(sum\)"),
    ("DefaultGenome", "response_min_value", "40", r"response_min_value = 40: above response_max_value \(30\)"),
    ("DefaultGenome", "time_constant_min_value", "20", r"time_constant_min_value = 20: above time_constant_max_value \(10\)"),
    ("DefaultGenome", "time_constant_init_type", "uniform", r"time_constant_init_type = uniform: ConvNEAT draws new time constants"),
    ("DefaultGenome", "aggregation_options", "sum mode", r"aggregation_options: mode: allowed: sum, product"),
    ("DefaultGenome", "response_init_type", "uniform", r"response_init_type = uniform: ConvNEAT draws new responses"),
    ("DefaultGenome", "response_mutate_rate", None, r"response_mutate_rate: missing"),
    ("DefaultGenome", "weight_min_value", "-5", r"weight_min_value = -5, weight_max_value = 30"),
    ("DefaultGenome", "activation_options", "sigmoid softmax", r"activation_options: softmax: allowed"),
    ("NEAT", "fitness_criterion", "min", r"fitness_criterion = min: ConvNEAT maximises"),
    ("NEAT", "pop_size", None, r"\[NEAT\] pop_size: missing"),
    ("DefaultGenome", "initial_connection", "fs_neat_hidden", r"initial_connection = fs_neat_hidden: allowed"),
])
def test_a_key_without_a_counterpart_is_refused_by_name(tmp_path, section, key, value, message):
    with pytest.raises(ValueError, match=message):
        load(edited(tmp_path, section, key, value))


def test_a_random_default_is_its_only_option_or_refused(tmp_path):
    text = INI.read_text().replace("activation_default      = sigmoid", "activation_default      = random")
    single = tmp_path / "single.ini"
    single.write_text(text)
    assert load(single).convneat["genome.hidden_activation"] == "neat_python_sigmoid"
    several = tmp_path / "several.ini"
    several.write_text(text.replace("activation_options      = sigmoid", "activation_options      = sigmoid tanh"))
    with pytest.raises(ValueError, match="activation_default = random: ConvNEAT starts new nodes with one named"):
        load(several)


def test_only_the_default_classes_are_accepted():
    class MyGenome:
        pass
    with pytest.raises(ValueError, match="MyGenome: only neat-python's default classes"):
        neat.Config(MyGenome, neat.DefaultReproduction, neat.DefaultSpeciesSet, neat.DefaultStagnation, str(INI))


def test_a_neat_python_script_runs_reports_checkpoints_and_restores(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    random.seed(3)
    population = neat.Population(load())
    population.add_reporter(neat.StdOutReporter(True))
    statistics = neat.StatisticsReporter()
    population.add_reporter(statistics)
    population.add_reporter(neat.Checkpointer(5))
    winner = population.run(eval_genomes, 300)
    shown = capsys.readouterr().out

    assert winner.fitness >= 3.9
    network = neat.nn.FeedForwardNetwork.create(winner, load())
    outputs = [network.activate(inputs) for inputs, _ in XOR_CASES]
    assert all(isinstance(output, list) and len(output) == 1 for output in outputs)
    assert 4.0 - sum((o[0] - t) ** 2 for o, (_, t) in zip(outputs, XOR_CASES)) == pytest.approx(winner.fitness)
    generations = len(statistics.most_fit_genomes)
    assert shown.count("****** Running generation") == generations
    assert "meets fitness threshold" in shown
    assert statistics.best_genome().fitness == winner.fitness
    check_statistics(statistics, population, generations)
    saved = sorted(int(name.rsplit("-", 1)[1]) for name in os.listdir(tmp_path) if name.startswith("neat-checkpoint-"))
    assert saved == list(range(4, generations - 1, 5))

    if saved:
        restored = neat.Checkpointer.restore_checkpoint(f"neat-checkpoint-{saved[0]}")
        assert restored.generation == saved[0] + 1
        restored.run(eval_genomes, 3)
        assert restored.generation == saved[0] + 4


def test_the_same_python_seed_gives_the_same_run():
    winners = []
    for _ in range(2):
        random.seed(11)
        winners.append(neat.Population(load()).run(eval_genomes, 30).to_dict())
    assert winners[0] == winners[1]


def test_xor_through_the_neat_python_api_is_solved_by_at_least_95_of_100_seeds(capfd):
    solved = 0
    for seed in range(100):
        random.seed(seed)
        winner = neat.Population(load()).run(eval_genomes, 300)
        solved += winner.fitness >= 3.9
        capfd.readouterr()
    print(f"neat-python's XOR config through convneat.neat: {solved} of 100 seeds solved within 300 generations")
    assert solved >= 95


def test_checkpointers_of_different_intervals_each_keep_their_own_schedule(tmp_path, monkeypatch, capfd):
    monkeypatch.chdir(tmp_path)
    random.seed(5)
    population = neat.Population(load(INI_NO_STOP))
    population.add_reporter(neat.Checkpointer(3, filename_prefix="every3-"))
    population.add_reporter(neat.Checkpointer(5, filename_prefix="every5-"))
    population.run(eval_genomes, 11)
    saved = sorted(os.listdir(tmp_path))
    assert saved == ["every3-2", "every3-5", "every3-8", "every5-4", "every5-9"]
    # A checkpointer added to a restored population saves after the first generation it sees.
    restored = neat.Checkpointer.restore_checkpoint("every5-4")
    restored.add_reporter(neat.Checkpointer(5, filename_prefix="again-"))
    restored.run(eval_genomes, 6)
    assert {name for name in os.listdir(tmp_path) if name.startswith("again-")} == {"again-5", "again-10"}
    capfd.readouterr()


def parallel_fitness(genome, config):
    """eval_genomes' fitness of one genome, computed in the same order."""
    eval_genomes([(genome.key, genome)], config)
    return genome.fitness


def test_a_parallel_evaluator_in_worker_processes_gives_the_run_a_sequential_one_gives():
    winners = []
    for workers in (None, 2):
        random.seed(5)
        population = neat.Population(load())
        if workers is None:
            winner = population.run(eval_genomes, 8)
        else:
            with neat.ParallelEvaluator(workers, parallel_fitness) as evaluator:
                winner = population.run(evaluator.evaluate, 8)
        winners.append((winner.to_dict(), winner.fitness))
    assert winners[0] == winners[1]


def test_genomes_pickle_with_their_fitness_and_phenotype_and_configs_pickle():
    random.seed(2)
    winner = neat.Population(load()).run(eval_genomes, 5)
    copy = pickle.loads(pickle.dumps(winner))
    assert copy.to_dict() == winner.to_dict() and copy.fitness == winner.fitness
    assert copy.feed_forward == winner.feed_forward
    for inputs, _ in XOR_CASES:
        assert list(copy.network().activate(inputs)) == list(winner.network().activate(inputs))
    ctrnn = convneat.Genome.from_dict(winner.to_dict(), False, network={"kind": "ctrnn", "time_step": 0.05})
    again = pickle.loads(pickle.dumps(ctrnn))
    assert list(again.network().activate([1.0, 0.0])) == list(ctrnn.network().activate([1.0, 0.0]))
    config = load()
    restored = pickle.loads(pickle.dumps(config))
    assert restored.convneat.to_dict() == config.convneat.to_dict()
    assert restored.genome_config.input_keys == [-1, -2]


def test_genome_nodes_and_connections_are_keyed_as_neat_python_keys_them():
    random.seed(4)
    config = load()
    winner = neat.Population(config).run(eval_genomes, 20)
    genes = winner.to_dict()
    nodes, connections = winner.nodes, winner.connections
    assert set(config.genome_config.output_keys) <= set(nodes)
    assert all(key >= 0 for key in nodes)
    hidden = [node for node in genes["nodes"] if node["kind"] == "hidden"]
    assert len(nodes) == len(config.genome_config.output_keys) + len(hidden)
    by_id = {node["id"]: node for node in genes["nodes"]}
    for key, gene in nodes.items():
        assert gene.key == key and gene.bias == by_id[gene.id]["bias"]
        assert gene.activation == "neat_python_sigmoid" and gene.aggregation == "sum" and gene.response == 1.0
    assert len(connections) == len(genes["connections"])
    assert sum(gene.enabled for gene in connections.values()) == winner.connection_count
    for (source, target), gene in connections.items():
        assert gene.key == (source, target)
        assert source in config.genome_config.input_keys or source in nodes
        assert target in nodes


def test_ctrnn_advance_holds_the_inputs_for_whole_steps_and_matches_the_exact_leaky_node():
    # One output node fed by the input with weight w: tau dy/dt = -y + sigmoid(5 (b + w x))
    # (neat-python's sigmoid), which exponential Euler solves exactly while x is held.
    tau, bias, weight = 0.2, 0.3, -1.5
    genome = convneat.Genome.from_dict({
        "id": 1, "fitness": 0.0,
        "nodes": [{"id": 0, "kind": "input", "activation": "identity", "bias": 0.0},
                  {"id": 1, "kind": "output", "activation": "neat_python_sigmoid", "bias": bias,
                   "time_constant": tau}],
        "connections": [{"innovation": 1, "in": 0, "out": 1, "weight": weight, "enabled": True}],
    })
    network = neat.ctrnn.CTRNN.create(genome, None)
    z = 1.0 / (1.0 + math.exp(-5.0 * (bias + weight * 0.8)))
    first = network.advance([0.8], 0.05, 0.01)
    assert first[0] == pytest.approx(z * (1.0 - math.exp(-0.05 / tau)), rel=1e-12)
    second = network.advance([0.8], 0.1, 0.01)
    assert second[0] == pytest.approx(z * (1.0 - math.exp(-0.15 / tau)), rel=1e-12)
    assert network.time_seconds == pytest.approx(0.15)
    network.reset()
    assert network.advance([0.8], 0.05, 0.01) == first
    with pytest.raises(ValueError, match="whole number of time steps"):
        network.advance([0.8], 0.015, 0.01)
    with pytest.raises(ValueError, match="differs from the 0.01"):
        network.advance([0.8], 0.04, 0.02)
    with pytest.raises(ValueError, match="time_step must be a positive number"):
        network.advance([0.8], 0.04)


def test_ctrnn_create_with_one_time_constant_steps_by_forward_euler_as_older_neat_python():
    tau, bias, weight, dt = 0.2, 0.3, -1.5, 0.01
    genome = convneat.Genome.from_dict({
        "id": 1, "fitness": 0.0,
        "nodes": [{"id": 0, "kind": "input", "activation": "identity", "bias": 0.0},
                  {"id": 1, "kind": "output", "activation": "neat_python_sigmoid", "bias": bias,
                   "time_constant": 5.0}],
        "connections": [{"innovation": 1, "in": 0, "out": 1, "weight": weight, "enabled": True}],
    })
    network = neat.ctrnn.CTRNN.create(genome, None, tau)
    z = 1.0 / (1.0 + math.exp(-5.0 * (bias + weight * 0.8)))
    y = 0.0
    for _ in range(5):  # y += dt / tau * (z - y): the genome's own 5.0 is replaced by tau
        y += dt / tau * (z - y)
    assert network.advance([0.8], 0.05, dt)[0] == pytest.approx(y, rel=1e-12)
    with pytest.raises(ValueError, match="time_constant must be positive"):
        neat.ctrnn.CTRNN.create(genome, None, 0.0)
