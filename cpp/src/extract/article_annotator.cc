#include "extract/article_annotator.h"

#include <re2/re2.h>

#include <string>

#include "common/utf8.h"
#include "normalize/text_normalizer.h"

namespace tiqu {
namespace {

// A headline is at most this long; longer lines are text.
constexpr size_t kMaxHeadlineChars = 32;
// A bare byline is a name: 马瞰, 马 瞰.
constexpr size_t kMaxBareBylineChars = 3;  // four characters are a place or a unit (城关镇)

enum class LineKind {
  kShort,      // a headline, a heading, a unit, page furniture: no sentence punctuation
  kSubtitle,   // ——…
  kByline,     // 记者 张三 通讯员 李四
  kNewsLead,   // 本报讯(记者 张三)… opens the text
  kContinued,  // (上接第一版)
  kDateline,   // 2021年12月31日17:55 | 来源:…
  kCredit,     // (宁教组): a closing credit
  kFurniture,  // (责编:…) and other parenthesised lines
  kBody,
};

struct Line {
  size_t begin = 0, end = 0;  // trimmed of spaces
  LineKind kind = LineKind::kBody;
  size_t field_begin = 0, field_end = 0;  // the subtitle or byline inside the line
  size_t chars = 0;
};

size_t CountChars(std::string_view s) {
  size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

bool HasHan(std::string_view s) {
  size_t pos = 0;
  while (pos < s.size()) {
    int32_t c = NextCodePoint(s, &pos);
    if (c >= 0x3400 && c <= 0x9FFF) return true;
  }
  return false;
}

bool IsSentenceText(std::string_view s) {
  for (std::string_view p : {"。", ",", ";", "!", "?", "、", "…"}) {
    if (s.find(p) != std::string_view::npos) return true;
  }
  return false;
}

size_t HanCount(std::string_view s) {
  size_t n = 0, pos = 0;
  while (pos < s.size()) {
    int32_t c = NextCodePoint(s, &pos);
    n += c >= 0x3400 && c <= 0x9FFF;
  }
  return n;
}

Line Classify(std::string_view text, size_t begin, size_t end) {
  static const RE2 kSubtitle("^[—\\-]{1,3} ?(\\S.*)$");
  static const RE2 kByline("^[◆□■●▲★☆◇]? ?((?:本报)?(?:特约)?(?:记者|通讯员) ?\\S.*)$");
  static const RE2 kNewsLead("^本报讯 ?\\(([^()]{2,40})\\)");
  static const RE2 kContinued("^\\((?:上接|紧接|接上)[^()]{1,8}\\)$");
  static const RE2 kDateline("^[0-9]{4}年[0-9]{1,2}月[0-9]{1,2}日");
  static const RE2 kCredit("^\\((\\p{Han}{1,8}组)\\)$");
  static const RE2 kParenthesised("^\\(.*\\)$");
  while (begin < end && text[begin] == ' ') ++begin;
  while (end > begin && text[end - 1] == ' ') --end;
  Line line;
  line.begin = begin;
  line.end = end;
  std::string_view s = text.substr(begin, end - begin);
  line.chars = CountChars(s);
  re2::StringPiece field;
  auto set_field = [&](LineKind kind) {
    line.kind = kind;
    line.field_begin = field.data() - text.data();
    line.field_end = line.field_begin + field.size();
  };
  if (line.chars <= 50 && RE2::FullMatch(s, kSubtitle, &field) && HasHan(s)) {
    set_field(LineKind::kSubtitle);
  } else if (line.chars <= 40 && !IsSentenceText(s) && RE2::FullMatch(s, kByline, &field)) {
    set_field(LineKind::kByline);
  } else if (RE2::PartialMatch(s, kNewsLead, &field)) {
    set_field(LineKind::kNewsLead);
  } else if (RE2::FullMatch(s, kContinued)) {
    line.kind = LineKind::kContinued;
  } else if (line.chars <= 60 && RE2::PartialMatch(s, kDateline)) {
    line.kind = LineKind::kDateline;
  } else if (RE2::FullMatch(s, kCredit, &field)) {
    set_field(LineKind::kCredit);
  } else if (RE2::FullMatch(s, kParenthesised) && line.chars <= 40) {
    line.kind = LineKind::kFurniture;
  } else if (line.chars <= kMaxHeadlineChars && HasHan(s) && !IsSentenceText(s) && s.back() != ':') {
    line.kind = LineKind::kShort;
  }
  return line;
}

bool IsBareName(const Line& line, std::string_view text) {
  std::string_view s = text.substr(line.begin, line.end - line.begin);
  size_t han = HanCount(s);
  return line.kind == LineKind::kShort && han >= 2 && han <= kMaxBareBylineChars &&
         CountChars(s) <= kMaxBareBylineChars + 1;
}

// Lines that open an article's text right after its headline.
bool FollowsHeadline(LineKind kind) {
  return kind == LineKind::kSubtitle || kind == LineKind::kByline || kind == LineKind::kNewsLead ||
         kind == LineKind::kContinued || kind == LineKind::kDateline;
}

}  // namespace

std::vector<ArticleLayout> FindArticles(std::string_view text) {
  std::vector<Line> lines;
  for (size_t begin = 0; begin < text.size();) {
    size_t end = text.find('\n', begin);
    if (end == std::string_view::npos) end = text.size();
    Line line = Classify(text, begin, end);
    if (line.end > line.begin) lines.push_back(line);
    begin = end + 1;
  }

  struct Found {
    size_t first_line, title_line;
    ArticleLayout layout;
  };
  std::vector<Found> found;
  auto kind_at = [&](size_t i) { return i < lines.size() ? lines[i].kind : LineKind::kFurniture; };
  for (size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].kind != LineKind::kShort || IsBareName(lines[i], text)) continue;
    bool after_previous = !found.empty() && (i == 0 || found.back().title_line < i - 1);
    bool headline = FollowsHeadline(kind_at(i + 1));
    // 西宁市城北区 / 创新社区“微治理” / 近年来…: a unit line, then the headline.
    bool unit_then_headline = !headline && after_previous && i >= 1 && kind_at(i + 1) == LineKind::kBody &&
                              lines[i - 1].kind == LineKind::kShort && !IsBareName(lines[i - 1], text) &&
                              (i < 2 || lines[i - 2].kind != LineKind::kShort);
    if (!headline && !unit_then_headline) continue;
    size_t first = i;
    if (after_previous && i >= 1 && lines[i - 1].kind == LineKind::kShort && !IsBareName(lines[i - 1], text)) {
      first = i - 1;  // a kicker or the reporting unit
    }
    ArticleLayout a;
    a.begin = lines[first].begin;
    a.title_begin = lines[i].begin;
    a.title_end = lines[i].end;
    size_t j = i + 1;
    if (kind_at(j) == LineKind::kSubtitle) {
      a.subtitle_begin = lines[j].field_begin;
      a.subtitle_end = lines[j].field_end;
      ++j;
    }
    if (kind_at(j) == LineKind::kByline || kind_at(j) == LineKind::kNewsLead) {
      a.byline_begin = lines[j].field_begin;
      a.byline_end = lines[j].field_end;
    } else if (j < lines.size() && IsBareName(lines[j], text) && kind_at(j + 1) == LineKind::kBody) {
      a.byline_begin = lines[j].begin;
      a.byline_end = lines[j].end;
    }
    found.push_back({first, i, a});
  }

