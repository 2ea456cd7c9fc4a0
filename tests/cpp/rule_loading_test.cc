// Rule files that are wrong in every way we can think of: each must fail to
// load, whole, with an error that points at the place to fix.
#include <gtest/gtest.h>

#include <fstream>

#include "tiqu/tiqu.h"

namespace tiqu {
namespace {

// A valid rule, to be broken by each test.
constexpr char kGoodRule[] = R"(
rules {
  id: "custom.households"
  type: CUSTOM
  custom_type: "HOUSEHOLDS"
  pattern: "(?P<n>{number})户"
  fields { name: "count" group: "n" normalizer: "number" }
  examples { text: "走访群众622户" expect { text: "622户" } }
}
)";

Status Load(const std::string& text, bool default_rules = false) {
  ExtractorOptions options;
  options.default_rules = default_rules;
  options.rule_texts = {{"test.textproto", text}};
  StatusOr<Extractor> ex = Extractor::Create(options);
  return ex.ok() ? Status::Ok() : ex.status();
}

std::string Replace(std::string s, const std::string& from, const std::string& to) {
  size_t at = s.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  return s.replace(at, from.size(), to);
}

TEST(RuleLoadingTest, GoodRuleLoads) { EXPECT_TRUE(Load(kGoodRule).ok()) << Load(kGoodRule).ToString(); }

TEST(RuleLoadingTest, SyntaxErrorHasLineAndColumn) {
  Status st = Load(Replace(kGoodRule, "type: CUSTOM", "type: CUSTOM {"));
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.code(), StatusCode::kRuleError);
  EXPECT_EQ(st.location().file, "test.textproto");
  EXPECT_EQ(st.location().line, 4);
  EXPECT_GT(st.location().column, 0);
  EXPECT_NE(st.ToString().find("test.textproto:4:"), std::string::npos) << st.ToString();
}

TEST(RuleLoadingTest, BadRegexNamesTheRuleAndRe2Message) {
  Status st = Load(Replace(kGoodRule, "户\"", "户(\""));
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.location().rule_id, "custom.households");
  EXPECT_NE(st.message().find("missing )"), std::string::npos) << st.ToString();
  EXPECT_EQ(st.location().line, 6);  // the pattern line
}

TEST(RuleLoadingTest, UnknownGroup) {
  Status st = Load(Replace(kGoodRule, "group: \"n\"", "group: \"num\""));
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("group 'num'"), std::string::npos) << st.ToString();
  EXPECT_EQ(st.location().rule_id, "custom.households");
}

TEST(RuleLoadingTest, UnknownFieldOfABuiltInType) {
  std::string text = Replace(kGoodRule, "type: CUSTOM\n  custom_type: \"HOUSEHOLDS\"", "type: QUANTITY");
  text = Replace(text, "name: \"count\"", "name: \"amount\"");
  Status st = Load(text);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("unknown field 'amount'"), std::string::npos) << st.ToString();
}

TEST(RuleLoadingTest, UnknownNormalizer) {
  Status st = Load(Replace(kGoodRule, "normalizer: \"number\"", "normalizer: \"numbr\""));
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("unknown normalizer 'numbr'"), std::string::npos) << st.ToString();
}

TEST(RuleLoadingTest, UnknownLexiconInNormalizer) {
  Status st = Load(Replace(kGoodRule, "normalizer: \"number\"", "normalizer: \"lexicon:nope\""));
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("unknown lexicon 'nope'"), std::string::npos) << st.ToString();
}

TEST(RuleLoadingTest, UnknownSubPattern) {
  Status st = Load(Replace(kGoodRule, "{number}", "{numbr}"));
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("{numbr}"), std::string::npos) << st.ToString();
}

TEST(RuleLoadingTest, SharedSubPatternsStayAvailableWithoutDefaultRules) {
  // kGoodRule uses the shipped {number} although default rules are off.
  EXPECT_TRUE(Load(kGoodRule, /*default_rules=*/false).ok());
}

TEST(RuleLoadingTest, DuplicateIds) {
  Status st = Load(std::string(kGoodRule) + kGoodRule);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("duplicate rule id 'custom.households'"), std::string::npos) << st.ToString();
  EXPECT_EQ(st.location().line, 12);  // the id of the second definition
}

TEST(RuleLoadingTest, RuleWithoutExamplesIsRefused) {
  std::string text = kGoodRule;
  size_t at = text.find("  examples");
  text.erase(at, text.find('\n', at) - at);
  Status st = Load(text);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("no examples"), std::string::npos) << st.ToString();
}

TEST(RuleLoadingTest, CustomTypeRequired) {
  Status st = Load(Replace(kGoodRule, "  custom_type: \"HOUSEHOLDS\"\n", ""));
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("custom_type"), std::string::npos) << st.ToString();
}

TEST(RuleLoadingTest, BadConstantForAnEnum) {
  std::string text = Replace(kGoodRule, "type: CUSTOM\n  custom_type: \"HOUSEHOLDS\"", "type: QUANTITY");
  text = Replace(text, "fields { name: \"count\" group: \"n\" normalizer: \"number\" }",
                 "fields { name: \"value\" group: \"n\" normalizer: \"number\" }\n"
                 "  fields { name: \"qualifier\" value: \"ROUGHLY\" }");
  Status st = Load(text);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("'ROUGHLY' is not a value"), std::string::npos) << st.ToString();
}

TEST(RuleLoadingTest, PatternBeyondTheMemoryBudget) {
  // A counted repetition that expands far beyond RE2's program size limit.
  Status st = Load(Replace(kGoodRule, "户\"", "户(?:[\\\\p{Han}a-z0-9]{1000}){1000}\""));
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.location().rule_id, "custom.households");
}

TEST(RuleLoadingTest, MissingRuleFile) {
  ExtractorOptions options;
  options.rule_files = {"/nonexistent/rules.textproto"};
  StatusOr<Extractor> ex = Extractor::Create(options);
  ASSERT_FALSE(ex.ok());
  EXPECT_EQ(ex.status().code(), StatusCode::kIoError);
}

}  // namespace
}  // namespace tiqu
