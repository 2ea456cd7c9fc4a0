// The per-sentence prefilter (an RE2::Set of loosened patterns) must never
// change what a rule finds: it only decides which rules run.
#include <gtest/gtest.h>

#include "tiqu/tiqu.h"

namespace tiqu {
namespace {

StatusOr<Extractor> WithRules(const std::string& rules) {
  ExtractorOptions options;
  options.default_rules = false;
  options.rule_texts.push_back({"prefilter_test", rules});
  return Extractor::Create(options);
}

std::vector<std::string> Texts(const Extractor& ex, const std::string& text) {
  std::vector<std::string> out;
  StatusOr<v1::Document> doc = ex.Extract(text);
  for (const v1::Fact& f : doc->facts()) out.push_back(f.text());
  return out;
}

TEST(PrefilterTest, BoundedRepetitionsStillBound) {
  StatusOr<Extractor> ex = WithRules(R"pb(
    rules {
      id: "t.visits" type: CUSTOM custom_type: "T"
      pattern: "走访(?P<span>[0-9]{1,3}户)"
      examples { text: "走访12户" expect { text: "12户" } }
    })pb");
  ASSERT_TRUE(ex.ok()) << ex.status().ToString();
  EXPECT_EQ(Texts(*ex, "本月走访12户。"), std::vector<std::string>{"12户"});
  EXPECT_TRUE(Texts(*ex, "本月走访1234户。").empty());
}

TEST(PrefilterTest, EscapedBracesAndClassesAreLeftAlone) {
  StatusOr<Extractor> ex = WithRules(R"pb(
    rules {
      id: "t.braces" type: CUSTOM custom_type: "T"
      pattern: "(?P<span>x\\{1,2\\}[{,}]{2,3}y)"
      examples { text: "x{1,2}{,y" expect { text: "x{1,2}{,y" } }
    })pb");
  ASSERT_TRUE(ex.ok()) << ex.status().ToString();
  EXPECT_EQ(Texts(*ex, "a x{1,2}{,y b"), std::vector<std::string>{"x{1,2}{,y"});
  EXPECT_TRUE(Texts(*ex, "a x{1,2}{,}}y b").empty());  // four class characters: too many
  EXPECT_TRUE(Texts(*ex, "a xy b").empty());
}

}  // namespace
}  // namespace tiqu
