// Normalization + extraction with the shipped rules, on arbitrary bytes.
// Beyond "no crash, no sanitizer report", every document must keep the
// output contract: a status, spans inside the input, and each fact's text
// equal to the input bytes at its span (repaired when the input is not UTF-8).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_check.h"
#include "normalize/text_normalizer.h"
#include "tiqu/io.h"
#include "tiqu/tiqu.h"

namespace {

const tiqu::Extractor& DefaultExtractor() {
  static const tiqu::Extractor* extractor = [] {
    tiqu::StatusOr<tiqu::Extractor> ex = tiqu::Extractor::Create();
    FUZZ_CHECK(ex.ok(), "%s", ex.status().ToString().c_str());
    return new tiqu::Extractor(std::move(*ex));
  }();
  return *extractor;
}

// The normalizer without line joining (the extractor covers the default),
// checking that every normalized offset maps back into the input, in order.
void CheckNormalizerWithoutJoining(std::string_view input) {
  tiqu::NormalizeOptions options;
  options.join_broken_lines = false;
  tiqu::NormalizedText normalized;
  tiqu::NormalizeText(input, options, &normalized);
  FUZZ_CHECK(tiqu::IsValidUtf8(normalized.text), "normalized text is not UTF-8");
  size_t previous = 0;
  for (size_t i = 0; i <= normalized.text.size(); ++i) {
    size_t begin = normalized.map.ToOriginalBegin(i);
    size_t end = normalized.map.ToOriginalEnd(i);
    FUZZ_CHECK(begin <= input.size() && end <= input.size(), "offset %zu maps outside the input", i);
    FUZZ_CHECK(begin >= previous, "offset map goes backwards at %zu", i);
    previous = begin;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  const tiqu::Extractor& extractor = DefaultExtractor();
  tiqu::DocumentOptions options;
  options.id = "fuzz";
  options.include_text = true;
  tiqu::StatusOr<tiqu::v1::Document> doc = extractor.Extract(input, options);
  FUZZ_CHECK(doc.ok(), "%s", doc.status().ToString().c_str());

  const bool valid = tiqu::IsValidUtf8(input);
  const auto code = doc->status().code();
  FUZZ_CHECK(code == (valid ? tiqu::v1::Status::OK : tiqu::v1::Status::INVALID_UTF8), "status %d",
             static_cast<int>(code));
  const int64_t length = static_cast<int64_t>(tiqu::CountCodePoints(input));
  FUZZ_CHECK(doc->length() == length, "length %d, expected %lld", doc->length(), static_cast<long long>(length));
  FUZZ_CHECK(doc->text() == (valid ? std::string(input) : tiqu::RepairUtf8(input)), "text differs from the input");

  size_t counted_to = 0, code_points = 0;  // facts come in input order
  for (const tiqu::v1::Fact& fact : doc->facts()) {
    const tiqu::v1::Span& span = fact.span();
    FUZZ_CHECK(0 <= span.byte_begin() && span.byte_begin() < span.byte_end() &&
                   static_cast<size_t>(span.byte_end()) <= size,
               "byte span %d..%d of %zu", span.byte_begin(), span.byte_end(), size);
    FUZZ_CHECK(0 <= span.begin() && span.begin() < span.end() && span.end() <= length, "span %d..%d of %lld",
               span.begin(), span.end(), static_cast<long long>(length));
    std::string_view raw = input.substr(span.byte_begin(), span.byte_end() - span.byte_begin());
    FUZZ_CHECK(fact.text() == (valid ? std::string(raw) : tiqu::RepairUtf8(raw)), "fact text differs from its span");
    FUZZ_CHECK(static_cast<size_t>(span.byte_begin()) >= counted_to, "facts out of order at byte %d",
               span.byte_begin());
    code_points += tiqu::CountCodePoints(input.substr(counted_to, span.byte_begin() - counted_to));
    counted_to = span.byte_begin();
    FUZZ_CHECK(static_cast<int64_t>(code_points) == span.begin(), "code point begin %d does not match byte begin %d",
               span.begin(), span.byte_begin());
    FUZZ_CHECK(!fact.rule().empty(), "a fact without its rule");
  }
  // Every string in the output must be valid UTF-8, or the JSON writer fails.
  std::string json = tiqu::DocumentToJson(*doc);
  FUZZ_CHECK(json.find("\"INTERNAL\"") == std::string::npos, "%s", json.c_str());

  CheckNormalizerWithoutJoining(input);
  return 0;
}
