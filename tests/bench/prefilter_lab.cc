// Where the matching time goes, and what the alternatives to the sentence
// prefilter would cost, measured side by side in one run on the same
// sentences (the design notes of the README's benchmark section cite it).
//
//   tiqu_prefilter_lab DIR   (a directory of .txt files, a few MB)
//
// Every prefilter variant runs "interleaved": a document's sentences, then a
// full extraction of that document, as in the engine, so that each variant
// pays for the CPU caches the rest of the work evicts. Variants:
//   set, warm     the engine's RE2::Set, after a full pass over the corpus
//   set, cold     a fresh set of the same patterns (the DFA builds its states
//                 as text arrives, as on text a process has not seen)
//   atoms         RE2's FilteredRE2: literal atoms of each pattern, matched
//                 by an RE2::Set of the atoms; more candidates per sentence
//   numeric class QUANTITY/PERCENTAGE/MONEY/CHANGE rules reduced to "has a
//                 numeral": a small DFA, many more candidates
//   hyperscan     Hyperscan's prefilter mode, when built with it
// and then the rules themselves on the engine's candidates: the unanchored
// search for each match's bounds, and the anchored run that reads groups.
#include <re2/filtered_re2.h>
#include <re2/set.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#ifdef TIQU_LAB_HYPERSCAN
#include <hs/hs.h>
#endif

#include "normalize/sentence_splitter.h"
#include "normalize/text_normalizer.h"
#include "rules/compiled_rules.h"
#include "rules/pattern_syntax.h"
#include "tiqu/tiqu.h"

namespace tiqu {
namespace {

using Clock = std::chrono::steady_clock;
double SecondsSince(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

struct Corpus {
  std::vector<std::string> raw;
  std::vector<std::string> normalized;
  std::vector<std::vector<std::string_view>> sentences;  // per document
  size_t bytes = 0, sentence_count = 0;
};

Corpus Load(const std::string& dir) {
  Corpus c;
  std::vector<std::string> paths;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir)) {
    if (e.path().extension() == ".txt") paths.push_back(e.path().string());
  }
  std::sort(paths.begin(), paths.end());
  for (const std::string& p : paths) {
    std::ifstream in(p, std::ios::binary);
    c.raw.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    NormalizedText n;
    NormalizeText(c.raw.back(), {}, &n);
    c.normalized.push_back(std::move(n.text));
    c.bytes += c.raw.back().size();
  }
  for (const std::string& text : c.normalized) {
    std::vector<size_t> starts;
    SplitSentences(text, &starts);
    auto& out = c.sentences.emplace_back();
    for (size_t s = 0; s < starts.size(); ++s) {
      size_t end = s + 1 < starts.size() ? starts[s + 1] : text.size();
      out.push_back(std::string_view(text).substr(starts[s], end - starts[s]));
    }
    c.sentence_count += starts.size();
  }
  return c;
}

// Runs `candidates_of` on every sentence of each document, then extracts that
// document; returns the seconds spent in `candidates_of` and the candidates.
template <typename F>
std::pair<double, size_t> Interleaved(const Corpus& c, const Extractor& ex, F candidates_of) {
  double seconds = 0;
  size_t candidates = 0;
  for (size_t d = 0; d < c.raw.size(); ++d) {
    auto t = Clock::now();
    for (std::string_view s : c.sentences[d]) candidates += candidates_of(s);
    seconds += SecondsSince(t);
    StatusOr<v1::Document> doc = ex.Extract(c.raw[d]);
    (void)doc;
  }
  return {seconds, candidates};
}

void Report(const char* name, std::pair<double, size_t> r, const Corpus& c) {
  std::printf("  %-34s %7.3f s  %6.1f MB/s  %8zu candidates\n", name, r.first, c.bytes / 1e6 / r.first, r.second);
}

std::vector<const CompiledRule*> SentenceRules(const CompiledRules& rules) {
  std::vector<const CompiledRule*> out;
  for (const auto& r : rules.rules()) {
    if (!r->proto.metadata() && r->proto.scope() != v1::Rule::DOCUMENT) out.push_back(r.get());
  }
  return out;
}

int Main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: tiqu_prefilter_lab DIR\n");
    return 2;
  }
  Corpus corpus = Load(argv[1]);
  StatusOr<Extractor> ex = Extractor::Create();
  if (!ex.ok()) return 1;
  const CompiledRules& rules = ex->rules();
  std::vector<const CompiledRule*> sentence_rules = SentenceRules(rules);
  std::printf("%zu documents, %.2f MB, %zu sentences, %zu sentence-scope rules\n", corpus.raw.size(),
              corpus.bytes / 1e6, corpus.sentence_count, sentence_rules.size());
  RE2::Options options = RuleRegexOptions();
  options.set_max_mem(128 << 20);
  std::vector<int> hits;

  std::printf("sentence prefilter, interleaved with extraction:\n");
  for (const std::string& raw : corpus.raw) (void)ex->Extract(raw);  // warm the engine's set
  std::vector<int> candidates;
  Report("set, warm (the engine's)", Interleaved(corpus, *ex, [&](std::string_view s) {
           rules.SentenceCandidates(s, &candidates);
           return candidates.size();
         }), corpus);

  auto set_of = [&](auto pattern_of) {
    auto set = std::make_unique<RE2::Set>(options, RE2::UNANCHORED);
    for (const CompiledRule* r : sentence_rules) set->Add(pattern_of(*r), nullptr);
    set->Compile();
    return set;
  };
  auto set_candidates = [&](const RE2::Set& set) {
    return [&](std::string_view s) {
      hits.clear();
      set.Match(re2::StringPiece(s.data(), s.size()), &hits);
      return hits.size();
    };
  };
  auto cold = set_of([](const CompiledRule& r) { return LoosenRepetitions(r.expanded_prefilter); });
  Report("set, cold (fresh DFA)", Interleaved(corpus, *ex, set_candidates(*cold)), corpus);

  re2::FilteredRE2 filtered(1);
  for (const CompiledRule* r : sentence_rules) {
    int id;
    filtered.Add(r->expanded_prefilter, RuleRegexOptions(), &id);
  }
  std::vector<std::string> atoms;
  filtered.Compile(&atoms);
  RE2::Options atom_options = options;
  atom_options.set_case_sensitive(false);  // atoms are lower-cased
  RE2::Set atom_set(atom_options, RE2::UNANCHORED);
  for (const std::string& a : atoms) atom_set.Add(RE2::QuoteMeta(a), nullptr);
  atom_set.Compile();
  std::vector<int> potentials;
  std::string label = "atoms (" + std::to_string(atoms.size()) + " literals)";
  Report(label.c_str(), Interleaved(corpus, *ex, [&](std::string_view s) {
           hits.clear();
           atom_set.Match(re2::StringPiece(s.data(), s.size()), &hits);
           filtered.AllPotentials(hits, &potentials);
           return potentials.size();
         }), corpus);

  auto numeric = set_of([](const CompiledRule& r) {
    v1::Fact::Type t = r.proto.type();
    bool number = t == v1::Fact::QUANTITY || t == v1::Fact::PERCENTAGE || t == v1::Fact::MONEY ||
                  t == v1::Fact::CHANGE;
    return number ? std::string("[0-9〇零一二两三四五六七八九十百千万亿]") : LoosenRepetitions(r.expanded_prefilter);
  });
  Report("numeric rules as a numeral class", Interleaved(corpus, *ex, set_candidates(*numeric)), corpus);

