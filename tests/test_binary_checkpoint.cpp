// Binary checkpoints (/output/checkpoint_format = binary): packed gene lists give back the
// same genes bit for bit; a run resumed from checkpoint.cbor is the straight run byte for
// byte, and the binary and JSON checkpoints of a run restore the same population; a damaged,
// truncated, foreign or hostile binary checkpoint is refused with a clear message; `convneat
// checkpoint` converts one format into the other.
#include <catch2/catch.hpp>

#include <bit>
#include <cstdio>
#include <limits>

#include <boost/crc.hpp>
#include <nlohmann/json.hpp>

#include "cli_support.hpp"
#include "genome/genome_json.hpp"
#include "genome/packed_genes.hpp"
#include "neat/checkpoint.hpp"
#include "test_support.hpp"

using namespace convneat;
using namespace convneat::testing;
namespace fs = std::filesystem;

namespace {

const std::string kXor = shell_quote(CONVNEAT_SOURCE_DIR "/experiments/configs/xor.json");
const std::string kBinary = " --set stop.when_solved=false --set output.checkpoint_format=binary";

// A binary checkpoint of the payload, framed and checksummed independently of the writer
// (Boost's CRC-32 where the writer uses zlib's).
std::string frame(const std::string& body, int version = 2) {
  boost::crc_32_type crc;
  crc.process_bytes(body.data(), body.size());
  char header[128];
  std::snprintf(header, sizeof header, "convneat-checkpoint binary %d crc32=%08x bytes=%zu\n", version,
                static_cast<unsigned>(crc.checksum()), body.size());
  return header + body;
}

std::string cbor_of(const nlohmann::json& payload) {
  std::string body;
  nlohmann::json::to_cbor(payload, body);
  return body;
}

// The payload of a binary checkpoint file (its 71-byte header line skipped).
nlohmann::json payload_of(const std::string& file) {
  return nlohmann::json::from_cbor(file.substr(file.find('\n') + 1));
}

std::string refusal(const std::string& text) {
  try {
    read_checkpoint_text(text, "bad.cbor");
  } catch (const CheckpointError& error) {
    return error.what();
  }
  return "accepted";
}

// The bytes of a weight as the compact form stores them (little-endian IEEE-754).
std::vector<std::uint8_t> weight_bytes(double weight) {
  std::vector<std::uint8_t> bytes;
  for (int byte = 0; byte < 8; ++byte)
    bytes.push_back(static_cast<std::uint8_t>(std::bit_cast<std::uint64_t>(weight) >> (8 * byte)));
  return bytes;
}

// The same connections, weights compared by their bits (so NaN and -0.0 compare as written).
void check_bit_for_bit(const std::vector<ConnectionGene>& read, const std::vector<ConnectionGene>& written) {
  REQUIRE(read.size() == written.size());
  for (std::size_t i = 0; i < read.size(); ++i) {
    CHECK(read[i].innovation == written[i].innovation);
    CHECK(read[i].in == written[i].in);
    CHECK(read[i].out == written[i].out);
    CHECK(read[i].enabled == written[i].enabled);
    CHECK(std::bit_cast<std::uint64_t>(read[i].weight) == std::bit_cast<std::uint64_t>(written[i].weight));
  }
}

}  // namespace

