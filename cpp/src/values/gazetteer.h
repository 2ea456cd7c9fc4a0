// The bundled gazetteer of China's administrative divisions (GB/T 2260 codes
// of provinces, cities and counties; cpp/rules/zh/data/gazetteer.tsv, made by
// scripts/gen_gazetteer.py) and the word lists that the LOCATION,
// ORGANIZATION and PERSON normalizers share. Loaded once, on first use, from
// the files embedded in the library; lookups are hash-map finds, so rules
// match on short cues (a suffix, a title word) and never carry the place
// names in their patterns.
#ifndef TIQU_VALUES_GAZETTEER_H_
#define TIQU_VALUES_GAZETTEER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "tiqu/status.h"
#include "values/string_map.h"

namespace tiqu {

struct Division {
  std::string code;  // six digits, "630100"
  std::string name;  // full name, "西宁市"
  // "PROVINCE", "CITY" or "COUNTY", read from the code's shape.
  const char* level = "";
};

class Gazetteer {
 public:
  // `code<TAB>name<TAB>short,forms` lines; `#` starts a comment line.
  static StatusOr<Gazetteer> Parse(std::string_view tsv);
  // The embedded zh/data/gazetteer.tsv.
  static const Gazetteer& Builtin();

  // Divisions whose full name or short form is `name` (several for 朝阳区),
  // or nullptr.
  const std::vector<int>* Find(std::string_view name) const;
  // Whether `name` is a short form without the division's suffix (青海 for
  // 青海省, 西宁 for 西宁市): such a form names a place only where the text
  // says it is one.
  bool IsBareForm(std::string_view name) const { return bare_forms_.Find(name) != nullptr; }
  const Division& division(int index) const { return divisions_[index]; }
  // The province-level division holding `d` ("青海省"), or "".
  const std::string& ProvinceOf(const Division& d) const;
  // Of `candidates`, the one inside `parent` (a code, possibly empty); when
  // there is no parent, the only candidate or the one of highest level; -1
  // when that does not decide.
  int Resolve(const std::vector<int>& candidates, std::string_view parent_code) const;
  size_t size() const { return divisions_.size(); }
  // The most characters of a name or short form that starts (ends) with
  // `c`; 0 when none does. Lets a caller skip the lengths no name has.
  size_t MaxCharsStartingWith(char32_t c) const { return MaxChars(start_max_chars_, c); }
  size_t MaxCharsEndingWith(char32_t c) const { return MaxChars(end_max_chars_, c); }

 private:
  // The per-character limits cover the CJK blocks names are written in;
  // other characters get the overall limit.
  static constexpr char32_t kFirstLimitChar = 0x3400, kEndLimitChar = 0xA000;
  size_t MaxChars(const std::vector<uint8_t>& limits, char32_t c) const {
    if (c < kFirstLimitChar || c >= kEndLimitChar || limits.empty()) return max_name_chars_;
    return limits[c - kFirstLimitChar];
  }
  void NoteNameLength(std::string_view name);

  std::vector<Division> divisions_;
  // Keys point into `text_`, so lookups need no allocation.
  std::unique_ptr<std::string> text_;
  StringViewMap<std::vector<int>> by_name_;
  std::unordered_map<std::string, std::string> province_names_;  // "63" -> "青海省"
  StringViewMap<char> bare_forms_;  // value unused
  std::vector<uint8_t> start_max_chars_, end_max_chars_;
  size_t max_name_chars_ = 0;
};

// A word list with an optional value per entry, for the entity normalizers'
// data files (`entry` or `entry<TAB>value[<TAB>...]` lines).
class WordTable {
 public:
  static WordTable Parse(std::string_view text);
  // The file's columns after the first for `word`, or nullptr.
  const std::vector<std::string>* Find(std::string_view word) const;
  bool Contains(std::string_view word) const { return Find(word) != nullptr; }
  size_t max_entry_chars() const { return max_entry_chars_; }
  size_t size() const { return values_.size(); }
  // Calls fn(entry, columns) for every entry, in no particular order.
  template <typename Fn>
  void ForEach(Fn fn) const {
    values_.ForEach(fn);
  }

 private:
  std::unique_ptr<std::string> text_;  // the keys of `values_` point into it
  StringViewMap<std::vector<std::string>> values_;
  size_t max_entry_chars_ = 0;
};

// An embedded data file by its path under cpp/rules ("zh/data/gazetteer.tsv");
// empty when there is none.
std::string_view EmbeddedData(std::string_view path);

}  // namespace tiqu

#endif  // TIQU_VALUES_GAZETTEER_H_
