// Per-code-point normalization table: NFKC followed by Traditional-Simplified,
// precomputed at build time (cpp/tools/gen_char_table.cc) so that the hot loop
// is a table lookup instead of an ICU call per character.
#ifndef TIQU_NORMALIZE_CHAR_TABLE_H_
#define TIQU_NORMALIZE_CHAR_TABLE_H_

#include <cstdint>
#include <string_view>

namespace tiqu {

enum class CharClass : uint8_t {
  kIdentity,    // stays as it is
  kMapped,      // replaced by Mapping(c)
  kSpace,       // horizontal whitespace or a control character: folded to " "
  kNewline,     // a line break: becomes "\n" or joins lines
  kInvisible,   // zero-width characters that are dropped
  kNonStarter,  // combining mark: NFKC must see it together with its base
};

class CharTable {
 public:
  static const CharTable& Get();

  CharClass Classify(char32_t c) const;
  // The normalized UTF-8 of a kMapped code point.
  std::string_view Mapping(char32_t c) const;

 private:
  CharTable();
  uint8_t class_[0x10000];
  // For kMapped BMP code points: the index of their entry in the generated
  // table, whose strings are the mappings.
  uint16_t entry_[0x10000];
};

// True for Han ideographs (the CJK Unified Ideographs blocks and extension A);
// used for decisions such as joining broken lines.
inline bool IsHan(char32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
         (c >= 0x20000 && c <= 0x3134F);
}

}  // namespace tiqu

#endif  // TIQU_NORMALIZE_CHAR_TABLE_H_
