#pragma once
// Labelled images in memory: one example per row — one CHW image, or several one after the
// other (a pair) — as float (the spatial layers compute in float), and the train /
// validation / test splits a dataset defines.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include <Eigen/Core>

#include "genome/spatial_gene.hpp"

namespace convneat {

using ImageRows = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

// Examples a network scores in one call. Fixed, whatever the thread count: a chunk's outputs
// may depend on how many rows its matrix products see at once.
inline constexpr std::size_t kScoringChunk = 512;

struct ImageSet {
  ImageShape shape;        // of one image
  std::size_t copies = 1;  // images per example (a pair: 2), one after the other in a row
  std::size_t classes = 0;
  ImageRows images;                 // size() rows × copies·shape.size() columns
  std::vector<std::uint16_t> labels;  // in [0, classes)

  std::size_t size() const { return labels.size(); }
};

struct ImageSplits {
  ImageSet train, validation, test;
  std::vector<std::string> class_names;  // one per class, or empty when the dataset names none
};

}  // namespace convneat
