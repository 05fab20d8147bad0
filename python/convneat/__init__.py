"""ConvNEAT from Python: NEAT with convolutional front ends, evolved at C++ speed.

    import convneat
    config = convneat.Config("experiments/configs/xor.json", {"population.size": 100})
    result = convneat.Population(config, seed=3, output="runs/xor-py").run()
    network = result["champion"].network()
    network.activate([1.0, 0.0])

A fitness function of your own needs a config whose task is {"name": "python", "inputs": N,
"outputs": M}; see Population.run. The guide is docs/python.md in ConvNEAT's source.
"""
from ._convneat import (  # noqa: F401
    CheckpointError,
    Config,
    ConfigError,
    ExtinctionError,
    Genome,
    Network,
    Networks,
    Population,
    __version__,
    activate_all,
    export,
    load_champion,
)

__all__ = [
    "CheckpointError",
    "Config",
    "ConfigError",
    "ExtinctionError",
    "Genome",
    "Network",
    "Networks",
    "Population",
    "activate_all",
    "export",
    "load_champion",
]

# A batch fitness's networks are a sequence as collections.abc understands one.
import collections.abc as _abc  # noqa: E402

_abc.Sequence.register(Networks)
