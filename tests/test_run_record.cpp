// runs.csv rows: written and read back exactly, with or without a champion test accuracy,
// and rows written before the champion columns existed still read.
#include <catch2/catch.hpp>

#include "experiments/compare/run_record.hpp"

using namespace convneat::compare;

TEST_CASE("a runs.csv row reads back to the same record", "[compare]") {
  RunRecord record;
  record.key = {"digits_shared", "centroid", 7};
  record.generations = 300;
  record.evaluations = 45000;
  record.stop_reason = "max_generations";
  record.final_species = 2;
  record.mean_species = 1.9333333333333333;
  record.champion_fitness = 0.79771;
  record.champion_nodes = 80;
  record.champion_hidden_nodes = 5;
  record.champion_connections = 681;
  record.champion_parameters = 1234;
  record.wall_seconds = 134.6;
  for (const std::optional<double> accuracy : {std::optional<double>(0.7138888888888889), std::optional<double>()}) {
    record.champion_test_accuracy = accuracy;
    const auto read = parse_run_csv_row(run_csv_row(record));
    REQUIRE(read.has_value());
    CHECK(run_csv_row(*read) == run_csv_row(record));
    CHECK(read->champion_test_accuracy == accuracy);
    CHECK(read->champion_parameters == 1234);
  }
}

TEST_CASE("a runs.csv row of the earlier 15-column format still reads", "[compare]") {
  const auto read = parse_run_csv_row("xor,fresh,3,1,2700,18,2700,solved,9,7.5,3.9,6,1,7,0.25");
  REQUIRE(read.has_value());
  CHECK(read->evaluations_to_solve == 2700u);
  CHECK_FALSE(read->champion_test_accuracy.has_value());
  CHECK(read->wall_seconds == 0.25);
  CHECK_FALSE(parse_run_csv_row("xor,fresh,3,1,2700,18,2700,solved,9,7.5,3.9,6,1,7,12,abc,0.25").has_value());
}
