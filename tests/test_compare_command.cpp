// `convneat compare` as a user meets it: a tiny comparison runs end to end, each run equals
// a plain `convneat run` of the same config and seed (and keeps the same files), an interrupted comparison resumes with
// only the missing runs, bad specs are refused with the JSON path named, and every report
// shipped in docs/results is what its spec and runs give today.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "cli_support.hpp"
#include "neat/software_version.hpp"

using namespace convneat::testing;
namespace fs = std::filesystem;

namespace {

const std::string kXorConfig = CONVNEAT_SOURCE_DIR "/experiments/configs/xor.json";

// 2 variants × xor × 4 seeds, small populations: a few hundred milliseconds.
std::string tiny_spec() {
  return R"({"tasks": [")" + kXorConfig + R"("],
    "set": {"population.size": 60, "stop.max_generations": 40},
    "variants": [{"name": "per_generation", "set": {"population.innovation_policy": "per_generation"}},
                 {"name": "persistent", "set": {"population.innovation_policy": "persistent"}}],
    "seeds": 4})";
}

CliResult compare(const fs::path& spec, const fs::path& out, const std::string& extra = "") {
  return run_cli("compare " + shell_quote(spec.string()) + " --out " + shell_quote(out.string()) + " --jobs 2" + extra);
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream stream(text);
  for (std::string line; std::getline(stream, line);) lines.push_back(line);
  return lines;
}

// runs.csv or summary.csv without their wall-time columns (the only ones that vary).
std::string without_wall_time(const fs::path& csv) {
  std::string kept;
  for (const std::string& line : lines_of(read_text(csv))) {
    std::vector<std::string> fields;
    std::istringstream stream(line);
    for (std::string field; std::getline(stream, field, ',');) fields.push_back(field);
    if (!fields.empty() && line.back() == ',') fields.emplace_back();
    const std::size_t wall_columns = csv.filename() == "summary.csv" ? 2 : 1;
    for (std::size_t i = 0; i + wall_columns < fields.size(); ++i) kept += fields[i] + ",";
    kept += "\n";
  }
  return kept;
}

std::string row_of(const fs::path& runs_csv, const std::string& prefix) {
  for (const std::string& line : lines_of(read_text(runs_csv)))
    if (line.starts_with(prefix)) return line;
  return "";
}

}  // namespace

TEST_CASE("compare runs a tiny spec end to end and writes every output", "[compare]") {
  ScratchDirectory scratch("compare-tiny");
  write_text(scratch / "spec.json", tiny_spec());
  const CliResult result = compare(scratch / "spec.json", scratch / "out");
  INFO(result.output);
  REQUIRE(result.exit_code == 0);
  CHECK_THAT(result.output, Catch::Contains("2 variants x 1 tasks x 4 seeds = 8 runs") &&
                                Catch::Contains("runs 8/8, elapsed") && Catch::Contains("report written to"));
  for (const char* file : {"runs.csv", "species_curves.csv", "summary.csv", "pairwise.csv", "report.md",
                           "compare-spec.json", "plots/plots.gp", "plots/evaluations_xor.dat", "plots/species_xor.dat",
                           "plots/curves_xor.dat", "runs/xor/persistent/seed-4/generations.csv"})
    CHECK(fs::exists(scratch / "out" / file));
  // The curves: two variants' blocks of best fitness (xor has no accuracy), each point a
  // median inside its band.
  const std::string curves = read_text(scratch / "out" / "plots" / "curves_xor.dat");
  CHECK_THAT(curves, Catch::StartsWith("# per_generation: evaluations median low high\n") &&
                         Catch::Contains("\n\n\n# persistent: evaluations median low high\n"));
  for (const std::string& line : lines_of(curves)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream values(line);
    double evaluations = 0, median = 0, low = 0, high = 0;
    REQUIRE(values >> evaluations >> median >> low >> high);
    CHECK(evaluations >= 60);
    CHECK(low <= median);
    CHECK(median <= high);
  }
  CHECK(lines_of(read_text(scratch / "out" / "runs.csv")).size() == 9);
  CHECK(lines_of(read_text(scratch / "out" / "summary.csv")).size() == 3);
  const std::string report = read_text(scratch / "out" / "report.md");
  CHECK_THAT(report, Catch::Contains("| per_generation | ") && Catch::Contains("unsolved run counts as +infinity") &&
                         Catch::Contains("## Reading"));
  if (std::system("gnuplot --version >/dev/null 2>&1") == 0) {
    CHECK(fs::file_size(scratch / "out" / "plots" / "evaluations_xor.png") > 1000);
    CHECK(fs::file_size(scratch / "out" / "plots" / "species_xor.png") > 1000);
    CHECK(fs::file_size(scratch / "out" / "plots" / "curves_xor.png") > 1000);
    for (const char* svg : {"curves_xor.svg", "evaluations_xor.svg", "species_xor.svg"})
      CHECK_THAT(read_text(scratch / "out" / "plots" / svg), Catch::Contains("<svg"));
    CHECK_THAT(report, Catch::Contains("![plots/curves_xor.png](plots/curves_xor.png)"));
  }
  CHECK_THAT(report, Catch::Contains("runs/TASK/VARIANT/seed-N/ (each run's files as `convneat run` writes them"));
}

