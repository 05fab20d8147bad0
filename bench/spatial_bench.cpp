// Throughput of the spatial layers (docs/specs/spatial-layers.md "Cost"), single thread, batch 256:
//   case A: 1×28×28 → 16 channels, 5×5, stride 1, `same`
//   case B: 16×14×14 → 32 channels, 3×3, stride 1, `same`
// BM_SpatialPeakGemm/<case>/<tall>   a plain Eigen float product of the shared layer's GEMM
//                             shape: tall 0 is W (C_out × C_in·k·k) · P (C_in·k·k × N·H'·W'),
//                             the practical peak the ratios use; tall 1 is the transposed
//                             product P' (N·H'·W' × C_in·k·k) · W' the layers compute, for
//                             reference. Both stream a 20–30 MB patch matrix from memory;
//                             the layers fill theirs block by block in cache, so of_peak may
//                             exceed 1.
// BM_SpatialLayer/<case>/<mode>/<block_kib>   one layer's forward pass (mode 0 shared,
//                             1 local, 2 centroid with K = 4; patch blocks of block_kib KiB,
//                             0 = one product for the whole batch)
// Counters: GFLOPs counts 2·C_out·C_in·k·k·H'·W'·N per bank product (K of them for centroid)
// as useful work; of_peak = that rate over the peak's, both from the best of several runs;
// centroid adds vs_shared (its time over the shared layer's) and vs_K_shared (that over K).
// Targets (issue): shared ≥ 0.5 of peak, local ≥ 0.3, centroid vs_K_shared ≤ 1.15.
// BM_SpatialBackward/<case>/<mode>   one layer's backward pass (nets/spatial_gradient.hpp)
//                             from ∂L/∂output to its parameter gradients and ∂L/∂input, the
//                             forward pass recorded once beforehand; default patch blocks.
//                             GFLOPs counts the two products per bank as useful work
//                             (∂L/∂W = patchesᵀ·δ and ∂L/∂patches = δ·Wᵀ: 2× the forward's);
//                             a centroid layer also recomputes its K bank products, which is
//                             not counted. of_peak against BM_SpatialPeakGemm's tall 0 product
//                             measured in the same run; vs_forward = backward time over the
//                             forward's.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <limits>

#include <Eigen/Core>

#include "genome/random.hpp"
#include "genome/spatial/geometry.hpp"
#include "nets/spatial_front_end.hpp"

using namespace convneat;

