#include "neat/cbor_document.hpp"

#include <set>
#include <string>
#include <vector>

#include "neat/json_limits.hpp"

namespace convneat {
namespace {

using nlohmann::json;

// A first pass over the bytes through nlohmann's public SAX interface, building nothing: it
// refuses to open an array or object past the depth limit (which stops the binary reader
// there, before it recurses any deeper), a key given twice in one map and a string that is not
// UTF-8 — what the JSON readers refuse too. Only bytes that pass are decoded into a document.
class CborCheck final : public nlohmann::json_sax<json> {
 public:
  explicit CborCheck(std::size_t max_depth) : max_depth_(max_depth) {}

  bool null() override { return true; }
  bool boolean(bool) override { return true; }
  bool number_integer(number_integer_t) override { return true; }
  bool number_unsigned(number_unsigned_t) override { return true; }
  bool number_float(number_float_t, const string_t&) override { return true; }
  bool binary(binary_t&) override { return true; }
  bool string(string_t& value) override { return utf8(value); }
  bool key(string_t& value) override {
    if (!utf8(value)) return false;
    if (keys_.back().insert(value).second) return true;
    return fail("the key \"" + value + "\" twice in one map");
  }
  bool start_object(std::size_t) override {
    keys_.emplace_back();
    return deeper();
  }
  bool end_object() override {
    keys_.pop_back();
    return --depth_, true;
  }
  bool start_array(std::size_t) override { return deeper(); }
  bool end_array() override { return --depth_, true; }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception& error) override {
    return fail(std::string("not valid CBOR (") + error.what() + ")");
  }

  const std::string& problem() const { return problem_; }

 private:
  bool deeper() {
    if (++depth_ <= max_depth_) return true;
    return fail("nested more than " + std::to_string(max_depth_) + " levels deep");
  }
  bool utf8(const string_t& value) { return is_valid_utf8(value) || fail("a string that is not UTF-8"); }
  bool fail(std::string problem) {
    if (problem_.empty()) problem_ = std::move(problem);
    return false;
  }

  std::size_t max_depth_;
  std::size_t depth_ = 0;
  std::vector<std::set<std::string>> keys_;  // of each open map
  std::string problem_;
};

}  // namespace

json parse_cbor_document(std::string_view bytes, std::size_t max_depth) {
  CborCheck check(max_depth);
  bool valid = false;
  try {
    valid = json::sax_parse(bytes.begin(), bytes.end(), &check, json::input_format_t::cbor);
  } catch (const json::exception& error) {
    throw CborError("not valid CBOR (" + std::string(error.what()) + ")");
  }
  if (!valid) throw CborError(check.problem().empty() ? "not valid CBOR (truncated)" : check.problem());
  try {
    return json::from_cbor(bytes.begin(), bytes.end());
  } catch (const json::exception& error) {
    throw CborError("not valid CBOR (" + std::string(error.what()) + ")");
  }
}

}  // namespace convneat