TEST_CASE("packed gene lists give back every gene bit for bit, and refuse bytes that are not whole valid records") {
  const Genome genome = make_genome(
      {input(1), bias_node(2), hidden(3, Activation::clamped, -0.0), output(4, Activation::sigmoid, 1e-310),
       hidden(std::numeric_limits<NodeId>::max(), Activation::gauss, std::numeric_limits<double>::quiet_NaN())},
      {link(7, 1, 4, 0.1), link(8, 2, 3, -std::numeric_limits<double>::infinity(), false),
       link(std::numeric_limits<InnovationId>::max(), 3, 4, std::numeric_limits<double>::denorm_min())});
  const std::vector<NodeGene> nodes = unpack_nodes(pack_nodes(genome.nodes));
  const std::vector<ConnectionGene> connections = unpack_connections(pack_connections(genome.connections));
  REQUIRE(nodes.size() == genome.nodes.size());
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    CHECK(nodes[i].id == genome.nodes[i].id);
    CHECK(nodes[i].kind == genome.nodes[i].kind);
    CHECK(nodes[i].activation == genome.nodes[i].activation);
    CHECK(std::bit_cast<std::uint64_t>(nodes[i].bias) == std::bit_cast<std::uint64_t>(genome.nodes[i].bias));
  }
  check_bit_for_bit(connections, genome.connections);
  CHECK(pack_nodes(genome.nodes).size() == 18 * genome.nodes.size());
  CHECK(pack_connections(genome.connections).size() == 33 * genome.connections.size());

  std::vector<std::uint8_t> bytes = pack_nodes(genome.nodes);
  bytes.pop_back();
  CHECK_THROWS_WITH(unpack_nodes(bytes), Catch::Contains("89 bytes are not whole records of 18"));
  bytes = pack_nodes(genome.nodes);
  bytes[8] = 4;  // the first node's kind: one past output
  CHECK_THROWS_WITH(unpack_nodes(bytes), Catch::Contains("kind code 4 is not one of 0-3"));
  bytes = pack_nodes(genome.nodes);
  bytes[9] = 200;
  CHECK_THROWS_WITH(unpack_nodes(bytes), Catch::Contains("activation code 200 is not one of 0-23"));
  bytes = pack_connections(genome.connections);
  bytes[32] = 2;
  CHECK_THROWS_WITH(unpack_connections(bytes), Catch::Contains("enabled flag 2 is not 0 or 1"));

  // The compact form gives back the same genes, extreme ids and weights included.
  const std::vector<ConnectionGene> compact = unpack_compact_connections(pack_connections_compactly(genome.connections));
  check_bit_for_bit(compact, genome.connections);
}

TEST_CASE("compact connections are the documented bytes, about 12 a connection, and refuse malformed bytes") {
  // 2 connections; 7, 1, 4 as zigzag steps from 0 (14, 2, 8); then +1, +1, -1 (2, 2, 1); flags 0b01.
  std::vector<std::uint8_t> expected = {2, 14, 2, 8};
  for (std::uint8_t byte : weight_bytes(0.1)) expected.push_back(byte);
  for (std::uint8_t byte : std::initializer_list<std::uint8_t>{2, 2, 1}) expected.push_back(byte);
  for (std::uint8_t byte : weight_bytes(-1.5)) expected.push_back(byte);
  expected.push_back(0b01);
  const std::vector<ConnectionGene> two = {link(7, 1, 4, 0.1), link(8, 2, 3, -1.5, false)};
  CHECK(pack_connections_compactly(two) == expected);
  CHECK(unpack_compact_connections(expected) == two);
  CHECK(pack_connections_compactly({}) == std::vector<std::uint8_t>{0});
  CHECK(unpack_compact_connections({0}).empty());

  // A readout: 196 features into 10 outputs, innovations in order, every ninth link disabled.
  std::vector<ConnectionGene> readout;
  for (NodeId feature = 0; feature < 196; ++feature)
    for (NodeId output = 0; output < 10; ++output)
      readout.push_back(link(readout.size() + 1, 20 + feature, 1 + output, 0.01 * static_cast<double>(readout.size()),
                             readout.size() % 9 != 0));
  const std::vector<std::uint8_t> packed = pack_connections_compactly(readout);
  // The count in 2 bytes, 11 bytes a connection (every step within ±63), 245 flag bytes: 33 as records.
  CHECK(packed.size() == 2 + 11 * readout.size() + 245);
  CHECK(unpack_compact_connections(packed) == readout);

  // Steps of 2^63 either way take the longest varint (ten bytes, the last 0x01): 38 bytes a
  // connection, the most the writer makes room for. Weights NaN and -0.0 keep their bits.
  constexpr std::uint64_t half = std::uint64_t{1} << 63;
  const std::vector<ConnectionGene> far = {link(half, half, half, std::numeric_limits<double>::quiet_NaN()),
                                           link(0, 0, 0, -0.0, false), link(half, half, half, 1.0)};
  const std::vector<std::uint8_t> longest = pack_connections_compactly(far);
  CHECK(longest.size() == 1 + 3 * 38 + 1);
  CHECK(longest[10] == 0x01);  // the first connection's innovation step ends in its tenth byte
  check_bit_for_bit(unpack_compact_connections(longest), far);

  std::vector<std::uint8_t> bytes = expected;
  bytes.pop_back();
  CHECK_THROWS_WITH(unpack_compact_connections(bytes), Catch::Contains("packed connections: cut short in the enabled flags"));
  bytes = {1, 0x80};
  CHECK_THROWS_WITH(unpack_compact_connections(bytes), Catch::Contains("cannot fit in 2 bytes"));
  bytes = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02};
  CHECK_THROWS_WITH(unpack_compact_connections(bytes), Catch::Contains("a varint beyond 64 bits"));
  bytes = {1, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80};
  CHECK_THROWS_WITH(unpack_compact_connections(bytes), Catch::Contains("a varint beyond 64 bits"));
  bytes = expected;
  bytes.back() = 0b101;  // a third connection's flag
  CHECK_THROWS_WITH(unpack_compact_connections(bytes), Catch::Contains("an enabled flag set past the last connection"));
  bytes = expected;
  bytes.push_back(0);
  CHECK_THROWS_WITH(unpack_compact_connections(bytes), Catch::Contains("1 bytes past the last connection"));
  bytes = {1, 0x82, 0x01, 2, 2, 0, 0, 0, 0, 0, 0, 0};  // a weight cut by one byte
  CHECK_THROWS_WITH(unpack_compact_connections(bytes), Catch::Contains("cut short in a weight"));
}

