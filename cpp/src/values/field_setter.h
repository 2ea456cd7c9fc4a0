// Stores FieldValues into the value message of a fact (or into Metadata, or a
// CUSTOM fact's Struct) by field name, through protobuf reflection. Names are
// resolved once when rules load, so a bad field name is a load-time error.
#ifndef TIQU_VALUES_FIELD_SETTER_H_
#define TIQU_VALUES_FIELD_SETTER_H_

#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>

#include <string>

#include "tiqu/status.h"
#include "tiqu/v1/document.pb.h"
#include "values/field_value.h"

namespace tiqu {

// A resolved target field. For CUSTOM facts `field` is null and the value goes
// into the Struct under `name`.
struct FieldTarget {
  std::string name;
  const google::protobuf::FieldDescriptor* field = nullptr;
};

// The value message field of Fact for `type` (Fact.quantity for QUANTITY,
// Fact.custom for CUSTOM).
const google::protobuf::FieldDescriptor* ValueFieldForType(v1::Fact::Type type);

// Resolves `name` in `message_type`; an error names the field and lists the
// valid ones. `message_type` null means a CUSTOM Struct: any name is valid.
StatusOr<FieldTarget> ResolveField(const google::protobuf::Descriptor* message_type, const std::string& name);

// Checks at load time that a constant can be stored (an enum name exists, a
// number parses).
Status CheckConstant(const FieldTarget& target, const std::string& constant);

// Stores `value`; false when it does not fit the field (an unknown enum name).
bool SetField(const FieldTarget& target, const FieldValue& value, google::protobuf::Message* message);

// True when the field is already set (first assignment wins for metadata).
bool HasField(const FieldTarget& target, const google::protobuf::Message& message);

}  // namespace tiqu

#endif  // TIQU_VALUES_FIELD_SETTER_H_
