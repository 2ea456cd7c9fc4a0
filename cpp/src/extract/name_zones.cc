#include "extract/name_zones.h"

#include <algorithm>

#include "common/utf8.h"

namespace tiqu {
namespace {

// Quoted text longer than this, or holding sentence punctuation, is speech.
constexpr size_t kMaxQuotedNameChars = 24;
// A title longer than this is assumed to be a stray bracket.
constexpr size_t kMaxTitleChars = 120;

bool EndsQuotedName(char32_t c) {
  return c == U'。' || c == '!' || c == '?' || c == ',' || c == ';' || c == '\n' || c == U'…';
}

}  // namespace

void FindNameZones(std::string_view text, std::vector<NameZone>* zones) {
  zones->clear();
  size_t pos = 0;
  while (pos < text.size()) {
    // Every opening bracket starts with one of these bytes: 《「『 with 0xE3,
    // “ with 0xE2, or is '"'. Neither is ever a continuation byte, so
    // skipping the other bytes lands where decoding character by character
    // would.
    unsigned char b = static_cast<unsigned char>(text[pos]);
    if (b != 0xE3 && b != 0xE2 && b != '"') {
      ++pos;
      continue;
    }
    size_t open = pos;
    int32_t c = NextCodePoint(text, &pos);
    char32_t closer = 0;
    bool title = false;
    switch (c) {
      case U'《': closer = U'》'; title = true; break;
      case U'“': closer = U'”'; break;
      case U'「': closer = U'」'; break;
      case U'『': closer = U'』'; break;
      case '"': closer = '"'; break;
      default: continue;
    }
    // Find the closing bracket within the limits.
    size_t scan = pos;
    size_t chars = 0;
    size_t close = std::string_view::npos;
    int depth = 0;  // 《 inside 《 (a title naming a title) nests
    while (scan < text.size()) {
      size_t at = scan;
      int32_t d = NextCodePoint(text, &scan);
      if (title && d == U'《') {
        ++depth;
      } else if (static_cast<char32_t>(d) == closer) {
        if (depth == 0) {
          close = at;
          break;
        }
        --depth;
      } else if (d == '\n' || (!title && EndsQuotedName(static_cast<char32_t>(d)))) {
        break;
      }
      if (++chars > (title ? kMaxTitleChars : kMaxQuotedNameChars)) break;
    }
    if (close == std::string_view::npos || close == pos) continue;
    size_t after = close;
    NextCodePoint(text, &after);
    zones->push_back({open, after, pos, close, title});
    pos = after;
  }
}

bool InsideNameZone(const std::vector<NameZone>& zones, size_t begin, size_t end) {
  // The first zone that ends after `begin`.
  auto it = std::upper_bound(zones.begin(), zones.end(), begin,
                             [](size_t b, const NameZone& z) { return b < z.content_end; });
  for (; it != zones.end() && it->content_begin < end; ++it) {
    bool covers_zone = begin <= it->open && end >= it->close;
    if (!covers_zone) return true;
  }
  return false;
}

}  // namespace tiqu
