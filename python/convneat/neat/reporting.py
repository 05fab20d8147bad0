"""neat-python's reporters, fed from ConvNEAT's generation statistics: BaseReporter (the
hooks a user's reporter may define), StdOutReporter, StatisticsReporter and Checkpointer."""
import csv
import shutil
import statistics
import time


class BaseReporter:
    """Hooks called by Population.run. `population` and `species` are None: ConvNEAT keeps them
    in C++; the generation's statistics are in `self.row` when a hook runs."""

    row = None

    def start_generation(self, generation): pass
    def end_generation(self, config, population, species_set): pass
    def post_evaluate(self, config, population, species, best_genome): pass
    def post_reproduction(self, config, population, species): pass
    def complete_extinction(self): pass
    def found_solution(self, config, generation, best): pass
    def species_stagnant(self, sid, species): pass
    def info(self, msg): pass


class StdOutReporter(BaseReporter):
    """Progress on stdout in neat-python's words."""

    def __init__(self, show_species_detail):
        self.show_species_detail = show_species_detail
        self.started = None

    def start_generation(self, generation):
        print(f"\n ****** Running generation {generation} ****** \n")
        self.started = time.time()

    def post_evaluate(self, config, population, species, best_genome):
        row = self.row
        print(f"Population's average fitness: {row['mean_fitness']:3.5f} stdev: {row['stdev_fitness']:3.5f}")
        print(f"Best fitness: {row['best_fitness']:3.5f} - size: ({best_genome.node_count}, "
              f"{best_genome.connection_count}) - id {best_genome.key}")

    def end_generation(self, config, population, species_set):
        sizes = self.row["species_sizes"]
        print(f"Population of {sum(sizes.values())} members in {len(sizes)} species")
        if self.show_species_detail:
            print("   ID   size")
            print("  ====  ====")
            for sid, size in sizes.items():
                print(f"  {sid:>4}  {size:>4}")
        print(f"Generation time: {time.time() - self.started:.3f} sec")

    def found_solution(self, config, generation, best):
        print(f"\nBest individual in generation {generation} meets fitness threshold - complexity: "
              f"({best.node_count}, {best.connection_count})")

    def complete_extinction(self):
        print("All species extinct.")


class StatisticsReporter(BaseReporter):
    """neat-python's StatisticsReporter: each generation's fittest genome (`most_fit_genomes`)
    and every genome's fitness by species (`generation_statistics`, a list of {species id:
    {genome id: fitness}}), with neat-python's accessors and CSV writers."""

    def __init__(self):
        self.most_fit_genomes = []
        self.generation_statistics = []

    def post_evaluate(self, config, population, species, best_genome):
        best_genome.fitness = self.row["best_fitness"]
        self.most_fit_genomes.append(best_genome)
        self.generation_statistics.append(self.row["fitnesses"])

    def get_fitness_stat(self, f):
        """f applied to each generation's fitness values, one number per generation."""
        return [f([fitness for members in generation.values() for fitness in members.values()])
                for generation in self.generation_statistics]

    def get_fitness_mean(self):
        return self.get_fitness_stat(statistics.fmean)

    def get_fitness_stdev(self):
        """The population standard deviation, as neat-python's (and generations.csv's)."""
        return self.get_fitness_stat(statistics.pstdev)

    def get_fitness_median(self):
        return self.get_fitness_stat(statistics.median)

    def _species_range(self):
        return range(1, max(key for generation in self.generation_statistics for key in generation) + 1)

    def get_species_sizes(self):
        """Per generation, the size of species 1, 2, ... up to the largest id seen (0 when absent)."""
        ids = self._species_range()
        return [[len(generation.get(sid, {})) for sid in ids] for generation in self.generation_statistics]

    def get_species_fitness(self, null_value=""):
        """Per generation, each species' mean fitness (`null_value` when absent)."""
        ids = self._species_range()
        return [[statistics.fmean(generation[sid].values()) if generation.get(sid) else null_value for sid in ids]
                for generation in self.generation_statistics]

    def best_genome(self):
        return self.best_genomes(1)[0]

    def best_genomes(self, n):
        return sorted(self.most_fit_genomes, key=lambda genome: genome.fitness, reverse=True)[:n]

    def best_unique_genomes(self, n):
        unique = {genome.key: genome for genome in self.most_fit_genomes}
        return sorted(unique.values(), key=lambda genome: genome.fitness, reverse=True)[:n]

    def save(self):
        self.save_genome_fitness()
        self.save_species_count()
        self.save_species_fitness()

    def save_genome_fitness(self, delimiter=" ", filename="fitness_history.csv"):
        """Each generation's best and mean fitness."""
        best = [genome.fitness for genome in self.most_fit_genomes]
        self._write_rows(filename, delimiter, zip(best, self.get_fitness_mean()))

    def save_species_count(self, delimiter=" ", filename="speciation.csv"):
        self._write_rows(filename, delimiter, self.get_species_sizes())

    def save_species_fitness(self, delimiter=" ", null_value="NA", filename="species_fitness.csv"):
        self._write_rows(filename, delimiter, self.get_species_fitness(null_value))

    @staticmethod
    def _write_rows(filename, delimiter, rows):
        with open(filename, "w", newline="") as file:
            csv.writer(file, delimiter=delimiter).writerows(rows)


class Checkpointer(BaseReporter):
    """Every `generation_interval` generations, a copy of ConvNEAT's checkpoint named
    `filename_prefix` + the generation just evaluated, in the current directory (neat-python's
    names: Checkpointer(5) writes neat-checkpoint-4, -9, ...). restore_checkpoint() goes on from
    one. `time_interval_seconds` is not supported (ConvNEAT's /output/checkpoint_seconds is)."""

    def __init__(self, generation_interval=100, time_interval_seconds=None, filename_prefix="neat-checkpoint-"):
        if time_interval_seconds is not None:
            raise ValueError("Checkpointer: time_interval_seconds is not supported; use generation_interval")
        self.generation_interval = generation_interval
        self.filename_prefix = filename_prefix
        self.last_generation_checkpoint = -1

    def save(self, checkpoint, generation):
        shutil.copyfile(checkpoint, f"{self.filename_prefix}{generation}")
        self.last_generation_checkpoint = generation

    @staticmethod
    def restore_checkpoint(filename, new_config=None):
        from .population import Population
        if new_config is not None:
            raise ValueError("restore_checkpoint: new_config is not supported (a ConvNEAT checkpoint holds its config)")
        return Population.from_checkpoint(filename)
