#include "values/time_normalizers.h"

#include <unicode/calendar.h>
#include <unicode/gregocal.h>
#include <unicode/locid.h>

#include <climits>
#include <cmath>
#include <cstdio>
#include <memory>
#include <mutex>
#include <vector>

#include "values/numeral.h"

namespace tiqu {
namespace {

constexpr int kUnset = INT_MIN;

// ---------------------------------------------------------------------------
// Calendar arithmetic on proleptic Gregorian dates, as day counts from
// 1970-01-01 (H. Hinnant's civil-date algorithms).

int64_t DaysFromCivil(int y, int m, int d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

void CivilFromDays(int64_t z, int* y, int* m, int* d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  *d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  *m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  *y = static_cast<int>(yoe + era * 400 + (*m <= 2));
}

// ISO weekday, Monday = 1.
int Weekday(int64_t days) { return static_cast<int>(((days % 7) + 7 + 3) % 7) + 1; }

// ISO 8601 week-numbering year and week of a day.
void IsoWeek(int64_t days, int* week_year, int* week) {
  int64_t thursday = days - Weekday(days) + 4;
  int y, m, d;
  CivilFromDays(thursday, &y, &m, &d);
  *week_year = y;
  *week = static_cast<int>((thursday - DaysFromCivil(y, 1, 1)) / 7 + 1);
}

// The reference date; month and day are 0 when it is coarser.
struct Reference {
  int year = 0, month = 0, day = 0;
};

std::optional<Reference> ParseReference(std::string_view s) {
  auto digits = [&](size_t at, size_t n) {
    int v = 0;
    for (size_t i = at; i < at + n; ++i) {
      if (i >= s.size() || s[i] < '0' || s[i] > '9') return -1;
      v = v * 10 + (s[i] - '0');
    }
    return v;
  };
  if (s.size() < 4) return std::nullopt;
  Reference r;
  r.year = digits(0, 4);
  if (r.year < 0) return std::nullopt;
  if (s.size() >= 7 && s[4] == '-') r.month = std::max(0, digits(5, 2));
  if (s.size() >= 10 && s[7] == '-' && r.month > 0) r.day = std::max(0, digits(8, 2));
  return r;
}

// ---------------------------------------------------------------------------
// What a time expression says, before formatting.

// A field stated relative to the reference date (去年, 上月, 昨天, 上周):
// the offset in that field's unit.
struct Relative {
  bool set = false;
  int offset = 0;
};

struct Point {
  int year = kUnset, month = kUnset, day = kUnset;
  Relative rel_year, rel_month, rel_day, rel_week;
  int weekday = kUnset;        // 1..7; 8 for the weekend
  bool lunar = false;          // month and day are lunisolar (a festival)
  std::string year_part;       // Q1..Q4, H1, H2, SP, SU, FA, WI
  std::string day_part;        // MO, MI, AF, EV, NI
  int hour = kUnset, minute = kUnset, second = kUnset;
  v1::Time::Mod mod = v1::Time::MOD_UNSPECIFIED;

  bool HasDate() const {
    return year != kUnset || month != kUnset || day != kUnset || rel_year.set || rel_month.set || rel_day.set ||
           rel_week.set || weekday != kUnset || !year_part.empty();
  }
  bool HasTime() const { return hour != kUnset || !day_part.empty(); }
  bool Empty() const { return !HasDate() && !HasTime() && mod == v1::Time::MOD_UNSPECIFIED; }
};

TimeReading MakeReading(v1::Time::Kind kind, std::string value, v1::Time::Mod mod = v1::Time::MOD_UNSPECIFIED) {
  TimeReading r;
  r.kind = kind;
  r.value = std::move(value);
  r.mod = mod;
  return r;
}

std::string Pad(int v, int width) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%0*d", width, v);
  return buf;
}

// How far after the reference date a date without a year may start and
// still be read in the reference year.
constexpr int64_t kFutureDaysInAReport = 62;

// The first month of a part of the year (Q3 -> 7, SU -> 6).
int StartMonth(const std::string& part) {
  static const std::pair<std::string_view, int> kStarts[] = {{"Q1", 1}, {"Q2", 4}, {"Q3", 7}, {"Q4", 10},
                                                             {"H1", 1}, {"H2", 7}, {"SP", 3}, {"SU", 6},
                                                             {"FA", 9}, {"WI", 12}};
  for (const auto& [name, month] : kStarts) {
    if (part == name) return month;
  }
  return kUnset;
}

// Formats `p` as a TIMEX3 value; with `ref`, relative and missing upper
// parts are filled from it.
std::string FormatPoint(const Point& p, const Reference* ref) {
  int y = p.year, m = p.month, d = p.day;
  bool lunar = p.lunar;
  int week_year = kUnset, week = kUnset;
  int weekday = p.weekday;
  bool states_below_year = p.month != kUnset || p.day != kUnset || p.rel_month.set || p.rel_day.set;
  if (ref != nullptr) {
    if (p.rel_day.set && ref->day > 0) {
      CivilFromDays(DaysFromCivil(ref->year, ref->month, ref->day) + p.rel_day.offset, &y, &m, &d);
    } else if (p.rel_week.set && ref->day > 0) {
      int64_t today = DaysFromCivil(ref->year, ref->month, ref->day);
      int64_t monday = today - Weekday(today) + 1 + 7 * p.rel_week.offset;
      if (weekday >= 1 && weekday <= 7) {
        CivilFromDays(monday + weekday - 1, &y, &m, &d);
        weekday = kUnset;
      } else {
        IsoWeek(monday, &week_year, &week);
      }
    } else {
      if (p.rel_year.set) y = ref->year + p.rel_year.offset;
      if (p.rel_month.set && ref->month > 0) {
        int base_year = y != kUnset ? y : ref->year;
        int index = base_year * 12 + (ref->month - 1) + p.rel_month.offset;
        y = index / 12;
        m = index % 12 + 1;
      }
      bool year_filled = false;
      if (y == kUnset && (states_below_year || !p.year_part.empty() || lunar)) {
        y = ref->year;
        year_filled = true;
      }
      if (m == kUnset && d != kUnset && ref->month > 0 && !lunar) m = ref->month;
      // News reports what happened: a month or season written without a
      // year that would start more than two months after the reference date
      // is last year's (暑期 in a report of January 2024 is the summer of 2023).
      if (year_filled && ref->month > 0 && !p.rel_month.set) {
        int start_month = m != kUnset ? m : StartMonth(p.year_part);
        if (start_month != kUnset && !lunar) {
          int64_t start = DaysFromCivil(y, start_month, d != kUnset ? std::min(d, 28) : 1);
          int64_t reference = DaysFromCivil(ref->year, ref->month, ref->day > 0 ? ref->day : 1);
          if (start - reference > kFutureDaysInAReport) --y;
        }
      }
      if (weekday >= 1 && weekday <= 7 && m == kUnset && d == kUnset && ref->day > 0) {
        int64_t today = DaysFromCivil(ref->year, ref->month, ref->day);
        CivilFromDays(today - Weekday(today) + weekday, &y, &m, &d);
        weekday = kUnset;
      }
    }
  }
  if (lunar && y != kUnset && m != kUnset && d != kUnset) {
    int gm, gd;
    if (LunarToGregorian(y, m, d, &gm, &gd)) {
      m = gm;
      d = gd;
      lunar = false;
    }
  }
  if (lunar) m = d = kUnset;  // a lunar date whose year is unknown has no Gregorian month

  std::string out;
  bool has_date = p.HasDate();
  if (week != kUnset) {
    out = Pad(week_year, 4) + "-W" + Pad(week, 2);
  } else if ((p.rel_week.set || weekday != kUnset) && m == kUnset && d == kUnset) {
    out = "XXXX-WXX";
  } else if (has_date) {
    out = y != kUnset ? Pad(y, 4) : "XXXX";
    bool month_known = m != kUnset || p.rel_month.set || p.month != kUnset || p.lunar;
    bool day_known = d != kUnset || p.rel_day.set || p.day != kUnset || p.lunar;
    if (month_known || day_known) out += "-" + (m != kUnset ? Pad(m, 2) : std::string("XX"));
    if (day_known) out += "-" + (d != kUnset ? Pad(d, 2) : std::string("XX"));
  }
  if (weekday == 8) {
    out += "-WE";
  } else if (weekday != kUnset && (week != kUnset || out == "XXXX-WXX")) {
    out += "-" + std::to_string(weekday);
  }
  if (!p.year_part.empty()) out += (out.empty() ? "XXXX-" : "-") + p.year_part;
  if (p.hour != kUnset) {
    out += "T" + Pad(p.hour, 2);
    if (p.minute != kUnset) out += ":" + Pad(p.minute, 2);
    if (p.second != kUnset) out += ":" + Pad(p.second, 2);
  } else if (!p.day_part.empty()) {
    out += "T" + p.day_part;
  }
  return out;
}

// ---------------------------------------------------------------------------
// Reading.

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n'; }

struct Cursor {
  std::string_view rest;

