// Value normalizers of the phrase facts: numbered slogans, cited titles,
// meetings. Each reads one captured phrase (and, for the governing verb, the
// sentence around it) and either fills a field or rejects the match.
#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <re2/re2.h>

#include "common/utf8.h"
#include "values/normalizers.h"
#include "values/phrase_normalizers.h"

namespace tiqu {
namespace {

void AppendUtf8(char32_t c, std::string* out) {
  uint8_t buf[4];
  int32_t n = 0;
  U8_APPEND_UNSAFE(buf, n, static_cast<UChar32>(c));
  out->append(reinterpret_cast<const char*>(buf), static_cast<size_t>(n));
}

int SloganDigit(char32_t c) {
  switch (c) {
    case U'一': return 1;
    case U'二': case U'两': return 2;
    case U'三': return 3;
    case U'四': return 4;
    case U'五': return 5;
    case U'六': return 6;
    case U'七': return 7;
    case U'八': return 8;
    case U'九': return 9;
    default: return -1;
  }
}

int SloganUnit(char32_t c) {
  switch (c) {
    case U'十': return 10;
    case U'百': return 100;
    case U'千': return 1000;
    default: return 0;
  }
}

// Units of time or counting that make a numeral a duration, a date or an
// amount (八小时, 三年行动, 2023年度, 8号) rather than part of a formulation.
bool IsTimeOrOrdinalUnit(std::u32string_view rest) {
  static const std::u32string_view kUnits[] = {U"年", U"小时", U"分钟", U"天", U"周", U"号", U"岁", U"届"};
  for (std::u32string_view u : kUnits) {
    if (rest.substr(0, u.size()) == u) return true;
  }
  return false;
}

bool IsSegmentBreak(char32_t c) { return c == U'、' || c == ',' || c == ' ' || c == U'·'; }

// Replaces the characters of words whose numerals do not count (统一, 唯一,
// 三维) by a neutral character, longest entry first.
// `utf8` is the valid UTF-8 that `text` was decoded from: its bytes are the
// canonical encoding of `text`, so substrings are looked up in place.
std::u32string MaskNonNumeralWords(std::u32string_view text, std::string_view utf8, const Lexicon* words) {
  std::u32string out(text);
  if (words == nullptr) return out;
  std::vector<size_t> offsets(text.size() + 1, 0);
  for (size_t k = 0; k < text.size(); ++k) offsets[k + 1] = offsets[k] + U8_LENGTH(static_cast<UChar32>(text[k]));
  for (size_t i = 0; i < text.size(); ++i) {
    if (!words->values.MayStartWithFirstCharOf(utf8.substr(offsets[i]))) continue;
    for (size_t n = std::min<size_t>(text.size() - i, 6); n >= 2; --n) {
      if (words->Find(utf8.substr(offsets[i], offsets[i + n] - offsets[i])) != nullptr) {
        for (size_t k = i; k < i + n; ++k) out[k] = U'_';
        i += n - 1;
        break;
      }
    }
  }
  return out;
}

}  // namespace

std::optional<std::vector<double>> SloganNumbers(std::string_view text, const Lexicon* non_numeral_words) {
  // Longer quoted text is a phrase or a sentence, not a formulation.
  constexpr size_t kMaxSloganChars = 24;
  std::u32string original = DecodeUtf8(text);
  if (original.empty() || original.size() > kMaxSloganChars) return std::nullopt;
  // Most quoted terms hold no numeral at all: leave before the word masking,
  // which looks up every substring. A numeral starts with one of these.
  if (std::none_of(original.begin(), original.end(), [](char32_t c) {
        return (c >= '0' && c <= '9') || c == U'双' || SloganDigit(c) >= 0 || SloganUnit(c) == 10;
      })) {
    return std::nullopt;
  }
  // Speech, or a quotation inside the quotation, is not a formulation.
  for (char32_t c : original) {
    if (c == U'。' || c == '!' || c == '?' || c == ';' || c == U'‘' || c == U'’' || c == U'“' || c == U'”') {
      return std::nullopt;
    }
  }
  std::u32string s = MaskNonNumeralWords(original, text, non_numeral_words);
  std::vector<double> numbers;
  bool only_ones = true;
  bool first_one_starts_segment = false;
  bool seen_number = false;
  auto emit = [&](double value, size_t at) {
    if (!seen_number) first_one_starts_segment = at == 0 || IsSegmentBreak(s[at - 1]);
    seen_number = true;
    if (value != 1) only_ones = false;
    numbers.push_back(value);
  };
  size_t i = 0;
  while (i < s.size()) {
    char32_t c = s[i];
    size_t start = i;
    if (c == U'第' && i + 1 < s.size() && (SloganDigit(s[i + 1]) > 0 || SloganUnit(s[i + 1]) == 10 ||
                                          (s[i + 1] >= '0' && s[i + 1] <= '9'))) {
      return std::nullopt;  // an ordinal: 第一议题
    }
    if (c >= '0' && c <= '9') {
      // Digit strings are read digit by digit (520, 12345, 3+3+3).
      size_t end = i;
      while (end < s.size() && s[end] >= '0' && s[end] <= '9') ++end;
      if (IsTimeOrOrdinalUnit(std::u32string_view(s).substr(end))) return std::nullopt;
      for (; i < end; ++i) emit(s[i] - '0', start);
      continue;
    }
    if (c == U'双') {
      emit(2, start);
      ++i;
      continue;
    }
    int digit = SloganDigit(c);
    int unit = SloganUnit(c);
    if (digit < 0 && unit != 10) {
      ++i;  // 百, 千 without a digit (百姓, 千家万户) and every other character
      continue;
    }
    // One numeral: 四, 十四, 二十五, 一百, 三百六十.
    double value = 0;
    if (digit >= 0) {
      ++i;
      int next_unit = i < s.size() ? SloganUnit(s[i]) : 0;
      if (next_unit == 0) {
        value = digit;
      } else {
        value = digit * next_unit;
        ++i;
        if (next_unit == 100 && i + 1 < s.size() && SloganDigit(s[i]) >= 0 && SloganUnit(s[i + 1]) == 10) {
          value += SloganDigit(s[i]) * 10;
          i += 2;
          next_unit = 10;
        }
        if (next_unit == 10 && i < s.size() && SloganDigit(s[i]) >= 0 &&
            (i + 1 >= s.size() || SloganUnit(s[i + 1]) == 0)) {
          value += SloganDigit(s[i]);
          ++i;
        }
      }
    } else {  // 十 leading: 十, 十四
      ++i;
      value = 10;
      if (i < s.size() && SloganDigit(s[i]) >= 0 && (i + 1 >= s.size() || SloganUnit(s[i + 1]) == 0)) {
        value += SloganDigit(s[i]);
        ++i;
      }
    }
    if (IsTimeOrOrdinalUnit(std::u32string_view(s).substr(i))) return std::nullopt;
    emit(value, start);
  }
  if (numbers.empty()) return std::nullopt;
  // 一 alone, or 一 in mid-phrase only, is the article "a" (一站式, 一盘棋),
  // not a count.
  if (only_ones && (numbers.size() == 1 || !first_one_starts_segment)) return std::nullopt;
  return numbers;
}

std::string GoverningVerb(std::string_view context, size_t title_begin, size_t title_end, const Lexicon& verbs) {
  std::u32string before = DecodeUtf8(context.substr(0, title_begin));
  std::u32string after = DecodeUtf8(context.substr(title_end));
  std::string utf8;
  auto longest_entry_ending_at = [&](const std::u32string& text, size_t end) -> std::string {
    for (size_t n = std::min<size_t>(end, 6); n >= 2; --n) {
      utf8.clear();
      for (size_t k = end - n; k < end; ++k) AppendUtf8(text[k], &utf8);
      if (verbs.Find(utf8) != nullptr) return utf8;
    }
    return {};
  };
  // Backwards from the title: over other titles of a list (征集《甲》《乙》),
  // up to a clause break or kMaxGap characters of modifiers (观看红色电影《…》).
  constexpr size_t kMaxGap = 16;
  size_t outside = 0;
  int depth = 0;
  for (size_t end = before.size(); end > 0; --end) {
    char32_t c = before[end - 1];
    if (c == U'》') ++depth;
    if (depth > 0) {
      if (c == U'《') --depth;
      continue;
    }
    if (c == ',' || c == U'。' || c == ';' || c == ':' || c == '!' || c == '?' || c == '\n') break;
    std::string verb = longest_entry_ending_at(before, end);
    if (!verb.empty()) return verb;
    if (++outside > kMaxGap) break;
  }
  // Right after the title: 《…》征编出版工作.
  for (size_t n = std::min<size_t>(after.size(), 6); n >= 2; --n) {
    std::string verb = longest_entry_ending_at(after, n);
    if (!verb.empty()) return verb;
  }
  return {};
}

bool IsMeetingName(std::string_view name, std::string_view head, const Lexicon& words) {
  size_t head_at = head.empty() ? std::string_view::npos : name.rfind(head);
  if (head_at == std::string_view::npos || head_at == 0) return false;
  std::u32string before_head = DecodeUtf8(name.substr(0, head_at));
  std::string prefix;
  for (size_t n = 0; n < before_head.size() && n < 4; ++n) {
    AppendUtf8(before_head[n], &prefix);
    const std::string* kind = words.Find(prefix);
    if (kind != nullptr && *kind == "GENERIC") return false;
  }
  // A quotation opened or closed outside the name: the match began inside
  // speech or a slogan.
  size_t opened = 0, closed = 0;
  for (char32_t c : DecodeUtf8(name)) {
    opened += c == U'“';
    closed += c == U'”';
  }
  if (opened != closed) return false;
  // 第一次会议 alone is an ordinal mention.
  if (before_head.front() == U'第' && before_head.back() == U'次' && before_head.size() <= 5) return false;
  // Longer than any real name: a clause the lead-ins did not cut.
  constexpr size_t kMaxNameChars = 45;
  if (before_head.size() < 2 || before_head.size() > kMaxNameChars) return false;
  if (before_head.size() == 2) {
    const std::string* scope = words.Find(name.substr(0, head_at));
    const std::string* head_kind = words.Find(head);
    return (scope != nullptr && *scope == "SCOPE") || (head_kind != nullptr && *head_kind == "SPECIFIC");
  }
  return true;
}

std::string MeetingTime(std::string_view sentence, size_t name_begin, size_t name_end) {
  // Only a meeting held in the sentence takes its date: 1月10日,…会议召开.
  static const RE2 kHeldBefore("(?:召开|举行|举办)$");
  static const RE2 kHeldAfter("^(?:在[^,。]{1,12})?(?:召开|举行|举办|开幕|闭幕)");
  re2::StringPiece before(sentence.data(), name_begin);
  re2::StringPiece after(sentence.data() + name_end, sentence.size() - name_end);
  if (!RE2::PartialMatch(before, kHeldBefore) &&
      !RE2::PartialMatch(after, kHeldAfter)) {
    return {};
  }
  static const RE2 kDate(
      "(?:([0-9]{4})年)?([0-9]{1,2})月([0-9]{1,2})日|(近日|日前|近期|连日来)|([0-9]{4})年");
  std::string year, month, day, relative, year_only;
  if (!RE2::PartialMatch(before, kDate, &year, &month, &day, &relative, &year_only)) return {};
  auto two = [](const std::string& s) { return s.size() == 1 ? "0" + s : s; };
  if (!month.empty()) return (year.empty() ? "XXXX" : year) + "-" + two(month) + "-" + two(day);
  if (!relative.empty()) return "PAST_REF";
  return year_only;
}

namespace {

bool MeetingNameNormalizer(const NormalizerCall& call, FieldValue* out) {
  if (!IsMeetingName(call.input, call.match->Group("head"), *call.lexicon)) return false;
  *out = FieldValue::Text(std::string(call.input));
  return true;
}

bool MeetingTimeNormalizer(const NormalizerCall& call, FieldValue* out) {
  size_t begin = call.match->SpanOffsetInContext();
  std::string time = MeetingTime(call.match->Context(), begin, begin + call.match->Span().size());
  if (!time.empty()) *out = FieldValue::Text(std::move(time));
  return true;
}

// The text without the quotation marks inside it: 陕西省“司机之家” -> 陕西省司机之家.
bool Unquote(const NormalizerCall& call, FieldValue* out) {
  std::string text;
  size_t pos = 0;
  std::string_view s = call.input;
  while (pos < s.size()) {
    size_t start = pos;
    int32_t c = NextCodePoint(s, &pos);
    if (c == U'“' || c == U'”' || c == U'‘' || c == U'’' || c == '"') continue;
    text.append(s.substr(start, pos - start));
  }
  if (!text.empty()) *out = FieldValue::Text(std::move(text));
  return true;
}

bool SloganNumbersNormalizer(const NormalizerCall& call, FieldValue* out) {
  std::optional<std::vector<double>> numbers = SloganNumbers(call.input, call.lexicon);
  if (!numbers) return false;
  *out = FieldValue::Numbers(std::move(*numbers));
  return true;
}

bool GoverningVerbNormalizer(const NormalizerCall& call, FieldValue* out) {
  std::string_view context = call.match->Context();
  size_t begin = call.match->SpanOffsetInContext();
  std::string verb = GoverningVerb(context, begin, begin + call.match->Span().size(), *call.lexicon);
  if (!verb.empty()) *out = FieldValue::Text(std::move(verb));
  return true;
}

// The kind of a cited title from its last word, ignoring a closing
// parenthesis such as (试行); titles with no telling word are works.
bool CitationKind(const NormalizerCall& call, FieldValue* out) {
  std::string_view title = call.input;
  if (title.size() > 1 && title.back() == ')') {
    size_t open = title.rfind('(');
    if (open != std::string_view::npos && open > 0) title = title.substr(0, open);
  }
  size_t longest = std::min(title.size(), call.lexicon->max_entry_bytes);
  for (size_t n = longest; n > 0; --n) {
    if (const std::string* v = call.lexicon->Find(title.substr(title.size() - n))) {
      *out = FieldValue::Text(*v);
      return true;
    }
  }
  *out = FieldValue::Text("WORK");
  return true;
}

}  // namespace

void RegisterPhraseNormalizers(NormalizerRegistry* r) {
  r->Add({"meeting_name", MeetingNameNormalizer, true, true,
          "meeting_name:NAME: the span when it names a meeting (group `head` holds its last word; lexicon NAME "
          "marks SCOPE words that may stand alone before it and GENERIC openings); else the match is dropped"});
  r->Add({"meeting_time", MeetingTimeNormalizer, false, false,
          "the date of a meeting held in the sentence (1月10日 -> XXXX-01-10, 近日 -> PAST_REF); else unset"});
  r->Add({"unquote", Unquote, false, false, "the text without quotation marks (陕西省“司机之家” -> 陕西省司机之家)"});
  r->Add({"slogan_numbers", SloganNumbersNormalizer, true, true,
          "slogan_numbers:NAME: the numerals of a formulation (十四五 -> 14, 5; 520 -> 5, 2, 0); the match is "
          "dropped when it is not one (ordinals, durations, a lone 一); words of lexicon NAME do not count"});
  r->Add({"governing_verb", GoverningVerbNormalizer, true, true,
          "governing_verb:NAME: the entry of lexicon NAME that governs the span: the nearest one before it in "
          "its clause, else one right after it"});
  r->Add({"citation_kind", CitationKind, true, true,
          "citation_kind:NAME: the value of the longest entry of NAME that ends the title; WORK otherwise"});
}

}  // namespace tiqu
