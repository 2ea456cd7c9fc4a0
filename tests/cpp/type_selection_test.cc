// ExtractorOptions::types: a run restricted to some fact types must give
// exactly the facts of those types that a run of all types gives -- only
// faster, because the other rules do not run.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <string>
#include <vector>

#include "tiqu/tiqu.h"

namespace tiqu {
namespace {

std::vector<std::string> SampleTexts() {
  std::vector<std::string> paths;
  for (const auto& entry : std::filesystem::directory_iterator(std::string(TIQU_SOURCE_DIR) + "/examples/corpus")) {
    if (entry.path().extension() == ".txt") paths.push_back(entry.path().string());
  }
  std::sort(paths.begin(), paths.end());
  std::vector<std::string> texts;
  for (const std::string& path : paths) {
    std::ifstream in(path, std::ios::binary);
    texts.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  return texts;
}

// Each fact, serialized, in output order.
std::vector<std::string> FactsOf(const v1::Document& doc, const std::set<v1::Fact::Type>& types) {
  std::vector<std::string> out;
  for (const v1::Fact& fact : doc.facts()) {
    if (types.empty() || types.count(fact.type()) > 0) out.push_back(fact.ShortDebugString());
  }
  return out;
}

Extractor WithTypes(std::vector<v1::Fact::Type> types) {
  ExtractorOptions options;
  options.types = std::move(types);
  StatusOr<Extractor> ex = Extractor::Create(options);
  EXPECT_TRUE(ex.ok()) << ex.status().ToString();
  return *ex;
}

TEST(TypeSelectionTest, EachTypeAloneGivesTheFactsOfAFullRun) {
  std::vector<std::string> texts = SampleTexts();
  ASSERT_GE(texts.size(), 3u);
  Extractor all = WithTypes({});
  std::vector<v1::Document> full;
  std::set<v1::Fact::Type> seen;
  for (const std::string& text : texts) {
    full.push_back(*all.Extract(text));
    for (const v1::Fact& f : full.back().facts()) seen.insert(f.type());
  }
  // The comparison below means something only for types the samples have.
  EXPECT_GE(seen.size(), 12u);
  for (v1::Fact::Type type : seen) {
    Extractor only = WithTypes({type});
    for (size_t i = 0; i < texts.size(); ++i) {
      StatusOr<v1::Document> doc = only.Extract(texts[i]);
      ASSERT_TRUE(doc.ok());
      EXPECT_EQ(FactsOf(*doc, {}), FactsOf(full[i], {type}))
          << v1::Fact::Type_Name(type) << " in sample " << i;
      EXPECT_EQ(doc->metadata().ShortDebugString(), full[i].metadata().ShortDebugString());
    }
  }
  Extractor numbers = WithTypes({v1::Fact::QUANTITY, v1::Fact::PERCENTAGE, v1::Fact::MONEY, v1::Fact::TIME});
  for (size_t i = 0; i < texts.size(); ++i) {
    EXPECT_EQ(FactsOf(*numbers.Extract(texts[i]), {}),
              FactsOf(full[i], {v1::Fact::QUANTITY, v1::Fact::PERCENTAGE, v1::Fact::MONEY, v1::Fact::TIME}));
  }
}

TEST(TypeSelectionTest, AbsorbingRulesStillRunButTheirFactsAreNotKept) {
  // The CHANGE absorbs its percentage; asking for percentages alone must
  // not bring the absorbed one back.
  const std::string text = "今年一季度,全县工业产值同比增长7.2%,高于预期。";
  StatusOr<v1::Document> full = WithTypes({}).Extract(text);
  ASSERT_TRUE(full.ok());
  ASSERT_EQ(FactsOf(*full, {v1::Fact::CHANGE}).size(), 1u);
  EXPECT_TRUE(FactsOf(*full, {v1::Fact::PERCENTAGE}).empty());
  StatusOr<v1::Document> percentages = WithTypes({v1::Fact::PERCENTAGE}).Extract(text);
  ASSERT_TRUE(percentages.ok());
  EXPECT_EQ(percentages->facts_size(), 0);
}

TEST(TypeSelectionTest, RelativeTimesStillResolveFromTheDateLine) {
  const std::string text = "2023年05月12日 星期五\n昨天,区里召开了防汛工作会议。";
  StatusOr<v1::Document> doc = WithTypes({v1::Fact::TIME}).Extract(text);
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(doc->reference_date(), WithTypes({}).Extract(text)->reference_date());
  for (const v1::Fact& f : doc->facts()) EXPECT_EQ(f.type(), v1::Fact::TIME);
}

// Two rules with the same span and priority: the earlier rule in load order
// wins, however many other candidates the document has (it used to depend on
// how std::sort ordered ties, which changes past 16 candidates).
TEST(TypeSelectionTest, EqualSpansKeepTheEarlierRuleWhateverElseIsFound) {
  ExtractorOptions options;
  options.default_rules = false;
  options.rule_texts.push_back({"ties", R"pb(
    rules {
      id: "t.first" type: CUSTOM custom_type: "T"
      pattern: "(?P<span>甲乙丙)"
      fields { name: "who" value: "first" }
      examples { text: "甲乙丙" expect { text: "甲乙丙" } }
    }
    rules {
      id: "t.second" type: CUSTOM custom_type: "T"
      pattern: "(?P<span>甲乙丙)"
      fields { name: "who" value: "second" }
      examples { text: "甲乙丙" expect { text: "甲乙丙" } }
    }
    rules {
      id: "t.filler" type: CUSTOM custom_type: "T"
      pattern: "(?P<span>丁[0-9])"
      examples { text: "丁1" expect { text: "丁1" } }
    })pb"});
  StatusOr<Extractor> ex = Extractor::Create(options);
  ASSERT_TRUE(ex.ok()) << ex.status().ToString();
  for (int fillers : {0, 5, 40, 200}) {
    std::string text;
    for (int i = 0; i < fillers; ++i) text += "丁" + std::to_string(i % 10) + ",";
    text += "甲乙丙";
    for (int i = 0; i < fillers; ++i) text += ",丁" + std::to_string(i % 10);
    StatusOr<v1::Document> doc = ex->Extract(text);
    ASSERT_TRUE(doc.ok());
    int found = 0;
    for (const v1::Fact& f : doc->facts()) {
      if (f.text() != "甲乙丙") continue;
      ++found;
      EXPECT_EQ(f.rule(), "t.first") << fillers << " fillers";
    }
    EXPECT_EQ(found, 1);
    EXPECT_EQ(doc->facts_size(), 1 + 2 * fillers);
  }
}

TEST(TypeSelectionTest, InvalidTypesAreRejected) {
  ExtractorOptions options;
  options.types = {static_cast<v1::Fact::Type>(99)};
  StatusOr<Extractor> bad = Extractor::Create(options);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
  options.types = {v1::Fact::TYPE_UNSPECIFIED};
  EXPECT_FALSE(Extractor::Create(options).ok());
}

TEST(TypeSelectionTest, ParseFactTypeReadsNamesInEitherCase) {
  v1::Fact::Type type = v1::Fact::TYPE_UNSPECIFIED;
  EXPECT_TRUE(ParseFactType("time", &type));
  EXPECT_EQ(type, v1::Fact::TIME);
  EXPECT_TRUE(ParseFactType("MONEY", &type));
  EXPECT_EQ(type, v1::Fact::MONEY);
  EXPECT_FALSE(ParseFactType("TYPE_UNSPECIFIED", &type));
  EXPECT_FALSE(ParseFactType("weather", &type));
  EXPECT_FALSE(ParseFactType("", &type));
}

}  // namespace
}  // namespace tiqu
