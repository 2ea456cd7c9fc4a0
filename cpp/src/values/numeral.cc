#include "values/numeral.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "common/utf8.h"
#include "normalize/text_normalizer.h"

namespace tiqu {
namespace {

enum class TokenKind { kDigit, kUnit, kBigUnit, kPoint };

struct Token {
  TokenKind kind;
  double value = 0;         // digit value or unit multiplier
  bool arabic = false;      // digits written with 0-9
  bool single_digit = false;
  bool zero = false;        // 零 / 〇 / 0 written as a Chinese digit
};

int ChineseDigit(char32_t c) {
  switch (c) {
    case U'零': case U'〇': return 0;
    case U'一': case U'壹': case U'幺': return 1;
    case U'二': case U'两': case U'俩': case U'贰': return 2;
    case U'三': case U'叁': return 3;
    case U'四': case U'肆': return 4;
    case U'五': case U'伍': return 5;
    case U'六': case U'陆': return 6;
    case U'七': case U'柒': return 7;
    case U'八': case U'捌': return 8;
    case U'九': case U'玖': return 9;
    default: return -1;
  }
}

double SmallUnit(char32_t c) {
  switch (c) {
    case U'十': case U'拾': return 10;
    case U'百': case U'佰': return 100;
    case U'千': case U'仟': return 1000;
    default: return 0;
  }
}

bool IsAsciiDigit(char32_t c) { return c >= '0' && c <= '9'; }

// Splits code points into tokens; false when something is not numeral.
bool Tokenize(const std::u32string& cps, size_t begin, size_t end, std::vector<Token>* tokens) {
  size_t i = begin;
  while (i < end) {
    char32_t c = cps[i];
    if (IsAsciiDigit(c) || (c == '.' && i + 1 < end && IsAsciiDigit(cps[i + 1]))) {
      // Arabic number, with optional thousands separators and decimals.
      std::string digits;
      size_t j = i;
      while (j < end && IsAsciiDigit(cps[j])) digits.push_back(static_cast<char>(cps[j++]));
      // 1,100 and 12,345,678: commas only between groups of exactly three.
      auto comma_group_at = [&](size_t k) {  // ",ddd" not followed by a fourth digit
        return k + 3 < end && cps[k] == ',' && IsAsciiDigit(cps[k + 1]) && IsAsciiDigit(cps[k + 2]) &&
               IsAsciiDigit(cps[k + 3]) && (k + 4 >= end || !IsAsciiDigit(cps[k + 4]));
      };
      if (!digits.empty() && digits.size() <= 3) {
        while (comma_group_at(j)) {
          for (size_t k = j + 1; k <= j + 3; ++k) digits.push_back(static_cast<char>(cps[k]));
          j += 4;
        }
      }
      if (j + 1 < end && cps[j] == '.' && IsAsciiDigit(cps[j + 1])) {
        digits.push_back('.');
        ++j;
        while (j < end && IsAsciiDigit(cps[j])) digits.push_back(static_cast<char>(cps[j++]));
      }
      Token t{TokenKind::kDigit};
      t.value = std::strtod(digits.c_str(), nullptr);
      t.arabic = true;
      t.single_digit = digits.size() == 1;
      tokens->push_back(t);
      i = j;
      continue;
    }
    if (c == ' ') {
      // Spaces inside a numeral (二十 亿, 7 万5 千) are ignored, except
      // between two Arabic digits, where they separate two numbers.
      size_t next = i + 1;
      while (next < end && cps[next] == ' ') ++next;
      if (i > begin && next < end && IsAsciiDigit(cps[i - 1]) && IsAsciiDigit(cps[next])) return false;
      i = next;
      continue;
    }
    if ((c == U'余' || c == U'多') && !tokens->empty() && i + 1 < end && (cps[i + 1] == U'万' || cps[i + 1] == U'亿')) {
      // 500余万, 一千多万: the number rounded down; the rule reports MORE_THAN.
      ++i;
      continue;
    }
    int d = ChineseDigit(c);
    if (d >= 0) {
      Token t{TokenKind::kDigit};
      t.value = d;
      t.single_digit = true;
      t.zero = d == 0;
      tokens->push_back(t);
    } else if (double u = SmallUnit(c); u > 0) {
      tokens->push_back({TokenKind::kUnit, u});
    } else if (c == U'万' || ((c == 'W' || c == 'w') && !tokens->empty() && tokens->back().arabic)) {
      tokens->push_back({TokenKind::kBigUnit, 1e4});
    } else if (c == U'亿') {
      tokens->push_back({TokenKind::kBigUnit, 1e8});
    } else if (c == U'点') {
      tokens->push_back({TokenKind::kPoint});
    } else {
      return false;
    }
    ++i;
  }
  return !tokens->empty();
}

// Digits without units (二〇二三, 三点一四): read positionally.
std::optional<double> ParsePositional(const std::vector<Token>& tokens) {
  double value = 0, scale = 0.1;
  bool after_point = false;
  for (const Token& t : tokens) {
    if (t.kind == TokenKind::kPoint) {
      if (after_point) return std::nullopt;
      after_point = true;
    } else if (t.kind == TokenKind::kDigit && !t.arabic) {
      if (after_point) {
        value += t.value * scale;
        scale /= 10;
      } else {
        value = value * 10 + t.value;
      }
    } else {
      return std::nullopt;
    }
  }
  return value;
}

std::optional<double> ParseTokens(const std::vector<Token>& tokens) {
  bool has_unit = false, all_chinese_digits = true;
  int digits = 0;
  for (const Token& t : tokens) {
    has_unit |= t.kind == TokenKind::kUnit || t.kind == TokenKind::kBigUnit;
    if (t.kind == TokenKind::kDigit) {
      ++digits;
      all_chinese_digits &= !t.arabic;
    }
  }
  if (!has_unit && digits >= 2 && all_chinese_digits) return ParsePositional(tokens);

  double total = 0, section = 0;
  std::optional<double> number;
  double last_small_unit = 0;   // within the current section
  double last_big_unit = 0;
  // What came right before the pending number: a unit (for 三千五 = 3500).
  double unit_before_number = 0;
  bool zero_before_number = false;
  bool number_single_digit = false;
  TokenKind previous = TokenKind::kPoint;
  bool have_previous = false;

  for (size_t i = 0; i < tokens.size(); ++i) {
    const Token& t = tokens[i];
    switch (t.kind) {
      case TokenKind::kDigit:
        if (t.zero) {
          // 零 only separates (一百零五); it contributes nothing itself.
          if (number) return std::nullopt;
          zero_before_number = true;
          break;
        }
        if (number) return std::nullopt;  // two numbers in a row
        number = t.value;
        number_single_digit = t.single_digit;
        unit_before_number = have_previous && previous == TokenKind::kUnit    ? last_small_unit
                             : have_previous && previous == TokenKind::kBigUnit ? last_big_unit
                                                                              : 0;
        if (have_previous && previous == TokenKind::kDigit) unit_before_number = 0;
        break;
      case TokenKind::kPoint: {
        // Chinese decimal point: the digits after it are decimals, of the
        // pending digit (三点五) or of the whole number so far (十点二, 两千万点五).
        bool after_unit = have_previous && (previous == TokenKind::kUnit || previous == TokenKind::kBigUnit);
        if (!number && !zero_before_number && !after_unit) return std::nullopt;
        double value = number.value_or(0), scale = 0.1;
        size_t j = i + 1;
        for (; j < tokens.size() && tokens[j].kind == TokenKind::kDigit && !tokens[j].arabic; ++j) {
          value += tokens[j].value * scale;
          scale /= 10;
        }
        if (j == i + 1) return std::nullopt;
        number = value;
        number_single_digit = false;
        unit_before_number = 0;
        i = j - 1;
        break;
      }
      case TokenKind::kUnit: {
        if (last_small_unit != 0 && t.value >= last_small_unit) return std::nullopt;  // 三百四千
        if (!number && have_previous && previous != TokenKind::kBigUnit && !zero_before_number)
          return std::nullopt;  // 千百
        section += number.value_or(1) * t.value;
        last_small_unit = t.value;
        number.reset();
        zero_before_number = false;
        break;
      }
      case TokenKind::kBigUnit: {
        if (have_previous && previous == TokenKind::kBigUnit && t.value == 1e4 && last_big_unit == 1e4) {
          total *= t.value;  // 万万 is an old way to write 亿: 四万万 = 400000000
          last_big_unit = 1e8;
          break;
        }
        if (have_previous && previous == TokenKind::kBigUnit && t.value <= last_big_unit)
          return std::nullopt;
        section += number.value_or(0);
        if (section == 0 && total == 0) section = 1;  // 万 alone, 亿元
        if (t.value >= 1e8) {
          total = (total + section) * t.value;
        } else if (section == 0) {
          total *= t.value;  // 万亿 after 亿? keeps order of magnitude sane
        } else {
          total += section * t.value;
        }
        section = 0;
        last_small_unit = 0;
        last_big_unit = t.value;
        number.reset();
        zero_before_number = false;
        break;
      }
    }
    previous = t.kind;
    have_previous = true;
  }
  if (number) {
    // 三千五 = 3500, 一万五 = 15000, 13万2 = 132000: a lone digit after a unit
    // stands for the next lower place, unless 零 intervened (一百零五).
    if (number_single_digit && unit_before_number >= 10 && !zero_before_number) {
      section += *number * unit_before_number / 10;
    } else {
      section += *number;
    }
  }
  return total + section;
}

std::optional<double> ParseRange(const std::u32string& cps, size_t begin, size_t end) {
  std::vector<Token> tokens;
  if (!Tokenize(cps, begin, end, &tokens)) return std::nullopt;
  return ParseTokens(tokens);
}

}  // namespace

std::optional<Numeral> ParseNormalizedNumeral(std::string_view text) {
  std::u32string cps = DecodeUtf8(text);
  size_t begin = 0, end = cps.size();
  while (begin < end && cps[begin] == ' ') ++begin;
  while (end > begin && cps[end - 1] == ' ') --end;
  if (begin == end) return std::nullopt;

  double sign = 1;
  if (cps[begin] == '-' || cps[begin] == U'负') {
    sign = -1;
    ++begin;
  } else if (cps[begin] == '+' || cps[begin] == U'正') {
    ++begin;
  }
  if (begin == end) return std::nullopt;

  // Fractions: X分之Y is Y/X.
  for (size_t i = begin; i + 1 < end; ++i) {
    if (cps[i] == U'分' && cps[i + 1] == U'之') {
      std::optional<double> denominator = ParseRange(cps, begin, i);
      std::optional<double> numerator = ParseRange(cps, i + 2, end);
      if (!denominator || !numerator || *denominator == 0) return std::nullopt;
      return Numeral{sign * *numerator / *denominator, std::nullopt};
    }
  }

  std::vector<Token> tokens;
  if (!Tokenize(cps, begin, end, &tokens)) return std::nullopt;

  // Ranges of adjacent Chinese digits: 四五, 三四十, 十五六, 一两百. 三五 (three
  // to five) is the one customary non-adjacent pair.
  // Decimals are never a range (一点一二), so the search stops at a point.
  for (size_t i = 0; i + 1 < tokens.size() && tokens[i + 1].kind != TokenKind::kPoint; ++i) {
    const Token& a = tokens[i];
    const Token& b = tokens[i + 1];
    bool digits = a.kind == TokenKind::kDigit && b.kind == TokenKind::kDigit && !a.arabic && !b.arabic &&
                  !a.zero && !b.zero;
    if (!digits) continue;
    bool adjacent = b.value == a.value + 1 || (a.value == 3 && b.value == 5 && tokens.size() == 2);
    bool has_unit = false;
    for (const Token& t : tokens) has_unit |= t.kind != TokenKind::kDigit;
    if (!adjacent || (!has_unit && tokens.size() != 2)) continue;
    std::vector<Token> low = tokens, high = tokens;
    low.erase(low.begin() + static_cast<long>(i) + 1);
    high.erase(high.begin() + static_cast<long>(i));
    std::optional<double> lo = ParseTokens(low), hi = ParseTokens(high);
    if (!lo || !hi || !std::isfinite(*lo) || !std::isfinite(*hi)) return std::nullopt;
    // A negative range keeps value <= value_max: 负四五十 is -50..-40.
    double first = sign * *lo, second = sign * *hi;
    return Numeral{std::min(first, second), std::max(first, second)};
  }

  std::optional<double> value = ParseTokens(tokens);
  if (!value || !std::isfinite(*value)) return std::nullopt;
  return Numeral{sign * *value, std::nullopt};
}

StatusOr<Numeral> ParseNumeral(std::string_view text) {
  NormalizedText normalized;
  NormalizeText(text, NormalizeOptions{}, &normalized);
  std::optional<Numeral> n = ParseNormalizedNumeral(normalized.text);
  if (!n) {
    return InvalidArgumentError("not a number: \"" + RepairUtf8(text) + "\"");
  }
  return *n;
}

StatusOr<double> ParseNumber(std::string_view text) {
  StatusOr<Numeral> n = ParseNumeral(text);
  if (!n.ok()) return n.status();
  return n->value;
}

}  // namespace tiqu
