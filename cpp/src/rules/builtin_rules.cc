#include "rules/builtin_rules.h"

#include <algorithm>
#include <string>

namespace tiqu {

// Defined in the generated embedded_rule_data.cc.
extern const EmbeddedFile kEmbeddedRuleFiles[];
extern const size_t kEmbeddedRuleFileCount;

const std::vector<EmbeddedFile>& EmbeddedRuleData() {
  static const std::vector<EmbeddedFile>* files = [] {
    auto* v = new std::vector<EmbeddedFile>(kEmbeddedRuleFiles, kEmbeddedRuleFiles + kEmbeddedRuleFileCount);
    std::sort(v->begin(), v->end(),
              [](const EmbeddedFile& a, const EmbeddedFile& b) { return std::string_view(a.path) < b.path; });
    return v;
  }();
  return *files;
}

std::vector<RuleFile> BuiltinRuleSources(bool load_rules) {
  std::vector<RuleFile> out;
  for (const EmbeddedFile& f : EmbeddedRuleData()) {
    std::string path = f.path;
    if (path.size() < 10 || path.compare(path.size() - 10, 10, ".textproto") != 0) continue;
    RuleFile file;
    file.name = "<builtin>/" + path;
    file.content.assign(reinterpret_cast<const char*>(f.data), f.size);
    file.load_rules = load_rules;
    std::string dir = path.substr(0, path.rfind('/') + 1);
    file.read_relative = [dir](const std::string& relative) -> StatusOr<std::string> {
      std::string wanted = dir + relative;
      for (const EmbeddedFile& e : EmbeddedRuleData()) {
        if (wanted == e.path) return std::string(reinterpret_cast<const char*>(e.data), e.size);
      }
      return Status(StatusCode::kNotFound, "no built-in file " + wanted);
    };
    out.push_back(std::move(file));
  }
  return out;
}

}  // namespace tiqu
