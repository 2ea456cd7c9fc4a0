#include "values/normalizers.h"

#include <algorithm>

#include "values/phrase_normalizers.h"

namespace tiqu {

const std::string* Lexicon::Find(std::string_view word) const { return values.Find(word); }

void NormalizerRegistry::Add(NormalizerInfo info) {
  std::string name = info.name;
  by_name_[name] = std::move(info);
}

const NormalizerInfo* NormalizerRegistry::Find(std::string_view name) const {
  auto it = by_name_.find(name);
  return it == by_name_.end() ? nullptr : &it->second;
}

const NormalizerRegistry& NormalizerRegistry::Get() {
  static const NormalizerRegistry* registry = [] {
    auto* r = new NormalizerRegistry();
    RegisterGenericNormalizers(r);
    RegisterNumericNormalizers(r);
    RegisterPhraseNormalizers(r);
    RegisterTimeNormalizers(r);
    RegisterEntityNormalizers(r);
    return r;
  }();
  return *registry;
}

namespace {

bool Text(const NormalizerCall& call, FieldValue* out) {
  *out = FieldValue::Text(std::string(call.input));
  return true;
}

// Trims spaces and the punctuation that patterns may pick up at the edges.
bool Trim(const NormalizerCall& call, FieldValue* out) {
  std::string_view s = call.input;
  auto is_edge = [](std::string_view v, bool front) {
    static const std::string_view kEdges[] = {" ", ",", ":", ";", "、", "。", "“", "”", "\"", "'"};
    for (std::string_view e : kEdges) {
      if (v.size() >= e.size() && (front ? v.substr(0, e.size()) == e : v.substr(v.size() - e.size()) == e))
        return e.size();
    }
    return size_t{0};
  };
  for (size_t n; (n = is_edge(s, true)) > 0;) s.remove_prefix(n);
  for (size_t n; (n = is_edge(s, false)) > 0;) s.remove_suffix(n);
  if (s.empty()) return true;  // nothing left: the field stays unset
  *out = FieldValue::Text(std::string(s));
  return true;
}

// lexicon:NAME -- the entry's value; the field stays unset for other words.
bool LexiconValue(const NormalizerCall& call, FieldValue* out) {
  if (const std::string* v = call.lexicon->Find(call.input)) *out = FieldValue::Text(*v);
  return true;
}

// lexicon_suffix:NAME -- the value of the longest entry that ends the input
// (an organization's category from its last word).
bool LexiconSuffix(const NormalizerCall& call, FieldValue* out) {
  std::string_view s = call.input;
  size_t longest = std::min(s.size(), call.lexicon->max_entry_bytes);
  for (size_t n = longest; n > 0; --n) {
    if (const std::string* v = call.lexicon->Find(s.substr(s.size() - n))) {
      *out = FieldValue::Text(*v);
      return true;
    }
  }
  return true;
}

// lexicon_prefix:NAME -- the value of the longest entry that starts the input.
bool LexiconPrefix(const NormalizerCall& call, FieldValue* out) {
  std::string_view s = call.input;
  size_t longest = std::min(s.size(), call.lexicon->max_entry_bytes);
  for (size_t n = longest; n > 0; --n) {
    if (const std::string* v = call.lexicon->Find(s.substr(0, n))) {
      *out = FieldValue::Text(*v);
      return true;
    }
  }
  return true;
}

// require_lexicon:NAME -- keeps the match only when the input is an entry.
bool RequireLexicon(const NormalizerCall& call, FieldValue* out) {
  const std::string* v = call.lexicon->Find(call.input);
  if (v == nullptr) return false;
  *out = FieldValue::Text(*v);
  return true;
}

// split:SEP -- the parts between separators, trimmed, empty ones dropped
// (a breadcrumb `A>>B>>C` into its levels).
bool Split(const NormalizerCall& call, FieldValue* out) {
  std::vector<std::string> parts;
  std::string_view rest = call.input;
  for (;;) {
    size_t at = rest.find(call.argument);
    std::string_view part = rest.substr(0, at);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    while (!part.empty() && part.back() == ' ') part.remove_suffix(1);
    if (!part.empty()) parts.emplace_back(part);
    if (at == std::string_view::npos) break;
    rest.remove_prefix(at + call.argument.size());
  }
  if (!parts.empty()) *out = FieldValue::Texts(std::move(parts));
  return true;
}

}  // namespace

void RegisterGenericNormalizers(NormalizerRegistry* r) {
  r->Add({"text", Text, false, false, "the text as captured (the default)"});
  r->Add({"trim", Trim, false, false, "the text without surrounding spaces, commas and quotes"});
  r->Add({"lexicon", LexiconValue, true, true, "lexicon:NAME: the value of the entry; unset for other words"});
  r->Add({"lexicon_suffix", LexiconSuffix, true, true,
          "lexicon_suffix:NAME: the value of the longest entry that ends the text"});
  r->Add({"lexicon_prefix", LexiconPrefix, true, true,
          "lexicon_prefix:NAME: the value of the longest entry that starts the text"});
  r->Add({"require_lexicon", RequireLexicon, true, true,
          "require_lexicon:NAME: the entry's value; the match is dropped for other words"});
  r->Add({"split", Split, false, true, "split:SEP: the trimmed, non-empty parts between separators (A>>B>>C)"});
}

}  // namespace tiqu
