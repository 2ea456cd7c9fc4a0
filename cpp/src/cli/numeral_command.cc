#include "cli/numeral_command.h"

#include <cstdio>
#include <iostream>
#include <string>

#include "tiqu/numeral.h"

namespace tiqu {
namespace {

std::string JsonString(const std::string& s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out + "\"";
}

// Shortest form that reads back as the same double (JSON has no NaN/inf,
// and the parser never returns them).
std::string JsonNumber(double v) {
  char buf[32];
  for (int precision = 15; precision <= 17; ++precision) {
    std::snprintf(buf, sizeof buf, "%.*g", precision, v);
    if (std::strtod(buf, nullptr) == v) break;
  }
  return buf;
}

bool PrintOne(const std::string& text, std::ostream& out) {
  StatusOr<Numeral> n = ParseNumeral(text);
  out << "{\"text\": " << JsonString(text);
  if (n.ok()) {
    out << ", \"value\": " << JsonNumber(n->value);
    if (n->value_max) out << ", \"value_max\": " << JsonNumber(*n->value_max);
  } else {
    out << ", \"error\": " << JsonString(n.status().message());
  }
  out << "}\n";
  return n.ok();
}

}  // namespace

int RunNumeralCommand(const std::vector<std::string>& argv, std::istream& in, std::ostream& out) {
  bool all_numbers = true;
  if (argv.size() > 1) {
    for (size_t i = 1; i < argv.size(); ++i) all_numbers &= PrintOne(argv[i], out);
  } else {
    for (std::string line; std::getline(in, line);) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      all_numbers &= PrintOne(line, out);
    }
  }
  return all_numbers ? 0 : 1;
}

}  // namespace tiqu
