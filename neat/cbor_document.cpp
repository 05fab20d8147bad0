#include "neat/cbor_document.hpp"

#include <string>

namespace convneat {
namespace {

using nlohmann::json;

// nlohmann's DOM builder, refusing to open an array or object past the depth limit (which
// stops the binary reader there, before it recurses any deeper).
class DepthLimitedDom {
 public:
  DepthLimitedDom(json& result, std::size_t max_depth) : dom_(result, false), max_depth_(max_depth) {}

  bool null() { return dom_.null(); }
  bool boolean(bool value) { return dom_.boolean(value); }
  bool number_integer(json::number_integer_t value) { return dom_.number_integer(value); }
  bool number_unsigned(json::number_unsigned_t value) { return dom_.number_unsigned(value); }
  bool number_float(json::number_float_t value, const json::string_t& text) { return dom_.number_float(value, text); }
  bool string(json::string_t& value) { return dom_.string(value); }
  bool binary(json::binary_t& value) { return dom_.binary(value); }
  bool key(json::string_t& value) { return dom_.key(value); }
  bool start_object(std::size_t size) { return deeper() && dom_.start_object(size); }
  bool end_object() { return --depth_, dom_.end_object(); }
  bool start_array(std::size_t size) { return deeper() && dom_.start_array(size); }
  bool end_array() { return --depth_, dom_.end_array(); }
  template <class Exception>
  bool parse_error(std::size_t, const std::string&, const Exception& error) {
    problem_ = error.what();
    return dom_.parse_error(0, "", error);
  }

  bool too_deep() const { return too_deep_; }
  const std::string& problem() const { return problem_; }

 private:
  bool deeper() {
    if (++depth_ <= max_depth_) return true;
    too_deep_ = true;
    return false;
  }

  nlohmann::detail::json_sax_dom_parser<json> dom_;
  std::size_t max_depth_;
  std::size_t depth_ = 0;
  bool too_deep_ = false;
  std::string problem_;
};

}  // namespace

json parse_cbor_document(std::string_view bytes, std::size_t max_depth) {
  json result;
  DepthLimitedDom dom(result, max_depth);
  bool complete = false;
  try {
    complete = json::sax_parse(bytes.begin(), bytes.end(), &dom, json::input_format_t::cbor);
  } catch (const json::exception& error) {
    throw CborError("not valid CBOR (" + std::string(error.what()) + ")");
  }
  if (dom.too_deep()) throw CborError("nested more than " + std::to_string(max_depth) + " levels deep");
  if (!complete) throw CborError("not valid CBOR (" + (dom.problem().empty() ? std::string("truncated") : dom.problem()) + ")");
  return result;
}

}  // namespace convneat
