#include "neat/strict_json.hpp"

#include <vector>

namespace convneat {
namespace {

using nlohmann::json;

// Builds the document from nlohmann_json's parse events, as its own DOM builder does, but
// inserts each key with try_emplace, which tells a repeated key apart at no extra cost.
class DocumentBuilder {
 public:
  json document;

  bool null() { return place(nullptr); }
  bool boolean(bool value) { return place(value); }
  bool number_integer(json::number_integer_t value) { return place(value); }
  bool number_unsigned(json::number_unsigned_t value) { return place(value); }
  bool number_float(json::number_float_t value, const json::string_t&) { return place(value); }
  bool string(json::string_t& value) { return place(value); }
  bool binary(json::binary_t& value) { return place(std::move(value)); }

  bool start_object(std::size_t) {
    place(json::value_t::object);
    open_.push_back(last_placed_);
    return true;
  }
  bool start_array(std::size_t) {
    place(json::value_t::array);
    open_.push_back(last_placed_);
    return true;
  }
  bool end_object() { return close(); }
  bool end_array() { return close(); }

  bool key(json::string_t& name) {
    auto& members = open_.back()->get_ref<json::object_t&>();
    const auto [member, inserted] = members.try_emplace(name);
    if (!inserted) throw DuplicateKeyError((pointer_to_open_value() / name).to_string());
    member_ = &member->second;
    return true;
  }

  template <class Exception>
  bool parse_error(std::size_t, const std::string&, const Exception& error) {
    throw error;
  }

 private:
  std::vector<json*> open_;  // the objects and arrays being filled, outermost first
  json* member_ = nullptr;   // the object member whose key came last
  json* last_placed_ = nullptr;

  template <class Value>
  bool place(Value&& value) {
    if (open_.empty()) {
      document = json(std::forward<Value>(value));
      last_placed_ = &document;
    } else if (open_.back()->is_array()) {
      auto& elements = open_.back()->get_ref<json::array_t&>();
      elements.emplace_back(std::forward<Value>(value));
      last_placed_ = &elements.back();
    } else {
      *member_ = json(std::forward<Value>(value));
      last_placed_ = member_;
    }
    return true;
  }

  bool close() {
    open_.pop_back();
    return true;
  }

  // Where the innermost open value sits: found only when a duplicate is reported, by
  // looking each open value up in its parent (it is an array's last element).
  json::json_pointer pointer_to_open_value() const {
    json::json_pointer pointer;
    for (std::size_t level = 1; level < open_.size(); ++level) {
      const json& parent = *open_[level - 1];
      if (parent.is_array()) {
        pointer /= parent.size() - 1;
        continue;
      }
      for (const auto& [name, value] : parent.get_ref<const json::object_t&>())
        if (&value == open_[level]) pointer /= name;
    }
    return pointer;
  }
};

}  // namespace

nlohmann::json parse_json_refusing_duplicate_keys(std::string_view text) {
  DocumentBuilder builder;
  json::sax_parse(text, &builder, json::input_format_t::json, /*strict=*/true);
  return std::move(builder.document);
}

}  // namespace convneat
