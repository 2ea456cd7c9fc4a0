// Every registered value normalizer (numbers, percentages, times, lexicon
// lookups, ... including those added later) on arbitrary captured text.
// The first input byte picks the reference date and whether the match's
// named groups took part; the rest, normalized as the engine would, is the
// captured text, the span and its sentence.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_check.h"
#include "normalize/text_normalizer.h"
#include "values/normalizers.h"

namespace {

class FuzzMatch : public tiqu::MatchInput {
 public:
  FuzzMatch(std::string_view text, bool groups_present, const std::string& reference_date)
      : text_(text), groups_present_(groups_present), reference_date_(reference_date) {}
  std::string_view Group(std::string_view) const override { return groups_present_ ? text_ : std::string_view(); }
  bool HasGroup(std::string_view) const override { return groups_present_; }
  std::string_view Span() const override { return text_; }
  std::string_view Context() const override { return text_; }
  size_t SpanOffsetInContext() const override { return 0; }
  const std::string& ReferenceDate() const override { return reference_date_; }

 private:
  std::string_view text_;
  bool groups_present_;
  const std::string& reference_date_;
};

// A small lexicon for the normalizers whose argument names one.
const tiqu::Lexicon& TestLexicon() {
  static const tiqu::Lexicon* lexicon = [] {
    auto* lx = new tiqu::Lexicon;
    lx->name = "fuzz";
    for (const char* entry : {"万元", "元", "亿元", "户", "个", "年", "月", "日", "人"}) {
      lx->entries.push_back(entry);
      lx->values[entry] = entry;
      lx->max_entry_bytes = std::max(lx->max_entry_bytes, std::string_view(entry).size());
    }
    return lx;
  }();
  return *lexicon;
}

void CheckValue(const tiqu::FieldValue& value, const std::string& name) {
  if (value.kind == tiqu::FieldValue::Kind::kNumber) {
    FUZZ_CHECK(!std::isnan(value.number), "normalizer %s gave NaN", name.c_str());
  }
  for (double d : value.numbers) FUZZ_CHECK(!std::isnan(d), "normalizer %s gave NaN", name.c_str());
  if (value.kind == tiqu::FieldValue::Kind::kText) {
    FUZZ_CHECK(tiqu::IsValidUtf8(value.text), "normalizer %s gave invalid UTF-8", name.c_str());
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  static const std::string kReferenceDates[] = {"", "2024", "2023-02", "2024-02-29"};
  const std::string& reference_date = kReferenceDates[data[0] & 3];
  const bool groups_present = (data[0] & 4) != 0;
  tiqu::NormalizedText normalized;
  tiqu::NormalizeText(std::string_view(reinterpret_cast<const char*>(data) + 1, size - 1), {}, &normalized);
  FuzzMatch match(normalized.text, groups_present, reference_date);
  for (const auto& [name, info] : tiqu::NormalizerRegistry::Get().all()) {
    tiqu::NormalizerCall call{normalized.text, "", &match, nullptr};
    if (info.argument_is_lexicon) {
      call.argument = "fuzz";
      call.lexicon = &TestLexicon();
    } else if (info.argument_required) {
      continue;  // an argument whose meaning only the normalizer knows
    }
    tiqu::FieldValue value;
    if (info.fn(call, &value)) CheckValue(value, name);
  }
  return 0;
}
