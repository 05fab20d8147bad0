#pragma once
// Rendering DOT text to SVG or PNG with Graphviz's `dot`, run as a child process (there is
// no Graphviz library dependency: the renderer is only needed when a picture is asked for).
#include <optional>
#include <filesystem>
#include <string>

namespace convneat {

// format: "svg" or "png". Writes to `output`, or to stdout when none is given. Throws
// std::runtime_error with one line if `dot` is missing (naming the Debian package) or fails.
void render_dot(const std::string& dot_text, const std::string& format,
                const std::optional<std::filesystem::path>& output);

}  // namespace convneat
