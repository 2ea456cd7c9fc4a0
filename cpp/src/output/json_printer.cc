#include "output/json_printer.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/struct.pb.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace tiqu {

namespace {

namespace pb = google::protobuf;
using pb::FieldDescriptor;

// protobuf's ProtoStreamObjectSource refuses messages nested deeper than 64;
// deeper messages go to protobuf so that its error is reproduced too.
constexpr int kMaxDepth = 60;

// --- strings -----------------------------------------------------------------

// Code points at or above U+00A0 that protobuf's JsonEscaping writes as \u
// escapes (invisible format characters that confuse JavaScript and HTML).
bool IsEscapedFormatCharacter(uint32_t cp) {
  return cp == 0x00ad || (cp >= 0x0600 && cp <= 0x0603) || cp == 0x06dd || cp == 0x070f || cp == 0x17b4 ||
         cp == 0x17b5 || (cp >= 0x200b && cp <= 0x200f) || (cp >= 0x2028 && cp <= 0x202e) ||
         (cp >= 0x2060 && cp <= 0x2064) || (cp >= 0x206a && cp <= 0x206f) || cp == 0xfeff ||
         (cp >= 0xfff9 && cp <= 0xfffb) || (cp >= 0x1d173 && cp <= 0x1d17a) || cp == 0xe0001 ||
         (cp >= 0xe0020 && cp <= 0xe007f);
}

constexpr char kHexDigits[] = "0123456789abcdef";

void AppendUnicodeEscape(uint32_t unit, std::string* out) {
  char escape[6] = {'\\', 'u', kHexDigits[(unit >> 12) & 0xf], kHexDigits[(unit >> 8) & 0xf],
                    kHexDigits[(unit >> 4) & 0xf], kHexDigits[unit & 0xf]};
  out->append(escape, 6);
}

// Decodes the UTF-8 sequence of `length` bytes at `s` (the lead byte already
// told the length). Returns false for overlong forms, surrogates and values
// beyond U+10FFFF, which protobuf does not print faithfully.
bool DecodeUtf8(const unsigned char* s, size_t length, uint32_t* cp) {
  for (size_t i = 1; i < length; ++i) {
    if ((s[i] & 0xc0) != 0x80) return false;
  }
  if (length == 2) {
    *cp = ((s[0] & 0x1fu) << 6) | (s[1] & 0x3fu);
    return *cp >= 0x80;
  }
  if (length == 3) {
    *cp = ((s[0] & 0x0fu) << 12) | ((s[1] & 0x3fu) << 6) | (s[2] & 0x3fu);
    return *cp >= 0x800 && (*cp < 0xd800 || *cp > 0xdfff);
  }
  *cp = ((s[0] & 0x07u) << 18) | ((s[1] & 0x3fu) << 12) | ((s[2] & 0x3fu) << 6) | (s[3] & 0x3fu);
  return *cp >= 0x10000 && *cp <= 0x10ffff;
}

// Appends `text` as a quoted JSON string, escaped as protobuf's JsonEscaping
// does. Returns false on invalid UTF-8.
bool AppendQuoted(std::string_view text, std::string* out) {
  out->push_back('"');
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  size_t copied = 0;  // bytes of `text` before this are in *out
  size_t i = 0;
  while (i < n) {
    unsigned char c = s[i];
    if (c < 0x80) {
      if (c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != 0x7f) {
        ++i;
        continue;
      }
      out->append(text.data() + copied, i - copied);
      switch (c) {
        case '"': out->append("\\\""); break;
        case '\\': out->append("\\\\"); break;
        case '\b': out->append("\\b"); break;
        case '\t': out->append("\\t"); break;
        case '\n': out->append("\\n"); break;
        case '\f': out->append("\\f"); break;
        case '\r': out->append("\\r"); break;
        default: AppendUnicodeEscape(c, out); break;
      }
      copied = ++i;
      continue;
    }
    // Lead bytes E3..EC and EE start U+3000..U+CFFF and U+E000..U+EFFF (CJK,
    // Hangul, private use): never escaped, never overlong or surrogates.
    if ((c >= 0xe3 && c <= 0xec) || c == 0xee) {
      if (i + 3 > n || (s[i + 1] & 0xc0) != 0x80 || (s[i + 2] & 0xc0) != 0x80) return false;
      i += 3;
      continue;
    }
    size_t length = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 0;
    uint32_t cp;
    if (length == 0 || c > 0xf4 || i + length > n || !DecodeUtf8(s + i, length, &cp)) return false;
    bool escaped = cp < 0xa0 || IsEscapedFormatCharacter(cp);  // below U+00A0: the C1 controls
    if (escaped) {
      out->append(text.data() + copied, i - copied);
      if (cp < 0x10000) {
        AppendUnicodeEscape(cp, out);
      } else {  // as a UTF-16 surrogate pair
        uint32_t offset = cp - 0x10000;
        AppendUnicodeEscape(0xd800 + (offset >> 10), out);
        AppendUnicodeEscape(0xdc00 + (offset & 0x3ff), out);
      }
      copied = i + length;
    }
    i += length;
  }
  out->append(text.data() + copied, n - copied);
  out->push_back('"');
  return true;
}

// protobuf's Base64Escape: the standard alphabet, padded with '='.
void AppendBase64(std::string_view bytes, std::string* out) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  const auto* s = reinterpret_cast<const unsigned char*>(bytes.data());
  out->push_back('"');
  size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    uint32_t v = (uint32_t{s[i]} << 16) | (uint32_t{s[i + 1]} << 8) | s[i + 2];
    char quad[4] = {kAlphabet[v >> 18], kAlphabet[(v >> 12) & 63], kAlphabet[(v >> 6) & 63], kAlphabet[v & 63]};
    out->append(quad, 4);
  }
  size_t rest = bytes.size() - i;
  if (rest > 0) {
    uint32_t v = uint32_t{s[i]} << 16;
    if (rest == 2) v |= uint32_t{s[i + 1]} << 8;
    char quad[4] = {kAlphabet[v >> 18], kAlphabet[(v >> 12) & 63], rest == 2 ? kAlphabet[(v >> 6) & 63] : '=', '='};
    out->append(quad, 4);
  }
  out->push_back('"');
}

