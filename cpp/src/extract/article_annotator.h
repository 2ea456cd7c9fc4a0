// Splits a page into its articles (ARTICLE facts). A newspaper page or a
// portal page is a sequence of lines; an article starts at a headline, which
// is told from the section headings inside articles by what follows it:
//
//   headline                     short line, no sentence punctuation
//   ——subtitle                   optional
//   记者 张三 通讯员 李四         byline line, or 本报讯(记者 张三)… opening the text,
//                                or a bare name (马 瞰) after the subtitle
//   2021年12月31日17:55 | 来源   a portal's date line
//   (上接第一版)                  a continuation marker
//
// or a unit line followed by the headline and the text (西宁市城北区 /
// 创新社区“微治理” / 近年来…). Within a page, a short line right before the
// headline (a kicker, the reporting unit) belongs to the article. An article
// ends before the next one, without trailing page furniture (责编, 返回顶部);
// a closing credit such as (宁教组) is its byline when it has no other.
#ifndef TIQU_EXTRACT_ARTICLE_ANNOTATOR_H_
#define TIQU_EXTRACT_ARTICLE_ANNOTATOR_H_

#include <string_view>
#include <vector>

#include "extract/candidate.h"

namespace tiqu {

// One article in byte offsets of the text it was found in.
struct ArticleLayout {
  size_t begin = 0, end = 0;                 // the whole article
  size_t title_begin = 0, title_end = 0;     // the headline
  size_t subtitle_begin = 0, subtitle_end = 0;  // empty when there is none
  size_t byline_begin = 0, byline_end = 0;      // empty when there is none
};

// The articles of normalized text (lines separated by "\n"), in order.
std::vector<ArticleLayout> FindArticles(std::string_view text);

// The annotator: one ARTICLE fact per article, its fields read from the
// original text.
void AnnotateArticles(const DocumentContext& doc, std::vector<Candidate>* facts);

}  // namespace tiqu

#endif  // TIQU_EXTRACT_ARTICLE_ANNOTATOR_H_
