// The time normalizer (ReadTime, behind `timex:FIELD`) on arbitrary text and
// reference dates. The first input byte picks the reference date; the rest,
// normalized as the engine would, is the time expression.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_check.h"
#include "normalize/text_normalizer.h"
#include "values/time_normalizers.h"

namespace {

// TIMEX3 values and resolutions are ASCII: digits, X, letters, - : / .
bool IsPrintableAscii(const std::string& s) {
  for (unsigned char c : s) {
    if (c < 0x20 || c > 0x7E) return false;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  static const char* const kReferenceDates[] = {"",           "2024",       "2023-02",    "2024-02-29",
                                                "2023-12-31", "2024-01-01", "0001-01-01", "9999-12-31"};
  const std::string_view reference_date = kReferenceDates[data[0] & 7];
  tiqu::NormalizedText normalized;
  tiqu::NormalizeText(std::string_view(reinterpret_cast<const char*>(data) + 1, size - 1), {}, &normalized);
  std::optional<tiqu::TimeReading> reading = tiqu::ReadTime(normalized.text, reference_date);
  if (!reading) return 0;
  FUZZ_CHECK(reading->kind != tiqu::v1::Time::KIND_UNSPECIFIED, "a reading without a kind");
  FUZZ_CHECK(!reading->value.empty(), "a reading without a value");
  FUZZ_CHECK(IsPrintableAscii(reading->value), "value '%s' is not a TIMEX3 value", reading->value.c_str());
  FUZZ_CHECK(IsPrintableAscii(reading->resolved), "resolved '%s' is not a TIMEX3 value", reading->resolved.c_str());
  if (reference_date.empty()) {
    FUZZ_CHECK(reading->resolved.empty(), "resolved '%s' without a reference date", reading->resolved.c_str());
  }
  return 0;
}
