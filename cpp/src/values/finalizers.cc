#include "values/finalizers.h"

namespace tiqu {
namespace {

// An amount written without a qualifier is exact.
template <typename Value>
void DefaultExact(Value* value) {
  if (value->qualifier() == v1::QUALIFIER_UNSPECIFIED) value->set_qualifier(v1::EXACT);
}

}  // namespace

bool FinalizeFact(const FactContext& context, v1::Fact* fact) {
  (void)context;
  switch (fact->type()) {
    case v1::Fact::QUANTITY:
      DefaultExact(fact->mutable_quantity());
      return fact->quantity().has_value();
    case v1::Fact::PERCENTAGE:
      DefaultExact(fact->mutable_percentage());
      return fact->percentage().has_value();
    case v1::Fact::MONEY:
      DefaultExact(fact->mutable_money());
      if (fact->money().currency().empty()) fact->mutable_money()->set_currency("CNY");
      return fact->money().has_amount();
    default:
      return true;
  }
}

}  // namespace tiqu
