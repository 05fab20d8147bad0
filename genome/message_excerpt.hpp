#pragma once
// What of a user's input an error message may repeat. A message is one line a person reads:
// it names the key or file and shows the offending value, but a value of megabytes (a
// 60,000-deep `--set` value, a huge string in a config) must not become a megabyte line.
#include <cstddef>
#include <string>
#include <string_view>

namespace convneat {

// Longest part of a value a message repeats, in bytes.
inline constexpr std::size_t kMaxEchoedBytes = 100;

// `text` itself when it is at most kMaxEchoedBytes long, else its start (never cut inside a
// UTF-8 character) followed by "… (N bytes)".
std::string excerpt(std::string_view text);

}  // namespace convneat
