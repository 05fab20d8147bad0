#pragma once
// Loaders for the image datasets the Debian archive ships:
//
//   Fashion-MNIST (package dataset-fashion-mnist): gzip-compressed IDX files in
//     /usr/share/datasets/fashion-mnist/. Splits: train = the first 50,000 training images,
//     validation = the last 10,000 training images, test = the 10,000 t10k images.
//   8×8 digits (package python3-sklearn): sklearn/datasets/data/digits.csv.gz, 1,797 rows of
//     64 pixels in 0..16 and a label. The file defines no split: load_digits cuts it in file
//     order (first 60% train, next 20% validation, last 20% test); the digits task uses a
//     seeded stratified split by default (experiments/tasks/stratified_split.hpp).
//
// Pixels are scaled to [0, 1]. Loaders check headers, sizes and label ranges and refuse
// corrupt files (std::runtime_error) with a message naming the file and the problem; a file
// that decompresses to more than kMaxDatasetBytes is refused before it is read whole.
#include <filesystem>
#include <string>

#include "experiments/tasks/image_set.hpp"

namespace convneat {

inline const std::filesystem::path kFashionMnistFolder = "/usr/share/datasets/fashion-mnist";
inline const std::filesystem::path kDigitsFile = "/usr/lib/python3/dist-packages/sklearn/datasets/data/digits.csv.gz";

inline constexpr std::size_t kMaxDatasetBytes = std::size_t{256} << 20;  // 256 MiB decompressed

// One IDX pair (images: magic 0x00000803, N × rows × columns bytes; labels: magic 0x00000801,
// N bytes), as one image set with `classes` classes.
ImageSet read_idx_pair(const std::filesystem::path& images, const std::filesystem::path& labels,
                       std::size_t classes);

// The same for the decompressed bytes of both files; `images` and `labels` name them.
ImageSet idx_pair_from_bytes(const std::string& image_bytes, const std::string& images,
                             const std::string& label_bytes, const std::string& labels, std::size_t classes);

ImageSplits load_fashion_mnist(const std::filesystem::path& folder = kFashionMnistFolder);

// Rows of 64 comma-separated integers in 0..16 followed by a label in 0..9.
ImageSet read_digits_csv(const std::filesystem::path& file);
// The same for the decompressed text; `file` names it in messages.
ImageSet digits_from_csv_text(const std::string& text, const std::string& file);
// The whole file, after checking it is installed (the message names the package).
ImageSet load_digits_set(const std::filesystem::path& file = kDigitsFile);
ImageSplits load_digits(const std::filesystem::path& file = kDigitsFile);

// Splits a set by row ranges: [0, a), [a, a + b), [a + b, end).
ImageSplits split_rows(const ImageSet& set, std::size_t train, std::size_t validation);

}  // namespace convneat
