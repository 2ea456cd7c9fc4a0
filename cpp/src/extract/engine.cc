#include "extract/engine.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "common/utf8.h"
#include "extract/annotators.h"
#include "extract/candidate.h"
#include "extract/name_zones.h"
#include "extract/overlap.h"
#include "extract/rule_profile.h"
#include "normalize/sentence_splitter.h"
#include "normalize/text_normalizer.h"
#include "values/finalizers.h"

namespace tiqu {
namespace {

// How far before and after a match `not_preceded_by` / `not_followed_by` look.
constexpr size_t kContextBytes = 60;
// The header and the closing lines that metadata rules read.
constexpr size_t kMetadataHeadBytes = 4096;
constexpr size_t kMetadataTailBytes = 2048;

// A rule's match, as normalizers see it.
class RuleMatch : public MatchInput {
 public:
  RuleMatch(const CompiledRule& rule, const std::vector<re2::StringPiece>& groups, std::string_view context,
            const std::string& reference_date)
      : rule_(rule), groups_(groups), context_(context), reference_date_(reference_date) {}

  std::string_view Group(std::string_view name) const override {
    auto it = rule_.group_index.find(name);
    if (it == rule_.group_index.end()) return {};
    return GroupAt(it->second);
  }
  bool HasGroup(std::string_view name) const override {
    auto it = rule_.group_index.find(name);
    return it != rule_.group_index.end() && groups_[it->second].data() != nullptr;
  }
  std::string_view Span() const override { return GroupAt(rule_.span_group); }
  std::string_view Context() const override { return context_; }
  size_t SpanOffsetInContext() const override { return Span().data() - context_.data(); }
  const std::string& ReferenceDate() const override { return reference_date_; }

  std::string_view GroupAt(int index) const {
    const re2::StringPiece& g = groups_[index];
    return g.data() == nullptr ? std::string_view() : std::string_view(g.data(), g.size());
  }

