// tiqu's compact JSON printer (cpp/src/output/json_printer.h) against
// protobuf's MessageToJsonString: the bytes must be the same for the
// documents extracted from the bundled samples, for randomized documents
// (every code point, extreme doubles, unknown enum values, Struct values of
// every kind), and for a message built at run time with every field type.
#include <google/protobuf/descriptor.pb.h>
#include <google/protobuf/dynamic_message.h>
#include <google/protobuf/stubs/logging.h>
#include <google/protobuf/util/json_util.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "output/json_printer.h"
#include "tiqu/io.h"
#include "tiqu/tiqu.h"

namespace tiqu {
namespace {

namespace pb = google::protobuf;

std::string ProtobufJson(const pb::Message& message) {
  pb::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  std::string out;
  auto status = pb::util::MessageToJsonString(message, &out, options);
  EXPECT_TRUE(status.ok()) << status.message();
  return out;
}

// Expects tiqu's printer to print `message` and to print it as protobuf does.
void ExpectSameJson(const pb::Message& message, const std::string& what) {
  std::string ours;
  ASSERT_TRUE(AppendCompactJson(message, &ours)) << what;
  ASSERT_EQ(ours, ProtobufJson(message)) << what;
}

void AppendUtf8(uint32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xc0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3f)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xe0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3f)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3f)));
  } else {
    out->push_back(static_cast<char>(0xf0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3f)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3f)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3f)));
  }
}

TEST(JsonPrinterTest, SampleDocumentsPrintAsProtobufPrintsThem) {
  auto extractor = Extractor::Create();
  ASSERT_TRUE(extractor.ok());
  int documents = 0;
  size_t facts = 0;
  for (const auto& entry : std::filesystem::directory_iterator(TIQU_SOURCE_DIR "/examples/corpus")) {
    std::ifstream in(entry.path(), std::ios::binary);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    DocumentOptions options;
    options.id = entry.path().filename().string();
    options.source = entry.path().string();
    options.include_text = true;  // the text brings every kind of character the samples hold
    auto doc = extractor->Extract(text, options);
    ASSERT_TRUE(doc.ok());
    ExpectSameJson(*doc, options.id);
    EXPECT_EQ(DocumentToJson(*doc), ProtobufJson(*doc));
    ++documents;
    facts += doc->facts_size();
  }
  EXPECT_GE(documents, 5);
  EXPECT_GE(facts, 100u);  // the samples exercise most fact types
}

TEST(JsonPrinterTest, EveryCodePointIsEscapedAsProtobufEscapesIt) {
  // Runs of 64 code points, each between two ASCII letters so that an escape
  // that eats or adds a neighbour shows too.
  for (uint32_t start = 0; start < 0x110000; start += 64) {
    std::string text;
    for (uint32_t cp = start; cp < start + 64; ++cp) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;  // surrogates are not UTF-8
      text.push_back('a');
      AppendUtf8(cp, &text);
    }
    text.push_back('z');
    v1::Document doc;
    doc.set_id(text);
    doc.mutable_metadata()->add_section_path(text);
    ExpectSameJson(doc, "code points from U+" + std::to_string(start));
    if (HasFatalFailure()) return;
  }
}

TEST(JsonPrinterTest, InvalidUtf8FallsBackToProtobuf) {
  pb::LogSilencer quiet;  // protobuf logs each invalid string it serializes
  for (std::string bad : {std::string("\xff"), std::string("a\xc0\x80"), std::string("\xed\xa0\x80"),
                          std::string("\xe4\xb8"), std::string("\xf4\x90\x80\x80"), std::string("\x80")}) {
    v1::Document doc;
    doc.set_id("x" + bad + "y");
    std::string ours;
    EXPECT_FALSE(AppendCompactJson(doc, &ours));
    // DocumentToJson then gives protobuf's answer, whatever it is.
    pb::util::JsonPrintOptions options;
    options.preserve_proto_field_names = true;
    std::string theirs;
    if (pb::util::MessageToJsonString(doc, &theirs, options).ok()) EXPECT_EQ(DocumentToJson(doc), theirs);
  }
}

// Random values for randomized messages.
class Randomizer {
 public:
  explicit Randomizer(uint32_t seed) : rng_(seed) {}

