// Checkpoint → population. Every input is tried three times: as it is; if JSON, with its CRC
// made right, so that mutated payloads get past the CRC check to the state readers behind it;
// and as the CBOR payload of a binary checkpoint, framed with its right length and CRC, so
// that the CBOR reader (and its depth limit), the packed gene lists and the same state readers
// see it.
#include <cstdio>

#include <boost/crc.hpp>
#include <nlohmann/json.hpp>

#include "fuzz/fuzz_input.hpp"
#include "neat/checkpoint.hpp"
#include "neat/config_schema.hpp"
#include "neat/json_limits.hpp"

namespace {

void read(const std::string& text) {
  try {
    convneat::read_checkpoint_text(text, "checkpoint.json");
  } catch (const convneat::CheckpointError&) {  // the documented answers to a bad checkpoint
  } catch (const convneat::ConfigError&) {
  }
}

std::uint32_t crc_of(const std::string& bytes) {
  boost::crc_32_type crc;
  crc.process_bytes(bytes.data(), bytes.size());
  return crc.checksum();
}

std::string framed_as_binary(const std::string& body) {
  char header[128];
  std::snprintf(header, sizeof header, "convneat-checkpoint binary 2 crc32=%08x bytes=%zu\n",
                static_cast<unsigned>(crc_of(body)), body.size());
  return header + body;
}

// `text` with /crc32 set to the CRC of /payload, or nothing when it has no payload.
std::optional<std::string> with_right_crc(const std::string& text) {
  nlohmann::json document = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!document.is_object() || !document.contains("payload")) return std::nullopt;
  document["crc32"] = crc_of(document["payload"].dump());
  return document.dump();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text = convneat::fuzz::as_text(data, size);
  read(text);
  read(framed_as_binary(text));
  // The nesting limit comes first: without it dump() below could overflow the stack.
  if (convneat::json_nesting_depth(text) > convneat::kMaxJsonDepth) return 0;
  if (const auto fixed = with_right_crc(text)) read(*fixed);
  return 0;
}
