#include "rules/compiled_rules.h"

#include <google/protobuf/io/tokenizer.h>
#include <google/protobuf/text_format.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include "rules/pattern_expander.h"
#include "rules/pattern_syntax.h"

namespace tiqu {

using google::protobuf::FieldDescriptor;
using google::protobuf::TextFormat;

namespace {

constexpr int64_t kRuleMaxMem = 16 << 20;
// The prefilter's DFA cache: it holds states for all rules at once.
constexpr int64_t kSetMaxMem = 128 << 20;

class CollectErrors : public google::protobuf::io::ErrorCollector {
 public:
  void AddError(int line, google::protobuf::io::ColumnNumber column, const std::string& message) override {
    if (first_.empty()) {
      line_ = line + 1;
      column_ = column + 1;
      first_ = message;
    }
  }
  void AddWarning(int, google::protobuf::io::ColumnNumber, const std::string&) override {}

  int line_ = 0, column_ = 0;
  std::string first_;
};

std::string DirName(const std::string& path) {
  size_t slash = path.rfind('/');
  return slash == std::string::npos ? std::string() : path.substr(0, slash + 1);
}

// The text-format parser reports some errors (an unknown enum value or field
// name) at the token after the culprit. When the message quotes the culprit,
// point at its last occurrence before the reported position instead.
void PointAtQuotedToken(const std::string& content, const std::string& message, ErrorLocation* loc) {
  if (loc->line <= 0) return;
  // Byte offset of the reported position.
  size_t offset = 0;
  for (int line = 1; line < loc->line && offset != std::string::npos; ++line) {
    offset = content.find('\n', offset);
    if (offset != std::string::npos) ++offset;
  }
  if (offset == std::string::npos) return;
  // The message may quote several tokens ("Message type \"tiqu.v1.Rule\" has
  // no field named \"patern\"", "Unknown enumeration value of \"CUSTOMS\" for
  // field \"type\""): the culprit is the one found closest before the
  // reported position.
  size_t at = std::string::npos;
  for (size_t open = message.find('"'); open != std::string::npos;) {
    size_t close = message.find('"', open + 1);
    if (close == std::string::npos) break;
    std::string token = message.substr(open + 1, close - open - 1);
    size_t found = token.empty() ? std::string::npos : content.rfind(token, offset + loc->column - 1);
    if (found != std::string::npos && (at == std::string::npos || found > at)) at = found;
    open = message.find('"', close + 1);
  }
  if (at == std::string::npos) return;
  loc->line = 1 + static_cast<int>(std::count(content.begin(), content.begin() + at, '\n'));
  size_t line_start = content.rfind('\n', at);
  loc->column = static_cast<int>(at - (line_start == std::string::npos ? 0 : line_start + 1)) + 1;
}

Status RuleError(const ErrorLocation& where, const std::string& message) {
  return Status(StatusCode::kRuleError, message, where);
}

// A loaded file with the locations of its rules.
struct ParsedFile {
  const RuleFile* file;
  v1::RuleSet set;
  TextFormat::ParseInfoTree locations;

