#include "extract/annotators.h"

#include "extract/article_annotator.h"

namespace tiqu {

const std::vector<AnnotatorInfo>& Annotators() {
  static const std::vector<AnnotatorInfo> kAnnotators = {
      {"articles", v1::Fact::ARTICLE, AnnotateArticles},
  };
  return kAnnotators;
}

}  // namespace tiqu