  int Below(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng_); }
  bool Chance(int one_in) { return Below(one_in) == 0; }

  std::string String() {
    std::string text;
    int length = Below(12);
    for (int i = 0; i < length; ++i) {
      uint32_t cp;
      switch (Below(6)) {
        case 0: cp = Below(0x80); break;                   // ASCII with its controls
        case 1: cp = 0x80 + Below(0x780); break;           // two bytes: C1 controls, U+00AD, Arabic
        case 2: cp = 0x4e00 + Below(0x5200); break;        // CJK
        case 3: cp = 0x2000 + Below(0x80); break;          // general punctuation (U+2028, ...)
        case 4: cp = 0x10000 + Below(0x100000); break;     // supplementary planes
        default: cp = Below(0x10000); break;
      }
      if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfeff;  // no surrogates in UTF-8; U+FEFF is escaped
      AppendUtf8(cp, &text);
    }
    return text;
  }

  double Double() {
    static const double kSpecial[] = {0.0,
                                      -0.0,
                                      0.1,
                                      1.0 / 3,
                                      2.5,
                                      -7,
                                      622,
                                      1e-300,
                                      1e300,
                                      -1e300,
                                      1e15,
                                      1e15 - 1,
                                      1e16,
                                      123456789012345678.0,
                                      0.0001,
                                      0.00001,
                                      99.01,
                                      33.33,
                                      5e-324,
                                      std::numeric_limits<double>::max(),
                                      std::numeric_limits<double>::min(),
                                      std::numeric_limits<double>::quiet_NaN(),
                                      std::numeric_limits<double>::infinity(),
                                      -std::numeric_limits<double>::infinity()};
    switch (Below(4)) {
      case 0: return kSpecial[Below(std::size(kSpecial))];
      case 1: return Below(2000000) - 1000000;                         // integers
      case 2: return (Below(2000000) - 1000000) / std::pow(10.0, Below(8));  // short decimals
      default: {
        uint64_t bits = std::uniform_int_distribution<uint64_t>()(rng_);  // any double at all
        double value;
        std::memcpy(&value, &bits, sizeof(value));
        return value;
      }
    }
  }

  float Float() {
    if (Chance(2)) return static_cast<float>(Double());
    uint32_t bits = std::uniform_int_distribution<uint32_t>()(rng_);
    float value;
    std::memcpy(&value, &bits, sizeof(value));
    return value;
  }

  uint64_t Bits64() {
    switch (Below(3)) {
      case 0: return Below(300);
      case 1: return static_cast<uint64_t>(-static_cast<int64_t>(Below(300)));
      default: return std::uniform_int_distribution<uint64_t>()(rng_);
    }
  }

  // A Value of any kind, nested up to `depth` more levels; sometimes empty.
  void FillValue(pb::Value* value, int depth) {
    switch (Below(depth > 0 ? 8 : 6)) {
      case 0: value->set_null_value(pb::NULL_VALUE); break;
      case 1: value->set_number_value(Double()); break;
      case 2: value->set_string_value(String()); break;
      case 3: value->set_bool_value(Chance(2)); break;
      case 4: value->set_string_value(""); break;
      case 5: if (Chance(2)) value->set_number_value(0); break;  // else a Value with no kind
      case 6: FillStruct(value->mutable_struct_value(), depth - 1); break;
      default: {
        pb::ListValue* list = value->mutable_list_value();
        int n = Below(4);
        for (int i = 0; i < n; ++i) FillValue(list->add_values(), depth - 1);
        break;
      }
    }
  }

  void FillStruct(pb::Struct* object, int depth) {
    int n = Below(5);
    for (int i = 0; i < n; ++i) FillValue(&(*object->mutable_fields())[String()], depth);
  }

  std::mt19937_64& rng() { return rng_; }

 private:
  std::mt19937_64 rng_;
};

