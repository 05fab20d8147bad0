"""Node genes from Python: a genome written as a dict (Genome.from_dict) with every activation
and aggregation computes act(bias + response · agg(w·x)) with neat-python's functions, written
out here again from neat-python's activations.py and aggregations.py as the reference."""
import math
import statistics

import pytest

import convneat


def clamp(x, low, high):
    return max(low, min(high, x))


# neat-python's functions (neat/activations.py), under ConvNEAT's names for them.
NEAT_PYTHON_ACTIVATIONS = {
    "neat_python_sigmoid": lambda z: 1.0 / (1.0 + math.exp(-clamp(5.0 * z, -60.0, 60.0))),
    "neat_python_tanh": lambda z: math.tanh(clamp(2.5 * z, -60.0, 60.0)),
    "neat_python_sin": lambda z: math.sin(clamp(5.0 * z, -60.0, 60.0)),
    "neat_python_gauss": lambda z: math.exp(-5.0 * clamp(z, -3.4, 3.4) ** 2),
    "neat_python_softplus": lambda z: 0.2 * math.log(1 + math.exp(clamp(5.0 * z, -60.0, 60.0))),
    "relu": lambda z: z if z > 0.0 else 0.0,
    "elu": lambda z: z if z > 0.0 else math.exp(z) - 1,
    "lelu": lambda z: z if z > 0.0 else 0.005 * z,
    "selu": lambda z: 1.0507009873554804934193349852946 * (z if z > 0.0 else 1.6732632423543772848170429916717 * (math.exp(z) - 1)),
    "identity": lambda z: z,
    "clamped": lambda z: clamp(z, -1.0, 1.0),
    "inv": lambda z: 0.0 if z == 0.0 else 1.0 / z,
    "log": lambda z: math.log(max(1e-7, z)),
    "exp": lambda z: math.exp(clamp(z, -60.0, 60.0)),
    "abs": abs,
    "hat": lambda z: max(0.0, 1 - abs(z)),
    "square": lambda z: z ** 2,
    "cube": lambda z: z ** 3,
}
AGGREGATIONS = {
    "sum": sum,
    "product": math.prod,
    "max": max,
    "min": min,
    "maxabs": lambda terms: max(terms, key=abs),
    "median": statistics.median,
    "mean": lambda terms: sum(terms) / len(terms),  # neat-python's math_util.mean
}


def one_node_genome(activation, aggregation, response, bias, weights):
    """Inputs 0..k-1 into output node k."""
    count = len(weights)
    nodes = [{"id": i, "kind": "input", "activation": "identity", "bias": 0.0} for i in range(count)]
    nodes.append({"id": count, "kind": "output", "activation": activation, "bias": bias,
                  "aggregation": aggregation, "response": response})
    connections = [{"innovation": i + 1, "in": i, "out": count, "weight": w, "enabled": True}
                   for i, w in enumerate(weights)]
    return {"id": 1, "fitness": 0.0, "nodes": nodes, "connections": connections}


@pytest.mark.parametrize("activation", sorted(NEAT_PYTHON_ACTIVATIONS))
@pytest.mark.parametrize("aggregation", sorted(AGGREGATIONS))
def test_a_node_computes_neat_pythons_formula(activation, aggregation):
    weights, bias, response = [0.7, -1.3, 0.4, 2.1], 0.15, -0.8
    network = convneat.Genome.from_dict(one_node_genome(activation, aggregation, response, bias, weights)).network()
    for inputs in ([0.3, 0.9, -0.5, 0.2], [-1.0, 0.25, 0.5, 0.75], [0.0, 0.0, 0.0, 0.0], [2.0, -2.0, 1.5, -0.1]):
        terms = [w * x for w, x in zip(weights, inputs)]
        expected = NEAT_PYTHON_ACTIVATIONS[activation](bias + response * AGGREGATIONS[aggregation](terms))
        assert network.activate(inputs)[0] == pytest.approx(expected, rel=1e-12, abs=1e-15)


