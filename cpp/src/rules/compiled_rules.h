// Rule files -> an immutable, validated, compiled rule set.
//
// Loading succeeds whole or fails whole, with an error that says where:
// file:line:column for text-format syntax, and the rule id for a bad pattern,
// an unknown group, field, normalizer or lexicon, a duplicate id, or a rule
// without examples.
#ifndef TIQU_RULES_COMPILED_RULES_H_
#define TIQU_RULES_COMPILED_RULES_H_

#include <re2/re2.h>
#include <re2/set.h>

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "tiqu/status.h"
#include "tiqu/v1/rules.pb.h"
#include "values/field_setter.h"
#include "values/normalizers.h"

namespace tiqu {

// One rule file to load.
struct RuleFile {
  // Shown in errors and used to resolve lexicon files: a path, or
  // "<builtin>/zh/quantity.textproto" for the shipped packs.
  std::string name;
  std::string content;
  // Reads a file named relative to this one (lexicon `file:`).
  std::function<StatusOr<std::string>(const std::string& relative)> read_relative;
  // False: only its sub-patterns and lexicons are loaded (the shipped
  // definitions stay available when the shipped rules are switched off).
  bool load_rules = true;
};

// Reads a rule file from disk, with lexicon files resolved next to it.
StatusOr<RuleFile> ReadRuleFile(const std::string& path);

struct CompiledField {
  FieldTarget target;
  std::vector<int> groups;  // capturing group indices; empty: the span
  const NormalizerInfo* normalizer = nullptr;
  std::string argument;
  const Lexicon* lexicon = nullptr;
  std::optional<std::string> constant;
};

struct CompiledRule {
  v1::Rule proto;
  ErrorLocation location;  // of the rule in its file
  // Where each example and negative example is, for `rules check` reports.
  std::vector<ErrorLocation> example_locations;
  std::vector<ErrorLocation> negative_locations;
  std::string expanded_pattern;
  std::string expanded_prefilter;  // what the prefilter set matches: `prefilter` or the pattern
  std::unique_ptr<RE2> prefilter;  // null without Rule.prefilter
  std::unique_ptr<RE2> regex;
  int group_count = 0;  // capturing groups + 1 (group 0 is the match)
  int span_group = 0;   // 0: the whole match
  // The only group wraps the whole pattern ("(?P<span>...)"), so it equals
  // the match and the engine can skip the run that finds groups.
  bool groups_are_match = false;
  std::map<std::string, int, std::less<>> group_index;
  std::unique_ptr<RE2> not_preceded_by;  // compiled as "(?:X)$"
  std::unique_ptr<RE2> not_followed_by;  // compiled as "^(?:X)"
  std::unique_ptr<RE2> span_starts_after;
  // Fact.<value field> for the rule's type; null for metadata rules.
  const google::protobuf::FieldDescriptor* value_field = nullptr;
  std::vector<CompiledField> fields;
};

class CompiledRules {
 public:
  // `types`: the fact types wanted (empty: all). Every rule is compiled and
  // checked, but only those that can affect facts of these types run: the
  // rules of these types, and rules whose facts absorb them (their own facts
  // are dropped in the end, see Emits).
  static StatusOr<std::shared_ptr<const CompiledRules>> Compile(const std::vector<RuleFile>& files,
                                                                const std::vector<v1::Fact::Type>& types = {});

  const std::vector<std::unique_ptr<CompiledRule>>& rules() const { return rules_; }
  const CompiledRule* FindRule(std::string_view id) const;
  const std::map<std::string, Lexicon, std::less<>>& lexicons() const { return lexicons_; }

  // Candidate rules (indices into rules()) for sentence-scope matching of
  // `text`; every rule when the prefilter cannot tell.
  void SentenceCandidates(std::string_view text, std::vector<int>* out) const;
  void DocumentCandidates(std::string_view text, std::vector<int>* out) const;
  const std::vector<int>& metadata_rules() const { return metadata_rules_; }
  // Whether facts of `type` are wanted in the output.
  bool Emits(v1::Fact::Type type) const { return (emitted_types_ >> type & 1) != 0; }

 private:
  struct Prefilter {
    std::unique_ptr<RE2::Set> set;  // null when it could not be built
    std::vector<int> rules;         // set index -> rule index
    void Candidates(std::string_view text, std::vector<int>* out) const;
  };

  std::vector<std::unique_ptr<CompiledRule>> rules_;
  std::map<std::string, int, std::less<>> rule_index_;
  std::map<std::string, Lexicon, std::less<>> lexicons_;
  Prefilter sentence_;
  Prefilter document_;
  std::vector<int> metadata_rules_;
  static_assert(v1::Fact::Type_MAX < 64, "emitted_types_ has a bit per fact type");
  uint64_t emitted_types_ = ~uint64_t{0};
};

// The RE2 options every rule pattern is compiled with.
RE2::Options RuleRegexOptions();

}  // namespace tiqu

#endif  // TIQU_RULES_COMPILED_RULES_H_
