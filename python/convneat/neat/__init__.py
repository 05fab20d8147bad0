"""neat-python's API, run by ConvNEAT: `import convneat.neat as neat` in place of `import neat`
runs a neat-python script that uses the default classes (docs/python.md, "neat-python
compatibility", lists what maps to what and every deliberate difference)."""
from . import ctrnn, nn
from .config import Config, DefaultGenome, DefaultReproduction, DefaultSpeciesSet, DefaultStagnation
from .parallel import ParallelEvaluator
from .population import CompleteExtinctionException, Population
from .reporting import BaseReporter, Checkpointer, StatisticsReporter, StdOutReporter

__all__ = ["BaseReporter", "Checkpointer", "CompleteExtinctionException", "Config", "DefaultGenome",
           "DefaultReproduction", "DefaultSpeciesSet", "DefaultStagnation", "ParallelEvaluator", "Population",
           "StatisticsReporter", "StdOutReporter", "ctrnn", "nn"]
