// Google Benchmark microbenchmarks of the hot units: normalization, sentence
// splitting, numeral parsing, the per-sentence rule prefilter, and whole
// documents through the default rule pack. Input: the sample documents of
// examples/corpus, concatenated (bytes/s are of that UTF-8 text).
#include <benchmark/benchmark.h>
#include <google/protobuf/util/json_util.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "normalize/sentence_splitter.h"
#include "normalize/text_normalizer.h"
#include "rules/compiled_rules.h"
#include "tiqu/io.h"
#include "tiqu/numeral.h"
#include "tiqu/tiqu.h"

namespace tiqu {
namespace {

const std::string& SampleText() {
  static const std::string text = [] {
    std::vector<std::string> paths;
    for (const auto& e : std::filesystem::directory_iterator(TIQU_BENCH_CORPUS_DIR)) {
      if (e.path().extension() == ".txt") paths.push_back(e.path().string());
    }
    std::sort(paths.begin(), paths.end());
    std::string all;
    for (const std::string& p : paths) {
      std::ifstream in(p, std::ios::binary);
      all.append(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
      all += "\n";
    }
    return all;
  }();
  return text;
}

const Extractor& DefaultExtractor() {
  static const Extractor extractor = *Extractor::Create();
  return extractor;
}

void BM_Normalize(benchmark::State& state) {
  const std::string& text = SampleText();
  NormalizedText out;
  for (auto _ : state) {
    NormalizeText(text, {}, &out);
    benchmark::DoNotOptimize(out.text.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_Normalize);

void BM_SplitSentences(benchmark::State& state) {
  NormalizedText normalized;
  NormalizeText(SampleText(), {}, &normalized);
  std::vector<size_t> starts;
  for (auto _ : state) {
    SplitSentences(normalized.text, &starts);
    benchmark::DoNotOptimize(starts.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * normalized.text.size()));
}
BENCHMARK(BM_SplitSentences);

void BM_ParseNumeral(benchmark::State& state) {
  const std::vector<std::string> numerals = {"288",    "1.5万",        "两万三千",   "一千二百三十四", "3.2亿",
                                             "四五",   "12,345",       "二〇二三",   "百分之三十",     "十一",
                                             "9800万", "一百零五万四千", "0.75",       "三四十",         "6千"};
  size_t parsed = 0;
  for (auto _ : state) {
    for (const std::string& n : numerals) {
      StatusOr<Numeral> v = ParseNumeral(n);
      parsed += v.ok();
      benchmark::DoNotOptimize(v);
    }
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * numerals.size()));
  benchmark::DoNotOptimize(parsed);
}
BENCHMARK(BM_ParseNumeral);

void BM_SentencePrefilter(benchmark::State& state) {
  NormalizedText normalized;
  NormalizeText(SampleText(), {}, &normalized);
  std::vector<size_t> starts;
  SplitSentences(normalized.text, &starts);
  const CompiledRules& rules = DefaultExtractor().rules();
  std::vector<int> candidates;
  for (auto _ : state) {
    for (size_t s = 0; s < starts.size(); ++s) {
      size_t end = s + 1 < starts.size() ? starts[s + 1] : normalized.text.size();
      rules.SentenceCandidates(std::string_view(normalized.text).substr(starts[s], end - starts[s]), &candidates);
      benchmark::DoNotOptimize(candidates.data());
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * normalized.text.size()));
  state.counters["sentences"] = static_cast<double>(starts.size());
}
BENCHMARK(BM_SentencePrefilter);

// The same, but with freshly compiled rules each iteration: the prefilter's
// DFA starts empty and builds its states as the text arrives, as it does on
// text it has not seen (the warm figure above repeats one text). The gap
// between the two is the cost of the set's many DFA states.
void BM_SentencePrefilterCold(benchmark::State& state) {
  NormalizedText normalized;
  NormalizeText(SampleText(), {}, &normalized);
  std::vector<size_t> starts;
  SplitSentences(normalized.text, &starts);
  std::vector<int> candidates;
  for (auto _ : state) {
    state.PauseTiming();
    StatusOr<Extractor> fresh = Extractor::Create();
    state.ResumeTiming();
    for (size_t s = 0; s < starts.size(); ++s) {
      size_t end = s + 1 < starts.size() ? starts[s + 1] : normalized.text.size();
      fresh->rules().SentenceCandidates(std::string_view(normalized.text).substr(starts[s], end - starts[s]),
                                        &candidates);
      benchmark::DoNotOptimize(candidates.data());
    }
    state.PauseTiming();
    fresh = Status(StatusCode::kInternal, "");  // destroyed outside the timing
    state.ResumeTiming();
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * normalized.text.size()));
}
BENCHMARK(BM_SentencePrefilterCold)->Unit(benchmark::kMillisecond);

void BM_ExtractDocument(benchmark::State& state) {
  const std::string& text = SampleText();
  const Extractor& extractor = DefaultExtractor();
  size_t facts = 0;
  for (auto _ : state) {
    StatusOr<v1::Document> doc = extractor.Extract(text);
    facts += static_cast<size_t>(doc->facts_size());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
  state.counters["facts/s"] = benchmark::Counter(static_cast<double>(facts), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_ExtractDocument);

// The jsonl writer's conversion of one Document (the sample corpus as one
// text): tiqu's printer (arg 0) against protobuf's MessageToJsonString (arg
// 1), which it replaced and must match byte for byte.
void BM_DocumentToJson(benchmark::State& state) {
  const v1::Document doc = *DefaultExtractor().Extract(SampleText());
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  size_t bytes = 0;
  for (auto _ : state) {
    std::string json;
    if (state.range(0) == 0) {
      json = DocumentToJson(doc);
    } else {
      (void)google::protobuf::util::MessageToJsonString(doc, &json, options);
    }
    bytes += json.size();
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));  // bytes of JSON written
  state.counters["facts/s"] = benchmark::Counter(static_cast<double>(state.iterations()) * doc.facts_size(),
                                                 benchmark::Counter::kIsRate);
}
BENCHMARK(BM_DocumentToJson)->Arg(0)->Arg(1);

void BM_LoadDefaultRules(benchmark::State& state) {
  for (auto _ : state) {
    StatusOr<Extractor> extractor = Extractor::Create();
    benchmark::DoNotOptimize(extractor.ok());
  }
}
BENCHMARK(BM_LoadDefaultRules)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace tiqu

BENCHMARK_MAIN();