// --- numbers -----------------------------------------------------------------

template <typename Int>
void AppendInteger(Int value, bool quoted, std::string* out) {
  char buffer[24];
  auto end = std::to_chars(buffer, buffer + sizeof(buffer), value).ptr;
  if (quoted) out->push_back('"');
  out->append(buffer, end);
  if (quoted) out->push_back('"');
}

// protobuf's SimpleDtoa: "%.15g", or "%.17g" when the 15 digits do not read
// back as the same double. to_chars with a precision is specified as printf's
// %g in the C locale, so the process locale cannot change the radix.
void AppendFiniteDouble(double value, std::string* out) {
  // Integers below 1e15 print with all their digits under %.15g; most numbers
  // in tiqu's facts are such counts.
  if (std::fabs(value) < 1e15 && value == std::trunc(value)) {
    if (value == 0 && std::signbit(value)) {
      out->append("-0");
    } else {
      AppendInteger(static_cast<int64_t>(value), /*quoted=*/false, out);
    }
    return;
  }
  char buffer[40];
  auto end = std::to_chars(buffer, buffer + sizeof(buffer), value, std::chars_format::general, 15).ptr;
  double parsed = 0;
  auto read = std::from_chars(buffer, end, parsed);
  if (read.ec != std::errc()) parsed = std::strtod(std::string(buffer, end).c_str(), nullptr);
  if (parsed != value) {
    end = std::to_chars(buffer, buffer + sizeof(buffer), value, std::chars_format::general, 17).ptr;
  }
  out->append(buffer, end);
}

// protobuf's SimpleFtoa: "%.6g", or "%.9g" when that does not read back with
// strtof as the same float or strtof reports a range error (subnormals).
void AppendFiniteFloat(float value, std::string* out) {
  char buffer[40];
  auto end = std::to_chars(buffer, buffer + sizeof(buffer), value, std::chars_format::general, 6).ptr;
  std::string text(buffer, end);
  errno = 0;
  char* parse_end = nullptr;
  float parsed = std::strtof(text.c_str(), &parse_end);
  if (errno != 0 || *parse_end != '\0' || parsed != value) {
    end = std::to_chars(buffer, buffer + sizeof(buffer), value, std::chars_format::general, 9).ptr;
  }
  out->append(buffer, end);
}

// Finite values are bare numbers; NaN and the infinities quoted strings.
template <typename Float>
void AppendFloatingPoint(Float value, std::string* out) {
  if (std::isnan(value)) {
    out->append("\"NaN\"");
  } else if (std::isinf(value)) {
    out->append(value > 0 ? "\"Infinity\"" : "\"-Infinity\"");
  } else if constexpr (std::is_same_v<Float, double>) {
    AppendFiniteDouble(value, out);
  } else {
    AppendFiniteFloat(value, out);
  }
}

// --- messages ----------------------------------------------------------------

