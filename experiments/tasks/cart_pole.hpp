#pragma once
// The cart-pole system of the pole-balancing benchmarks (spec: docs/specs/pole-balancing.md),
// independent of the evolution engine: one or two poles hinged on a cart that moves on a
// 4.8 m track, pushed by a force F.
//
// Equations of motion: the multi-pole cart equations of Wieland (1991), as in the cart-pole
// module of the original NEAT code (Stanley & Miikkulainen 2002, itself taken from Gomez's
// ESP code). For pole i with mass m_i, half-length l_i, angle θ_i from the vertical and
// hinge friction μ_p, on a cart of mass M without track friction:
//
//   effective mass     m̃_i = m_i (1 − ¾ cos²θ_i)
//   effective force    F̃_i = m_i l_i θ̇_i² sin θ_i + ¾ m_i cos θ_i (μ_p θ̇_i / (m_i l_i) + g sin θ_i)
//   cart               ẍ   = (F + Σ_i F̃_i) / (M + Σ_i m̃_i)
//   pole i             θ̈_i = −3 / (4 l_i) · (ẍ cos θ_i + g sin θ_i + μ_p θ̇_i / (m_i l_i))
//
// where g is the signed acceleration of gravity along the upward vertical: g = −9.8 m/s²
// (the original code's GRAVITY is −9.8). With this sign a pole leaning to positive θ falls
// further toward positive θ and pushes the cart toward negative x. The equations follow
// from the Lagrangian of a cart carrying uniform rods (moment of inertia ⁴⁄₃ m_i l_i² about
// the hinge); tests/reference/cart_pole_reference.py solves that Lagrangian system directly
// as an independent check.
//
// Integration: classical 4th-order Runge–Kutta, step τ = 0.01 s, two steps per network
// decision. Failure: |x| > 2.4 m or any |θ_i| > 0.628329 rad (36°).
#include <cstddef>

namespace convneat {

// The constants of Wieland (1991), Gruau et al. (1996) and Stanley & Miikkulainen (2002).
struct CartPoleParameters {
  double gravity = 9.8;                // m/s², magnitude; the equations use g = −gravity
  double cart_mass = 1.0;              // kg
  double pole1_mass = 0.1;             // kg
  double pole1_half_length = 0.5;      // m
  double pole2_mass = 0.01;            // kg
  double pole2_half_length = 0.05;     // m
  double hinge_friction = 0.000002;    // μ_p, both hinges
  double force_magnitude = 10.0;       // N: F ∈ [−10, 10]
  double time_step = 0.01;             // s, τ of one Runge–Kutta step
  std::size_t steps_per_decision = 2;  // Runge–Kutta steps between network decisions
  double track_limit = 2.4;            // m: failure when |x| exceeds it
  double failure_angle = 0.628329;     // rad (36°): failure when any |θ_i| exceeds it
  bool second_pole = true;             // false: the single-pole system (same equations, pole 1 only)

  static CartPoleParameters double_pole() { return {}; }
  static CartPoleParameters single_pole() {
    CartPoleParameters parameters;
    parameters.second_pole = false;
    return parameters;
  }
};

// Position, velocity, pole angles (rad, 0 = upright) and angular velocities. In single-pole
// mode theta2 and theta2_dot stay 0. Also used for time derivatives, component by component.
struct CartPoleState {
  double x = 0.0;
  double x_dot = 0.0;
  double theta1 = 0.0;
  double theta1_dot = 0.0;
  double theta2 = 0.0;
  double theta2_dot = 0.0;

  bool operator==(const CartPoleState&) const = default;
};

// All zero except θ₁ = 0.07 rad (≈ 4°): the start of every benchmark episode.
CartPoleState standard_start();

class CartPole {
 public:
  explicit CartPole(CartPoleParameters parameters = CartPoleParameters::double_pole());

  const CartPoleParameters& parameters() const { return parameters_; }

  // The network output o ∈ [0, 1] as a force: F = 10 · (2o − 1). Outputs outside [0, 1]
  // (other activations) are clamped, so no network can push harder than ±10 N.
  double force_from_output(double output) const;

  // d/dt of every state component under force F (N), by the equations above.
  CartPoleState derivative(const CartPoleState& state, double force) const;

  // One classical 4th-order Runge–Kutta step of length h, F held constant.
  CartPoleState runge_kutta_step(const CartPoleState& state, double force, double h) const;

  // One network decision: steps_per_decision Runge–Kutta steps of time_step under F.
  CartPoleState advance(const CartPoleState& state, double force) const;

  // Cart off the track or a pole past the failure angle. A NaN anywhere counts as failure.
  bool failed(const CartPoleState& state) const;

 private:
  CartPoleParameters parameters_;
};

}  // namespace convneat
