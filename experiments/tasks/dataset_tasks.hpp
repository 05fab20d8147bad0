#pragma once
// The tasks over installed datasets: digits (scikit-learn's 8 × 8 digits) and Fashion-MNIST,
// each as classification and as "same or different class" on pairs. Each maker reads its
// dataset's parameters (path, split, split_seed; pairs: pair_input, *_pairs, data_seed), loads
// the files when the task is made — a missing package or a file too small to fill every split
// is a config error before anything runs — and the image-classification parameters.
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "neat/task.hpp"

namespace convneat {

std::unique_ptr<Task> make_digits_task(const nlohmann::json& section, const std::string& source);
std::unique_ptr<Task> make_fashion_task(const nlohmann::json& section, const std::string& source);
std::unique_ptr<Task> make_digit_pairs_task(const nlohmann::json& section, const std::string& source);
std::unique_ptr<Task> make_fashion_pairs_task(const nlohmann::json& section, const std::string& source);

}  // namespace convneat
