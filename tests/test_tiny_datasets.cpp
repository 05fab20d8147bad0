// Digits files too small to fill every split, run through the real `convneat run`: refused
// when the task is made with one line naming the file as given and the split sizes, exit 2
// like every other dataset problem of a config; never a crash, and never a run that reports
// an accuracy measured on an empty split (experiments/tasks/split_requirements.hpp).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>

#include "cli_support.hpp"

using namespace convneat::testing;

namespace {

const std::string kDigitsConfig = CONVNEAT_SOURCE_DIR "/experiments/configs/digits_shared.json";
const std::string kPairsConfig = CONVNEAT_SOURCE_DIR "/experiments/configs/digit_pairs_tied.json";
const std::string kFashionConfig = CONVNEAT_SOURCE_DIR "/experiments/configs/fashion_mnist_shared.json";

// `rows` digits rows, row r of label r mod 10 (so a file of up to 10 rows holds one row per class).
std::string digits_rows(std::size_t rows) {
  std::string text;
  for (std::size_t r = 0; r < rows; ++r) {
    for (std::size_t pixel = 0; pixel < 64; ++pixel) text += std::to_string((r + pixel) % 17) + ",";
    text += std::to_string(r % 10) + "\n";
  }
  return text;
}

std::string big_endian(std::uint32_t value) {
  std::string bytes(4, '\0');
  for (int i = 3; i >= 0; --i, value >>= 8) bytes[static_cast<std::size_t>(i)] = static_cast<char>(value & 0xff);
  return bytes;
}

// An IDX pair of `count` 1 × 1 images (the loader takes any image size) labelled i mod 10,
// gzip-compressed as Fashion-MNIST ships them (by the gzip tool: Boost's compressor makes GCC 12
// warn falsely, -Wrestrict).
void write_idx_pair(const std::filesystem::path& images, const std::filesystem::path& labels, std::uint32_t count) {
  std::string image_bytes, label_bytes;  // appended: GCC 12 warns falsely (-Wrestrict) on string + string chains
  for (const std::uint32_t word : {0x803u, count, 1u, 1u}) image_bytes += big_endian(word);
  for (const std::uint32_t word : {0x801u, count}) label_bytes += big_endian(word);
  for (std::uint32_t i = 0; i < count; ++i) {
    image_bytes += static_cast<char>(i % 256);
    label_bytes += static_cast<char>(i % 10);
  }
  for (const auto& [path, bytes] : {std::pair{images, image_bytes}, std::pair{labels, label_bytes}}) {
    const std::filesystem::path plain = std::filesystem::path(path).replace_extension();
    write_text(plain, bytes);
    REQUIRE(std::system(("gzip -f -n " + shell_quote(plain.string())).c_str()) == 0);
  }
}

// Runs `convneat run CONFIG` inside `scratch` on its file tiny.csv (named relatively, as a user
// in that folder would), for one generation of a small population.
CliResult run_on_tiny_file(const ScratchDirectory& scratch, const std::string& config, const std::string& split) {
  return run_cli("run " + shell_quote(config) + " --set task.path=tiny.csv --set task.split=" + split +
                     " --set population.size=10 --generations 1 --out run",
                 "cd " + shell_quote(scratch.path().string()) + " && ");
}

// Requires a refusal (exit 2, no signal) in one line holding each of `parts`, and no run written.
void require_refusal(const ScratchDirectory& scratch, const CliResult& result, const std::vector<std::string>& parts) {
  INFO(result.output);
  CHECK(result.exit_code == 2);
  CHECK(std::count(result.output.begin(), result.output.end(), '\n') == 1);
  for (const std::string& part : parts) CHECK_THAT(result.output, Catch::Contains(part));
  CHECK_FALSE(std::filesystem::exists(scratch / "run"));
}

}  // namespace

TEST_CASE("digits files of 1, 3 and 10 rows are refused by the stratified split naming the file and the split sizes",
          "[datasets][cli]") {
  ScratchDirectory scratch("tiny-stratified");
  // One row per class: the stratified split gives each class's only row to the test split.
  using Case = std::pair<std::size_t, std::string>;
  const auto [rows, sizes] = GENERATE(Case{1, "1 row gives a training split of 0, validation 0, test 1"},
                                      Case{3, "3 rows give a training split of 0, validation 0, test 3"},
                                      Case{10, "10 rows give a training split of 0, validation 0, test 10"});
  write_text(scratch / "tiny.csv", digits_rows(rows));
  const CliResult result = run_on_tiny_file(scratch, kDigitsConfig, "stratified");
  require_refusal(scratch, result,
                  {"/digits_shared.json: /task: tiny.csv: " + sizes + "; each split needs at least 1 row (",
                   "a class of 5 rows reaches every split"});
}

