#include "values/field_setter.h"

#include <google/protobuf/struct.pb.h>

#include <cmath>
#include <cstdio>

#include "values/numeral.h"

namespace tiqu {

using google::protobuf::Descriptor;
using google::protobuf::EnumValueDescriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

namespace {

std::string FormatNumber(double d) {
  if (std::floor(d) == d && std::fabs(d) < 1e15) return std::to_string(static_cast<long long>(d));
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.10g", d);
  return buf;
}

std::optional<double> AsNumber(const FieldValue& v) {
  if (v.kind == FieldValue::Kind::kNumber) return v.number;
  if (v.kind == FieldValue::Kind::kText) {
    std::optional<Numeral> n = ParseNormalizedNumeral(v.text);
    if (n) return n->value;
  }
  return std::nullopt;
}

// The text of `v`: the value's own string, or a number formatted into
// `buffer`; nullptr for lists.
const std::string* AsText(const FieldValue& v, std::string* buffer) {
  if (v.kind == FieldValue::Kind::kText) return &v.text;
  if (v.kind == FieldValue::Kind::kNumber) {
    *buffer = FormatNumber(v.number);
    return buffer;
  }
  return nullptr;
}

// The enum value named `name`. Enums have a handful of values, so a scan
// is cheaper than the descriptor pool's symbol lookup.
const EnumValueDescriptor* EnumValueNamed(const google::protobuf::EnumDescriptor* e, const std::string& name) {
  for (int i = 0; i < e->value_count(); ++i) {
    if (e->value(i)->name() == name) return e->value(i);
  }
  return nullptr;
}

}  // namespace

const FieldDescriptor* ValueFieldForType(v1::Fact::Type type) {
  if (type == v1::Fact::TYPE_UNSPECIFIED) return nullptr;
  std::string name = v1::Fact::Type_Name(type);
  for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return v1::Fact::descriptor()->FindFieldByName(name);
}

StatusOr<FieldTarget> ResolveField(const Descriptor* message_type, const std::string& name) {
  FieldTarget target;
  target.name = name;
  if (message_type == nullptr) {
    if (name.empty()) return InvalidArgumentError("a field needs a name");
    return target;
  }
  target.field = message_type->FindFieldByName(name);
  if (target.field == nullptr) {
    std::string valid;
    for (int i = 0; i < message_type->field_count(); ++i) {
      valid += (i ? ", " : "") + message_type->field(i)->name();
    }
    return InvalidArgumentError("unknown field '" + name + "' of " + message_type->name() + " (fields: " + valid +
                                ")");
  }
  if (target.field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
    return InvalidArgumentError("field '" + name + "' is a message and cannot be assigned");
  }
  return target;
}

Status CheckConstant(const FieldTarget& target, const std::string& constant) {
  if (target.field == nullptr) return Status::Ok();
  switch (target.field->cpp_type()) {
    case FieldDescriptor::CPPTYPE_ENUM:
      if (target.field->enum_type()->FindValueByName(constant) == nullptr) {
        std::string valid;
        const auto* e = target.field->enum_type();
        for (int i = 1; i < e->value_count(); ++i) valid += (i > 1 ? ", " : "") + e->value(i)->name();
        return InvalidArgumentError("'" + constant + "' is not a value of field '" + target.name + "' (values: " +
                                    valid + ")");
      }
      return Status::Ok();
    case FieldDescriptor::CPPTYPE_DOUBLE:
    case FieldDescriptor::CPPTYPE_FLOAT:
    case FieldDescriptor::CPPTYPE_INT32:
    case FieldDescriptor::CPPTYPE_INT64:
      if (!ParseNormalizedNumeral(constant)) {
        return InvalidArgumentError("field '" + target.name + "' needs a number, not '" + constant + "'");
      }
      return Status::Ok();
    default:
      return Status::Ok();
  }
}

bool SetField(const FieldTarget& target, const FieldValue& value, Message* message) {
  if (value.kind == FieldValue::Kind::kNone) return true;
  if (target.field == nullptr) {
    auto* s = static_cast<google::protobuf::Struct*>(message);
    google::protobuf::Value& out = (*s->mutable_fields())[target.name];
    switch (value.kind) {
      case FieldValue::Kind::kNumber:
        out.set_number_value(value.number);
        break;
      case FieldValue::Kind::kText:
        out.set_string_value(value.text);
        break;
      case FieldValue::Kind::kNumbers:
        for (double d : value.numbers) out.mutable_list_value()->add_values()->set_number_value(d);
        break;
      case FieldValue::Kind::kTexts:
        for (const auto& t : value.texts) out.mutable_list_value()->add_values()->set_string_value(t);
        break;
      case FieldValue::Kind::kNone:
        break;
    }
    return true;
  }
  const FieldDescriptor* f = target.field;
  const Reflection* r = message->GetReflection();
  if (f->is_repeated()) {
    switch (f->cpp_type()) {
      case FieldDescriptor::CPPTYPE_DOUBLE:
        if (value.kind == FieldValue::Kind::kNumbers) {
          for (double d : value.numbers) r->AddDouble(message, f, d);
        } else if (auto d = AsNumber(value)) {
          r->AddDouble(message, f, *d);
        } else {
          return false;
        }
        return true;
      case FieldDescriptor::CPPTYPE_STRING:
        if (value.kind == FieldValue::Kind::kTexts) {
          for (const auto& t : value.texts) r->AddString(message, f, t);
        } else if (std::string buffer; const std::string* t = AsText(value, &buffer)) {
          r->AddString(message, f, *t);
        } else {
          return false;
        }
        return true;
      default:
        return false;
    }
  }
  switch (f->cpp_type()) {
    case FieldDescriptor::CPPTYPE_DOUBLE: {
      auto d = AsNumber(value);
      if (!d) return false;
      r->SetDouble(message, f, *d);
      return true;
    }
    case FieldDescriptor::CPPTYPE_INT32: {
      auto d = AsNumber(value);
      if (!d) return false;
      r->SetInt32(message, f, static_cast<int32_t>(*d));
      return true;
    }
    case FieldDescriptor::CPPTYPE_STRING: {
      std::string buffer;
      const std::string* t = AsText(value, &buffer);
      if (t == nullptr) return false;
      r->SetString(message, f, *t);
      return true;
    }
    case FieldDescriptor::CPPTYPE_ENUM: {
      std::string buffer;
      const std::string* t = AsText(value, &buffer);
      if (t == nullptr) return false;
      const EnumValueDescriptor* e = EnumValueNamed(f->enum_type(), *t);
      if (e == nullptr) return false;
      r->SetEnum(message, f, e);
      return true;
    }
    default:
      return false;
  }
}

bool HasField(const FieldTarget& target, const Message& message) {
  if (target.field == nullptr) {
    const auto& s = static_cast<const google::protobuf::Struct&>(message);
    return s.fields().count(target.name) > 0;
  }
  const Reflection* r = message.GetReflection();
  if (target.field->is_repeated()) return r->FieldSize(message, target.field) > 0;
  return r->HasField(message, target.field);  // proto3 scalars: "set" means not default
}

}  // namespace tiqu
