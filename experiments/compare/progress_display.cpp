#include "experiments/compare/progress_display.hpp"

#include <algorithm>
#include <cmath>

namespace convneat::compare {
namespace {

using Clock = std::chrono::steady_clock;

std::string duration_text(double seconds) {
  const auto whole = static_cast<long long>(std::llround(seconds));
  if (whole < 120) return std::to_string(whole) + " s";
  if (whole < 7200) return std::to_string(whole / 60) + " min " + std::to_string(whole % 60) + " s";
  return std::to_string(whole / 3600) + " h " + std::to_string(whole % 3600 / 60) + " min";
}

}  // namespace

ProgressDisplay::ProgressDisplay(std::ostream& out, bool terminal, std::size_t already_done, std::size_t total)
    : out_(out), terminal_(terminal), already_done_(already_done), done_(already_done), total_(total),
      start_(Clock::now()), last_print_(start_) {}

std::string ProgressDisplay::line(std::size_t done, std::size_t already_done, std::size_t total, double elapsed,
                                  const std::map<std::string, RunningRun>& running) {
  std::string text = "runs " + std::to_string(done) + "/" + std::to_string(total) + ", elapsed " + duration_text(elapsed);
  double in_progress = 0.0;  // runs in progress, each by the share of its generations done
  for (const auto& [label, run] : running)
    if (run.generations > 0)
      in_progress += std::min(1.0, static_cast<double>(run.generation) / static_cast<double>(run.generations));
  const double done_now = static_cast<double>(done - already_done) + in_progress;
  if (done < total && done_now > 0.0)
    text += ", about " + duration_text(elapsed / done_now * (static_cast<double>(total - done) - in_progress)) + " left";
  constexpr std::size_t kNamed = 3;
  std::size_t named = 0;
  for (const auto& [label, run] : running) {
    if (named++ == kNamed) break;
    text += (named == 1 ? ", running " : ", ") + label + " gen " + std::to_string(run.generation) + "/" +
            std::to_string(run.generations);
  }
  if (running.size() > kNamed) text += " and " + std::to_string(running.size() - kNamed) + " more";
  return text;
}

void ProgressDisplay::run_progressed(const std::string& label, std::size_t generation, std::size_t generations) {
  const std::lock_guard lock(printing_);
  running_[label] = {generation, generations};
  print_if_due();
}

void ProgressDisplay::run_finished(const std::string& label) {
  const std::lock_guard lock(printing_);
  running_.erase(label);
  ++done_;
  print_if_due();
}

void ProgressDisplay::print_if_due() {
  const double since_print = std::chrono::duration<double>(Clock::now() - last_print_).count();
  if (since_print >= (terminal_ ? 0.2 : 5.0)) print(false);
}

void ProgressDisplay::finish() {
  const std::lock_guard lock(printing_);
  print(true);
}

void ProgressDisplay::print(bool final) {
  last_print_ = Clock::now();
  const std::string text =
      line(done_, already_done_, total_, std::chrono::duration<double>(last_print_ - start_).count(), running_);
  if (terminal_)
    out_ << '\r' << text << "\x1b[K" << (final ? "\n" : "") << std::flush;  // ESC[K clears the rest of the line
  else
    out_ << text << '\n' << std::flush;
}

}  // namespace convneat::compare
