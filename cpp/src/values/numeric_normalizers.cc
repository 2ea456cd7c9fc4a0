// Normalizers for numbers and percentages. Word lists (qualifiers, currencies,
// change verbs) are lexicons in the rule files, not code.
#include <cmath>
#include <string>
#include <string_view>

#include "common/utf8.h"
#include "values/clause_context.h"
#include "values/normalizers.h"
#include "values/numeral.h"
#include "values/percent.h"

namespace tiqu {
namespace {

bool StartsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }
bool EndsWith(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}

double RoundToSignificant(double v, int digits) {
  if (v == 0 || !std::isfinite(v)) return v;
  int decimals = digits - 1 - static_cast<int>(std::floor(std::log10(std::fabs(v))));
  double scale = std::pow(10.0, decimals);
  return std::round(v * scale) / scale;
}

bool Number(const NormalizerCall& call, FieldValue* out) {
  std::optional<Numeral> n = ParseNormalizedNumeral(call.input);
  if (!n) return false;
  *out = FieldValue::Number(n->value);
  return true;
}

bool NumberMax(const NormalizerCall& call, FieldValue* out) {
  std::optional<Numeral> n = ParseNormalizedNumeral(call.input);
  if (!n) return false;
  if (n->value_max) *out = FieldValue::Number(*n->value_max);
  return true;
}

}  // namespace

std::optional<double> ParsePercent(std::string_view s) {
  auto parse = [](std::string_view t) -> std::optional<double> {
    std::optional<Numeral> n = ParseNormalizedNumeral(t);
    if (!n) return std::nullopt;
    return n->value;
  };
  if (EndsWith(s, "%")) return parse(s.substr(0, s.size() - 1));
  if (EndsWith(s, "‰")) {
    auto v = parse(s.substr(0, s.size() - std::string_view("‰").size()));
    return v ? std::optional<double>(*v / 10) : std::nullopt;
  }
  if (EndsWith(s, "个百分点")) return parse(s.substr(0, s.size() - std::string_view("个百分点").size()));
  if (EndsWith(s, "百分点")) return parse(s.substr(0, s.size() - std::string_view("百分点").size()));
  static constexpr std::pair<std::string_view, double> kPerPrefixes[] = {
      {"百分之", 1}, {"千分之", 0.1}, {"万分之", 0.01}};
  for (const auto& [prefix, factor] : kPerPrefixes) {
    if (StartsWith(s, prefix)) {
      auto v = parse(s.substr(prefix.size()));
      return v ? std::optional<double>(*v * factor) : std::nullopt;
    }
  }
  // 五成 = 50%, 三成五 = 35%.
  size_t cheng = s.find("成");
  if (cheng != std::string_view::npos && cheng > 0) {
    auto tens = parse(s.substr(0, cheng));
    std::string_view rest = s.substr(cheng + std::string_view("成").size());
    if (!tens || *tens > 10) return std::nullopt;
    if (rest.empty()) return *tens * 10;
    if (rest == "半") return *tens * 10 + 5;  // 三成半 = 35%
    auto ones = parse(rest);
    if (!ones || *ones >= 10) return std::nullopt;
    return *tens * 10 + *ones;
  }
  // 三分之一 = 33.33: fractions are rounded to four significant digits, as
  // reports write them, which keeps 百万分之五 (0.0005) from becoming 0.
  if (s.find("分之") != std::string_view::npos) {
    auto v = parse(s);
    return v ? std::optional<double>(RoundToSignificant(*v * 100, 4)) : std::nullopt;
  }
  return parse(s);
}

namespace {

bool Percent(const NormalizerCall& call, FieldValue* out) {
  std::optional<double> v = ParsePercent(call.input);
  if (!v) return false;
  *out = FieldValue::Number(*v);
  return true;
}

bool IsNumeralChar(char32_t c) {
  static const std::u32string_view kChars = U"零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟0123456789.";
  return kChars.find(c) != std::u32string_view::npos;
}

// Every numeral in the text, in order: "一核四员四共" -> [1, 4, 4],
// "3+3+3" -> [3, 3, 3]. 双 counts as 2, as in 一岗双责.
bool Numbers(const NormalizerCall& call, FieldValue* out) {
  std::vector<double> numbers;
  std::string_view s = call.input;
  size_t i = 0;
  std::string run;  // the numeral being collected
  auto flush = [&] {
    if (run.empty()) return;
    std::optional<Numeral> n = ParseNormalizedNumeral(run);
    if (n) numbers.push_back(n->value);
    run.clear();
  };
  while (i < s.size()) {
    size_t start = i;
    int32_t c = NextCodePoint(s, &i);
    if (c > 0 && IsNumeralChar(static_cast<char32_t>(c))) {
      run.append(s.substr(start, i - start));
    } else {
      flush();
      if (c == U'双') numbers.push_back(2);
    }
  }
  flush();
  if (numbers.empty()) return false;
  *out = FieldValue::Numbers(std::move(numbers));
  return true;
}

}  // namespace

void RegisterNumericNormalizers(NormalizerRegistry* r) {
  r->Add({"number", Number, false, false,
          "a numeral to its value (两万三千, 1.5万, 13万2); the match is dropped if it is not one"});
  r->Add({"number_max", NumberMax, false, false, "the upper end of a numeral range (四五 -> 5); else unset"});
  r->Add({"percent", Percent, false, false,
          "a percentage to its value: 35.5%, 百分之三十五点五, 五成, 三分之一 (33.33), 3个百分点"});
  RegisterClauseNormalizers(r);
  r->Add({"numbers", Numbers, false, false, "every numeral in the text, in order (一核四员四共 -> 1, 4, 4)"});
}

}  // namespace tiqu
