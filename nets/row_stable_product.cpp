#include "nets/row_stable_product.hpp"

namespace convneat {

void row_stable_product(const Eigen::Ref<const Eigen::MatrixXf>& lhs, const Eigen::Ref<const Eigen::MatrixXf>& rhs,
                        StableProductOutput out) {
  const Eigen::Index rows = lhs.rows();
  const Eigen::Index whole = rows - rows % kStableRowPanel;
  if (whole > 0) out.topRows(whole).noalias() = lhs.topRows(whole) * rhs;
  if (whole == rows) return;
  Eigen::MatrixXf padded = Eigen::MatrixXf::Zero(kStableRowPanel, lhs.cols());
  padded.topRows(rows - whole) = lhs.bottomRows(rows - whole);
  const Eigen::MatrixXf product = padded * rhs;
  out.bottomRows(rows - whole) = product.topRows(rows - whole);
}

}  // namespace convneat
