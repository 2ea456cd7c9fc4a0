// Rule files that are wrong in every way we can think of: each must fail to
// load, whole, with an error that points at the place to fix.
#include <gtest/gtest.h>

#include <fstream>

#include "tiqu/rules.h"
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


// --- Every error says file:line:column and the rule (tests/cpp/rule_loading_test.cc
// above checks the messages; these check the places). kGoodRule's lines:
// 3 `id`, 4 `type`, 6 `pattern`, 7 `fields`, 8 `examples`.

void ExpectAt(const Status& st, int line, int column, const std::string& rule_id) {
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.code(), StatusCode::kRuleError) << st.ToString();
  EXPECT_EQ(st.location().file, "test.textproto") << st.ToString();
  EXPECT_EQ(st.location().line, line) << st.ToString();
  EXPECT_EQ(st.location().column, column) << st.ToString();
  EXPECT_EQ(st.location().rule_id, rule_id) << st.ToString();
  std::string prefix = "test.textproto:" + std::to_string(line) + ":" + std::to_string(column) + ": ";
  EXPECT_EQ(st.ToString().compare(0, prefix.size(), prefix), 0) << st.ToString();
  if (!rule_id.empty()) EXPECT_NE(st.ToString().find("'" + rule_id + "'"), std::string::npos) << st.ToString();
}

TEST(RuleErrorPlacesTest, MisspeltFieldNameInTheFile) {
  ExpectAt(Load(Replace(kGoodRule, "  pattern:", "  patern:")), 6, 3, "");
}

TEST(RuleErrorPlacesTest, UnterminatedString) {
  Status st = Load(Replace(kGoodRule, "custom_type: \"HOUSEHOLDS\"", "custom_type: \"HOUSEHOLDS"));
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.location().line, 5) << st.ToString();
  EXPECT_GT(st.location().column, 0) << st.ToString();
}

TEST(RuleErrorPlacesTest, BadRegex) {
  ExpectAt(Load(Replace(kGoodRule, "户\"", "户(\"")), 6, 3, "custom.households");
}

TEST(RuleErrorPlacesTest, BadRegexInAContextCheck) {
  Status st = Load(Replace(kGoodRule, "  fields {", "  not_preceded_by: \"[未\"\n  fields {"));
  ExpectAt(st, 7, 3, "custom.households");
  EXPECT_NE(st.message().find("not_preceded_by"), std::string::npos) << st.ToString();
}

TEST(RuleErrorPlacesTest, UndefinedSubPattern) {
  ExpectAt(Load(Replace(kGoodRule, "{number}", "{numbr}")), 6, 3, "custom.households");
}

TEST(RuleErrorPlacesTest, UndefinedGroup) {
  ExpectAt(Load(Replace(kGoodRule, "group: \"n\"", "group: \"num\"")), 7, 3, "custom.households");
}

TEST(RuleErrorPlacesTest, UnknownNormalizer) {
  ExpectAt(Load(Replace(kGoodRule, "normalizer: \"number\"", "normalizer: \"numbr\"")), 7, 3, "custom.households");
}

TEST(RuleErrorPlacesTest, UnknownFieldOfTheFactType) {
  std::string text = Replace(kGoodRule, "type: CUSTOM\n  custom_type: \"HOUSEHOLDS\"", "type: QUANTITY\n");
  ExpectAt(Load(Replace(text, "name: \"count\"", "name: \"amount\"")), 7, 3, "custom.households");
}

TEST(RuleErrorPlacesTest, UnknownEnumValuePointsAtTheValue) {
  Status st = Load(Replace(kGoodRule, "type: CUSTOM", "type: CUSTOMS"));
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.location().line, 4) << st.ToString();
  EXPECT_EQ(st.location().column, 9) << st.ToString();
}

TEST(RuleErrorPlacesTest, DuplicateIdNamesBothPlaces) {
  ExtractorOptions options;
  options.default_rules = false;
  options.rule_texts = {{"first.textproto", kGoodRule}, {"second.textproto", kGoodRule}};
  StatusOr<Extractor> ex = Extractor::Create(options);
  ASSERT_FALSE(ex.ok());
  EXPECT_EQ(ex.status().location().file, "second.textproto");
  EXPECT_EQ(ex.status().location().line, 3);
  EXPECT_EQ(ex.status().location().rule_id, "custom.households");
  EXPECT_NE(ex.status().message().find("first.textproto:3"), std::string::npos) << ex.status().ToString();
}

TEST(RuleErrorPlacesTest, DuplicateIdOfAShippedRule) {
  StatusOr<Extractor> shipped = Extractor::Create();
  ASSERT_TRUE(shipped.ok());
  ASSERT_FALSE(shipped->RuleIds().empty());
  const std::string id = shipped->RuleIds().front();
  Status st = Load(Replace(kGoodRule, "\"custom.households\"", "\"" + id + "\""), /*default_rules=*/true);
  ExpectAt(st, 3, 3, id);
  EXPECT_NE(st.message().find("<builtin>"), std::string::npos) << st.ToString();
}

