#include "values/entity_normalizers.h"

#include <algorithm>
#include <vector>

#include "common/utf8.h"
#include "values/gazetteer.h"

namespace tiqu {
namespace {

// The word lists of cpp/rules/zh/data that the entity normalizers share.
struct EntityWords {
  WordTable place_suffixes;  // suffix -> level, longest stem
  WordTable boundaries;      // character -> "hard" / "soft"
  // The boundaries of the CJK blocks by code point (0 none, 1 soft, 2 hard):
  // StopKind asks about single characters, most often of all lookups.
  static constexpr char32_t kFirstStopChar = 0x3400, kEndStopChar = 0xA000;
  std::vector<uint8_t> stop_by_char;
  WordTable place_nonnames;
  WordTable preceding_words;  // 走进, 加强: words that end before a name
  WordTable surnames;
  WordTable person_words;  // follow / nonname
  WordTable person_titles;
  WordTable person_credits;  // credit word -> role
  WordTable org_suffixes;    // suffix -> category
  WordTable org_heads;       // head word -> admin level

  static const EntityWords& Get() {
    static const EntityWords* words = [] {
      auto* w = new EntityWords();
      w->place_suffixes = WordTable::Parse(EmbeddedData("zh/data/place_suffixes.tsv"));
      w->boundaries = WordTable::Parse(EmbeddedData("zh/data/name_boundaries.tsv"));
      w->stop_by_char.assign(kEndStopChar - kFirstStopChar, 0);
      w->boundaries.ForEach([&](std::string_view entry, const std::vector<std::string>& columns) {
        size_t pos = 0;
        int32_t c = entry.empty() ? -1 : NextCodePoint(entry, &pos);
        // Only entries of one character in the blocks; others stay in the table.
        if (c < 0 || pos != entry.size() || static_cast<char32_t>(c) < kFirstStopChar ||
            static_cast<char32_t>(c) >= kEndStopChar) {
          return;
        }
        uint8_t kind = columns.empty() ? 0 : columns[0] == "hard" ? 2 : 1;
        w->stop_by_char[static_cast<char32_t>(c) - kFirstStopChar] = kind;
      });
      w->place_nonnames = WordTable::Parse(EmbeddedData("zh/data/place_nonnames.txt"));
      w->preceding_words = WordTable::Parse(EmbeddedData("zh/data/name_preceding_words.txt"));
      w->surnames = WordTable::Parse(EmbeddedData("zh/data/surnames.txt"));
      w->person_words = WordTable::Parse(EmbeddedData("zh/data/person_words.tsv"));
      w->person_titles = WordTable::Parse(EmbeddedData("zh/data/person_titles.txt"));
      w->person_credits = WordTable::Parse(EmbeddedData("zh/data/person_credits.tsv"));
      w->org_suffixes = WordTable::Parse(EmbeddedData("zh/data/org_suffixes.tsv"));
      w->org_heads = WordTable::Parse(EmbeddedData("zh/data/org_heads.tsv"));
      return w;
    }();
    return *words;
  }
};

// A short run of text as code points, with the byte offset of each. The
// normalizers build one or more per match, mostly of a few characters, so
// runs up to kInlineBytes live on the stack; longer ones use the heap.
class Chars {
 public:
  explicit Chars(std::string_view text) : text_(text) {
    if (text.size() <= kInlineBytes) {
      chars_ = inline_chars_;
      offsets_ = inline_offsets_;
    } else {
      heap_chars_.resize(text.size());
      heap_offsets_.resize(text.size() + 1);
      chars_ = heap_chars_.data();
      offsets_ = heap_offsets_.data();
    }
    size_t pos = 0;
    while (pos < text.size()) {
      offsets_[size_] = static_cast<uint32_t>(pos);
      int32_t c = NextCodePoint(text, &pos);
      chars_[size_++] = c < 0 ? U'\uFFFD' : static_cast<char32_t>(c);
    }
    offsets_[size_] = static_cast<uint32_t>(text.size());
  }
  Chars(const Chars&) = delete;
  Chars& operator=(const Chars&) = delete;

  size_t size() const { return size_; }
  char32_t operator[](size_t i) const { return chars_[i]; }
  // The text of characters [b, e).
  std::string_view Sub(size_t b, size_t e) const { return text_.substr(offsets_[b], offsets_[e] - offsets_[b]); }
  size_t Offset(size_t i) const { return offsets_[i]; }

