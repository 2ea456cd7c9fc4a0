// Every example of every shipped rule, one test per rule, so that a failure
// names the rule: RuleExamples.quantity_count.
#include <gtest/gtest.h>

#include "rules/compiled_rules.h"
#include "tiqu/rules.h"
#include "tiqu/tiqu.h"

namespace tiqu {
namespace {

const Extractor& DefaultExtractor() {
  static const Extractor* extractor = [] {
    StatusOr<Extractor> ex = Extractor::Create();
    if (!ex.ok()) {
      ADD_FAILURE() << ex.status().ToString();
      return static_cast<Extractor*>(nullptr);
    }
    return new Extractor(std::move(*ex));
  }();
  return *extractor;
}

class RuleExampleTest : public testing::Test {
 public:
  explicit RuleExampleTest(std::string rule_id) : rule_id_(std::move(rule_id)) {}
  void TestBody() override {
    RuleCheckReport report = RunRuleExamples(DefaultExtractor(), rule_id_);
    for (const ExampleFailure& f : report.failures) {
      if (f.rule_id != rule_id_) continue;
      ADD_FAILURE_AT(f.location.file.c_str(), f.location.line) << "example \"" << f.example << "\": " << f.reason;
    }
  }

 private:
  std::string rule_id_;
};

TEST(RuleExamples, ShippedRulesLoad) {
  StatusOr<Extractor> ex = Extractor::Create();
  ASSERT_TRUE(ex.ok()) << ex.status().ToString();
  EXPECT_GT(ex->RuleIds().size(), 0u);
}

int RegisterRuleTests() {
  StatusOr<Extractor> ex = Extractor::Create();
  if (!ex.ok()) return 0;  // ShippedRulesLoad reports it
  for (const std::string& id : ex->RuleIds()) {
    std::string name = id;
    for (char& c : name) {
      if (!isalnum(static_cast<unsigned char>(c))) c = '_';
    }
    testing::RegisterTest("RuleExamples", name.c_str(), nullptr, nullptr, __FILE__, __LINE__,
                          [id]() -> testing::Test* { return new RuleExampleTest(id); });
  }
  return 0;
}

const int kRegistered = RegisterRuleTests();

}  // namespace
}  // namespace tiqu
