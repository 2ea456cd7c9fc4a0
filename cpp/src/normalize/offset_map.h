// Maps byte offsets of normalized text back to the original input.
//
// Normalization keeps most of the text byte for byte, so only the places where
// it changed are stored: "pieces" where a run of original bytes became a run
// of normalized bytes of a different length (or was dropped). Between pieces
// both texts advance together. A span that begins or ends inside a piece is
// widened to the whole piece, so it always covers whole original characters.
#ifndef TIQU_NORMALIZE_OFFSET_MAP_H_
#define TIQU_NORMALIZE_OFFSET_MAP_H_

#include <cstddef>
#include <cstdint>
#include <vector>

namespace tiqu {

class OffsetMap {
 public:
  // Records that original [orig_begin, orig_end) became normalized
  // [norm_begin, norm_end). Pieces must be added in increasing order.
  void AddPiece(size_t norm_begin, size_t norm_end, size_t orig_begin, size_t orig_end);

  // Original offset of a span that begins at normalized offset `norm`.
  size_t ToOriginalBegin(size_t norm) const;
  // Original offset of a span that ends (exclusive) at normalized offset `norm`.
  size_t ToOriginalEnd(size_t norm) const;

  size_t piece_count() const { return pieces_.size(); }
  void Clear() { pieces_.clear(); }

 private:
  struct Piece {
    uint64_t norm_begin, norm_end, orig_begin, orig_end;
  };
  std::vector<Piece> pieces_;
};

}  // namespace tiqu

#endif  // TIQU_NORMALIZE_OFFSET_MAP_H_
