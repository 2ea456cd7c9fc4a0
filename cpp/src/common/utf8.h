// Small UTF-8 helpers shared by the normalizer, the numeral parser and the
// value normalizers. Invalid input follows ICU's U8_NEXT policy: one maximal
// invalid subsequence at a time.
#ifndef TIQU_COMMON_UTF8_H_
#define TIQU_COMMON_UTF8_H_

#include <unicode/utf8.h>

#include <cstdint>
#include <string>
#include <string_view>

namespace tiqu {

// Decodes the code point at `*pos` and advances past it; -1 for an invalid
// sequence.
inline int32_t NextCodePoint(std::string_view s, size_t* pos) {
  unsigned char lead = static_cast<unsigned char>(s[*pos]);
  if (lead < 0x80) {
    ++*pos;
    return lead;
  }
  int32_t i = static_cast<int32_t>(*pos);
  UChar32 c;
  U8_NEXT(reinterpret_cast<const uint8_t*>(s.data()), i, static_cast<int32_t>(s.size()), c);
  *pos = static_cast<size_t>(i);
  return c;
}

// All code points of valid UTF-8; an empty result for invalid input.
inline std::u32string DecodeUtf8(std::string_view s) {
  std::u32string out;
  size_t pos = 0;
  while (pos < s.size()) {
    int32_t c = NextCodePoint(s, &pos);
    if (c < 0) return {};
    out.push_back(static_cast<char32_t>(c));
  }
  return out;
}

}  // namespace tiqu

#endif  // TIQU_COMMON_UTF8_H_
