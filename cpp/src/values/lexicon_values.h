// The entry -> value map of a Lexicon. It keeps the std::map-like interface
// the rule loader and the tests fill it through (`values[entry] = value`,
// `values.count(entry)`), and beside it a StringViewMap index, so that the
// normalizers' lookups, most of which miss (every candidate length at every
// position of a clause), take a string_view and neither allocate nor chase
// hash-table nodes.
#ifndef TIQU_VALUES_LEXICON_VALUES_H_
#define TIQU_VALUES_LEXICON_VALUES_H_

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <iterator>
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
    if (inserted) Index(it->first, &it->second);
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

  // False when no entry starts with the first character of `text` (or ends
  // with its last): then no piece of whole characters at that edge of `text`
  // is an entry, and a caller trying every length may skip them all.
  bool MayStartWithFirstCharOf(std::string_view text) const {
    return any_empty_ || (!text.empty() && TestBit(first_chars_, FirstCharBit(text)));
  }
  bool MayEndWithLastCharOf(std::string_view text) const {
    return any_empty_ || (!text.empty() && TestBit(last_chars_, LastCharBit(text)));
  }

 private:
  void Reindex() {
    index_ = StringViewMap<std::string*>();
    std::fill(std::begin(first_chars_), std::end(first_chars_), 0);
    std::fill(std::begin(last_chars_), std::end(last_chars_), 0);
    any_empty_ = false;
    for (auto& [entry, value] : map_) Index(entry, &value);
  }
  void Index(const std::string& entry, std::string* value) {
    index_[entry] = value;
    if (entry.empty()) {
      any_empty_ = true;
      return;
    }
    SetBit(first_chars_, FirstCharBit(entry));
    SetBit(last_chars_, LastCharBit(entry));
  }

  // A bit for the bytes of the first (last) character: a byte and the
  // continuation bytes after it (up to the lead byte before it). A piece
  // cut at character boundaries from the same edge has the same bytes there.
  static constexpr size_t kCharBits = 4096;
  static bool IsContinuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }
  static size_t CharBit(const char* p, size_t n) {
    uint32_t w = 0;
    std::memcpy(&w, p, n);
    return static_cast<size_t>(((w + static_cast<uint32_t>(n)) * 0x9E3779B1u) >> 20) & (kCharBits - 1);
  }
  static size_t FirstCharBit(std::string_view s) {
    size_t n = 1;
    while (n < s.size() && n < 4 && IsContinuation(s[n])) ++n;
    return CharBit(s.data(), n);
  }
  static size_t LastCharBit(std::string_view s) {
    size_t b = s.size() - 1;
    while (b > 0 && s.size() - b < 4 && IsContinuation(s[b])) --b;
    return CharBit(s.data() + b, s.size() - b);
  }
  static bool TestBit(const uint64_t* bits, size_t i) { return bits[i / 64] >> (i % 64) & 1; }
  static void SetBit(uint64_t* bits, size_t i) { bits[i / 64] |= uint64_t{1} << (i % 64); }

  std::unordered_map<std::string, std::string> map_;
  StringViewMap<std::string*> index_;
  uint64_t first_chars_[kCharBits / 64] = {};
  uint64_t last_chars_[kCharBits / 64] = {};
  bool any_empty_ = false;
};

}  // namespace tiqu

#endif  // TIQU_VALUES_LEXICON_VALUES_H_
