#pragma once
// The software that wrote a file: ConvNEAT's version and the source commit it was built from.
// Recorded in config.json, champion.json, checkpoints and compare's runs, so a result can be
// traced to the code that made it; never part of what decides a run's results or its identity
// (compare's fingerprints leave it out, so a new commit does not redo finished runs).
#include <string>

#include <nlohmann/json.hpp>

namespace convneat {

// "0.2.0": the project's version (CMakeLists.txt), as find_package(ConvNEAT) compares it.
std::string software_version();
// The git commit of the sources ("<sha1>", or "<sha1>-modified" when tracked files had
// changes), or "" when they were not a git clone.
std::string source_commit();
// {"convneat": version, "commit": commit} (no "commit" when it is unknown).
nlohmann::json software_document();
// "convneat 0.2.0 (commit <sha1>)", for --version.
std::string software_description();

}  // namespace convneat
