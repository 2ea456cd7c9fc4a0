// How the rule compiler reads RE2 pattern text (cpp/src/rules/pattern_syntax.h).
#include "rules/pattern_syntax.h"

#include <gtest/gtest.h>

#include <string>

namespace tiqu {
namespace {

// The bytes SyntaxMask calls syntax, as a string of the pattern's bytes with
// every other byte replaced by '.'.
std::string SyntaxBytes(const std::string& pattern) {
  std::vector<bool> syntax = SyntaxMask(pattern);
  std::string out;
  for (size_t i = 0; i < pattern.size(); ++i) out += syntax[i] ? pattern[i] : '.';
  return out;
}

TEST(SyntaxMaskTest, ClassesEscapesAndQuotesAreNotSyntax) {
  EXPECT_EQ(SyntaxBytes("a(b|c)"), "a(b|c)");
  EXPECT_EQ(SyntaxBytes("[(|]x"), "....x");
  EXPECT_EQ(SyntaxBytes("[]()]x"), ".....x");     // ']' first in a class is a member
  EXPECT_EQ(SyntaxBytes("[^]()]x"), "......x");
  EXPECT_EQ(SyntaxBytes("[[:digit:](]x"), "............x");  // ":]" does not close the class
  EXPECT_EQ(SyntaxBytes("\\(x\\)"), "..x..");
  EXPECT_EQ(SyntaxBytes("\\x{4E00}(a)"), "........(a)");
  EXPECT_EQ(SyntaxBytes("\\p{Han}{2}"), ".......{2}");
  EXPECT_EQ(SyntaxBytes("\\Q(a|b)\\E|c"), ".........|c");
  EXPECT_EQ(SyntaxBytes("[\\]](x)"), "....(x)");
}

TEST(LoosenRepetitionsTest, DropsUpperBoundsOfCountedRepetitionsOnly) {
  EXPECT_EQ(LoosenRepetitions("a{1,3}b{2}c{4,}"), "a{1,}b{2}c{4,}");
  EXPECT_EQ(LoosenRepetitions("[{1,3}]\\{1,3\\}"), "[{1,3}]\\{1,3\\}");
  EXPECT_EQ(LoosenRepetitions("\\x{4E00}{1,2}"), "\\x{4E00}{1,}");
  EXPECT_EQ(LoosenRepetitions("\\Qa{1,2}\\E"), "\\Qa{1,2}\\E");
}

TEST(IsOneGroupAroundAllTest, OnlyAWholePatternCapture) {
  EXPECT_TRUE(IsOneGroupAroundAll("(?P<span>a|b)"));
  EXPECT_TRUE(IsOneGroupAroundAll("(a(?:b|c))"));
  EXPECT_TRUE(IsOneGroupAroundAll("(?P<span>[)]\\)x)"));
  EXPECT_FALSE(IsOneGroupAroundAll("(?P<span>a)|b"));
  EXPECT_FALSE(IsOneGroupAroundAll("(?P<span>a)b"));
  EXPECT_FALSE(IsOneGroupAroundAll("x(?P<span>a)"));
  EXPECT_FALSE(IsOneGroupAroundAll("(?:a)"));
  EXPECT_FALSE(IsOneGroupAroundAll("(?i:a)"));
  EXPECT_FALSE(IsOneGroupAroundAll("(a)*"));
  EXPECT_FALSE(IsOneGroupAroundAll("(a)(b)"));
  EXPECT_FALSE(IsOneGroupAroundAll("(a"));
}

}  // namespace
}  // namespace tiqu
