// Checking rule files: compile them and run every rule's examples.
//
//   tiqu::RuleCheckReport report;
//   tiqu::Status st = tiqu::CheckRuleFiles({"my_rules.textproto"}, {}, &report);
//   // st: loading errors (file:line:column, rule id);
//   // report.failures: examples that did not give what they promise.
#ifndef TIQU_RULES_H_
#define TIQU_RULES_H_

#include <string>
#include <vector>

#include "tiqu/status.h"
#include "tiqu/tiqu.h"

namespace tiqu {

struct ExampleFailure {
  std::string rule_id;
  ErrorLocation location;  // of the failing example (file:line:column), else of the rule
  std::string example;     // the example text
  std::string reason;      // "no match", "partial match: got ...", "2 results", ...
};

struct RuleCheckReport {
  int rules = 0;
  int examples = 0;   // positive examples run
  int negatives = 0;  // negative examples run
  std::vector<ExampleFailure> failures;
  bool ok() const { return failures.empty(); }
};

// Runs every example of every rule loaded by `extractor`, restricted to rules
// whose id starts with `rule_id_prefix` when it is not empty.
RuleCheckReport RunRuleExamples(const Extractor& extractor, const std::string& rule_id_prefix = "");

// Loads `files` (together with the shipped rules when `options.default_rules`)
// and runs the examples of the rules those files define.
Status CheckRuleFiles(const std::vector<std::string>& files, ExtractorOptions options, RuleCheckReport* report);

// The rule packs compiled into the library: (name, text) pairs.
std::vector<std::pair<std::string, std::string>> BuiltinRuleFiles();

}  // namespace tiqu

#endif  // TIQU_RULES_H_
