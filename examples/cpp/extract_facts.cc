// Extracts the facts of one text file and prints them, one per line:
//
//   extract_facts FILE [REFERENCE_DATE]
//
//   QUANTITY  12  17  "288次"  quantity { value: 288 unit: "次" qualifier: EXACT }
//
// then a count per fact type. Exit status 1 when the file cannot be read or
// the extractor cannot be built.
#include <google/protobuf/text_format.h>

#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>

#include "tiqu/tiqu.h"

namespace {

// The fact's value (the field of its `value` oneof) in text format, one line.
std::string ValueText(const tiqu::v1::Fact& fact) {
  const google::protobuf::Reflection* reflection = fact.GetReflection();
  const google::protobuf::FieldDescriptor* field =
      reflection->GetOneofFieldDescriptor(fact, tiqu::v1::Fact::descriptor()->FindOneofByName("value"));
  if (field == nullptr) return "";
  google::protobuf::TextFormat::Printer printer;
  printer.SetSingleLineMode(true);
  printer.SetUseUtf8StringEscaping(true);
  std::string value;
  printer.PrintToString(reflection->GetMessage(fact, field), &value);
  return field->name() + " { " + value + "}";
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || argc > 3) {
    std::cerr << "usage: extract_facts FILE [REFERENCE_DATE]\n";
    return 2;
  }
  std::ifstream file(argv[1], std::ios::binary);
  if (!file) {
    std::cerr << "cannot read " << argv[1] << "\n";
    return 1;
  }
  std::stringstream text;
  text << file.rdbuf();

  // The default rules are compiled into the library: no files needed.
  tiqu::StatusOr<tiqu::Extractor> extractor = tiqu::Extractor::Create();
  if (!extractor.ok()) {
    std::cerr << extractor.status().ToString() << "\n";
    return 1;
  }

  tiqu::DocumentOptions options;
  options.id = argv[1];
  if (argc == 3) options.reference_date = argv[2];
  tiqu::StatusOr<tiqu::v1::Document> doc = extractor->Extract(text.str(), options);
  if (!doc.ok()) {  // only invalid options fail the call
    std::cerr << doc.status().ToString() << "\n";
    return 1;
  }
  // Problems with the text itself (invalid UTF-8, too large) are in the
  // document's status; the facts found are still there.
  if (doc->status().code() != tiqu::v1::Status::OK) {
    std::cerr << "status " << tiqu::v1::Status::Code_Name(doc->status().code()) << ": "
              << doc->status().message() << "\n";
  }

  std::map<std::string, int> per_type;
  for (const tiqu::v1::Fact& fact : doc->facts()) {
    std::string type = tiqu::v1::Fact::Type_Name(fact.type());
    ++per_type[type];
    std::cout << type << "\t" << fact.span().begin() << "\t" << fact.span().end() << "\t\"" << fact.text()
              << "\"\t" << ValueText(fact) << "\n";
  }
  std::cout << "# " << doc->facts_size() << " fact(s)";
  for (const auto& [type, count] : per_type) std::cout << " " << type << "=" << count;
  std::cout << "\n";
  return 0;
}
