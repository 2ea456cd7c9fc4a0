#include "values/clause_context.h"

#include <gtest/gtest.h>

#include <string>

namespace tiqu {
namespace {

Lexicon ContextWords() {
  Lexicon words;
  words.name = "test_context_words";
  auto add = [&words](const std::string& entry, const std::string& kind) {
    words.entries.push_back(entry);
    words.values[entry] = kind;
    words.max_entry_bytes = std::max(words.max_entry_bytes, entry.size());
  };
  add("开展", "LEAD");
  add("累计", "LEAD");
  add("先后", "LEAD");
  add("达到", "TRAIL");
  add("同比", "TRAIL");
  add("以及", "STOP");
  add("率", "RATE");
  return words;
}

TEST(ClauseBeforeTest, StopsAtPunctuationAndDigits) {
  std::string text = "今年以来,先后开展专项检查288次";
  size_t end = text.find("288");
  EXPECT_EQ(ClauseBefore(text, end), "先后开展专项检查");
  std::string after_code = "编号A12专项检查";
  EXPECT_EQ(ClauseBefore(after_code, after_code.size()), "专项检查");
}

TEST(ClauseBeforeTest, KeepsQuotesAndParenthesesInside) {
  std::string text = "收录“口袋档案”1037份";
  EXPECT_EQ(ClauseBefore(text, text.find("1037")), "收录“口袋档案”");
  std::string paren = "点击量(阅读量)超过";
  EXPECT_EQ(ClauseBefore(paren, paren.size()), "点击量(阅读量)超过");
}

TEST(ClauseBeforeTest, ReadsAtMostMaxChars) {
  std::string text = "一二三四五六七八九十";
  EXPECT_EQ(ClauseBefore(text, text.size(), 3), "八九十");
  EXPECT_EQ(ClauseBefore(text, 0), "");
}

TEST(StripWordsTest, StripsLeadingWordsRepeatedly) {
  Lexicon words = ContextWords();
  EXPECT_EQ(StripLeadingWords("累计开展入户走访", words, "LEAD"), "入户走访");
  // Only lead words: the last one stays, it is the counted activity.
  EXPECT_EQ(StripLeadingWords("先后开展", words, "LEAD"), "开展");
  // Words of another kind are left alone.
  EXPECT_EQ(StripLeadingWords("达到标准", words, "LEAD"), "达到标准");
}

TEST(StripWordsTest, StripsTrailingWords) {
  Lexicon words = ContextWords();
  EXPECT_EQ(StripTrailingWords("群众满意率达到", words, "TRAIL"), "群众满意率");
  EXPECT_EQ(StripTrailingWords("信访总量同比", words, "TRAIL"), "信访总量");
  EXPECT_EQ(StripTrailingWords("信访总量", words, "TRAIL"), "信访总量");
}

TEST(StripWordsTest, CutsAtStopWordButNotAtTheStart) {
  Lexicon words = ContextWords();
  EXPECT_EQ(CutAtWord("社区书记以及副书记", words, "STOP"), "社区书记");
  EXPECT_EQ(CutAtWord("以及副书记", words, "STOP"), "以及副书记");
  EXPECT_EQ(CutAtWord("网格长", words, "STOP"), "网格长");
}

TEST(StripWordsTest, EndsWithWord) {
  Lexicon words = ContextWords();
  EXPECT_TRUE(EndsWithWord("调解成功率", words, "RATE"));
  EXPECT_FALSE(EndsWithWord("调解成功", words, "RATE"));
  EXPECT_FALSE(EndsWithWord("", words, "RATE"));
}

}  // namespace
}  // namespace tiqu
