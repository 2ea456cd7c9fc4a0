#include "values/percent.h"

#include <gtest/gtest.h>

#include <optional>

namespace tiqu {
namespace {

struct PercentCase {
  const char* text;
  double value;
};

class PercentTest : public testing::TestWithParam<PercentCase> {};

TEST_P(PercentTest, Parses) {
  const PercentCase& c = GetParam();
  std::optional<double> v = ParsePercent(c.text);
  ASSERT_TRUE(v.has_value()) << c.text;
  EXPECT_NEAR(*v, c.value, 1e-9) << c.text;
}

INSTANTIATE_TEST_SUITE_P(
    Table, PercentTest,
    testing::Values(PercentCase{"99.01%", 99.01}, PercentCase{"-3.5%", -3.5}, PercentCase{"5‰", 0.5},
                    PercentCase{"百分之三十五点五", 35.5}, PercentCase{"千分之五", 0.5},
                    PercentCase{"万分之三", 0.03}, PercentCase{"五成", 50}, PercentCase{"十成", 100},
                    PercentCase{"八点五成", 85}, PercentCase{"三成半", 35}, PercentCase{"三成五", 35},
                    PercentCase{"9成", 90}, PercentCase{"三分之一", 33.33}, PercentCase{"三分之二", 66.67},
                    PercentCase{"百万分之五", 0.0005}, PercentCase{"3个百分点", 3},
                    PercentCase{"千分之一百一十一点一一二", 11.1112}, PercentCase{"40", 40}));

TEST(PercentTest, RejectsWhatIsNotAPercentage) {
  for (const char* text : {"", "%", "成", "十一成", "三成十", "零分之一", "百分之", "第五%"}) {
    EXPECT_FALSE(ParsePercent(text).has_value()) << text;
  }
}

}  // namespace
}  // namespace tiqu
