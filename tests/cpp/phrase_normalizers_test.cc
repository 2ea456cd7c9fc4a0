// The value logic of SLOGAN and CITATION facts, without rule files.
#include "values/phrase_normalizers.h"

#include <gtest/gtest.h>

#include "tiqu/tiqu.h"

namespace tiqu {
namespace {

Lexicon MakeLexicon(std::vector<std::string> words) {
  Lexicon lexicon;
  lexicon.name = "test";
  for (const std::string& w : words) {
    lexicon.entries.push_back(w);
    lexicon.values[w] = w;
    lexicon.max_entry_bytes = std::max(lexicon.max_entry_bytes, w.size());
  }
  return lexicon;
}

std::vector<double> Numbers(std::string_view text, const Lexicon* words = nullptr) {
  return SloganNumbers(text, words).value_or(std::vector<double>{-1});
}

TEST(SloganNumbersTest, ReadsChineseNumeralsInOrder) {
  EXPECT_EQ(Numbers("一核四员四共"), (std::vector<double>{1, 4, 4}));
  EXPECT_EQ(Numbers("十四五"), (std::vector<double>{14, 5}));
  EXPECT_EQ(Numbers("五个一百"), (std::vector<double>{5, 100}));
  EXPECT_EQ(Numbers("三三工作法"), (std::vector<double>{3, 3}));
  EXPECT_EQ(Numbers("二十五项举措"), (std::vector<double>{25}));
  EXPECT_EQ(Numbers("一岗双责"), (std::vector<double>{1, 2}));
}

TEST(SloganNumbersTest, ReadsDigitStringsDigitByDigit) {
  EXPECT_EQ(Numbers("3+3+3"), (std::vector<double>{3, 3, 3}));
  EXPECT_EQ(Numbers("12345"), (std::vector<double>{1, 2, 3, 4, 5}));
  EXPECT_EQ(Numbers("服务(行动)4+N"), (std::vector<double>{4}));
}

TEST(SloganNumbersTest, WordsOfTheLexiconDoNotCount) {
  Lexicon words = MakeLexicon({"统一", "三维"});
  EXPECT_EQ(Numbers("一户一档、统一编号、统一管理", &words), (std::vector<double>{1, 1}));
  EXPECT_FALSE(SloganNumbers("三维码", &words).has_value());
}

TEST(SloganNumbersTest, RejectsWhatIsNotAFormulation) {
  EXPECT_FALSE(SloganNumbers("便民服务圈", nullptr).has_value());    // no numeral
  EXPECT_FALSE(SloganNumbers("百姓议事厅", nullptr).has_value());    // 百 without a digit
  EXPECT_FALSE(SloganNumbers("零距离", nullptr).has_value());        // 零 alone
  EXPECT_FALSE(SloganNumbers("第一书记", nullptr).has_value());      // ordinal
  EXPECT_FALSE(SloganNumbers("15分钟生活圈", nullptr).has_value());  // duration
  EXPECT_FALSE(SloganNumbers("三年行动", nullptr).has_value());
  EXPECT_FALSE(SloganNumbers("2022年度先进", nullptr).has_value());
  EXPECT_FALSE(SloganNumbers("一站式", nullptr).has_value());        // the article 一
  EXPECT_FALSE(SloganNumbers("全县一张网、干群一条心", nullptr).has_value());
  EXPECT_FALSE(SloganNumbers("我们来了。", nullptr).has_value());    // speech
}

TEST(SloganNumbersTest, LeadingOnesAreCounts) {
  EXPECT_EQ(Numbers("一村一品"), (std::vector<double>{1, 1}));
  EXPECT_EQ(Numbers("一事一议,一户一策"), (std::vector<double>{1, 1, 1, 1}));
}

TEST(GoverningVerbTest, NearestVerbBeforeTheTitle) {
  Lexicon verbs = MakeLexicon({"印发", "制定", "出台", "制定出台", "观看", "征集", "出版"});
  std::string text = "会议要求,研究制定出台市政协《工作规则》,并组织观看影片《山河》";
  size_t b = text.find("《工作规则》");
  EXPECT_EQ(GoverningVerb(text, b, b + std::string("《工作规则》").size(), verbs), "制定出台");
  b = text.find("《山河》");
  EXPECT_EQ(GoverningVerb(text, b, b + std::string("《山河》").size(), verbs), "观看");
}

TEST(GoverningVerbTest, SkipsTheOtherTitlesOfAList) {
  Lexicon verbs = MakeLexicon({"征集"});
  std::string text = "征集《春》《夏》等作品";
  size_t b = text.find("《夏》");
  EXPECT_EQ(GoverningVerb(text, b, b + std::string("《夏》").size(), verbs), "征集");
}

TEST(GoverningVerbTest, VerbRightAfterOrNone) {
  Lexicon verbs = MakeLexicon({"出版", "印发"});
  std::string text = "完成《县志》出版工作;此前,《年鉴》得到好评";
  size_t b = text.find("《县志》");
  EXPECT_EQ(GoverningVerb(text, b, b + std::string("《县志》").size(), verbs), "出版");
  b = text.find("《年鉴》");
  EXPECT_EQ(GoverningVerb(text, b, b + std::string("《年鉴》").size(), verbs), "");
}

TEST(MeetingNameTest, NamesNeedMoreThanAGenericWord) {
  Lexicon words = MakeLexicon({"全国", "本次", "议事会"});
  words.values["全国"] = "SCOPE";
  words.values["本次"] = "GENERIC";
  words.values["议事会"] = "SPECIFIC";
  EXPECT_TRUE(IsMeetingName("全县乡村振兴工作会议", "会议", words));
  EXPECT_TRUE(IsMeetingName("全国两会", "两会", words));
  EXPECT_TRUE(IsMeetingName("阳光议事会", "议事会", words));
  EXPECT_TRUE(IsMeetingName("第二届职工代表大会第一次会议", "会议", words));
  EXPECT_FALSE(IsMeetingName("党组会议", "会议", words));
  EXPECT_FALSE(IsMeetingName("本次全体会议", "会议", words));
  EXPECT_FALSE(IsMeetingName("第一次会议", "会议", words));
  EXPECT_FALSE(IsMeetingName("“街道议事会议", "会议", words));
}

TEST(MeetingTimeTest, DateOfAMeetingHeldInTheSentence) {
  std::string s = "本报讯 3月8日,县委召开全县工作会议。";
  size_t b = s.find("全县");
  size_t e = s.find("。");
  EXPECT_EQ(MeetingTime(s, b, e), "XXXX-03-08");
  s = "近日,全县工作会议在县城召开。";
  b = s.find("全县");
  e = s.find("在");
  EXPECT_EQ(MeetingTime(s, b, e), "PAST_REF");
  s = "3月8日,干部学习全县工作会议精神。";  // referred to, not held
  b = s.find("全县");
  e = s.find("精神");
  EXPECT_EQ(MeetingTime(s, b, e), "");
}

TEST(PhraseRulesTest, FactsInsideACitedTitleAreNotSlogans) {
  StatusOr<Extractor> ex = Extractor::Create();
  ASSERT_TRUE(ex.ok());
  StatusOr<v1::Document> doc = ex->Extract("县委制定《落实“三个一”要求工作办法》。");
  ASSERT_TRUE(doc.ok());
  int citations = 0;
  for (const v1::Fact& f : doc->facts()) {
    EXPECT_NE(f.type(), v1::Fact::SLOGAN) << f.text();
    citations += f.type() == v1::Fact::CITATION;
  }
  EXPECT_EQ(citations, 1);
  doc = ex->Extract("落实“三个一”要求。");
  ASSERT_TRUE(doc.ok());
  ASSERT_EQ(doc->facts_size(), 1);
  EXPECT_EQ(doc->facts(0).type(), v1::Fact::SLOGAN);
}

}  // namespace
}  // namespace tiqu