  ErrorLocation Where(const FieldDescriptor* field, int index) const {
    ErrorLocation loc;
    loc.file = file->name;
    auto l = locations.GetLocation(field, index);
    if (l.line >= 0) {
      loc.line = l.line + 1;
      loc.column = l.column + 1;
    }
    return loc;
  }
  // Location of field `field` inside rules[rule]; of its element `index`
  // when the field is repeated.
  ErrorLocation WhereInRule(int rule, const char* field, int index = 0) const {
    const FieldDescriptor* rules_fd = v1::RuleSet::descriptor()->FindFieldByName("rules");
    ErrorLocation loc = Where(rules_fd, rule);
    const TextFormat::ParseInfoTree* nested = locations.GetTreeForNested(rules_fd, rule);
    const FieldDescriptor* fd = v1::Rule::descriptor()->FindFieldByName(field);
    if (nested != nullptr && fd != nullptr) {
      auto l = nested->GetLocation(fd, fd->is_repeated() ? index : -1);
      if (l.line >= 0) {
        loc.line = l.line + 1;
        loc.column = l.column + 1;
      }
    }
    return loc;
  }
};

StatusOr<std::unique_ptr<RE2>> CompileRegex(const std::string& pattern, int64_t max_mem, const ErrorLocation& where,
                                            const std::string& what) {
  RE2::Options options = RuleRegexOptions();
  options.set_max_mem(max_mem);
  auto re = std::make_unique<RE2>(pattern, options);
  if (!re->ok()) {
    std::string message = re->error();
    if (re->error_code() == RE2::ErrorPatternTooLarge) {
      message += " (the pattern exceeds RE2's memory budget of " + std::to_string(max_mem >> 20) +
                 " MiB: split the rule or shorten its lists)";
    }
    return RuleError(where, "rule '" + where.rule_id + "': bad " + what + ": " + message);
  }
  return re;
}

}  // namespace

RE2::Options RuleRegexOptions() {
  RE2::Options options;
  options.set_encoding(RE2::Options::EncodingUTF8);
  options.set_log_errors(false);
  options.set_max_mem(kRuleMaxMem);
  return options;
}

StatusOr<RuleFile> ReadRuleFile(const std::string& path) {
  auto read = [](const std::string& p) -> StatusOr<std::string> {
    std::ifstream in(p, std::ios::binary);
    if (!in) return IoError("cannot read " + p);
    std::ostringstream buf;
    buf << in.rdbuf();
    return buf.str();
  };
  StatusOr<std::string> content = read(path);
  if (!content.ok()) return content.status();
  RuleFile file;
  file.name = path;
  file.content = std::move(*content);
  std::string dir = DirName(path);
  file.read_relative = [dir, read](const std::string& relative) { return read(dir + relative); };
  return file;
}

StatusOr<std::shared_ptr<const CompiledRules>> CompiledRules::Compile(const std::vector<RuleFile>& files,
                                                                     const std::vector<v1::Fact::Type>& types) {
  auto compiled = std::shared_ptr<CompiledRules>(new CompiledRules());
  std::vector<std::unique_ptr<ParsedFile>> parsed;

  // 1. Parse every file.
  for (const RuleFile& file : files) {
    auto p = std::make_unique<ParsedFile>();
    p->file = &file;
    TextFormat::Parser parser;
    CollectErrors errors;
    parser.RecordErrorsTo(&errors);
    parser.WriteLocationsTo(&p->locations);
    if (!parser.ParseFromString(file.content, &p->set)) {
      ErrorLocation loc{file.name, errors.line_, errors.column_, ""};
      PointAtQuotedToken(file.content, errors.first_, &loc);
      return RuleError(loc, "syntax error: " + errors.first_);
    }
    parsed.push_back(std::move(p));
  }

  // 2. Sub-patterns and lexicons, shared by all files.
  std::map<std::string, std::string, std::less<>> subpatterns;
  std::map<std::string, ErrorLocation, std::less<>> defined_at;
  for (const auto& p : parsed) {
    const FieldDescriptor* patterns_fd = v1::RuleSet::descriptor()->FindFieldByName("patterns");
    const FieldDescriptor* lexicons_fd = v1::RuleSet::descriptor()->FindFieldByName("lexicons");
    for (int i = 0; i < p->set.patterns_size(); ++i) {
      const v1::SubPattern& sp = p->set.patterns(i);
      ErrorLocation loc = p->Where(patterns_fd, i);
      if (sp.name().empty()) return RuleError(loc, "a sub-pattern needs a name");
      if (defined_at.count(sp.name())) {
        const ErrorLocation& first = defined_at[sp.name()];
        return RuleError(loc, "'" + sp.name() + "' is already defined at " + first.file + ":" +
                                  std::to_string(first.line));
      }
      defined_at[sp.name()] = loc;
      subpatterns[sp.name()] = sp.pattern();
    }
    for (int i = 0; i < p->set.lexicons_size(); ++i) {
      const v1::Lexicon& lx = p->set.lexicons(i);
      ErrorLocation loc = p->Where(lexicons_fd, i);
      if (lx.name().empty()) return RuleError(loc, "a lexicon needs a name");
      if (defined_at.count(lx.name())) {
        const ErrorLocation& first = defined_at[lx.name()];
        return RuleError(loc, "'" + lx.name() + "' is already defined at " + first.file + ":" +
                                  std::to_string(first.line));
      }
      defined_at[lx.name()] = loc;
      if (lx.values_size() != 0 && lx.values_size() != lx.entries_size()) {
        return RuleError(loc, "lexicon '" + lx.name() + "' has " + std::to_string(lx.entries_size()) +
                                  " entries but " + std::to_string(lx.values_size()) + " values");
      }
      Lexicon& lexicon = compiled->lexicons_[lx.name()];
      lexicon.name = lx.name();
      auto add = [&lexicon](const std::string& entry, const std::string& value) {
        if (entry.empty()) return;
        if (!lexicon.values.count(entry)) lexicon.entries.push_back(entry);
        lexicon.values[entry] = value.empty() ? entry : value;
        lexicon.max_entry_bytes = std::max(lexicon.max_entry_bytes, entry.size());
      };
      for (int e = 0; e < lx.entries_size(); ++e) add(lx.entries(e), lx.values_size() ? lx.values(e) : "");
      if (!lx.file().empty()) {
        if (!p->file->read_relative) return RuleError(loc, "lexicon '" + lx.name() + "': no file access");
        StatusOr<std::string> data = p->file->read_relative(lx.file());
        if (!data.ok()) return RuleError(loc, "lexicon '" + lx.name() + "': " + data.status().message());
        std::istringstream lines(*data);
        std::string line;
        while (std::getline(lines, line)) {
          if (!line.empty() && line.back() == '\r') line.pop_back();
          if (line.empty() || line[0] == '#') continue;
          size_t tab = line.find('\t');
          add(line.substr(0, tab), tab == std::string::npos ? "" : line.substr(tab + 1));
        }
      }
    }
  }
  auto lookup = [&](std::string_view name) -> std::optional<std::string> {
    auto sp = subpatterns.find(name);
    if (sp != subpatterns.end()) return sp->second;
    auto lx = compiled->lexicons_.find(name);
    if (lx != compiled->lexicons_.end()) return WordsToAlternation(lx->second.entries);
    return std::nullopt;
  };

  // 3. Rules.
  const NormalizerRegistry& normalizers = NormalizerRegistry::Get();
  std::map<std::string, ErrorLocation, std::less<>> rule_at;
  for (const auto& p : parsed) {
    if (!p->file->load_rules) continue;
    for (int i = 0; i < p->set.rules_size(); ++i) {
      const v1::Rule& proto = p->set.rules(i);
      auto rule = std::make_unique<CompiledRule>();
      rule->proto = proto;
      rule->location = p->WhereInRule(i, "id");
      rule->location.rule_id = proto.id();
      const ErrorLocation& where = rule->location;
      auto where_field = [&](const char* field) {
        ErrorLocation loc = p->WhereInRule(i, field);
        loc.rule_id = proto.id();
        return loc;
      };
      if (proto.id().empty()) return RuleError(p->WhereInRule(i, "pattern"), "a rule needs an id");
      if (rule_at.count(proto.id())) {
        const ErrorLocation& first = rule_at[proto.id()];
        return RuleError(where, "duplicate rule id '" + proto.id() + "' (first defined at " + first.file + ":" +
                                    std::to_string(first.line) + ")");
      }
      rule_at[proto.id()] = where;

      const std::string rule_name = "rule '" + proto.id() + "': ";
      const google::protobuf::Descriptor* target_type = nullptr;
      if (proto.metadata()) {
        if (proto.type() != v1::Fact::TYPE_UNSPECIFIED) {
          return RuleError(where_field("type"), rule_name + "a metadata rule has no fact type");
        }
        target_type = v1::Metadata::descriptor();
      } else {
        if (proto.type() == v1::Fact::TYPE_UNSPECIFIED) {
          return RuleError(where, rule_name + "needs a type (QUANTITY, TIME, ..., or CUSTOM)");
        }
        if ((proto.type() == v1::Fact::CUSTOM) != !proto.custom_type().empty()) {
          return RuleError(where, rule_name + "custom_type is required for CUSTOM rules and only allowed there");
        }
        rule->value_field = ValueFieldForType(proto.type());
        target_type = proto.type() == v1::Fact::CUSTOM ? nullptr : rule->value_field->message_type();
      }
      if (proto.examples_size() == 0) {
        return RuleError(where, rule_name + "has no examples: every rule needs at least one positive example");
      }
      for (int e = 0; e < proto.examples_size(); ++e) {
        rule->example_locations.push_back(p->WhereInRule(i, "examples", e));
        rule->example_locations.back().rule_id = proto.id();
      }
      for (int e = 0; e < proto.negatives_size(); ++e) {
        rule->negative_locations.push_back(p->WhereInRule(i, "negatives", e));
        rule->negative_locations.back().rule_id = proto.id();
      }

      // Pattern.
      if (proto.pattern().empty()) return RuleError(where, rule_name + "has no pattern");
      StatusOr<std::string> expanded = ExpandPattern(proto.pattern(), lookup);
      if (!expanded.ok()) return RuleError(where_field("pattern"), rule_name + expanded.status().message());
      rule->expanded_pattern = *expanded;
      rule->expanded_prefilter = *expanded;
      if (!proto.prefilter().empty()) {
        StatusOr<std::string> ex = ExpandPattern(proto.prefilter(), lookup);
        if (!ex.ok()) return RuleError(where_field("prefilter"), rule_name + ex.status().message());
        auto re = CompileRegex(*ex, kRuleMaxMem, where_field("prefilter"), "prefilter");
        if (!re.ok()) return re.status();
        rule->expanded_prefilter = *ex;
        rule->prefilter = std::move(*re);
      }
      auto regex = CompileRegex(rule->expanded_pattern, kRuleMaxMem, where_field("pattern"), "pattern");
      if (!regex.ok()) return regex.status();
      rule->regex = std::move(*regex);
      rule->group_count = rule->regex->NumberOfCapturingGroups() + 1;
      rule->groups_are_match = rule->group_count == 2 && IsOneGroupAroundAll(rule->expanded_pattern);
      for (const auto& [name, index] : rule->regex->NamedCapturingGroups()) rule->group_index[name] = index;
      if (auto it = rule->group_index.find("span"); it != rule->group_index.end()) rule->span_group = it->second;

      for (const char* context : {"not_preceded_by", "not_followed_by"}) {
        const std::string& pattern =
            std::string(context) == "not_preceded_by" ? proto.not_preceded_by() : proto.not_followed_by();
        if (pattern.empty()) continue;
        StatusOr<std::string> ex = ExpandPattern(pattern, lookup);
        if (!ex.ok()) return RuleError(where_field(context), rule_name + ex.status().message());
        bool before = std::string(context) == "not_preceded_by";
        auto re = CompileRegex(before ? "(?:" + *ex + ")$" : "^(?:" + *ex + ")", kRuleMaxMem,
                               where_field(context), context);
        if (!re.ok()) return re.status();
        (before ? rule->not_preceded_by : rule->not_followed_by) = std::move(*re);
      }
      if (!proto.span_starts_after().empty()) {
        StatusOr<std::string> ex = ExpandPattern(proto.span_starts_after(), lookup);
        if (!ex.ok()) return RuleError(where_field("span_starts_after"), rule_name + ex.status().message());
        auto re = CompileRegex(*ex, kRuleMaxMem, where_field("span_starts_after"), "span_starts_after");
        if (!re.ok()) return re.status();
        rule->span_starts_after = std::move(*re);
      }

      // Fields.
      for (int f = 0; f < proto.fields_size(); ++f) {
        const v1::FieldAssignment& fa = proto.fields(f);
        ErrorLocation floc = where_field("fields");
        CompiledField field;
        StatusOr<FieldTarget> target = ResolveField(target_type, fa.name());
        if (!target.ok()) return RuleError(floc, rule_name + target.status().message());
        field.target = *target;
        for (const std::string& g : fa.group()) {
          auto it = rule->group_index.find(g);
          if (it == rule->group_index.end()) {
            return RuleError(floc, rule_name + "field '" + fa.name() + "' uses group '" + g +
                                       "', which the pattern does not define");
          }
          field.groups.push_back(it->second);
        }
        if (!fa.value().empty()) {
          if (fa.group_size() > 0) {
            return RuleError(floc, rule_name + "field '" + fa.name() + "' has both a value and groups");
          }
          field.constant = fa.value();
        }
        if (!fa.normalizer().empty()) {
          std::string name = fa.normalizer();
          size_t colon = name.find(':');
          if (colon != std::string::npos) {
            field.argument = name.substr(colon + 1);
            name = name.substr(0, colon);
          }
          field.normalizer = normalizers.Find(name);
          if (field.normalizer == nullptr) {
            std::string known;
            for (const auto& [n, info] : normalizers.all()) known += (known.empty() ? "" : ", ") + n;
            return RuleError(floc, rule_name + "field '" + fa.name() + "': unknown normalizer '" + name +
                                       "' (known: " + known + ")");
          }
          if (field.normalizer->argument_required && field.argument.empty()) {
            return RuleError(floc, rule_name + "normalizer '" + name + "' needs an argument (" + name + ":NAME)");
          }
          if (field.normalizer->argument_is_lexicon) {
            auto lx = compiled->lexicons_.find(field.argument);
            if (lx == compiled->lexicons_.end()) {
              return RuleError(floc, rule_name + "field '" + fa.name() + "': unknown lexicon '" + field.argument + "'");
            }
            field.lexicon = &lx->second;
          }
        } else if (field.constant) {
          Status st = CheckConstant(field.target, *field.constant);
          if (!st.ok()) return RuleError(floc, rule_name + st.message());
        }
        rule->fields.push_back(std::move(field));
      }
      compiled->rule_index_[proto.id()] = static_cast<int>(compiled->rules_.size());
      compiled->rules_.push_back(std::move(rule));
    }
  }

  // 4. Prefilters: one RE2::Set per scope finds the rules worth running,
  // among those that can yield or absorb a wanted type.
  if (!types.empty()) {
    compiled->emitted_types_ = 0;
    for (v1::Fact::Type type : types) compiled->emitted_types_ |= uint64_t{1} << type;
  }
  auto runs = [&](const CompiledRule& rule) {
    if (compiled->Emits(rule.proto.type())) return true;
    for (int absorbed : rule.proto.absorbs()) {
      if (compiled->Emits(static_cast<v1::Fact::Type>(absorbed))) return true;
    }
    return false;
  };
  RE2::Options set_options = RuleRegexOptions();
  set_options.set_max_mem(kSetMaxMem);
  for (Prefilter* prefilter : {&compiled->sentence_, &compiled->document_}) {
    prefilter->set = std::make_unique<RE2::Set>(set_options, RE2::UNANCHORED);
  }
  for (size_t r = 0; r < compiled->rules_.size(); ++r) {
    const CompiledRule& rule = *compiled->rules_[r];
    if (rule.proto.metadata()) {
      compiled->metadata_rules_.push_back(static_cast<int>(r));
      continue;
    }
    if (!runs(rule)) continue;
    Prefilter& prefilter =
        rule.proto.scope() == v1::Rule::DOCUMENT ? compiled->document_ : compiled->sentence_;
    std::string error;
    if (prefilter.set->Add(LoosenRepetitions(rule.expanded_prefilter), &error) < 0) {
      return RuleError(rule.location, "rule '" + rule.proto.id() + "': prefilter: " + error);
    }
    prefilter.rules.push_back(static_cast<int>(r));
  }
  for (Prefilter* prefilter : {&compiled->sentence_, &compiled->document_}) {
    // Without a set every rule runs: slower, but nothing is missed.
    if (prefilter->rules.empty() || !prefilter->set->Compile()) prefilter->set.reset();
  }
  return std::shared_ptr<const CompiledRules>(compiled);
}

const CompiledRule* CompiledRules::FindRule(std::string_view id) const {
  auto it = rule_index_.find(id);
  return it == rule_index_.end() ? nullptr : rules_[it->second].get();
}

void CompiledRules::Prefilter::Candidates(std::string_view text, std::vector<int>* out) const {
  out->clear();
  if (rules.empty()) return;
  if (set != nullptr) {
    std::vector<int> hits;
    RE2::Set::ErrorInfo error{RE2::Set::kNoError};
    if (set->Match(re2::StringPiece(text.data(), text.size()), &hits, &error)) {
      for (int h : hits) out->push_back(rules[h]);
      std::sort(out->begin(), out->end());
      return;
    }
    if (error.kind == RE2::Set::kNoError) return;  // no rule can match
    // The DFA ran out of memory: fall through and run every rule.
  }
  *out = rules;
}

void CompiledRules::SentenceCandidates(std::string_view text, std::vector<int>* out) const {
  sentence_.Candidates(text, out);
}

void CompiledRules::DocumentCandidates(std::string_view text, std::vector<int>* out) const {
  document_.Candidates(text, out);
}

}  // namespace tiqu
