#include "experiments/tasks/image_datasets.hpp"

#include <charconv>
#include <cstdint>
#include <stdexcept>

#include "experiments/tasks/gzip_file.hpp"

namespace convneat {
namespace {

constexpr std::uint32_t kIdxImagesMagic = 0x00000803;           // unsigned bytes, 3 dimensions
constexpr std::uint32_t kIdxLabelsMagic = 0x00000801;           // unsigned bytes, 1 dimension

std::uint32_t big_endian_word(const std::string& bytes, std::size_t offset) {
  std::uint32_t value = 0;
  for (std::size_t i = 0; i < 4; ++i) value = (value << 8) | static_cast<unsigned char>(bytes[offset + i]);
  return value;
}

// Checks the IDX header and the file size; returns the dimensions after the magic number.
std::vector<std::size_t> idx_dimensions(const std::string& bytes, std::uint32_t magic, std::size_t count,
                                        const std::string& path) {
  const std::size_t header = 4 + 4 * count;
  if (bytes.size() < header)
    throw std::runtime_error(path + ": truncated IDX header (" + std::to_string(bytes.size()) + " bytes)");
  if (big_endian_word(bytes, 0) != magic)
    throw std::runtime_error(path + ": wrong IDX magic number " + std::to_string(big_endian_word(bytes, 0)) +
                             ", expected " + std::to_string(magic));
  std::vector<std::size_t> dimensions;
  std::size_t expected = header;
  std::size_t cells = 1;
  for (std::size_t i = 0; i < count; ++i) {
    dimensions.push_back(big_endian_word(bytes, 4 + 4 * i));
    cells *= dimensions.back();
    if (cells > kMaxDatasetBytes) throw std::runtime_error(path + ": IDX dimensions are implausibly large");
  }
  expected += cells;
  if (bytes.size() != expected)
    throw std::runtime_error(path + ": IDX size " + std::to_string(bytes.size()) + " bytes, the header says " +
                             std::to_string(expected));
  return dimensions;
}

void check_label(std::size_t label, std::size_t classes, const std::string& where) {
  if (label >= classes)
    throw std::runtime_error(where + ": label " + std::to_string(label) + " is not in [0, " +
                             std::to_string(classes) + ")");
}

}  // namespace

ImageSet read_idx_pair(const std::filesystem::path& images, const std::filesystem::path& labels,
                       std::size_t classes) {
  return idx_pair_from_bytes(read_maybe_gzipped(images, kMaxDatasetBytes), images.string(),
                             read_maybe_gzipped(labels, kMaxDatasetBytes), labels.string(), classes);
}

ImageSet idx_pair_from_bytes(const std::string& image_bytes, const std::string& images,
                             const std::string& label_bytes, const std::string& labels, std::size_t classes) {
  const auto image_dims = idx_dimensions(image_bytes, kIdxImagesMagic, 3, images);
  const auto label_dims = idx_dimensions(label_bytes, kIdxLabelsMagic, 1, labels);
  // Checked apart from the file size, which a count of 0 images leaves at the header's.
  if (image_dims[1] == 0 || image_dims[2] == 0 || image_dims[1] * image_dims[2] > kMaxDatasetBytes)
    throw std::runtime_error(images + ": IDX images of " + std::to_string(image_dims[1]) + "x" +
                             std::to_string(image_dims[2]) + " pixels are not plausible");
  if (image_dims[0] != label_dims[0])
    throw std::runtime_error(images + " holds " + std::to_string(image_dims[0]) + " images but " + labels + " " +
                             std::to_string(label_dims[0]) + " labels");
  ImageSet set;
  set.shape = {1, image_dims[1], image_dims[2]};
  set.classes = classes;
  const auto rows = static_cast<Eigen::Index>(image_dims[0]);
  const auto columns = static_cast<Eigen::Index>(set.shape.size());
  set.images.resize(rows, columns);
  const auto* pixels = reinterpret_cast<const unsigned char*>(image_bytes.data() + 16);
  for (Eigen::Index i = 0; i < rows * columns; ++i) set.images.data()[i] = static_cast<float>(pixels[i]) / 255.0f;
  set.labels.resize(label_dims[0]);
  for (std::size_t i = 0; i < set.labels.size(); ++i) {
    const auto label = static_cast<unsigned char>(label_bytes[8 + i]);
    check_label(label, classes, labels + " item " + std::to_string(i));
    set.labels[i] = label;
  }
  return set;
}

ImageSplits split_rows(const ImageSet& set, std::size_t train, std::size_t validation) {
  auto part = [&](std::size_t first, std::size_t count) {
    ImageSet piece;
    piece.shape = set.shape;
    piece.classes = set.classes;
    piece.images = set.images.middleRows(static_cast<Eigen::Index>(first), static_cast<Eigen::Index>(count));
    piece.labels.assign(set.labels.begin() + static_cast<std::ptrdiff_t>(first),
                        set.labels.begin() + static_cast<std::ptrdiff_t>(first + count));
    return piece;
  };
  if (train + validation > set.size()) throw std::invalid_argument("split_rows: more rows asked for than the set holds");
  return {part(0, train), part(train, validation), part(train + validation, set.size() - train - validation), {}};
}

ImageSplits load_fashion_mnist(const std::filesystem::path& folder) {
  if (!std::filesystem::exists(folder / "train-images-idx3-ubyte.gz"))
    throw std::runtime_error(folder.string() + ": Fashion-MNIST not found; install the Debian package "
                             "dataset-fashion-mnist (apt-get install dataset-fashion-mnist)");
  const ImageSet training = read_idx_pair(folder / "train-images-idx3-ubyte.gz",
                                          folder / "train-labels-idx1-ubyte.gz", 10);
  if (training.size() <= 10000) throw std::runtime_error(folder.string() + ": fewer training images than expected");
  ImageSplits splits = split_rows(training, training.size() - 10000, 10000);
  splits.test = read_idx_pair(folder / "t10k-images-idx3-ubyte.gz", folder / "t10k-labels-idx1-ubyte.gz", 10);
  splits.class_names = {"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                        "Sandal",      "Shirt",   "Sneaker",  "Bag",   "Ankle boot"};  // the dataset's labels 0-9
  if (splits.test.shape != training.shape)
    throw std::runtime_error(folder.string() + ": training and test images differ in size");
  return splits;
}

ImageSet read_digits_csv(const std::filesystem::path& file) {
  return digits_from_csv_text(read_maybe_gzipped(file, kMaxDatasetBytes), file.string());
}

ImageSet digits_from_csv_text(const std::string& text, const std::string& file) {
  ImageSet set;
  set.shape = {1, 8, 8};
  set.classes = 10;
  std::vector<float> pixels;
  std::size_t line = 1;
  const char* at = text.data();
  const char* end = text.data() + text.size();
  while (at < end) {
    const std::string where = file + " line " + std::to_string(line);
    for (std::size_t field = 0; field < 65; ++field) {
      int value = 0;
      const auto [next, error] = std::from_chars(at, end, value);
      if (error != std::errc() || value < 0 || value > (field < 64 ? 16 : 9))
        throw std::runtime_error(where + ": field " + std::to_string(field + 1) + " is not " +
                                 (field < 64 ? "a pixel in 0..16" : "a label in 0..9"));
      at = next;
      const char expected = field < 64 ? ',' : '\n';
      if (at < end && *at == '\r') ++at;
      if (at < end && *at != expected)
        throw std::runtime_error(where + ": expected 65 comma-separated numbers");
      if (at == end && field < 64) throw std::runtime_error(where + ": truncated row");
      if (at < end) ++at;
      if (field < 64)
        pixels.push_back(static_cast<float>(value) / 16.0f);
      else
        set.labels.push_back(static_cast<std::uint16_t>(value));
    }
    ++line;
  }
  if (set.labels.empty()) throw std::runtime_error(file + ": no rows");
  set.images = Eigen::Map<ImageRows>(pixels.data(), static_cast<Eigen::Index>(set.labels.size()), 64);
  return set;
}

ImageSet load_digits_set(const std::filesystem::path& file) {
  if (!std::filesystem::exists(file))
    throw std::runtime_error(file.string() + ": the 8x8 digits are not installed; install the Debian package "
                             "python3-sklearn (apt-get install python3-sklearn)");
  return read_digits_csv(file);
}

ImageSplits load_digits(const std::filesystem::path& file) {
  const ImageSet all = load_digits_set(file);
  const std::size_t train = all.size() * 6 / 10, validation = all.size() * 2 / 10;
  return split_rows(all, train, validation);
}

}  // namespace convneat