TEST_CASE("digits files of 1 and 3 rows in file order are refused: no run reports the accuracy of an empty split",
          "[datasets][cli]") {
  ScratchDirectory scratch("tiny-file-order");
  using Case = std::pair<std::size_t, std::string>;
  const auto [rows, sizes] = GENERATE(Case{1, "1 row gives a training split of 0, validation 0, test 1"},
                                      Case{3, "3 rows give a training split of 1, validation 0, test 2"});
  write_text(scratch / "tiny.csv", digits_rows(rows));
  const CliResult result = run_on_tiny_file(scratch, kDigitsConfig, "file_order");
  require_refusal(scratch, result,
                  {"/digits_shared.json: /task: tiny.csv: " + sizes + "; each split needs at least 1 row (",
                   "5 rows fill every split"});
}

TEST_CASE("a digits file of 10 rows in file order fills every split and runs", "[datasets][cli]") {
  ScratchDirectory scratch("ten-file-order");
  write_text(scratch / "tiny.csv", digits_rows(10));
  const CliResult result = run_on_tiny_file(scratch, kDigitsConfig, "file_order");
  INFO(result.output);
  CHECK(result.exit_code == 0);
  CHECK(std::filesystem::exists(scratch / "run" / "champion.json"));
}

TEST_CASE("a digit_pairs file whose validation split holds no two rows of one class is refused naming that split",
          "[datasets][pairs][cli]") {
  ScratchDirectory scratch("tiny-pairs");
  // In file order: training rows 0-11 (labels 0-9, 0, 1), validation 12-15 (labels 2-5), test 16-19.
  write_text(scratch / "tiny.csv", digits_rows(20));
  const CliResult result = run_on_tiny_file(scratch, kPairsConfig, "file_order");
  require_refusal(scratch, result,
                  {"/digit_pairs_tied.json: /task: tiny.csv: 20 rows give a training split of 12, "
                   "validation 4, test 4; digit_pairs needs in each split two rows of one class and rows of two "
                   "classes, and the validation split holds no two rows of one class (file_order gives the first 60% of "
                   "the rows to training and the next 20% to validation, rounded down; give more rows of each class)"});
}

TEST_CASE("a digit_pairs file too small to fill every split is refused like a digits file", "[datasets][pairs][cli]") {
  ScratchDirectory scratch("tiny-pairs-empty");
  write_text(scratch / "tiny.csv", digits_rows(3));
  const CliResult result = run_on_tiny_file(scratch, kPairsConfig, "stratified");
  require_refusal(scratch, result,
                  {"/digit_pairs_tied.json: /task: tiny.csv: 3 rows give a training split of 0, validation 0, "
                   "test 3; each split needs at least 1 row ("});
}

TEST_CASE("a Fashion-MNIST folder whose t10k files hold no image is refused naming the folder and the split sizes",
          "[datasets][cli]") {
  ScratchDirectory scratch("tiny-fashion");
  std::filesystem::create_directories(scratch / "fashion");
  const std::filesystem::path folder = scratch / "fashion";
  write_idx_pair(folder / "train-images-idx3-ubyte.gz", folder / "train-labels-idx1-ubyte.gz", 10001);
  write_idx_pair(folder / "t10k-images-idx3-ubyte.gz", folder / "t10k-labels-idx1-ubyte.gz", 0);
  const CliResult result = run_cli("run " + shell_quote(kFashionConfig) +
                                       " --set task.path=fashion --set population.size=10 --generations 1 --out run",
                                   "cd " + shell_quote(scratch.path().string()) + " && ");
  require_refusal(scratch, result,
                  {"/fashion_mnist_shared.json: /task: fashion: 10001 images give a training split of 1, "
                   "validation 10000, test 0; each split needs at least 1 image (Fashion-MNIST keeps the last 10000 "
                   "training images for validation and tests on the t10k files: they need at least 1 image)"});
}
