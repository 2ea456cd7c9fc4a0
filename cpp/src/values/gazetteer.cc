#include "values/gazetteer.h"

#include <algorithm>

#include "common/utf8.h"
#include "rules/builtin_rules.h"

namespace tiqu {
namespace {

const char* LevelOfCode(std::string_view code) {
  if (code.substr(2) == "0000") return "PROVINCE";
  if (code.substr(4) == "00") return "CITY";
  return "COUNTY";
}

// Calls `fn` with the tab-separated fields of each line that is not empty or
// a comment.
template <typename Fn>
void ForEachLine(std::string_view text, Fn fn) {
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string_view> fields;
    size_t from = 0;
    while (true) {
      size_t tab = line.find('\t', from);
      fields.push_back(line.substr(from, tab == std::string_view::npos ? std::string_view::npos : tab - from));
      if (tab == std::string_view::npos) break;
      from = tab + 1;
    }
    fn(fields);
  }
}

size_t CharCount(std::string_view s) {
  size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

}  // namespace

StatusOr<Gazetteer> Gazetteer::Parse(std::string_view tsv) {
  Gazetteer g;
  g.text_ = std::make_unique<std::string>(tsv);
  g.by_name_.Reserve(tsv.size() / 10);  // about one name or short form per ten bytes
  Status error;
  ForEachLine(*g.text_, [&](const std::vector<std::string_view>& f) {
    if (!error.ok()) return;
    if (f.size() < 2 || f[0].size() != 6 || f[0].find_first_not_of("0123456789") != std::string_view::npos) {
      error = InvalidArgumentError("gazetteer: bad line starting '" + std::string(f[0]) + "'");
      return;
    }
    int index = static_cast<int>(g.divisions_.size());
    Division d;
    d.code = std::string(f[0]);
    d.name = std::string(f[1]);
    d.level = LevelOfCode(d.code);
    if (std::string_view(d.level) == "PROVINCE") g.province_names_[d.code.substr(0, 2)] = d.name;
    g.by_name_[f[1]].push_back(index);
    g.NoteNameLength(f[1]);
    if (f.size() > 2) {
      std::string_view forms = f[2];
      while (!forms.empty()) {
        size_t comma = forms.find(',');
        std::string_view form = forms.substr(0, comma);
        if (!form.empty()) {
          g.by_name_[form].push_back(index);
          g.NoteNameLength(form);
          // 大通县 keeps the suffix of 大通回族土族自治县; 青海 drops 省.
          bool same_last = form.size() >= 3 && d.name.size() >= 3 &&
                           form.substr(form.size() - 3) == std::string_view(d.name).substr(d.name.size() - 3);
          if (!same_last) g.bare_forms_[form] = 1;
        }
        forms = comma == std::string_view::npos ? std::string_view() : forms.substr(comma + 1);
      }
    }
    g.divisions_.push_back(std::move(d));
  });
  if (!error.ok()) return error;
  return g;
}

void Gazetteer::NoteNameLength(std::string_view name) {
  if (start_max_chars_.empty()) {
    start_max_chars_.assign(kEndLimitChar - kFirstLimitChar, 0);
    end_max_chars_.assign(kEndLimitChar - kFirstLimitChar, 0);
  }
  size_t n = 0;
  char32_t front = 0, back = 0;
  for (size_t pos = 0; pos < name.size(); ++n) {
    int32_t c = NextCodePoint(name, &pos);
    if (c < 0) {
      // Not valid UTF-8: no limit may exclude it.
      std::fill(start_max_chars_.begin(), start_max_chars_.end(), uint8_t{255});
      std::fill(end_max_chars_.begin(), end_max_chars_.end(), uint8_t{255});
      max_name_chars_ = std::max(max_name_chars_, name.size());
      return;
    }
    if (n == 0) front = static_cast<char32_t>(c);
    back = static_cast<char32_t>(c);
  }
  if (n == 0) return;
  max_name_chars_ = std::max(max_name_chars_, n);
  uint8_t capped = static_cast<uint8_t>(std::min<size_t>(n, 255));
  // A first or last character outside the blocks gets the overall limit.
  auto note = [&](std::vector<uint8_t>& limits, char32_t c) {
    if (c < kFirstLimitChar || c >= kEndLimitChar) return;
    limits[c - kFirstLimitChar] = std::max(limits[c - kFirstLimitChar], capped);
  };
  note(start_max_chars_, front);
  note(end_max_chars_, back);
}

const Gazetteer& Gazetteer::Builtin() {
  static const Gazetteer* gazetteer = [] {
    StatusOr<Gazetteer> g = Parse(EmbeddedData("zh/data/gazetteer.tsv"));
    // The embedded file is checked by the tests; a broken one leaves the
    // gazetteer empty rather than failing extraction.
    return new Gazetteer(g.ok() ? std::move(*g) : Gazetteer());
  }();
  return *gazetteer;
}

const std::vector<int>* Gazetteer::Find(std::string_view name) const { return by_name_.Find(name); }

const std::string& Gazetteer::ProvinceOf(const Division& d) const {
  static const std::string kNone;
  auto it = province_names_.find(d.code.substr(0, 2));
  return it == province_names_.end() ? kNone : it->second;
}

int Gazetteer::Resolve(const std::vector<int>& candidates, std::string_view parent_code) const {
  if (!parent_code.empty()) {
    // A province's code shares two digits with what lies inside it, a city's four.
    size_t digits = std::string_view(LevelOfCode(parent_code)) == "PROVINCE" ? 2 : 4;
    for (int c : candidates) {
      if (divisions_[c].code.compare(0, digits, parent_code.substr(0, digits)) == 0) return c;
    }
  }
  if (candidates.size() == 1) return candidates[0];
  // 吉林 is the province before it is the city; a tie stays undecided.
  auto rank = [&](int c) {
    std::string_view level = divisions_[c].level;
    return level == "PROVINCE" ? 0 : level == "CITY" ? 1 : 2;
  };
  int best = -1;
  bool tie = false;
  for (int c : candidates) {
    if (best < 0 || rank(c) < rank(best)) {
      best = c;
      tie = false;
    } else if (rank(c) == rank(best)) {
      tie = true;
    }
  }
  return tie ? -1 : best;
}

WordTable WordTable::Parse(std::string_view text) {
  WordTable t;
  t.text_ = std::make_unique<std::string>(text);
  ForEachLine(*t.text_, [&](const std::vector<std::string_view>& f) {
    if (f[0].empty()) return;
    std::vector<std::string>& values = t.values_[f[0]];
    for (size_t i = 1; i < f.size(); ++i) values.emplace_back(f[i]);
    t.max_entry_chars_ = std::max(t.max_entry_chars_, CharCount(f[0]));
  });
  return t;
}

const std::vector<std::string>* WordTable::Find(std::string_view word) const { return values_.Find(word); }

std::string_view EmbeddedData(std::string_view path) {
  for (const EmbeddedFile& f : EmbeddedRuleData()) {
    if (path == f.path) return std::string_view(reinterpret_cast<const char*>(f.data), f.size);
  }
  return {};
}

}  // namespace tiqu
