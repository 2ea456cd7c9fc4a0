// Value normalizers: named functions that turn the text a rule captured into
// a field value (`number`: "1.5万" -> 15000; `qualifier`: "余" -> MORE_THAN).
// Rule files refer to them by name in `fields { normalizer: ... }`; a name
// may carry an argument after a colon (`lexicon:units`).
//
// A normalizer may also reject the match (return false): a rule's way of
// saying "this is not a fact after all" when, say, a number does not parse.
#ifndef TIQU_VALUES_NORMALIZERS_H_
#define TIQU_VALUES_NORMALIZERS_H_

#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "values/field_value.h"
#include "values/lexicon_values.h"

namespace tiqu {

// A word list from a rule file, with optional values.
struct Lexicon {
  std::string name;
  std::vector<std::string> entries;
  LexiconValues values;  // entry -> value (or entry itself)
  size_t max_entry_bytes = 0;

  // The value of `word`, or nullptr when it is not an entry.
  const std::string* Find(std::string_view word) const;
};

// What a normalizer sees of one match.
class MatchInput {
 public:
  virtual ~MatchInput() = default;
  // The text of the named group; empty when it did not take part.
  virtual std::string_view Group(std::string_view name) const = 0;
  virtual bool HasGroup(std::string_view name) const = 0;
  // The fact's span in normalized text.
  virtual std::string_view Span() const = 0;
  // The sentence (or document, for document-scope rules) holding the match.
  virtual std::string_view Context() const = 0;
  // Where Span() starts within Context().
  virtual size_t SpanOffsetInContext() const = 0;
  // The document's reference date (YYYY-MM-DD or coarser); may be empty.
  virtual const std::string& ReferenceDate() const = 0;
};

struct NormalizerCall {
  std::string_view input;      // the assigned group's text, the span, or the constant
  std::string_view argument;   // text after "name:"
  const MatchInput* match;
  const Lexicon* lexicon;      // for normalizers whose argument names a lexicon
  // The fact's span. A normalizer that finds the fact around its cue (the
  // place name before a matched suffix 市) may move it anywhere inside
  // match->Context(); nullptr where spans do not apply (metadata rules).
  std::string_view* span = nullptr;
};

using NormalizerFn = bool (*)(const NormalizerCall& call, FieldValue* out);

struct NormalizerInfo {
  std::string name;
  NormalizerFn fn = nullptr;
  // The argument after ':' names a lexicon that must exist.
  bool argument_is_lexicon = false;
  bool argument_required = false;
  std::string description;
};

class NormalizerRegistry {
 public:
  // All built-in normalizers.
  static const NormalizerRegistry& Get();

  void Add(NormalizerInfo info);
  const NormalizerInfo* Find(std::string_view name) const;
  const std::map<std::string, NormalizerInfo, std::less<>>& all() const { return by_name_; }

 private:
  std::map<std::string, NormalizerInfo, std::less<>> by_name_;
};

// Each room of value normalizers registers its own.
void RegisterGenericNormalizers(NormalizerRegistry* registry);
void RegisterNumericNormalizers(NormalizerRegistry* registry);
void RegisterTimeNormalizers(NormalizerRegistry* registry);
void RegisterEntityNormalizers(NormalizerRegistry* registry);

}  // namespace tiqu

#endif  // TIQU_VALUES_NORMALIZERS_H_