TEST_CASE("a genome written with packed gene lists reads back equal, through CBOR") {
  const Genome genome = make_genome({input(1), bias_node(2), output(3, Activation::tanh, 0.25)},
                                    {link(1, 1, 3, 0.5), link(2, 2, 3, -1.5, false)});
  const nlohmann::json packed = genome_to_json(genome, GeneLists::packed);
  CHECK(packed["nodes"].is_binary());
  CHECK(packed["compact_connections"].is_binary());
  CHECK_FALSE(packed.contains("connections"));
  CHECK(genome_from_json(nlohmann::json::from_cbor(nlohmann::json::to_cbor(packed))) == genome);
  CHECK(genome_from_json(genome_to_json(genome)) == genome);  // the object form still reads
  nlohmann::json records = packed;  // and the 33-byte records of version 1 checkpoints
  records.erase("compact_connections");
  records["connections"] = nlohmann::json::binary(pack_connections(genome.connections));
  CHECK(genome_from_json(records) == genome);
  records["compact_connections"] = packed["compact_connections"];
  CHECK_THROWS_WITH(genome_from_json(records), Catch::Contains("a genome has one connection list, got both"));
}

TEST_CASE("20 generations equal 10 generations resumed to 20 from a binary checkpoint, byte for byte") {
  ScratchDirectory scratch("binary-resume");
  const std::string straight = shell_quote((scratch / "straight").string());
  run_ok("run " + kXor + kBinary + " --set output.checkpoint_interval=1 --generations 20 --out " + straight);
  run_ok("run " + kXor + kBinary + " --generations 10 --out " + shell_quote((scratch / "split").string()));
  CHECK_FALSE(fs::exists(scratch / "split" / "checkpoint.json"));
  const std::string resumed =
      run_ok("run " + kXor + kBinary + " --generations 20 --resume " +
             shell_quote((scratch / "split" / "checkpoint.cbor").string()));
  CHECK_THAT(resumed, Catch::Contains("resuming at generation 10"));
  for (const char* file : {"champion.json", "species.csv"})
    CHECK(read_text(scratch / "straight" / file) == read_text(scratch / "split" / file));
  // The final checkpoints hold the same population (their wall times differ).
  CHECK(read_checkpoint(scratch / "straight" / "checkpoint.cbor").population.save_state() ==
        read_checkpoint(scratch / "split" / "checkpoint.cbor").population.save_state());
  CHECK(deterministic_rows(scratch / "straight" / "generations.csv") ==
        deterministic_rows(scratch / "split" / "generations.csv"));
}

