#include <gtest/gtest.h>

#include <string>

#include "normalize/offset_map.h"
#include "normalize/sentence_splitter.h"
#include "normalize/text_normalizer.h"

namespace tiqu {
namespace {

std::string Norm(const std::string& in, bool join = true) {
  NormalizedText out;
  NormalizeOptions options;
  options.join_broken_lines = join;
  NormalizeText(in, options, &out);
  return out.text;
}

TEST(NormalizerTest, FullWidthToAscii) {
  EXPECT_EQ(Norm("ＡＢＣ１２３，（注）：％"), "ABC123,(注):%");
}

TEST(NormalizerTest, TraditionalToSimplified) { EXPECT_EQ(Norm("兩萬個會議"), "两万个会议"); }

TEST(NormalizerTest, CompatibilityCharacters) {
  EXPECT_EQ(Norm("①"), "1");
  EXPECT_EQ(Norm("㍿"), "株式会社");
}

TEST(NormalizerTest, FoldsWhitespace) {
  EXPECT_EQ(Norm("记者\u3000高乐\u00A0\t通讯员"), "记者 高乐 通讯员");
  EXPECT_EQ(Norm("  开头"), "开头");
  EXPECT_EQ(Norm("a\u200Bb"), "ab");
}

TEST(NormalizerTest, JoinsLinesBrokenInsideASentence) {
  EXPECT_EQ(Norm("开展监督检查28\n8次"), "开展监督检查288次");
  EXPECT_EQ(Norm("第一段。\n第二段"), "第一段。\n第二段");
  EXPECT_EQ(Norm("标题\n\n正文"), "标题\n正文");
  EXPECT_EQ(Norm("段落一\n  段落二"), "段落一\n段落二");
  EXPECT_EQ(Norm("开展监督检查28\n8次", /*join=*/false), "开展监督检查28\n8次");
}

TEST(NormalizerTest, ComposesCombiningSequences) { EXPECT_EQ(Norm("e\u0301"), "\u00E9"); }

TEST(NormalizerTest, RepairsInvalidUtf8) {
  NormalizedText out;
  NormalizeText(std::string("a\xFF" "b\xE4\xB8"), {}, &out);
  EXPECT_EQ(out.text, "a\uFFFDb\uFFFD");
  EXPECT_EQ(out.invalid_sequences, 2u);
  EXPECT_EQ(RepairUtf8(std::string("a\xFF" "b")), "a\uFFFDb");
  EXPECT_EQ(CountCodePoints(std::string("a\xFF" "b\xE4\xB8")), 4u);
}

// Every normalized character maps back to exactly the original characters
// it came from.
TEST(NormalizerTest, OffsetsMapBackToTheOriginal) {
  const std::string original = "全年开展检查２８８次，兩萬\u3000人\n次";
  NormalizedText out;
  NormalizeText(original, {}, &out);
  ASSERT_EQ(out.text, "全年开展检查288次,两万 人次");
  auto original_of = [&](const std::string& normalized_piece) {
    size_t b = out.text.find(normalized_piece);
    size_t e = b + normalized_piece.size();
    size_t ob = out.map.ToOriginalBegin(b), oe = out.map.ToOriginalEnd(e);
    return original.substr(ob, oe - ob);
  };
  EXPECT_EQ(original_of("288次"), "２８８次");
  EXPECT_EQ(original_of("8"), "８");
  EXPECT_EQ(original_of(","), "，");
  EXPECT_EQ(original_of("两万"), "兩萬");
  EXPECT_EQ(original_of("人次"), "人\n次");
  EXPECT_EQ(original_of(" "), "\u3000");
  EXPECT_EQ(original_of("全年"), "全年");
}

TEST(OffsetMapTest, DeletionsBelongToNeitherNeighbour) {
  OffsetMap map;
  // original "ab  c" -> normalized "ab c": two spaces became one.
  map.AddPiece(2, 3, 2, 4);
  EXPECT_EQ(map.ToOriginalBegin(3), 4u);
  EXPECT_EQ(map.ToOriginalEnd(2), 2u);
  EXPECT_EQ(map.ToOriginalEnd(3), 4u);
  OffsetMap deletion;
  // original "a\nb" -> "ab"
  deletion.AddPiece(1, 1, 1, 2);
  EXPECT_EQ(deletion.ToOriginalEnd(1), 1u);
  EXPECT_EQ(deletion.ToOriginalBegin(1), 2u);
  EXPECT_EQ(deletion.ToOriginalEnd(2), 3u);
}

TEST(SentenceSplitterTest, SplitsChineseSentences) {
  std::vector<size_t> starts;
  std::string text = "第一句。第二句!第三句\n第四句";
  SplitSentences(text, &starts);
  ASSERT_EQ(starts.size(), 4u);
  EXPECT_EQ(text.substr(starts[1], starts[2] - starts[1]), "第二句!");
  EXPECT_EQ(SentenceIndexAt(starts, text.find("第三")), 2u);
}

TEST(SentenceSplitterTest, KeepsDecimalsTogether) {
  std::vector<size_t> starts;
  SplitSentences("增长1.5万人。", &starts);
  EXPECT_EQ(starts.size(), 1u);
}

TEST(SentenceSplitterTest, OpeningBracketsStartTheNextSentence) {
  std::vector<size_t> starts;
  std::string text = "会议结束。《实施方案》已印发。“好!”";
  SplitSentences(text, &starts);
  ASSERT_EQ(starts.size(), 3u);
  EXPECT_EQ(starts[1], text.find("《"));
  EXPECT_EQ(starts[2], text.find("“"));
}

// The iterator runs on UTF-16; the starts are UTF-8 byte offsets, also past
// characters outside the BMP (two UTF-16 units) and invalid bytes (one).
TEST(SentenceSplitterTest, ByteOffsetsPastSurrogatePairsAndInvalidBytes) {
  std::vector<size_t> starts;
  std::string text = "\xF0\xA0\x80\x80好。\xFF坏。再见。";  // U+20000, then an invalid byte
  SplitSentences(text, &starts);
  ASSERT_EQ(starts.size(), 3u);
  EXPECT_EQ(starts[1], text.find("\xFF"));
  EXPECT_EQ(starts[2], text.find("再见"));
}

// Texts over a megabyte go to ICU in pieces that end after a line break; the
// starts must be those of each paragraph on its own.
TEST(SentenceSplitterTest, LongTextsSplitAsTheirParagraphs) {
  const std::vector<std::string> paragraphs = {"今年粮食增产。农民收入提高!\n", "《规划》印发后,各地落实。\n",
                                               "增长1.5%左右\n", "“好!”他说。下一步?\n"};
  std::string text;
  std::vector<size_t> expected, starts;
  while (text.size() < (3u << 20)) {
    for (const std::string& p : paragraphs) {
      SplitSentences(p, &starts);
      for (size_t s : starts) expected.push_back(text.size() + s);
      text += p;
    }
  }
  SplitSentences(text, &starts);
  EXPECT_EQ(starts, expected);
}

}  // namespace
}  // namespace tiqu
