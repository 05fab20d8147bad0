#include "nets/population_first_layer.hpp"

#include <algorithm>
#include <stdexcept>

#include "nets/shared_layer.hpp"

namespace convneat {
namespace {

// The front end's first layer when it can share its product with others, else null.
const SharedLayer* shareable_first_layer(const SpatialFrontEnd& front_end) {
  const auto* layer = dynamic_cast<const SharedLayer*>(&front_end.layer(0));
  return layer != nullptr && layer->can_run_together() ? layer : nullptr;
}

struct OpenGroup {
  PatchGeometry patch;
  std::vector<SpatialFrontEnd*> members;
  std::size_t columns = 0;
};

}  // namespace

std::vector<std::vector<SpatialFrontEnd*>> first_layer_groups(std::span<SpatialFrontEnd* const> front_ends) {
  std::vector<std::vector<SpatialFrontEnd*>> groups;
  std::vector<OpenGroup> open;  // one per patch geometry seen, filling up
  const auto close = [&](OpenGroup& group) {
    if (group.members.size() > 1) groups.push_back(std::move(group.members));
    group.members.clear();
    group.columns = 0;
  };
  for (SpatialFrontEnd* front_end : front_ends) {
    const SharedLayer* layer = shareable_first_layer(*front_end);
    if (layer == nullptr) continue;
    const PatchGeometry& patch = layer->patch_geometry();
    auto group = std::find_if(open.begin(), open.end(), [&](const OpenGroup& g) { return g.patch == patch; });
    if (group == open.end()) group = open.insert(open.end(), OpenGroup{patch, {}, 0});
    const std::size_t channels = layer->geometry().convolved.channels;
    if (group->columns + channels > kFirstLayerGroupColumns) close(*group);
    group->members.push_back(front_end);
    group->columns += channels;
  }
  for (OpenGroup& group : open) close(group);
  return groups;
}

void run_first_layer_group(std::span<SpatialFrontEnd* const> group, const std::shared_ptr<const void>& owner,
                           const Eigen::MatrixXf& images) {
  std::vector<const SharedLayer*> layers;
  for (SpatialFrontEnd* front_end : group) {
    const SharedLayer* layer = shareable_first_layer(*front_end);
    if (layer == nullptr || static_cast<std::size_t>(images.cols()) != front_end->input_size())
      throw std::invalid_argument("run_first_layer_group: every front end must take these images and start with a "
                                  "layer that can share its product (first_layer_groups)");
    layers.push_back(layer);
  }
  std::vector<Eigen::MatrixXf> outputs(group.size());
  std::vector<Eigen::MatrixXf*> targets;
  for (Eigen::MatrixXf& output : outputs) targets.push_back(&output);
  SpatialScratch scratch;
  SharedLayer::forward_together(layers, images.data(), static_cast<std::size_t>(images.rows()), targets, scratch);
  for (std::size_t i = 0; i < group.size(); ++i) group[i]->adopt_first_layer(owner, images, std::move(outputs[i]));
}

}  // namespace convneat
