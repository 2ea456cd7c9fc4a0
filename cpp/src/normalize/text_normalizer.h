// Turns original input into the text that rules match against:
//   - invalid UTF-8 -> U+FFFD (one per maximal invalid subsequence);
//   - NFKC: full-width digits, letters and punctuation to ASCII, ① -> 1, ...;
//   - Traditional -> Simplified Chinese;
//   - whitespace folding: U+3000, U+00A0, tabs and other spaces -> " ", runs
//     of spaces -> one, zero-width characters dropped;
//   - line breaks: a single line break between two word characters (Han,
//     letters, digits), as newspaper columns leave them inside a sentence, is
//     removed so that matches run across it; other breaks become one "\n".
// Every normalized byte maps back to the original (OffsetMap).
#ifndef TIQU_NORMALIZE_TEXT_NORMALIZER_H_
#define TIQU_NORMALIZE_TEXT_NORMALIZER_H_

#include <cstddef>
#include <string>
#include <string_view>

#include "normalize/offset_map.h"

namespace tiqu {

struct NormalizeOptions {
  // Remove single line breaks inside sentences (see above).
  bool join_broken_lines = true;
};

struct NormalizedText {
  std::string text;
  OffsetMap map;
  // Number of invalid UTF-8 sequences that were replaced by U+FFFD.
  size_t invalid_sequences = 0;
};

// Normalizes `original` into `*out` (whose buffers are reused).
void NormalizeText(std::string_view original, const NormalizeOptions& options, NormalizedText* out);

// Replaces each maximal invalid UTF-8 subsequence by U+FFFD, the same policy
// as NormalizeText and as Python's bytes.decode("utf-8", "replace").
std::string RepairUtf8(std::string_view bytes);

// Counts code points as NormalizeText decodes them (an invalid subsequence is
// one code point). `known_valid` allows a faster count for valid UTF-8.
size_t CountCodePoints(std::string_view bytes, bool known_valid = false);

// True when `bytes` is entirely valid UTF-8.
bool IsValidUtf8(std::string_view bytes);

}  // namespace tiqu

#endif  // TIQU_NORMALIZE_TEXT_NORMALIZER_H_