TEST_CASE("compare records the software that ran its runs and names it in the report", "[compare]") {
  ScratchDirectory scratch("compare-software");
  write_text(scratch / "spec.json", tiny_spec());
  REQUIRE(compare(scratch / "spec.json", scratch / "out").exit_code == 0);
  const nlohmann::json software = nlohmann::json::array({convneat::software_document()});
  CHECK(nlohmann::json::parse(read_text(scratch / "out" / "compare-spec.json")).at("software") == software);
  CHECK_THAT(read_text(scratch / "out" / "report.md"),
             Catch::Contains("- **Software** that ran them: " + convneat::software_description() + ", built by " +
                             convneat::compiler_description() + " (" + convneat::build_description() + "), on " +
                             convneat::machine_description() + ".\n"));
  // Run again with nothing left to run, or only to report: nothing new is recorded.
  REQUIRE(compare(scratch / "spec.json", scratch / "out").exit_code == 0);
  REQUIRE(compare(scratch / "spec.json", scratch / "out", " --report-only").exit_code == 0);
  CHECK(nlohmann::json::parse(read_text(scratch / "out" / "compare-spec.json")).at("software") == software);
  // A comparison recorded before versions were: no software, and the report says nothing of it.
  nlohmann::json record = nlohmann::json::parse(read_text(scratch / "out" / "compare-spec.json"));
  record.erase("software");
  write_text(scratch / "out" / "compare-spec.json", record.dump());
  REQUIRE(compare(scratch / "spec.json", scratch / "out", " --report-only").exit_code == 0);
  CHECK_THAT(read_text(scratch / "out" / "report.md"), !Catch::Contains("**Software**"));
}

TEST_CASE("the same spec gives the same CSVs with 1 and 2 runs at once", "[compare]") {
  ScratchDirectory scratch("compare-jobs");
  write_text(scratch / "spec.json", tiny_spec());
  REQUIRE(run_cli("compare " + shell_quote((scratch / "spec.json").string()) + " --out " +
                  shell_quote((scratch / "one").string()) + " --jobs 1")
              .exit_code == 0);
  REQUIRE(compare(scratch / "spec.json", scratch / "two").exit_code == 0);
  for (const char* file : {"runs.csv", "summary.csv"})
    CHECK(without_wall_time(scratch / "one" / file) == without_wall_time(scratch / "two" / file));
  for (const char* file : {"species_curves.csv", "pairwise.csv"})
    CHECK(read_text(scratch / "one" / file) == read_text(scratch / "two" / file));
}