// Well-known types that protobuf prints in a special form this printer does
// not write (Struct, Value and ListValue it does).
bool HasUnhandledSpecialForm(const pb::Descriptor& type) {
  if (type.file()->package() != "google.protobuf") return false;
  static const char* const kSpecial[] = {"Timestamp",   "Duration",   "DoubleValue", "FloatValue", "Int64Value",
                                         "UInt64Value", "Int32Value", "UInt32Value", "BoolValue",  "StringValue",
                                         "BytesValue",  "Any",        "FieldMask"};
  for (const char* name : kSpecial) {
    if (type.name() == name) return true;
  }
  return false;
}

// How a field prints, worked out once per type.
struct FieldPlan {
  const FieldDescriptor* field;
  // A proto3 scalar without `optional`: absent when it holds its default,
  // which protobuf does not serialize. (Reading the value once answers both
  // questions, cheaper than HasField and then the value.)
  bool implicit_presence;
  bool value_message;  // google.protobuf.Value: prints nothing without a kind
  bool null_enum;      // google.protobuf.NullValue: prints null
};

// How a message type prints: its fields in field-number order (the order of
// the binary encoding that protobuf's printer reads), or a special form.
struct TypeLayout {
  enum Form { kFields, kStruct, kValue, kListValue, kUnprintable };
  Form form = kFields;
  std::vector<FieldPlan> fields;
};

TypeLayout::Form FormOf(const pb::Descriptor* type) {
  // The special forms are read through the generated classes; a dynamic
  // message of these types (another descriptor pool) goes to protobuf.
  if (type == pb::Struct::descriptor()) return TypeLayout::kStruct;
  if (type == pb::Value::descriptor()) return TypeLayout::kValue;
  if (type == pb::ListValue::descriptor()) return TypeLayout::kListValue;
  if (type->file()->package() == "google.protobuf" &&
      (type->name() == "Struct" || type->name() == "Value" || type->name() == "ListValue" ||
       HasUnhandledSpecialForm(*type))) {
    return TypeLayout::kUnprintable;
  }
  if (type->extension_range_count() > 0) return TypeLayout::kUnprintable;
  for (int i = 0; i < type->field_count(); ++i) {
    const FieldDescriptor* field = type->field(i);
    if (field->is_map() || field->type() == FieldDescriptor::TYPE_GROUP) return TypeLayout::kUnprintable;
  }
  return TypeLayout::kFields;
}

const TypeLayout& LayoutOf(const pb::Descriptor* type) {
  // Per thread, so that writers on several threads need no lock; a few
  // dozen entries at most.
  thread_local std::unordered_map<const pb::Descriptor*, TypeLayout> layouts;
  auto [it, inserted] = layouts.try_emplace(type);
  TypeLayout& layout = it->second;
  if (!inserted) return layout;
  layout.form = FormOf(type);
  for (int i = 0; i < type->field_count(); ++i) {
    const FieldDescriptor* field = type->field(i);
    FieldPlan plan;
    plan.field = field;
    plan.implicit_presence = !field->is_repeated() && !field->has_presence();
    plan.value_message = field->message_type() == pb::Value::descriptor();
    plan.null_enum = field->enum_type() == pb::NullValue_descriptor();
    layout.fields.push_back(plan);
  }
  std::sort(layout.fields.begin(), layout.fields.end(),
            [](const FieldPlan& a, const FieldPlan& b) { return a.field->number() < b.field->number(); });
  return layout;
}

// Whether protobuf prints nothing for this google.protobuf.Value: without a
// kind it prints nothing, not even the field's name.
bool IsEmptyValue(const pb::Message& value) {
  const auto* kind = dynamic_cast<const pb::Value*>(&value);
  return kind != nullptr && kind->kind_case() == pb::Value::KIND_NOT_SET;
}

template <typename Bits, typename Float>
bool IsZeroBits(Float value) {
  Bits bits;
  std::memcpy(&bits, &value, sizeof(bits));
  return bits == 0;  // -0.0 is not a default: protobuf serializes it
}

class Printer {
 public:
  explicit Printer(std::string* out) : out_(out) {}

  bool PrintMessage(const pb::Message& message) {
    if (++depth_ > kMaxDepth) return false;
    bool ok = PrintMessageBody(message);
    --depth_;
    return ok;
  }

