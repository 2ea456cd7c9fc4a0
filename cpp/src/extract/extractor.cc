// The public Extractor: rule loading, one document, and batches on threads.
#include <algorithm>
#include <cctype>
#include <cstdint>
#include <limits>

#include "common/parallel_for.h"
#include "extract/engine.h"
#include "normalize/text_normalizer.h"
#include "rules/builtin_rules.h"
#include "tiqu/tiqu.h"

namespace tiqu {

const char* Version() { return TIQU_VERSION; }

Status ValidateReferenceDate(std::string_view date) {
  auto digits = [&](size_t at, size_t n) {
    if (at + n > date.size()) return -1;
    int v = 0;
    for (size_t i = at; i < at + n; ++i) {
      if (!std::isdigit(static_cast<unsigned char>(date[i]))) return -1;
      v = v * 10 + (date[i] - '0');
    }
    return v;
  };
  auto bad = [&] {
    return InvalidArgumentError("reference date '" + std::string(date) +
                                "' is not YYYY, YYYY-MM or YYYY-MM-DD with a real month and day");
  };
  if (date.size() != 4 && date.size() != 7 && date.size() != 10) return bad();
  int year = digits(0, 4);
  if (year < 0) return bad();
  if (date.size() == 4) return Status::Ok();
  if (date[4] != '-') return bad();
  int month = digits(5, 2);
  if (month < 1 || month > 12) return bad();
  if (date.size() == 7) return Status::Ok();
  if (date[7] != '-') return bad();
  int day = digits(8, 2);
  static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  int max_day = month == 2 && !leap ? 28 : kDays[month - 1];
  if (day < 1 || day > max_day) return bad();
  return Status::Ok();
}

bool ParseFactType(std::string_view name, v1::Fact::Type* type) {
  std::string upper(name);
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  v1::Fact::Type parsed;
  if (!v1::Fact::Type_Parse(upper, &parsed) || parsed == v1::Fact::TYPE_UNSPECIFIED) return false;
  *type = parsed;
  return true;
}

StatusOr<Extractor> Extractor::Create(const ExtractorOptions& options) {
  // The shipped sub-patterns and lexicons are always there, so user rules can
  // build on {number} and friends even without the shipped rules.
  std::vector<RuleFile> files = BuiltinRuleSources(/*load_rules=*/options.default_rules);
  for (const std::string& path : options.rule_files) {
    StatusOr<RuleFile> file = ReadRuleFile(path);
    if (!file.ok()) return file.status();
    files.push_back(std::move(*file));
  }
  for (const auto& [name, content] : options.rule_texts) {
    RuleFile file;
    file.name = name;
    file.content = content;
    files.push_back(std::move(file));
  }
  for (v1::Fact::Type type : options.types) {
    if (!v1::Fact::Type_IsValid(type) || type == v1::Fact::TYPE_UNSPECIFIED) {
      return InvalidArgumentError("types: " + std::to_string(static_cast<int>(type)) + " is not a fact type");
    }
  }
  StatusOr<std::shared_ptr<const CompiledRules>> rules = CompiledRules::Compile(files, options.types);
  if (!rules.ok()) return rules.status();
  return Extractor(std::move(*rules), options);
}

StatusOr<v1::Document> Extractor::Extract(std::string_view text, const DocumentOptions& options) const {
  if (!options.reference_date.empty()) TIQU_RETURN_IF_ERROR(ValidateReferenceDate(options.reference_date));
  v1::Document doc;
  doc.set_id(options.id);
  doc.set_source(options.source);
  if (options.include_text) doc.set_text(IsValidUtf8(text) ? std::string(text) : RepairUtf8(text));
  // Spans are int32 in the output: a larger document could not be described,
  // whatever max_document_bytes allows.
  const size_t limit = std::min<size_t>(options_.max_document_bytes, std::numeric_limits<int32_t>::max());
  if (text.size() > limit) {
    doc.mutable_status()->set_code(v1::Status::TOO_LARGE);
    doc.mutable_status()->set_message("document of " + std::to_string(text.size()) + " bytes exceeds the limit of " +
                                      std::to_string(limit));
    return doc;
  }
  RunExtraction(*rules_, options_, text, options.reference_date, &doc);
  return doc;
}

StatusOr<std::string> Extractor::ExtractSerialized(std::string_view text, const DocumentOptions& options) const {
  StatusOr<v1::Document> doc = Extract(text, options);
  if (!doc.ok()) return doc.status();
  std::string bytes;
  if (!doc->SerializeToString(&bytes)) return InternalError("cannot serialize document '" + options.id + "'");
  return bytes;
}

StatusOr<std::vector<v1::Document>> Extractor::ExtractBatch(const std::vector<DocumentInput>& inputs,
                                                            int threads) const {
  for (const DocumentInput& in : inputs) {
    if (!in.options.reference_date.empty()) TIQU_RETURN_IF_ERROR(ValidateReferenceDate(in.options.reference_date));
  }
  std::vector<v1::Document> out(inputs.size());
  ParallelFor(inputs.size(), threads, [&](size_t i) {
    // Options were validated above, so Extract cannot fail here.
    out[i] = std::move(*Extract(inputs[i].text, inputs[i].options));
  });
  return out;
}

std::vector<std::string> Extractor::RuleIds() const {
  std::vector<std::string> ids;
  for (const auto& rule : rules_->rules()) ids.push_back(rule->proto.id());
  return ids;
}

}  // namespace tiqu
