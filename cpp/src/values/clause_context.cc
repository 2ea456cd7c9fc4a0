#include "values/clause_context.h"

#include <algorithm>
#include <string>

#include "common/utf8.h"
#include "values/numeral.h"

namespace tiqu {
namespace {

bool IsHan(char32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x20000 && c <= 0x2FA1F);
}

// Characters that may sit inside a counted noun phrase without ending it.
bool IsClauseChar(char32_t c) {
  return IsHan(c) || c == U'“' || c == U'”' || c == U'‘' || c == U'’' || c == U'·' || c == '(' || c == ')';
}

// The code point that ends at byte `end`, and where it starts.
char32_t CodePointBefore(std::string_view s, size_t end, size_t* start) {
  size_t b = end;
  do {
    --b;
  } while (b > 0 && (static_cast<unsigned char>(s[b]) & 0xC0) == 0x80);
  size_t pos = b;
  int32_t c = NextCodePoint(s, &pos);
  *start = b;
  return c < 0 ? 0 : static_cast<char32_t>(c);
}

// Quotes and brackets left dangling at the edges by the clause cut.
std::string_view TrimEdgeMarks(std::string_view s) {
  static const std::string_view kFront[] = {"”", "’", ")", "·"};
  static const std::string_view kBack[] = {"“", "‘", "(", "·"};
  for (bool changed = true; changed && !s.empty();) {
    changed = false;
    for (std::string_view m : kFront) {
      if (s.substr(0, m.size()) == m) {
        s.remove_prefix(m.size());
        changed = true;
      }
    }
    for (std::string_view m : kBack) {
      if (s.size() >= m.size() && s.substr(s.size() - m.size()) == m) {
        s.remove_suffix(m.size());
        changed = true;
      }
    }
  }
  return s;
}

// The longest entry valued `kind` that starts (front) or ends (!front) `s`; 0 if none.
size_t WordAtEdge(std::string_view s, const Lexicon& words, std::string_view kind, bool front) {
  if (front ? !words.values.MayStartWithFirstCharOf(s) : !words.values.MayEndWithLastCharOf(s)) return 0;
  for (size_t n = std::min(s.size(), words.max_entry_bytes); n > 0; --n) {
    // Only whole characters can be entries.
    size_t cut = front ? n : s.size() - n;
    if (cut < s.size() && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) continue;
    std::string_view piece = front ? s.substr(0, n) : s.substr(s.size() - n);
    const std::string* v = words.Find(piece);
    if (v != nullptr && *v == kind) return n;
  }
  return 0;
}

}  // namespace

std::string_view ClauseBefore(std::string_view context, size_t end, size_t max_chars) {
  end = std::min(end, context.size());
  size_t begin = end;
  for (size_t chars = 0; begin > 0 && chars < max_chars; ++chars) {
    size_t start;
    char32_t c = CodePointBefore(context, begin, &start);
    if (!IsClauseChar(c)) break;
    begin = start;
  }
  return TrimEdgeMarks(context.substr(begin, end - begin));
}

std::string_view ClauseAfter(std::string_view context, size_t begin, size_t max_chars) {
  begin = std::min(begin, context.size());
  size_t end = begin;
  for (size_t chars = 0; end < context.size() && chars < max_chars; ++chars) {
    size_t next = end;
    int32_t c = NextCodePoint(context, &next);
    // A quote may open the phrase (102份“创文”问卷); anything else must be Han.
    bool opening_quote = chars == 0 && (c == U'“' || c == U'‘');
    if (c < 0 || !(opening_quote || IsClauseChar(static_cast<char32_t>(c)))) break;
    if (chars == 0 && !opening_quote && !IsHan(static_cast<char32_t>(c))) break;
    end = next;
  }
  return TrimEdgeMarks(context.substr(begin, end - begin));
}

std::string_view StripLeadingWords(std::string_view s, const Lexicon& words, std::string_view kind) {
  while (size_t n = WordAtEdge(s, words, kind, /*front=*/true)) {
    if (n == s.size()) break;
    s.remove_prefix(n);
  }
  return TrimEdgeMarks(s);
}

std::string_view StripTrailingWords(std::string_view s, const Lexicon& words, std::string_view kind) {
  while (size_t n = WordAtEdge(s, words, kind, /*front=*/false)) {
    if (n == s.size()) break;
    s.remove_suffix(n);
  }
  return TrimEdgeMarks(s);
}

