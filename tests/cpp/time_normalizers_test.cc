#include "values/time_normalizers.h"

#include <gtest/gtest.h>

#include <fstream>
#include <string>

namespace tiqu {
namespace {

struct TimeCase {
  const char* text;
  const char* reference;  // "" for none
  v1::Time::Kind kind;
  const char* value;
  const char* resolved;  // "" when nothing is filled
  v1::Time::Mod mod = v1::Time::MOD_UNSPECIFIED;
};

using K = v1::Time;

// Each row: the text of one time expression, the reference date, and the
// expected reading.
const TimeCase kCases[] = {
    // Dates at each granularity, Arabic and Chinese numerals.
    {"2023年", "", K::DATE, "2023", ""},
    {"2023年度", "", K::DATE, "2023", ""},
    {"二〇二三年十月", "", K::DATE, "2023-10", ""},
    {"两千零四年八月十五", "", K::DATE, "2004-08-15", ""},
    {"2024年01月04日", "", K::DATE, "2024-01-04", ""},
    {"2010.01.29", "", K::DATE, "2010-01-29", ""},
    {"2020/1/2", "", K::DATE, "2020-01-02", ""},
    {"08年", "", K::DATE, "2008", ""},
    {"18年10月1日", "", K::DATE, "2018-10-01", ""},
    {"2021", "", K::DATE, "2021", ""},
    // Partial dates take the year (and month) of the reference.
    {"1月10日", "", K::DATE, "XXXX-01-10", ""},
    {"1月10日", "2024-01-04", K::DATE, "XXXX-01-10", "2024-01-10"},
    {"29日", "2018-03-10", K::DATE, "XXXX-XX-29", "2018-03-29"},
    {"9月中旬", "2021-12-31", K::DATE, "XXXX-09", "2021-09", K::MID},
    {"3月上旬", "", K::DATE, "XXXX-03", "", K::START},
    {"10月下旬", "", K::DATE, "XXXX-10", "", K::END},
    {"6月底", "", K::DATE, "XXXX-06", "", K::END},
    {"2023年底", "", K::DATE, "2023", "", K::END},
    {"年初", "2024-05-01", K::DATE, "XXXX", "2024", K::START},
    // Times of day.
    {"2021年12月31日17:55", "", K::TIME, "2021-12-31T17:55", ""},
    {"1月11日上午", "", K::TIME, "XXXX-01-11TMO", ""},
    {"下午3时", "", K::TIME, "T15", ""},
    {"晚上9:30", "", K::TIME, "T21:30", ""},
    {"下午十一点半", "", K::TIME, "T23:30", ""},
    {"凌晨2点半", "", K::TIME, "T02:30", ""},
    {"17时许", "", K::TIME, "T17", "", K::APPROX},
    {"明天下午5:00", "2016-11-07", K::TIME, "XXXX-XX-XXT17:00", "2016-11-08T17:00"},
    {"昨晚", "2016-11-07", K::TIME, "XXXX-XX-XXTEV", "2016-11-06TEV"},
    // Quarters, halves, seasons.
    {"2023年四季度", "", K::DATE, "2023-Q4", ""},
    {"第三季度", "2022-06-01", K::DATE, "XXXX-Q3", "2022-Q3"},
    {"今年上半年", "2022-06-01", K::DATE, "XXXX-H1", "2022-H1"},
    {"2024年春季", "", K::DATE, "2024-SP", ""},
    {"暑期", "2023-07-01", K::DATE, "XXXX-SU", "2023-SU"},
    // A month or season well after the reference date is last year's.
    {"暑期", "2024-01-04", K::DATE, "XXXX-SU", "2023-SU"},
    {"12月", "2024-01-04", K::DATE, "XXXX-12", "2023-12"},
    {"1月10日", "2024-01-04", K::DATE, "XXXX-01-10", "2024-01-10"},
    // Relative dates.
    {"今年", "", K::DATE, "XXXX", ""},
    {"今年", "2021-12-31", K::DATE, "XXXX", "2021"},
    {"这一年", "2021-12-31", K::DATE, "XXXX", "2021"},
    {"去年11月", "", K::DATE, "XXXX-11", ""},
    {"去年11月", "2024-01-04", K::DATE, "XXXX-11", "2023-11"},
    {"上月", "2024-01-04", K::DATE, "XXXX-XX", "2023-12"},
    {"下个月", "2017-03-22", K::DATE, "XXXX-XX", "2017-04"},
    {"昨天", "2024-03-01", K::DATE, "XXXX-XX-XX", "2024-02-29"},
    {"大后天", "2017-03-22", K::DATE, "XXXX-XX-XX", "2017-03-25"},
    {"去年同期", "2024-01-04", K::DATE, "XXXX", "2023"},
    {"下周", "2017-03-22", K::DATE, "XXXX-WXX", "2017-W13"},
    {"下周末", "2017-03-22", K::DATE, "XXXX-WXX-WE", "2017-W13-WE"},
    {"上周一", "2017-03-22", K::DATE, "XXXX-WXX-1", "2017-03-13"},
    {"星期三", "", K::DATE, "XXXX-WXX-3", ""},
    {"本月十日", "2017-03-22", K::DATE, "XXXX-XX-10", "2017-03-10"},
    {"去年本月十日", "2017-03-22", K::DATE, "XXXX-XX-10", "2016-03-10"},
    {"近日", "", K::DATE, "PAST_REF", ""},
    {"连日来", "", K::DATE, "PAST_REF", ""},
    {"目前", "", K::DATE, "PRESENT_REF", ""},
    {"至今", "", K::DATE, "PRESENT_REF", ""},
    {"接下来", "", K::DATE, "FUTURE_REF", ""},
    // Festivals: fixed ones have a month and day; lunar ones need a year.
    {"国庆节", "", K::DATE, "XXXX-10-01", ""},
    {"国庆节", "2023-09-20", K::DATE, "XXXX-10-01", "2023-10-01"},
    {"2024年春节", "", K::DATE, "2024-02-10", ""},
    {"春节期间", "2023-01-05", K::DATE, "XXXX-XX-XX", "2023-01-22"},
    {"2023年中秋节", "", K::DATE, "2023-09-29", ""},
    {"2024年除夕", "", K::DATE, "2024-02-09", ""},
    // Intervals.
    {"2021年到2022年", "", K::INTERVAL, "2021/2022", ""},
    {"2019—2021年度", "", K::INTERVAL, "2019/2021", ""},
    {"1至9月", "", K::INTERVAL, "XXXX-01/XXXX-09", ""},
    {"1至9月", "2023-10-10", K::INTERVAL, "XXXX-01/XXXX-09", "2023-01/2023-09"},
    {"从2016年一月十日到十二日", "", K::INTERVAL, "2016-01-10/2016-01-12", ""},
    {"2022年7月以来", "", K::INTERVAL, "2022-07/PRESENT_REF", ""},
    {"今年以来", "2021-12-31", K::INTERVAL, "XXXX/PRESENT_REF", "2021/PRESENT_REF"},
    {"2019年至今", "", K::INTERVAL, "2019/PRESENT_REF", ""},
    {"十四五", "", K::INTERVAL, "2021/2025", ""},
    {"“十三五”时期", "", K::INTERVAL, "2016/2020", ""},
    {"截至2023年底", "", K::DATE, "2023", "", K::END},
    {"截至6月", "", K::DATE, "XXXX-06", "", K::ON_OR_BEFORE},
    {"2018年以前", "", K::DATE, "2018", "", K::BEFORE},
    // Durations.
    {"一个月", "", K::DURATION, "P1M", ""},
    {"三年来", "", K::DURATION, "P3Y", ""},
    {"一年来", "", K::DURATION, "P1Y", ""},
    {"近五年", "", K::DURATION, "P5Y", ""},
    {"过去5年", "", K::DURATION, "P5Y", ""},
    {"100周年", "", K::DURATION, "P100Y", ""},
    {"百年", "", K::DURATION, "P100Y", ""},
    {"全年", "", K::DURATION, "P1Y", ""},
    {"几年", "", K::DURATION, "PXY", ""},
    {"一个小时", "", K::DURATION, "PT1H", ""},
    {"三年半", "", K::DURATION, "P3.5Y", ""},
    {"8天20小时", "", K::DURATION, "P8DT20H", ""},
    {"一年又一个月21天", "", K::DURATION, "P1Y1M21D", ""},
    {"两个多月", "", K::DURATION, "P2M", "", K::MORE_THAN},
    // Sets.
    {"每月8号", "", K::SET, "XXXX-XX-08", ""},
    {"每周三", "", K::SET, "XXXX-WXX-3", ""},
    {"每周一下午八点", "", K::SET, "XXXX-WXX-1T20", ""},
    {"每天", "", K::SET, "P1D", ""},
    {"每个月", "", K::SET, "P1M", ""},
    {"每年", "", K::SET, "P1Y", ""},
};

class TimeReadingTest : public ::testing::TestWithParam<TimeCase> {};

TEST_P(TimeReadingTest, Reads) {
  const TimeCase& c = GetParam();
  std::optional<TimeReading> r = ReadTime(c.text, c.reference);
  ASSERT_TRUE(r.has_value()) << c.text << " was not read";
  EXPECT_EQ(v1::Time::Kind_Name(r->kind), v1::Time::Kind_Name(c.kind)) << c.text;
  EXPECT_EQ(r->value, c.value) << c.text;
  EXPECT_EQ(r->resolved, c.resolved) << c.text << " with reference " << c.reference;
  EXPECT_EQ(v1::Time::Mod_Name(r->mod), v1::Time::Mod_Name(c.mod)) << c.text;
}

INSTANTIATE_TEST_SUITE_P(Table, TimeReadingTest, ::testing::ValuesIn(kCases));

// Texts a time rule may find that are not time expressions.
const char* const kNotTimes[] = {"第五", "三十五岁", "年级", "5", "这个", "周", "每", "十五个", "2023万", "上",
                                 "左右" /* a modifier alone, found by fuzz_time */};

TEST(TimeReadingTest, RejectsNonTimes) {
  for (const char* text : kNotTimes) {
    EXPECT_FALSE(ReadTime(text, "2024-01-01").has_value()) << text;
  }
}

TEST(CalendarTest, LeapYearsAndMonthLengths) {
  EXPECT_TRUE(IsLeapYear(2024));
  EXPECT_FALSE(IsLeapYear(2023));
  EXPECT_FALSE(IsLeapYear(1900));
  EXPECT_TRUE(IsLeapYear(2000));
  EXPECT_EQ(DaysInMonth(2024, 2), 29);
  EXPECT_EQ(DaysInMonth(2023, 2), 28);
  EXPECT_EQ(DaysInMonth(2023, 12), 31);
}

TEST(CalendarTest, LunarNewYearDates) {
  // 春节 by year, from published calendars.
  const int kSpringFestival[][3] = {{2020, 1, 25}, {2021, 2, 12}, {2022, 2, 1}, {2023, 1, 22}, {2024, 2, 10},
                                    {2025, 1, 29}};
  for (const auto& row : kSpringFestival) {
    int month = 0, day = 0;
    ASSERT_TRUE(LunarToGregorian(row[0], 1, 1, &month, &day)) << row[0];
    EXPECT_EQ(month, row[1]) << row[0];
    EXPECT_EQ(day, row[2]) << row[0];
  }
}

TEST(CalendarTest, ReferenceOnlyAYear) {
  // A coarse reference fills the year but cannot fill a month.
  std::optional<TimeReading> r = ReadTime("29日", "2018");
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->value, "XXXX-XX-29");
  EXPECT_EQ(r->resolved, "2018-XX-29");
}

// The rule pack's festival list and the normalizer's calendar must agree:
// every festival the rules find must have a date.
TEST(CalendarTest, EveryListedFestivalHasADate) {
  std::ifstream in(std::string(TIQU_SOURCE_DIR) + "/cpp/rules/zh/data/festivals.txt");
  ASSERT_TRUE(in.good());
  int count = 0;
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    ++count;
    std::optional<TimeReading> r = ReadTime("2024年" + line, "");
    ASSERT_TRUE(r.has_value()) << line;
    EXPECT_EQ(r->value.find('X'), std::string::npos) << line << " -> " << r->value;
  }
  EXPECT_GT(count, 10);
}

}  // namespace
}  // namespace tiqu