TEST_CASE("the binary and the JSON checkpoint of a run restore the same population, and either resumes the other's run") {
  ScratchDirectory scratch("binary-vs-json");
  run_ok("run " + kXor + kBinary + " --generations 6 --out " + shell_quote((scratch / "binary").string()));
  run_ok("run " + kXor + " --set stop.when_solved=false --set output.checkpoint_format=json --generations 6 --out " +
         shell_quote((scratch / "json").string()));
  const LoadedCheckpoint binary = read_checkpoint(scratch / "binary" / "checkpoint.cbor");
  const LoadedCheckpoint json = read_checkpoint(scratch / "json" / "checkpoint.json");
  CHECK(binary.population.save_state() == json.population.save_state());
  CHECK(binary.statistics.size() == 2);  // the fingerprints of generations.csv and species.csv
  CHECK(binary.statistics["species.csv"] == json.statistics["species.csv"]);  // no wall time in it
  CHECK(fs::file_size(scratch / "binary" / "checkpoint.cbor") < fs::file_size(scratch / "json" / "checkpoint.json"));
  // The JSON checkpoint, assembled around its payload's text, is the document's own dump.
  const std::string text = read_text(scratch / "json" / "checkpoint.json");
  CHECK(nlohmann::json::parse(text).dump() + "\n" == text);

  // A JSON checkpoint resumed into binary checkpoints, and the other way round, end alike.
  run_ok("run --resume " + shell_quote((scratch / "json" / "checkpoint.json").string()) +
         " --generations 12 --set output.checkpoint_format=binary");
  run_ok("run --resume " + shell_quote((scratch / "binary" / "checkpoint.cbor").string()) +
         " --generations 12 --set output.checkpoint_format=json");
  CHECK(read_text(scratch / "binary" / "champion.json") == read_text(scratch / "json" / "champion.json"));
  CHECK(read_checkpoint(scratch / "json" / "checkpoint.cbor").population.save_state() ==
        read_checkpoint(scratch / "binary" / "checkpoint.json").population.save_state());
  // The other format's file, an older state of the same run, is gone: nobody resumes from it.
  CHECK_FALSE(fs::exists(scratch / "json" / "checkpoint.json"));
  CHECK_FALSE(fs::exists(scratch / "binary" / "checkpoint.cbor"));
}

TEST_CASE("a damaged, foreign or hostile binary checkpoint is refused with a clear message") {
  ScratchDirectory scratch("binary-damaged");
  run_ok("run " + kXor + kBinary + " --generations 3 --out " + shell_quote((scratch / "run").string()));
  const std::string good = read_text(scratch / "run" / "checkpoint.cbor");
  REQUIRE(good.starts_with("convneat-checkpoint binary 2 crc32="));
  const std::string body = good.substr(good.find('\n') + 1);
  CHECK_NOTHROW(read_checkpoint_text(frame(body), "good.cbor"));  // our framing: the writer's CRC agrees

  CHECK_THAT(refusal(good.substr(0, good.size() / 2)),
             Catch::Contains("bad.cbor: checkpoint is truncated or corrupt (its header says " +
                             std::to_string(body.size()) + " bytes, the file holds"));
  std::string flipped = good;
  flipped[good.size() - 10] ^= 0x01;
  CHECK_THAT(refusal(flipped), Catch::Contains("bad.cbor: checkpoint is corrupt (CRC mismatch)"));
  CHECK_THAT(refusal("convneat-checkpoint binary 1 crc32=zz bytes=3\nabc"), Catch::Contains("bad binary header"));
  CHECK_THAT(refusal("convneat-checkpoint binary 1 crc32=00000000"), Catch::Contains("binary header line is cut short"));
  CHECK_THAT(refusal(frame(body, 3)), Catch::Contains("binary checkpoint version 3 is not supported (expected 1 to 2)"));
  CHECK_THAT(refusal(frame(body, 0)), Catch::Contains("binary checkpoint version 0 is not supported (expected 1 to 2)"));
  CHECK_THAT(refusal(frame("\xff\x01")), Catch::Contains("bad.cbor: not a valid checkpoint (not valid CBOR"));

  CHECK_THAT(refusal(frame("\xa2\x61" "a" "\x01\x61" "a" "\x02")),
             Catch::Contains("bad.cbor: not a valid checkpoint (the key \"a\" twice in one map)"));
  CHECK_THAT(refusal(frame("\xa1\x61" "a" "\x61\xff")), Catch::Contains("(a string that is not UTF-8)"));

  // Nested a million arrays deep, with a valid frame: stopped at the depth limit, no stack overflow.
  const std::string deep = std::string(1000000, '\x81') + '\xf6';
  CHECK_THAT(refusal(frame(deep)), Catch::Contains("bad.cbor: not a valid checkpoint (nested more than 64 levels deep)"));

  // Valid CBOR, valid frame, invalid content: a connection list cut by one byte.
  nlohmann::json payload = payload_of(good);
  auto& bytes = payload["population"]["genomes"][0]["compact_connections"].get_binary();
  bytes.pop_back();
  CHECK_THAT(refusal(frame(cbor_of(payload))),
             Catch::Contains("bad.cbor: checkpoint content is invalid: packed connections: cut short in the enabled flags"));
}