TEST_CASE("a compare run equals a plain convneat run with the same config and seed", "[compare]") {
  ScratchDirectory scratch("compare-identical");
  write_text(scratch / "spec.json", tiny_spec());
  REQUIRE(compare(scratch / "spec.json", scratch / "out").exit_code == 0);
  const CliResult plain =
      run_cli("run " + shell_quote(kXorConfig) + " --seed 3 --set population.size=60 --set stop.max_generations=40" +
              " --set population.innovation_policy=persistent --out " + shell_quote((scratch / "plain").string()));
  REQUIRE(plain.exit_code == 0);
  const auto champion = nlohmann::json::parse(read_text(scratch / "plain" / "champion.json"));
  const auto& genome = champion["genome"];
  std::size_t enabled = 0;
  for (const auto& connection : genome["connections"]) enabled += connection["enabled"].get<bool>();
  const std::vector<std::string> generations = lines_of(read_text(scratch / "plain" / "generations.csv"));
  std::istringstream last_row(generations.back());
  std::string field;
  for (int column = 0; column <= 4; ++column) std::getline(last_row, field, ',');  // species_count

  char fitness[32];
  std::snprintf(fitness, sizeof fitness, "%.17g", genome["fitness"].get<double>());
  const bool solved = champion["solved"].get<bool>();
  std::ostringstream expected;  // task, variant, seed, solved, evaluations to solve, generations, evaluations
  expected << "xor,persistent,3," << (solved ? 1 : 0) << ','
           << (solved ? std::to_string(champion["evaluations_to_solve"].get<std::uint64_t>()) : std::string()) << ','
           << champion["generations"].get<std::size_t>() << ',' << champion["evaluations"].get<std::uint64_t>() << ',';
  const std::string row = row_of(scratch / "out" / "runs.csv", "xor,persistent,3,");
  INFO(row);
  CHECK(row.starts_with(expected.str()));
  auto column = [](const std::string& value) { return std::string(",").append(value).append(","); };
  CHECK_THAT(row, Catch::Contains(column(field)) && Catch::Contains(column(fitness)) &&
                      Catch::Contains(column(std::to_string(genome["nodes"].size()))) &&
                      Catch::Contains(column(std::to_string(enabled))));

  // The run's own files are the plain run's: the same champion file, the same statistics but
  // for the wall-clock column.
  const fs::path kept = scratch / "out" / "runs" / "xor" / "persistent" / "seed-3";
  CHECK(nlohmann::json::parse(read_text(kept / "champion.json")) == champion);
  CHECK(read_text(kept / "species.csv") == read_text(scratch / "plain" / "species.csv"));
  const auto without_seconds = [](const std::string& text) {
    std::string kept_columns;
    for (const std::string& line : lines_of(text)) kept_columns += line.substr(0, line.rfind(',')) + "\n";
    return kept_columns;
  };
  CHECK(without_seconds(read_text(kept / "generations.csv")) == without_seconds(read_text(scratch / "plain" / "generations.csv")));
}

TEST_CASE("compare keeps each NSGA-II run's final front, as a plain run writes it, and draws the fronts",
          "[compare]") {
  ScratchDirectory scratch("compare-fronts");
  write_text(scratch / "spec.json", R"({"tasks": [")" + kXorConfig + R"("],
    "set": {"population.size": 60, "stop.max_generations": 30, "stop.when_solved": false},
    "variants": [{"name": "fitness", "set": {"selection.objective": "fitness"}},
                 {"name": "pareto", "set": {"selection.objective": "pareto"}}],
    "seeds": 3})");
  REQUIRE(compare(scratch / "spec.json", scratch / "out").exit_code == 0);
  REQUIRE(run_cli("run " + shell_quote(kXorConfig) + " --seed 2 --set population.size=60 --set stop.max_generations=30" +
                  " --set stop.when_solved=false --set selection.objective=pareto --out " +
                  shell_quote((scratch / "plain").string()))
              .exit_code == 0);
  const fs::path kept = scratch / "out" / "runs" / "xor" / "pareto" / "seed-2";
  CHECK(read_text(kept / "pareto_front.csv") == read_text(scratch / "plain" / "pareto_front.csv"));
  CHECK(read_text(kept / "selection.csv") == read_text(scratch / "plain" / "selection.csv"));
  CHECK_FALSE(fs::exists(scratch / "out" / "runs" / "xor" / "fitness" / "seed-2" / "pareto_front.csv"));
  // The plot's data: one block, the pareto variant's, with every run's front (3 runs: 3 lines).
  const std::string data = read_text(scratch / "out" / "plots" / "fronts_xor.dat");
  CHECK_THAT(data, Catch::StartsWith("# pareto: parameters fitness, a run per line\n"));
  CHECK(data.find("# fitness") == std::string::npos);
  std::size_t front_rows = 0;
  for (const char* seed : {"seed-1", "seed-2", "seed-3"})
    front_rows += lines_of(read_text(scratch / "out" / "runs" / "xor" / "pareto" / seed / "pareto_front.csv")).size() - 1;
  std::size_t data_rows = 0;
  for (const std::string& line : lines_of(data)) data_rows += !line.empty() && line[0] != '#';
  CHECK(data_rows == front_rows);
  CHECK_THAT(read_text(scratch / "out" / "report.md"), Catch::Contains("![plots/fronts_xor.png](plots/fronts_xor.png)"));
}

