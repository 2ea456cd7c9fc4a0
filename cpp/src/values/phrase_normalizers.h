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

// True when `name`, ending in the meeting word `head`, names a meeting: it
// does not open with a GENERIC word of `words` (本次, 相关), and what precedes
// the head is at least two characters, a SCOPE word of `words` when exactly
// two (全国两会 yes, 党组会议 no).
bool IsMeetingName(std::string_view name, std::string_view head, const Lexicon& words);

// The TIMEX3 date of the meeting named at [name_begin, name_end) of
// `sentence` when the sentence reports it held (召开, 举行): the first date
// before the name (1月10日 -> XXXX-01-10, 2021年 -> 2021, 近日 -> PAST_REF).
// Empty otherwise.
std::string MeetingTime(std::string_view sentence, size_t name_begin, size_t name_end);

void RegisterPhraseNormalizers(NormalizerRegistry* registry);

}  // namespace tiqu

#endif  // TIQU_VALUES_PHRASE_NORMALIZERS_H_