 private:
  const CompiledRule& rule_;
  const std::vector<re2::StringPiece>& groups_;
  std::string_view context_;
  const std::string& reference_date_;
};

// Moves `pos` back to the start of a UTF-8 character.
size_t CharBoundaryAtOrBefore(std::string_view text, size_t pos) {
  while (pos > 0 && pos < text.size() && (static_cast<unsigned char>(text[pos]) & 0xC0) == 0x80) --pos;
  return pos;
}
size_t CharBoundaryAtOrAfter(std::string_view text, size_t pos) {
  while (pos < text.size() && (static_cast<unsigned char>(text[pos]) & 0xC0) == 0x80) ++pos;
  return pos;
}

// Where a span trimmed by `span_starts_after` begins: after the last
// non-empty match of the pattern inside it. Matches between a pair of
// quotation marks that the span holds do not count: a quoted topic is part
// of a name (“…与…”专题会议).
size_t TrimmedSpanBegin(const RE2& lead_in, const re2::StringPiece& span) {
  static constexpr std::string_view kOpen = "“", kClose = "”";
  std::string_view text(span.data(), span.size());
  std::vector<std::pair<size_t, size_t>> quoted;  // [open, close) of each closed pair
  for (size_t open = text.find(kOpen); open != std::string_view::npos; open = text.find(kOpen, open + 1)) {
    size_t close = text.find(kClose, open);
    if (close == std::string_view::npos) break;
    quoted.emplace_back(open, close);
    open = close;
  }
  auto is_quoted = [&](size_t at) {
    for (const auto& [open, close] : quoted) {
      if (at > open && at < close) return true;
    }
    return false;
  };
  size_t cut = 0;
  size_t pos = 0;
  re2::StringPiece found;
  while (pos < span.size() && lead_in.Match(span, pos, span.size(), RE2::UNANCHORED, &found, 1)) {
    size_t found_begin = found.data() - span.data();
    size_t found_end = found_begin + found.size();
    if (found.empty()) {
      pos = CharBoundaryAtOrAfter(text, found_end + 1);
      continue;
    }
    if (!is_quoted(found_begin)) cut = found_end;
    pos = found_end;
  }
  return cut;
}

bool ContextAllows(const CompiledRule& rule, std::string_view text, size_t begin, size_t end) {
  if (rule.not_preceded_by != nullptr) {
    size_t from = CharBoundaryAtOrAfter(text, begin > kContextBytes ? begin - kContextBytes : 0);
    re2::StringPiece before(text.data() + from, begin - from);
    if (RE2::PartialMatch(before, *rule.not_preceded_by)) return false;
  }
  if (rule.not_followed_by != nullptr) {
    size_t to = CharBoundaryAtOrBefore(text, std::min(text.size(), end + kContextBytes));
    re2::StringPiece after(text.data() + end, to - end);
    if (RE2::PartialMatch(after, *rule.not_followed_by)) return false;
  }
  return true;
}

// Fills the fields of `target` from one match; false when a normalizer
// rejects the match. Normalizers may move `*span` (see NormalizerCall).
bool AssignFields(const CompiledRule& rule, const RuleMatch& match, google::protobuf::Message* target,
                  std::string_view* span = nullptr) {
  for (const CompiledField& field : rule.fields) {
    std::string_view input;
    if (field.constant) {
      input = *field.constant;
    } else if (!field.groups.empty()) {
      bool found = false;
      for (int g : field.groups) {
        if (match.GroupAt(g).data() != nullptr) {
          input = match.GroupAt(g);
          found = true;
          break;
        }
      }
      if (!found) continue;
    } else {
      input = match.Span();
    }
    FieldValue value;
    if (field.normalizer != nullptr) {
      NormalizerCall call{input, field.argument, &match, field.lexicon, span};
      if (!field.normalizer->fn(call, &value)) return false;
    } else {
      value = FieldValue::Text(std::string(input));
    }
    SetField(field.target, value, target);
  }
  return true;
}

class DocumentRun {
 public:
  DocumentRun(const CompiledRules& rules, const ExtractorOptions& options, std::string_view original,
              const std::string& reference_date, v1::Document* doc, RuleProfile* profile)
      : rules_(rules), options_(options), original_(original), doc_(doc), profile_(profile) {
    context_.original = original;
    context_.normalized = &normalized_;
    context_.sentence_starts = &sentences_;
    context_.zones = &zones_;
    context_.reference_date = reference_date;
    context_.metadata = &doc->metadata();
  }

  void Run() {
    NormalizeOptions normalize_options;
    normalize_options.join_broken_lines = options_.join_broken_lines;
    NormalizeText(original_, normalize_options, &normalized_);
    const std::string& text = normalized_.text;
    SplitSentences(text, &sentences_);
    FindNameZones(text, &zones_);

    ApplyMetadataRules();
    if (context_.reference_date.empty()) {
      context_.reference_date = DateOf(doc_->metadata().publish_time());
    }
    doc_->set_reference_date(context_.reference_date);

    std::vector<int> candidates;
    {
      ScopedProfileTimer timer(profile_ ? &profile_->prefilter_seconds : nullptr);
      rules_.DocumentCandidates(text, &candidates);
    }
    for (int r : candidates) Scan(r, 0, text.size());
    // Rule-major order: the prefilter runs over every sentence first, then
    // each rule over the sentences it may match. Each automaton then stays in
    // the CPU caches for a whole document; sentence by sentence, the rules'
    // and the prefilter's DFA states evicted each other (about 7% more CPU
    // time for the whole run). The order in which candidates are found does not
    // matter: ResolveOverlaps orders them, and the only ties it keeps in
    // input order are equal spans, which one sentence holds and which are
    // found in rule order either way.
    std::vector<std::pair<int, uint32_t>> rule_sentences;  // (rule, sentence)
    {
      ScopedProfileTimer timer(profile_ ? &profile_->prefilter_seconds : nullptr);
      for (size_t s = 0; s < sentences_.size(); ++s) {
        auto [begin, end] = SentenceBounds(s);
        rules_.SentenceCandidates(std::string_view(text).substr(begin, end - begin), &candidates);
        for (int r : candidates) rule_sentences.emplace_back(r, static_cast<uint32_t>(s));
      }
    }
    std::sort(rule_sentences.begin(), rule_sentences.end());
    for (auto [r, s] : rule_sentences) {
      auto [begin, end] = SentenceBounds(s);
      Scan(r, begin, end);
    }

    found_.erase(std::remove_if(found_.begin(), found_.end(),
                                [&](const Candidate& c) {
                                  return !c.allow_inside_names && InsideNameZone(zones_, c.begin, c.end);
                                }),
                 found_.end());
    ResolveOverlaps(&found_);
    DropAbsorbed(&found_);
    // Suppressed spans, and facts of types not asked for (their rules ran
    // only because they absorb a wanted type), go.
    found_.erase(std::remove_if(found_.begin(), found_.end(),
                                [&](const Candidate& c) { return c.suppress || !rules_.Emits(c.fact.type()); }),
                 found_.end());
    for (const AnnotatorInfo& annotator : Annotators()) {
      if (rules_.Emits(annotator.type)) annotator.fn(context_, &found_);
    }
    std::stable_sort(found_.begin(), found_.end(), [](const Candidate& a, const Candidate& b) {
      return a.begin != b.begin ? a.begin < b.begin : a.fact.type() < b.fact.type();
    });
    EmitFacts();
  }