TEST_CASE("an interrupted comparison resumes with only the missing runs and the same results", "[compare]") {
  ScratchDirectory scratch("compare-resume");
  write_text(scratch / "spec.json", tiny_spec());
  const fs::path out = scratch / "out";
  REQUIRE(compare(scratch / "spec.json", out).exit_code == 0);
  const std::string runs_before = without_wall_time(out / "runs.csv");
  const std::string summary_before = without_wall_time(out / "summary.csv");
  const std::string curves_before = read_text(out / "species_curves.csv");

  // As if killed: three rows missing, and the last one cut in half.
  std::vector<std::string> lines = lines_of(read_text(out / "runs.csv"));
  std::string kept;
  for (std::size_t i = 0; i < 5; ++i) kept += lines[i] + "\n";
  kept += lines[5].substr(0, lines[5].size() / 2);
  write_text(out / "runs.csv", kept);

  const CliResult resumed = compare(scratch / "spec.json", out);
  INFO(resumed.output);
  REQUIRE(resumed.exit_code == 0);
  CHECK_THAT(resumed.output, Catch::Contains("resuming: 4 of 8 runs already done") && Catch::Contains("ran 4 runs"));
  CHECK(without_wall_time(out / "runs.csv") == runs_before);
  CHECK(without_wall_time(out / "summary.csv") == summary_before);
  CHECK(read_text(out / "species_curves.csv") == curves_before);

  const CliResult again = compare(scratch / "spec.json", out);
  CHECK_THAT(again.output, Catch::Contains("resuming: 8 of 8 runs already done") && Catch::Contains("ran 0 runs"));

  SECTION("more seeds run only the new ones") {
    std::string spec = tiny_spec();
    spec.replace(spec.find("\"seeds\": 4"), 10, "\"seeds\": 5");
    write_text(scratch / "spec.json", spec);
    const CliResult more = compare(scratch / "spec.json", out);
    CHECK_THAT(more.output, Catch::Contains("resuming: 8 of 10 runs already done") && Catch::Contains("ran 2 runs"));
  }
  SECTION("runs recorded before a setting existed still match while it keeps its default") {
    nlohmann::json record = nlohmann::json::parse(read_text(out / "compare-spec.json"));
    for (auto& [group, fingerprint] : record["groups"].items()) {
      REQUIRE(fingerprint["genome"].contains("mutate_power_decay_generations"));
      fingerprint["genome"].erase("mutate_power_decay_generations");
    }
    write_text(out / "compare-spec.json", record.dump(2));
    const CliResult older = compare(scratch / "spec.json", out);
    INFO(older.output);
    CHECK(older.exit_code == 0);
    CHECK_THAT(older.output, Catch::Contains("resuming: 8 of 8 runs already done"));

    std::string spec = tiny_spec();
    spec.replace(spec.find("\"population.size\": 60"), 21,
                 "\"population.size\": 60, \"genome.mutate_power_decay_generations\": 10");
    write_text(scratch / "spec.json", spec);
    const CliResult changed = compare(scratch / "spec.json", out);
    CHECK(changed.exit_code == 2);
    CHECK_THAT(changed.output, Catch::Contains("/genome/mutate_power_decay_generations was 0 when the runs here"));
  }
  SECTION("a changed setting under finished runs is refused") {
    std::string spec = tiny_spec();
    spec.replace(spec.find("\"population.size\": 60"), 21, "\"population.size\": 70");
    write_text(scratch / "spec.json", spec);
    const CliResult changed = compare(scratch / "spec.json", out);
    CHECK(changed.exit_code == 2);
    CHECK_THAT(changed.output, Catch::Contains("spec.json: xor/per_generation: /population/size was 60 when the runs "
                                               "here were made, now 70"));
  }
}

TEST_CASE("without gnuplot the comparison says so and writes everything else", "[compare]") {
  ScratchDirectory scratch("compare-no-gnuplot");
  write_text(scratch / "spec.json", tiny_spec());
  fs::create_directories(scratch / "empty-path");
  const CliResult result = run_cli("compare " + shell_quote((scratch / "spec.json").string()) + " --out " +
                                       shell_quote((scratch / "out").string()) + " --jobs 1",
                                   "PATH=" + shell_quote((scratch / "empty-path").string()) + " ");
  INFO(result.output);
  CHECK(result.exit_code == 0);
  CHECK_THAT(result.output, Catch::Contains("gnuplot not found (Debian package gnuplot-nox)"));
  CHECK(fs::exists(scratch / "out" / "report.md"));
  CHECK(fs::exists(scratch / "out" / "plots" / "plots.gp"));
  CHECK_FALSE(fs::exists(scratch / "out" / "plots" / "species_xor.png"));
}

