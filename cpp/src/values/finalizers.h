// Finalizers complete a fact once a rule has filled its fields: defaults that
// depend on what was captured (a quantity with no qualifier is EXACT), and
// values that need the document (times resolved against the reference date).
// Each fact type has at most a few; they live with that type's normalizers.
#ifndef TIQU_VALUES_FINALIZERS_H_
#define TIQU_VALUES_FINALIZERS_H_

#include <string>
#include <string_view>

#include "tiqu/v1/document.pb.h"

namespace tiqu {

struct FactContext {
  const std::string& reference_date;  // may be empty
  std::string_view span;              // the fact's normalized text
  std::string_view sentence;          // the normalized sentence holding it
};

// Completes `fact`; false drops it.
bool FinalizeFact(const FactContext& context, v1::Fact* fact);

}  // namespace tiqu

#endif  // TIQU_VALUES_FINALIZERS_H_
