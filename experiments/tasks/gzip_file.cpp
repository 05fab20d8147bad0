#include "experiments/tasks/gzip_file.hpp"

#include <fstream>
#include <stdexcept>

#include <boost/iostreams/copy.hpp>
#include <boost/iostreams/filter/gzip.hpp>
#include <boost/iostreams/filtering_stream.hpp>

#include "neat/json_limits.hpp"

namespace convneat {

std::string read_maybe_gzipped(const std::filesystem::path& path, std::size_t max_bytes) {
  std::ifstream file(path, std::ios::binary);
  if (!file) throw std::runtime_error(path.string() + ": cannot open");
  return read_maybe_gzipped(file, path.extension() == ".gz", path.string(), max_bytes);
}

std::string read_maybe_gzipped(std::istream& source, bool gzipped, const std::string& name, std::size_t max_bytes) {
  boost::iostreams::filtering_istream in;
  if (gzipped) in.push(boost::iostreams::gzip_decompressor());
  in.push(source);
  std::string content;
  char buffer[1 << 16];
  try {
    while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
      content.append(buffer, static_cast<std::size_t>(in.gcount()));
      if (content.size() > max_bytes)
        throw std::runtime_error(name + ": larger than " + byte_count_name(max_bytes) +
                                 (gzipped ? " decompressed" : "") + ", the limit for a dataset file");
    }
  } catch (const boost::iostreams::gzip_error& error) {
    throw std::runtime_error(name + ": not a valid gzip file (" + error.what() + ")");
  }
  if (in.bad()) throw std::runtime_error(name + ": not a valid gzip file, or truncated");
  return content;
}

}  // namespace convneat
