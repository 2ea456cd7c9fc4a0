// Parsing a whole string as a number, the way Chinese news writes them.
//
//   tiqu::StatusOr<double> v = tiqu::ParseNumber("两万三千");   // 23000
//   tiqu::ParseNumber("1.5万");            // 15000
//   tiqu::ParseNumber("百分之三十五点五");  // 0.355 (a fraction of one)
//   tiqu::ParseNumeral("四五");            // 4 .. 5 (a range)
//   tiqu::ParseNumber("第五");             // error: not a number
//
// Accepted forms:
//   Arabic        288, 1,100, 99.01, -3, .5
//   Chinese       十五, 一百零五, 两万三千, 三点五, 负三, 壹佰贰拾 (financial)
//   positional    二〇二三 -> 2023 (digits without units)
//   mixed         1.5万, 2亿, 3万5000, 10W (W = 万), 5千
//   elliptic      三千五 -> 3500, 一万五 -> 15000, 13万2 -> 132000
//   ranges        四五 -> 4..5, 三四十 -> 30..40, 十五六 -> 15..16, 七八千
//   fractions     三分之一 -> 0.333..., 百分之五 -> 0.05
//   decimals      十点二三 -> 10.23, 两千万点五 -> 20000000.5
//   rounded       500余万, 一千多万 -> 5000000, 10000000 (余/多 before 万 or 亿;
//                 the qualifier is the rule's to report)
//   old forms     四万万 -> 400000000; spaces inside (二十 亿) are ignored,
//                 except between Arabic digits
// The input is normalized first (full-width digits, traditional characters),
// so `１２` and `兩萬` work too. Anything else (units, a trailing 余 or 多,
// ordinals) makes it "not a number".
#ifndef TIQU_NUMERAL_H_
#define TIQU_NUMERAL_H_

#include <optional>
#include <string_view>

#include "tiqu/status.h"

namespace tiqu {

struct Numeral {
  double value = 0;
  // Upper end when the text is a range of adjacent numerals (四五, 三四十).
  std::optional<double> value_max;
};

// Parses `text` in full; StatusCode::kInvalidArgument when it is not a number.
StatusOr<Numeral> ParseNumeral(std::string_view text);

// As ParseNumeral, returning the value (the lower end of a range).
StatusOr<double> ParseNumber(std::string_view text);

}  // namespace tiqu

#endif  // TIQU_NUMERAL_H_