 private:
  bool PrintMessageBody(const pb::Message& message) {
    const TypeLayout& layout = LayoutOf(message.GetDescriptor());
    switch (layout.form) {
      case TypeLayout::kFields: break;
      case TypeLayout::kStruct: return PrintAs<pb::Struct>(message);
      case TypeLayout::kValue: return PrintAs<pb::Value>(message);
      case TypeLayout::kListValue: return PrintAs<pb::ListValue>(message);
      case TypeLayout::kUnprintable: return false;
    }
    const pb::Reflection& reflection = *message.GetReflection();
    out_->push_back('{');
    bool first = true;
    // The set member of the oneof last asked about: the members of a oneof
    // usually follow each other, so this asks once per oneof, not per member.
    const pb::OneofDescriptor* oneof = nullptr;
    const FieldDescriptor* oneof_member = nullptr;
    for (const FieldPlan& plan : layout.fields) {
      const FieldDescriptor* field = plan.field;
      if (field->is_repeated()) {
        int size = reflection.FieldSize(message, field);
        if (size == 0) continue;
        StartMember(field->name(), &first);
        out_->push_back('[');
        bool first_element = true;
        for (int i = 0; i < size; ++i) {
          if (plan.value_message && IsEmptyValue(reflection.GetRepeatedMessage(message, field, i))) continue;
          if (!first_element) out_->push_back(',');
          first_element = false;
          if (!PrintField(message, reflection, plan, i, nullptr)) return false;
        }
        out_->push_back(']');
        continue;
      }
      if (const pb::OneofDescriptor* containing = field->real_containing_oneof()) {
        if (containing != oneof) {
          oneof = containing;
          oneof_member = reflection.GetOneofFieldDescriptor(message, oneof);
        }
        if (oneof_member != field) continue;
      } else if (!plan.implicit_presence && !reflection.HasField(message, field)) {
        continue;
      }
      if (plan.value_message && IsEmptyValue(reflection.GetMessage(message, field))) continue;
      if (!PrintField(message, reflection, plan, -1, &first)) return false;
    }
    out_->push_back('}');
    return true;
  }

  // Prints element `index` of a repeated field, or with index -1 a singular
  // field as an object member (`"name":value`, after a comma unless *first),
  // skipped when it has implicit presence and holds its default.
  bool PrintField(const pb::Message& message, const pb::Reflection& reflection, const FieldPlan& plan, int index,
                  bool* first) {
    const FieldDescriptor* field = plan.field;
    const bool repeated = index >= 0;
    // Whether to print the value; writes the member's name when it is.
    auto start = [&](bool is_default) {
      if (repeated) return true;
      if (plan.implicit_presence && is_default) return false;
      StartMember(field->name(), first);
      return true;
    };
    switch (field->cpp_type()) {
      case FieldDescriptor::CPPTYPE_INT32: {
        int32_t value = repeated ? reflection.GetRepeatedInt32(message, field, index) : reflection.GetInt32(message, field);
        if (start(value == 0)) AppendInteger(value, /*quoted=*/false, out_);
        return true;
      }
      case FieldDescriptor::CPPTYPE_UINT32: {
        uint32_t value =
            repeated ? reflection.GetRepeatedUInt32(message, field, index) : reflection.GetUInt32(message, field);
        if (start(value == 0)) AppendInteger(value, /*quoted=*/false, out_);
        return true;
      }
      case FieldDescriptor::CPPTYPE_INT64: {
        int64_t value = repeated ? reflection.GetRepeatedInt64(message, field, index) : reflection.GetInt64(message, field);
        if (start(value == 0)) AppendInteger(value, /*quoted=*/true, out_);
        return true;
      }
      case FieldDescriptor::CPPTYPE_UINT64: {
        uint64_t value =
            repeated ? reflection.GetRepeatedUInt64(message, field, index) : reflection.GetUInt64(message, field);
        if (start(value == 0)) AppendInteger(value, /*quoted=*/true, out_);
        return true;
      }
      case FieldDescriptor::CPPTYPE_DOUBLE: {
        double value = repeated ? reflection.GetRepeatedDouble(message, field, index) : reflection.GetDouble(message, field);
        if (start(IsZeroBits<uint64_t>(value))) AppendFloatingPoint(value, out_);
        return true;
      }
      case FieldDescriptor::CPPTYPE_FLOAT: {
        float value = repeated ? reflection.GetRepeatedFloat(message, field, index) : reflection.GetFloat(message, field);
        if (start(IsZeroBits<uint32_t>(value))) AppendFloatingPoint(value, out_);
        return true;
      }
      case FieldDescriptor::CPPTYPE_BOOL: {
        bool value = repeated ? reflection.GetRepeatedBool(message, field, index) : reflection.GetBool(message, field);
        if (start(!value)) out_->append(value ? "true" : "false");
        return true;
      }
      case FieldDescriptor::CPPTYPE_ENUM: {
        int number = repeated ? reflection.GetRepeatedEnumValue(message, field, index)
                              : reflection.GetEnumValue(message, field);
        if (!start(number == 0)) return true;
        if (plan.null_enum) {
          out_->append("null");
          return true;
        }
        const pb::EnumValueDescriptor* value = field->enum_type()->FindValueByNumber(number);
        if (value == nullptr) {
          AppendInteger(number, /*quoted=*/false, out_);  // an unknown value, as its number
          return true;
        }
        return AppendQuoted(value->name(), out_);
      }
      case FieldDescriptor::CPPTYPE_STRING: {
        std::string scratch;
        const std::string& value = repeated ? reflection.GetRepeatedStringReference(message, field, index, &scratch)
                                            : reflection.GetStringReference(message, field, &scratch);
        if (!start(value.empty())) return true;
        if (field->type() == FieldDescriptor::TYPE_BYTES) {
          AppendBase64(value, out_);
          return true;
        }
        return AppendQuoted(value, out_);
      }
      case FieldDescriptor::CPPTYPE_MESSAGE:
        start(false);  // present: HasField said so
        return PrintMessage(repeated ? reflection.GetRepeatedMessage(message, field, index)
                                     : reflection.GetMessage(message, field));
    }
    return false;
  }

