"""neat-python's INI config files, read into a ConvNEAT config (docs/python.md, "neat-python
compatibility", has the table). Every key neat-python's default classes read is either mapped
to a ConvNEAT key or accepted only at the value that means what ConvNEAT does; any other key,
or another value, is refused by name with ValueError. Nothing is ignored."""
import configparser
import os
import random

from .. import _convneat

SECTIONS = ("NEAT", "DefaultGenome", "DefaultSpeciesSet", "DefaultStagnation", "DefaultReproduction")

# neat-python's activation names → ConvNEAT's functions that compute exactly what neat-python's
# do. Where ConvNEAT's own function of that name differs (neat-python scales and clamps the
# input of sigmoid, tanh, sin, gauss and softplus), the neat_python_ one is neat-python's.
ACTIVATIONS = {name: name for name in ("relu", "elu", "lelu", "selu", "identity", "clamped", "inv", "log", "exp",
                                        "abs", "hat", "square", "cube")}
ACTIVATIONS.update({name: "neat_python_" + name for name in ("sigmoid", "tanh", "sin", "gauss", "softplus")})
AGGREGATIONS = ("sum", "product", "max", "min", "maxabs", "median", "mean")
# initial_connection → (ConvNEAT's /genome/initial_connectivity, whether it takes a fraction).
CONNECTIVITY = {"full": "full", "full_direct": "full", "full_nodirect": "full", "unconnected": "none",
                "partial": "partial", "partial_direct": "partial", "partial_nodirect": "partial"}


class Refused(ValueError):
    pass


class _Section:
    """One INI section's keys; each read marks its key used, and keys never read are refused."""

    def __init__(self, parser, name, filename):
        if not parser.has_section(name):
            raise Refused(f"{filename}: no [{name}] section (neat-python's config files have one)")
        self.name, self.filename = name, filename
        self.values = dict(parser.items(name))
        self.used = set()

    def where(self, key):
        return f"{self.filename}: [{self.name}] {key}"

    def text(self, key, default=None):
        self.used.add(key)
        if key in self.values:
            return self.values[key].strip()
        if default is None:
            raise Refused(f"{self.where(key)}: missing (neat-python requires it)")
        return default

    def number(self, key, default=None):
        value = self.text(key, None if default is None else str(default))
        try:
            return float(value)
        except ValueError:
            raise Refused(f"{self.where(key)} = {value}: expected a number") from None

    def whole(self, key, default=None):
        value = self.number(key, default)
        if value != int(value):
            raise Refused(f"{self.where(key)} = {value}: expected a whole number")
        return int(value)

    def flag(self, key, default=None):
        value = self.text(key, None if default is None else str(default)).lower()
        if value in ("1", "true", "yes", "on"):
            return True
        if value in ("0", "false", "no", "off"):
            return False
        raise Refused(f"{self.where(key)} = {value}: expected True or False")

    def only(self, key, allowed, default, why):
        """A key ConvNEAT has no setting for: accepted only at the value that means what ConvNEAT does."""
        value = self.text(key, str(default))
        if value.lower() not in [str(a).lower() for a in allowed]:
            raise Refused(f"{self.where(key)} = {value}: ConvNEAT {why}; allowed: {', '.join(map(str, allowed))}")

    def only_number(self, key, allowed, default, why):
        value = self.number(key, default)
        if value != allowed:
            raise Refused(f"{self.where(key)} = {value:g}: ConvNEAT {why}; allowed: {allowed:g}")

    def check_all_used(self):
        unknown = sorted(set(self.values) - self.used)
        if unknown:
            raise Refused(f"{self.where(unknown[0])}: not a key ConvNEAT reads from neat-python's configs "
                          f"(docs/python.md lists them)")


def _symmetric_limit(section, low_key, high_key, default):
    low, high = section.number(low_key, -default), section.number(high_key, default)
    if low != -high or high <= 0:
        raise Refused(f"{section.where(low_key)} = {low:g}, {high_key} = {high:g}: ConvNEAT clamps to one "
                      f"symmetric limit [-L, L]; give {low_key} = -{high_key}")
    return high