// Sets every field of `message` (recursively, by reflection) at random:
// sometimes left unset, sometimes set to its default, enums sometimes to a
// number the enum does not name.
void FillRandomly(pb::Message* message, Randomizer* random, int depth) {
  const pb::Descriptor* type = message->GetDescriptor();
  if (auto* object = dynamic_cast<pb::Struct*>(message)) {
    random->FillStruct(object, depth);
    return;
  }
  const pb::Reflection* reflection = message->GetReflection();
  for (int i = 0; i < type->field_count(); ++i) {
    const pb::FieldDescriptor* field = type->field(i);
    if (random->Chance(3)) continue;
    if (field->containing_oneof() != nullptr && random->Chance(2)) continue;
    int count = field->is_repeated() ? random->Below(4) : 1;
    for (int k = 0; k < count; ++k) {
      bool repeated = field->is_repeated();
      bool zero = random->Chance(4);
      switch (field->cpp_type()) {
        case pb::FieldDescriptor::CPPTYPE_INT32: {
          int32_t v = zero ? 0 : static_cast<int32_t>(random->Bits64());
          repeated ? reflection->AddInt32(message, field, v) : reflection->SetInt32(message, field, v);
          break;
        }
        case pb::FieldDescriptor::CPPTYPE_INT64: {
          int64_t v = zero ? 0 : static_cast<int64_t>(random->Bits64());
          repeated ? reflection->AddInt64(message, field, v) : reflection->SetInt64(message, field, v);
          break;
        }
        case pb::FieldDescriptor::CPPTYPE_UINT32: {
          uint32_t v = zero ? 0 : static_cast<uint32_t>(random->Bits64());
          repeated ? reflection->AddUInt32(message, field, v) : reflection->SetUInt32(message, field, v);
          break;
        }
        case pb::FieldDescriptor::CPPTYPE_UINT64: {
          uint64_t v = zero ? 0 : random->Bits64();
          repeated ? reflection->AddUInt64(message, field, v) : reflection->SetUInt64(message, field, v);
          break;
        }
        case pb::FieldDescriptor::CPPTYPE_DOUBLE: {
          double v = zero ? 0 : random->Double();
          repeated ? reflection->AddDouble(message, field, v) : reflection->SetDouble(message, field, v);
          break;
        }
        case pb::FieldDescriptor::CPPTYPE_FLOAT: {
          float v = zero ? 0 : random->Float();
          repeated ? reflection->AddFloat(message, field, v) : reflection->SetFloat(message, field, v);
          break;
        }
        case pb::FieldDescriptor::CPPTYPE_BOOL: {
          bool v = !zero && random->Chance(2);
          repeated ? reflection->AddBool(message, field, v) : reflection->SetBool(message, field, v);
          break;
        }
        case pb::FieldDescriptor::CPPTYPE_ENUM: {
          const pb::EnumDescriptor* e = field->enum_type();
          int v = random->Chance(5) ? 1000 + random->Below(50) : e->value(random->Below(e->value_count()))->number();
          if (random->Chance(10)) v = -3;
          repeated ? reflection->AddEnumValue(message, field, v) : reflection->SetEnumValue(message, field, v);
          break;
        }
        case pb::FieldDescriptor::CPPTYPE_STRING: {
          std::string v;
          if (!zero) {
            if (field->type() == pb::FieldDescriptor::TYPE_BYTES) {
              int n = random->Below(8);
              for (int b = 0; b < n; ++b) v.push_back(static_cast<char>(random->Below(256)));
            } else {
              v = random->String();
            }
          }
          repeated ? reflection->AddString(message, field, v) : reflection->SetString(message, field, v);
          break;
        }
        case pb::FieldDescriptor::CPPTYPE_MESSAGE: {
          if (depth <= 0) break;
          pb::Message* child = repeated ? reflection->AddMessage(message, field) : reflection->MutableMessage(message, field);
          if (!zero) FillRandomly(child, random, depth - 1);
          break;
        }
      }
    }
  }
}

TEST(JsonPrinterTest, RandomDocumentsPrintAsProtobufPrintsThem) {
  Randomizer random(20261202);
  for (int round = 0; round < 3000; ++round) {
    v1::Document doc;
    FillRandomly(&doc, &random, /*depth=*/4);
    // Facts with each oneof member, the Struct of CUSTOM facts included.
    const pb::OneofDescriptor* value = v1::Fact::descriptor()->FindOneofByName("value");
    for (int i = 0; i < value->field_count(); ++i) {
      v1::Fact* fact = doc.add_facts();
      FillRandomly(fact, &random, /*depth=*/3);
      pb::Message* member = fact->GetReflection()->MutableMessage(fact, value->field(i));
      if (!random.Chance(4)) FillRandomly(member, &random, /*depth=*/3);
    }
    ExpectSameJson(doc, "round " + std::to_string(round) + ": " + doc.ShortDebugString());
    if (HasFatalFailure()) return;
  }
}

TEST(JsonPrinterTest, DeeplyNestedStructsFallBackToProtobuf) {
  v1::Document doc;
  pb::Struct* object = doc.add_facts()->mutable_custom();
  for (int level = 0; level < 100; ++level) object = (*object->mutable_fields())["k"].mutable_struct_value();
  std::string ours;
  EXPECT_FALSE(AppendCompactJson(doc, &ours));
  // protobuf refuses this deep a message; DocumentToJson reports its error.
  pb::util::JsonPrintOptions options;
  std::string theirs;
  EXPECT_FALSE(pb::util::MessageToJsonString(doc, &theirs, options).ok());
  EXPECT_NE(DocumentToJson(doc).find("INTERNAL"), std::string::npos);
}

