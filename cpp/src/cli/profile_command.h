// `tiqu rules profile`: what each rule costs on a corpus, and how much of its
// matching is wasted (matches that the normalizers reject, candidates that
// lose to overlapping facts), for people writing rule files.
#ifndef TIQU_CLI_PROFILE_COMMAND_H_
#define TIQU_CLI_PROFILE_COMMAND_H_

#include <iosfwd>
#include <string>
#include <vector>

namespace tiqu {

// Extracts `inputs` (as `tiqu extract` reads them) on this thread with the
// shipped rules (unless !default_rules) and `rule_files`, `passes` times,
// and prints to `out` one line per rule, the most expensive first (each time
// the least of the passes). Returns the exit code: 0, 1 when the rules do
// not load, 2 for an input that does not exist.
int RunRulesProfile(const std::vector<std::string>& rule_files, bool default_rules,
                    const std::vector<std::string>& inputs, int passes, std::ostream& out, std::ostream& err);

}  // namespace tiqu

#endif  // TIQU_CLI_PROFILE_COMMAND_H_