 private:
  std::pair<size_t, size_t> SentenceBounds(size_t s) const {
    return {sentences_[s], s + 1 < sentences_.size() ? sentences_[s + 1] : normalized_.text.size()};
  }

  // "2021-12-31T17:55" -> "2021-12-31": the date part of a publish time.
  static std::string DateOf(const std::string& time) { return time.substr(0, time.find('T')); }

  void ApplyMetadataRules() {
    if (rules_.metadata_rules().empty()) return;
    // Header lines (a breadcrumb, a date line, a page number) are short lines
    // that joining broken lines would run together, so metadata rules read
    // the text normalized with every line break kept. Metadata sits in the
    // header and the closing lines: only those are normalized again, so that
    // long documents do not pay twice.
    NormalizeOptions line_options;
    line_options.join_broken_lines = false;
    NormalizedText lines;
    std::string text;
    if (original_.size() <= kMetadataHeadBytes + kMetadataTailBytes) {
      NormalizeText(original_, line_options, &lines);
      text = std::move(lines.text);
    } else {
      size_t head_end = CharBoundaryAtOrBefore(original_, kMetadataHeadBytes);
      size_t tail_begin = CharBoundaryAtOrAfter(original_, original_.size() - kMetadataTailBytes);
      NormalizeText(original_.substr(0, head_end), line_options, &lines);
      text = std::move(lines.text);
      text += "\n\n";
      NormalizeText(original_.substr(tail_begin), line_options, &lines);
      text += lines.text;
    }
    for (int r : rules_.metadata_rules()) {
      const CompiledRule& rule = *rules_.rules()[r];
      std::vector<re2::StringPiece> groups(rule.group_count);
      size_t pos = 0;
      while (pos <= text.size() &&
             rule.regex->Match(text, pos, text.size(), RE2::UNANCHORED, groups.data(), rule.group_count)) {
        const re2::StringPiece& span = groups[rule.span_group];
        size_t end = span.data() - text.data() + span.size();
        pos = NextScanPosition(text, groups[0], end);
        size_t match_begin = groups[0].data() - text.data();
        if (!ContextAllows(rule, text, match_begin, match_begin + groups[0].size())) continue;
        RuleMatch match(rule, groups, text, context_.reference_date);
        v1::Metadata found;
        if (!AssignFields(rule, match, &found)) continue;
        // The first value of each field wins.
        v1::Metadata* metadata = doc_->mutable_metadata();
        for (const CompiledField& field : rule.fields) {
          if (HasField(field.target, found) && !HasField(field.target, *metadata)) {
            metadata->GetReflection()->SwapFields(metadata, &found, {field.target.field});
          }
        }
        break;
      }
    }
  }

  // Where the next search starts: after the span, and always past the
  // match start so that empty matches make progress.
  static size_t NextScanPosition(std::string_view text, const re2::StringPiece& match, size_t span_end) {
    size_t match_begin = match.data() - text.data();
    size_t next = std::max(span_end, match_begin + 1);
    return CharBoundaryAtOrAfter(text, next);
  }

