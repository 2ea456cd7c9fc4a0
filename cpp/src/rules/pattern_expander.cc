#include "rules/pattern_expander.h"

#include <re2/re2.h>

#include <algorithm>
#include <set>
#include <vector>

#include "rules/pattern_syntax.h"

namespace tiqu {
namespace {

bool IsNameStart(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool IsNameChar(char c) { return IsNameStart(c) || (c >= '0' && c <= '9'); }

StatusOr<std::string> Expand(std::string_view pattern, const PatternLookup& lookup,
                             std::vector<std::string>* stack) {
  std::string out;
  out.reserve(pattern.size());
  std::vector<bool> syntax = SyntaxMask(pattern);
  for (size_t i = 0; i < pattern.size(); ++i) {
    char c = pattern[i];
    if (syntax[i] && c == '{' && i + 1 < pattern.size() && IsNameStart(pattern[i + 1])) {
      size_t j = i + 1;
      while (j < pattern.size() && IsNameChar(pattern[j])) ++j;
      if (j < pattern.size() && pattern[j] == '}') {
        std::string name(pattern.substr(i + 1, j - i - 1));
        if (std::find(stack->begin(), stack->end(), name) != stack->end()) {
          std::string cycle;
          for (const auto& s : *stack) cycle += s + " -> ";
          return InvalidArgumentError("sub-pattern cycle: " + cycle + name);
        }
        std::optional<std::string> body = lookup(name);
        if (!body) return InvalidArgumentError("unknown sub-pattern or lexicon {" + name + "}");
        stack->push_back(name);
        StatusOr<std::string> expanded = Expand(*body, lookup, stack);
        stack->pop_back();
        if (!expanded.ok()) return expanded.status();
        out += "(?:" + *expanded + ")";
        i = j;
        continue;
      }
    }
    out.push_back(c);
  }
  return out;
}

}  // namespace

StatusOr<std::string> ExpandPattern(std::string_view pattern, const PatternLookup& lookup) {
  std::vector<std::string> stack;
  return Expand(pattern, lookup, &stack);
}

std::string WordsToAlternation(std::vector<std::string> words) {
  std::sort(words.begin(), words.end(), [](const std::string& a, const std::string& b) {
    return a.size() != b.size() ? a.size() > b.size() : a < b;
  });
  words.erase(std::unique(words.begin(), words.end()), words.end());
  std::string out;
  for (const auto& w : words) {
    if (w.empty()) continue;
    if (!out.empty()) out.push_back('|');
    out += RE2::QuoteMeta(w);
  }
  // An empty list must match nothing rather than the empty string.
  return out.empty() ? "[^\\x00-\\x{10FFFF}]" : out;
}

}  // namespace tiqu