// A message type built at run time with every scalar field type, implicit
// and explicit presence, repeated fields, an enum and a nested message.
const pb::Descriptor* AllTypesDescriptor(pb::DescriptorPool* pool) {
  pb::FileDescriptorProto file;
  file.set_name("json_printer_test_all_types.proto");
  file.set_package("tiqu.test");
  file.set_syntax("proto3");
  pb::EnumDescriptorProto* color = file.add_enum_type();
  color->set_name("Color");
  for (auto [name, number] : {std::pair<const char*, int>{"COLOR_UNSPECIFIED", 0}, {"RED", 1}, {"GREEN", 2}, {"BLUE", 7}}) {
    pb::EnumValueDescriptorProto* v = color->add_value();
    v->set_name(name);
    v->set_number(number);
  }
  pb::DescriptorProto* message = file.add_message_type();
  message->set_name("AllTypes");
  const std::pair<const char*, pb::FieldDescriptorProto::Type> kTypes[] = {
      {"int32", pb::FieldDescriptorProto::TYPE_INT32},       {"int64", pb::FieldDescriptorProto::TYPE_INT64},
      {"uint32", pb::FieldDescriptorProto::TYPE_UINT32},     {"uint64", pb::FieldDescriptorProto::TYPE_UINT64},
      {"sint32", pb::FieldDescriptorProto::TYPE_SINT32},     {"sint64", pb::FieldDescriptorProto::TYPE_SINT64},
      {"fixed32", pb::FieldDescriptorProto::TYPE_FIXED32},   {"fixed64", pb::FieldDescriptorProto::TYPE_FIXED64},
      {"sfixed32", pb::FieldDescriptorProto::TYPE_SFIXED32}, {"sfixed64", pb::FieldDescriptorProto::TYPE_SFIXED64},
      {"float", pb::FieldDescriptorProto::TYPE_FLOAT},       {"double", pb::FieldDescriptorProto::TYPE_DOUBLE},
      {"bool", pb::FieldDescriptorProto::TYPE_BOOL},         {"string", pb::FieldDescriptorProto::TYPE_STRING},
      {"bytes", pb::FieldDescriptorProto::TYPE_BYTES},       {"color", pb::FieldDescriptorProto::TYPE_ENUM},
      {"child", pb::FieldDescriptorProto::TYPE_MESSAGE}};
  int number = 1;
  // Declared out of number order: the JSON follows field numbers.
  for (const char* prefix : {"optional_", "repeated_", "plain_"}) {
    for (const auto& [name, type] : kTypes) {
      pb::FieldDescriptorProto* field = message->add_field();
      field->set_name(std::string(prefix) + name);
      field->set_number(std::string(prefix) == "plain_" ? 200 - number : number);
      ++number;
      field->set_type(type);
      if (type == pb::FieldDescriptorProto::TYPE_ENUM) field->set_type_name(".tiqu.test.Color");
      if (type == pb::FieldDescriptorProto::TYPE_MESSAGE) field->set_type_name(".tiqu.test.AllTypes");
      field->set_label(std::string(prefix) == "repeated_" ? pb::FieldDescriptorProto::LABEL_REPEATED
                                                           : pb::FieldDescriptorProto::LABEL_OPTIONAL);
      if (std::string(prefix) == "optional_" && type != pb::FieldDescriptorProto::TYPE_MESSAGE) {
        // proto3 `optional`: a synthetic oneof of its own.
        field->set_proto3_optional(true);
        field->set_oneof_index(message->oneof_decl_size());
        message->add_oneof_decl()->set_name(std::string("_") + field->name());
      }
    }
  }
  const pb::FileDescriptor* built = pool->BuildFile(file);
  return built == nullptr ? nullptr : built->FindMessageTypeByName("AllTypes");
}

TEST(JsonPrinterTest, EveryFieldTypePrintsAsProtobufPrintsIt) {
  pb::DescriptorPool pool;
  const pb::Descriptor* type = AllTypesDescriptor(&pool);
  ASSERT_NE(type, nullptr);
  pb::DynamicMessageFactory factory(&pool);
  Randomizer random(7);
  for (int round = 0; round < 3000; ++round) {
    std::unique_ptr<pb::Message> message(factory.GetPrototype(type)->New());
    FillRandomly(message.get(), &random, /*depth=*/2);
    ExpectSameJson(*message, "round " + std::to_string(round) + ": " + message->ShortDebugString());
    if (HasFatalFailure()) return;
  }
}

}  // namespace
}  // namespace tiqu
