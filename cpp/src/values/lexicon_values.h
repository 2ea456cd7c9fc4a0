// The entry -> value map of a Lexicon. It keeps the std::map-like interface
// the rule loader and the tests fill it through (`values[entry] = value`,
// `values.count(entry)`), and beside it a StringViewMap index, so that the
// normalizers' lookups, most of which miss (every candidate length at every
// position of a clause), take a string_view and neither allocate nor chase
// hash-table nodes.
#ifndef TIQU_VALUES_LEXICON_VALUES_H_
#define TIQU_VALUES_LEXICON_VALUES_H_

#include <string>
#include <string_view>
#include <unordered_map>

#include "values/string_map.h"

namespace tiqu {

class LexiconValues {
 public:
  LexiconValues() = default;
  LexiconValues(const LexiconValues& other) : map_(other.map_) { Reindex(); }
  LexiconValues(LexiconValues&& other) noexcept : map_(std::move(other.map_)) { Reindex(); }
  LexiconValues& operator=(const LexiconValues& other) {
    if (this != &other) {
      map_ = other.map_;
      Reindex();
    }
    return *this;
  }
  LexiconValues& operator=(LexiconValues&& other) noexcept {
    map_ = std::move(other.map_);
    Reindex();
    return *this;
  }

  // The value of `entry`, inserted empty when missing.
  std::string& operator[](const std::string& entry) {
    auto [it, inserted] = map_.try_emplace(entry);
    // Nodes of an unordered_map do not move, so the index may point at them.
    if (inserted) index_[it->first] = &it->second;
    return it->second;
  }
  size_t count(const std::string& entry) const { return map_.count(entry); }
  size_t size() const { return map_.size(); }
  bool empty() const { return map_.empty(); }

  // The value of `entry`, or nullptr.
  const std::string* Find(std::string_view entry) const {
    std::string* const* v = index_.Find(entry);
    return v == nullptr ? nullptr : *v;
  }

 private:
  void Reindex() {
    index_ = StringViewMap<std::string*>();
    for (auto& [entry, value] : map_) index_[entry] = &value;
  }

  std::unordered_map<std::string, std::string> map_;
  StringViewMap<std::string*> index_;
};

}  // namespace tiqu

#endif  // TIQU_VALUES_LEXICON_VALUES_H_
