// Expands `{name}` references in rule patterns into the named sub-pattern or
// lexicon alternation, recursively. RE2's own repetitions (`{2}`, `{1,3}`)
// start with a digit and are left alone, as is anything inside `[...]` or
// escaped with a backslash.
#ifndef TIQU_RULES_PATTERN_EXPANDER_H_
#define TIQU_RULES_PATTERN_EXPANDER_H_

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "tiqu/status.h"

namespace tiqu {

// Looks a name up; nullopt when it is unknown. The result is itself expanded.
using PatternLookup = std::function<std::optional<std::string>(std::string_view name)>;

// Expands `pattern`; errors name an unknown reference or a cycle.
StatusOr<std::string> ExpandPattern(std::string_view pattern, const PatternLookup& lookup);

// An RE2 alternation matching any of `words` literally, longest first so that
// leftmost-first matching prefers the longest entry.
std::string WordsToAlternation(std::vector<std::string> words);

}  // namespace tiqu

#endif  // TIQU_RULES_PATTERN_EXPANDER_H_
