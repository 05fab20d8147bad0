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

With --batch the worker takes all of a genome's episodes at once (the protocol's reset_batch
and step_batch) and writes its numbers as base64 of float64: one message per step for all of
them instead of one per episode step, which is what makes the pipe cheap (docs/environments.md).
"""
import base64
import json
import math
import random
import struct
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


SPACES = {"observations": 4, "actions": 1,
          "observation_names": ["x/2.4", "x'/2", "theta/0.21", "theta'/2"],
          "action_names": ["push right (> 0.5)"]}


def start(seed):
    draw = random.Random(seed)
    return tuple(draw.uniform(-0.05, 0.05) for _ in range(4))


def failed(state):
    return abs(state[0]) > X_LIMIT or abs(state[2]) > THETA_LIMIT


def answer_one(message, state):
    """One episode at a time, numbers as JSON: the protocol's plain form."""
    kind = message["type"]
    if kind == "spaces":
        return SPACES, state
    if kind == "reset":
        state = start(message["seed"])
        return {"observation": observe(state)}, state
    if kind == "step":
        state = step(state, message["action"][0] > 0.5)
        return {"observation": observe(state), "reward": 1.0, "done": failed(state)}, state
    raise SystemExit("cart_pole.py: unknown message type %r" % kind)


def floats(values):
    return base64.b64encode(struct.pack("<%dd" % len(values), *values)).decode("ascii")


def answer_batch(message, states):
    """All of a genome's episodes in lockstep, numbers as base64 of float64. `states` holds
    the episodes not yet done, in their order: an episode answered done is dropped."""
    kind = message["type"]
    if kind == "spaces":
        return dict(SPACES, batch=True, encoding="base64"), states
    if kind == "reset_batch":
        states = [start(seed) for seed in message["seeds"]]
        observations = []
        for state in states:
            observations += observe(state)
        return {"observations": floats(observations)}, states
    if kind == "step_batch":
        actions = base64.b64decode(message["actions"])
        pushes = struct.unpack("<%dd" % (len(actions) // 8), actions)
        if len(pushes) != len(states):
            raise SystemExit("cart_pole.py: %d actions for %d running episodes" % (len(pushes), len(states)))
        observations, dones, running = [], bytearray(len(states)), []
        for k, (state, push) in enumerate(zip(states, pushes)):
            state = step(state, push > 0.5)
            observations += observe(state)
            if failed(state):
                dones[k] = 1
            else:
                running.append(state)
        answer = {"observations": floats(observations), "rewards": floats([1.0] * len(states)),
                  "dones": base64.b64encode(bytes(dones)).decode("ascii")}
        return answer, running
    raise SystemExit("cart_pole.py: unknown message type %r" % kind)


def main():
    answer = answer_batch if "--batch" in sys.argv[1:] else answer_one
    state = None
    for line in sys.stdin:
        reply, state = answer(json.loads(line), state)
        sys.stdout.write(json.dumps(reply) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
