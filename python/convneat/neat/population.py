"""neat-python's Population(config).run(eval_genomes, n), run by ConvNEAT. The run's files go
to a scratch directory (`population.output_directory`), removed with the population, as
neat-python writes no files; Checkpointer copies checkpoints out of it."""
import tempfile

from .. import _convneat
from .config import Config
from .reporting import Checkpointer

# Generations a run without n may take: neat-python's has no limit; it stops at the threshold.
UNLIMITED = 10**9


class CompleteExtinctionException(Exception):
    pass


class Population:
    """neat-python's Population. `initial_state` is not supported (use Checkpointer.restore_checkpoint)."""

    def __init__(self, config, initial_state=None):
        if initial_state is not None:
            raise ValueError("Population: initial_state is not supported; restore with Checkpointer.restore_checkpoint")
        self.config = config
        self._scratch = tempfile.TemporaryDirectory(prefix="convneat-neat-")
        self.output_directory = self._scratch.name
        self._population = _convneat.Population(config.convneat, output=self.output_directory, overwrite=True)
        self._start(0)

    @classmethod
    def from_checkpoint(cls, filename):
        population = cls.__new__(cls)
        population._scratch = tempfile.TemporaryDirectory(prefix="convneat-neat-")
        population.output_directory = population._scratch.name
        population._population = _convneat.Population.resume(filename, output=population.output_directory,
                                                             overwrite=True)
        population.config = Config.of(population._population.config)
        population._start(population._population.generation)
        return population

    def _start(self, generation):
        self.reporters = []
        self.generation = generation
        self.best_genome = None

    def add_reporter(self, reporter):
        self.reporters.append(reporter)

    def remove_reporter(self, reporter):
        self.reporters.remove(reporter)

    def run(self, fitness_function, n=None):
        """Runs at most n generations (until the fitness threshold without n); returns the best genome."""
        if n is None and self._population.config["stop.fitness_threshold"] is None:
            raise RuntimeError("Cannot have no generational limit with no fitness termination")
        target = self.generation + (UNLIMITED if n is None else n)
        checkpointers = [r for r in self.reporters if isinstance(r, Checkpointer)]
        while self.generation < target:
            # Runs in pieces that end where a checkpointer is due: the checkpoint the piece ends with is its.
            due = [self._due(checkpointer) for checkpointer in checkpointers]
            end = min([target] + due)
            try:
                result = self._population.run(eval_genomes=self._evaluator(fitness_function), generations=end,
                                              reporters=[self._report], progress=False)
            except _convneat.ExtinctionError as extinction:
                for reporter in self.reporters:
                    reporter.complete_extinction()
                raise CompleteExtinctionException(str(extinction)) from None
            self.generation = self._population.generation
            if result["reason"] != "max_generations":
                break  # neat-python stops at a solution before its checkpointer's end_generation
            for checkpointer, generation in zip(checkpointers, due):
                if generation == self.generation:
                    checkpointer.save(f"{result['output_directory']}/checkpoint.cbor", self.generation - 1)
        return self.best_genome

    def _due(self, checkpointer):
        """The generation the population stands at when `checkpointer` saves next: after
        `generation_interval` generations since its last save (neat-python's rule), and not
        before the next generation has been evaluated."""
        return max(checkpointer.last_generation_checkpoint + 1 + checkpointer.generation_interval, self.generation + 1)

    def _evaluator(self, fitness_function):
        def eval_genomes(genomes, _config):
            for reporter in self.reporters:
                reporter.start_generation(self._evaluating)
            fitness_function(genomes, self.config)
        self._evaluating = self.generation
        return eval_genomes

    def _report(self, row):
        best = row["best_genome"]
        best.fitness = row["best_fitness"]
        if self.best_genome is None or best.fitness > self.best_genome.fitness:
            self.best_genome = best
        for reporter in self.reporters:
            reporter.row = row
            reporter.post_evaluate(self.config, None, None, best)
        if row["solved"]:  # neat-python breaks here, without end_generation
            for reporter in self.reporters:
                reporter.found_solution(self.config, row["generation"], best)
            return
        for reporter in self.reporters:
            reporter.end_generation(self.config, None, None)
        self._evaluating = row["generation"] + 1
