// The typed result of a value normalizer, before it is stored into a proto
// field by the field setter.
#ifndef TIQU_VALUES_FIELD_VALUE_H_
#define TIQU_VALUES_FIELD_VALUE_H_

#include <string>
#include <utility>
#include <vector>

namespace tiqu {

struct FieldValue {
  enum class Kind { kNone, kText, kNumber, kNumbers, kTexts };
  Kind kind = Kind::kNone;
  std::string text;
  double number = 0;
  std::vector<double> numbers;
  std::vector<std::string> texts;

  static FieldValue None() { return {}; }
  static FieldValue Text(std::string s) {
    FieldValue v;
    v.kind = Kind::kText;
    v.text = std::move(s);
    return v;
  }
  static FieldValue Number(double d) {
    FieldValue v;
    v.kind = Kind::kNumber;
    v.number = d;
    return v;
  }
  static FieldValue Numbers(std::vector<double> ds) {
    FieldValue v;
    v.kind = Kind::kNumbers;
    v.numbers = std::move(ds);
    return v;
  }
  static FieldValue Texts(std::vector<std::string> ss) {
    FieldValue v;
    v.kind = Kind::kTexts;
    v.texts = std::move(ss);
    return v;
  }
};

}  // namespace tiqu

#endif  // TIQU_VALUES_FIELD_VALUE_H_
