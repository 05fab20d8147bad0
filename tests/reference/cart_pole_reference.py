#!/usr/bin/env python3
"""Independent reference numbers for tests/test_cart_pole.cpp.

The C++ code (experiments/tasks/cart_pole.cpp) uses Wieland's (1991) closed-form
multi-pole equations with effective masses and forces, as in the original NEAT code.
This script does not: it writes Lagrange's equations of a cart carrying uniform rods,

    (M + Σ m_i) ẍ + Σ m_i l_i (cos θ_i θ̈_i − sin θ_i θ̇_i²) = F
    m_i l_i cos θ_i ẍ + (4/3) m_i l_i² θ̈_i − m_i g l_i sin θ_i = −μ_p θ̇_i

(θ_i from the upward vertical, g = +9.8, l_i the half-length, μ_p the hinge friction),
and solves that linear system for (ẍ, θ̈_1, θ̈_2) by Gaussian elimination at every
evaluation; the 4th-order Runge–Kutta step is a generic one over plain lists. Only the
standard library is used. Run it with `python3 tests/reference/cart_pole_reference.py`;
it prints every number pasted into the tests (17 significant digits); add `--long` for the
100,000-decision and 625-start runs (a few minutes).

The controllers at the end are linear-quadratic regulators of the linearised system,
found here by a discrete Riccati iteration; the tests re-create them as small fake
networks from the printed weights, to check task fitness on episodes that balance.
"""
import math
import sys

GRAVITY = 9.8
CART_MASS = 1.0
POLE_MASS = (0.1, 0.01)
HALF_LENGTH = (0.5, 0.05)
HINGE_FRICTION = 0.000002
TIME_STEP = 0.01
STEPS_PER_DECISION = 2
TRACK_LIMIT = 2.4
FAILURE_ANGLE = 0.628329
BIAS_INPUT = 0.5


def solve(matrix, vector):
    """Gaussian elimination with partial pivoting on copies of the inputs."""
    n = len(vector)
    a = [row[:] + [vector[i]] for i, row in enumerate(matrix)]
    for column in range(n):
        pivot = max(range(column, n), key=lambda r: abs(a[r][column]))
        a[column], a[pivot] = a[pivot], a[column]
        for row in range(column + 1, n):
            factor = a[row][column] / a[column][column]
            for k in range(column, n + 1):
                a[row][k] -= factor * a[column][k]
    solution = [0.0] * n
    for row in reversed(range(n)):
        known = sum(a[row][k] * solution[k] for k in range(row + 1, n))
        solution[row] = (a[row][n] - known) / a[row][row]
    return solution


def rates(state, force, poles):
    """d/dt of (x, ẋ, θ1, θ̇1, θ2, θ̇2) from Lagrange's equations; unused poles stay still."""
    n = 1 + poles
    mass_matrix = [[0.0] * n for _ in range(n)]
    generalised_force = [0.0] * n
    mass_matrix[0][0] = CART_MASS + sum(POLE_MASS[:poles])
    generalised_force[0] = force
    for i in range(poles):
        m, l = POLE_MASS[i], HALF_LENGTH[i]
        angle, angular_velocity = state[2 + 2 * i], state[3 + 2 * i]
        mass_matrix[0][i + 1] = mass_matrix[i + 1][0] = m * l * math.cos(angle)
        mass_matrix[i + 1][i + 1] = 4.0 / 3.0 * m * l * l
        generalised_force[0] += m * l * math.sin(angle) * angular_velocity ** 2
        generalised_force[i + 1] = m * GRAVITY * l * math.sin(angle) - HINGE_FRICTION * angular_velocity
    accelerations = solve(mass_matrix, generalised_force)
    derivative = [0.0] * 6
    derivative[0], derivative[1] = state[1], accelerations[0]
    for i in range(poles):
        derivative[2 + 2 * i], derivative[3 + 2 * i] = state[3 + 2 * i], accelerations[i + 1]
    return derivative


def runge_kutta(f, y, h):
    k1 = f(y)
    k2 = f([yi + h / 2 * ki for yi, ki in zip(y, k1)])
    k3 = f([yi + h / 2 * ki for yi, ki in zip(y, k2)])
    k4 = f([yi + h * ki for yi, ki in zip(y, k3)])
    return [yi + h / 6 * (a + 2 * b + 2 * c + d) for yi, a, b, c, d in zip(y, k1, k2, k3, k4)]


