// Normalizers for the named entities: LOCATION, ORGANIZATION and PERSON.
//
// Their rules match only a cue — an administrative suffix (省 市 县 区 街道 社区
// 村), an organization word (委员会, 局, 党工委), a title or credit word — which
// keeps RE2's automata small. The normalizers then read the text before the
// cue (within its sentence), find where the name starts with the gazetteer
// and the word lists of cpp/rules/zh/data (西宁市城东区 in 来到西宁市城东区,
// 中庄村 in 走进中庄村), and move the fact's span onto the name; a cue with no
// name before it is dropped.
#ifndef TIQU_VALUES_ENTITY_NORMALIZERS_H_
#define TIQU_VALUES_ENTITY_NORMALIZERS_H_

#include <string>
#include <string_view>

#include "values/normalizers.h"

namespace tiqu {

// A place name found in a run of text: a chain of divisions, largest first
// (西宁市城北区马坊街道幸福社区), described by its last one.
struct PlaceName {
  size_t begin = 0, end = 0;  // bytes of the run
  std::string level;          // AdminLevel name: "COUNTY", "VILLAGE", ...
  std::string code;           // GB/T 2260 code, when the gazetteer knows the place
  std::string province;       // the province it lies in, when known
  int parts = 0;              // divisions in the chain
};

// Finds the place name that ends where `run` ends. The last `match_chars`
// characters are what the rule matched (a suffix, or a bare name that must
// be matched whole); `boundary_before`: the text before the run ends a word
// (punctuation, or the run starts the sentence); `next_char`: the character
// after the run ("" at the end of the text).
bool FindPlaceName(std::string_view run, size_t match_chars, bool boundary_before, std::string_view next_char,
                   PlaceName* out);

}  // namespace tiqu

#endif  // TIQU_VALUES_ENTITY_NORMALIZERS_H_
