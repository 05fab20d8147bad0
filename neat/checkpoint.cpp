#include "neat/checkpoint.hpp"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <fstream>
#include <string_view>

#include <zlib.h>

#include "neat/atomic_file.hpp"
#include "neat/cbor_document.hpp"
#include "neat/config_document.hpp"
#include "neat/json_limits.hpp"
#include "neat/software_version.hpp"
#include "neat/strict_json.hpp"

namespace convneat {
namespace {

constexpr const char* kFormat = "convneat-checkpoint";
constexpr int kVersion = 1;
// The first line of a binary checkpoint starts so; a JSON one starts with '{'.
constexpr std::string_view kBinaryMagic = "convneat-checkpoint binary ";
// Version 2 stores connection lists compactly (genome/packed_genes.hpp); version 1 files,
// with 33-byte connection records, still resume. Each list's form is named by its key, so the
// reader takes either form under either version: the version only tells older binaries that a
// file is beyond them.
constexpr int kBinaryVersion = 2;
constexpr int kOldestBinaryVersion = 1;
constexpr std::size_t kLongestBinaryHeader = 128;
// "convneat-checkpoint binary 2 crc32=0123abcd bytes=00000000000010719744\n": a fixed width
// (the length in 20 digits), so the payload is encoded straight after room left for it.
constexpr std::size_t kBinaryHeaderSize = kBinaryMagic.size() + 44;

// CRC-32 (IEEE 802.3, as zlib and gzip compute it), in pieces a zlib length can hold.
std::uint32_t crc_of(std::string_view bytes) {
  uLong crc = crc32(0L, Z_NULL, 0);
  for (std::size_t done = 0; done < bytes.size();) {
    const auto piece = static_cast<uInt>(std::min<std::size_t>(bytes.size() - done, 1u << 30));
    crc = crc32(crc, reinterpret_cast<const Bytef*>(bytes.data() + done), piece);
    done += piece;
  }
  return static_cast<std::uint32_t>(crc);
}

nlohmann::json payload_of(const Population& population, double seconds, const nlohmann::json& statistics,
                          GeneLists lists) {
  nlohmann::json payload = {{"config", config_to_json(population.config())},
                            {"population", population.save_state(lists)},
                            {"seconds", seconds},
                            {"software", software_document()}};
  if (!statistics.is_null()) payload["statistics"] = statistics;
  return payload;
}

// How a checkpoint of `format` stores gene lists: packed in binary ones, as objects in JSON.
GeneLists gene_lists(CheckpointFormat format) {
  return format == CheckpointFormat::binary ? GeneLists::packed : GeneLists::objects;
}

// The document nlohmann would dump for {"crc32", "format", "payload", "version"} (its keys
// sorted), built around the payload's text instead of dumping the payload a second time.
std::string json_checkpoint(const nlohmann::json& payload) {
  const std::string text = payload.dump();
  return "{\"crc32\":" + std::to_string(crc_of(text)) + ",\"format\":\"" + kFormat + "\",\"payload\":" + text +
         ",\"version\":" + std::to_string(kVersion) + "}\n";
}

// Encodes into `file`, whose capacity a caller may keep from one checkpoint to the next (the
// JSON form is built anew each time: its cost is the tree, not the buffer).
void encode_binary_checkpoint(const nlohmann::json& payload, std::string& file) {
  file.assign(kBinaryHeaderSize, ' ');
  nlohmann::json::to_cbor(payload, file);
  const std::string_view body = std::string_view(file).substr(kBinaryHeaderSize);
  char header[kLongestBinaryHeader];
  const int written =
      std::snprintf(header, sizeof header, "%.*s%d crc32=%08x bytes=%020zu\n", static_cast<int>(kBinaryMagic.size()),
                    kBinaryMagic.data(), kBinaryVersion, static_cast<unsigned>(crc_of(body)), body.size());
  if (written != static_cast<int>(kBinaryHeaderSize)) throw std::logic_error("binary checkpoint header of a new width");
  file.replace(0, kBinaryHeaderSize, header);
}

// The file of a checkpoint of `format` holding `payload`, into `file`.
void encode_checkpoint(const nlohmann::json& payload, CheckpointFormat format, std::string& file) {
  if (format == CheckpointFormat::binary)
    encode_binary_checkpoint(payload, file);
  else
    file = json_checkpoint(payload);
}

// The CBOR payload of a binary checkpoint, its header and CRC checked.
nlohmann::json binary_payload(std::string_view text, const std::string& name) {
  const std::size_t end = text.find('\n');
  if (end == std::string_view::npos || end >= kLongestBinaryHeader)
    throw CheckpointError(name + ": not a valid checkpoint (its binary header line is cut short)");
  const std::string_view header = text.substr(0, end);
  std::string_view rest = header.substr(kBinaryMagic.size());
  // Reads `prefix` and then a number in `base` off the front of rest (overflow fails).
  const auto number = [&rest](std::string_view prefix, int base, auto& value) {
    if (!rest.starts_with(prefix)) return false;
    rest.remove_prefix(prefix.size());
    const auto [past, error] = std::from_chars(rest.data(), rest.data() + rest.size(), value, base);
    if (error != std::errc()) return false;
    rest.remove_prefix(static_cast<std::size_t>(past - rest.data()));
    return true;
  };
  int version = 0;
  std::uint32_t crc = 0;
  std::size_t length = 0;
  if (!number("", 10, version) || !number(" crc32=", 16, crc) || !number(" bytes=", 10, length) || !rest.empty())
    throw CheckpointError(name + ": not a valid checkpoint (bad binary header \"" + excerpt(std::string(header)) + "\")");
  if (version < kOldestBinaryVersion || version > kBinaryVersion)
    throw CheckpointError(name + ": binary checkpoint version " + std::to_string(version) + " is not supported (expected " +
                          std::to_string(kOldestBinaryVersion) + " to " + std::to_string(kBinaryVersion) + ")");
  const std::string_view body = text.substr(end + 1);
  if (body.size() != length)
    throw CheckpointError(name + ": checkpoint is truncated or corrupt (its header says " + std::to_string(length) +
                          " bytes, the file holds " + std::to_string(body.size()) + ")");
  if (crc_of(body) != crc) throw CheckpointError(name + ": checkpoint is corrupt (CRC mismatch)");
  try {
    return parse_cbor_document(body, kCheckpointLimits.max_depth);
  } catch (const CborError& error) {
    throw CheckpointError(name + ": not a valid checkpoint (" + error.what() + ")");
  }
}

nlohmann::json parse_checkpoint_text(const std::string& text, const std::string& name) {
  if (auto problem = json_limit_problem(text, name, kCheckpointLimits)) throw CheckpointError(*problem);
  try {
    return parse_json_refusing_duplicate_keys(text);
  } catch (const DuplicateKeyError& duplicate) {
    throw CheckpointError(name + ": " + duplicate.what());
  } catch (const nlohmann::json::exception&) {
    throw CheckpointError(name + ": not a valid checkpoint (truncated or corrupt JSON)");
  }
}

// The run a checkpoint payload holds (either format), its config checked as a config file's.
LoadedCheckpoint restore_payload(const nlohmann::json& payload, const std::string& name) {
  try {
    NeatConfig config = config_from_json(payload.at("config"), name + " /payload/config");
    return {Population::restore(std::move(config), payload.at("population")), payload.at("seconds").get<double>(),
            payload.value("statistics", nlohmann::json())};
  } catch (const ConfigError&) {
    throw;
  } catch (const std::exception& error) {
    throw CheckpointError(name + ": checkpoint content is invalid: " + error.what());
  }
}

}  // namespace

std::string checkpoint_file_name(CheckpointFormat format) {
  return format == CheckpointFormat::binary ? "checkpoint.cbor" : "checkpoint.json";
}

void remove_superseded_checkpoint(const std::filesystem::path& directory, CheckpointFormat written) {
  const CheckpointFormat other = written == CheckpointFormat::binary ? CheckpointFormat::json : CheckpointFormat::binary;
  std::error_code ignored;  // nothing there, or not ours to remove: either way the new checkpoint stands
  std::filesystem::remove(directory / checkpoint_file_name(other), ignored);
}

void write_checkpoint(const std::filesystem::path& path, const Population& population, double seconds,
                      const nlohmann::json& statistics, CheckpointFormat format) {
  std::string file;
  write_checkpoint(path, population, seconds, statistics, format, file);
}

void write_checkpoint(const std::filesystem::path& path, const Population& population, double seconds,
                      const nlohmann::json& statistics, CheckpointFormat format, std::string& buffer) {
  encode_checkpoint(payload_of(population, seconds, statistics, gene_lists(format)), format, buffer);
  write_file_atomically(path, buffer);
}

LoadedCheckpoint read_checkpoint(const std::filesystem::path& path) {
  const std::string name = path.string();
  std::error_code ignored;  // a path that cannot be inspected is reported by the open below
  if (std::filesystem::is_directory(path, ignored))
    throw CheckpointError(name + ": is a directory, expected a checkpoint");
  if (file_larger_than(path, kCheckpointLimits.max_bytes))
    throw CheckpointError(size_limit_message(name, kCheckpointLimits));
  std::ifstream file(path, std::ios::binary);
  if (!file) throw CheckpointError(name + ": cannot open the checkpoint");
  const std::optional<std::string> text = read_at_most(file, kCheckpointLimits.max_bytes);
  if (!text) throw CheckpointError(size_limit_message(name, kCheckpointLimits));
  if (file.bad()) throw CheckpointError(name + ": cannot read the checkpoint");
  return read_checkpoint_text(*text, name);
}

LoadedCheckpoint read_checkpoint_text(const std::string& text, const std::string& name) {
  if (text.starts_with(kBinaryMagic)) return restore_payload(binary_payload(text, name), name);
  const nlohmann::json document = parse_checkpoint_text(text, name);
  if (!document.is_object() || document.value("format", nlohmann::json()) != kFormat)
    throw CheckpointError(name + ": not a ConvNEAT checkpoint (/format is not \"" + kFormat + "\")");
  if (document.value("version", nlohmann::json()) != kVersion)
    throw CheckpointError(name + ": checkpoint version " + excerpt(document.value("version", nlohmann::json()).dump()) +
                          " is not supported (expected " + std::to_string(kVersion) + ")");
  if (!document.contains("payload") || !document.contains("crc32") ||
      document["crc32"] != crc_of(document["payload"].dump()))
    throw CheckpointError(name + ": checkpoint is corrupt (CRC mismatch)");
  return restore_payload(document["payload"], name);
}

bool CheckpointReporter::due(const Population& population) const {
  if (schedule_.interval > 0 && population.generation() % schedule_.interval == 0) return true;
  return schedule_.seconds > 0.0 && seconds_ - last_written_ >= schedule_.seconds;
}

CheckpointReporter::~CheckpointReporter() {
  try {
    wait_for_write();
  } catch (...) {
    // Leaving through an exception already: the run's own error is the one to report.
  }
}

void CheckpointReporter::on_advance(const Population& population) {
  if (!due(population)) return;
  wait_for_write();  // one write at a time; a write that failed stops the run here
  // The population's state is taken now; encoding it and the disk's work (fsync) go on
  // beside the next generation.
  nlohmann::json payload = payload_of(population, seconds_, statistics_ ? statistics_->fingerprints() : nlohmann::json(),
                                      gene_lists(format_));
  writing_ = std::async(std::launch::async, [this, payload = std::move(payload)] {
    encode_checkpoint(payload, format_, buffer_);
    write_file_atomically(path_, buffer_);
    remove_superseded_checkpoint(path_.parent_path(), format_);
  });
  last_written_ = seconds_;
}

void CheckpointReporter::wait_for_write() {
  if (writing_.valid()) writing_.get();
}

}  // namespace convneat
