// The spiking phenotype and its Izhikevich genes. A neuron under a step current follows the
// algorithm Izhikevich (2003) published with the model, step for step, and shows the firing
// patterns the paper's Fig. 2 shows for each preset at I = 10 (regular spiking adapts,
// intrinsically bursting starts with a burst, chattering bursts again and again, fast spiking
// fires fast without adaptation); spikes cross connections; windows count or rate; batches
// equal single instances; the genes' storage, mutation and distance.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <vector>

#include "genome/compatibility.hpp"
#include "genome/genome_json.hpp"
#include "genome/mutation.hpp"
#include "nets/compile_network.hpp"
#include "nets/izhikevich_network.hpp"
#include "test_support.hpp"

using namespace convneat;
using namespace convneat::testing;

namespace {

NetworkSettings spiking(double time_step, std::size_t steps, SpikeOutput output = SpikeOutput::count) {
  return {NetworkKind::izhikevich, Integration::exponential, time_step, steps, output};
}

// One input → one output neuron with the preset's parameters: input 1 with weight I is a step
// current I from t = 0.
Genome one_neuron(SpikingPreset preset, double weight = 10.0) {
  NodeGene neuron = output(1);
  neuron.izhikevich = preset_parameters(preset);
  return make_genome({input(0), neuron}, {link(1, 0, 1, weight)});
}

// The spike times (ms) of the published algorithm (Izhikevich 2003, appendix; time step dt
// instead of 1 ms): v and u from rest at v = c, the spike test on the new v.
std::vector<double> published_spike_times(const IzhikevichParameters& p, double current, double dt, double duration) {
  double v = p.c, u = p.b * p.c;
  std::vector<double> times;
  const auto steps = static_cast<int>(std::lround(duration / dt));
  for (int k = 1; k <= steps; ++k) {
    v = v + 0.5 * dt * (0.04 * v * v + 5 * v + 140 - u + current);
    v = v + 0.5 * dt * (0.04 * v * v + 5 * v + 140 - u + current);
    u = u + dt * p.a * (p.b * v - u);
    if (v >= 30) {
      times.push_back(k * dt);
      v = p.c;
      u = u + p.d;
    }
  }
  return times;
}

// The spike times of ConvNEAT's network, one step per activation.
std::vector<double> network_spike_times(const Genome& genome, double dt, double duration) {
  IzhikevichNetwork network(genome, spiking(dt, 1));
  std::vector<double> times, out(1);
  const std::vector<double> in{1.0};
  const auto steps = static_cast<int>(std::lround(duration / dt));
  for (int k = 1; k <= steps; ++k) {
    network.activate(in, out);
    if (out[0] > 0.0) times.push_back(k * dt);
  }
  return times;
}

std::vector<double> intervals(const std::vector<double>& times) {
  std::vector<double> gaps;
  for (std::size_t i = 1; i < times.size(); ++i) gaps.push_back(times[i] - times[i - 1]);
  return gaps;
}

}  // namespace

TEST_CASE("A neuron under a step current spikes when the published algorithm does, for every preset", "[izhikevich]") {
  for (const SpikingPreset preset : kSpikingPresets.values()) {
    for (const double dt : {1.0, 0.1}) {
      INFO(kSpikingPresets.name(preset) << ", dt " << dt << " ms");
      const auto expected = published_spike_times(preset_parameters(preset), 10.0, dt, 500.0);
      CHECK(network_spike_times(one_neuron(preset), dt, 500.0) == expected);
    }
  }
}