namespace {

constexpr std::size_t kBatch = 256;
constexpr std::size_t kKcps = 4;

struct BenchCase {
  ImageShape input;
  std::size_t out_channels, kernel;
};

BenchCase bench_case(std::int64_t which) {
  if (which == 0) return {{1, 28, 28}, 16, 5};
  return {{16, 14, 14}, 32, 3};
}

SpatialLayerGene bench_layer(const BenchCase& c, SharingMode mode, RandomStream& rng) {
  SpatialLayerGene layer;
  layer.mode = mode;
  layer.kernel_size = c.kernel;
  layer.padding = {Padding::Kind::same, 0};
  layer.in_channels = c.input.channels;
  layer.out_channels = c.out_channels;
  layer.activation = Activation::relu;
  const LayerGeometry geometry = layer_geometry(layer, c.input);
  layer.banks = mode == SharingMode::shared ? 1 : mode == SharingMode::local ? geometry.convolved.cells() : kKcps;
  if (mode == SharingMode::centroid) {
    layer.centroid.centroids = {{1.0 / 3, 1.0 / 3}, {2.0 / 3, 1.0 / 3}, {1.0 / 3, 2.0 / 3}, {2.0 / 3, 2.0 / 3}};
    layer.centroid.shapes.assign(kKcps, {3.0, 0.0, 0.0, 3.0});
  }
  layer.kernels.resize(layer.banks * layer.bank_weight_count());
  for (double& w : layer.kernels) w = rng.normal(0.0, 0.2);
  layer.biases.resize(layer.banks * layer.out_channels);
  for (double& b : layer.biases) b = rng.normal(0.0, 0.2);
  return layer;
}

// 2 · C_out · C_in·k·k · H'·W' · N: one bank product over the batch (`same` padding and
// stride 1 keep H'·W' = H·W).
double bank_product_flops(const BenchCase& c) {
  return 2.0 * static_cast<double>(c.out_channels * c.input.channels * c.kernel * c.kernel * c.input.cells() * kBatch);
}

template <class F>
double best_seconds(F&& run, int repetitions = 7) {
  double best = std::numeric_limits<double>::infinity();
  for (int r = 0; r < repetitions; ++r) {
    const auto start = std::chrono::steady_clock::now();
    run();
    best = std::min(best, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
  return best;
}

struct PeakGemm {
  Eigen::MatrixXf weights, patches, result;
  bool tall;
  explicit PeakGemm(const BenchCase& c, bool tall_product = false) : tall(tall_product) {
    const auto depth = static_cast<Eigen::Index>(c.input.channels * c.kernel * c.kernel);
    const auto columns = static_cast<Eigen::Index>(c.input.cells() * kBatch);
    const auto channels = static_cast<Eigen::Index>(c.out_channels);
    weights = tall ? Eigen::MatrixXf::Random(depth, channels) : Eigen::MatrixXf::Random(channels, depth);
    patches = tall ? Eigen::MatrixXf::Random(columns, depth) : Eigen::MatrixXf::Random(depth, columns);
  }
  void run() {
    if (tall)
      result.noalias() = patches * weights;
    else
      result.noalias() = weights * patches;
  }
};

// A single-layer front end of `mode` and a batch of images in its native layout.
struct LayerRun {
  SpatialFrontEnd front_end;
  Eigen::MatrixXf images;
  LayerRun(const BenchCase& c, SharingMode mode, std::size_t block_bytes)
      : front_end([&] {
          RandomStream rng(7);
          return SpatialStack{c.input, {bench_layer(c, mode, rng)}, ReadoutKind::flatten};
        }()),
        images(Eigen::MatrixXf::Random(static_cast<Eigen::Index>(kBatch), static_cast<Eigen::Index>(c.input.size()))) {
    front_end.set_patch_block_bytes(block_bytes);
    run();  // grows the work space before anything is timed
  }
  void run() { benchmark::DoNotOptimize(front_end.forward(images).data()); }
};

void BM_SpatialPeakGemm(benchmark::State& state) {
  const BenchCase c = bench_case(state.range(0));
  PeakGemm gemm(c, state.range(1) != 0);
  for (auto _ : state) {
    gemm.run();
    benchmark::DoNotOptimize(gemm.result.data());
  }
  state.counters["GFLOPs"] = benchmark::Counter(bank_product_flops(c) / 1e9, benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_SpatialPeakGemm)
    ->ArgNames({"case", "tall"})
    ->ArgsProduct({{0, 1}, {0, 1}})
    ->Unit(benchmark::kMillisecond);

void BM_SpatialLayer(benchmark::State& state) {
  const BenchCase c = bench_case(state.range(0));
  const auto mode = static_cast<SharingMode>(state.range(1));
  const auto block_bytes = static_cast<std::size_t>(state.range(2)) * 1024;
  LayerRun layer(c, mode, block_bytes);
  for (auto _ : state) layer.run();

  const double bank_products = mode == SharingMode::centroid ? static_cast<double>(kKcps) : 1.0;
  const double flops = bank_products * bank_product_flops(c);
  state.counters["GFLOPs"] = benchmark::Counter(flops / 1e9, benchmark::Counter::kIsIterationInvariantRate);
  PeakGemm gemm(c);
  const double peak = bank_product_flops(c) / best_seconds([&] { gemm.run(); });
  const double self = best_seconds([&] { layer.run(); });
  state.counters["peak_GFLOPs"] = peak / 1e9;
  state.counters["of_peak"] = flops / self / peak;
  if (mode == SharingMode::centroid) {
    LayerRun shared(c, SharingMode::shared, block_bytes);
    const double ratio = self / best_seconds([&] { shared.run(); });
    state.counters["vs_shared"] = ratio;
    state.counters["vs_K_shared"] = ratio / static_cast<double>(kKcps);
  }
}
BENCHMARK(BM_SpatialLayer)
    ->ArgNames({"case", "mode", "block_kib"})
    ->ArgsProduct({{0, 1}, {0, 1, 2}, {256, 0}})
    ->Unit(benchmark::kMillisecond);

void BM_SpatialBackward(benchmark::State& state) {
  const BenchCase c = bench_case(state.range(0));
  const auto mode = static_cast<SharingMode>(state.range(1));
  LayerRun layer(c, mode, 256 * 1024);
  SpatialFrontEndTape tape;
  const Eigen::MatrixXf& readout = layer.front_end.record(layer.images, tape);
  const Eigen::MatrixXf readout_gradient = Eigen::MatrixXf::Random(readout.rows(), readout.cols());
  const auto backward = [&] {
    benchmark::DoNotOptimize(layer.front_end.backward(tape, readout_gradient, true).images.data());
  };
  backward();  // grows the work space before anything is timed
  for (auto _ : state) backward();

  const double bank_products = mode == SharingMode::centroid ? static_cast<double>(kKcps) : 1.0;
  const double flops = 2.0 * bank_products * bank_product_flops(c);
  state.counters["GFLOPs"] = benchmark::Counter(flops / 1e9, benchmark::Counter::kIsIterationInvariantRate);
  PeakGemm gemm(c);
  const double peak = bank_product_flops(c) / best_seconds([&] { gemm.run(); });
  const double self = best_seconds(backward);
  state.counters["peak_GFLOPs"] = peak / 1e9;
  state.counters["of_peak"] = flops / self / peak;
  state.counters["vs_forward"] = self / best_seconds([&] { layer.run(); });
}
BENCHMARK(BM_SpatialBackward)
    ->ArgNames({"case", "mode"})
    ->ArgsProduct({{0, 1}, {0, 1, 2}})
    ->Unit(benchmark::kMillisecond);

}  // namespace
