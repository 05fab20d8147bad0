"""neat-python's neat.ctrnn: a continuous-time recurrent network made from a genome, advanced
in time by the caller. ConvNEAT's CTRNN (docs/config.md, /network/kind ctrnn) computes it."""
import math


class CTRNN:
    """neat-python's CTRNN: `advance(inputs, advance_time, time_step)` holds the inputs for
    `advance_time` seconds, stepping by `time_step`, and returns the outputs as a list; the
    state carries over to the next call until `reset()`.

    `create(genome, config)` (neat-python 1.0 on) steps by exponential Euler with the time
    constants the genome evolved; `create(genome, config, time_constant)` (the older form)
    gives every node that one time constant and steps by forward Euler, as those versions did."""

    def __init__(self, genome, integration="exponential"):
        self._genome = genome
        self._integration = integration
        self._network = None
        self._time_step = None
        self.time_seconds = 0.0

    @staticmethod
    def create(genome, config, time_constant=None):
        if time_constant is None:
            return CTRNN(genome)
        if not time_constant > 0:
            raise ValueError(f"CTRNN.create: time_constant must be positive, got {time_constant!r}")
        from .. import _convneat
        genes = genome.to_dict()
        for node in genes["nodes"]:
            if node["kind"] in ("hidden", "output"):
                node["time_constant"] = time_constant
        return CTRNN(_convneat.Genome.from_dict(genes, False), "forward_euler")

    def reset(self):
        if self._network is not None:
            self._network.reset()
        self.time_seconds = 0.0

    def advance(self, inputs, advance_time, time_step=None):
        if time_step is None or not time_step > 0:
            raise ValueError(f"CTRNN.advance: time_step must be a positive number of seconds, got {time_step!r}")
        steps = round(advance_time / time_step)
        if steps < 1 or not math.isclose(steps * time_step, advance_time, rel_tol=1e-9):
            raise ValueError(f"CTRNN.advance: advance_time {advance_time!r} must be a whole number of time steps "
                             f"({time_step!r}): ConvNEAT's CTRNN takes steps of one size")
        if self._network is None:
            self._network = self._genome.network({"kind": "ctrnn", "integration": self._integration,
                                                  "time_step": time_step, "steps_per_activation": 1})
            self._time_step = time_step
        elif time_step != self._time_step:
            raise ValueError(f"CTRNN.advance: time_step {time_step!r} differs from the {self._time_step!r} this "
                             "network was first advanced with (one step size per network)")
        for _ in range(steps):
            outputs = self._network.activate(inputs)
        self.time_seconds += steps * time_step
        return outputs.tolist()
