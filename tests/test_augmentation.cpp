// Augmentation of training images (/training/augment_shift, augment_flip): every augmented
// image is the original translated within the shift (zero-filled) and mirrored or not; every
// allowed change occurs; the channels of one image move together while each image of an
// example draws its own; nothing changes, and nothing is drawn, without augmentation.
// Trained image runs with augmentation stay identical for 1 and 2 threads and across a
// resume; tasks without images, and shifts as large as the image, are refused by key.
#include <catch2/catch.hpp>

#include <filesystem>
#include <set>

#include <nlohmann/json.hpp>

#include "cli_support.hpp"
#include "training/augmentation.hpp"

using namespace convneat;
using namespace convneat::testing;

namespace {

constexpr ImageShape kShape{.channels = 2, .height = 5, .width = 7};

// Pixel values all different and non-zero, so a translation is recognised by its values.
Eigen::MatrixXd distinct_images(Eigen::Index rows, std::size_t copies) {
  const auto columns = static_cast<Eigen::Index>(copies * kShape.size());
  Eigen::MatrixXd images(rows, columns);
  for (Eigen::Index r = 0; r < rows; ++r)
    for (Eigen::Index c = 0; c < columns; ++c) images(r, c) = 1.0 + static_cast<double>(r * columns + c);
  return images;
}

// The image at `image` (one channel-major image) moved by (dx, dy) after an optional mirror,
// written out pixel by pixel from the definition.
Eigen::VectorXd expected_image(const Eigen::VectorXd& image, int dx, int dy, bool mirrored) {
  const int height = static_cast<int>(kShape.height), width = static_cast<int>(kShape.width);
  Eigen::VectorXd result = Eigen::VectorXd::Zero(image.size());
  for (int c = 0; c < static_cast<int>(kShape.channels); ++c)
    for (int y = 0; y < height; ++y)
      for (int x = 0; x < width; ++x) {
        const int target_x = (mirrored ? width - 1 - x : x) + dx, target_y = y + dy;
        if (target_x < 0 || target_x >= width || target_y < 0 || target_y >= height) continue;
        result(c * height * width + target_y * width + target_x) = image(c * height * width + y * width + x);
      }
  return result;
}

struct Change {
  int dx = 0, dy = 0;
  bool mirrored = false;
  auto operator<=>(const Change&) const = default;
};

// Which allowed change turned `original` into `augmented`; fails the test if none did.
Change change_between(const Eigen::VectorXd& original, const Eigen::VectorXd& augmented, int shift, bool flip) {
  for (int dy = -shift; dy <= shift; ++dy)
    for (int dx = -shift; dx <= shift; ++dx)
      for (const bool mirrored : {false, true}) {
        if (mirrored && !flip) continue;
        if (expected_image(original, dx, dy, mirrored) == augmented) return {dx, dy, mirrored};
      }
  FAIL("the augmented image is no allowed change of the original");
  return {};
}

Eigen::VectorXd image_of(const Eigen::MatrixXd& rows, Eigen::Index row, Eigen::Index copy) {
  const auto size = static_cast<Eigen::Index>(kShape.size());
  return rows.row(row).segment(copy * size, size).transpose();
}

// The changes seen over `rows` augmented rows of one image each.
std::set<Change> changes_seen(const ImageAugmentation& augmentation, Eigen::Index rows) {
  const Eigen::MatrixXd original = distinct_images(rows, 1);
  Eigen::MatrixXd augmented = original;
  RandomStream random(5, 0, 0, Purpose::training);
  augment_images(augmented, {kShape, 1}, augmentation, random);
  std::set<Change> seen;
  for (Eigen::Index r = 0; r < rows; ++r)
    seen.insert(change_between(image_of(original, r, 0), image_of(augmented, r, 0),
                               static_cast<int>(augmentation.shift), augmentation.flip));
  return seen;
}

}  // namespace

TEST_CASE("Without augmentation the images are unchanged and the stream is not drawn from", "[training]") {
  Eigen::MatrixXd images = distinct_images(4, 2);
  const Eigen::MatrixXd original = images;
  RandomStream used(3, 0, 0, Purpose::training), fresh(3, 0, 0, Purpose::training);
  augment_images(images, {kShape, 2}, ImageAugmentation{}, used);
  CHECK(images == original);
  CHECK(used.uniform() == fresh.uniform());
}

TEST_CASE("A shifted image is the original moved by at most the shift each way, zero-filled, every move occurring",
          "[training]") {
  const std::set<Change> seen = changes_seen({.shift = 2, .flip = false}, 2000);
  CHECK(seen.size() == 25);  // (2·2 + 1)² moves, none mirrored
  for (const Change& change : seen) CHECK_FALSE(change.mirrored);
}

