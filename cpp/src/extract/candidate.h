// A fact while a document is being processed: its span is still in bytes of
// the normalized text, and it may yet lose to an overlapping fact.
#ifndef TIQU_EXTRACT_CANDIDATE_H_
#define TIQU_EXTRACT_CANDIDATE_H_

#include <cstddef>
#include <string>
#include <vector>

#include "normalize/text_normalizer.h"
#include <google/protobuf/repeated_field.h>

#include "tiqu/v1/document.pb.h"

namespace tiqu {

struct Candidate {
  size_t begin = 0;  // normalized bytes, half-open
  size_t end = 0;
  int priority = 0;
  bool allow_inside_names = false;
  bool suppress = false;  // from a blocking rule: wins overlaps, then vanishes
  // Types of facts inside this one that are dropped (Rule.absorbs).
  const google::protobuf::RepeatedField<int>* absorbs = nullptr;
  v1::Fact fact;  // type, rule, custom_type and value set; span and text not yet
};

// A 《》 title or a short quoted name, in normalized bytes: [open, close) spans
// the brackets, [content_begin, content_end) what is between them.
struct NameZone {
  size_t open = 0, close = 0;
  size_t content_begin = 0, content_end = 0;
  bool title = false;  // 《》 (else a quote)
};

// What code that works on a whole document (finalizers, annotators) sees.
struct DocumentContext {
  std::string_view original;
  const NormalizedText* normalized = nullptr;
  const std::vector<size_t>* sentence_starts = nullptr;
  const std::vector<NameZone>* zones = nullptr;
  std::string reference_date;  // may be empty
  const v1::Metadata* metadata = nullptr;
};

}  // namespace tiqu

#endif  // TIQU_EXTRACT_CANDIDATE_H_
