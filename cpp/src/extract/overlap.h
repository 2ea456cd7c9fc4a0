// Overlapping facts of one type: the longest span wins, then the higher rule
// priority, then the earlier span. Facts of different types may nest.
#ifndef TIQU_EXTRACT_OVERLAP_H_
#define TIQU_EXTRACT_OVERLAP_H_

#include <vector>

#include "extract/candidate.h"

namespace tiqu {

// Keeps the winners, ordered by begin, then type. O(n log n).
void ResolveOverlaps(std::vector<Candidate>* candidates);

// Drops facts that lie inside a fact whose rule absorbs their type. Expects
// the order ResolveOverlaps leaves.
void DropAbsorbed(std::vector<Candidate>* candidates);

}  // namespace tiqu

#endif  // TIQU_EXTRACT_OVERLAP_H_
