// Names and titles are opaque: numbers, places and dates inside 《》 titles and
// short quoted names (“东区品牌”, “2023年度先进集体”) are not facts of their own.
// Quoted speech (long, or with sentence punctuation) is ordinary text.
#ifndef TIQU_EXTRACT_NAME_ZONES_H_
#define TIQU_EXTRACT_NAME_ZONES_H_

#include <string_view>
#include <vector>

#include "extract/candidate.h"

namespace tiqu {

// Finds the zones of normalized text, in order, without nesting: an inner
// pair inside a title belongs to the title.
void FindNameZones(std::string_view text, std::vector<NameZone>* zones);

// True when a fact at [begin, end) lies in a zone's content without covering
// the whole zone (a fact that contains the name with its brackets is fine).
bool InsideNameZone(const std::vector<NameZone>& zones, size_t begin, size_t end);

}  // namespace tiqu

#endif  // TIQU_EXTRACT_NAME_ZONES_H_
