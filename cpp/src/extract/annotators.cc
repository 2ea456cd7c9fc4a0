#include "extract/annotators.h"

namespace tiqu {

const std::vector<AnnotatorInfo>& Annotators() {
  static const std::vector<AnnotatorInfo> kAnnotators = {};
  return kAnnotators;
}

}  // namespace tiqu
