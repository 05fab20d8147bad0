#include "experiments/tasks/cart_pole.hpp"

#include <algorithm>
#include <cmath>

namespace convneat {
namespace {

struct Pole {
  double mass;         // m_i
  double half_length;  // l_i
};

// μ_p θ̇_i / (m_i l_i): the hinge friction term shared by F̃_i and θ̈_i.
double friction_term(const Pole& pole, double theta_dot, double mu) {
  return mu * theta_dot / (pole.mass * pole.half_length);
}

// m̃_i = m_i (1 − ¾ cos²θ_i)   (Wieland 1991)
double effective_mass(const Pole& pole, double theta) {
  const double cosine = std::cos(theta);
  return pole.mass * (1.0 - 0.75 * cosine * cosine);
}

// F̃_i = m_i l_i θ̇_i² sin θ_i + ¾ m_i cos θ_i (μ_p θ̇_i / (m_i l_i) + g sin θ_i)   (Wieland 1991)
double effective_force(const Pole& pole, double theta, double theta_dot, double g, double mu) {
  const double centripetal = pole.mass * pole.half_length * theta_dot * theta_dot * std::sin(theta);
  return centripetal + 0.75 * pole.mass * std::cos(theta) * (friction_term(pole, theta_dot, mu) + g * std::sin(theta));
}

// θ̈_i = −3 / (4 l_i) · (ẍ cos θ_i + g sin θ_i + μ_p θ̇_i / (m_i l_i))   (Wieland 1991)
double angular_acceleration(const Pole& pole, double theta, double theta_dot, double x_ddot, double g, double mu) {
  return -0.75 / pole.half_length *
         (x_ddot * std::cos(theta) + g * std::sin(theta) + friction_term(pole, theta_dot, mu));
}

// s + h · d, component by component.
CartPoleState add_scaled(const CartPoleState& s, const CartPoleState& d, double h) {
  return {s.x + h * d.x,           s.x_dot + h * d.x_dot,   s.theta1 + h * d.theta1,
          s.theta1_dot + h * d.theta1_dot, s.theta2 + h * d.theta2, s.theta2_dot + h * d.theta2_dot};
}

// s + h/6 · (k1 + 2 k2 + 2 k3 + k4), component by component.
CartPoleState runge_kutta_combination(const CartPoleState& s, double h, const CartPoleState& k1,
                                      const CartPoleState& k2, const CartPoleState& k3, const CartPoleState& k4) {
  const auto weighted = [&](double CartPoleState::*component) {
    return s.*component + h / 6.0 * (k1.*component + 2.0 * k2.*component + 2.0 * k3.*component + k4.*component);
  };
  return {weighted(&CartPoleState::x),      weighted(&CartPoleState::x_dot),
          weighted(&CartPoleState::theta1), weighted(&CartPoleState::theta1_dot),
          weighted(&CartPoleState::theta2), weighted(&CartPoleState::theta2_dot)};
}

}  // namespace

CartPoleState standard_start() {
  CartPoleState start;
  start.theta1 = 0.07;  // Gruau et al. (1996); Stanley & Miikkulainen (2002)
  return start;
}

CartPole::CartPole(CartPoleParameters parameters) : parameters_(parameters) {}

double CartPole::force_from_output(double output) const {
  return parameters_.force_magnitude * (2.0 * std::clamp(output, 0.0, 1.0) - 1.0);
}

CartPoleState CartPole::derivative(const CartPoleState& state, double force) const {
  const CartPoleParameters& p = parameters_;
  const double g = -p.gravity;  // signed, along the upward vertical, as the original code's GRAVITY
  const double mu = p.hinge_friction;
  const Pole pole1{p.pole1_mass, p.pole1_half_length};
  const Pole pole2{p.pole2_mass, p.pole2_half_length};

  double driving_force = force + effective_force(pole1, state.theta1, state.theta1_dot, g, mu);
  double moving_mass = p.cart_mass + effective_mass(pole1, state.theta1);
  if (p.second_pole) {
    driving_force += effective_force(pole2, state.theta2, state.theta2_dot, g, mu);
    moving_mass += effective_mass(pole2, state.theta2);
  }
  const double x_ddot = driving_force / moving_mass;

  CartPoleState rate;
  rate.x = state.x_dot;
  rate.x_dot = x_ddot;
  rate.theta1 = state.theta1_dot;
  rate.theta1_dot = angular_acceleration(pole1, state.theta1, state.theta1_dot, x_ddot, g, mu);
  if (p.second_pole) {
    rate.theta2 = state.theta2_dot;
    rate.theta2_dot = angular_acceleration(pole2, state.theta2, state.theta2_dot, x_ddot, g, mu);
  }
  return rate;
}

CartPoleState CartPole::runge_kutta_step(const CartPoleState& state, double force, double h) const {
  const CartPoleState k1 = derivative(state, force);
  const CartPoleState k2 = derivative(add_scaled(state, k1, h / 2.0), force);
  const CartPoleState k3 = derivative(add_scaled(state, k2, h / 2.0), force);
  const CartPoleState k4 = derivative(add_scaled(state, k3, h), force);
  return runge_kutta_combination(state, h, k1, k2, k3, k4);
}

CartPoleState CartPole::advance(const CartPoleState& state, double force) const {
  CartPoleState next = state;
  for (std::size_t step = 0; step < parameters_.steps_per_decision; ++step)
    next = runge_kutta_step(next, force, parameters_.time_step);
  return next;
}

bool CartPole::failed(const CartPoleState& state) const {
  // Written as "not within bounds" so that NaN (every comparison false) is a failure.
  const auto within = [](double value, double limit) { return std::abs(value) <= limit; };
  const bool poles_up = within(state.theta1, parameters_.failure_angle) &&
                        (!parameters_.second_pole || within(state.theta2, parameters_.failure_angle));
  return !(within(state.x, parameters_.track_limit) && poles_up);
}

}  // namespace convneat
