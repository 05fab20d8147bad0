// Dataset loaders on small files made here: valid IDX and CSV files load exactly; truncated,
// wrong-magic, inconsistent and malformed files are refused with a message naming the file.
#include <catch2/catch.hpp>

#include <cstdlib>

#include "cli_support.hpp"
#include "experiments/tasks/image_datasets.hpp"

using namespace convneat;
using namespace convneat::testing;
namespace fs = std::filesystem;

namespace {

// Concatenates by appending: GCC 12 warns falsely (-Wrestrict) on chains of string + string.
std::string joined(std::initializer_list<std::string> parts) {
  std::string text;
  for (const std::string& part : parts) text += part;
  return text;
}

std::string big_endian(std::uint32_t value) {
  std::string bytes(4, '\0');
  for (int i = 3; i >= 0; --i, value >>= 8) bytes[static_cast<std::size_t>(i)] = static_cast<char>(value & 0xff);
  return bytes;
}

std::string idx_images(std::uint32_t count, std::uint32_t rows, std::uint32_t columns) {
  std::string bytes = joined({big_endian(0x803), big_endian(count), big_endian(rows), big_endian(columns)});
  for (std::uint32_t i = 0; i < count * rows * columns; ++i) bytes += static_cast<char>((i * 37) % 256);
  return bytes;
}

std::string idx_labels(std::uint32_t count, std::uint32_t classes) {
  std::string bytes = joined({big_endian(0x801), big_endian(count)});
  for (std::uint32_t i = 0; i < count; ++i) bytes += static_cast<char>(i % classes);
  return bytes;
}

// Writes `bytes` gzip-compressed to `path` (which ends in .gz) with the gzip tool.
void write_gzipped(const fs::path& path, const std::string& bytes) {
  const fs::path plain = fs::path(path).replace_extension();
  write_text(plain, bytes);
  REQUIRE(std::system(("gzip -f -n " + shell_quote(plain.string())).c_str()) == 0);
}

std::string load_error(const std::function<void()>& load) {
  try {
    load();
  } catch (const std::exception& error) {
    return error.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("IDX pairs load exactly, gzip-compressed or not") {
  ScratchDirectory scratch("idx");
  write_gzipped(scratch / "images.gz", idx_images(5, 3, 4));
  write_gzipped(scratch / "labels.gz", idx_labels(5, 10));
  write_text(scratch / "images", idx_images(5, 3, 4));
  write_text(scratch / "labels", idx_labels(5, 10));
  for (const auto& [images, labels] : {std::pair{"images.gz", "labels.gz"}, std::pair{"images", "labels"}}) {
    const ImageSet set = read_idx_pair(scratch / images, scratch / labels, 10);
    CHECK(set.shape == ImageShape{1, 3, 4});
    REQUIRE(set.size() == 5);
    CHECK(set.labels == std::vector<std::uint16_t>{0, 1, 2, 3, 4});
    CHECK(set.images(1, 2) == Approx(((12 + 2) * 37 % 256) / 255.0));  // image 1, pixel 2
  }
}

TEST_CASE("damaged IDX files are refused with the file and the problem named") {
  ScratchDirectory scratch("idx-bad");
  const std::string good_images = idx_images(4, 2, 2), good_labels = idx_labels(4, 3);
  struct Case {
    std::string images, labels, expected;
  };
  const Case cases[] = {
      {good_images.substr(0, good_images.size() - 1), good_labels, "IDX size 31 bytes, the header says 32"},
      {good_images.substr(0, 10), good_labels, "truncated IDX header"},
      {joined({big_endian(0x802), good_images.substr(4)}), good_labels, "wrong IDX magic number 2050, expected 2051"},
      {good_images, idx_labels(3, 3), "holds 4 images but"},
      {good_images, idx_labels(4, 5), "label 3 is not in [0, 3)"},
  };
  for (const Case& bad : cases) {
    write_gzipped(scratch / "i.gz", bad.images);
    write_gzipped(scratch / "l.gz", bad.labels);
    const std::string message = load_error([&] { read_idx_pair(scratch / "i.gz", scratch / "l.gz", 3); });
    INFO(message);
    CHECK_THAT(message, Catch::Contains(bad.expected));
  }
  write_text(scratch / "not.gz", "plain text, not gzip");
  CHECK_THAT(load_error([&] { read_idx_pair(scratch / "not.gz", scratch / "l.gz", 3); }),
             Catch::Contains("not.gz: not a valid gzip file"));
  std::string gzip_bytes;
  write_gzipped(scratch / "whole.gz", good_images);
  gzip_bytes = read_text(scratch / "whole.gz");
  write_text(scratch / "cut.gz", gzip_bytes.substr(0, gzip_bytes.size() / 2));
  CHECK_THAT(load_error([&] { read_idx_pair(scratch / "cut.gz", scratch / "l.gz", 3); }), Catch::Contains("cut.gz"));
  CHECK_THAT(load_error([&] { load_fashion_mnist(scratch / "nowhere"); }),
             Catch::Contains("install the Debian package dataset-fashion-mnist"));
}

TEST_CASE("digits CSV rows load as 8x8 images with pixels from 0 to 1, and malformed rows are refused by line") {
  ScratchDirectory scratch("digits");
  std::string row;
  for (int i = 0; i < 64; ++i) row += std::to_string(i % 17) + ",";
  write_gzipped(scratch / "d.csv.gz", joined({row, "7\n", row, "3\n"}));
  const ImageSet set = read_digits_csv(scratch / "d.csv.gz");
  REQUIRE(set.size() == 2);
  CHECK(set.shape == ImageShape{1, 8, 8});
  CHECK(set.labels == std::vector<std::uint16_t>{7, 3});
  CHECK(set.images(1, 20) == Approx((20 % 17) / 16.0));

  const std::pair<std::string, std::string> bad[] = {
      {joined({row, "7\n", row.substr(0, row.size() - 3)}), "line 2: field 64 is not a pixel"},
      {joined({row, "12\n"}), "line 1: field 65 is not a label in 0..9"},
      {joined({row, "7;\n"}), "expected 65 comma-separated numbers"},
      {joined({"17,", row.substr(2), "1\n"}), "line 1: field 1 is not a pixel in 0..16"},
      {"", "no rows"},
  };
  for (const auto& [text, expected] : bad) {
    write_gzipped(scratch / "bad.csv.gz", text);
    const std::string message = load_error([&] { read_digits_csv(scratch / "bad.csv.gz"); });
    INFO(message);
    CHECK_THAT(message, Catch::Contains(expected));
  }
  CHECK_THAT(load_error([&] { load_digits(scratch / "missing.csv.gz"); }),
             Catch::Contains("install the Debian package python3-sklearn"));
}

TEST_CASE("the installed datasets load with the documented splits", "[datasets]") {
  if (!fs::exists(kDigitsFile) || !fs::exists(kFashionMnistFolder)) {
    WARN("dataset packages not installed (python3-sklearn, dataset-fashion-mnist): installed datasets not checked");
    return;
  }
  const ImageSplits digits = load_digits();
  CHECK(digits.train.size() == 1078);
  CHECK(digits.validation.size() == 359);
  CHECK(digits.test.size() == 360);
  const ImageSplits fashion = load_fashion_mnist();
  CHECK(fashion.train.size() == 50000);
  CHECK(fashion.validation.size() == 10000);
  CHECK(fashion.test.size() == 10000);
  CHECK(fashion.test.shape == ImageShape{1, 28, 28});
  CHECK(fashion.train.images.maxCoeff() <= 1.0f);
}
