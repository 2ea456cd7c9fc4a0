#include "normalize/char_table.h"

#include <unicode/normalizer2.h>

namespace tiqu {
namespace {

struct Entry {
  char32_t code_point;
  const char* utf8;
};

constexpr Entry kEntries[] = {
#include "char_table.inc"
};

static_assert(sizeof(kEntries) / sizeof(kEntries[0]) < 0xFFFF, "entry_ index is 16 bits");

CharClass SpecialClass(char32_t c) {
  switch (c) {
    case '\n':
    case '\r':
    case 0x0085:  // NEXT LINE
    case 0x2028:  // LINE SEPARATOR
    case 0x2029:  // PARAGRAPH SEPARATOR
      return CharClass::kNewline;
    case 0x200B:  // ZERO WIDTH SPACE
    case 0xFEFF:  // BYTE ORDER MARK
    case 0x00AD:  // SOFT HYPHEN
      return CharClass::kInvisible;
    default:
      break;
  }
  if (c <= 0x20 || c == 0x7F || c == 0x00A0 || c == 0x3000 || (c >= 0x2000 && c <= 0x200A) ||
      c == 0x202F || c == 0x205F || c == 0x1680) {
    return CharClass::kSpace;
  }
  return CharClass::kIdentity;
}

}  // namespace

CharTable::CharTable() {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
  for (char32_t c = 0; c < 0x10000; ++c) {
    CharClass cls = SpecialClass(c);
    if (cls == CharClass::kIdentity && U_SUCCESS(status) && !nfkc->hasBoundaryBefore(c)) {
      cls = CharClass::kNonStarter;
    }
    class_[c] = static_cast<uint8_t>(cls);
    entry_[c] = 0;
  }
  for (uint16_t i = 0; i < sizeof(kEntries) / sizeof(kEntries[0]); ++i) {
    char32_t c = kEntries[i].code_point;
    // A non-starter keeps its class: it is normalized with its base character.
    if (class_[c] == static_cast<uint8_t>(CharClass::kIdentity)) {
      class_[c] = static_cast<uint8_t>(CharClass::kMapped);
      entry_[c] = i;
    }
  }
}

const CharTable& CharTable::Get() {
  static const CharTable* table = new CharTable();  // never destroyed: used until exit
  return *table;
}

CharClass CharTable::Classify(char32_t c) const {
  if (c < 0x10000) return static_cast<CharClass>(class_[c]);
  return CharClass::kIdentity;  // the caller asks ICU about supplementary characters
}

std::string_view CharTable::Mapping(char32_t c) const { return kEntries[entry_[c]].utf8; }

}  // namespace tiqu
