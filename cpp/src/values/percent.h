// Percent values as Chinese news writes them (the `percent` normalizer).
#ifndef TIQU_VALUES_PERCENT_H_
#define TIQU_VALUES_PERCENT_H_

#include <optional>
#include <string_view>

namespace tiqu {

// The percent value of normalized text: "35.5%" -> 35.5, "5‰" -> 0.5,
// "百分之三十五点五" -> 35.5, "千分之五" -> 0.5, "五成" -> 50, "八点五成" -> 85,
// "三成半" -> 35, "三分之一" -> 33.33 (fractions keep four significant
// digits), "3个百分点" -> 3, or a bare number (when % was matched outside).
// nullopt when the text is none of these.
std::optional<double> ParsePercent(std::string_view text);

}  // namespace tiqu

#endif  // TIQU_VALUES_PERCENT_H_