def _named_list(section, key, default, table):
    names = section.text(key, default).split()
    for name in names:
        if name not in table:
            raise Refused(f"{section.where(key)}: {name}: allowed: {', '.join(table)}")
    if not names:
        raise Refused(f"{section.where(key)}: empty; allowed: {', '.join(table)}")
    return names


def _default_and_options(genome, kind, default, table):
    """neat-python's `<kind>_default` and `<kind>_options`: the default is one of the options, or
    `random` (one of the options at random per new node, which ConvNEAT does not do)."""
    options = _named_list(genome, f"{kind}_options", default, table)
    chosen = genome.text(f"{kind}_default", default)
    if chosen.lower() in ("random", "none"):
        if len(options) == 1:
            return options[0], options
        raise Refused(f"{genome.where(kind + '_default')} = {chosen}: ConvNEAT starts new nodes with one named "
                      f"{kind}; allowed: one of {kind}_options ({' '.join(options)})")
    if chosen not in options:
        raise Refused(f"{genome.where(kind + '_default')} = {chosen}: not one of {kind}_options "
                      f"({' '.join(options)}), as neat-python requires")
    return chosen, options


def _node_function_settings(genome, settings):
    """Activation, aggregation and response: neat-python's node genes, function for function."""
    activation, activations = _default_and_options(genome, "activation", "sigmoid", ACTIVATIONS)
    settings["genome.hidden_activation"] = settings["genome.output_activation"] = ACTIVATIONS[activation]
    settings["genome.activation_options"] = [ACTIVATIONS[name] for name in activations]
    settings["genome.activation_mutate_rate"] = genome.number("activation_mutate_rate", 0.0)
    aggregation, aggregations = _default_and_options(genome, "aggregation", "sum", AGGREGATIONS)
    settings["genome.hidden_aggregation"] = settings["genome.output_aggregation"] = aggregation
    settings["genome.aggregation_options"] = aggregations
    settings["genome.aggregation_mutate_rate"] = genome.number("aggregation_mutate_rate", 0.0)
    _real_attribute(genome, settings, "response", "responses", {})
    # neat-python's node genes carry a time constant too, read by its CTRNN only (as ConvNEAT's
    # by /network/kind ctrnn); its keys have defaults there.
    _real_attribute(genome, settings, "time_constant", "time constants",
                    {"init_mean": 1.0, "init_stdev": 0.0, "mutate_rate": 0.0, "mutate_power": 0.0,
                     "replace_rate": 0.0, "min_value": 0.01, "max_value": 10.0})


def _real_attribute(genome, settings, name, what, defaults):
    """One of neat-python's FloatAttributes of node genes: `<name>_init_mean` … `<name>_max_value`,
    mapped one to one (`defaults` for the keys neat-python lets a file leave out)."""
    genome.only(f"{name}_init_type", ["gaussian", "normal"], "gaussian", f"draws new {what} from a Gaussian")
    for key in ("init_mean", "init_stdev", "mutate_rate", "mutate_power", "replace_rate", "min_value", "max_value"):
        settings[f"genome.{name}_{key}"] = genome.number(f"{name}_{key}", defaults.get(key))
    low, high = settings[f"genome.{name}_min_value"], settings[f"genome.{name}_max_value"]
    if low > high:
        raise Refused(f"{genome.where(name + '_min_value')} = {low:g}: above {name}_max_value ({high:g})")


def _neat_settings(neat, settings):
    neat.only("fitness_criterion", ["max"], "max", "maximises the best fitness")
    if neat.flag("no_fitness_termination", False):
        neat.number("fitness_threshold")
        settings["stop.fitness_threshold"] = None
    else:
        settings["stop.fitness_threshold"] = neat.number("fitness_threshold")
    settings["stop.when_solved"] = True
    settings["population.size"] = neat.whole("pop_size")
    settings["population.on_extinction"] = "reseed" if neat.flag("reset_on_extinction") else "stop"
    seed = neat.text("seed", "none")
    # Without a seed neat-python differs run to run; so does this, drawing the seed from Python's
    # `random` (random.seed(...) beforehand makes it repeatable, as it does neat-python).
    settings["seed"] = random.randrange(2**32) if seed.lower() == "none" else int(seed)


