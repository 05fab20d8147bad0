"""neat-python's ParallelEvaluator: a fitness function of one genome, run in worker processes.
ConvNEAT's genomes and configs pickle (as their dicts), so they travel to the workers as
neat-python's do."""
import multiprocessing


class ParallelEvaluator:
    """ParallelEvaluator(num_workers, eval_function, timeout=None, maxtasksperchild=None):
    `evaluate(genomes, config)`, given to Population.run, sets each genome's fitness to
    eval_function(genome, config), computed in a pool of `num_workers` processes (forked, as
    neat-python's). A fitness that is a function of the genome alone gives the same run for
    any number of workers (each genome's fitness is its own function's value); one that draws
    from Python's `random` in the workers does not repeat, since every forked worker starts
    from the parent's state. Make the pool before the run starts."""

    def __init__(self, num_workers, eval_function, timeout=None, maxtasksperchild=None):
        self.eval_function = eval_function
        self.timeout = timeout
        self.pool = multiprocessing.Pool(processes=num_workers, maxtasksperchild=maxtasksperchild)

    def close(self):
        self.pool.close()
        self.pool.join()

    def __enter__(self):
        return self

    def __exit__(self, *exception):
        self.close()

    def evaluate(self, genomes, config):
        jobs = [self.pool.apply_async(self.eval_function, (genome, config)) for _, genome in genomes]
        for job, (_, genome) in zip(jobs, genomes):
            genome.fitness = job.get(timeout=self.timeout)