  // Scans rule `r` over [begin, end), counted in the profile if there is one.
  void Scan(int r, size_t begin, size_t end) {
    if (profile_ == nullptr) {
      ScanRule(*rules_.rules()[r], begin, end);
      return;
    }
    RuleProfile::RuleCounts& counts = profile_->rules[r];
    uint64_t matches_before = matches_;
    size_t kept_before = found_.size();
    {
      ScopedProfileTimer timer(&counts.scan_seconds);
      ScanRule(*rules_.rules()[r], begin, end);
    }
    ++counts.scans;
    counts.matches += matches_ - matches_before;
    counts.kept += found_.size() - kept_before;
  }

  void ScanRule(const CompiledRule& rule, size_t unit_begin, size_t unit_end) {
    const std::string& text = normalized_.text;
    re2::StringPiece unit(text.data() + unit_begin, unit_end - unit_begin);
    std::string_view unit_view(unit.data(), unit.size());
    groups_.assign(rule.group_count, re2::StringPiece());
    size_t pos = 0;
    // Two steps: an unanchored search for the match's bounds only (the DFA),
    // then the groups from an anchored run over just those bytes. Asking the
    // unanchored search for the groups directly costs about a third more per
    // match (measured with tiqu_microbench), and matches are most of the
    // engine's time. The anchored run finds the same groups: the match's
    // own path is the preferred one among those ending where it ends.
    // Rules whose one group wraps the whole pattern need only the first step.
    while (pos <= unit.size() && rule.regex->Match(unit, pos, unit.size(), RE2::UNANCHORED, groups_.data(), 1)) {
      ++matches_;
      if (rule.groups_are_match) {
        groups_[1] = groups_[0];
      } else if (rule.group_count > 1) {
        size_t match_begin = groups_[0].data() - unit.data();
        size_t match_end = match_begin + groups_[0].size();
        if (!rule.regex->Match(unit, match_begin, match_end, RE2::ANCHOR_BOTH, groups_.data(), rule.group_count)) {
          pos = CharBoundaryAtOrAfter(unit_view, match_begin + 1);  // unreachable: the bounds came from a match
          continue;
        }
      }
      const re2::StringPiece& span = groups_[rule.span_group];
      size_t begin = span.data() - text.data();
      size_t end = begin + span.size();
      pos = NextScanPosition(unit_view, groups_[0], end - unit_begin);
      if (span.data() == nullptr || span.empty()) continue;
      if (rule.span_starts_after != nullptr) {
        size_t cut = TrimmedSpanBegin(*rule.span_starts_after, span);
        if (cut == span.size()) continue;
        begin += cut;
        groups_[rule.span_group] = re2::StringPiece(span.data() + cut, span.size() - cut);
      }
      size_t match_begin = groups_[0].data() - text.data();
      if (!ContextAllows(rule, text, match_begin, match_begin + groups_[0].size())) continue;
      Candidate c;
      c.begin = begin;
      c.end = end;
      c.priority = rule.proto.priority();
      c.allow_inside_names = rule.proto.allow_inside_names();
      c.suppress = rule.proto.suppress();
      c.absorbs = &rule.proto.absorbs();
      c.fact.set_type(rule.proto.type());
      c.fact.set_rule(rule.proto.id());
      if (!rule.proto.custom_type().empty()) c.fact.set_custom_type(rule.proto.custom_type());
      if (c.suppress) {
        found_.push_back(std::move(c));
        continue;
      }
      auto* value = c.fact.GetReflection()->MutableMessage(&c.fact, rule.value_field);
      RuleMatch match(rule, groups_, unit_view, context_.reference_date);
      std::string_view narrowed(span.data(), span.size());
      if (!AssignFields(rule, match, value, &narrowed) || narrowed.empty()) continue;
      c.begin = begin = narrowed.data() - text.data();
      c.end = end = begin + narrowed.size();
      // Text after a span that a normalizer shortened may hold the next fact.
      pos = std::min(pos, NextScanPosition(unit_view, groups_[0], end - unit_begin));
      size_t sentence = SentenceIndexAt(sentences_, begin);
      size_t s_begin = sentences_.empty() ? 0 : sentences_[sentence];
      size_t s_end = sentence + 1 < sentences_.size() ? sentences_[sentence + 1] : text.size();
      FactContext fact_context{context_.reference_date, std::string_view(text).substr(begin, end - begin),
                               std::string_view(text).substr(s_begin, s_end - s_begin)};
      if (!FinalizeFact(fact_context, &c.fact)) continue;
      found_.push_back(std::move(c));
    }
  }

