#!/usr/bin/python3
"""Cart-pole as a ConvNEAT environment worker (docs/environments.md): the classic control
task written from its equations of motion (Barto, Sutton & Anderson 1983; as corrected by
Florian 2007, with the constants of the common CartPole benchmark), speaking the line-based
JSON protocol on stdin and stdout. Standard library only.

A pole hinged on a cart: each step the network's one output pushes the cart right (output
above 0.5) or left with 10 N; the episode ends when the cart leaves [-2.4, 2.4] m or the pole
leans more than 12 degrees, or after the task's max_steps. Reward: 1 per step balanced.
Observations: x / 2.4, x' / 2, theta / 0.21, theta' / 2 (roughly in [-1, 1]).
The start state is uniform in [-0.05, 0.05]^4, drawn from the episode's seed alone, so an
episode is a pure function of its seed and the actions.
"""
import json
import math
import random
import sys

GRAVITY = 9.8
CART_MASS = 1.0
POLE_MASS = 0.1
HALF_LENGTH = 0.5  # metres, pivot to the pole's centre of mass
FORCE = 10.0
TAU = 0.02  # seconds per step (explicit Euler, as the benchmark integrates)
X_LIMIT = 2.4
THETA_LIMIT = 12 * 2 * math.pi / 360


def step(state, push_right):
    x, x_dot, theta, theta_dot = state
    force = FORCE if push_right else -FORCE
    cos, sin = math.cos(theta), math.sin(theta)
    total_mass = CART_MASS + POLE_MASS
    temp = (force + POLE_MASS * HALF_LENGTH * theta_dot ** 2 * sin) / total_mass
    theta_acc = (GRAVITY * sin - cos * temp) / (
        HALF_LENGTH * (4.0 / 3.0 - POLE_MASS * cos ** 2 / total_mass))
    x_acc = temp - POLE_MASS * HALF_LENGTH * theta_acc * cos / total_mass
    return (x + TAU * x_dot, x_dot + TAU * x_acc, theta + TAU * theta_dot, theta_dot + TAU * theta_acc)


def observe(state):
    x, x_dot, theta, theta_dot = state
    return [x / X_LIMIT, x_dot / 2.0, theta / THETA_LIMIT, theta_dot / 2.0]


def main():
    state = None
    for line in sys.stdin:
        message = json.loads(line)
        kind = message["type"]
        if kind == "spaces":
            answer = {"observations": 4, "actions": 1,
                      "observation_names": ["x/2.4", "x'/2", "theta/0.21", "theta'/2"],
                      "action_names": ["push right (> 0.5)"]}
        elif kind == "reset":
            draw = random.Random(message["seed"])
            state = tuple(draw.uniform(-0.05, 0.05) for _ in range(4))
            answer = {"observation": observe(state)}
        elif kind == "step":
            state = step(state, message["action"][0] > 0.5)
            failed = abs(state[0]) > X_LIMIT or abs(state[2]) > THETA_LIMIT
            answer = {"observation": observe(state), "reward": 1.0, "done": failed}
        else:
            raise SystemExit("cart_pole.py: unknown message type %r" % kind)
        sys.stdout.write(json.dumps(answer) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
