#include "normalize/offset_map.h"

#include <algorithm>

namespace tiqu {

void OffsetMap::AddPiece(size_t norm_begin, size_t norm_end, size_t orig_begin, size_t orig_end) {
  // Adjacent deletions merge, so a lookup never has to step over several.
  if (!pieces_.empty()) {
    Piece& last = pieces_.back();
    if (last.norm_end == norm_begin && last.orig_end == orig_begin && norm_begin == norm_end &&
        last.norm_begin == last.norm_end) {
      last.orig_end = orig_end;
      return;
    }
  }
  pieces_.push_back({norm_begin, norm_end, orig_begin, orig_end});
}

size_t OffsetMap::ToOriginalBegin(size_t norm) const {
  // The last piece starting at or before `norm`.
  auto it = std::upper_bound(pieces_.begin(), pieces_.end(), norm,
                             [](size_t n, const Piece& p) { return n < p.norm_begin; });
  if (it == pieces_.begin()) return norm;
  const Piece& p = *std::prev(it);
  if (norm < p.norm_end) return p.orig_begin;
  return p.orig_end + (norm - p.norm_end);
}

size_t OffsetMap::ToOriginalEnd(size_t norm) const {
  // The last piece starting strictly before `norm`: a deletion that starts
  // exactly at the end of the span is not part of it.
  auto it = std::lower_bound(pieces_.begin(), pieces_.end(), norm,
                             [](const Piece& p, size_t n) { return p.norm_begin < n; });
  if (it == pieces_.begin()) return norm;
  const Piece& p = *std::prev(it);
  if (norm <= p.norm_end) return p.orig_end;
  return p.orig_end + (norm - p.norm_end);
}

}  // namespace tiqu
