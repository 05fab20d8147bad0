#include "neat/software_version.hpp"

#include "convneat_source_commit.inc"  // CONVNEAT_SOURCE_COMMIT, written at build time

#ifndef CONVNEAT_VERSION
#error "CONVNEAT_VERSION is set by neat/CMakeLists.txt from the project's version"
#endif

namespace convneat {

std::string software_version() { return CONVNEAT_VERSION; }

std::string source_commit() { return CONVNEAT_SOURCE_COMMIT; }

nlohmann::json software_document() {
  nlohmann::json document = {{"convneat", software_version()}};
  if (!source_commit().empty()) document["commit"] = source_commit();
  return document;
}

std::string software_description() {
  const std::string commit = source_commit();
  return "convneat " + software_version() + (commit.empty() ? "" : " (commit " + commit + ")");
}

}  // namespace convneat
