// The numeral parser on text that is already normalized (the hot path used by
// rules); tiqu/numeral.h normalizes first.
#ifndef TIQU_VALUES_NUMERAL_H_
#define TIQU_VALUES_NUMERAL_H_

#include <optional>
#include <string_view>

#include "tiqu/numeral.h"

namespace tiqu {

// Parses normalized text in full; nullopt when it is not a number.
std::optional<Numeral> ParseNormalizedNumeral(std::string_view text);

}  // namespace tiqu

#endif  // TIQU_VALUES_NUMERAL_H_
