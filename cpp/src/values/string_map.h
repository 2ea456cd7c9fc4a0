// A read-mostly hash map from string_view keys to values, for the word lists
// that the value normalizers probe once per match and per candidate length
// (the gazetteer, the entity word tables). Most probes miss, so a miss must
// be cheap: a small Bloom filter (it stays in cache where the gazetteer's
// slots do not) answers most misses, then open addressing over a
// power-of-two table (no modulo), a hash that reads eight bytes at a time,
// and the stored hash compared before the key bytes. Keys are views: their
// bytes must outlive the map.
#ifndef TIQU_VALUES_STRING_MAP_H_
#define TIQU_VALUES_STRING_MAP_H_

#include <cstdint>
#include <cstring>
#include <string_view>
#include <vector>

namespace tiqu {

inline uint64_t HashBytes(std::string_view s) {
  constexpr uint64_t kMul = 0x9E3779B97F4A7C15ULL;
  uint64_t h = 0x243F6A8885A308D3ULL ^ (s.size() * kMul);
  const char* p = s.data();
  size_t n = s.size();
  while (n >= 8) {
    uint64_t w;
    std::memcpy(&w, p, 8);
    h = (h ^ w) * kMul;
    h ^= h >> 29;
    p += 8;
    n -= 8;
  }
  if (n > 0) {
    uint64_t w = 0;
    std::memcpy(&w, p, n);
    h = (h ^ w) * kMul;
    h ^= h >> 29;
  }
  h *= kMul;
  return h ^ (h >> 32);
}

template <typename Value>
class StringViewMap {
 public:
  // The value for `key`, inserted default-constructed when missing. The
  // reference is valid until the next insertion.
  Value& operator[](std::string_view key) {
    uint64_t h = HashBytes(key);
    if (!slots_.empty()) {
      if (const Slot* s = Probe(key, h); s->index != 0) return values_[s->index - 1];
    }
    if ((values_.size() + 1) * 2 > slots_.size()) Grow();
    values_.emplace_back();
    AddToFilter(h);
    Slot* s = const_cast<Slot*>(Probe(key, h));
    s->hash = h;
    s->key = key;
    s->index = static_cast<uint32_t>(values_.size());
    return values_.back();
  }

  // The value for `key`, or nullptr.
  const Value* Find(std::string_view key) const {
    if (slots_.empty()) return nullptr;
    uint64_t h = HashBytes(key);
    if (!MayHold(h)) return nullptr;
    const Slot* s = Probe(key, h);
    return s->index == 0 ? nullptr : &values_[s->index - 1];
  }

  size_t size() const { return values_.size(); }

  // Calls fn(key, value) for every entry, in no particular order.
  template <typename Fn>
  void ForEach(Fn fn) const {
    for (const Slot& s : slots_) {
      if (s.index != 0) fn(s.key, values_[s.index - 1]);
    }
  }

  // Room for `n` keys without growing.
  void Reserve(size_t n) {
    values_.reserve(n);
    size_t slots = slots_.empty() ? 16 : slots_.size();
    while (slots < 2 * n) slots *= 2;
    if (slots > slots_.size()) Rehash(slots);
  }

 private:
  struct Slot {
    uint64_t hash = 0;
    std::string_view key;
    uint32_t index = 0;  // 1 + position in values_; 0 for an empty slot
  };

  // The slot holding `key`, or the empty slot where it would go.
  const Slot* Probe(std::string_view key, uint64_t h) const {
    size_t mask = slots_.size() - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
      const Slot& s = slots_[i];
      if (s.index == 0) return &s;
      if (s.hash == h && s.key == key) return &s;
    }
  }

  // Two bits per key, from hash bits that the slot index does not use; the
  // filter has eight bits per slot, so about sixteen per key.
  size_t FilterBit(uint64_t h, int which) const {
    return static_cast<size_t>(which == 0 ? h >> 40 : (h >> 20) ^ (h >> 52)) & (filter_.size() * 64 - 1);
  }
  bool MayHold(uint64_t h) const {
    size_t a = FilterBit(h, 0), b = FilterBit(h, 1);
    return (filter_[a / 64] >> (a % 64) & 1) && (filter_[b / 64] >> (b % 64) & 1);
  }
  void AddToFilter(uint64_t h) {
    size_t a = FilterBit(h, 0), b = FilterBit(h, 1);
    filter_[a / 64] |= uint64_t{1} << (a % 64);
    filter_[b / 64] |= uint64_t{1} << (b % 64);
  }

  void Grow() { Rehash(slots_.empty() ? 16 : slots_.size() * 2); }

  void Rehash(size_t slot_count) {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(slot_count, Slot());
    filter_.assign(slots_.size() * 8 / 64, 0);
    size_t mask = slots_.size() - 1;
    for (const Slot& s : old) {
      if (s.index == 0) continue;
      AddToFilter(s.hash);
      size_t i = s.hash & mask;
      while (slots_[i].index != 0) i = (i + 1) & mask;
      slots_[i] = s;
    }
  }

  std::vector<Slot> slots_;
  std::vector<uint64_t> filter_;  // a Bloom filter over the keys' hashes
  std::vector<Value> values_;
};

}  // namespace tiqu

#endif  // TIQU_VALUES_STRING_MAP_H_
