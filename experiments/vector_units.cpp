#include "experiments/vector_units.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>

#include "neat/config_schema.hpp"

#ifndef CONVNEAT_BUILT_VECTOR_UNITS
#error "CONVNEAT_BUILT_VECTOR_UNITS (portable, avx2 or avx512) is set by experiments/CMakeLists.txt"
#endif

namespace convneat {
namespace {

namespace fs = std::filesystem;

// Set in the environment of the sibling this process becomes, so that a binary which is not
// what its name says (copied or renamed by hand) fails instead of starting itself again.
constexpr const char* kHandOverVariable = "CONVNEAT_VECTOR_UNITS_HANDOVER";

// The program's siblings are named after it: convneat, convneat-avx2, convneat-avx512. A
// program of a user's own (docs/library.md) has none unless its user builds them.
std::string program_name(const fs::path& self) {
  std::string name = self.filename().string();
  std::string suffix = "-";
  suffix += kVectorUnits.name(built_vector_units());
  if (built_vector_units() != VectorUnits::portable && name.ends_with(suffix)) name.resize(name.size() - suffix.size());
  return name;
}

std::string binary_name(const std::string& program, VectorUnits units) {
  std::string name = program;
  if (units != VectorUnits::portable) (name += '-') += kVectorUnits.name(units);
  return name;
}

// What the units need of the processor: the x86-64-v3 and -v4 feature levels the builds are
// compiled for, as GCC and Clang both name their features.
std::string missing_features(VectorUnits units) {
#if defined(__x86_64__)
  __builtin_cpu_init();
  std::string missing;
  const auto need = [&](bool present, const char* feature) {
    if (!present) missing += (missing.empty() ? "" : ", ") + std::string(feature);
  };
  if (units == VectorUnits::avx2 || units == VectorUnits::avx512) {
    need(__builtin_cpu_supports("avx2"), "AVX2");
    need(__builtin_cpu_supports("fma"), "FMA");
    need(__builtin_cpu_supports("bmi2"), "BMI2");
  }
  if (units == VectorUnits::avx512) {
    need(__builtin_cpu_supports("avx512f"), "AVX-512F");
    need(__builtin_cpu_supports("avx512bw"), "AVX-512BW");
    need(__builtin_cpu_supports("avx512dq"), "AVX-512DQ");
    need(__builtin_cpu_supports("avx512vl"), "AVX-512VL");
  }
  return missing;
#else
  return units == VectorUnits::portable ? "" : "x86-64 vector units (this is not an x86-64 build)";
#endif
}

fs::path this_binary() {
  std::error_code error;
  const fs::path path = fs::read_symlink("/proc/self/exe", error);
  return error ? fs::path() : path;
}

}  // namespace

VectorUnits built_vector_units() {
  static_assert(kVectorUnits.parse(CONVNEAT_BUILT_VECTOR_UNITS).has_value(), "unknown CONVNEAT_BUILT_VECTOR_UNITS");
  return *kVectorUnits.parse(CONVNEAT_BUILT_VECTOR_UNITS);
}

bool processor_supports(VectorUnits units) { return missing_features(units).empty(); }

void continue_on_vector_units(VectorUnits wanted, const std::vector<std::string>& arguments,
                              const std::string& source) {
  if (wanted == built_vector_units()) return;
  const std::string key = source + ": /vector_units \"" + std::string(kVectorUnits.name(wanted)) + "\"";
  if (const std::string missing = missing_features(wanted); !missing.empty())
    throw ConfigError(key + ": this processor lacks " + missing + "; use \"portable\" (or a path it has)");
  const fs::path self = this_binary();
  if (self.empty()) throw ConfigError(key + ": cannot tell where this binary is (/proc/self/exe), to start its sibling");
  if (std::getenv(kHandOverVariable) != nullptr)
    throw ConfigError(key + ": " + self.string() + " was handed the run but is built for \"" +
                      std::string(kVectorUnits.name(built_vector_units())) + "\" (renamed by hand?)");
  const std::string program = program_name(self);
  const fs::path sibling = self.parent_path() / binary_name(program, wanted);
  std::error_code ignored;
  if (fs::equivalent(sibling, self, ignored))  // a wide build tree's own convneat asked for portable units
    throw ConfigError(key + ": " + self.string() + " is built for \"" +
                      std::string(kVectorUnits.name(built_vector_units())) +
                      "\"; run the project's portable convneat, which continues as this one when asked");
  if (::access(sibling.c_str(), X_OK) != 0) {
    if (program != "convneat")
      throw ConfigError(key + ": " + sibling.string() + " does not exist; a program built on the installed ConvNEAT "
                        "library runs on the units the library was built for (\"" +
                        std::string(kVectorUnits.name(built_vector_units())) + "\")");
    throw ConfigError(key + ": " + sibling.string() + " was not built (it is built with the project on x86-64, "
                      "unless CMake was given -DCONVNEAT_WIDE_BUILDS=OFF)");
  }
  std::vector<std::string> words{sibling.string()};
  words.insert(words.end(), arguments.begin(), arguments.end());
  std::vector<char*> argv;
  for (std::string& word : words) argv.push_back(word.data());
  argv.push_back(nullptr);
  std::cout << std::flush;
  ::setenv(kHandOverVariable, "1", 1);
  ::execv(sibling.c_str(), argv.data());
  const int error = errno;  // execv returns only when it failed
  ::unsetenv(kHandOverVariable);
  throw ConfigError(key + ": cannot start " + sibling.string() + ": " + std::strerror(error));
}

}  // namespace convneat