def _genome_settings(genome, settings):
    inputs, outputs = genome.whole("num_inputs"), genome.whole("num_outputs")
    settings["task"] = {"name": "python", "inputs": inputs, "outputs": outputs}
    settings["genome.feed_forward"] = genome.flag("feed_forward")
    settings["genome.bias_node"] = False  # neat-python's nodes carry biases; there is no bias input
    _node_function_settings(genome, settings)

    limit = _symmetric_limit(genome, "weight_min_value", "weight_max_value", 30.0)
    if _symmetric_limit(genome, "bias_min_value", "bias_max_value", limit) != limit:
        raise Refused(f"{genome.where('bias_max_value')}: ConvNEAT clamps weights and biases to one limit; "
                      f"give it weight_max_value's ({limit:g})")
    settings["genome.weight_limit"] = limit
    for kind in ("weight", "bias"):
        genome.only_number(f"{kind}_init_mean", 0.0, 0.0, f"draws new {kind}s with mean 0")
        genome.only(f"{kind}_init_type", ["gaussian", "normal"], "gaussian", f"draws new {kind}s from a Gaussian")
        settings[f"genome.{kind}_init_stdev"] = genome.number(f"{kind}_init_stdev", 1.0)
        settings[f"genome.{kind}_mutate_rate"] = genome.number(f"{kind}_mutate_rate")
        settings[f"genome.{kind}_mutate_power"] = genome.number(f"{kind}_mutate_power")
        settings[f"genome.{kind}_replace_rate"] = genome.number(f"{kind}_replace_rate")

    settings["species.disjoint_coefficient"] = genome.number("compatibility_disjoint_coefficient")
    settings["species.excess_coefficient"] = settings["species.disjoint_coefficient"]  # one term in neat-python
    settings["species.weight_coefficient"] = genome.number("compatibility_weight_coefficient")
    # neat-python weighs its node gene differences (bias, response, activation, aggregation) by
    # the same coefficient as its weight differences, unless told to leave nodes out.
    include_nodes = genome.flag("compatibility_include_node_genes", True)
    settings["species.node_coefficient"] = settings["species.weight_coefficient"] if include_nodes else 0.0
    settings["species.small_genome_size"] = 0  # neat-python divides by the larger genome's size, always

    settings["genome.add_connection_rate"] = genome.number("conn_add_prob")
    settings["genome.delete_connection_rate"] = genome.number("conn_delete_prob")
    settings["genome.add_node_rate"] = genome.number("node_add_prob")
    settings["genome.delete_node_rate"] = genome.number("node_delete_prob")
    genome.only("enabled_default", ["true"], "True", "starts every connection enabled")
    settings["genome.toggle_enabled_rate"] = genome.number("enabled_mutate_rate", 0.01)
    genome.only_number("enabled_rate_to_true_add", 0.0, 0.0, "flips enabled flags at one rate either way")
    genome.only_number("enabled_rate_to_false_add", 0.0, 0.0, "flips enabled flags at one rate either way")
    genome.only("single_structural_mutation", ["false"], "false", "may apply several structural mutations at once")
    genome.only("structural_mutation_surer", ["default", "false"], "default", "does not retry structural mutations")

    settings["genome.initial_hidden"] = genome.whole("num_hidden", 0)
    connection = genome.text("initial_connection", "unconnected").split()
    if connection[0] not in CONNECTIVITY:
        raise Refused(f"{genome.where('initial_connection')} = {' '.join(connection)}: allowed: "
                      f"{', '.join(CONNECTIVITY)}")
    settings["genome.initial_connectivity"] = CONNECTIVITY[connection[0]]
    if connection[0].startswith("partial"):
        if len(connection) != 2:
            raise Refused(f"{genome.where('initial_connection')}: partial needs a fraction, e.g. partial_direct 0.5")
        settings["genome.initial_connection_fraction"] = float(connection[1])


