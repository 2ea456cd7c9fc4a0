#include "normalize/sentence_splitter.h"

#include <unicode/brkiter.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <memory>

namespace tiqu {
namespace {

// Creating a BreakIterator loads ICU's rules (about a millisecond); each
// thread keeps one.
icu::BreakIterator* ThreadSentenceIterator() {
  thread_local std::unique_ptr<icu::BreakIterator> iterator = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> it(
        icu::BreakIterator::createSentenceInstance(icu::Locale::getChinese(), status));
    if (U_FAILURE(status)) it.reset();
    return it;
  }();
  return iterator.get();
}

// ICU counts opening brackets and quotes right after 。 as closing
// punctuation of the sentence that ends ("。《" breaks after 《); they open
// the next one, so the break moves back before them.
size_t StartBeforeOpeningBrackets(std::string_view text, size_t pos) {
  static const std::string_view kOpeners[] = {"《", "“", "‘", "「", "『", "【", "(", "〈"};
  bool moved = true;
  while (moved && pos > 0) {
    moved = false;
    for (std::string_view o : kOpeners) {
      if (pos >= o.size() && text.substr(pos - o.size(), o.size()) == o) {
        pos -= o.size();
        moved = true;
        break;
      }
    }
  }
  return pos;
}

// Pieces of at most about this size go to ICU at a time (see SplitSentences).
constexpr size_t kPieceBytes = 1 << 20;

// Appends the sentence starts in text[begin, end), which ends after a line
// break or at the end of the text.
void SplitPiece(std::string_view text, size_t begin, size_t end, icu::BreakIterator* it,
                std::vector<size_t>* starts) {
  std::string_view piece = text.substr(begin, end - begin);
  if (piece.size() > static_cast<size_t>(INT32_MAX)) return;  // a line of 2 GiB: one sentence
  icu::UnicodeString utf16 =
      icu::UnicodeString::fromUTF8(icu::StringPiece(piece.data(), static_cast<int32_t>(piece.size())));
  it->setText(utf16);
  // Walks the UTF-8 piece along the UTF-16 break offsets; U8_NEXT reads an
  // invalid sequence as one unit, as fromUTF8 does (one U+FFFD).
  const auto* bytes = reinterpret_cast<const uint8_t*>(piece.data());
  int32_t length = static_cast<int32_t>(piece.size());
  int32_t byte = 0, unit = 0;
  for (int32_t b = it->next(); b != icu::BreakIterator::DONE; b = it->next()) {
    while (unit < b && byte < length) {
      UChar32 c;
      U8_NEXT(bytes, byte, length, c);
      unit += c < 0 ? 1 : U16_LENGTH(c);
    }
    size_t start = StartBeforeOpeningBrackets(text, begin + static_cast<size_t>(byte));
    if (start < text.size() && start > starts->back()) starts->push_back(start);
  }
  // Detach the iterator from the copy before it goes away.
  it->setText(icu::UnicodeString());
}

}  // namespace

void SplitSentences(std::string_view text, std::vector<size_t>* starts) {
  starts->clear();
  if (text.empty()) return;
  starts->push_back(0);
  icu::BreakIterator* it = ThreadSentenceIterator();
  // Without ICU's rules the whole text is one sentence; facts are still found.
  if (it == nullptr) return;
  // The iterator runs on a UTF-16 copy: through a UTF-8 UText it took twice
  // as long. Long texts go in pieces that end after a line break, so that
  // the copy stays small; ICU always breaks after a line break and starts
  // afresh from each break, so the pieces' breaks are the whole text's.
  for (size_t begin = 0; begin < text.size();) {
    size_t end = text.size();
    if (end - begin > kPieceBytes) {
      size_t newline = text.rfind('\n', begin + kPieceBytes);
      if (newline == std::string_view::npos || newline < begin) newline = text.find('\n', begin + kPieceBytes);
      if (newline != std::string_view::npos) end = newline + 1;
    }
    SplitPiece(text, begin, end, it, starts);
    begin = end;
  }
}

size_t SentenceIndexAt(const std::vector<size_t>& starts, size_t offset) {
  auto it = std::upper_bound(starts.begin(), starts.end(), offset);
  return it == starts.begin() ? 0 : static_cast<size_t>(it - starts.begin() - 1);
}

}  // namespace tiqu
