// Reading RE2 pattern text: which bytes are syntax, and what the rule
// compiler derives from it. Sub-pattern expansion, the prefilter's loosened
// repetitions and the group-run shortcut all need to skip character classes,
// escapes and \Q...\E quotes the same way; this is the one place that knows
// how.
#ifndef TIQU_RULES_PATTERN_SYNTAX_H_
#define TIQU_RULES_PATTERN_SYNTAX_H_

#include <string>
#include <string_view>
#include <vector>

namespace tiqu {

// For each byte of `pattern`, whether it is RE2 syntax: true outside
// character classes ([...], including [[:alpha:]] members), escapes (\d,
// \x{4E00}, \p{Han}) and \Q...\E quotes. A '{', '(' or '|' whose byte is
// false is a literal or part of something else.
std::vector<bool> SyntaxMask(std::string_view pattern);

// What the prefilter set matches for a pattern: {m,n} repetitions become
// {m,} (a superset, and a far smaller DFA).
std::string LoosenRepetitions(std::string_view pattern);

// Whether the whole pattern is one capturing group, "(?P<span>...)" or
// "(...)", with nothing outside it. Such a group always equals the match.
bool IsOneGroupAroundAll(std::string_view pattern);

}  // namespace tiqu

#endif  // TIQU_RULES_PATTERN_SYNTAX_H_