 private:
  static constexpr size_t kInlineBytes = 96;
  std::string_view text_;
  size_t size_ = 0;
  char32_t* chars_;
  uint32_t* offsets_;
  // A character takes at least one byte, so a run has at most as many
  // characters as bytes.
  char32_t inline_chars_[kInlineBytes];
  uint32_t inline_offsets_[kInlineBytes + 1];
  std::vector<char32_t> heap_chars_;
  std::vector<uint32_t> heap_offsets_;
};

enum class Stop { kNone, kSoft, kHard };

Stop StopKind(const Chars& c, size_t i) {
  const EntityWords& w = EntityWords::Get();
  // A character in the blocks was decoded from its canonical UTF-8, which is
  // what the table's entry would be.
  if (c[i] >= EntityWords::kFirstStopChar && c[i] < EntityWords::kEndStopChar) {
    return static_cast<Stop>(w.stop_by_char[c[i] - EntityWords::kFirstStopChar]);
  }
  const std::vector<std::string>* v = w.boundaries.Find(c.Sub(i, i + 1));
  if (v == nullptr || v->empty()) return Stop::kNone;
  return (*v)[0] == "hard" ? Stop::kHard : Stop::kSoft;
}

bool IsHan(char32_t c) { return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF); }

// One division of a place chain: characters [begin, end) of the run.
struct Part {
  size_t begin = 0, end = 0;
  const std::vector<int>* divisions = nullptr;  // gazetteer candidates, when known
  std::string level;                            // for unknown parts: from the suffix
  bool needs_parent = false;                    // a zone (示范区) named only under a place
};

class PlaceParser {
 public:
  PlaceParser(const Chars& chars, size_t input_begin, bool boundary_before, std::string_view next)
      : c_(chars), input_begin_(input_begin), boundary_before_(boundary_before), next_(next), words_(EntityWords::Get()), gazetteer_(Gazetteer::Builtin()) {}

  // The chain of divisions that ends where the run ends.
  bool Parse(PlaceName* out) {
    std::vector<Part> parts;
    size_t begin = 0;
    if (!ChainEndingAt(c_.size(), &parts, &begin)) return false;

    std::string parent;
    const Division* last_known = nullptr;
    const Division* resolved_last = nullptr;
    for (size_t i = 0; i < parts.size(); ++i) {
      resolved_last = nullptr;
      if (parts[i].divisions == nullptr) continue;
      int d = gazetteer_.Resolve(*parts[i].divisions, parent);
      if (d < 0) continue;
      last_known = resolved_last = &gazetteer_.division(d);
      parent = last_known->code;
    }
    const Part& last = parts.back();
    out->parts = static_cast<int>(parts.size());
    out->begin = c_.Offset(begin);
    out->end = c_.Offset(last.end);
    out->code.clear();
    out->province.clear();
    if (resolved_last != nullptr) {
      out->code = resolved_last->code;
      out->level = resolved_last->level;
    } else if (last.divisions != nullptr) {
      out->level = gazetteer_.division((*last.divisions)[0]).level;
    } else {
      out->level = last.level;
    }
    if (last_known != nullptr) out->province = gazetteer_.ProvinceOf(*last_known);
    return true;
  }

 private:
  // The chain of parts whose last part ends at `end`, and where it begins.
  bool ChainEndingAt(size_t end, std::vector<Part>* parts, size_t* begin) const {
    Part p;
    if (!KnownEndingAt(end, /*last=*/true, &p) && !UnknownEndingAt(end, /*allow_default=*/true, &p)) return false;
    parts->push_back(p);
    // Larger divisions before it: 西宁市 before 城东区.
    while (parts->front().begin >= 2) {
      size_t at = parts->front().begin;
      if (!KnownEndingAt(at, /*last=*/false, &p) && !UnknownEndingAt(at, /*allow_default=*/false, &p)) break;
      parts->insert(parts->begin(), p);
    }
    // 市城乡一体化示范区: one character for "this city" before a named zone.
    *begin = parts->front().begin;
    bool level_char = false;
    if (parts->front().divisions == nullptr && *begin >= 1 && IsLevelChar(c_[*begin - 1]) && Boundary(*begin - 1)) {
      --*begin;
      level_char = true;
    }
    return !(parts->size() == 1 && (*parts)[0].needs_parent && !level_char);
  }

  static bool IsLevelChar(char32_t ch) { return ch == U'省' || ch == U'市' || ch == U'区' || ch == U'县'; }

  // Length in characters of the place suffix that ends at `end`, or 0.
  size_t SuffixLengthEndingAt(size_t end) const {
    for (size_t n = std::min(end, words_.place_suffixes.max_entry_chars()); n > 0; --n) {
      if (words_.place_suffixes.Contains(c_.Sub(end - n, end))) return n;
    }
    return 0;
  }

  // Whether a name may start at character `i`: the word before it has ended.
  bool Boundary(size_t i) const {
    if (i == 0) return boundary_before_;
    if (!IsHan(c_[i - 1]) || StopKind(c_, i - 1) != Stop::kNone) return true;
    if (SuffixLengthEndingAt(i) > 0) return true;
    for (size_t n = 2; n <= std::min(i, words_.preceding_words.max_entry_chars()); ++n) {
      if (words_.preceding_words.Contains(c_.Sub(i - n, i))) return true;
    }
    return false;
  }

  // Whether characters [b, e) start with a word that governs names (加强, 走进).
  bool StartsWithPrecedingWord(size_t b, size_t e) const {
    for (size_t n = 2; n <= std::min(e - b, words_.preceding_words.max_entry_chars()); ++n) {
      if (words_.preceding_words.Contains(c_.Sub(b, b + n))) return true;
    }
    return false;
  }

  // A suffix glued to the next character makes a word (市场, 村民).
  bool GluedToNext(size_t end) const {
    if (end < 1) return false;
    if (end < c_.size()) return words_.place_nonnames.Contains(c_.Sub(end - 1, end + 1));
    if (next_.empty()) return false;
    std::string word(c_.Sub(end - 1, end));
    word += next_;
    return words_.place_nonnames.Contains(word);
  }