TEST_CASE("The presets fire as Izhikevich's Fig. 2 shows at I = 10", "[izhikevich]") {
  const double dt = 0.1;  // fine enough that the patterns no longer depend on the step
  const auto rs = intervals(network_spike_times(one_neuron(SpikingPreset::regular_spiking), dt, 1000.0));
  const auto ib = intervals(network_spike_times(one_neuron(SpikingPreset::intrinsically_bursting), dt, 1000.0));
  const auto ch = intervals(network_spike_times(one_neuron(SpikingPreset::chattering), dt, 1000.0));
  const auto fs = intervals(network_spike_times(one_neuron(SpikingPreset::fast_spiking), dt, 1000.0));
  REQUIRE(rs.size() > 10);
  REQUIRE(ib.size() > 10);
  REQUIRE(ch.size() > 10);
  REQUIRE(fs.size() > 10);
  // Regular spiking: a first short interval, then longer ones at a steady rate (adaptation).
  CHECK(rs.front() < 0.6 * rs.back());
  CHECK(std::abs(rs[rs.size() - 1] - rs[rs.size() - 2]) < 0.5);
  // Intrinsically bursting: a burst of spikes a few ms apart, then single spikes far apart.
  CHECK(ib[0] < 5.0);
  CHECK(*std::min_element(ib.begin() + 1, ib.end()) > 20.0);
  // Chattering: bursts again and again, short intervals inside them, long ones between.
  const auto short_gaps = std::count_if(ch.begin(), ch.end(), [](double gap) { return gap < 5.0; });
  const auto long_gaps = std::count_if(ch.begin(), ch.end(), [](double gap) { return gap > 30.0; });
  CHECK(short_gaps > 3 * long_gaps);
  CHECK(long_gaps >= 10);
  // Fast spiking: several times the regular spiking rate, with next to no adaptation.
  CHECK(fs.back() < rs.back() / 4.0);
  CHECK(*std::max_element(fs.begin() + 3, fs.end()) - *std::min_element(fs.begin() + 3, fs.end()) < 0.5);
}

TEST_CASE("A spike drives the next neuron for one step, and a window counts or rates the spikes", "[izhikevich]") {
  // A fast-spiking input neuron excites a regular-spiking output neuron only through its spikes.
  NodeGene driver = hidden(2);
  driver.izhikevich = preset_parameters(SpikingPreset::fast_spiking);
  const Genome genome = make_genome({input(0), output(1), driver}, {link(1, 0, 2, 10.0), link(2, 2, 1, 400.0)});
  IzhikevichNetwork counted(genome, spiking(0.1, 5000));
  std::vector<double> count(1);
  counted.activate(std::vector<double>{1.0}, count);
  CHECK(count[0] >= 5.0);
  const Genome silent_input = make_genome({input(0), output(1), driver}, {link(1, 0, 2, 0.0), link(2, 2, 1, 400.0)});
  IzhikevichNetwork quiet(silent_input, spiking(0.1, 5000));
  std::vector<double> none(1);
  quiet.activate(std::vector<double>{1.0}, none);
  CHECK(none[0] == 0.0);  // at rest without a current, no spike ever

  IzhikevichNetwork rated(genome, spiking(0.1, 5000, SpikeOutput::rate));
  std::vector<double> rate(1);
  rated.activate(std::vector<double>{1.0}, rate);
  CHECK(rate[0] == count[0] / 0.5);  // spikes in a 500 ms window, per second
}

TEST_CASE("A spiking network keeps its state between windows, resets to rest, and batches rows alone",
          "[izhikevich]") {
  NodeGene second = hidden(3);
  second.izhikevich = preset_parameters(SpikingPreset::chattering);
  NodeGene out = output(2, Activation::identity, 2.0);
  const Genome genome = make_genome({input(0), input(1), out, second},
                                    {link(1, 0, 3, 12.0), link(2, 1, 2, 6.0), link(3, 3, 2, 150.0),
                                     link(4, 2, 3, -80.0), link(5, 2, 2, 30.0)});
  const auto settings = spiking(0.25, 40);
  IzhikevichNetwork network(genome, settings);
  std::vector<double> first(1), again(1);
  const std::vector<double> in{1.0, 0.5};
  network.activate(in, first);
  std::vector<double> later(1);
  for (int i = 0; i < 5; ++i) network.activate(in, later);
  network.reset();
  network.activate(in, again);
  CHECK(again == first);

  IzhikevichNetwork batched(genome, settings);
  const Eigen::MatrixXd rows{{1.0, 0.5}, {0.2, 1.5}, {2.0, -1.0}};
  std::vector<IzhikevichNetwork> singles(3, IzhikevichNetwork(genome, settings));
  for (int call = 0; call < 6; ++call) {
    const Eigen::MatrixXd outputs = batched.activate_batch(rows);
    for (Eigen::Index r = 0; r < rows.rows(); ++r) {
      std::vector<double> single(1);
      singles[static_cast<std::size_t>(r)].activate(std::vector<double>{rows(r, 0), rows(r, 1)}, single);
      CHECK(outputs(r, 0) == single[0]);
    }
  }
}

