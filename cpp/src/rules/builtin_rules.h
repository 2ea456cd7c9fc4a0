// The shipped rule packs (cpp/rules/), compiled into the library at build
// time by cmake/embed_files.cmake so that the defaults need no files at run
// time.
#ifndef TIQU_RULES_BUILTIN_RULES_H_
#define TIQU_RULES_BUILTIN_RULES_H_

#include <cstddef>
#include <string_view>
#include <vector>

#include "rules/compiled_rules.h"

namespace tiqu {

struct EmbeddedFile {
  const char* path;  // relative to cpp/rules/, e.g. "zh/quantity.textproto"
  const unsigned char* data;
  size_t size;
};

// All embedded files (rule files and the data files they reference).
const std::vector<EmbeddedFile>& EmbeddedRuleData();

// The embedded *.textproto files as RuleFiles, in path order. With
// `load_rules` false they contribute only their sub-patterns and lexicons.
std::vector<RuleFile> BuiltinRuleSources(bool load_rules);

}  // namespace tiqu

#endif  // TIQU_RULES_BUILTIN_RULES_H_