TEST_CASE("a version 1 binary checkpoint, written before compact connection lists, resumes to the straight run") {
  // Written by the code of commit 3599197 (tests/checkpoint_v1/README.md): 33-byte connection
  // records, species representatives as JSON objects.
  const fs::path fixture = CONVNEAT_SOURCE_DIR "/tests/checkpoint_v1";
  REQUIRE(read_text(fixture / "checkpoint.cbor").starts_with("convneat-checkpoint binary 1 crc32="));
  ScratchDirectory scratch("binary-version-1");
  const std::string config = shell_quote((fixture / "config.json").string());
  run_ok("run " + config + " --generations 8 --out " + shell_quote((scratch / "eight").string()));
  CHECK(read_checkpoint(fixture / "checkpoint.cbor").population.save_state() ==
        read_checkpoint(scratch / "eight" / "checkpoint.cbor").population.save_state());

  fs::copy(fixture, scratch / "old", fs::copy_options::recursive);
  run_ok("run --generations 14 --resume " + shell_quote((scratch / "old" / "checkpoint.cbor").string()));
  run_ok("run " + config + " --generations 14 --out " + shell_quote((scratch / "straight").string()));
  CHECK(read_text(scratch / "straight" / "champion.json") == read_text(scratch / "old" / "champion.json"));
  CHECK(read_text(scratch / "straight" / "species.csv") == read_text(scratch / "old" / "species.csv"));
  CHECK(deterministic_rows(scratch / "straight" / "generations.csv") ==
        deterministic_rows(scratch / "old" / "generations.csv"));
  // Resumed, the old run writes the current version.
  CHECK(read_text(scratch / "old" / "checkpoint.cbor").starts_with("convneat-checkpoint binary 2 crc32="));
}

TEST_CASE("convneat checkpoint writes a checkpoint in the other format, which resumes to the same results") {
  ScratchDirectory scratch("checkpoint-command");
  run_ok("run " + kXor + kBinary + " --generations 5 --out " + shell_quote((scratch / "run").string()));
  const fs::path binary = scratch / "run" / "checkpoint.cbor";
  const std::string converted = run_ok("checkpoint " + shell_quote(binary.string()) + " --format json");
  CHECK_THAT(converted, Catch::Contains("generation 5 written to") && Catch::Contains("checkpoint.json"));
  const LoadedCheckpoint from_binary = read_checkpoint(binary);
  const LoadedCheckpoint from_json = read_checkpoint(scratch / "run" / "checkpoint.json");
  CHECK(from_json.population.save_state() == from_binary.population.save_state());
  CHECK(from_json.seconds == from_binary.seconds);
  CHECK(from_json.statistics == from_binary.statistics);

  const fs::path back = scratch / "back.cbor";
  run_ok("checkpoint " + shell_quote((scratch / "run" / "checkpoint.json").string()) + " --format binary -o " +
         shell_quote(back.string()));
  CHECK(read_text(back) == read_text(binary));  // the same bytes as the run wrote

  const CliResult same = run_cli("checkpoint " + shell_quote(binary.string()) + " --format binary");
  CHECK(same.exit_code == 2);
  CHECK_THAT(same.output, Catch::Contains("is the checkpoint being read; give -o another file"));
  const CliResult unknown = run_cli("checkpoint " + shell_quote(binary.string()) + " --format yaml");
  CHECK(unknown.exit_code == 2);
  CHECK_THAT(unknown.output, Catch::Contains("checkpoint --format: unknown format \"yaml\" (allowed: json, binary)"));
  const CliResult missing = run_cli("checkpoint " + shell_quote((scratch / "nothing.cbor").string()) + " --format json");
  CHECK(missing.exit_code == 1);
  CHECK_THAT(missing.output, Catch::Contains("nothing.cbor: cannot open the checkpoint"));
}