namespace {
struct BadSpec {
  std::string json;
  std::string expected;  // parts of the message, separated by '|'
};
}  // namespace

TEST_CASE("bad specs are refused before anything runs, naming the JSON path", "[compare]") {
  const std::string variants = R"("variants": [{"name": "a", "set": {}}])";
  const std::string task = R"("tasks": [")" + kXorConfig + R"("])";
  const BadSpec bad = GENERATE_COPY(
      BadSpec{"[1]", "spec.json: expected a JSON object at the top level"},
      BadSpec{"{" + variants + R"(, "seeds": 3})", "spec.json: /tasks: missing"},
      BadSpec{"{" + task + R"(, "seeds": 3})", "spec.json: /variants: missing"},
      BadSpec{"{" + task + ", " + variants + R"(, "seeds": 0})", "spec.json: /seeds: expected a whole number in [1, 100000]"},
      BadSpec{"{" + task + ", " + variants + R"(, "seeds": [1, 1]})", "spec.json: /seeds/1: expected"},
      BadSpec{"{" + task + ", " + variants + R"(, "seeds": 3, "seed": 1})", "spec.json: /seed: unknown key"},
      BadSpec{"{" + task + R"(, "seeds": 3, "variants": [{"name": "a"}, {"name": "a"}]})",
              R"(spec.json: /variants/1/name: a second variant named "a")"},
      BadSpec{"{" + task + R"(, "seeds": 3, "variants": [{"name": "a b"}]})", "spec.json: /variants/0/name: expected"},
      BadSpec{"{" + task + R"(, "seeds": 3, "variants": [{"name": ".."}]})",
              R"(spec.json: /variants/0/name: expected up to 64 letters, digits, '_', '-' or '.' (not "." or ".."))"},
      BadSpec{"{" + task + R"(, "seeds": 3, "variants": [{"name": "a"}, {"name": "b", "set": {"population.innovation_policy": "global"}}]})",
              R"(spec.json: /variants/1/set/population.innovation_policy: /population/innovation_policy: expected one of "fresh")"},
      BadSpec{R"({"tasks": ["nowhere.json"], "seeds": 3, )" + variants + "}", "spec.json: /tasks/0: |/nowhere.json: cannot open"},
      BadSpec{R"({"tasks": ["bad.json"], "seeds": 3, )" + variants + "}",
              "spec.json: /tasks/0: |/bad.json: /population/size: expected a whole number"},
      BadSpec{"{" + task + ", " + variants + R"(, "seeds": 3, "output": ""})", "spec.json: /output: expected a non-empty"});
  ScratchDirectory scratch("compare-bad-spec");
  write_text(scratch / "spec.json", bad.json);
  write_text(scratch / "bad.json", R"({"population": {"size": "many"}})");
  const CliResult result = compare(scratch / "spec.json", scratch / "out");
  INFO(result.output);
  CHECK(result.exit_code == 2);
  std::istringstream parts(bad.expected);
  for (std::string part; std::getline(parts, part, '|');) CHECK_THAT(result.output, Catch::Contains(part));
  CHECK(std::count(result.output.begin(), result.output.end(), '\n') == 1);
  CHECK_FALSE(fs::exists(scratch / "out"));
}

TEST_CASE("compare refuses a negative or too large --jobs, naming the option and the range", "[compare]") {
  ScratchDirectory scratch("compare-jobs");
  write_text(scratch / "spec.json", tiny_spec());
  for (const std::string jobs : {"-1", "1.5", "4097"}) {
    const CliResult result = run_cli("compare " + shell_quote((scratch / "spec.json").string()) + " --out " +
                                     shell_quote((scratch / "out").string()) + " --jobs=" + jobs);
    INFO(result.output);
    CHECK(result.exit_code == 2);
    CHECK_THAT(result.output, Catch::Contains("--jobs: expected a whole number in [0, 4096], got " + jobs));
    CHECK_FALSE(fs::exists(scratch / "out"));
  }
}

TEST_CASE("compare has help and is listed in the tool's usage", "[compare]") {
  CHECK_THAT(run_cli("--help").output, Catch::Contains("compare SPEC"));
  const CliResult help = run_cli("compare --help");
  CHECK(help.exit_code == 0);
  CHECK_THAT(help.output, Catch::Contains("--jobs") && Catch::Contains("--report-only"));
}

