#pragma once
// The deceptive maze of Lehman & Stanley (2011, "Abandoning objectives: evolution through the
// search for novelty alone"): a round robot of radius 8 in a maze of wall segments, with six
// rangefinders (reach 100, at −90°, −45°, 0°, 45°, 90° and 180° from its heading) and four
// pie-slice sensors that fire for the quarter the goal lies in (ahead [−45°, 45°), +90°,
// behind, −90°). Each step its network's two outputs, each in [0, 1], change the angular
// velocity and the speed by (output − 0.5), both kept within ±3; the robot moves along its
// heading (unless the move would bring a wall nearer than its radius), then turns, as the
// paper's simulator does. It reaches the goal within 5.
// The layouts are the paper's medium and hard mazes (coordinates as its simulator's data).
#include <array>
#include <span>
#include <vector>

namespace convneat {

struct MazePoint {
  double x = 0.0, y = 0.0;
};

struct MazeWall {
  MazePoint a, b;
};

struct MazeLayout {
  std::vector<MazeWall> walls;  // the boundary among them
  MazePoint start;
  double start_heading = 0.0;  // degrees
  MazePoint goal;
};

MazeLayout medium_maze();
MazeLayout hard_maze();

inline constexpr std::size_t kMazeSensors = 10;  // six rangefinders, four goal quarters
inline constexpr double kMazeGoalRadius = 5.0;

class MazeRobot {
 public:
  explicit MazeRobot(const MazeLayout& layout);
  MazeRobot(MazeLayout&&) = delete;  // keeps a reference: no temporaries

  // Rangefinder distances / their reach (1: nothing within reach), then the four quarters
  // (1 for the one the goal lies in, else 0).
  void sense(std::span<double, kMazeSensors> inputs) const;
  // Changes the velocities by the network's outputs, moves one step along the heading (if no
  // wall is in the way), then turns.
  void step(double turn_output, double speed_output);

  MazePoint position() const { return position_; }
  double distance_to_goal() const;

 private:
  bool collides(MazePoint at) const;

  const MazeLayout& layout_;
  MazePoint position_;
  double heading_;  // degrees
  double speed_ = 0.0;
  double angular_velocity_ = 0.0;
};

}  // namespace convneat
