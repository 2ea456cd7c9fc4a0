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

// Fills `doc` (whose id, source and status the caller may have set).
void RunExtraction(const CompiledRules& rules, const ExtractorOptions& options, std::string_view text,
                   const std::string& reference_date, v1::Document* doc);

}  // namespace tiqu

#endif  // TIQU_EXTRACT_ENGINE_H_
