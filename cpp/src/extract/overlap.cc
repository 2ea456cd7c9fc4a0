#include "extract/overlap.h"

#include <algorithm>
#include <cstdint>
#include <string_view>
#include <tuple>
#include <utility>

namespace tiqu {
namespace {

// Accepted spans of one type (and custom type), sorted by begin; they never
// overlap each other. A document has a few hundred facts, so a sorted
// vector beats a node-based map.
class IntervalSet {
 public:
  bool Overlaps(size_t begin, size_t end) const {
    auto it = FirstAtOrAfter(end);  // first span starting at or after `end`
    if (it == spans_.begin()) return false;
    --it;  // the last span starting before `end`
    return it->second > begin;
  }
  void Add(size_t begin, size_t end) { spans_.insert(FirstAtOrAfter(begin), {begin, end}); }

 private:
  std::vector<std::pair<size_t, size_t>>::const_iterator FirstAtOrAfter(size_t pos) const {
    return std::lower_bound(spans_.begin(), spans_.end(), pos,
                            [](const std::pair<size_t, size_t>& s, size_t p) { return s.first < p; });
  }
  std::vector<std::pair<size_t, size_t>> spans_;
};

// The spans accepted so far, per type; CUSTOM facts compete only with
// facts of the same custom type.
class AcceptedSpans {
 public:
  IntervalSet& For(const v1::Fact& fact) {
    int type = fact.type();
    std::string_view custom = fact.custom_type();
    for (Group& g : groups_) {
      if (g.type == type && g.custom == custom) return g.spans;
    }
    groups_.push_back({type, custom, IntervalSet()});
    return groups_.back().spans;
  }

 private:
  struct Group {
    int type;
    std::string_view custom;  // points into a candidate, which outlives this
    IntervalSet spans;
  };
  std::vector<Group> groups_;
};

}  // namespace

void ResolveOverlaps(std::vector<Candidate>* candidates) {
  std::vector<Candidate>& all = *candidates;
  // Indices rather than the candidates themselves are sorted, so that each
  // candidate (its Fact) is moved once. Stable: of two equal spans of equal
  // priority, the one found first wins (the earlier rule in load order),
  // whatever other candidates there are -- so selecting fact types
  // (ExtractorOptions::types) cannot change a winner.
  std::vector<uint32_t> order(all.size());
  for (size_t i = 0; i < all.size(); ++i) order[i] = static_cast<uint32_t>(i);
  std::stable_sort(order.begin(), order.end(), [&](uint32_t ia, uint32_t ib) {
    const Candidate* a = &all[ia];
    const Candidate* b = &all[ib];
    size_t la = a->end - a->begin, lb = b->end - b->begin;
    if (la != lb) return la > lb;
    if (a->priority != b->priority) return a->priority > b->priority;
    return a->begin < b->begin;
  });
  AcceptedSpans accepted;
  std::vector<uint32_t> kept;
  kept.reserve(all.size());
  for (uint32_t i : order) {
    const Candidate* c = &all[i];
    IntervalSet& spans = accepted.For(c->fact);
    if (c->end <= c->begin || spans.Overlaps(c->begin, c->end)) continue;
    spans.Add(c->begin, c->end);
    kept.push_back(i);
  }
  // std::sort's result depends only on the comparisons, so sorting indices
  // orders ties as sorting the candidates would.
  std::sort(kept.begin(), kept.end(), [&](uint32_t ia, uint32_t ib) {
    const Candidate& a = all[ia];
    const Candidate& b = all[ib];
    return std::make_tuple(a.begin, static_cast<int>(a.fact.type()), a.end) <
           std::make_tuple(b.begin, static_cast<int>(b.fact.type()), b.end);
  });
  std::vector<Candidate> result;
  result.reserve(kept.size());
  for (uint32_t i : kept) result.push_back(std::move(all[i]));
  *candidates = std::move(result);
}

void DropAbsorbed(std::vector<Candidate>* candidates) {
  std::vector<Candidate>& c = *candidates;
  std::vector<bool> dropped(c.size(), false);
  bool any = false;
  for (size_t a = 0; a < c.size(); ++a) {
    if (c[a].absorbs == nullptr || c[a].absorbs->empty()) continue;
    // Candidates are ordered by begin: the ones inside start at or after
    // c[a].begin and before c[a].end.
    auto first = std::lower_bound(c.begin(), c.end(), c[a].begin,
                                  [](const Candidate& x, size_t b) { return x.begin < b; });
    for (auto it = first; it != c.end() && it->begin < c[a].end; ++it) {
      size_t i = static_cast<size_t>(it - c.begin());
      if (i == a || it->end > c[a].end) continue;
      for (int type : *c[a].absorbs) {
        if (it->fact.type() == type) {
          dropped[i] = true;
          any = true;
        }
      }
    }
  }
  if (!any) return;
  std::vector<Candidate> kept;
  kept.reserve(c.size());
  for (size_t i = 0; i < c.size(); ++i) {
    if (!dropped[i]) kept.push_back(std::move(c[i]));
  }
  c = std::move(kept);
}

}  // namespace tiqu
