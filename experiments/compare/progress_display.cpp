#include "experiments/compare/progress_display.hpp"

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

std::string ProgressDisplay::line(std::size_t done, std::size_t already_done, std::size_t total, double elapsed) {
  std::string text = "runs " + std::to_string(done) + "/" + std::to_string(total) + ", elapsed " + duration_text(elapsed);
  const std::size_t done_now = done - already_done;
  if (done < total && done_now > 0)
    text += ", about " + duration_text(elapsed / static_cast<double>(done_now) * static_cast<double>(total - done)) + " left";
  return text;
}

void ProgressDisplay::run_finished() {
  const std::lock_guard lock(printing_);
  ++done_;
  const double since_print = std::chrono::duration<double>(Clock::now() - last_print_).count();
  if (since_print >= (terminal_ ? 0.2 : 5.0)) print(false);
}

void ProgressDisplay::finish() {
  const std::lock_guard lock(printing_);
  print(true);
}

void ProgressDisplay::print(bool final) {
  last_print_ = Clock::now();
  const std::string text = line(done_, already_done_, total_, std::chrono::duration<double>(last_print_ - start_).count());
  if (terminal_)
    out_ << '\r' << text << "\x1b[K" << (final ? "\n" : "") << std::flush;  // ESC[K clears the rest of the line
  else
    out_ << text << '\n' << std::flush;
}

}  // namespace convneat::compare