  // Without any cue, a page with a headline over its text is one article.
  if (found.empty()) {
    for (size_t i = 0; i + 1 < lines.size() && i < 5; ++i) {
      if (lines[i].kind == LineKind::kShort && lines[i + 1].kind == LineKind::kBody) {
        ArticleLayout a;
        a.begin = lines[i].begin;
        a.title_begin = lines[i].begin;
        a.title_end = lines[i].end;
        found.push_back({i, i, a});
        break;
      }
    }
  }

  std::vector<ArticleLayout> articles;
  for (size_t k = 0; k < found.size(); ++k) {
    size_t last = (k + 1 < found.size() ? found[k + 1].first_line : lines.size()) - 1;
    // Trailing page furniture (责编, 返回顶部, a banner) is not the article's.
    while (last > found[k].title_line && lines[last].kind != LineKind::kBody &&
           lines[last].kind != LineKind::kCredit && lines[last].kind != LineKind::kNewsLead) {
      --last;
    }
    ArticleLayout a = found[k].layout;
    a.end = lines[last].end;
    if (a.byline_end == a.byline_begin) {
      for (size_t l = last; l > found[k].title_line; --l) {
        if (lines[l].kind == LineKind::kCredit) {
          a.byline_begin = lines[l].field_begin;
          a.byline_end = lines[l].field_end;
          break;
        }
        if (lines[l].kind == LineKind::kBody) break;
      }
    }
    articles.push_back(a);
  }
  return articles;
}

namespace {

// The first byte of `normalized` whose original offset is at or after
// `original` (the map is monotonic).
size_t NormalizedAt(const NormalizedText& normalized, size_t original) {
  size_t lo = 0, hi = normalized.text.size();
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (normalized.map.ToOriginalBegin(mid) < original) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo;
}

}  // namespace

void AnnotateArticles(const DocumentContext& doc, std::vector<Candidate>* facts) {
  // Lines as written: the matching text joins a line broken between two
  // word characters, which would glue a headline to the line above it.
  NormalizedText lines;
  NormalizeOptions options;
  options.join_broken_lines = false;
  NormalizeText(doc.original, options, &lines);
  // Fields are protobuf strings, which must be valid UTF-8 (Python refuses
  // to parse a Document otherwise): invalid input bytes become U+FFFD, as in
  // Fact.text.
  bool repair = lines.invalid_sequences > 0;
  auto original = [&](size_t begin, size_t end) {
    size_t b = lines.map.ToOriginalBegin(begin);
    size_t e = lines.map.ToOriginalEnd(end);
    std::string_view raw = doc.original.substr(b, e - b);
    return repair ? RepairUtf8(raw) : std::string(raw);
  };
  for (const ArticleLayout& a : FindArticles(lines.text)) {
    Candidate c;
    c.begin = NormalizedAt(*doc.normalized, lines.map.ToOriginalBegin(a.begin));
    c.end = NormalizedAt(*doc.normalized, lines.map.ToOriginalEnd(a.end));
    if (c.end <= c.begin) continue;
    c.fact.set_type(v1::Fact::ARTICLE);
    c.fact.set_rule("article.layout");
    v1::Article* article = c.fact.mutable_article();
    article->set_title(original(a.title_begin, a.title_end));
    if (a.subtitle_end > a.subtitle_begin) article->set_subtitle(original(a.subtitle_begin, a.subtitle_end));
    if (a.byline_end > a.byline_begin) article->set_byline(original(a.byline_begin, a.byline_end));
    facts->push_back(std::move(c));
  }
}

}  // namespace tiqu
