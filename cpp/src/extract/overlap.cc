#include "extract/overlap.h"

#include <algorithm>
#include <map>
#include <string>
#include <tuple>

namespace tiqu {
namespace {

// Accepted spans of one type, keyed by begin; they never overlap each other.
class IntervalSet {
 public:
  bool Overlaps(size_t begin, size_t end) const {
    auto it = spans_.lower_bound(end);  // first span starting at or after `end`
    if (it == spans_.begin()) return false;
    --it;  // the last span starting before `end`
    return it->second > begin;
  }
  void Add(size_t begin, size_t end) { spans_[begin] = end; }

 private:
  std::map<size_t, size_t> spans_;
};

}  // namespace

void ResolveOverlaps(std::vector<Candidate>* candidates) {
  std::vector<Candidate*> order;
  order.reserve(candidates->size());
  for (Candidate& c : *candidates) order.push_back(&c);
  // Stable: of two equal spans of equal priority, the one found first wins
  // (the earlier rule in load order), whatever other candidates there are --
  // so selecting fact types (ExtractorOptions::types) cannot change a winner.
  std::stable_sort(order.begin(), order.end(), [](const Candidate* a, const Candidate* b) {
    size_t la = a->end - a->begin, lb = b->end - b->begin;
    if (la != lb) return la > lb;
    if (a->priority != b->priority) return a->priority > b->priority;
    return a->begin < b->begin;
  });
  // CUSTOM facts compete only with facts of the same custom type.
  std::map<std::pair<int, std::string>, IntervalSet> accepted;
  std::vector<Candidate> kept;
  kept.reserve(candidates->size());
  for (Candidate* c : order) {
    IntervalSet& spans = accepted[{c->fact.type(), c->fact.custom_type()}];
    if (c->end <= c->begin || spans.Overlaps(c->begin, c->end)) continue;
    spans.Add(c->begin, c->end);
    kept.push_back(std::move(*c));
  }
  std::sort(kept.begin(), kept.end(), [](const Candidate& a, const Candidate& b) {
    return std::make_tuple(a.begin, static_cast<int>(a.fact.type()), a.end) <
           std::make_tuple(b.begin, static_cast<int>(b.fact.type()), b.end);
  });
  *candidates = std::move(kept);
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
