// The words around a numeric fact that say what it counts or measures.
//
// Reports put the counted thing either after the measure word (`6名社区党组织
// 书记`) or, when the number ends the clause, before it (`开展各类监督检查288次`,
// `调解成功率100%`). Patterns cannot look behind, so the clause before a span
// is read here from the match context, and trimmed with a word list from the
// rule files (`numeric_context_words`: LEAD words such as 开展 that open a
// clause, TRAIL words such as 达到 that close one, STOP words such as 以及 that
// end a counted noun phrase, RATE endings such as 率).
#ifndef TIQU_VALUES_CLAUSE_CONTEXT_H_
#define TIQU_VALUES_CLAUSE_CONTEXT_H_

#include <cstddef>
#include <string_view>

#include "values/normalizers.h"

namespace tiqu {

// At most this many code points are read back from a span.
inline constexpr size_t kMaxClauseChars = 16;
// At most this many code points are read after a span as the counted item.
inline constexpr size_t kMaxItemChars = 12;

// The run of Han characters (quotes, middle dots and parentheses included)
// that ends at byte `end` of `context`: the clause leading up to a number.
std::string_view ClauseBefore(std::string_view context, size_t end, size_t max_chars = kMaxClauseChars);

// The noun phrase that starts at byte `begin` of `context`: Han characters
// (an opening quote may come first, quotes and parentheses may follow), at
// most `max_chars` code points.
std::string_view ClauseAfter(std::string_view context, size_t begin, size_t max_chars = kMaxItemChars);

// `s` without the lexicon entries valued `kind` at its front (or back),
// repeatedly, longest entry first. Never returns empty: when only such words
// are left, the last of them stays (`调处28起` counts 调处).
std::string_view StripLeadingWords(std::string_view s, const Lexicon& words, std::string_view kind);
std::string_view StripTrailingWords(std::string_view s, const Lexicon& words, std::string_view kind);

// `s` up to the first entry valued `kind` (`社区党组织书记以及` -> `社区党组织书记`).
std::string_view CutAtWord(std::string_view s, const Lexicon& words, std::string_view kind);

// True when `s` ends with an entry valued `kind`.
bool EndsWithWord(std::string_view s, const Lexicon& words, std::string_view kind);

// Registers `counted_item`, `metric_before`, `rate_metric` and `qualifier`.
void RegisterClauseNormalizers(NormalizerRegistry* registry);

}  // namespace tiqu

#endif  // TIQU_VALUES_CLAUSE_CONTEXT_H_
