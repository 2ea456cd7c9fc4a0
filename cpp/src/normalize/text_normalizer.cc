#include "normalize/text_normalizer.h"

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include "common/utf8.h"
#include "normalize/char_table.h"

namespace tiqu {
namespace {

constexpr char kReplacement[] = "\xEF\xBF\xBD";  // U+FFFD

inline bool IsAsciiAlnum(char32_t c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// The last code point of already normalized text.
char32_t LastCodePoint(const std::string& text) {
  if (text.empty()) return 0;
  int32_t i = static_cast<int32_t>(text.size());
  UChar32 c;
  U8_PREV(reinterpret_cast<const uint8_t*>(text.data()), 0, i, c);
  return c < 0 ? 0 : static_cast<char32_t>(c);
}

// The first code point of `c` once normalized.
char32_t NormalizedFirst(char32_t c) {
  const CharTable& table = CharTable::Get();
  if (c < 0x10000 && table.Classify(c) == CharClass::kMapped) {
    std::string_view m = table.Mapping(c);
    size_t pos = 0;
    int32_t first = m.empty() ? 0 : NextCodePoint(m, &pos);
    return first < 0 ? 0 : static_cast<char32_t>(first);
  }
  return c;
}

// A line break between `before` and `after` is a column wrap, not a paragraph
// break, when both sides are word characters.
bool JoinsAcrossLineBreak(char32_t before, char32_t after) {
  bool before_ok = IsHan(before) || IsAsciiAlnum(before) || before == 0x3001 /* 、 */ ||
                   before == ',' || before == 0x201C /* “ */;
  bool after_ok = IsHan(after) || IsAsciiAlnum(after) || after == '%' || after == 0x201D /* ” */;
  return before_ok && after_ok;
}

class Normalizer {
 public:
  Normalizer(std::string_view in, const NormalizeOptions& options, NormalizedText* out)
      : in_(in), options_(options), out_(out), text_(out->text), table_(CharTable::Get()) {
    UErrorCode status = U_ZERO_ERROR;
    nfkc_ = icu::Normalizer2::getNFKCInstance(status);
    if (U_FAILURE(status)) nfkc_ = nullptr;
  }

  void Run() {
    size_t pos = 0;
    while (pos < in_.size()) {
      // Fast path: printable ASCII is kept as it is.
      unsigned char b = static_cast<unsigned char>(in_[pos]);
      if (b > 0x20 && b < 0x7F) {
        size_t end = pos + 1;
        while (end < in_.size()) {
          unsigned char e = static_cast<unsigned char>(in_[end]);
          if (e <= 0x20 || e >= 0x7F) break;
          ++end;
        }
        // A non-starter after the run composes with its last character.
        if (end < in_.size() && NextIsNonStarter(end)) --end;
        if (end > pos) {
          text_.append(in_.data() + pos, end - pos);
          pos = end;
          continue;
        }
      }
      // Fast path: a run of three-byte characters the table keeps as they
      // are, which is most Chinese text, copied in one append instead of
      // decoded, classified and appended one at a time.
      if (size_t end = IdentityRunEnd(pos); end > pos) {
        text_.append(in_.data() + pos, end - pos);
        pos = end;
        continue;
      }
      size_t start = pos;
      int32_t c = NextCodePoint(in_, &pos);
      if (c < 0) {
        out_->invalid_sequences++;
        Emit(start, pos, std::string_view(kReplacement, 3));
        continue;
      }
      if (pos < in_.size() && NextIsNonStarter(pos)) {
        pos = NormalizeSegment(start);
        continue;
      }
      CharClass cls = c < 0x10000 ? table_.Classify(static_cast<char32_t>(c)) : SupplementaryClass(c);
      switch (cls) {
        case CharClass::kIdentity:
          text_.append(in_.data() + start, pos - start);
          break;
        case CharClass::kMapped:
          if (c < 0x10000) {
            Emit(start, pos, table_.Mapping(static_cast<char32_t>(c)));
          } else {
            EmitNormalized(start, pos);
          }
          break;
        case CharClass::kSpace:
        case CharClass::kNewline:
          pos = FoldWhitespace(start);
          break;
        case CharClass::kInvisible:
          Emit(start, pos, {});
          break;
        case CharClass::kNonStarter:  // a combining mark with no base before it
          EmitNormalized(start, pos);
          break;
      }
    }
  }

 private:
  // Replaces original [begin, end) by `replacement`, recording the piece when
  // the two differ in length. Equal lengths of one character stay byte-aligned.
  void Emit(size_t begin, size_t end, std::string_view replacement) {
    size_t norm_begin = text_.size();
    text_.append(replacement.data(), replacement.size());
    if (replacement.size() != end - begin || !IsSingleCodePoint(replacement)) {
      out_->map.AddPiece(norm_begin, text_.size(), begin, end);
    }
  }

  static bool IsSingleCodePoint(std::string_view s) {
    size_t pos = 0;
    if (s.empty()) return false;
    NextCodePoint(s, &pos);
    return pos == s.size();
  }

  // The end of the run of valid three-byte characters of class kIdentity
  // that starts at `pos` (`pos` itself when there is none). A character
  // followed by a combining mark is left out: it normalizes with the mark.
  size_t IdentityRunEnd(size_t pos) const {
    const auto* bytes = reinterpret_cast<const unsigned char*>(in_.data());
    size_t end = pos;
    while (end + 2 < in_.size()) {
      unsigned char b0 = bytes[end], b1 = bytes[end + 1], b2 = bytes[end + 2];
      if ((b0 & 0xF0) != 0xE0 || (b1 & 0xC0) != 0x80 || (b2 & 0xC0) != 0x80) break;
      if ((b0 == 0xE0 && b1 < 0xA0) || (b0 == 0xED && b1 >= 0xA0)) break;  // overlong, surrogate
      char32_t c = (static_cast<char32_t>(b0 & 0x0F) << 12) | (static_cast<char32_t>(b1 & 0x3F) << 6) | (b2 & 0x3F);
      if (table_.Classify(c) != CharClass::kIdentity) break;
      end += 3;
    }
    if (end > pos && end < in_.size() && NextIsNonStarter(end)) end -= 3;
    return end;
  }

  bool NextIsNonStarter(size_t pos) const {
    size_t p = pos;
    int32_t c = NextCodePoint(in_, &p);
    if (c < 0) return false;
    if (c < 0x10000) return table_.Classify(static_cast<char32_t>(c)) == CharClass::kNonStarter;
    return nfkc_ != nullptr && !nfkc_->hasBoundaryBefore(c);
  }

  CharClass SupplementaryClass(UChar32 c) const {
    if (nfkc_ != nullptr && !nfkc_->isInert(c)) return CharClass::kMapped;
    return CharClass::kIdentity;
  }

  // NFKC through ICU for the rare cases the table does not cover: a base
  // character with combining marks, or a supplementary code point.
  void EmitNormalized(size_t begin, size_t end) {
    if (nfkc_ == nullptr) {
      text_.append(in_.data() + begin, end - begin);
      return;
    }
    UErrorCode status = U_ZERO_ERROR;
    icu::UnicodeString segment = icu::UnicodeString::fromUTF8(
        icu::StringPiece(in_.data() + begin, static_cast<int32_t>(end - begin)));
    icu::UnicodeString normalized = nfkc_->normalize(segment, status);
    std::string utf8;
    if (U_FAILURE(status)) {
      utf8.assign(in_.data() + begin, end - begin);
    } else {
      normalized.toUTF8String(utf8);
    }
    if (utf8 == in_.substr(begin, end - begin)) {
      text_.append(utf8);
    } else {
      Emit(begin, end, utf8);
    }
  }

  // A character followed by combining marks: normalizes the whole segment up
  // to the next character that starts a new one. Returns the segment's end.
  size_t NormalizeSegment(size_t begin) {
    size_t pos = begin;
    NextCodePoint(in_, &pos);
    while (pos < in_.size() && NextIsNonStarter(pos)) NextCodePoint(in_, &pos);
    EmitNormalized(begin, pos);
    return pos;
  }

  // Folds the run of whitespace that starts at `begin` and returns its end.
  size_t FoldWhitespace(size_t begin) {
    size_t pos = begin;
    int newlines = 0;
    bool indented_after_newline = false;
    while (pos < in_.size()) {
      size_t p = pos;
      int32_t c = NextCodePoint(in_, &p);
      if (c < 0 || c >= 0x10000) break;
      CharClass cls = table_.Classify(static_cast<char32_t>(c));
      if (cls == CharClass::kNewline) {
        // \r\n is one break.
        if (!(c == '\n' && pos > begin && in_[pos - 1] == '\r')) ++newlines;
        indented_after_newline = false;
      } else if (cls == CharClass::kSpace || cls == CharClass::kInvisible) {
        if (newlines > 0) indented_after_newline = true;
      } else {
        break;
      }
      pos = p;
    }
    char32_t before = LastCodePoint(text_);
    if (newlines == 0) {
      // Leading whitespace and whitespace after a line break are dropped; other
      // runs become a single space.
      if (text_.empty() || before == '\n') {
        Emit(begin, pos, {});
      } else if (pos - begin == 1 && in_[begin] == ' ') {
        text_.push_back(' ');
      } else {
        Emit(begin, pos, " ");
      }
      return pos;
    }
    bool join = false;
    if (options_.join_broken_lines && newlines == 1 && !indented_after_newline && pos < in_.size()) {
      size_t p = pos;
      int32_t after = NextCodePoint(in_, &p);
      join = after >= 0 && JoinsAcrossLineBreak(before, NormalizedFirst(static_cast<char32_t>(after)));
    }
    if (join || text_.empty()) {
      Emit(begin, pos, {});
    } else {
      if (pos - begin == 1 && in_[begin] == '\n') {
        text_.push_back('\n');
      } else {
        Emit(begin, pos, "\n");
      }
    }
    return pos;
  }

  std::string_view in_;
  const NormalizeOptions& options_;
  NormalizedText* out_;
  std::string& text_;
  const CharTable& table_;
  const icu::Normalizer2* nfkc_ = nullptr;
};

}  // namespace

void NormalizeText(std::string_view original, const NormalizeOptions& options, NormalizedText* out) {
  out->text.clear();
  out->text.reserve(original.size());
  out->map.Clear();
  out->invalid_sequences = 0;
  Normalizer(original, options, out).Run();
}

std::string RepairUtf8(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size());
  size_t pos = 0;
  while (pos < bytes.size()) {
    size_t start = pos;
    int32_t c = NextCodePoint(bytes, &pos);
    if (c < 0) {
      out.append(kReplacement, 3);
    } else {
      out.append(bytes.data() + start, pos - start);
    }
  }
  return out;
}

size_t CountCodePoints(std::string_view bytes, bool known_valid) {
  size_t count = 0;
  if (known_valid) {
    // Every byte but a continuation byte starts a code point.
    for (char b : bytes) count += (static_cast<unsigned char>(b) & 0xC0) != 0x80;
    return count;
  }
  size_t pos = 0;
  while (pos < bytes.size()) {
    NextCodePoint(bytes, &pos);
    ++count;
  }
  return count;
}

bool IsValidUtf8(std::string_view bytes) {
  size_t pos = 0;
  while (pos < bytes.size()) {
    if (NextCodePoint(bytes, &pos) < 0) return false;
  }
  return true;
}

}  // namespace tiqu
