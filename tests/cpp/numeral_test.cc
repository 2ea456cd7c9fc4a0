#include "tiqu/numeral.h"

#include <gtest/gtest.h>

#include <cmath>

namespace tiqu {
namespace {

struct NumeralCase {
  const char* text;
  double value;
  double value_max;  // NAN: not a range
};

class NumeralTest : public testing::TestWithParam<NumeralCase> {};

TEST_P(NumeralTest, Parses) {
  const NumeralCase& c = GetParam();
  StatusOr<Numeral> n = ParseNumeral(c.text);
  ASSERT_TRUE(n.ok()) << c.text << ": " << n.status().ToString();
  EXPECT_NEAR(n->value, c.value, 1e-9 * std::max(1.0, std::fabs(c.value))) << c.text;
  if (std::isnan(c.value_max)) {
    EXPECT_FALSE(n->value_max.has_value()) << c.text;
  } else {
    ASSERT_TRUE(n->value_max.has_value()) << c.text;
    EXPECT_DOUBLE_EQ(*n->value_max, c.value_max) << c.text;
  }
}

INSTANTIATE_TEST_SUITE_P(
    Table, NumeralTest,
    testing::Values(
        // Arabic
        NumeralCase{"288", 288, NAN}, NumeralCase{"1,100", 1100, NAN}, NumeralCase{"12,345,678", 12345678, NAN},
        NumeralCase{"99.01", 99.01, NAN}, NumeralCase{"-3", -3, NAN}, NumeralCase{"0", 0, NAN},
        // Full-width input is normalized first.
        NumeralCase{"１２３", 123, NAN}, NumeralCase{"１.５万", 15000, NAN},
        // Chinese
        NumeralCase{"八", 8, NAN}, NumeralCase{"十", 10, NAN}, NumeralCase{"十五", 15, NAN},
        NumeralCase{"二十", 20, NAN}, NumeralCase{"一百零五", 105, NAN}, NumeralCase{"一千零五十", 1050, NAN},
        NumeralCase{"两万", 20000, NAN}, NumeralCase{"两万三千", 23000, NAN}, NumeralCase{"三点五", 3.5, NAN},
        NumeralCase{"负三", -3, NAN}, NumeralCase{"负四五十", -50, -40},
        NumeralCase{"一亿三千万", 130000000, NAN},
        NumeralCase{"三万亿", 3e12, NAN}, NumeralCase{"百", 100, NAN}, NumeralCase{"万", 10000, NAN},
        NumeralCase{"壹佰贰拾", 120, NAN}, NumeralCase{"兩萬", 20000, NAN},
        // Positional digits
        NumeralCase{"二〇二三", 2023, NAN}, NumeralCase{"三点一四", 3.14, NAN},
        // Mixed
        NumeralCase{"1.5万", 15000, NAN}, NumeralCase{"2万", 20000, NAN}, NumeralCase{"1,100万", 11000000, NAN},
        NumeralCase{"2.3亿", 230000000, NAN}, NumeralCase{"3万5000", 35000, NAN}, NumeralCase{"10W", 100000, NAN},
        NumeralCase{"5千", 5000, NAN}, NumeralCase{"三点五万", 35000, NAN},
        // Elliptic
        NumeralCase{"三千五", 3500, NAN}, NumeralCase{"一万五", 15000, NAN}, NumeralCase{"13万2", 132000, NAN},
        NumeralCase{"一百五", 150, NAN},
        // Ranges
        NumeralCase{"四五", 4, 5}, NumeralCase{"三四十", 30, 40}, NumeralCase{"十五六", 15, 16},
        NumeralCase{"七八千", 7000, 8000}, NumeralCase{"一两百", 100, 200}, NumeralCase{"三五", 3, 5},
        // Decimals after a unit; decimal digits are never a range
        NumeralCase{"十点二三", 10.23, NAN}, NumeralCase{"两千万点五", 20000000.5, NAN},
        NumeralCase{"四百亿点零五", 40000000000.05, NAN}, NumeralCase{"一百一十一点一一二", 111.112, NAN},
        NumeralCase{"十点五万", 105000, NAN},
        // Rounded numbers: 余/多 before 万 or 亿
        NumeralCase{"500余万", 5000000, NAN}, NumeralCase{"一千多万", 10000000, NAN},
        NumeralCase{"3千余万", 30000000, NAN},
        // Old and spaced forms
        NumeralCase{"四万万", 400000000, NAN}, NumeralCase{"二十 亿", 2000000000, NAN},
        NumeralCase{"7 万5 千4 百", 75400, NAN}, NumeralCase{"俩", 2, NAN},
        // Fractions
        NumeralCase{"三分之一", 1.0 / 3, NAN}, NumeralCase{"百分之五", 0.05, NAN},
        NumeralCase{"百分之三十五点五", 0.355, NAN}));

TEST(NumeralTest, RejectsWhatIsNotANumber) {
  for (const char* text : {"", "第五", "五次", "abc", "1.2.3", "三百四千", "千百", "2万余", "1,10", "十一五", "3 5",
                           "余万", "500余", "一百点"}) {
    StatusOr<Numeral> n = ParseNumeral(text);
    EXPECT_FALSE(n.ok()) << "'" << text << "' parsed as " << (n.ok() ? n->value : 0);
    if (!n.ok()) {
      EXPECT_EQ(n.status().code(), StatusCode::kInvalidArgument);
      EXPECT_NE(n.status().message().find("not a number"), std::string::npos);
    }
  }
}

TEST(NumeralTest, ParseNumberReturnsTheLowerEndOfARange) {
  StatusOr<double> v = ParseNumber("四五");
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(*v, 4);
}

}  // namespace
}  // namespace tiqu
