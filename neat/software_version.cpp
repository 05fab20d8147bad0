#include "neat/software_version.hpp"

#include <sys/utsname.h>

#include <fstream>
#include <thread>

#include "convneat_build_flags.inc"    // CONVNEAT_BUILD_TYPE and CONVNEAT_BUILD_FLAGS, written at configure time
#include "convneat_source_commit.inc"  // CONVNEAT_SOURCE_COMMIT, written at build time

#ifndef CONVNEAT_VERSION
#error "CONVNEAT_VERSION is set by neat/CMakeLists.txt from the project's version"
#endif

namespace convneat {

std::string software_version() { return CONVNEAT_VERSION; }

std::string source_commit() { return CONVNEAT_SOURCE_COMMIT; }

std::string compiler_description() {
#if defined(__clang__)
  return "Clang " + std::to_string(__clang_major__) + "." + std::to_string(__clang_minor__) + "." +
         std::to_string(__clang_patchlevel__);
#elif defined(__GNUC__)
  return "GCC " + std::to_string(__GNUC__) + "." + std::to_string(__GNUC_MINOR__) + "." +
         std::to_string(__GNUC_PATCHLEVEL__);
#else
  return "an unknown compiler";
#endif
}

std::string build_description() {
  const std::string type = CONVNEAT_BUILD_TYPE, flags = CONVNEAT_BUILD_FLAGS;
  return (type.empty() ? std::string("no build type") : type) + (flags.empty() ? "" : ": " + flags);
}

std::string machine_description() {
  std::string processor;
  std::ifstream cpuinfo("/proc/cpuinfo");
  for (std::string line; processor.empty() && std::getline(cpuinfo, line);)
    if (line.starts_with("model name") && line.find(':') != std::string::npos)
      processor = line.substr(line.find_first_not_of(" \t", line.find(':') + 1));
  std::string text = processor.empty() ? "" : processor + ", ";
  text += std::to_string(std::thread::hardware_concurrency()) + " logical cores";
  if (utsname system{}; ::uname(&system) == 0)
    text += std::string(", ") + system.sysname + " " + system.release + " " + system.machine;
  return text;
}

nlohmann::json software_document() {
  // Made once: every checkpoint records it, and the machine's description reads /proc.
  static const nlohmann::json document = [] {
    nlohmann::json made = {{"convneat", software_version()}};
    if (!source_commit().empty()) made["commit"] = source_commit();
    made["compiler"] = compiler_description();
    made["build"] = build_description();
    made["machine"] = machine_description();
    return made;
  }();
  return document;
}

std::string software_description() {
  const std::string commit = source_commit();
  return "convneat " + software_version() + (commit.empty() ? "" : " (commit " + commit + ")");
}

}  // namespace convneat