  // The longest gazetteer name (full or short form) that ends at `end`.
  // A bare short form (西宁, 青海) counts only as exactly what the rule
  // matched, or before a larger part (青海西宁市): 召开州 does not hold 开州.
  bool KnownEndingAt(size_t end, bool last, Part* out) const {
    if (end == 0 || GluedToNext(end)) return false;
    // Lengths that no gazetteer name ending in this character has are skipped.
    size_t longest = std::min<size_t>({end, 12, gazetteer_.MaxCharsEndingWith(c_[end - 1])});
    for (size_t n = longest; n >= 2; --n) {
      std::string_view name = c_.Sub(end - n, end);
      const std::vector<int>* found = gazetteer_.Find(name);
      if (found == nullptr || words_.place_nonnames.Contains(name)) continue;
      if (last && gazetteer_.IsBareForm(name) && !(end - n == input_begin_ && end == c_.size())) continue;
      // 宝塔城市: a name ending in a word (城市) needs a boundary before it.
      if (words_.place_nonnames.Contains(c_.Sub(end - 2, end)) && !Boundary(end - n)) continue;
      out->begin = end - n;
      out->end = end;
      out->divisions = found;
      return true;
    }
    return false;
  }

  // A name the gazetteer does not know (a subdistrict, a community): a stem
  // of two or more characters before a suffix that allows unknown names.
  bool UnknownEndingAt(size_t end, bool allow_default, Part* out) const {
    size_t suffix = SuffixLengthEndingAt(end);
    if (suffix == 0 || GluedToNext(end)) return false;
    const std::vector<std::string>& info = *words_.place_suffixes.Find(c_.Sub(end - suffix, end));
    size_t longest = info.size() > 1 ? static_cast<size_t>(std::atoi(info[1].c_str())) : 0;
    std::string_view how = info.size() > 2 ? std::string_view(info[2]) : std::string_view();
    if (how != "guess") allow_default = false;
    size_t stem_end = end - suffix;
    if (longest < 2 || stem_end < 2) return false;
    // 农村, 城乡: a one-character suffix that ends a common word.
    if (suffix == 1 && words_.place_nonnames.Contains(c_.Sub(end - 2, end))) return false;
    if (suffix == 1 && end >= 3 && words_.place_nonnames.Contains(c_.Sub(end - 3, end))) return false;
    size_t chosen = 0;
    for (size_t n = std::min(longest, stem_end); n >= 2 && chosen == 0; --n) {
      if (StemOk(stem_end - n, stem_end) && Boundary(stem_end - n)) chosen = n;
    }
    // Most village and community names have two characters.
    if (chosen == 0 && allow_default && StemOk(stem_end - 2, stem_end) &&
        StopKind(c_, stem_end - 2) == Stop::kNone) {
      chosen = 2;
    }
    if (chosen == 0) return false;
    out->begin = stem_end - chosen;
    out->end = end;
    out->divisions = nullptr;
    out->level = info.empty() ? "OTHER" : info[0];
    out->needs_parent = how == "parent";
    return true;
  }

  // A stem holds no function word, no verb ending inside it, no suffix of a
  // county or larger division, and is not a generic word (基层, 城乡).
  bool StemOk(size_t b, size_t e) const {
    for (size_t i = b; i < e; ++i) {
      if (!IsHan(c_[i])) return false;
      Stop s = StopKind(c_, i);
      if (s == Stop::kHard || (s == Stop::kSoft && i > b)) return false;
      if (IsLevelChar(c_[i])) return false;
    }
    // 美丽乡|村: a stem ending in a township or village suffix is a word, not a name.
    char32_t last = c_[e - 1];
    if (last == U'乡' || last == U'镇' || last == U'村') return false;
    return !words_.place_nonnames.Contains(c_.Sub(b, e)) && !StartsWithPrecedingWord(b, e);
  }

