#pragma once
// The tasks over installed datasets: digits (scikit-learn's 8 × 8 digits) and Fashion-MNIST,
// each as classification and as "same or different class" on pairs (task_registry.hpp). Each
// reader reads its dataset's parameters (path, split, split_seed; pairs: pair_input, *_pairs,
// data_seed) and the image-classification parameters; its builder loads the files when the
// task is made — a missing package or a file too small to fill every split is a config error
// before anything runs.
#include "experiments/tasks/task_registry.hpp"

namespace convneat {

TaskBuilder read_digits_task(TaskParameters& parameters);
TaskBuilder read_fashion_task(TaskParameters& parameters);
TaskBuilder read_digit_pairs_task(TaskParameters& parameters);
TaskBuilder read_fashion_pairs_task(TaskParameters& parameters);

}  // namespace convneat