def decide(state, force, poles, h=TIME_STEP, steps=STEPS_PER_DECISION):
    for _ in range(steps):
        state = runge_kutta(lambda y: rates(y, force, poles), state, h)
    return state


def failed(state, poles):
    angles = [state[2 + 2 * i] for i in range(poles)]
    return not (abs(state[0]) <= TRACK_LIMIT and all(abs(a) <= FAILURE_ANGLE for a in angles))


def force_from_output(output):
    return 10.0 * (2.0 * min(max(output, 0.0), 1.0) - 1.0)


def dpv_inputs(s):
    return [s[0] / 4.8, s[1] / 2.0, s[2] / 0.52, s[3] / 2.0, s[4] / 0.52, s[5] / 2.0, BIAS_INPUT]


def dpnv_inputs(s):
    return [s[0] / 4.8, s[2] / 0.52, s[4] / 0.52, BIAS_INPUT]


def episode(controller, make_inputs, limit, start=None):
    """Decisions balanced and the jiggle |x|+|ẋ|+|θ1|+|θ̇1| after each balanced decision."""
    state = list(start or [0.0, 0.0, 0.07, 0.0, 0.0, 0.0])
    jiggles = []
    for decision in range(limit):
        state = decide(state, force_from_output(controller(make_inputs(state))), 2)
        if failed(state, 2):
            return decision, jiggles, state
        jiggles.append(abs(state[0]) + abs(state[1]) + abs(state[2]) + abs(state[3]))
    return limit, jiggles, state


def damping_fitness(balanced, jiggles):
    f2 = 0.0 if balanced < 100 else 0.75 / sum(jiggles[balanced - 100:balanced])
    return 0.1 * balanced / 1000.0 + 0.9 * f2


# --- linear-quadratic regulator of the linearised double pole, sampled every decision ---

def matmul(a, b):
    return [[sum(a[i][k] * b[k][j] for k in range(len(b))) for j in range(len(b[0]))] for i in range(len(a))]


def transpose(a):
    return [list(row) for row in zip(*a)]


def madd(a, b, scale=1.0):
    return [[x + scale * y for x, y in zip(ra, rb)] for ra, rb in zip(a, b)]


def linearised_sampled_system():
    """(A_d, B_d): the state after one decision ≈ A_d s + B_d F near upright, by central differences."""
    eps = 1e-6
    upright = [0.0] * 6
    columns = []
    for j in range(6):
        plus, minus = upright[:], upright[:]
        plus[j], minus[j] = eps, -eps
        columns.append([(p - m) / (2 * eps) for p, m in zip(decide(plus, 0.0, 2), decide(minus, 0.0, 2))])
    a = transpose(columns)
    b = [[(p - m) / 2.0] for p, m in zip(decide(upright, 1.0, 2), decide(upright, -1.0, 2))]
    return a, b


def lqr_gains(q_diagonal, r):
    a, b = linearised_sampled_system()
    q = [[q_diagonal[i] if i == j else 0.0 for j in range(6)] for i in range(6)]
    p = q
    for _ in range(5000):
        at_p = matmul(transpose(a), p)
        bt_p_a = matmul(matmul(transpose(b), p), a)
        bt_p_b = matmul(matmul(transpose(b), p), b)[0][0]
        correction = matmul(transpose(bt_p_a), bt_p_a)
        p = madd(madd(q, matmul(at_p, a)), correction, -1.0 / (r + bt_p_b))
        p = [[(p[i][j] + p[j][i]) / 2.0 for j in range(6)] for i in range(6)]  # rounding breaks symmetry
    bt_p_b = matmul(matmul(transpose(b), p), b)[0][0]
    return [k / (r + bt_p_b) for k in matmul(matmul(transpose(b), p), a)[0]]  # F = −K s


def linear_weights(gains, scales):
    """Weights on scaled inputs so that 0.5 + Σ w_j input_j = 0.5 − K s / 20, i.e. F = −K s."""
    return [-k * scale / 20.0 for k, scale in zip(gains, scales)] + [1.0]


def linear_output(weights, inputs):
    total = 0.0
    for w, v in zip(weights, inputs):
        total += w * v
    return total