  const Chars& c_;
  size_t input_begin_;  // the character where the rule's match starts
  bool boundary_before_;
  std::string_view next_;  // the character after the run
  const EntityWords& words_;
  const Gazetteer& gazetteer_;
};

// How far before its suffix a place chain may start, in characters
// (西宁市城北区马坊街道幸福社区 has fourteen).
constexpr size_t kMaxPlaceChars = 16;

// The place that ends where a rule's match ends, in the text before it.
struct PlaceMatch {
  std::string_view run;  // the Han characters before and including the match
  PlaceName place;       // offsets into `run`
};

// The character after `input` within the match's context, or "".
std::string_view NextCharAfter(const NormalizerCall& call) {
  std::string_view context = call.match != nullptr ? call.match->Context() : std::string_view();
  const char* end = call.input.data() + call.input.size();
  if (end < context.data() || end >= context.data() + context.size()) return {};
  size_t at = end - context.data();
  size_t pos = at;
  NextCodePoint(context, &pos);
  return context.substr(at, pos - at);
}

// The place found for a normalizer's input; the last result is kept because
// a rule's fields (name, level, code, province) all ask about the same match.
const PlaceMatch* PlaceOf(const NormalizerCall& call) {
  // What the last result was computed from; compared field by field so
  // that a cache hit (and a miss) allocates nothing.
  struct Key {
    bool valid = false;
    std::string run;
    size_t chars_before = 0;
    bool boundary_before = false;
    std::string next;
  };
  thread_local Key last_key;
  thread_local bool last_found = false;
  thread_local PlaceMatch last;
  std::string_view context = call.match != nullptr ? call.match->Context() : std::string_view();
  const char* input_end = call.input.data() + call.input.size();
  if (context.empty() || call.input.data() < context.data() || input_end > context.data() + context.size()) {
    context = call.input;
  }
  // Walk back over the Han characters before the match.
  size_t run_begin = call.input.data() - context.data();
  size_t input_begin = run_begin;
  size_t chars_before = 0;
  bool boundary_before = true;
  while (run_begin > 0) {
    size_t prev = run_begin - 1;
    while (prev > 0 && (static_cast<unsigned char>(context[prev]) & 0xC0) == 0x80) --prev;
    size_t pos = prev;
    int32_t c = NextCodePoint(context, &pos);
    if (c < 0 || !IsHan(static_cast<char32_t>(c))) break;
    if (chars_before == kMaxPlaceChars) {
      boundary_before = false;
      break;
    }
    run_begin = prev;
    ++chars_before;
  }
  std::string_view run = context.substr(run_begin, input_end - (context.data() + run_begin));
  std::string_view next = NextCharAfter(call);
  if (!(last_key.valid && last_key.chars_before == chars_before && last_key.boundary_before == boundary_before &&
        last_key.run == run && last_key.next == next)) {
    last_key.valid = true;
    last_key.run.assign(run.data(), run.size());
    last_key.chars_before = chars_before;
    last_key.boundary_before = boundary_before;
    last_key.next.assign(next.data(), next.size());
    Chars chars(run);
    last.run = run;
    last_found = chars.size() >= 2 &&
                 PlaceParser(chars, chars_before, boundary_before, next).Parse(&last.place);
  }
  last.run = run;
  return last_found ? &last : nullptr;
}

// The code point at byte `pos` of `s`, or 0 past its end.
char32_t CharAt(std::string_view s, size_t pos) {
  if (pos >= s.size()) return 0;
  int32_t c = NextCodePoint(s, &pos);
  return c < 0 ? 0 : static_cast<char32_t>(c);
}

// A subdistrict or community that starts a clause and is followed by what
// it does (新城街道开展..., 园林路北社区坚持...) is the body acting, an
// ORGANIZATION; followed by a noun of its own (党委, 广场) it is a place.
bool ActsAsBody(const NormalizerCall& call, const PlaceMatch& found) {
  const PlaceName& place = found.place;
  if (place.parts != 1 || !place.code.empty() || (place.level != "TOWNSHIP" && place.level != "VILLAGE")) {
    return false;
  }
  std::string_view context = call.match != nullptr ? call.match->Context() : call.input;
  const char* name = found.run.data() + place.begin;
  if (name < context.data() || name > context.data() + context.size()) return false;
  size_t at = name - context.data();
  if (at > 0) {
    size_t prev = at - 1;
    while (prev > 0 && (static_cast<unsigned char>(context[prev]) & 0xC0) == 0x80) --prev;
    static const std::u32string_view kClauseEnds = U",.;:!?。,;:!?\n ";
    if (kClauseEnds.find(CharAt(context, prev)) == std::u32string_view::npos) return false;
  }
  // The prefilter of organization.acting_place leaves out sentences where
  // only these follow: a character removed here must go there too.
  static const std::u32string_view kOwnNouns = U"党委居广的辖内里中、和与及";
  char32_t next = CharAt(context, at + (place.end - place.begin));
  return next != 0 && IsHan(next) && kOwnNouns.find(next) == std::u32string_view::npos;
}

// place: the place name that ends where the match ends (the match is its
// suffix, or a bare name); the span becomes the name. The match is dropped
// when the text holds no name there.
bool Place(const NormalizerCall& call, FieldValue* out) {
  const PlaceMatch* found = PlaceOf(call);
  if (found == nullptr || ActsAsBody(call, *found)) return false;
  std::string_view name = found->run.substr(found->place.begin, found->place.end - found->place.begin);
  if (call.span != nullptr) *call.span = name;
  *out = FieldValue::Text(std::string(name));
  return true;
}

bool PlaceLevel(const NormalizerCall& call, FieldValue* out) {
  const PlaceMatch* found = PlaceOf(call);
  if (found == nullptr) return false;
  if (!found->place.level.empty()) *out = FieldValue::Text(found->place.level);
  return true;
}

bool PlaceCode(const NormalizerCall& call, FieldValue* out) {
  const PlaceMatch* found = PlaceOf(call);
  if (found == nullptr) return false;
  if (!found->place.code.empty()) *out = FieldValue::Text(found->place.code);
  return true;
}

bool PlaceProvince(const NormalizerCall& call, FieldValue* out) {
  const PlaceMatch* found = PlaceOf(call);
  if (found == nullptr) return false;
  if (!found->place.province.empty()) *out = FieldValue::Text(found->place.province);
  return true;
}


// ---- PERSON ---------------------------------------------------------------

bool HasTag(const WordTable& table, std::string_view word, std::string_view tag) {
  const std::vector<std::string>* v = table.Find(word);
  return v != nullptr && !v->empty() && (*v)[0] == tag;
}

// The name that starts at byte `at` of `text`: a surname and one or two
// given characters; its length in bytes, or 0.
size_t NameLengthAt(std::string_view text, size_t at) {
  const EntityWords& w = EntityWords::Get();
  Chars c(text.substr(at, std::min<size_t>(text.size() - at, 5 * 4)));
  size_t n = 0;
  while (n < c.size() && IsHan(c[n]) && n < 4) ++n;
  if (n < 2) return 0;
  size_t surname = n >= 3 && w.surnames.Contains(c.Sub(0, 2)) ? 2 : w.surnames.Contains(c.Sub(0, 1)) ? 1 : 0;
  // 和 and 向 are surnames too, but far more often the word before a noun.
  if (surname == 0 || StopKind(c, 0) != Stop::kNone) return 0;
  for (size_t i = surname; i < std::min<size_t>(n, surname + 2); ++i) {
    if (StopKind(c, i) == Stop::kHard) {
      n = i;
      break;
    }
  }
  size_t given = std::min<size_t>(n - surname, 2);
  if (given == 2 && HasTag(w.person_words, c.Sub(surname + 1, surname + 2), "follow")) given = 1;
  if (given == 0) return 0;
  size_t len = surname + given;
  for (size_t k = 2; k <= len; ++k) {
    if (HasTag(w.person_words, c.Sub(0, k), "nonname")) return 0;
  }
  return c.Offset(len);
}

// Skips spaces, colons and the 本报 of a byline after a credit word.
size_t SkipCreditGap(std::string_view text, size_t pos) {
  while (pos < text.size()) {
    if (text[pos] == ' ' || text[pos] == ':' || text[pos] == '\t') {
      ++pos;
    } else if (text.compare(pos, 3, "\xEF\xBC\x9A") == 0) {  // full-width colon
      pos += 3;
    } else {
      break;
    }
  }
  return pos;
}

struct Context {
  std::string_view text;
  size_t begin = 0, end = 0;  // the input's bytes within `text`
};

Context ContextOf(const NormalizerCall& call) {
  Context c;
  std::string_view context = call.match != nullptr ? call.match->Context() : std::string_view();
  const char* input_end = call.input.data() + call.input.size();
  if (context.empty() || call.input.data() < context.data() || input_end > context.data() + context.size()) {
    context = call.input;
  }
  c.text = context;
  c.begin = call.input.data() - context.data();
  c.end = c.begin + call.input.size();
  return c;
}

// The byte where the character before `pos` starts.
size_t PrevChar(std::string_view text, size_t pos) {
  if (pos == 0) return 0;
  --pos;
  while (pos > 0 && (static_cast<unsigned char>(text[pos]) & 0xC0) == 0x80) --pos;
  return pos;
}

// The name that ends at byte `end` of `text` and starts after a word
// boundary (punctuation, a function word, a title word): 刘永婷 in 。刘永婷说.
bool NameEndingAt(std::string_view text, size_t end, size_t* begin) {
  const EntityWords& w = EntityWords::Get();
  for (size_t chars = 3; chars >= 2; --chars) {
    size_t b = end;
    for (size_t i = 0; i < chars && b > 0; ++i) b = PrevChar(text, b);
    if (b == end) continue;
    if (NameLengthAt(text, b) != end - b) continue;
    if (b > 0) {
      size_t p = PrevChar(text, b);
      Chars before(text.substr(p, b - p));
      bool boundary = !IsHan(before[0]) || StopKind(before, 0) != Stop::kNone;
      for (size_t n = 2; !boundary && n <= 4; ++n) {
        size_t q = b;
        for (size_t i = 0; i < n && q > 0; ++i) q = PrevChar(text, q);
        std::string_view word = text.substr(q, b - q);
        boundary = w.person_titles.Contains(word) || w.preceding_words.Contains(word);
      }
      if (!boundary) continue;
    }
    *begin = b;
    return true;
  }
  return false;
}

// Whether a character ends the text before a title: a function word, or a
// preposition that introduces the person (会议由...主持, 与...座谈). The
// characters of organization words (委, 局, 部) that end place names do not.
bool BreaksTitle(const Chars& one) {
  static const std::u32string_view kOrgChars = U"委局厅部院";
  static const std::u32string_view kPrepositions = U"由和与同向对到为请邀陪随经及";
  if (kOrgChars.find(one[0]) != std::u32string_view::npos) return false;
  return StopKind(one, 0) == Stop::kHard || kPrepositions.find(one[0]) != std::u32string_view::npos;
}

// The titles that end at byte `end` of `text`, in order: 市政协副主席、
// 示范区党工委副书记. Each starts after punctuation or a function word.
std::vector<std::string> TitlesEndingAt(std::string_view text, size_t end) {
  const EntityWords& w = EntityWords::Get();
  std::vector<std::string> titles;
  while (end > 0) {
    size_t b = end;
    size_t chars = 0;
    while (b > 0 && chars < 24) {
      size_t p = PrevChar(text, b);
      Chars one(text.substr(p, b - p));
      if (!IsHan(one[0]) || BreaksTitle(one)) break;
      b = p;
      ++chars;
    }
    if (b == end) break;
    titles.insert(titles.begin(), std::string(text.substr(b, end - b)));
    // Another title before it, after 、 and ending in a position word?
    if (b < 3 || text.compare(PrevChar(text, b), 3, "、") != 0) break;
    size_t prev_end = PrevChar(text, b);
    bool is_title = false;
    for (size_t n = 2; n <= w.person_titles.max_entry_chars() && !is_title; ++n) {
      size_t q = prev_end;
      for (size_t i = 0; i < n && q > 0; ++i) q = PrevChar(text, q);
      is_title = w.person_titles.Contains(text.substr(q, prev_end - q));
    }
    if (!is_title) break;
    end = prev_end;
  }
  return titles;
}

// What a list of names (张旭、王轶、王磊) hangs on: the credit word or the
// titles before its first name.
struct ListHead {
  std::string role;
  std::vector<std::string> titles;
};

bool ListHeadBefore(std::string_view text, size_t comma, ListHead* head) {
  const EntityWords& w = EntityWords::Get();
  size_t end = comma;
  for (int items = 0; items < 30; ++items) {
    size_t b = 0;
    if (!NameEndingAt(text, end, &b)) return false;
    // Before the name: another 、, or the head.
    size_t p = PrevChar(text, b);
    if (b >= 3 && text.compare(p, 3, "、") == 0) {
      end = p;
      continue;
    }
    size_t q = b;
    while (q > 0 && (text[q - 1] == ' ' || text[q - 1] == ':')) --q;
    if (q >= 3 && text.compare(q - 3, 3, "\xEF\xBC\x9A") == 0) q -= 3;
    for (size_t n = 2; n <= 4; ++n) {
      size_t s = q;
      for (size_t i = 0; i < n && s > 0; ++i) s = PrevChar(text, s);
      std::string_view word = text.substr(s, q - s);
      if (const std::vector<std::string>* role = w.person_credits.Find(word)) {
        head->role = role->empty() ? "" : (*role)[0];
        return true;
      }
      if (w.person_titles.Contains(word) && q == b) {
        head->titles = TitlesEndingAt(text, q);
        return true;
      }
    }
    return false;
  }
  return false;
}

// person_after: the name right after the match (a credit word or a title);
// the span becomes the name.
bool PersonAfter(const NormalizerCall& call, FieldValue* out) {
  Context c = ContextOf(call);
  size_t at = SkipCreditGap(c.text, c.end);
  size_t len = NameLengthAt(c.text, at);
  if (len == 0) return false;
  // The word after a name starts anew (宋力主持, 张旭、): 党员管理实现 holds none.
  size_t after = at + len;
  if (after < c.text.size()) {
    Chars next(c.text.substr(after, std::min<size_t>(4, c.text.size() - after)));
    if (next.size() > 0 && IsHan(next[0]) && !HasTag(EntityWords::Get().person_words, next.Sub(0, 1), "follow")) {
      return false;
    }
  }
  std::string_view name = c.text.substr(at, len);
  if (call.span != nullptr) *call.span = name;
  *out = FieldValue::Text(std::string(name));
  return true;
}

// person_before: the name right before the match (刘永婷说, 习近平总书记).
bool PersonBefore(const NormalizerCall& call, FieldValue* out) {
  Context c = ContextOf(call);
  size_t begin = 0;
  if (!NameEndingAt(c.text, c.begin, &begin)) return false;
  std::string_view name = c.text.substr(begin, c.begin - begin);
  if (call.span != nullptr) *call.span = name;
  *out = FieldValue::Text(std::string(name));
  return true;
}

// person_in_list: the name after a 、 in a list that hangs on a credit or
// a title; the span becomes the name.
bool PersonInList(const NormalizerCall& call, FieldValue* out) {
  Context c = ContextOf(call);
  ListHead head;
  if (!ListHeadBefore(c.text, c.begin, &head)) return false;
  return PersonAfter(call, out);
}

// person_list_role / person_list_titles: what the list's head gives each name.
bool PersonListRole(const NormalizerCall& call, FieldValue* out) {
  Context c = ContextOf(call);
  ListHead head;
  if (ListHeadBefore(c.text, c.begin, &head) && !head.role.empty()) *out = FieldValue::Text(head.role);
  return true;
}

bool PersonListTitles(const NormalizerCall& call, FieldValue* out) {
  Context c = ContextOf(call);
  ListHead head;
  if (ListHeadBefore(c.text, c.begin, &head) && !head.titles.empty()) *out = FieldValue::Texts(head.titles);
  return true;
}

// person_titles: the chain of titles that ends where the match (a position
// word) ends.
bool PersonTitles(const NormalizerCall& call, FieldValue* out) {
  Context c = ContextOf(call);
  std::vector<std::string> titles = TitlesEndingAt(c.text, c.end);
  if (!titles.empty()) *out = FieldValue::Texts(std::move(titles));
  return true;
}

// person_role: the role a credit word gives; a photo credit (记者 姬慧洋摄)
// makes the name's bearer the photographer.
bool PersonRole(const NormalizerCall& call, FieldValue* out) {
  Context c = ContextOf(call);
  size_t at = SkipCreditGap(c.text, c.end);
  size_t len = NameLengthAt(c.text, at);
  if (len > 0 && c.text.compare(at + len, 3, "摄") == 0) {
    *out = FieldValue::Text("PHOTOGRAPHER");
    return true;
  }
  if (const std::vector<std::string>* role = EntityWords::Get().person_credits.Find(call.input)) {
    if (!role->empty()) *out = FieldValue::Text((*role)[0]);
  }
  return true;
}

// ---- ORGANIZATION ------------------------------------------------------------

bool IsLevelCharOrg(char32_t ch) { return ch == U'省' || ch == U'市' || ch == U'区' || ch == U'县'; }

struct OrgName {
  size_t begin = 0;  // byte in the context where the name starts
  std::string level;
};

// What starts an organization's name at character `i`: a gazetteer place
// (西宁市城东区委), a head word (国家, 全国) or a level character (省委); the
// admin level it gives, or "" when nothing does.
std::string OrgHeadAt(const Chars& c, size_t i, size_t limit) {
  const EntityWords& w = EntityWords::Get();
  const Gazetteer& g = Gazetteer::Builtin();
  std::string level;
  size_t pos = i;
  // A chain of known places: the last one gives the level.
  while (pos < limit) {
    size_t found = 0;
    size_t longest = std::min<size_t>({limit - pos, 10, g.MaxCharsStartingWith(c[pos])});
    for (size_t n = longest; n >= 2; --n) {
      const std::vector<int>* d = g.Find(c.Sub(pos, pos + n));
      if (d != nullptr && !w.place_nonnames.Contains(c.Sub(pos, pos + n))) {
        level = g.division((*d)[0]).level;
        found = n;
        break;
      }
    }
    if (found == 0) break;
    pos += found;
  }
  if (pos > i) return level;
  // A community or subdistrict the gazetteer does not know: 园林路北社区党总支.
  for (size_t j = i + 2; j + 1 < limit && j <= i + 6; ++j) {
    if (StopKind(c, j - 1) != Stop::kNone || !IsHan(c[j - 1])) break;
    std::string_view two = c.Sub(j, j + 2);
    if (two == "社区") return "VILLAGE";
    if (two == "街道") return "TOWNSHIP";
  }
  for (size_t n = std::min<size_t>(limit - i, 4); n >= 1; --n) {
    const std::vector<std::string>* v = w.org_heads.Find(c.Sub(i, i + n));
    if (v != nullptr && !v->empty()) return (*v)[0];
  }
  return "";
}

// The start of the organization whose name ends with the suffix at
// characters [suffix_begin, end) of `c`.
bool FindOrgStart(const Chars& c, size_t suffix_begin, bool boundary_before, size_t* start, std::string* level) {
  const EntityWords& w = EntityWords::Get();
  size_t earliest = suffix_begin;
  while (earliest > 0 && suffix_begin - earliest < 20) {
    Chars one(c.Sub(earliest - 1, earliest));
    if (!IsHan(one[0])) break;
    if (BreaksTitle(one)) {
      // 全国政协: a head word may start with a function character.
      if (earliest < suffix_begin && w.org_heads.Contains(c.Sub(earliest - 1, earliest + 1))) --earliest;
      break;
    }
    // 省政协|立足..., 税务局|联合市残联: a body ends where a verb follows it.
    bool verb_after_org = false;
    if (earliest < suffix_begin) {
      for (size_t n = 2; n <= 4 && earliest + n <= suffix_begin && !verb_after_org; ++n) {
        verb_after_org = w.preceding_words.Contains(c.Sub(earliest, earliest + n));
      }
    }
    if (verb_after_org) {
      bool after_org = false;
      for (size_t n = 1; n <= std::min<size_t>(earliest, 3) && !after_org; ++n) {
        after_org = w.org_suffixes.Contains(c.Sub(earliest - n, earliest));
      }
      if (after_org) break;
    }
    --earliest;
  }
  auto boundary = [&](size_t i) {
    if (i == 0) return boundary_before;
    if (i == earliest) return true;
    if (StopKind(c, i - 1) != Stop::kNone) return true;
    for (size_t n = 2; n <= std::min<size_t>(i, 4); ++n) {
      if (w.preceding_words.Contains(c.Sub(i - n, i))) return true;
    }
    return false;
  };
  // A body that ends right before a level character starts a new name:
  // 城东区委|区政府.
  for (size_t i = suffix_begin; i > earliest; --i) {
    if (i < suffix_begin + 1 && i == suffix_begin) continue;
    bool after_org = false;
    for (size_t n = 1; n <= std::min<size_t>(i, 3) && !after_org; ++n) {
      after_org = w.org_suffixes.Contains(c.Sub(i - n, i));
    }
    if (after_org && i < suffix_begin) {
      std::string l = OrgHeadAt(c, i, suffix_begin);
      if (!l.empty() && (IsLevelCharOrg(c[i]))) {
        *start = i;
        *level = l;
        return true;
      }
    }
  }
  for (size_t i = earliest; i <= suffix_begin; ++i) {
    if (!boundary(i)) continue;
    std::string l = OrgHeadAt(c, i, suffix_begin + (i == suffix_begin ? 0 : 0));
    if (l.empty() && i < suffix_begin) continue;
    if (l.empty()) return false;
    *start = i;
    *level = l;
    return true;
  }
  return false;
}

// The organization whose name ends where the match (an organization word)
// ends; cached like PlaceOf.
const OrgName* OrgOf(const NormalizerCall& call) {
  // What the last result was computed from, compared without allocating.
  struct Key {
    bool valid = false;
    std::string run;
    bool boundary_before = false;
    size_t suffix_bytes = 0;
  };
  thread_local Key last_key;
  thread_local bool last_found = false;
  thread_local OrgName last;
  thread_local size_t last_offset = 0;
  Context ctx = ContextOf(call);
  size_t run_begin = ctx.begin;
  size_t chars = 0;
  bool boundary_before = true;
  while (run_begin > 0) {
    size_t p = PrevChar(ctx.text, run_begin);
    size_t q = p;
    int32_t ch = NextCodePoint(ctx.text, &q);
    if (ch < 0 || !IsHan(static_cast<char32_t>(ch))) break;
    if (chars == 24) {
      boundary_before = false;
      break;
    }
    run_begin = p;
    ++chars;
  }
  std::string_view run = ctx.text.substr(run_begin, ctx.end - run_begin);
  if (!(last_key.valid && last_key.boundary_before == boundary_before &&
        last_key.suffix_bytes == ctx.end - ctx.begin && last_key.run == run)) {
    last_key.valid = true;
    last_key.run.assign(run.data(), run.size());
    last_key.boundary_before = boundary_before;
    last_key.suffix_bytes = ctx.end - ctx.begin;
    Chars c(run);
    Chars suffix(call.input);
    size_t start = 0;
    last_found = c.size() >= suffix.size() &&
                 FindOrgStart(c, c.size() - suffix.size(), boundary_before, &start, &last.level);
    // A bare organization word (党委, 中心) is no name, nor a word that ends
    // like one (格局, 大局).
    if (last_found && start == c.size() - suffix.size()) last_found = false;
    if (last_found && c.size() >= 2 && EntityWords::Get().place_nonnames.Contains(c.Sub(c.size() - 2, c.size()))) {
      last_found = false;
    }
    if (last_found) last_offset = c.Offset(start);
  }
  // The same run may recur elsewhere: the start is kept relative to it.
  last.begin = run_begin + last_offset;
  return last_found ? &last : nullptr;
}

// org: the organization name that ends with the matched organization word
// (西宁市城东区委宣传部, 国家税务总局格尔木市税务局, 省政协); the span becomes the
// name. Dropped without a place, level or national word before it (各级党组织).
bool Org(const NormalizerCall& call, FieldValue* out) {
  const OrgName* org = OrgOf(call);
  if (org == nullptr) return false;
  Context ctx = ContextOf(call);
  std::string_view name = ctx.text.substr(org->begin, ctx.end - org->begin);
  if (call.span != nullptr) *call.span = name;
  *out = FieldValue::Text(std::string(name));
  return true;
}

bool OrgLevel(const NormalizerCall& call, FieldValue* out) {
  const OrgName* org = OrgOf(call);
  if (org == nullptr) return false;
  if (!org->level.empty()) *out = FieldValue::Text(org->level);
  return true;
}

// place_acting: a subdistrict or community that acts (新城街道开展...), as an
// ORGANIZATION; the span becomes its name.
bool PlaceActing(const NormalizerCall& call, FieldValue* out) {
  const PlaceMatch* found = PlaceOf(call);
  if (found == nullptr || !ActsAsBody(call, *found)) return false;
  std::string_view name = found->run.substr(found->place.begin, found->place.end - found->place.begin);
  if (call.span != nullptr) *call.span = name;
  *out = FieldValue::Text(std::string(name));
  return true;
}

}  // namespace