TEST_CASE("A current that overflows the membrane counts as a spike and the neuron recovers", "[izhikevich]") {
  IzhikevichNetwork network(one_neuron(SpikingPreset::regular_spiking, 1e300), spiking(1.0, 10));
  std::vector<double> out(1);
  network.activate(std::vector<double>{1.0}, out);
  CHECK(out[0] == 10.0);  // every step
  for (const auto& neuron : network.neurons()) {
    CHECK(std::isfinite(neuron.v));
    CHECK(std::isfinite(neuron.u));
  }
}

TEST_CASE("Izhikevich parameters survive JSON and packed round trips, and regular spiking is stored as before",
          "[izhikevich][node genes]") {
  Genome genome = one_neuron(SpikingPreset::chattering);
  genome.nodes[1].izhikevich.a = 0.1 + 0.2;
  const nlohmann::json text = genome_to_json(genome);
  CHECK(text["nodes"][1]["izhikevich"] == nlohmann::json{{"a", 0.1 + 0.2}, {"b", 0.2}, {"c", -50.0}, {"d", 2.0}});
  CHECK(genome_from_json(text) == genome);
  const nlohmann::json packed = genome_to_json(genome, GeneLists::packed);
  CHECK(genome_from_json(nlohmann::json::from_cbor(nlohmann::json::to_cbor(packed))) == genome);

  const Genome regular = one_neuron(SpikingPreset::regular_spiking);
  CHECK_FALSE(genome_to_json(regular)["nodes"][1].contains("izhikevich"));
  CHECK_FALSE(genome_to_json(regular, GeneLists::packed).contains("izhikevich_parameters"));

  nlohmann::json wrong = text;
  wrong["nodes"][1]["izhikevich"].erase("d");
  CHECK_THROWS_WITH(genome_from_json(wrong), Catch::Contains("/nodes/1/izhikevich/d: missing"));
}

TEST_CASE("Izhikevich parameters mutate within their ranges, and the distance counts them",
          "[izhikevich][node genes][mutation]") {
  GenomeConfig config;
  config.izhikevich_c = {.init_mean = -60.0, .init_stdev = 5.0, .mutate_rate = 1.0, .mutate_power = 20.0,
                         .replace_rate = 0.0, .min_value = -70.0, .max_value = -50.0};
  Genome genome = one_neuron(SpikingPreset::regular_spiking);
  RandomStream random(5, 0, 0, Purpose::reproduction);
  for (int i = 0; i < 100; ++i) {
    mutate_izhikevich_parameters(genome, config, random);
    REQUIRE(genome.nodes[1].izhikevich.c >= -70.0);
    REQUIRE(genome.nodes[1].izhikevich.c <= -50.0);
    CHECK(genome.nodes[1].izhikevich.a == 0.02);  // its rates are 0
  }
  const Genome a = one_neuron(SpikingPreset::regular_spiking), b = one_neuron(SpikingPreset::fast_spiking);
  CHECK(mean_node_difference(a, b) == Approx(0.08 + 6.0));  // |Δa| + |Δd|
}

TEST_CASE("compile_network makes a spiking network for /network/kind izhikevich", "[izhikevich]") {
  const Genome genome = one_neuron(SpikingPreset::fast_spiking);
  const auto network = compile_network(genome, Phenotype{.feed_forward = false, .network = spiking(0.5, 200)});
  CHECK(dynamic_cast<IzhikevichNetwork*>(network.get()) != nullptr);
  CHECK(network->propagation_steps() == 1);  // the window is longer than the graph is deep
}