class DifferencingController:
    """No velocities given: estimate them as (input now − input one decision ago) / 0.02 s.

    Inputs x/4.8, θ1/0.52, θ2/0.52, 0.5; the weights act on the six scaled values
    (x, ẋ, θ1, θ̇1, θ2, θ̇2)/(4.8, 2, 0.52, 2, 0.52, 2) with the estimated velocities.
    """

    def __init__(self, weights):
        self.weights = weights
        self.previous = None

    def __call__(self, inputs):
        x, t1, t2 = inputs[0] * 4.8, inputs[1] * 0.52, inputs[2] * 0.52
        previous = self.previous or (x, t1, t2)
        self.previous = (x, t1, t2)
        period = TIME_STEP * STEPS_PER_DECISION
        velocities = [(now - before) / period for now, before in zip((x, t1, t2), previous)]
        scaled = [x / 4.8, velocities[0] / 2.0, t1 / 0.52, velocities[1] / 2.0, t2 / 0.52, velocities[2] / 2.0, 0.5]
        return linear_output(self.weights, scaled)


def show(label, values):
    print(label + ": " + ", ".join(f"{v:.17g}" for v in values))


def trajectories():
    print("# trajectories (x, ẋ, θ1, θ̇1, θ2, θ̇2)")
    state = [0.1, -0.2, 0.05, 0.3, -0.02, 0.1]
    for _ in range(10):
        state = decide(state, 3.0, 2)
    show("double pole, start (0.1, -0.2, 0.05, 0.3, -0.02, 0.1), F = 3 N, 10 decisions", state)
    state = [0.0, 0.0, 0.07, 0.0, 0.0, 0.0]
    for _ in range(20):
        state = decide(state, -2.0, 1)
    show("single pole, standard start, F = -2 N, 20 decisions", state)


def constant_output():
    print("# constant output 0.5 (F = 0) from the standard start")
    balanced, _, _ = episode(lambda inputs: 0.5, dpv_inputs, 100000)
    print(f"DPV decisions balanced: {balanced}")
    print(f"DPNV damping fitness: {damping_fitness(*episode(lambda inputs: 0.5, dpnv_inputs, 1000)[:2]):.17g}")


def regulated(weights, label, long_runs):
    show(label + ": weights", weights)
    limit = 100000 if long_runs else 1000
    balanced, _, state = episode(lambda inputs: linear_output(weights, inputs), dpv_inputs, limit)
    print(f"{label}: DPV decisions balanced (of {limit}): {balanced}")
    show(f"{label}: DPV state at the end", state)
    balanced, jiggles, _ = episode(DifferencingController(weights), dpnv_inputs, 1000)
    print(f"{label}: DPNV differencing controller: decisions balanced {balanced}, "
          f"damping fitness {damping_fitness(balanced, jiggles):.17g}")


def generalisation(weights):
    fractions = (0.05, 0.25, 0.5, 0.75, 0.95)
    limits = (2.16, 1.35, math.radians(3.6), math.radians(8.6))
    passed = 0
    for fx in fractions:
        for fv in fractions:
            for ft in fractions:
                for fw in fractions:
                    start = [-limit + f * 2 * limit for limit, f in zip(limits, (fx, fv, ft, fw))] + [0.0, 0.0]
                    balanced, _, _ = episode(DifferencingController(weights), dpnv_inputs, 1000, start)
                    passed += balanced >= 999
    long_run, _, _ = episode(DifferencingController(weights), dpnv_inputs, 100000)
    print(f"DPNV differencing controller: long test balanced {long_run} of 100000; generalisation {passed} of 625")


def main():
    long_runs = "--long" in sys.argv  # adds the 100,000-decision and 625-start runs (minutes)
    trajectories()
    constant_output()
    print("# linear-quadratic regulator, Q = diag(1, 1, 10, 1, 10, 1), R = 10")
    weights = linear_weights(lqr_gains([1.0, 1.0, 10.0, 1.0, 10.0, 1.0], 10.0), [4.8, 2.0, 0.52, 2.0, 0.52, 2.0])
    regulated(weights, "regulator", long_runs)
    # Gains scaled down to 0.58: still balances for a while, then fails (window test at failure).
    regulated([w * 0.58 for w in weights[:-1]] + [1.0], "regulator x 0.58", False)
    if long_runs:
        generalisation(weights)


if __name__ == "__main__":
    main()