bool FindPlaceName(std::string_view run, size_t match_chars, bool boundary_before, std::string_view next_char,
                   PlaceName* out) {
  Chars chars(run);
  if (chars.size() < 2 || match_chars > chars.size()) return false;
  return PlaceParser(chars, chars.size() - match_chars, boundary_before, next_char).Parse(out);
}

void RegisterEntityNormalizers(NormalizerRegistry* r) {
  r->Add({"place", Place, false, false,
          "the place name that ends where the match ends (a suffix 市/区/街道/社区/村..., or a bare 青海), "
          "found in the text before it with the gazetteer; the span becomes the name; dropped if there is none"});
  r->Add({"place_level", PlaceLevel, false, false, "the AdminLevel of the place that `place` finds"});
  r->Add({"place_code", PlaceCode, false, false, "the GB/T 2260 code of the place that `place` finds, if known"});
  r->Add({"place_province", PlaceProvince, false, false, "the province of the place that `place` finds, if known"});
  r->Add({"org", Org, false, false,
          "the organization name ending with the matched organization word, from the place, level character "
          "or national word that starts it; the span becomes the name; dropped when nothing starts it"});
  r->Add({"org_level", OrgLevel, false, false, "the AdminLevel of the organization that `org` finds"});
  r->Add({"place_acting", PlaceActing, false, false,
          "a subdistrict or community that starts a clause and acts (新城街道开展...); the span becomes its name"});
  r->Add({"person_after", PersonAfter, false, false,
          "the name (surname + one or two characters) right after the match; the span becomes the name"});
  r->Add({"person_before", PersonBefore, false, false,
          "the name right before the match, after a word boundary; the span becomes the name"});
  r->Add({"person_in_list", PersonInList, false, false,
          "the name after a 、 in a list of names that follows a credit or a title; the span becomes the name"});
  r->Add({"person_list_role", PersonListRole, false, false, "the role the credit word before a list of names gives"});
  r->Add({"person_list_titles", PersonListTitles, false, false, "the titles before a list of names"});
  r->Add({"person_titles", PersonTitles, false, false, "the chain of titles ending where the match ends"});
  r->Add({"person_role", PersonRole, false, false, "the role of a credit word (记者 -> REPORTER; ...摄 -> PHOTOGRAPHER)"});
}

}  // namespace tiqu
