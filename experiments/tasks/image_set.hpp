#pragma once
// Labelled images in memory: one CHW image per row, as float (the spatial layers compute
// in float), and the train / validation / test splits a dataset defines.
#include <cstddef>
#include <cstdint>
#include <vector>

#include <Eigen/Core>

#include "genome/spatial_gene.hpp"

namespace convneat {

using ImageRows = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

struct ImageSet {
  ImageShape shape;
  std::size_t classes = 0;
  ImageRows images;                 // size() rows × shape.size() columns
  std::vector<std::uint16_t> labels;  // in [0, classes)

  std::size_t size() const { return labels.size(); }
};

struct ImageSplits {
  ImageSet train, validation, test;
};

}  // namespace convneat