#ifdef TIQU_LAB_HYPERSCAN
  {
    std::vector<std::string> patterns;
    std::vector<const char*> pointers;
    std::vector<unsigned> flags, ids;
    for (const CompiledRule* r : sentence_rules) patterns.push_back(LoosenRepetitions(r->expanded_prefilter));
    for (size_t i = 0; i < patterns.size(); ++i) {
      pointers.push_back(patterns[i].c_str());
      flags.push_back(HS_FLAG_UTF8 | HS_FLAG_UCP | HS_FLAG_PREFILTER | HS_FLAG_SINGLEMATCH | HS_FLAG_ALLOWEMPTY);
      ids.push_back(static_cast<unsigned>(i));
    }
    hs_database_t* db = nullptr;
    hs_compile_error_t* error = nullptr;
    auto t = Clock::now();
    if (hs_compile_multi(pointers.data(), flags.data(), ids.data(), static_cast<unsigned>(pointers.size()),
                         HS_MODE_BLOCK, nullptr, &db, &error) != HS_SUCCESS) {
      std::printf("  hyperscan: cannot compile: %s\n", error->message);
      hs_free_compile_error(error);
    } else {
      std::printf("  (hyperscan database compiled in %.2f s)\n", SecondsSince(t));
      hs_scratch_t* scratch = nullptr;
      hs_alloc_scratch(db, &scratch);
      auto on_match = [](unsigned, unsigned long long, unsigned long long, unsigned, void* count) -> int {
        ++*static_cast<size_t*>(count);
        return 0;
      };
      Report("hyperscan, prefilter mode", Interleaved(corpus, *ex, [&](std::string_view s) {
               size_t count = 0;
               hs_scan(db, s.data(), static_cast<unsigned>(s.size()), 0, scratch, on_match, &count);
               return count;
             }), corpus);
      hs_free_scratch(scratch);
      hs_free_database(db);
    }
  }
#else
  std::printf("  hyperscan: not measured (built without it; apt-get install libhyperscan-dev)\n");
#endif

  // The rules on the engine's candidates, as ScanRule runs them.
  double bounds = 0, groups = 0;
  size_t matches = 0, searches = 0;
  std::vector<re2::StringPiece> g(64);
  for (const auto& doc : corpus.sentences) {
    for (std::string_view s : doc) {
      rules.SentenceCandidates(s, &candidates);
      re2::StringPiece unit(s.data(), s.size());
      for (int index : candidates) {
        const CompiledRule& r = *rules.rules()[index];
        size_t pos = 0;
        while (true) {
          auto t = Clock::now();
          bool found = pos <= unit.size() && r.regex->Match(unit, pos, unit.size(), RE2::UNANCHORED, g.data(), 1);
          bounds += SecondsSince(t);
          ++searches;
          if (!found) break;
          size_t begin = g[0].data() - unit.data(), end = begin + g[0].size();
          if (r.group_count > 1) {
            t = Clock::now();
            r.regex->Match(unit, begin, end, RE2::ANCHOR_BOTH, g.data(), r.group_count);
            groups += SecondsSince(t);
          }
          ++matches;
          pos = std::max(end, begin + 1);
          while (pos < unit.size() && (static_cast<unsigned char>(unit[pos]) & 0xC0) == 0x80) ++pos;
        }
      }
    }
  }
  std::printf("rules on the engine's candidates (not interleaved):\n");
  std::printf("  %-34s %7.3f s  %zu searches (%.2f us each)\n", "unanchored search for bounds", bounds, searches,
              bounds / searches * 1e6);
  std::printf("  %-34s %7.3f s  %zu matches (%.2f us each)\n", "anchored run reading groups", groups, matches,
              groups / matches * 1e6);
  return 0;
}

}  // namespace
}  // namespace tiqu

int main(int argc, char** argv) { return tiqu::Main(argc, argv); }
