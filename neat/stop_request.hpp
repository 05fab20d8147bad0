#pragma once
// A request, made from outside a run, to stop it between generations: set by a signal
// handler (experiments/stop_signals.hpp) or by a test. It holds the number of the signal that
// asked, 0 while nobody asked. Lock-free, so a signal handler may set it.
#include <atomic>

namespace convneat {

using StopRequest = std::atomic<int>;
static_assert(StopRequest::is_always_lock_free, "a signal handler must be able to set a StopRequest");

}  // namespace convneat