TEST(RuleErrorPlacesTest, RedefinedLexiconOrSubPattern) {
  Status st = Load(std::string("patterns { name: \"number\" pattern: \"[0-9]+\" }\n") + kGoodRule);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.location().file, "test.textproto");
  EXPECT_EQ(st.location().line, 1);
  EXPECT_NE(st.message().find("'number' is already defined at"), std::string::npos) << st.ToString();
}

TEST(RuleErrorPlacesTest, NoExamples) {
  std::string text = kGoodRule;
  size_t at = text.find("  examples");
  text.erase(at, text.find('\n', at) - at);
  ExpectAt(Load(text), 3, 3, "custom.households");
}

TEST(RuleErrorPlacesTest, PatternOverTheMemoryBudget) {
  // RE2 accepts the syntax (nested counts stay under its limit of 1000) but
  // the program for a thousand copies of every letter does not fit.
  Status st = Load(Replace(kGoodRule, "户\"", "户\\\\p{L}{1000}\""));
  ExpectAt(st, 6, 3, "custom.households");
  EXPECT_NE(st.message().find("memory budget"), std::string::npos) << st.ToString();
}

TEST(RuleErrorPlacesTest, FailingExampleAndNegativeNameTheirOwnLines) {
  std::string path = ::testing::TempDir() + "/failing_example.textproto";
  {
    std::ofstream out(path);
    out << Replace(Replace(kGoodRule, "expect { text: \"622户\" }", "expect { text: \"62户\" }"),
                   "  examples", "  negatives: \"没有数字\"\n  negatives: \"走访5户\"\n  examples");
  }
  ExtractorOptions options;
  options.default_rules = false;
  RuleCheckReport report;
  Status st = CheckRuleFiles({path}, options, &report);
  ASSERT_TRUE(st.ok()) << st.ToString();
  ASSERT_EQ(report.failures.size(), 2u);
  const ExampleFailure& example = report.failures[0];
  EXPECT_EQ(example.rule_id, "custom.households");
  EXPECT_EQ(example.location.file, path);
  EXPECT_EQ(example.location.line, 10);  // the examples line, after the two negatives
  EXPECT_EQ(example.location.column, 3);
  EXPECT_EQ(example.example, "走访群众622户");
  const ExampleFailure& negative = report.failures[1];
  EXPECT_EQ(negative.location.line, 9);  // the second negative
  EXPECT_EQ(negative.example, "走访5户");
}

// --- Loading is all or nothing.

TEST(RuleLoadingAtomicityTest, OneBadFileFailsTheWholeLoad) {
  ExtractorOptions options;
  options.default_rules = false;
  options.rule_texts = {{"good.textproto", kGoodRule},
                        {"bad.textproto", Replace(Replace(kGoodRule, "custom.households", "custom.other"), "户\"", "户(\"")}};
  StatusOr<Extractor> ex = Extractor::Create(options);
  ASSERT_FALSE(ex.ok());
  EXPECT_EQ(ex.status().location().file, "bad.textproto");
}

TEST(RuleLoadingAtomicityTest, OneBadRuleFailsItsWholeFile) {
  std::string second = Replace(Replace(kGoodRule, "custom.households", "custom.second"), "{number}", "{nope}");
  EXPECT_FALSE(Load(std::string(kGoodRule) + second).ok());
}

TEST(RuleLoadingAtomicityTest, AFailedLoadLeavesNoTrace) {
  // A failed load must not leave definitions behind for the next one: the
  // same good file loads alone, and again after a failure, identically.
  ASSERT_TRUE(Load(kGoodRule).ok());
  std::string with_lexicon = std::string("lexicons { name: \"mine\" entries: [\"户\"] }\n") + kGoodRule + "rules { }";
  EXPECT_FALSE(Load(with_lexicon).ok());
  EXPECT_TRUE(Load(std::string("lexicons { name: \"mine\" entries: [\"户\"] }\n") + kGoodRule).ok());
}

TEST(RuleLoadingAtomicityTest, MissingRuleFileAmongGoodOnes) {
  std::string path = ::testing::TempDir() + "/good_rules.textproto";
  {
    std::ofstream out(path);
    out << kGoodRule;
  }
  ExtractorOptions options;
  options.rule_files = {path, "/nonexistent/rules.textproto"};
  StatusOr<Extractor> ex = Extractor::Create(options);
  ASSERT_FALSE(ex.ok());
  EXPECT_NE(ex.status().message().find("/nonexistent/rules.textproto"), std::string::npos);
}

TEST(RuleLoadingTest, LexiconFileErrorsNameTheLexicon) {
  std::string dir = ::testing::TempDir();
  std::string path = dir + "/lexicon_rules.textproto";
  {
    std::ofstream out(path);
    out << "lexicons { name: \"words\" file: \"no_such_words.txt\" }\n" << kGoodRule;
  }
  ExtractorOptions options;
  options.default_rules = false;
  options.rule_files = {path};
  StatusOr<Extractor> ex = Extractor::Create(options);
  ASSERT_FALSE(ex.ok());
  EXPECT_EQ(ex.status().location().file, path);
  EXPECT_EQ(ex.status().location().line, 1);
  EXPECT_NE(ex.status().message().find("lexicon 'words'"), std::string::npos) << ex.status().ToString();
}

}  // namespace
}  // namespace tiqu
