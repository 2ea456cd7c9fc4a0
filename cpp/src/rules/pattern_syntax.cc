#include "rules/pattern_syntax.h"

namespace tiqu {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// The end of the escape that starts at `i` (a backslash): past \x{...},
// \p{...} and \P{...}, else past the escaped character.
size_t EscapeEnd(std::string_view pattern, size_t i) {
  if (i + 1 >= pattern.size()) return pattern.size();
  char kind = pattern[i + 1];
  if ((kind == 'x' || kind == 'p' || kind == 'P') && i + 2 < pattern.size() && pattern[i + 2] == '{') {
    size_t close = pattern.find('}', i + 3);
    if (close != std::string_view::npos) return close + 1;
  }
  return i + 2;
}

}  // namespace

std::vector<bool> SyntaxMask(std::string_view pattern) {
  std::vector<bool> syntax(pattern.size(), false);
  size_t i = 0;
  while (i < pattern.size()) {
    char c = pattern[i];
    if (c == '\\') {
      if (i + 1 < pattern.size() && pattern[i + 1] == 'Q') {
        size_t end = pattern.find("\\E", i + 2);
        i = end == std::string_view::npos ? pattern.size() : end + 2;
      } else {
        i = EscapeEnd(pattern, i);
      }
      continue;
    }
    if (c == '[') {
      // A ']' right after '[' or '[^' is a literal member; "[:name:]" is a
      // member too, so its ']' does not close the class.
      size_t j = i + 1;
      if (j < pattern.size() && pattern[j] == '^') ++j;
      if (j < pattern.size() && pattern[j] == ']') ++j;
      while (j < pattern.size() && pattern[j] != ']') {
        if (pattern[j] == '\\') {
          j = EscapeEnd(pattern, j);
        } else if (pattern.compare(j, 2, "[:") == 0 && pattern.find(":]", j + 2) != std::string_view::npos) {
          j = pattern.find(":]", j + 2) + 2;
        } else {
          ++j;
        }
      }
      i = j < pattern.size() ? j + 1 : j;
      continue;
    }
    syntax[i++] = true;
  }
  return syntax;
}

// The prefilter's version of a pattern: every counted repetition {m,n} loses
// its upper bound ({m,}). It matches a superset of what the pattern matches,
// so the prefilter still never drops a rule that could match; but the set's
// DFA no longer counts up to n for every pattern at once (a state per count,
// multiplied across patterns), which made the set the engine's slowest part.
std::string LoosenRepetitions(std::string_view pattern) {
  std::vector<bool> syntax = SyntaxMask(pattern);
  std::string out;
  out.reserve(pattern.size());
  for (size_t i = 0; i < pattern.size(); ++i) {
    if (syntax[i] && pattern[i] == '{') {
      size_t j = i + 1;
      while (j < pattern.size() && IsDigit(pattern[j])) ++j;
      size_t min_end = j;
      if (min_end > i + 1 && j < pattern.size() && pattern[j] == ',') {
        ++j;
        while (j < pattern.size() && IsDigit(pattern[j])) ++j;
        if (j < pattern.size() && pattern[j] == '}' && j > min_end + 1) {
          out.append(pattern.substr(i, min_end - i));  // "{m"
          out += ",}";
          i = j;
          continue;
        }
      }
    }
    out += pattern[i];
  }
  return out;
}

bool IsOneGroupAroundAll(std::string_view pattern) {
  if (pattern.empty() || pattern[0] != '(') return false;
  bool capturing = pattern.size() > 1 && (pattern[1] != '?' || pattern.compare(1, 3, "?P<") == 0);
  if (!capturing) return false;
  std::vector<bool> syntax = SyntaxMask(pattern);
  int depth = 0;
  for (size_t i = 0; i < pattern.size(); ++i) {
    if (!syntax[i]) continue;
    if (pattern[i] == '(') ++depth;
    if (pattern[i] == ')' && --depth == 0) return i + 1 == pattern.size();
  }
  return false;
}

}  // namespace tiqu
