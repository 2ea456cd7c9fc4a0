#include "normalize/sentence_splitter.h"

#include <unicode/brkiter.h>
#include <unicode/utext.h>

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

}  // namespace

void SplitSentences(std::string_view text, std::vector<size_t>* starts) {
  starts->clear();
  if (text.empty()) return;
  starts->push_back(0);
  icu::BreakIterator* it = ThreadSentenceIterator();
  UErrorCode status = U_ZERO_ERROR;
  UText* ut = it == nullptr ? nullptr
                            : utext_openUTF8(nullptr, text.data(), static_cast<int64_t>(text.size()), &status);
  if (ut == nullptr || U_FAILURE(status)) {
    // Without ICU's rules the whole text is one sentence; facts are still found.
    if (ut != nullptr) utext_close(ut);
    return;
  }
  it->setText(ut, status);
  for (int32_t b = it->next(); b != icu::BreakIterator::DONE; b = it->next()) {
    size_t start = StartBeforeOpeningBrackets(text, static_cast<size_t>(b));
    if (start < text.size() && start > starts->back()) starts->push_back(start);
  }
  // Detach the iterator from the text before the UText goes away.
  it->setText(icu::UnicodeString());
  utext_close(ut);
}

size_t SentenceIndexAt(const std::vector<size_t>& starts, size_t offset) {
  auto it = std::upper_bound(starts.begin(), starts.end(), offset);
  return it == starts.begin() ? 0 : static_cast<size_t>(it - starts.begin() - 1);
}

}  // namespace tiqu
