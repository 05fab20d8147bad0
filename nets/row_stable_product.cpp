#include "nets/row_stable_product.hpp"

namespace convneat {
namespace {

template <class Matrix, class Output>
void stable_product(const Eigen::Ref<const Matrix>& lhs, const Eigen::Ref<const Matrix>& rhs, Output& out) {
  const Eigen::Index rows = lhs.rows();
  const Eigen::Index whole = rows - rows % kStableRowPanel;
  if (whole > 0) out.topRows(whole).noalias() = lhs.topRows(whole) * rhs;
  if (whole == rows) return;
  Matrix padded = Matrix::Zero(kStableRowPanel, lhs.cols());
  padded.topRows(rows - whole) = lhs.bottomRows(rows - whole);
  const Matrix product = padded * rhs;
  out.bottomRows(rows - whole) = product.topRows(rows - whole);
}

}  // namespace

void row_stable_product(const Eigen::Ref<const Eigen::MatrixXf>& lhs, const Eigen::Ref<const Eigen::MatrixXf>& rhs,
                        StableProductOutput out) {
  stable_product<Eigen::MatrixXf>(lhs, rhs, out);
}

void row_stable_product(const Eigen::Ref<const Eigen::MatrixXd>& lhs, const Eigen::Ref<const Eigen::MatrixXd>& rhs,
                        Eigen::Ref<Eigen::MatrixXd, 0, Eigen::OuterStride<>> out) {
  stable_product<Eigen::MatrixXd>(lhs, rhs, out);
}

}  // namespace convneat