def _species_settings(species_set, stagnation, reproduction, settings):
    settings["species.compatibility_threshold"] = species_set.number("compatibility_threshold")
    settings["species.dynamic_threshold"] = False  # neat-python's threshold is fixed
    stagnation.only("species_fitness_func", ["max"], "max", "judges a species by its best fitness")
    settings["species.max_stagnation"] = stagnation.whole("max_stagnation", 15)
    settings["species.species_elitism"] = stagnation.whole("species_elitism", 0)
    settings["reproduction.elitism"] = reproduction.whole("elitism", 0)
    settings["reproduction.elitism_min_species_size"] = 0  # neat-python keeps elites in a species of any size
    settings["reproduction.survival_threshold"] = reproduction.number("survival_threshold", 0.2)
    settings["reproduction.min_species_size"] = reproduction.whole("min_species_size", 1)


def read_settings(filename):
    """ConvNEAT overrides (dotted keys) that a neat-python INI file means."""
    if not os.path.isfile(filename):
        raise Refused(f"{filename}: no such config file")
    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read(filename)
    except configparser.Error as error:
        raise Refused(f"{filename}: {error}".splitlines()[0]) from None
    for name in parser.sections():
        if name not in SECTIONS:
            raise Refused(f"{filename}: [{name}]: not a section of neat-python's default classes "
                          f"({', '.join(SECTIONS)})")
    sections = {name: _Section(parser, name, filename) for name in SECTIONS}
    settings = {}
    _neat_settings(sections["NEAT"], settings)
    _genome_settings(sections["DefaultGenome"], settings)
    _species_settings(sections["DefaultSpeciesSet"], sections["DefaultStagnation"],
                      sections["DefaultReproduction"], settings)
    for section in sections.values():
        section.check_all_used()
    return settings


class DefaultGenome: """neat-python's genome class, as a marker for Config: ConvNEAT's genome is used."""
class DefaultReproduction: """A marker for Config: ConvNEAT's reproduction is used."""
class DefaultSpeciesSet: """A marker for Config: ConvNEAT's speciation is used."""
class DefaultStagnation: """A marker for Config: ConvNEAT's stagnation is used."""


class GenomeConfig:
    """What neat-python's config.genome_config tells a fitness function."""

    def __init__(self, inputs, outputs, feed_forward):
        self.num_inputs, self.num_outputs, self.feed_forward = inputs, outputs, feed_forward
        self.input_keys = [-i - 1 for i in range(inputs)]
        self.output_keys = list(range(outputs))


class Config:
    """neat-python's Config(genome_type, reproduction_type, species_set_type, stagnation_type,
    filename): reads the INI file into a ConvNEAT config (`.convneat`). The four types must be
    neat-python's defaults; their ConvNEAT counterparts run."""

    def __init__(self, genome_type, reproduction_type, species_set_type, stagnation_type, filename,
                 config_information=None):
        expected = (DefaultGenome, DefaultReproduction, DefaultSpeciesSet, DefaultStagnation)
        for given, default in zip((genome_type, reproduction_type, species_set_type, stagnation_type), expected):
            if given is not default:
                raise ValueError(f"Config: {getattr(given, '__name__', given)}: only neat-python's default classes "
                                 f"are supported (neat.{default.__name__})")
        self.filename = str(filename)
        self.config_information = config_information
        settings = read_settings(self.filename)
        self._describe(_convneat.Config({"task": settings["task"]}, settings))

    @classmethod
    def of(cls, convneat_config):
        """The Config a restored checkpoint's run hands its fitness function."""
        config = cls.__new__(cls)
        config.filename, config.config_information = convneat_config.source, None
        config._describe(convneat_config)
        return config

    def _describe(self, convneat_config):
        self.convneat = convneat_config
        self.pop_size = convneat_config["population.size"]
        self.fitness_threshold = convneat_config["stop.fitness_threshold"]
        self.fitness_criterion = "max"
        self.genome_type, self.reproduction_type = DefaultGenome, DefaultReproduction
        self.species_set_type, self.stagnation_type = DefaultSpeciesSet, DefaultStagnation
        task = convneat_config["task"]
        self.genome_config = GenomeConfig(task["inputs"], task["outputs"], convneat_config["genome.feed_forward"])
