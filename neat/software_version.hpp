#pragma once
// The software that wrote a file: ConvNEAT's version and the source commit it was built from,
// the compiler and flags that built it and the machine it ran on. Recorded in config.json,
// champion.json, checkpoints and compare's runs, so a result can be traced to the code that
// made it; never part of what decides a run's results or its identity (compare's fingerprints
// leave it out, so a new commit does not redo finished runs).
#include <string>

#include <nlohmann/json.hpp>

namespace convneat {

// "0.2.0": the project's version (CMakeLists.txt), as find_package(ConvNEAT) compares it.
std::string software_version();
// The git commit of the sources ("<sha1>", or "<sha1>-modified" when tracked files had
// changes), or "" when they were not a git clone.
std::string source_commit();
// "GCC 12.2.0": the compiler that built this program.
std::string compiler_description();
// "Release: -O3 -DNDEBUG": the build type and the C++ flags of every file (with the -march of
// a build for wide vector units).
std::string build_description();
// "AMD EPYC 7B13, 2 logical cores, Linux 6.1.0-26-amd64 x86_64": the processor
// (/proc/cpuinfo's model name, where there is one), the machine's logical cores (not those
// this process may use: every MPI rank describes the machine alike) and the operating system.
std::string machine_description();
// {"convneat": version, "commit": commit, "compiler", "build", "machine"} (no "commit" when it
// is unknown).
nlohmann::json software_document();
// "convneat 0.2.0 (commit <sha1>)", for --version.
std::string software_description();

}  // namespace convneat
