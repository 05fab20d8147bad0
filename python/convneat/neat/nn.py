"""neat-python's neat.nn: networks made from a genome, whose activate returns a list."""


class _Network:
    def __init__(self, network):
        self._network = network

    def activate(self, inputs):
        """The outputs, as a list of floats (neat-python's return type)."""
        return self._network.activate(inputs).tolist()

    def reset(self):
        self._network.reset()


class FeedForwardNetwork(_Network):
    @staticmethod
    def create(genome, config):
        if not genome.feed_forward:
            raise ValueError("FeedForwardNetwork.create: the run is recurrent (feed_forward = False in the config)")
        return FeedForwardNetwork(genome.network())


class RecurrentNetwork(_Network):
    @staticmethod
    def create(genome, config):
        if genome.feed_forward:
            raise ValueError("RecurrentNetwork.create: the run is feed-forward (feed_forward = True in the config); "
                             "ConvNEAT compiles a genome one way, as its run does")
        return RecurrentNetwork(genome.network())
