#pragma once
// A float matrix product whose every row is computed the same way whatever the number of
// rows, so that a spatial layer's output for an image does not depend, even in the last bit,
// on which other images share its batch (the promise virtual batch norm exists to keep).
//
// Eigen's GEMM runs rows in panels of three SIMD packets; rows left over go through narrower
// kernels, and the one-row kernel sums the depth in SIMD lanes and then across them — another
// rounding. Products with few rows take a coefficient-wise path with yet another order. Which
// path a row takes depends on the row count, so the same image would round differently alone
// and in a batch. Here every row goes through the widest panel: the leading multiple of
// kStableRowPanel rows directly, the remaining rows copied into one zero-padded panel.
#include <Eigen/Core>

namespace convneat {

// A multiple of the widest panel Eigen uses on any x86 SIMD level: 3 packets of 4 (SSE),
// 8 (AVX) or 16 (AVX-512) floats, or of 2, 4 or 8 doubles.
inline constexpr Eigen::Index kStableRowPanel = 48;

using StableProductOutput = Eigen::Ref<Eigen::MatrixXf, 0, Eigen::OuterStride<>>;

// out = lhs · rhs; lhs is rows × depth (column-major), out rows × rhs.cols().
void row_stable_product(const Eigen::Ref<const Eigen::MatrixXf>& lhs, const Eigen::Ref<const Eigen::MatrixXf>& rhs,
                        StableProductOutput out);

// The same in double (the graph's dense levels, nets/dense_levels.hpp).
void row_stable_product(const Eigen::Ref<const Eigen::MatrixXd>& lhs, const Eigen::Ref<const Eigen::MatrixXd>& rhs,
                        Eigen::Ref<Eigen::MatrixXd, 0, Eigen::OuterStride<>> out);

}  // namespace convneat
