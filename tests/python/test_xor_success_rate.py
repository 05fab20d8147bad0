"""XOR with its fitness written in Python, solved (neat-python's threshold, 3.9) in at least
95 of 100 seeds within 100 generations."""
import convneat
from conftest import python_xor_config, xor_fitness


def test_xor_in_python_is_solved_by_at_least_95_of_100_seeds(tmp_path, capfd):
    solved = []
    for seed in range(1, 101):
        population = convneat.Population(python_xor_config(), seed=seed, output=tmp_path / str(seed))
        solved.append(population.run(xor_fitness)["solved"])
        capfd.readouterr()
    print(f"XOR with a Python fitness: {sum(solved)} of 100 seeds solved")
    assert sum(solved) >= 95