  // Maps spans back to the original text and writes the facts.
  void EmitFacts() {
    // Original byte offsets of all span ends, converted to code points in
    // one pass over the original.
    std::vector<size_t> byte_offsets;
    byte_offsets.reserve(found_.size() * 2);
    std::vector<std::pair<size_t, size_t>> spans;
    spans.reserve(found_.size());
    for (const Candidate& c : found_) {
      size_t b = normalized_.map.ToOriginalBegin(c.begin);
      size_t e = normalized_.map.ToOriginalEnd(c.end);
      spans.emplace_back(b, e);
      byte_offsets.push_back(b);
      byte_offsets.push_back(e);
    }
    std::sort(byte_offsets.begin(), byte_offsets.end());
    byte_offsets.erase(std::unique(byte_offsets.begin(), byte_offsets.end()), byte_offsets.end());
    std::vector<size_t> code_points(byte_offsets.size());
    bool valid = normalized_.invalid_sequences == 0;
    size_t counted_to = 0, count = 0;
    for (size_t i = 0; i < byte_offsets.size(); ++i) {
      count += CountCodePoints(original_.substr(counted_to, byte_offsets[i] - counted_to), valid);
      counted_to = byte_offsets[i];
      code_points[i] = count;
    }
    auto cp = [&](size_t byte) {
      return code_points[std::lower_bound(byte_offsets.begin(), byte_offsets.end(), byte) - byte_offsets.begin()];
    };
    for (size_t i = 0; i < found_.size(); ++i) {
      Candidate& c = found_[i];
      auto [b, e] = spans[i];
      v1::Fact* fact = doc_->add_facts();
      *fact = std::move(c.fact);
      v1::Span* span = fact->mutable_span();
      span->set_begin(static_cast<int32_t>(cp(b)));
      span->set_end(static_cast<int32_t>(cp(e)));
      span->set_byte_begin(static_cast<int32_t>(b));
      span->set_byte_end(static_cast<int32_t>(e));
      std::string_view raw = original_.substr(b, e - b);
      fact->set_text(valid ? std::string(raw) : RepairUtf8(raw));
      fact->set_sentence(static_cast<int32_t>(SentenceIndexAt(sentences_, c.begin)));
    }
    doc_->set_length(static_cast<int32_t>(CountCodePoints(original_, valid)));
    if (normalized_.invalid_sequences > 0) {
      doc_->mutable_status()->set_code(v1::Status::INVALID_UTF8);
      doc_->mutable_status()->set_message("replaced " + std::to_string(normalized_.invalid_sequences) +
                                          " invalid UTF-8 sequence(s) with U+FFFD");
    }
  }

  const CompiledRules& rules_;
  const ExtractorOptions& options_;
  std::string_view original_;
  v1::Document* doc_;
  NormalizedText normalized_;
  std::vector<size_t> sentences_;
  std::vector<NameZone> zones_;
  DocumentContext context_;
  std::vector<Candidate> found_;
  std::vector<re2::StringPiece> groups_;
  RuleProfile* profile_;  // null unless profiling
  uint64_t matches_ = 0;  // of all rules, for the profile
};

}  // namespace

void RunExtraction(const CompiledRules& rules, const ExtractorOptions& options, std::string_view text,
                   const std::string& reference_date, v1::Document* doc, RuleProfile* profile) {
  doc->mutable_status()->set_code(v1::Status::OK);
  if (profile != nullptr && profile->rules.size() < rules.rules().size()) profile->rules.resize(rules.rules().size());
  DocumentRun(rules, options, text, reference_date, doc, profile).Run();
}

}  // namespace tiqu
