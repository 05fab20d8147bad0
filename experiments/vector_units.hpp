#pragma once
// Running on the vector units a config names (/vector_units, neat/config.hpp). Each set is a
// binary of its own — convneat (portable), convneat-avx2, convneat-avx512, built side by side
// (cmake/vector-units.cmake) — because Eigen's SIMD kernels are chosen when it is compiled. A
// command whose config asks for other units than this binary's replaces this process with the
// sibling built for them, with the same command line, before it reads any data or starts MPI;
// the sibling then finds its own units asked for and goes on.
#include <string>
#include <vector>

#include "neat/config.hpp"

namespace convneat {

// The vector units this binary was compiled for.
VectorUnits built_vector_units();

// Whether this processor can run code compiled for `units` (portable: always, on x86-64).
bool processor_supports(VectorUnits units);

// Returns when this binary is the one for `wanted`. Otherwise executes the sibling binary for
// `wanted` with `arguments` (the subcommand and its arguments) and does not return; throws
// ConfigError naming `source` (the config or spec) when the processor lacks those units, the
// sibling was not built, or it cannot be started.
void continue_on_vector_units(VectorUnits wanted, const std::vector<std::string>& arguments,
                              const std::string& source);

}  // namespace convneat
