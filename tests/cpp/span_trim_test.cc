// Rule.span_starts_after: trimming a lead-in that a pattern cannot exclude.
// A small frozen rule set, so that shipped rules can change freely.
#include <gtest/gtest.h>

#include "tiqu/tiqu.h"

namespace tiqu {
namespace {

constexpr char kTrimRules[] = R"pb(
rules {
  id: "test.meeting"
  type: MEETING
  pattern: "(?P<span>[\\p{Han}“”]{1,20}?会议)"
  span_starts_after: "召开|和"
  fields { name: "name" }
  examples { text: "召开全县工作会议" expect { text: "全县工作会议" meeting { name: "全县工作会议" } } }
}
)pb";

Extractor TrimExtractor() {
  ExtractorOptions options;
  options.default_rules = false;
  options.rule_texts = {{"trim_rules", kTrimRules}};
  StatusOr<Extractor> ex = Extractor::Create(options);
  EXPECT_TRUE(ex.ok()) << ex.status().ToString();
  return *ex;
}

TEST(SpanTrimTest, SpanAndFieldsStartAfterTheLastLeadIn) {
  StatusOr<v1::Document> doc = TrimExtractor().Extract("随即召开安全和环保会议。");
  ASSERT_TRUE(doc.ok());
  ASSERT_EQ(doc->facts_size(), 1);
  EXPECT_EQ(doc->facts(0).text(), "环保会议");
  EXPECT_EQ(doc->facts(0).meeting().name(), "环保会议");
  EXPECT_EQ(doc->facts(0).span().begin(), 7);
}

TEST(SpanTrimTest, LeadInsInsideAQuotedPairDoNotCut) {
  StatusOr<v1::Document> doc = TrimExtractor().Extract("召开“生态和发展”专题会议");
  ASSERT_TRUE(doc.ok());
  ASSERT_EQ(doc->facts_size(), 1);
  EXPECT_EQ(doc->facts(0).text(), "“生态和发展”专题会议");
}

TEST(SpanTrimTest, AnUnclosedQuoteDoesNotProtect) {
  StatusOr<v1::Document> doc = TrimExtractor().Extract("他说,“召开专题会议");
  ASSERT_TRUE(doc.ok());
  ASSERT_EQ(doc->facts_size(), 1);
  EXPECT_EQ(doc->facts(0).text(), "专题会议");
}

}  // namespace
}  // namespace tiqu