  bool AtEnd() const { return rest.empty(); }
  bool Peek(std::string_view w) const { return rest.substr(0, w.size()) == w; }
  bool Eat(std::string_view w) {
    if (!Peek(w)) return false;
    rest.remove_prefix(w.size());
    return true;
  }
  void SkipSpaces() {
    while (!rest.empty() && IsSpace(rest[0])) rest.remove_prefix(1);
  }
  // Eats the first word of `words` that the text starts with; returns its
  // index, or -1.
  template <typename Table>
  int EatAny(const Table& words) {
    int i = 0;
    for (const auto& entry : words) {
      if (Eat(std::get<0>(entry))) return i;
      ++i;
    }
    return -1;
  }
};

bool EndsWith(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}
bool StripSuffix(std::string_view* s, std::string_view p) {
  if (!EndsWith(*s, p)) return false;
  s->remove_suffix(p.size());
  return true;
}
bool StripPrefix(std::string_view* s, std::string_view p) {
  if (s->substr(0, p.size()) != p) return false;
  s->remove_prefix(p.size());
  return true;
}
std::string_view TrimSpaces(std::string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
  return s;
}

// A numeral as written.
struct Numeral10 {
  double value = 0;
  int length = 0;           // digits or Chinese characters
  bool digit_string = true; // no 十百千: read digit by digit (二〇二三)
  bool leading_zero = false;
  bool arabic = true;
};

constexpr std::string_view kChineseDigits[] = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"};

int ChineseDigit(Cursor* c) {
  for (int i = 0; i < 10; ++i) {
    if (c->Eat(kChineseDigits[i])) return i;
  }
  if (c->Eat("〇")) return 0;
  if (c->Eat("两")) return 2;
  return -1;
}

// No year, month, day, count or duration in a time expression comes near this;
// larger numbers are not read as times, so the calendar code can keep its
// numbers in int without overflow (found by fuzz_time).
constexpr double kLargestTimeNumber = 1e8;

std::optional<Numeral10> EatNumeral(Cursor* c, bool allow_decimal) {
  Numeral10 n;
  std::string_view start = c->rest;
  size_t i = 0;
  while (i < start.size() && start[i] >= '0' && start[i] <= '9') ++i;
  if (i > 0) {
    size_t end = i;
    if (allow_decimal && end + 1 < start.size() && start[end] == '.' && start[end + 1] >= '0' &&
        start[end + 1] <= '9') {
      ++end;
      while (end < start.size() && start[end] >= '0' && start[end] <= '9') ++end;
    }
    n.value = std::stod(std::string(start.substr(0, end)));
    if (n.value > kLargestTimeNumber) return std::nullopt;
    n.length = static_cast<int>(i);
    n.leading_zero = start[0] == '0' && i > 1;
    c->rest.remove_prefix(end);
    return n;
  }
  // Chinese: digits and 十百千.
  n.arabic = false;
  double digit_value = 0;
  bool any = false;
  bool first_zero = false;
  for (;;) {
    Cursor save = *c;
    int digit = ChineseDigit(c);
    if (digit >= 0) {
      if (!any && digit == 0) first_zero = true;
      digit_value = digit_value * 10 + digit;
      ++n.length;
      any = true;
      continue;
    }
    *c = save;
    if (c->Eat("十") || c->Eat("百") || c->Eat("千")) {
      n.digit_string = false;
      ++n.length;
      any = true;
      continue;
    }
    break;
  }
  if (!any) return std::nullopt;
  if (n.digit_string) {
    n.value = digit_value;
    n.leading_zero = first_zero && n.length > 1;
  } else {
    std::string_view written = start.substr(0, start.size() - c->rest.size());
    std::optional<Numeral> parsed = ParseNormalizedNumeral(written);
    if (!parsed || parsed->value_max) return std::nullopt;
    n.value = parsed->value;
  }
  if (n.value > kLargestTimeNumber) return std::nullopt;
  return n;
}

bool IsWhole(double v) { return v == std::floor(v); }

// Two-digit years: 07年 -> 2007, 98年 -> 1998.
int CenturyFor(int two_digits) { return two_digits < 50 ? 2000 + two_digits : 1900 + two_digits; }

const std::pair<std::string_view, int> kRelativeYears[] = {
    {"今年", 0},  {"本年", 0},   {"当年", 0},   {"同年", 0},   {"这一年", 0}, {"大前年", -3},
    {"去年", -1}, {"上一年", -1}, {"上年", -1}, {"前年", -2}, {"明年", 1},   {"次年", 1},
    {"翌年", 1},  {"来年", 1},   {"下一年", 1}, {"后年", 2}};

const std::pair<std::string_view, int> kRelativeMonths[] = {
    {"本月", 0}, {"当月", 0}, {"这个月", 0}, {"同月", 0}, {"上个月", -1}, {"上月", -1}, {"下个月", 1}, {"下月", 1}};

const std::pair<std::string_view, int> kRelativeDays[] = {
    {"今天", 0},   {"今日", 0},   {"当天", 0},  {"当日", 0},  {"大前天", -3}, {"前天", -2}, {"昨天", -1},
    {"昨日", -1},  {"大后天", 3}, {"后天", 2},  {"明天", 1},  {"明日", 1},   {"次日", 1}};

// 今晚 is a relative day and a part of the day.
struct DayAndPart {
  std::string_view word;
  int offset;
  std::string_view part;
};
const DayAndPart kRelativeDayParts[] = {{"今晚", 0, "EV"}, {"今早", 0, "MO"}, {"今晨", 0, "MO"}, {"昨晚", -1, "EV"},
                                        {"昨夜", -1, "NI"}, {"明早", 1, "MO"}, {"明晚", 1, "EV"}};

const std::pair<std::string_view, std::string_view> kDayParts[] = {
    {"上午", "MO"}, {"早上", "MO"}, {"早晨", "MO"}, {"清晨", "MO"}, {"一早", "MO"}, {"凌晨", "NI"},
    {"中午", "MI"}, {"午后", "AF"}, {"下午", "AF"}, {"傍晚", "EV"}, {"晚上", "EV"}, {"晚间", "EV"},
    {"夜间", "NI"}, {"夜里", "NI"}, {"深夜", "NI"}, {"半夜", "NI"}, {"早", "MO"},   {"晚", "EV"}};

const std::pair<std::string_view, std::string_view> kSeasons[] = {
    {"春季", "SP"}, {"春天", "SP"}, {"夏季", "SU"}, {"夏天", "SU"}, {"暑期", "SU"}, {"暑假", "SU"},
    {"秋季", "FA"}, {"秋天", "FA"}, {"冬季", "WI"}, {"冬天", "WI"}, {"寒假", "WI"}};

struct Festival {
  std::string_view name;
  int month, day;
  bool lunar;
};
// Festivals that name a day. 除夕 is the last day of the lunar year: the day
// before the next 春节, handled apart.
const Festival kFestivals[] = {
    {"元旦节", 1, 1, false},  {"元旦", 1, 1, false},     {"新年", 1, 1, false},    {"情人节", 2, 14, false},
    {"妇女节", 3, 8, false},  {"三八节", 3, 8, false},   {"植树节", 3, 12, false}, {"愚人节", 4, 1, false},
    {"清明节", 4, 4, false},  {"清明", 4, 4, false},     {"劳动节", 5, 1, false},  {"五一", 5, 1, false},
    {"青年节", 5, 4, false},  {"五四", 5, 4, false},     {"儿童节", 6, 1, false},  {"六一", 6, 1, false},
    {"建党节", 7, 1, false},  {"七一", 7, 1, false},     {"建军节", 8, 1, false},  {"八一", 8, 1, false},
    {"教师节", 9, 10, false}, {"国庆节", 10, 1, false},  {"国庆", 10, 1, false},   {"万圣节", 10, 31, false},
    {"光棍节", 11, 11, false}, {"双十一", 11, 11, false}, {"平安夜", 12, 24, false}, {"圣诞节", 12, 25, false},
    {"春节", 1, 1, true},     {"大年初一", 1, 1, true},   {"元宵节", 1, 15, true},  {"元宵", 1, 15, true},
    {"端午节", 5, 5, true},   {"端午", 5, 5, true},       {"七夕", 7, 7, true},     {"中秋节", 8, 15, true},
    {"中秋", 8, 15, true},    {"重阳节", 9, 9, true},     {"重阳", 9, 9, true},     {"腊八", 12, 8, true}};

bool EatFestival(Cursor* c, Point* p) {
  if (c->Eat("除夕") || c->Eat("大年三十")) {
    // The eve is the lunar year's last day; read it as 春节 and step back.
    p->month = 1;
    p->day = 0;  // day 0 of month 1 = the day before 春节
    p->lunar = true;
    return true;
  }
  for (const Festival& f : kFestivals) {
    if (c->Eat(f.name)) {
      p->month = f.month;
      p->day = f.day;
      p->lunar = f.lunar;
      c->Eat("节");
      return true;
    }
  }
  return false;
}

bool EatYear(Cursor* c, Point* p) {
  int i = c->EatAny(kRelativeYears);
  if (i >= 0) {
    p->rel_year = {true, kRelativeYears[i].second};
    return true;
  }
  Cursor save = *c;
  std::optional<Numeral10> n = EatNumeral(c, false);
  if (n) {
    c->SkipSpaces();
    if (c->Eat("年")) {
      int year = kUnset;
      if (n->digit_string && (n->length == 4 || n->length == 3)) {
        year = static_cast<int>(n->value);
      } else if (!n->digit_string && n->value >= 1000 && n->value < 3000) {
        year = static_cast<int>(n->value);  // 两千零四年
      } else if (n->digit_string && n->length == 2) {
        // 07年 and 18年10月 are years; 10年 alone is ten years.
        Cursor ahead = *c;
        bool month_follows = EatNumeral(&ahead, false) && ahead.Eat("月");
        if (n->leading_zero || month_follows) year = CenturyFor(static_cast<int>(n->value));
      }
      if (year != kUnset) {
        c->Eat("度");
        p->year = year;
        return true;
      }
    }
  }
  *c = save;
  return false;
}

// 第三季度, 四季度, 上半年, 年初 (after a year: 2023年底), seasons.
bool EatYearPart(Cursor* c, Point* p, bool after_year) {
  Cursor save = *c;
  c->Eat("第");
  std::optional<Numeral10> n = EatNumeral(c, false);
  if (n && n->value >= 1 && n->value <= 4 && c->Eat("季度")) {
    p->year_part = "Q" + std::to_string(static_cast<int>(n->value));
    return true;
  }
  *c = save;
  if (c->Eat("Q") || c->Eat("q")) {
    Cursor q = *c;
    std::optional<Numeral10> d = EatNumeral(&q, false);
    if (d && d->value >= 1 && d->value <= 4 && d->length == 1) {
      *c = q;
      p->year_part = "Q" + std::to_string(static_cast<int>(d->value));
      return true;
    }
    *c = save;
  }
  if (c->Eat("上半年")) {
    p->year_part = "H1";
    return true;
  }
  if (c->Eat("下半年")) {
    p->year_part = "H2";
    return true;
  }
  int i = c->EatAny(kSeasons);
  if (i >= 0) {
    p->year_part = std::string(kSeasons[i].second);
    return true;
  }
  // After 2023年 the 年 is already eaten: 2023年底 leaves 底.
  if (after_year) {
    if (c->Eat("同期") || c->Eat("全年")) return true;  // 去年同期 is last year
    if (c->Eat("初")) return p->mod = v1::Time::START, true;
    if (c->Eat("中")) return p->mod = v1::Time::MID, true;
    if (c->Eat("底") || c->Eat("末")) return p->mod = v1::Time::END, true;
  }
  v1::Time::Mod mod = v1::Time::MOD_UNSPECIFIED;
  if (c->Eat("年初")) mod = v1::Time::START;
  else if (c->Eat("年中")) mod = v1::Time::MID;
  else if (c->Eat("年底") || c->Eat("年末")) mod = v1::Time::END;
  if (mod == v1::Time::MOD_UNSPECIFIED) return false;
  p->mod = mod;
  // 年底 alone is the end of the current year.
  if (p->year == kUnset && !p->rel_year.set) p->rel_year = {true, 0};
  return true;
}

bool EatMonthMod(Cursor* c, Point* p) {
  if (c->Eat("上旬")) return p->mod = v1::Time::START, true;
  if (c->Eat("中旬")) return p->mod = v1::Time::MID, true;
  if (c->Eat("下旬")) return p->mod = v1::Time::END, true;
  if (c->Eat("底") || c->Eat("末")) return p->mod = v1::Time::END, true;
  Cursor save = *c;
  if (c->Eat("初")) {
    // 三月初一 is a day, 三月初 the start of the month.
    Cursor ahead = *c;
    if (EatNumeral(&ahead, false)) {
      *c = save;
      return false;
    }
    return p->mod = v1::Time::START, true;
  }
  return false;
}

bool EatMonth(Cursor* c, Point* p) {
  int i = c->EatAny(kRelativeMonths);
  if (i >= 0) {
    p->rel_month = {true, kRelativeMonths[i].second};
    return true;
  }
  if (c->Eat("正月")) return p->month = 1, true;
  if (c->Eat("腊月")) return p->month = 12, true;
  if (c->Eat("月初")) return p->rel_month = {true, 0}, p->mod = v1::Time::START, true;
  if (c->Eat("月中")) return p->rel_month = {true, 0}, p->mod = v1::Time::MID, true;
  if (c->Eat("月底") || c->Eat("月末")) return p->rel_month = {true, 0}, p->mod = v1::Time::END, true;
  Cursor save = *c;
  std::optional<Numeral10> n = EatNumeral(c, false);
  if (n && IsWhole(n->value) && n->value >= 1 && n->value <= 12) {
    c->SkipSpaces();
    if (c->Eat("月")) {
      c->Eat("份");
      p->month = static_cast<int>(n->value);
      return true;
    }
  }
  *c = save;
  return false;
}

bool EatDay(Cursor* c, Point* p, bool after_month) {
  for (const DayAndPart& dp : kRelativeDayParts) {
    if (c->Eat(dp.word)) {
      p->rel_day = {true, dp.offset};
      p->day_part = std::string(dp.part);
      return true;
    }
  }
  int i = c->EatAny(kRelativeDays);
  if (i >= 0) {
    p->rel_day = {true, kRelativeDays[i].second};
    return true;
  }
  Cursor save = *c;
  bool chu = after_month && c->Eat("初");  // 三月初一
  std::optional<Numeral10> n = EatNumeral(c, false);
  if (n && IsWhole(n->value) && n->value >= 1 && n->value <= 31 && !(chu && n->value > 10)) {
    c->SkipSpaces();
    if (c->Eat("日") || c->Eat("号") || chu || (after_month && !n->arabic)) {
      p->day = static_cast<int>(n->value);
      return true;
    }
  }
  *c = save;
  return false;
}

// 星期三, 周三, 礼拜天, 上周, 下周末, 上上个星期三.
bool EatWeek(Cursor* c, Point* p) {
  Cursor save = *c;
  int offset = 0;
  bool relative = true;
  if (c->Eat("上上")) offset = -2;
  else if (c->Eat("下下")) offset = 2;
  else if (c->Eat("上")) offset = -1;
  else if (c->Eat("下")) offset = 1;
  else if (c->Eat("本") || c->Eat("这")) offset = 0;
  else relative = false;
  if (relative) c->Eat("个");
  if (!(c->Eat("星期") || c->Eat("周") || c->Eat("礼拜"))) {
    *c = save;
    return false;
  }
  int weekday = kUnset;
  Cursor before_day = *c;
  if (c->Eat("日") || c->Eat("天")) {
    weekday = 7;
  } else if (c->Eat("末")) {
    weekday = 8;
  } else if (std::optional<Numeral10> n = EatNumeral(c, false);
             n && n->length == 1 && n->value >= 1 && n->value <= 7) {
    weekday = static_cast<int>(n->value);
  } else {
    *c = before_day;
  }
  if (!relative && weekday == kUnset) {
    *c = save;
    return false;
  }
  if (relative) p->rel_week = {true, offset};
  p->weekday = weekday;
  return true;
}

int HourWithDayPart(int hour, std::string_view part) {
  if ((part == "AF" || part == "EV") && hour < 12) return hour + 12;
  if (part == "NI" && hour >= 6 && hour < 12) return hour + 12;
  if (part == "MI" && hour < 6) return hour + 12;
  return hour;
}

// 17:55, 17:55:23, 下午3时, 十一点半, 5点一刻, 8点十五分.
bool EatClock(Cursor* c, Point* p) {
  Cursor save = *c;
  std::optional<Numeral10> h = EatNumeral(c, false);
  if (!h || !IsWhole(h->value) || h->value > 24) {
    *c = save;
    return false;
  }
  int hour = static_cast<int>(h->value), minute = kUnset, second = kUnset;
  if (h->arabic && c->Eat(":")) {
    std::optional<Numeral10> m = EatNumeral(c, false);
    if (!m || !m->arabic || m->length != 2 || m->value > 59) {
      *c = save;
      return false;
    }
    minute = static_cast<int>(m->value);
    Cursor s = *c;
    std::optional<Numeral10> sec;
    if (c->Eat(":") && (sec = EatNumeral(c, false)) && sec->arabic && sec->length == 2 && sec->value < 60) {
      second = static_cast<int>(sec->value);
    } else {
      *c = s;
    }
  } else if (c->Eat("时") || c->Eat("点")) {
    if (c->Eat("半")) {
      minute = 30;
    } else if (c->Eat("一刻")) {
      minute = 15;
    } else if (c->Eat("三刻")) {
      minute = 45;
    } else {
      Cursor m_save = *c;
      std::optional<Numeral10> m = EatNumeral(c, false);
      if (m && IsWhole(m->value) && m->value < 60) {
        minute = static_cast<int>(m->value);
        if (c->Eat("分")) {
          Cursor s_save = *c;
          std::optional<Numeral10> s = EatNumeral(c, false);
          if (s && s->value < 60 && c->Eat("秒")) {
            second = static_cast<int>(s->value);
          } else {
            *c = s_save;
          }
        }
      } else {
        *c = m_save;
      }
    }
    c->Eat("整");
  } else {
    *c = save;
    return false;
  }
  p->hour = p->day_part.empty() ? hour : HourWithDayPart(hour, p->day_part);
  p->minute = minute;
  p->second = second;
  return true;
}

// 2010-01-29, 2010.01.29, 2010/1/29, and day-month-year 29/1/2010.
bool EatNumericDate(Cursor* c, Point* p) {
  Cursor save = *c;
  std::optional<Numeral10> a = EatNumeral(c, false);
  if (!a || !a->arabic) return *c = save, false;
  std::string_view seps[] = {"-", ".", "/"};
  for (std::string_view sep : seps) {
    Cursor c2 = *c;
    if (!c2.Eat(sep)) continue;
    std::optional<Numeral10> b = EatNumeral(&c2, false);
    if (!b || !b->arabic || !c2.Eat(sep)) continue;
    std::optional<Numeral10> d = EatNumeral(&c2, false);
    if (!d || !d->arabic) continue;
    int y, m, day;
    if (a->length == 4) {
      y = static_cast<int>(a->value), m = static_cast<int>(b->value), day = static_cast<int>(d->value);
    } else if (d->length == 4) {
      y = static_cast<int>(d->value), m = static_cast<int>(b->value), day = static_cast<int>(a->value);
    } else {
      continue;
    }
    if (m < 1 || m > 12 || day < 1 || day > 31) continue;
    *c = c2;
    p->year = y, p->month = m, p->day = day;
    return true;
  }
  *c = save;
  return false;
}

// A date and/or time of day, consuming all of `text`.
std::optional<Point> ReadPoint(std::string_view text) {
  Cursor c{TrimSpaces(text)};
  if (c.AtEnd()) return std::nullopt;
  Point p;
  // A bare four-digit year (回顾2021, 从2016到2018): the rule decides where.
  if (c.rest.size() == 4 && (c.rest[0] == '1' || c.rest[0] == '2') &&
      c.rest.find_first_not_of("0123456789") == std::string_view::npos) {
    p.year = std::stoi(std::string(c.rest));
    return p;
  }
  if (!EatNumericDate(&c, &p)) {
    bool year = EatYear(&c, &p);
    c.SkipSpaces();
    bool part = EatFestival(&c, &p) || EatYearPart(&c, &p, year);
    if (!part) {
      {
        c.SkipSpaces();
        bool month = EatMonth(&c, &p);
        c.SkipSpaces();
        if (month) c.Eat("的");
        if (month && EatMonthMod(&c, &p)) {
        } else {
          EatDay(&c, &p, month);
        }
      }
    }
    if (c.Eat(",")) c.SkipSpaces();
    EatWeek(&c, &p);
  }
  c.SkipSpaces();
  int i = c.EatAny(kDayParts);
  if (i >= 0) p.day_part = std::string(kDayParts[i].second);
  EatClock(&c, &p);
  if (c.Eat("左右") || c.Eat("前后") || c.Eat("许")) p.mod = v1::Time::APPROX;
  if (!c.AtEnd() || p.Empty()) return std::nullopt;
  // A bare clock time needs a unit (时/点/:): a number alone is not a time.
  return p;
}

// Words that place something in the past, present or future of the text.
const std::pair<std::string_view, std::string_view> kReferenceWords[] = {
    {"近日", "PAST_REF"},     {"日前", "PAST_REF"},     {"近期", "PAST_REF"},    {"近来", "PAST_REF"},
    {"连日来", "PAST_REF"},   {"连日", "PAST_REF"},     {"近年来", "PAST_REF"},  {"近年", "PAST_REF"},
    {"近些年", "PAST_REF"},   {"前段时间", "PAST_REF"}, {"前些天", "PAST_REF"},  {"此前", "PAST_REF"},
    {"以前", "PAST_REF"},     {"之前", "PAST_REF"},     {"过去", "PAST_REF"},    {"早前", "PAST_REF"},
    {"往年", "PAST_REF"},     {"最近", "PAST_REF"},     {"目前", "PRESENT_REF"}, {"当前", "PRESENT_REF"},
    {"现在", "PRESENT_REF"},  {"如今", "PRESENT_REF"},  {"眼下", "PRESENT_REF"}, {"当下", "PRESENT_REF"},
    {"至今", "PRESENT_REF"},  {"现阶段", "PRESENT_REF"}, {"此时", "PRESENT_REF"}, {"接下来", "FUTURE_REF"},
    {"今后", "FUTURE_REF"},   {"未来", "FUTURE_REF"},   {"将来", "FUTURE_REF"},  {"下一步", "FUTURE_REF"},
    {"以后", "FUTURE_REF"},   {"日后", "FUTURE_REF"},   {"今后一个时期", "FUTURE_REF"}};

// Five-year plans: the n-th runs 1953-1957, 1958-1962, then from 1966 on in
// steps of five (1963-1965 were years of adjustment).
std::optional<std::pair<int, int>> FiveYearPlan(std::string_view text) {
  std::string_view s = text;
  StripSuffix(&s, "期间") || StripSuffix(&s, "时期");
  StripSuffix(&s, "规划");
  Cursor c{s};
  if (!c.Eat("“") && !c.Eat("\"")) c = Cursor{s};
  std::string_view inner = c.rest;
  StripSuffix(&inner, "”") || StripSuffix(&inner, "\"");
  if (!StripSuffix(&inner, "五")) return std::nullopt;
  Cursor n_cursor{inner};
  std::optional<Numeral10> n = EatNumeral(&n_cursor, false);
  if (!n || !n_cursor.AtEnd() || n->arabic || n->value < 1 || n->value > 30) return std::nullopt;
  int k = static_cast<int>(n->value);
  int start = k == 1 ? 1953 : k == 2 ? 1958 : 1966 + 5 * (k - 3);
  return std::make_pair(start, start + 4);
}

// ---------------------------------------------------------------------------
// Durations: 三年, 一个月, 8天20小时, 三年半, 100周年, 近五年, 几年, 一年来.

struct DurationUnit {
  std::string_view word;
  char unit;  // Y M W D H N(minute) S
  bool time;  // after the T
};
const DurationUnit kDurationUnits[] = {
    {"周年", 'Y', false},   {"年", 'Y', false},    {"个月", 'M', false},   {"个星期", 'W', false},
    {"个礼拜", 'W', false}, {"星期", 'W', false},  {"周", 'W', false},     {"天", 'D', false},
    {"个小时", 'H', true},  {"小时", 'H', true},   {"个钟头", 'H', true},  {"钟头", 'H', true},
    {"分钟", 'N', true},    {"秒钟", 'S', true},   {"秒", 'S', true}};

// 个月 -> 月: the unit word once 个 has been read.
std::string_view StripCounter(std::string_view word) {
  StripPrefix(&word, "个");
  return word;
}

std::string FormatNumber(double v) {
  if (std::isnan(v)) return "X";
  if (IsWhole(v)) return std::to_string(static_cast<long long>(v));
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

std::optional<TimeReading> ReadDuration(std::string_view text) {
  std::string_view s = text;
  static constexpr std::string_view kPrefixes[] = {"过去的", "过去", "最近", "未来", "今后", "整整", "长达",
                                                   "历时", "为期", "近", "这", "前", "后"};
  for (std::string_view prefix : kPrefixes) {
    if (StripPrefix(&s, prefix)) break;
  }
  if (s == "全年" || s == "整年") return MakeReading(v1::Time::DURATION, "P1Y");
  v1::Time::Mod mod = v1::Time::MOD_UNSPECIFIED;
  static constexpr std::string_view kSuffixes[] = {"以来", "来", "之内", "以内", "内", "里", "间", "中", "时间"};
  for (std::string_view suffix : kSuffixes) {
    if (StripSuffix(&s, suffix)) break;
  }
  if (StripSuffix(&s, "左右")) mod = v1::Time::APPROX;
  Cursor c{TrimSpaces(s)};
  std::vector<std::pair<double, char>> parts;
  while (!c.AtEnd()) {
    if (!parts.empty()) {
      c.SkipSpaces();
      c.Eat("又") || c.Eat("零");
    }
    double value;
    if (c.Eat("几") || c.Eat("数") || c.Eat("多")) {
      value = NAN;
    } else if (c.Peek("半")) {
      c.Eat("半");
      value = 0.5;
    } else if (std::optional<Numeral10> n = EatNumeral(&c, true)) {
      // 2023年 is a year, not two thousand years.
      if (n->arabic && n->length >= 4) return std::nullopt;
      value = n->value;
    } else {
      return std::nullopt;
    }
    c.SkipSpaces();
    if (c.Eat("多") || c.Eat("余")) mod = v1::Time::MORE_THAN;
    // 两个多月: 个, then 多, then the unit.
    bool counted = c.Eat("个");
    if (c.Eat("多") || c.Eat("余")) mod = v1::Time::MORE_THAN;
    const DurationUnit* unit = nullptr;
    for (const DurationUnit& u : kDurationUnits) {
      if (c.Eat(counted ? StripCounter(u.word) : u.word)) {
        unit = &u;
        break;
      }
    }
    // 8天20时: 时 counts hours only after a larger unit.
    if (unit == nullptr && !parts.empty() && c.Eat("时")) {
      static const DurationUnit kHour{"时", 'H', true};
      unit = &kHour;
    }
    if (unit == nullptr) return std::nullopt;
    if (c.Eat("半")) value += 0.5;
    if (c.Eat("多") || c.Eat("余")) mod = v1::Time::MORE_THAN;
    parts.emplace_back(value, unit->unit);
  }
  if (parts.empty()) return std::nullopt;
  // P1Y3M20DT8H50M20S: date units, then T and time units, in this order.
  static constexpr std::string_view kOrder = "YMWDHNS";
  std::string out = "P";
  bool in_time = false;
  for (char u : kOrder) {
    double total = 0;
    bool any = false, unknown = false;
    for (const auto& [v, unit] : parts) {
      if (unit != u) continue;
      any = true;
      if (std::isnan(v)) unknown = true;
      else total += v;
    }
    if (!any) continue;
    if ((u == 'H' || u == 'N' || u == 'S') && !in_time) {
      out += "T";
      in_time = true;
    }
    out += unknown ? "X" : FormatNumber(total);
    out += u == 'N' ? 'M' : u;
  }
  return MakeReading(v1::Time::DURATION, out, mod);
}

// ---------------------------------------------------------------------------
// Sets: 每天, 每周三, 每月8号, 每年3月, 每周一下午八点.

std::optional<TimeReading> ReadSet(std::string_view text) {
  std::string_view s = text;
  if (!(StripPrefix(&s, "每逢") || StripPrefix(&s, "每"))) return std::nullopt;
  StripPrefix(&s, "个");
  static constexpr std::pair<std::string_view, std::string_view> kUnits[] = {
      {"天", "P1D"}, {"日", "P1D"}, {"晚", "P1D"}, {"周", "P1W"}, {"星期", "P1W"}, {"礼拜", "P1W"},
      {"月", "P1M"}, {"季度", "P3M"}, {"年", "P1Y"}, {"小时", "PT1H"}};
  for (const auto& [word, period] : kUnits) {
    std::string_view rest = s;
    if (!StripPrefix(&rest, word)) continue;
    rest = TrimSpaces(rest);
    if (rest.empty()) return MakeReading(v1::Time::SET, std::string(period));
    Point p;
    Cursor c{rest};
    if (word == "月") {
      if (!EatDay(&c, &p, /*after_month=*/true)) return std::nullopt;
      p.month = kUnset;
      std::string value = "XXXX-XX-" + Pad(p.day, 2);
      c.SkipSpaces();
      Point time;
      int i = c.EatAny(kDayParts);
      if (i >= 0) time.day_part = std::string(kDayParts[i].second);
      EatClock(&c, &time);
      if (!c.AtEnd()) return std::nullopt;
      return MakeReading(v1::Time::SET, value + FormatPoint(time, nullptr));
    }
    if (word == "周" || word == "星期" || word == "礼拜") {
      std::string with_week = std::string(word) + std::string(rest);
      std::optional<Point> q = ReadPoint(with_week);
      if (!q || q->weekday == kUnset) return std::nullopt;
      return MakeReading(v1::Time::SET, FormatPoint(*q, nullptr));
    }
    if (word == "年") {
      std::optional<Point> q = ReadPoint(rest);
      if (!q || q->month == kUnset || q->rel_month.set) return std::nullopt;
      return MakeReading(v1::Time::SET, FormatPoint(*q, nullptr));
    }
    if (word == "天" || word == "日" || word == "晚") {
      std::optional<Point> q = ReadPoint(rest);
      if (!q || q->HasDate()) return std::nullopt;
      return MakeReading(v1::Time::SET, FormatPoint(*q, nullptr));
    }
    return std::nullopt;
  }
  return std::nullopt;
}

// ---------------------------------------------------------------------------
// Intervals: 2021年至2023年, 2019—2021年度, 1至9月, 2022年7月以来.

std::string Resolve(const Point& p, const std::optional<Reference>& ref) {
  return ref ? FormatPoint(p, &*ref) : std::string();
}

// The highest field a point states, for a bare number on the left of a
// range (1至9月: the 1 is a month).
enum class Field { kNone, kYear, kMonth, kDay, kHour };
Field TopField(const Point& p) {
  if (p.year != kUnset) return Field::kYear;
  if (p.month != kUnset) return Field::kMonth;
  if (p.day != kUnset) return Field::kDay;
  if (p.hour != kUnset) return Field::kHour;
  return Field::kNone;
}

// Completes the two ends of a range from each other: the left inherits the
// year of the right (1月10日至2月3日), the right inherits what the left states
// above its own top field (2016年一月十日到十二日).
void CompleteRange(Point* left, Point* right) {
  Field top = TopField(*right);
  if (top == Field::kMonth || top == Field::kDay || top == Field::kHour) {
    if (right->year == kUnset && !right->rel_year.set) {
      right->year = left->year;
      right->rel_year = left->rel_year;
    }
  }
  if (top == Field::kDay || top == Field::kHour) {
    if (right->month == kUnset && !right->rel_month.set) {
      right->month = left->month;
      right->rel_month = left->rel_month;
    }
  }
  if (top == Field::kHour && right->day == kUnset && !right->rel_day.set) {
    right->day = left->day;
    right->rel_day = left->rel_day;
  }
  if (TopField(*left) != Field::kYear && left->year == kUnset && !left->rel_year.set) {
    left->year = right->year;
    left->rel_year = right->rel_year;
  }
}

std::optional<Point> ReadRangeEnd(std::string_view text, const Point* right) {
  if (std::optional<Point> p = ReadPoint(text)) return p;
  if (right == nullptr) return std::nullopt;
  // A bare number takes the unit of the right end: 1至9月, 2019—2021年度.
  Cursor c{TrimSpaces(text)};
  std::optional<Numeral10> n = EatNumeral(&c, false);
  if (!n || !c.AtEnd() || !IsWhole(n->value)) return std::nullopt;
  Point p;
  int v = static_cast<int>(n->value);
  switch (TopField(*right)) {
    case Field::kYear:
      if (!(n->digit_string && (n->length == 4 || n->length == 3))) return std::nullopt;
      p.year = v;
      break;
    case Field::kMonth:
      if (v < 1 || v > 12) return std::nullopt;
      p.month = v;
      break;
    case Field::kDay:
      if (v < 1 || v > 31) return std::nullopt;
      p.day = v;
      break;
    case Field::kHour:
      if (v > 24) return std::nullopt;
      p.day_part = right->day_part;
      p.hour = v;
      break;
    case Field::kNone:
      return std::nullopt;
  }
  return p;
}

std::optional<TimeReading> ReadRange(std::string_view text, const std::optional<Reference>& ref) {
  std::string_view s = text;
  static constexpr std::string_view kSeparators[] = {"至", "到", "—", "–", "-", "~", "〜", "和", "与"};
  bool between = StripSuffix(&s, "之间") || StripSuffix(&s, "间");
  for (size_t at = 0; at < s.size(); ++at) {
    for (std::string_view sep : kSeparators) {
      if (s.substr(at, sep.size()) != sep) continue;
      if ((sep == "和" || sep == "与") && !between) continue;
      std::string_view left_text = s.substr(0, at);
      std::string_view right_text = s.substr(at + sep.size());
      while (StripPrefix(&right_text, "—") || StripPrefix(&right_text, "-")) {
      }
      std::optional<Point> right = ReadPoint(right_text);
      if (!right) continue;
      std::optional<Point> left = ReadRangeEnd(left_text, &*right);
      if (!left) continue;
      CompleteRange(&*left, &*right);
      TimeReading r = MakeReading(v1::Time::INTERVAL, FormatPoint(*left, nullptr) + "/" + FormatPoint(*right, nullptr));
      if (ref) {
        std::string resolved = Resolve(*left, ref) + "/" + Resolve(*right, ref);
        if (resolved != r.value) r.resolved = resolved;
      }
      return r;
    }
  }
  return std::nullopt;
}

TimeReading FromPoint(const Point& p, const std::optional<Reference>& ref) {
  TimeReading r;
  r.kind = p.HasTime() ? v1::Time::TIME : v1::Time::DATE;
  r.value = FormatPoint(p, nullptr);
  r.mod = p.mod;
  if (ref && p.HasDate()) {
    std::string resolved = FormatPoint(p, &*ref);
    if (resolved != r.value) r.resolved = resolved;
  }
  return r;
}

}  // namespace

bool IsLeapYear(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && IsLeapYear(year) ? 29 : kDays[month - 1];
}

bool LunarToGregorian(int year, int lunar_month, int lunar_day, int* month, int* day) {
  // ICU's Chinese calendar; one instance, guarded, since Calendar objects
  // are not thread-safe and creating one costs more than converting.
  static std::mutex mu;
  static icu::Calendar* chinese = [] {
    UErrorCode status = U_ZERO_ERROR;
    icu::Calendar* c = icu::Calendar::createInstance(icu::Locale("zh_CN@calendar=chinese"), status);
    if (U_FAILURE(status)) {
      delete c;
      return static_cast<icu::Calendar*>(nullptr);
    }
    c->setTimeZone(*icu::TimeZone::getGMT());
    return c;
  }();
  if (chinese == nullptr || lunar_month < 1 || lunar_month > 12) return false;
  std::lock_guard<std::mutex> lock(mu);
  UErrorCode status = U_ZERO_ERROR;
  chinese->clear();
  // The Chinese extended year of the lunar year that starts in `year`.
  chinese->set(UCAL_EXTENDED_YEAR, year + 2637);
  chinese->set(UCAL_MONTH, lunar_month - 1);
  chinese->set(UCAL_IS_LEAP_MONTH, 0);
  chinese->set(UCAL_DATE, 1);
  UDate first = chinese->getTime(status);
  if (U_FAILURE(status)) return false;
  int64_t days = static_cast<int64_t>(std::floor(first / 86400000.0)) + (lunar_day - 1);
  int y;
  CivilFromDays(days, &y, month, day);
  return y == year || (lunar_month == 12 && y == year + 1) || lunar_day == 0;
}

namespace {
std::optional<TimeReading> ReadTimeParts(std::string_view text, std::string_view reference_date);
}  // namespace

std::optional<TimeReading> ReadTime(std::string_view text, std::string_view reference_date) {
  std::optional<TimeReading> reading = ReadTimeParts(text, reference_date);
  // A modifier with nothing to modify ("左右" alone, found by fuzz_time) is
  // not a time expression.
  if (reading && reading->value.empty()) return std::nullopt;
  return reading;
}

namespace {
std::optional<TimeReading> ReadTimeParts(std::string_view text, std::string_view reference_date) {
  std::optional<Reference> ref = ParseReference(reference_date);
  std::string_view s = TrimSpaces(text);
  v1::Time::Mod mod = v1::Time::MOD_UNSPECIFIED;
  if (StripPrefix(&s, "截至") || StripPrefix(&s, "截止到") || StripPrefix(&s, "截止")) {
    mod = v1::Time::ON_OR_BEFORE;
  } else {
    StripPrefix(&s, "自从") || StripPrefix(&s, "从") || StripPrefix(&s, "自") || StripPrefix(&s, "于");
  }
  s = TrimSpaces(s);
  StripSuffix(&s, "期间");
  if (s.empty()) return std::nullopt;
  auto with_mod = [&](TimeReading r) {
    if (r.mod == v1::Time::MOD_UNSPECIFIED) r.mod = mod;
    return r;
  };

  for (const auto& [word, value] : kReferenceWords) {
    if (s == word) return with_mod(MakeReading(v1::Time::DATE, std::string(value)));
  }
  if (auto plan = FiveYearPlan(s)) {
    return with_mod(
        MakeReading(v1::Time::INTERVAL, std::to_string(plan->first) + "/" + std::to_string(plan->second)));
  }
  if (auto set = ReadSet(s)) return set;
  if (auto p = ReadPoint(s)) return with_mod(FromPoint(*p, ref));

  // Since: 2022年7月以来, 今年以来, 2019年至今.
  std::string_view since = s;
  if (StripSuffix(&since, "以来") || StripSuffix(&since, "至今") || StripSuffix(&since, "到现在") ||
      StripSuffix(&since, "起")) {
    if (auto p = ReadPoint(since)) {
      TimeReading r = MakeReading(v1::Time::INTERVAL, FormatPoint(*p, nullptr) + "/PRESENT_REF");
      if (ref) {
        std::string resolved = FormatPoint(*p, &*ref) + "/PRESENT_REF";
        if (resolved != r.value) r.resolved = resolved;
      }
      return with_mod(r);
    }
  }
  // Before and after: 2018年以前, 2010年之后.
  static constexpr std::pair<std::string_view, v1::Time::Mod> kRelations[] = {
      {"以前", v1::Time::BEFORE}, {"之前", v1::Time::BEFORE}, {"前", v1::Time::BEFORE},
      {"以后", v1::Time::AFTER},  {"之后", v1::Time::AFTER},  {"后", v1::Time::AFTER},
      {"开始", v1::Time::ON_OR_AFTER}};
  for (const auto& [word, relation] : kRelations) {
    std::string_view base = s;
    if (!StripSuffix(&base, word)) continue;
    if (auto p = ReadPoint(base); p && p->HasDate()) {
      TimeReading r = FromPoint(*p, ref);
      r.mod = relation;
      return r;
    }
  }
  if (auto range = ReadRange(s, ref)) return with_mod(*range);
  if (auto duration = ReadDuration(s)) return duration;
  return std::nullopt;
}
}  // namespace

namespace {

// The reading of the last input, per thread: a rule fills four fields from
// the same span, and reading it once is enough.
struct LastReading {
  std::string input, reference;
  std::optional<TimeReading> reading;
};

const std::optional<TimeReading>& CachedReadTime(std::string_view input, std::string_view reference) {
  thread_local LastReading last;
  if (last.input != input || last.reference != reference) {
    last.input.assign(input);
    last.reference.assign(reference);
    last.reading = ReadTime(input, reference);
  }
  return last.reading;
}

// timex:FIELD -- one field of the reading of the span (or group).
bool Timex(const NormalizerCall& call, FieldValue* out) {
  const std::optional<TimeReading>& r =
      CachedReadTime(call.input, call.match ? std::string_view(call.match->ReferenceDate()) : std::string_view());
  if (!r) return false;
  std::string_view field = call.argument;
  if (field == "value") {
    *out = FieldValue::Text(r->value);
  } else if (field == "kind") {
    *out = FieldValue::Text(v1::Time::Kind_Name(r->kind));
  } else if (field == "mod") {
    if (r->mod != v1::Time::MOD_UNSPECIFIED) *out = FieldValue::Text(v1::Time::Mod_Name(r->mod));
  } else if (field == "resolved") {
    if (!r->resolved.empty()) *out = FieldValue::Text(r->resolved);
  } else {
    return false;
  }
  return true;
}

}  // namespace

void RegisterTimeNormalizers(NormalizerRegistry* r) {
  r->Add({"timex", Timex, false, true,
          "timex:kind|value|mod|resolved: reads a time expression (TIMEX3 value, resolved against the "
          "reference date); the match is dropped when the text is not one"});
}

}  // namespace tiqu