TEST_CASE("A flipped image is the original or its mirror, each about half the time", "[training]") {
  const Eigen::MatrixXd original = distinct_images(1000, 1);
  Eigen::MatrixXd augmented = original;
  RandomStream random(8, 0, 0, Purpose::training);
  augment_images(augmented, {kShape, 1}, {.shift = 0, .flip = true}, random);
  int mirrored = 0;
  for (Eigen::Index r = 0; r < original.rows(); ++r) {
    const Change change = change_between(image_of(original, r, 0), image_of(augmented, r, 0), 0, true);
    CHECK(change.dx == 0);
    CHECK(change.dy == 0);
    mirrored += change.mirrored ? 1 : 0;
  }
  CHECK(mirrored > 430);  // binomial(1000, ½): 4.4 standard deviations either side
  CHECK(mirrored < 570);
  CHECK(changes_seen({.shift = 1, .flip = true}, 2000).size() == 18);  // 9 moves, mirrored or not
}

TEST_CASE("The channels of one image move together, and each image of an example draws its own change",
          "[training]") {
  const Eigen::MatrixXd original = distinct_images(200, 2);
  Eigen::MatrixXd augmented = original;
  RandomStream random(13, 0, 0, Purpose::training);
  augment_images(augmented, {kShape, 2}, {.shift = 1, .flip = true}, random);
  int copies_differ = 0;
  for (Eigen::Index r = 0; r < original.rows(); ++r) {
    // change_between matches both channels at once, so a match means one change for both.
    const Change first = change_between(image_of(original, r, 0), image_of(augmented, r, 0), 1, true);
    const Change second = change_between(image_of(original, r, 1), image_of(augmented, r, 1), 1, true);
    copies_differ += first != second ? 1 : 0;
  }
  CHECK(copies_differ > 150);  // 17 in 18 pairs of independent draws differ
  Eigen::MatrixXd again = original;
  RandomStream same(13, 0, 0, Purpose::training);
  augment_images(again, {kShape, 2}, {.shift = 1, .flip = true}, same);
  CHECK(again == augmented);
}

TEST_CASE("Augmented trained image runs are identical with 1 and 2 threads and across a resume", "[training]") {
  ScratchDirectory scratch("augmented-runs");
  const std::string run = "run " + shell_quote(CONVNEAT_SOURCE_DIR "/experiments/configs/digits_trained.json") +
                          " --set population.size=6 --set training.steps=5 --set training.augment_shift=1";
  check_threads_and_resume_agree(run, scratch.path());
  run_ok(run + " --set training.augment_shift=0 --generations 4 --threads 2 --out " + quoted(scratch / "plain"));
  CHECK(read_text(scratch / "plain" / "champion.json") != read_text(scratch / "straight" / "champion.json"));
}

TEST_CASE("Augmenting a task without images, or shifting an image out of its frame, is refused by key", "[training]") {
  const CliResult xor_flip = run_cli("run " + shell_quote(CONVNEAT_SOURCE_DIR "/experiments/configs/xor.json") +
                                     " --set training.mode=lamarckian --set training.augment_flip=true"
                                     " --out /nonexistent/never");
  CHECK(xor_flip.exit_code == 2);
  CHECK_THAT(xor_flip.output, Catch::Contains("/training/augment_flip: the task's inputs are not images"));
  const CliResult too_far = run_cli("run " + shell_quote(CONVNEAT_SOURCE_DIR "/experiments/configs/digits_trained.json") +
                                    " --set training.augment_shift=8 --out /nonexistent/never");
  CHECK(too_far.exit_code == 2);
  CHECK_THAT(too_far.output, Catch::Contains("/training/augment_shift: 8 would move a 8x8 image out of its frame; use less than 8"));
}

TEST_CASE("convneat train refuses augmentation its champion's task cannot take, by key, and augments where it can",
          "[training]") {
  ScratchDirectory scratch("augmented-train");
  run_ok("run " + shell_quote(CONVNEAT_SOURCE_DIR "/experiments/configs/xor.json") + " --generations 2 --out " +
         quoted(scratch / "xor"));
  const CliResult xor_flip = run_cli("train " + quoted(scratch / "xor") + " --steps 2 --set training.augment_flip=true"
                                     " --out " + quoted(scratch / "xor_trained.json"));
  CHECK(xor_flip.exit_code == 2);
  CHECK_THAT(xor_flip.output, Catch::Contains("train: /training/augment_flip: the task's inputs are not images"));
  run_ok("run " + shell_quote(CONVNEAT_SOURCE_DIR "/experiments/configs/digits_trained.json") +
         " --generations 1 --set population.size=4 --set training.steps=2 --out " + quoted(scratch / "digits"));
  const CliResult too_far = run_cli("train " + quoted(scratch / "digits") + " --steps 2 --set training.augment_shift=9"
                                    " --out " + quoted(scratch / "digits_far.json"));
  CHECK(too_far.exit_code == 2);
  CHECK_THAT(too_far.output, Catch::Contains("train: /training/augment_shift: 9 would move a 8x8 image"));
  CHECK_FALSE(std::filesystem::exists(scratch / "digits_far.json"));
  const std::string train = "train " + quoted(scratch / "digits") + " --steps 5 --out ";
  run_ok(train + quoted(scratch / "shifted.json") + " --set training.augment_shift=1");
  run_ok(train + quoted(scratch / "plain.json"));
  const auto genome_of = [&](const char* file) { return nlohmann::json::parse(read_text(scratch / file)).at("genome"); };
  CHECK(genome_of("shifted.json") != genome_of("plain.json"));  // the trained weights, not only the settings recorded
}
