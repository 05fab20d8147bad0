#pragma once
// One gnuplot script draws its picture twice: as PNG (pngcairo) by default, and as SVG,
// scalable for a paper, when run as `gnuplot -e "svg=1" NAME.gp`. The script's terminal lines
// set the variable `ext` ('.png' or '.svg'), and each picture's output is its stem plus it.
#include <string>

namespace convneat::pictures {

// The option that makes gnuplot draw a script's SVG.
inline constexpr const char* kSvgOption = "-e \"svg=1\"";

// Chooses the terminal: `width` × `height` pixels (points, in SVG), DejaVu Sans of `font_size`.
inline std::string png_or_svg_terminal(int width, int height, int font_size) {
  const std::string size = std::to_string(width) + "," + std::to_string(height);
  const std::string font = "noenhanced font 'DejaVu Sans," + std::to_string(font_size) + "'";
  return "if (exists(\"svg\")) {\n  set terminal svg size " + size + " dynamic " + font +
         "\n  ext = '.svg'\n} else {\n  set terminal pngcairo size " + size + " " + font + "\n  ext = '.png'\n}\n";
}

// The output line of the picture `stem` (no extension).
inline std::string output_line(const std::string& stem) { return "set output '" + stem + "'.ext\n"; }

}  // namespace convneat::pictures
