// The phrase facts' value logic, exposed for unit tests; rules reach it
// through the normalizers `slogan_numbers`, `governing_verb` and
// `citation_kind`.
#ifndef TIQU_VALUES_PHRASE_NORMALIZERS_H_
#define TIQU_VALUES_PHRASE_NORMALIZERS_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "values/normalizers.h"

namespace tiqu {

// The numerals of a numbered formulation, in order: 一核四员四共 -> 1, 4, 4;
// 十四五 -> 14, 5; 五个一百 -> 5, 100; 3+3+3 -> 3, 3, 3; 520 -> 5, 2, 0
// (digit strings are codes, read digit by digit); 双 is 2. nullopt when the
// text is not a formulation: no numeral, an ordinal (第一议题), a duration or
// date (八小时, 2023年度), speech punctuation, or only the article 一
// (一站式, 全区一盘棋). Words of `non_numeral_words` (统一, 三维) do not count.
std::optional<std::vector<double>> SloganNumbers(std::string_view text, const Lexicon* non_numeral_words);

// The verb of `verbs` that governs the title at [title_begin, title_end) of
// `context`: the nearest one before it within its clause (skipping the other
// titles of a list), else one right after it; empty when there is none.
std::string GoverningVerb(std::string_view context, size_t title_begin, size_t title_end, const Lexicon& verbs);

void RegisterPhraseNormalizers(NormalizerRegistry* registry);

}  // namespace tiqu

#endif  // TIQU_VALUES_PHRASE_NORMALIZERS_H_
