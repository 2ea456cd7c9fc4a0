// The rule loader on arbitrary rule files: loading either fails with a rule
// error that says where, or succeeds and the rules can run (their examples
// and an extraction) without crashing.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_check.h"
#include "tiqu/rules.h"
#include "tiqu/tiqu.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // RE2 compiles each pattern within a fixed memory budget, but the
  // protobuf text parser and example runs grow with the input; real rule
  // files are a few KB.
  if (size > 64 * 1024) return 0;
  tiqu::ExtractorOptions options;
  options.default_rules = false;  // the shipped sub-patterns and lexicons stay available
  options.rule_texts = {{"fuzz.textproto", std::string(reinterpret_cast<const char*>(data), size)}};
  tiqu::StatusOr<tiqu::Extractor> extractor = tiqu::Extractor::Create(options);
  if (!extractor.ok()) {
    const tiqu::Status& st = extractor.status();
    FUZZ_CHECK(st.code() == tiqu::StatusCode::kRuleError, "%s", st.ToString().c_str());
    FUZZ_CHECK(!st.message().empty(), "an error without a message");
    FUZZ_CHECK(st.location().file == "fuzz.textproto", "error not located in the file: %s", st.ToString().c_str());
    return 0;
  }
  tiqu::RuleCheckReport report = tiqu::RunRuleExamples(*extractor);
  FUZZ_CHECK(report.rules == static_cast<int>(extractor->RuleIds().size()), "%d rules checked of %zu",
             report.rules, extractor->RuleIds().size());
  tiqu::StatusOr<tiqu::v1::Document> doc =
      extractor->Extract("2023年全年走访群众622户，开展检查1.5万次，同比增长12.5%。\n第二行“示范”《通知》");
  FUZZ_CHECK(doc.ok(), "%s", doc.status().ToString().c_str());
  return 0;
}
