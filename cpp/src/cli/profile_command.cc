#include "cli/profile_command.h"

#include <algorithm>
#include <chrono>
#include <cstdarg>
#include <cstdio>
#include <map>
#include <ostream>

#include "cli/inputs.h"
#include "extract/engine.h"
#include "extract/rule_profile.h"
#include "rules/compiled_rules.h"
#include "tiqu/tiqu.h"

namespace tiqu {
namespace {

std::string Format(const char* format, ...) __attribute__((format(printf, 1, 2)));
std::string Format(const char* format, ...) {
  char buffer[512];
  va_list args;
  va_start(args, format);
  vsnprintf(buffer, sizeof buffer, format, args);
  va_end(args);
  return buffer;
}

double Percent(double part, double whole) { return whole > 0 ? 100.0 * part / whole : 0.0; }

}  // namespace

int RunRulesProfile(const std::vector<std::string>& rule_files, bool default_rules,
                    const std::vector<std::string>& inputs, int passes, std::ostream& out, std::ostream& err) {
  if (passes > 1 && std::find(inputs.begin(), inputs.end(), "-") != inputs.end()) {
    err << "tiqu: rules profile: --repeat cannot read standard input twice\n(run 'tiqu --help' for usage)\n";
    return 2;
  }
  ExtractorOptions options;
  options.default_rules = default_rules;
  options.rule_files = rule_files;
  StatusOr<Extractor> extractor = Extractor::Create(options);
  if (!extractor.ok()) {
    err << "tiqu: " << extractor.status().ToString() << "\n";
    return 1;
  }
  const CompiledRules& rules = extractor->rules();
  // Counts come from the first pass; each time is the least of all passes,
  // which leaves out most of what other processes on a busy machine cost.
  RuleProfile profile;
  std::map<std::string, uint64_t, std::less<>> facts_by_rule;
  size_t documents = 0, unreadable = 0, bytes = 0, facts = 0;
  double extract_seconds = 0;
  for (int pass = 0; pass < std::max(passes, 1); ++pass) {
    StatusOr<std::unique_ptr<InputReader>> reader = InputReader::Open(inputs);
    if (!reader.ok()) {
      err << "tiqu: " << reader.status().message() << "\n(run 'tiqu --help' for usage)\n";
      return 2;
    }
    RuleProfile pass_profile;
    pass_profile.rules.resize(rules.rules().size());
    double pass_extract_seconds = 0;
    InputDocument in;
    while ((*reader)->Next(&in)) {
      if (!in.error.empty()) {
        if (pass == 0) {
          ++unreadable;
          err << "tiqu: skipped " << in.id << ": " << in.error << "\n";
        }
        in = InputDocument();
        continue;
      }
      if (!in.reference_date.empty() && !ValidateReferenceDate(in.reference_date).ok()) in.reference_date.clear();
      v1::Document doc;
      {
        ScopedProfileTimer timer(&pass_extract_seconds);
        RunExtraction(rules, options, in.text, in.reference_date, &doc, &pass_profile);
      }
      if (pass == 0) {
        ++documents;
        bytes += in.text.size();
        for (const v1::Fact& fact : doc.facts()) {
          ++facts_by_rule[fact.rule()];
          ++facts;
        }
      }
      in = InputDocument();
    }
    if (pass == 0) {
      profile = std::move(pass_profile);
      extract_seconds = pass_extract_seconds;
      continue;
    }
    for (size_t r = 0; r < profile.rules.size(); ++r) {
      profile.rules[r].scan_seconds = std::min(profile.rules[r].scan_seconds, pass_profile.rules[r].scan_seconds);
    }
    profile.prefilter_seconds = std::min(profile.prefilter_seconds, pass_profile.prefilter_seconds);
    extract_seconds = std::min(extract_seconds, pass_extract_seconds);
  }

  double scan_seconds = 0;
  std::vector<size_t> order;
  size_t id_width = 4;
  for (size_t r = 0; r < rules.rules().size(); ++r) {
    if (rules.rules()[r]->proto.metadata()) continue;  // they read only the header and the closing lines
    scan_seconds += profile.rules[r].scan_seconds;
    order.push_back(r);
    id_width = std::max(id_width, rules.rules()[r]->proto.id().size());
  }
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return profile.rules[a].scan_seconds > profile.rules[b].scan_seconds;
  });

  out << Format("%zu document(s), %zu bytes, %zu fact(s), on one thread%s%s\n", documents, bytes, facts,
                passes > 1 ? Format(", least time of %d passes", passes).c_str() : "",
                unreadable > 0 ? Format(" (%zu unreadable, skipped)", unreadable).c_str() : "");
  out << Format("extraction %.1f ms; rule scans %.1f ms (%.0f%%); prefilter %.1f ms (%.0f%%)\n",
                extract_seconds * 1e3, scan_seconds * 1e3, Percent(scan_seconds, extract_seconds),
                profile.prefilter_seconds * 1e3, Percent(profile.prefilter_seconds, extract_seconds));
  out << "scans: sentences a rule ran on (after the prefilter); matches: of its pattern; kept: after the\n"
         "context checks and normalizers; facts: in the output, after overlaps (-: a suppress rule, which\n"
         "only blocks spans). % of the rule scans.\n\n";
  int w = static_cast<int>(id_width);
  out << Format("%-*s %9s %6s %9s %9s %9s %9s %6s\n", w, "rule", "ms", "%", "scans", "matches", "kept", "facts",
                "kept%");
  for (size_t r : order) {
    const RuleProfile::RuleCounts& c = profile.rules[r];
    const std::string& id = rules.rules()[r]->proto.id();
    auto it = facts_by_rule.find(id);
    uint64_t rule_facts = it == facts_by_rule.end() ? 0 : it->second;
    std::string kept_share = c.matches > 0 ? Format("%.0f", Percent(static_cast<double>(c.kept), c.matches)) : "-";
    std::string facts_cell = rules.rules()[r]->proto.suppress() ? "-" : std::to_string(rule_facts);
    out << Format("%-*s %9.2f %6.1f %9llu %9llu %9llu %9s %6s\n", w, id.c_str(), c.scan_seconds * 1e3,
                  Percent(c.scan_seconds, scan_seconds), static_cast<unsigned long long>(c.scans),
                  static_cast<unsigned long long>(c.matches), static_cast<unsigned long long>(c.kept),
                  facts_cell.c_str(), kept_share.c_str());
  }
  return 0;
}

}  // namespace tiqu