  // A message of a generated well-known class; the descriptor matched, the
  // cast only guards against a dynamic message built over the same type.
  template <typename WellKnown>
  bool PrintAs(const pb::Message& message) {
    const auto* typed = dynamic_cast<const WellKnown*>(&message);
    if (typed == nullptr) return false;
    if constexpr (std::is_same_v<WellKnown, pb::Struct>) {
      return PrintStruct(*typed);
    } else if constexpr (std::is_same_v<WellKnown, pb::ListValue>) {
      return PrintList(*typed);
    } else {
      return PrintValue(*typed);
    }
  }

  // Writes `"name":`, after a comma unless it is the object's first member.
  // Proto field names are identifiers, which need no escaping.
  void StartMember(const std::string& name, bool* first) {
    if (!*first) out_->push_back(',');
    *first = false;
    out_->push_back('"');
    out_->append(name);
    out_->append("\":");
  }

  // A Struct is an object of its entries, in the map's iteration order (the
  // order in which protobuf serializes them, and so prints them).
  bool PrintStruct(const pb::Struct& object) {
    out_->push_back('{');
    bool first = true;
    for (const auto& [key, value] : object.fields()) {
      if (value.kind_case() == pb::Value::KIND_NOT_SET) continue;
      if (!first) out_->push_back(',');
      first = false;
      if (!AppendQuoted(key, out_)) return false;
      out_->push_back(':');
      if (!PrintNested(value)) return false;
    }
    out_->push_back('}');
    return true;
  }

  bool PrintList(const pb::ListValue& list) {
    out_->push_back('[');
    bool first = true;
    for (const pb::Value& value : list.values()) {
      if (value.kind_case() == pb::Value::KIND_NOT_SET) continue;
      if (!first) out_->push_back(',');
      first = false;
      if (!PrintNested(value)) return false;
    }
    out_->push_back(']');
    return true;
  }

  // A Value prints as its kind; callers skip Values without one.
  bool PrintValue(const pb::Value& value) {
    switch (value.kind_case()) {
      case pb::Value::kNullValue: out_->append("null"); return true;
      case pb::Value::kNumberValue: AppendFloatingPoint(value.number_value(), out_); return true;
      case pb::Value::kStringValue: return AppendQuoted(value.string_value(), out_);
      case pb::Value::kBoolValue: out_->append(value.bool_value() ? "true" : "false"); return true;
      case pb::Value::kStructValue: return PrintNested(value.struct_value());
      case pb::Value::kListValue: return PrintNested(value.list_value());
      case pb::Value::KIND_NOT_SET: break;
    }
    return false;
  }

  // Struct, Value and ListValue count towards protobuf's depth limit too.
  template <typename WellKnown>
  bool PrintNested(const WellKnown& message) {
    if (++depth_ > kMaxDepth) return false;
    bool ok = PrintAs<WellKnown>(message);
    --depth_;
    return ok;
  }

  std::string* out_;
  int depth_ = 0;
};

}  // namespace

bool AppendCompactJson(const google::protobuf::Message& message, std::string* out) {
  return Printer(out).PrintMessage(message);
}

}  // namespace tiqu
