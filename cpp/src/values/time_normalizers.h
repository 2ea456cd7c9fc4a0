// Time expressions: reading a Chinese date, time, period, duration or set
// into a TIMEX3 value, and resolving it against a reference date.
//
// Rules in cpp/rules/zh/time.textproto only find where a time expression is;
// everything about what it means lives here:
//
//   ReadTime("2022年7月以来", "")          -> INTERVAL 2022-07/PRESENT_REF
//   ReadTime("去年11月", "2024-01-04")     -> DATE XXXX-11, resolved 2023-11
//   ReadTime("1月11日上午", "")            -> TIME XXXX-01-11TMO (no resolved)
//   ReadTime("三年来", "")                 -> DURATION P3Y
//   ReadTime("每月8号", "")                -> SET XXXX-XX-08
//   ReadTime("十四五", "")                 -> INTERVAL 2021/2025
//
// `value` keeps what the text says: parts it leaves open, or that depend on
// the reference date (今年, 上月, 昨天), are X's. `resolved` is the same
// value with those parts filled from the reference date; it is empty when
// there is no reference date or nothing was filled.
//
// Rules use the normalizer `timex:FIELD` (FIELD is kind, value, mod or
// resolved) on the fact's span; it rejects the match when the text does not
// read as a time expression.
#ifndef TIQU_VALUES_TIME_NORMALIZERS_H_
#define TIQU_VALUES_TIME_NORMALIZERS_H_

#include <optional>
#include <string>
#include <string_view>

#include "tiqu/v1/document.pb.h"
#include "values/normalizers.h"

namespace tiqu {

struct TimeReading {
  v1::Time::Kind kind = v1::Time::KIND_UNSPECIFIED;
  std::string value;
  v1::Time::Mod mod = v1::Time::MOD_UNSPECIFIED;
  std::string resolved;
};

// Reads normalized text (NFKC, simplified) that is exactly one time
// expression. `reference_date` is YYYY, YYYY-MM, YYYY-MM-DD or empty.
// nullopt when the text is not a time expression tiqu understands.
std::optional<TimeReading> ReadTime(std::string_view text, std::string_view reference_date);

// Calendar helpers, exposed for tests.
bool IsLeapYear(int year);
int DaysInMonth(int year, int month);
// The Gregorian date of a Chinese lunisolar date (month 1..12, not a leap
// month) in the lunar year that begins in Gregorian `year`; false when the
// calendar cannot tell.
bool LunarToGregorian(int year, int lunar_month, int lunar_day, int* month, int* day);

}  // namespace tiqu

#endif  // TIQU_VALUES_TIME_NORMALIZERS_H_
