#pragma once
// Running exported ONNX models in ONNX Runtime (onnxruntime-node, through tests/onnx/run_model.js
// in the build tree) and comparing their outputs with ConvNEAT's.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include <Eigen/Core>
#include <nlohmann/json.hpp>

#include "cli_support.hpp"

namespace convneat::testing {

inline nlohmann::json rows_json(const Eigen::MatrixXd& matrix) {
  nlohmann::json rows = nlohmann::json::array();
  for (Eigen::Index r = 0; r < matrix.rows(); ++r) {
    std::vector<double> row;
    for (Eigen::Index c = 0; c < matrix.cols(); ++c) row.push_back(matrix(r, c));
    rows.push_back(row);
  }
  return rows;
}

// tests/onnx/run_model.js on the model and `given` (its INPUTS.json); the printed rows.
inline Eigen::MatrixXd run_model_script(const std::filesystem::path& model, const nlohmann::json& given,
                                        const ScratchDirectory& scratch, const std::string& dims) {
  const std::string runner = CONVNEAT_ONNX_RUNNER_DIR;
  if (!std::filesystem::exists(runner + "/node_modules/onnxruntime-node/package.json") ||
      std::system("node --version > /dev/null 2>&1") != 0)
    FAIL("ONNX Runtime is not installed: needs `node` and `npm install --ignore-scripts` in " + runner +
         " (scripts/test does it)");
  write_text(scratch / "inputs.json", given.dump());
  std::string command = "node " + shell_quote(runner + "/run_model.js") + " " + shell_quote(model.string()) + " " +
                        shell_quote((scratch / "inputs.json").string());
  if (!dims.empty()) command.append(" ").append(shell_quote(dims));
  command.append(" > ").append(shell_quote((scratch / "outputs.json").string()));
  INFO(command);
  REQUIRE(std::system(command.c_str()) == 0);
  const auto parsed = nlohmann::json::parse(read_text(scratch / "outputs.json"));
  Eigen::MatrixXd outputs(static_cast<Eigen::Index>(parsed.size()), static_cast<Eigen::Index>(parsed.at(0).size()));
  for (Eigen::Index r = 0; r < outputs.rows(); ++r)
    for (Eigen::Index c = 0; c < outputs.cols(); ++c) outputs(r, c) = parsed[r][c].get<double>();
  return outputs;
}

// ONNX Runtime's outputs for the inputs (one row per example). `dims` ("C,H,W") reshapes
// each row into the model's input tensor; empty feeds [N, columns].
inline Eigen::MatrixXd onnx_runtime_outputs(const std::filesystem::path& model, const Eigen::MatrixXd& inputs,
                                            const ScratchDirectory& scratch, const std::string& dims = "") {
  return run_model_script(model, rows_json(inputs), scratch, dims);
}

// A model with state run as a user loops it: the state starts at 0 (`state_width` values per
// row) and each call's next_state feeds the next. Every call's output rows, call after call.
inline Eigen::MatrixXd onnx_runtime_call_outputs(const std::filesystem::path& model,
                                                 const std::vector<Eigen::MatrixXd>& calls, std::size_t state_width,
                                                 const ScratchDirectory& scratch) {
  nlohmann::json rows = nlohmann::json::array();
  for (const Eigen::MatrixXd& call : calls) rows.push_back(rows_json(call));
  return run_model_script(model, {{"calls", rows}, {"state_width", state_width}}, scratch, "");
}

// float32 in ONNX against double in ConvNEAT: within 1e-5 relative, plus `absolute` for
// outputs near 0 (a saturated sigmoid's 1e-40 underflows to 0 in float32: relative error 1;
// an output summing hundreds of float terms of magnitude 5 that nearly cancel keeps their
// rounding, about 1e-6, whatever its own size).
// Returns the largest error as a fraction of the tolerance.
inline double check_close(const Eigen::MatrixXd& onnx, const Eigen::MatrixXd& expected, double absolute = 1e-7) {
  REQUIRE(onnx.rows() == expected.rows());
  REQUIRE(onnx.cols() == expected.cols());
  double worst = 0.0;
  for (Eigen::Index i = 0; i < onnx.size(); ++i) {
    const double tolerance = 1e-5 * std::abs(expected.data()[i]) + absolute;
    worst = std::max(worst, std::abs(onnx.data()[i] - expected.data()[i]) / tolerance);
  }
  INFO("largest error, as a fraction of the tolerance: " << worst);
  CHECK(worst <= 1.0);
  return worst;
}

}  // namespace convneat::testing
