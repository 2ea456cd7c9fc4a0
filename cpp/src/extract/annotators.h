// Annotators: document-level analyses that are not one pattern's match, run
// after the rules (splitting a newspaper page into articles, say). Each gets
// the document and the facts found so far and may add facts of its own.
#ifndef TIQU_EXTRACT_ANNOTATORS_H_
#define TIQU_EXTRACT_ANNOTATORS_H_

#include <vector>

#include "extract/candidate.h"

namespace tiqu {

using AnnotatorFn = void (*)(const DocumentContext& doc, std::vector<Candidate>* facts);

struct AnnotatorInfo {
  const char* name;
  v1::Fact::Type type;  // of the facts it adds
  AnnotatorFn fn;
};

// All annotators, in the order they run.
const std::vector<AnnotatorInfo>& Annotators();

}  // namespace tiqu

#endif  // TIQU_EXTRACT_ANNOTATORS_H_
