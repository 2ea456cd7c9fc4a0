// The gazetteer and the place finder behind the LOCATION normalizers.
#include <gtest/gtest.h>

#include "values/entity_normalizers.h"
#include "values/gazetteer.h"

namespace tiqu {
namespace {

constexpr char kSmallGazetteer[] =
    "# comment\n"
    "630000\t青海省\t青海\n"
    "630100\t西宁市\t西宁\n"
    "630102\t城东区\t\n"
    "630121\t大通回族土族自治县\t大通县,大通\n"
    "340000\t安徽省\t安徽\n"
    "340400\t淮南市\t淮南\n"
    "340402\t大通区\t大通\n";

TEST(Gazetteer, ParsesNamesShortFormsAndLevels) {
  StatusOr<Gazetteer> g = Gazetteer::Parse(kSmallGazetteer);
  ASSERT_TRUE(g.ok()) << g.status().ToString();
  EXPECT_EQ(g->size(), 7u);
  const std::vector<int>* xining = g->Find("西宁市");
  ASSERT_NE(xining, nullptr);
  const Division& d = g->division((*xining)[0]);
  EXPECT_EQ(d.code, "630100");
  EXPECT_STREQ(d.level, "CITY");
  EXPECT_EQ(g->ProvinceOf(d), "青海省");
  EXPECT_STREQ(g->division((*g->Find("青海"))[0]).level, "PROVINCE");
  EXPECT_STREQ(g->division((*g->Find("城东区"))[0]).level, "COUNTY");
  EXPECT_EQ(g->Find("东区"), nullptr);
  // A short form keeps or drops the suffix.
  EXPECT_TRUE(g->IsBareForm("西宁"));
  EXPECT_FALSE(g->IsBareForm("大通县"));
  EXPECT_FALSE(g->IsBareForm("西宁市"));
}

TEST(Gazetteer, ResolvesAmbiguousNamesByParent) {
  StatusOr<Gazetteer> g = Gazetteer::Parse(kSmallGazetteer);
  ASSERT_TRUE(g.ok());
  const std::vector<int>& datong = *g->Find("大通");
  ASSERT_EQ(datong.size(), 2u);
  EXPECT_EQ(g->division(g->Resolve(datong, "630100")).code, "630121");
  EXPECT_EQ(g->division(g->Resolve(datong, "340000")).code, "340402");
  // Two counties and no parent: undecided.
  EXPECT_EQ(g->Resolve(datong, ""), -1);
}

TEST(Gazetteer, RejectsMalformedLines) {
  EXPECT_FALSE(Gazetteer::Parse("63010\t西宁市\n").ok());
  EXPECT_FALSE(Gazetteer::Parse("abcdef\t西宁市\n").ok());
}

TEST(Gazetteer, BuiltinCoversTheCountry) {
  const Gazetteer& g = Gazetteer::Builtin();
  EXPECT_GT(g.size(), 3000u);
  ASSERT_NE(g.Find("格尔木市"), nullptr);
  EXPECT_EQ(g.division((*g.Find("格尔木市"))[0]).code, "632801");
  ASSERT_NE(g.Find("化隆县"), nullptr);  // 化隆回族自治县 as the news writes it
  EXPECT_EQ(g.division((*g.Find("化隆县"))[0]).code, "630224");
  ASSERT_NE(g.Find("香港"), nullptr);
  EXPECT_EQ(g.ProvinceOf(g.division((*g.Find("香港"))[0])), "香港特别行政区");
}

TEST(WordTable, ReadsEntriesAndValues) {
  WordTable t = WordTable::Parse("# c\n街道\tTOWNSHIP\t4\n村\n");
  ASSERT_NE(t.Find("街道"), nullptr);
  EXPECT_EQ((*t.Find("街道"))[1], "4");
  EXPECT_TRUE(t.Contains("村"));
  EXPECT_FALSE(t.Contains("# c"));
  EXPECT_EQ(t.max_entry_chars(), 2u);
}

// The name FindPlaceName sees in `run`, whose last `match_chars` characters
// the rule matched; "" when it finds none.
std::string PlaceIn(std::string_view run, size_t match_chars = 1, bool boundary_before = true,
                    std::string_view next = "", PlaceName* out = nullptr) {
  PlaceName place;
  if (!FindPlaceName(run, match_chars, boundary_before, next, &place)) return "";
  if (out != nullptr) *out = place;
  return std::string(run.substr(place.begin, place.end - place.begin));
}

TEST(FindPlaceName, TakesTheChainOfKnownDivisions) {
  PlaceName p;
  EXPECT_EQ(PlaceIn("代表团来到西宁市城东区", 1, true, "", &p), "西宁市城东区");
  EXPECT_EQ(p.level, "COUNTY");
  EXPECT_EQ(p.code, "630102");
  EXPECT_EQ(p.province, "青海省");
  EXPECT_EQ(p.parts, 2);
}

TEST(FindPlaceName, NamesUnknownSubdistrictsAndVillagesFromTheirStem) {
  PlaceName p;
  EXPECT_EQ(PlaceIn("志愿者走进中庄村", 1, true, "", &p), "中庄村");
  EXPECT_EQ(p.level, "VILLAGE");
  EXPECT_EQ(p.code, "");
  EXPECT_EQ(PlaceIn("在东关大街街道", 2, true, "", &p), "东关大街街道");
  EXPECT_EQ(p.level, "TOWNSHIP");
  EXPECT_EQ(PlaceIn("延安市宝塔区新城街道阳光社区", 2, true, "", &p), "延安市宝塔区新城街道阳光社区");
  EXPECT_EQ(p.level, "VILLAGE");
  EXPECT_EQ(p.province, "陕西省");
}

TEST(FindPlaceName, RejectsWordsThatEndLikePlaces) {
  EXPECT_EQ(PlaceIn("全市"), "");
  EXPECT_EQ(PlaceIn("深入城乡社区", 2), "");
  EXPECT_EQ(PlaceIn("加强社区", 2), "");
  EXPECT_EQ(PlaceIn("发展乡", 1, true, "村"), "");  // 乡村
  EXPECT_EQ(PlaceIn("农贸市", 1, true, "场"), "");  // 市场
  EXPECT_EQ(PlaceIn("高质量建设现代化示范区", 3), "");  // a zone needs a place before it
}

TEST(FindPlaceName, BareShortFormsOnlyWhenMatchedWhole) {
  PlaceName p;
  EXPECT_EQ(PlaceIn("建设新青海", 2, true, "", &p), "青海");
  EXPECT_EQ(p.level, "PROVINCE");
  EXPECT_EQ(p.code, "630000");
  // 召开州市...: the 开州 of 开州区 is not there.
  EXPECT_EQ(PlaceIn("组织召开州", 1), "");
}

TEST(FindPlaceName, ResolvesShortCountyNamesUnderTheirCity) {
  PlaceName p;
  EXPECT_EQ(PlaceIn("海东市化隆县", 1, true, "", &p), "海东市化隆县");
  EXPECT_EQ(p.code, "630224");
  EXPECT_EQ(PlaceIn("西宁市大通县", 1, true, "", &p), "西宁市大通县");
  EXPECT_EQ(p.code, "630121");
}

}  // namespace
}  // namespace tiqu