TEST_CASE("compare reports image tasks' test accuracy with the interval of each difference", "[compare]") {
  ScratchDirectory scratch("compare-accuracy");
  const std::string config = CONVNEAT_SOURCE_DIR "/experiments/configs/aligned_parts_shared.json";
  write_text(scratch / "spec.json", R"({"tasks": [")" + config + R"("],
    "set": {"population.size": 20, "stop.max_generations": 3},
    "variants": [{"name": "shared", "set": {"genome.spatial.layers.0.mode": "shared"}},
                 {"name": "local", "set": {"genome.spatial.layers.0.mode": "local"}}],
    "seeds": 3})");
  const CliResult result = compare(scratch / "spec.json", scratch / "out");
  INFO(result.output);
  REQUIRE(result.exit_code == 0);
  const std::string report = read_text(scratch / "out" / "report.md");
  CHECK_THAT(report, Catch::Contains("test accuracy A − B, medians [95% CI]") &&
                         Catch::Contains("reached a higher test accuracy"));
  // pairwise.csv: the test_error row's median difference lies inside its own interval, and
  // it is the difference of the two variants' median test errors in summary.csv.
  const auto field = [](const std::string& line, std::size_t index) {
    std::vector<std::string> fields;
    std::istringstream stream(line);
    for (std::string value; std::getline(stream, value, ',');) fields.push_back(value);
    return std::stod(fields.at(index));
  };
  const std::string row = row_of(scratch / "out" / "pairwise.csv", "aligned_parts_shared,test_error,shared,local,");
  REQUIRE_FALSE(row.empty());
  const double difference = field(row, 11), low = field(row, 12), high = field(row, 13);
  CHECK(low <= difference);
  CHECK(difference <= high);
  const double shared_accuracy = field(row_of(scratch / "out" / "summary.csv", "aligned_parts_shared,shared,"), 21);
  const double local_accuracy = field(row_of(scratch / "out" / "summary.csv", "aligned_parts_shared,local,"), 21);
  CHECK(difference == Approx(local_accuracy - shared_accuracy).margin(1e-5));
}

// The comparisons shipped in docs/results are what their specs give: today's convneat reads
// each shipped runs.csv back under its spec (so no config or variant changed under the runs)
// and writes the same report and tables. A shipped config edited without new runs, or a
// report format changed without regenerating the shipped reports, fails here.
TEST_CASE("every shipped comparison's report is what its spec and runs give today", "[compare][long]") {
  const fs::path source = CONVNEAT_SOURCE_DIR;
  std::size_t specs = 0, regenerated = 0;
  for (const auto& entry : fs::directory_iterator(source / "experiments" / "compare")) {
    if (entry.path().extension() != ".json") continue;
    ++specs;
    INFO(entry.path().string());
    const fs::path shipped = source / nlohmann::json::parse(read_text(entry.path())).at("output").get<std::string>();
    REQUIRE(fs::exists(shipped / "runs.csv"));
    ScratchDirectory scratch("shipped-" + entry.path().stem().string());
    fs::copy(shipped, scratch.path(), fs::copy_options::recursive | fs::copy_options::overwrite_existing);
    // What a fresh clone has: of the per-run files only pareto_front.csv (.gitignore), whatever a
    // comparison run in this checkout left beside it.
    std::vector<fs::path> not_kept;
    if (fs::exists(scratch / "runs"))
      for (const auto& file : fs::recursive_directory_iterator(scratch / "runs"))
        if (file.is_regular_file() && file.path().filename() != "pareto_front.csv") not_kept.push_back(file.path());
    for (const fs::path& file : not_kept) fs::remove(file);
    fs::remove(scratch / ".convneat.lock");
    const CliResult result = compare(entry.path(), scratch.path(), " --report-only");
    INFO(result.output);
    if (entry.path().stem() == "innovation_policies") {
      // Recorded before runs.csv had parameter and test-accuracy columns; refused, not misread.
      CHECK(result.exit_code != 0);
      CHECK_THAT(result.output, Catch::Contains("written by another version of convneat compare"));
      continue;
    }
    REQUIRE(result.exit_code == 0);
    for (const char* table : {"report.md", "summary.csv", "pairwise.csv"}) {
      INFO(table);
      CHECK(read_text(scratch / table) == read_text(shipped / table));
    }
    ++regenerated;
  }
  CHECK(specs >= 6);
  CHECK(regenerated == specs - 1);  // every one but innovation_policies
}