def test_from_dict_round_trips_and_refuses_what_is_wrong():
    document = one_node_genome("cube", "median", 2.5, 0.0, [1.0, 2.0])
    genome = convneat.Genome.from_dict(document)
    back = genome.to_dict()
    assert back["nodes"][2]["aggregation"] == "median" and back["nodes"][2]["response"] == 2.5
    assert "aggregation" not in back["nodes"][0] and "response" not in back["nodes"][0]
    document["nodes"][2]["aggregation"] = "softmax"
    with pytest.raises(ValueError, match=r"/nodes/2/aggregation: expected one of sum, product"):
        convneat.Genome.from_dict(document)
    cyclic = one_node_genome("identity", "sum", 1.0, 0.0, [1.0])
    cyclic["nodes"].append({"id": 2, "kind": "hidden", "activation": "identity", "bias": 0.0})
    cyclic["connections"] += [{"innovation": 2, "in": 1, "out": 2, "weight": 1.0, "enabled": True},
                              {"innovation": 3, "in": 2, "out": 1, "weight": 1.0, "enabled": True}]
    with pytest.raises(ValueError, match="holds a cycle"):
        convneat.Genome.from_dict(cyclic)
    assert convneat.Genome.from_dict(cyclic, feed_forward=False).network().recurrent


def test_a_ctrnn_node_follows_the_exact_leaky_solution_and_keeps_its_state():
    """tau dy/dt = -y + z with z = bias + w x constant: y(t) = z (1 - exp(-t / tau)) from y(0) = 0."""
    document = one_node_genome("identity", "sum", 1.0, 0.25, [1.5])
    document["nodes"][1]["time_constant"] = 0.3
    network = {"kind": "ctrnn", "integration": "exponential", "time_step": 0.01, "steps_per_activation": 5}
    genome = convneat.Genome.from_dict(document, feed_forward=False, network=network)
    assert genome.to_dict()["nodes"][1]["time_constant"] == 0.3
    ctrnn = genome.network()
    z = 0.25 + 1.5 * 0.8
    for call in range(1, 11):
        assert ctrnn.activate([0.8])[0] == pytest.approx(z * (1.0 - math.exp(-call * 0.05 / 0.3)), rel=1e-13)
    ctrnn.reset()
    assert ctrnn.activate([0.8])[0] == pytest.approx(z * (1.0 - math.exp(-0.05 / 0.3)), rel=1e-13)
    # The same genome as a graph network ignores the time constant: z at once.
    assert convneat.Genome.from_dict(document).network().activate([0.8])[0] == z


def test_from_dict_refuses_a_network_section_that_is_wrong_by_key():
    document = one_node_genome("identity", "sum", 1.0, 0.0, [1.0])
    with pytest.raises(ValueError, match=r"/network/kind: expected one of \"graph\", \"ctrnn\""):
        convneat.Genome.from_dict(document, network={"kind": "spiking"})
    with pytest.raises(ValueError, match=r"/network/steps_per_activation: expected a whole number in \[1, 1000000\]"):
        convneat.Genome.from_dict(document, network={"kind": "ctrnn", "steps_per_activation": 0})
    document["nodes"][1]["time_constant"] = -1.0
    with pytest.raises(ValueError, match=r"node 1: time constant -1.000000 is not positive"):
        convneat.Genome.from_dict(document)


def test_a_spiking_neuron_counts_its_spikes_in_each_window():
    """A regular-spiking neuron driven by a step current of 10 fires as Izhikevich's published
    algorithm does (1 ms steps, v in two halves): the windows' counts add up to its spikes."""
    document = one_node_genome("identity", "sum", 1.0, 0.0, [10.0])
    network = {"kind": "izhikevich", "time_step": 1.0, "steps_per_activation": 100}
    spiking = convneat.Genome.from_dict(document, feed_forward=False, network=network).network()
    counts = [spiking.activate([1.0])[0] for _ in range(5)]
    v, u, spikes = -65.0, 0.2 * -65.0, 0
    for _ in range(500):
        v += 0.5 * (0.04 * v * v + 5 * v + 140 - u + 10.0)
        v += 0.5 * (0.04 * v * v + 5 * v + 140 - u + 10.0)
        u += 0.02 * (0.2 * v - u)
        if v >= 30:
            spikes, v, u = spikes + 1, -65.0, u + 8.0
    assert sum(counts) == spikes and spikes > 5
    document["nodes"][1]["izhikevich"] = {"a": 0.1, "b": 0.2, "c": -65.0, "d": 2.0}  # fast spiking
    fast = convneat.Genome.from_dict(document, feed_forward=False, network=network).network()
    assert sum(fast.activate([1.0])[0] for _ in range(5)) > 2 * spikes
