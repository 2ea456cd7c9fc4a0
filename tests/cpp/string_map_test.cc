// The lookup structures behind the value normalizers: StringViewMap (with its
// Bloom filter), the Lexicon's value index, and the gazetteer's per-character
// name-length limits that let the place finder skip lengths.
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "common/utf8.h"
#include "values/gazetteer.h"
#include "values/normalizers.h"
#include "values/string_map.h"

namespace tiqu {
namespace {

TEST(StringViewMap, FindsEveryInsertedKeyAcrossGrowthAndMissesOthers) {
  std::vector<std::string> keys;
  for (int i = 0; i < 5000; ++i) keys.push_back("键" + std::to_string(i * 7919));
  StringViewMap<int> map;
  for (size_t i = 0; i < keys.size(); ++i) map[keys[i]] = static_cast<int>(i);
  EXPECT_EQ(map.size(), keys.size());
  for (size_t i = 0; i < keys.size(); ++i) {
    const int* v = map.Find(keys[i]);
    ASSERT_NE(v, nullptr) << keys[i];
    EXPECT_EQ(*v, static_cast<int>(i));
  }
  for (int i = 0; i < 5000; ++i) {
    std::string other = "键" + std::to_string(i * 7919 + 1);
    EXPECT_EQ(map.Find(other), nullptr) << other;
  }
  EXPECT_EQ(map.Find(""), nullptr);
  // operator[] on an existing key returns the stored value.
  map[keys[3]] += 100;
  EXPECT_EQ(*map.Find(keys[3]), 103);
  EXPECT_EQ(map.size(), keys.size());
}

TEST(StringViewMap, ReserveKeepsWhatIsThereAndTakesMore) {
  StringViewMap<int> map;
  map["甲"] = 1;
  map.Reserve(1000);
  ASSERT_NE(map.Find("甲"), nullptr);
  EXPECT_EQ(*map.Find("甲"), 1);
  std::vector<std::string> keys;
  for (int i = 0; i < 1000; ++i) keys.push_back(std::to_string(i));
  for (int i = 0; i < 1000; ++i) map[keys[i]] = i;
  for (int i = 0; i < 1000; ++i) EXPECT_EQ(*map.Find(keys[i]), i);
  EXPECT_EQ(map.size(), 1001u);
}

TEST(WordTable, ForEachVisitsEveryEntryOnce) {
  WordTable t = WordTable::Parse("# comment\n和\thard\n向\tsoft\n走进\n");
  std::map<std::string, std::string> seen;
  t.ForEach([&](std::string_view entry, const std::vector<std::string>& columns) {
    EXPECT_TRUE(seen.emplace(std::string(entry), columns.empty() ? "" : columns[0]).second) << entry;
  });
  EXPECT_EQ(seen, (std::map<std::string, std::string>{{"和", "hard"}, {"向", "soft"}, {"走进", ""}}));
}

TEST(StringViewMap, EmptyMapAndEmptyKey) {
  StringViewMap<int> map;
  EXPECT_EQ(map.Find("任何"), nullptr);
  map[""] = 7;
  ASSERT_NE(map.Find(""), nullptr);
  EXPECT_EQ(*map.Find(""), 7);
  EXPECT_EQ(map.Find("a"), nullptr);
}

TEST(LexiconValues, IndexSurvivesCopiesAndMoves) {
  Lexicon lexicon;
  lexicon.values["万元"] = "CNY";
  lexicon.values["元"] = "CNY";
  lexicon.values["美元"] = "USD";
  EXPECT_EQ(lexicon.values.count("元"), 1u);
  Lexicon copy = lexicon;
  Lexicon moved = std::move(lexicon);
  for (const Lexicon* lx : {&copy, &moved}) {
    ASSERT_NE(lx->Find("美元"), nullptr);
    EXPECT_EQ(*lx->Find("美元"), "USD");
    EXPECT_EQ(lx->Find("欧元"), nullptr);
  }
  copy.values["元"] = "RMB";  // the copy owns its values
  EXPECT_EQ(*copy.Find("元"), "RMB");
  EXPECT_EQ(*moved.Find("元"), "CNY");
}

TEST(LexiconValues, EdgeCharacterFiltersNeverTurnAwayAnEntry) {
  Lexicon lexicon;
  for (const char* e : {"万元", "元", "美元", "ab"}) lexicon.values[e] = e;
  const LexiconValues& v = lexicon.values;
  // Whatever the filters say, every entry is admitted at both edges of text
  // it starts or ends.
  for (const char* e : {"万元", "元", "美元", "ab"}) {
    EXPECT_TRUE(v.MayStartWithFirstCharOf(std::string(e) + "以上")) << e;
    EXPECT_TRUE(v.MayEndWithLastCharOf(std::string("共计") + e)) << e;
  }
  EXPECT_FALSE(v.MayStartWithFirstCharOf(""));
  // A character no entry starts (ends) with: 亿 starts none, 人 ends none.
  // (The filter is a bit set, so this checks the common case, not a law.)
  EXPECT_FALSE(v.MayStartWithFirstCharOf("亿元"));
  EXPECT_FALSE(v.MayEndWithLastCharOf("万人"));
  Lexicon with_empty;
  with_empty.values[""] = "";
  EXPECT_TRUE(with_empty.values.MayStartWithFirstCharOf("任何"));
}

TEST(Gazetteer, LimitsNameLengthsByFirstAndLastCharacter) {
  StatusOr<Gazetteer> g = Gazetteer::Parse(
      "630000\t青海省\t青海\n"
      "630121\t大通回族土族自治县\t大通县,大通\n");
  ASSERT_TRUE(g.ok()) << g.status().ToString();
  EXPECT_EQ(g->MaxCharsEndingWith(U'县'), 9u);   // 大通回族土族自治县
  EXPECT_EQ(g->MaxCharsEndingWith(U'海'), 2u);   // 青海
  EXPECT_EQ(g->MaxCharsEndingWith(U'市'), 0u);   // no name ends in 市
  EXPECT_EQ(g->MaxCharsStartingWith(U'大'), 9u);
  EXPECT_EQ(g->MaxCharsStartingWith(U'青'), 3u);
  EXPECT_EQ(g->MaxCharsStartingWith(U'西'), 0u);
  // Characters outside the CJK blocks get the overall limit.
  EXPECT_EQ(g->MaxCharsEndingWith(U'a'), 9u);
}

TEST(Gazetteer, BuiltinLimitsAdmitNamesItFinds) {
  const Gazetteer& g = Gazetteer::Builtin();
  for (const char* name : {"西宁市", "青海", "城东区", "北京市", "朝阳区", "化隆回族自治县"}) {
    ASSERT_NE(g.Find(name), nullptr) << name;
    std::u32string chars = DecodeUtf8(name);
    EXPECT_GE(g.MaxCharsEndingWith(chars.back()), chars.size()) << name;
    EXPECT_GE(g.MaxCharsStartingWith(chars.front()), chars.size()) << name;
  }
}

}  // namespace
}  // namespace tiqu
