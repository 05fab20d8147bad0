#include "experiments/tasks/maze_world.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <optional>

namespace convneat {
namespace {

constexpr double kRobotRadius = 8.0;
constexpr double kRangefinderReach = 100.0;
constexpr std::array<double, 6> kRangefinderAngles{-90.0, -45.0, 0.0, 45.0, 90.0, 180.0};
constexpr double kVelocityLimit = 3.0;

double radians(double degrees) { return degrees * std::numbers::pi / 180.0; }

double distance(MazePoint p, MazePoint q) { return std::hypot(p.x - q.x, p.y - q.y); }

// The point where segments p1–p2 and q1–q2 cross strictly inside both, if they do.
std::optional<MazePoint> crossing(MazePoint p1, MazePoint p2, MazePoint q1, MazePoint q2) {
  const double denominator = (p2.x - p1.x) * (q2.y - q1.y) - (p2.y - p1.y) * (q2.x - q1.x);
  if (denominator == 0.0) return std::nullopt;  // parallel
  const double along_p = ((p1.y - q1.y) * (q2.x - q1.x) - (p1.x - q1.x) * (q2.y - q1.y)) / denominator;
  const double along_q = ((p1.y - q1.y) * (p2.x - p1.x) - (p1.x - q1.x) * (p2.y - p1.y)) / denominator;
  if (!(along_p > 0.0 && along_p < 1.0 && along_q > 0.0 && along_q < 1.0)) return std::nullopt;
  return MazePoint{p1.x + along_p * (p2.x - p1.x), p1.y + along_p * (p2.y - p1.y)};
}

double distance_to_wall(MazePoint p, const MazeWall& wall) {
  const double dx = wall.b.x - wall.a.x, dy = wall.b.y - wall.a.y;
  const double length_squared = dx * dx + dy * dy;
  if (length_squared == 0.0) return distance(p, wall.a);
  const double along = std::clamp(((p.x - wall.a.x) * dx + (p.y - wall.a.y) * dy) / length_squared, 0.0, 1.0);
  return distance(p, {wall.a.x + along * dx, wall.a.y + along * dy});
}

std::vector<MazeWall> walls(std::initializer_list<std::array<double, 4>> segments) {
  std::vector<MazeWall> list;
  for (const auto& [ax, ay, bx, by] : segments) list.push_back({{ax, ay}, {bx, by}});
  return list;
}

}  // namespace

MazeLayout medium_maze() {
  return {walls({{5, 5, 295, 5},
                 {295, 5, 295, 135},
                 {295, 135, 5, 135},
                 {5, 135, 5, 5},
                 {241, 135, 58, 65},
                 {114, 5, 73, 42},
                 {130, 91, 107, 46},
                 {196, 5, 139, 51},
                 {219, 125, 182, 63},
                 {267, 5, 214, 63},
                 {271, 135, 237, 88}}),
          {30, 22},
          0.0,
          {270, 100}};
}

MazeLayout hard_maze() {
  return {walls({{5, 5, 5, 200},
                 {5, 200, 200, 200},
                 {200, 200, 200, 5},
                 {200, 5, 5, 5},
                 {5, 49, 57, 53},
                 {56, 54, 56, 157},
                 {57, 106, 158, 162},
                 {77, 200, 108, 164},
                 {5, 80, 33, 121},
                 {200, 146, 87, 91},
                 {56, 55, 133, 30}}),
          {36, 184},
          0.0,
          {31, 20}};
}

MazeRobot::MazeRobot(const MazeLayout& layout)
    : layout_(layout), position_(layout.start), heading_(layout.start_heading) {}

void MazeRobot::sense(std::span<double, kMazeSensors> inputs) const {
  for (std::size_t i = 0; i < kRangefinderAngles.size(); ++i) {
    const double direction = radians(heading_ + kRangefinderAngles[i]);
    const MazePoint reach{position_.x + kRangefinderReach * std::cos(direction),
                          position_.y + kRangefinderReach * std::sin(direction)};
    double nearest = kRangefinderReach;
    for (const MazeWall& wall : layout_.walls)
      if (const auto hit = crossing(position_, reach, wall.a, wall.b)) nearest = std::min(nearest, distance(position_, *hit));
    inputs[i] = nearest / kRangefinderReach;
  }
  // The goal's bearing from the heading, in [0, 360): quarter 0 covers [315, 45), 1 [45, 135), …
  double bearing = std::atan2(layout_.goal.y - position_.y, layout_.goal.x - position_.x) * 180.0 / std::numbers::pi -
                   heading_;
  bearing = std::fmod(std::fmod(bearing, 360.0) + 360.0, 360.0);
  const auto quarter = static_cast<std::size_t>(std::fmod(bearing + 45.0, 360.0) / 90.0);
  for (std::size_t q = 0; q < 4; ++q) inputs[kRangefinderAngles.size() + q] = q == quarter ? 1.0 : 0.0;
}

void MazeRobot::step(double turn_output, double speed_output) {
  angular_velocity_ = std::clamp(angular_velocity_ + (turn_output - 0.5), -kVelocityLimit, kVelocityLimit);
  speed_ = std::clamp(speed_ + (speed_output - 0.5), -kVelocityLimit, kVelocityLimit);
  // The move follows the heading before this step's turn, as in the paper's simulator.
  const MazePoint next{position_.x + std::cos(radians(heading_)) * speed_,
                       position_.y + std::sin(radians(heading_)) * speed_};
  heading_ = std::fmod(std::fmod(heading_ + angular_velocity_, 360.0) + 360.0, 360.0);
  if (!collides(next)) position_ = next;
}

bool MazeRobot::collides(MazePoint at) const {
  return std::any_of(layout_.walls.begin(), layout_.walls.end(),
                     [&](const MazeWall& wall) { return distance_to_wall(at, wall) < kRobotRadius; });
}

double MazeRobot::distance_to_goal() const { return distance(position_, layout_.goal); }

}  // namespace convneat
