// The numeral parser (tiqu/numeral.h and the normalized-text fast path) on
// arbitrary bytes: no crash, and whatever parses is a finite number whose
// range, if any, does not run backwards.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_check.h"
#include "normalize/text_normalizer.h"
#include "tiqu/numeral.h"
#include "values/numeral.h"

namespace {

void CheckNumeral(const tiqu::Numeral& n, const char* which) {
  FUZZ_CHECK(std::isfinite(n.value), "%s: value %g", which, n.value);
  if (n.value_max) {
    FUZZ_CHECK(std::isfinite(*n.value_max), "%s: value_max %g", which, *n.value_max);
    FUZZ_CHECK(*n.value_max >= n.value, "%s: range %g..%g runs backwards", which, n.value, *n.value_max);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  tiqu::StatusOr<tiqu::Numeral> parsed = tiqu::ParseNumeral(input);
  if (parsed.ok()) {
    CheckNumeral(*parsed, "ParseNumeral");
    tiqu::StatusOr<double> number = tiqu::ParseNumber(input);
    FUZZ_CHECK(number.ok() && *number == parsed->value, "ParseNumber disagrees with ParseNumeral");
  } else {
    FUZZ_CHECK(parsed.status().code() == tiqu::StatusCode::kInvalidArgument, "%s",
               parsed.status().ToString().c_str());
  }

  // Rules hand the parser captured groups of normalized text.
  tiqu::NormalizedText normalized;
  tiqu::NormalizeText(input, {}, &normalized);
  if (std::optional<tiqu::Numeral> n = tiqu::ParseNormalizedNumeral(normalized.text)) {
    CheckNumeral(*n, "ParseNormalizedNumeral");
  }
  return 0;
}
