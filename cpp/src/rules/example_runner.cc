// Runs the examples every rule carries: the same check for `tiqu rules
// check`, CTest and pytest. A failure says precisely what went wrong: no fact,
// a fact with other text, another rule's fact, or a field with another value.
#include <google/protobuf/descriptor.h>
#include <google/protobuf/text_format.h>

#include <cmath>
#include <set>

#include "rules/builtin_rules.h"
#include "rules/compiled_rules.h"
#include "tiqu/rules.h"

namespace tiqu {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

namespace {

std::string Short(const Message& m) {
  std::string s;
  google::protobuf::TextFormat::Printer printer;
  printer.SetSingleLineMode(true);
  printer.SetUseUtf8StringEscaping(true);
  printer.PrintToString(m, &s);
  while (!s.empty() && s.back() == ' ') s.pop_back();
  return s;
}

bool SameDouble(double a, double b) { return std::fabs(a - b) <= 1e-9 * std::max({1.0, std::fabs(a), std::fabs(b)}); }

// Every field set in `expected` equals the one in `actual`; the first
// difference is described in `*why`.
bool MatchesPartially(const Message& expected, const Message& actual, const std::string& prefix, std::string* why) {
  const Reflection* re = expected.GetReflection();
  const Reflection* ra = actual.GetReflection();
  std::vector<const FieldDescriptor*> fields;
  re->ListFields(expected, &fields);
  for (const FieldDescriptor* f : fields) {
    std::string name = prefix + f->name();
    if (f->is_map()) {
      // Each expected entry must be there with an equal value; others may be too.
      const FieldDescriptor* key = f->message_type()->map_key();
      for (int i = 0; i < re->FieldSize(expected, f); ++i) {
        const Message& want = re->GetRepeatedMessage(expected, f, i);
        std::string want_key = want.GetReflection()->GetString(want, key);
        const Message* got = nullptr;
        for (int j = 0; j < ra->FieldSize(actual, f) && got == nullptr; ++j) {
          const Message& entry = ra->GetRepeatedMessage(actual, f, j);
          if (entry.GetReflection()->GetString(entry, key) == want_key) got = &entry;
        }
        if (got == nullptr) {
          *why = name + "[" + want_key + "]: missing";
          return false;
        }
        if (!MatchesPartially(want, *got, name + "[" + want_key + "].", why)) return false;
      }
      continue;
    }
    if (f->is_repeated()) {
      int n = re->FieldSize(expected, f);
      if (ra->FieldSize(actual, f) != n) {
        *why = name + ": expected " + std::to_string(n) + " values, got " + std::to_string(ra->FieldSize(actual, f));
        return false;
      }
      for (int i = 0; i < n; ++i) {
        bool same = true;
        switch (f->cpp_type()) {
          case FieldDescriptor::CPPTYPE_DOUBLE:
            same = SameDouble(re->GetRepeatedDouble(expected, f, i), ra->GetRepeatedDouble(actual, f, i));
            break;
          case FieldDescriptor::CPPTYPE_STRING:
            same = re->GetRepeatedString(expected, f, i) == ra->GetRepeatedString(actual, f, i);
            break;
          case FieldDescriptor::CPPTYPE_MESSAGE:
            if (!MatchesPartially(re->GetRepeatedMessage(expected, f, i), ra->GetRepeatedMessage(actual, f, i),
                                  name + "[" + std::to_string(i) + "].", why))
              return false;
            break;
          default: {
            std::string a, b;
            google::protobuf::TextFormat::PrintFieldValueToString(expected, f, i, &a);
            google::protobuf::TextFormat::PrintFieldValueToString(actual, f, i, &b);
            same = a == b;
          }
        }
        if (!same) {
          std::string a, b;
          google::protobuf::TextFormat::PrintFieldValueToString(expected, f, i, &a);
          google::protobuf::TextFormat::PrintFieldValueToString(actual, f, i, &b);
          *why = name + "[" + std::to_string(i) + "]: expected " + a + ", got " + b;
          return false;
        }
      }
      continue;
    }
    if (f->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
      if (!ra->HasField(actual, f)) {
        *why = name + ": missing";
        return false;
      }
      if (!MatchesPartially(re->GetMessage(expected, f), ra->GetMessage(actual, f), name + ".", why)) return false;
      continue;
    }
    bool same;
    if (f->cpp_type() == FieldDescriptor::CPPTYPE_DOUBLE) {
      same = ra->HasField(actual, f) && SameDouble(re->GetDouble(expected, f), ra->GetDouble(actual, f));
    } else {
      std::string a, b;
      google::protobuf::TextFormat::PrintFieldValueToString(expected, f, -1, &a);
      google::protobuf::TextFormat::PrintFieldValueToString(actual, f, -1, &b);
      same = a == b;
    }
    if (!same) {
      std::string a, b;
      google::protobuf::TextFormat::PrintFieldValueToString(expected, f, -1, &a);
      if (ra->HasField(actual, f)) {
        google::protobuf::TextFormat::PrintFieldValueToString(actual, f, -1, &b);
      } else {
        b = "nothing";
      }
      *why = name + ": expected " + a + ", got " + b;
      return false;
    }
  }
  return true;
}

std::string DescribeFacts(const v1::Document& doc, v1::Fact::Type type) {
  std::string out;
  for (const v1::Fact& f : doc.facts()) {
    if (type != v1::Fact::TYPE_UNSPECIFIED && f.type() != type) continue;
    out += (out.empty() ? "" : "; ") + std::string("'") + f.text() + "' (" + f.rule() + ")";
  }
  return out.empty() ? "nothing" : out;
}

// Why `expected` is not among the facts of `doc`; empty when it is.
std::string CheckExpectedFact(const CompiledRule& rule, const v1::Fact& expected_in, const v1::Document& doc) {
  v1::Fact expected = expected_in;
  if (expected.type() == v1::Fact::TYPE_UNSPECIFIED) expected.set_type(rule.proto.type());
  // A fact of the rule's own type must come from the rule itself.
  if (expected.rule().empty() && expected.type() == rule.proto.type()) expected.set_rule(rule.proto.id());
  if (expected.type() == v1::Fact::CUSTOM && expected.custom_type().empty()) {
    expected.set_custom_type(rule.proto.custom_type());
  }
  std::string closest;
  for (const v1::Fact& f : doc.facts()) {
    if (f.type() != expected.type() || f.custom_type() != expected.custom_type()) continue;
    if (!expected.text().empty() && f.text() != expected.text()) continue;
    if (f.rule() != expected.rule()) {
      closest = "'" + f.text() + "' came from rule '" + f.rule() + "', not '" + expected.rule() + "'";
      continue;
    }
    v1::Fact want = expected;
    want.clear_rule();
    want.clear_type();
    want.clear_custom_type();
    std::string why;
    if (MatchesPartially(want, f, "", &why)) return "";
    closest = "partial match '" + f.text() + "': " + why + " [got " + Short(f) + "]";
  }
  if (!closest.empty()) return closest;
  return "no " + v1::Fact::Type_Name(expected.type()) + " fact '" + expected.text() +
         "' (found: " + DescribeFacts(doc, expected.type()) + ")";
}

void RunRule(const Extractor& extractor, const CompiledRule& rule, RuleCheckReport* report) {
  report->rules++;
  // Failures point at the example itself when its place is known.
  const ErrorLocation* at = &rule.location;
  auto fail = [&](const std::string& example, const std::string& reason) {
    report->failures.push_back({rule.proto.id(), *at, example, reason});
  };
  auto place = [&](const std::vector<ErrorLocation>& locations, int index) {
    at = index < static_cast<int>(locations.size()) ? &locations[index] : &rule.location;
  };
  int index = 0;
  for (const v1::Example& example : rule.proto.examples()) {
    place(rule.example_locations, index++);
    report->examples++;
    DocumentOptions options;
    options.reference_date = example.reference_date();
    StatusOr<v1::Document> doc = extractor.Extract(example.text(), options);
    if (!doc.ok()) {
      fail(example.text(), doc.status().ToString());
      continue;
    }
    if (rule.prefilter != nullptr && RE2::PartialMatch(example.text(), *rule.regex) &&
        !RE2::PartialMatch(example.text(), *rule.prefilter)) {
      fail(example.text(), "the pattern matches but the prefilter does not: the prefilter must match wherever "
                           "the pattern can");
      continue;
    }
    if (rule.proto.suppress()) {
      // The rule must match, and no fact of its type may survive inside.
      re2::StringPiece match;
      if (!rule.regex->Match(example.text(), 0, example.text().size(), RE2::UNANCHORED, &match, 1)) {
        fail(example.text(), "no match");
        continue;
      }
      std::string found;
      for (const v1::Fact& f : doc->facts()) {
        if (f.type() == rule.proto.type()) found += (found.empty() ? "'" : "; '") + f.text() + "' (" + f.rule() + ")";
      }
      if (!found.empty()) fail(example.text(), "blocked text still produced " + found);
      continue;
    }
    if (rule.proto.metadata()) {
      std::string why;
      if (!MatchesPartially(example.expect_metadata(), doc->metadata(), "metadata.", &why)) {
        fail(example.text(), why + " [got " + Short(doc->metadata()) + "]");
      }
      continue;
    }
    if (example.expect_size() == 0) {
      // Without expectations the rule must at least fire.
      bool fired = false;
      for (const v1::Fact& f : doc->facts()) fired |= f.rule() == rule.proto.id();
      if (!fired) fail(example.text(), "no match (found: " + DescribeFacts(*doc, rule.proto.type()) + ")");
    }
    for (const v1::Fact& expected : example.expect()) {
      std::string why = CheckExpectedFact(rule, expected, *doc);
      if (!why.empty()) fail(example.text(), why);
    }
  }
  index = 0;
  for (const std::string& negative : rule.proto.negatives()) {
    place(rule.negative_locations, index++);
    report->negatives++;
    StatusOr<v1::Document> doc = extractor.Extract(negative);
    if (!doc.ok()) {
      fail(negative, doc.status().ToString());
      continue;
    }
    if (rule.proto.metadata()) {
      for (const CompiledField& field : rule.fields) {
        if (HasField(field.target, doc->metadata())) {
          fail(negative, "negative example set metadata." + field.target.name);
        }
      }
      continue;
    }
    std::string found;
    for (const v1::Fact& f : doc->facts()) {
      if (f.type() == rule.proto.type() && f.custom_type() == rule.proto.custom_type()) {
        found += (found.empty() ? "" : "; ") + std::string("'") + f.text() + "' (" + f.rule() + ")";
      }
    }
    if (!found.empty()) fail(negative, "negative example produced " + found);
  }
}

}  // namespace

RuleCheckReport RunRuleExamples(const Extractor& extractor, const std::string& rule_id_prefix) {
  RuleCheckReport report;
  for (const auto& rule : extractor.rules().rules()) {
    if (rule->proto.id().compare(0, rule_id_prefix.size(), rule_id_prefix) != 0) continue;
    RunRule(extractor, *rule, &report);
  }
  return report;
}

Status CheckRuleFiles(const std::vector<std::string>& files, ExtractorOptions options, RuleCheckReport* report) {
  options.rule_files.insert(options.rule_files.end(), files.begin(), files.end());
  StatusOr<Extractor> extractor = Extractor::Create(options);
  if (!extractor.ok()) return extractor.status();
  std::set<std::string> wanted(files.begin(), files.end());
  *report = RuleCheckReport();
  for (const auto& rule : extractor->rules().rules()) {
    if (wanted.count(rule->location.file)) RunRule(*extractor, *rule, report);
  }
  return Status::Ok();
}

std::vector<std::pair<std::string, std::string>> BuiltinRuleFiles() {
  std::vector<std::pair<std::string, std::string>> out;
  for (const RuleFile& f : BuiltinRuleSources(true)) out.emplace_back(f.name, f.content);
  return out;
}

}  // namespace tiqu
