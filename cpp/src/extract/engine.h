// One document through the pipeline:
//   normalize -> sentences -> name zones -> metadata rules -> reference date
//   -> rules (prefiltered per sentence) -> fields -> finalizers
//   -> drop facts inside names -> resolve overlaps -> annotators
//   -> spans mapped back to the original text.
#ifndef TIQU_EXTRACT_ENGINE_H_
#define TIQU_EXTRACT_ENGINE_H_

#include <string_view>

#include "rules/compiled_rules.h"
#include "tiqu/tiqu.h"

namespace tiqu {

struct RuleProfile;

// Fills `doc` (whose id, source and status the caller may have set). With a
// `profile`, adds each rule's time and counts to it (`tiqu rules profile`).
void RunExtraction(const CompiledRules& rules, const ExtractorOptions& options, std::string_view text,
                   const std::string& reference_date, v1::Document* doc, RuleProfile* profile = nullptr);

}  // namespace tiqu

#endif  // TIQU_EXTRACT_ENGINE_H_