std::string_view CutAtWord(std::string_view s, const Lexicon& words, std::string_view kind) {
  size_t pos = 0;
  while (pos < s.size()) {
    if (pos > 0 && WordAtEdge(s.substr(pos), words, kind, /*front=*/true) > 0) return TrimEdgeMarks(s.substr(0, pos));
    NextCodePoint(s, &pos);
  }
  return TrimEdgeMarks(s);
}

bool EndsWithWord(std::string_view s, const Lexicon& words, std::string_view kind) {
  return WordAtEdge(s, words, kind, /*front=*/false) > 0;
}

namespace {

constexpr std::string_view kLead = "LEAD";
constexpr std::string_view kTrail = "TRAIL";
constexpr std::string_view kStop = "STOP";
constexpr std::string_view kRate = "RATE";

std::string_view TextBeforeSpan(const MatchInput& match) {
  return ClauseBefore(match.Context(), match.SpanOffsetInContext());
}

// counted_item:LEX -- the noun phrase right after the span (after the unit),
// cut at a STOP word; when the span ends its clause, the clause before it
// without its LEAD and TRAIL words (开展, 累计, ...).
bool CountedItem(const NormalizerCall& call, FieldValue* out) {
  std::string_view item;
  const MatchInput& match = *call.match;
  size_t span_end = match.SpanOffsetInContext() + match.Span().size();
  if (std::string_view after = ClauseAfter(match.Context(), span_end); !after.empty()) {
    item = CutAtWord(after, *call.lexicon, kStop);
  } else {
    item = StripTrailingWords(StripLeadingWords(TextBeforeSpan(*call.match), *call.lexicon, kLead),
                              *call.lexicon, kTrail);
  }
  if (!item.empty()) *out = FieldValue::Text(std::string(item));
  return true;
}

// metric_before:LEX -- the clause before the span without its LEAD and TRAIL
// words: what a change or rate is about (`越级信访总量同比下降50%`).
bool MetricBefore(const NormalizerCall& call, FieldValue* out) {
  std::string_view metric = StripTrailingWords(
      StripLeadingWords(TextBeforeSpan(*call.match), *call.lexicon, kLead), *call.lexicon, kTrail);
  if (!metric.empty()) *out = FieldValue::Text(std::string(metric));
  return true;
}

// rate_metric:LEX -- like metric_before, but only a clause that names a rate
// or share (ends in a RATE word: 率, 占比, 比例) counts as the metric.
bool RateMetric(const NormalizerCall& call, FieldValue* out) {
  std::string_view metric = StripTrailingWords(
      StripLeadingWords(TextBeforeSpan(*call.match), *call.lexicon, kLead), *call.lexicon, kTrail);
  if (!metric.empty() && EndsWithWord(metric, *call.lexicon, kRate)) *out = FieldValue::Text(std::string(metric));
  return true;
}

// qualifier:LEX -- the lexicon's value for a qualifier word; a numeral range
// (四五, 三四十) is APPROXIMATE, a rounded one (500余万, 一千多万) MORE_THAN;
// anything else leaves the field unset.
bool Qualifier(const NormalizerCall& call, FieldValue* out) {
  if (const std::string* v = call.lexicon->Find(call.input)) {
    *out = FieldValue::Text(*v);
    return true;
  }
  if (call.input.find("余") != std::string_view::npos || call.input.find("多") != std::string_view::npos) {
    *out = FieldValue::Text("MORE_THAN");
    return true;
  }
  std::optional<Numeral> n = ParseNormalizedNumeral(call.input);
  if (n && n->value_max) *out = FieldValue::Text("APPROXIMATE");
  return true;
}

}  // namespace

void RegisterClauseNormalizers(NormalizerRegistry* r) {
  r->Add({"counted_item", CountedItem, true, true,
          "counted_item:LEX: group `item` cut at a STOP word, else the clause before the span without LEAD words"});
  r->Add({"metric_before", MetricBefore, true, true,
          "metric_before:LEX: the clause before the span without LEAD and TRAIL words"});
  r->Add({"rate_metric", RateMetric, true, true,
          "rate_metric:LEX: metric_before, kept only when it ends in a RATE word (率, 占比)"});
  r->Add({"qualifier", Qualifier, true, true,
          "qualifier:LEX: the qualifier word's value; a numeral range (四五) is APPROXIMATE"});
}

}  // namespace tiqu
